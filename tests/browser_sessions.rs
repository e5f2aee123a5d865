//! Browser tests of the session search and drill-down pieces (wasm-bindgen-test in
//! headless Chromium): recorded text stays text with visible markers, the sessions
//! table sorts, filters and opens through its callbacks, the pager pages, and the
//! events timeline draws on a HiDPI canvas.
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, TimeZone, Utc};
use leptos::prelude::*;
use serde_json::json;
use sps_dashboard::charts::palette::ChartTheme;
use sps_dashboard::charts::timeline::{Sample, Timeline};
use sps_dashboard::components::sessions::pager::Pager;
use sps_dashboard::components::sessions::safe_text::{clipped_marked, highlighted, SafeText};
use sps_dashboard::components::sessions::table::{CellFilter, Row, SessionsTable};
use sps_dashboard::components::sessions::timeline::{draw_timeline, EventsTimeline};
use sps_dashboard::state::search::columns::{default_columns, Sort};
use sps_dashboard::state::search::paging::Paging;
use sps_dashboard::state::search::url_state::SearchState;
use sps_dashboard::state::session_view::opened_from;
use sps_dashboard::state::view::ZoneChoice;
use sps_dashboard::text::alert_match::highlight;
use sps_dashboard::text::terms::Terms;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlElement};

mod support;

use support::{colour_count, host, settle, texts};

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE: &str = "echo '<script>alert(1)</script>' \u{1b}[31mred\u{1b}[0m\u{7} mv invoice\u{202e}fdp.exe sudo\u{200b} -i <img src=x onerror=alert(2)>";

fn click(root: &HtmlElement, selector: &str) {
    let el: HtmlElement = root.query_selector(selector).expect("selector").expect(selector).unchecked_into();
    el.click();
}

#[wasm_bindgen_test]
async fn recorded_text_is_text_with_visible_inert_markers() {
    let root = host(600);
    let _mounted = mount_to(root.clone(), || view! { <SafeText text=HOSTILE /> });
    settle().await;
    // Markup stays text: the only elements are the wrapper and the markers.
    assert!(root.query_selector("script, img").expect("selector").is_none());
    let tags = root.query_selector_all("*").expect("selector");
    for i in 0..tags.length() {
        let el: web_sys::Element = tags.item(i).expect("node").unchecked_into();
        assert_eq!(el.tag_name(), "SPAN", "unexpected element {}", el.outer_html());
    }
    let markers = texts(&root, ".ctl");
    assert_eq!(markers, vec!["⟨ESC⟩[31m", "⟨ESC⟩[0m", "⟨BEL⟩", "⟨RLO⟩", "⟨ZWSP⟩"]);
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("echo '<script>alert(1)</script>'"), "{text}");
    assert!(text.contains("<img src=x onerror=alert(2)>"));
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains('\u{200b}'));
    let title =
        root.query_selector(".ctl").expect("selector").expect("marker").get_attribute("title").unwrap_or_default();
    assert!(title.contains("ANSI"), "{title}");
    root.remove();
}

#[wasm_bindgen_test]
async fn long_text_is_cut_until_asked_for() {
    let root = host(600);
    let long = format!("echo '{}'", "A".repeat(12_000));
    let _mounted = mount_to(root.clone(), move || view! { <SafeText text=long.clone() limit=300 /> });
    settle().await;
    let button = texts(&root, "button.more");
    assert_eq!(button, vec!["… show 11,707 more characters"]);
    assert_eq!(texts(&root, ".untrusted")[0].chars().count(), 300);
    click(&root, "button.more");
    settle().await;
    assert!(root.query_selector("button.more").expect("selector").is_none());
    assert_eq!(texts(&root, ".untrusted")[0].chars().count(), 12_007);
    root.remove();
}

#[wasm_bindgen_test]
async fn matched_patterns_are_marked_as_text() {
    let root = host(600);
    let marked = highlight("deploy@db:~$ echo '<script>alert(1)</script>' sudo\u{200b} -i", Some("<script|sudo"));
    let _mounted = mount_to(root.clone(), move || highlighted(marked.clone()));
    settle().await;
    assert_eq!(texts(&root, "mark"), vec!["<script", "sudo"]);
    assert_eq!(texts(&root, ".ctl"), vec!["⟨ZWSP⟩"]);
    assert!(root.query_selector("script").expect("selector").is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_words_of_a_content_search_are_marked_as_text() {
    let root = host(600);
    let terms = Terms::parse(r#"content:"<script>" OR sudo OR ?dmin*"#);
    let cut_terms = terms.clone();
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <p class="detail">
                <SafeText text=HOSTILE marks=terms.clone() />
            </p>
            <p class="row">{clipped_marked("Admin@db:~# sudo\u{1b}[31m -i; sudo tail", &cut_terms, 20)}</p>
        }
    });
    settle().await;
    // As SPS's full-text search matches it: the word `script`, in both tags.
    assert_eq!(texts(&root, ".detail mark"), vec!["script", "script", "sudo"]);
    assert!(root.query_selector("script, img").expect("selector").is_none(), "marked markup stays text");
    assert_eq!(texts(&root, ".detail .ctl").len(), 5, "markers are kept");
    // Cut to 20 characters: the escape sequence is a marker, the second `sudo` is past the cut.
    assert_eq!(texts(&root, ".row mark"), vec!["Admin", "sudo"]);
    assert_eq!(texts(&root, ".row .ctl"), vec!["⟨ESC⟩[31m"]);
    assert_eq!(texts(&root, ".row .clipped"), vec![" … +14 chars"]);
    root.remove();
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            id: "s1".into(),
            body: json!({"start_time": "2026-11-23T08:00:00Z", "end_time": "2026-11-23T08:05:00Z", "duration": 300,
                "active": false, "protocol": "SSH", "user": {"gateway_username": "=HYPERLINK(\"x\")", "server_username": ["root", "oracle"]},
                "client": {"ip": "10.0.0.5"}, "server": {"ip": "10.0.1.9"}, "recording": {"connection_policy": "ssh-prod"},
                "verdict": "ACCEPT"}),
        },
        Row {
            id: "svc/odd id#1".into(),
            body: json!({"start_time": "2026-11-23T09:00:00Z", "active": true, "protocol": "rdp",
                "user": {"gateway_username": "<img src=x onerror=alert(1)>"}}),
        },
    ]
}

#[wasm_bindgen_test]
async fn the_sessions_table_sorts_filters_and_opens() {
    let root = host(1200);
    let sorted = RwSignal::new(Vec::<Sort>::new());
    let filtered = RwSignal::new(Vec::<CellFilter>::new());
    let opened = RwSignal::new(Vec::<String>::new());
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <SessionsTable
                rows=rows()
                columns=default_columns()
                sort=SearchState::default().sort
                tz=sps_dashboard::zone::Zone::UTC
                link=opened_from(ZoneChoice::Browser, "sudo AND NOT ls")
                on_sort=Callback::new(move |s| sorted.update(|v| v.push(s)))
                on_filter=Callback::new(move |f| filtered.update(|v| v.push(f)))
                on_open=Callback::new(move |id| opened.update(|v| v.push(id)))
            />
        }
    });
    settle().await;
    assert_eq!(root.query_selector_all("tbody tr").expect("selector").length(), 2);
    let sorted_heading = root.query_selector("th[aria-sort='descending']").expect("selector").expect("sorted column");
    assert!(sorted_heading.text_content().unwrap_or_default().starts_with("Start"));
    assert!(root.query_selector("img").expect("selector").is_none(), "a username never becomes markup");
    let cells = texts(&root, "tbody tr:first-child td");
    assert_eq!(&cells[..4], &["2026-11-23 08:00:00", "08:05:00", "5m 00s", "ended"]);
    assert_eq!(texts(&root, "tbody tr:nth-child(2) .badge-active"), vec!["Active"]);
    assert_eq!(texts(&root, "tbody tr:nth-child(2) td:nth-child(2)"), vec!["running"]);

    // A heading sorts; a value filters; a row opens.
    click(&root, "th:nth-child(3) button.sort");
    assert_eq!(sorted.get_untracked(), vec![Sort { field: "duration".into(), descending: true }]);
    click(&root, "tbody tr:first-child td:nth-child(5) button.cell-value");
    assert_eq!(filtered.get_untracked(), vec![CellFilter { field: "protocol", value: "SSH".into(), exclude: false }]);
    // A list value (as appliances send `server_username`): joined, each item a filter.
    assert_eq!(texts(&root, "tbody tr:first-child td:nth-child(7)"), vec!["root, oracle"]);
    assert_eq!(texts(&root, "tbody tr:first-child td:nth-child(7) button.cell-value"), vec!["root", "oracle"]);
    click(&root, "tbody tr:first-child td:nth-child(7) button.cell-value:last-child");
    assert_eq!(
        filtered.get_untracked()[1],
        CellFilter { field: "user.server_username", value: "oracle".into(), exclude: false }
    );
    assert!(opened.get_untracked().is_empty(), "a value click does not open the row");
    click(&root, "tbody tr:first-child td:nth-child(1)");
    click(&root, "tbody tr:nth-child(2) a.open-link");
    assert_eq!(opened.get_untracked(), vec!["s1".to_owned(), "svc/odd id#1".to_owned()]);
    let href = root
        .query_selector("tbody tr:nth-child(2) a.open-link")
        .expect("selector")
        .expect("link")
        .get_attribute("href");
    // Opened from a content search, the session's events are filtered by its words.
    assert_eq!(href.as_deref(), Some("/sessions/svc%2Fodd%20id%231?q=content%3Asudo"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_pager_pages_within_the_window() {
    let root = host(800);
    let picked = RwSignal::new(Vec::<u32>::new());
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <Pager
                paging=Paging {
                    total: 123_456,
                    size: 500,
                }
                page=20
                rows=500
                what="sessions"
                on_page=Callback::new(move |p| picked.update(|v| v.push(p)))
            />
        }
    });
    settle().await;
    assert_eq!(texts(&root, ".pager-rows"), vec!["9,501–10,000 of 123,456 sessions"]);
    assert_eq!(texts(&root, "button.page-number"), vec!["1", "18", "19", "20", "21"]);
    assert_eq!(texts(&root, "button[aria-current='page']"), vec!["20"]);
    click(&root, "button[aria-label='Last reachable page']");
    click(&root, "button[aria-label='Previous page']");
    assert_eq!(picked.get_untracked(), vec![21, 19]);
    root.remove();
}

fn timeline() -> Timeline {
    let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
    let samples =
        (0..48).map(|i| Sample { offset: i * 2_127, time: t0 + Duration::seconds((i * i * 3) as i64) }).collect();
    Timeline::new(t0, t0 + Duration::hours(2), 100_000, samples)
}

#[wasm_bindgen_test]
fn the_timeline_draws_on_a_hidpi_canvas() {
    let root = host(700);
    let canvas: HtmlCanvasElement = document().create_element("canvas").expect("canvas").unchecked_into();
    canvas.set_attribute("style", "width: 700px; height: 92px; display: block").expect("style");
    root.append_child(&canvas).expect("append");
    let marks = [Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()];
    let layout = draw_timeline(&canvas, &timeline(), sps_dashboard::zone::Zone::UTC, &marks, None, &ChartTheme::LIGHT)
        .expect("draws");
    assert_eq!(canvas.width(), (700.0 * window().device_pixel_ratio()).round() as u32);
    assert!(!layout.bars.is_empty());
    assert_eq!(layout.marks.len(), 1);
    assert!(colour_count(&canvas) > 3, "bars, marks and labels were drawn");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_mounted_timeline_has_its_table_and_jumps_on_click() {
    let root = host(700);
    let jumps = RwSignal::new(Vec::<u64>::new());
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <EventsTimeline
                timeline=Signal::stored(Some(timeline()))
                tz=Signal::stored(sps_dashboard::zone::Zone::UTC)
                marks=Signal::stored(Vec::new())
                position=Signal::stored(None)
                on_jump=Callback::new(move |row| jumps.update(|v| v.push(row)))
            />
        }
    });
    settle().await;
    settle().await;
    let canvas: HtmlCanvasElement = root.query_selector("canvas").expect("selector").expect("canvas").unchecked_into();
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert!(canvas.get_attribute("aria-label").unwrap_or_default().contains("100,000 events"));
    assert_eq!(root.query_selector_all("tbody tr").expect("selector").length(), 24, "the table half of the chart");
    let rect = canvas.get_bounding_client_rect();
    let init = web_sys::MouseEventInit::new();
    init.set_client_x((rect.left() + rect.width() - 8.0) as i32);
    init.set_client_y((rect.top() + 40.0) as i32);
    init.set_bubbles(true);
    canvas
        .dispatch_event(&web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("event"))
        .expect("dispatch");
    let picked = jumps.get_untracked();
    assert_eq!(picked.len(), 1);
    assert!(picked[0] > 90_000, "a click near the end jumps near the last event: {picked:?}");
    root.remove();
}
