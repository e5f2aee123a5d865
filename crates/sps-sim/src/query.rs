//! The query language (`sps_query`) translated to the search engine's queries.
//!
//! Checking comes first ([`parse_sessions_query`], [`parse_content_query`]): a query
//! that does not parse, or that the validator finds an error in (an unknown field,
//! `duration:abc`, a range without a field, …), is a 400 `InvalidQueryValue` with the
//! validator's message. What passes is translated with the semantics of
//! `sps_query::Query::matches`:
//!
//! | clause | index query |
//! | --- | --- |
//! | text `field:value`, `field:"a b"` | the lower-cased value as one term |
//! | text `field:ad*n?` | the pattern over the field's values (see [`crate::scan`]) |
//! | text `field:[a TO b]` | a term range over the lower-cased terms |
//! | integer, date | ranges over the column (a number is a range of one value, a date term covers its precision: `2017-01-02` is that day) |
//! | boolean | one term |
//! | `field:*` | `_present` holds the field's name |
//! | `value` (no field) | a substring of any text field's values (see [`crate::scan`]) |
//! | `*pattern*` (no field) | **fallback**: `sps_query` evaluates the stored body |
//!
//! Content queries (the stats `content` parameter) search `_content`, the session's
//! event lines: a word is a term, several words a phrase (consecutive, within one
//! line), as `sps_query` matches full text. Clauses without a field mean `content:`.
//! Wildcards, ranges and values without any word fall back to `sps_query` evaluating
//! the session's regenerated events.

use std::fmt;
use std::ops::Bound;
use std::sync::Arc;

use serde_json::{json, Value};
use sps_query::{
    parse, parse_bool, parse_number, parse_period, validate, Bound as QueryBound, Clause, Expr, FieldRef, Query, Range,
    Schema, Severity, Value as QueryValue,
};
use tantivy::columnar::Column;
use tantivy::query::doc_predicate_query::{
    ConstOrVariableSegmentPredicate, DocPredicate, DocPredicateQuery, SegmentDocPredicate,
};
use tantivy::query::{
    AllQuery, AllScorer, BooleanQuery, EmptyQuery, InvertedIndexRangeQuery, Occur, PhraseQuery, Query as IndexQuery,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value as _};
use tantivy::store::StoreReader;
use tantivy::{DocId, SegmentReader, TantivyDocument, Term};

use crate::error::{SimError, SimResult};
use crate::events::{EventContext, EventSource};
use crate::index::{IndexFields, SessionIndex};
use crate::scan::{scan, ValueTest};

/// Parses and validates a sessions query (`q` of the session endpoints).
pub fn parse_sessions_query(text: &str) -> SimResult<Query> {
    parse_checked(text, Schema::sessions())
}

/// Parses and validates a content query (the stats `content` parameter): the events'
/// query language, restricted to `content`.
pub fn parse_content_query(text: &str) -> SimResult<Query> {
    let query = parse_checked(text, Schema::events())?;
    let mut fields = Vec::new();
    if let Some(root) = query.root() {
        clause_fields(root, &mut fields);
    }
    match fields.into_iter().find(|f| f.name != "content") {
        Some(other) => Err(SimError::InvalidQuery(format!(
            "the `content` parameter searches session content only: `{}` cannot be used in it",
            other.name
        ))),
        None => Ok(query),
    }
}

/// Parses and validates an events query (`q` of `/events`).
pub fn parse_events_query(text: &str) -> SimResult<Query> {
    parse_checked(text, Schema::events())
}

fn parse_checked(text: &str, schema: &Schema) -> SimResult<Query> {
    let query = parse(text).map_err(|e| SimError::InvalidQuery(format!("invalid query `{text}`: {e}")))?;
    let errors: Vec<String> =
        validate(&query, schema).into_iter().filter(|d| d.severity == Severity::Error).map(|d| d.message).collect();
    if errors.is_empty() {
        Ok(query)
    } else {
        Err(SimError::InvalidQuery(format!("invalid query `{text}`: {}", errors.join("; "))))
    }
}

fn clause_fields<'q>(expr: &'q Expr, out: &mut Vec<&'q FieldRef>) {
    match expr {
        Expr::Or { operands, .. } | Expr::And { operands, .. } => operands.iter().for_each(|e| clause_fields(e, out)),
        Expr::Not { operand, .. } => clause_fields(operand, out),
        Expr::Clause(clause) => out.extend(clause.field.as_ref()),
    }
}

/// The index query selecting the sessions `query` (a checked sessions query) matches.
pub fn session_filter(index: &SessionIndex, query: &Query) -> Box<dyn IndexQuery> {
    let translator = Translator { index, target: Target::Sessions };
    query.root().map_or_else(|| Box::new(AllQuery) as Box<dyn IndexQuery>, |root| translator.expr(root))
}

/// The index query selecting the sessions whose content `query` (a checked content
/// query) matches.
pub fn content_filter(index: &SessionIndex, query: &Query) -> Box<dyn IndexQuery> {
    let translator = Translator { index, target: Target::Content };
    query.root().map_or_else(|| Box::new(AllQuery) as Box<dyn IndexQuery>, |root| translator.expr(root))
}

#[derive(Clone, Copy)]
enum Target {
    Sessions,
    Content,
}

struct Translator<'a> {
    index: &'a SessionIndex,
    target: Target,
}

impl Translator<'_> {
    fn fields(&self) -> &IndexFields {
        self.index.fields()
    }

    fn expr(&self, expr: &Expr) -> Box<dyn IndexQuery> {
        match expr {
            Expr::Or { operands, .. } => Box::new(BooleanQuery::new(self.operands(operands, Occur::Should))),
            Expr::And { operands, .. } => Box::new(BooleanQuery::new(self.operands(operands, Occur::Must))),
            Expr::Not { operand, .. } => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.expr(operand)),
            ])),
            Expr::Clause(clause) => match self.target {
                Target::Sessions => self.session_clause(clause),
                Target::Content => self.content_clause(clause),
            },
        }
    }

    fn operands(&self, operands: &[Expr], occur: Occur) -> Vec<(Occur, Box<dyn IndexQuery>)> {
        operands.iter().map(|e| (occur, self.expr(e))).collect()
    }

    fn session_clause(&self, clause: &Clause) -> Box<dyn IndexQuery> {
        let Some(field_ref) = &clause.field else { return self.anywhere(clause) };
        let Some(def) = Schema::sessions().field(&field_ref.name) else { return Box::new(EmptyQuery) };
        let Some(field) = self.fields().session_field(def.name) else { return Box::new(EmptyQuery) };
        use sps_query::FieldType::*;
        match (&clause.value, def.ty) {
            (QueryValue::Wildcard(p), _) if p.is_match_all() => self.present(def.name),
            (QueryValue::Term(text) | QueryValue::Phrase(text), Text) => {
                term(Term::from_field_text(field, &lower(text)))
            }
            (QueryValue::Wildcard(pattern), Text) => scan(def.name, ValueTest::Glob(sps_query::Glob::new(pattern))),
            (QueryValue::Range(range), Text) => text_range(field, range),
            (QueryValue::Term(text) | QueryValue::Phrase(text), Integer) => match parse_number(text) {
                Some(n) => one_value(Term::from_field_f64(field, n)),
                None => Box::new(EmptyQuery),
            },
            (QueryValue::Range(range), Integer) => number_range(field, range),
            (QueryValue::Term(text) | QueryValue::Phrase(text), Boolean) => match parse_bool(text) {
                Some(b) => term(Term::from_field_bool(field, b)),
                None => Box::new(EmptyQuery),
            },
            (QueryValue::Term(text) | QueryValue::Phrase(text), Date) => match parse_period(text) {
                Some(p) => Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(field, p.start)),
                    Bound::Excluded(Term::from_field_i64(field, p.end)),
                )),
                None => Box::new(EmptyQuery),
            },
            (QueryValue::Range(range), Date) => date_range(field, range),
            (QueryValue::Wildcard(_), Integer | Boolean | Date) | (QueryValue::Range(_), Boolean) => {
                Box::new(EmptyQuery)
            }
        }
    }

    /// A clause without a field: a case-insensitive substring of any text field.
    fn anywhere(&self, clause: &Clause) -> Box<dyn IndexQuery> {
        let text_fields = Schema::sessions().default_fields().map(|def| def.name);
        match &clause.value {
            QueryValue::Term(text) | QueryValue::Phrase(text) if text.is_empty() => {
                Box::new(BooleanQuery::new(text_fields.map(|name| (Occur::Should, self.present(name))).collect()))
            }
            QueryValue::Term(text) | QueryValue::Phrase(text) => {
                let needle = lower(text);
                Box::new(BooleanQuery::new(
                    text_fields.map(|name| (Occur::Should, scan(name, ValueTest::Contains(needle.clone())))).collect(),
                ))
            }
            QueryValue::Wildcard(_) | QueryValue::Range(_) => {
                self.fallback(Fallback::Body(Query::from(Expr::Clause(clause.clone()))))
            }
        }
    }

    fn content_clause(&self, clause: &Clause) -> Box<dyn IndexQuery> {
        let field = self.fields().content;
        // A clause without a field means `content:` here (see the module docs).
        let as_content =
            Clause { field: Some(FieldRef { name: "content".into(), span: clause.span }), ..clause.clone() };
        if let QueryValue::Term(text) | QueryValue::Phrase(text) = &clause.value {
            let words = self.index.content_words(text);
            match words.as_slice() {
                [] => {}
                [word] => return term(Term::from_field_text(field, word)),
                _ => {
                    return Box::new(PhraseQuery::new(words.iter().map(|w| Term::from_field_text(field, w)).collect()))
                }
            }
        }
        self.fallback(Fallback::Content(Query::from(Expr::Clause(as_content))))
    }

    fn present(&self, name: &str) -> Box<dyn IndexQuery> {
        term(Term::from_field_text(self.fields().present, name))
    }

    fn fallback(&self, test: Fallback) -> Box<dyn IndexQuery> {
        Box::new(DocPredicateQuery::from(StoredPredicate {
            test: Arc::new(test),
            body: self.fields().body,
            events: self.fields().events,
        }))
    }
}

fn term(term: Term) -> Box<dyn IndexQuery> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// Equality on a column-only (fast) field: the range of one value.
fn one_value(value: Term) -> Box<dyn IndexQuery> {
    Box::new(RangeQuery::new(Bound::Included(value.clone()), Bound::Included(value)))
}

/// Lower-cases as the index does (character by character).
pub fn lower(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// Reads each end of `range` with `read`; an open lower end becomes `lowest` (the
/// engine needs one end to know the field). An unreadable end matches nothing.
fn bounds<T>(range: &Range, lowest: T, read: impl Fn(&str) -> Option<T>) -> Option<(Bound<T>, Bound<T>)> {
    let end = |bound: &QueryBound| -> Option<Bound<T>> {
        Some(match bound {
            QueryBound::Unbounded => Bound::Unbounded,
            QueryBound::Inclusive(e) => Bound::Included(read(&e.text)?),
            QueryBound::Exclusive(e) => Bound::Excluded(read(&e.text)?),
        })
    };
    let lower = match end(&range.lower)? {
        Bound::Unbounded => Bound::Included(lowest),
        other => other,
    };
    Some((lower, end(&range.upper)?))
}

fn text_range(field: Field, range: &Range) -> Box<dyn IndexQuery> {
    match bounds(range, String::new(), |t| Some(lower(t))) {
        // The keyword fields are fast too; their columns hold the text as written, so
        // the range must run on the (lower-cased) terms.
        Some((lo, hi)) => Box::new(InvertedIndexRangeQuery::new(
            lo.map(|t| Term::from_field_text(field, &t)),
            hi.map(|t| Term::from_field_text(field, &t)),
        )),
        None => Box::new(EmptyQuery),
    }
}

fn number_range(field: Field, range: &Range) -> Box<dyn IndexQuery> {
    match bounds(range, f64::NEG_INFINITY, parse_number) {
        Some((lo, hi)) => Box::new(RangeQuery::new(
            lo.map(|n| Term::from_field_f64(field, n)),
            hi.map(|n| Term::from_field_f64(field, n)),
        )),
        None => Box::new(EmptyQuery),
    }
}

fn date_range(field: Field, range: &Range) -> Box<dyn IndexQuery> {
    match bounds(range, i64::MIN, |t| parse_period(t).map(|p| p.start)) {
        Some((lo, hi)) => Box::new(RangeQuery::new(
            lo.map(|t| Term::from_field_i64(field, t)),
            hi.map(|t| Term::from_field_i64(field, t)),
        )),
        None => Box::new(EmptyQuery),
    }
}

/// A clause the index cannot answer, evaluated by `sps_query` on stored data.
#[derive(Debug)]
enum Fallback {
    /// On the session body.
    Body(Query),
    /// On `{"content": [every event's content]}`, with the events' schema.
    Content(Query),
}

/// Evaluates a [`Fallback`] on each session of a segment.
#[derive(Clone)]
struct StoredPredicate {
    test: Arc<Fallback>,
    body: Field,
    events: Field,
}

impl fmt::Debug for StoredPredicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredPredicate").field("test", &self.test).finish()
    }
}

impl DocPredicate for StoredPredicate {
    type SegmentDocPredicate = SegmentPredicate;

    fn doc_predicate(
        &self,
        segment: &SegmentReader,
    ) -> tantivy::Result<ConstOrVariableSegmentPredicate<SegmentPredicate>> {
        let fast = segment.fast_fields();
        Ok(ConstOrVariableSegmentPredicate::Variable {
            predicate: SegmentPredicate {
                shared: self.clone(),
                store: segment.get_store_reader(16)?,
                start: fast.i64("_start")?,
                end: fast.i64("_end")?,
            },
            necessary_condition: Box::new(AllScorer::new(segment.max_doc())),
        })
    }
}

struct SegmentPredicate {
    shared: StoredPredicate,
    store: StoreReader,
    start: Column<i64>,
    end: Column<i64>,
}

impl SegmentDocPredicate for SegmentPredicate {
    fn eval(&mut self, doc: DocId) -> bool {
        let Ok(stored) = self.store.get::<TantivyDocument>(doc) else { return false };
        let text = |field| stored.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let Ok(body) = serde_json::from_str::<Value>(&text(self.shared.body)) else { return false };
        match self.shared.test.as_ref() {
            Fallback::Body(query) => query.matches(&body, Schema::sessions()),
            Fallback::Content(query) => {
                let Ok(source) = serde_json::from_str::<EventSource>(&text(self.shared.events)) else { return false };
                let instant = |column: &Column<i64>| {
                    column.first(doc).and_then(chrono::DateTime::from_timestamp_millis).unwrap_or_default()
                };
                let context = EventContext::of(&body, instant(&self.start), instant(&self.end));
                let lines: Vec<String> = source.events(&context).into_iter().filter_map(|e| e.content).collect();
                query.matches(&json!({ "content": lines }), Schema::events())
            }
        }
    }

    fn cost(&self) -> u64 {
        // Reading and parsing a stored document: far dearer than a posting list step.
        10_000
    }
}
