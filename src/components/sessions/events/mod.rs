//! A session's events: the events query and type chips, the timeline, and a table
//! that pages through the API by `limit`/`offset` as it scrolls, with only the
//! visible rows in the DOM (100,000 events scroll like 100). A row opens its
//! full text below the table; an alert's link scrolls to its event. The words the
//! filter looks for in `content` (a content search opened the page with them) are
//! marked in each event's content.
//!
//! The panel wires its parts: [`loader`] fetches the list's blocks, [`scroll`]
//! says which rows are on screen, [`samples`] feeds the timeline, [`locate`] finds
//! an alert's event; [`filter`], [`event_table`] and [`event_detail`] draw.

pub mod event_detail;
pub mod event_table;
pub mod filter;
pub mod loader;
pub mod locate;
pub mod samples;
pub mod scroll;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use sps_query::Schema;

use crate::api::{ApiClient, ApiError};
use crate::charts::timeline::{Sample, Timeline};
use crate::components::sessions::events::event_detail::EventDetail;
use crate::components::sessions::events::event_table::EventsTable;
use crate::components::sessions::events::filter::{EventsQuery, TypeChips};
use crate::components::sessions::events::loader::{EventLoader, ListKey};
use crate::components::sessions::events::locate::Locator;
use crate::components::sessions::events::samples::sample_timeline;
use crate::components::sessions::events::scroll::Scroll;
use crate::components::sessions::timeline::EventsTimeline;
use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::format;
use crate::state::event_list::{event_time, spans_days};
use crate::state::query::query_error;
use crate::state::record_pages::Total;
use crate::state::session_view::SessionView;
use crate::text::terms::Terms;
use crate::zone::Zone;

/// What the panel needs from its page.
#[derive(Clone, Copy)]
pub struct EventsContext {
    /// The session id.
    pub id: Signal<String>,
    /// The page's URL state.
    pub view: Memo<SessionView>,
    /// Changes the page's URL state (`true`: replace the history entry).
    pub set_view: Callback<(SessionView, bool)>,
    /// The display zone.
    pub tz: Signal<Zone>,
    /// The session's start and end (now while active), once known.
    pub span: Signal<Option<(DateTime<Utc>, DateTime<Utc>)>>,
    /// Times of the alerts shown, for the timeline.
    pub alert_times: Signal<Vec<DateTime<Utc>>>,
    /// What the index status says when there are no events.
    pub index_note: Signal<Option<String>>,
    /// Bumped by "Reload".
    pub reload: Signal<u32>,
}

/// What the events area shows.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Failed(ApiError),
    NeedsQuery,
    NoMatch,
    NotIndexed,
    Table,
}

/// The events panel.
#[component]
pub fn EventsPanel(ctx: EventsContext) -> impl IntoView {
    let auth = expect_context::<ApiClient>().auth();
    let EventsContext { id, view, set_view, tz, span, alert_times, index_note, reload } = ctx;

    // The query sent: typed text and chips; `None` while the text has errors.
    let sent = Memo::new(move |_| {
        let v = view.get();
        if query_error(&v.q, Schema::events()).is_some() {
            return None;
        }
        v.events_query()
    });
    // What to mark in the events' content: the filter's words, as typed.
    let terms = Memo::new(move |_| view.with(|v| Terms::parse(&v.q)));
    // A login starts the list again (a 401 before it left nothing to show).
    let key = Memo::new(move |_| -> ListKey { (id.get(), sent.get(), reload.get(), auth.logins.get()) });

    // The list's count is made here, before both its users: the scroll lays out
    // its rows, the loader fills it from the answers.
    let total = RwSignal::new(None::<Total>);
    let rows = Signal::derive(move || total.get().map_or(0, Total::rows));
    let selected = RwSignal::new(None::<u64>);
    let samples = RwSignal::new(Vec::<Sample>::new());
    let scroll = Scroll::new(rows);
    let loader = EventLoader::new(key, total, scroll.window, move || {
        selected.set(None);
        samples.set(Vec::new());
        scroll.to_top();
    });
    sample_timeline(loader, samples);
    let locator = Locator::new(view, loader, scroll, selected);
    let EventLoader { blocks, error, note, .. } = loader;

    let multi_day = Memo::new(move |_| span.get().is_some_and(|(a, b)| spans_days(a, b)));
    let position = Signal::derive(move || {
        let row = scroll.top_row();
        blocks.with(|b| b.get(row).and_then(event_time))
    });
    let timeline = Signal::derive(move || {
        let t = total.get()?;
        let s = samples.get();
        if s.is_empty() {
            return None;
        }
        let (start, end) = span.get().unwrap_or((s[0].time, s[s.len() - 1].time));
        Some(Timeline::new(start, end, t.rows(), s))
    });

    let select = Callback::new(move |row: u64| {
        selected.set(Some(row));
        if let Some(rid) = blocks.with_untracked(|b| b.get(row).and_then(|e| e.record_id)) {
            let mut next = view.get_untracked();
            next.event = Some(rid);
            locator.shown(rid);
            set_view.run((next, true));
        }
    });

    let detail = move || {
        let row = selected.get()?;
        let event = blocks.with(|b| b.get(row).cloned())?;
        Some(view! { <EventDetail event tz=tz.get() marks=terms.get() /> })
    };

    let count_text = move || match total.get() {
        Some(Total::Exact(n)) => format!("{} events", format::count(n)),
        Some(Total::AtLeast(n)) => format!("at least {} events", format::count(n)),
        None => String::new(),
    };
    let filtered = move || view.with(|v| !v.q.trim().is_empty() || !v.types.is_empty());
    let clear_filter = move |_| {
        let mut next = view.get_untracked();
        next.q.clear();
        next.types.clear();
        set_view.run((next, false));
    };
    let phase = Memo::new(move |_| match (total.get(), error.get()) {
        (None, Some(e)) => Phase::Failed(e),
        (None, None) if sent.get().is_none() => Phase::NeedsQuery,
        (None, None) => Phase::Loading,
        (Some(t), _) if t.rows() == 0 && filtered() => Phase::NoMatch,
        (Some(t), _) if t.rows() == 0 => Phase::NotIndexed,
        (Some(_), _) => Phase::Table,
    });
    let body = move || match phase.get() {
        Phase::Failed(ApiError::Unauthenticated) => {
            view! { <Empty message="Log in to SPS to see the events." /> }.into_any()
        }
        Phase::Failed(error) => view! { <ErrorNotice error /> }.into_any(),
        Phase::NeedsQuery => view! { <Empty message="Fix the events query to see events." /> }.into_any(),
        Phase::Loading => view! { <Loading what="events" /> }.into_any(),
        Phase::NoMatch => view! {
            <div class="state state-empty" role="status">
                <span class="state-icon" aria-hidden="true">
                    "∅"
                </span>
                "No events match this filter."
                <button type="button" on:click=clear_filter>
                    "Show all events"
                </button>
            </div>
        }
        .into_any(),
        Phase::NotIndexed => {
            let message = index_note.get().unwrap_or_else(|| {
                "This session is not indexed, or SPS recorded no events in it (e.g. a denied connection).".into()
            });
            view! {
                <div class="state state-empty state-not-indexed" role="status">
                    <span class="state-icon" aria-hidden="true">
                        "∅"
                    </span>
                    <span>
                        <strong>"No events. "</strong>
                        {message}
                    </span>
                </div>
            }
            .into_any()
        }
        Phase::Table => view! {
            {move || error.get().map(|e| view! { <ErrorNotice error=e /> })}
            <EventsTimeline
                timeline
                tz
                marks=alert_times
                position
                on_jump=Callback::new(move |row: u64| scroll.to_row(row))
            />
            <EventsTable scroll blocks rows selected on_select=select tz multi_day terms />
        }
        .into_any(),
    };

    view! {
        <section class="panel events-panel" id="events" aria-label="Events">
            <header class="panel-header">
                <h2 class="panel-title">"Events"</h2>
                <span class="panel-subtitle" role="status">
                    {count_text}
                </span>
                <span class="panel-busy" class:visible=move || phase.get() == Phase::Loading aria-hidden="true"></span>
            </header>
            <EventsQuery view set_view />
            <TypeChips view set_view />
            {move || {
                note.get()
                    .map(|n| {
                        view! {
                            <p class="note" role="status">
                                {n}
                                <Show when=filtered>
                                    <button type="button" class="link-button" on:click=clear_filter>
                                        "Show all events"
                                    </button>
                                </Show>
                            </p>
                        }
                    })
            }}
            {body}
            {detail}
        </section>
    }
}
