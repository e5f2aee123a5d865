//! Helpers shared by the browser test files (`tests/browser*.rs`): a host element to
//! mount into, waiting for effects, reading text, and looking at a canvas's pixels.
#![allow(dead_code)] // each test binary uses its own subset

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

/// A fresh element of this width, attached to the page.
pub fn host(width_px: u32) -> HtmlElement {
    let el: HtmlElement = document().create_element("div").expect("div").unchecked_into();
    el.style().set_property("width", &format!("{width_px}px")).expect("style");
    document().body().expect("body").append_child(&el).expect("append");
    el
}

/// Lets effects and the browser run.
pub async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30).expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("timer fires");
}

/// The text of every element under `root` that `selector` matches, in document order.
pub fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.text_content().unwrap_or_default()).collect()
}

/// The element under `root` that `selector` matches (the test fails without one).
pub fn find<T: JsCast>(root: &HtmlElement, selector: &str) -> T {
    root.query_selector(selector).expect("selector").unwrap_or_else(|| panic!("no {selector}")).unchecked_into()
}

/// Distinct colours among a sample of the canvas's pixels: a blank canvas has one.
pub fn colour_count(canvas: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").expect("context").expect("2d").unchecked_into();
    let data = ctx.get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into()).expect("pixels").data();
    let mut seen = std::collections::BTreeSet::new();
    for px in data.chunks_exact(4).step_by(5) {
        seen.insert((px[0], px[1], px[2]));
    }
    seen.len()
}
