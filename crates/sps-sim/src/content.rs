//! The stats `content` parameter: the sessions whose recorded content matches.
//!
//! "When performing a content query, the maximum number of results returned is 3000 …
//! the scope of statistics is limited to the first 3000 sessions" (`004_…txt`). The
//! content search runs on its own, like SPS's indexer search in the worked example
//! (there it finds trails 1, 2, 3, 4 and 6 before `q` and the window apply); its first
//! [`MAX_CONTENT_MATCHES`] sessions in insertion order (`content_reference_id` order
//! for the demo data) are then intersected with the rest of the request.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::query::doc_predicate_query::{
    ConstOrVariableSegmentPredicate, DocPredicate, DocPredicateQuery, SegmentDocPredicate,
};
use tantivy::query::{AllScorer, Query as IndexQuery};
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// At most this many content matches are counted.
pub const MAX_CONTENT_MATCHES: usize = 3000;

/// A query matching the first [`MAX_CONTENT_MATCHES`] sessions `content` selects.
pub fn first_matches(searcher: &Searcher, content: &dyn IndexQuery) -> tantivy::Result<Box<dyn IndexQuery>> {
    let mut matches = searcher.search(content, &WithSeq)?;
    matches.sort_unstable_by_key(|(seq, _, _)| *seq);
    matches.truncate(MAX_CONTENT_MATCHES);
    let mut docs: HashMap<SegmentId, HashSet<DocId>> = HashMap::new();
    for (_, segment_ord, doc) in matches {
        docs.entry(searcher.segment_reader(segment_ord).segment_id()).or_default().insert(doc);
    }
    Ok(Box::new(DocPredicateQuery::from(ChosenDocs(Arc::new(docs)))))
}

/// Every match with its insertion number.
struct WithSeq;

impl Collector for WithSeq {
    type Fruit = Vec<(u64, SegmentOrdinal, DocId)>;
    type Child = SegmentWithSeq;

    fn for_segment(&self, segment_ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentWithSeq> {
        Ok(SegmentWithSeq { segment_ord, seq: segment.fast_fields().u64("_seq")?, found: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

struct SegmentWithSeq {
    segment_ord: SegmentOrdinal,
    seq: Column<u64>,
    found: Vec<(u64, SegmentOrdinal, DocId)>,
}

impl SegmentCollector for SegmentWithSeq {
    type Fruit = Vec<(u64, SegmentOrdinal, DocId)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.found.push((self.seq.first(doc).unwrap_or(u64::MAX), self.segment_ord, doc));
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

/// Matches the documents listed per segment.
#[derive(Clone)]
struct ChosenDocs(Arc<HashMap<SegmentId, HashSet<DocId>>>);

impl fmt::Debug for ChosenDocs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChosenDocs({} sessions)", self.0.values().map(HashSet::len).sum::<usize>())
    }
}

impl DocPredicate for ChosenDocs {
    type SegmentDocPredicate = SegmentChosenDocs;

    fn doc_predicate(
        &self,
        segment: &SegmentReader,
    ) -> tantivy::Result<ConstOrVariableSegmentPredicate<SegmentChosenDocs>> {
        if !self.0.contains_key(&segment.segment_id()) {
            return Ok(ConstOrVariableSegmentPredicate::Const(false));
        }
        Ok(ConstOrVariableSegmentPredicate::Variable {
            predicate: SegmentChosenDocs { chosen: self.0.clone(), segment: segment.segment_id() },
            necessary_condition: Box::new(AllScorer::new(segment.max_doc())),
        })
    }
}

struct SegmentChosenDocs {
    chosen: Arc<HashMap<SegmentId, HashSet<DocId>>>,
    segment: SegmentId,
}

impl SegmentDocPredicate for SegmentChosenDocs {
    fn eval(&mut self, doc: DocId) -> bool {
        self.chosen.get(&self.segment).is_some_and(|docs| docs.contains(&doc))
    }

    fn cost(&self) -> u64 {
        2
    }
}
