//! A recorded session as the store takes it in, and reading its nested body.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::events::EventSource;

/// One recorded session: its id, its time span, its nested body as the session
/// detail endpoint returns it, and where its events come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The session id (`key` in responses): an opaque string.
    pub id: String,
    /// When the session started.
    pub start: DateTime<Utc>,
    /// When it ended; `None` while it is still active (it then lasts until the
    /// store's "now").
    pub end: Option<DateTime<Utc>>,
    /// The nested session body (`protocol`, `user.*`, `server.*`, ...).
    pub body: Value,
    /// Its events: generated on demand, or given (tests, loaded examples).
    pub events: EventSource,
}

impl Session {
    /// A session with the given events; its body as given.
    pub fn new(id: impl Into<String>, start: DateTime<Utc>, end: Option<DateTime<Utc>>, body: Value, events: EventSource) -> Self {
        Session { id: id.into(), start, end, body, events }
    }
}

/// The non-null scalar values at a dotted `path` of `body`, arrays flattened; a key
/// may itself contain dots (`{"user.name": …}`), so every split of the path is tried.
/// This reads records exactly as `sps_query::Query::matches` does.
pub fn values_at<'a>(body: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut found = Vec::new();
    collect(body, path, &mut found);
    found
}

fn collect<'a>(value: &'a Value, path: &str, found: &mut Vec<&'a Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| collect(item, path, found)),
        Value::Null => {}
        _ if path.is_empty() => found.push(value),
        Value::Object(map) => {
            let splits = path.match_indices('.').map(|(i, _)| i).chain([path.len()]);
            for split in splits {
                if let Some(child) = map.get(&path[..split]) {
                    collect(child, path.get(split + 1..).unwrap_or(""), found);
                }
            }
        }
        _ => {}
    }
}

/// A scalar as text: strings as they are, numbers and booleans as JSON writes them.
pub fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn dotted_paths_arrays_and_dotted_keys() {
        let record = json!({"a": {"b": [1, {"c": 2}, null]}, "x.y": "z"});
        assert_eq!(values_at(&record, "a.b").len(), 2);
        assert_eq!(values_at(&record, "a.b.c"), vec![&json!(2)]);
        assert_eq!(values_at(&record, "x.y"), vec![&json!("z")]);
        assert!(values_at(&record, "a.q").is_empty());
        assert_eq!(text_of(&json!(22)).as_deref(), Some("22"));
        assert_eq!(text_of(&json!({})), None);
    }
}
