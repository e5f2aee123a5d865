//! Deserializers for values the vendor sends in more than one form.
//!
//! The reference pages show `"size": "10"` next to `"size": 10` and
//! `"channels_id": "0"` for a field documented as integer: accept both.

use serde::{de, Deserialize, Deserializer};

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

/// A JSON scalar as text: bucket values of numeric or boolean fields arrive as
/// numbers or booleans, and the dashboard shows (and filters by) their text.
pub fn string_from_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::Bool(b) => Ok(b.to_string()),
        serde_json::Value::Null => Ok(String::new()),
        other => Err(de::Error::custom(format!("expected a scalar, got {other}"))),
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
