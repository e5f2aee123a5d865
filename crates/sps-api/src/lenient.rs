//! Deserializers for values the vendor sends in more than one form.
//!
//! The reference pages show `"size": "10"` next to `"size": 10` and
//! `"channels_id": "0"` for a field documented as integer: accept both.
//! None of these panics: input that fits no accepted form is a serde error.

use serde::{de, Deserialize, Deserializer};
use serde_json::Value;

/// A JSON number or a string holding one.
#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrString {
    Number(u64),
    Float(f64),
    String(String),
}

impl NumberOrString {
    fn into_u64<E: de::Error>(self) -> Result<u64, E> {
        match self {
            NumberOrString::Number(n) => Ok(n),
            NumberOrString::Float(f) if f >= 0.0 && f.fract() == 0.0 && f <= u64::MAX as f64 => {
                Ok(f as u64)
            }
            NumberOrString::Float(f) => Err(E::custom(format!("{f} is not a whole number"))),
            NumberOrString::String(s) => s
                .trim()
                .parse()
                .map_err(|_| E::custom(format!("`{s}` is not a whole number"))),
        }
    }
}

/// Deserializes a `u64` sent as a number or as a numeric string.
pub fn u64_from_any<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    NumberOrString::deserialize(d)?.into_u64()
}

/// Like [`u64_from_any`], for optional fields (`null` or missing gives `None`).
pub fn opt_u64_from_any<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Option::<NumberOrString>::deserialize(d)?
        .map(NumberOrString::into_u64)
        .transpose()
}

/// The text of a JSON scalar; `None` for `null`, an error for arrays and objects.
fn scalar_text<E: de::Error>(v: Value) -> Result<Option<String>, E> {
    match v {
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Null => Ok(None),
        other => Err(E::custom(format!("expected a scalar, got {other}"))),
    }
}

/// A JSON scalar as text: bucket values of numeric or boolean fields arrive as
/// numbers or booleans, and the dashboard shows (and filters by) their text.
pub fn string_from_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(scalar_text(Value::deserialize(d)?)?.unwrap_or_default())
}

/// Like [`string_from_scalar`], for optional fields (`null` or missing gives `None`):
/// ids and ports documented as text may arrive as numbers, and the alerts sample sends
/// `"channel_id": "0"` where the docs say integer.
pub fn opt_string_from_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    scalar_text(Value::deserialize(d)?)
}

/// A list of texts sent as one scalar or as an array of scalars (`null` gives an
/// empty list): multi-valued text fields such as `analytics.tags` are undocumented in
/// shape, and a search index returns a single value unwrapped.
pub fn strings_from_one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Array(values) => values.into_iter().filter_map(|v| scalar_text(v).transpose()).collect(),
        one => Ok(scalar_text(one)?.into_iter().collect()),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(deserialize_with = "super::u64_from_any")]
        n: u64,
        #[serde(default, deserialize_with = "super::opt_u64_from_any")]
        o: Option<u64>,
        #[serde(deserialize_with = "super::string_from_scalar")]
        s: String,
    }

    #[derive(Deserialize)]
    struct TextProbe {
        #[serde(default, deserialize_with = "super::opt_string_from_scalar")]
        one: Option<String>,
        #[serde(default, deserialize_with = "super::strings_from_one_or_many")]
        many: Vec<String>,
    }

    fn text_probe(json: &str) -> Result<TextProbe, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn optional_text_and_lists_of_text() {
        let p = text_probe(r#"{"one": 0, "many": ["a", 1, null, false]}"#).unwrap();
        assert_eq!(p.one.as_deref(), Some("0"));
        assert_eq!(p.many, ["a", "1", "false"]);
        let p = text_probe(r#"{"one": null, "many": "solo"}"#).unwrap();
        assert_eq!((p.one, p.many), (None, vec!["solo".to_string()]));
        let p = text_probe(r#"{"many": null}"#).unwrap();
        assert!(p.many.is_empty());
        assert!(text_probe(r#"{"one": {}}"#).is_err());
        assert!(text_probe(r#"{"many": [[1]]}"#).is_err());
        assert!(text_probe(r#"{"many": {"a": 1}}"#).is_err());
    }

    fn probe(json: &str) -> Result<Probe, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn numbers_arrive_as_numbers_or_strings() {
        let p = probe(r#"{"n": "10", "o": 3, "s": 42}"#).unwrap();
        assert_eq!((p.n, p.o, p.s.as_str()), (10, Some(3), "42"));
        let p = probe(r#"{"n": 7.0, "o": null, "s": true}"#).unwrap();
        assert_eq!((p.n, p.o, p.s.as_str()), (7, None, "true"));
        let p = probe(r#"{"n": 1, "s": "ssh"}"#).unwrap();
        assert_eq!(p.o, None);
    }

    #[test]
    fn junk_is_an_error_not_a_panic() {
        assert!(probe(r#"{"n": "ten", "s": ""}"#).is_err());
        assert!(probe(r#"{"n": -1, "s": ""}"#).is_err());
        assert!(probe(r#"{"n": 1.5, "s": ""}"#).is_err());
        assert!(probe(r#"{"n": 1, "s": [1]}"#).is_err());
    }
}
