//! Reading a field's values out of a JSON record, the way queries see them: the
//! evaluator here and the stand-in server's index both read records through this.

use std::borrow::Cow;

use serde_json::Value as Json;

/// The non-null scalar values at a dotted `path` of `record`, arrays flattened. A key
/// may itself contain dots (`{"user.name": …}`), so every split of the path is tried.
pub fn values_at<'r>(record: &'r Json, path: &str) -> Vec<&'r Json> {
    let mut found = Vec::new();
    collect(record, path, &mut found);
    found
}

fn collect<'r>(value: &'r Json, path: &str, found: &mut Vec<&'r Json>) {
    match value {
        Json::Array(items) => items.iter().for_each(|item| collect(item, path, found)),
        Json::Null => {}
        _ if path.is_empty() => found.push(value),
        Json::Object(map) => {
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
pub fn text_of(value: &Json) -> Option<Cow<'_, str>> {
    match value {
        Json::String(s) => Some(Cow::Borrowed(s)),
        Json::Number(n) => Some(Cow::Owned(n.to_string())),
        Json::Bool(b) => Some(Cow::Owned(b.to_string())),
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
    }

    #[test]
    fn scalars_as_text() {
        assert_eq!(text_of(&json!("x")).as_deref(), Some("x"));
        assert_eq!(text_of(&json!(22)).as_deref(), Some("22"));
        assert_eq!(text_of(&json!(true)).as_deref(), Some("true"));
        assert_eq!(text_of(&json!({})), None);
        assert_eq!(text_of(&json!(null)), None);
    }
}
