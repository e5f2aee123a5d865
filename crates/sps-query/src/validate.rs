//! Checking a query against a schema: problems a parser cannot see.

use crate::ast::{Clause, Expr, Query, Range, Value};
use crate::error::{ParseError, ParseErrorKind};
use crate::literal::{parse_bool, parse_number, parse_period};
use crate::parser::parse;
use crate::schema::{Field, FieldType, KnownValues, Schema};
use crate::span::Span;
use crate::suggest::similar_fields;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The query will not do what it says (or not run at all).
    Error,
    /// The query runs but probably not as meant.
    Warning,
    /// Worth knowing, nothing wrong.
    Info,
}

/// One finding about a query, for the UI to underline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The text to underline (empty where something is missing).
    pub span: Span,
    /// The finding in words.
    pub message: String,
    /// The finding as data, e.g. for quick fixes.
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    fn new(severity: Severity, span: Span, kind: DiagnosticKind) -> Self {
        Diagnostic { severity, span, message: kind.to_string(), kind }
    }
}

impl From<ParseError> for Diagnostic {
    fn from(error: ParseError) -> Self {
        Diagnostic::new(Severity::Error, error.span, DiagnosticKind::Syntax(error.kind))
    }
}

/// What a [`Diagnostic`] is about. The `Display` text is the message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DiagnosticKind {
    /// The query does not parse.
    #[error("{0}")]
    Syntax(ParseErrorKind),
    /// A field the schema does not have.
    #[error("unknown field `{field}`{}", did_you_mean(.suggestions))]
    UnknownField {
        /// The name as written.
        field: String,
        /// Close field names, best first.
        suggestions: Vec<String>,
    },
    /// A field written under its older name.
    #[error("`{field}` is the older name of `{canonical}`")]
    AliasedField {
        /// The name as written.
        field: String,
        /// The current name.
        canonical: &'static str,
    },
    /// A non-number for a number field.
    #[error("`{field}` is a number: `{value}` is not")]
    NotANumber {
        /// The field.
        field: String,
        /// The offending value.
        value: String,
    },
    /// A non-boolean for a boolean field.
    #[error("`{field}` is true or false: `{value}` is neither")]
    NotABoolean {
        /// The field.
        field: String,
        /// The offending value.
        value: String,
    },
    /// A non-date for a date field.
    #[error("`{field}` is a date: `{value}` is not (write e.g. 2017-01-25, 2017-01-25T10:00:00Z or epoch milliseconds)")]
    NotADate {
        /// The field.
        field: String,
        /// The offending value.
        value: String,
    },
    /// `*` or `?` on a field that is not text.
    #[error("`{field}` is {article} {ty}: wildcards only work on text", article = article(*.ty))]
    WildcardOnNonText {
        /// The field.
        field: String,
        /// Its type.
        ty: FieldType,
    },
    /// A range on a text field.
    #[error("`{field}` is text: a range compares it alphabetically (SPS documents ranges for numbers and dates)")]
    RangeOnText {
        /// The field.
        field: String,
    },
    /// A range on a boolean field.
    #[error("`{field}` is true or false: a range makes no sense on it")]
    RangeOnBoolean {
        /// The field.
        field: String,
    },
    /// A range with no field.
    #[error("a range needs a field, as in `duration:[1 TO 5]`")]
    RangeWithoutField,
    /// A range nothing can fall into.
    #[error("this range is empty: its lower end is not below its upper end")]
    EmptyRange,
    /// A value outside a field's documented list.
    #[error("`{value}` is not a documented value of `{field}` (known: {})", .known.join(", "))]
    UnknownValue {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// The documented values.
        known: Vec<&'static str>,
    },
    /// `and`, `or`, `not` in lower case are searched as words.
    #[error("`{word}` is searched as a word; write `{}` for the operator", .word.to_uppercase())]
    LowercaseOperator {
        /// The word as written.
        word: String,
    },
    /// A clause made optional by a `+required` clause beside it.
    #[error("this clause does not filter anything: next to a `+required` clause, plain clauses are optional (write `+` or AND to require it)")]
    IgnoredClause,
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!("; did you mean {}?", many.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or ")),
    }
}

fn article(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Integer => "an",
        FieldType::Text | FieldType::Boolean | FieldType::Date => "a",
    }
}

/// Parses and validates in one go: a syntax error, or the schema findings.
pub fn check(query: &str, schema: &Schema) -> Vec<Diagnostic> {
    match parse(query) {
        Ok(query) => validate(&query, schema),
        Err(error) => vec![error.into()],
    }
}

/// Checks a parsed query against a schema, in text order.
pub fn validate(query: &Query, schema: &Schema) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(root) = query.root() {
        validate_expr(root, schema, &mut out);
    }
    for &span in query.ignored_clauses() {
        out.push(Diagnostic::new(Severity::Warning, span, DiagnosticKind::IgnoredClause));
    }
    out.sort_by_key(|d| (d.span.start, d.span.end));
    out
}

fn validate_expr(expr: &Expr, schema: &Schema, out: &mut Vec<Diagnostic>) {
    match expr {
        Expr::Or { operands, .. } | Expr::And { operands, .. } => {
            operands.iter().for_each(|e| validate_expr(e, schema, out))
        }
        Expr::Not { operand, .. } => validate_expr(operand, schema, out),
        Expr::Clause(clause) => validate_clause(clause, schema, out),
    }
}

fn validate_clause(clause: &Clause, schema: &Schema, out: &mut Vec<Diagnostic>) {
    let Some(field) = &clause.field else {
        match &clause.value {
            Value::Range(_) => out.push(Diagnostic::new(Severity::Error, clause.value_span, DiagnosticKind::RangeWithoutField)),
            Value::Term(word) if is_lowercase_operator(word) => {
                let kind = DiagnosticKind::LowercaseOperator { word: word.clone() };
                out.push(Diagnostic::new(Severity::Warning, clause.value_span, kind));
            }
            _ => {}
        }
        return;
    };
    let Some(def) = schema.field(&field.name) else {
        // Values of one `field:(…)` group share the field's span: report it once.
        let reported = out.iter().any(|d| d.span == field.span && matches!(d.kind, DiagnosticKind::UnknownField { .. }));
        if !reported {
            let kind = DiagnosticKind::UnknownField { field: field.name.clone(), suggestions: similar_fields(&field.name, schema) };
            out.push(Diagnostic::new(Severity::Error, field.span, kind));
        }
        return;
    };
    if def.name != field.name {
        let reported = out.iter().any(|d| d.span == field.span && matches!(d.kind, DiagnosticKind::AliasedField { .. }));
        if !reported {
            let kind = DiagnosticKind::AliasedField { field: field.name.clone(), canonical: def.name };
            out.push(Diagnostic::new(Severity::Info, field.span, kind));
        }
    }
    let name = &field.name;
    match &clause.value {
        Value::Term(text) | Value::Phrase(text) => {
            if let Some(kind) = value_problem(name, def, text) {
                out.push(Diagnostic::new(Severity::Error, clause.value_span, kind));
            } else if let KnownValues::OneOf(known) = def.values {
                if !known.iter().any(|k| k.eq_ignore_ascii_case(text)) {
                    let kind = DiagnosticKind::UnknownValue { field: name.clone(), value: text.clone(), known: known.to_vec() };
                    out.push(Diagnostic::new(Severity::Warning, clause.value_span, kind));
                }
            }
        }
        Value::Wildcard(pattern) if pattern.is_match_all() || def.ty == FieldType::Text => {}
        Value::Wildcard(_) => {
            let kind = DiagnosticKind::WildcardOnNonText { field: name.clone(), ty: def.ty };
            out.push(Diagnostic::new(Severity::Error, clause.value_span, kind));
        }
        Value::Range(range) => validate_range(name, def, range, clause.value_span, out),
    }
}

fn is_lowercase_operator(word: &str) -> bool {
    ["and", "or", "not"].iter().any(|op| op.eq_ignore_ascii_case(word)) && word != word.to_uppercase()
}

/// What is wrong with `text` as a value of `def`, if anything.
fn value_problem(name: &str, def: &Field, text: &str) -> Option<DiagnosticKind> {
    let (field, value) = (name.to_owned(), text.to_owned());
    match def.ty {
        FieldType::Text => None,
        FieldType::Integer => parse_number(text).is_none().then_some(DiagnosticKind::NotANumber { field, value }),
        FieldType::Boolean => parse_bool(text).is_none().then_some(DiagnosticKind::NotABoolean { field, value }),
        FieldType::Date => parse_period(text).is_none().then_some(DiagnosticKind::NotADate { field, value }),
    }
}

fn validate_range(name: &str, def: &Field, range: &Range, span: Span, out: &mut Vec<Diagnostic>) {
    let sort_key: fn(&str) -> Option<f64> = match def.ty {
        FieldType::Text => {
            out.push(Diagnostic::new(Severity::Warning, span, DiagnosticKind::RangeOnText { field: name.to_owned() }));
            return;
        }
        FieldType::Boolean => {
            out.push(Diagnostic::new(Severity::Error, span, DiagnosticKind::RangeOnBoolean { field: name.to_owned() }));
            return;
        }
        FieldType::Integer => parse_number,
        FieldType::Date => |text| parse_period(text).map(|p| p.start as f64),
    };
    let mut ends = Vec::new();
    for bound in [&range.lower, &range.upper] {
        if let Some(end) = bound.endpoint() {
            match value_problem(name, def, &end.text) {
                Some(kind) => out.push(Diagnostic::new(Severity::Error, end.span, kind)),
                None => ends.extend(sort_key(&end.text)),
            }
        }
    }
    if let [low, high] = ends.as_slice() {
        let touching_exclusive = low == high && !(range.lower.is_inclusive() && range.upper.is_inclusive());
        if low > high || touching_exclusive {
            out.push(Diagnostic::new(Severity::Warning, span, DiagnosticKind::EmptyRange));
        }
    }
}
