//! `GET /api/audit/sessions` (list and search), `/_count` and `/<id>` (one session).
//!
//! A list item's `body` holds only the properties named in the request's `fields=`,
//! so every property here is optional. Properties these types do not model stay in
//! [`SessionBody::extra`], so that a table column for any requested field can still be
//! shown; nested objects (`user`, `recording`, …) ignore keys they do not model.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::envelope::{ListResponse, Meta, ObjectResponse};
use crate::lenient::{opt_string_from_scalar, opt_u64_from_any, strings_from_one_or_many, u64_from_any};
use crate::timestamp::Timestamp;

mod body_de;

/// The sessions list: `{items: [{key, meta: {href}, body}], meta}`.
pub type SessionsResponse = ListResponse<SessionItem>;

/// One session: `{key, body, meta}`, `body` holding every property.
pub type SessionResponse = ObjectResponse<SessionBody>;

/// One item of the sessions list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionItem {
    /// The session id: an opaque string, to percent-encode as a path segment.
    pub key: String,
    /// The item's link (`href` to the session).
    #[serde(default)]
    pub meta: Meta,
    /// The requested properties of the session.
    #[serde(default)]
    pub body: SessionBody,
}

/// `GET /api/audit/sessions/_count`: `{"count": N}` at the top level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountResponse {
    /// How many sessions match the query and window (a number or a numeric string).
    #[serde(deserialize_with = "u64_from_any")]
    pub count: u64,
    /// Links, when the server sends them.
    #[serde(default)]
    pub meta: Meta,
}

/// The properties of a recorded session (API-NOTES.md, "Session fields").
/// `Deserialize` is written by hand in `body_de`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionBody {
    /// The protocol, e.g. `ssh`, `rdp`, `http`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// Who connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<SessionUser>,
    /// Where the connection came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<SessionClient>,
    /// The server the client addressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<SessionServer>,
    /// How SPS handled and recorded the connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<SessionRecording>,
    /// When the session started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// When the session ended (none while it is active).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// When SPS created the session record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<Timestamp>,
    /// Length of the session in seconds.
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
    /// Whether the session is still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// SPS's decision on the connection, e.g. `ACCEPT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// Where the session came from, e.g. `RECORDING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The SPS node that handled the session (clusters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    /// Behaviour analytics results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analytics: Option<SessionAnalytics>,
    /// Every other property the server sent, as sent (e.g. the legacy `psm` object).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SessionBody {
    /// The content reference id from `recording`, else from the legacy `psm` object
    /// (API-NOTES.md: `psm.content_reference_id` is an older name; prefer
    /// `recording.*`). A `psm` value that is not a whole number is ignored.
    pub fn content_reference_id(&self) -> Option<u64> {
        let recording = self.recording.as_ref().and_then(|r| r.content_reference_id);
        recording.or_else(|| match self.extra.get("psm")?.get("content_reference_id")? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
    }
}

/// `user.*`: the names the user was known by on each side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    /// The name the user authenticated with on SPS (gateway authentication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway_username: Option<String>,
    /// The domain of `gateway_username`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway_username_domain: Option<String>,
    /// The name used on the target server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_username: Option<String>,
    /// The domain of `server_username`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_username_domain: Option<String>,
    /// The user's resolved name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The domain of `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_domain: Option<String>,
    /// The user's id.
    #[serde(default, deserialize_with = "opt_string_from_scalar", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `client.*`: the connecting machine. The port is a text field in API-NOTES.md's
/// list; a number is accepted and kept as its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionClient {
    /// IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Source port.
    #[serde(default, deserialize_with = "opt_string_from_scalar", skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
}

/// `server.*`: the server the client addressed. Ports as in [`SessionClient`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionServer {
    /// The address as the client gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Destination port.
    #[serde(default, deserialize_with = "opt_string_from_scalar", skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
}

/// `recording.*`: how SPS handled and recorded the connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecording {
    /// The authentication method used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_method: Option<String>,
    /// The channel policy applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_policy: Option<String>,
    /// The connection policy's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_policy: Option<String>,
    /// The connection policy's id.
    #[serde(default, deserialize_with = "opt_string_from_scalar", skip_serializing_if = "Option::is_none")]
    pub connection_policy_id: Option<String>,
    /// Why the connection was denied, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deny_reason: Option<String>,
    /// Whether and how far the session is indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_status: Option<String>,
    /// SPS's own id of the recorded session.
    #[serde(default, deserialize_with = "opt_string_from_scalar", skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// The recording's verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// The id that links the session to its indexed content.
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub content_reference_id: Option<u64>,
    /// Whether the audit trail has been archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// The server SPS actually connected to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<RecordingTarget>,
}

/// `recording.target.*`: the server SPS connected to (after any address translation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordingTarget {
    /// IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Port.
    #[serde(default, deserialize_with = "opt_string_from_scalar", skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
}

/// `analytics.*`: behaviour analytics results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionAnalytics {
    /// Tags attached by analytics (one value or a list).
    #[serde(default, deserialize_with = "strings_from_one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Noteworthy events found by analytics (one value or a list).
    #[serde(default, deserialize_with = "strings_from_one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub interesting_events: Vec<String>,
    /// Whether the session looks scripted rather than typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scripted: Option<bool>,
    /// Scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<AnalyticsScore>,
}

/// `analytics.score.*`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyticsScore {
    /// The combined score, 0–100.
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub aggregated: Option<u64>,
}

/// The query string of a sessions list (and, without paging and sorting, `_count`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsParams {
    /// A query (the SPS query language) narrowing the sessions listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Window start, ISO 8601: sessions overlapping the window match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Window end, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Comma-separated properties to return in each item's `body`, e.g.
    /// `protocol,user.gateway_username,start_time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<String>,
    /// Sort order: a property, `-` in front for descending (e.g. `-start_time`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// Page size (the vendor's default and maximum: 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Position of the page (the vendor ignores offsets above 10000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_nested_body() {
        let json = r#"{
            "protocol": "ssh", "verdict": "ACCEPT", "origin": "RECORDING", "node_id": "n1",
            "user": {"gateway_username": "alice", "server_username": "root", "id": 42},
            "client": {"ip": "10.0.0.5", "port": 51234},
            "server": {"address": "db.example", "ip": "10.0.1.9", "port": "22"},
            "recording": {"connection_policy": "ssh-prod", "content_reference_id": "17",
                          "archived": false, "target": {"ip": "10.0.1.10", "port": 22}},
            "start_time": "2018-11-14T12:26:59.244Z", "end_time": null, "duration": "61",
            "active": true,
            "analytics": {"tags": "odd-hours", "score": {"aggregated": 87}, "scripted": false},
            "future_field": {"x": 1}
        }"#;
        let b: SessionBody = serde_json::from_str(json).unwrap();
        assert_eq!(b.user.as_ref().and_then(|u| u.id.as_deref()), Some("42"));
        assert_eq!(b.client.as_ref().and_then(|c| c.port.as_deref()), Some("51234"));
        let recording = b.recording.as_ref().unwrap();
        assert_eq!(recording.target.as_ref().and_then(|t| t.port.as_deref()), Some("22"));
        assert_eq!(b.content_reference_id(), Some(17));
        assert_eq!((b.duration, b.active, b.end_time), (Some(61), Some(true), None));
        let analytics = b.analytics.as_ref().unwrap();
        assert_eq!(analytics.tags, ["odd-hours"]);
        assert_eq!(analytics.score.as_ref().and_then(|s| s.aggregated), Some(87));
        assert_eq!(b.extra.get("future_field"), Some(&serde_json::json!({"x": 1})));
        let back: SessionBody = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
        assert_eq!(back, b);
    }

    #[test]
    fn legacy_psm_content_reference_id_is_a_fallback() {
        let b: SessionBody = serde_json::from_str(r#"{"psm": {"content_reference_id": 4}}"#).unwrap();
        assert_eq!(b.content_reference_id(), Some(4));
        let both: SessionBody =
            serde_json::from_str(r#"{"psm": {"content_reference_id": "4"}, "recording": {"content_reference_id": 5}}"#)
                .unwrap();
        assert_eq!(both.content_reference_id(), Some(5));
        let junk: SessionBody = serde_json::from_str(r#"{"psm": {"content_reference_id": [4]}}"#).unwrap();
        assert_eq!(junk.content_reference_id(), None);
    }

    #[test]
    fn list_items_and_count() {
        let json = r#"{"items": [{"key": "1", "meta": {"href": "/api/audit/sessions/1"},
                                  "body": {"protocol": "rdp"}},
                                 {"key": "x9"}],
                       "meta": {"match_count": "2", "next": null}}"#;
        let r: SessionsResponse = serde_json::from_str(json).unwrap();
        assert_eq!(r.items[0].meta.href.as_deref(), Some("/api/audit/sessions/1"));
        assert_eq!(r.items[0].body.protocol.as_deref(), Some("rdp"));
        assert_eq!(r.items[1].body, SessionBody::default());
        assert_eq!(r.meta.match_count, Some(2));
        let c: CountResponse = serde_json::from_str(r#"{"count": "1012"}"#).unwrap();
        assert_eq!(c.count, 1012);
        assert!(serde_json::from_str::<CountResponse>(r#"{"count": -1}"#).is_err());
        assert!(serde_json::from_str::<CountResponse>("{}").is_err());
    }

    #[test]
    fn duplicate_keys_as_the_derive_had_them() {
        // A modelled key twice is an error; an unmodelled one keeps its last value.
        assert!(serde_json::from_str::<SessionBody>(r#"{"protocol": "ssh", "protocol": "rdp"}"#).is_err());
        let b: SessionBody = serde_json::from_str(r#"{"psm": 1, "psm": 2}"#).unwrap();
        assert_eq!(b.extra.get("psm"), Some(&serde_json::json!(2)));
        assert!(serde_json::from_str::<SessionBody>(r#"["ssh"]"#).is_err());
        assert!(serde_json::from_str::<SessionBody>(r#"{"duration": null, "client": null}"#).is_ok());
    }

    #[test]
    fn wrong_shapes_are_errors() {
        for json in [
            r#"{"start_time": "soon"}"#,
            r#"{"user": "alice"}"#,
            r#"{"duration": 1.5}"#,
            r#"{"active": "maybe"}"#,
            r#"{"analytics": {"tags": [{"a": 1}]}}"#,
        ] {
            assert!(serde_json::from_str::<SessionBody>(json).is_err(), "{json}");
        }
    }
}
