//! Virtual scrolling: which rows of a long list to put in the DOM for a scroll
//! position, and where, so that 100,000 events scroll smoothly with only the
//! visible rows (and a few around them) rendered.
//!
//! Rows have one fixed height. A spacer as tall as all rows gives the scroll bar
//! its size; the rendered rows are moved to where they belong. Browsers cap an
//! element's height (about 33 million CSS pixels in Chromium, fewer elsewhere), so
//! beyond [`MAX_SPACER_PX`] the spacer stays at that height and scroll positions
//! map to rows proportionally: the first row at the top, the last at the bottom.

/// The tallest spacer used.
pub const MAX_SPACER_PX: f64 = 4_000_000.0;

/// A list's geometry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VirtualList {
    /// How many rows the list has.
    pub rows: u64,
    /// The height of one row in CSS pixels.
    pub row_px: f64,
    /// The height of the scrolling viewport.
    pub viewport_px: f64,
    /// Extra rows rendered above and below the visible ones.
    pub overscan: u64,
}

/// The rows to render.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// The first rendered row.
    pub first: u64,
    /// One past the last rendered row.
    pub end: u64,
    /// Where the first rendered row's top goes, in spacer pixels.
    pub top_px: f64,
}

impl VirtualList {
    fn content_px(&self) -> f64 {
        self.rows as f64 * self.row_px.max(1.0)
    }

    /// The spacer's height.
    pub fn spacer_px(&self) -> f64 {
        self.content_px().min(MAX_SPACER_PX)
    }

    fn scaled(&self) -> bool {
        self.content_px() > MAX_SPACER_PX
    }

    /// The largest scroll position.
    fn max_scroll(&self) -> f64 {
        (self.spacer_px() - self.viewport_px).max(0.0)
    }

    /// The (fractional) row at the top of the viewport at `scroll_px`.
    pub fn row_at(&self, scroll_px: f64) -> f64 {
        let row_px = self.row_px.max(1.0);
        let scroll = scroll_px.clamp(0.0, self.max_scroll());
        if !self.scaled() {
            return scroll / row_px;
        }
        let max_row = ((self.content_px() - self.viewport_px) / row_px).max(0.0);
        let max_scroll = self.max_scroll();
        if max_scroll <= 0.0 {
            0.0
        } else {
            scroll / max_scroll * max_row
        }
    }

    /// The scroll position that puts row `row` at the top (as near as the end allows).
    pub fn scroll_to(&self, row: u64) -> f64 {
        let row_px = self.row_px.max(1.0);
        if !self.scaled() {
            return (row as f64 * row_px).min(self.max_scroll());
        }
        let max_row = ((self.content_px() - self.viewport_px) / row_px).max(1.0);
        (row as f64 / max_row * self.max_scroll()).clamp(0.0, self.max_scroll())
    }

    /// The rows to render at `scroll_px`.
    pub fn window(&self, scroll_px: f64) -> Window {
        if self.rows == 0 {
            return Window { first: 0, end: 0, top_px: 0.0 };
        }
        let row_px = self.row_px.max(1.0);
        let scroll = scroll_px.clamp(0.0, self.max_scroll());
        let top_row = self.row_at(scroll).min((self.rows - 1) as f64);
        let top_whole = top_row.floor() as u64;
        let visible = (self.viewport_px.max(0.0) / row_px).ceil() as u64 + 1;
        let first = top_whole.saturating_sub(self.overscan);
        let end = top_whole.saturating_add(visible).saturating_add(self.overscan).min(self.rows);
        // Row `top_row` sits at the viewport's top edge; the others follow it.
        let top_px = scroll - (top_row - first as f64) * row_px;
        Window { first, end, top_px }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn list(rows: u64) -> VirtualList {
        VirtualList { rows, row_px: 30.0, viewport_px: 600.0, overscan: 5 }
    }

    #[test]
    fn small_lists_scroll_one_to_one() {
        let l = list(1_000);
        assert_eq!(l.spacer_px(), 30_000.0);
        assert_eq!(l.window(0.0), Window { first: 0, end: 26, top_px: 0.0 });
        let w = l.window(3_000.0);
        assert_eq!((w.first, w.end, w.top_px), (95, 126, 2_850.0));
        // The end of the list: clamped, never past the last row.
        let w = l.window(1e9);
        assert_eq!(w.end, 1_000);
        assert_eq!(l.scroll_to(500), 15_000.0);
        assert_eq!(l.scroll_to(999), 29_400.0);
        assert_eq!(list(0).window(50.0), Window { first: 0, end: 0, top_px: 0.0 });
    }

    #[test]
    fn a_hundred_thousand_rows_render_a_handful() {
        let l = list(100_000);
        assert_eq!(l.spacer_px(), 3_000_000.0);
        let w = l.window(l.scroll_to(73_210));
        assert!(w.first <= 73_210 && 73_210 < w.end);
        assert!(w.end - w.first <= 32, "{w:?}");
    }

    #[test]
    fn huge_lists_scale_to_the_spacer() {
        let l = list(10_000_000);
        assert_eq!(l.spacer_px(), MAX_SPACER_PX);
        let bottom = l.window(MAX_SPACER_PX);
        assert_eq!(bottom.end, 10_000_000);
        let top = l.window(0.0);
        assert_eq!(top.first, 0);
        let mid = l.window(l.scroll_to(5_000_000));
        assert!(mid.first <= 5_000_000 && 5_000_000 < mid.end, "{mid:?}");
    }

    proptest! {
        #[test]
        fn the_top_row_is_always_rendered_and_placed_at_the_top(rows in 1u64..50_000_000, scroll in 0.0f64..5e6, row_px in 10.0f64..60.0, viewport in 0.0f64..2000.0) {
            let l = VirtualList { rows, row_px, viewport_px: viewport, overscan: 3 };
            let w = l.window(scroll);
            prop_assert!(w.first < w.end && w.end <= rows);
            prop_assert!(w.end - w.first <= (viewport / row_px).ceil() as u64 + 8);
            let top = l.row_at(scroll).floor() as u64;
            prop_assert!(w.first <= top.min(rows - 1) && top.min(rows - 1) < w.end);
            // The row at the top of the viewport covers the viewport's top edge.
            let clamped = scroll.clamp(0.0, (l.spacer_px() - viewport).max(0.0));
            let row_top = w.top_px + (top.min(rows - 1) - w.first) as f64 * row_px;
            prop_assert!(row_top <= clamped + 1e-6 && clamped < row_top + row_px + 1e-6, "{} {}", row_top, clamped);
        }
    }
}
