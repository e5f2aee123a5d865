//! The session histogram: sessions started per bin (bars) and active per bin
//! (a line), its geometry in CSS pixels, and pointer ↔ bin / time mapping for
//! tooltips, clicks and drag-to-zoom. Bins are as wide as the answer's buckets
//! really are ([`crate::charts::spacing`]), whatever bin size was asked for.

use chrono::{DateTime, Utc};
use sps_api::{BinSize, HistogramBucket};

use crate::charts::spacing::{width, Width};
use crate::charts::ticks::count_ticks;
use crate::charts::time_ticks::time_ticks;
use crate::charts::top_n_layout::{Rect, CHAR_PX};
use crate::format;
use crate::zone::Zone;

/// One interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistBin {
    /// Interval start (the bucket's `id`).
    pub start: DateTime<Utc>,
    /// Interval end: one width on, or the next bucket's start if that comes first.
    pub end: DateTime<Utc>,
    /// Sessions started in the interval.
    pub started: u64,
    /// Sessions active at some point of the interval.
    pub active: u64,
}

/// A histogram answer ready to draw and tabulate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histogram {
    /// Intervals in time order.
    pub bins: Vec<HistBin>,
    /// How wide they are, as the answer shows.
    pub width: Width,
    /// The bin size the request asked for.
    pub asked: BinSize,
}

impl Histogram {
    /// Builds the model from the answer's buckets (sorted by start; duplicates kept)
    /// and its `meta.bin_size`, for a request that `asked` for a bin size.
    pub fn from_buckets(buckets: &[HistogramBucket], meta_bin_size: Option<&str>, asked: BinSize) -> Self {
        let mut starts: Vec<DateTime<Utc>> = buckets.iter().map(|b| b.id.as_datetime()).collect();
        starts.sort();
        starts.dedup();
        let width = width(&starts, meta_bin_size, asked);
        let mut bins: Vec<HistBin> = buckets
            .iter()
            .map(|b| {
                let start = b.id.as_datetime();
                let next = starts.iter().find(|s| **s > start).copied();
                let end = next.map_or(width.end(start), |n| n.min(width.end(start)));
                HistBin { start, end, started: b.start_count, active: b.active_count }
            })
            .collect();
        bins.sort_by_key(|b| b.start);
        Histogram { bins, width, asked }
    }

    /// What one bin is: `hour`, `2 hours`.
    pub fn per(&self) -> String {
        self.width.label()
    }

    /// Said when the answer's bins are not the size that was asked for.
    pub fn width_note(&self) -> Option<String> {
        (self.width != Width::Unit(self.asked)).then(|| {
            format!(
                "SPS answered per {}, not per {} as asked: the chart shows what it answered.",
                self.per(),
                self.asked
            )
        })
    }

    /// No session started or active in any bin.
    pub fn is_empty(&self) -> bool {
        self.bins.iter().all(|b| b.started == 0 && b.active == 0)
    }

    /// The largest count of either series.
    pub fn max_count(&self) -> u64 {
        self.bins.iter().map(|b| b.started.max(b.active)).max().unwrap_or(0)
    }

    /// A text summary for the canvas's `aria-label`.
    pub fn summary(&self, tz: Zone) -> String {
        let started: u64 = self.bins.iter().map(|b| b.started).sum();
        let peak = self.bins.iter().max_by_key(|b| b.active);
        match peak {
            Some(p) if !self.is_empty() => format!(
                "Sessions per {}: {} started in {} bins; at most {} active, from {}",
                self.per(),
                format::count(started),
                self.bins.len(),
                format::count(p.active),
                self.label(p.start, tz),
            ),
            _ => format!("Sessions per {}: none", self.per()),
        }
    }

    /// The time the bars span: from the first bin's start to the last bin's end.
    pub fn extent(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        Some((self.bins.first()?.start, self.bins.last()?.end))
    }

    /// A bin's start as the table and tooltip show it (with seconds for bins
    /// shorter than a minute).
    pub fn label(&self, t: DateTime<Utc>, tz: Zone) -> String {
        t.with_timezone(&tz).format(self.time_format()).to_string()
    }

    /// A bin's span for the tooltip: `2026-11-23 09:00 – 10:00`, the end's date
    /// only when it is another day.
    pub fn range_label(&self, bin: &HistBin, tz: Zone) -> String {
        let (start, end) = (bin.start.with_timezone(&tz), bin.end.with_timezone(&tz));
        let end_format = if start.date_naive() == end.date_naive() {
            if self.width.below_a_minute() {
                "%H:%M:%S"
            } else {
                "%H:%M"
            }
        } else {
            self.time_format()
        };
        format!("{} – {}", start.format(self.time_format()), end.format(end_format))
    }

    fn time_format(&self) -> &'static str {
        if self.width.below_a_minute() {
            "%Y-%m-%d %H:%M:%S"
        } else {
            "%Y-%m-%d %H:%M"
        }
    }
}

const PAD_PX: f64 = 6.0;
const AXIS_PX: f64 = 22.0;

/// The histogram's geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramLayout {
    /// The plotting area.
    pub plot: Rect,
    /// One bar per bin (started), same order as the bins.
    pub bars: Vec<Rect>,
    /// The active line: one point per bin, at the bin's middle.
    pub active_line: Vec<(f64, f64)>,
    /// Count ticks: value and y.
    pub y_ticks: Vec<(u64, f64)>,
    /// Time ticks: label and x.
    pub x_ticks: Vec<(String, f64)>,
    t0: i64,
    t1: i64,
}

impl HistogramLayout {
    /// Lays out `h` in a `width` × `height` CSS-pixel box, times labelled in `tz`.
    pub fn new(h: &Histogram, width: f64, height: f64, tz: Zone) -> Self {
        let y_target = ((height / 45.0).round() as usize).clamp(2, 6);
        let y_values = count_ticks(h.max_count(), y_target);
        let y_max = y_values.last().copied().unwrap_or(1).max(1) as f64;
        let label_w = format::count(y_max as u64).len() as f64 * CHAR_PX + 2.0 * PAD_PX;
        let plot = Rect {
            x: label_w,
            y: PAD_PX,
            w: (width - label_w - PAD_PX).max(1.0),
            h: (height - AXIS_PX - PAD_PX).max(1.0),
        };
        let (t0, t1) = h
            .extent()
            .map_or((0, 1), |(a, b)| (a.timestamp_millis(), b.timestamp_millis().max(a.timestamp_millis() + 1)));
        let x_of = |t: DateTime<Utc>| plot.x + plot.w * (t.timestamp_millis() - t0) as f64 / (t1 - t0) as f64;
        let y_of = |v: u64| plot.y + plot.h * (1.0 - v as f64 / y_max);
        let bars = h
            .bins
            .iter()
            .map(|b| {
                let (x0, x1) = (x_of(b.start), x_of(b.end));
                // A hair of gap between bars once they are wide enough to afford it.
                let gap = if x1 - x0 > 4.0 { 1.0 } else { 0.0 };
                let top = y_of(b.started);
                Rect { x: x0, y: top, w: (x1 - x0 - gap).max(0.5), h: plot.y + plot.h - top }
            })
            .collect();
        let active_line = h.bins.iter().map(|b| ((x_of(b.start) + x_of(b.end)) / 2.0, y_of(b.active))).collect();
        let y_ticks = y_values.iter().map(|&v| (v, y_of(v))).collect();
        let x_target = ((plot.w / 110.0).floor() as usize).clamp(2, 12);
        // A label centred on its tick must fit inside the canvas.
        let fits = |label: &str, x: f64| {
            let half = label.chars().count() as f64 * CHAR_PX / 2.0;
            x - half >= 0.0 && x + half <= width
        };
        let x_ticks = match h.extent() {
            Some((a, b)) => time_ticks(a, b, tz, x_target)
                .into_iter()
                .map(|t| (t.label, x_of(t.at)))
                .filter(|(label, x)| fits(label, *x))
                .collect(),
            None => Vec::new(),
        };
        HistogramLayout { plot, bars, active_line, y_ticks, x_ticks, t0, t1 }
    }

    /// The instant at horizontal position `x` (clamped to the plot).
    pub fn time_at(&self, x: f64) -> DateTime<Utc> {
        let share = ((x - self.plot.x) / self.plot.w).clamp(0.0, 1.0);
        let millis = self.t0 + ((self.t1 - self.t0) as f64 * share).round() as i64;
        DateTime::from_timestamp_millis(millis).unwrap_or_default()
    }

    /// The bin under the point, if it is over the plot.
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        if y < self.plot.y || y > self.plot.y + self.plot.h {
            return None;
        }
        self.bars.iter().position(|b| x >= b.x && x < b.x + b.w.max(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sps_api::Timestamp;

    fn bucket(id: &str, started: u64, active: u64) -> HistogramBucket {
        HistogramBucket { id: id.parse::<Timestamp>().unwrap(), start_count: started, active_count: active }
    }

    fn sample() -> Histogram {
        Histogram::from_buckets(
            &[
                bucket("2018-01-15T13:00:00.000Z", 89, 99),
                bucket("2018-01-15T12:00:00.000Z", 61, 61),
                bucket("2018-01-15T14:00:00.000Z", 24, 39),
            ],
            Some("hour"),
            BinSize::Hour,
        )
    }

    #[test]
    fn hourly_buckets_answered_to_a_minute_request_are_drawn_as_hours() {
        // The server ignored `bin_size=minute` (and even echoes it in meta).
        let buckets = [
            bucket("2026-11-23T08:00:00Z", 61, 61),
            bucket("2026-11-23T09:00:00Z", 89, 99),
            bucket("2026-11-23T10:00:00Z", 24, 39),
        ];
        let h = Histogram::from_buckets(&buckets, Some("minute"), BinSize::Minute);
        assert_eq!((h.per(), h.bins[2].end), ("hour".to_owned(), "2026-11-23T11:00:00Z".parse().unwrap()));
        assert!(h.summary(Zone::UTC).starts_with("Sessions per hour:"), "{}", h.summary(Zone::UTC));
        assert!(h.width_note().unwrap().contains("per hour, not per minute"));
        assert_eq!(h.range_label(&h.bins[0], Zone::UTC), "2026-11-23 08:00 – 09:00");
        // Each bar is a third of the plot, not a minute's sliver of it.
        let l = HistogramLayout::new(&h, 600.0, 200.0, Zone::UTC);
        assert!(l.bars.iter().all(|b| (b.w - l.plot.w / 3.0).abs() < 1.5), "{:?}", l.bars);
        assert_eq!(sample().width_note(), None);
    }

    #[test]
    fn bins_end_at_the_next_bucket_and_labels_fit_the_width() {
        let daily = [bucket("2026-11-22T00:00:00Z", 1, 1), bucket("2026-11-23T00:00:00Z", 2, 2)];
        let h = Histogram::from_buckets(&daily, None, BinSize::Day);
        assert_eq!(h.range_label(&h.bins[0], Zone::UTC), "2026-11-22 00:00 – 2026-11-23 00:00");
        let seconds = [bucket("2026-11-22T00:00:00Z", 1, 1), bucket("2026-11-22T00:00:01Z", 2, 2)];
        let h = Histogram::from_buckets(&seconds, None, BinSize::Minute);
        assert_eq!(
            (h.per(), h.label(h.bins[1].start, Zone::UTC)),
            ("second".to_owned(), "2026-11-22 00:00:01".to_owned())
        );
        assert_eq!(h.range_label(&h.bins[1], Zone::UTC), "2026-11-22 00:00:01 – 00:00:02");
    }

    #[test]
    fn buckets_become_sorted_bins_with_ends() {
        let h = sample();
        assert_eq!(h.bins[0].started, 61);
        assert_eq!(h.bins[0].end, h.bins[1].start);
        assert_eq!(h.max_count(), 99);
        assert!(!h.is_empty());
        assert_eq!(
            h.summary(Zone::UTC),
            "Sessions per hour: 174 started in 3 bins; at most 99 active, from 2018-01-15 13:00"
        );
    }

    #[test]
    fn geometry_and_hit_testing() {
        let h = sample();
        let l = HistogramLayout::new(&h, 600.0, 200.0, Zone::UTC);
        assert_eq!(l.bars.len(), 3);
        let bottom = l.plot.y + l.plot.h;
        for b in &l.bars {
            assert!((b.y + b.h - bottom).abs() < 1e-9, "bars stand on the axis");
        }
        assert!(l.bars[1].h > l.bars[0].h && l.bars[0].h > l.bars[2].h);
        assert!(l.active_line[1].1 < l.active_line[0].1, "higher count, higher point");
        let mid = |i: usize| l.bars[i].x + l.bars[i].w / 2.0;
        assert_eq!(l.hit(mid(1), bottom - 1.0), Some(1));
        assert_eq!(l.hit(mid(2), l.plot.y + 1.0), Some(2), "anywhere above a bar counts");
        assert_eq!(l.hit(mid(2), bottom + 5.0), None);
        assert_eq!(l.time_at(l.plot.x), h.bins[0].start);
        assert_eq!(l.time_at(l.plot.x + l.plot.w), h.bins[2].end);
        assert_eq!(l.time_at(-100.0), h.bins[0].start, "clamped");
        assert!(!l.x_ticks.is_empty() && !l.y_ticks.is_empty());
        for (label, x) in &l.x_ticks {
            let half = label.len() as f64 * CHAR_PX / 2.0;
            assert!(*x - half >= 0.0 && *x + half <= 600.0, "{label} at {x} is cut off");
        }
    }

    #[test]
    fn empty_and_tiny() {
        let h = Histogram::from_buckets(&[], None, BinSize::Day);
        assert!(h.is_empty());
        assert_eq!(h.summary(Zone::UTC), "Sessions per day: none");
        let l = HistogramLayout::new(&h, 0.0, 0.0, Zone::UTC);
        assert!(l.bars.is_empty() && l.x_ticks.is_empty());
        assert_eq!(l.hit(1.0, 1.0), None);
    }
}
