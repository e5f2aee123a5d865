//! Escaping, so that text put into a query means exactly that text.
//!
//! One backslash makes any character literal. Escaping more characters than strictly
//! necessary is harmless, so every character SPS, Lucene or Elasticsearch treat as syntax
//! is escaped, plus whitespace (an escaped space keeps a value one term).

/// Characters escaped inside terms.
const SPECIAL: &[char] = &[
    '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '\\', '/', '=', '<', '>',
];

fn is_special(c: char) -> bool {
    SPECIAL.contains(&c) || c.is_whitespace()
}

/// Escapes `value` so it parses back as one literal term with exactly this text.
///
/// Wildcards come out literal (`*` → `\*`); the words `AND`, `OR` and `NOT` get a
/// leading backslash so they are not read as operators; the empty string becomes `""`.
///
/// ```
/// use sps_query::escape_value;
/// assert_eq!(escape_value(r"C:\Users\bob smith"), r"C\:\\Users\\bob\ smith");
/// assert_eq!(escape_value("a*"), r"a\*");
/// assert_eq!(escape_value("OR"), r"\OR");
/// ```
pub fn escape_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 4);
    push_term(&mut out, value);
    out
}

/// Appends `value` as a literal term.
pub(crate) fn push_term(out: &mut String, value: &str) {
    if value.is_empty() {
        out.push_str("\"\"");
        return;
    }
    if matches!(value, "AND" | "OR" | "NOT") {
        out.push('\\');
    }
    push_escaped(out, value);
}

/// Appends `text` with every special character escaped (for pieces of wildcard patterns).
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if is_special(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Appends `text` as a quoted phrase; inside quotes only `"` and `\` need escaping.
pub(crate) fn push_phrase(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// Appends a range end: bare when unambiguous, else quoted (so `*` and `TO` stay literal).
pub(crate) fn push_endpoint(out: &mut String, text: &str) {
    let needs_quotes = text.is_empty()
        || text == "*"
        || text == "TO"
        || text.chars().any(|c| c.is_whitespace() || matches!(c, ']' | '}' | '"' | '\\'));
    if needs_quotes {
        push_phrase(out, text);
    } else {
        out.push_str(text);
    }
}
