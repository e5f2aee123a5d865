//! `/sessions/:id`: one session's drill-down.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The drill-down page of one session.
#[component]
pub fn Session() -> impl IntoView {
    let params = use_params_map();
    // The id comes from the URL: shown as text only.
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <div class="page-heading">
            <h1>"Session"</h1>
            <p class="mono">{id}</p>
        </div>
        <p class="notice">"Session details are not available in this version yet."</p>
    }
}
