//! The columns of the sessions table (one session field each, how its values read)
//! and the sort order its headings set.

use sps_query::Schema;

/// How a column's values read and show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An instant, shown in the display zone.
    Time,
    /// Seconds, shown as `1h 02m`.
    Duration,
    /// The `active` flag, shown as a badge.
    Active,
    /// A boolean.
    Flag,
    /// A number.
    Number,
    /// Text (recorded, attacker-controlled: shown as safe text).
    Text,
    /// A list of texts.
    List,
}

/// A column of the sessions table: one session field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The field, as `fields=`, `sort=` and queries name it.
    pub field: &'static str,
    /// The heading.
    pub label: &'static str,
    /// How its values read.
    pub kind: Kind,
    /// Shown in a fresh search.
    pub default: bool,
}

const fn col(field: &'static str, label: &'static str, kind: Kind, default: bool) -> Column {
    Column { field, label, kind, default }
}

/// Every column the table offers, in display order.
pub const COLUMNS: &[Column] = &[
    col("start_time", "Start", Kind::Time, true),
    col("end_time", "End", Kind::Time, true),
    col("duration", "Duration", Kind::Duration, true),
    col("active", "Active", Kind::Active, true),
    col("protocol", "Protocol", Kind::Text, true),
    col("user.gateway_username", "Gateway user", Kind::Text, true),
    col("user.server_username", "Server user", Kind::Text, true),
    col("client.ip", "Client", Kind::Text, true),
    col("server.ip", "Server", Kind::Text, true),
    col("recording.connection_policy", "Policy", Kind::Text, true),
    col("verdict", "Verdict", Kind::Text, true),
    col("user.name", "User name", Kind::Text, false),
    col("user.gateway_username_domain", "Gateway domain", Kind::Text, false),
    col("user.server_username_domain", "Server domain", Kind::Text, false),
    col("client.name", "Client name", Kind::Text, false),
    col("client.port", "Client port", Kind::Text, false),
    col("server.address", "Server address", Kind::Text, false),
    col("server.name", "Server name", Kind::Text, false),
    col("server.port", "Server port", Kind::Text, false),
    col("recording.target.ip", "Target IP", Kind::Text, false),
    col("recording.target.name", "Target name", Kind::Text, false),
    col("recording.channel_policy", "Channel policy", Kind::Text, false),
    col("recording.auth_method", "Auth method", Kind::Text, false),
    col("recording.deny_reason", "Deny reason", Kind::Text, false),
    col("recording.index_status", "Index status", Kind::Text, false),
    col("recording.verdict", "Recording verdict", Kind::Text, false),
    col("recording.archived", "Archived", Kind::Flag, false),
    col("analytics.score.aggregated", "Score", Kind::Number, false),
    col("analytics.tags", "Tags", Kind::List, false),
    col("analytics.interesting_events", "Interesting events", Kind::List, false),
    col("analytics.scripted", "Scripted", Kind::Flag, false),
    col("origin", "Origin", Kind::Text, false),
    col("node_id", "Node", Kind::Text, false),
    col("creation_time", "Created", Kind::Time, false),
];

/// The column for `field`.
pub fn column(field: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.field == field)
}

/// The columns of a fresh search.
pub fn default_columns() -> Vec<&'static Column> {
    COLUMNS.iter().filter(|c| c.default).collect()
}

/// A sort order: one session field, ascending or descending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    /// The field.
    pub field: String,
    /// Largest/latest first.
    pub descending: bool,
}

impl Sort {
    /// Reads `-field` or `field` (`+field` too); the field must be a session field.
    pub fn parse(text: &str) -> Option<Sort> {
        let text = text.trim();
        let (descending, field) = match text.strip_prefix('-') {
            Some(f) => (true, f),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        Schema::sessions().field(field)?;
        Some(Sort { field: field.to_owned(), descending })
    }

    /// The API's form: `-start_time`.
    pub fn param(&self) -> String {
        if self.descending {
            format!("-{}", self.field)
        } else {
            self.field.clone()
        }
    }

    /// The sort after clicking `field`'s heading: the other direction when it is
    /// the sort field already, else newest/largest first for times and numbers and
    /// A→Z for text.
    pub fn clicked(&self, field: &str, kind: Kind) -> Sort {
        if self.field == field {
            return Sort { field: field.to_owned(), descending: !self.descending };
        }
        let descending = matches!(kind, Kind::Time | Kind::Duration | Kind::Number | Kind::Active);
        Sort { field: field.to_owned(), descending }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::search::url_state::SearchState;

    #[test]
    fn sorting_by_clicking() {
        let start_desc = SearchState::default().sort;
        assert_eq!(start_desc.clicked("start_time", Kind::Time).param(), "start_time");
        assert_eq!(start_desc.clicked("protocol", Kind::Text).param(), "protocol");
        assert_eq!(start_desc.clicked("duration", Kind::Duration).param(), "-duration");
        assert_eq!(Sort::parse("+verdict").unwrap().param(), "verdict");
        assert_eq!(Sort::parse("psm.content_reference_id").map(|s| s.field), Some("psm.content_reference_id".into()));
        assert_eq!(Sort::parse("-"), None);
    }
}
