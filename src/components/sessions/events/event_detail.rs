//! One event in full, below the table.

use leptos::prelude::*;
use sps_api::SessionEvent;

use crate::components::sessions::safe_text::SafeText;
use crate::format;
use crate::state::event_list::event_time;
use crate::text::prompt::split;
use crate::text::safe::has_markers;
use crate::text::terms::Terms;
use crate::zone::Zone;

/// Characters of the detail view before "show all".
const DETAIL_CHARS: usize = 4_000;

/// Everything about one event, long text wrapped and cut with "show all"; `marks`
/// marked in its content.
#[component]
pub fn EventDetail(event: SessionEvent, tz: Zone, marks: Terms) -> impl IntoView {
    let content = event.content.clone().unwrap_or_default();
    let line = split(&content, event.action.as_deref());
    let when = event_time(&event).map(|t| format::precise(t, tz));
    let marked = has_markers(&content) || event.action.as_deref().is_some_and(has_markers);
    let title = event.record_id.map_or_else(|| "Event".to_owned(), |r| format!("Event #{r}"));
    let aria = title.clone();
    view! {
        <section class="event-detail" aria-label=aria>
            <h3>{title}</h3>
            <dl class="detail-list">
                <div class="detail-row">
                    <dt>"Time"</dt>
                    <dd>{when.unwrap_or_else(|| "–".into())}</dd>
                </div>
                <div class="detail-row">
                    <dt>"Type"</dt>
                    <dd>{event.event_type.as_ref().map(|t| t.as_str().to_owned()).unwrap_or_else(|| "–".into())}</dd>
                </div>
                <div class="detail-row">
                    <dt>"Channel"</dt>
                    <dd>{event.channels_id.map(|c| c.to_string()).unwrap_or_else(|| "–".into())}</dd>
                </div>
                <div class="detail-row">
                    <dt>"Action"</dt>
                    <dd class="long-text">
                        <SafeText text=event.action.clone().unwrap_or_default() limit=DETAIL_CHARS />
                    </dd>
                </div>
                {line
                    .prompt
                    .map(|p| {
                        view! {
                            <div class="detail-row">
                                <dt>"Prompt"</dt>
                                <dd class="long-text prompt-full">
                                    <SafeText text=p.to_owned() limit=DETAIL_CHARS marks=marks.clone() />
                                </dd>
                            </div>
                        }
                    })}
                <div class="detail-row">
                    <dt>{if line.prompt.is_some() { "Command" } else { "Content" }}</dt>
                    <dd class="long-text">
                        <SafeText text=line.command.to_owned() limit=DETAIL_CHARS marks=marks.clone() />
                    </dd>
                </div>
            </dl>
            {marked
                .then(|| {
                    view! {
                        <p class="muted legend-note">
                            "Boxed markers such as ⟨ESC⟩[31m, ⟨CR⟩ or ⟨RLO⟩ stand for control characters, escape sequences and invisible or direction-changing characters in the recording; they are shown, not applied. Hover one for its name."
                        </p>
                    }
                })}
        </section>
    }
}
