//! Splits query text into tokens. Never fails: problems become [`TokenKind::Error`]
//! tokens, so the parser reports the first one it reaches and completion can read past
//! them.

use crate::ast::{Bound, Endpoint, Pattern, Range};
use crate::error::ParseErrorKind;
use crate::span::{Position, Span};

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
    /// A bare word; its text (with escapes) is the token's span. An ISO 8601 date-time
    /// (`2017-01-25T10:00:00Z`) is one word, colons included.
    Word,
    /// A closed `"…"`, escapes removed.
    Phrase(String),
    /// A whole `[a TO b]`-style range, or a comparison (`>10`, `<="x"`) as the range
    /// it means ([`Range::comparison`] set).
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

    fn position(&self, offset: usize) -> Position {
        Span::at(offset).position(self.src)
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
            '<' | '>' => self.comparison(start),
            _ => match date_time_len(&self.src[start..]) {
                Some(len) => {
                    self.pos = start + len;
                    TokenKind::Word
                }
                None => self.word(start, c),
            },
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
            None => error(ParseErrorKind::UnclosedQuote { at: self.position(start) }, Span::new(start, start + 1)),
        }
    }

    /// After a `<` or `>` that starts a token: the comparison it makes with the value
    /// right after it (a word, a phrase or a date-time), as Elasticsearch reads
    /// `field:>10`. A word with wildcards stays a wildcard word (`<a*`), as there.
    fn comparison(&mut self, start: usize) -> TokenKind {
        if self.peek() == Some('=') {
            self.bump();
        }
        let operator = Span::new(start, self.pos);
        let value_start = self.pos;
        let text = match self.peek() {
            Some('"') => {
                self.bump();
                match self.quoted() {
                    Some(text) => text,
                    None => {
                        let at = self.position(value_start);
                        return error(ParseErrorKind::UnclosedQuote { at }, Span::new(value_start, value_start + 1));
                    }
                }
            }
            Some(c) if !ends_word(c) => match date_time_len(&self.src[value_start..]) {
                Some(len) => {
                    self.pos = value_start + len;
                    self.src[value_start..self.pos].to_owned()
                }
                None => {
                    self.bump();
                    if let kind @ TokenKind::Error(..) = self.word(value_start, c) {
                        return kind;
                    }
                    match Pattern::unescape(&self.src[value_start..self.pos]).into_literal() {
                        Ok(text) => text,
                        Err(_) => return TokenKind::Word,
                    }
                }
            },
            _ => {
                let operator_text = operator.text(self.src).to_owned();
                return error(ParseErrorKind::ComparisonNeedsValue { operator: operator_text }, operator);
            }
        };
        let end = Endpoint { text, span: Span::new(value_start, self.pos) };
        let (lower, upper) = match operator.text(self.src) {
            ">" => (Bound::Exclusive(end), Bound::Unbounded),
            ">=" => (Bound::Inclusive(end), Bound::Unbounded),
            "<" => (Bound::Unbounded, Bound::Exclusive(end)),
            _ => (Bound::Unbounded, Bound::Inclusive(end)),
        };
        TokenKind::Range(Range { lower, upper, comparison: Some(operator) })
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
                    let at = self.position(start);
                    return error(ParseErrorKind::UnclosedRange { at }, Span::new(start, start + 1));
                }
                Some(bracket @ (']' | '}')) => {
                    self.bump();
                    break (bracket == ']', Span::new(item_start, self.pos));
                }
                Some('"') => {
                    self.bump();
                    let Some(text) = self.quoted() else {
                        let at = self.position(item_start);
                        return error(ParseErrorKind::UnclosedQuote { at }, Span::new(item_start, item_start + 1));
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
            [lower, to, upper] if is_to(to) => {
                TokenKind::Range(Range::new(bound(lower, lower_inclusive), bound(upper, upper_inclusive)))
            }
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

/// The length of the ISO 8601 date-time at the start of `text`, when one is there and
/// ends the word: `YYYY-MM-DDThh:mm`, optional `:ss`, fraction and zone (`Z`, `±hh`,
/// `±hhmm`, `±hh:mm`). Only the shape is checked; the validator checks the values.
pub(crate) fn date_time_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let digits = |pos: &mut usize, count: usize| {
        let ok = bytes.get(*pos..*pos + count).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        *pos += count;
        ok
    };
    let eat = |pos: &mut usize, byte: u8| {
        let found = bytes.get(*pos) == Some(&byte);
        *pos += usize::from(found);
        found
    };
    let date_and_minutes = digits(&mut pos, 4)
        && eat(&mut pos, b'-')
        && digits(&mut pos, 2)
        && eat(&mut pos, b'-')
        && digits(&mut pos, 2)
        && eat(&mut pos, b'T')
        && digits(&mut pos, 2)
        && eat(&mut pos, b':')
        && digits(&mut pos, 2);
    if !date_and_minutes {
        return None;
    }
    let mut mark = pos;
    if eat(&mut pos, b':') && digits(&mut pos, 2) {
        mark = pos;
        if (eat(&mut pos, b'.') || eat(&mut pos, b',')) && bytes.get(pos).is_some_and(u8::is_ascii_digit) {
            while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
            mark = pos;
        }
    }
    pos = mark;
    if eat(&mut pos, b'Z') {
        mark = pos;
    } else if (eat(&mut pos, b'+') || eat(&mut pos, b'-')) && digits(&mut pos, 2) {
        mark = pos;
        let colon = eat(&mut pos, b':');
        if digits(&mut pos, 2) {
            mark = pos;
        } else if colon {
            return None;
        }
    }
    let ends = text[mark..].chars().next().is_none_or(|c| c.is_whitespace() || matches!(c, '(' | ')'));
    ends.then_some(mark)
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
