//! Rows → query, in the shape the rows show: every group stays a group (nothing is
//! flattened), so reading the text back gives the same rows.

use std::ops::Bound as StdBound;

use sps_query::builder::{not, pattern, phrase, range, term};
use sps_query::{Expr, Pattern, Query, Span};
use thiserror::Error;

use super::{Condition, End, Group, Item, Join, Literal, Row};

/// A row or group that cannot be written yet.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Incomplete {
    /// A row without its value.
    #[error("condition {position} needs a value")]
    MissingValue {
        /// Where, as `2` or `3.1` (1-based, group by group).
        position: String,
    },
    /// A nested group without conditions.
    #[error("group {position} is empty: add a condition or remove it")]
    EmptyGroup {
        /// Where, as `2` or `3.1`.
        position: String,
    },
}

/// The query the rows show.
pub fn to_query(group: &Group) -> Result<Query, Incomplete> {
    match group_expr(group, "")? {
        Some(expr) => Ok(Query::from(expr)),
        None => Ok(Query::empty()),
    }
}

/// The canonical text of the query the rows show.
pub fn to_text(group: &Group) -> Result<String, Incomplete> {
    to_query(group).map(|q| q.print())
}

fn position(prefix: &str, index: usize) -> String {
    if prefix.is_empty() {
        (index + 1).to_string()
    } else {
        format!("{prefix}.{}", index + 1)
    }
}

/// The group's expression; `None` when it has no items.
fn group_expr(group: &Group, prefix: &str) -> Result<Option<Expr>, Incomplete> {
    let mut operands = Vec::with_capacity(group.items.len());
    for (i, item) in group.items.iter().enumerate() {
        let here = position(prefix, i);
        let expr = match item {
            Item::Row(row) => row_expr(row, &here)?,
            Item::Group(inner) => group_expr(inner, &here)?.ok_or(Incomplete::EmptyGroup { position: here })?,
        };
        operands.push(expr);
    }
    Ok(match operands.len() {
        0 => None,
        1 => operands.pop(),
        _ if group.join == Join::All => Some(Expr::And { operands, span: Span::default() }),
        _ => Some(Expr::Or { operands, span: Span::default() }),
    })
}

fn row_expr(row: &Row, position: &str) -> Result<Expr, Incomplete> {
    let missing = || Incomplete::MissingValue { position: position.to_owned() };
    let field = row.field.as_str();
    let query = match &row.condition {
        Condition::Is(value) => literal(field, value).ok_or_else(missing)?,
        Condition::IsNot(value) => not(literal(field, value).ok_or_else(missing)?),
        Condition::OneOf(values) => {
            let mut operands = Vec::with_capacity(values.len());
            for value in values {
                operands.extend(literal(field, value).ok_or_else(missing)?.into_root());
            }
            match operands.len() {
                0 => return Err(missing()),
                1 => Query::from(operands.remove(0)),
                _ => Query::from(Expr::Or { operands, span: Span::default() }),
            }
        }
        Condition::Matches(glob) if glob.is_empty() => return Err(missing()),
        // The builder's wildcard text: `*` and `?` wild, `\x` the character `x`.
        Condition::Matches(glob) => pattern(field, Pattern::unescape(glob)),
        Condition::Between { lower, upper } => range(field, bound(lower), bound(upper)),
    };
    query.into_root().ok_or_else(missing)
}

/// The clause for one literal; `None` when nothing was typed (a quoted empty value is
/// the deliberate `""`).
fn literal(field: &str, value: &Literal) -> Option<Query> {
    match (value.quoted, value.text.is_empty()) {
        (true, _) => Some(phrase(field, &value.text)),
        (false, true) => None,
        (false, false) => Some(term(field, &value.text)),
    }
}

fn bound(end: &End) -> StdBound<&str> {
    match (&end.value, end.inclusive) {
        (None, _) => StdBound::Unbounded,
        (Some(text), true) => StdBound::Included(text),
        (Some(text), false) => StdBound::Excluded(text),
    }
}
