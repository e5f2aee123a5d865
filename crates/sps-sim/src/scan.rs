//! Wildcards and substrings over a text field's dictionary of values.
//!
//! A pattern (`server.name:*prod*`) or a clause without a field (a substring of any
//! text field) must test every distinct value of a field. The engine's regular
//! expression query walks the term dictionary's automaton, which is slow for fields
//! whose values are long and all different (`recording.session_id`: seconds at a
//! million sessions). Instead, each segment streams the field's value dictionary (the
//! fast column's, stored sequentially), marks the values that match, and then selects
//! the sessions holding a marked value. Values compare lower-cased, character by
//! character, as the index's keyword terms do.

use std::fmt;
use std::sync::Arc;

use sps_query::Glob;
use tantivy::columnar::StrColumn;
use tantivy::query::doc_predicate_query::{
    ConstOrVariableSegmentPredicate, DocPredicate, DocPredicateQuery, SegmentDocPredicate,
};
use tantivy::query::{AllScorer, Query as IndexQuery};
use tantivy::{BitSet, DocId, SegmentReader};

use crate::query::lower;

/// What a value must satisfy.
#[derive(Debug)]
pub enum ValueTest {
    /// Contain this (lower-cased) text.
    Contains(String),
    /// Match this pattern as a whole.
    Glob(Glob),
}

impl ValueTest {
    fn accepts(&self, value: &str) -> bool {
        match self {
            ValueTest::Contains(needle) => lower(value).contains(needle.as_str()),
            ValueTest::Glob(glob) => glob.matches(value),
        }
    }
}

/// The sessions with a value of the text field `field` that passes `test`.
pub fn scan(field: &'static str, test: ValueTest) -> Box<dyn IndexQuery> {
    Box::new(DocPredicateQuery::from(DictionaryScan { field, test: Arc::new(test) }))
}

#[derive(Clone)]
struct DictionaryScan {
    field: &'static str,
    test: Arc<ValueTest>,
}

impl fmt::Debug for DictionaryScan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DictionaryScan({}: {:?})", self.field, self.test)
    }
}

impl DocPredicate for DictionaryScan {
    type SegmentDocPredicate = MarkedValues;

    fn doc_predicate(&self, segment: &SegmentReader) -> tantivy::Result<ConstOrVariableSegmentPredicate<MarkedValues>> {
        let Some(column) = segment.fast_fields().str(self.field)? else {
            return Ok(ConstOrVariableSegmentPredicate::Const(false));
        };
        let mut marked = BitSet::with_max_value(column.dictionary().num_terms() as u32);
        let mut values = column.dictionary().stream()?;
        let mut any = false;
        while values.advance() {
            if std::str::from_utf8(values.key()).is_ok_and(|value| self.test.accepts(value)) {
                marked.insert(values.term_ord() as u32);
                any = true;
            }
        }
        if !any {
            return Ok(ConstOrVariableSegmentPredicate::Const(false));
        }
        Ok(ConstOrVariableSegmentPredicate::Variable {
            predicate: MarkedValues { column, marked },
            necessary_condition: Box::new(AllScorer::new(segment.max_doc())),
        })
    }
}

/// Whether a session holds a marked value.
struct MarkedValues {
    column: StrColumn,
    marked: BitSet,
}

impl SegmentDocPredicate for MarkedValues {
    fn eval(&mut self, doc: DocId) -> bool {
        self.column.term_ords(doc).any(|ord| self.marked.contains(ord as u32))
    }

    fn cost(&self) -> u64 {
        3
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sps_query::Pattern;

    fn glob(s: &str) -> ValueTest {
        ValueTest::Glob(Glob::new(&Pattern::glob(s)))
    }

    #[test]
    fn patterns_match_whole_values_ignoring_case() {
        assert!(glob("?dmi*").accepts("Admin"));
        assert!(!glob("?dmi*").accepts("dmin"));
        assert!(glob("*.txt").accepts("24HRS.TXT"));
        assert!(glob("a*b*c").accepts("aXbYbZc"));
        assert!(!glob("a*b*c").accepts("aXbYbZ"));
        assert!(glob("*").accepts(""));
        assert!(glob("李*").accepts("李伟"));
        assert!(ValueTest::Contains("lic".into()).accepts("ALICE"));
        assert!(!ValueTest::Contains("lic".into()).accepts("bob"));
    }
}
