//! `GET /api/audit/sessions/stats`: top-N values of a session field.

use serde::{Deserialize, Serialize};

use crate::envelope::ListResponse;
use crate::lenient::{label_from_any, lenient_u64, lenient_vec, u64_from_any};

/// The stats answer: top values in `items`, `meta.others` for the rest.
pub type StatsResponse = ListResponse<StatsItem>;

/// One top-N bucket, optionally split by the sub-field into `buckets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsItem {
    /// The field's value (numbers and booleans arrive as JSON scalars: kept as text;
    /// a list is joined). A bucket whose value is an object, or whose count is not a
    /// number, does not read: the list keeps it aside and shows the others.
    #[serde(default, deserialize_with = "label_from_any")]
    pub value: String,
    /// Sessions with this value.
    #[serde(deserialize_with = "u64_from_any")]
    pub count: u64,
    /// The sub-field's top values within this bucket (empty without `sub_fields`);
    /// sub-buckets that do not read are left out.
    #[serde(default, deserialize_with = "lenient_vec", skip_serializing_if = "Vec::is_empty")]
    pub buckets: Vec<StatsItem>,
    /// Sessions of this bucket not covered by `buckets`.
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub others: Option<u64>,
}

impl StatsItem {
    /// A bucket without sub-buckets.
    pub fn leaf(value: impl Into<String>, count: u64) -> Self {
        StatsItem { value: value.into(), count, buckets: Vec::new(), others: None }
    }
}

/// The query string of a stats request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsParams {
    /// The field to count values of (mandatory).
    pub field: String,
    /// One sub-field to split each bucket by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_fields: Option<String>,
    /// How many top values to list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// A query (the SPS query language) narrowing the sessions counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Window start, ISO 8601: sessions overlapping the window count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Window end, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Screen-content search (at most 3000 matching sessions are counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_bucket_sample_from_the_reference_page() {
        let json = r#"{ "items": [ { "buckets": [ { "count": 3, "value": "ssh" } ],
            "count": 5, "others": 2, "value": "user-Alpha" } ],
            "meta": { "href": "/api/audit/sessions/stats", "parent": "/api/audit/sessions", "others": 3 } }"#;
        let r: StatsResponse = serde_json::from_str(json).unwrap();
        assert_eq!(r.meta.others, Some(3));
        let alpha = &r.items[0];
        assert_eq!((alpha.value.as_str(), alpha.count, alpha.others), ("user-Alpha", 5, Some(2)));
        assert_eq!(alpha.buckets[0].value, "ssh");
        assert_eq!(alpha.buckets[0].count, 3);
    }

    #[test]
    fn odd_buckets_are_set_aside_and_the_rest_still_count() {
        let json = r#"{"items": [{"value": "SSH", "count": "4", "buckets": [{"value": 1, "count": 2}, {"value": "x"}]},
                                 {"value": {"a": 1}, "count": 1}, {"value": ["a", "b"], "count": 2}, {"value": "y", "count": "many"}],
                       "meta": {"others": "n/a", "size": "10"}}"#;
        let r: StatsResponse = serde_json::from_str(json).unwrap();
        assert_eq!(r.items.iter().map(|i| (i.value.as_str(), i.count)).collect::<Vec<_>>(), [("SSH", 4), ("a, b", 2)]);
        assert_eq!(r.items[0].buckets, [StatsItem::leaf("1", 2)]);
        assert_eq!((r.unreadable.len(), r.meta.others, r.meta.size), (2, None, Some(10)));
    }

    #[test]
    fn serializes_without_empty_optionals() {
        let item = StatsItem { value: "ssh".into(), count: 7, buckets: vec![], others: None };
        assert_eq!(serde_json::to_string(&item).unwrap(), r#"{"value":"ssh","count":7}"#);
    }
}
