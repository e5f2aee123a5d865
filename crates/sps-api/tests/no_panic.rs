//! Property tests: no input makes a deserializer panic, and whatever is accepted
//! survives a write-then-read round trip unchanged.
//!
//! Two kinds of input: arbitrary text (mostly not JSON at all), and JSON built from
//! the API's own keys and from values that sit on the edges of the lenient rules
//! (numeric strings, whole and fractional floats, huge numbers, timestamp-like text),
//! so that the deserializers get deep into their fields.

use std::fmt::Debug;

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use sps_api::{
    AlertsResponse, AuthenticationResponse, BinSize, CountResponse, ErrorBody, EventType, EventsResponse,
    HistogramResponse, InfoResponse, Meta, SessionBody, SessionResponse, SessionsResponse, StatsResponse, Timestamp,
};

const KEYS: &[&str] = &[
    "items",
    "meta",
    "body",
    "key",
    "count",
    "value",
    "buckets",
    "others",
    "href",
    "parent",
    "first",
    "last",
    "next",
    "previous",
    "limit",
    "offset",
    "match_count",
    "remaining_seconds",
    "field",
    "sub_fields",
    "size",
    "bin_size",
    "start",
    "end",
    "time_zone",
    "id",
    "start_count",
    "active_count",
    "action",
    "channels_id",
    "content",
    "record_id",
    "time",
    "type",
    "alert_type",
    "channel_id",
    "matched_action",
    "matched_content",
    "matched_regexp",
    "rule_name",
    "firmware_version",
    "protocol",
    "user",
    "client",
    "server",
    "recording",
    "start_time",
    "end_time",
    "creation_time",
    "duration",
    "active",
    "verdict",
    "origin",
    "node_id",
    "analytics",
    "psm",
    "gateway_username",
    "name",
    "ip",
    "port",
    "address",
    "target",
    "content_reference_id",
    "archived",
    "tags",
    "interesting_events",
    "scripted",
    "score",
    "aggregated",
    "error",
    "code",
    "message",
    "fields",
    "server_username",
    "command_extracted",
];

const EDGE_TEXTS: &[&str] = &[
    "",
    "0",
    "-1",
    " 10 ",
    "1.5",
    "18446744073709551616",
    "9223372036854775808",
    "2017-04-11T09:21:10.832",
    "2017-04-25T13:26:39.144356",
    "2018-11-14T12:26:59.244Z",
    "2018-09-15T14:22:00+05:00",
    "2016-12-31T23:59:60Z",
    "2017-01-02",
    "2017-02-30",
    "+262143-12-31T23:59:59.999Z",
    "1516017600000",
    "-8334632851200000",
    "command",
    "screen.content",
    "month",
    "SearchUnavailable",
    "SSH",
    "AUTH_FAIL",
    "1574726368",
    "1574726368.5",
    "99999999999",
    "\u{0}\u{1b}[31m<script>",
];

/// Any float that serde_json reads back exactly: without its `float_roundtrip`
/// feature it may miss some 17-digit values by one ulp, which is serde_json's
/// precision, not this crate's round trip.
fn exact_f64() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("serde_json reads it back exactly", |f| {
        serde_json::to_string(f).ok().and_then(|text| serde_json::from_str::<f64>(&text).ok()) == Some(*f)
    })
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        exact_f64().prop_map(Value::from),
        (-1e16f64..1e16).prop_map(|f| Value::from(f.trunc())),
        prop::sample::select(EDGE_TEXTS).prop_map(Value::from),
        "[0-9]{1,20}".prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::from),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![4 => prop::sample::select(KEYS).prop_map(String::from), 1 => "[a-z_.]{0,8}"]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(key(), json_value(), 0..10)
        .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>()))
}

/// Random values, and random objects in the shapes of the two envelopes, whose
/// fields are optional enough that a random object often parses.
fn api_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        json_value(),
        (prop::collection::vec(json_object(), 0..4), json_object())
            .prop_map(|(items, meta)| json!({"items": items, "meta": meta})),
        (json_object(), json_object(), leaf())
            .prop_map(|(body, meta, key)| json!({"key": key, "body": body, "meta": meta})),
    ]
}

/// Parses `text` as a `T`; whatever parses must write and read back to itself.
fn check<T: DeserializeOwned + Serialize + PartialEq + Debug>(text: &str) -> Result<(), TestCaseError> {
    if let Ok(value) = serde_json::from_str::<T>(text) {
        let written = serde_json::to_string(&value).map_err(|e| TestCaseError::fail(format!("write: {e}")))?;
        let back: T = serde_json::from_str(&written)
            .map_err(|e| TestCaseError::fail(format!("read back {written}: {e} (from {text})")))?;
        prop_assert_eq!(back, value, "from {} via {}", text, written);
    }
    Ok(())
}

fn check_every_type(text: &str) -> Result<(), TestCaseError> {
    check::<StatsResponse>(text)?;
    check::<HistogramResponse>(text)?;
    check::<EventsResponse>(text)?;
    check::<AlertsResponse>(text)?;
    check::<SessionsResponse>(text)?;
    check::<SessionResponse>(text)?;
    check::<SessionBody>(text)?;
    check::<CountResponse>(text)?;
    check::<InfoResponse>(text)?;
    check::<AuthenticationResponse>(text)?;
    check::<ErrorBody>(text)?;
    check::<Meta>(text)?;
    check::<Timestamp>(text)?;
    check::<EventType>(text)?;
    check::<BinSize>(text)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,64}") {
        check_every_type(&text)?;
    }

    #[test]
    fn api_shaped_json_never_panics_and_round_trips(value in api_json()) {
        check_every_type(&value.to_string())?;
    }

    #[test]
    fn any_text_accepted_as_a_timestamp_round_trips(text in prop_oneof![
        "\\PC{0,32}",
        "[+-]?[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}(T[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}(\\.[0-9]{1,12})?)?)?(Z|[+-][0-9]{2}:[0-9]{2})?",
        "-?[0-9]{1,20}",
    ]) {
        if let Ok(t) = text.parse::<Timestamp>() {
            prop_assert_eq!(t.to_string().parse::<Timestamp>(), Ok(t));
        }
        check::<Timestamp>(&Value::from(text).to_string())?;
    }

    #[test]
    fn every_instant_round_trips(secs in any::<i64>(), nanos in 0u32..1_000_000_000) {
        if let Some(t) = chrono::DateTime::from_timestamp(secs, nanos) {
            let t = Timestamp(t);
            prop_assert_eq!(serde_json::from_str::<Timestamp>(&serde_json::to_string(&t).unwrap()).ok(), Some(t));
        }
    }

    #[test]
    fn epoch_numbers_as_number_and_as_text_agree(number in any::<i64>()) {
        let as_number = serde_json::from_str::<Timestamp>(&number.to_string()).ok();
        let as_text = serde_json::from_str::<Timestamp>(&format!("\"{number}\"")).ok();
        prop_assert_eq!(as_number, as_text);
        if number.unsigned_abs() >= 100_000_000_000 {
            prop_assert_eq!(as_number, Timestamp::from_epoch_millis(number).ok());
        }
    }

    #[test]
    fn epoch_numbers_below_ten_to_the_eleventh_are_seconds(seconds in -99_999_999_999i64..100_000_000_000) {
        let t = serde_json::from_str::<Timestamp>(&seconds.to_string()).ok().map(|t| t.0);
        prop_assert_eq!(t, chrono::DateTime::from_timestamp(seconds, 0));
    }
}
