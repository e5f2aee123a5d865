//! Query text → rows, refusing what the rows cannot show faithfully.

use sps_query::{parse, Bound, Clause, Expr, Pattern, PatternPart, Value};
use thiserror::Error;

use super::write::to_query;
use super::{Condition, End, Group, Item, Join, Literal, Row};

/// How many levels of groups the builder shows (the top list counts as one).
pub const MAX_LEVELS: usize = 3;

/// Why a query stays in text mode.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unsupported {
    /// The text does not parse.
    #[error("the query has an error; fix it in text mode first")]
    Syntax,
    /// Groups inside groups beyond [`MAX_LEVELS`].
    #[error("its groups nest deeper than the builder shows ({MAX_LEVELS} levels)")]
    TooDeep,
    /// `NOT` before a group, a wildcard or a range.
    #[error("it negates a group, a wildcard or a range; the builder negates single values only (\"is not\")")]
    Negation,
    /// Clauses beside a required one (`+x`, or joined by AND), which filter nothing and
    /// rows cannot hold.
    #[error("it has clauses that filter nothing (see the warnings); the builder would drop them")]
    Ignored,
    /// The rows would write a different query (a safety net: should not happen).
    #[error("the builder would write it differently")]
    WouldChange,
}

/// The rows showing `text`, when writing them back gives the same query.
pub fn from_text(text: &str) -> Result<Group, Unsupported> {
    let query = parse(text).map_err(|_| Unsupported::Syntax)?;
    if !query.ignored_clauses().is_empty() {
        return Err(Unsupported::Ignored);
    }
    let group = match query.root() {
        None => Group::empty(),
        Some(root) => top_group(root)?,
    };
    let same = to_query(&group).is_ok_and(|written| written.without_spans() == query.without_spans());
    if same {
        Ok(group)
    } else {
        Err(Unsupported::WouldChange)
    }
}

/// The top list: an AND or OR of items, or one item.
fn top_group(root: &Expr) -> Result<Group, Unsupported> {
    match item(root, 1)? {
        Item::Group(group) => Ok(group),
        row => Ok(Group { join: Join::All, items: vec![row] }),
    }
}

fn item(expr: &Expr, level: usize) -> Result<Item, Unsupported> {
    match expr {
        Expr::Or { operands, .. } => {
            if let Some(row) = one_of(operands) {
                return Ok(Item::Row(row));
            }
            group(Join::Any, operands, level)
        }
        Expr::And { operands, .. } => group(Join::All, operands, level),
        Expr::Not { operand, .. } => match operand.as_ref() {
            Expr::Clause(clause) => match literal(&clause.value) {
                Some(value) => Ok(Item::Row(Row { field: field_of(clause), condition: Condition::IsNot(value) })),
                None => Err(Unsupported::Negation),
            },
            _ => Err(Unsupported::Negation),
        },
        Expr::Clause(clause) => Ok(Item::Row(row(clause))),
    }
}

fn group(join: Join, operands: &[Expr], level: usize) -> Result<Item, Unsupported> {
    if level > MAX_LEVELS {
        return Err(Unsupported::TooDeep);
    }
    let items = operands.iter().map(|o| item(o, level + 1)).collect::<Result<_, _>>()?;
    Ok(Item::Group(Group { join, items }))
}

/// `field:(a OR b)`: literal values of one field (or all without a field).
fn one_of(operands: &[Expr]) -> Option<Row> {
    let mut field: Option<Option<&str>> = None;
    let mut values = Vec::with_capacity(operands.len());
    for operand in operands {
        let Expr::Clause(clause) = operand else { return None };
        let name = clause.field.as_ref().map(|f| f.name.as_str());
        if field.is_some_and(|f| f != name) {
            return None;
        }
        field = Some(name);
        values.push(literal(&clause.value)?);
    }
    Some(Row { field: field?.unwrap_or_default().to_owned(), condition: Condition::OneOf(values) })
}

fn field_of(clause: &Clause) -> String {
    clause.field.as_ref().map(|f| f.name.clone()).unwrap_or_default()
}

fn literal(value: &Value) -> Option<Literal> {
    match value {
        Value::Term(text) => Some(Literal { text: text.clone(), quoted: false }),
        Value::Phrase(text) => Some(Literal { text: text.clone(), quoted: true }),
        Value::Wildcard(_) | Value::Range(_) => None,
    }
}

fn row(clause: &Clause) -> Row {
    let condition = match &clause.value {
        Value::Term(_) | Value::Phrase(_) => Condition::Is(literal(&clause.value).unwrap_or_default()),
        Value::Wildcard(pattern) => Condition::Matches(glob_text(pattern)),
        Value::Range(range) => Condition::Between { lower: end(&range.lower), upper: end(&range.upper) },
    };
    Row { field: field_of(clause), condition }
}

fn end(bound: &Bound) -> End {
    End { value: bound.endpoint().map(|e| e.text.clone()), inclusive: bound.is_inclusive() }
}

/// A pattern as the builder's wildcard text: `*` and `?` wild, `\` before a literal
/// `*`, `?` or `\`.
pub(super) fn glob_text(pattern: &Pattern) -> String {
    let mut out = String::new();
    for part in pattern.parts() {
        match part {
            PatternPart::Literal(text) => {
                for c in text.chars() {
                    if matches!(c, '*' | '?' | '\\') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            PatternPart::AnyChars => out.push('*'),
            PatternPart::AnyChar => out.push('?'),
        }
    }
    out
}
