//! Issue #8 regression test (wasm-bindgen-test in headless Chromium): refresh
//! rounds must not grow the Rust heap. A panel body with a top-N chart gets a new
//! answer every round, as a refresh delivers it, under long-lived theme and
//! shortcut signals (the ones a chart mounted anew each round left dead
//! subscribers on). After warm-up, the live bytes of the counting allocator (the
//! soak bench's, src/alloc_stats.rs) must stay flat.
#![cfg(target_arch = "wasm32")]

#[path = "../src/alloc_stats.rs"]
mod alloc_stats;
mod support;

use leptos::prelude::*;
use sps_dashboard::charts::top_n::TopN;
use sps_dashboard::components::panel_body::panel_body;
use sps_dashboard::components::panel_data::PanelData;
use sps_dashboard::components::shortcuts::provide_shortcuts;
use sps_dashboard::components::top_n_chart::TopNChart;
use sps_dashboard::theme::Theme;
use support::{host, settle};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const WARM_UP: u32 = 20;
const ROUNDS: u32 = 100;
/// Allowed growth over ROUNDS rounds; the leak of #8 was ~290 B per chart and round.
const MAX_GROWTH_BYTES: f64 = 2048.0;

/// Two answers that differ, so every round changes the data and redraws.
fn answer(round: u32) -> TopN {
    let json = if round.is_multiple_of(2) {
        r#"{"items":[{"value":"alice","count":5},{"value":"bob","count":3}],"meta":{"others":7}}"#
    } else {
        r#"{"items":[{"value":"alice","count":6},{"value":"carol","count":2}],"meta":{"others":9}}"#
    };
    TopN::from_stats(&serde_json::from_str(json).expect("fixture parses"))
}

#[wasm_bindgen_test]
async fn refresh_rounds_do_not_grow_the_heap() {
    let root = host(600);

    // The page's owner: its signals live as long as the wall's page does.
    let page = Owner::new();
    page.set();
    provide_context(RwSignal::new(Theme::Light));
    provide_shortcuts();
    let data = PanelData {
        value: RwSignal::new(None),
        error: RwSignal::new(None),
        stale_since: RwSignal::new(None),
        loading: RwSignal::new(false),
    };
    let _mounted = mount_to(root.clone(), move || {
        panel_body(data, "top values", TopN::is_empty, "empty", |model| {
            view! { <TopNChart title="Top users" field="user.gateway_username" model /> }
        })
    });

    let round = |i: u32| {
        data.value.set(Some(answer(i)));
        data.error.set(None);
    };
    for i in 0..WARM_UP {
        round(i);
        settle().await;
    }
    assert!(root.query_selector("canvas[role=img]").expect("selector").is_some(), "the chart is shown");
    let before = alloc_stats::sps_live_bytes();
    for i in WARM_UP..WARM_UP + ROUNDS {
        round(i);
        settle().await;
    }
    let growth = alloc_stats::sps_live_bytes() - before;
    console_log!("Rust heap growth over {ROUNDS} rounds after {WARM_UP} of warm-up: {growth} B");
    assert!(growth <= MAX_GROWTH_BYTES, "the Rust heap grew {growth} B over {ROUNDS} rounds");
}
