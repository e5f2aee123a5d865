//! The sessions table: sortable headings, values that filter when clicked, rows
//! that open the session.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::MouseEvent;

use crate::components::sessions::safe_text::clipped;
use crate::format::{date_time, duration, end_time};
use crate::state::search::cell_text::display;
use crate::state::search::cells::{cell, Cell};
use crate::state::search::columns::{Column, Kind, Sort};
use crate::state::search::narrowing::filter_values;
use crate::state::session_view::{session_link, SessionView};
use crate::zone::Zone;

/// Characters of a text value shown in a cell (the rest is in the session page).
const CELL_CHARS: usize = 80;

/// One listed session: its id and its body as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The session id.
    pub id: String,
    /// The requested fields.
    pub body: Value,
}

/// A click on a value: narrow (or, with a modifier, exclude) the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellFilter {
    /// The session field.
    pub field: &'static str,
    /// The value clicked.
    pub value: String,
    /// Exclude instead of narrowing.
    pub exclude: bool,
}

fn excludes(ev: &MouseEvent) -> bool {
    ev.shift_key() || ev.alt_key() || ev.ctrl_key() || ev.meta_key()
}

/// Whether the click was on a control of its own (a link or button inside the row)
/// or ended a text selection.
fn click_is_for_row(ev: &MouseEvent) -> bool {
    let on_control = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a, button").ok().flatten())
        .is_some();
    let selecting = window().get_selection().ok().flatten().is_some_and(|s| !s.is_collapsed());
    !on_control && !selecting
}

/// The table.
#[component]
pub fn SessionsTable(
    /// The page of sessions.
    rows: Vec<Row>,
    /// The shown columns.
    columns: Vec<&'static Column>,
    /// The current order.
    sort: Sort,
    /// The display zone.
    tz: Zone,
    /// What the session links open with (the zone choice, an events filter).
    link: SessionView,
    /// A heading was clicked.
    on_sort: Callback<Sort>,
    /// A value was clicked.
    on_filter: Callback<CellFilter>,
    /// A row was opened (before the link is followed).
    on_open: Callback<String>,
) -> impl IntoView {
    let headings = columns
        .iter()
        .map(|c| {
            let c: &'static Column = c;
            let active = sort.field == c.field;
            let aria = match (active, sort.descending) {
                (false, _) => "none",
                (true, true) => "descending",
                (true, false) => "ascending",
            };
            let mark = match (active, sort.descending) {
                (false, _) => "↕",
                (true, true) => "▼",
                (true, false) => "▲",
            };
            let next = sort.clicked(c.field, c.kind);
            let title = format!("Sort by {} ({})", c.label, if next.descending { "descending" } else { "ascending" });
            view! {
                <th scope="col" aria-sort=aria class:sorted=active class=format!("col-{}", kind_class(c.kind))>
                    <button type="button" class="sort" title=title on:click=move |_| on_sort.run(next.clone())>
                        {c.label}
                        <span class="sort-mark" aria-hidden="true">
                            {mark}
                        </span>
                    </button>
                </th>
            }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let id = row.id.clone();
            // A plain link (new tabs, copying) needs the path the app is served under.
            let href = crate::paths::browser::href(&session_link(&row.id, &link));
            let active = matches!(cell(&row.body, &ACTIVE), Cell::Flag(true));
            let start = match cell(&row.body, &START) {
                Cell::Time(t) => Some(t),
                _ => None,
            };
            let cells = columns
                .iter()
                .map(|c| {
                    let value = cell(&row.body, c);
                    view! { <td class=format!("col-{}", kind_class(c.kind))>{cell_view(c, value, start, active, tz, on_filter)}</td> }
                })
                .collect_view();
            let open_id = id.clone();
            let link_id = id.clone();
            let label = format!("Open session {id}");
            view! {
                <tr
                    class="session-row"
                    class:row-active=active
                    on:click=move |ev: MouseEvent| {
                        if click_is_for_row(&ev) {
                            on_open.run(open_id.clone());
                        }
                    }
                >
                    {cells}
                    <td class="open-cell">
                        <a
                            href=href
                            class="open-link"
                            aria-label=label
                            title="Open session"
                            on:click=move |ev: MouseEvent| {
                                if !excludes(&ev) && ev.button() == 0 {
                                    ev.prevent_default();
                                    on_open.run(link_id.clone());
                                }
                            }
                        >
                            "›"
                        </a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="sessions-table">
                <thead>
                    <tr>
                        {headings} <th scope="col" class="open-cell">
                            <span class="sr-only">"Open"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

const ACTIVE: Column = Column { field: "active", label: "Active", kind: Kind::Active, default: false };
const START: Column = Column { field: "start_time", label: "Start", kind: Kind::Time, default: false };

fn kind_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Time => "time",
        Kind::Duration => "duration",
        Kind::Active => "active",
        Kind::Flag => "flag",
        Kind::Number => "number",
        Kind::Text => "text",
        Kind::List => "list",
    }
}

fn filter_button(field: &'static str, value: String, shown: AnyView, on_filter: Callback<CellFilter>) -> AnyView {
    let title = format!("Filter by {field} (Shift-click: exclude)");
    view! {
        <button
            type="button"
            class="cell-value"
            title=title
            on:click=move |ev: MouseEvent| {
                ev.stop_propagation();
                on_filter
                    .run(CellFilter {
                        field,
                        value: value.clone(),
                        exclude: excludes(&ev),
                    });
            }
        >
            {shown}
        </button>
    }
    .into_any()
}

fn cell_view(
    column: &'static Column,
    value: Cell,
    start: Option<chrono::DateTime<chrono::Utc>>,
    active: bool,
    tz: Zone,
    on_filter: Callback<CellFilter>,
) -> AnyView {
    match (column.kind, value) {
        (Kind::Active, Cell::Flag(true)) => filter_button(
            column.field,
            "true".into(),
            view! {
                <span class="badge badge-active">
                    <span class="dot" aria-hidden="true"></span>
                    "Active"
                </span>
            }
            .into_any(),
            on_filter,
        ),
        (Kind::Active, Cell::Flag(false)) => view! { <span class="muted">"ended"</span> }.into_any(),
        (Kind::Time, Cell::Time(t)) if column.field == "end_time" => {
            view! { <span title=date_time(t, tz)>{end_time(t, start, tz)}</span> }.into_any()
        }
        (Kind::Time, Cell::Missing) if column.field == "end_time" && active => {
            view! { <span class="muted">"running"</span> }.into_any()
        }
        (Kind::Time, Cell::Time(t)) => view! { <span class="nowrap">{date_time(t, tz)}</span> }.into_any(),
        (Kind::Duration, Cell::Seconds(s)) => {
            let shown = if active { format!("{} so far", duration(s)) } else { duration(s) };
            view! {
                <span class="nowrap" title=format!("{s} seconds")>
                    {shown}
                </span>
            }
            .into_any()
        }
        (_, Cell::Missing) => view! {
            <span class="missing" aria-label="none">
                "–"
            </span>
        }
        .into_any(),
        // Any text property may be a list (`["root", "oracle"]`): joined, each item its own filter.
        (_, Cell::List(items)) => {
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let shown = clipped(&item, CELL_CHARS).into_any();
                    view! {
                        {(i > 0).then_some(", ")}
                        {filter_button(column.field, item, shown, on_filter)}
                    }
                })
                .collect_view();
            view! { <span class="cell-list">{items}</span> }.into_any()
        }
        (_, value) => {
            let values = filter_values(&value);
            let text = display(&value, tz);
            let shown = clipped(&text, CELL_CHARS).into_any();
            match values.into_iter().next() {
                Some(v) => filter_button(column.field, v, shown, on_filter),
                None => shown,
            }
        }
    }
}
