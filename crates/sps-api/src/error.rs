//! Error bodies. The reference pages do not show one; an appliance answers
//! `{"error": {"type": "InvalidQueryValue", "message": "…", …}}`, which is what
//! One Identity's PowerShell client reads (safeguard-ps formats it as `type: message`).
//! Read `type`, with `code` (this project's earlier guess) as a fallback, and also
//! `{"error": "text"}`; anything else is not an error body and the caller shows the
//! status and an excerpt of the text.

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lenient::lenient_string;

/// The application-level error types the reference pages name.
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
    /// The type as the server spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidQueryValue => "InvalidQueryValue",
            ErrorCode::TooMuchBucketsInResult => "TooMuchBucketsInResult",
            ErrorCode::NotSupportedContentOption => "NotSupportedContentOption",
            ErrorCode::SearchUnavailable => "SearchUnavailable",
        }
    }

    /// The HTTP status the server answers this type with.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::SearchUnavailable => 500,
            _ => 400,
        }
    }
}

/// The `error` object of an error body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// The error's type, e.g. `InvalidQueryValue` (what appliances send).
    #[serde(rename = "type", default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The same, under the name this project's stand-in server also sends.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Human-readable explanation.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
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
    /// A structured error with a type.
    Detail(ErrorDetail),
    /// Just a message.
    Text(String),
}

/// By hand rather than `#[serde(untagged)]`, which buffers the value as serde's
/// private `Content` and tries each variant on it (more code). A scalar is the
/// message; an object is a detail when it says anything (a type, code or message).
impl<'de> Deserialize<'de> for ErrorField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(text) => Ok(ErrorField::Text(text)),
            value @ Value::Object(_) => {
                let detail = ErrorDetail::deserialize(&value).map_err(serde::de::Error::custom)?;
                if detail.kind.is_none() && detail.code.is_none() && detail.message.is_none() {
                    return Err(serde::de::Error::custom(format!("an error object that says nothing: {value}")));
                }
                Ok(ErrorField::Detail(detail))
            }
            other => Err(serde::de::Error::custom(format!("not an error: {other}"))),
        }
    }
}

impl ErrorBody {
    /// A structured body for `code` with `message`, in the appliance's shape (`type`),
    /// with `code` beside it for clients of this project's earlier shape.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        let name = Some(code.as_str().to_owned());
        ErrorBody {
            error: ErrorField::Detail(ErrorDetail { kind: name.clone(), code: name, message: Some(message.into()) }),
        }
    }

    /// The error's type (`type`, else `code`), if the body carries one.
    pub fn kind(&self) -> Option<&str> {
        match &self.error {
            ErrorField::Detail(d) => d.kind.as_deref().or(d.code.as_deref()).filter(|k| !k.trim().is_empty()),
            ErrorField::Text(_) => None,
        }
    }

    /// The human-readable message (empty when the body has none).
    pub fn message(&self) -> &str {
        match &self.error {
            ErrorField::Detail(d) => d.message.as_deref().unwrap_or_default(),
            ErrorField::Text(t) => t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<ErrorBody, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn the_appliance_shape_with_type() {
        let b = read(
            r#"{"error": {"type": "InvalidQueryValue", "message": "Invalid query: protocol:(", "details": {"x": 1}}}"#,
        )
        .unwrap();
        assert_eq!((b.kind(), b.message()), (Some("InvalidQueryValue"), "Invalid query: protocol:("));
        let both = read(r#"{"error": {"type": "A", "code": "B", "message": "m"}}"#).unwrap();
        assert_eq!(both.kind(), Some("A"), "type wins over code");
    }

    #[test]
    fn code_text_and_partial_bodies() {
        let d = read(r#"{"error":{"code":"SearchUnavailable","message":"down","x":1}}"#).unwrap();
        assert_eq!((d.kind(), d.message()), (Some("SearchUnavailable"), "down"));
        let t = read(r#"{"error":"nope"}"#).unwrap();
        assert_eq!((t.kind(), t.message()), (None, "nope"));
        let only_message = read(r#"{"error":{"message":"m"}}"#).unwrap();
        assert_eq!((only_message.kind(), only_message.message()), (None, "m"));
        let only_type = read(r#"{"error":{"type":"Unauthenticated"}}"#).unwrap();
        assert_eq!((only_type.kind(), only_type.message()), (Some("Unauthenticated"), ""));
        for junk in [
            r#"{"error":["c","m"]}"#,
            r#"{"error":1}"#,
            r#"{"error":null}"#,
            r#"{"error":{}}"#,
            r#"{"error":{"x":1}}"#,
            "{}",
        ] {
            assert!(read(junk).is_err(), "{junk}");
        }
    }

    #[test]
    fn constructed_body_has_type_and_code_and_round_trips() {
        let b = ErrorBody::new(ErrorCode::TooMuchBucketsInResult, "too fine");
        let written = serde_json::to_value(&b).unwrap();
        assert_eq!(written["error"]["type"], "TooMuchBucketsInResult");
        assert_eq!(written["error"]["code"], "TooMuchBucketsInResult");
        let back: ErrorBody = serde_json::from_value(written).unwrap();
        assert_eq!((back.kind(), back.message()), (Some("TooMuchBucketsInResult"), "too fine"));
        assert_eq!(ErrorCode::TooMuchBucketsInResult.status(), 400);
    }
}
