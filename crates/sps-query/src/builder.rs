//! Composing queries from parts (chart drill-downs, suggestion clicks, builder rows).
//!
//! Every function takes values as plain text and escapes them, so the query means exactly
//! that value; whether `*` and `?` are wildcards is decided by which function is called
//! ([`term`] literal, [`wildcard`] pattern). An empty `field` builds a clause without a
//! field, searched in the schema's default fields.

use std::ops::Bound as StdBound;

use crate::ast::{Bound, Clause, Endpoint, Expr, FieldRef, Pattern, Query, Range, Value};
use crate::error::ParseError;
use crate::parser::parse_outline;
use crate::print::{print_expr, Place};
use crate::span::Span;

fn clause(field: &str, value: Value) -> Query {
    let field = (!field.is_empty()).then(|| FieldRef { name: field.to_owned(), span: Span::default() });
    Query::from(Expr::Clause(Clause { field, value, value_span: Span::default(), span: Span::default() }))
}

/// `field:value`, the value literal (wildcard characters included). An empty value
/// becomes the phrase `""`, the only way to write it, and so does a value with `<`, `>`
/// or `=` (as [`crate::escape_value`] writes it: SPS's search cannot escape those).
pub fn term(field: &str, value: &str) -> Query {
    if value.is_empty() || value.contains(['<', '>', '=']) {
        return phrase(field, value);
    }
    clause(field, Value::Term(value.to_owned()))
}

/// `field:"text"`, a quoted phrase.
pub fn phrase(field: &str, text: &str) -> Query {
    clause(field, Value::Phrase(text.to_owned()))
}

/// `field:pattern` where each `*` and `?` in `pattern` is a wildcard and everything else
/// literal; a pattern without wildcards is a plain [`term`]. For a literal `*` beside
/// wildcards, build the [`Pattern`] yourself and use [`pattern`].
pub fn wildcard(field: &str, pattern_text: &str) -> Query {
    pattern(field, Pattern::glob(pattern_text))
}

/// `field:pattern` from a prepared [`Pattern`].
pub fn pattern(field: &str, pattern: Pattern) -> Query {
    match pattern.into_literal() {
        Ok(text) => term(field, &text),
        Err(pattern) => clause(field, Value::Wildcard(pattern)),
    }
}

/// `field:[lower TO upper]` with inclusive, exclusive or open (`*`) ends.
///
/// ```
/// use std::ops::Bound::{Included, Excluded, Unbounded};
/// use sps_query::builder::range;
/// assert_eq!(range("duration", Included("5"), Unbounded).print(), "duration:[5 TO *]");
/// assert_eq!(range("channels_id", Excluded("1"), Excluded("3")).print(), "channels_id:{1 TO 3}");
/// ```
pub fn range(field: &str, lower: StdBound<&str>, upper: StdBound<&str>) -> Query {
    let convert = |bound: StdBound<&str>| {
        let end = |text: &str| Endpoint { text: text.to_owned(), span: Span::default() };
        match bound {
            StdBound::Included(text) => Bound::Inclusive(end(text)),
            StdBound::Excluded(text) => Bound::Exclusive(end(text)),
            StdBound::Unbounded => Bound::Unbounded,
        }
    };
    clause(field, Value::Range(Range::new(convert(lower), convert(upper))))
}

/// `field:(a OR b OR …)`: any of the literal values. No values gives the empty query.
pub fn any_of<S: AsRef<str>>(field: &str, values: impl IntoIterator<Item = S>) -> Query {
    or(values.into_iter().map(|v| term(field, v.as_ref())))
}

/// All parts must match. Empty parts are skipped, nested ANDs flattened.
pub fn and(parts: impl IntoIterator<Item = Query>) -> Query {
    combine(parts, true)
}

/// At least one part must match. Empty parts are skipped, nested ORs flattened.
pub fn or(parts: impl IntoIterator<Item = Query>) -> Query {
    combine(parts, false)
}

fn combine(parts: impl IntoIterator<Item = Query>, conjunction: bool) -> Query {
    let mut operands = Vec::new();
    for expr in parts.into_iter().filter_map(Query::into_root) {
        match expr {
            Expr::And { operands: inner, .. } if conjunction => operands.extend(inner),
            Expr::Or { operands: inner, .. } if !conjunction => operands.extend(inner),
            other => operands.push(other),
        }
    }
    match operands.len() {
        0 => Query::empty(),
        1 => Query::from(operands.remove(0)),
        _ if conjunction => Query::from(Expr::And { operands, span: Span::default() }),
        _ => Query::from(Expr::Or { operands, span: Span::default() }),
    }
}

/// The part must not match. Excluding the empty query (no condition) gives it back.
pub fn not(part: Query) -> Query {
    match part.into_root() {
        Some(expr) => Query::from(Expr::Not { operand: Box::new(expr), span: Span::default() }),
        None => Query::empty(),
    }
}

/// Narrows the user's query text with `clause`, keeping their text as written:
/// `existing AND clause`, with `existing` parenthesised unless its top level is one
/// clause or clauses joined by AND only (an AND after `a OR b` or `a b` would make `b`
/// required and `a` filter nothing), and `clause` only when it is an OR. An empty
/// `existing` gives just the clause.
///
/// ```
/// use sps_query::builder::{add_clause, term};
/// let alice = term("user.gateway_username", "alice");
/// assert_eq!(
///     add_clause("protocol:ssh OR protocol:rdp", &alice).unwrap(),
///     "(protocol:ssh OR protocol:rdp) AND user.gateway_username:alice"
/// );
/// assert_eq!(add_clause("  ", &alice).unwrap(), "user.gateway_username:alice");
/// ```
///
/// Fails when `existing` does not parse: the result would not mean anything.
pub fn add_clause(existing: &str, clause: &Query) -> Result<String, ParseError> {
    let existing = existing.trim();
    let outline = parse_outline(existing)?;
    let Some(clause) = clause.root() else { return Ok(existing.to_owned()) };
    let mut clause_text = String::new();
    // AND is associative, so an AND clause needs no parentheses after `existing AND`.
    let place = if matches!(clause, Expr::And { .. }) { Place::Top } else { Place::InAnd };
    print_expr(clause, place, &mut clause_text);
    Ok(if outline.query.is_empty() {
        clause_text
    } else if outline.top_level_is_conjunction {
        format!("{existing} AND {clause_text}")
    } else {
        format!("({existing}) AND {clause_text}")
    })
}

/// Narrows the user's query text to records that do not match `clause`:
/// `existing AND NOT clause` (just `NOT clause` for an empty query).
///
/// ```
/// use sps_query::builder::{exclude_clause, term};
/// assert_eq!(exclude_clause("protocol:ssh", &term("verdict", "ACCEPT")).unwrap(), "protocol:ssh AND NOT verdict:ACCEPT");
/// ```
pub fn exclude_clause(existing: &str, clause: &Query) -> Result<String, ParseError> {
    add_clause(existing, &not(clause.clone()))
}
