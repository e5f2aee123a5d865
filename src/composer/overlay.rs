//! The coloured overlay behind the query input: the text cut into segments, each with
//! its token class and the worst diagnostic covering it, plus the diagnostics as
//! readable lines.
//!
//! Segments cover the whole text in order, so the overlay renders them as plain text
//! nodes and lines up character for character with the input above it.

use sps_query::{check, highlight, Diagnostic, Position, Schema, Severity, Span, TokenClass};

/// A run of text drawn one way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Where it is in the text.
    pub span: Span,
    /// What it is, `None` for whitespace between tokens.
    pub class: Option<TokenClass>,
    /// The most serious diagnostic over it, if any.
    pub severity: Option<Severity>,
}

impl Segment {
    /// The CSS classes: `hl-<token>` and `hl-error`/`hl-warning`/`hl-info`.
    pub fn css_class(&self) -> String {
        let token = self.class.map(token_css);
        let mark = self.severity.map(|s| match s {
            Severity::Error => "hl-error",
            Severity::Warning => "hl-warning",
            Severity::Info => "hl-info",
        });
        token.into_iter().chain(mark).collect::<Vec<_>>().join(" ")
    }
}

fn token_css(class: TokenClass) -> &'static str {
    match class {
        TokenClass::Field => "hl-field",
        TokenClass::Colon => "hl-colon",
        TokenClass::Term => "hl-term",
        TokenClass::Phrase => "hl-phrase",
        TokenClass::Wildcard => "hl-wildcard",
        TokenClass::Range => "hl-range",
        TokenClass::Operator => "hl-operator",
        TokenClass::Paren => "hl-paren",
        TokenClass::Invalid => "hl-invalid",
    }
}

/// A segment as the overlay renders it, with a key that survives edits elsewhere in
/// the text: its class and text, and which occurrence of that pair it is. Keyed
/// rendering then only touches the spans an edit really changed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Piece {
    /// The CSS classes.
    pub css: String,
    /// The text.
    pub text: String,
    /// How many earlier pieces have the same classes and text.
    pub nth: usize,
}

/// The segments of `text` as keyed pieces.
pub fn pieces(text: &str, segments: &[Segment]) -> Vec<Piece> {
    let mut seen: std::collections::HashMap<(String, &str), usize> = std::collections::HashMap::new();
    segments
        .iter()
        .map(|segment| {
            let css = segment.css_class();
            let piece = segment.span.text(text);
            let count = seen.entry((css.clone(), piece)).or_insert(0);
            let nth = *count;
            *count += 1;
            Piece { css, text: piece.to_owned(), nth }
        })
        .collect()
}

/// One diagnostic as the composer lists it under the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// The message.
    pub message: String,
    /// Where it starts: shown as `column 5`, or `line 2, column 5` in a query of
    /// several lines.
    pub position: Position,
    /// The text it is about (empty where something is missing).
    pub excerpt: String,
}

impl Problem {
    /// "Error", "Warning" or "Note".
    pub fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Note",
        }
    }
}

/// Everything the composer shows about the text it holds; recomputed per keystroke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// The overlay.
    pub segments: Vec<Segment>,
    /// The diagnostics, in text order.
    pub problems: Vec<Problem>,
}

impl Analysis {
    /// Parses, validates and colours `text`.
    pub fn of(text: &str, schema: &Schema) -> Self {
        let diagnostics = check(text, schema);
        Analysis { segments: segments(text, &diagnostics), problems: problems(text, &diagnostics) }
    }

    /// The first error, which is why the query cannot be applied.
    pub fn first_error(&self) -> Option<&Problem> {
        self.problems.iter().find(|p| p.severity == Severity::Error)
    }

    /// Why the query cannot be applied, in one line (the problem list says what is wrong).
    pub fn blocker(&self) -> Option<String> {
        self.first_error().map(|p| format!("Apply is disabled: fix the error at {} first.", p.position))
    }
}

/// Cuts `text` into segments by token and diagnostic boundaries.
pub fn segments(text: &str, diagnostics: &[Diagnostic]) -> Vec<Segment> {
    let tokens = highlight(text);
    let marks: Vec<(Span, Severity)> =
        diagnostics.iter().filter_map(|d| visible_span(text, d.span).map(|s| (s, d.severity))).collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(tokens.iter().flat_map(|t| [t.span.start, t.span.end]));
    cuts.extend(marks.iter().flat_map(|(s, _)| [s.start, s.end]));
    cuts.retain(|&c| c <= text.len());
    cuts.sort_unstable();
    cuts.dedup();

    let mut out: Vec<Segment> = Vec::with_capacity(cuts.len());
    let mut token = tokens.iter().peekable();
    for pair in cuts.windows(2) {
        let span = Span::new(pair[0], pair[1]);
        while token.next_if(|t| t.span.end <= span.start).is_some() {}
        let class = token.peek().filter(|t| t.span.start <= span.start).map(|t| t.class);
        let severity =
            marks.iter().filter(|(s, _)| s.start <= span.start && span.end <= s.end).map(|&(_, sev)| sev).min();
        match out.last_mut() {
            Some(last) if last.class == class && last.severity == severity => last.span.end = span.end,
            _ => out.push(Segment { span, class, severity }),
        }
    }
    out
}

/// The text to mark for a diagnostic: its own span, or for an empty one (something
/// missing) the character before it, or after it at the very start.
fn visible_span(text: &str, span: Span) -> Option<Span> {
    if span.end > text.len() || !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return None;
    }
    if !span.is_empty() {
        return Some(span);
    }
    if let Some(c) = text[..span.start].chars().next_back() {
        return Some(Span::new(span.start - c.len_utf8(), span.start));
    }
    text[span.start..].chars().next().map(|c| Span::new(span.start, span.start + c.len_utf8()))
}

/// The diagnostics as lines a person reads.
pub fn problems(text: &str, diagnostics: &[Diagnostic]) -> Vec<Problem> {
    diagnostics
        .iter()
        .map(|d| Problem {
            severity: d.severity,
            message: d.message.clone(),
            position: d.position,
            excerpt: d.span.text(text).to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn marked(text: &str) -> Vec<(String, &str)> {
        let analysis = Analysis::of(text, Schema::sessions());
        analysis.segments.iter().map(|s| (s.css_class(), s.span.text(text))).collect()
    }

    #[test]
    fn tokens_get_classes_and_whitespace_none() {
        assert_eq!(
            marked("protocol:ssh AND NOT verdict:ACCEPT"),
            [
                ("hl-field".into(), "protocol"),
                ("hl-colon".into(), ":"),
                ("hl-term".into(), "ssh"),
                (String::new(), " "),
                ("hl-operator".into(), "AND"),
                (String::new(), " "),
                ("hl-operator".into(), "NOT"),
                (String::new(), " "),
                ("hl-field".into(), "verdict"),
                ("hl-colon".into(), ":"),
                ("hl-term".into(), "ACCEPT"),
            ]
        );
    }

    #[test]
    fn errors_mark_exactly_their_characters() {
        let text = "protocl:ssh AND duration:abc";
        let marks: Vec<(String, &str)> = marked(text).into_iter().filter(|(c, _)| c.contains("hl-error")).collect();
        assert_eq!(marks, [("hl-field hl-error".into(), "protocl"), ("hl-term hl-error".into(), "abc")]);
        let analysis = Analysis::of(text, Schema::sessions());
        assert_eq!(analysis.problems[0].position.to_string(), "column 1");
        assert_eq!(analysis.problems[0].excerpt, "protocl");
        assert!(analysis.problems[0].message.contains("did you mean `protocol`"), "{:?}", analysis.problems);
        assert_eq!(analysis.problems[1].position.to_string(), "column 26");
        assert!(analysis.blocker().is_some_and(|b| b.contains("column 1")));
    }

    #[test]
    fn a_query_of_several_lines_names_the_line() {
        let analysis = Analysis::of("protocol:ssh AND\n  duration:abc", Schema::sessions());
        assert_eq!(analysis.problems[0].position.to_string(), "line 2, column 12");
        assert_eq!(analysis.blocker().as_deref(), Some("Apply is disabled: fix the error at line 2, column 12 first."));
        let unclosed = Analysis::of("protocol:ssh\nAND (verdict:DENY", Schema::sessions());
        assert_eq!(unclosed.problems[0].message, "unclosed parenthesis opened at line 2, column 5");
    }

    #[test]
    fn a_level_mixing_and_with_or_is_a_warning_that_does_not_block() {
        let analysis = Analysis::of("protocol:ssh AND verdict:DENY OR protocol:rdp", Schema::sessions());
        assert_eq!(analysis.blocker(), None);
        assert_eq!(analysis.problems.len(), 1);
        assert_eq!(analysis.problems[0].severity, Severity::Warning);
        assert!(
            analysis.problems[0].message.contains("write `(protocol:ssh AND verdict:DENY) OR protocol:rdp`"),
            "{:?}",
            analysis.problems
        );
        let marks = marked("a AND b OR c");
        assert!(marks.iter().all(|(css, _)| css.is_empty() || css.contains("hl-warning")), "{marks:?}");
    }

    #[test]
    fn warnings_and_missing_pieces() {
        // A missing value is marked on the character before the gap.
        assert_eq!(marked("protocol:").last(), Some(&("hl-colon hl-error".into(), ":")));
        let warning = marked("verdict:ACCEPT and x");
        assert!(warning.contains(&("hl-term hl-warning".into(), "and")), "{warning:?}");
        assert_eq!(Analysis::of("verdict:ACCEPT and x", Schema::sessions()).blocker(), None);
        // A range error inside the range marks only the bad end.
        let range = marked("duration:[5 TO x]");
        assert!(range.contains(&("hl-term hl-error".into(), "x")), "{range:?}");
    }

    #[test]
    fn pieces_keep_their_keys_when_text_changes_elsewhere() {
        let keys = |text: &str| {
            let analysis = Analysis::of(text, Schema::sessions());
            pieces(text, &analysis.segments)
        };
        let before = keys("protocol:ssh OR protocol:rdp");
        let after = keys("protocol:ssh OR protocol:rdp OR x");
        assert_eq!(after[..before.len()], before[..], "appending keeps every earlier key");
        assert_eq!(before[0].nth, 0);
        assert_eq!(before.iter().filter(|p| p.text == "protocol").map(|p| p.nth).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn empty_text() {
        let analysis = Analysis::of("", Schema::sessions());
        assert!(analysis.segments.is_empty() && analysis.problems.is_empty());
    }

    proptest! {
        #[test]
        fn segments_cover_the_text_exactly(text in "[a-z:\"()\\[\\]{}*?\\\\ é!+-]{0,40}") {
            let analysis = Analysis::of(&text, Schema::sessions());
            let rebuilt: String = analysis.segments.iter().map(|s| s.span.text(&text)).collect();
            prop_assert_eq!(&rebuilt, &text);
            for pair in analysis.segments.windows(2) {
                prop_assert_eq!(pair[0].span.end, pair[1].span.start);
                prop_assert!(pair[0].class != pair[1].class || pair[0].severity != pair[1].severity);
            }
        }
    }
}
