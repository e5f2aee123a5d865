//! Browser tests (wasm-bindgen-test in headless Chromium): components mount with
//! the right DOM, and charts put real pixels on a canvas.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use sps_dashboard::charts::draw::{draw_histogram, draw_top_n, DrawSize};
use sps_dashboard::charts::histogram::Histogram;
use sps_dashboard::charts::palette::ChartTheme;
use sps_dashboard::charts::top_n::TopN;
use sps_dashboard::components::top_n_chart::{TopNChart, ValueFilter};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlElement};

mod support;

use support::{colour_count, host, settle, texts};

wasm_bindgen_test_configure!(run_in_browser);

const USERS_BY_PROTOCOL: &str = r#"{"items":[
    {"value":"alice","count":5,"others":2,"buckets":[{"value":"ssh","count":3}]},
    {"value":"<img src=x onerror=alert(1)>","count":4,"buckets":[{"value":"rdp","count":3},{"value":"ssh","count":1}]}
  ],"meta":{"others":1234}}"#;

fn model() -> TopN {
    TopN::from_stats(&serde_json::from_str(USERS_BY_PROTOCOL).expect("fixture parses"))
}

#[wasm_bindgen_test]
async fn top_n_chart_mounts_with_table_rows_and_draws() {
    let root = host(600);
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <TopNChart title="Top users" field="user.gateway_username" model=model() /> }
    });

    assert_eq!(
        texts(&root, "tbody td:first-child"),
        vec![
            "alice",
            "ssh",
            "other (2 sessions)",
            "<img src=x onerror=alert(1)>",
            "rdp",
            "ssh",
            "other (1,234 sessions)"
        ]
    );
    assert_eq!(texts(&root, "tbody td.num"), vec!["5", "3", "2", "4", "3", "1", "1,234"]);
    assert_eq!(texts(&root, "thead th"), vec!["user.gateway_username", "count"]);
    assert!(root.query_selector("img").expect("selector").is_none(), "user text must never become markup");

    assert!(root.query_selector("table").expect("selector").is_some(), "the table is always in the DOM");
    let table = root.query_selector(".chart-table-wrap").expect("selector").expect("table wrapper");
    assert!(table.class_list().contains("sr-only"), "hidden until toggled");
    let toggle: HtmlElement = root.query_selector("button.toggle").expect("selector").expect("toggle").unchecked_into();
    toggle.click();
    settle().await;
    assert!(!table.class_list().contains("sr-only"), "the Table toggle shows it");
    assert_eq!(toggle.get_attribute("aria-pressed").as_deref(), Some("true"));

    let canvas: HtmlCanvasElement = root.query_selector("canvas").expect("selector").expect("canvas").unchecked_into();
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert!(canvas.get_attribute("aria-label").unwrap_or_default().starts_with("Top users: alice 5"));
    assert!(colour_count(&canvas) > 3, "the mounted chart drew bars and labels");
    assert_eq!(texts(&root, ".legend li"), vec!["ssh", "rdp", "other"]);
    root.remove();
}

#[wasm_bindgen_test]
fn draw_top_n_fills_a_hidpi_canvas() {
    let root = host(400);
    let canvas: HtmlCanvasElement = document().create_element("canvas").expect("canvas").unchecked_into();
    canvas.set_attribute("style", "width: 400px; height: 150px").expect("style");
    root.append_child(&canvas).expect("append");

    let layout = draw_top_n(&canvas, &model(), &ChartTheme::DARK, DrawSize::on_screen(&canvas, 1.0)).expect("draws");
    let ratio = window().device_pixel_ratio();
    assert_eq!(canvas.width(), (400.0 * ratio).round() as u32, "backing store follows devicePixelRatio");
    assert_eq!(layout.rows.len(), 3);
    assert!(colour_count(&canvas) > 3, "not blank");
    root.remove();
}

#[wasm_bindgen_test]
async fn clicking_bars_and_table_buttons_reports_filters() {
    let root = host(500);
    let picked = RwSignal::new(Vec::<ValueFilter>::new());
    let on_filter = Callback::new(move |f: ValueFilter| picked.update(|v| v.push(f)));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <TopNChart title="Top users" field="user.gateway_username" model=model() on_filter /> }
    });
    settle().await;
    let canvas: HtmlCanvasElement = root.query_selector("canvas").expect("selector").expect("canvas").unchecked_into();
    // A click in the first row's band, over its first (ssh) segment.
    let click = |x: f64, y: f64, shift: bool| {
        let init = web_sys::MouseEventInit::new();
        init.set_client_x((canvas.get_bounding_client_rect().left() + x) as i32);
        init.set_client_y((canvas.get_bounding_client_rect().top() + y) as i32);
        init.set_shift_key(shift);
        init.set_bubbles(true);
        let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("event");
        canvas.dispatch_event(&ev).expect("dispatch");
    };
    let layout = sps_dashboard::charts::top_n_layout::TopNLayout::new(
        &model(),
        f64::from(canvas.client_width()),
        f64::from(canvas.client_height()),
    );
    let ssh = layout.rows[0].pieces[0].0;
    click(ssh.x + ssh.w / 2.0, ssh.y + ssh.h / 2.0, false);
    click(ssh.x + ssh.w / 2.0, layout.rows[1].center_y, true);
    let minus: HtmlElement = root
        .query_selector("button[aria-label='Exclude alice']")
        .expect("selector")
        .expect("row button")
        .unchecked_into();
    minus.click();
    let got = picked.get_untracked();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], ValueFilter { value: "alice".into(), sub_value: Some("ssh".into()), exclude: false });
    assert_eq!(got[1], ValueFilter { value: "<img src=x onerror=alert(1)>".into(), sub_value: None, exclude: true });
    assert_eq!(got[2], ValueFilter { value: "alice".into(), sub_value: None, exclude: true });
    root.remove();
}

/// The colour of the backing-store pixel at (`x`, `y`).
fn pixel(canvas: &HtmlCanvasElement, x: f64, y: f64) -> (u8, u8, u8) {
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").expect("context").expect("2d").unchecked_into();
    let data = ctx.get_image_data(x.floor(), y.floor(), 1.0, 1.0).expect("pixel").data();
    (data[0], data[1], data[2])
}

#[wasm_bindgen_test]
fn draw_histogram_is_not_blank() {
    let root = host(600);
    let canvas: HtmlCanvasElement = document().create_element("canvas").expect("canvas").unchecked_into();
    canvas.set_attribute("style", "width: 600px; height: 200px").expect("style");
    root.append_child(&canvas).expect("append");
    let buckets: Vec<sps_api::HistogramBucket> = serde_json::from_str(
        r#"[{"id":"2018-01-15T12:00:00.000Z","start_count":61,"active_count":61},
            {"id":"2018-01-15T13:00:00.000Z","start_count":89,"active_count":99},
            {"id":"2018-01-15T14:00:00.000Z","start_count":24,"active_count":39}]"#,
    )
    .expect("fixture");
    let model = Histogram::from_buckets(&buckets, None, sps_api::BinSize::Hour);
    let size = DrawSize::on_screen(&canvas, 1.0);
    let layout =
        draw_histogram(&canvas, &model, sps_dashboard::zone::Zone::UTC, &ChartTheme::LIGHT, size).expect("draws");
    assert_eq!(layout.bars.len(), 3);
    assert!(colour_count(&canvas) > 3, "not blank");
    // The bars (one path, filled directly on the context) are solid accent; the line
    // crosses them near their top, so look in their lower part.
    let accent = ChartTheme::LIGHT.accent;
    for r in &layout.bars {
        let (x, y) = ((r.x + r.w / 2.0) * size.ratio, (r.y + r.h * 0.9) * size.ratio);
        assert_eq!(pixel(&canvas, x, y), (accent.0, accent.1, accent.2), "bar at x {}", r.x);
    }
    root.remove();
}

#[wasm_bindgen_test]
fn the_panic_notice_offers_a_reload_once() {
    sps_dashboard::crash::show_notice();
    sps_dashboard::crash::show_notice();
    let notices = document().query_selector_all(".crash-notice").expect("selector");
    assert_eq!(notices.length(), 1);
    let notice = notices.item(0).expect("notice");
    let element: HtmlElement = notice.clone().unchecked_into();
    assert_eq!(element.get_attribute("role").as_deref(), Some("alert"));
    let link = element.query_selector("a").expect("selector").expect("reload link");
    assert_eq!(link.text_content().as_deref(), Some("Reload"));
    assert_eq!(link.get_attribute("href"), window().location().href().ok());
    element.remove();
}

/// The browser build's zones come from `Intl`: offsets across a DST change, UTC,
/// wall times in the gap and the overlap, and unknown names rejected.
#[wasm_bindgen_test]
fn intl_zones_follow_the_browsers_database() {
    use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
    use sps_dashboard::zone::Zone;
    let at = |s: &str| s.parse::<DateTime<Utc>>().expect("an instant");
    let wall = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("a wall time");
    let bud: Zone = "Europe/Budapest".parse().expect("Intl knows Budapest");
    assert_eq!(bud.name(), "Europe/Budapest");
    assert_eq!(at("2026-03-29T00:59:59Z").with_timezone(&bud).to_rfc3339(), "2026-03-29T01:59:59+01:00");
    assert_eq!(at("2026-03-29T01:00:00Z").with_timezone(&bud).to_rfc3339(), "2026-03-29T03:00:00+02:00");
    assert_eq!(at("2026-10-25T00:59:59Z").with_timezone(&bud).to_rfc3339(), "2026-10-25T02:59:59+02:00");
    assert_eq!(at("2026-10-25T01:00:00Z").with_timezone(&bud).to_rfc3339(), "2026-10-25T02:00:00+01:00");
    assert_eq!(bud.local_to_utc(&wall("2026-03-29 02:30")), Some(at("2026-03-29T01:30:00Z")));
    let twice = bud.from_local_datetime(&wall("2026-10-25 02:30"));
    assert_eq!(twice.earliest().map(|t| t.with_timezone(&Utc)), Some(at("2026-10-25T00:30:00Z")));
    assert_eq!(twice.latest().map(|t| t.with_timezone(&Utc)), Some(at("2026-10-25T01:30:00Z")));
    let utc: Zone = "UTC".parse().expect("UTC");
    assert_eq!(utc, Zone::UTC);
    assert_eq!(at("2026-07-01T12:00:00Z").with_timezone(&utc).to_rfc3339(), "2026-07-01T12:00:00+00:00");
    assert!("Mars/Olympus".parse::<Zone>().is_err());
    assert!("".parse::<Zone>().is_err());
    assert!(Zone::names().iter().any(|n| n == "Europe/Budapest"));
}
