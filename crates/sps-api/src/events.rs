//! `GET /api/audit/sessions/<id>/events`: what was extracted from an indexed session.
//!
//! `action` and `content` are recorded user input, attacker-controlled text
//! (API-NOTES.md): they are kept verbatim here and must be rendered as text only.
//! Every field is read leniently: a field of an unexpected shape is absent, so one
//! odd event neither fails the page nor hides its other fields.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::envelope::ListResponse;
use crate::lenient::{lenient_string, lenient_timestamp, lenient_u64, scalar_text};
use crate::timestamp::Timestamp;

/// The events answer, paged by `limit`/`offset` (see `meta`; an appliance sends no
/// `match_count` here).
pub type EventsResponse = ListResponse<SessionEvent>;

/// One event of a session. Every field is optional so that a partial record still
/// shows; unknown fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionEvent {
    /// The command line without the prompt (for commands).
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The channel of the session the event occurred in. Documented as integer, sent
    /// as `"0"` in the sample: both are accepted (API-NOTES.md).
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub channels_id: Option<u64>,
    /// The event with its context, e.g. the whole command line including the prompt.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The event's number within the session.
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub record_id: Option<u64>,
    /// When the event occurred: ISO 8601 (the sample writes it without a zone: UTC)
    /// or epoch seconds, as appliances send channel and event times.
    #[serde(default, deserialize_with = "lenient_timestamp", skip_serializing_if = "Option::is_none")]
    pub time: Option<Timestamp>,
    /// What kind of event this is.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "lenient_event_type",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_type: Option<EventType>,
}

/// The `type` of an event: the values the two reference pages list between them,
/// and any other value kept as sent (API-NOTES.md: "show unknown types as-is").
///
/// Build one from text with `EventType::from`, which maps the known spellings to
/// their variants, ignoring letter case (`COMMAND` is a command: nothing may depend
/// on a server writing lower case), so that equal types compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EventType {
    /// `command`: a command entered in SSH or Telnet.
    Command,
    /// `file_transfer`: a file transfer.
    FileTransfer,
    /// `http_request`: an HTTP request made during the session.
    HttpRequest,
    /// `window_title`: a window title in a graphical protocol.
    WindowTitle,
    /// `screen.content`: screen content.
    ScreenContent,
    /// `screen.creditcard`: credit card numbers detected (an alert type, per the docs).
    ScreenCreditcard,
    /// `screen.windowtitle`: a window title in a graphical protocol.
    ScreenWindowtitle,
    /// Any other type, spelled as the server sent it.
    Other(String),
}

impl EventType {
    /// Every known type, in the order of the variants.
    pub const KNOWN: [EventType; 7] = [
        EventType::Command,
        EventType::FileTransfer,
        EventType::HttpRequest,
        EventType::WindowTitle,
        EventType::ScreenContent,
        EventType::ScreenCreditcard,
        EventType::ScreenWindowtitle,
    ];

    /// The type as the API spells it.
    pub fn as_str(&self) -> &str {
        match self {
            EventType::Command => "command",
            EventType::FileTransfer => "file_transfer",
            EventType::HttpRequest => "http_request",
            EventType::WindowTitle => "window_title",
            EventType::ScreenContent => "screen.content",
            EventType::ScreenCreditcard => "screen.creditcard",
            EventType::ScreenWindowtitle => "screen.windowtitle",
            EventType::Other(other) => other,
        }
    }

    /// Whether the type is one the reference pages document.
    pub fn is_known(&self) -> bool {
        !matches!(self, EventType::Other(_))
    }
}

impl From<&str> for EventType {
    fn from(text: &str) -> Self {
        EventType::KNOWN
            .into_iter()
            .find(|known| known.as_str().eq_ignore_ascii_case(text))
            .unwrap_or_else(|| EventType::Other(text.to_owned()))
    }
}

impl From<String> for EventType {
    fn from(text: String) -> Self {
        match EventType::from(text.as_str()) {
            EventType::Other(_) => EventType::Other(text),
            known => known,
        }
    }
}

impl FromStr for EventType {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(EventType::from(s))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EventType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EventType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(EventTypeVisitor)
    }
}

struct EventTypeVisitor;

impl Visitor<'_> for EventTypeVisitor {
    type Value = EventType;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event type string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<EventType, E> {
        Ok(EventType::from(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<EventType, E> {
        Ok(EventType::from(v))
    }
}

/// An event's `type` from any scalar (a number is an unknown type, kept as its text).
fn lenient_event_type<'de, D: Deserializer<'de>>(d: D) -> Result<Option<EventType>, D::Error> {
    Ok(scalar_text(&serde_json::Value::deserialize(d)?).map(EventType::from))
}

/// The query string of an events request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsParams {
    /// A query over `channels_id`, `content`, `record_id`, `time` and `type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Page size (default 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Position of the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_types_map_to_variants_and_back() {
        for t in EventType::KNOWN {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<EventType>(&json).unwrap(), t);
            assert!(t.is_known());
        }
        assert_eq!(EventType::from("screen.content"), EventType::ScreenContent);
        assert_eq!(EventType::from(String::from("file_transfer")), EventType::FileTransfer);
    }

    #[test]
    fn unknown_types_are_kept_as_sent() {
        let t: EventType = serde_json::from_str(r#""screen.keystroke""#).unwrap();
        assert_eq!(t, EventType::Other("screen.keystroke".into()));
        assert!(!t.is_known());
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""screen.keystroke""#);
        // Letter case does not matter: `COMMAND` is the known type.
        assert_eq!(EventType::from("COMMAND"), EventType::Command);
        assert_eq!(EventType::from(String::from("Screen.Content")), EventType::ScreenContent);
        assert_eq!("".parse::<EventType>(), Ok(EventType::Other(String::new())));
        assert!(serde_json::from_str::<EventType>("3").is_err());
        assert!(serde_json::from_str::<EventType>("null").is_err());
    }

    #[test]
    fn partial_events_parse_and_unknown_fields_are_ignored() {
        let e: SessionEvent = serde_json::from_str(r#"{"record_id": "7", "extra": [1], "channels_id": null}"#).unwrap();
        assert_eq!(e, SessionEvent { record_id: Some(7), ..SessionEvent::default() });
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"record_id":7}"#);
    }

    #[test]
    fn odd_fields_are_absent_and_the_rest_still_reads() {
        let e: SessionEvent = serde_json::from_str(
            r#"{"channels_id": "zero", "record_id": -1, "time": "soon", "type": 3, "content": ["a", "b"], "action": {"x": 1}}"#,
        )
        .unwrap();
        assert_eq!((e.channels_id, e.record_id, e.time, e.action), (None, None, None, None));
        assert_eq!((e.event_type, e.content.as_deref()), (Some(EventType::Other("3".into())), Some("a, b")));
        // Channel and event times in epoch seconds, as appliances send them.
        let e: SessionEvent = serde_json::from_str(r#"{"time": 1574726368.25, "type": "COMMAND"}"#).unwrap();
        assert_eq!(e.time.map(|t| t.to_string()).as_deref(), Some("2019-11-25T23:59:28.250Z"));
        assert_eq!(e.event_type, Some(EventType::Command));
        let r: EventsResponse =
            serde_json::from_str(r#"{"items": [{"record_id": 1}, 5, {"record_id": 2}], "meta": {}}"#).unwrap();
        assert_eq!((r.items.len(), r.unreadable.len(), r.meta.match_count), (2, 1, None));
    }
}
