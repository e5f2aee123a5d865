//! Reading a session body, by hand rather than by derive: the body is taken as a
//! JSON object, and each modelled property that reads is moved out of it into its
//! field; whatever is left (unmodelled keys, and modelled ones whose value fits no
//! reader) is the object's `extra`, written back in place. So an odd value neither
//! fails the body nor disappears, and one key is read once (the derive with
//! `#[serde(flatten)]` buffered every value as serde's private `Content`, the largest
//! deserializer of the wasm bundle). A key sent twice keeps its last value; `null`
//! is an absent property.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::{
    AnalyticsScore, RecordingTarget, SessionAnalytics, SessionBody, SessionClient, SessionItem, SessionRecording,
    SessionServer, SessionUser,
};
use crate::envelope::Meta;
use crate::lenient::{bool_of, scalar_text, u64_of};
use crate::text::Text;
use crate::timestamp::Timestamp;

/// Moves `key` out of `map` when `read` accepts its value; `null` is removed and
/// reads as `None`; an unreadable value stays in `map`.
fn take<T>(map: &mut Map<String, Value>, key: &str, read: impl FnOnce(&Value) -> Option<T>) -> Option<T> {
    let value = map.get(key)?;
    if value.is_null() {
        map.remove(key);
        return None;
    }
    let read = read(value)?;
    map.remove(key);
    Some(read)
}

/// Moves the object at `key` out of `map` into a `T`; anything but an object stays.
fn take_object<T>(map: &mut Map<String, Value>, key: &str, read: impl FnOnce(Map<String, Value>) -> T) -> Option<T> {
    match map.get(key) {
        Some(Value::Object(_)) => match map.remove(key) {
            Some(Value::Object(inner)) => Some(read(inner)),
            _ => None,
        },
        Some(Value::Null) => {
            map.remove(key);
            None
        }
        _ => None,
    }
}

fn text(map: &mut Map<String, Value>, key: &str) -> Option<Text> {
    take(map, key, Text::from_json)
}

fn time(map: &mut Map<String, Value>, key: &str) -> Option<Timestamp> {
    take(map, key, |v| Timestamp::deserialize(v).ok())
}

impl SessionBody {
    /// The body of a session from its JSON object.
    pub fn from_map(mut map: Map<String, Value>) -> Self {
        SessionBody {
            protocol: text(&mut map, "protocol"),
            user: take_object(&mut map, "user", SessionUser::from_map),
            client: take_object(&mut map, "client", SessionClient::from_map),
            server: take_object(&mut map, "server", SessionServer::from_map),
            recording: take_object(&mut map, "recording", SessionRecording::from_map),
            start_time: time(&mut map, "start_time"),
            end_time: time(&mut map, "end_time"),
            creation_time: time(&mut map, "creation_time"),
            duration: take(&mut map, "duration", u64_of),
            active: take(&mut map, "active", bool_of),
            verdict: text(&mut map, "verdict"),
            origin: text(&mut map, "origin"),
            node_id: text(&mut map, "node_id"),
            analytics: take_object(&mut map, "analytics", SessionAnalytics::from_map),
            extra: map,
        }
    }
}

impl SessionUser {
    fn from_map(mut map: Map<String, Value>) -> Self {
        SessionUser {
            gateway_username: text(&mut map, "gateway_username"),
            gateway_username_domain: text(&mut map, "gateway_username_domain"),
            server_username: text(&mut map, "server_username"),
            server_username_domain: text(&mut map, "server_username_domain"),
            name: text(&mut map, "name"),
            name_domain: text(&mut map, "name_domain"),
            id: text(&mut map, "id"),
            extra: map,
        }
    }
}

impl SessionClient {
    fn from_map(mut map: Map<String, Value>) -> Self {
        SessionClient {
            ip: text(&mut map, "ip"),
            name: text(&mut map, "name"),
            port: text(&mut map, "port"),
            extra: map,
        }
    }
}

impl SessionServer {
    fn from_map(mut map: Map<String, Value>) -> Self {
        SessionServer {
            address: text(&mut map, "address"),
            ip: text(&mut map, "ip"),
            name: text(&mut map, "name"),
            port: text(&mut map, "port"),
            extra: map,
        }
    }
}

impl SessionRecording {
    fn from_map(mut map: Map<String, Value>) -> Self {
        SessionRecording {
            auth_method: text(&mut map, "auth_method"),
            channel_policy: text(&mut map, "channel_policy"),
            connection_policy: text(&mut map, "connection_policy"),
            connection_policy_id: text(&mut map, "connection_policy_id"),
            deny_reason: text(&mut map, "deny_reason"),
            index_status: text(&mut map, "index_status"),
            session_id: text(&mut map, "session_id"),
            verdict: text(&mut map, "verdict"),
            content_reference_id: take(&mut map, "content_reference_id", u64_of),
            archived: take(&mut map, "archived", bool_of),
            target: take_object(&mut map, "target", RecordingTarget::from_map),
            extra: map,
        }
    }
}

impl RecordingTarget {
    fn from_map(mut map: Map<String, Value>) -> Self {
        RecordingTarget {
            ip: text(&mut map, "ip"),
            name: text(&mut map, "name"),
            port: text(&mut map, "port"),
            extra: map,
        }
    }
}

impl SessionAnalytics {
    fn from_map(mut map: Map<String, Value>) -> Self {
        SessionAnalytics {
            tags: text(&mut map, "tags"),
            interesting_events: text(&mut map, "interesting_events"),
            scripted: take(&mut map, "scripted", bool_of),
            score: take_object(&mut map, "score", AnalyticsScore::from_map),
            extra: map,
        }
    }
}

impl AnalyticsScore {
    fn from_map(mut map: Map<String, Value>) -> Self {
        AnalyticsScore { aggregated: take(&mut map, "aggregated", u64_of), extra: map }
    }
}

/// `Deserialize` from a JSON object through `from_map`; anything but an object is an error.
macro_rules! from_object {
    ($($ty:ty),*) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Map::<String, Value>::deserialize(d).map(<$ty>::from_map)
            }
        }
    )*};
}

from_object!(
    SessionBody,
    SessionUser,
    SessionClient,
    SessionServer,
    SessionRecording,
    RecordingTarget,
    SessionAnalytics,
    AnalyticsScore
);

impl<'de> Deserialize<'de> for SessionItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut item = Map::<String, Value>::deserialize(d)?;
        let key = item.get("key").and_then(scalar_text).filter(|k| !k.is_empty());
        let key = key.ok_or_else(|| serde::de::Error::custom("a listed session without a `key`"))?;
        let meta = item.get("meta").and_then(|m| Meta::deserialize(m).ok()).unwrap_or_default();
        let body = match item.remove("body") {
            Some(Value::Object(body)) => SessionBody::from_map(body),
            _ => SessionBody::default(),
        };
        Ok(SessionItem { key, meta, body })
    }
}
