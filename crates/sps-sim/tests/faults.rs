//! Fault injection: failures, broken bodies, latency, dropped connections, and the
//! `/__sim/faults` control endpoint.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{error_code, example_store, get, ok};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sps_sim::faults::{FaultSettings, Faults};
use sps_sim::Sim;
use tower::ServiceExt;

fn sim(settings: FaultSettings) -> (Router, Arc<Faults>) {
    let faults = Arc::new(Faults::new(settings).unwrap());
    let store = example_store(json!({ "A": { "protocol": "ssh" } }), &[]);
    (sps_sim::router(Sim::new(store).with_faults(faults.clone()).with_control(), None), faults)
}

async fn post(app: &Router, uri: &str, body: Value) -> (StatusCode, Value) {
    let request =
        Request::post(uri).header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

#[tokio::test]
async fn failures_and_broken_bodies_hit_audit_requests_only() {
    let (app, _) = sim(FaultSettings { fail_share: 1.0, ..FaultSettings::default() });
    let code = error_code(&app, "/api/audit/sessions/_count", StatusCode::INTERNAL_SERVER_ERROR).await;
    assert_eq!(code, "SearchUnavailable");
    ok(&app, "/api/info").await;

    let (app, _) = sim(FaultSettings { malformed_share: 1.0, ..FaultSettings::default() });
    let response =
        app.clone().oneshot(Request::get("/api/audit/sessions?limit=1").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    assert!(!bytes.is_empty() && serde_json::from_slice::<Value>(&bytes).is_err(), "{bytes:?}");
}

#[tokio::test]
async fn the_control_endpoint_changes_faults_at_run_time() {
    let (app, faults) = sim(FaultSettings::default());
    assert_eq!(
        ok(&app, "/__sim/faults").await,
        json!({"latency_ms": 0, "fail_share": 0.0, "drop_share": 0.0, "malformed_share": 0.0})
    );
    let (status, body) = post(&app, "/__sim/faults", json!({"fail_share": 1.0, "latency_ms": 30})).await;
    assert_eq!(
        (status, body["fail_share"].clone(), body["latency_ms"].clone()),
        (StatusCode::OK, json!(1.0), json!(30))
    );
    let began = Instant::now();
    error_code(&app, "/api/audit/sessions/_count", StatusCode::INTERNAL_SERVER_ERROR).await;
    assert!(began.elapsed() >= Duration::from_millis(30));
    let (status, _) = post(&app, "/__sim/faults", json!({"drop_share": 2})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = post(&app, "/__sim/faults", json!({"typo": 1})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    post(&app, "/__sim/faults", json!({"fail_share": 0})).await;
    assert_eq!(faults.settings().fail_share, 0.0);
    ok(&app, "/api/audit/sessions/_count").await;
}

#[tokio::test]
async fn no_control_endpoint_unless_enabled() {
    let store = example_store(json!({}), &[]);
    let app = sps_sim::router(Sim::new(store), None);
    let (status, _) = get(&app, "/__sim/faults").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Sends one raw HTTP/1.1 request on a fresh connection; what came back.
fn raw_get(address: std::net::SocketAddr, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: sim\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    // A reset connection is as unanswered as a closed one.
    let _ = stream.read_to_end(&mut answer);
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_connections_get_no_answer() {
    let (app, faults) = sim(FaultSettings { drop_share: 1.0, ..FaultSettings::default() });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(sps_sim::server::serve(listener, app, faults.clone(), async {
        let _ = stopped.await;
    }));
    let dropped = tokio::task::spawn_blocking(move || raw_get(address, "/api/audit/sessions/_count")).await.unwrap();
    assert!(dropped.is_empty(), "{}", String::from_utf8_lossy(&dropped));
    let info = tokio::task::spawn_blocking(move || raw_get(address, "/api/info")).await.unwrap();
    assert!(info.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&info));
    faults.update(sps_sim::faults::FaultUpdate { drop_share: Some(0.0), ..Default::default() }).unwrap();
    let answered = tokio::task::spawn_blocking(move || raw_get(address, "/api/audit/sessions/_count")).await.unwrap();
    assert!(answered.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answered));
    stop.send(()).unwrap();
    server.await.unwrap();
}
