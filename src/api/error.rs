//! Every way a request can fail, each with a message an analyst can act on.

use sps_api::ErrorBody;
use thiserror::Error;

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
    /// Any other HTTP status.
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
    /// A success status with a body that is not the expected JSON.
    #[error("SPS sent an answer the dashboard cannot read: {0}")]
    Decode(String),
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
        let message = parsed.message().to_owned();
        match parsed.code() {
            Some("InvalidQueryValue") => ApiError::InvalidQuery(message),
            Some("TooMuchBucketsInResult") => ApiError::TooManyBuckets(message),
            Some("NotSupportedContentOption") => ApiError::ContentNotSupported(message),
            Some("SearchUnavailable") => ApiError::SearchUnavailable(message),
            _ => ApiError::Http { status, message },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes_map_to_their_variants() {
        let body = |code: &str| format!(r#"{{"error":{{"code":"{code}","message":"m"}}}}"#);
        assert_eq!(ApiError::from_response(400, &body("InvalidQueryValue")), ApiError::InvalidQuery("m".into()));
        assert_eq!(ApiError::from_response(400, &body("TooMuchBucketsInResult")), ApiError::TooManyBuckets("m".into()));
        assert_eq!(
            ApiError::from_response(400, &body("NotSupportedContentOption")),
            ApiError::ContentNotSupported("m".into())
        );
        assert_eq!(ApiError::from_response(500, &body("SearchUnavailable")), ApiError::SearchUnavailable("m".into()));
        assert_eq!(ApiError::from_response(418, &body("Teapot")), ApiError::Http { status: 418, message: "m".into() });
    }

    #[test]
    fn auth_statuses_win_and_text_bodies_are_excerpted() {
        assert_eq!(ApiError::from_response(401, "whatever"), ApiError::Unauthenticated);
        assert_eq!(ApiError::from_response(403, ""), ApiError::Forbidden);
        assert_eq!(ApiError::from_response(502, ""), ApiError::Http { status: 502, message: "no details given".into() });
        let long = "é".repeat(1000);
        let ApiError::Http { message, .. } = ApiError::from_response(500, &long) else { panic!("not Http") };
        assert_eq!(message.chars().count(), 300);
        assert_eq!(
            ApiError::from_response(500, r#"{"error":"disk full"}"#),
            ApiError::Http { status: 500, message: "disk full".into() }
        );
    }
}
