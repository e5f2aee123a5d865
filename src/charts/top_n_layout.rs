//! Geometry of a horizontal top-N bar chart in CSS pixels: where each label, bar,
//! segment and tick goes, and which bar a pointer is over. Drawing scales it by
//! the device pixel ratio; hit-testing uses it as is.

use crate::charts::ticks::count_ticks;
use crate::charts::top_n::{other_label, SegmentKind, TopN};
use crate::format;
use crate::text::safe::label;

/// Label font size in CSS pixels.
pub const FONT_PX: f64 = 12.0;
/// Average glyph width at [`FONT_PX`], used to size the label column without
/// measuring text (measuring forces a layout per label in the browser).
pub const CHAR_PX: f64 = 7.0;
/// Average width of a capital (and of `m`, `w`) at [`FONT_PX`]: labels such as
/// `TERMINATED` or `AUTH_FAIL` are wider than [`CHAR_PX`] per character.
const WIDE_CHAR_PX: f64 = 8.4;

/// The estimated width of `text` at [`FONT_PX`].
fn text_px(text: &str) -> f64 {
    text.chars().map(|c| if c.is_uppercase() || matches!(c, 'm' | 'w') { WIDE_CHAR_PX } else { CHAR_PX }).sum()
}
const AXIS_PX: f64 = 20.0;
const PAD_PX: f64 = 6.0;
const MAX_BAR_PX: f64 = 28.0;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether the point lies inside (left/top edges inclusive).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x < self.x + self.w && y >= self.y && y < self.y + self.h
    }
}

/// How a piece of a bar is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// A bar without sub-buckets.
    Accent,
    /// Sub-value `i` of the legend.
    Series(usize),
    /// "other" (the bar of uncovered sessions, or a bucket's own rest).
    Other,
}

/// What a bar stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarTarget {
    /// The listed value at this index of [`TopN::bars`].
    Value(usize),
    /// The "other" bar.
    Other,
}

/// One drawn row: label, bar pieces and the count printed after the bar.
#[derive(Debug, Clone, PartialEq)]
pub struct RowGeometry {
    /// What the bar stands for.
    pub target: BarTarget,
    /// The label as drawn (shortened to fit the label column).
    pub label: String,
    /// Vertical centre of the row.
    pub center_y: f64,
    /// The whole row band (for hit-testing).
    pub band: Rect,
    /// The bar's pieces, left to right.
    pub pieces: Vec<(Rect, Fill, Option<SegmentKind>)>,
    /// The count printed right of the bar.
    pub count_label: String,
    /// Where the bar ends (the count label starts after it).
    pub bar_end_x: f64,
}

/// The whole chart's geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct TopNLayout {
    /// The plotting area (bars start at its left edge).
    pub plot: Rect,
    /// Right edge of the label column, where labels are right-aligned.
    pub label_right_x: f64,
    /// Ticks: value and x position.
    pub ticks: Vec<(u64, f64)>,
    /// One entry per bar, top to bottom.
    pub rows: Vec<RowGeometry>,
}

/// What the pointer is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The bar's row.
    pub target: BarTarget,
    /// The segment under the pointer, when it is over one.
    pub segment: Option<SegmentKind>,
}

impl TopNLayout {
    /// Lays out `model` in a `width` × `height` CSS-pixel box.
    pub fn new(model: &TopN, width: f64, height: f64) -> Self {
        let labels: Vec<(BarTarget, String)> = model
            .bars
            .iter()
            .enumerate()
            .map(|(i, b)| (BarTarget::Value(i), label(&b.value)))
            .chain((model.other > 0).then(|| (BarTarget::Other, other_label(model.other))))
            .collect();
        let widest = labels.iter().map(|(_, l)| text_px(l)).fold(0.0, f64::max);
        let label_cap = (width * 0.38).max(40.0);
        let label_w = (widest + 2.0 * PAD_PX).clamp(40.0, label_cap);
        let max_chars = ((label_w - 2.0 * PAD_PX) / CHAR_PX).floor().max(1.0) as usize;
        let count_w = format::count(model.max_count()).len() as f64 * CHAR_PX + 2.0 * PAD_PX;
        let plot = Rect {
            x: label_w,
            y: PAD_PX,
            w: (width - label_w - count_w).max(1.0),
            h: (height - AXIS_PX - PAD_PX).max(1.0),
        };
        let tick_target = ((plot.w / 90.0).round() as usize).clamp(2, 8);
        let tick_values = count_ticks(model.max_count(), tick_target);
        let axis_max = tick_values.last().copied().unwrap_or(1).max(1) as f64;
        let x_of = |v: u64| plot.x + plot.w * (v as f64 / axis_max);
        let ticks = tick_values.iter().map(|&v| (v, x_of(v))).collect();

        let band_h = plot.h / labels.len().max(1) as f64;
        let bar_h = (band_h * 0.7).min(MAX_BAR_PX);
        let rows = labels
            .into_iter()
            .enumerate()
            .map(|(i, (target, label))| {
                let band = Rect { x: 0.0, y: plot.y + band_h * i as f64, w: width, h: band_h };
                let center_y = band.y + band_h / 2.0;
                let top = center_y - bar_h / 2.0;
                let (count, pieces) = match target {
                    BarTarget::Value(b) => {
                        let bar = &model.bars[b];
                        let mut x = plot.x;
                        let pieces = if bar.segments.is_empty() {
                            vec![(Rect { x, y: top, w: x_of(bar.count) - plot.x, h: bar_h }, Fill::Accent, None)]
                        } else {
                            bar.segments
                                .iter()
                                .map(|s| {
                                    let w = x_of(s.count) - plot.x;
                                    let fill = match s.kind {
                                        SegmentKind::Series(i) => Fill::Series(i),
                                        SegmentKind::Other => Fill::Other,
                                    };
                                    let piece = (Rect { x, y: top, w, h: bar_h }, fill, Some(s.kind));
                                    x += w;
                                    piece
                                })
                                .collect()
                        };
                        (bar.count, pieces)
                    }
                    BarTarget::Other => {
                        let w = x_of(model.other) - plot.x;
                        (model.other, vec![(Rect { x: plot.x, y: top, w, h: bar_h }, Fill::Other, None)])
                    }
                };
                RowGeometry {
                    target,
                    label: format::ellipsize(&label, max_chars),
                    center_y,
                    band,
                    pieces,
                    count_label: format::count(count),
                    bar_end_x: x_of(count),
                }
            })
            .collect();
        TopNLayout { plot, label_right_x: label_w - PAD_PX, ticks, rows }
    }

    /// The bar (and segment) under the point, if any: anywhere in a row's band
    /// counts, so short bars are easy to hover and click.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        let row = self.rows.iter().find(|r| r.band.contains(x, y))?;
        let segment = row.pieces.iter().find(|(rect, _, _)| rect.contains(x, y)).and_then(|(_, _, kind)| *kind);
        Some(Hit { target: row.target, segment })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_labels_get_the_room_they_need() {
        // Upper-case verdicts drawn right-aligned must not run past the left edge.
        assert!(text_px("TERMINATED") >= 10.0 * WIDE_CHAR_PX);
        assert!(text_px("TERMINATED") > text_px("terminated"));
        assert_eq!(text_px("ab"), 2.0 * CHAR_PX);
    }
    use sps_api::StatsResponse;

    fn model(json: &str) -> TopN {
        TopN::from_stats(&serde_json::from_str::<StatsResponse>(json).unwrap())
    }

    #[test]
    fn bars_scale_to_the_axis_and_stack_segments() {
        let m = model(
            r#"{"items":[
                {"value":"alice","count":5,"others":2,"buckets":[{"value":"ssh","count":3}]},
                {"value":"bob","count":4}
            ],"meta":{"others":1}}"#,
        );
        let l = TopNLayout::new(&m, 400.0, 200.0);
        assert_eq!(l.rows.len(), 3);
        let axis_end = l.ticks.last().unwrap();
        assert!(axis_end.0 >= 5);
        let alice = &l.rows[0];
        assert_eq!(alice.pieces.len(), 2);
        let (a, b) = (alice.pieces[0].0, alice.pieces[1].0);
        assert!((a.x + a.w - b.x).abs() < 1e-9, "segments touch");
        let full = l.plot.w * 5.0 / axis_end.0 as f64;
        assert!((a.w + b.w - full).abs() < 1e-9);
        assert_eq!(alice.pieces[1].1, Fill::Other);
        assert_eq!(l.rows[2].target, BarTarget::Other);
        assert_eq!(l.rows[2].label, "other (1 session)");
        assert!(l.rows.windows(2).all(|w| w[0].center_y < w[1].center_y), "top to bottom");
    }

    #[test]
    fn hit_testing_finds_rows_and_segments() {
        let m = model(
            r#"{"items":[{"value":"alice","count":5,"buckets":[{"value":"ssh","count":3},{"value":"rdp","count":2}]},{"value":"bob","count":1}],"meta":{}}"#,
        );
        let l = TopNLayout::new(&m, 300.0, 120.0);
        let first = l.rows[0].pieces[0].0;
        let second = l.rows[0].pieces[1].0;
        let over = |r: Rect| l.hit(r.x + r.w / 2.0, r.y + r.h / 2.0);
        assert_eq!(over(first), Some(Hit { target: BarTarget::Value(0), segment: Some(SegmentKind::Series(0)) }));
        assert_eq!(over(second).unwrap().segment, Some(SegmentKind::Series(1)));
        let bob = &l.rows[1];
        assert_eq!(
            l.hit(l.plot.x + l.plot.w - 1.0, bob.center_y),
            Some(Hit { target: BarTarget::Value(1), segment: None })
        );
        assert_eq!(l.hit(10.0, 119.9), None, "below the bars is the axis");
    }

    #[test]
    fn long_labels_are_shortened_and_tiny_boxes_do_not_break() {
        let long = "x".repeat(300);
        let m = model(&format!(r#"{{"items":[{{"value":"{long}","count":1}}],"meta":{{}}}}"#));
        let l = TopNLayout::new(&m, 500.0, 100.0);
        assert!(l.rows[0].label.ends_with('…'));
        assert!(l.rows[0].label.chars().count() as f64 * CHAR_PX <= 500.0 * 0.38);
        let tiny = TopNLayout::new(&m, 0.0, 0.0);
        assert!(tiny.plot.w >= 1.0 && tiny.plot.h >= 1.0);
        assert!(tiny.rows[0].pieces[0].0.w.is_finite());
    }
}
