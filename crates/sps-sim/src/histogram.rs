//! The histogram: a window cut into intervals of one unit, with the sessions started
//! and active in each.
//!
//! Intervals are aligned to the unit in UTC (`time_zone` is `Etc/UTC`): seconds,
//! minutes, hours and days on their boundaries, weeks on ISO weeks (from Monday),
//! months and years on the calendar. They cover the window `[start, end]` (both ends
//! inclusive, like every window of the API), so the first and last interval may reach
//! beyond it. A session counts in an interval's `active_count` when it overlaps the
//! interval (its end inclusive, an active one lasting until "now"), and in
//! `start_count` when it started in it. Counts come from the `_start`/`_end` columns.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sps_api::{BinSize, HistogramBucket, Timestamp};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::{SimError, SimResult};

/// The most intervals a histogram answers with; more is 400 `TooMuchBucketsInResult`.
/// The dashboard picks its automatic bin size to stay under this.
pub const MAX_BUCKETS: u64 = 1000;

/// The intervals of a window: `edges[i]` starts interval `i`, the last edge ends the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bins {
    edges: Vec<i64>,
    /// `(origin, width)` in milliseconds for units of fixed length: index by division.
    fixed: Option<(i64, i64)>,
}

impl Bins {
    /// The intervals of `unit` covering `[start, end]`; too many is an error.
    pub fn cover(start: DateTime<Utc>, end: DateTime<Utc>, unit: BinSize) -> SimResult<Self> {
        if end < start {
            return Err(SimError::InvalidQuery("`end` is before `start`".into()));
        }
        let first = unit.interval_start(start);
        let count = unit.interval_count(start, end);
        if count > MAX_BUCKETS {
            return Err(SimError::TooManyBuckets { buckets: count, bin_size: unit.as_str(), max: MAX_BUCKETS });
        }
        let mut edges = Vec::with_capacity(count as usize + 1);
        let mut at = first;
        for _ in 0..=count {
            edges.push(at.timestamp_millis());
            at = unit.next_interval(at);
        }
        let fixed = unit.fixed_duration().map(|d| (first.timestamp_millis(), d.num_milliseconds()));
        Ok(Bins { edges, fixed })
    }

    /// How many intervals.
    pub fn len(&self) -> usize {
        self.edges.len() - 1
    }

    /// Whether there are none (never, for a valid window).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The interval holding instant `t` (ms), if any.
    #[inline]
    fn index_of(&self, t: i64) -> Option<usize> {
        let (first, last) = (self.edges[0], self.edges[self.len()]);
        if t < first || t >= last {
            return None;
        }
        Some(match self.fixed {
            Some((origin, width)) => ((t - origin) / width) as usize,
            None => self.edges.partition_point(|edge| *edge <= t) - 1,
        })
    }

    /// The interval holding `t`, the first one for earlier instants and the last one
    /// for later ones.
    #[inline]
    fn clamped_index(&self, t: i64) -> usize {
        match self.index_of(t) {
            Some(i) => i,
            None if t < self.edges[0] => 0,
            None => self.len() - 1,
        }
    }

    /// The buckets from per-interval counts.
    pub fn buckets(&self, counts: &IntervalCounts) -> Vec<HistogramBucket> {
        let mut active: i64 = 0;
        (0..self.len())
            .map(|i| {
                active += counts.active_delta[i];
                HistogramBucket {
                    id: Timestamp(DateTime::from_timestamp_millis(self.edges[i]).unwrap_or_default()),
                    start_count: counts.started[i],
                    active_count: active.max(0) as u64,
                }
            })
            .collect()
    }
}

/// Sessions started per interval, and the change of the active count at each
/// interval (summed up, it gives the active count).
#[derive(Debug, Clone, Default)]
pub struct IntervalCounts {
    started: Vec<u64>,
    active_delta: Vec<i64>,
}

impl IntervalCounts {
    fn new(len: usize) -> Self {
        IntervalCounts { started: vec![0; len], active_delta: vec![0; len + 1] }
    }

    fn add(&mut self, other: &IntervalCounts) {
        self.started.iter_mut().zip(&other.started).for_each(|(a, b)| *a += b);
        self.active_delta.iter_mut().zip(&other.active_delta).for_each(|(a, b)| *a += b);
    }
}

/// Counts matching sessions into [`Bins`].
pub struct BinCounts {
    /// The intervals.
    pub bins: Arc<Bins>,
}

impl Collector for BinCounts {
    type Fruit = IntervalCounts;
    type Child = SegmentBinCounts;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentBinCounts> {
        let fast = segment.fast_fields();
        Ok(SegmentBinCounts {
            bins: self.bins.clone(),
            start: fast.i64("_start")?,
            end: fast.i64("_end")?,
            counts: IntervalCounts::new(self.bins.len()),
            starts: Vec::new(),
            ends: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<IntervalCounts>) -> tantivy::Result<IntervalCounts> {
        let mut total = IntervalCounts::new(self.bins.len());
        fruits.iter().for_each(|f| total.add(f));
        Ok(total)
    }
}

/// One segment's counts.
pub struct SegmentBinCounts {
    bins: Arc<Bins>,
    start: Column<i64>,
    end: Column<i64>,
    counts: IntervalCounts,
    starts: Vec<Option<i64>>,
    ends: Vec<Option<i64>>,
}

impl SegmentBinCounts {
    #[inline]
    fn add(&mut self, start: i64, end: i64) {
        let bins = &self.bins;
        if let Some(i) = bins.index_of(start) {
            self.counts.started[i] += 1;
        }
        if end >= bins.edges[0] && start < bins.edges[bins.len()] {
            self.counts.active_delta[bins.clamped_index(start)] += 1;
            self.counts.active_delta[bins.clamped_index(end) + 1] -= 1;
        }
    }
}

impl SegmentCollector for SegmentBinCounts {
    type Fruit = IntervalCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let (Some(start), Some(end)) = (self.start.first(doc), self.end.first(doc)) {
            self.add(start, end);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let (mut starts, mut ends) = (std::mem::take(&mut self.starts), std::mem::take(&mut self.ends));
        for (values, column) in [(&mut starts, &self.start), (&mut ends, &self.end)] {
            values.clear();
            values.resize(docs.len(), None);
            column.first_vals(docs, values);
        }
        for (start, end) in starts.iter().zip(&ends) {
            if let (Some(start), Some(end)) = (start, end) {
                self.add(*start, *end);
            }
        }
        (self.starts, self.ends) = (starts, ends);
    }

    fn harvest(self) -> IntervalCounts {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_reference_pages_example() {
        // "from 2018-02-12:14:40 to 2018-02-16:14:40 … day … five datasets … week … one".
        let (s, e) = (at("2018-02-12T14:40:00Z"), at("2018-02-16T14:40:00Z"));
        assert_eq!(Bins::cover(s, e, BinSize::Day).unwrap().len(), 5);
        assert_eq!(Bins::cover(s, e, BinSize::Week).unwrap().len(), 1);
        let months = Bins::cover(at("2026-01-31T00:00:00Z"), at("2026-03-01T00:00:00Z"), BinSize::Month).unwrap();
        assert_eq!(months.len(), 3);
        assert_eq!(months.index_of(at("2026-02-28T23:59:59Z").timestamp_millis()), Some(1));
    }

    #[test]
    fn too_many_intervals_are_refused() {
        let s = at("2026-01-01T00:00:00Z");
        assert!(Bins::cover(s, s + Duration::minutes(999), BinSize::Minute).is_ok());
        let err = Bins::cover(s, s + Duration::minutes(1000), BinSize::Minute).unwrap_err();
        assert!(matches!(err, SimError::TooManyBuckets { buckets: 1001, .. }), "{err}");
        assert!(Bins::cover(s, s - Duration::seconds(1), BinSize::Hour).is_err());
    }
}
