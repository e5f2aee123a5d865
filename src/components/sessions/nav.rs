//! Previous/next session of the search result the session was opened from,
//! and the way back to that result (see [`crate::state::result_nav`]).

use leptos::prelude::*;
use leptos_router::components::A;
use sps_api::SessionsParams;

use crate::api::ApiClient;
use crate::components::sessions::tasks::{session_storage, Scope, Task};
use crate::format;
use crate::paths::browser::{href, Go, Navigator};
use crate::paths::SESSIONS;
use crate::state::result_nav::{ResultNav, Step, STORAGE_KEY};
use crate::state::session_view::{session_link, SessionView};

fn load() -> Option<ResultNav> {
    ResultNav::from_json(&session_storage()?.get_item(STORAGE_KEY).ok().flatten()?)
}

fn store(nav: &ResultNav) {
    if let Some(storage) = session_storage() {
        // A full or disabled storage only costs previous/next.
        let _ = storage.set_item(STORAGE_KEY, &nav.to_json());
    }
}

/// The result bar above a session: back to the result, previous, position, next.
#[component]
pub fn ResultNavBar(
    /// The session shown.
    #[prop(into)]
    id: Signal<String>,
    /// What the neighbours open with: the display zone, and the events filter (a
    /// content search's words stay marked from session to session).
    #[prop(into)]
    carried: Signal<SessionView>,
) -> impl IntoView {
    let scope = StoredValue::new_local(Scope::here());
    let client = StoredValue::new(expect_context::<ApiClient>());
    let navigator = Navigator::here();
    // Re-read on every id: a step rewrites the stored page.
    let nav = Memo::new(move |_| {
        let id = id.get();
        load().filter(|n| n.position(&id).is_some())
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let task = StoredValue::new_local(None::<Task>);

    let open = move |target: String| {
        navigator.go(&session_link(&target, &carried.get_untracked()), Go::Open);
    };
    let step = move |forward: bool| {
        let Some(current) = nav.get_untracked() else { return };
        let id = id.get_untracked();
        let next = if forward { current.next(&id) } else { current.previous(&id) };
        match next {
            Some(Step::Open(target)) => open(target),
            Some(Step::Fetch { offset, last }) => {
                busy.set(true);
                error.set(None);
                let client = client.get_value();
                let params = SessionsParams { offset: Some(offset as u32), ..current.params.clone() };
                task.set_value(Some(scope.get_value().spawn(async move {
                    match client.sessions(&params).await {
                        Ok(page) if !page.items.is_empty() => {
                            let ids: Vec<String> = page.items.iter().map(|i| i.key.clone()).collect();
                            let target = if last { ids[ids.len() - 1].clone() } else { ids[0].clone() };
                            store(&current.with_page(offset, ids));
                            busy.try_set(false);
                            open(target);
                        }
                        Ok(_) => {
                            busy.try_set(false);
                            error.try_set(Some("The result has no more sessions.".into()));
                        }
                        Err(e) => {
                            busy.try_set(false);
                            error.try_set(Some(e.to_string()));
                        }
                    }
                })));
            }
            None => {}
        }
    };

    move || {
        let id = id.get();
        match nav.get() {
            None => view! {
                <nav class="result-nav" aria-label="Search result">
                    <A href=href(SESSIONS)>"← Session search"</A>
                </nav>
            }
            .into_any(),
            Some(n) => {
                let has_prev = n.previous(&id).is_some();
                let has_next = n.next(&id).is_some();
                let place =
                    n.ordinal(&id).map(|o| format!("Session {} of {}", format::count(o), format::count(n.total)));
                view! {
                    <nav class="result-nav" aria-label="Search result">
                        <A href=href(&n.back_href(&id))>"← Back to results"</A>
                        <div class="result-steps">
                            <button
                                type="button"
                                disabled=move || !has_prev || busy.get()
                                on:click=move |_| step(false)
                                title="Previous session of the result"
                            >
                                "‹ Previous"
                            </button>
                            <span class="result-place" role="status">
                                {place}
                            </span>
                            <button
                                type="button"
                                disabled=move || !has_next || busy.get()
                                on:click=move |_| step(true)
                                title="Next session of the result"
                            >
                                "Next ›"
                            </button>
                        </div>
                        {move || {
                            error
                                .get()
                                .map(|e| {
                                    view! {
                                        <span class="form-error" role="alert">
                                            {e}
                                        </span>
                                    }
                                })
                        }}
                    </nav>
                }
                .into_any()
            }
        }
    }
}
