//! The text to send SPS for what the user typed.
//!
//! Typed text goes to SPS as written, so the few spots where this crate is more lenient
//! than Lucene's classic parser are rewritten there, and only there, as the printer
//! writes them; the rest of the user's text is kept as is.

use crate::ast::Value;
use crate::lexer::{date_time_len, tokenize, TokenKind};
use crate::parser::parse;
use crate::print::print_value;

/// `text` with every spot Lucene's classic parser would read differently written the
/// way [`crate::Query::print`] writes it, so that SPS reads what this crate reads:
///
/// - an unquoted date-time, whose colons Lucene would take for fields:
///   `start_time:2017-01-25T10:00:00Z` → `start_time:2017-01-25T10\:00\:00Z`;
/// - a comparison whose value is a phrase or holds a colon, which Elasticsearch splits
///   or rejects: `fou:<"200"` → `fou:[* TO 200}`.
///
/// Text that does not parse comes back unchanged (it is not sent anyway).
///
/// ```
/// use sps_query::sendable;
/// assert_eq!(sendable(r#"start_time:>=2017-01-25T10:00 AND fou:<"200""#), r"start_time:[2017-01-25T10:00 TO *] AND fou:[* TO 200}");
/// assert_eq!(sendable("protocol:ssh AND duration:>60"), "protocol:ssh AND duration:>60");
/// assert_eq!(sendable(r"a\:b (2017-01-25T10:00)"), r"a\:b (2017-01-25T10\:00)");
/// ```
pub fn sendable(text: &str) -> String {
    if parse(text).is_err() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    for token in tokenize(text) {
        let raw = token.span.text(text);
        let replacement = match &token.kind {
            TokenKind::Word if date_time_len(raw) == Some(raw.len()) => raw.replace(':', "\\:"),
            TokenKind::Range(range) => match range.comparison {
                Some(operator)
                    if raw.get(operator.len()..).is_some_and(|value| value.starts_with('"') || value.contains(':')) =>
                {
                    let mut printed = String::new();
                    print_value(&Value::Range(range.clone()), &mut printed);
                    printed
                }
                _ => continue,
            },
            _ => continue,
        };
        out.push_str(&text[copied..token.span.start]);
        out.push_str(&replacement);
        copied = token.span.end;
    }
    out.push_str(&text[copied..]);
    out
}
