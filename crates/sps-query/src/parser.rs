//! Recursive-descent parser from tokens to a normalised [`Query`].
//!
//! Grammar and semantics are documented in the crate docs; in short, Lucene's classic
//! QueryParser with OR as the default operator: each parenthesis level is one flat list
//! of prefixed clauses, and the operator before a clause decides how it and its
//! neighbour take part (`addClause`): AND makes both required, OR and juxtaposition
//! leave them optional. The list then means what Lucene's BooleanQuery does, resolved
//! here into plain boolean logic.

use crate::ast::{Clause, Expr, FieldRef, MixedLevel, Pattern, Query, Value};
use crate::error::{ParseError, ParseErrorKind};
use crate::lexer::{tokenize, Token, TokenKind};
use crate::span::Span;

/// How deep parentheses and prefix operators may nest. Bounds recursion so that no
/// input can exhaust the stack.
pub const MAX_DEPTH: usize = 100;

/// Parses a query. Whitespace-only text is the empty query.
pub fn parse(source: &str) -> Result<Query, ParseError> {
    parse_outline(source).map(|outline| outline.query)
}

/// A parsed query plus what [`crate::builder::add_clause`] needs to know about its text.
pub(crate) struct Outline {
    pub query: Query,
    /// Whether the top level is one clause or clauses joined by AND only, so that
    /// `text AND x` keeps meaning `(text) AND x`.
    pub top_level_is_conjunction: bool,
}

pub(crate) fn parse_outline(source: &str) -> Result<Outline, ParseError> {
    parse_tokens(source).map_err(|error| error.located(source))
}

fn parse_tokens(source: &str) -> Result<Outline, ParseError> {
    let tokens = tokenize(source);
    let mut parser = Parser { source, tokens: &tokens, pos: 0, depth: 0, ignored: Vec::new(), mixed: Vec::new() };
    if tokens.is_empty() {
        let query = Query::parsed(None, Vec::new(), Vec::new(), source);
        return Ok(Outline { query, top_level_is_conjunction: true });
    }
    let (root, top_level_is_conjunction) = parser.list(None)?;
    if let Some(token) = parser.peek() {
        // Only a stray `)` stops the top-level list early.
        return Err(ParseError::new(ParseErrorKind::UnmatchedCloseParen, token.span));
    }
    let query = Query::parsed(Some(root), parser.ignored, parser.mixed, source);
    Ok(Outline { query, top_level_is_conjunction })
}

/// How a clause takes part in its list (Lucene's "occur").
#[derive(Clone, Copy, PartialEq)]
enum Occur {
    /// Optional: one of the alternatives, unless a clause of the list is required.
    Should,
    /// Required: `+x`, or joined by AND.
    Must,
    /// Excluded: `-x`, `!x`, `NOT x`.
    MustNot,
}

#[derive(Clone)]
struct Operand {
    expr: Expr,
    occur: Occur,
    /// Source text including any prefix.
    span: Span,
}

impl Operand {
    fn plain(expr: Expr) -> Self {
        let span = expr.span();
        Operand { expr, occur: Occur::Should, span }
    }

    /// The operand on its own: an exclusion is a negation, a requirement is the clause.
    fn into_expr(self) -> Expr {
        match self.occur {
            Occur::MustNot => Expr::Not { operand: Box::new(self.expr), span: self.span },
            Occur::Should | Occur::Must => self.expr,
        }
    }
}

/// The operator written before a clause of a list.
#[derive(Clone, Copy, PartialEq)]
enum Conjunction {
    /// None (the first clause, or juxtaposition: the default OR).
    Implicit,
    And,
    Or,
}

/// A clause of a list with the operator before it and its own prefix's occur.
struct Item {
    conjunction: Conjunction,
    operand: Operand,
}

/// Lucene's `addClause` with OR as the default operator: AND makes the clause before it
/// required (unless excluded) and the clause after it required (unless excluded).
fn classic_occurs(items: Vec<Item>) -> Vec<Operand> {
    let mut operands: Vec<Operand> = Vec::with_capacity(items.len());
    for item in items {
        let mut operand = item.operand;
        if item.conjunction == Conjunction::And {
            if let Some(previous) = operands.last_mut().filter(|p| p.occur != Occur::MustNot) {
                previous.occur = Occur::Must;
            }
            if operand.occur != Occur::MustNot {
                operand.occur = Occur::Must;
            }
        }
        operands.push(operand);
    }
    operands
}

/// The same list read with AND before OR: runs joined by AND become one conjunction,
/// and the prefix rules apply to what is left.
fn and_first_occurs(items: &[Item]) -> Vec<Operand> {
    let mut operands: Vec<Operand> = Vec::new();
    let mut run: Vec<Operand> = Vec::new();
    let close = |run: &mut Vec<Operand>, operands: &mut Vec<Operand>| match run.len() {
        0 => {}
        1 => operands.extend(run.pop()),
        _ => {
            let span = run.iter().map(|o| o.span).reduce(Span::cover).unwrap_or_default();
            let conjuncts = run.drain(..).map(Operand::into_expr).collect();
            operands.push(Operand::plain(Expr::And { operands: conjuncts, span }));
        }
    };
    for item in items {
        if item.conjunction != Conjunction::And {
            close(&mut run, &mut operands);
        }
        run.push(item.operand.clone());
    }
    close(&mut run, &mut operands);
    operands
}

/// What a list of operands means, as Lucene's BooleanQuery: every required clause
/// matches and no excluded one; with no required clause at least one optional one
/// matches; optional clauses beside a required one filter nothing (returned apart).
fn resolve_occurs(operands: Vec<Operand>) -> (Expr, Vec<Span>) {
    let span = operands.iter().map(|o| o.span).reduce(Span::cover).unwrap_or_default();
    if operands.iter().all(|o| o.occur == Occur::Should) {
        let mut exprs: Vec<Expr> = operands.into_iter().map(|o| o.expr).collect();
        let expr = match exprs.len() {
            1 => exprs.remove(0),
            _ => Expr::Or { operands: exprs, span },
        };
        return (expr, Vec::new());
    }
    let has_must = operands.iter().any(|o| o.occur == Occur::Must);
    let mut ignored = Vec::new();
    let mut should = Vec::new();
    let mut conjuncts = Vec::new();
    for operand in operands {
        match operand.occur {
            Occur::Should if has_must => ignored.push(operand.span),
            Occur::Should => should.push(operand.expr),
            Occur::Must | Occur::MustNot => conjuncts.push(operand.into_expr()),
        }
    }
    match should.len() {
        0 => {}
        1 => conjuncts.insert(0, should.remove(0)),
        _ => {
            let or_span = should.iter().map(Expr::span).reduce(Span::cover).unwrap_or_default();
            conjuncts.insert(0, Expr::Or { operands: should, span: or_span });
        }
    }
    let expr = match conjuncts.len() {
        1 => conjuncts.remove(0),
        _ => Expr::And { operands: conjuncts, span },
    };
    (expr, ignored)
}

struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    depth: usize,
    ignored: Vec<Span>,
    mixed: Vec<MixedLevel>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_kind(&self) -> Option<&TokenKind> {
        self.peek().map(|t| &t.kind)
    }

    fn next(&mut self) -> Option<&'a Token> {
        let tokens = self.tokens;
        let token = tokens.get(self.pos);
        self.pos += 1;
        token
    }

    /// Offset just past the last consumed token (where a missing piece would go).
    fn end_of_previous(&self) -> usize {
        self.pos.checked_sub(1).and_then(|i| self.tokens.get(i)).map_or(0, |t| t.span.end)
    }

    fn text(&self, span: Span) -> &str {
        span.text(self.source)
    }

    /// Whether the next token can begin a clause (else an operator lacks its operand).
    fn at_operand(&self) -> bool {
        !matches!(self.peek_kind(), None | Some(TokenKind::RParen | TokenKind::And | TokenKind::Or))
    }

    fn enter(&mut self, at: Span) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::new(ParseErrorKind::TooDeep { limit: MAX_DEPTH }, at));
        }
        Ok(())
    }

    /// Callers check for an operand before descending, so running out of tokens means
    /// the previous token lacks what follows it.
    fn unexpected_end(&self) -> ParseError {
        let previous = self.pos.checked_sub(1).and_then(|i| self.tokens.get(i)).map_or(Span::at(0), |t| t.span);
        self.missing_right(previous)
    }

    fn missing_right(&self, operator: Span) -> ParseError {
        let kind = ParseErrorKind::MissingRightOperand { operator: self.text(operator).to_owned() };
        ParseError::new(kind, operator)
    }

    /// `clause { [AND | OR] clause }` up to `)` or the end: the level's expression, and
    /// whether it is one clause or clauses joined by AND only.
    fn list(&mut self, group: Option<&FieldRef>) -> Result<(Expr, bool), ParseError> {
        let mut items = vec![Item { conjunction: Conjunction::Implicit, operand: self.unary(group)? }];
        loop {
            let conjunction = match self.peek_kind() {
                None | Some(TokenKind::RParen) => break,
                Some(TokenKind::And) => Conjunction::And,
                Some(TokenKind::Or) => Conjunction::Or,
                Some(_) => Conjunction::Implicit,
            };
            if conjunction != Conjunction::Implicit {
                let operator = self.peek().map_or(Span::default(), |t| t.span);
                self.pos += 1;
                if !self.at_operand() {
                    return Err(self.missing_right(operator));
                }
            }
            items.push(Item { conjunction, operand: self.unary(group)? });
        }
        let joined_by_and = items.iter().skip(1).all(|item| item.conjunction == Conjunction::And);
        let mixes = !joined_by_and && items.iter().any(|item| item.conjunction == Conjunction::And);
        let and_first = mixes.then(|| resolve_occurs(and_first_occurs(&items)).0);
        let span = items.iter().map(|i| i.operand.span).reduce(Span::cover).unwrap_or_default();
        let (expr, ignored) = resolve_occurs(classic_occurs(items));
        if let Some(and_first) = and_first.filter(|other| other.normalised() != expr.normalised()) {
            self.mixed.push(MixedLevel { span, reading: expr.clone(), ignored: ignored.clone(), and_first });
        }
        self.ignored.extend(ignored);
        Ok((expr, joined_by_and))
    }

    /// `(NOT | ! | - | +) unary | primary`.
    fn unary(&mut self, group: Option<&FieldRef>) -> Result<Operand, ParseError> {
        let Some(token) = self.peek() else {
            return Err(self.unexpected_end());
        };
        let occur = match token.kind {
            TokenKind::Not | TokenKind::Minus => Occur::MustNot,
            TokenKind::Plus => Occur::Must,
            _ => return self.primary(group).map(Operand::plain),
        };
        let operator = token.span;
        self.pos += 1;
        if !self.at_operand() {
            return Err(self.missing_right(operator));
        }
        self.enter(operator)?;
        let inner = self.unary(group)?;
        self.depth -= 1;
        let span = operator.cover(inner.span);
        Ok(Operand { expr: inner.into_expr(), occur, span })
    }

    /// `( list )`, `field : value`, `field : ( list )` or a bare value.
    fn primary(&mut self, group: Option<&FieldRef>) -> Result<Expr, ParseError> {
        let Some(token) = self.next() else {
            return Err(self.unexpected_end());
        };
        match &token.kind {
            TokenKind::LParen => self.parenthesised(token.span, group),
            TokenKind::Word if self.peek_kind() == Some(&TokenKind::Colon) => self.fielded(token.span, group),
            TokenKind::Word | TokenKind::Phrase(_) | TokenKind::Range(_) => {
                let value = self.value_of(token)?;
                Ok(Expr::Clause(Clause { field: group.cloned(), value, value_span: token.span, span: token.span }))
            }
            TokenKind::And | TokenKind::Or => {
                let operator = self.text(token.span).to_owned();
                Err(ParseError::new(ParseErrorKind::MissingLeftOperand { operator }, token.span))
            }
            TokenKind::Colon => Err(ParseError::new(ParseErrorKind::MissingField, token.span)),
            TokenKind::RParen => Err(ParseError::new(ParseErrorKind::UnmatchedCloseParen, token.span)),
            TokenKind::Error(kind, at) => Err(ParseError::new(kind.clone(), *at)),
            // Prefixes are consumed by `unary`; reaching one here is impossible, but an
            // error is the honest answer rather than a panic.
            TokenKind::Not | TokenKind::Plus | TokenKind::Minus => Err(self.missing_right(token.span)),
        }
    }

    fn parenthesised(&mut self, open: Span, group: Option<&FieldRef>) -> Result<Expr, ParseError> {
        self.enter(open)?;
        if self.peek().is_none() {
            return Err(self.unclosed(open));
        }
        if self.peek_kind() == Some(&TokenKind::RParen) {
            let close = self.next().map_or(open, |t| t.span);
            return Err(ParseError::new(ParseErrorKind::EmptyParens, open.cover(close)));
        }
        let (mut expr, _) = self.list(group)?;
        self.close_paren(open)?;
        self.depth -= 1;
        expr.set_span(open.cover(Span::at(self.end_of_previous())));
        Ok(expr)
    }

    fn close_paren(&mut self, open: Span) -> Result<(), ParseError> {
        match self.next() {
            Some(token) if token.kind == TokenKind::RParen => Ok(()),
            _ => Err(self.unclosed(open)),
        }
    }

    fn unclosed(&self, open: Span) -> ParseError {
        let at = open.position(self.source);
        ParseError::new(ParseErrorKind::UnclosedParen { at }, open)
    }

    /// After `word`, with a `:` next.
    fn fielded(&mut self, name_span: Span, group: Option<&FieldRef>) -> Result<Expr, ParseError> {
        let pattern = Pattern::unescape(self.text(name_span));
        let name = pattern.into_literal().map_err(|_| ParseError::new(ParseErrorKind::WildcardInField, name_span))?;
        if let Some(group) = group {
            let kind = ParseErrorKind::NestedField { field: name, group: group.name.clone() };
            return Err(ParseError::new(kind, name_span));
        }
        let field = FieldRef { name, span: name_span };
        self.pos += 1; // the colon
        let Some(token) = self.next() else {
            let kind = ParseErrorKind::MissingValue { field: field.name };
            return Err(ParseError::new(kind, Span::at(self.source.len())));
        };
        match &token.kind {
            TokenKind::Word if self.peek_kind() == Some(&TokenKind::Colon) => {
                Err(self.nested_fields(field, token.span))
            }
            TokenKind::Word | TokenKind::Phrase(_) | TokenKind::Range(_) => {
                let value = self.value_of(token)?;
                let span = name_span.cover(token.span);
                Ok(Expr::Clause(Clause { field: Some(field), value, value_span: token.span, span }))
            }
            TokenKind::LParen => {
                let mut expr = self.parenthesised(token.span, Some(&field))?;
                expr.set_span(name_span.cover(expr.span()));
                Ok(expr)
            }
            TokenKind::And | TokenKind::Or | TokenKind::Not => {
                let operator = self.text(token.span).to_owned();
                Err(ParseError::new(ParseErrorKind::OperatorAsValue { operator }, token.span))
            }
            TokenKind::Error(kind, at) => Err(ParseError::new(kind.clone(), *at)),
            TokenKind::RParen | TokenKind::Colon | TokenKind::Plus | TokenKind::Minus => {
                let kind = ParseErrorKind::MissingValue { field: field.name };
                Err(ParseError::new(kind, token.span))
            }
        }
    }

    /// `field:word:…`, with the second colon next: the value `word:…` as one (every
    /// further `:` and word), for the message's suggestions.
    fn nested_fields(&mut self, field: FieldRef, word: Span) -> ParseError {
        let mut value = Pattern::unescape(self.text(word)).to_text();
        let mut span = field.span.cover(word);
        while let Some(colon) = self.peek().filter(|t| t.kind == TokenKind::Colon) {
            value.push(':');
            span = span.cover(colon.span);
            self.pos += 1;
            if let Some(rest) = self.peek().filter(|t| t.kind == TokenKind::Word) {
                value.push_str(&Pattern::unescape(rest.span.text(self.source)).to_text());
                span = span.cover(rest.span);
                self.pos += 1;
            }
        }
        ParseError::new(ParseErrorKind::NestedFields { field: field.name, value }, span)
    }

    fn value_of(&self, token: &Token) -> Result<Value, ParseError> {
        let raw = self.text(token.span);
        Ok(match &token.kind {
            TokenKind::Phrase(text) => Value::Phrase(text.clone()),
            TokenKind::Range(range) => Value::Range(range.clone()),
            _ => match Pattern::unescape(raw).into_literal() {
                // SPS's search unescapes before it looks for a comparison.
                Ok(text) if raw.starts_with("\\<") || raw.starts_with("\\>") => {
                    return Err(ParseError::new(ParseErrorKind::EscapedComparison { value: text }, token.span));
                }
                Ok(text) => Value::Term(text),
                Err(pattern) => Value::Wildcard(pattern),
            },
        })
    }
}
