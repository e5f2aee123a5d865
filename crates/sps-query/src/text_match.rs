//! Case-insensitive text comparison: wildcard patterns and word sequences.

use crate::ast::{Pattern, PatternPart};

/// Lower-cases for comparison.
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// Words as a full-text index sees them: maximal runs of letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Whether `value` contains the words of `query`, consecutively (the way an analysed
/// field matches a term or a phrase). A query without any word (`$`, `-`) is looked for
/// as a substring instead.
pub(crate) fn contains_words(value: &str, query: &str) -> bool {
    let wanted: Vec<String> = words(query).map(fold).collect();
    if wanted.is_empty() {
        return fold(value).contains(&fold(query));
    }
    let found: Vec<String> = words(value).map(fold).collect();
    found.windows(wanted.len()).any(|window| window == wanted.as_slice())
}

/// A wildcard pattern (`*` any run, `?` one character) compiled for case-insensitive
/// matching of whole values: what a `field:pat*ern` clause tests, here and in the
/// stand-in server's index scan.
#[derive(Debug, Clone)]
pub struct Glob {
    items: Vec<GlobItem>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum GlobItem {
    Char(char),
    AnyChar,
    AnyChars,
}

impl Glob {
    /// The pattern, its literal parts lower-cased.
    pub fn new(pattern: &Pattern) -> Self {
        let mut items = Vec::new();
        for part in pattern.parts() {
            match part {
                PatternPart::Literal(text) => {
                    items.extend(text.chars().flat_map(char::to_lowercase).map(GlobItem::Char))
                }
                PatternPart::AnyChar => items.push(GlobItem::AnyChar),
                PatternPart::AnyChars => items.push(GlobItem::AnyChars),
            }
        }
        Glob { items }
    }

    /// Whether the whole of `text` matches, ignoring case.
    pub fn matches(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
        let (mut p, mut t) = (0, 0);
        // Where the last `*` was and how much text it has swallowed, to backtrack to.
        let mut star: Option<(usize, usize)> = None;
        while t < text.len() {
            match self.items.get(p) {
                Some(GlobItem::AnyChars) => {
                    star = Some((p, t));
                    p += 1;
                }
                Some(GlobItem::AnyChar) => {
                    p += 1;
                    t += 1;
                }
                Some(GlobItem::Char(c)) if *c == text[t] => {
                    p += 1;
                    t += 1;
                }
                _ => match star {
                    Some((star_p, star_t)) => {
                        p = star_p + 1;
                        t = star_t + 1;
                        star = Some((star_p, star_t + 1));
                    }
                    None => return false,
                },
            }
        }
        self.items[p..].iter().all(|item| *item == GlobItem::AnyChars)
    }

    /// Whether the pattern matches the whole value, one of its whitespace-separated
    /// words, or one of its letter-and-digit words (full-text semantics).
    pub(crate) fn matches_within(&self, value: &str) -> bool {
        self.matches(value)
            || value.split_whitespace().any(|w| self.matches(w))
            || words(value).any(|w| self.matches(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(s: &str) -> Glob {
        Glob::new(&Pattern::glob(s))
    }

    #[test]
    fn wildcards_match_whole_text_ignoring_case() {
        assert!(glob("?dmi*").matches("Admin"));
        assert!(glob("?dmi*").matches("admi"));
        assert!(!glob("?dmi*").matches("dmin"));
        assert!(glob("*.txt").matches("24HRS.TXT"));
        assert!(glob("a*b*c").matches("aXbYbZc"));
        assert!(!glob("a*b*c").matches("aXbYbZ"));
        assert!(glob("*").matches(""));
        assert!(!glob("?").matches(""));
    }

    #[test]
    fn full_text_words() {
        assert!(contains_words("myuser@examplehost:/var$ man sudo", "sudo"));
        assert!(contains_words("myuser@examplehost:/var$ man sudo", "MAN SUDO"));
        assert!(!contains_words("myuser@examplehost:/var$ man sudo", "sud"));
        assert!(contains_words("cat 24hrs.txt", "24hrs.txt"));
        assert!(contains_words("echo $HOME", "$"));
        assert!(glob("?dmi*").matches_within("admin@host:~$ ls"));
        assert!(glob("24hrs.t*").matches_within("cat 24hrs.txt"));
    }
}
