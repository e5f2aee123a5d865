//! The HTTP surface: the audit endpoints under `/api`, and optionally the built app.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use sps_api::{ErrorBody, ErrorCode, StatsParams};
use tower_http::services::{ServeDir, ServeFile};

use crate::auth::{cookie_value, LoginCheck, Logins, COOKIE};
use crate::store::SessionStore;

/// What the server serves: the sessions, and the logins when they are required.
#[derive(Debug)]
pub struct Sim {
    /// The recorded sessions.
    pub store: SessionStore,
    /// `None` serves the audit endpoints without a login.
    pub logins: Option<Logins>,
}

type Shared = Arc<Sim>;

/// The firmware version `/api/info` reports, marking the sim as what it is.
const FIRMWARE_VERSION: &str = "7.5.0 (sps-sim)";

/// The API router over `sim`; with `app_dir`, paths outside `/api` serve the
/// built app from that directory, falling back to its `index.html` for client routes.
pub fn router(sim: Sim, app_dir: Option<PathBuf>) -> Router {
    let shared = Arc::new(sim);
    let audit = Router::new()
        .route("/api/audit/sessions/stats", get(stats))
        .route_layer(middleware::from_fn_with_state(shared.clone(), require_login));
    let api = Router::new()
        .merge(audit)
        .route("/api/authentication", get(log_in))
        .route("/api/info", get(info))
        .route("/api/{*rest}", get(no_such_endpoint))
        .with_state(shared);
    match app_dir {
        Some(dir) => {
            let index = ServeFile::new(dir.join("index.html"));
            api.fallback_service(ServeDir::new(dir).fallback(index))
        }
        None => api.fallback(no_such_endpoint),
    }
}

async fn require_login(State(sim): State<Shared>, request: Request, next: Next) -> Response {
    if let Some(logins) = &sim.logins {
        let token = request
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|cookies| cookie_value(cookies, COOKIE));
        if logins.check(token) == LoginCheck::Invalid {
            return error(StatusCode::UNAUTHORIZED, "Unauthenticated", "log in first: GET /api/authentication");
        }
    }
    next.run(request).await
}

async fn log_in(State(sim): State<Shared>, headers: HeaderMap) -> Response {
    let Some(logins) = &sim.logins else {
        return Json(json!({ "meta": { "href": "/api/authentication" } })).into_response();
    };
    let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    match logins.log_in(authorization) {
        Some(token) => {
            // No `Secure`: the sim speaks plain HTTP on loopback.
            let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
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

async fn stats(State(sim): State<Shared>, params: Result<Query<StatsParams>, QueryRejection>) -> Response {
    let Query(params) = match params {
        Ok(p) => p,
        Err(e) => return api_error(ErrorCode::InvalidQueryValue, e.body_text()),
    };
    match sim.store.stats(&params) {
        Ok(body) => Json(body).into_response(),
        Err(e) => api_error(e.code(), e.to_string()),
    }
}

async fn no_such_endpoint() -> Response {
    error(StatusCode::NOT_FOUND, "NotFound", "no such endpoint")
}

fn api_error(code: ErrorCode, message: String) -> Response {
    let status = StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(ErrorBody::new(code, message))).into_response()
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({ "error": { "code": code, "message": message } }))).into_response()
}
