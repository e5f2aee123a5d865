//! Byte spans into the query text, and the line and column people read.

use std::fmt;

/// A byte range `start..end` into the query text a node or diagnostic came from.
///
/// Offsets are bytes (what Rust's `str` slicing uses); [`Span::column`] turns the start
/// into the 1-based character column people read in messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`, e.g. where something is missing.
    pub const fn at(offset: usize) -> Self {
        Span { start: offset, end: offset }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no text.
    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The text the span covers, or `""` when it does not fit `source`.
    pub fn text(self, source: &str) -> &str {
        source.get(self.start..self.end).unwrap_or("")
    }

    /// The 1-based character column of `start` in `source`, counted from the start of
    /// its line.
    pub fn column(self, source: &str) -> usize {
        self.position(source).column
    }

    /// Where `start` is in `source`: line and column, both 1-based, columns in characters.
    pub fn position(self, source: &str) -> Position {
        let prefix = source.get(..self.start).unwrap_or(source);
        let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: prefix.matches('\n').count() + 1,
            column: prefix[line_start..].chars().count() + 1,
            multiline: source.contains('\n'),
        }
    }
}

/// A place in the query text as people count it. Shown as `column 5`, or as
/// `line 2, column 5` when the query has several lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters, within the line.
    pub column: usize,
    /// Whether the query has more than one line (then the line is worth naming).
    pub multiline: bool,
}

impl Default for Position {
    fn default() -> Self {
        Position { line: 1, column: 1, multiline: false }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.multiline {
            write!(f, "line {}, column {}", self.line, self.column)
        } else {
            write!(f, "column {}", self.column)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let at = |source: &str, offset: usize| Span::at(offset).position(source).to_string();
        assert_eq!(at("protocol:ssh", 9), "column 10");
        assert_eq!(at("é:ü", 3), "column 3");
        assert_eq!(at("a AND\n  (b", 8), "line 2, column 3");
        assert_eq!(at("a\r\nb", 3), "line 2, column 1");
        assert_eq!(at("a\nb", 0), "line 1, column 1");
        assert_eq!(Span::at(99).position("ab"), Position { line: 1, column: 3, multiline: false });
    }
}
