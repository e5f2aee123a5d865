//! Escaping, so that text put into a query means exactly that text.
//!
//! One backslash makes any character literal. Escaping more characters than strictly
//! necessary is harmless, so every character SPS, Lucene or Elasticsearch treat as syntax
//! is escaped, plus whitespace (an escaped space keeps a value one term). Two exceptions:
//! `+` and `-` are prefixes only at the start of a word, so only there are they escaped
//! (`a-b` stays readable); and a leading `<` or `>` compares even when escaped in SPS's
//! search, so such a value is quoted instead.

/// Characters escaped anywhere in a term.
const SPECIAL: &[char] =
    &['&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '\\', '/', '=', '<', '>'];

fn is_special(c: char, at_start: bool) -> bool {
    SPECIAL.contains(&c) || c.is_whitespace() || (at_start && matches!(c, '+' | '-'))
}

/// Writes `value` so it parses back as one literal value with exactly this text: an
/// escaped word, or a quoted phrase when the value is empty or holds `<`, `>` or `=`
/// (Elasticsearch reads a leading `<` or `>` as a comparison and cannot escape it).
///
/// Wildcards come out literal (`*` → `\*`); the words `AND`, `OR` and `NOT` get a
/// leading backslash so they are not read as operators.
///
/// ```
/// use sps_query::escape_value;
/// assert_eq!(escape_value(r"C:\Users\bob smith"), r"C\:\\Users\\bob\ smith");
/// assert_eq!(escape_value("a*"), r"a\*");
/// assert_eq!(escape_value("OR"), r"\OR");
/// assert_eq!(escape_value("-rf"), r"\-rf");
/// assert_eq!(escape_value("a-b"), "a-b");
/// assert_eq!(escape_value("<script>"), r#""<script>""#);
/// ```
pub fn escape_value(value: &str) -> String {
    if value.contains(['<', '>', '=']) {
        return phrase(value);
    }
    let mut out = String::with_capacity(value.len() + 4);
    push_term(&mut out, value);
    out
}

/// `text` as a quoted phrase.
pub(crate) fn phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_phrase(&mut out, text);
    out
}

/// A field name as query text: always a word (a phrase cannot name a field).
pub(crate) fn field_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    push_field_name(&mut out, name);
    out
}

/// Appends a field name, escaped.
pub(crate) fn push_field_name(out: &mut String, name: &str) {
    if name.is_empty() {
        out.push_str("\"\"");
        return;
    }
    if matches!(name, "AND" | "OR" | "NOT") {
        out.push('\\');
    }
    push_escaped(out, name, true);
}

/// Appends `value` as a literal term: escaped, or quoted where a term cannot hold it
/// (empty, or a leading `<` or `>`, which would compare).
pub(crate) fn push_term(out: &mut String, value: &str) {
    if value.is_empty() || value.starts_with(['<', '>']) {
        push_phrase(out, value);
        return;
    }
    push_field_name(out, value);
}

/// Appends `text` with every special character escaped (also for pieces of wildcard
/// patterns); `at_start` when `text` begins a word.
pub(crate) fn push_escaped(out: &mut String, text: &str, at_start: bool) {
    for (i, c) in text.chars().enumerate() {
        if is_special(c, at_start && i == 0) {
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
