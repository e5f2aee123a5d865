//! Syntax errors: what went wrong, where, in words a person can act on.

use crate::escape::{escape_value, phrase};
use crate::span::{Position, Span};

/// A syntax error: the query cannot be parsed.
///
/// The parser stops at the first error, so there is at most one per query.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct ParseError {
    /// What is wrong.
    pub kind: ParseErrorKind,
    /// Where: the offending text, or an empty span where something is missing.
    pub span: Span,
    /// Where the span starts, as line and column.
    pub position: Position,
}

impl ParseError {
    /// An error at `span`; [`ParseError::located`] fills in the position.
    pub(crate) fn new(kind: ParseErrorKind, span: Span) -> Self {
        ParseError { kind, span, position: Position::default() }
    }

    pub(crate) fn located(mut self, source: &str) -> Self {
        self.position = self.span.position(source);
        self
    }
}

/// The kinds of syntax error. The `Display` text is the message to show.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// A `(` that is never closed.
    #[error("unclosed parenthesis opened at {at}")]
    UnclosedParen {
        /// Where the `(` is.
        at: Position,
    },
    /// A `)` with no `(` before it.
    #[error("`)` has no matching `(`")]
    UnmatchedCloseParen,
    /// `()` or `field:()`.
    #[error("empty parentheses: put a clause inside or remove them")]
    EmptyParens,
    /// A `"` that is never closed.
    #[error("unclosed quote opened at {at}")]
    UnclosedQuote {
        /// Where the opening `"` is.
        at: Position,
    },
    /// A `[` or `{` range that reaches the end of the query.
    #[error("range opened at {at} is not closed: end it with `]` or `}}`")]
    UnclosedRange {
        /// Where the `[` or `{` is.
        at: Position,
    },
    /// A range without `TO` between its ends.
    #[error("range needs TO between its ends, as in `duration:[1 TO 5]`")]
    RangeNeedsTo,
    /// `[TO 5]`.
    #[error("range needs a lower end before TO (write `*` for none)")]
    RangeMissingLower,
    /// `[1 TO]`.
    #[error("range needs an upper end after TO (write `*` for none)")]
    RangeMissingUpper,
    /// `[1 TO 5 7]`.
    #[error("expected `]` or `}}` to close the range")]
    RangeExpectedClose,
    /// A `]` or `}` outside a range.
    #[error("`{bracket}` closes a range that was never opened; write `\\{bracket}` to search for it")]
    UnmatchedRangeClose {
        /// The bracket found.
        bracket: char,
    },
    /// `AND b`, `OR b`.
    #[error("{operator} needs a clause before it")]
    MissingLeftOperand {
        /// The operator as written.
        operator: String,
    },
    /// `a AND`, `NOT`, `a -`.
    #[error("{operator} needs a clause after it")]
    MissingRightOperand {
        /// The operator as written.
        operator: String,
    },
    /// `protocol:` followed by nothing usable.
    #[error("`{field}:` needs a value")]
    MissingValue {
        /// The field name.
        field: String,
    },
    /// `protocol:AND`.
    #[error("`{operator}` is an operator; write `\\{operator}` or quote it to search for the word")]
    OperatorAsValue {
        /// The operator as written.
        operator: String,
    },
    /// A `:` with no field name before it.
    #[error("`:` must follow a field name; write `\\:` to search for a colon")]
    MissingField,
    /// `type:(a other:b)`.
    #[error("field `{field}` inside the group of `{group}`: a field group takes values only")]
    NestedField {
        /// The inner field.
        field: String,
        /// The field of the enclosing group.
        group: String,
    },
    /// `a:b:c`: a value that is itself `field:value`.
    #[error(
        "nested fields are not supported: `{field}:{value}` — quote or escape the value: `{}` or `{}`",
        nested_fields_examples(.field, .value)[0],
        nested_fields_examples(.field, .value)[1]
    )]
    NestedFields {
        /// The field before the first `:`.
        field: String,
        /// Everything after it, as one value (`b:c`).
        value: String,
    },
    /// `duration:>` with nothing to compare with.
    #[error("`{operator}` needs a value to compare with, as in `duration:{operator}10`; to search for the text, quote it: `{}`", phrase(.operator))]
    ComparisonNeedsValue {
        /// `<`, `<=`, `>` or `>=`.
        operator: String,
    },
    /// `\>10`: SPS's search reads a leading `<` or `>` as a comparison even when escaped.
    #[error("a backslash does not stop `{}` from comparing at the start of a value; quote the value: `{}`", .value.chars().next().unwrap_or('<'), phrase(.value))]
    EscapedComparison {
        /// The value, escapes removed (`>10`).
        value: String,
    },
    /// `user.*:alice`.
    #[error("field names cannot contain wildcards; write `\\*` or `\\?` for the character")]
    WildcardInField,
    /// A `\` at the very end.
    #[error("a backslash at the end escapes nothing; write `\\\\` for a backslash")]
    TrailingBackslash,
    /// Lucene syntax SPS's language does not offer here: `^` boosts, `~` fuzziness, `/regex/`.
    #[error("{feature} is not supported; write `\\{character}` to search for `{character}`")]
    Unsupported {
        /// The character that starts the unsupported syntax.
        character: char,
        /// What it would mean in Lucene.
        feature: &'static str,
    },
    /// Parentheses or prefixes nested beyond [`crate::MAX_DEPTH`].
    #[error("the query nests deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
}

impl ParseErrorKind {
    /// The query texts the message suggests writing instead, each of which parses.
    pub fn examples(&self) -> Vec<String> {
        match self {
            ParseErrorKind::NestedFields { field, value } => nested_fields_examples(field, value).to_vec(),
            ParseErrorKind::ComparisonNeedsValue { operator } => {
                vec![format!("duration:{operator}10"), phrase(operator)]
            }
            ParseErrorKind::EscapedComparison { value } => vec![phrase(value)],
            ParseErrorKind::UnmatchedRangeClose { bracket } => vec![format!("\\{bracket}")],
            ParseErrorKind::OperatorAsValue { operator } => vec![format!("\\{operator}")],
            ParseErrorKind::MissingField => vec!["\\:".to_owned()],
            ParseErrorKind::TrailingBackslash => vec!["\\\\".to_owned()],
            ParseErrorKind::Unsupported { character, .. } => vec![format!("\\{character}")],
            ParseErrorKind::RangeNeedsTo => vec!["duration:[1 TO 5]".to_owned()],
            _ => Vec::new(),
        }
    }
}

/// `field:"value"` and `field:escaped\:value`, the two ways to write a value with a colon.
fn nested_fields_examples(field: &str, value: &str) -> [String; 2] {
    let field = crate::escape::field_name(field);
    [format!("{field}:{}", phrase(value)), format!("{field}:{}", escape_value(value))]
}
