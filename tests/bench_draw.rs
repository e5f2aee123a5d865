//! Draw benchmarks (wasm-bindgen-test in headless Chromium). These print figures and
//! never fail on a number; they are not part of the test suite's assertions.
//!
//!     cargo test -p sps-dashboard --target wasm32-unknown-unknown --profile wasm-bench \
//!         --test bench_draw -- --nocapture
//!
//! (`scripts/bench draw` runs exactly that.) The profile matters: `wasm-bench` is the
//! shipped release profile (opt-level "z", fat LTO) without the explicit `panic` that
//! breaks `cargo test` when std is rebuilt (Cargo.toml).
//!
//! Each figure: 5 warm-up draws, then the median of 50 timed with `performance.now()`
//! around the draw call ("draw"), and around the draw call plus a 1×1 `getImageData`,
//! which makes Chromium rasterize the recorded canvas operations ("draw+flush"). The
//! data is the same as in `tests/bench/peers.html` (uPlot and Chart.js), which runs in
//! another page of the same Chromium build.
#![cfg(target_arch = "wasm32")]

use sps_dashboard::charts::draw::{draw_histogram, draw_top_n, DrawSize};
use sps_dashboard::charts::histogram::Histogram;
use sps_dashboard::charts::palette::ChartTheme;
use sps_dashboard::charts::top_n::TopN;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

const WARMUP: usize = 5;
const RUNS: usize = 50;

fn document() -> web_sys::Document {
    web_sys::window().expect("window").document().expect("document")
}

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let c: HtmlCanvasElement = document().create_element("canvas").expect("canvas").unchecked_into();
    c.set_attribute("style", &format!("display:block;width:{width}px;height:{height}px")).expect("style");
    document().body().expect("body").append_child(&c).expect("append");
    c
}

fn flush(c: &HtmlCanvasElement) {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").expect("context").expect("2d").unchecked_into();
    let _ = ctx.get_image_data(0.0, 0.0, 1.0, 1.0).expect("pixel");
}

fn stats(mut v: Vec<f64>) -> String {
    v.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    format!(
        "median {:.3} ms  p10 {:.3}  p90 {:.3}  min {:.3}  max {:.3}  (n={})",
        q(0.5),
        q(0.1),
        q(0.9),
        v[0],
        v[v.len() - 1],
        v.len()
    )
}

/// Times `draw` alone and `draw` + flush.
fn bench(name: &str, c: &HtmlCanvasElement, mut draw: impl FnMut()) {
    for _ in 0..WARMUP {
        draw();
        flush(c);
    }
    let mut plain = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        flush(c);
        let t = now();
        draw();
        plain.push(now() - t);
    }
    let mut flushed = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        flush(c);
        let t = now();
        draw();
        flush(c);
        flushed.push(now() - t);
    }
    let dpr = web_sys::window().expect("window").device_pixel_ratio();
    console_log!("BENCH {name} draw       {}", stats(plain));
    console_log!(
        "BENCH {name} draw+flush {}  [canvas {}x{} backing, dpr {dpr}]",
        stats(flushed),
        c.width(),
        c.height()
    );
}

/// 1,000 hourly bins from 2026-01-01; the same formula as `tests/bench/peers.html`.
fn histogram_1000() -> Histogram {
    let start = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").expect("date").timestamp();
    let json: Vec<String> = (0..1000i64)
        .map(|i| {
            let t = chrono::DateTime::from_timestamp(start + i * 3600, 0).expect("time");
            let started = 20 + (i * 37) % 61;
            let active = started + 15 + (i * 13) % 29;
            format!(
                r#"{{"id":"{}","start_count":{started},"active_count":{active}}}"#,
                t.format("%Y-%m-%dT%H:%M:%S.000Z")
            )
        })
        .collect();
    let buckets: Vec<sps_api::HistogramBucket> =
        serde_json::from_str(&format!("[{}]", json.join(","))).expect("buckets parse");
    Histogram::from_buckets(&buckets, None, sps_api::BinSize::Hour)
}

/// 20 bars (users) × 5 sub-buckets (protocols), with "others" on each bar and overall.
fn top_n_20x5() -> TopN {
    let protocols = ["ssh", "rdp", "telnet", "vnc", "http"];
    let items: Vec<String> = (0..20u64)
        .map(|i| {
            let buckets: Vec<String> = protocols
                .iter()
                .enumerate()
                .map(|(j, p)| format!(r#"{{"value":"{p}","count":{}}}"#, (400 - i * 15) / (j as u64 + 1)))
                .collect();
            let sum: u64 = (0..5u64).map(|j| (400 - i * 15) / (j + 1)).sum();
            format!(
                r#"{{"value":"user-{i:02}@example.com","count":{},"others":7,"buckets":[{}]}}"#,
                sum + 7,
                buckets.join(",")
            )
        })
        .collect();
    let json = format!(r#"{{"items":[{}],"meta":{{"others":12345}}}}"#, items.join(","));
    TopN::from_stats(&serde_json::from_str(&json).expect("stats parse"))
}

#[wasm_bindgen_test]
fn bench_histogram_1000_bins() {
    let model = histogram_1000();
    assert_eq!(model.bins.len(), 1000);
    let c = canvas(1200, 300);
    let size = DrawSize::on_screen(&c, 1.0);
    bench("histogram-1000", &c, || {
        draw_histogram(&c, &model, sps_dashboard::zone::Zone::UTC, &ChartTheme::LIGHT, size).expect("draws");
    });
    c.remove();
}

#[wasm_bindgen_test]
fn bench_top_n_20x5() {
    let model = top_n_20x5();
    assert_eq!(model.bars.len(), 20);
    let c = canvas(600, 480);
    let size = DrawSize::on_screen(&c, 1.0);
    bench("top-n-20x5", &c, || {
        draw_top_n(&c, &model, &ChartTheme::LIGHT, size).expect("draws");
    });
    c.remove();
}
