//! Every way a request can fail, each with a message an analyst can act on.
//!
//! An appliance's error body is `{"error": {"type": "InvalidQueryValue", "message":
//! "…"}}` (README "Real appliance shapes"); the types the reference pages name map
//! to their own variants, any other is shown with its name, and a body that is not
//! an error body at all is excerpted as text.

use sps_api::ErrorBody;
use thiserror::Error;

use crate::state::requests::NotSent;

/// How much of an unreadable error body is shown (API-NOTES.md).
const BODY_EXCERPT_CHARS: usize = 300;

/// A failed API request.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    /// 401: not logged in, or the login expired.
    #[error("Not logged in to SPS, or the login expired.")]
    Unauthenticated,
    /// The login itself was refused: wrong user name or password.
    #[error("Wrong user name or password.")]
    LoginRefused,
    /// 403: the user lacks the search privilege; logging in again will not help.
    #[error("Your SPS user is not allowed to search sessions.")]
    Forbidden,
    /// 400 `InvalidQueryValue`.
    #[error("SPS rejected the query: {0}")]
    InvalidQuery(String),
    /// 400 `TooMuchBucketsInResult`.
    #[error("Too many histogram bins for this time range: {0}")]
    TooManyBuckets(String),
    /// 400 `NotSupportedContentOption`.
    #[error("This chart cannot search screen content: {0}")]
    ContentNotSupported(String),
    /// 500 `SearchUnavailable`.
    #[error("The SPS search backend is unavailable: {0}")]
    SearchUnavailable(String),
    /// An error type the dashboard has no words of its own for, named as SPS sent it.
    #[error("SPS refused the request ({kind}): {message}")]
    Refused {
        /// The status code.
        status: u16,
        /// The error's type, e.g. `SnapshotQuotaExceeded`.
        kind: String,
        /// The body's message.
        message: String,
    },
    /// Any other HTTP status (and every 404: the session or endpoint is not there).
    #[error("SPS answered HTTP {status}: {message}")]
    Http {
        /// The status code.
        status: u16,
        /// The body's message, or an excerpt of the body.
        message: String,
    },
    /// The request did not reach SPS or no answer came back.
    #[error("Cannot reach SPS: {0}")]
    Network(String),
    /// No answer within the configured time.
    #[error("SPS did not answer within {0} seconds.")]
    Timeout(u32),
    /// The page cancelled the request: a newer one replaced it, or the panel that
    /// asked is gone (the wall's rotation changes every panel). Not a failure.
    #[error("The request was cancelled.")]
    Cancelled,
    /// A success status with a body that is not the expected JSON.
    #[error("SPS sent an answer the dashboard cannot read: {0}")]
    Decode(String),
}

/// A request the app would not send (its query does not parse) fails as the
/// query error SPS would have answered, so every panel shows it alike.
impl From<NotSent> for ApiError {
    fn from(not_sent: NotSent) -> Self {
        ApiError::InvalidQuery(not_sent.to_string())
    }
}

impl ApiError {
    /// Maps a non-success answer to an error, reading the body's error code
    /// when it has one.
    pub fn from_response(status: u16, body: &str) -> Self {
        match status {
            401 => return ApiError::Unauthenticated,
            403 => return ApiError::Forbidden,
            _ => {}
        }
        let Ok(parsed) = serde_json::from_str::<ErrorBody>(body) else {
            let excerpt: String = body.trim().chars().take(BODY_EXCERPT_CHARS).collect();
            let message = if excerpt.is_empty() { "no details given".to_owned() } else { excerpt };
            return ApiError::Http { status, message };
        };
        let message = match parsed.message().trim() {
            "" => "no details given".to_owned(),
            text => text.to_owned(),
        };
        match parsed.kind() {
            Some("InvalidQueryValue") => ApiError::InvalidQuery(message),
            Some("TooMuchBucketsInResult") => ApiError::TooManyBuckets(message),
            Some("NotSupportedContentOption") => ApiError::ContentNotSupported(message),
            Some("SearchUnavailable") => ApiError::SearchUnavailable(message),
            Some(kind) if status != 404 => ApiError::Refused { status, kind: kind.to_owned(), message },
            _ => ApiError::Http { status, message },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_types_map_to_their_variants() {
        let body = |kind: &str| format!(r#"{{"error":{{"type":"{kind}","message":"m","details":{{"x":1}}}}}}"#);
        assert_eq!(ApiError::from_response(400, &body("InvalidQueryValue")), ApiError::InvalidQuery("m".into()));
        assert_eq!(ApiError::from_response(400, &body("TooMuchBucketsInResult")), ApiError::TooManyBuckets("m".into()));
        assert_eq!(
            ApiError::from_response(400, &body("NotSupportedContentOption")),
            ApiError::ContentNotSupported("m".into())
        );
        assert_eq!(ApiError::from_response(500, &body("SearchUnavailable")), ApiError::SearchUnavailable("m".into()));
        // `code` (the sim's earlier shape) is still read when there is no `type`.
        let by_code = r#"{"error":{"code":"InvalidQueryValue","message":"bad"}}"#;
        assert_eq!(ApiError::from_response(400, by_code), ApiError::InvalidQuery("bad".into()));
    }

    #[test]
    fn a_refused_query_reads_as_words_not_json() {
        let body = r#"{"error": {"type": "InvalidQueryValue", "message": "Invalid query: Cannot parse 'protocol:('"}}"#;
        let error = ApiError::from_response(400, body);
        assert_eq!(error.to_string(), "SPS rejected the query: Invalid query: Cannot parse 'protocol:('");
        assert!(!error.to_string().contains('{'));
    }

    #[test]
    fn unknown_types_are_named() {
        let body = r#"{"error": {"type": "SnapshotQuotaExceeded", "message": "Too many open snapshots"}}"#;
        let error = ApiError::from_response(429, body);
        assert_eq!(error.to_string(), "SPS refused the request (SnapshotQuotaExceeded): Too many open snapshots");
        let bare = ApiError::from_response(500, r#"{"error": {"type": "Oops"}}"#);
        assert_eq!(bare.to_string(), "SPS refused the request (Oops): no details given");
        // A 404 is "not there" whatever its type (the session page says so).
        let missing = ApiError::from_response(404, r#"{"error": {"type": "NotFound", "message": "no session"}}"#);
        assert_eq!(missing, ApiError::Http { status: 404, message: "no session".into() });
    }

    #[test]
    fn auth_statuses_win_and_text_bodies_are_excerpted() {
        assert_eq!(ApiError::from_response(401, "whatever"), ApiError::Unauthenticated);
        assert_eq!(ApiError::from_response(403, ""), ApiError::Forbidden);
        assert_eq!(
            ApiError::from_response(502, ""),
            ApiError::Http { status: 502, message: "no details given".into() }
        );
        let long = "é".repeat(1000);
        let ApiError::Http { message, .. } = ApiError::from_response(500, &long) else { panic!("not Http") };
        assert_eq!(message.chars().count(), 300);
        assert_eq!(
            ApiError::from_response(500, r#"{"error":"disk full"}"#),
            ApiError::Http { status: 500, message: "disk full".into() }
        );
    }
}
