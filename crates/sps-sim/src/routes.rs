//! The HTTP surface: the audit endpoints under `/api`, and optionally the built app.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use sps_api::{ErrorBody, ErrorCode, StatsParams};
use tower_http::services::{ServeDir, ServeFile};

use crate::store::{SessionStore, StoreError};

type Shared = Arc<SessionStore>;

/// The API router over `store`; with `app_dir`, paths outside `/api` serve the
/// built app from that directory, falling back to its `index.html` for client routes.
pub fn router(store: SessionStore, app_dir: Option<PathBuf>) -> Router {
    let api = Router::new()
        .route("/api/audit/sessions/stats", get(stats))
        .route("/api/{*rest}", get(no_such_endpoint))
        .with_state(Arc::new(store));
    match app_dir {
        Some(dir) => {
            let index = ServeFile::new(dir.join("index.html"));
            api.fallback_service(ServeDir::new(dir).fallback(index))
        }
        None => api.fallback(no_such_endpoint),
    }
}

async fn no_such_endpoint() -> Response {
    let body = serde_json::json!({ "error": { "code": "NotFound", "message": "no such endpoint" } });
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

async fn stats(State(store): State<Shared>, params: Result<Query<StatsParams>, QueryRejection>) -> Response {
    let Query(params) = match params {
        Ok(p) => p,
        Err(e) => return api_error(ErrorCode::InvalidQueryValue, e.body_text()),
    };
    match store.stats(&params) {
        Ok(body) => Json(body).into_response(),
        Err(e) => store_error(e),
    }
}

fn store_error(e: StoreError) -> Response {
    api_error(e.code(), e.to_string())
}

fn api_error(code: ErrorCode, message: String) -> Response {
    let status = StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(ErrorBody::new(code, message))).into_response()
}
