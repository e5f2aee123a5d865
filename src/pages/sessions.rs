//! `/sessions`: session search.

use leptos::prelude::*;

/// The session search page. It gets its table with the session search work;
/// until then it says so plainly instead of pretending.
#[component]
pub fn Sessions() -> impl IntoView {
    view! {
        <div class="page-heading">
            <h1>"Sessions"</h1>
        </div>
        <p class="notice">"Session search is not available in this version yet. Use the overview for now."</p>
    }
}
