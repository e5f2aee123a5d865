//! The syntax tree: a boolean expression over `field:value` clauses.
//!
//! The tree is already normalised to plain boolean logic: Lucene's `+`/`-` prefixes and
//! juxtaposition rules are resolved by the parser (see the crate docs), so every consumer
//! (printer, validator, evaluator, UI) reads one simple shape.

use std::sync::Arc;

use crate::span::{Position, Span};

/// A parsed or built query. The empty query matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    root: Option<Expr>,
    ignored: Vec<Span>,
    mixed: Vec<MixedLevel>,
    /// The text it was parsed from, for line and column of diagnostics.
    source: Option<Arc<str>>,
}

/// One parenthesis level of typed text that joins clauses with both AND and OR (or
/// the implicit OR) and means something else when AND is read before OR: `a AND b OR
/// c`, which SPS reads as `a AND b` (`c` filters nothing), not `(a AND b) OR c`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MixedLevel {
    /// The level's text.
    pub span: Span,
    /// What it means as SPS reads it (the crate's reading).
    pub reading: Expr,
    /// Clauses of the level that filter nothing in that reading.
    pub ignored: Vec<Span>,
    /// What it would mean with AND before OR.
    pub and_first: Expr,
}

impl Query {
    /// The empty query (matches everything).
    pub fn empty() -> Self {
        Query::default()
    }

    pub(crate) fn parsed(root: Option<Expr>, ignored: Vec<Span>, mixed: Vec<MixedLevel>, source: &str) -> Self {
        Query { root, ignored, mixed, source: Some(Arc::from(source)) }
    }

    /// The expression, or `None` for the empty query.
    pub fn root(&self) -> Option<&Expr> {
        self.root.as_ref()
    }

    /// Takes the expression out.
    pub fn into_root(self) -> Option<Expr> {
        self.root
    }

    /// Whether the query has no clause at all.
    pub fn is_empty(&self) -> bool {
        self.root.is_none()
    }

    /// Clauses the user wrote that cannot change the result: plain clauses beside a
    /// `+required` one in the same list are optional in Lucene, hence ignored when
    /// filtering. [`crate::validate`] reports each as a warning.
    pub fn ignored_clauses(&self) -> &[Span] {
        &self.ignored
    }

    /// Levels of the typed text that mix AND and OR without parentheses where the
    /// reading matters; [`crate::validate`] warns about each.
    pub fn mixed_levels(&self) -> &[MixedLevel] {
        &self.mixed
    }

    /// The text the query was parsed from (`None` when built).
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Where `span` starts in the text the query was parsed from.
    pub fn position(&self, span: Span) -> Position {
        span.position(self.source().unwrap_or(""))
    }

    /// The same query with every span zeroed and nothing about its text (ignored
    /// clauses, mixed levels, source): compare two queries by the meaning of their
    /// structure rather than by where their text came from.
    pub fn without_spans(&self) -> Query {
        let mut root = self.root.clone();
        if let Some(expr) = root.as_mut() {
            expr.clear_spans();
        }
        Query { root, ..Query::default() }
    }
}

impl std::str::FromStr for Query {
    type Err = crate::error::ParseError;

    /// Same as [`crate::parse`].
    fn from_str(source: &str) -> Result<Self, Self::Err> {
        crate::parser::parse(source)
    }
}

impl From<Expr> for Query {
    fn from(expr: Expr) -> Self {
        Query { root: Some(expr), ..Query::default() }
    }
}

/// A boolean expression. Printed, a level never mixes AND and OR (see the crate docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// At least one operand matches (two or more operands).
    Or {
        /// The alternatives.
        operands: Vec<Expr>,
        /// Source text of the whole list.
        span: Span,
    },
    /// Every operand matches (two or more operands).
    And {
        /// The conditions.
        operands: Vec<Expr>,
        /// Source text of the whole list.
        span: Span,
    },
    /// The operand does not match.
    Not {
        /// The negated expression.
        operand: Box<Expr>,
        /// Source text including the `NOT`, `!` or `-`.
        span: Span,
    },
    /// One `field:value` or bare value.
    Clause(Clause),
}

impl Expr {
    /// The source text this node came from.
    pub fn span(&self) -> Span {
        match self {
            Expr::Or { span, .. } | Expr::And { span, .. } | Expr::Not { span, .. } => *span,
            Expr::Clause(clause) => clause.span,
        }
    }

    pub(crate) fn set_span(&mut self, new: Span) {
        match self {
            Expr::Or { span, .. } | Expr::And { span, .. } | Expr::Not { span, .. } => *span = new,
            Expr::Clause(clause) => clause.span = new,
        }
    }

    /// The same expression with spans cleared and nested ANDs in ANDs (ORs in ORs)
    /// merged: two expressions with equal normal forms mean the same.
    pub(crate) fn normalised(&self) -> Expr {
        let mut expr = self.clone();
        expr.clear_spans();
        expr.flatten()
    }

    fn flatten(self) -> Expr {
        let merge = |operands: Vec<Expr>, conjunction: bool| {
            let mut out = Vec::with_capacity(operands.len());
            for operand in operands.into_iter().map(Expr::flatten) {
                match operand {
                    Expr::And { operands, .. } if conjunction => out.extend(operands),
                    Expr::Or { operands, .. } if !conjunction => out.extend(operands),
                    other => out.push(other),
                }
            }
            out
        };
        match self {
            Expr::And { operands, span } => Expr::And { operands: merge(operands, true), span },
            Expr::Or { operands, span } => Expr::Or { operands: merge(operands, false), span },
            Expr::Not { operand, span } => Expr::Not { operand: Box::new(operand.flatten()), span },
            clause @ Expr::Clause(_) => clause,
        }
    }

    fn clear_spans(&mut self) {
        self.set_span(Span::default());
        match self {
            Expr::Or { operands, .. } | Expr::And { operands, .. } => operands.iter_mut().for_each(Expr::clear_spans),
            Expr::Not { operand, .. } => operand.clear_spans(),
            Expr::Clause(clause) => clause.clear_spans(),
        }
    }
}

/// A value tested against one field, or against the default fields when `field` is `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// The field, as written (aliases are resolved by the schema, not here).
    pub field: Option<FieldRef>,
    /// What the field is compared with.
    pub value: Value,
    /// Source text of the value alone.
    pub value_span: Span,
    /// Source text of the whole clause.
    pub span: Span,
}

impl Clause {
    fn clear_spans(&mut self) {
        self.span = Span::default();
        self.value_span = Span::default();
        if let Some(field) = self.field.as_mut() {
            field.span = Span::default();
        }
        if let Value::Range(range) = &mut self.value {
            range.comparison = None;
            for bound in [&mut range.lower, &mut range.upper] {
                if let Bound::Inclusive(end) | Bound::Exclusive(end) = bound {
                    end.span = Span::default();
                }
            }
        }
    }
}

/// A field name with its place in the text. For a value inside `field:(…)` the span is
/// the group's field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRef {
    /// The name, escapes removed (e.g. `user.gateway_username`).
    pub name: String,
    /// Where the name is written.
    pub span: Span,
}

/// The right-hand side of a clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A single literal word, escapes removed. Never contains a wildcard.
    Term(String),
    /// A quoted phrase, escapes removed. `*` and `?` inside are literal.
    Phrase(String),
    /// A word with at least one unescaped `*` or `?`.
    Wildcard(Pattern),
    /// `[a TO b]`, `{a TO b}`, mixed, `*` for an open end.
    Range(Range),
}

/// A wildcard pattern: literal text interleaved with `*` and `?`.
///
/// Keeping the parts apart makes the literal-versus-wildcard choice explicit: a literal
/// `*` is a `Literal("*")` part, a wildcard is `AnyChars`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<PatternPart>,
}

/// One piece of a [`Pattern`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternPart {
    /// Text matched as is (case-insensitively when evaluated).
    Literal(String),
    /// `*`: any run of characters, possibly empty.
    AnyChars,
    /// `?`: exactly one character.
    AnyChar,
}

impl Pattern {
    /// Builds a pattern, merging adjacent literals and dropping empty ones.
    pub fn from_parts(parts: impl IntoIterator<Item = PatternPart>) -> Self {
        let mut merged: Vec<PatternPart> = Vec::new();
        for part in parts {
            match (part, merged.last_mut()) {
                (PatternPart::Literal(text), _) if text.is_empty() => {}
                (PatternPart::Literal(text), Some(PatternPart::Literal(prev))) => prev.push_str(&text),
                (part, _) => merged.push(part),
            }
        }
        Pattern { parts: merged }
    }

    /// A pattern where every `*` and `?` in `glob` is a wildcard and everything else literal.
    pub fn glob(glob: &str) -> Self {
        Self::split(glob, false)
    }

    /// A pattern as query text writes it: `*` and `?` are wildcards and `\x` is the
    /// character `x` (a trailing `\`, which the lexer refuses, stands for itself).
    pub fn unescape(text: &str) -> Self {
        Self::split(text, true)
    }

    fn split(text: &str, escapes: bool) -> Self {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            let wild = match c {
                '\\' if escapes => {
                    literal.push(chars.next().unwrap_or('\\'));
                    continue;
                }
                '*' => PatternPart::AnyChars,
                '?' => PatternPart::AnyChar,
                _ => {
                    literal.push(c);
                    continue;
                }
            };
            parts.push(PatternPart::Literal(std::mem::take(&mut literal)));
            parts.push(wild);
        }
        parts.push(PatternPart::Literal(literal));
        Pattern::from_parts(parts)
    }

    /// The parts, normalised (no empty or adjacent literals).
    pub fn parts(&self) -> &[PatternPart] {
        &self.parts
    }

    /// Whether any part is `*` or `?`; a pattern without is just a literal term.
    pub fn has_wildcards(&self) -> bool {
        self.parts.iter().any(|p| !matches!(p, PatternPart::Literal(_)))
    }

    /// Whether the pattern is a lone `*` (`field:*` means "the field has a value").
    pub fn is_match_all(&self) -> bool {
        matches!(self.parts.as_slice(), [PatternPart::AnyChars])
    }

    /// The pattern as plain text, `*` and `?` for the wildcards (for messages).
    pub(crate) fn to_text(&self) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                PatternPart::Literal(text) => text.as_str(),
                PatternPart::AnyChars => "*",
                PatternPart::AnyChar => "?",
            })
            .collect()
    }

    /// The literal text when the pattern has no wildcard.
    pub(crate) fn into_literal(self) -> Result<String, Pattern> {
        match self.parts.as_slice() {
            [] => Ok(String::new()),
            [PatternPart::Literal(text)] => Ok(text.clone()),
            _ => Err(self),
        }
    }
}

/// A range of values; each end is open, inclusive or exclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Range {
    /// The lower end.
    pub lower: Bound,
    /// The upper end.
    pub upper: Bound,
    /// Where the `<`, `<=`, `>` or `>=` is when the range was written as a comparison
    /// (`duration:>10` is `{10 TO *]`); `None` for brackets and built ranges. Prints
    /// in bracket form either way.
    pub comparison: Option<Span>,
}

impl Range {
    /// `[lower TO upper]`-style, not written as a comparison.
    pub fn new(lower: Bound, upper: Bound) -> Self {
        Range { lower, upper, comparison: None }
    }

    /// The comparison operator this range stands for, when one end is open and the
    /// other is not: `>` for `{10 TO *]`, `<=` for `[* TO 10]`.
    pub fn comparison_operator(&self) -> Option<&'static str> {
        match (&self.lower, &self.upper) {
            (Bound::Unbounded, Bound::Inclusive(_)) => Some("<="),
            (Bound::Unbounded, Bound::Exclusive(_)) => Some("<"),
            (Bound::Inclusive(_), Bound::Unbounded) => Some(">="),
            (Bound::Exclusive(_), Bound::Unbounded) => Some(">"),
            _ => None,
        }
    }
}

/// One end of a [`Range`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bound {
    /// `*`: no limit on this side.
    Unbounded,
    /// `[a` or `b]`: the end value itself is in the range.
    Inclusive(Endpoint),
    /// `{a` or `b}`: the end value itself is not in the range.
    Exclusive(Endpoint),
}

impl Bound {
    /// The end value, unless unbounded.
    pub fn endpoint(&self) -> Option<&Endpoint> {
        match self {
            Bound::Unbounded => None,
            Bound::Inclusive(end) | Bound::Exclusive(end) => Some(end),
        }
    }

    /// Whether the end value itself belongs to the range (true for unbounded ends too).
    pub fn is_inclusive(&self) -> bool {
        !matches!(self, Bound::Exclusive(_))
    }
}

/// The value at one end of a range, as text: the schema decides whether it is a number
/// or a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The value, quotes and escapes removed.
    pub text: String,
    /// Where it is written.
    pub span: Span,
}
