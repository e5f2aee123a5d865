//! One session's properties, grouped as an analyst reads them (see
//! [`crate::state::session_detail`]); each value links to the sessions that share it.

use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::Value;

use crate::components::sessions::safe_text::SafeText;
use crate::format::{date_time, duration};
use crate::paths::browser::href;
use crate::paths::{with_query, SESSIONS};
use crate::state::search::cells::Cell;
use crate::state::search::narrowing::narrowed;
use crate::state::session_detail::{groups, headline, DetailRow};
use crate::zone::Zone;

/// Characters of a property shown before "show all".
const VALUE_CHARS: usize = 200;

fn value_view(row: &DetailRow, tz: Zone) -> AnyView {
    match &row.cell {
        Cell::Time(t) => view! { <span>{date_time(*t, tz)}</span> }.into_any(),
        Cell::Seconds(s) => view! { <span title=format!("{s} seconds")>{duration(*s)}</span> }.into_any(),
        Cell::Flag(true) if row.field == Some("active") => view! {
            <span class="badge badge-active">
                <span class="dot" aria-hidden="true"></span>
                "Active"
            </span>
        }
        .into_any(),
        Cell::Flag(b) => view! { <span>{if *b { "yes" } else { "no" }}</span> }.into_any(),
        Cell::List(items) if items.is_empty() => view! { <span class="missing">"none"</span> }.into_any(),
        Cell::List(items) => view! {
            <ul class="value-list">
                {items
                    .iter()
                    .map(|i| {
                        view! {
                            <li>
                                <SafeText text=i.clone() limit=VALUE_CHARS />
                                {search_link(row.field, i)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Cell::Text(t) | Cell::Number(t) => view! { <SafeText text=t.clone() limit=VALUE_CHARS /> }.into_any(),
        Cell::Missing => view! { <span class="missing">"–"</span> }.into_any(),
    }
}

/// A link to the session search for `field:value`.
fn search_link(field: Option<&'static str>, value: &str) -> Option<AnyView> {
    let field = field?;
    let q = narrowed("", field, value)?;
    let link = href(&with_query(SESSIONS, &[("q".to_owned(), q)]));
    Some(
        view! {
            <A href=link attr:class="find-similar" attr:title=format!("Sessions with this {field}")>
                "⌕"
            </A>
        }
        .into_any(),
    )
}

/// The search link of a one-value row (a list links each of its items instead).
fn row_link(row: &DetailRow) -> Option<AnyView> {
    match &row.cell {
        Cell::Text(t) | Cell::Number(t) => search_link(row.field, t),
        _ => None,
    }
}

/// The session's detail panel.
#[component]
pub fn SessionDetail(
    /// The session body as JSON.
    body: Value,
    /// The display zone.
    tz: Zone,
) -> impl IntoView {
    let title = headline(&body);
    let groups = groups(&body)
        .into_iter()
        .map(|g| {
            let rows = g
                .rows
                .iter()
                .map(|row| {
                    view! {
                        <div class="detail-row">
                            <dt>{row.label.clone()}</dt>
                            <dd>{value_view(row, tz)} {row_link(row)}</dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="detail-group" aria-label=g.title>
                    <h3>{g.title}</h3>
                    <dl>{rows}</dl>
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="session-headline">
            <SafeText text=title limit=VALUE_CHARS />
        </p>
        <div class="detail-grid">{groups}</div>
    }
}
