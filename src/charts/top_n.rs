//! The top-N model: a stats answer as bars with optional sub-bucket segments and an
//! "other" bar, and the same numbers as table rows.

use sps_api::StatsResponse;

use crate::format;
use crate::text::safe::label;

/// A stats answer ready to draw and tabulate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopN {
    /// One bar per listed value, largest first.
    pub bars: Vec<Bar>,
    /// Sessions not covered by the listed values (`meta.others`).
    pub other: u64,
    /// The sub-values in legend order (first appearance), empty without a sub-field.
    pub series: Vec<String>,
}

/// One listed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The field's value.
    pub value: String,
    /// Sessions with that value.
    pub count: u64,
    /// The bar split by sub-value, in `series` order of first appearance; the
    /// bucket's own "other" comes last. Empty without a sub-field.
    pub segments: Vec<Segment>,
}

/// A piece of a bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Which sub-value this is.
    pub kind: SegmentKind,
    /// Sessions in this piece.
    pub count: u64,
}

/// A segment is a sub-value or the sessions of its bar no sub-value covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// Index into [`TopN::series`].
    Series(usize),
    /// The bucket's own `others`.
    Other,
}

/// A row of the accessible table that mirrors the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// What the row is.
    pub kind: RowKind,
    /// The value shown in the first column.
    pub value: String,
    /// The count column.
    pub count: u64,
}

/// Table rows are values, their sub-buckets, or "other".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A listed value.
    Value,
    /// A sub-bucket of the value above it.
    SubBucket,
    /// Sessions of the value above not covered by its sub-buckets.
    SubOther,
    /// Sessions not covered by any listed value.
    Other,
}

/// The label of the "other" bar and row (API-NOTES.md: `others` counts sessions).
pub fn other_label(sessions: u64) -> String {
    let noun = if sessions == 1 { "session" } else { "sessions" };
    format!("other ({} {noun})", format::count(sessions))
}

impl TopN {
    /// Builds the model from a stats answer.
    pub fn from_stats(stats: &StatsResponse) -> Self {
        let mut series: Vec<String> = Vec::new();
        let bars = stats
            .items
            .iter()
            .map(|item| {
                let mut segments: Vec<Segment> = item
                    .buckets
                    .iter()
                    .map(|b| {
                        let index = series.iter().position(|s| *s == b.value).unwrap_or_else(|| {
                            series.push(b.value.clone());
                            series.len() - 1
                        });
                        Segment { kind: SegmentKind::Series(index), count: b.count }
                    })
                    .collect();
                match item.others {
                    Some(n) if n > 0 => segments.push(Segment { kind: SegmentKind::Other, count: n }),
                    _ => {}
                }
                Bar { value: item.value.clone(), count: item.count, segments }
            })
            .collect();
        TopN { bars, other: stats.meta.others.unwrap_or(0), series }
    }

    /// No value listed and nothing left over: nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.bars.is_empty() && self.other == 0
    }

    /// The largest bar, including the "other" bar.
    pub fn max_count(&self) -> u64 {
        self.bars.iter().map(|b| b.count).chain([self.other]).max().unwrap_or(0)
    }

    /// How many bars the chart draws: the listed values plus "other" when non-zero.
    pub fn bar_count(&self) -> usize {
        self.bars.len() + usize::from(self.other > 0)
    }

    /// The chart in at most `rows` bars (at least two): the values past the first
    /// `rows - 1` fold into "other", so every session is still counted. The wall
    /// draws what fits its cell this way rather than labels on top of each other.
    pub fn folded_to(&self, rows: usize) -> TopN {
        if self.bar_count() <= rows.max(2) {
            return self.clone();
        }
        let keep = rows.max(2) - 1;
        let folded: u64 = self.bars[keep..].iter().map(|b| b.count).sum();
        TopN { bars: self.bars[..keep].to_vec(), other: self.other + folded, series: self.series.clone() }
    }

    /// A text summary for the canvas's `aria-label`.
    pub fn summary(&self, title: &str) -> String {
        let top: Vec<String> =
            self.bars.iter().take(3).map(|b| format!("{} {}", label(&b.value), format::count(b.count))).collect();
        if top.is_empty() {
            format!("{title}: no sessions")
        } else {
            format!("{title}: {}{}", top.join(", "), if self.bars.len() > 3 { ", …" } else { "" })
        }
    }

    /// The table mirroring the chart: each value, its sub-buckets and their
    /// "other", then the overall "other".
    pub fn table_rows(&self) -> Vec<TableRow> {
        let mut rows = Vec::new();
        for bar in &self.bars {
            rows.push(TableRow { kind: RowKind::Value, value: bar.value.clone(), count: bar.count });
            for seg in &bar.segments {
                let (kind, value) = match seg.kind {
                    SegmentKind::Series(i) => (RowKind::SubBucket, self.series[i].clone()),
                    SegmentKind::Other => (RowKind::SubOther, other_label(seg.count)),
                };
                rows.push(TableRow { kind, value, count: seg.count });
            }
        }
        if self.other > 0 {
            rows.push(TableRow { kind: RowKind::Other, value: other_label(self.other), count: self.other });
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(json: &str) -> StatsResponse {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn folding_keeps_every_session_counted() {
        let t = TopN::from_stats(&stats(
            r#"{"items":[{"count":5,"value":"a"},{"count":4,"value":"b"},{"count":3,"value":"c"}],"meta":{"others":2}}"#,
        ));
        assert_eq!(t.bar_count(), 4);
        assert_eq!(t.folded_to(4), t);
        let f = t.folded_to(3);
        assert_eq!((f.bars.len(), f.other, f.bar_count()), (2, 5, 3));
        assert_eq!(t.folded_to(0).bar_count(), 2, "never below two bars");
        let total = |m: &TopN| m.bars.iter().map(|b| b.count).sum::<u64>() + m.other;
        assert_eq!(total(&f), total(&t));
    }

    #[test]
    fn plain_top_n_with_other() {
        let t = TopN::from_stats(&stats(
            r#"{"items":[{"count":3,"value":"http"},{"count":3,"value":"rdp"}],"meta":{"others":1}}"#,
        ));
        assert_eq!(t.bar_count(), 3);
        assert_eq!(t.max_count(), 3);
        assert!(t.series.is_empty());
        let rows = t.table_rows();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2], TableRow { kind: RowKind::Other, value: "other (1 session)".into(), count: 1 });
        assert_eq!(t.summary("Protocols"), "Protocols: http 3, rdp 3");
    }

    #[test]
    fn sub_buckets_become_segments_and_rows() {
        let t = TopN::from_stats(&stats(
            r#"{"items":[
                {"value":"alice","count":5,"others":2,"buckets":[{"value":"ssh","count":3}]},
                {"value":"bob","count":4,"buckets":[{"value":"rdp","count":3},{"value":"ssh","count":1}]}
            ],"meta":{"others":3}}"#,
        ));
        assert_eq!(t.series, vec!["ssh", "rdp"]);
        assert_eq!(
            t.bars[0].segments,
            vec![Segment { kind: SegmentKind::Series(0), count: 3 }, Segment { kind: SegmentKind::Other, count: 2 }]
        );
        assert_eq!(t.bars[1].segments[0].kind, SegmentKind::Series(1));
        let kinds: Vec<RowKind> = t.table_rows().iter().map(|r| r.kind).collect();
        use RowKind::*;
        assert_eq!(kinds, vec![Value, SubBucket, SubOther, Value, SubBucket, SubBucket, Other]);
        assert_eq!(t.table_rows()[2].value, "other (2 sessions)");
    }

    #[test]
    fn empty_answer() {
        let t = TopN::from_stats(&stats(r#"{"items":[],"meta":{"others":0}}"#));
        assert!(t.is_empty());
        assert_eq!(t.bar_count(), 0);
        assert!(t.table_rows().is_empty());
        assert_eq!(t.summary("Protocols"), "Protocols: no sessions");
    }
}
