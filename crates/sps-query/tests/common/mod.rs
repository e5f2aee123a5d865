//! A small reader of query text written independently of the crate's parser, to check
//! what text means under the readings a search backend may apply:
//!
//! - [`Reading::ClassicOr`]: Lucene's classic QueryParser with OR as the default
//!   operator (SPS, Elasticsearch's `query_string`): one flat list of clauses per
//!   parenthesis level, AND making both neighbours required, a lone `-x`-only list
//!   matching everything but `x` (Elasticsearch adds a match-all);
//! - [`Reading::ClassicAnd`]: the same parser with AND as the default operator, where
//!   OR makes the clause before it optional;
//! - [`Reading::AndFirst`]: plain boolean precedence, NOT over AND over OR (no prefixes,
//!   no implicit operator: only what the printer writes).
//!
//! Leaves are identified by their text: `field:value` (a value inside `field:(…)` is
//! `field:value` too), or the bare value. Values are not interpreted, only told apart.

use std::collections::BTreeSet;

use sps_query::{Expr, Query};

/// How text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    ClassicOr,
    ClassicAnd,
    AndFirst,
}

pub const READINGS: [Reading; 3] = [Reading::ClassicOr, Reading::ClassicAnd, Reading::AndFirst];

#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// `(`, or `field:(` with the group's field.
    Open(Option<String>),
    Close,
    And,
    Or,
    Not,
    Plus,
    Minus,
    /// A value as written, with its field if one was written before it.
    Leaf(Option<String>, String),
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < chars.len() {
        let c = chars[pos];
        if c.is_whitespace() {
            pos += 1;
            continue;
        }
        let token = match c {
            '(' => {
                pos += 1;
                Token::Open(None)
            }
            ')' => {
                pos += 1;
                Token::Close
            }
            '+' => {
                pos += 1;
                Token::Plus
            }
            '-' => {
                pos += 1;
                Token::Minus
            }
            '!' => {
                pos += 1;
                Token::Not
            }
            _ => {
                let word = value(&chars, &mut pos)?;
                if chars.get(pos) == Some(&':') {
                    pos += 1;
                    if chars.get(pos) == Some(&'(') {
                        pos += 1;
                        Token::Open(Some(word))
                    } else {
                        Token::Leaf(Some(word), value(&chars, &mut pos)?)
                    }
                } else {
                    match word.as_str() {
                        "AND" | "&&" => Token::And,
                        "OR" | "||" => Token::Or,
                        "NOT" => Token::Not,
                        _ => Token::Leaf(None, word),
                    }
                }
            }
        };
        out.push(token);
    }
    Ok(out)
}

/// A phrase, a range or a word (backslash escapes kept), as written.
fn value(chars: &[char], pos: &mut usize) -> Result<String, String> {
    let start = *pos;
    match chars.get(start) {
        Some('"') => {
            *pos += 1;
            while let Some(&c) = chars.get(*pos) {
                *pos += if c == '\\' { 2 } else { 1 };
                if c == '"' {
                    return Ok(chars[start..*pos].iter().collect());
                }
            }
            Err("unclosed phrase".into())
        }
        Some('[' | '{') => {
            let mut quoted = false;
            while let Some(&c) = chars.get(*pos) {
                *pos += if c == '\\' { 2 } else { 1 };
                match c {
                    '"' => quoted = !quoted,
                    ']' | '}' if !quoted => return Ok(chars[start..*pos].iter().collect()),
                    _ => {}
                }
            }
            Err("unclosed range".into())
        }
        _ => {
            while let Some(&c) = chars.get(*pos) {
                if c.is_whitespace() || matches!(c, '(' | ')' | ':') {
                    break;
                }
                *pos += if c == '\\' { 2 } else { 1 };
            }
            *pos = (*pos).min(chars.len());
            if *pos == start {
                return Err(format!("expected a value at character {start}"));
            }
            Ok(chars[start..*pos].iter().collect())
        }
    }
}

/// What text means: a Lucene BooleanQuery level, or a leaf.
#[derive(Debug)]
enum Node {
    Leaf(String),
    Boolean(Vec<(Occur, Node)>),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Occur {
    Should,
    Must,
    MustNot,
}

struct Reader {
    tokens: Vec<Token>,
    pos: usize,
    reading: Reading,
}

impl Reader {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    fn leaf(group: Option<&str>, field: Option<String>, value: String) -> Node {
        match field.as_deref().or(group) {
            Some(field) => Node::Leaf(format!("{field}:{value}")),
            None => Node::Leaf(value),
        }
    }

    fn primary(&mut self, group: Option<&str>) -> Result<Node, String> {
        match self.next() {
            Some(Token::Open(field)) => {
                let inner_group = field.or(group.map(str::to_owned));
                let node = self.list(inner_group.as_deref())?;
                match self.next() {
                    Some(Token::Close) => Ok(node),
                    other => Err(format!("expected `)`, got {other:?}")),
                }
            }
            Some(Token::Leaf(field, value)) => Ok(Self::leaf(group, field, value)),
            other => Err(format!("expected a clause, got {other:?}")),
        }
    }

    fn list(&mut self, group: Option<&str>) -> Result<Node, String> {
        match self.reading {
            Reading::ClassicOr | Reading::ClassicAnd => self.classic(group),
            Reading::AndFirst => self.or_list(group),
        }
    }

    /// Lucene's `Query` production with `addClause`.
    fn classic(&mut self, group: Option<&str>) -> Result<Node, String> {
        let default_and = self.reading == Reading::ClassicAnd;
        let mut clauses: Vec<(Occur, Node)> = Vec::new();
        loop {
            let conjunction = match self.peek() {
                None | Some(Token::Close) => break,
                Some(Token::And) if !clauses.is_empty() => Some(true),
                Some(Token::Or) if !clauses.is_empty() => Some(false),
                Some(Token::And | Token::Or) => return Err("operator without a clause before it".into()),
                _ => None,
            };
            if conjunction.is_some() {
                self.pos += 1;
            }
            let modifier = match self.peek() {
                Some(Token::Plus) => Some(Occur::Must),
                Some(Token::Minus | Token::Not) => Some(Occur::MustNot),
                _ => None,
            };
            if modifier.is_some() {
                self.pos += 1;
            }
            let node = self.primary(group)?;
            if let Some(last) = clauses.last_mut().filter(|(occur, _)| *occur != Occur::MustNot) {
                match conjunction {
                    Some(true) => last.0 = Occur::Must,
                    Some(false) if default_and => last.0 = Occur::Should,
                    _ => {}
                }
            }
            let prohibited = modifier == Some(Occur::MustNot);
            let required = if default_and {
                !prohibited && conjunction != Some(false)
            } else {
                modifier == Some(Occur::Must) || (conjunction == Some(true) && !prohibited)
            };
            let occur = if prohibited {
                Occur::MustNot
            } else if required {
                Occur::Must
            } else {
                Occur::Should
            };
            clauses.push((occur, node));
        }
        if clauses.is_empty() {
            return Err("empty level".into());
        }
        Ok(Node::Boolean(clauses))
    }

    fn or_list(&mut self, group: Option<&str>) -> Result<Node, String> {
        let mut operands = vec![self.and_list(group)?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            operands.push(self.and_list(group)?);
        }
        match self.peek() {
            None | Some(Token::Close) => Ok(Node::Or(operands)),
            Some(other) => Err(format!("implicit operator before {other:?}: no AND-first reading")),
        }
    }

    fn and_list(&mut self, group: Option<&str>) -> Result<Node, String> {
        let mut operands = vec![self.unary(group)?];
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            operands.push(self.unary(group)?);
        }
        Ok(Node::And(operands))
    }

    fn unary(&mut self, group: Option<&str>) -> Result<Node, String> {
        match self.peek() {
            Some(Token::Not) => {
                self.pos += 1;
                Ok(Node::Not(Box::new(self.unary(group)?)))
            }
            Some(Token::Plus | Token::Minus) => Err("prefix `+`/`-`: no AND-first reading".into()),
            _ => self.primary(group),
        }
    }
}

fn read(text: &str, reading: Reading) -> Result<Node, String> {
    let mut reader = Reader { tokens: tokens(text)?, pos: 0, reading };
    let node = reader.list(None)?;
    match reader.peek() {
        None => Ok(node),
        Some(extra) => Err(format!("unexpected {extra:?}")),
    }
}

fn holds(node: &Node, truth: &dyn Fn(&str) -> Result<bool, String>) -> Result<bool, String> {
    Ok(match node {
        Node::Leaf(key) => truth(key)?,
        Node::And(operands) => {
            let mut all = true;
            for operand in operands {
                all &= holds(operand, truth)?;
            }
            all
        }
        Node::Or(operands) => {
            let mut any = false;
            for operand in operands {
                any |= holds(operand, truth)?;
            }
            any
        }
        Node::Not(operand) => !holds(operand, truth)?,
        Node::Boolean(clauses) => {
            let (mut must, mut must_not, mut should, mut any_should, mut has_must) = (true, false, false, false, false);
            for (occur, clause) in clauses {
                let value = holds(clause, truth)?;
                match occur {
                    Occur::Must => {
                        has_must = true;
                        must &= value;
                    }
                    Occur::MustNot => must_not |= value,
                    Occur::Should => {
                        any_should = true;
                        should |= value;
                    }
                }
            }
            must && !must_not && (has_must || !any_should || should)
        }
    })
}

/// The text a clause prints as: the leaf's name.
fn leaf_key(expr: &Expr) -> String {
    Query::from(expr.clone()).print()
}

fn node_leaves(node: &Node, out: &mut BTreeSet<String>) {
    match node {
        Node::Leaf(key) => {
            out.insert(key.clone());
        }
        Node::Boolean(clauses) => clauses.iter().for_each(|(_, n)| node_leaves(n, out)),
        Node::And(nodes) | Node::Or(nodes) => nodes.iter().for_each(|n| node_leaves(n, out)),
        Node::Not(node) => node_leaves(node, out),
    }
}

fn leaves(expr: &Expr, out: &mut BTreeSet<String>) {
    match expr {
        Expr::Or { operands, .. } | Expr::And { operands, .. } => operands.iter().for_each(|e| leaves(e, out)),
        Expr::Not { operand, .. } => leaves(operand, out),
        Expr::Clause(_) => {
            out.insert(leaf_key(expr));
        }
    }
}

fn tree_holds(expr: &Expr, truth: &dyn Fn(&str) -> Result<bool, String>) -> Result<bool, String> {
    Ok(match expr {
        Expr::Or { operands, .. } => {
            let mut any = false;
            for operand in operands {
                any |= tree_holds(operand, truth)?;
            }
            any
        }
        Expr::And { operands, .. } => {
            let mut all = true;
            for operand in operands {
                all &= tree_holds(operand, truth)?;
            }
            all
        }
        Expr::Not { operand, .. } => !tree_holds(operand, truth)?,
        Expr::Clause(_) => truth(&leaf_key(expr))?,
    })
}

/// Whether `text` read the `reading` way means what `tree` means: the same truth value
/// for every assignment of the leaves of both (all of them for up to 12 leaves, else a
/// fixed pseudo-random sample).
pub fn same_meaning(tree: &Expr, text: &str, reading: Reading) -> Result<(), String> {
    let node = read(text, reading).map_err(|e| format!("`{text}` read {reading:?}: {e}"))?;
    let mut keys = BTreeSet::new();
    leaves(tree, &mut keys);
    node_leaves(&node, &mut keys);
    let keys: Vec<String> = keys.into_iter().collect();
    let exhaustive = keys.len() <= 12;
    let rounds: u64 = if exhaustive { 1 << keys.len() } else { 4096 };
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..rounds {
        let bits = if exhaustive {
            round
        } else {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            seed >> 7
        };
        let truth = |key: &str| -> Result<bool, String> {
            let index = keys.iter().position(|k| k == key).ok_or_else(|| format!("no leaf `{key}`"))?;
            Ok(bits >> (index % 64) & 1 == 1)
        };
        let (want, got) = (tree_holds(tree, &truth)?, holds(&node, &truth)?);
        if want != got {
            let assignment: Vec<String> = keys.iter().filter(|k| truth(k).unwrap_or(false)).cloned().collect();
            return Err(format!(
                "`{text}` read {reading:?} is {got} where the tree is {want}, with true: {assignment:?}"
            ));
        }
    }
    Ok(())
}
