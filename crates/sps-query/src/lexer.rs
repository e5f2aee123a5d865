//! Splits query text into tokens. Never fails: problems become [`TokenKind::Error`]
//! tokens, so the parser reports the first one it reaches and completion can read past
//! them.

use crate::ast::{Bound, Endpoint, Range};
use crate::error::ParseErrorKind;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TokenKind {
    LParen,
    RParen,
    Colon,
    /// `AND` or `&&`.
    And,
    /// `OR` or `||`.
    Or,
    /// `NOT` or `!`.
    Not,
    /// `+` at the start of a clause.
    Plus,
    /// `-` at the start of a clause.
    Minus,
    /// A bare word; its text (with escapes) is the token's span.
    Word,
    /// A closed `"…"`, escapes removed.
    Phrase(String),
    /// A whole `[a TO b]`-style range.
    Range(Range),
    /// A lexical problem and the text to blame (which may be narrower than the token).
    Error(ParseErrorKind, Span),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// Characters that end a word (besides whitespace). `+` and `-` end nothing: they are
/// operators only where a word would start.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | ':' | '"' | '[' | ']' | '{' | '}' | '^' | '~' | '/' | '!')
}

pub(crate) fn tokenize(src: &str) -> Vec<Token> {
    let mut lexer = Lexer { src, pos: 0 };
    let mut tokens = Vec::new();
    while let Some(token) = lexer.next_token() {
        tokens.push(token);
    }
    tokens
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn column(&self, offset: usize) -> usize {
        Span::at(offset).column(self.src)
    }

    fn next_token(&mut self) -> Option<Token> {
        self.skip_whitespace();
        let start = self.pos;
        let c = self.bump()?;
        let kind = match c {
            '(' => TokenKind::LParen,
            ')' => TokenKind::RParen,
            ':' => TokenKind::Colon,
            '!' => TokenKind::Not,
            '+' => TokenKind::Plus,
            '-' => TokenKind::Minus,
            '"' => self.phrase(start),
            '[' | '{' => self.range(start, c == '['),
            ']' | '}' => error(ParseErrorKind::UnmatchedRangeClose { bracket: c }, Span::new(start, self.pos)),
            '^' => unsupported(c, "boosting (`^`)", start),
            '~' => unsupported(c, "fuzzy and proximity search (`~`)", start),
            '/' => unsupported(c, "a regular expression (`/…/`)", start),
            _ => self.word(start, c),
        };
        Some(Token { kind, span: Span::new(start, self.pos) })
    }

    /// A word: everything up to whitespace or a syntax character, `\x` escapes included.
    fn word(&mut self, start: usize, first: char) -> TokenKind {
        let mut escaping = first == '\\';
        while let Some(c) = self.peek() {
            if escaping {
                escaping = false;
            } else if c == '\\' {
                escaping = true;
            } else if ends_word(c) {
                break;
            }
            self.bump();
        }
        if escaping {
            return error(ParseErrorKind::TrailingBackslash, Span::new(self.pos - 1, self.pos));
        }
        match &self.src[start..self.pos] {
            "AND" | "&&" => TokenKind::And,
            "OR" | "||" => TokenKind::Or,
            "NOT" => TokenKind::Not,
            _ => TokenKind::Word,
        }
    }

    /// A phrase after its opening quote.
    fn phrase(&mut self, start: usize) -> TokenKind {
        match self.quoted() {
            Some(text) => TokenKind::Phrase(text),
            None => error(ParseErrorKind::UnclosedQuote { column: self.column(start) }, Span::new(start, start + 1)),
        }
    }

    /// Text up to the closing quote, escapes removed; `None` if the quote never closes.
    fn quoted(&mut self) -> Option<String> {
        let mut text = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(text),
                '\\' => text.push(self.bump()?),
                c => text.push(c),
            }
        }
    }

    /// A range after its opening bracket: up to three items (`a`, `TO`, `b`), then `]`/`}`.
    fn range(&mut self, start: usize, lower_inclusive: bool) -> TokenKind {
        let mut items: Vec<RangeItem> = Vec::new();
        let (upper_inclusive, close) = loop {
            self.skip_whitespace();
            let item_start = self.pos;
            match self.peek() {
                None => {
                    let column = self.column(start);
                    return error(ParseErrorKind::UnclosedRange { column }, Span::new(start, start + 1));
                }
                Some(bracket @ (']' | '}')) => {
                    self.bump();
                    break (bracket == ']', Span::new(item_start, self.pos));
                }
                Some('"') => {
                    self.bump();
                    let Some(text) = self.quoted() else {
                        let column = self.column(item_start);
                        return error(ParseErrorKind::UnclosedQuote { column }, Span::new(item_start, item_start + 1));
                    };
                    items.push(RangeItem { text, bare: false, span: Span::new(item_start, self.pos) });
                }
                Some(_) => {
                    let Some(text) = self.range_goop() else {
                        return error(ParseErrorKind::TrailingBackslash, Span::new(self.pos - 1, self.pos));
                    };
                    items.push(RangeItem { text, bare: true, span: Span::new(item_start, self.pos) });
                }
            }
            if let Some(extra) = items.get(3) {
                return error(ParseErrorKind::RangeExpectedClose, extra.span);
            }
        };
        let is_to = |item: &RangeItem| item.bare && item.text == "TO";
        match items.as_slice() {
            [lower, to, upper] if is_to(to) => TokenKind::Range(Range {
                lower: bound(lower, lower_inclusive),
                upper: bound(upper, upper_inclusive),
            }),
            [to, ..] if is_to(to) => error(ParseErrorKind::RangeMissingLower, to.span),
            [_, to] if is_to(to) => error(ParseErrorKind::RangeMissingUpper, to.span),
            [_, not_to, ..] => error(ParseErrorKind::RangeNeedsTo, not_to.span),
            [] | [_] => error(ParseErrorKind::RangeNeedsTo, close),
        }
    }

    /// An unquoted range end: anything up to whitespace, `]` or `}`, with `\x` escapes.
    /// `None` on a trailing backslash.
    fn range_goop(&mut self) -> Option<String> {
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || c == ']' || c == '}' {
                break;
            }
            self.bump();
            if c == '\\' {
                text.push(self.bump()?);
            } else {
                text.push(c);
            }
        }
        Some(text)
    }
}

struct RangeItem {
    text: String,
    /// Unquoted: `*` and `TO` are syntax only when bare.
    bare: bool,
    span: Span,
}

fn bound(item: &RangeItem, inclusive: bool) -> Bound {
    if item.bare && item.text == "*" {
        return Bound::Unbounded;
    }
    let end = Endpoint { text: item.text.clone(), span: item.span };
    if inclusive {
        Bound::Inclusive(end)
    } else {
        Bound::Exclusive(end)
    }
}

fn unsupported(character: char, feature: &'static str, at: usize) -> TokenKind {
    error(ParseErrorKind::Unsupported { character, feature }, Span::new(at, at + 1))
}

fn error(kind: ParseErrorKind, at: Span) -> TokenKind {
    TokenKind::Error(kind, at)
}

