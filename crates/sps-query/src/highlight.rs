//! Syntax colouring: what each piece of the query text is, for editors that draw the
//! text themselves (the dashboard's composer paints it behind a transparent input).
//!
//! Works on any text, parsable or not: it reads the same tokens as the parser, so the
//! colours always agree with what the query means, and a half-typed query is still
//! coloured up to and past its mistake.

use crate::ast::Pattern;
use crate::error::ParseErrorKind;
use crate::lexer::{tokenize, Token, TokenKind};
use crate::span::Span;

/// What a piece of query text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenClass {
    /// A field name (the word before `:`).
    Field,
    /// The `:` after a field name.
    Colon,
    /// A literal word: a value, a range end or a free-text word.
    Term,
    /// A quoted phrase (also one still being typed, without its closing quote).
    Phrase,
    /// A word with an unescaped `*` or `?`.
    Wildcard,
    /// The brackets, `TO` and open `*` ends of a range, and the `<`, `<=`, `>`, `>=` of
    /// a comparison.
    Range,
    /// `AND`, `OR`, `NOT`, `&&`, `||`, `!` and the `+`/`-` prefixes.
    Operator,
    /// `(` or `)`.
    Paren,
    /// Text the language cannot read at all: a stray `]`, `^`, `~`, `/`, a trailing `\`.
    Invalid,
}

/// One coloured piece of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Highlight {
    /// What it is.
    pub class: TokenClass,
    /// Where it is; pieces are in text order and never overlap. Whitespace between
    /// them is not covered.
    pub span: Span,
}

/// Colours `source`.
///
/// ```
/// use sps_query::{highlight, TokenClass};
/// let classes: Vec<TokenClass> = highlight("protocol:ssh AND user:adm*").iter().map(|h| h.class).collect();
/// assert_eq!(classes, [
///     TokenClass::Field, TokenClass::Colon, TokenClass::Term, TokenClass::Operator,
///     TokenClass::Field, TokenClass::Colon, TokenClass::Wildcard,
/// ]);
/// ```
pub fn highlight(source: &str) -> Vec<Highlight> {
    let tokens = tokenize(source);
    let mut out = Vec::with_capacity(tokens.len() + 4);
    for (i, token) in tokens.iter().enumerate() {
        let next_is_colon = tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Colon);
        colour(source, token, next_is_colon, &mut out);
    }
    out
}

fn colour(source: &str, token: &Token, next_is_colon: bool, out: &mut Vec<Highlight>) {
    let mut push = |class, span| push_piece(out, class, span);
    let class = match &token.kind {
        TokenKind::LParen | TokenKind::RParen => TokenClass::Paren,
        TokenKind::Colon => TokenClass::Colon,
        TokenKind::And | TokenKind::Or | TokenKind::Not | TokenKind::Plus | TokenKind::Minus => TokenClass::Operator,
        TokenKind::Word if next_is_colon => TokenClass::Field,
        TokenKind::Word if Pattern::unescape(token.span.text(source)).has_wildcards() => TokenClass::Wildcard,
        TokenKind::Word => TokenClass::Term,
        TokenKind::Phrase(_) => TokenClass::Phrase,
        TokenKind::Range(range) => {
            let ends = [&range.lower, &range.upper].into_iter().filter_map(|b| b.endpoint()).map(|e| e.span);
            return range_pieces(source, token.span, ends, out);
        }
        TokenKind::Error(kind, at) => match (source[token.span.start..].chars().next(), kind) {
            (Some('"'), _) => TokenClass::Phrase,
            // A comparison still being typed: its operator, then an open phrase.
            (Some('<' | '>'), ParseErrorKind::ComparisonNeedsValue { .. }) => TokenClass::Range,
            (Some('<' | '>'), ParseErrorKind::UnclosedQuote { .. }) => {
                push(TokenClass::Range, Span::new(token.span.start, at.start));
                push(TokenClass::Phrase, Span::new(at.start, token.span.end));
                return;
            }
            (Some('[' | '{'), _) => TokenClass::Range,
            (_, ParseErrorKind::TrailingBackslash) => {
                push(TokenClass::Term, Span::new(token.span.start, at.start));
                push(TokenClass::Invalid, *at);
                return;
            }
            _ => TokenClass::Invalid,
        },
    };
    push(class, token.span);
}

/// A range as its syntax (brackets, `TO`, `*`) around its end values.
fn range_pieces(source: &str, whole: Span, ends: impl Iterator<Item = Span>, out: &mut Vec<Highlight>) {
    let mut at = whole.start;
    for end in ends {
        push_piece(out, TokenClass::Range, Span::new(at, end.start));
        let quoted = end.text(source).starts_with('"');
        push_piece(out, if quoted { TokenClass::Phrase } else { TokenClass::Term }, end);
        at = end.end;
    }
    push_piece(out, TokenClass::Range, Span::new(at, whole.end));
}

fn push_piece(out: &mut Vec<Highlight>, class: TokenClass, span: Span) {
    if !span.is_empty() {
        out.push(Highlight { class, span });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(source: &str) -> Vec<(TokenClass, &str)> {
        highlight(source).into_iter().map(|h| (h.class, h.span.text(source))).collect()
    }

    #[test]
    fn fields_values_and_operators() {
        use TokenClass::*;
        assert_eq!(
            pieces(r#"(protocol:ssh OR -verdict:"DENY") && !a\:b"#),
            [
                (Paren, "("),
                (Field, "protocol"),
                (Colon, ":"),
                (Term, "ssh"),
                (Operator, "OR"),
                (Operator, "-"),
                (Field, "verdict"),
                (Colon, ":"),
                (Phrase, "\"DENY\""),
                (Paren, ")"),
                (Operator, "&&"),
                (Operator, "!"),
                (Term, r"a\:b"),
            ]
        );
        assert_eq!(
            pieces("type:(command OR file*)")[3..],
            [(Term, "command"), (Operator, "OR"), (Wildcard, "file*"), (Paren, ")")]
        );
    }

    #[test]
    fn ranges_split_into_syntax_and_ends() {
        use TokenClass::*;
        assert_eq!(
            pieces(r#"duration:[5 TO *} start_time:{"2017-01-01" TO 2018]"#)[2..],
            [
                (Range, "["),
                (Term, "5"),
                (Range, " TO *}"),
                (Field, "start_time"),
                (Colon, ":"),
                (Range, "{"),
                (Phrase, "\"2017-01-01\""),
                (Range, " TO "),
                (Term, "2018"),
                (Range, "]"),
            ]
        );
    }

    #[test]
    fn comparisons_are_range_syntax_then_their_value() {
        use TokenClass::*;
        assert_eq!(pieces("duration:>=10")[2..], [(Range, ">="), (Term, "10")]);
        assert_eq!(pieces(r#"x:<"200""#)[2..], [(Range, "<"), (Phrase, "\"200\"")]);
        assert_eq!(pieces("start_time:<2017-01-25T10:00:00Z")[2..], [(Range, "<"), (Term, "2017-01-25T10:00:00Z")]);
        assert_eq!(pieces("x:> a")[2..], [(Range, ">"), (Term, "a")]);
        assert_eq!(pieces(r#"x:>"ab"#)[2..], [(Range, ">"), (Phrase, "\"ab")]);
        assert_eq!(pieces("a<b <c*"), [(Term, "a<b"), (Wildcard, "<c*")]);
    }

    #[test]
    fn a_date_time_is_one_term() {
        use TokenClass::*;
        assert_eq!(
            pieces("start_time:2017-01-25T10:00:00.5+01:00"),
            [(Field, "start_time"), (Colon, ":"), (Term, "2017-01-25T10:00:00.5+01:00")]
        );
    }

    #[test]
    fn broken_text_is_still_coloured() {
        use TokenClass::*;
        assert_eq!(pieces(r#"a:"open phrase"#), [(Field, "a"), (Colon, ":"), (Phrase, "\"open phrase")]);
        assert_eq!(pieces("d:[1 TO"), [(Field, "d"), (Colon, ":"), (Range, "[1 TO")]);
        assert_eq!(pieces(r"x^2 ab\"), [(Term, "x"), (Invalid, "^"), (Term, "2"), (Term, "ab"), (Invalid, "\\")]);
        assert_eq!(pieces("a ] b"), [(Term, "a"), (Invalid, "]"), (Term, "b")]);
    }

    #[test]
    fn pieces_are_ordered_and_disjoint_on_char_boundaries() {
        for source in ["é:ü AND [ä TO ö]", "a\\", "\"", "[", "{a TO", "((", "NOT -+!x", "ü*:a"] {
            let mut last = 0;
            for h in highlight(source) {
                assert!(h.span.start >= last && h.span.end >= h.span.start, "{source}: {h:?}");
                assert!(
                    source.is_char_boundary(h.span.start) && source.is_char_boundary(h.span.end),
                    "{source}: {h:?}"
                );
                last = h.span.end;
            }
            assert!(last <= source.len());
        }
    }
}
