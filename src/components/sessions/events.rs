//! A session's events: the events query and type chips, the timeline, and a table
//! that pages through the API by `limit`/`offset` as it scrolls, with only the
//! visible rows in the DOM (100,000 events scroll like 100). A row opens its
//! full text below the table; an alert's link scrolls to its event.

use std::ops::Bound;

use chrono::{DateTime, Utc};
use gloo_timers::callback::Timeout;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_resize_observer::use_resize_observer;
use send_wrapper::SendWrapper;
use sps_api::{EventType, EventsParams, SessionEvent};
use sps_query::builder::{add_clause, range};
use sps_query::Schema;

use crate::api::{ApiClient, ApiError};
use crate::charts::timeline::{probe_offsets, Sample, Timeline};
use crate::components::composer::Composer;
use crate::components::sessions::safe_text::{clipped, SafeText};
use crate::components::sessions::tasks::{Scope, Task};
use crate::components::sessions::timeline::EventsTimeline;
use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::format;
use crate::state::query::query_error;
use crate::state::record_pages::{Blocks, Total};
use crate::state::session_view::SessionView;
use crate::state::virtual_list::VirtualList;
use crate::text::prompt::split;
use crate::text::safe::has_markers;
use crate::zone::Zone;

/// Events per request (the API's default page).
pub const BLOCK: u64 = 500;
/// Blocks kept in memory (25,000 events).
const KEEP_BLOCKS: usize = 50;
/// Height of one table row in CSS pixels (matches `.event-row` in the CSS).
pub const ROW_PX: f64 = 30.0;
/// Rows rendered beyond the visible ones on each side.
const OVERSCAN: u64 = 8;
/// Timeline probes of a large list.
const PROBES: usize = 48;
/// Characters of action and content in a row (the detail shows everything).
const ROW_CHARS: usize = 240;
/// Characters of the detail view before "show all".
const DETAIL_CHARS: usize = 4_000;
/// Wait after scrolling stops before fetching missing blocks.
const SCROLL_SETTLE_MS: u32 = 70;

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

/// What a list is: session, query sent, reloads, logins.
type ListKey = (String, Option<String>, u32, u32);

/// Where finding an event by record id stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Locate {
    /// Asking how many events come before it.
    Searching,
    /// Its row is known; waiting for the row's block.
    Waiting(u64),
    /// Shown, or found not to be in the list.
    Done,
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

fn event_time(e: &SessionEvent) -> Option<DateTime<Utc>> {
    e.time.map(|t| t.as_datetime())
}

/// The events panel.
#[component]
pub fn EventsPanel(ctx: EventsContext) -> impl IntoView {
    let scope = StoredValue::new_local(Scope::here());
    let client = expect_context::<ApiClient>();
    let auth = client.auth();
    let EventsContext { id, view, set_view, tz, span, alert_times, index_note, reload } = ctx;

    // The query sent: typed text and chips; `None` while the text has errors.
    let sent = Memo::new(move |_| {
        let v = view.get();
        if query_error(&v.q, Schema::events()).is_some() {
            return None;
        }
        v.events_query()
    });
    // A login starts the list again (a 401 before it left nothing to show).
    let key = Memo::new(move |_| -> ListKey { (id.get(), sent.get(), reload.get(), auth.logins.get()) });

    let blocks = RwSignal::new(Blocks::<SessionEvent>::new(BLOCK, KEEP_BLOCKS));
    let total = RwSignal::new(None::<Total>);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<String>);
    let selected = RwSignal::new(None::<u64>);
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(480.0_f64);
    let samples = RwSignal::new(Vec::<Sample>::new());
    let pending = StoredValue::new_local(Vec::<(u64, Task)>::new());
    let side_tasks = StoredValue::new_local(Vec::<Task>::new());
    let settle = StoredValue::new_local(None::<SendWrapper<Timeout>>);
    let scroller = NodeRef::<Div>::new();

    let list = move || VirtualList {
        rows: total.get().map_or(0, Total::rows),
        row_px: ROW_PX,
        viewport_px: viewport.get(),
        overscan: OVERSCAN,
    };
    let window = Memo::new(move |_| list().window(scroll_top.get()));

    let scroll_to_row = move |row: u64| {
        let target = list().scroll_to(row.saturating_sub(2));
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(target.round() as i32);
        }
        scroll_top.set(target);
        // On a deep link (`event=`) the list may not be laid out yet: the browser clamps
        // the scroll to 0 while the window shows the target's rows, a blank table. Scroll
        // again after the next frame and follow where the element really is.
        request_animation_frame(move || {
            if let Some(Some(el)) = scroller.try_get_untracked() {
                el.set_scroll_top(target.round() as i32);
                scroll_top.try_set(f64::from(el.scroll_top()));
            }
        });
    };

    // Fetches block `b` of the current list.
    let fetch_block = {
        let client = client.clone();
        move |b: u64| {
            if pending.with_value(|p| p.iter().any(|(x, _)| *x == b)) {
                return;
            }
            let (session, q, ..) = key.get_untracked();
            let Some(q) = q else { return };
            let client = client.clone();
            let offset = b * BLOCK;
            let params = EventsParams { q: Some(q), limit: Some(BLOCK as u32), offset: Some(offset as u32) };
            let task = scope.get_value().spawn(async move {
                match client.events(&session, &params).await {
                    Ok(answer) => {
                        let served = answer.meta.offset.unwrap_or(offset);
                        if served != offset {
                            note.try_set(Some(format!(
                                "SPS answered events from position {} when asked for {}: events past it may not be reachable.",
                                format::count(served),
                                format::count(offset)
                            )));
                            return;
                        }
                        let told = Total::from_answer(answer.meta.match_count, offset, BLOCK, answer.items.len());
                        total.try_update(|t| *t = Some(t.map_or(told, |t| t.merge(told))));
                        let keep = window.try_get_untracked().map_or(b..b + 1, |w| (w.first / BLOCK)..(w.end / BLOCK + 1));
                        blocks.try_update(|bl| bl.insert(b, answer.items, keep));
                        error.try_set(None);
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
            });
            pending.update_value(|p| p.push((b, task)));
        }
    };

    // A new list (session, query, reload): forget everything, start at the top.
    {
        let fetch_block = fetch_block.clone();
        Effect::new(move |_| {
            let (_, q, ..) = key.get();
            pending.update_value(|p| p.drain(..).for_each(|(_, t)| t.cancel()));
            side_tasks.update_value(|p| p.drain(..).for_each(|t| t.cancel()));
            blocks.update(Blocks::clear);
            total.set(None);
            error.set(None);
            note.set(None);
            selected.set(None);
            samples.set(Vec::new());
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
            if q.is_some() {
                fetch_block(0);
            }
        });
    }

    // Fetch what the visible rows need once scrolling settles; drop requests for
    // blocks scrolled past.
    {
        let fetch_block = fetch_block.clone();
        Effect::new(move |_| {
            let w = window.get();
            if total.get().is_none() {
                return;
            }
            let (needed, missing) = blocks.with(|b| (b.blocks_for(w.first..w.end), b.missing(w.first..w.end, &[])));
            // Requests for blocks scrolled past are dropped; finished ones forgotten.
            pending.update_value(|p| {
                p.retain(|(b, task)| {
                    let keep = needed.contains(b) && !blocks.with_untracked(|bl| bl.has(*b));
                    if !keep {
                        task.cancel();
                    }
                    keep
                })
            });
            let missing: Vec<u64> =
                missing.into_iter().filter(|b| !pending.with_value(|p| p.iter().any(|(x, _)| x == b))).collect();
            if missing.is_empty() {
                return;
            }
            let fetch_block = fetch_block.clone();
            settle.set_value(Some(SendWrapper::new(Timeout::new(SCROLL_SETTLE_MS, move || {
                for b in missing {
                    fetch_block(b);
                }
            }))));
        });
    }

    // Timeline samples: every event of a small list, probes of a large one.
    {
        let client = client.clone();
        let sampled = StoredValue::new(None::<ListKey>);
        Effect::new(move |_| {
            let k = key.get();
            let (session, q, ..) = k.clone();
            let Some(t) = total.get() else { return };
            if sampled.get_value().as_ref() == Some(&k) || !matches!(t, Total::Exact(_)) {
                return;
            }
            let n = t.rows();
            if n == 0 {
                return;
            }
            if n <= BLOCK {
                if let Some(all) = blocks.with(|b| {
                    b.has(0).then(|| {
                        (0..n)
                            .filter_map(|i| b.get(i).and_then(|e| event_time(e).map(|time| Sample { offset: i, time })))
                            .collect::<Vec<_>>()
                    })
                }) {
                    samples.set(all);
                    sampled.set_value(Some(k));
                }
                return;
            }
            let Some(q) = q else { return };
            sampled.set_value(Some(k));
            let client = client.clone();
            let task = scope.get_value().spawn(async move {
                let mut found = Vec::new();
                for (i, offset) in probe_offsets(n, PROBES).into_iter().enumerate() {
                    let params = EventsParams { q: Some(q.clone()), limit: Some(1), offset: Some(offset as u32) };
                    if let Ok(answer) = client.events(&session, &params).await {
                        if let Some(time) = answer.items.first().and_then(event_time) {
                            found.push(Sample { offset, time });
                        }
                    }
                    // Draw progressively.
                    if i % 12 == 11 {
                        samples.try_set(found.clone());
                    }
                }
                samples.try_set(found);
            });
            side_tasks.update_value(|t| t.push(task));
        });
    }

    // An event asked for by record id (an alert's link): find its row and show it.
    let located = StoredValue::new(None::<(u64, ListKey, Locate)>);
    let locate_tick = RwSignal::new(0_u32);
    {
        let client = client.clone();
        let fetch_block = fetch_block.clone();
        Effect::new(move |_| {
            locate_tick.track();
            let Some(rid) = view.with(|v| v.event) else {
                located.set_value(None);
                return;
            };
            let k = key.get();
            if total.get().is_none() {
                return;
            }
            let phase =
                located.with_value(|l| l.as_ref().filter(|(r, lk, _)| *r == rid && *lk == k).map(|(_, _, p)| *p));
            let found = blocks.with(|b| b.find(|e| e.record_id == Some(rid)));
            match (found, phase) {
                (Some(_), Some(Locate::Done)) | (None, Some(Locate::Searching | Locate::Done)) => {}
                (Some(row), _) => {
                    located.set_value(Some((rid, k, Locate::Done)));
                    selected.set(Some(row));
                    note.set(None);
                    scroll_to_row(row);
                }
                (None, Some(Locate::Waiting(row))) => {
                    if blocks.with(|b| b.has(row / BLOCK)) {
                        located.set_value(Some((rid, k, Locate::Done)));
                        note.set(Some(format!("Event #{rid} is not in this list: the filter leaves it out.")));
                    }
                }
                (None, None) => {
                    located.set_value(Some((rid, k.clone(), Locate::Searching)));
                    let (session, q, ..) = k.clone();
                    let Some(q) = q else { return };
                    let rid_text = rid.to_string();
                    let Ok(before) =
                        add_clause(&q, &range("record_id", Bound::Unbounded, Bound::Excluded(rid_text.as_str())))
                    else {
                        return;
                    };
                    let client = client.clone();
                    let fetch_block = fetch_block.clone();
                    let task = scope.get_value().spawn(async move {
                        // How many listed events come before it: its position.
                        let params = EventsParams { q: Some(before), limit: Some(1), offset: Some(0) };
                        match client.events(&session, &params).await.map(|a| a.meta.match_count) {
                            Ok(Some(row)) => {
                                let _ = located.try_update_value(|l| *l = Some((rid, k, Locate::Waiting(row))));
                                scroll_to_row(row);
                                fetch_block(row / BLOCK);
                                locate_tick.try_update(|n| *n = n.wrapping_add(1));
                            }
                            Ok(None) => {
                                note.try_set(Some(format!("SPS did not say where event #{rid} is in the list.")));
                            }
                            Err(e) => {
                                note.try_set(Some(format!("Could not find event #{rid}: {e}")));
                            }
                        }
                    });
                    side_tasks.update_value(|t| t.push(task));
                }
            }
        });
    }

    use_resize_observer(scroller, move |entries, _| {
        if let Some(entry) = entries.first() {
            viewport.set(entry.content_rect().height().max(ROW_PX));
        }
    });

    let zone_name = move || tz.get().name().to_owned();
    let multi_day = Memo::new(move |_| span.get().is_some_and(|(a, b)| (b - a).num_hours() >= 20));
    let position = Signal::derive(move || {
        let w = window.get();
        let top = scroll_top.get() / ROW_PX;
        let row = (top.floor() as u64).max(w.first);
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

    let select = move |row: u64| {
        selected.set(Some(row));
        if let Some(rid) = blocks.with_untracked(|b| b.get(row).and_then(|e| e.record_id)) {
            let mut next = view.get_untracked();
            next.event = Some(rid);
            located.set_value(Some((rid, key.get_untracked(), Locate::Done)));
            set_view.run((next, true));
        }
    };

    let rows = move || {
        let w = window.get();
        (w.first..w.end).collect::<Vec<u64>>()
    };
    let row_view = move |i: u64| {
        let cells = move || {
            let tz = tz.get();
            match blocks.with(|b| b.get(i).cloned()) {
                Some(e) => event_cells(&e, tz, multi_day.get()).into_any(),
                None => view! {
                    <div role="cell" class="ev-loading">{format!("Loading event {}…", format::count(i + 1))}</div>
                }
                .into_any(),
            }
        };
        view! {
            <div role="row" class="event-row" aria-rowindex=(i + 2).to_string()
                class:selected=move || selected.get() == Some(i)
                class:odd=i % 2 == 1
                tabindex="0"
                on:click=move |_| select(i)
                on:keydown=move |ev| if ev.key() == "Enter" { select(i) }>
                {cells}
            </div>
        }
    };

    let detail = move || {
        let row = selected.get()?;
        let event = blocks.with(|b| b.get(row).cloned())?;
        Some(view! { <EventDetail event tz=tz.get() /> })
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
    let body = move || {
        match phase.get() {
        Phase::Failed(ApiError::Unauthenticated) => view! { <Empty message="Log in to SPS to see the events." /> }.into_any(),
        Phase::Failed(error) => view! { <ErrorNotice error /> }.into_any(),
        Phase::NeedsQuery => view! { <Empty message="Fix the events query to see events." /> }.into_any(),
        Phase::Loading => view! { <Loading what="events" /> }.into_any(),
        Phase::NoMatch => view! {
            <div class="state state-empty" role="status">
                <span class="state-icon" aria-hidden="true">"∅"</span>
                "No events match this filter."
                <button type="button" on:click=clear_filter>"Show all events"</button>
            </div>
        }
        .into_any(),
        Phase::NotIndexed => {
            let message = index_note.get().unwrap_or_else(|| {
                "This session is not indexed, or SPS recorded no events in it (e.g. a denied connection).".into()
            });
            view! {
                <div class="state state-empty state-not-indexed" role="status">
                    <span class="state-icon" aria-hidden="true">"∅"</span>
                    <span><strong>"No events. "</strong>{message}</span>
                </div>
            }
            .into_any()
        }
        Phase::Table => view! {
            {move || error.get().map(|e| view! { <ErrorNotice error=e /> })}
            <EventsTimeline timeline tz marks=alert_times position on_jump=Callback::new(move |row: u64| scroll_to_row(row)) />
            <div role="table" class="events-table" aria-label="Events"
                aria-rowcount=move || (total.get().map_or(0, Total::rows) + 1).to_string()>
                <div role="rowgroup" class="events-head">
                    <div role="row" class="event-row event-head" aria-rowindex="1">
                        <div role="columnheader">"#"</div>
                        <div role="columnheader">{move || format!("Time ({})", zone_name())}</div>
                        <div role="columnheader">"Type"</div>
                        <div role="columnheader" title="Channel">"Ch."</div>
                        <div role="columnheader">"Action"</div>
                        <div role="columnheader">"Content: prompt ❯ command"</div>
                    </div>
                </div>
                <div role="rowgroup" class="events-scroll" node_ref=scroller tabindex="0" aria-label="Events list, scrollable"
                    on:scroll=move |_| {
                        if let Some(el) = scroller.get_untracked() {
                            scroll_top.set(f64::from(el.scroll_top()));
                        }
                    }>
                    <div class="events-spacer" style:height=move || format!("{}px", list().spacer_px())>
                        <div class="events-rows" style:transform=move || format!("translateY({}px)", window.get().top_px)>
                            <For each=rows key=|i| *i children=row_view />
                        </div>
                    </div>
                </div>
            </div>
        }
        .into_any(),
    }
    };

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
                    <button type="button" class="chip" aria-pressed=on.to_string()
                        title=if on { "Shown: click to stop filtering by this type" } else { "Show only this type (with the other chosen ones)" }
                        on:click=move |_| set_view.run((toggled.clone(), false))>{label}</button>
                }
            })
            .collect_view()
    };

    view! {
        <section class="panel events-panel" id="events" aria-label="Events">
            <header class="panel-header">
                <h2 class="panel-title">"Events"</h2>
                <span class="panel-subtitle" role="status">{count_text}</span>
                <span class="panel-busy" class:visible=move || phase.get() == Phase::Loading aria-hidden="true"></span>
            </header>
            <EventsQuery view set_view />
            <div class="chips" role="group" aria-label="Event types">
                {chips}
                <Show when=move || view.with(|v| !v.types.is_empty())>
                    <button type="button" class="chip chip-clear" on:click=move |_| {
                        let mut next = view.get_untracked();
                        next.types.clear();
                        set_view.run((next, false));
                    }>"All types"</button>
                </Show>
            </div>
            {move || note.get().map(|n| view! {
                <p class="note" role="status">{n}
                    <Show when=filtered><button type="button" class="link-button" on:click=clear_filter>"Show all events"</button></Show>
                </p>
            })}
            {body}
            {detail}
        </section>
    }
}

fn type_class(t: Option<&EventType>) -> String {
    match t {
        Some(t) if t.is_known() => format!("type-chip type-{}", t.as_str().replace('.', "-")),
        _ => "type-chip type-other".to_owned(),
    }
}

fn event_cells(e: &SessionEvent, tz: Zone, multi_day: bool) -> impl IntoView {
    let time = event_time(e).map(|t| {
        let local = t.with_timezone(&tz);
        let shown = if multi_day { local.format("%m-%d %H:%M:%S%.3f") } else { local.format("%H:%M:%S%.3f") };
        (shown.to_string(), local.format("%Y-%m-%d %H:%M:%S%.3f %Z").to_string())
    });
    let (short_time, full_time) = time.unwrap_or_default();
    let content = e.content.clone().unwrap_or_default();
    let line = split(&content, e.action.as_deref());
    let is_command = matches!(e.event_type, Some(EventType::Command));
    let prompt = line.prompt.filter(|_| is_command || e.event_type.is_none()).map(|p| {
        view! { <span class="prompt" title="Prompt">{clipped(p, 60)}</span><span class="prompt-sep" aria-hidden="true">"❯"</span> }
    });
    let command = if prompt.is_some() { line.command } else { content.as_str() };
    let action = e.action.clone().unwrap_or_default();
    let t = e.event_type.clone();
    view! {
        <div role="cell" class="ev-id">{e.record_id.map(|r| format!("#{r}")).unwrap_or_default()}</div>
        <div role="cell" class="ev-time" title=full_time>
            {short_time}
        </div>
        <div role="cell" class="ev-type"><span class=type_class(t.as_ref())>{t.as_ref().map(|t| t.as_str().to_owned()).unwrap_or_default()}</span></div>
        <div role="cell" class="ev-channel">{e.channels_id.map(|c| c.to_string()).unwrap_or_default()}</div>
        <div role="cell" class="ev-action">{clipped(&action, ROW_CHARS)}</div>
        <div role="cell" class="ev-content">{prompt}<span class="command">{clipped(command, ROW_CHARS)}</span></div>
    }
}

/// Everything about one event, long text wrapped and cut with "show all".
#[component]
fn EventDetail(event: SessionEvent, tz: Zone) -> impl IntoView {
    let content = event.content.clone().unwrap_or_default();
    let line = split(&content, event.action.as_deref());
    let when = event_time(&event).map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S%.3f %Z").to_string());
    let marked = has_markers(&content) || event.action.as_deref().is_some_and(has_markers);
    let title = event.record_id.map_or_else(|| "Event".to_owned(), |r| format!("Event #{r}"));
    let aria = title.clone();
    view! {
        <section class="event-detail" aria-label=aria>
            <h3>{title}</h3>
            <dl class="detail-list">
                <div class="detail-row"><dt>"Time"</dt><dd>{when.unwrap_or_else(|| "–".into())}</dd></div>
                <div class="detail-row"><dt>"Type"</dt><dd>{event.event_type.as_ref().map(|t| t.as_str().to_owned()).unwrap_or_else(|| "–".into())}</dd></div>
                <div class="detail-row"><dt>"Channel"</dt><dd>{event.channels_id.map(|c| c.to_string()).unwrap_or_else(|| "–".into())}</dd></div>
                <div class="detail-row"><dt>"Action"</dt><dd class="long-text"><SafeText text=event.action.clone().unwrap_or_default() limit=DETAIL_CHARS /></dd></div>
                {line.prompt.map(|p| view! {
                    <div class="detail-row"><dt>"Prompt"</dt><dd class="long-text prompt-full"><SafeText text=p.to_owned() limit=DETAIL_CHARS /></dd></div>
                })}
                <div class="detail-row"><dt>{if line.prompt.is_some() { "Command" } else { "Content" }}</dt>
                    <dd class="long-text"><SafeText text=line.command.to_owned() limit=DETAIL_CHARS /></dd></div>
            </dl>
            {marked.then(|| view! {
                <p class="muted legend-note">"Boxed markers such as ⟨ESC⟩[31m, ⟨CR⟩ or ⟨RLO⟩ stand for control characters, escape sequences and invisible or direction-changing characters in the recording; they are shown, not applied. Hover one for its name."</p>
            })}
        </section>
    }
}

/// The events filter: the composer with the events schema; a query with errors
/// is never applied.
#[component]
fn EventsQuery(view: Memo<SessionView>, set_view: Callback<(SessionView, bool)>) -> impl IntoView {
    let value = Signal::derive(move || view.with(|v| v.q.clone()));
    let on_apply = Callback::new(move |q: String| {
        let mut next = view.get_untracked();
        next.q = q;
        next.event = None;
        set_view.run((next, false));
    });
    view! {
        <Composer schema=Schema::events() value on_apply storage_key="events" id="events-query"
            placeholder="Filter events, e.g. content:sudo OR type:file_transfer" />
    }
}
