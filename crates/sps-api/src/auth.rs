//! `GET /api/authentication`: the login answer.
//!
//! What matters is the status and the `session_id` cookie, which the browser keeps
//! (API-NOTES.md: the dashboard never touches the cookie); the body carries only `meta`.

use serde::{Deserialize, Serialize};

use crate::envelope::Meta;

/// The body of a successful login: `{"meta": {…}}`; other keys are ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthenticationResponse {
    /// Links and the login's `remaining_seconds`.
    #[serde(default)]
    pub meta: Meta,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_only_or_empty() {
        let r: AuthenticationResponse =
            serde_json::from_str(r#"{"meta": {"href": "/api/authentication", "remaining_seconds": "1200"}}"#).unwrap();
        assert_eq!(r.meta.remaining_seconds, Some(1200));
        assert_eq!(serde_json::from_str::<AuthenticationResponse>("{}").unwrap(), AuthenticationResponse::default());
    }
}
