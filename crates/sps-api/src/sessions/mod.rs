//! `GET /api/audit/sessions` (list and search), `/_count` and `/<id>` (one session).
//!
//! A list item's `body` holds only the properties named in the request's `fields=`
//! (and an appliance sends no `body` at all without `fields=`), so every property
//! here is optional. Each text property is a [`Text`]: a string, a number, or a list
//! (`"server_username": ["root"]`), written back in the shape it came in. A property
//! whose value fits no reader (an object where text belongs, `"duration": -3`,
//! `"start_time": "soon"`) is not lost and fails nothing: it stays, as sent, in the
//! `extra` map of its object, beside the properties these types do not model, so the
//! dashboard still shows it as text (see `body_de`).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::envelope::{ListResponse, Meta, ObjectResponse};
use crate::lenient::u64_from_any;
use crate::text::Text;
use crate::timestamp::Timestamp;

mod body_de;

/// The sessions list: `{items: [{key, meta: {href}, body}], meta}`.
pub type SessionsResponse = ListResponse<SessionItem>;

/// One session: `{key, body, meta}`, `body` holding every property.
pub type SessionResponse = ObjectResponse<SessionBody>;

/// One item of the sessions list. `Deserialize` is by hand (`body_de`): an item
/// needs a session id (a string or a number); a `body` that is not an object reads
/// as empty, so the row still links to the session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionItem {
    /// The session id: an opaque string, to percent-encode as a path segment.
    pub key: String,
    /// The item's link (`href` to the session).
    pub meta: Meta,
    /// The requested properties of the session (empty without `fields=`).
    pub body: SessionBody,
}

/// `GET /api/audit/sessions/_count`: `{"count": N}` at the top level.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CountResponse {
    /// How many sessions match the query and window (a number or a numeric string).
    #[serde(deserialize_with = "u64_from_any")]
    pub count: u64,
    /// Links, when the server sends them.
    #[serde(default, deserialize_with = "crate::lenient::or_default")]
    pub meta: Meta,
}

/// The properties of a recorded session (API-NOTES.md, "Session fields").
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionBody {
    /// The protocol: `SSH`, `RDP`, `ICA`, `VNC`, … (appliances write it in upper
    /// case, the docs in lower case: compare ignoring case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Text>,
    /// Who connected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<SessionUser>,
    /// Where the connection came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<SessionClient>,
    /// The server the client addressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<SessionServer>,
    /// How SPS handled and recorded the connection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording: Option<SessionRecording>,
    /// When the session started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// When the session ended (none while it is active).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// When SPS created the session record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<Timestamp>,
    /// Length of the session in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
    /// Whether the session is still open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// SPS's decision on the connection: `ACCEPT`, `AUTH_FAIL`, `FAIL`, `TERMINATED`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Text>,
    /// Where the session came from, e.g. `RECORDING`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Text>,
    /// The SPS node that handled the session (clusters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_id: Option<Text>,
    /// Behaviour analytics results (absent when analytics is not licensed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analytics: Option<SessionAnalytics>,
    /// Every other property the server sent, and those of a shape no reader accepts,
    /// as sent (e.g. the legacy `psm` object).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SessionBody {
    /// The content reference id from `recording`, else from the legacy `psm` object
    /// (API-NOTES.md: `psm.content_reference_id` is an older name; prefer
    /// `recording.*`). A `psm` value that is not a whole number is ignored.
    pub fn content_reference_id(&self) -> Option<u64> {
        let recording = self.recording.as_ref().and_then(|r| r.content_reference_id);
        recording.or_else(|| crate::lenient::u64_of(self.extra.get("psm")?.get("content_reference_id")?))
    }
}

/// `user.*`: the names the user was known by on each side.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionUser {
    /// The name the user authenticated with on SPS (gateway authentication).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_username: Option<Text>,
    /// The domain of `gateway_username`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_username_domain: Option<Text>,
    /// The name used on the target server: a list on appliances (`["root"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_username: Option<Text>,
    /// The domain of `server_username`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_username_domain: Option<Text>,
    /// The user's resolved name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// The domain of `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_domain: Option<Text>,
    /// The user's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Text>,
    /// Other keys, and unreadable values, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `client.*`: the connecting machine (appliances send the port as a number).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionClient {
    /// IP address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<Text>,
    /// Host name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Source port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Text>,
    /// Other keys, and unreadable values, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `server.*`: the server the client addressed (appliances add `server.id`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionServer {
    /// The address as the client gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Text>,
    /// IP address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<Text>,
    /// Host name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Destination port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Text>,
    /// Other keys, and unreadable values, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `recording.*`: how SPS handled and recorded the connection.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionRecording {
    /// The authentication method used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_method: Option<Text>,
    /// The channel policy applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_policy: Option<Text>,
    /// The connection policy's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_policy: Option<Text>,
    /// The connection policy's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_policy_id: Option<Text>,
    /// Why the connection was denied, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deny_reason: Option<Text>,
    /// Whether and how far the session is indexed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_status: Option<Text>,
    /// SPS's own id of the recorded session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Text>,
    /// The recording's verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Text>,
    /// The id that links the session to its indexed content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_reference_id: Option<u64>,
    /// Whether the audit trail has been archived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// The server SPS actually connected to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<RecordingTarget>,
    /// Other keys (`command_extracted`, `archive`, …), and unreadable values, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `recording.target.*`: the server SPS connected to (after any address translation).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecordingTarget {
    /// IP address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<Text>,
    /// Host name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Text>,
    /// Other keys, and unreadable values, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `analytics.*`: behaviour analytics results; the lists are lists on appliances.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionAnalytics {
    /// Tags attached by analytics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Text>,
    /// Noteworthy events found by analytics (`["sudo", "vim"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interesting_events: Option<Text>,
    /// Whether the session looks scripted rather than typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scripted: Option<bool>,
    /// Scores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<AnalyticsScore>,
    /// Other keys (`similar_sessions`, …), and unreadable values, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `analytics.score.*`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnalyticsScore {
    /// The combined score, 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregated: Option<u64>,
    /// Other keys (`details`), and unreadable values, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The query string of a sessions list (and, without paging and sorting, `_count`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    use serde_json::json;

    use super::*;

    fn body(value: Value) -> SessionBody {
        serde_json::from_value(value).unwrap()
    }

    fn text(t: &Option<Text>) -> Option<String> {
        t.as_ref().map(Text::joined)
    }

    #[test]
    fn a_full_nested_body() {
        let b = body(json!({
            "protocol": "SSH", "verdict": "AUTH_FAIL", "origin": "RECORDING", "node_id": "n1",
            "user": {"gateway_username": "alice", "server_username": ["root", "oracle"], "id": 42},
            "client": {"ip": "10.0.0.5", "port": 51234},
            "server": {"address": "db.example", "ip": "10.0.1.9", "port": "22", "id": "10.0.1.9"},
            "recording": {"connection_policy": "ssh-prod", "content_reference_id": "17", "command_extracted": true,
                          "archived": false, "target": {"ip": "10.0.1.10", "port": 22}},
            "start_time": "2018-11-14T12:26:59.244Z", "end_time": null, "duration": "61",
            "active": true,
            "analytics": {"tags": [], "interesting_events": ["sudo", "vim"], "score": {"aggregated": 87}, "scripted": false},
            "future_field": {"x": 1}
        }));
        let user = b.user.as_ref().unwrap();
        assert_eq!((text(&user.id), text(&user.server_username)), (Some("42".into()), Some("root, oracle".into())));
        assert_eq!(user.server_username.as_ref().map(|u| u.items().len()), Some(2));
        assert_eq!(text(&b.client.as_ref().unwrap().port).as_deref(), Some("51234"));
        let recording = b.recording.as_ref().unwrap();
        assert_eq!(text(&recording.target.as_ref().unwrap().port).as_deref(), Some("22"));
        assert_eq!(recording.extra.get("command_extracted"), Some(&json!(true)));
        assert_eq!(b.server.as_ref().unwrap().extra.get("id"), Some(&json!("10.0.1.9")));
        assert_eq!(b.content_reference_id(), Some(17));
        assert_eq!((b.duration, b.active, b.end_time), (Some(61), Some(true), None));
        assert!(b.protocol.as_ref().is_some_and(|p| p.has("ssh")));
        let analytics = b.analytics.as_ref().unwrap();
        assert_eq!(analytics.tags, Some(Text::Many(vec![])));
        assert_eq!(text(&analytics.interesting_events).as_deref(), Some("sudo, vim"));
        assert_eq!(analytics.score.as_ref().and_then(|s| s.aggregated), Some(87));
        assert_eq!(b.extra.get("future_field"), Some(&json!({"x": 1})));
        // Lists stay lists when written, for the dashboard's table and the sim's index.
        let written = serde_json::to_value(&b).unwrap();
        assert_eq!(written["user"]["server_username"], json!(["root", "oracle"]));
        assert_eq!(written["recording"]["command_extracted"], json!(true));
        assert_eq!(body(written), b);
    }

    #[test]
    fn legacy_psm_content_reference_id_is_a_fallback() {
        assert_eq!(body(json!({"psm": {"content_reference_id": 4}})).content_reference_id(), Some(4));
        let both = body(json!({"psm": {"content_reference_id": "4"}, "recording": {"content_reference_id": 5}}));
        assert_eq!(both.content_reference_id(), Some(5));
        assert_eq!(body(json!({"psm": {"content_reference_id": [4]}})).content_reference_id(), None);
    }

    #[test]
    fn list_items_with_and_without_bodies() {
        let json = r#"{"items": [{"key": "1", "meta": {"href": "/api/audit/sessions/1"},
                                  "body": {"protocol": "RDP"}},
                                 {"key": "x9", "meta": {"href": "/api/audit/sessions/x9"}},
                                 {"key": 77, "body": "not an object"}],
                       "meta": {"match_count": "3", "next": null, "fields": ["*"], "parent": "/api/audit"}}"#;
        let r: SessionsResponse = serde_json::from_str(json).unwrap();
        assert_eq!(r.items[0].meta.href.as_deref(), Some("/api/audit/sessions/1"));
        assert_eq!(text(&r.items[0].body.protocol).as_deref(), Some("RDP"));
        assert_eq!((r.items[1].key.as_str(), &r.items[1].body), ("x9", &SessionBody::default()));
        assert_eq!((r.items[2].key.as_str(), &r.items[2].body), ("77", &SessionBody::default()));
        assert_eq!((r.meta.match_count, r.meta.parent.as_deref()), (Some(3), Some("/api/audit")));
        assert!(r.unreadable.is_empty());
        let c: CountResponse = serde_json::from_str(r#"{"count": "1012"}"#).unwrap();
        assert_eq!(c.count, 1012);
        assert!(serde_json::from_str::<CountResponse>(r#"{"count": -1}"#).is_err());
        assert!(serde_json::from_str::<CountResponse>("{}").is_err());
    }

    #[test]
    fn an_item_without_an_id_is_set_aside_and_the_rest_still_show() {
        let json = r#"{"items": [{"key": "a", "body": {"protocol": "SSH"}}, {"body": {"protocol": "RDP"}},
                                 null, "b", {"key": ""}, {"key": {"id": 1}}, {"key": "c"}]}"#;
        let r: SessionsResponse = serde_json::from_str(json).unwrap();
        assert_eq!(r.items.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(r.unreadable.len(), 5);
        let back: SessionsResponse = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
        assert!(serde_json::from_str::<SessionsResponse>(r#"{"meta": {}}"#).is_err(), "no items list: unusable");
    }

    #[test]
    fn a_key_twice_keeps_the_last_value() {
        assert_eq!(text(&body(json!({"protocol": "ssh"})).protocol).as_deref(), Some("ssh"));
        let b: SessionBody =
            serde_json::from_str(r#"{"protocol": "ssh", "protocol": "rdp", "psm": 1, "psm": 2}"#).unwrap();
        assert_eq!((text(&b.protocol).as_deref(), b.extra.get("psm")), (Some("rdp"), Some(&json!(2))));
        assert!(serde_json::from_str::<SessionBody>(r#"["ssh"]"#).is_err());
        assert_eq!(body(json!({"duration": null, "client": null})), SessionBody::default());
    }

    #[test]
    fn odd_values_leave_their_field_empty_and_stay_as_sent() {
        let cases = [
            json!({"start_time": "soon"}),
            json!({"user": "alice"}),
            json!({"duration": 1.5}),
            json!({"duration": -3}),
            json!({"active": "maybe"}),
            json!({"protocol": {"name": "ssh"}}),
            json!({"verdict": [["ACCEPT"]]}),
        ];
        for case in cases {
            let b = body(case.clone());
            let (key, value) = case.as_object().and_then(|m| m.iter().next()).unwrap();
            assert_eq!(b.extra.get(key), Some(value), "{case}");
            assert_eq!(serde_json::to_value(&b).unwrap(), case, "written back as sent");
        }
        let nested =
            body(json!({"user": {"server_username": {"a": 1}, "name": "bob"}, "analytics": {"tags": [{"a": 1}]}}));
        let user = nested.user.as_ref().unwrap();
        assert_eq!((user.server_username.as_ref(), text(&user.name).as_deref()), (None, Some("bob")));
        assert_eq!(user.extra.get("server_username"), Some(&json!({"a": 1})));
        assert_eq!(nested.analytics.as_ref().unwrap().extra.get("tags"), Some(&json!([{"a": 1}])));
    }

    #[test]
    fn numbers_strings_and_epoch_seconds_where_the_docs_have_other_forms() {
        let b = body(json!({"start_time": 1574726368, "end_time": "1574726368.5", "creation_time": 1574726368000u64,
                            "duration": "0", "active": "false", "recording": {"archived": "TRUE"}}));
        let at = |t: Option<Timestamp>| t.map(|t| t.to_string());
        assert_eq!(at(b.start_time).as_deref(), Some("2019-11-25T23:59:28.000Z"));
        assert_eq!(at(b.end_time).as_deref(), Some("2019-11-25T23:59:28.500Z"));
        assert_eq!(b.creation_time, b.start_time);
        assert_eq!((b.duration, b.active, b.recording.and_then(|r| r.archived)), (Some(0), Some(false), Some(true)));
    }
}
