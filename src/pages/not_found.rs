//! Any path the router does not know.

use leptos::prelude::*;

use crate::app::app_path;

/// The page for unknown paths.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="page-heading">
            <h1>"Page not found"</h1>
        </div>
        <p class="notice">
            "There is no page at this address. " <a href=app_path("/")>"Go to the overview"</a> "."
        </p>
    }
}
