//! Error bodies. Their shape is undocumented: API-NOTES.md decides to read
//! `{"error": {"code", "message"}}` or `{"error": "..."}` and fall back to text.

use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{de, Deserialize, Deserializer, Serialize};

/// The application-level error codes the reference pages name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    /// 400: the query is invalid, e.g. it has an invalid value.
    InvalidQueryValue,
    /// 400: the histogram's bin size gives too many intervals for the window.
    TooMuchBucketsInResult,
    /// 400: the histogram does not support `content`.
    NotSupportedContentOption,
    /// 500: the search backend is inaccessible.
    SearchUnavailable,
}

impl ErrorCode {
    /// The code as the server spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidQueryValue => "InvalidQueryValue",
            ErrorCode::TooMuchBucketsInResult => "TooMuchBucketsInResult",
            ErrorCode::NotSupportedContentOption => "NotSupportedContentOption",
            ErrorCode::SearchUnavailable => "SearchUnavailable",
        }
    }

    /// The HTTP status the server answers this code with.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::SearchUnavailable => 500,
            _ => 400,
        }
    }
}

/// The `error` object of an error body as this project's server sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Machine-readable code, e.g. `InvalidQueryValue`.
    pub code: String,
    /// Human-readable explanation.
    #[serde(default)]
    pub message: String,
}

/// An error body: `{"error": {...}}` or `{"error": "text"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorField,
}

/// The two shapes of the `error` key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ErrorField {
    /// A structured error with a code.
    Detail(ErrorDetail),
    /// Just a message.
    Text(String),
}

/// By hand rather than `#[serde(untagged)]`, which buffers the value as serde's
/// private `Content` and tries each variant on it (more code). Accepts what the
/// derive did: a string is the text; an object (or an array, in field order) is a
/// detail.
impl<'de> Deserialize<'de> for ErrorField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = ErrorField;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an error message or an error object")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ErrorField, E> {
        Ok(ErrorField::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<ErrorField, E> {
        Ok(ErrorField::Text(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<ErrorField, A::Error> {
        ErrorDetail::deserialize(MapAccessDeserializer::new(access)).map(ErrorField::Detail)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, access: A) -> Result<ErrorField, A::Error> {
        ErrorDetail::deserialize(SeqAccessDeserializer::new(access)).map(ErrorField::Detail)
    }
}

impl ErrorBody {
    /// A structured body for `code` with `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorField::Detail(ErrorDetail { code: code.as_str().into(), message: message.into() }),
        }
    }

    /// The code, if the body carries one.
    pub fn code(&self) -> Option<&str> {
        match &self.error {
            ErrorField::Detail(d) => Some(&d.code),
            ErrorField::Text(_) => None,
        }
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        match &self.error {
            ErrorField::Detail(d) => &d.message,
            ErrorField::Text(t) => t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_error_shapes_parse() {
        let d: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"SearchUnavailable","message":"down","x":1}}"#).unwrap();
        assert_eq!((d.code(), d.message()), (Some("SearchUnavailable"), "down"));
        let t: ErrorBody = serde_json::from_str(r#"{"error":"nope"}"#).unwrap();
        assert_eq!((t.code(), t.message()), (None, "nope"));
        // What the derived untagged enum accepted and refused (pinned before the rewrite).
        let a: ErrorBody = serde_json::from_str(r#"{"error":["InvalidQueryValue"]}"#).unwrap();
        assert_eq!((a.code(), a.message()), (Some("InvalidQueryValue"), ""));
        for junk in [r#"{"error":["c","m","x"]}"#, r#"{"error":1}"#, r#"{"error":null}"#, r#"{"error":{"message":"m"}}"#, "{}"] {
            assert!(serde_json::from_str::<ErrorBody>(junk).is_err(), "{junk}");
        }
    }

    #[test]
    fn constructed_body_round_trips() {
        let b = ErrorBody::new(ErrorCode::TooMuchBucketsInResult, "too fine");
        let back: ErrorBody = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
        assert_eq!(back.code(), Some("TooMuchBucketsInResult"));
        assert_eq!(ErrorCode::TooMuchBucketsInResult.status(), 400);
    }
}
