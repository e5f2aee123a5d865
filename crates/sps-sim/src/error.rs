//! Why a request cannot be answered, each reason mapped to the status and error type
//! the reference pages document (API-NOTES.md, "Envelope"). Bodies have an
//! appliance's shape, `{"error": {"type": …, "message": …}}`, with `code` beside
//! `type` (the same name) for clients of this project's earlier shape.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use sps_api::{ErrorBody, ErrorCode};
use thiserror::Error;

/// A request the sim refuses or cannot serve.
#[derive(Debug, Error)]
pub enum SimError {
    /// A parameter is missing or malformed, or `q` does not parse or validate
    /// (400 `InvalidQueryValue`, with a message a person can act on).
    #[error("{0}")]
    InvalidQuery(String),
    /// The histogram window cut into `bin_size` intervals gives more buckets than
    /// [`crate::histogram::MAX_BUCKETS`] (400 `TooMuchBucketsInResult`).
    #[error("{buckets} buckets of one {bin_size} for this window; at most {max} are allowed")]
    TooManyBuckets {
        /// How many the request would give.
        buckets: u64,
        /// The requested interval unit.
        bin_size: &'static str,
        /// The limit.
        max: u64,
    },
    /// The histogram does not search content (400 `NotSupportedContentOption`).
    #[error("the histogram does not support the `content` parameter")]
    ContentNotSupported,
    /// No session has this id (404).
    #[error("no session with id `{0}`")]
    NoSuchSession(String),
    /// The search index failed (500 `SearchUnavailable`).
    #[error("search index: {0}")]
    Search(#[from] tantivy::TantivyError),
    /// The search is unavailable: an injected fault (`--fail-share`), or a search
    /// task that died (500 `SearchUnavailable`).
    #[error("search unavailable: {0}")]
    Unavailable(String),
    /// The data directory cannot be used (at start-up).
    #[error("data directory {path}: {source}")]
    DataDir {
        /// The directory or file.
        path: std::path::PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

impl SimError {
    /// The documented code, or `None` for a plain 404.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            SimError::InvalidQuery(_) => Some(ErrorCode::InvalidQueryValue),
            SimError::TooManyBuckets { .. } => Some(ErrorCode::TooMuchBucketsInResult),
            SimError::ContentNotSupported => Some(ErrorCode::NotSupportedContentOption),
            SimError::NoSuchSession(_) => None,
            SimError::Search(_) | SimError::Unavailable(_) | SimError::DataDir { .. } => {
                Some(ErrorCode::SearchUnavailable)
            }
        }
    }
}

impl IntoResponse for SimError {
    fn into_response(self) -> Response {
        let message = self.to_string();
        match self.code() {
            Some(code) => {
                let status = StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                (status, Json(ErrorBody::new(code, message))).into_response()
            }
            None => not_found(&message),
        }
    }
}

/// An error body of type `kind` (one the reference pages do not name).
pub fn error_body(kind: &str, message: &str) -> Json<serde_json::Value> {
    Json(json!({ "error": { "type": kind, "code": kind, "message": message } }))
}

/// A 404 in the sim's error shape (the reference pages name no type for it).
pub fn not_found(message: &str) -> Response {
    (StatusCode::NOT_FOUND, error_body("NotFound", message)).into_response()
}

/// Shorthand for the handlers and the store.
pub type SimResult<T> = Result<T, SimError>;
