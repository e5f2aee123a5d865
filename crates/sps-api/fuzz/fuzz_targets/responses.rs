//! Arbitrary bytes as the body of every answer the dashboard reads: each response
//! type either refuses them or accepts them, round-trips, and goes through the app's
//! own pure processing of that answer (chart models and layouts, session details,
//! safe text, pattern marks) without a panic.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use sps_api::{
    AlertsResponse, AuthenticationResponse, BinSize, CountResponse, ErrorBody, EventsResponse, HistogramResponse,
    InfoResponse, SessionResponse, SessionsResponse, StatsResponse,
};
use sps_dashboard::charts::histogram::{Histogram, HistogramLayout};
use sps_dashboard::charts::timeline::{Sample, Timeline, TimelineLayout};
use sps_dashboard::charts::top_n::TopN;
use sps_dashboard::charts::top_n_layout::TopNLayout;
use sps_dashboard::state::search::cells::cell;
use sps_dashboard::state::search::columns::COLUMNS;
use sps_dashboard::state::session_detail::{groups, headline, index_note};
use sps_dashboard::text::{alert_match::highlight, prompt::split, safe::limited};
use sps_dashboard::zone::Zone;

/// Zones with and without daylight saving, and one far from UTC.
const ZONES: [&str; 3] = ["UTC", "Europe/Budapest", "Pacific/Kiritimati"];

/// What the app shows of recorded text at most before "show more".
const SHOWN_CHARS: usize = 2_000;

/// Parses `data` as a `T`; what parses must write and read back to itself.
fn parse<T: DeserializeOwned + Serialize + PartialEq + Debug>(data: &[u8]) -> Option<T> {
    let value: T = serde_json::from_slice(data).ok()?;
    let written = serde_json::to_string(&value).expect("an accepted answer writes");
    let back: T = serde_json::from_str(&written).unwrap_or_else(|e| panic!("{written} does not read back: {e}"));
    assert_eq!(back, value, "written as {written}");
    Some(value)
}

fn stats(answer: &StatsResponse) {
    let model = TopN::from_stats(answer);
    let _ = (model.summary("field"), model.table_rows(), model.max_count());
    for (w, h) in [(320.0, 200.0), (1.0, 1.0), (0.0, 0.0)] {
        let layout = TopNLayout::new(&model, w, h);
        let _ = layout.hit(w / 2.0, h / 2.0);
    }
}

fn histogram(answer: &HistogramResponse) {
    let bin = answer.meta.bin_size.as_deref().and_then(|b| b.parse().ok()).unwrap_or(BinSize::Hour);
    let model = Histogram::from_buckets(&answer.body.buckets, answer.meta.bin_size.as_deref(), bin);
    let _ = (model.extent(), model.max_count());
    for tz in ZONES.iter().filter_map(|name| name.parse::<Zone>().ok()) {
        let _ = model.summary(tz);
        let layout = HistogramLayout::new(&model, 640.0, 240.0, tz);
        let _ = (layout.hit(320.0, 120.0), layout.time_at(320.0));
    }
}

fn recorded_text(text: &str) {
    let _ = limited(text, SHOWN_CHARS);
    let _ = limited(text, usize::MAX);
}

fn events(answer: &EventsResponse) {
    for event in &answer.items {
        let content = event.content.as_deref().unwrap_or_default();
        let line = split(content, event.action.as_deref());
        line.prompt.into_iter().chain([line.command]).for_each(recorded_text);
    }
    let samples: Vec<Sample> = (0u64..)
        .zip(&answer.items)
        .filter_map(|(offset, e)| e.time.map(|t| Sample { offset, time: t.as_datetime() }))
        .collect();
    if let (Some(first), Some(last)) = (samples.first(), samples.last()) {
        let (start, end) = (first.time, last.time);
        let total = answer.items.len() as u64;
        let marks = [start, end];
        let timeline = Timeline::new(start, end, total, samples);
        let _ = (timeline.counts(60), timeline.offset_at(end), timeline.time_of(total / 2));
        let layout = TimelineLayout::new(&timeline, 640.0, 120.0, Zone::UTC, &marks);
        let _ = layout.x_of(start);
    }
}

fn alerts(answer: &AlertsResponse) {
    for alert in &answer.items {
        let content = alert.matched_content.as_deref().unwrap_or_default();
        let _ = highlight(content, alert.matched_regexp.as_deref());
        recorded_text(content);
    }
}

/// The session pages read bodies as JSON values (any requested field can be a column).
fn session_bodies(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<Value>(data) else { return };
    if let Some(body) = value.get("body") {
        let _ = (groups(body), headline(body), index_note(body));
    }
    for item in value.get("items").and_then(Value::as_array).into_iter().flatten() {
        if let Some(body) = item.get("body") {
            COLUMNS.iter().for_each(|c| drop(cell(body, c)));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Some(answer) = parse::<StatsResponse>(data) {
        stats(&answer);
    }
    if let Some(answer) = parse::<HistogramResponse>(data) {
        histogram(&answer);
    }
    if let Some(answer) = parse::<EventsResponse>(data) {
        events(&answer);
    }
    if let Some(answer) = parse::<AlertsResponse>(data) {
        alerts(&answer);
    }
    if parse::<SessionsResponse>(data).is_some() || parse::<SessionResponse>(data).is_some() {
        session_bodies(data);
    }
    let _ = parse::<CountResponse>(data);
    let _ = parse::<InfoResponse>(data);
    let _ = parse::<AuthenticationResponse>(data);
    let _ = parse::<ErrorBody>(data);
});
