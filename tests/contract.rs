//! Contract tests: the requests the app's client builds, sent to the stand-in SPS
//! over its HTTP router, decode into the wire types the app expects.
#![cfg(not(target_arch = "wasm32"))]

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use sps_api::{InfoResponse, StatsParams, StatsResponse};
use sps_dashboard::api::request::{self, ApiRequest};
use sps_dashboard::api::ApiError;
use sps_sim::auth::Logins;
use sps_sim::demo::{self, DemoSpec};
use sps_sim::Sim;
use tower::ServiceExt;

const BASE: &str = "/api";

fn sim() -> Router {
    let spec = DemoSpec { sessions: 500, seed: 3, days: 7, now: Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap() };
    let logins = Some(Logins::new("admin", "demo", Duration::from_secs(60)));
    sps_sim::router(Sim { store: demo::store(&spec), logins }, None)
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
    let cookie = response.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap();
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
async fn errors_map_to_the_clients_variants() {
    let app = sim();
    let stats = request::stats(&StatsParams { field: "protocol".into(), ..Default::default() });
    assert_eq!(decode::<StatsResponse>(send(&app, &stats, None).await), Err(ApiError::Unauthenticated));
    let cookie = logged_in(&app).await;
    let bad = request::stats(&StatsParams { field: "protocol".into(), start: Some("soon".into()), ..Default::default() });
    assert!(matches!(decode::<StatsResponse>(send(&app, &bad, Some(&cookie)).await), Err(ApiError::InvalidQuery(_))));
}

#[tokio::test]
async fn info_needs_no_login() {
    let info: InfoResponse = decode(send(&sim(), &request::info(), None).await).unwrap();
    assert_eq!(info.body.firmware_version.as_deref(), Some("7.5.0 (sps-sim)"));
}
