//! `/sessions/:id`: one session's drill-down. Its properties grouped as an
//! analyst reads them, its alerts, and its events (filter, type chips, timeline,
//! a virtualized table over every event); previous/next of the search result it
//! was opened from. Not found, not indexed and no alerts each say so.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::Value;

use crate::api::{ApiClient, ApiError};
use crate::clock::now;
use crate::components::panel_data::use_panel_data;
use crate::components::sessions::alerts::AlertsPanel;
use crate::components::sessions::detail::SessionDetail;
use crate::components::sessions::events::{EventsContext, EventsPanel};
use crate::components::sessions::nav::ResultNavBar;
use crate::components::status::{ErrorNotice, Loading};
use crate::components::url_problems::UrlProblems;
use crate::paths::browser::{Go, UrlBinding};
use crate::paths::Route;
use crate::state::search::cells::{cell, Cell};
use crate::state::search::columns::{Column, Kind};
use crate::state::session_detail::index_note;
use crate::state::session_view::SessionView;
use crate::zone::Zone;

fn time_of(body: &Value, field: &'static str) -> Option<DateTime<Utc>> {
    match cell(body, &Column { field, label: field, kind: Kind::Time, default: false }) {
        Cell::Time(t) => Some(t),
        _ => None,
    }
}

/// The drill-down page of one session.
#[component]
pub fn Session() -> impl IntoView {
    let params = use_params_map();
    let binding = UrlBinding::here(Route::Session);
    let client = expect_context::<ApiClient>();
    let auth = client.auth();
    // The id comes from the URL (decoded): shown as text only, sent percent-encoded.
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let parsed = Memo::new(move |_| binding.pairs.with(|pairs| SessionView::from_query(pairs)));
    let view = Memo::new(move |_| parsed.with(|p| p.0.clone()));
    let browser = Zone::browser();
    let tz = Signal::derive(move || view.with(|v| v.zone.resolve(browser)));
    let set_view = Callback::new(move |(next, replace): (SessionView, bool)| {
        binding.set(&next.to_query(), if replace { Go::Rewrite } else { Go::Change });
    });
    let reload = RwSignal::new(0_u32);

    let detail = use_panel_data(move || {
        auth.track();
        reload.track();
        let id = id.get();
        let client = client.clone();
        async move { client.session(&id).await.map(|s| serde_json::to_value(&s.body).unwrap_or_default()) }
    });
    let body = Signal::derive(move || detail.value.get());
    let span = Signal::derive(move || {
        body.with(|b| {
            let b = b.as_ref()?;
            let start = time_of(b, "start_time")?;
            let end = time_of(b, "end_time").unwrap_or_else(now);
            Some((start, end.max(start)))
        })
    });
    let alert_times = RwSignal::new(Vec::<DateTime<Utc>>::new());
    let not_found = Memo::new(move |_| matches!(detail.error.get(), Some(ApiError::Http { status: 404, .. })));

    let summary = move || {
        match (detail.value.get(), detail.error.get()) {
        (_, Some(ApiError::Http { status: 404, .. })) => view! {
            <div class="state state-empty state-not-found" role="status">
                <span class="state-icon" aria-hidden="true">
                    "?"
                </span>
                <span>
                    <strong>"Session not found. "</strong>
                    "SPS has no session with this id: the link may be mistyped, or the session was deleted or is outside this SPS's retention."
                </span>
            </div>
        }
        .into_any(),
        (Some(body), _) => view! { <SessionDetail body tz=tz.get() /> }.into_any(),
        (None, Some(ApiError::Unauthenticated)) => view! { <p class="notice">"Log in to SPS to see this session."</p> }.into_any(),
        (None, Some(error)) => view! { <ErrorNotice error /> }.into_any(),
        (None, None) => view! { <Loading what="the session" /> }.into_any(),
    }
    };
    let ctx = EventsContext {
        id: id.into(),
        view,
        set_view,
        tz,
        span,
        alert_times: alert_times.into(),
        index_note: Signal::derive(move || body.with(|b| b.as_ref().and_then(index_note))),
        reload: reload.into(),
    };
    let carried = Signal::derive(move || {
        view.with(|v| SessionView { zone: v.zone, q: v.q.clone(), alerts_page: 1, ..SessionView::default() })
    });

    view! {
        <ResultNavBar id carried />
        <div class="page-heading session-heading">
            <h1>"Session"</h1>
            <p class="mono session-id" title="Session id">
                {id}
            </p>
            <button
                type="button"
                class="reload"
                title="Load the session, its alerts and events again"
                on:click=move |_| reload.update(|n| *n = n.wrapping_add(1))
            >
                "Reload"
            </button>
        </div>
        <UrlProblems problems=Signal::derive(move || parsed.with(|p| p.1.clone())) />
        <section class="panel session-summary" aria-label="Session details">
            <h2 class="sr-only">"Details"</h2>
            {summary}
        </section>
        <Show when=move || !not_found.get()>
            <AlertsPanel id view set_view tz reload times=alert_times />
            <EventsPanel ctx />
        </Show>
    }
}
