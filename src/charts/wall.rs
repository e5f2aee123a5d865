//! The wall screen's geometry in CSS pixels: how the histogram and the panels
//! share the space under the status line (no scrolling), and how much larger a
//! chart draws for the size its canvas has on screen. A wall is read from metres
//! away, so type and marks grow with the canvas instead of staying 12 px.

/// The smallest cell a panel gets on the wall (CSS pixels): below it a top-N
/// chart's labels no longer fit.
pub const MIN_CELL: (f64, f64) = (300.0, 160.0);
/// The width : height a panel looks best at; the grid picks the column count
/// whose cells come closest to holding a box of this shape at the largest size.
pub const PANEL_ASPECT: f64 = 1.6;
/// The histogram's share of the height when panels are shown too.
pub const HISTOGRAM_SHARE: f64 = 0.3;
/// The histogram's lowest height when panels are shown too.
pub const MIN_HISTOGRAM: f64 = 150.0;
/// How many times larger than at desk size a chart draws at most.
pub const MAX_SCALE: f64 = 6.0;

/// Columns and rows of the panel grid and the size of one cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// Columns.
    pub cols: usize,
    /// Rows.
    pub rows: usize,
    /// One cell's width.
    pub cell_w: f64,
    /// One cell's height.
    pub cell_h: f64,
}

impl Grid {
    /// Whether every cell is at least [`MIN_CELL`].
    pub fn cells_fit(&self) -> bool {
        self.cell_w >= MIN_CELL.0 && self.cell_h >= MIN_CELL.1
    }
}

/// Lays out `count` panels in a `width` × `height` box with `gap` between cells.
///
/// Every column count is tried; cells of at least [`MIN_CELL`] win, then the one
/// holding the largest [`PANEL_ASPECT`] box, then the one with fewer empty cells.
/// When no column count gives cells of the minimum size (too many panels for the
/// screen), the cells are the minimum size and the page scrolls: a panel too
/// small to read helps nobody.
pub fn grid(count: usize, width: f64, height: f64, gap: f64) -> Grid {
    if count == 0 {
        return Grid { cols: 0, rows: 0, cell_w: 0.0, cell_h: 0.0 };
    }
    let cell = |cols: usize| {
        let rows = count.div_ceil(cols);
        let cell_w = (width - gap * (cols - 1) as f64) / cols as f64;
        let cell_h = (height - gap * (rows - 1) as f64) / rows as f64;
        Grid { cols, rows, cell_w, cell_h }
    };
    let score =
        |g: &Grid| (g.cells_fit(), g.cell_w.min(g.cell_h * PANEL_ASPECT), usize::MAX - (g.cols * g.rows - count));
    let best = (1..=count)
        .map(cell)
        .max_by(|a, b| score(a).partial_cmp(&score(b)).unwrap_or(std::cmp::Ordering::Equal))
        .unwrap_or_else(|| cell(1));
    if best.cells_fit() {
        return best;
    }
    // Nothing fits: as many columns of the minimum width as the width holds.
    let cols = (((width + gap) / (MIN_CELL.0 + gap)).floor() as usize).clamp(1, count);
    let g = cell(cols);
    Grid { cell_w: g.cell_w.max(MIN_CELL.0), cell_h: g.cell_h.max(MIN_CELL.1), ..g }
}

/// The wall's split of the space under the status line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WallLayout {
    /// The histogram's height (0 when it is off).
    pub histogram_h: f64,
    /// The panels' grid, below the histogram.
    pub grid: Grid,
}

/// Splits a `width` × `height` box between the histogram (when shown) and a grid
/// of `panels` panels, `gap` apart.
pub fn wall_layout(panels: usize, histogram: bool, width: f64, height: f64, gap: f64) -> WallLayout {
    let histogram_h = match (histogram, panels) {
        (false, _) => 0.0,
        (true, 0) => height.max(0.0),
        (true, _) => (height * HISTOGRAM_SHARE).max(MIN_HISTOGRAM).min(height.max(0.0)),
    };
    let below = if histogram_h > 0.0 { height - histogram_h - gap } else { height };
    WallLayout { histogram_h, grid: grid(panels, width, below.max(0.0), gap) }
}

/// How many times larger than at desk size a chart draws on a canvas of `width` ×
/// `height` CSS pixels, for a chart that reads well in `base_w` × `base_h` at
/// desk size: the largest factor at which that box still fits, never below 1
/// (desk size) nor above [`MAX_SCALE`]. Fonts, bar thickness and line widths all
/// grow by it.
pub fn chart_scale(width: f64, height: f64, base_w: f64, base_h: f64) -> f64 {
    let fit = (width / base_w.max(1.0)).min(height / base_h.max(1.0));
    if fit.is_finite() {
        fit.clamp(1.0, MAX_SCALE)
    } else {
        1.0
    }
}

/// Bars beyond this many do not make a wall chart's type smaller: the chart folds
/// the last ones into "other" ([`bars_fitting`]) instead.
pub const MAX_SCALED_BARS: usize = 8;

/// The desk-size box a top-N chart of `rows` bars reads well in: room for the
/// labels, and 18 px per bar (a 12 px label and its gap) above the axis, for at
/// most [`MAX_SCALED_BARS`] bars.
pub fn top_n_base(rows: usize) -> (f64, f64) {
    (480.0, 26.0 + 18.0 * rows.clamp(1, MAX_SCALED_BARS) as f64)
}

/// How many bars of a top-N chart fit a canvas `height` CSS px high drawn `scale`
/// times larger: 18 layout px a bar, as in [`top_n_base`].
pub fn bars_fitting(height: f64, scale: f64) -> usize {
    let rows = ((height / scale.max(1.0) - 26.0) / 18.0).floor();
    if rows.is_finite() && rows > 0.0 {
        rows as usize
    } else {
        0
    }
}

/// The desk-size box the histogram reads well in.
pub const HISTOGRAM_BASE: (f64, f64) = (640.0, 160.0);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::top_n_layout::FONT_PX;
    use proptest::prelude::*;

    const GAP: f64 = 16.0;

    #[test]
    fn five_panels_on_common_walls() {
        // 1280×720 and 3840×2160 minus the status line: three columns, two rows.
        for (w, h) in [(1250.0, 620.0), (1890.0, 980.0), (3810.0, 2040.0)] {
            let l = wall_layout(5, true, w, h, GAP);
            assert_eq!((l.grid.cols, l.grid.rows), (3, 2), "{w}×{h}: {l:?}");
            assert!(l.grid.cells_fit(), "{w}×{h}: {l:?}");
            let used = l.histogram_h + GAP + l.grid.rows as f64 * l.grid.cell_h + GAP * (l.grid.rows - 1) as f64;
            assert!((used - h).abs() < 1e-6, "fills the height exactly: {used} of {h}");
        }
        // A 32:9 wall is wide: the five panels take one row.
        let l = wall_layout(5, true, 7650.0, 2040.0, GAP);
        assert_eq!((l.grid.cols, l.grid.rows), (5, 1));
    }

    #[test]
    fn columns_follow_the_aspect_ratio() {
        assert_eq!(grid(4, 1600.0, 1000.0, GAP).cols, 2, "a 16:10 box takes 2×2");
        assert_eq!(grid(4, 4000.0, 600.0, GAP).cols, 4, "a wide strip takes one row");
        assert_eq!(grid(4, 700.0, 1600.0, GAP).cols, 1, "a portrait screen takes one column");
        let one = grid(1, 1000.0, 500.0, GAP);
        assert_eq!((one.cols, one.rows, one.cell_w, one.cell_h), (1, 1, 1000.0, 500.0));
        assert_eq!(grid(0, 1000.0, 500.0, GAP).cols, 0);
    }

    #[test]
    fn without_the_histogram_or_without_panels() {
        let l = wall_layout(3, false, 1800.0, 900.0, GAP);
        assert_eq!(l.histogram_h, 0.0);
        assert_eq!((l.grid.cols, l.grid.rows, l.grid.cell_h), (2, 2, 442.0), "the panels take the whole height");
        assert_eq!(wall_layout(0, true, 1800.0, 900.0, GAP).histogram_h, 900.0);
    }

    #[test]
    fn too_many_panels_get_the_minimum_size_and_scroll() {
        let g = grid(24, 1250.0, 400.0, GAP);
        assert!(g.cell_w >= MIN_CELL.0 && g.cell_h >= MIN_CELL.1, "{g:?}");
        assert_eq!(g.cols, 4);
        assert_eq!(g.rows, 6);
    }

    #[test]
    fn type_grows_with_the_canvas() {
        assert_eq!(chart_scale(480.0, 250.0, 480.0, 250.0), 1.0);
        assert_eq!(chart_scale(200.0, 100.0, 480.0, 250.0), 1.0, "never below desk size");
        assert_eq!(chart_scale(100_000.0, 100_000.0, 480.0, 250.0), MAX_SCALE);
        assert_eq!(chart_scale(960.0, 10_000.0, 480.0, 250.0), 2.0, "the narrow side decides");
        assert_eq!(chart_scale(f64::NAN, 1.0, 480.0, 250.0), 1.0);
        // A top-10 panel (11 bars with "other") of the 3840×2160 wall: its canvas
        // is about 1200×540 CSS px; value labels are at least 28 px, and 10 bars fit.
        let (bw, bh) = top_n_base(11);
        let scale = chart_scale(1200.0, 540.0, bw, bh);
        assert!(FONT_PX * scale >= 28.0);
        assert_eq!(bars_fitting(540.0, scale), 10);
        // On 1920×1080 (about 580×230) the labels are still larger than at a desk.
        assert!(FONT_PX * chart_scale(580.0, 230.0, bw, bh) >= 14.0);
        let (hw, hh) = HISTOGRAM_BASE;
        assert!(FONT_PX * chart_scale(3740.0, 480.0, hw, hh) >= 28.0);
    }

    #[test]
    fn bars_that_fit() {
        let (_, h) = top_n_base(6);
        assert_eq!(bars_fitting(h, 1.0), 6);
        assert_eq!(bars_fitting(h * 2.0, 2.0), 6);
        assert_eq!(top_n_base(11), top_n_base(MAX_SCALED_BARS), "more bars fold rather than shrink the type");
        assert_eq!(bars_fitting(120.0, 1.0), 5);
        assert_eq!(bars_fitting(10.0, 1.0), 0);
        assert_eq!(bars_fitting(f64::NAN, 1.0), 0);
    }

    proptest! {
        #[test]
        fn every_cell_is_at_least_the_minimum(count in 1usize..=24, w in 1280.0f64..7680.0, h in 500.0f64..2160.0) {
            let l = wall_layout(count, true, w, h, GAP);
            prop_assert!(l.grid.cell_w >= MIN_CELL.0 && l.grid.cell_h >= MIN_CELL.1);
            prop_assert!(l.grid.cols * l.grid.rows >= count);
            prop_assert!(l.grid.cols * (l.grid.rows - 1) < count, "no empty row");
            // Never wider than the screen: only the height may overflow.
            let width = l.grid.cols as f64 * l.grid.cell_w + GAP * (l.grid.cols - 1) as f64;
            prop_assert!(width <= w + 1e-6);
        }
    }
}
