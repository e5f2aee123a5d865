//! Evaluating a query against one JSON record (used by the stand-in server and tests).
//! The semantics are documented on [`Query::matches`].

use serde_json::Value as Json;

use crate::ast::{Bound, Clause, Expr, Query, Range, Value};
use crate::literal::{bool_of, instant_of, number_of, parse_bool, parse_number, parse_period};
use crate::record::{text_of, values_at};
use crate::schema::{Field, FieldType, Schema};
use crate::text_match::{contains_words, fold, Glob};

impl Query {
    /// Whether `record` matches. The empty query matches everything.
    ///
    /// Fields are read from `record` by dotted path (`user.gateway_username` is
    /// `{"user": {"gateway_username": …}}`; a key containing dots works too), under the
    /// schema's canonical name and its aliases (`psm.…` for `recording.…`). An array
    /// matches when any element does; a missing or `null` field matches nothing, so
    /// `NOT field:x` matches it. Per type:
    ///
    /// - keyword text: a term or phrase equals the whole value, ignoring case; a wildcard
    ///   pattern (`*` any run, `?` one character) must match the whole value, ignoring case;
    /// - full-text text (events' `content`): a term or phrase matches a run of consecutive
    ///   words (letters and digits) of the value, ignoring case (`content:sudo` finds
    ///   `user@host:~$ man sudo`); a pattern matches the whole value or any one word;
    /// - no field: a term or phrase is a case-insensitive substring of a default field
    ///   (events: `content`; sessions: any text field); a pattern as for full text;
    /// - integer: numeric equality and ranges (numbers sent as strings are read as numbers);
    /// - boolean: `true`/`false`, also when sent as strings;
    /// - date: a term matches the instants within its precision (`2017-01-02` is that
    ///   whole day); range ends are instants (ISO 8601, no zone meaning UTC, or epoch ms);
    /// - text ranges compare lower-cased text; `field:*` matches when the field has a value;
    /// - a field the schema does not know compares by the record's own JSON type.
    ///
    /// Values the validator rejects (`duration:abc`) match nothing.
    pub fn matches(&self, record: &Json, schema: &Schema) -> bool {
        self.root().is_none_or(|root| matches_expr(root, record, schema))
    }
}

fn matches_expr(expr: &Expr, record: &Json, schema: &Schema) -> bool {
    match expr {
        Expr::Or { operands, .. } => operands.iter().any(|e| matches_expr(e, record, schema)),
        Expr::And { operands, .. } => operands.iter().all(|e| matches_expr(e, record, schema)),
        Expr::Not { operand, .. } => !matches_expr(operand, record, schema),
        Expr::Clause(clause) => matches_clause(clause, record, schema),
    }
}

/// How values of a field compare.
#[derive(Clone, Copy, PartialEq)]
enum Comparison {
    Keyword,
    FullText,
    /// No field given: substrings of default fields.
    Anywhere,
    Number,
    Boolean,
    Date,
}

impl Comparison {
    fn of(field: &Field) -> Self {
        match field.ty {
            FieldType::Text if field.full_text => Comparison::FullText,
            FieldType::Text => Comparison::Keyword,
            FieldType::Integer => Comparison::Number,
            FieldType::Boolean => Comparison::Boolean,
            FieldType::Date => Comparison::Date,
        }
    }

    /// For fields the schema does not know: go by the record's JSON type.
    fn of_json(value: &Json) -> Self {
        match value {
            Json::Number(_) => Comparison::Number,
            Json::Bool(_) => Comparison::Boolean,
            _ => Comparison::Keyword,
        }
    }
}

fn matches_clause(clause: &Clause, record: &Json, schema: &Schema) -> bool {
    let test = Test::new(&clause.value);
    let Some(field) = &clause.field else {
        return schema.default_fields().any(|def| field_matches(&test, Comparison::Anywhere, def, record, schema));
    };
    match schema.field(&field.name) {
        Some(def) => field_matches(&test, Comparison::of(def), def, record, schema),
        None => values_at(record, &field.name).into_iter().any(|v| test.accepts(Comparison::of_json(v), v)),
    }
}

fn field_matches(test: &Test, comparison: Comparison, def: &Field, record: &Json, schema: &Schema) -> bool {
    schema.record_names(def).iter().any(|name| values_at(record, name).into_iter().any(|v| test.accepts(comparison, v)))
}

/// A clause's value prepared once for testing many record values.
enum Test<'q> {
    Text { text: &'q str, folded: String },
    Pattern(Glob),
    Present,
    Range(&'q Range),
}

impl<'q> Test<'q> {
    fn new(value: &'q Value) -> Self {
        match value {
            Value::Term(text) | Value::Phrase(text) => Test::Text { text, folded: fold(text) },
            Value::Wildcard(pattern) if pattern.is_match_all() => Test::Present,
            Value::Wildcard(pattern) => Test::Pattern(Glob::new(pattern)),
            Value::Range(range) => Test::Range(range),
        }
    }

    fn accepts(&self, comparison: Comparison, value: &Json) -> bool {
        use Comparison::*;
        match (self, comparison) {
            (Test::Present, _) => true,
            (Test::Text { folded, .. }, Keyword) => text_of(value).is_some_and(|v| fold(&v) == *folded),
            (Test::Text { text, .. }, FullText) => text_of(value).is_some_and(|v| contains_words(&v, text)),
            (Test::Text { folded, .. }, Anywhere) => text_of(value).is_some_and(|v| fold(&v).contains(folded.as_str())),
            (Test::Text { text, .. }, Number) => parse_number(text).is_some_and(|n| number_of(value) == Some(n)),
            (Test::Text { text, .. }, Boolean) => parse_bool(text).is_some_and(|b| bool_of(value) == Some(b)),
            (Test::Text { text, .. }, Date) => {
                parse_period(text).zip(instant_of(value)).is_some_and(|(p, t)| p.start <= t && t < p.end)
            }
            (Test::Pattern(glob), Keyword) => text_of(value).is_some_and(|v| glob.matches(&v)),
            (Test::Pattern(glob), FullText | Anywhere) => text_of(value).is_some_and(|v| glob.matches_within(&v)),
            (Test::Pattern(_), Number | Boolean | Date) => false,
            (Test::Range(range), Keyword | FullText | Anywhere) => {
                text_of(value).is_some_and(|v| in_range(&fold(&v), range, |end| Some(fold(end))))
            }
            (Test::Range(range), Number) => number_of(value).is_some_and(|n| in_range(&n, range, parse_number)),
            (Test::Range(range), Date) => {
                instant_of(value).is_some_and(|t| in_range(&t, range, |end| parse_period(end).map(|p| p.start)))
            }
            (Test::Range(_), Boolean) => false,
        }
    }
}

/// Whether `x` lies within `range`, reading each end with `read`; an unreadable end
/// matches nothing (validation reports it).
fn in_range<T: PartialOrd>(x: &T, range: &Range, read: impl Fn(&str) -> Option<T>) -> bool {
    let within = |bound: &Bound, below: bool| match bound {
        Bound::Unbounded => true,
        Bound::Inclusive(end) => read(&end.text).is_some_and(|e| if below { e <= *x } else { *x <= e }),
        Bound::Exclusive(end) => read(&end.text).is_some_and(|e| if below { e < *x } else { *x < e }),
    };
    within(&range.lower, true) && within(&range.upper, false)
}
