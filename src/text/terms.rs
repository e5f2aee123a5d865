//! The words a search of recorded content looks for, found again in an event's text
//! so that the page can mark them.
//!
//! Only what a match needs is marked: the clauses on `content` (or without a field,
//! which a content search reads as `content`) that are not negated. They are found as
//! SPS's full-text search and `sps_query` find them: a term or phrase is a run of
//! consecutive words (letters and digits, any case; one without any word, such as
//! `$`, is a plain substring), a wildcard pattern matches a word, else a
//! space-separated run, else the whole text. Ranges mark nothing.

use std::ops::Range;

use sps_query::{Clause, Expr, Glob, Pattern, Query, Value};

use crate::text::alert_match::MAX_SEARCHED_BYTES;

/// The field a content search searches.
const CONTENT: &str = "content";

/// The clauses of `query` a matching text may satisfy for the query to have found
/// it: those on `content` (or without a field) outside every `NOT`, terms, phrases
/// and wildcards other than a lone `*`, in order.
pub fn positive_clauses(query: &Query) -> Vec<&Clause> {
    let mut out = Vec::new();
    if let Some(root) = query.root() {
        collect(root, &mut out);
    }
    out
}

fn collect<'q>(expr: &'q Expr, out: &mut Vec<&'q Clause>) {
    match expr {
        Expr::Or { operands, .. } | Expr::And { operands, .. } => operands.iter().for_each(|e| collect(e, out)),
        // What a NOT names is what the matching text does not hold.
        Expr::Not { .. } => {}
        Expr::Clause(clause) => {
            let on_content = clause.field.as_ref().is_none_or(|f| f.name == CONTENT);
            let findable = match &clause.value {
                Value::Term(_) | Value::Phrase(_) => true,
                Value::Wildcard(pattern) => !pattern.is_match_all(),
                Value::Range(_) => false,
            };
            // `sudo` and `content:sudo` are one thing to look for.
            if on_content && findable && !out.iter().any(|c| c.value == clause.value) {
                out.push(clause);
            }
        }
    }
}

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    /// Consecutive words, lower-cased.
    Words(Vec<String>),
    /// Text without a word in it, looked for as it is.
    Literal(String),
    /// A wildcard pattern.
    Pattern(Pattern),
}

/// What to mark in recorded text: the positive content clauses of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms(Vec<Term>);

impl Terms {
    /// The terms of `query` (see [`positive_clauses`]).
    pub fn of(query: &Query) -> Terms {
        Terms(positive_clauses(query).into_iter().filter_map(|c| term(&c.value)).collect())
    }

    /// The terms of a query's text; none when it does not parse.
    pub fn parse(text: &str) -> Terms {
        sps_query::parse(text).map(|q| Terms::of(&q)).unwrap_or_default()
    }

    /// Whether there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The byte ranges of `text` to mark: sorted, not overlapping, on character
    /// boundaries (touching ones merged). Only the first [`MAX_SEARCHED_BYTES`] are
    /// searched (recorded lines can be megabytes long; what follows is shown unmarked).
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        if self.0.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let mut cut = text.len().min(MAX_SEARCHED_BYTES);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &text[..cut];
        let words = words(text);
        let mut found = Vec::new();
        for term in &self.0 {
            match term {
                Term::Words(wanted) => {
                    found.extend(
                        words
                            .windows(wanted.len())
                            .filter(|w| w.iter().map(|(_, f)| f).eq(wanted.iter()))
                            .map(|w| w[0].0.start..w[w.len() - 1].0.end),
                    );
                }
                Term::Literal(literal) => {
                    found.extend(text.match_indices(literal.as_str()).map(|(i, m)| i..i + m.len()))
                }
                Term::Pattern(pattern) => {
                    let glob = Glob::new(pattern);
                    let in_words: Vec<Range<usize>> =
                        words.iter().filter(|(_, w)| glob.matches(w)).map(|(r, _)| r.clone()).collect();
                    // A run (`24hrs.txt`) only where no word of it matched (`Administrator,`).
                    let in_runs: Vec<Range<usize>> = runs(text)
                        .filter(|r| glob.matches(&text[r.clone()]))
                        .filter(|r| !in_words.iter().any(|w| r.start <= w.start && w.end <= r.end))
                        .collect();
                    if in_words.is_empty() && in_runs.is_empty() && glob.matches(text) {
                        found.push(0..text.len());
                    }
                    found.extend(in_words);
                    found.extend(in_runs);
                }
            }
        }
        merge(found)
    }
}

fn term(value: &Value) -> Option<Term> {
    match value {
        Value::Term(text) | Value::Phrase(text) => {
            let wanted: Vec<String> = words(text).into_iter().map(|(_, w)| w).collect();
            match (wanted.is_empty(), text.trim().is_empty()) {
                (false, _) => Some(Term::Words(wanted)),
                (true, false) => Some(Term::Literal(text.clone())),
                (true, true) => None,
            }
        }
        Value::Wildcard(pattern) => Some(Term::Pattern(pattern.clone())),
        Value::Range(_) => None,
    }
}

/// The words of `text` (maximal runs of letters and digits, as `sps_query` and the
/// search index cut them), each with its byte range and lower-cased.
fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric() && i < text.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s..i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The byte ranges of the space-separated runs of `text`.
fn runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split_whitespace().map(move |run| {
        // `run` is a slice of `text`: its offset is where it starts.
        let start = run.as_ptr() as usize - text.as_ptr() as usize;
        start..start + run.len()
    })
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges.into_iter().filter(|r| r.start < r.end) {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(query: &str, text: &str) -> Vec<String> {
        Terms::parse(query).find(text).into_iter().map(|r| text[r].to_owned()).collect()
    }

    #[test]
    fn words_and_phrases_are_found_as_whole_words_in_any_case() {
        assert_eq!(marked("sudo", "myuser@host:~$ SUDO -i; pseudo sudo"), ["SUDO", "sudo"]);
        assert_eq!(marked("content:\"rm -rf\"", "root@db:~# rm  -rf /tmp/x; rm -f y"), ["rm  -rf"]);
        assert_eq!(marked("content:24hrs.txt", "cat 24hrs.txt"), ["24hrs.txt"]);
        assert_eq!(marked("李伟", "登录 李伟 成功"), ["李伟"]);
        // Without a word, the text itself.
        assert_eq!(marked("content:\"$\"", "echo $HOME $"), ["$", "$"]);
    }

    #[test]
    fn wildcards_mark_the_words_they_match() {
        assert_eq!(marked("content:?dmin*", "Login: Administrator, admin"), ["Administrator", "admin"]);
        assert_eq!(marked("24hrs.t*", "cat 24hrs.txt now"), ["24hrs.txt"]);
        assert_eq!(marked("*", "anything"), Vec::<String>::new(), "a lone * finds no words");
    }

    #[test]
    fn negated_fields_other_than_content_and_ranges_mark_nothing() {
        assert_eq!(marked("sudo AND NOT ls", "sudo ls"), ["sudo"]);
        assert_eq!(marked("NOT (ls OR cd)", "ls cd"), Vec::<String>::new());
        assert_eq!(marked("type:command OR channels_id:1 OR content:[a TO c]", "command 1 b"), Vec::<String>::new());
        assert!(Terms::parse("content:(").is_empty(), "a query that does not parse marks nothing");
        assert!(Terms::parse("").is_empty());
    }

    #[test]
    fn overlapping_finds_merge_and_stay_on_char_boundaries() {
        assert_eq!(marked("\"sudo rm\" OR rm", "é sudo rm; rm -rf"), ["sudo rm", "rm"]);
        let ranges = Terms::parse("ab OR a*").find("x ab abc");
        assert_eq!(ranges, [2..4, 5..8]);
        let long = format!("{} sudo", "x ".repeat(MAX_SEARCHED_BYTES));
        assert!(Terms::parse("sudo").find(&long).is_empty(), "past the searched part");
        for r in Terms::parse("ü*").find("Über über\u{301}") {
            assert!("Über über\u{301}".is_char_boundary(r.start) && "Über über\u{301}".is_char_boundary(r.end));
        }
    }
}
