//! The events timeline of a session: how many events happened when, over the
//! session's duration, its geometry, and the mapping between a point on it and a
//! row of the events table.
//!
//! Events come sorted by `record_id` (in time order) and a session may have 100,000
//! of them, so the timeline does not fetch them all. It knows the times of some
//! events by their position in the list — every event of a small session, or
//! evenly spaced probes ([`probe_offsets`]) of a large one — and spreads the events
//! between two known ones evenly over the time between them. A click maps a time
//! back to a position the same way, and the table jumps there.

use chrono::{DateTime, Duration, Utc};

use crate::charts::time_ticks::time_ticks;
use crate::charts::top_n_layout::Rect;
use crate::format;
use crate::zone::Zone;

/// An event whose time is known: its position in the (filtered) list and its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// Position in the list, from 0.
    pub offset: u64,
    /// When it happened.
    pub time: DateTime<Utc>,
}

/// The evenly spaced positions to probe in a list of `total` (first and last
/// included), at most `probes` of them.
pub fn probe_offsets(total: u64, probes: usize) -> Vec<u64> {
    if total == 0 || probes == 0 {
        return Vec::new();
    }
    let probes = (probes as u64).min(total).max(1);
    if probes == 1 {
        return vec![0];
    }
    let mut out: Vec<u64> = (0..probes).map(|i| i * (total - 1) / (probes - 1)).collect();
    out.dedup();
    out
}

/// The events over a session's time span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The start of the span (the session's start).
    pub start: DateTime<Utc>,
    /// The end of the span (the session's end, or now when it is active).
    pub end: DateTime<Utc>,
    /// How many events the list has.
    pub total: u64,
    samples: Vec<Sample>,
}

impl Timeline {
    /// A timeline of `total` events over `start`–`end`, from known `samples`. The
    /// span grows to hold every sample; samples are put in list order and their
    /// times made non-decreasing (the list is in time order).
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>, total: u64, mut samples: Vec<Sample>) -> Self {
        samples.retain(|s| s.offset < total);
        samples.sort_by_key(|s| s.offset);
        samples.dedup_by_key(|s| s.offset);
        let mut latest = None::<DateTime<Utc>>;
        for s in &mut samples {
            if let Some(l) = latest {
                s.time = s.time.max(l);
            }
            latest = Some(s.time);
        }
        let first = samples.first().map_or(start, |s| s.time.min(start));
        let last = samples.last().map_or(end, |s| s.time.max(end));
        let end = if last <= first { first + Duration::seconds(1) } else { last };
        Timeline { start: first, end, total, samples }
    }

    /// Whether there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.total == 0 || self.samples.is_empty()
    }

    /// Whether every event's time is known.
    pub fn is_exact(&self) -> bool {
        self.samples.len() as u64 == self.total
    }

    fn span_ms(&self) -> f64 {
        (self.end - self.start).num_milliseconds().max(1) as f64
    }

    /// Estimated events per bin for `bins` equal bins over the span.
    pub fn counts(&self, bins: usize) -> Vec<f64> {
        let mut counts = vec![0.0; bins];
        if bins == 0 || self.samples.is_empty() {
            return counts;
        }
        let span = self.span_ms();
        let at = |t: DateTime<Utc>| {
            ((t - self.start).num_milliseconds() as f64 / span * bins as f64).clamp(0.0, bins as f64)
        };
        let bin_of = |x: f64| (x.floor() as usize).min(bins - 1);
        // Each known event where it happened; those before the first and after the
        // last known one with them.
        for s in &self.samples {
            counts[bin_of(at(s.time))] += 1.0;
        }
        let (first, last) = (self.samples[0], self.samples[self.samples.len() - 1]);
        counts[bin_of(at(first.time))] += first.offset as f64;
        counts[bin_of(at(last.time))] += (self.total - 1 - last.offset) as f64;
        for pair in self.samples.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let between = (b.offset - a.offset - 1) as f64;
            if between <= 0.0 {
                continue;
            }
            let (x0, x1) = (at(a.time), at(b.time));
            if x1 - x0 < 1e-9 {
                counts[bin_of(x0)] += between;
                continue;
            }
            // Spread evenly over [x0, x1].
            let mut x = x0;
            while x < x1 {
                let bin = bin_of(x);
                let next = ((bin + 1) as f64).min(x1);
                counts[bin] += between * (next - x) / (x1 - x0);
                if next <= x {
                    break;
                }
                x = next;
            }
        }
        counts
    }

    /// The position of the first event at or after `t` (estimated between samples).
    pub fn offset_at(&self, t: DateTime<Utc>) -> u64 {
        if self.samples.is_empty() {
            return 0;
        }
        let i = self.samples.partition_point(|s| s.time < t);
        if i == 0 {
            return 0;
        }
        if i == self.samples.len() {
            return self.samples[i - 1].offset;
        }
        let (a, b) = (self.samples[i - 1], self.samples[i]);
        let span = (b.time - a.time).num_milliseconds().max(1) as f64;
        let share = ((t - a.time).num_milliseconds() as f64 / span).clamp(0.0, 1.0);
        let between = (b.offset - a.offset - 1) as f64;
        (a.offset + 1 + (share * between).floor() as u64).min(b.offset)
    }

    /// The estimated time of the event at `offset`.
    pub fn time_of(&self, offset: u64) -> Option<DateTime<Utc>> {
        let i = self.samples.partition_point(|s| s.offset < offset);
        match (i.checked_sub(1).map(|j| self.samples[j]), self.samples.get(i)) {
            (_, Some(b)) if b.offset == offset => Some(b.time),
            (Some(a), Some(b)) => {
                let share = (offset - a.offset) as f64 / (b.offset - a.offset) as f64;
                let ms = (b.time - a.time).num_milliseconds() as f64 * share;
                Some(a.time + Duration::milliseconds(ms.round() as i64))
            }
            (Some(a), None) => Some(a.time),
            (None, Some(b)) => Some(b.time),
            (None, None) => None,
        }
    }

    /// A sentence for screen readers.
    pub fn summary(&self, tz: Zone) -> String {
        let fmt = |t| format::date_time(t, tz);
        let how = if self.is_exact() { "" } else { " (estimated from samples)" };
        format!(
            "Events over time{how}: {} events from {} to {}",
            format::count(self.total),
            fmt(self.start),
            fmt(self.end)
        )
    }
}

/// Horizontal pixels per bar.
pub const BAR_PX: f64 = 4.0;
const AXIS_PX: f64 = 18.0;
const PAD_PX: f64 = 6.0;
const MARK_PX: f64 = 6.0;

/// The timeline's geometry in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineLayout {
    /// The plotting area.
    pub plot: Rect,
    /// One bar per bin (zero-height bins have no bar).
    pub bars: Vec<Rect>,
    /// Time labels and their x.
    pub x_ticks: Vec<(String, f64)>,
    /// x of each marked instant (alerts), above the plot.
    pub marks: Vec<f64>,
    /// The band the marks are drawn in.
    pub mark_band: Rect,
    t0: i64,
    t1: i64,
}

impl TimelineLayout {
    /// Lays out `timeline` in `width` × `height`, labels in `tz`, `marks` as ticks.
    pub fn new(timeline: &Timeline, width: f64, height: f64, tz: Zone, marks: &[DateTime<Utc>]) -> Self {
        let plot = Rect {
            x: PAD_PX,
            y: PAD_PX + MARK_PX + 2.0,
            w: (width - 2.0 * PAD_PX).max(1.0),
            h: (height - AXIS_PX - PAD_PX - MARK_PX - 2.0).max(1.0),
        };
        let (t0, t1) = (
            timeline.start.timestamp_millis(),
            timeline.end.timestamp_millis().max(timeline.start.timestamp_millis() + 1),
        );
        let bins = ((plot.w / BAR_PX).floor() as usize).clamp(1, 600);
        let counts = timeline.counts(bins);
        let max = counts.iter().copied().fold(0.0_f64, f64::max);
        let bin_w = plot.w / bins as f64;
        let bars = counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0.0)
            .map(|(i, c)| {
                // Small counts stay visible: at least 2 px.
                let h = (plot.h * c / max.max(1e-9)).max(2.0).min(plot.h);
                let gap = if bin_w > 3.0 { 1.0 } else { 0.0 };
                Rect { x: plot.x + i as f64 * bin_w, y: plot.y + plot.h - h, w: (bin_w - gap).max(0.5), h }
            })
            .collect();
        let x_of = |t: DateTime<Utc>| plot.x + plot.w * (t.timestamp_millis() - t0) as f64 / (t1 - t0) as f64;
        let x_target = ((plot.w / 120.0).floor() as usize).clamp(2, 10);
        let x_ticks =
            time_ticks(timeline.start, timeline.end, tz, x_target).into_iter().map(|t| (t.label, x_of(t.at))).collect();
        let marks = marks.iter().filter(|m| **m >= timeline.start && **m <= timeline.end).map(|m| x_of(*m)).collect();
        let mark_band = Rect { x: plot.x, y: PAD_PX, w: plot.w, h: MARK_PX };
        TimelineLayout { plot, bars, x_ticks, marks, mark_band, t0, t1 }
    }

    /// The x of instant `t` (may lie outside the plot).
    pub fn x_of(&self, t: DateTime<Utc>) -> f64 {
        self.plot.x + self.plot.w * (t.timestamp_millis() - self.t0) as f64 / (self.t1 - self.t0) as f64
    }

    /// The instant at `x`, clamped to the plot.
    pub fn time_at(&self, x: f64) -> DateTime<Utc> {
        let share = ((x - self.plot.x) / self.plot.w).clamp(0.0, 1.0);
        let ms = self.t0 + ((self.t1 - self.t0) as f64 * share).round() as i64;
        DateTime::from_timestamp_millis(ms).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t(s: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap() + Duration::seconds(s)
    }

    fn exact(times: &[i64]) -> Timeline {
        let samples = times.iter().enumerate().map(|(i, s)| Sample { offset: i as u64, time: t(*s) }).collect();
        Timeline::new(t(0), t(100), times.len() as u64, samples)
    }

    #[test]
    fn probes_are_even_and_include_both_ends() {
        assert_eq!(probe_offsets(100_000, 5), vec![0, 24_999, 49_999, 74_999, 99_999]);
        assert_eq!(probe_offsets(3, 10), vec![0, 1, 2]);
        assert_eq!(probe_offsets(1, 10), vec![0]);
        assert_eq!(probe_offsets(0, 10), Vec::<u64>::new());
    }

    #[test]
    fn exact_counts_put_each_event_in_its_bin() {
        let tl = exact(&[0, 1, 2, 50, 99]);
        assert!(tl.is_exact());
        let c = tl.counts(10);
        assert_eq!(c, vec![3.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
        assert_eq!(c.iter().sum::<f64>(), 5.0);
    }

    #[test]
    fn sampled_counts_spread_the_events_between_samples() {
        // 1,001 events: 1 at 0 s, 999 spread until 50 s, 1 at 50 s; the span is 100 s.
        let tl = Timeline::new(
            t(0),
            t(100),
            1001,
            vec![Sample { offset: 0, time: t(0) }, Sample { offset: 1000, time: t(50) }],
        );
        assert!(!tl.is_exact());
        let c = tl.counts(4);
        assert!((c.iter().sum::<f64>() - 1001.0).abs() < 1e-6, "{c:?}");
        assert!((c[0] - 500.5).abs() < 1e-6 && (c[1] - 499.5).abs() < 1e-6 && c[2] == 1.0 && c[3] == 0.0, "{c:?}");
        // A burst: many events in one instant.
        let burst =
            Timeline::new(t(0), t(10), 500, vec![Sample { offset: 0, time: t(5) }, Sample { offset: 499, time: t(5) }]);
        assert_eq!(burst.counts(10)[5], 500.0);
    }

    #[test]
    fn times_map_to_offsets_and_back() {
        let tl = exact(&[0, 10, 20, 30]);
        assert_eq!(tl.offset_at(t(0)), 0);
        assert_eq!(tl.offset_at(t(5)), 1);
        assert_eq!(tl.offset_at(t(20)), 2);
        assert_eq!(tl.offset_at(t(99)), 3);
        assert_eq!(tl.time_of(2), Some(t(20)));
        let sampled = Timeline::new(
            t(0),
            t(100),
            101,
            vec![Sample { offset: 0, time: t(0) }, Sample { offset: 100, time: t(100) }],
        );
        assert_eq!(sampled.offset_at(t(50)), 50);
        assert_eq!(sampled.time_of(25), Some(t(25)));
        assert_eq!(Timeline::new(t(0), t(1), 0, vec![]).time_of(0), None);
    }

    #[test]
    fn the_span_covers_every_sample_and_is_never_empty() {
        let tl =
            Timeline::new(t(10), t(20), 2, vec![Sample { offset: 0, time: t(5) }, Sample { offset: 1, time: t(30) }]);
        assert_eq!((tl.start, tl.end), (t(5), t(30)));
        let point = Timeline::new(t(10), t(10), 1, vec![Sample { offset: 0, time: t(10) }]);
        assert_eq!(point.end, t(11));
        // Out-of-order times are made monotone.
        let tl = Timeline::new(
            t(0),
            t(10),
            3,
            vec![Sample { offset: 0, time: t(5) }, Sample { offset: 1, time: t(2) }, Sample { offset: 2, time: t(9) }],
        );
        assert_eq!(tl.time_of(1), Some(t(5)));
    }

    #[test]
    fn layout_hits_times() {
        let tl = exact(&[0, 50, 100]);
        let marks = [t(50), t(500)];
        let l = TimelineLayout::new(&tl, 412.0, 80.0, Zone::UTC, &marks);
        assert_eq!(l.plot.w, 400.0);
        assert_eq!(l.marks.len(), 1, "marks outside the span are dropped");
        assert!((l.marks[0] - 206.0).abs() < 1e-6);
        assert_eq!(l.time_at(l.x_of(t(25))), t(25));
        assert_eq!(l.time_at(-100.0), t(0));
        assert_eq!(l.bars.len(), 3);
        assert!(!l.x_ticks.is_empty());
    }

    proptest! {
        #[test]
        fn counts_always_add_up(times in proptest::collection::vec(0i64..1000, 1..40), extra in 0u64..10_000, bins in 1usize..300) {
            let mut sorted = times.clone();
            sorted.sort_unstable();
            // Samples at every k-th position of a longer list.
            let n = sorted.len() as u64;
            let total = n + extra;
            let samples: Vec<Sample> = sorted.iter().enumerate()
                .map(|(i, s)| Sample { offset: if n == 1 { 0 } else { i as u64 * (total - 1) / (n - 1) }, time: t(*s) })
                .collect();
            let tl = Timeline::new(t(0), t(1000), total, samples);
            let c = tl.counts(bins);
            prop_assert_eq!(c.len(), bins);
            prop_assert!((c.iter().sum::<f64>() - total as f64).abs() < 1e-6 * total as f64 + 1e-6, "{:?}", c.iter().sum::<f64>());
            prop_assert!(c.iter().all(|v| *v >= 0.0));
            for s in [0i64, 250, 999] {
                prop_assert!(tl.offset_at(t(s)) < total);
            }
        }
    }
}
