//! Checking a query against a schema: problems a parser cannot see.

use crate::ast::{Clause, Expr, MixedLevel, Query, Range, Value};
use crate::error::{ParseError, ParseErrorKind};
use crate::escape::{field_name, phrase};
use crate::literal::{parse_bool, parse_number, parse_period};
use crate::parser::parse;
use crate::schema::{Field, FieldType, KnownValues, Schema};
use crate::span::{Position, Span};
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
    /// Where the span starts, as line and column.
    pub position: Position,
    /// The finding in words.
    pub message: String,
    /// The finding as data, e.g. for quick fixes.
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    fn new(severity: Severity, span: Span, kind: DiagnosticKind) -> Self {
        Diagnostic { severity, span, position: Position::default(), message: kind.to_string(), kind }
    }
}

impl From<ParseError> for Diagnostic {
    fn from(error: ParseError) -> Self {
        let position = error.position;
        Diagnostic { position, ..Diagnostic::new(Severity::Error, error.span, DiagnosticKind::Syntax(error.kind)) }
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
    #[error("`{field}` is a date: `{value}` is not (write e.g. `{}`, `{}` or epoch milliseconds)", date_examples(.field)[0], date_examples(.field)[1])]
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
    #[error("a range needs a field, as in `{example}`")]
    RangeWithoutField {
        /// The same range on a number field of the schema.
        example: String,
    },
    /// `content:>abc`: SPS compares numbers and dates, not text.
    #[error("`{field}` is text: SPS does not compare text with `{operator}`; to search for the text, quote it: `{}`", comparison_as_text(.field, .operator, .value))]
    ComparisonOnText {
        /// The field.
        field: String,
        /// `<`, `<=`, `>` or `>=`.
        operator: &'static str,
        /// The value compared with.
        value: String,
    },
    /// `>10` with no field.
    #[error("a comparison needs a field, as in `{example}`; to search for the text, quote it: `{}`", phrase(&format!("{operator}{value}")))]
    ComparisonWithoutField {
        /// `<`, `<=`, `>` or `>=`.
        operator: &'static str,
        /// The value compared with.
        value: String,
        /// A comparison on a number field of the schema.
        example: String,
    },
    /// One level of typed text joins clauses with AND and with OR (or the implicit OR),
    /// which SPS does not read with AND first.
    #[error("SPS does not give AND precedence over OR: this reads as `{reads_as}`{}. For AND before OR, write `{and_first}`", filters_nothing(.ignored))]
    MixedAndOr {
        /// The level as SPS reads it.
        reads_as: String,
        /// The clauses that filter nothing in that reading, as written.
        ignored: Vec<String>,
        /// The query text for the AND-first reading.
        and_first: String,
    },
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

impl DiagnosticKind {
    /// The query texts the message suggests writing, each of which parses (and, for a
    /// finding of the validator, validates clean against the schema that found it).
    pub fn examples(&self) -> Vec<String> {
        match self {
            DiagnosticKind::Syntax(kind) => kind.examples(),
            DiagnosticKind::NotADate { field, .. } => date_examples(field).to_vec(),
            DiagnosticKind::RangeWithoutField { example } => vec![example.clone()],
            DiagnosticKind::ComparisonOnText { field, operator, value } => {
                vec![comparison_as_text(field, operator, value)]
            }
            DiagnosticKind::ComparisonWithoutField { operator, value, example } => {
                vec![example.clone(), phrase(&format!("{operator}{value}"))]
            }
            DiagnosticKind::MixedAndOr { and_first, .. } => vec![and_first.clone()],
            _ => Vec::new(),
        }
    }
}

fn date_examples(field: &str) -> [String; 2] {
    let field = field_name(field);
    [format!("{field}:2017-01-25"), format!("{field}:2017-01-25T10:00:00Z")]
}

fn comparison_as_text(field: &str, operator: &str, value: &str) -> String {
    format!("{}:{}", field_name(field), phrase(&format!("{operator}{value}")))
}

fn filters_nothing(ignored: &[String]) -> String {
    let quoted: Vec<String> = ignored.iter().map(|text| format!("`{text}`")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => format!(" ({} filters nothing)", quoted[0]),
        _ => format!(" ({} filter nothing)", quoted.join(", ")),
    }
}

/// A number field of `schema` to show ranges and comparisons on.
fn number_field(schema: &Schema) -> String {
    let name = schema.fields().iter().find(|f| f.ty == FieldType::Integer).map_or("duration", |f| f.name);
    field_name(name)
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
    for level in query.mixed_levels() {
        out.push(Diagnostic::new(Severity::Warning, level.span, mixed_level(level, query.source().unwrap_or(""))));
    }
    // A mixed level's warning already names the clauses it leaves filtering nothing.
    let explained = |span: &Span| query.mixed_levels().iter().any(|level| level.ignored.contains(span));
    for &span in query.ignored_clauses().iter().filter(|span| !explained(span)) {
        out.push(Diagnostic::new(Severity::Warning, span, DiagnosticKind::IgnoredClause));
    }
    for diagnostic in &mut out {
        diagnostic.position = query.position(diagnostic.span);
    }
    out.sort_by_key(|d| (d.span.start, d.span.end));
    out
}

fn mixed_level(level: &MixedLevel, source: &str) -> DiagnosticKind {
    DiagnosticKind::MixedAndOr {
        reads_as: level.reading.to_string(),
        ignored: level.ignored.iter().map(|span| span.text(source).to_owned()).collect(),
        and_first: level.and_first.to_string(),
    }
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
            Value::Range(range) => {
                let number = number_field(schema);
                let (span, kind) = match comparison(range) {
                    Some((operator, span, value)) => {
                        let example = format!("{number}:{operator}10");
                        (span, DiagnosticKind::ComparisonWithoutField { operator, value, example })
                    }
                    None => {
                        (clause.value_span, DiagnosticKind::RangeWithoutField { example: format!("{number}:[1 TO 5]") })
                    }
                };
                out.push(Diagnostic::new(Severity::Error, span, kind));
            }
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
        let reported =
            out.iter().any(|d| d.span == field.span && matches!(d.kind, DiagnosticKind::UnknownField { .. }));
        if !reported {
            let kind = DiagnosticKind::UnknownField {
                field: field.name.clone(),
                suggestions: similar_fields(&field.name, schema),
            };
            out.push(Diagnostic::new(Severity::Error, field.span, kind));
        }
        return;
    };
    if def.name != field.name {
        let reported =
            out.iter().any(|d| d.span == field.span && matches!(d.kind, DiagnosticKind::AliasedField { .. }));
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
                    let kind = DiagnosticKind::UnknownValue {
                        field: name.clone(),
                        value: text.clone(),
                        known: known.to_vec(),
                    };
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

/// A range written as a comparison: its operator, where that is, and the value.
fn comparison(range: &Range) -> Option<(&'static str, Span, String)> {
    let span = range.comparison?;
    let operator = range.comparison_operator()?;
    let value = range.lower.endpoint().or(range.upper.endpoint())?.text.clone();
    Some((operator, span, value))
}

fn validate_range(name: &str, def: &Field, range: &Range, span: Span, out: &mut Vec<Diagnostic>) {
    let sort_key: fn(&str) -> Option<f64> = match def.ty {
        FieldType::Text if range.comparison.is_some() => {
            if let Some((operator, at, value)) = comparison(range) {
                let kind = DiagnosticKind::ComparisonOnText { field: name.to_owned(), operator, value };
                out.push(Diagnostic::new(Severity::Error, at, kind));
            }
            return;
        }
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
