//! The HTTP surface: the audit endpoints under `/api`, the test control endpoints
//! under `/__sim`, and optionally the built app.

mod control;
mod links;
mod records;
mod sessions;
mod summaries;

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::json;
use tower::Layer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::auth::{cookie_value, LoginCheck, Logins, COOKIE};
use crate::error::{error_body, not_found, SimError, SimResult};
use crate::faults::Faults;
use crate::store::SessionStore;

/// What the server serves: the sessions, the logins when they are required, the
/// fault settings, and whether the `/__sim` control endpoints are on.
#[derive(Debug)]
pub struct Sim {
    /// The recorded sessions.
    pub store: SessionStore,
    /// `None` serves the audit endpoints without a login.
    pub logins: Option<Logins>,
    /// Injected latency and failures.
    pub faults: Arc<Faults>,
    /// Serve `/__sim/…` (only ever on a loopback listener: see `main.rs`).
    pub control: bool,
}

impl Sim {
    /// Serves `store` without logins, faults or control endpoints.
    pub fn new(store: SessionStore) -> Self {
        Sim { store, logins: None, faults: Arc::default(), control: false }
    }

    /// Requires a login with these credentials.
    pub fn with_logins(self, logins: Logins) -> Self {
        Sim { logins: Some(logins), ..self }
    }

    /// Injects these faults.
    pub fn with_faults(self, faults: Arc<Faults>) -> Self {
        Sim { faults, ..self }
    }

    /// Serves the `/__sim` control endpoints.
    pub fn with_control(self) -> Self {
        Sim { control: true, ..self }
    }
}

type Shared = Arc<Sim>;

/// Seconds left on the caller's login, for `meta.remaining_seconds`.
#[derive(Debug, Clone, Copy)]
struct RemainingSeconds(u64);

/// The firmware version `/api/info` reports, marking the sim as what it is.
const FIRMWARE_VERSION: &str = "7.5.0 (sps-sim)";

/// The built app served beside the API on one origin, as production's proxy serves it.
#[derive(Debug, Clone)]
pub struct AppFiles {
    /// The build output (`dist/`).
    pub dir: PathBuf,
    /// The Content-Security-Policy sent with every file: production's (deploy/nginx.conf),
    /// so the end-to-end tests run under it and catch what it would block.
    pub csp: Option<HeaderValue>,
}

/// The router over `sim`; with `app`, paths outside `/api` serve the built app,
/// falling back to its `index.html` for client routes.
pub fn router(sim: Sim, app: Option<AppFiles>) -> Router {
    let shared = Arc::new(sim);
    let audit = Router::new()
        .route("/api/audit/sessions", get(sessions::list))
        .route("/api/audit/sessions/_count", get(sessions::count))
        .route("/api/audit/sessions/stats", get(summaries::stats))
        .route("/api/audit/sessions/histogram", get(summaries::histogram))
        .route("/api/audit/sessions/{id}", get(sessions::detail))
        .route("/api/audit/sessions/{id}/events", get(records::events))
        .route("/api/audit/sessions/{id}/alerts", get(records::alerts))
        .route_layer(middleware::from_fn_with_state(shared.clone(), inject_faults))
        .route_layer(middleware::from_fn_with_state(shared.clone(), require_login));
    let mut api = Router::new()
        .merge(audit)
        .route("/api/authentication", get(log_in))
        .route("/api/info", get(info))
        .route("/api/{*rest}", get(no_such_endpoint))
        .layer(middleware::from_fn_with_state(shared.clone(), add_latency));
    if shared.control {
        api = api
            .route("/__sim/faults", get(control::faults).post(control::set_faults))
            .route("/__sim/expire-logins", post(control::expire_logins));
    }
    let api = api.with_state(shared);
    match app {
        Some(AppFiles { dir, csp }) => {
            let index = ServeFile::new(dir.join("index.html"));
            // A release build has brotli and gzip copies of its hashed assets
            // (scripts/postbuild-compress.mjs): sent as they are, as nginx would.
            let files = ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(index);
            api.fallback_service(
                SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp).layer(files),
            )
        }
        None => api.fallback(no_such_endpoint),
    }
}

async fn add_latency(State(sim): State<Shared>, request: Request, next: Next) -> Response {
    let latency = sim.faults.latency();
    if request.uri().path().starts_with("/api/") && !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    next.run(request).await
}

async fn require_login(State(sim): State<Shared>, mut request: Request, next: Next) -> Response {
    if let Some(logins) = &sim.logins {
        let token = request
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|cookies| cookie_value(cookies, COOKIE));
        match logins.check(token) {
            LoginCheck::Invalid => {
                return error(StatusCode::UNAUTHORIZED, "Unauthenticated", "log in first: GET /api/authentication")
            }
            LoginCheck::Valid { remaining_seconds } => {
                request.extensions_mut().insert(RemainingSeconds(remaining_seconds));
            }
        }
    }
    next.run(request).await
}

/// A 500 `SearchUnavailable`, or a 200 whose JSON body is cut in half.
async fn inject_faults(State(sim): State<Shared>, request: Request, next: Next) -> Response {
    if sim.faults.fail() {
        return SimError::Unavailable("injected failure (--fail-share)".into()).into_response();
    }
    let response = next.run(request).await;
    if !sim.faults.malform() {
        return response;
    }
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap_or_default();
    let truncated = bytes.slice(..bytes.len() / 2);
    let content_type = HeaderValue::from_static("application/json");
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], Body::from(truncated)).into_response()
}

async fn log_in(State(sim): State<Shared>, headers: HeaderMap) -> Response {
    let Some(logins) = &sim.logins else {
        return Json(json!({ "meta": { "href": "/api/authentication" } })).into_response();
    };
    let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    match logins.log_in(authorization) {
        Some(token) => {
            let cookie = logins.set_cookie(&token, chrono::Utc::now());
            let meta = json!({ "meta": {
                "href": "/api/authentication",
                "remaining_seconds": logins.idle_timeout().as_secs(),
            } });
            ([(header::SET_COOKIE, cookie)], Json(meta)).into_response()
        }
        None => error(StatusCode::UNAUTHORIZED, "AuthenticationFailed", "wrong user name or password"),
    }
}

async fn info() -> Response {
    Json(json!({ "key": "info", "body": { "firmware_version": FIRMWARE_VERSION }, "meta": { "href": "/api/info" } }))
        .into_response()
}

async fn no_such_endpoint() -> Response {
    not_found("no such endpoint")
}

fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    (status, error_body(kind, message)).into_response()
}

/// The query parameters, or a 400 `InvalidQueryValue` saying what is wrong with them.
fn params<T>(query: Result<Query<T>, QueryRejection>) -> SimResult<T> {
    query.map(|Query(p)| p).map_err(|e| SimError::InvalidQuery(e.body_text()))
}

/// Runs a store question off the async workers: searches are CPU work.
async fn ask<T: Send + 'static>(
    sim: &Shared,
    question: impl FnOnce(&SessionStore) -> SimResult<T> + Send + 'static,
) -> SimResult<T> {
    let sim = sim.clone();
    tokio::task::spawn_blocking(move || question(&sim.store))
        .await
        .map_err(|e| SimError::Unavailable(format!("the search task failed: {e}")))?
}

/// `meta.remaining_seconds` when the request carried a login.
fn remaining(login: Option<Extension<RemainingSeconds>>) -> Option<u64> {
    login.map(|Extension(RemainingSeconds(s))| s)
}
