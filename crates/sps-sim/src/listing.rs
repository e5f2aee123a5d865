//! The sessions list: its sort order, and the collector that keeps one page's worth.
//!
//! `sort` names one session field, `-` in front for descending (`-start_time`); the
//! default is `start_time` ascending. Sessions without a value sort last either way
//! (as Elasticsearch's `missing: _last`), ties go by insertion order, so paging through
//! a list neither repeats nor skips a session. A multi-valued field sorts by its first
//! value.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use sps_query::{Field, Schema};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::columns::FieldColumn;
use crate::error::{SimError, SimResult};

/// A sort order of the sessions list.
#[derive(Debug, Clone, Copy)]
pub struct SortOrder {
    field: &'static Field,
    descending: bool,
}

impl SortOrder {
    /// Reads the `sort` parameter (default: `start_time` ascending).
    pub fn parse(sort: Option<&str>) -> SimResult<Self> {
        let text = sort.map(str::trim).filter(|s| !s.is_empty()).unwrap_or("start_time");
        if text.contains(',') {
            return Err(SimError::InvalidQuery(format!("`sort` takes one field, not a list: `{text}`")));
        }
        let (descending, name) = match text.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let field = Schema::sessions()
            .field(name.trim())
            .ok_or_else(|| SimError::InvalidQuery(format!("cannot sort by `{name}`: not a session field")))?;
        Ok(SortOrder { field, descending })
    }
}

/// A sort value comparable across segments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Key(u64),
    Text(String),
}

/// One listed session: where it is, in list order.
#[derive(Debug, Clone)]
struct Ranked {
    value: Option<SortValue>,
    seq: u64,
    address: DocAddress,
}

/// The first `keep` sessions in `order`, and how many matched in all.
pub struct TopSessions {
    /// The order.
    pub order: SortOrder,
    /// How many to keep (offset + limit).
    pub keep: usize,
}

/// What [`TopSessions`] collects.
#[derive(Debug, Default)]
pub struct TopFruit {
    ranked: Vec<Ranked>,
    /// How many sessions matched.
    pub match_count: u64,
}

impl TopFruit {
    /// The addresses from position `offset` on, in list order.
    pub fn page(&self, offset: usize) -> Vec<DocAddress> {
        self.ranked.iter().skip(offset).map(|r| r.address).collect()
    }
}

fn compare(a: &Ranked, b: &Ranked, descending: bool) -> Ordering {
    let by_value = match (&a.value, &b.value) {
        (Some(x), Some(y)) if descending => y.cmp(x),
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_value.then(a.seq.cmp(&b.seq))
}

impl Collector for TopSessions {
    type Fruit = TopFruit;
    type Child = SegmentTopSessions;

    fn for_segment(&self, segment_ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentTopSessions> {
        Ok(SegmentTopSessions {
            segment_ord,
            column: FieldColumn::open(segment, self.order.field)?,
            seq: segment.fast_fields().u64("_seq")?,
            descending: self.order.descending,
            keep: self.keep,
            heap: BinaryHeap::new(),
            matched: 0,
            keys: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<TopFruit>) -> tantivy::Result<TopFruit> {
        let match_count = fruits.iter().map(|f| f.match_count).sum();
        let mut ranked: Vec<Ranked> = fruits.into_iter().flat_map(|f| f.ranked).collect();
        ranked.sort_by(|a, b| compare(a, b, self.order.descending));
        ranked.truncate(self.keep);
        Ok(TopFruit { ranked, match_count })
    }
}

/// A segment's candidates: the heap's top is the worst one kept.
pub struct SegmentTopSessions {
    segment_ord: SegmentOrdinal,
    column: Option<FieldColumn>,
    seq: Column<u64>,
    descending: bool,
    keep: usize,
    heap: BinaryHeap<SegmentRank>,
    matched: u64,
    keys: Vec<Option<u64>>,
}

impl SegmentTopSessions {
    /// Keeps `doc` if it ranks among the first `keep`; the insertion number is read
    /// only for a session that could make it.
    #[inline]
    fn offer(&mut self, doc: DocId, key: Option<u64>) {
        self.matched += 1;
        if self.keep == 0 {
            return;
        }
        let (missing, key) = (key.is_none(), key.map_or(0, |k| if self.descending { u64::MAX - k } else { k }));
        let full = self.heap.len() >= self.keep;
        if full && self.heap.peek().is_some_and(|worst| (missing, key) > (worst.missing, worst.key)) {
            return;
        }
        let rank = SegmentRank { missing, key, seq: self.seq.first(doc).unwrap_or(u64::MAX), doc };
        if !full {
            self.heap.push(rank);
        } else if self.heap.peek().is_some_and(|worst| rank < *worst) {
            self.heap.pop();
            self.heap.push(rank);
        }
    }
}

/// A rank within one segment: missing last, then the key (reversed when descending),
/// then insertion order; smaller is earlier in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SegmentRank {
    missing: bool,
    key: u64,
    seq: u64,
    doc: DocId,
}

impl SegmentCollector for SegmentTopSessions {
    type Fruit = TopFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let key = self.column.as_ref().and_then(|c| c.first_key(doc));
        self.offer(doc, key);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let Some(column) = self.column.take() else {
            docs.iter().for_each(|doc| self.offer(*doc, None));
            return;
        };
        let mut keys = std::mem::take(&mut self.keys);
        column.first_keys(docs, &mut keys);
        docs.iter().zip(&keys).for_each(|(doc, key)| self.offer(*doc, *key));
        (self.column, self.keys) = (Some(column), keys);
    }

    fn harvest(self) -> TopFruit {
        let column = self.column;
        let ranked = self
            .heap
            .into_iter()
            .map(|rank| {
                let value = (!rank.missing).then(|| {
                    let key = if self.descending { u64::MAX - rank.key } else { rank.key };
                    match &column {
                        Some(c) if !c.keys_are_global() => SortValue::Text(c.render(key)),
                        _ => SortValue::Key(key),
                    }
                });
                Ranked { value, seq: rank.seq, address: DocAddress::new(self.segment_ord, rank.doc) }
            })
            .collect();
        TopFruit { ranked, match_count: self.matched }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_parameter() {
        let o = SortOrder::parse(Some("-start_time")).unwrap();
        assert_eq!((o.field.name, o.descending), ("start_time", true));
        let o = SortOrder::parse(Some("psm.content_reference_id")).unwrap();
        assert_eq!((o.field.name, o.descending), ("recording.content_reference_id", false));
        assert_eq!(SortOrder::parse(None).unwrap().field.name, "start_time");
        assert!(SortOrder::parse(Some("nope")).is_err());
        assert!(SortOrder::parse(Some("protocol,-duration")).is_err());
    }
}
