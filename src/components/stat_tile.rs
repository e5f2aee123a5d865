//! A stat tile: one big number (the `_count` of its query within the range), its
//! trend against the previous period of the same length, and, with thresholds, a
//! colour and a word (OK, WARN, CRIT) that read from across the room.

use leptos::prelude::*;
use sps_api::SessionsParams;

use crate::api::ApiClient;
use crate::components::panel_body::panel_body;
use crate::components::panel_data::use_panel_data;
use crate::components::refresh::Refresher;
use crate::components::shell::use_display;
use crate::format;
use crate::state::requests::checked_query;
use crate::state::stat::{period_label, trend, Level, StatSpec};
use crate::state::time_range::iso;
use crate::state::url::ViewCtl;

/// The two counts a tile shows, and the period they were counted in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Counts {
    /// Sessions in the range.
    now: u64,
    /// Sessions in the period of the same length before it.
    before: u64,
    /// The range counted, ISO 8601 (on the tile as `data-` attributes, so a check
    /// can ask SPS the same question).
    start: String,
    end: String,
    /// The range's length in seconds.
    seconds: i64,
}

/// The stat panel at `index` of the view's panels.
#[component]
pub fn StatTile(
    /// Position in the view's panel list.
    index: usize,
    /// What it counts.
    spec: StatSpec,
) -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let client = expect_context::<ApiClient>();
    let refresher = expect_context::<Refresher>();
    let auth = client.auth();
    let bare = use_display();
    let title = spec.what.title();
    let request_spec = spec.clone();
    let data = use_panel_data(move || {
        auth.track();
        let view = ctl.view.get();
        let (start, end) = view.range.resolve(refresher.now.get());
        let before = start - (end - start);
        let q = request_spec.query_within(&view.q);
        let params = |a, b| SessionsParams {
            q: (!q.is_empty()).then(|| q.clone()),
            start: Some(iso(a)),
            end: Some(iso(b)),
            ..Default::default()
        };
        // Never send a query that does not parse (the page's `q` may not).
        let requests = checked_query(&q)
            .map(|()| (client.session_count(&params(start, end)), client.session_count(&params(before, start))));
        let (start_iso, end_iso, seconds) = (iso(start), iso(end), (end - start).num_seconds());
        async move {
            let (now, previous) = requests?;
            Ok(Counts { now: now.await?.count, before: previous.await?.count, start: start_iso, end: end_iso, seconds })
        }
    });
    let tile_spec = spec.clone();
    // A count of zero is a number to show, never "empty".
    let body = panel_body(
        data,
        "the count",
        |_| false,
        "",
        move |counts: Signal<Counts>| {
            let spec = tile_spec.clone();
            let level = Memo::new(move |_| counts.with(|c| spec.level(c.now)));
            view! {
                <div
                    class=move || format!("stat-body {}", level.get().map_or("", Level::class))
                    data-start=move || counts.with(|c| c.start.clone())
                    data-end=move || counts.with(|c| c.end.clone())
                >
                    <p class="stat-number">{move || counts.with(|c| format::count(c.now))}</p>
                    {move || level.get().map(|l| view! { <p class="stat-level">{l.word()}</p> })}
                    <p class="stat-trend">
                        {move || {
                            counts
                                .with(|c| {
                                    format!("{} vs the previous {}", trend(c.now, c.before), period_label(c.seconds))
                                })
                        }}
                    </p>
                </div>
            }
        },
    );
    let remove = move |_| {
        ctl.update(|v| {
            if index < v.panels.len() {
                v.panels.remove(index);
            }
        })
    };
    let remove_label = format!("Remove panel {title}");
    view! {
        <section class="panel panel-stat" aria-label=title.clone()>
            <header class="panel-header">
                <h2 class="panel-title" title=title.clone()>
                    {title.clone()}
                </h2>
                <span class="panel-busy" class:visible=move || data.loading.get() aria-hidden="true"></span>
                <Show when=move || !bare.get().bare()>
                    <button type="button" class="mini" aria-label=remove_label.clone() on:click=remove>
                        "Remove"
                    </button>
                </Show>
            </header>
            {body}
        </section>
    }
}
