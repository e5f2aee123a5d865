//! The size of an element's box, watched: charts draw once their canvas has one
//! and again whenever it changes, and the wall splits its screen by it.

use leptos::prelude::*;
use leptos_use_element::IntoElementsMaybeSignal;
use leptos_use_resize_observer::use_resize_observer;

/// The CSS width and height of `target`'s content box, `(0, 0)` until it is laid out.
pub fn use_box_size<M>(target: impl IntoElementsMaybeSignal<web_sys::Element, M>) -> ReadSignal<(f64, f64)> {
    let (size, set_size) = signal((0.0_f64, 0.0_f64));
    use_resize_observer(target, move |entries, _| {
        if let Some(entry) = entries.first() {
            let rect = entry.content_rect();
            set_size.set((rect.width(), rect.height()));
        }
    });
    size
}
