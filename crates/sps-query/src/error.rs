//! Syntax errors: what went wrong, where, in words a person can act on.

use crate::span::Span;

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
}

impl ParseError {
    pub(crate) fn new(kind: ParseErrorKind, span: Span) -> Self {
        ParseError { kind, span }
    }
}

/// The kinds of syntax error. The `Display` text is the message to show.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// A `(` that is never closed.
    #[error("unclosed parenthesis opened at column {column}")]
    UnclosedParen {
        /// 1-based column of the `(`.
        column: usize,
    },
    /// A `)` with no `(` before it.
    #[error("`)` has no matching `(`")]
    UnmatchedCloseParen,
    /// `()` or `field:()`.
    #[error("empty parentheses: put a clause inside or remove them")]
    EmptyParens,
    /// A `"` that is never closed.
    #[error("unclosed quote opened at column {column}")]
    UnclosedQuote {
        /// 1-based column of the opening `"`.
        column: usize,
    },
    /// A `[` or `{` range that reaches the end of the query.
    #[error("range opened at column {column} is not closed: end it with `]` or `}}`")]
    UnclosedRange {
        /// 1-based column of the `[` or `{`.
        column: usize,
    },
    /// A range without `TO` between its ends.
    #[error("range needs TO between its ends, as in `[1 TO 5]`")]
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
