//! The three states a panel shows besides its data: loading, empty and failed.
//! Each looks different and says what it is in words, not only by colour.

use leptos::prelude::*;

use crate::api::ApiError;

/// Data is on its way.
#[component]
pub fn Loading(
    /// What is loading, e.g. "top protocols".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    view! {
        <div class="state state-loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {format!("Loading {what}…")}
        </div>
    }
}

/// The answer holds nothing.
#[component]
pub fn Empty(
    /// Why there is nothing, and what to try.
    #[prop(into)]
    message: String,
) -> impl IntoView {
    view! {
        <div class="state state-empty" role="status">
            <span class="state-icon" aria-hidden="true">
                "∅"
            </span>
            {message}
        </div>
    }
}

/// The request failed.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: ApiError,
) -> impl IntoView {
    view! {
        <div class="state state-error" role="alert">
            <span class="state-icon" aria-hidden="true">
                "!"
            </span>
            <span>
                <strong>"Could not load this panel. "</strong>
                {error.to_string()}
            </span>
        </div>
    }
}
