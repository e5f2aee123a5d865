//! The view's query, checked before any request: a query with errors is never
//! sent (the query bar says what is wrong instead).

use sps_query::{check, Schema, Severity};

/// The first error of `text` against `schema`, with where it is (`column 5`, or
/// `line 2, column 5` in a query of several lines), if any.
pub fn query_error(text: &str, schema: &Schema) -> Option<String> {
    check(text, schema)
        .into_iter()
        .find(|d| d.severity == Severity::Error)
        .map(|d| format!("{} ({})", d.message, d.position))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_queries_pass_and_broken_ones_say_where() {
        let sessions = Schema::sessions();
        assert_eq!(query_error("", sessions), None);
        assert_eq!(query_error("protocol:ssh AND NOT verdict:ACCEPT", sessions), None);
        let error = query_error("protocol:(ssh", sessions).expect("unclosed group");
        assert!(error.contains("column"), "{error}");
        assert!(query_error("duration:abc", sessions).is_some());
        assert!(query_error("nosuchfield:1", sessions).is_some());
        let multi_line = query_error("a AND\n  (b", sessions).expect("unclosed group");
        assert!(multi_line.ends_with("(line 2, column 3)"), "{multi_line}");
        assert_eq!(query_error("a AND b OR c", sessions), None, "a warning is not an error");
    }
}
