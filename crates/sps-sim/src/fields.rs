//! The `fields` parameter of the sessions list: which properties each item's `body`
//! holds, nested as in the full body (`user.gateway_username` gives
//! `{"user": {"gateway_username": …}}`).

use serde_json::{Map, Value};
use sps_query::Schema;

use crate::error::{SimError, SimResult};

/// The requested properties, checked against the session fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSelection {
    paths: Vec<String>,
}

impl FieldSelection {
    /// Reads `fields` (comma-separated). A name must be a session field, an older
    /// spelling of one (`psm.…`), or a group of them (`user`, `recording.target`);
    /// anything else is a 400, so that a typo does not pass as an empty column.
    /// `None` when every property is wanted (`*`, as One Identity's Power BI connector
    /// asks; without `fields` the list has no bodies at all, see the route).
    pub fn parse(fields: Option<&str>) -> SimResult<Option<Self>> {
        let Some(text) = fields.filter(|f| !f.trim().is_empty() && f.trim() != "*") else { return Ok(None) };
        let schema = Schema::sessions();
        let mut paths = Vec::new();
        for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let canonical =
                schema.field(name).map(|f| f.name.to_owned()).unwrap_or_else(|| canonical_group(schema, name));
            let known =
                schema.fields().iter().any(|f| f.name == canonical || f.name.starts_with(&format!("{canonical}.")));
            if !known {
                return Err(SimError::InvalidQuery(format!("`fields`: `{name}` is not a session field")));
            }
            paths.push(name.to_owned());
        }
        Ok(Some(FieldSelection { paths }))
    }

    /// The selected properties of `body`, each under the name it was asked by; a
    /// property the session does not have is left out.
    pub fn project(&self, body: &Value) -> Value {
        let mut out = Value::Object(Map::new());
        for path in &self.paths {
            if let Some(value) = lookup(body, path) {
                insert(&mut out, path, value.clone());
            }
        }
        out
    }
}

/// `psm.target` → `recording.target`: a group name under its canonical prefix.
fn canonical_group(schema: &Schema, name: &str) -> String {
    schema
        .aliases()
        .iter()
        .find_map(|a| name.strip_prefix(a.prefix).map(|rest| format!("{}{rest}", a.target)))
        .unwrap_or_else(|| name.to_owned())
}

/// The value at a dotted path, under the name as asked or its other spelling.
fn lookup<'a>(body: &'a Value, path: &str) -> Option<&'a Value> {
    let at = |path: &str| path.split('.').try_fold(body, |v, key| v.get(key)).filter(|v| !v.is_null());
    let schema = Schema::sessions();
    at(path).or_else(|| {
        schema.aliases().iter().find_map(|a| {
            let other = match (path.strip_prefix(a.prefix), path.strip_prefix(a.target)) {
                (Some(rest), _) => format!("{}{rest}", a.target),
                (_, Some(rest)) => format!("{}{rest}", a.prefix),
                _ => return None,
            };
            at(&other)
        })
    })
}

fn insert(out: &mut Value, path: &str, value: Value) {
    let mut node = out;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let Value::Object(map) = node else { return };
        if keys.peek().is_none() {
            map.insert(key.to_owned(), value);
            return;
        }
        node = map.entry(key.to_owned()).or_insert_with(|| Value::Object(Map::new()));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn selects_nested_properties() {
        let body = json!({"protocol": "ssh", "user": {"gateway_username": "alice", "name": "Alice"},
                          "psm": {"content_reference_id": 4}, "end_time": null});
        let fields =
            FieldSelection::parse(Some("protocol, user.gateway_username,recording.content_reference_id,end_time"))
                .unwrap()
                .unwrap();
        assert_eq!(
            fields.project(&body),
            json!({"protocol": "ssh", "user": {"gateway_username": "alice"}, "recording": {"content_reference_id": 4}})
        );
        let group = FieldSelection::parse(Some("user")).unwrap().unwrap();
        assert_eq!(group.project(&body), json!({"user": {"gateway_username": "alice", "name": "Alice"}}));
        assert_eq!(FieldSelection::parse(Some(" ")).unwrap(), None);
        assert_eq!(FieldSelection::parse(Some("*")).unwrap(), None);
        assert!(FieldSelection::parse(Some("protocol,usr")).is_err());
    }
}
