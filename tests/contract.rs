//! Contract tests: every request the app's client builds (`src/api/request.rs`), sent
//! to the stand-in SPS over its HTTP router, decodes into the wire type the app expects.
#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use sps_api::{
    AlertsParams, AlertsResponse, AuthenticationResponse, BinSize, CountResponse, EventType, EventsParams,
    EventsResponse, HistogramParams, HistogramResponse, InfoResponse, SessionResponse, SessionsParams,
    SessionsResponse, StatsParams, StatsResponse,
};
use sps_dashboard::api::request::{self, ApiRequest};
use sps_dashboard::api::ApiError;
use sps_sim::auth::Logins;
use sps_sim::demo::{self, DemoSpec, HUGE_SESSION_EVENTS, HUGE_SESSION_ID, ODD_SESSION_ID};
use sps_sim::{SessionStore, Sim};
use tower::ServiceExt;

const BASE: &str = "/api";

/// The demo data, generated and indexed once for every test of this file.
fn store() -> &'static SessionStore {
    static STORE: OnceLock<SessionStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let spec = DemoSpec {
            sessions: 500,
            seed: 3,
            days: 7,
            now: Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap(),
            hostile: false,
        };
        demo::store(&spec).expect("the demo data indexes")
    })
}

fn sim() -> Router {
    let logins = Logins::new("admin", "demo", Duration::from_secs(60));
    sps_sim::router(Sim::new(store().clone()).with_logins(logins), None)
}

/// Sends `req` as the browser would (with `cookie`); returns status and body text.
async fn send(app: &Router, req: &ApiRequest, cookie: Option<&str>) -> (u16, String) {
    let mut builder = Request::get(req.url(BASE));
    if let Some(c) = cookie {
        builder = builder.header(header::COOKIE, c);
    }
    let response = app.clone().oneshot(builder.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// Decodes like the client: success → the wire type, else the client's error.
fn decode<T: DeserializeOwned>((status, body): (u16, String)) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, &body));
    }
    serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
}

async fn logged_in(app: &Router) -> String {
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode("admin:demo");
    let req = Request::get(request::login().url(BASE)).header(header::AUTHORIZATION, format!("Basic {basic}"));
    let response = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let login: AuthenticationResponse = serde_json::from_slice(&body).unwrap();
    assert_eq!(login.meta.remaining_seconds, Some(60));
    cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn stats_round_trip_through_the_sim() {
    let app = sim();
    let cookie = logged_in(&app).await;
    let params = StatsParams {
        field: "user.gateway_username".into(),
        sub_fields: Some("protocol".into()),
        size: Some(3),
        start: Some("2026-10-30T00:00:00Z".into()),
        end: Some("2026-11-02T12:00:00Z".into()),
        q: Some("NOT verdict:DENY".into()),
        ..Default::default()
    };
    let stats: StatsResponse = decode(send(&app, &request::stats(&params), Some(&cookie)).await).unwrap();
    assert_eq!(stats.items.len(), 3);
    assert_eq!(stats.meta.field.as_deref(), Some("user.gateway_username"));
    assert_eq!(stats.meta.sub_fields.as_deref(), Some("protocol"));
    for item in &stats.items {
        let covered: u64 = item.buckets.iter().map(|b| b.count).sum::<u64>() + item.others.unwrap_or(0);
        assert_eq!(covered, item.count, "{item:?}");
    }
}

#[tokio::test]
async fn sessions_count_and_detail_agree() {
    let app = sim();
    let cookie = logged_in(&app).await;
    let params = SessionsParams {
        q: Some("protocol:ssh".into()),
        fields: Some("protocol,user.gateway_username,start_time,end_time,recording.content_reference_id".into()),
        sort: Some("-start_time".into()),
        limit: Some(50),
        offset: Some(10),
        ..Default::default()
    };
    let list: SessionsResponse = decode(send(&app, &request::sessions(&params), Some(&cookie)).await).unwrap();
    let count: CountResponse = decode(send(&app, &request::session_count(&params), Some(&cookie)).await).unwrap();
    assert_eq!(list.meta.match_count, Some(count.count));
    assert_eq!((list.items.len(), list.meta.limit, list.meta.offset), (50, Some(50), Some(10)));
    assert!(list.items.iter().all(|s| s.body.protocol.as_ref().is_some_and(|p| p.has("ssh")) && s.body.user.is_some()));
    assert!(list.items.windows(2).all(|w| w[0].body.start_time >= w[1].body.start_time));
    let first = &list.items[0];
    let detail: SessionResponse = decode(send(&app, &request::session(&first.key), Some(&cookie)).await).unwrap();
    assert_eq!(detail.key.as_deref(), Some(first.key.as_str()));
    assert_eq!(detail.body.start_time, first.body.start_time);
    assert!(detail.body.recording.is_some() && detail.body.server.is_some());
    assert_eq!(first.meta.href.as_deref(), Some(format!("/api/audit/sessions/{}", first.key).as_str()));
}

#[tokio::test]
async fn an_id_that_needs_percent_encoding_reaches_its_session() {
    let app = sim();
    let cookie = logged_in(&app).await;
    let detail: SessionResponse = decode(send(&app, &request::session(ODD_SESSION_ID), Some(&cookie)).await).unwrap();
    assert_eq!(detail.key.as_deref(), Some(ODD_SESSION_ID));
    let events: EventsResponse =
        decode(send(&app, &request::events(ODD_SESSION_ID, &EventsParams::default()), Some(&cookie)).await).unwrap();
    assert_eq!(events.items.len(), 60);
    let alerts: AlertsResponse =
        decode(send(&app, &request::alerts(ODD_SESSION_ID, &AlertsParams::default()), Some(&cookie)).await).unwrap();
    assert_eq!(alerts.meta.limit, Some(500));
    let unknown = decode::<SessionResponse>(send(&app, &request::session("no/such id"), Some(&cookie)).await);
    assert!(matches!(unknown, Err(ApiError::Http { status: 404, .. })), "{unknown:?}");
}

#[tokio::test]
async fn events_and_alerts_of_the_huge_session_page() {
    let app = sim();
    let cookie = logged_in(&app).await;
    let page = EventsParams { limit: Some(500), offset: Some(99_800), ..Default::default() };
    let events: EventsResponse =
        decode(send(&app, &request::events(HUGE_SESSION_ID, &page), Some(&cookie)).await).unwrap();
    assert_eq!(events.items.len(), 200);
    assert_eq!(events.meta.match_count, Some(u64::from(HUGE_SESSION_EVENTS)));
    assert_eq!(events.meta.next, None);
    assert!(events.items.iter().all(|e| e.event_type == Some(EventType::Command)));
    let filtered = EventsParams { q: Some("content:rsync".into()), limit: Some(10), ..Default::default() };
    let rsync: EventsResponse =
        decode(send(&app, &request::events(HUGE_SESSION_ID, &filtered), Some(&cookie)).await).unwrap();
    assert!(rsync.items.iter().all(|e| e.content.as_deref().is_some_and(|c| c.contains("rsync"))));
    assert!(rsync.meta.match_count.is_some_and(|n| n > 10_000));
    let alerts: AlertsResponse = decode(
        send(&app, &request::alerts(HUGE_SESSION_ID, &AlertsParams { limit: Some(5), offset: None }), Some(&cookie))
            .await,
    )
    .unwrap();
    assert!(alerts.items.len() <= 5);
}

#[tokio::test]
async fn histogram_round_trips_with_the_clients_bin_size() {
    let app = sim();
    let cookie = logged_in(&app).await;
    let params = HistogramParams {
        bin_size: Some(BinSize::Hour),
        field: Some("protocol".into()),
        start: Some("2026-11-01T00:00:00Z".into()),
        end: Some("2026-11-02T11:59:59Z".into()),
        q: Some("protocol:(ssh OR rdp)".into()),
        ..Default::default()
    };
    let histogram: HistogramResponse = decode(send(&app, &request::histogram(&params), Some(&cookie)).await).unwrap();
    assert_eq!(histogram.body.buckets.len(), 36);
    assert_eq!(histogram.meta.bin_size.as_deref(), Some("hour"));
    assert_eq!(histogram.meta.time_zone.as_deref(), Some("Etc/UTC"));
    assert!(histogram.body.buckets.iter().all(|b| b.start_count <= b.active_count));
    let too_fine = HistogramParams { bin_size: Some(BinSize::Second), ..params };
    let refused = decode::<HistogramResponse>(send(&app, &request::histogram(&too_fine), Some(&cookie)).await);
    assert!(matches!(refused, Err(ApiError::TooManyBuckets(_))), "{refused:?}");
}

#[tokio::test]
async fn errors_map_to_the_clients_variants() {
    let app = sim();
    let stats = request::stats(&StatsParams { field: "protocol".into(), ..Default::default() });
    assert_eq!(decode::<StatsResponse>(send(&app, &stats, None).await), Err(ApiError::Unauthenticated));
    let cookie = logged_in(&app).await;
    let bad =
        request::stats(&StatsParams { field: "protocol".into(), start: Some("soon".into()), ..Default::default() });
    assert!(matches!(decode::<StatsResponse>(send(&app, &bad, Some(&cookie)).await), Err(ApiError::InvalidQuery(_))));
    let content = request::histogram(&HistogramParams { content: Some("sudo".into()), ..Default::default() });
    let refused = decode::<HistogramResponse>(send(&app, &content, Some(&cookie)).await);
    assert!(matches!(refused, Err(ApiError::ContentNotSupported(_))), "{refused:?}");
}

#[tokio::test]
async fn info_needs_no_login() {
    let info: InfoResponse = decode(send(&sim(), &request::info(), None).await).unwrap();
    assert_eq!(info.body.firmware_version.as_deref(), Some("7.5.0 (sps-sim)"));
}

#[tokio::test]
async fn the_sims_appliance_shapes_reach_the_app_as_it_reads_them() {
    let app = sim();
    let cookie = logged_in(&app).await;
    // Every session's server user name is a list; the table reads it joined, item by item.
    let params = SessionsParams {
        fields: Some("protocol,user.server_username,verdict".into()),
        limit: Some(500),
        ..Default::default()
    };
    let list: SessionsResponse = decode(send(&app, &request::sessions(&params), Some(&cookie)).await).unwrap();
    assert!(list.unreadable.is_empty());
    let column = sps_dashboard::state::search::columns::column("user.server_username").unwrap();
    for item in &list.items {
        let body = serde_json::to_value(&item.body).unwrap();
        let cell = sps_dashboard::state::search::cells::cell(&body, column);
        assert!(matches!(&cell, sps_dashboard::state::search::cells::Cell::List(names) if !names.is_empty()), "{body}");
        assert!(item.body.protocol.as_ref().and_then(|p| p.first()).is_some_and(|p| p == p.to_ascii_uppercase()));
    }
    assert!(list.items.iter().any(|i| i.body.verdict.as_ref().is_some_and(|v| v.has("AUTH_FAIL"))));
    // `protocol:ssh` finds the upper-case `SSH` sessions.
    let ssh = SessionsParams { q: Some("protocol:ssh".into()), ..Default::default() };
    let count: CountResponse = decode(send(&app, &request::session_count(&ssh), Some(&cookie)).await).unwrap();
    assert!(count.count > 100, "{}", count.count);
    // A graphical session's events: epoch seconds, no match_count; read into the right decade.
    let rdp = list.items.iter().find(|i| {
        i.body.protocol.as_ref().is_some_and(|p| p.has("rdp"))
            && i.body.verdict.as_ref().is_some_and(|v| v.has("ACCEPT"))
    });
    let rdp = rdp.expect("an accepted RDP session");
    let events: EventsResponse =
        decode(send(&app, &request::events(&rdp.key, &EventsParams::default()), Some(&cookie)).await).unwrap();
    assert!(!events.items.is_empty() && events.meta.match_count.is_none());
    assert!(events
        .items
        .iter()
        .all(|e| e.time.is_some_and(|t| t.as_datetime() > Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap())));
    // A refused query: an error body with a type, in words for the app.
    let bad = request::sessions(&SessionsParams { q: Some("nosuchfield:x".into()), ..Default::default() });
    let refused = decode::<SessionsResponse>(send(&app, &bad, Some(&cookie)).await);
    assert!(matches!(&refused, Err(ApiError::InvalidQuery(m)) if !m.contains('{')), "{refused:?}");
}

/// Sum of a stats answer's counts.
fn counted(answer: &StatsResponse) -> u64 {
    answer.items.iter().map(|i| i.count).sum()
}

#[tokio::test]
async fn the_overviews_requests_with_a_content_search_are_answered_and_lead_to_its_events() {
    use sps_dashboard::state::config::AppConfig;
    use sps_dashboard::state::content::events_filter;
    use sps_dashboard::state::requests::{histogram_params, stats_params};
    use sps_dashboard::state::view::{PanelSpec, ViewState};

    let app = sim();
    let cookie = logged_in(&app).await;
    let end = Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap();
    let start = end - chrono::Duration::days(7);
    let plain = ViewState::defaults(&AppConfig::default());
    let searched = ViewState { content: "restart".into(), ..plain.clone() };
    let spec = PanelSpec::new("protocol", None, 10);
    let stats = |view: &ViewState| request::stats(&stats_params(view, &spec, start, end).expect("checked"));
    let all: StatsResponse = decode(send(&app, &stats(&plain), Some(&cookie)).await).expect("stats");
    let narrowed: StatsResponse =
        decode(send(&app, &stats(&searched), Some(&cookie)).await).expect("stats with content");
    assert!(
        0 < counted(&narrowed) && counted(&narrowed) < counted(&all),
        "{} of {}",
        counted(&narrowed),
        counted(&all)
    );
    // The histogram of the same view is answered: it never carries the content search.
    let histogram = request::histogram(&histogram_params(&searched.q, BinSize::Day, start, end).expect("checked"));
    let answered = decode::<HistogramResponse>(send(&app, &histogram, Some(&cookie)).await);
    assert!(answered.is_ok(), "{answered:?}");

    // One matching session, and its events under the filter a content search opens it with.
    let first = StatsParams {
        field: "recording.content_reference_id".into(),
        size: Some(1),
        content: Some("restart".into()),
        ..Default::default()
    };
    let first: StatsResponse = decode(send(&app, &request::stats(&first), Some(&cookie)).await).expect("stats");
    let q = format!("recording.content_reference_id:{}", first.items[0].value);
    let listed: SessionsResponse = decode(
        send(&app, &request::sessions(&SessionsParams { q: Some(q), ..Default::default() }), Some(&cookie)).await,
    )
    .expect("list");
    let filter = events_filter(&searched.content).expect("a filter");
    let params = EventsParams { q: Some(filter), ..Default::default() };
    let events: EventsResponse =
        decode(send(&app, &request::events(&listed.items[0].key, &params), Some(&cookie)).await).expect("events");
    assert!(!events.items.is_empty());
    assert!(events.items.iter().all(|e| e.content.as_deref().is_some_and(|c| c.to_lowercase().contains("restart"))));
}
