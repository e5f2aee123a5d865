//! The content search box: words to look for in the sessions' recorded content
//! (commands, window titles, screen text), the view's `content` key. The top-N
//! panels send it as the stats `content` parameter; sessions opened from the view
//! show their events filtered by it, its words marked.
//!
//! A plain box rather than a second composer: a content search is a few words, and
//! its only field is `content`. It is checked as typed (the content schema) and a
//! search with an error is never applied; Enter applies, Escape reverts.

use leptos::prelude::*;

use crate::state::content::content_error;
use crate::state::url::ViewCtl;

/// The box, bound to the page's view (`ViewCtl` in context).
#[component]
pub fn ContentSearch() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let applied = Memo::new(move |_| ctl.view.with(|v| v.content.clone()));
    let draft = RwSignal::new(applied.get_untracked());
    // Follow the applied search when it changes elsewhere (back/forward, a link).
    Effect::new(move |first: Option<()>| {
        let now = applied.get();
        if first.is_some() {
            draft.set(now);
        }
    });
    let error = Memo::new(move |_| draft.with(|d| content_error(d)));
    let apply = move || {
        if error.get_untracked().is_none() {
            let content = draft.get_untracked().trim().to_owned();
            ctl.update(|v| v.content = content);
        }
    };
    let clear = move |_| {
        draft.set(String::new());
        ctl.update(|v| v.content.clear());
    };
    view! {
        <form
            class="content-search"
            role="search"
            aria-label="Content search"
            on:submit=move |ev| {
                ev.prevent_default();
                apply();
            }
        >
            <label for="content-search" class="content-search-label">
                "Recorded content"
            </label>
            <input
                id="content-search"
                class="content-search-input mono"
                type="text"
                enterkeyhint="search"
                autocomplete="off"
                spellcheck="false"
                placeholder="Words SPS recorded in the sessions, e.g. sudo or \"rm -rf\""
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby="content-search-problem"
                prop:value=draft
                on:input:target=move |ev| draft.set(ev.target().value())
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        draft.set(applied.get_untracked());
                    }
                }
            />
            <button
                type="submit"
                class="primary"
                disabled=move || error.with(Option::is_some)
                title=move || {
                    error
                        .get()
                        .map_or_else(
                            || "Search the recorded content (Enter)".to_owned(),
                            |e| format!("Fix the content search first: {e}"),
                        )
                }
            >
                "Search content"
            </button>
            <Show when=move || applied.with(|c| !c.is_empty())>
                <button type="button" on:click=clear>
                    "Clear content search"
                </button>
            </Show>
            <p id="content-search-problem" class="content-search-problem" aria-live="polite">
                {move || error.get()}
            </p>
        </form>
    }
}
