//! Recursive-descent parser from tokens to a normalised [`Query`].
//!
//! Grammar and semantics are documented in the crate docs; in short: OR-level lists
//! (explicit `OR`/`||` or plain juxtaposition) of AND-level lists of prefixed clauses.
//! Lucene's prefix rules are resolved here: in an OR-level list, `-x`/`NOT x`/`!x` exclude
//! and `+x` requires, so the list becomes a conjunction.

use crate::ast::{Clause, Expr, FieldRef, Pattern, Query, Value};
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
    /// How many operands the top-level OR-level list has (1 for `a AND b`, 2 for `a b`).
    pub top_level_operands: usize,
}

pub(crate) fn parse_outline(source: &str) -> Result<Outline, ParseError> {
    let tokens = tokenize(source);
    let mut parser = Parser { source, tokens: &tokens, pos: 0, depth: 0, ignored: Vec::new() };
    if tokens.is_empty() {
        return Ok(Outline { query: Query::empty(), top_level_operands: 0 });
    }
    let (root, top_level_operands) = parser.or_list(None)?;
    if let Some(token) = parser.peek() {
        // Only a stray `)` stops the top-level list early.
        return Err(ParseError::new(ParseErrorKind::UnmatchedCloseParen, token.span));
    }
    Ok(Outline { query: Query::with_ignored(Some(root), parser.ignored), top_level_operands })
}

/// How a clause takes part in an OR-level list (Lucene's "occur").
#[derive(Clone, Copy, PartialEq)]
enum Occur {
    /// Plain: one of the alternatives.
    Should,
    /// `+x`: must match.
    Must,
    /// `-x`, `!x`, `NOT x`: must not match.
    MustNot,
}

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

struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    depth: usize,
    ignored: Vec<Span>,
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

    /// `and_list { [OR] and_list }` up to `)` or the end; returns the normalised
    /// expression and how many operands the list had.
    fn or_list(&mut self, group: Option<&FieldRef>) -> Result<(Expr, usize), ParseError> {
        let mut operands = vec![self.and_list(group)?];
        loop {
            match self.peek() {
                None => break,
                Some(token) if token.kind == TokenKind::RParen => break,
                Some(token) if token.kind == TokenKind::Or => {
                    let operator = token.span;
                    self.pos += 1;
                    if !self.at_operand() {
                        return Err(self.missing_right(operator));
                    }
                }
                Some(_) => {}
            }
            operands.push(self.and_list(group)?);
        }
        let count = operands.len();
        Ok((self.resolve_occurs(operands), count))
    }

    /// Applies Lucene's prefix rules to an OR-level list (see the crate docs).
    fn resolve_occurs(&mut self, operands: Vec<Operand>) -> Expr {
        let span = operands.iter().map(|o| o.span).reduce(Span::cover).unwrap_or_default();
        if operands.iter().all(|o| o.occur == Occur::Should) {
            let mut exprs: Vec<Expr> = operands.into_iter().map(|o| o.expr).collect();
            return match exprs.len() {
                1 => exprs.remove(0),
                _ => Expr::Or { operands: exprs, span },
            };
        }
        let has_must = operands.iter().any(|o| o.occur == Occur::Must);
        let mut should = Vec::new();
        let mut conjuncts = Vec::new();
        for operand in operands {
            match operand.occur {
                Occur::Should if has_must => self.ignored.push(operand.span),
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
        match conjuncts.len() {
            1 => conjuncts.remove(0),
            _ => Expr::And { operands: conjuncts, span },
        }
    }

    /// `unary { AND unary }`. A single operand keeps its prefix for the OR-level list.
    fn and_list(&mut self, group: Option<&FieldRef>) -> Result<Operand, ParseError> {
        let first = self.unary(group)?;
        if self.peek_kind() != Some(&TokenKind::And) {
            return Ok(first);
        }
        let mut span = first.span;
        let mut operands = vec![first.into_expr()];
        while let Some(token) = self.peek().filter(|t| t.kind == TokenKind::And) {
            let operator = token.span;
            self.pos += 1;
            if !self.at_operand() {
                return Err(self.missing_right(operator));
            }
            let operand = self.unary(group)?;
            span = span.cover(operand.span);
            operands.push(operand.into_expr());
        }
        Ok(Operand::plain(Expr::And { operands, span }))
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

    /// `( or_list )`, `field : value`, `field : ( or_list )` or a bare value.
    fn primary(&mut self, group: Option<&FieldRef>) -> Result<Expr, ParseError> {
        let Some(token) = self.next() else {
            return Err(self.unexpected_end());
        };
        match &token.kind {
            TokenKind::LParen => self.parenthesised(token.span, group),
            TokenKind::Word if self.peek_kind() == Some(&TokenKind::Colon) => self.fielded(token.span, group),
            TokenKind::Word | TokenKind::Phrase(_) | TokenKind::Range(_) => {
                let value = self.value_of(token);
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
        let (mut expr, _) = self.or_list(group)?;
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
        let column = open.column(self.source);
        ParseError::new(ParseErrorKind::UnclosedParen { column }, open)
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
            TokenKind::Word | TokenKind::Phrase(_) | TokenKind::Range(_) => {
                let value = self.value_of(token);
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

    fn value_of(&self, token: &Token) -> Value {
        match &token.kind {
            TokenKind::Phrase(text) => Value::Phrase(text.clone()),
            TokenKind::Range(range) => Value::Range(range.clone()),
            _ => match Pattern::unescape(self.text(token.span)).into_literal() {
                Ok(text) => Value::Term(text),
                Err(pattern) => Value::Wildcard(pattern),
            },
        }
    }
}
