//! Logins over HTTP: the cookie, 401 without it, `/api/info` open to all.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use serde_json::Value;
use sps_sim::auth::Logins;
use sps_sim::{SessionStore, Sim};
use tower::ServiceExt;

fn app() -> Router {
    let store = SessionStore::in_memory(Vec::new(), Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()).unwrap();
    sps_sim::router(
        Sim::new(store).with_logins(Logins::new("admin", "demo", Duration::from_secs(60))).with_control(),
        None,
    )
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, Option<String>, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let cookie = response.headers().get(header::SET_COOKIE).map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, cookie, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

fn get(uri: &str) -> axum::http::request::Builder {
    Request::get(uri)
}

async fn log_in(app: &Router) -> String {
    let right = format!("Basic {}", STANDARD.encode("admin:demo"));
    let (status, cookie, body) =
        send(app, get("/api/authentication").header(header::AUTHORIZATION, right).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["meta"]["remaining_seconds"], 60);
    let cookie = cookie.expect("a session_id cookie");
    // An appliance's shape: session_id=<40 hex>; expires=<HTTP date>; HttpOnly; Max-Age=43200; Path=/; Secure
    let parts: Vec<&str> = cookie.split("; ").collect();
    assert_eq!(parts.len(), 6, "{cookie}");
    let token = parts[0].strip_prefix("session_id=").expect("session_id first");
    assert!(token.len() == 40 && token.chars().all(|c| c.is_ascii_hexdigit()), "{cookie}");
    let expires = parts[1].strip_prefix("expires=").expect("expires second");
    assert!(chrono::DateTime::parse_from_rfc2822(&expires.replace("GMT", "+0000")).is_ok(), "an HTTP date: {expires}");
    assert_eq!(parts[2..], ["HttpOnly", "Max-Age=43200", "Path=/", "Secure"], "{cookie}");
    parts[0].to_owned()
}

#[tokio::test]
async fn audit_needs_the_login_cookie() {
    let app = app();
    let stats = "/api/audit/sessions/stats?field=protocol";
    let (status, _, body) = send(&app, get(stats).body(Body::empty()).unwrap()).await;
    assert_eq!((status, body["error"]["type"].as_str()), (StatusCode::UNAUTHORIZED, Some("Unauthenticated")));

    let wrong = format!("Basic {}", STANDARD.encode("admin:nope"));
    let (status, cookie, _) =
        send(&app, get("/api/authentication").header(header::AUTHORIZATION, wrong).body(Body::empty()).unwrap()).await;
    assert_eq!((status, cookie), (StatusCode::UNAUTHORIZED, None));

    let pair = log_in(&app).await;
    assert!(pair.starts_with("session_id=") && pair.len() == "session_id=".len() + 40, "{pair}");
    let (status, _, body) = send(&app, get(stats).header(header::COOKIE, &pair).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["meta"]["remaining_seconds"], 60);
    let (status, _, _) =
        send(&app, get(stats).header(header::COOKIE, "session_id=0000").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_control_endpoint_expires_logins() {
    let app = app();
    let pair = log_in(&app).await;
    let count = "/api/audit/sessions/_count";
    let (status, _, _) = send(&app, get(count).header(header::COOKIE, &pair).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = send(&app, Request::post("/__sim/expire-logins").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _, _) = send(&app, get(count).header(header::COOKIE, &pair).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn info_needs_no_login() {
    let (status, _, body) = send(&app(), get("/api/info").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["body"]["firmware_version"], "7.5.0 (sps-sim)");
}
