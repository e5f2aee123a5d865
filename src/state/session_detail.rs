//! One session's properties grouped as an analyst reads them: who, from where, to
//! where, when, under which policy, with what verdict, and whether the recording is
//! indexed; then whatever else the server sent, nested properties included (an
//! appliance sends more than the reference pages list: `recording.command_extracted`,
//! `server.id`, `vault.*`, …). Every text property may be a list.

use serde_json::Value;

use crate::state::search::cells::{cell, text_at, Cell};
use crate::state::search::columns::{Column, Kind};

/// One property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailRow {
    /// What it is (for other properties: the server's key).
    pub label: String,
    /// The session field, for "find sessions with this value" (none for derived rows).
    pub field: Option<&'static str>,
    /// Its value.
    pub cell: Cell,
}

/// A group of properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailGroup {
    /// The heading.
    pub title: &'static str,
    /// The properties the session has (missing ones are left out).
    pub rows: Vec<DetailRow>,
}

type Spec = (&'static str, &'static str, Kind);

const WHO: &[Spec] = &[
    ("Gateway user", "user.gateway_username", Kind::Text),
    ("Gateway domain", "user.gateway_username_domain", Kind::Text),
    ("Server user", "user.server_username", Kind::Text),
    ("Server domain", "user.server_username_domain", Kind::Text),
    ("Name", "user.name", Kind::Text),
    ("Name domain", "user.name_domain", Kind::Text),
    ("User id", "user.id", Kind::Text),
];
const FROM: &[Spec] = &[
    ("Client IP", "client.ip", Kind::Text),
    ("Client name", "client.name", Kind::Text),
    ("Client port", "client.port", Kind::Text),
];
const TO: &[Spec] = &[
    ("Protocol", "protocol", Kind::Text),
    ("Server address", "server.address", Kind::Text),
    ("Server IP", "server.ip", Kind::Text),
    ("Server name", "server.name", Kind::Text),
    ("Server port", "server.port", Kind::Text),
    ("Connected to IP", "recording.target.ip", Kind::Text),
    ("Connected to name", "recording.target.name", Kind::Text),
    ("Connected to port", "recording.target.port", Kind::Text),
];
const WHEN: &[Spec] = &[
    ("Started", "start_time", Kind::Time),
    ("Ended", "end_time", Kind::Time),
    ("Duration", "duration", Kind::Duration),
    ("Active", "active", Kind::Active),
    ("Record created", "creation_time", Kind::Time),
];
const POLICY: &[Spec] = &[
    ("Connection policy", "recording.connection_policy", Kind::Text),
    ("Connection policy id", "recording.connection_policy_id", Kind::Text),
    ("Channel policy", "recording.channel_policy", Kind::Text),
    ("Authentication", "recording.auth_method", Kind::Text),
];
const VERDICT: &[Spec] = &[
    ("Verdict", "verdict", Kind::Text),
    ("Recording verdict", "recording.verdict", Kind::Text),
    ("Deny reason", "recording.deny_reason", Kind::Text),
    ("Analytics score", "analytics.score.aggregated", Kind::Number),
    ("Interesting events", "analytics.interesting_events", Kind::List),
    ("Tags", "analytics.tags", Kind::List),
    ("Scripted", "analytics.scripted", Kind::Flag),
];
const RECORDING: &[Spec] = &[
    ("Index status", "recording.index_status", Kind::Text),
    ("Recording id", "recording.session_id", Kind::Text),
    ("Content reference", "recording.content_reference_id", Kind::Number),
    ("Archived", "recording.archived", Kind::Flag),
    ("Origin", "origin", Kind::Text),
    ("Node", "node_id", Kind::Text),
];

const GROUPS: &[(&str, &[Spec])] = &[
    ("Who", WHO),
    ("From where", FROM),
    ("To where", TO),
    ("When", WHEN),
    ("Policy", POLICY),
    ("Verdict", VERDICT),
    ("Recording and index", RECORDING),
];

/// Whether a group shows the property at `path` (the rest is "Other properties").
fn covered(path: &str) -> bool {
    GROUPS.iter().any(|(_, specs)| specs.iter().any(|(_, field, _)| *field == path))
}

/// Most "other" properties listed.
pub const MAX_OTHER: usize = 60;

/// The session's groups, in reading order; empty groups are left out.
pub fn groups(body: &Value) -> Vec<DetailGroup> {
    let mut out: Vec<DetailGroup> = GROUPS
        .iter()
        .map(|(title, specs)| DetailGroup {
            title,
            rows: specs
                .iter()
                .filter_map(|(label, field, kind)| {
                    let column = Column { field, label, kind: *kind, default: false };
                    let cell = cell(body, &column);
                    (cell != Cell::Missing).then(|| DetailRow { label: (*label).to_owned(), field: Some(field), cell })
                })
                .collect(),
        })
        .collect();
    // An active session has no end: say so where the end would be.
    if let Some(when) = out.iter_mut().find(|g| g.title == "When") {
        let active = when.rows.iter().any(|r| r.cell == Cell::Flag(true) && r.field == Some("active"));
        if active && !when.rows.iter().any(|r| r.field == Some("end_time")) {
            let at = when.rows.iter().position(|r| r.field == Some("start_time")).map_or(0, |i| i + 1);
            when.rows
                .insert(at, DetailRow { label: "Ended".into(), field: None, cell: Cell::Text("still active".into()) });
        }
    }
    let mut other = Vec::new();
    if let Value::Object(map) = body {
        for (key, value) in map {
            flatten(key, value, &mut other);
        }
    }
    other.truncate(MAX_OTHER);
    out.push(DetailGroup {
        title: "Other properties",
        rows: other.into_iter().map(|(label, cell)| DetailRow { label, field: None, cell }).collect(),
    });
    out.retain(|g| !g.rows.is_empty());
    out
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, Cell)>) {
    if out.len() >= MAX_OTHER || covered(prefix) {
        return;
    }
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&format!("{prefix}.{k}"), v, out);
            }
        }
        Value::Array(items) => {
            let texts = items.iter().map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            out.push((prefix.to_owned(), Cell::List(texts.collect())));
        }
        Value::Bool(b) => out.push((prefix.to_owned(), Cell::Flag(*b))),
        Value::Number(n) => out.push((prefix.to_owned(), Cell::Number(n.to_string()))),
        Value::String(s) => out.push((prefix.to_owned(), Cell::Text(s.clone()))),
    }
}

/// A one-line summary: `alice → root@db-01 (SSH)` (list values joined).
pub fn headline(body: &Value) -> String {
    let text = |path: &str| text_at(body, path);
    let who = text("user.gateway_username")
        .or_else(|| text("user.name"))
        .or_else(|| text("user.server_username"))
        .unwrap_or_else(|| "unknown user".into());
    let server_user = text("user.server_username");
    let server = text("server.name")
        .or_else(|| text("server.address"))
        .or_else(|| text("server.ip"))
        .unwrap_or_else(|| "unknown server".into());
    let target = match server_user {
        Some(u) => format!("{u}@{server}"),
        None => server,
    };
    match text("protocol") {
        Some(p) => format!("{who} → {target} ({p})"),
        None => format!("{who} → {target}"),
    }
}

/// Verdicts under which SPS recorded the session: accepted, or accepted and later
/// terminated (by a content policy or an operator).
const RECORDED_VERDICTS: [&str; 2] = ["ACCEPT", "TERMINATED"];

/// Why a session may have no events, from its verdict and index status.
pub fn index_note(body: &Value) -> Option<String> {
    let text = |path: &str| text_at(body, path);
    let recorded =
        |verdict: &str| verdict.split(", ").any(|v| RECORDED_VERDICTS.iter().any(|r| r.eq_ignore_ascii_case(v)));
    if let Some(verdict) = text("verdict").filter(|v| !recorded(v)) {
        return Some(format!(
            "SPS did not accept this connection (verdict {verdict}), so nothing was recorded or indexed."
        ));
    }
    let status = text("recording.index_status")?;
    let lower = status.to_ascii_lowercase();
    if lower.contains("not") || lower.contains("fail") || lower.contains("pending") || lower.contains("progress") {
        Some(format!("The recording's index status is {status}: its events appear once SPS has indexed it."))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn titles(groups: &[DetailGroup]) -> Vec<&str> {
        groups.iter().map(|g| g.title).collect()
    }

    #[test]
    fn a_full_session_reads_in_order() {
        let body = json!({
            "protocol": "ssh", "verdict": "ACCEPT", "active": true, "start_time": "2026-11-23T08:00:00Z",
            "user": {"gateway_username": "alice", "server_username": "root"},
            "client": {"ip": "10.0.0.5"}, "server": {"ip": "10.0.1.9", "name": "db-01"},
            "recording": {"connection_policy": "ssh-prod", "index_status": "INDEXED", "target": {"ip": "10.0.1.10"}},
            "analytics": {"tags": ["odd-hours"]},
            "future": {"x": 1, "list": [1, "b"]}, "psm": {"content_reference_id": 17}
        });
        let groups = groups(&body);
        assert_eq!(
            titles(&groups),
            ["Who", "From where", "To where", "When", "Policy", "Verdict", "Recording and index", "Other properties"]
        );
        let when = &groups[3];
        assert_eq!(when.rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(), ["Started", "Ended", "Active"]);
        assert_eq!(when.rows[1].cell, Cell::Text("still active".into()));
        let other: Vec<_> = groups[7].rows.iter().map(|r| (r.label.as_str(), r.cell.clone())).collect();
        assert_eq!(
            other,
            vec![
                ("future.list", Cell::List(vec!["1".into(), "b".into()])),
                ("future.x", Cell::Number("1".into())),
                ("psm.content_reference_id", Cell::Number("17".into())),
            ]
        );
        assert_eq!(headline(&body), "alice → root@db-01 (ssh)");
        assert_eq!(index_note(&body), None);
    }

    #[test]
    fn sparse_sessions_leave_out_what_they_lack() {
        let body = json!({"protocol": "rdp", "recording": {"index_status": "NOT_INDEXED"}});
        let groups = groups(&body);
        assert_eq!(titles(&groups), ["To where", "Recording and index"]);
        assert_eq!(headline(&body), "unknown user → unknown server (rdp)");
        assert!(index_note(&body).unwrap().contains("NOT_INDEXED"));
        let denied = json!({"verdict": "DENY", "recording": {"index_status": "NOT_INDEXED"}});
        assert!(index_note(&denied).unwrap().contains("verdict DENY"));
        assert!(super::groups(&json!({})).is_empty());
        assert!(super::groups(&json!("not an object")).is_empty());
    }

    #[test]
    fn an_appliance_session_with_lists_upper_case_and_unlisted_properties() {
        let body = json!({
            "protocol": "SSH", "verdict": "TERMINATED",
            "user": {"name": "marta", "server_username": ["root", "marta"]},
            "server": {"name": "db-01", "id": "10.110.100.26", "port": 2205},
            "recording": {"command_extracted": true, "index_status": "INDEXED"},
            "analytics": {"interesting_events": ["sudo", "vim"], "score": {"details": {"command": {"score": 7}}}},
            "vault": {"account_id": 13},
            "trail_download_link": null
        });
        assert_eq!(headline(&body), "marta → root, marta@db-01 (SSH)");
        assert_eq!(index_note(&body), None, "a terminated session was recorded");
        let groups = groups(&body);
        let row = |title: &str, label: &str| {
            groups
                .iter()
                .find(|g| g.title == title)
                .and_then(|g| g.rows.iter().find(|r| r.label == label))
                .map(|r| r.cell.clone())
        };
        assert_eq!(row("Who", "Server user"), Some(Cell::List(vec!["root".into(), "marta".into()])));
        assert_eq!(row("To where", "Server port"), Some(Cell::Text("2205".into())));
        assert_eq!(row("Verdict", "Interesting events"), Some(Cell::List(vec!["sudo".into(), "vim".into()])));
        let other: Vec<_> = groups.last().unwrap().rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            other,
            ["analytics.score.details.command.score", "recording.command_extracted", "server.id", "vault.account_id"]
        );
        let failed = json!({"verdict": ["AUTH_FAIL"], "recording": {"index_status": "NOT_INDEXED"}});
        assert!(index_note(&failed).unwrap().contains("verdict AUTH_FAIL"));
    }

    #[test]
    fn many_unknown_properties_are_capped() {
        let map: serde_json::Map<String, Value> = (0..200).map(|i| (format!("k{i:03}"), json!(i))).collect();
        let groups = groups(&Value::Object(map));
        assert_eq!(groups[0].rows.len(), MAX_OTHER);
    }
}
