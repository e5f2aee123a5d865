//! What an alert's pattern matched in its content, as text ranges to emphasise.
//!
//! The pattern is compiled by [`crate::text::regex`]; a pattern it does not evaluate
//! is searched for literally when it has no special characters, else nothing is
//! emphasised and a note says why. Either way the content is shown in full, as text.

use std::ops::Range;

use crate::text::regex::Regex;

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
        assert!(h.note.unwrap().contains("lookaround"));
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
    fn runs_ignore_bad_ranges() {
        assert_eq!(
            runs("abcdef", &[1..2, 0..1, 4..9, 3..3]),
            vec![("a".into(), false), ("b".into(), true), ("cdef".into(), false)]
        );
    }
}
