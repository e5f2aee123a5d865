//! The content search: the stats `content` parameter, which narrows statistics to
//! the indexed sessions whose recorded content matches (SPS counts the first
//! [`MATCH_CAP`] of them), and how it carries over to a session's events filter.
//!
//! SPS searches a session's content as a whole, so `cat AND shadow` finds a session
//! where `cat` and `shadow` were recorded, maybe in different events. The events
//! filter of one session matches event by event; the events a content search found
//! are those holding any of its positive words, so the filter is their OR:
//! `content:(cat OR shadow)`. What a `NOT` excludes is not in the filter.

use sps_query::{Clause, Expr, FieldRef, Query, Schema, Span};

use crate::state::query::query_error;
use crate::text::terms::positive_clauses;

/// The most matching sessions SPS counts for a content search (`004_…txt`).
pub const MATCH_CAP: u32 = 3000;

/// The first error of a content search, with where it is, if any.
pub fn content_error(text: &str) -> Option<String> {
    query_error(text, Schema::content())
}

/// The events filter (`q` of a session's events) showing the events a content search
/// found in a session: its positive clauses on `content`, OR-ed. `None` when the
/// search is empty, has errors, or only excludes.
pub fn events_filter(content: &str) -> Option<String> {
    if content.trim().is_empty() || content_error(content).is_some() {
        return None;
    }
    let query = sps_query::parse(content).ok()?;
    let mut operands: Vec<Expr> = positive_clauses(&query)
        .into_iter()
        .map(|c| {
            Expr::Clause(Clause {
                field: Some(FieldRef { name: "content".into(), span: Span::default() }),
                ..c.clone()
            })
        })
        .collect();
    let expr = match operands.len() {
        0 => return None,
        1 => operands.remove(0),
        _ => Expr::Or { operands, span: Span::default() },
    };
    Some(Query::from(expr).print())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_search_is_checked_against_the_content_schema() {
        assert_eq!(content_error("sudo OR \"rm -rf\""), None);
        assert!(
            content_error("type:command").is_some_and(|e| e.contains("column 1")),
            "{:?}",
            content_error("type:command")
        );
        assert!(content_error("(sudo").is_some());
    }

    #[test]
    fn the_events_filter_ors_the_positive_words() {
        assert_eq!(events_filter("sudo").as_deref(), Some("content:sudo"));
        assert_eq!(events_filter("cat AND shadow").as_deref(), Some("content:(cat OR shadow)"));
        assert_eq!(events_filter("content:sudo OR sudo NOT ls").as_deref(), Some("content:sudo"));
        assert_eq!(
            events_filter("\"systemctl restart\" ?dmin*").as_deref(),
            Some(r#"content:("systemctl restart" OR ?dmin*)"#)
        );
        for none in ["", "  ", "NOT ls", "type:command", "(sudo"] {
            assert_eq!(events_filter(none), None, "{none}");
        }
        // What it writes is an events query without errors.
        for content in ["sudo", "a AND b", "\"<script>\" OR x", "李伟 $"] {
            let filter = events_filter(content).expect("a filter");
            assert_eq!(query_error(&filter, Schema::events()), None, "{content} → {filter}");
        }
    }
}
