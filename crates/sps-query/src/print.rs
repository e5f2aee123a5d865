//! Canonical printing: explicit `AND`/`OR`/`NOT`, values escaped, and no level that
//! mixes AND and OR: an AND list inside an OR list is parenthesised and vice versa, as
//! is a NOT inside an OR list or inside another NOT. The text then means the same
//! whether it is read as Lucene's classic parser does (with OR or AND as the default
//! operator) or with AND before OR. `parse(print(q))` gives `q` back (spans aside).

use std::fmt;

use crate::ast::{Bound, Clause, Expr, PatternPart, Query, Value};
use crate::escape::{push_endpoint, push_escaped, push_field_name, push_phrase, push_term};

impl Query {
    /// The canonical text of the query (`""` for the empty query).
    pub fn print(&self) -> String {
        let mut out = String::new();
        if let Some(root) = self.root() {
            print_expr(root, Place::Top, &mut out);
        }
        out
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.print())
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        print_expr(self, Place::Top, &mut out);
        f.write_str(&out)
    }
}

/// Where an expression is printed, which decides whether it needs parentheses.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Place {
    Top,
    InOr,
    InAnd,
    InNot,
}

pub(crate) fn print_expr(expr: &Expr, place: Place, out: &mut String) {
    match expr {
        Expr::Or { operands, .. } => {
            if let Some(field) = shared_field(operands) {
                push_field_name(out, field);
                out.push_str(":(");
                join(operands, " OR ", out, |operand, out| {
                    if let Expr::Clause(clause) = operand {
                        print_value(&clause.value, out);
                    }
                });
                out.push(')');
            } else {
                parenthesised(place != Place::Top, out, |out| {
                    join(operands, " OR ", out, |operand, out| print_expr(operand, Place::InOr, out))
                });
            }
        }
        Expr::And { operands, .. } => {
            parenthesised(place != Place::Top, out, |out| {
                join(operands, " AND ", out, |operand, out| print_expr(operand, Place::InAnd, out))
            });
        }
        // Inside an OR list a bare `NOT x` would exclude `x` from the whole list (the
        // Lucene rule), so a negation that is one alternative among others is wrapped;
        // so is a negated negation, which Lucene's grammar has no `NOT NOT` for.
        Expr::Not { operand, .. } => parenthesised(matches!(place, Place::InOr | Place::InNot), out, |out| {
            out.push_str("NOT ");
            print_expr(operand, Place::InNot, out);
        }),
        Expr::Clause(clause) => print_clause(clause, out),
    }
}

/// The field all operands test, when they are all plain clauses on one field: such a
/// list prints as `field:(a OR b)`.
fn shared_field(operands: &[Expr]) -> Option<&str> {
    let mut shared = None;
    for operand in operands {
        let Expr::Clause(Clause { field: Some(field), .. }) = operand else { return None };
        match shared {
            None => shared = Some(field.name.as_str()),
            Some(name) if name == field.name => {}
            Some(_) => return None,
        }
    }
    shared.filter(|_| operands.len() > 1)
}

fn parenthesised(wrap: bool, out: &mut String, body: impl FnOnce(&mut String)) {
    if wrap {
        out.push('(');
    }
    body(out);
    if wrap {
        out.push(')');
    }
}

fn join(items: &[Expr], separator: &str, out: &mut String, mut each: impl FnMut(&Expr, &mut String)) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        each(item, out);
    }
}

fn print_clause(clause: &Clause, out: &mut String) {
    if let Some(field) = &clause.field {
        push_field_name(out, &field.name);
        out.push(':');
    }
    print_value(&clause.value, out);
}

pub(crate) fn print_value(value: &Value, out: &mut String) {
    match value {
        Value::Term(text) => push_term(out, text),
        Value::Phrase(text) => push_phrase(out, text),
        Value::Wildcard(pattern) => {
            for (i, part) in pattern.parts().iter().enumerate() {
                match part {
                    PatternPart::Literal(text) => push_escaped(out, text, i == 0),
                    PatternPart::AnyChars => out.push('*'),
                    PatternPart::AnyChar => out.push('?'),
                }
            }
        }
        Value::Range(range) => {
            out.push(if matches!(range.lower, Bound::Exclusive(_)) { '{' } else { '[' });
            print_bound(&range.lower, out);
            out.push_str(" TO ");
            print_bound(&range.upper, out);
            out.push(if matches!(range.upper, Bound::Exclusive(_)) { '}' } else { ']' });
        }
    }
}

fn print_bound(bound: &Bound, out: &mut String) {
    match bound.endpoint() {
        Some(end) => push_endpoint(out, &end.text),
        None => out.push('*'),
    }
}
