//! The two response envelopes ("message format") and their `meta` object.
//!
//! An envelope is all that must be right for an answer to be usable: a list answer
//! needs an `items` list, a single object its `body`. Everything else is read
//! leniently: a list item that does not read is kept aside in
//! [`ListResponse::unreadable`] (the others still show), and a `meta` key of an
//! unexpected shape reads as absent.

use serde::de::{self, DeserializeOwned};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::lenient::{lenient_string, lenient_text, lenient_u64, or_default};
use crate::text::Text;

/// A list response: `{ "items": [...], "meta": {...} }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListResponse<T> {
    /// The listed objects that read as `T`.
    pub items: Vec<T>,
    /// The listed objects that did not, as sent (written back after the others).
    pub unreadable: Vec<Value>,
    /// Links and endpoint-specific facts about the answer.
    pub meta: Meta,
}

impl<T> ListResponse<T> {
    /// A list of `items` with `meta`, every item readable.
    pub fn new(items: Vec<T>, meta: Meta) -> Self {
        ListResponse { items, unreadable: Vec::new(), meta }
    }
}

/// By hand: each item is read on its own, so one that does not fit leaves the rest.
impl<'de, T: DeserializeOwned> Deserialize<'de> for ListResponse<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut answer = Map::<String, Value>::deserialize(d)?;
        let Some(Value::Array(listed)) = answer.remove("items") else {
            return Err(de::Error::custom("a list answer without an `items` list"));
        };
        let (mut items, mut unreadable) = (Vec::new(), Vec::new());
        for item in listed {
            match T::deserialize(&item) {
                Ok(read) => items.push(read),
                Err(_) => unreadable.push(item),
            }
        }
        let meta = answer.get("meta").and_then(|m| Meta::deserialize(m).ok()).unwrap_or_default();
        Ok(ListResponse { items, unreadable, meta })
    }
}

impl<T: Serialize> Serialize for ListResponse<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("items", &Listed(self))?;
        map.serialize_entry("meta", &self.meta)?;
        map.end()
    }
}

/// The `items` of a list answer: the read ones, then the unreadable ones as sent.
struct Listed<'a, T>(&'a ListResponse<T>);

impl<T: Serialize> Serialize for Listed<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.unreadable.is_empty() {
            return s.collect_seq(&self.0.items);
        }
        let read = self.0.items.iter().map(|i| serde_json::to_value(i).map_err(serde::ser::Error::custom));
        let raw = self.0.unreadable.iter().cloned().map(Ok);
        s.collect_seq(read.chain(raw).collect::<Result<Vec<Value>, S::Error>>()?)
    }
}

/// A single-object response: `{ "key": ..., "body": {...}, "meta": {...} }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectResponse<T> {
    /// The object's identifier (a session id, or a name such as `"histogram"`).
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The object itself.
    pub body: T,
    /// Links and endpoint-specific facts about the answer.
    #[serde(default, deserialize_with = "or_default")]
    pub meta: Meta,
}

/// The `meta` object of every response.
///
/// One struct holds the keys of every endpoint the dashboard uses; each is optional
/// because each endpoint sends only some of them, unknown keys are ignored, and a key
/// of an unexpected shape reads as absent. Counts are accepted as numbers or numeric
/// strings (the histogram sample sends `"size": "10"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// This resource.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// The resource above this one (`/api/audit` for the sessions list).
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// First page of a list.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    /// Last page of a list.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    /// Next page of a list (`null` on the last page).
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Previous page of a list (`null` on the first page).
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// Page size of a list.
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// Position of this page in a list.
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// How many objects the whole list holds (the events list of an appliance does
    /// not say; the alerts list may disagree with its items).
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub match_count: Option<u64>,
    /// Seconds left before the login expires.
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub remaining_seconds: Option<u64>,
    /// Sessions list: the properties each item's body holds, a list (`["*"]`).
    #[serde(default, deserialize_with = "lenient_text", skip_serializing_if = "Option::is_none")]
    pub fields: Option<Text>,
    /// Stats and histogram: the field the answer is about.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Stats: the sub-field of the answer's buckets.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub sub_fields: Option<String>,
    /// Stats and histogram: the requested top-N size.
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Stats: sessions not covered by the listed buckets (see API-NOTES.md).
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub others: Option<u64>,
    /// Histogram: the interval unit the server says it used.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub bin_size: Option<String>,
    /// Histogram: the start of the window, as the server printed it.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Histogram: the end of the window, as the server printed it.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Histogram: the zone the intervals were cut in.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_item_leaves_the_others_and_is_written_back() {
        let r: ListResponse<u64> = serde_json::from_str(r#"{"items": [1, "x", 3], "meta": {"limit": "2"}}"#).unwrap();
        assert_eq!(
            (r.items.as_slice(), r.unreadable.as_slice(), r.meta.limit),
            (&[1, 3][..], &[Value::from("x")][..], Some(2))
        );
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"items":[1,3,"x"],"meta":{"limit":2}}"#);
    }

    #[test]
    fn only_the_items_list_is_required() {
        assert!(serde_json::from_str::<ListResponse<u64>>(r#"{"meta": {}}"#).is_err());
        assert!(serde_json::from_str::<ListResponse<u64>>(r#"{"items": {}}"#).is_err());
        assert!(serde_json::from_str::<ListResponse<u64>>(r#"[1]"#).is_err());
        let r: ListResponse<u64> = serde_json::from_str(r#"{"items": [], "meta": 5}"#).unwrap();
        assert_eq!(r.meta, Meta::default());
    }

    #[test]
    fn odd_meta_keys_read_as_absent() {
        let m: Meta = serde_json::from_str(
            r#"{"href": 5, "next": {"a": 1}, "limit": "many", "fields": ["*"], "parent": "/api/audit", "search_after": null}"#,
        )
        .unwrap();
        assert_eq!((m.href.as_deref(), m.next, m.limit), (Some("5"), None, None));
        assert_eq!((m.fields, m.parent.as_deref()), (Some(Text::Many(vec!["*".into()])), Some("/api/audit")));
        let o: ObjectResponse<u64> = serde_json::from_str(r#"{"key": 7, "body": 1, "meta": []}"#).unwrap();
        assert_eq!((o.key.as_deref(), o.body, o.meta), (Some("7"), 1, Meta::default()));
        assert!(serde_json::from_str::<ObjectResponse<u64>>(r#"{"key": "k"}"#).is_err());
    }
}
