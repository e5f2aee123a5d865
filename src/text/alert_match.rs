//! What an alert's pattern matched in its content, as text ranges to emphasise.
//!
//! The pattern is compiled by [`crate::text::regex`]; a pattern it does not evaluate
//! is searched for literally when it has no special characters, else nothing is
//! emphasised and a note says why. Either way the content is shown in full, as text.

use std::ops::Range;

use crate::text::regex::Regex;
use crate::text::safe::{limited, Piece};

/// Longest text searched (characters beyond it are shown, not searched).
pub const MAX_SEARCHED_BYTES: usize = 64 * 1024;

/// A text cut into plain and matched runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// The runs, in order; `true` marks a match. Together they are the whole text.
    pub runs: Vec<(String, bool)>,
    /// Why nothing (or not everything) is emphasised, when that needs saying.
    pub note: Option<String>,
}

/// The byte ranges `pattern` matches in `text`, and a note when it could not be evaluated.
pub fn matched_ranges(text: &str, pattern: &str) -> (Vec<Range<usize>>, Option<String>) {
    if pattern.is_empty() {
        return (Vec::new(), None);
    }
    let mut cut = text.len().min(MAX_SEARCHED_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let searched = &text[..cut];
    match Regex::new(pattern) {
        Ok(re) => {
            let ranges = re.find_all(searched);
            let note = ranges.is_empty().then(|| "The rule's pattern does not match this text as recorded.".to_owned());
            (ranges, note)
        }
        Err(_) if !pattern.chars().any(|c| "\\^$.|?*+()[]{}".contains(c)) => {
            // Safety net: a pattern without special characters is its own text.
            (searched.match_indices(pattern).map(|(i, m)| i..i + m.len()).collect(), None)
        }
        Err(e) => (Vec::new(), Some(format!("The rule's pattern {e}; nothing is highlighted."))),
    }
}

/// `text` as runs, the parts `pattern` matches marked.
pub fn highlight(text: &str, pattern: Option<&str>) -> Highlight {
    let (ranges, note) = pattern.map_or((Vec::new(), None), |p| matched_ranges(text, p));
    Highlight { runs: runs(text, &ranges), note }
}

/// Cuts `text` at `ranges` (sorted, non-overlapping, on char boundaries).
pub fn runs(text: &str, ranges: &[Range<usize>]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end > text.len() || r.start >= r.end {
            continue;
        }
        if r.start > at {
            out.push((text[at..r.start].to_owned(), false));
        }
        out.push((text[r.clone()].to_owned(), true));
        at = r.end;
    }
    if at < text.len() {
        out.push((text[at..].to_owned(), false));
    }
    out
}

/// A text cut into plain and marked runs of safe pieces, limited in length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedText {
    /// The shown runs: their safe pieces, and `true` for a marked one.
    pub runs: Vec<(Vec<Piece>, bool)>,
    /// How many characters were left out at the end.
    pub hidden_chars: usize,
}

/// `text` with `ranges` marked, as safe pieces (see [`crate::text::safe`]), cut after
/// about `max_chars` characters as [`limited`] cuts (an escape sequence within a run
/// is never split).
pub fn limited_runs(text: &str, ranges: &[Range<usize>], max_chars: usize) -> MarkedText {
    let mut remaining = max_chars;
    let mut hidden_chars = 0;
    let mut out = Vec::new();
    for (run, marked) in runs(text, ranges) {
        let chars = run.chars().count();
        if remaining == 0 {
            hidden_chars += chars;
            continue;
        }
        let cut = limited(&run, remaining);
        remaining = remaining.saturating_sub(chars - cut.hidden_chars);
        hidden_chars += cut.hidden_chars;
        out.push((cut.pieces, marked));
    }
    MarkedText { runs: out, hidden_chars }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_and_the_text_is_whole() {
        let h = highlight("[myuser@examplehost ~]$ man man", Some("man"));
        assert_eq!(
            h.runs,
            vec![
                ("[myuser@examplehost ~]$ ".to_owned(), false),
                ("man".to_owned(), true),
                (" ".to_owned(), false),
                ("man".to_owned(), true)
            ]
        );
        assert_eq!(h.note, None);
        let joined: String = h.runs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(joined, "[myuser@examplehost ~]$ man man");
    }

    #[test]
    fn patterns_not_evaluated_leave_a_note() {
        let h = highlight("echo secret", Some("(?<=echo )\\w+"));
        assert_eq!(h.runs, vec![("echo secret".to_owned(), false)]);
        assert!(h.note.unwrap().contains("look-around"));
        let h = highlight("abc", Some("x"));
        assert!(h.note.unwrap().contains("does not match"));
        assert_eq!(highlight("abc", None), Highlight { runs: vec![("abc".into(), false)], note: None });
        assert_eq!(highlight("", Some("a")).runs, vec![]);
    }

    #[test]
    fn hostile_content_is_cut_on_char_boundaries() {
        let text = format!("{}é<script>", "x".repeat(MAX_SEARCHED_BYTES - 1));
        let (ranges, _) = matched_ranges(&text, "<script");
        assert!(ranges.is_empty(), "beyond the searched part");
        let h = highlight("a\u{202e}<img onerror=alert(1)>", Some("onerror="));
        assert_eq!(h.runs[1], ("onerror=".to_owned(), true));
    }

    #[test]
    fn marked_runs_are_safe_pieces_cut_at_the_limit() {
        let text = "a\u{1b}[31msudo\u{202e} rm -rf /";
        let m = limited_runs(text, &[6..10, 14..16], 12);
        let shown: Vec<(String, bool)> = m
            .runs
            .iter()
            .map(|(pieces, marked)| {
                let t = pieces.iter().map(|p| match p {
                    Piece::Text(t) => t.clone(),
                    Piece::Marker { shown, .. } => shown.clone(),
                });
                (t.collect(), *marked)
            })
            .collect();
        assert_eq!(shown, [("a⟨ESC⟩[31m".to_owned(), false), ("sudo".to_owned(), true), ("⟨RLO⟩ ".to_owned(), false)]);
        assert_eq!(m.hidden_chars, text.chars().count() - 12);
        let all = limited_runs(text, &[], usize::MAX);
        assert_eq!((all.runs.len(), all.hidden_chars), (1, 0));
    }

    #[test]
    fn runs_ignore_bad_ranges() {
        assert_eq!(
            runs("abcdef", &[1..2, 0..1, 4..9, 3..3]),
            vec![("a".into(), false), ("b".into(), true), ("cdef".into(), false)]
        );
    }
}
