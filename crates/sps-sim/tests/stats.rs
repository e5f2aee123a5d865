//! The stats endpoint against the worked examples of `shared/spec/004_…txt`,
//! loaded as the sim's sessions and asked over its HTTP router.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sps_sim::store::Session;
use sps_sim::time::parse_instant;
use sps_sim::{SessionStore, Sim};
use tower::ServiceExt;

/// Builds a store from `{"Name": {body}, ...}` as the reference page prints it.
fn store(sessions: Value) -> SessionStore {
    let now = Utc.with_ymd_and_hms(2018, 1, 1, 0, 0, 0).unwrap();
    let sessions = sessions
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, body)| {
            let at = |k: &str| body.get(k).and_then(Value::as_str).and_then(parse_instant);
            Session { id: name.clone(), start: at("start_time").unwrap_or(now), end: at("end_time").or(Some(now)), body: body.clone() }
        })
        .collect();
    SessionStore::new(sessions, now)
}

async fn get(store: SessionStore, uri: &str) -> (StatusCode, Value) {
    let response = sps_sim::router(Sim { store, logins: None }, None)
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

fn protocols(list: &[(&str, &str)]) -> Value {
    list.iter().map(|(name, p)| (name.to_string(), json!({ "protocol": p }))).collect::<serde_json::Map<_, _>>().into()
}

#[tokio::test]
async fn size_two_leaves_one_session_in_others() {
    let s = store(protocols(&[
        ("Alpha", "http"), ("Bravo", "ssh"), ("Charlie", "rdp"), ("Delta", "rdp"),
        ("Echo", "rdp"), ("Foxtrot", "http"), ("Golf", "http"),
    ]));
    let (status, body) = get(s, "/api/audit/sessions/stats?field=protocol&size=2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["items"], json!([{"count": 3, "value": "http"}, {"count": 3, "value": "rdp"}]));
    assert_eq!(body["meta"]["others"], 1);
    assert_eq!(body["meta"]["field"], "protocol");
    assert_eq!(body["meta"]["size"], 2);
    assert_eq!(body["meta"]["href"], "/api/audit/sessions/stats");
}

#[tokio::test]
async fn default_size_lists_every_value() {
    let s = store(protocols(&[
        ("Alpha", "ssh"), ("Bravo", "ssh"), ("Charlie", "rdp"), ("Delta", "rdp"),
        ("Echo", "rdp"), ("Foxtrot", "ssh"), ("Golf", "ssh"),
    ]));
    let (_, body) = get(s, "/api/audit/sessions/stats?field=protocol").await;
    assert_eq!(body["items"], json!([{"count": 4, "value": "ssh"}, {"count": 3, "value": "rdp"}]));
    assert_eq!(body["meta"]["others"], 0);
}

#[tokio::test]
async fn sub_fields_example() {
    let users = [
        ("Alpha", "ssh", "user-Alpha"), ("Bravo", "ssh", "user-Bravo"), ("Charlie", "rdp", "user-Charlie"),
        ("Delta", "rdp", "user-Alpha"), ("Echo", "rdp", "user-Alpha"), ("Foxtrot", "ssh", "user-Alpha"),
        ("Golf", "ssh", "user-Alpha"), ("Hotel", "ssh", "user-Delta"),
    ];
    let sessions: serde_json::Map<_, _> = users
        .iter()
        .map(|(n, p, u)| (n.to_string(), json!({ "protocol": p, "user": { "gateway_username": u } })))
        .collect();
    let (_, body) = get(store(sessions.into()), "/api/audit/sessions/stats?field=user.gateway_username&sub_fields=protocol&size=1").await;
    assert_eq!(
        body["items"],
        json!([{ "buckets": [{ "count": 3, "value": "ssh" }], "count": 5, "others": 2, "value": "user-Alpha" }])
    );
    assert_eq!(body["meta"]["others"], 3);
    assert_eq!(body["meta"]["sub_fields"], "protocol");
}

#[tokio::test]
async fn window_counts_overlapping_sessions_inclusive() {
    let s = store(json!({
        "Alpha": { "protocol": "ssh", "start_time": "2017-01-01", "end_time": "2017-01-02" },
        "Delta": { "protocol": "rdp", "start_time": "2017-01-03", "end_time": "2017-01-04" },
        "Foxtrot": { "protocol": "ssh", "start_time": "2017-01-04", "end_time": "2017-01-06" },
        "Golf": { "protocol": "ssh", "start_time": "2017-01-02", "end_time": "2017-01-10" },
    }));
    let (_, body) = get(s, "/api/audit/sessions/stats?field=protocol&start=2017-01-02&end=2017-01-03").await;
    assert_eq!(body["items"], json!([{"count": 2, "value": "ssh"}, {"count": 1, "value": "rdp"}]));
}

#[tokio::test]
async fn bad_requests_get_documented_error_bodies() {
    let s = || store(protocols(&[("Alpha", "ssh")]));
    for uri in [
        "/api/audit/sessions/stats",
        "/api/audit/sessions/stats?field=",
        "/api/audit/sessions/stats?field=protocol&size=abc",
        "/api/audit/sessions/stats?field=protocol&size=0",
        "/api/audit/sessions/stats?field=protocol&start=yesterday",
    ] {
        let (status, body) = get(s(), uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(body["error"]["code"], "InvalidQueryValue", "{uri}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty(), "{uri}");
    }
    let (status, body) = get(s(), "/api/audit/nothing").await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("NotFound")));
}
