//! The events table's scrolling: where the scroller is, how tall its viewport is,
//! and which rows that puts on screen ([`VirtualList`] does the arithmetic).

use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_resize_observer::use_resize_observer;

use crate::state::virtual_list::{VirtualList, Window};

/// Height of one table row in CSS pixels (matches `.event-row` in the CSS).
pub const ROW_PX: f64 = 30.0;
/// Rows rendered beyond the visible ones on each side.
const OVERSCAN: u64 = 8;

fn geometry(rows: Signal<u64>, viewport: RwSignal<f64>) -> VirtualList {
    VirtualList { rows: rows.get(), row_px: ROW_PX, viewport_px: viewport.get(), overscan: OVERSCAN }
}

/// The scroll state of a virtually scrolled list of `rows` rows.
#[derive(Clone, Copy)]
pub struct Scroll {
    /// The scrolling element.
    pub element: NodeRef<Div>,
    /// Its scroll position in CSS pixels.
    top: RwSignal<f64>,
    /// Its height, as the resize observer last saw it.
    viewport: RwSignal<f64>,
    rows: Signal<u64>,
    /// The rows to render.
    pub window: Memo<Window>,
}

impl Scroll {
    /// The scroll state of a list of `rows`; call while the component is created.
    pub fn new(rows: Signal<u64>) -> Scroll {
        let element = NodeRef::<Div>::new();
        let top = RwSignal::new(0.0_f64);
        let viewport = RwSignal::new(480.0_f64);
        let window = Memo::new(move |_| geometry(rows, viewport).window(top.get()));
        use_resize_observer(element, move |entries, _| {
            if let Some(entry) = entries.first() {
                viewport.set(entry.content_rect().height().max(ROW_PX));
            }
        });
        Scroll { element, top, viewport, rows, window }
    }

    /// The list's geometry now.
    pub fn list(&self) -> VirtualList {
        geometry(self.rows, self.viewport)
    }

    /// The row at the top of the viewport (the timeline's position mark).
    pub fn top_row(&self) -> u64 {
        let top = self.top.get() / ROW_PX;
        (top.floor() as u64).max(self.window.get().first)
    }

    /// Follows the element's scroll position (its `scroll` event).
    pub fn follow(&self) {
        if let Some(el) = self.element.get_untracked() {
            self.top.set(f64::from(el.scroll_top()));
        }
    }

    /// Back to the top (a new list).
    pub fn to_top(&self) {
        if let Some(el) = self.element.get_untracked() {
            el.set_scroll_top(0);
        }
        self.top.set(0.0);
    }

    /// Scrolls `row` into view, two rows below the top.
    pub fn to_row(&self, row: u64) {
        let target = self.list().scroll_to(row.saturating_sub(2));
        let (element, top) = (self.element, self.top);
        if let Some(el) = element.get_untracked() {
            el.set_scroll_top(target.round() as i32);
        }
        top.set(target);
        // On a deep link (`event=`) the list may not be laid out yet: the browser clamps
        // the scroll to 0 while the window shows the target's rows, a blank table. Scroll
        // again after the next frame and follow where the element really is.
        request_animation_frame(move || {
            if let Some(Some(el)) = element.try_get_untracked() {
                el.set_scroll_top(target.round() as i32);
                top.try_set(f64::from(el.scroll_top()));
            }
        });
    }
}
