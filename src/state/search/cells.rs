//! Reading a session's properties from its JSON body: a dotted path (with the
//! legacy `psm.*` names), and a cell's value by its column's kind. Any text
//! property may arrive as a list.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sps_api::Text;

use crate::state::search::columns::{Column, Kind};

/// The value at a dotted `path` of a session body (`recording.*` also under its
/// legacy name `psm.*`).
pub fn lookup<'a>(body: &'a Value, path: &str) -> Option<&'a Value> {
    let direct = path.split('.').try_fold(body, |v, key| v.get(key)).filter(|v| !v.is_null());
    direct.or_else(|| {
        let rest = path.strip_prefix("recording.")?;
        rest.split('.').try_fold(body.get("psm")?, |v, key| v.get(key)).filter(|v| !v.is_null())
    })
}

/// A cell's value, read by the column's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Not in the body.
    Missing,
    /// Text as recorded.
    Text(String),
    /// An instant.
    Time(DateTime<Utc>),
    /// A length in seconds.
    Seconds(u64),
    /// A flag.
    Flag(bool),
    /// A number, as sent.
    Number(String),
    /// Several texts.
    List(Vec<String>),
}

/// A value as one text: scalars as themselves, anything else as its JSON (a value
/// of a shape no reader expected still shows, as text).
fn scalar_text(v: &Value) -> Option<String> {
    sps_api::text::scalar_text(v).or_else(|| (!v.is_null()).then(|| v.to_string()))
}

/// Any value as the texts a cell lists: a list of scalars item by item (empty
/// items left out), one value as one item; nothing for an empty list. Every text
/// property may arrive as a list (`"server_username": ["root"]`).
fn list_cell(v: &Value) -> Cell {
    let items = match Text::from_json(v) {
        Some(text) => text.items().iter().filter(|t| !t.is_empty()).cloned().collect(),
        None => scalar_text(v).into_iter().collect::<Vec<_>>(),
    };
    if items.is_empty() {
        Cell::Missing
    } else {
        Cell::List(items)
    }
}

/// The text of a property for a sentence (a headline, a note): its values joined
/// with `, `, whatever its shape.
pub fn text_at(body: &Value, path: &str) -> Option<String> {
    match list_cell(lookup(body, path)?) {
        Cell::List(items) => Some(items.join(", ")),
        _ => None,
    }
}

/// Reads `column` from a session body (as JSON).
pub fn cell(body: &Value, column: &Column) -> Cell {
    let Some(v) = lookup(body, column.field) else { return Cell::Missing };
    match column.kind {
        Kind::Time => serde_json::from_value::<sps_api::Timestamp>(v.clone())
            .map(|t| Cell::Time(t.as_datetime()))
            .unwrap_or_else(|_| scalar_text(v).map_or(Cell::Missing, Cell::Text)),
        Kind::Duration => match v {
            Value::Number(n) => n.as_u64().map_or_else(|| Cell::Number(n.to_string()), Cell::Seconds),
            Value::String(s) => s.trim().parse().map_or_else(|_| Cell::Text(s.clone()), Cell::Seconds),
            other => scalar_text(other).map_or(Cell::Missing, Cell::Text),
        },
        Kind::Active | Kind::Flag => match v {
            Value::Bool(b) => Cell::Flag(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Cell::Flag(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Cell::Flag(false),
            other => scalar_text(other).map_or(Cell::Missing, Cell::Text),
        },
        Kind::Number => match v {
            Value::Array(_) => list_cell(v),
            other => scalar_text(other).map_or(Cell::Missing, Cell::Number),
        },
        Kind::Text => match v {
            Value::Array(_) => list_cell(v),
            other => scalar_text(other).filter(|t| !t.is_empty()).map_or(Cell::Missing, Cell::Text),
        },
        Kind::List => list_cell(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::search::cell_text::display;
    use crate::state::search::columns::column;
    use crate::state::search::narrowing::filter_values;
    use crate::zone::Zone;
    use chrono::TimeZone;
    use serde_json::json;

    #[test]
    fn cells_read_by_kind() {
        let body = json!({
            "start_time": "2026-11-23T08:00:00Z", "end_time": 1795420800000u64, "duration": "3725",
            "active": false, "protocol": "ssh", "user": {"gateway_username": "=cmd"},
            "analytics": {"tags": ["a", "b"], "score": {"aggregated": 87}}, "psm": {"connection_policy": "legacy"},
            "recording": {"archived": "true"}
        });
        let c = |f: &str| cell(&body, column(f).unwrap());
        assert_eq!(c("start_time"), Cell::Time(Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()));
        assert!(matches!(c("end_time"), Cell::Time(_)));
        assert_eq!(c("duration"), Cell::Seconds(3725));
        assert_eq!(c("active"), Cell::Flag(false));
        assert_eq!(c("user.gateway_username"), Cell::Text("=cmd".into()));
        assert_eq!(c("analytics.tags"), Cell::List(vec!["a".into(), "b".into()]));
        assert_eq!(c("analytics.score.aggregated"), Cell::Number("87".into()));
        assert_eq!(c("recording.connection_policy"), Cell::Text("legacy".into()), "legacy psm.* name");
        assert_eq!(c("recording.archived"), Cell::Flag(true));
        assert_eq!(c("verdict"), Cell::Missing);
        assert_eq!(cell(&json!({"duration": null}), column("duration").unwrap()), Cell::Missing);
        assert_eq!(
            cell(&json!({"protocol": ""}), column("protocol").unwrap()),
            Cell::Missing,
            "empty text is no value"
        );
    }

    #[test]
    fn any_text_property_may_be_a_list_and_shows_joined_with_each_item_a_filter() {
        // As an appliance sends it: every session's `server_username` is a list.
        let body = json!({"protocol": "SSH", "user": {"server_username": ["root", "oracle"], "gateway_username": ["alice"]},
                          "client": {"port": 2370}, "analytics": {"tags": [], "interesting_events": ["sudo", "", null]},
                          "verdict": {"odd": true}, "server": {"ip": [["10.0.0.1"]]}});
        let c = |f: &str| cell(&body, column(f).unwrap());
        let server_user = c("user.server_username");
        assert_eq!(server_user, Cell::List(vec!["root".into(), "oracle".into()]));
        assert_eq!(display(&server_user, Zone::UTC), "root, oracle");
        assert_eq!(filter_values(&server_user), ["root", "oracle"]);
        assert_eq!(display(&c("user.gateway_username"), Zone::UTC), "alice");
        assert_eq!(c("client.port"), Cell::Text("2370".into()));
        assert_eq!(c("analytics.tags"), Cell::Missing, "an empty list is no value");
        assert_eq!(c("analytics.interesting_events"), Cell::List(vec!["sudo".into()]));
        // A shape no reader expects still shows, as its text.
        assert_eq!(c("verdict"), Cell::Text(r#"{"odd":true}"#.into()));
        assert_eq!(c("server.ip"), Cell::List(vec![r#"[["10.0.0.1"]]"#.into()]));
        assert_eq!(text_at(&body, "user.server_username").as_deref(), Some("root, oracle"));
        assert_eq!(text_at(&body, "protocol").as_deref(), Some("SSH"));
        assert_eq!(text_at(&body, "nope"), None);
    }
}
