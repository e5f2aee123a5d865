//! [`Text`]: a text property as a real SPS sends it.
//!
//! The reference pages show every session property as a string, but an appliance
//! answers from its search index, where a field may hold several values: every
//! session of One Identity's own Power BI connector test data has
//! `"server_username": ["root"]`, `analytics.interesting_events` is a list there, and
//! ports and ids come as numbers. A `Text` holds one value or a list of them, and
//! writes back the shape it was read in, so a list stays a list for the dashboard's
//! table and for the stand-in server's index.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::lenient::scalar_text;

/// One text value, or a list of them, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Text {
    /// One value: a string, or a number or boolean kept as its text.
    One(String),
    /// A list of values (possibly empty), `null` items left out.
    Many(Vec<String>),
}

impl Text {
    /// Reads a string, number or boolean, or a list of them; `None` for `null`,
    /// objects, and lists holding anything but scalars.
    pub fn from_json(value: &Value) -> Option<Text> {
        match value {
            Value::Array(items) => {
                items.iter().filter(|v| !v.is_null()).map(scalar_text).collect::<Option<Vec<_>>>().map(Text::Many)
            }
            other => scalar_text(other).map(Text::One),
        }
    }

    /// Every value, in order (one for [`Text::One`]).
    pub fn items(&self) -> &[String] {
        match self {
            Text::One(one) => std::slice::from_ref(one),
            Text::Many(many) => many,
        }
    }

    /// The first value, if there is one.
    pub fn first(&self) -> Option<&str> {
        self.items().first().map(String::as_str)
    }

    /// The values joined with `, `, as the dashboard shows a list in one cell.
    pub fn joined(&self) -> String {
        self.items().join(", ")
    }

    /// Whether one of the values is `value`, ignoring ASCII case (protocols arrive
    /// as `SSH` where the docs write `ssh`).
    pub fn has(&self, value: &str) -> bool {
        self.items().iter().any(|v| v.eq_ignore_ascii_case(value))
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.joined())
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::One(text.to_owned())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::One(text)
    }
}

impl From<Vec<String>> for Text {
    fn from(items: Vec<String>) -> Self {
        Text::Many(items)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::One(one) => s.serialize_str(one),
            Text::Many(many) => s.collect_seq(many),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Text::from_json(&value)
            .ok_or_else(|| de::Error::custom(format!("expected text or a list of texts, got {value}")))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_shape_a_text_property_comes_in() {
        assert_eq!(Text::from_json(&json!("root")), Some(Text::One("root".into())));
        assert_eq!(Text::from_json(&json!(["root", "oracle"])).map(|t| t.joined()).as_deref(), Some("root, oracle"));
        assert_eq!(Text::from_json(&json!(2205)), Some(Text::One("2205".into())));
        assert_eq!(Text::from_json(&json!(false)), Some(Text::One("false".into())));
        assert_eq!(Text::from_json(&json!(["a", null, 3])), Some(Text::Many(vec!["a".into(), "3".into()])));
        assert_eq!(Text::from_json(&json!([])), Some(Text::Many(vec![])));
        for unreadable in [json!(null), json!({"a": 1}), json!([["a"]]), json!([{"a": 1}])] {
            assert_eq!(Text::from_json(&unreadable), None, "{unreadable}");
        }
    }

    #[test]
    fn accessors_and_the_shape_written_back() {
        let many = Text::from(vec!["SSH".to_owned(), "".to_owned()]);
        assert_eq!((many.first(), many.items().len(), many.has("ssh")), (Some("SSH"), 2, true));
        assert_eq!(serde_json::to_value(&many).unwrap(), json!(["SSH", ""]));
        assert_eq!(serde_json::to_value(Text::from("x")).unwrap(), json!("x"));
        assert_eq!(Text::Many(vec![]).first(), None);
        assert_eq!(serde_json::from_value::<Text>(json!(["a"])).unwrap(), Text::Many(vec!["a".into()]));
        assert!(serde_json::from_value::<Text>(json!({})).is_err());
        assert_eq!(Text::from("a").to_string(), "a");
    }
}
