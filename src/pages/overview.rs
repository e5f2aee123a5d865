//! `/`: the overview the SOC wall shows.

use chrono::DateTime;
use leptos::prelude::*;

use crate::components::stats_panel::{StatsPanel, Window};
use crate::config::AppConfig;

/// The overview page: panels over the configured default time range.
#[component]
pub fn Overview() -> impl IntoView {
    let config = expect_context::<AppConfig>();
    let range = config.range();
    let now = DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
    let (start, end) = range.window(now);
    provide_context(Signal::stored(Window { start, end }));

    view! {
        <div class="page-heading">
            <h1>"Overview"</h1>
            <p class="range-label">{range.label()}</p>
        </div>
        <div class="panel-grid">
            <StatsPanel title="Top protocols" field="protocol" />
        </div>
    }
}
