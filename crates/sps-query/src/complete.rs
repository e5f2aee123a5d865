//! Completion: what may be typed at the cursor, and suggestions for it.

use crate::ast::Pattern;
use crate::escape::escape_value;
use crate::lexer::{tokenize, Token, TokenKind};
use crate::schema::{FieldType, Schema};
use crate::span::Span;

/// What the query expects at the cursor, the text a chosen candidate replaces, and the
/// candidates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// What may come here.
    pub expected: Expected,
    /// The text a candidate's `insert` replaces: the word being typed, or an empty span
    /// at the cursor.
    pub replace: Span,
    /// Suggestions, best first, filtered by what is already typed.
    pub candidates: Vec<Candidate>,
}

/// What may be typed at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// The start of a clause: a field name (or a free-text word).
    Field,
    /// A value of this field (as written, possibly an alias or unknown).
    Value {
        /// The field name.
        field: String,
    },
    /// After a complete clause: an operator, or another clause (joined by the implicit OR).
    Operator,
    /// Inside a phrase, a range or a comparison, where nothing can be suggested.
    FreeText,
}

/// One suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// What it is.
    pub kind: CandidateKind,
    /// What to show.
    pub label: String,
    /// What to put in place of [`Completion::replace`]: fields end with `:`, operators
    /// with a space, values are escaped.
    pub insert: String,
    /// A short qualifier: the field's type for fields and values.
    pub detail: String,
    /// One line explaining it.
    pub description: String,
}

/// The kinds of [`Candidate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateKind {
    /// A field name.
    Field,
    /// A value of the field being completed.
    Value,
    /// `AND`, `OR`, `NOT`, `AND NOT`.
    Operator,
}

const OPERATORS: &[(&str, &str)] = &[
    ("AND", "both sides must match"),
    ("OR", "either side may match (also what a plain space means)"),
    ("NOT", "the next clause must not match"),
    ("AND NOT", "the left side must match and the right side must not"),
];

/// Completes `query` at byte offset `cursor` (clamped to the text and to a character
/// boundary).
pub fn complete(query: &str, cursor: usize, schema: &Schema) -> Completion {
    let mut cursor = cursor.min(query.len());
    while !query.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let tokens = tokenize(query);
    // A comparison's value (`duration:>1|`) is a number or a date: typed, not picked.
    if tokens.iter().any(|t| t.span.start < cursor && cursor <= t.span.end && is_comparison(query, t)) {
        return Completion { expected: Expected::FreeText, replace: Span::at(cursor), candidates: Vec::new() };
    }
    let inside = tokens.iter().position(|t| t.span.start < cursor && cursor < t.span.end);
    let typed = tokens.iter().position(|t| t.span.start < cursor && cursor <= t.span.end && is_typed_text(t, cursor));
    if let (Some(i), None) = (inside, typed) {
        // Inside a range or some other token that cannot be completed.
        let context = context_before(query, &tokens[..i]);
        let expected = match context {
            Context::Value(field) => Expected::Value { field },
            _ => Expected::FreeText,
        };
        return Completion { expected, replace: Span::at(cursor), candidates: Vec::new() };
    }
    let preceding = typed.unwrap_or_else(|| tokens.iter().take_while(|t| t.span.end <= cursor).count());
    let replace = typed.map_or(Span::at(cursor), |i| tokens[i].span);
    let field_name_follows = typed.and_then(|i| tokens.get(i + 1)).is_some_and(|t| t.kind == TokenKind::Colon);
    let phrase = typed
        .is_some_and(|i| !matches!(tokens[i].kind, TokenKind::Word | TokenKind::And | TokenKind::Or | TokenKind::Not));
    let prefix = typed_prefix(query, replace, cursor, phrase);
    let context = if field_name_follows { Context::Field } else { context_before(query, &tokens[..preceding]) };
    let needs_space = replace.start > 0
        && !query[..replace.start].ends_with(char::is_whitespace)
        && !query[..replace.start].ends_with('(');
    match context {
        Context::Value(field) => Completion {
            candidates: value_candidates(&field, &prefix, schema),
            expected: Expected::Value { field },
            replace,
        },
        Context::Field | Context::Operator(_) if phrase => {
            Completion { expected: Expected::FreeText, replace, candidates: Vec::new() }
        }
        Context::Field => {
            let mut candidates = field_candidates(&prefix, !field_name_follows, schema);
            if !field_name_follows {
                candidates.extend(operator_candidates(&prefix, false).filter(|c| c.label == "NOT"));
            }
            Completion { expected: Expected::Field, replace, candidates }
        }
        Context::Operator(group) => {
            let mut candidates: Vec<Candidate> = operator_candidates(&prefix, needs_space).collect();
            match group {
                Some(field) => candidates.extend(value_candidates(&field, &prefix, schema)),
                None => candidates.extend(field_candidates(&prefix, true, schema)),
            }
            Completion { expected: Expected::Operator, replace, candidates }
        }
    }
}

/// A comparison (`>10`), or one still being typed (no value yet, or an open phrase).
fn is_comparison(query: &str, token: &Token) -> bool {
    match &token.kind {
        TokenKind::Range(range) => range.comparison.is_some(),
        TokenKind::Error(_, _) => token.span.text(query).starts_with(['<', '>']),
        _ => false,
    }
}

/// Whether the cursor is in text being typed that a candidate could replace: a word
/// (operators included, they may be half-typed) or an open phrase.
fn is_typed_text(token: &Token, cursor: usize) -> bool {
    match &token.kind {
        TokenKind::Word | TokenKind::And | TokenKind::Or | TokenKind::Not => true,
        TokenKind::Phrase(_) => cursor < token.span.end,
        TokenKind::Error(crate::error::ParseErrorKind::UnclosedQuote { .. }, at) => at.start == token.span.start,
        _ => false,
    }
}

/// What has been typed of the current word up to the cursor, escapes and quotes removed.
fn typed_prefix(query: &str, replace: Span, cursor: usize, phrase: bool) -> String {
    let raw = query.get(replace.start..cursor).unwrap_or("");
    let raw = if phrase { raw.strip_prefix('"').unwrap_or(raw) } else { raw };
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

enum Context {
    Field,
    Value(String),
    /// After a clause; inside `field:(…)` the group's field.
    Operator(Option<String>),
}

/// What the tokens before the cursor leave room for.
fn context_before(query: &str, before: &[Token]) -> Context {
    let field_name = |token: &Token| {
        let raw = token.span.text(query);
        Pattern::unescape(raw).into_literal().unwrap_or_else(|_| raw.to_owned())
    };
    let mut groups: Vec<Option<String>> = Vec::new();
    for (i, token) in before.iter().enumerate() {
        match token.kind {
            TokenKind::LParen => {
                let field = match (i.checked_sub(2).map(|j| &before[j]), i.checked_sub(1).map(|j| &before[j])) {
                    (Some(name), Some(colon)) if name.kind == TokenKind::Word && colon.kind == TokenKind::Colon => {
                        Some(field_name(name))
                    }
                    _ => None,
                };
                groups.push(field);
            }
            TokenKind::RParen => {
                groups.pop();
            }
            _ => {}
        }
    }
    let group = groups.into_iter().rev().find_map(|g| g);
    match before {
        [.., name, colon] if colon.kind == TokenKind::Colon && name.kind == TokenKind::Word => {
            Context::Value(field_name(name))
        }
        [] => Context::Field,
        [.., last] => match last.kind {
            TokenKind::LParen
            | TokenKind::And
            | TokenKind::Or
            | TokenKind::Not
            | TokenKind::Plus
            | TokenKind::Minus
            | TokenKind::Colon => group.map_or(Context::Field, Context::Value),
            TokenKind::Word | TokenKind::Phrase(_) | TokenKind::Range(_) | TokenKind::RParen | TokenKind::Error(..) => {
                Context::Operator(group)
            }
        },
    }
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

fn field_candidates(prefix: &str, with_colon: bool, schema: &Schema) -> Vec<Candidate> {
    // An old prefix (`psm.`) completes to the current names.
    let prefix = schema
        .aliases()
        .iter()
        .find_map(|alias| prefix.strip_prefix(alias.prefix).map(|rest| format!("{}{rest}", alias.target)))
        .unwrap_or_else(|| prefix.to_owned());
    let word_starts =
        |name: &str| name.match_indices(['.', '_']).any(|(i, _)| starts_with_ignoring_case(&name[i + 1..], &prefix));
    let (mut leading, mut inner): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for field in schema.fields() {
        if starts_with_ignoring_case(field.name, &prefix) {
            leading.push(field);
        } else if word_starts(field.name) {
            inner.push(field);
        }
    }
    leading
        .into_iter()
        .chain(inner)
        .map(|field| Candidate {
            kind: CandidateKind::Field,
            label: field.name.to_owned(),
            insert: if with_colon { format!("{}:", field.name) } else { field.name.to_owned() },
            detail: field.ty.name().to_owned(),
            description: field.description.to_owned(),
        })
        .collect()
}

fn value_candidates(field: &str, prefix: &str, schema: &Schema) -> Vec<Candidate> {
    let Some(def) = schema.field(field) else { return Vec::new() };
    let values: &[&str] = if def.ty == FieldType::Boolean { &["true", "false"] } else { def.values.values() };
    values
        .iter()
        .filter(|v| starts_with_ignoring_case(v, prefix))
        .map(|v| Candidate {
            kind: CandidateKind::Value,
            label: (*v).to_owned(),
            insert: escape_value(v),
            detail: def.ty.name().to_owned(),
            description: String::new(),
        })
        .collect()
}

fn operator_candidates(prefix: &str, leading_space: bool) -> impl Iterator<Item = Candidate> + '_ {
    OPERATORS.iter().filter(move |(op, _)| starts_with_ignoring_case(op, prefix)).map(move |(op, description)| {
        Candidate {
            kind: CandidateKind::Operator,
            label: (*op).to_owned(),
            insert: format!("{}{op} ", if leading_space { " " } else { "" }),
            detail: String::new(),
            description: (*description).to_owned(),
        }
    })
}
