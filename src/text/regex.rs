//! Matching what a content policy's `matched_regexp` matched in an alert's
//! `matched_content`, with `regex-lite`.
//!
//! The patterns come from the SPS configuration (PCRE-like) and the text from the
//! recorded session, so the matcher must never run away: regex-lite is linear in
//! the text (no backtracking) and panics on no input, and compiling is bounded here
//! by a program size and a nesting depth. PCRE's `\e` (escape, as in ANSI colour
//! rules) is read as `\x1B`. What regex-lite leaves out (lookaround,
//! back-references, Unicode classes) is refused with [`RegexError::Unsupported`],
//! and the caller falls back to a literal search.
//!
//! Chosen by measurement over the hand-written Pike VM it replaced: +8,145 B
//! brotli of bundle (BENCHMARKS.md, "regex-lite"), well under the 30 KB that would
//! have kept a matcher of our own.
//!
//! Matching is leftmost-first, as in Perl and PCRE; lazy quantifiers are lazy.

use std::borrow::Cow;
use std::ops::Range;

use thiserror::Error;

/// Why a pattern was not compiled.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegexError {
    /// Valid in some dialect, but not evaluated here.
    #[error("uses {0}, which the dashboard does not evaluate")]
    Unsupported(String),
    /// Not a valid pattern.
    #[error("is not a valid pattern: {0}")]
    Invalid(String),
    /// Compiles to more than [`MAX_PROGRAM_BYTES`] or nests deeper than [`MAX_DEPTH`].
    #[error("is too complex to evaluate here")]
    TooComplex,
}

/// Largest compiled program, in bytes.
pub const MAX_PROGRAM_BYTES: usize = 256 * 1024;
/// Deepest nesting of groups and repetitions.
pub const MAX_DEPTH: u32 = 32;
/// Most matches reported by [`Regex::find_all`].
pub const MAX_MATCHES: usize = 200;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Regex(regex_lite::Regex);

impl Regex {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Result<Self, RegexError> {
        regex_lite::RegexBuilder::new(&pcre_escapes(pattern))
            .size_limit(MAX_PROGRAM_BYTES)
            .nest_limit(MAX_DEPTH)
            .build()
            .map(Regex)
            .map_err(|e| classify(&e.to_string()))
    }

    /// The first match in `text`, as a byte range.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.find_all(text).into_iter().next()
    }

    /// Non-overlapping, non-empty matches in `text`, left to right, as byte ranges
    /// (at most [`MAX_MATCHES`]).
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.0.find_iter(text).map(|m| m.range()).filter(|r| !r.is_empty()).take(MAX_MATCHES).collect()
    }
}

/// `pattern` with PCRE's `\e` written as regex-lite's `\x1B`; an escaped
/// backslash (`\\e`) stays a backslash and an `e`.
fn pcre_escapes(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains("\\e") {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('e') => out.push_str("\\x1B"),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

/// regex-lite's errors are text only: a limit says so, and a left-out feature is
/// "… is/are not supported".
fn classify(message: &str) -> RegexError {
    if message.contains("size limit") || message.contains("nesting") {
        return RegexError::TooComplex;
    }
    let unsupported = ["is not supported", "are not supported"].iter().find_map(|tail| message.strip_suffix(tail));
    match unsupported {
        Some(feature) => RegexError::Unsupported(feature.trim().to_owned()),
        None => RegexError::Invalid(message.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all<'a>(pattern: &str, text: &'a str) -> Vec<&'a str> {
        Regex::new(pattern).unwrap().find_all(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn the_sims_and_the_docs_rules() {
        assert_eq!(all("sudo|su -", "alice@h:~$ sudo -i"), vec!["sudo"]);
        assert_eq!(all("sudo|su -", "root@h:~# su - bob"), vec!["su -"]);
        assert_eq!(all(r"rm\s+-rf", "$ rm   -rf /tmp/x; rm -rf /"), vec!["rm   -rf", "rm -rf"]);
        assert_eq!(all(r"^(scp|wget)\s", "scp a b:"), vec!["scp "]);
        assert_eq!(all(r"^(scp|wget)\s", "x scp a b:"), Vec::<&str>::new());
        assert_eq!(all(r"\b4[0-9]{3}( ?[0-9]{4}){3}\b", "card 4111 1111 1111 1111 ok"), vec!["4111 1111 1111 1111"]);
        assert_eq!(all(r"useradd|net user .* /add", "net user eve pw /add"), vec!["net user eve pw /add"]);
        assert_eq!(all("<script|onerror=", "echo '<script>alert(1)</script>'"), vec!["<script"]);
        assert_eq!(all("man", "[myuser@examplehost ~]$ man man"), vec!["man", "man"]);
        assert_eq!(all("ls", "[myuser@examplehost ~]$ ls"), vec!["ls"]);
    }

    #[test]
    fn leftmost_first_and_repetition() {
        assert_eq!(all("a|ab", "ab"), vec!["a"]);
        assert_eq!(all("ab|a", "ab"), vec!["ab"]);
        assert_eq!(all("a*", "baaa"), vec!["aaa"]);
        assert_eq!(all("a+?", "aaa"), vec!["a", "a", "a"], "lazy");
        assert_eq!(all("a++b", "aaab"), vec!["aaab"], "possessive, matched greedily");
        assert_eq!(all("x{2}", "xxxxx"), vec!["xx", "xx"]);
        assert_eq!(all("x{2,}", "xxxxx"), vec!["xxxxx"]);
        assert_eq!(all("x{1,2}y", "xxxy"), vec!["xxy"]);
        assert_eq!(all("(a|b)*c", "zababcz"), vec!["ababc"]);
        assert_eq!(all("(?:ab)+", "abababx"), vec!["ababab"]);
        assert_eq!(all("(?P<cmd>sudo)", "sudo"), vec!["sudo"]);
        assert_eq!(all("(a*)*b", "aaab"), vec!["aaab"]);
    }

    #[test]
    fn classes_escapes_and_flags() {
        assert_eq!(all(r"[^a-z ]+", "abc DEF1 ghi"), vec!["DEF1"]);
        assert_eq!(all(r"[\d.]+", "ip 10.0.0.1!"), vec!["10.0.0.1"]);
        assert_eq!(all(r"[]x]", "a]x"), vec!["]", "x"]);
        assert_eq!(all(r"[a-]", "b-a"), vec!["-", "a"]);
        assert_eq!(all(r"\.\*", "a.*b"), vec![".*"]);
        assert_eq!(all(r"\x41\u0042\x{43}", "ABC"), vec!["ABC"]);
        assert_eq!(all(r"\e\[31m", "\u{1b}[31mred"), vec!["\u{1b}[31m"]);
        assert_eq!(all(r"\\e", r"a\e"), vec![r"\e"], "an escaped backslash, then e");
        assert_eq!(all("(?s)a.c", "a\nc"), vec!["a\nc"]);
        assert_eq!(all("[[:digit:]]+", "port 22"), vec!["22"]);
        assert_eq!(all("(?i)SUDO", "Sudo sudo"), vec!["Sudo", "sudo"]);
        assert_eq!(all("(?i)[A-C]+", "xaBcx"), vec!["aBc"]);
        assert_eq!(all(r"\bcat\b", "concat cat cats"), vec!["cat"]);
        assert_eq!(all(r"\Bcat", "concat cat"), vec!["cat"]);
        assert_eq!(all("a.c", "a\nc abc"), vec!["abc"]);
        assert_eq!(all("é+", "ééé"), vec!["ééé"]);
        assert_eq!(all("$", "abc"), Vec::<&str>::new(), "empty matches are not reported");
    }

    #[test]
    fn unsupported_and_invalid_patterns_say_so() {
        for p in ["(?=x)", "(?!x)", "(?<=x)a", "(?<!x)a"] {
            assert_eq!(Regex::new(p).err(), Some(RegexError::Unsupported("look-around".into())), "{p}");
        }
        for p in [r"(a)\1", r"\p{L}"] {
            assert!(matches!(Regex::new(p), Err(RegexError::Unsupported(_))), "{p}");
        }
        for p in ["(", "a)", "[a", "*a", "a**b|+", "\\", "[z-a]", "x{3,1}", r"\xZZ", "(?P<a b>x)", r"\k<n>"] {
            assert!(matches!(Regex::new(p), Err(RegexError::Invalid(_))), "{p}: {:?}", Regex::new(p));
        }
        assert!(Regex::new("a{1000}").is_ok(), "large but within the size limit");
        assert!(matches!(Regex::new("(a{1000}){1000}"), Err(RegexError::TooComplex)));
        assert!(matches!(Regex::new(&"(".repeat(100)), Err(RegexError::TooComplex)));
        assert!(matches!(Regex::new("((a{100}){100})"), Err(RegexError::TooComplex)));
    }

    #[test]
    fn pathological_patterns_stay_linear() {
        let text = "a".repeat(20_000);
        let started = std::time::Instant::now();
        assert_eq!(Regex::new("(a*)*b").unwrap().find_all(&text), Vec::<Range<usize>>::new());
        assert_eq!(Regex::new("(a|aa)+$").unwrap().find_all(&text).len(), 1);
        assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    }

    proptest! {
        #[test]
        fn any_pattern_and_text_never_panic(pattern in "[a-c().*+?|\\[\\]{}^$\\\\0-9,:=<!PdDwWsSbB-]{0,16}", text in "[a-c0-9 \\n]{0,40}") {
            if let Ok(re) = Regex::new(&pattern) {
                let mut last = 0;
                for r in re.find_all(&text) {
                    prop_assert!(r.start >= last && r.start < r.end && r.end <= text.len());
                    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    last = r.end;
                }
            }
        }

        #[test]
        fn literal_patterns_find_what_str_find_finds(needle in "[a-z]{1,4}", text in "[a-z ]{0,60}") {
            let re = Regex::new(&needle).unwrap();
            let expected: Vec<Range<usize>> = text.match_indices(needle.as_str()).map(|(i, m)| i..i + m.len()).collect();
            prop_assert_eq!(re.find_all(&text), expected);
        }
    }
}
