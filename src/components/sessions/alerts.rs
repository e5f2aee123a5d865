//! A session's alerts: when, which rule, what matched (the rule's pattern
//! emphasised in the matched text, as text), paged; each links to its event.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use sps_api::{AlertsParams, AlertsResponse, SessionAlert};

use crate::api::{ApiClient, ApiError};
use crate::components::panel_data::use_panel_data;
use crate::components::sessions::pager::Pager;
use crate::components::sessions::safe_text::{highlighted, SafeText};
use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::format;
use crate::state::record_pages::Total;
use crate::state::search::paging::Paging;
use crate::state::session_view::SessionView;
use crate::text::alert_match::highlight;
use crate::zone::Zone;

/// Alerts per page.
pub const ALERTS_PAGE: u32 = 10;
/// Characters of a matched action before "show all".
const ACTION_CHARS: usize = 300;

/// The alerts panel.
#[component]
pub fn AlertsPanel(
    /// The session id.
    #[prop(into)]
    id: Signal<String>,
    /// The page's URL state (`apage`, and `event` for the links).
    view: Memo<SessionView>,
    /// Changes the URL state.
    set_view: Callback<(SessionView, bool)>,
    /// The display zone.
    #[prop(into)]
    tz: Signal<Zone>,
    /// Bumped by "Reload".
    #[prop(into)]
    reload: Signal<u32>,
    /// Receives the shown alerts' times (for the timeline).
    times: RwSignal<Vec<DateTime<Utc>>>,
) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let auth = client.auth();
    let page = Memo::new(move |_| view.with(|v| v.alerts_page));
    let data = use_panel_data(move || {
        auth.track();
        reload.track();
        let id = id.get();
        let params = AlertsParams { limit: Some(ALERTS_PAGE), offset: Some((page.get() - 1) * ALERTS_PAGE) };
        let client = client.clone();
        async move { client.alerts(&id, &params).await }
    });
    Effect::new(move |_| {
        let shown = data.value.with(|d| {
            d.as_ref()
                .map(|a: &AlertsResponse| a.items.iter().filter_map(|x| x.time.map(|t| t.as_datetime())).collect())
        });
        times.set(shown.unwrap_or_default());
    });
    // The answer's `match_count` may disagree with its items (Total::from_answer).
    let told = move || {
        data.value.with(|d| {
            let offset = u64::from((page.get() - 1) * ALERTS_PAGE);
            d.as_ref().map(|a| Total::from_answer(a.meta.match_count, offset, u64::from(ALERTS_PAGE), a.items.len()))
        })
    };
    let total = move || told().map(Total::rows);
    let go_to_event = move |rid: u64| {
        let mut next = view.get_untracked();
        next.event = Some(rid);
        set_view.run((next, false));
        if let Some(events) = document().get_element_by_id("events") {
            events.scroll_into_view();
        }
    };
    let on_page = Callback::new(move |p: u32| {
        let mut next = view.get_untracked();
        next.alerts_page = p;
        set_view.run((next, false));
    });
    let body = move || {
        let tz = tz.get();
        match (data.value.get(), data.error.get()) {
            (None, Some(ApiError::Unauthenticated)) => {
                view! { <Empty message="Log in to SPS to see the alerts." /> }.into_any()
            }
            (None, Some(error)) => view! { <ErrorNotice error /> }.into_any(),
            (None, None) => view! { <Loading what="alerts" /> }.into_any(),
            (Some(answer), _) if answer.items.is_empty() && page.get() == 1 => {
                view! { <Empty message="No alerts: no content policy rule matched anything in this session." /> }
                    .into_any()
            }
            (Some(answer), _) => {
                let rows = answer.items.len();
                let pager = total().filter(|t| *t > u64::from(ALERTS_PAGE) || page.get() > 1).map(|total| {
                    view! { <Pager paging=Paging { total, size: ALERTS_PAGE } page=page.get() rows what="alerts" on_page /> }
                });
                view! {
                    <div class="table-scroll">
                        <table class="alerts-table">
                            <thead>
                                <tr>
                                    <th scope="col">{format!("Time ({})", tz.name())}</th>
                                    <th scope="col">"Rule"</th>
                                    <th scope="col">"Type"</th>
                                    <th scope="col">"Matched action"</th>
                                    <th scope="col">"Matched content (pattern match marked)"</th>
                                    <th scope="col">"Event"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {answer.items.into_iter().map(|a| alert_row(a, tz, go_to_event)).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {pager}
                }
                .into_any()
            }
        }
    };
    let count = move || told().map(|t| t.counted("alerts"));
    view! {
        <section class="panel alerts-panel" id="alerts" aria-label="Alerts">
            <header class="panel-header">
                <h2 class="panel-title">"Alerts"</h2>
                <span class="panel-subtitle" role="status">
                    {count}
                </span>
                <span class="panel-busy" class:visible=move || data.loading.get() aria-hidden="true"></span>
            </header>
            {body}
        </section>
    }
}

fn alert_row(a: SessionAlert, tz: Zone, go_to_event: impl Fn(u64) + Copy + Send + Sync + 'static) -> impl IntoView {
    let time = a.time.map(|t| format::date_time(t.as_datetime(), tz));
    let content = a.matched_content.clone().unwrap_or_default();
    let marked = highlight(&content, a.matched_regexp.as_deref());
    let note = marked.note.clone();
    let regexp = a.matched_regexp.clone();
    let link = a.record_id.map(|rid| {
        view! {
            <button
                type="button"
                class="link-button"
                title=format!("Show event #{rid} in the events table")
                on:click=move |_| go_to_event(rid)
            >
                {format!("#{rid} →")}
            </button>
        }
    });
    view! {
        <tr>
            <td class="nowrap">{time.unwrap_or_else(|| "–".into())}</td>
            <td class="rule">
                <SafeText text=a.rule_name.clone().unwrap_or_default() limit=80 />
            </td>
            <td class="nowrap">
                <SafeText text=a.alert_type.clone().unwrap_or_default() limit=60 />
            </td>
            <td class="long-text mono">
                <SafeText text=a.matched_action.clone().unwrap_or_default() limit=ACTION_CHARS />
            </td>
            <td class="long-text mono matched">
                {highlighted(marked)}
                {regexp
                    .map(|r| {
                        view! {
                            <div class="regexp">
                                "pattern: " <code>
                                    <SafeText text=r limit=120 />
                                </code>
                            </div>
                        }
                    })} {note.map(|n| view! { <div class="muted regexp-note">{n}</div> })}
            </td>
            <td class="nowrap">{link}</td>
        </tr>
    }
}
