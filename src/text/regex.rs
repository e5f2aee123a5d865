//! A small regular expression matcher for highlighting what a content policy's
//! `matched_regexp` matched in an alert's `matched_content`.
//!
//! The patterns come from the SPS configuration (PCRE-like) and the text from the
//! recorded session, so the matcher must never run away: it is a Pike VM
//! (Thompson NFA simulation), linear in the text for a given pattern, with a bounded
//! nesting depth, repetition count and program size. No backtracking, no recursion
//! on the text, no panics on any input (property-tested).
//!
//! Supported: literals and escaped punctuation; `.` (not a newline); classes `[a-z_]`,
//! `[^…]` with ranges and `\d \w \s` (and negations) inside and out; `^ $ \A \z \b \B`;
//! groups `( )`, `(?: )`, `(?P<n> )`, `(?<n> )`; alternation `|`; `* + ? {n} {n,}
//! {n,m}` (greedy, lazy `?` and possessive `+` suffixes accepted, both matched
//! greedily); `\n \r \t \f \v \0 \xHH \x{H…} \uHHHH`; the flag `(?i)` (applies to
//! the whole pattern). Anything else (lookaround, back-references, other flags,
//! Unicode classes, POSIX classes) is refused with [`RegexError::Unsupported`], and
//! the caller falls back to a literal search.
//!
//! Matching is leftmost-first, as in Perl and PCRE.

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
    /// Compiles to more than [`MAX_PROGRAM`] steps or nests deeper than [`MAX_DEPTH`].
    #[error("is too complex to evaluate here")]
    TooComplex,
}

/// Most instructions a compiled pattern may have.
pub const MAX_PROGRAM: usize = 4_000;
/// Deepest nesting of groups.
pub const MAX_DEPTH: usize = 32;
/// Largest count in `{n,m}`.
pub const MAX_REPEAT: u32 = 500;
/// Most matches reported by [`Regex::find_all`].
pub const MAX_MATCHES: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Start,
    End,
    WordBoundary,
    NotWordBoundary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Perl {
    Digit,
    Word,
    Space,
}

impl Perl {
    fn matches(self, c: char) -> bool {
        match self {
            Perl::Digit => c.is_ascii_digit(),
            Perl::Word => is_word(c),
            Perl::Space => c.is_whitespace(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ClassItem {
    Range(char, char),
    Perl(Perl, bool),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Class {
    negated: bool,
    items: Vec<ClassItem>,
}

impl Class {
    fn matches(&self, c: char, fold: bool) -> bool {
        let hit = |c: char| {
            self.items.iter().any(|item| match *item {
                ClassItem::Range(a, b) => a <= c && c <= b,
                ClassItem::Perl(p, negated) => p.matches(c) != negated,
            })
        };
        let found = hit(c) || (fold && (hit(lower(c)) || hit(upper(c))));
        found != self.negated
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Empty,
    Char(char),
    Any,
    Class(Class),
    Look(Look),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat { node: Box<Node>, min: u32, max: Option<u32> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Inst {
    Char(char),
    Any,
    Class(Class),
    Look(Look),
    Split(usize, usize),
    Jmp(usize),
    Match,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regex {
    program: Vec<Inst>,
    fold: bool,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    depth: usize,
    fold: bool,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.at + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, text: &str) -> bool {
        let n = text.chars().count();
        if self.chars.get(self.at..self.at + n).is_some_and(|s| s.iter().copied().eq(text.chars())) {
            self.at += n;
            return true;
        }
        false
    }

    fn alternation(&mut self) -> Result<Node, RegexError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(RegexError::TooComplex);
        }
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.at += 1;
            branches.push(self.concat()?);
        }
        self.depth -= 1;
        Ok(if branches.len() == 1 { branches.remove(0) } else { Node::Alt(branches) })
    }

    fn concat(&mut self) -> Result<Node, RegexError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let atom = self.quantified(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.remove(0),
            _ => Node::Concat(items),
        })
    }

    fn quantified(&mut self, mut atom: Node) -> Result<Node, RegexError> {
        loop {
            let (min, max) = match self.peek() {
                Some('*') => {
                    self.at += 1;
                    (0, None)
                }
                Some('+') => {
                    self.at += 1;
                    (1, None)
                }
                Some('?') => {
                    self.at += 1;
                    (0, Some(1))
                }
                Some('{') => match self.counted()? {
                    Some(bounds) => bounds,
                    None => return Ok(atom),
                },
                _ => return Ok(atom),
            };
            if matches!(atom, Node::Look(_) | Node::Empty) {
                return Err(RegexError::Invalid("a repetition needs something to repeat".into()));
            }
            // Lazy and possessive suffixes: matched greedily (only the extent of a
            // highlight can differ).
            if matches!(self.peek(), Some('?' | '+')) {
                self.at += 1;
            }
            atom = Node::Repeat { node: Box::new(atom), min, max };
        }
    }

    /// `{n}`, `{n,}`, `{n,m}`; `None` (nothing consumed) when the brace is a literal.
    fn counted(&mut self) -> Result<Option<(u32, Option<u32>)>, RegexError> {
        let start = self.at;
        self.at += 1;
        let number = |p: &mut Self| -> Option<u32> {
            let from = p.at;
            while p.peek().is_some_and(|c| c.is_ascii_digit()) {
                p.at += 1;
            }
            let digits: String = p.chars[from..p.at].iter().collect();
            if digits.is_empty() {
                None
            } else {
                Some(digits.parse::<u32>().unwrap_or(u32::MAX))
            }
        };
        let Some(min) = number(self) else {
            self.at = start;
            return Ok(None);
        };
        let max = if self.peek() == Some(',') {
            self.at += 1;
            number(self)
        } else {
            Some(min)
        };
        if self.peek() != Some('}') {
            self.at = start;
            return Ok(None);
        }
        self.at += 1;
        if min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT) {
            return Err(RegexError::TooComplex);
        }
        if max.is_some_and(|m| m < min) {
            return Err(RegexError::Invalid(format!("the repetition {{{min},{}}} counts backwards", max.unwrap_or(0))));
        }
        Ok(Some((min, max)))
    }

    fn atom(&mut self) -> Result<Node, RegexError> {
        let Some(c) = self.bump() else { return Ok(Node::Empty) };
        match c {
            '(' => self.group(),
            '[' => self.class().map(Node::Class),
            '.' => Ok(Node::Any),
            '^' => Ok(Node::Look(Look::Start)),
            '$' => Ok(Node::Look(Look::End)),
            '\\' => self.escape(),
            '*' | '+' | '?' => Err(RegexError::Invalid(format!("`{c}` has nothing to repeat"))),
            c => Ok(Node::Char(c)),
        }
    }

    fn group(&mut self) -> Result<Node, RegexError> {
        if self.peek() == Some('?') {
            self.at += 1;
            if self.eat(":") {
            } else if self.eat("P<") || (self.peek() == Some('<') && !matches!(self.peek_at(1), Some('=' | '!'))) {
                if self.peek() == Some('<') {
                    self.at += 1;
                }
                while let Some(c) = self.bump() {
                    if c == '>' {
                        break;
                    }
                    if !is_word(c) {
                        return Err(RegexError::Invalid("a group name holds letters, digits and _ only".into()));
                    }
                }
            } else if self.eat("i)") {
                self.fold = true;
                return Ok(Node::Empty);
            } else if matches!(self.peek(), Some('=' | '!')) || self.eat("<=") || self.eat("<!") {
                return Err(RegexError::Unsupported("lookaround".into()));
            } else {
                return Err(RegexError::Unsupported("an inline flag or group kind other than (?i) and (?:".into()));
            }
        }
        let inner = self.alternation()?;
        if self.bump() != Some(')') {
            return Err(RegexError::Invalid("a group is not closed".into()));
        }
        Ok(inner)
    }

    fn perl(c: char) -> Option<(Perl, bool)> {
        Some(match c {
            'd' => (Perl::Digit, false),
            'D' => (Perl::Digit, true),
            'w' => (Perl::Word, false),
            'W' => (Perl::Word, true),
            's' => (Perl::Space, false),
            'S' => (Perl::Space, true),
            _ => return None,
        })
    }

    /// A character escape: `\n`, `\x41`, `\.`… (not the class or assertion escapes).
    fn char_escape(&mut self, c: char) -> Result<char, RegexError> {
        Ok(match c {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'f' => '\u{c}',
            'v' => '\u{b}',
            'a' => '\u{7}',
            'e' => '\u{1b}',
            '0' => '\0',
            'x' => {
                let digits: String = if self.peek() == Some('{') {
                    self.at += 1;
                    let from = self.at;
                    while self.peek().is_some_and(|c| c != '}') {
                        self.at += 1;
                    }
                    let digits = self.chars[from..self.at].iter().collect();
                    if self.bump() != Some('}') {
                        return Err(RegexError::Invalid("`\\x{` is not closed".into()));
                    }
                    digits
                } else {
                    (0..2).filter_map(|_| self.bump()).collect()
                };
                hex_char(&digits)?
            }
            'u' => {
                let digits: String = (0..4).filter_map(|_| self.bump()).collect();
                hex_char(&digits)?
            }
            '1'..='9' => return Err(RegexError::Unsupported("back-references".into())),
            c if c.is_ascii_alphanumeric() => return Err(RegexError::Unsupported(format!("the escape \\{c}"))),
            c => c,
        })
    }

    fn escape(&mut self) -> Result<Node, RegexError> {
        let Some(c) = self.bump() else { return Err(RegexError::Invalid("the pattern ends with a backslash".into())) };
        if let Some((p, negated)) = Self::perl(c) {
            return Ok(Node::Class(Class { negated: false, items: vec![ClassItem::Perl(p, negated)] }));
        }
        match c {
            'b' => Ok(Node::Look(Look::WordBoundary)),
            'B' => Ok(Node::Look(Look::NotWordBoundary)),
            'A' => Ok(Node::Look(Look::Start)),
            'z' | 'Z' => Ok(Node::Look(Look::End)),
            c => self.char_escape(c).map(Node::Char),
        }
    }

    fn class(&mut self) -> Result<Class, RegexError> {
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.bump() else {
                return Err(RegexError::Invalid("a character class is not closed".into()));
            };
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '[' && self.peek() == Some(':') {
                return Err(RegexError::Unsupported("POSIX character classes".into()));
            }
            let low = if c == '\\' {
                let Some(e) = self.bump() else {
                    return Err(RegexError::Invalid("the pattern ends with a backslash".into()));
                };
                if let Some((p, negated)) = Self::perl(e) {
                    items.push(ClassItem::Perl(p, negated));
                    continue;
                }
                if e == 'b' {
                    '\u{8}'
                } else {
                    self.char_escape(e)?
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']') {
                self.at += 1;
                let Some(h) = self.bump() else {
                    return Err(RegexError::Invalid("a character class is not closed".into()));
                };
                let high = if h == '\\' {
                    let Some(e) = self.bump() else {
                        return Err(RegexError::Invalid("the pattern ends with a backslash".into()));
                    };
                    self.char_escape(e)?
                } else {
                    h
                };
                if high < low {
                    return Err(RegexError::Invalid(format!("the range {low}-{high} is backwards")));
                }
                items.push(ClassItem::Range(low, high));
            } else {
                items.push(ClassItem::Range(low, low));
            }
        }
        Ok(Class { negated, items })
    }
}

fn hex_char(digits: &str) -> Result<char, RegexError> {
    u32::from_str_radix(digits, 16)
        .ok()
        .filter(|_| !digits.is_empty())
        .and_then(char::from_u32)
        .ok_or_else(|| RegexError::Invalid(format!("`{digits}` is not a character code")))
}

struct Compiler {
    program: Vec<Inst>,
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Result<usize, RegexError> {
        if self.program.len() >= MAX_PROGRAM {
            return Err(RegexError::TooComplex);
        }
        self.program.push(inst);
        Ok(self.program.len() - 1)
    }

    fn patch(&mut self, at: usize, target: usize) {
        match &mut self.program[at] {
            Inst::Split(_, b) => *b = target,
            Inst::Jmp(t) => *t = target,
            _ => {}
        }
    }

    fn node(&mut self, node: &Node) -> Result<(), RegexError> {
        match node {
            Node::Empty => {}
            Node::Char(c) => {
                self.push(Inst::Char(*c))?;
            }
            Node::Any => {
                self.push(Inst::Any)?;
            }
            Node::Class(class) => {
                self.push(Inst::Class(class.clone()))?;
            }
            Node::Look(look) => {
                self.push(Inst::Look(*look))?;
            }
            Node::Concat(items) => {
                for item in items {
                    self.node(item)?;
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (i, branch) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.program[split] = Inst::Split(split + 1, 0);
                        self.node(branch)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.program.len();
                        self.patch(split, next);
                    } else {
                        self.node(branch)?;
                    }
                }
                let end = self.program.len();
                for j in jumps {
                    self.patch(j, end);
                }
            }
            Node::Repeat { node, min, max } => {
                for _ in 0..*min {
                    self.node(node)?;
                }
                match max {
                    None => {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.program[split] = Inst::Split(split + 1, 0);
                        self.node(node)?;
                        self.push(Inst::Jmp(split))?;
                        let end = self.program.len();
                        self.patch(split, end);
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            let split = self.push(Inst::Split(0, 0))?;
                            self.program[split] = Inst::Split(split + 1, 0);
                            splits.push(split);
                            self.node(node)?;
                        }
                        let end = self.program.len();
                        for s in splits {
                            self.patch(s, end);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
struct Thread {
    pc: usize,
    start: usize,
}

/// The threads of one step, in priority order, each program counter once.
struct Threads {
    list: Vec<Thread>,
    seen: Vec<u32>,
    stamp: u32,
}

impl Threads {
    fn new(size: usize) -> Self {
        Threads { list: Vec::new(), seen: vec![0; size], stamp: 1 }
    }

    fn clear(&mut self) {
        self.list.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.stamp = 1;
        }
    }
}

impl Regex {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Result<Self, RegexError> {
        let mut parser = Parser { chars: pattern.chars().collect(), at: 0, depth: 0, fold: false };
        let ast = parser.alternation()?;
        if parser.at < parser.chars.len() {
            return Err(RegexError::Invalid("a `)` has no `(`".into()));
        }
        let mut compiler = Compiler { program: Vec::new() };
        compiler.node(&ast)?;
        compiler.push(Inst::Match)?;
        Ok(Regex { program: compiler.program, fold: parser.fold })
    }

    fn eq(&self, a: char, b: char) -> bool {
        a == b || (self.fold && lower(a) == lower(b))
    }

    fn look(look: Look, chars: &[char], at: usize) -> bool {
        let before = at.checked_sub(1).and_then(|i| chars.get(i)).is_some_and(|c| is_word(*c));
        let after = chars.get(at).is_some_and(|c| is_word(*c));
        match look {
            Look::Start => at == 0,
            Look::End => at == chars.len(),
            Look::WordBoundary => before != after,
            Look::NotWordBoundary => before == after,
        }
    }

    /// Adds the thread at `pc`, following jumps, splits and assertions at `at`.
    fn add(&self, threads: &mut Threads, pc: usize, start: usize, chars: &[char], at: usize, stack: &mut Vec<usize>) {
        stack.clear();
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            if threads.seen[pc] == threads.stamp {
                continue;
            }
            threads.seen[pc] = threads.stamp;
            match &self.program[pc] {
                Inst::Jmp(t) => stack.push(*t),
                Inst::Split(a, b) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Inst::Look(look) => {
                    if Self::look(*look, chars, at) {
                        stack.push(pc + 1);
                    }
                }
                _ => threads.list.push(Thread { pc, start }),
            }
        }
    }

    /// The leftmost-first match starting at or after char index `from`, as char
    /// indices.
    fn find_chars(&self, chars: &[char], from: usize) -> Option<(usize, usize)> {
        let size = self.program.len();
        let mut current = Threads::new(size);
        let mut next = Threads::new(size);
        let mut stack = Vec::new();
        let mut matched = None;
        let mut at = from;
        loop {
            if matched.is_none() {
                self.add(&mut current, 0, at, chars, at, &mut stack);
            }
            if current.list.is_empty() && matched.is_some() {
                break;
            }
            let c = chars.get(at).copied();
            for i in 0..current.list.len() {
                let t = current.list[i];
                let advance = match (&self.program[t.pc], c) {
                    (Inst::Match, _) => {
                        matched = Some((t.start, at));
                        // Lower-priority threads lose to this match.
                        break;
                    }
                    (Inst::Char(want), Some(c)) => self.eq(c, *want),
                    (Inst::Any, Some(c)) => c != '\n',
                    (Inst::Class(class), Some(c)) => class.matches(c, self.fold),
                    _ => false,
                };
                if advance {
                    self.add(&mut next, t.pc + 1, t.start, chars, at + 1, &mut stack);
                }
            }
            if at >= chars.len() {
                break;
            }
            std::mem::swap(&mut current, &mut next);
            next.clear();
            at += 1;
        }
        matched
    }

    /// The first match in `text`, as a byte range.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.find_all(text).into_iter().next()
    }

    /// Non-overlapping, non-empty matches in `text`, left to right, as byte ranges
    /// (at most [`MAX_MATCHES`]).
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let indexed: Vec<(usize, char)> = text.char_indices().collect();
        let chars: Vec<char> = indexed.iter().map(|(_, c)| *c).collect();
        let byte = |i: usize| indexed.get(i).map_or(text.len(), |(b, _)| *b);
        let mut out = Vec::new();
        let mut from = 0;
        while from <= chars.len() && out.len() < MAX_MATCHES {
            let Some((s, e)) = self.find_chars(&chars, from) else { break };
            if e > s {
                out.push(byte(s)..byte(e));
                from = e;
            } else {
                from = s + 1;
            }
        }
        out
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
        assert_eq!(all("a+?", "aaa"), vec!["aaa"], "lazy matched greedily");
        assert_eq!(all("x{2}", "xxxxx"), vec!["xx", "xx"]);
        assert_eq!(all("x{2,}", "xxxxx"), vec!["xxxxx"]);
        assert_eq!(all("x{1,2}y", "xxxy"), vec!["xxy"]);
        assert_eq!(all("a{,2}", "a{,2}"), vec!["a{,2}"], "not a quantifier: literal");
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
        for p in ["(?=x)", "(?!x)", "(?<=x)a", "(?<!x)a", r"(a)\1", "(?s).", r"\p{L}", "[[:alpha:]]", r"\k<n>"] {
            assert!(matches!(Regex::new(p), Err(RegexError::Unsupported(_))), "{p}");
        }
        for p in ["(", "a)", "[a", "*a", "a**b|+", "\\", "[z-a]", "x{3,1}", r"\xZZ", "(?P<a b>x)"] {
            assert!(matches!(Regex::new(p), Err(RegexError::Invalid(_))), "{p}: {:?}", Regex::new(p));
        }
        assert_eq!(Regex::new("a{1000}"), Err(RegexError::TooComplex));
        assert_eq!(Regex::new(&"(".repeat(100)), Err(RegexError::TooComplex));
        assert_eq!(Regex::new("((a{100}){100})"), Err(RegexError::TooComplex));
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
