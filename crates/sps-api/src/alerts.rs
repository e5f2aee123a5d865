//! `GET /api/audit/sessions/<id>/alerts`: content-policy alerts of a session.
//!
//! The reference page's descriptions of `channel_id` and `matched_action` are swapped;
//! API-NOTES.md decides to trust the sample values: `channel_id` is a channel id
//! (`"0"`), `matched_action` the command line (`"man man"`). `matched_action` and
//! `matched_content` are recorded user input: render them as text only. Fields are
//! read leniently, as events are; the answer's `match_count` may disagree with its
//! items (the reference sample says 3 beside two alerts), so the dashboard counts
//! what it was given where the two differ.

use serde::{Deserialize, Serialize};

use crate::envelope::ListResponse;
use crate::lenient::{lenient_string, lenient_timestamp, lenient_u64};
use crate::timestamp::Timestamp;

/// The alerts answer, sorted by `record_id` and paged by `limit`/`offset`.
pub type AlertsResponse = ListResponse<SessionAlert>;

/// One alert. Every field is optional so that a partial record still shows; unknown
/// fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionAlert {
    /// The kind of event that triggered the alert, e.g. `adp.event.command`.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub alert_type: Option<String>,
    /// The channel of the session the alert occurred in: a string in the sample,
    /// a number is accepted and kept as its text.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The command line without the prompt, e.g. `man man`.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub matched_action: Option<String>,
    /// The content that matched, with its context (the whole prompt line).
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub matched_content: Option<String>,
    /// The content policy's regular expression that matched.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub matched_regexp: Option<String>,
    /// The alert's number within the session.
    #[serde(default, deserialize_with = "lenient_u64", skip_serializing_if = "Option::is_none")]
    pub record_id: Option<u64>,
    /// The content policy rule that fired (not the policy's name).
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub rule_name: Option<String>,
    /// When the alert was triggered (the sample has microseconds and no zone: UTC).
    #[serde(default, deserialize_with = "lenient_timestamp", skip_serializing_if = "Option::is_none")]
    pub time: Option<Timestamp>,
}

/// The query string of an alerts request: paging only, alerts cannot be filtered or
/// sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertsParams {
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
    fn numbers_where_the_sample_has_strings_and_back() {
        let a: SessionAlert =
            serde_json::from_str(r#"{"channel_id": 3, "record_id": "94", "time": 1516017600000, "new": true}"#)
                .unwrap();
        assert_eq!(a.channel_id.as_deref(), Some("3"));
        assert_eq!(a.record_id, Some(94));
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"channel_id":"3","record_id":94,"time":"2018-01-15T12:00:00.000Z"}"#
        );
        let odd: SessionAlert =
            serde_json::from_str(r#"{"channel_id": {"a": 0}, "record_id": "x", "rule_name": ["r"]}"#).unwrap();
        assert_eq!((odd.channel_id, odd.record_id, odd.rule_name.as_deref()), (None, None, Some("r")));
    }
}
