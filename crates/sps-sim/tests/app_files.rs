//! The built app served beside the API: files, the client-route fallback, and the
//! Content-Security-Policy that production's proxy sends.
#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::Router;
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use sps_sim::{AppFiles, SessionStore, Sim};
use tower::ServiceExt;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/// A `dist/` of two files in a directory of its own.
fn dist(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sps-sim-app-files-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js"), "export {}").unwrap();
    dir
}

fn app(dir: PathBuf, csp: Option<&'static str>) -> Router {
    let store = SessionStore::in_memory(Vec::new(), Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()).unwrap();
    let csp = csp.map(HeaderValue::from_static);
    sps_sim::router(Sim::new(store), Some(AppFiles { dir, csp }))
}

/// Status, CSP header and body of `uri`.
async fn get(app: &Router, uri: &str) -> (StatusCode, Option<String>, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let csp = response.headers().get(header::CONTENT_SECURITY_POLICY).map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, csp, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn every_file_and_client_route_carries_the_policy() {
    let app = app(dist("csp"), Some(CSP));
    for uri in ["/", "/app-0123456789abcdef.js", "/sessions?refresh=off", "/session/x%2Fy"] {
        let (status, csp, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(csp.as_deref(), Some(CSP), "{uri}");
        assert!(!body.is_empty(), "{uri}");
    }
    // The API answers are JSON, not documents: no policy there.
    let (status, csp, _) = get(&app, "/api/info").await;
    assert_eq!((status, csp), (StatusCode::OK, None));
}

#[tokio::test]
async fn without_a_policy_files_are_served_bare() {
    let (status, csp, body) = get(&app(dist("bare"), None), "/").await;
    assert_eq!((status, csp), (StatusCode::OK, None));
    assert!(body.contains("<title>app</title>"));
}

/// Content-Encoding and body of `uri` asked with `Accept-Encoding: accept`.
async fn get_encoded(app: &Router, uri: &str, accept: &str) -> (Option<String>, Vec<u8>) {
    let request = Request::get(uri).header(header::ACCEPT_ENCODING, accept).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{uri} ({accept})");
    let encoding = response.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap().to_owned());
    (encoding, response.into_body().collect().await.unwrap().to_bytes().to_vec())
}

#[tokio::test]
async fn precompressed_copies_are_sent_to_browsers_that_take_them() {
    let dir = dist("precompressed");
    std::fs::write(dir.join("app-0123456789abcdef.js.br"), "brotli bytes").unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js.gz"), "gzip bytes").unwrap();
    let app = app(dir, None);
    let js = "/app-0123456789abcdef.js";
    assert_eq!(get_encoded(&app, js, "gzip, deflate, br").await, (Some("br".into()), b"brotli bytes".to_vec()));
    assert_eq!(get_encoded(&app, js, "gzip").await, (Some("gzip".into()), b"gzip bytes".to_vec()));
    assert_eq!(get_encoded(&app, js, "identity").await, (None, b"export {}".to_vec()));
    // Files without a compressed copy (index.html, config.json) are sent as they are.
    let (encoding, body) = get_encoded(&app, "/", "gzip, br").await;
    assert_eq!(encoding, None);
    assert!(body.starts_with(b"<!doctype html>"));
}
