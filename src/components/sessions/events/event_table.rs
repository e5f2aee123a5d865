//! The events table: a heading row and a scroller in which only the rows of the
//! scroll window are in the DOM, each row a loaded event's cells or a placeholder
//! until its block comes. Clicking a row (or Enter on it) selects it.

use leptos::prelude::*;
use sps_api::{EventType, SessionEvent};

use crate::components::sessions::events::scroll::Scroll;
use crate::components::sessions::safe_text::{clipped, clipped_marked};
use crate::format;
use crate::state::event_list::event_time;
use crate::state::record_pages::Blocks;
use crate::text::prompt::split;
use crate::text::terms::Terms;
use crate::zone::Zone;

/// Characters of action and content in a row (the detail shows everything).
const ROW_CHARS: usize = 240;

/// The table of `rows` events, those of `blocks` that are loaded; `terms` marked
/// in their content, dates shown when the list spans days (`multi_day`).
#[component]
pub fn EventsTable(
    scroll: Scroll,
    blocks: RwSignal<Blocks<SessionEvent>>,
    rows: Signal<u64>,
    selected: RwSignal<Option<u64>>,
    on_select: Callback<u64>,
    tz: Signal<Zone>,
    multi_day: Memo<bool>,
    terms: Memo<Terms>,
) -> impl IntoView {
    let window = scroll.window;
    let shown = move || {
        let w = window.get();
        (w.first..w.end).collect::<Vec<u64>>()
    };
    let row_view = move |i: u64| {
        let cells = move || {
            let tz = tz.get();
            match blocks.with(|b| b.get(i).cloned()) {
                Some(e) => terms.with(|t| event_cells(&e, tz, multi_day.get(), t)).into_any(),
                None => view! {
                    <div role="cell" class="ev-loading">
                        {format!("Loading event {}…", format::count(i + 1))}
                    </div>
                }
                .into_any(),
            }
        };
        view! {
            <div
                role="row"
                class="event-row"
                aria-rowindex=(i + 2).to_string()
                class:selected=move || selected.get() == Some(i)
                class:odd=i % 2 == 1
                tabindex="0"
                on:click=move |_| on_select.run(i)
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        on_select.run(i)
                    }
                }
            >
                {cells}
            </div>
        }
    };
    let zone_name = move || tz.get().name().to_owned();
    view! {
        <div role="table" class="events-table" aria-label="Events" aria-rowcount=move || (rows.get() + 1).to_string()>
            <div role="rowgroup" class="events-head">
                <div role="row" class="event-row event-head" aria-rowindex="1">
                    <div role="columnheader">"#"</div>
                    <div role="columnheader">{move || format!("Time ({})", zone_name())}</div>
                    <div role="columnheader">"Type"</div>
                    <div role="columnheader" title="Channel">
                        "Ch."
                    </div>
                    <div role="columnheader">"Action"</div>
                    <div role="columnheader">"Content: prompt ❯ command"</div>
                </div>
            </div>
            <div
                role="rowgroup"
                class="events-scroll"
                node_ref=scroll.element
                tabindex="0"
                aria-label="Events list, scrollable"
                on:scroll=move |_| scroll.follow()
            >
                <div class="events-spacer" style:height=move || format!("{}px", scroll.list().spacer_px())>
                    <div class="events-rows" style:transform=move || format!("translateY({}px)", window.get().top_px)>
                        <For each=shown key=|i| *i children=row_view />
                    </div>
                </div>
            </div>
        </div>
    }
}

fn type_class(t: Option<&EventType>) -> String {
    match t {
        Some(t) if t.is_known() => format!("type-chip type-{}", t.as_str().replace('.', "-")),
        _ => "type-chip type-other".to_owned(),
    }
}

fn event_cells(e: &SessionEvent, tz: Zone, multi_day: bool, terms: &Terms) -> impl IntoView {
    let time = event_time(e).map(|t| (format::clock_ms(t, tz, multi_day), format::precise(t, tz)));
    let (short_time, full_time) = time.unwrap_or_default();
    let content = e.content.clone().unwrap_or_default();
    let line = split(&content, e.action.as_deref());
    let is_command = matches!(e.event_type, Some(EventType::Command));
    let prompt = line.prompt.filter(|_| is_command || e.event_type.is_none()).map(|p| {
        view! {
            <span class="prompt" title="Prompt">
                {clipped_marked(p, terms, 60)}
            </span>
            <span class="prompt-sep" aria-hidden="true">
                "❯"
            </span>
        }
    });
    let command = if prompt.is_some() { line.command } else { content.as_str() };
    let action = e.action.clone().unwrap_or_default();
    let t = e.event_type.clone();
    view! {
        <div role="cell" class="ev-id">
            {e.record_id.map(|r| format!("#{r}")).unwrap_or_default()}
        </div>
        <div role="cell" class="ev-time" title=full_time>
            {short_time}
        </div>
        <div role="cell" class="ev-type">
            <span class=type_class(t.as_ref())>{t.as_ref().map(|t| t.as_str().to_owned()).unwrap_or_default()}</span>
        </div>
        <div role="cell" class="ev-channel">
            {e.channels_id.map(|c| c.to_string()).unwrap_or_default()}
        </div>
        <div role="cell" class="ev-action">
            {clipped(&action, ROW_CHARS)}
        </div>
        <div role="cell" class="ev-content">
            {prompt}
            <span class="command">{clipped_marked(command, terms, ROW_CHARS)}</span>
        </div>
    }
}
