//! Byte spans into the query text.

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

    /// The 1-based character column of `start` in `source`.
    pub fn column(self, source: &str) -> usize {
        let prefix = source.get(..self.start).unwrap_or(source);
        prefix.chars().count() + 1
    }
}
