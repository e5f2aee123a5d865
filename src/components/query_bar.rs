//! A query input that checks the text against the session schema as it is typed
//! and refuses to apply a query with errors. (The full composer with highlighting,
//! completion and a builder replaces it.)

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use sps_query::Schema;

use crate::state::query::query_error;
use crate::state::url::ViewCtl;

/// The overview's query input.
#[component]
pub fn QueryBar() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let (text, set_text) = signal(ctl.view.get_untracked().q);
    // Follow the URL when it changes from elsewhere (a chart click, back/forward).
    Effect::new(move |_| set_text.set(ctl.view.get().q));
    let error = Memo::new(move |_| text.with(|t| query_error(t, Schema::sessions())));
    let changed = move || text.get() != ctl.view.with(|v| v.q.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if error.get_untracked().is_none() {
            let q = text.get_untracked().trim().to_owned();
            ctl.update(|v| v.q = q);
        }
    };
    view! {
        <form class="query-bar" role="search" on:submit=on_submit>
            <label for="query" class="sr-only">"Query"</label>
            <input
                id="query"
                type="search"
                class="query-input"
                class:invalid=move || error.get().is_some()
                placeholder="Filter sessions, e.g. protocol:ssh AND NOT verdict:ACCEPT"
                spellcheck="false"
                autocomplete="off"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="query-error"
                prop:value=text
                on:input:target=move |ev| set_text.set(ev.target().value())
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        set_text.set(ctl.view.get_untracked().q);
                    }
                }
            />
            <button
                type="submit"
                class="primary"
                disabled=move || error.get().is_some() || !changed()
                title=move || error.get().unwrap_or_default()
            >
                "Apply"
            </button>
            <p id="query-error" class="query-error" role="alert">{move || error.get()}</p>
        </form>
    }
}
