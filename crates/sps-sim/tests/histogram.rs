//! The histogram: interval alignment, start and active counts, both spellings of the
//! bin size, and each documented 400.

mod common;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use common::{app, error_code, ok};
use serde_json::{json, Value};
use sps_sim::events::EventSource;
use sps_sim::histogram::MAX_BUCKETS;
use sps_sim::{Session, SessionStore};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn session(id: &str, protocol: &str, start: &str, end: Option<&str>) -> Session {
    let body = json!({ "protocol": protocol, "start_time": start, "end_time": end });
    Session::new(id, at(start), end.map(at), body, EventSource::none())
}

/// Sessions around 2026-01-05 10:00–12:00 UTC; "now" is 12:30.
fn store() -> SessionStore {
    let sessions = vec![
        session("A", "ssh", "2026-01-05T10:15:00Z", Some("2026-01-05T10:45:00Z")),
        session("B", "rdp", "2026-01-05T09:50:00Z", Some("2026-01-05T11:10:00Z")),
        session("C", "ssh", "2026-01-05T11:30:00Z", None),
        session("D", "ssh", "2026-01-05T08:00:00Z", Some("2026-01-05T09:00:00Z")),
        session("E", "rdp", "2026-01-05T11:59:59Z", Some("2026-01-05T12:05:00Z")),
    ];
    SessionStore::in_memory(sessions, at("2026-01-05T12:30:00Z")).unwrap()
}

fn buckets(body: &Value) -> Vec<(String, u64, u64)> {
    body["body"]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_owned(),
                b["start_count"].as_u64().unwrap(),
                b["active_count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn bucket(id: &str, start_count: u64, active_count: u64) -> (String, u64, u64) {
    (id.to_owned(), start_count, active_count)
}

#[tokio::test]
async fn counts_sessions_started_in_and_overlapping_each_interval() {
    let app = app(store());
    let body = ok(&app, "/api/audit/sessions/histogram?bin_size=hour&start=2026-01-05T10:00:00Z&end=2026-01-05T11:59:59Z&field=protocol").await;
    // A starts at 10; B started before the window and reaches into 11; C and E start in
    // 11 (E exactly at the window's inclusive end; C is still active). D is outside.
    assert_eq!(buckets(&body), [bucket("2026-01-05T10:00:00.000Z", 1, 2), bucket("2026-01-05T11:00:00.000Z", 2, 3)]);
    let meta = &body["meta"];
    assert_eq!(meta["bin_size"], "hour");
    assert_eq!(meta["field"], "protocol");
    assert_eq!(meta["time_zone"], "Etc/UTC");
    assert_eq!(meta["start"], "2026-01-05T10:00:00.000Z");
    assert_eq!(meta["end"], "2026-01-05T11:59:59.000Z");
    assert_eq!(meta["size"], 10);
    assert_eq!(body["key"], "histogram");
    assert_eq!(meta["href"], "/api/audit/sessions/histogram");
}

#[tokio::test]
async fn both_spellings_of_the_bin_size_and_q() {
    let app = app(store());
    let window = "start=2026-01-05T10:00:00Z&end=2026-01-05T11:59:59Z";
    let underscore = ok(&app, &format!("/api/audit/sessions/histogram?bin_size=hour&{window}")).await;
    let dash = ok(&app, &format!("/api/audit/sessions/histogram?bin-size=hour&{window}")).await;
    assert_eq!(underscore["body"], dash["body"]);
    let rdp = ok(&app, &format!("/api/audit/sessions/histogram?bin_size=hour&{window}&q=protocol%3Ardp")).await;
    assert_eq!(buckets(&rdp), [bucket("2026-01-05T10:00:00.000Z", 0, 1), bucket("2026-01-05T11:00:00.000Z", 1, 2)]);
}

#[tokio::test]
async fn intervals_align_to_iso_weeks_and_calendar_months() {
    let app = app(store());
    // 2026-01-04 is a Sunday: its week began on Monday 2025-12-29.
    let weeks = ok(&app, "/api/audit/sessions/histogram?bin_size=week&start=2026-01-04&end=2026-01-20").await;
    let ids: Vec<String> = buckets(&weeks).into_iter().map(|b| b.0).collect();
    assert_eq!(
        ids,
        [
            "2025-12-29T00:00:00.000Z",
            "2026-01-05T00:00:00.000Z",
            "2026-01-12T00:00:00.000Z",
            "2026-01-19T00:00:00.000Z"
        ]
    );
    assert_eq!(buckets(&weeks)[1], bucket("2026-01-05T00:00:00.000Z", 5, 5));
    let months = ok(&app, "/api/audit/sessions/histogram?bin_size=month&start=2025-12-31&end=2026-03-01").await;
    let ids: Vec<String> = buckets(&months).into_iter().map(|b| b.0).collect();
    assert_eq!(
        ids,
        [
            "2025-12-01T00:00:00.000Z",
            "2026-01-01T00:00:00.000Z",
            "2026-02-01T00:00:00.000Z",
            "2026-03-01T00:00:00.000Z"
        ]
    );
    let years = ok(&app, "/api/audit/sessions/histogram?bin_size=year&start=2025-06-01&end=2026-02-01").await;
    assert_eq!(buckets(&years).len(), 2);
}

#[tokio::test]
async fn the_default_is_a_month_of_months_up_to_now() {
    let body = ok(&app(store()), "/api/audit/sessions/histogram").await;
    assert_eq!(body["meta"]["bin_size"], "month");
    assert_eq!(body["meta"]["start"], "2025-12-05T12:30:00.000Z");
    assert_eq!(body["meta"]["end"], "2026-01-05T12:30:00.000Z");
    assert_eq!(buckets(&body), [bucket("2025-12-01T00:00:00.000Z", 0, 0), bucket("2026-01-01T00:00:00.000Z", 5, 5)]);
}

#[tokio::test]
async fn at_most_max_buckets() {
    assert_eq!(MAX_BUCKETS, 1000);
    let app = app(store());
    // 00:00 to 16:39 in minutes: exactly 1000 intervals.
    let full =
        ok(&app, "/api/audit/sessions/histogram?bin_size=minute&start=2026-01-05T00:00:00Z&end=2026-01-05T16:39:59Z")
            .await;
    assert_eq!(buckets(&full).len(), 1000);
    let uri = "/api/audit/sessions/histogram?bin_size=minute&start=2026-01-05T00:00:00Z&end=2026-01-05T16:40:00Z";
    assert_eq!(error_code(&app, uri, StatusCode::BAD_REQUEST).await, "TooMuchBucketsInResult");
}

#[tokio::test]
async fn each_documented_error() {
    let app = app(store());
    let too_many = "/api/audit/sessions/histogram?bin_size=second&start=2026-01-01&end=2026-01-02";
    assert_eq!(error_code(&app, too_many, StatusCode::BAD_REQUEST).await, "TooMuchBucketsInResult");
    let content = "/api/audit/sessions/histogram?content=sudo";
    assert_eq!(error_code(&app, content, StatusCode::BAD_REQUEST).await, "NotSupportedContentOption");
    for uri in [
        "/api/audit/sessions/histogram?q=protocol%3A(ssh",
        "/api/audit/sessions/histogram?q=nope%3Ax",
        "/api/audit/sessions/histogram?start=last%20week",
        "/api/audit/sessions/histogram?end=2026-13-01",
        "/api/audit/sessions/histogram?bin_size=fortnight",
        "/api/audit/sessions/histogram?bin-size=",
        "/api/audit/sessions/histogram?start=2026-01-02&end=2026-01-01",
        "/api/audit/sessions/histogram?field=nope",
        "/api/audit/sessions/histogram?size=-1",
    ] {
        assert_eq!(error_code(&app, uri, StatusCode::BAD_REQUEST).await, "InvalidQueryValue", "{uri}");
    }
}
