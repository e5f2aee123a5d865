//! Stats: how many sessions have each value of a field, optionally split by a
//! sub-field, counted straight from the fast columns, then cut to the top N.
//!
//! `others` follows the reference page's worked examples (API-NOTES.md decision): the
//! number of sessions not covered by the listed buckets, like Elasticsearch's
//! `sum_other_doc_count`. Counting is exact (every segment counts every value).

use std::collections::HashMap;

use sps_api::StatsItem;
use sps_query::Field;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::columns::FieldColumn;

/// Sessions per value of a field, and per sub-field value within each.
#[derive(Debug, Default)]
pub struct Groups {
    groups: HashMap<String, Group>,
}

#[derive(Debug, Default)]
struct Group {
    count: u64,
    sub: HashMap<String, u64>,
}

/// Counts the values of `field` (and of `sub_field` within each) over matching sessions.
pub struct ValueCounts {
    /// The field counted.
    pub field: &'static Field,
    /// The field each value is split by.
    pub sub_field: Option<&'static Field>,
}

impl Collector for ValueCounts {
    type Fruit = Groups;
    type Child = SegmentValueCounts;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentValueCounts> {
        let column = FieldColumn::open(segment, self.field)?;
        let sub_column = match self.sub_field {
            Some(def) => FieldColumn::open(segment, def)?,
            None => None,
        };
        let dense = column.as_ref().map_or(0, FieldColumn::dictionary_len);
        Ok(SegmentValueCounts { counts: vec![0; dense], sparse: HashMap::new(), pairs: HashMap::new(), column, sub_column })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Groups>) -> tantivy::Result<Groups> {
        let mut merged = Groups::default();
        for fruit in fruits {
            for (value, group) in fruit.groups {
                let into = merged.groups.entry(value).or_default();
                into.count += group.count;
                for (sub, count) in group.sub {
                    *into.sub.entry(sub).or_default() += count;
                }
            }
        }
        Ok(merged)
    }
}

/// One segment's counts, by key; text keys (dictionary ordinals) count in a vector.
pub struct SegmentValueCounts {
    column: Option<FieldColumn>,
    sub_column: Option<FieldColumn>,
    counts: Vec<u64>,
    sparse: HashMap<u64, u64>,
    pairs: HashMap<(u64, u64), u64>,
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = Groups;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(column) = &self.column else { return };
        let (counts, sparse, pairs, sub_column) = (&mut self.counts, &mut self.sparse, &mut self.pairs, &self.sub_column);
        column.for_each_key(doc, |key| {
            match counts.get_mut(key as usize) {
                Some(count) => *count += 1,
                None => *sparse.entry(key).or_default() += 1,
            }
            if let Some(sub) = sub_column {
                sub.for_each_key(doc, |sub_key| *pairs.entry((key, sub_key)).or_default() += 1);
            }
        });
    }

    fn harvest(self) -> Groups {
        let mut groups: HashMap<String, Group> = HashMap::new();
        let Some(column) = &self.column else { return Groups { groups } };
        let dense = self.counts.iter().enumerate().filter(|(_, c)| **c > 0).map(|(k, c)| (k as u64, *c));
        for (key, count) in dense.chain(self.sparse) {
            groups.entry(column.render(key)).or_default().count += count;
        }
        if let Some(sub_column) = &self.sub_column {
            for ((key, sub_key), count) in self.pairs {
                let group = groups.entry(column.render(key)).or_default();
                *group.sub.entry(sub_column.render(sub_key)).or_default() += count;
            }
        }
        Groups { groups }
    }
}

impl Groups {
    /// The top `size` values (by count, ties by value, as Elasticsearch orders terms),
    /// each with its top `size` sub-values when split, and `others` for the whole.
    pub fn top(mut self, size: usize, split: bool) -> (Vec<StatsItem>, u64) {
        let total: u64 = self.groups.values().map(|g| g.count).sum();
        let (top, listed) = top_n(self.groups.iter().map(|(v, g)| (v.clone(), g.count)).collect(), size);
        let items = top
            .into_iter()
            .map(|(value, count)| {
                let group = self.groups.remove(&value).unwrap_or_default();
                if !split {
                    return StatsItem::leaf(value, count);
                }
                let (sub_top, sub_listed) = top_n(group.sub.into_iter().collect(), size);
                let buckets = sub_top.into_iter().map(|(v, c)| StatsItem::leaf(v, c)).collect();
                StatsItem { value, count, buckets, others: Some(count.saturating_sub(sub_listed)) }
            })
            .collect();
        (items, total - listed)
    }
}

/// The `size` largest counts, ties broken by value, and the sum of the listed counts.
fn top_n(mut counts: Vec<(String, u64)>, size: usize) -> (Vec<(String, u64)>, u64) {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(size);
    let listed = counts.iter().map(|(_, c)| c).sum();
    (counts, listed)
}
