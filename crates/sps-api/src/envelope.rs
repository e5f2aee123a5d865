//! The two response envelopes ("message format") and their `meta` object.

use serde::{Deserialize, Serialize};

use crate::lenient::opt_u64_from_any;

/// A list response: `{ "items": [...], "meta": {...} }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListResponse<T> {
    /// The listed objects.
    pub items: Vec<T>,
    /// Links and endpoint-specific facts about the answer.
    #[serde(default)]
    pub meta: Meta,
}

/// A single-object response: `{ "key": ..., "body": {...}, "meta": {...} }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectResponse<T> {
    /// The object's identifier (a session id, or a name such as `"histogram"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The object itself.
    pub body: T,
    /// Links and endpoint-specific facts about the answer.
    #[serde(default)]
    pub meta: Meta,
}

/// The `meta` object of every response.
///
/// One struct holds the keys of every endpoint the dashboard uses; each is optional
/// because each endpoint sends only some of them, and unknown keys are ignored.
/// Counts are accepted as numbers or numeric strings (the histogram sample sends
/// `"size": "10"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// This resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// The resource above this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// First page of a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    /// Last page of a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    /// Next page of a list (`null` on the last page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Previous page of a list (`null` on the first page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// Page size of a list.
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// Position of this page in a list.
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// How many objects the whole list holds.
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub match_count: Option<u64>,
    /// Seconds left before the login expires.
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub remaining_seconds: Option<u64>,
    /// Stats and histogram: the field the answer is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Stats: the sub-field of the answer's buckets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_fields: Option<String>,
    /// Stats and histogram: the requested top-N size.
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Stats: sessions not covered by the listed buckets (see API-NOTES.md).
    #[serde(default, deserialize_with = "opt_u64_from_any", skip_serializing_if = "Option::is_none")]
    pub others: Option<u64>,
    /// Histogram: the interval unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin_size: Option<String>,
    /// Histogram: the start of the window, as the server printed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Histogram: the end of the window, as the server printed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Histogram: the zone the intervals were cut in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}
