//! Helpers shared by the integration tests: stores built from the reference pages'
//! examples, and requests through the router.
#![allow(dead_code)] // each test binary uses its own subset

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use chrono::{DateTime, TimeZone, Utc};
use http_body_util::BodyExt;
use serde_json::Value;
use sps_api::Timestamp;
use sps_sim::events::EventSource;
use sps_sim::{Session, SessionStore, Sim};
use tower::ServiceExt;

/// "Now" for the example stores.
pub fn example_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2018, 1, 1, 0, 0, 0).unwrap()
}

/// A store from `{"Name": {body}, ...}` as the reference pages print sessions: the
/// name is the id, `start_time`/`end_time` give the span (default: "now"), and
/// `content` lists, per name, the lines its content search finds.
pub fn example_store(sessions: Value, content: &[(&str, &[&str])]) -> SessionStore {
    let now = example_now();
    let sessions: Vec<Session> = sessions
        .as_object()
        .expect("an object of sessions")
        .iter()
        .map(|(name, body)| {
            let at = |k: &str| {
                body.get(k)
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse::<Timestamp>().ok())
                    .map(Timestamp::as_datetime)
            };
            let lines = content.iter().find(|(n, _)| n == name).map_or(&[][..], |(_, lines)| *lines);
            let start = at("start_time").unwrap_or(now);
            Session::new(
                name.clone(),
                start,
                at("end_time").or(Some(now.max(start))),
                body.clone(),
                EventSource::content_lines(lines),
            )
        })
        .collect();
    SessionStore::in_memory(sessions, now).expect("the example indexes")
}

/// The router over `store`, without logins.
pub fn app(store: SessionStore) -> Router {
    sps_sim::router(Sim::new(store), None)
}

/// GETs `uri`; the status and the JSON body (`null` when it is not JSON).
pub async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// `uri`'s answer, which must be a 200.
pub async fn ok(app: &Router, uri: &str) -> Value {
    let (status, body) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    body
}

/// `uri`'s error type, which must come with `status`, in an appliance's shape
/// (`{"error": {"type", "message"}}`, `code` repeating the type).
pub async fn error_code(app: &Router, uri: &str, status: StatusCode) -> String {
    let (got, body) = get(app, uri).await;
    assert_eq!(got, status, "{uri}: {body}");
    assert!(!body["error"]["message"].as_str().unwrap_or("").is_empty(), "{uri}: {body}");
    assert_eq!(body["error"]["code"], body["error"]["type"], "{uri}: {body}");
    body["error"]["type"].as_str().unwrap_or("").to_owned()
}
