//! Readers for values a real SPS sends in more than one form.
//!
//! The reference pages show `"size": "10"` next to `"size": 10` and `"channels_id":
//! "0"` for a field documented as integer; an appliance sends lists where the pages
//! show strings. Two kinds of reader live here: strict ones (`u64_from_any`) for the
//! few values an answer is useless without (a count, a bucket's counts), which are
//! serde errors when nothing fits; and lenient ones (`lenient_*`) for everything else,
//! which read what fits and give `None` otherwise, so that one odd field never fails
//! a whole answer. None of them panics.

use serde::de::DeserializeOwned;
use serde::{de, Deserialize, Deserializer};
use serde_json::Value;

use crate::text::Text;
use crate::timestamp::Timestamp;

/// The text of a JSON scalar; `None` for `null`, arrays and objects.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A whole non-negative number, sent as a number (`7`, `7.0`) or as a numeric string.
pub fn u64_of(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            let f = n.as_f64()?;
            (f >= 0.0 && f.fract() == 0.0 && f < u64::MAX as f64).then_some(f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A boolean, sent as one or as the text `true`/`false` (any letter case).
pub fn bool_of(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A [`Text`] flattened into one string: lists joined with `, ` (recorded text and
/// labels the dashboard shows as one line).
pub fn joined_text(v: &Value) -> Option<String> {
    Text::from_json(v).map(|t| t.joined())
}

/// Deserializes a `u64` sent as a number or as a numeric string; anything else is an
/// error (for the values an answer is useless without).
pub fn u64_from_any<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = Value::deserialize(d)?;
    u64_of(&v).ok_or_else(|| de::Error::custom(format!("`{v}` is not a whole number")))
}

/// An optional whole number; `None` for `null`, a missing key, or a value that is not
/// a whole number.
pub fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(u64_of(&Value::deserialize(d)?))
}

/// Optional text: a scalar as its text, a list of scalars joined; `None` otherwise.
pub fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(joined_text(&Value::deserialize(d)?))
}

/// A required label (a stats bucket's value): a scalar as its text, a list joined,
/// `null` as empty text; objects are an error (the item is then left out).
pub fn label_from_any<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(String::new()),
        v => joined_text(&v).ok_or_else(|| de::Error::custom(format!("`{v}` is not a value"))),
    }
}

/// An optional [`Text`], keeping a list a list; `None` when it reads as neither.
pub fn lenient_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    Ok(Text::from_json(&Value::deserialize(d)?))
}

/// An optional instant in any form [`Timestamp`] reads; `None` when it reads as none.
pub fn lenient_timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    Ok(Timestamp::deserialize(&Value::deserialize(d)?).ok())
}

/// A list whose items that do not read as `T` are left out: one broken bucket does
/// not fail the others. Anything but a list is an empty list.
pub fn lenient_vec<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items.iter().filter_map(|v| T::deserialize(v).ok()).collect(),
        _ => Vec::new(),
    })
}

/// A whole `T` when it reads, else `T::default()` (an unusable `meta` object).
pub fn or_default<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(d: D) -> Result<T, D::Error> {
    Ok(T::deserialize(&Value::deserialize(d)?).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(deserialize_with = "super::u64_from_any")]
        n: u64,
        #[serde(default, deserialize_with = "super::lenient_u64")]
        o: Option<u64>,
        #[serde(default, deserialize_with = "super::lenient_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "super::label_from_any")]
        label: String,
    }

    fn probe(json: &str) -> Result<Probe, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn numbers_arrive_as_numbers_or_strings() {
        let p = probe(r#"{"n": "10", "o": 3, "s": 42, "label": true}"#).unwrap();
        assert_eq!((p.n, p.o, p.s.as_deref(), p.label.as_str()), (10, Some(3), Some("42"), "true"));
        let p = probe(r#"{"n": 7.0, "o": null, "s": ["a", "b"], "label": null}"#).unwrap();
        assert_eq!((p.n, p.o, p.s.as_deref(), p.label.as_str()), (7, None, Some("a, b"), ""));
        assert_eq!(u64_of(&json!(" 12 ")), Some(12));
    }

    #[test]
    fn strict_readers_refuse_junk_and_lenient_ones_give_none() {
        for junk in [r#"{"n": "ten"}"#, r#"{"n": -1}"#, r#"{"n": 1.5}"#, r#"{"n": [1]}"#, r#"{"n": 1, "label": {}}"#] {
            assert!(probe(junk).is_err(), "{junk}");
        }
        let p = probe(r#"{"n": 1, "o": "many", "s": {"x": 1}}"#).unwrap();
        assert_eq!((p.o, p.s), (None, None));
        assert_eq!(probe(r#"{"n": 1, "o": -4}"#).unwrap().o, None);
    }

    #[test]
    fn booleans_and_broken_list_items() {
        assert_eq!(
            [bool_of(&json!("TRUE")), bool_of(&json!(false)), bool_of(&json!("maybe"))],
            [Some(true), Some(false), None]
        );
        #[derive(Deserialize)]
        struct Counts {
            #[serde(deserialize_with = "super::lenient_vec")]
            counts: Vec<u64>,
        }
        let c: Counts = serde_json::from_str(r#"{"counts": [1, "x", 3]}"#).unwrap();
        assert_eq!(c.counts, [1, 3]);
        let c: Counts = serde_json::from_str(r#"{"counts": "x"}"#).unwrap();
        assert!(c.counts.is_empty());
    }
}
