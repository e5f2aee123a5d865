//! The tooltip a chart shows under the pointer: its text, 12 px below and right of
//! the pointer's offset in the canvas.

use leptos::prelude::*;

/// The tooltip at `(x, y)` with its text, or nothing.
#[component]
pub fn ChartTooltip(
    /// Pointer offset in the canvas and the text, while the pointer is on something.
    #[prop(into)]
    at: Signal<Option<(f64, f64, String)>>,
) -> impl IntoView {
    move || {
        at.get().map(|(x, y, text)| {
            view! {
                <div class="tooltip" style:left=format!("{}px", x + 12.0) style:top=format!("{}px", y + 12.0)>
                    {text}
                </div>
            }
        })
    }
}
