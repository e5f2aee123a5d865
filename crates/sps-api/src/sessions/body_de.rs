//! [`SessionBody`]'s `Deserialize`, by hand: the derive with `#[serde(flatten)]`
//! buffers every key and unmodelled value as serde's private `Content` and converts
//! them again at the end (the largest deserializer of the wasm bundle). Here each
//! key is read once: a modelled one straight into its field, any other as a `Value`
//! into `extra`. Accepts and rejects what the derive did: a modelled key twice is an
//! error, an unmodelled key keeps its last value, `null` is `None`, and only an
//! object is a body.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::SessionBody;
use crate::lenient::opt_u64_from_any;

impl<'de> Deserialize<'de> for SessionBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(BodyVisitor)
    }
}

/// `Option<u64>` through the lenient number reader, for `next_value_seed`.
struct LenientU64;

impl<'de> de::DeserializeSeed<'de> for LenientU64 {
    type Value = Option<u64>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<u64>, D::Error> {
        opt_u64_from_any(d)
    }
}

/// Stores the next value in `slot`, refusing a second one for the same key.
fn fill<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    access: &mut A,
    slot: &mut Option<T>,
    seen: &mut bool,
    key: &'static str,
) -> Result<(), A::Error> {
    if std::mem::replace(seen, true) {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = access.next_value()?;
    Ok(())
}

struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = SessionBody;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a session body object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<SessionBody, A::Error> {
        let mut b = SessionBody::default();
        // Which modelled keys were seen (a `null` leaves the field `None` but counts).
        let mut seen = [false; 14];
        let mut extra = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let a = &mut access;
            match key.as_str() {
                "protocol" => fill(a, &mut b.protocol, &mut seen[0], "protocol")?,
                "user" => fill(a, &mut b.user, &mut seen[1], "user")?,
                "client" => fill(a, &mut b.client, &mut seen[2], "client")?,
                "server" => fill(a, &mut b.server, &mut seen[3], "server")?,
                "recording" => fill(a, &mut b.recording, &mut seen[4], "recording")?,
                "start_time" => fill(a, &mut b.start_time, &mut seen[5], "start_time")?,
                "end_time" => fill(a, &mut b.end_time, &mut seen[6], "end_time")?,
                "creation_time" => fill(a, &mut b.creation_time, &mut seen[7], "creation_time")?,
                "duration" => {
                    if std::mem::replace(&mut seen[8], true) {
                        return Err(de::Error::duplicate_field("duration"));
                    }
                    b.duration = a.next_value_seed(LenientU64)?;
                }
                "active" => fill(a, &mut b.active, &mut seen[9], "active")?,
                "verdict" => fill(a, &mut b.verdict, &mut seen[10], "verdict")?,
                "origin" => fill(a, &mut b.origin, &mut seen[11], "origin")?,
                "node_id" => fill(a, &mut b.node_id, &mut seen[12], "node_id")?,
                "analytics" => fill(a, &mut b.analytics, &mut seen[13], "analytics")?,
                _ => {
                    extra.insert(key, a.next_value::<Value>()?);
                }
            }
        }
        b.extra = extra;
        Ok(b)
    }
}
