//! Any path the router does not know.

use leptos::prelude::*;

use crate::paths::browser::href;
use crate::paths::OVERVIEW;

/// The page for unknown paths.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="page-heading">
            <h1>"Page not found"</h1>
        </div>
        <p class="notice">"There is no page at this address. " <a href=href(OVERVIEW)>"Go to the overview"</a> "."</p>
    }
}
