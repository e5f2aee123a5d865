//! The events filter: the query (the composer with the events schema; a query
//! with errors is never applied) and the event-type chips.

use leptos::prelude::*;
use sps_api::EventType;
use sps_query::Schema;

use crate::components::composer::Composer;
use crate::state::session_view::SessionView;

/// The events query.
#[component]
pub fn EventsQuery(view: Memo<SessionView>, set_view: Callback<(SessionView, bool)>) -> impl IntoView {
    let value = Signal::derive(move || view.with(|v| v.q.clone()));
    let on_apply = Callback::new(move |q: String| {
        let mut next = view.get_untracked();
        next.q = q;
        next.event = None;
        set_view.run((next, false));
    });
    view! {
        <Composer
            schema=Schema::events()
            value
            on_apply
            storage_key="events"
            id="events-query"
            placeholder="Filter events, e.g. content:sudo OR type:file_transfer"
        />
    }
}

/// A chip per event type (the known ones and any the URL names), pressed when the
/// list shows that type, and "All types" while any is pressed.
#[component]
pub fn TypeChips(view: Memo<SessionView>, set_view: Callback<(SessionView, bool)>) -> impl IntoView {
    let chips = move || {
        let v = view.get();
        let mut types: Vec<EventType> = EventType::KNOWN.to_vec();
        for t in &v.types {
            if !types.contains(t) {
                types.push(t.clone());
            }
        }
        types
            .into_iter()
            .map(|t| {
                let on = v.types.contains(&t);
                let label = t.as_str().to_owned();
                let toggled = v.toggled(&t);
                view! {
                    <button
                        type="button"
                        class="chip"
                        aria-pressed=on.to_string()
                        title=if on {
                            "Shown: click to stop filtering by this type"
                        } else {
                            "Show only this type (with the other chosen ones)"
                        }
                        on:click=move |_| set_view.run((toggled.clone(), false))
                    >
                        {label}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <div class="chips" role="group" aria-label="Event types">
            {chips}
            <Show when=move || view.with(|v| !v.types.is_empty())>
                <button
                    type="button"
                    class="chip chip-clear"
                    on:click=move |_| {
                        let mut next = view.get_untracked();
                        next.types.clear();
                        set_view.run((next, false));
                    }
                >
                    "All types"
                </button>
            </Show>
        </div>
    }
}
