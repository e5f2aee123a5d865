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
        let sub_dense = sub_column.as_ref().map_or(0, FieldColumn::dictionary_len);
        let pairs = if dense > 0 && sub_dense > 0 && dense * sub_dense <= MAX_DENSE_PAIRS {
            PairCounts::Dense { counts: vec![0; dense * sub_dense], width: sub_dense }
        } else {
            PairCounts::Sparse(HashMap::new())
        };
        let blocks = column.as_ref().is_some_and(FieldColumn::is_single_valued)
            && sub_column.as_ref().is_none_or(FieldColumn::is_single_valued);
        Ok(SegmentValueCounts {
            counts: vec![0; dense],
            sparse: HashMap::new(),
            pairs,
            column,
            sub_column,
            blocks,
            keys: Vec::new(),
            sub_keys: Vec::new(),
        })
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

/// Value pairs counted in a table when both fields are text with few enough values.
const MAX_DENSE_PAIRS: usize = 1 << 20;

/// Counts of (value, sub-value) keys.
enum PairCounts {
    /// By `key * width + sub_key` (dictionary ordinals).
    Dense {
        counts: Vec<u64>,
        width: usize,
    },
    Sparse(HashMap<(u64, u64), u64>),
}

impl PairCounts {
    #[inline]
    fn add(&mut self, key: u64, sub_key: u64) {
        match self {
            PairCounts::Dense { counts, width } => counts[key as usize * *width + sub_key as usize] += 1,
            PairCounts::Sparse(map) => *map.entry((key, sub_key)).or_default() += 1,
        }
    }

    fn into_counts(self) -> Vec<((u64, u64), u64)> {
        match self {
            PairCounts::Dense { counts, width } => counts
                .into_iter()
                .enumerate()
                .filter(|(_, c)| *c > 0)
                .map(|(i, c)| (((i / width) as u64, (i % width) as u64), c))
                .collect(),
            PairCounts::Sparse(map) => map.into_iter().collect(),
        }
    }
}

/// One segment's counts, by key; text keys (dictionary ordinals) count in a vector.
pub struct SegmentValueCounts {
    column: Option<FieldColumn>,
    sub_column: Option<FieldColumn>,
    counts: Vec<u64>,
    sparse: HashMap<u64, u64>,
    pairs: PairCounts,
    /// Both columns single-valued: blocks of documents are read at once.
    blocks: bool,
    keys: Vec<Option<u64>>,
    sub_keys: Vec<Option<u64>>,
}

impl SegmentValueCounts {
    #[inline]
    fn count(&mut self, key: u64) {
        match self.counts.get_mut(key as usize) {
            Some(count) => *count += 1,
            None => *self.sparse.entry(key).or_default() += 1,
        }
    }
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = Groups;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(column) = self.column.take() else { return };
        column.for_each_key(doc, |key| {
            self.count(key);
            if let Some(sub) = &self.sub_column {
                let pairs = &mut self.pairs;
                sub.for_each_key(doc, |sub_key| pairs.add(key, sub_key));
            }
        });
        self.column = Some(column);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        if !self.blocks {
            docs.iter().for_each(|doc| self.collect(*doc, 0.0));
            return;
        }
        let (Some(column), mut keys, mut sub_keys) =
            (self.column.take(), std::mem::take(&mut self.keys), std::mem::take(&mut self.sub_keys))
        else {
            return;
        };
        column.first_keys(docs, &mut keys);
        if let Some(sub) = &self.sub_column {
            sub.first_keys(docs, &mut sub_keys);
        }
        for (i, key) in keys.iter().enumerate() {
            let Some(key) = *key else { continue };
            self.count(key);
            if let Some(Some(sub_key)) = sub_keys.get(i) {
                self.pairs.add(key, *sub_key);
            }
        }
        (self.column, self.keys, self.sub_keys) = (Some(column), keys, sub_keys);
    }

    fn harvest(self) -> Groups {
        let mut groups: HashMap<String, Group> = HashMap::new();
        let Some(column) = &self.column else { return Groups { groups } };
        let dense = self.counts.iter().enumerate().filter(|(_, c)| **c > 0).map(|(k, c)| (k as u64, *c));
        for (key, count) in dense.chain(self.sparse) {
            groups.entry(column.render(key)).or_default().count += count;
        }
        if let Some(sub_column) = &self.sub_column {
            for ((key, sub_key), count) in self.pairs.into_counts() {
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
