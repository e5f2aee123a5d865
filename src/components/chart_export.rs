//! Export buttons of a chart: PNG (drawn again at 2× for print) and CSV of the
//! numbers in its table.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use crate::charts::draw::{DrawError, DrawSize};
use crate::clock::now;
use crate::download::save_bytes;
use crate::export::csv::Csv;
use crate::export::file_name::file_stem;

/// Pixels per layout pixel of an exported PNG.
const PNG_SCALE: f64 = 2.0;

/// Draws the chart onto a canvas at a size (the same function that draws it on screen).
pub type Redraw = std::sync::Arc<dyn Fn(&HtmlCanvasElement, DrawSize) -> Result<(), DrawError> + Send + Sync>;

fn png_bytes(redraw: &Redraw, width: f64, height: f64) -> Result<Vec<u8>, String> {
    use base64::Engine;
    let canvas: HtmlCanvasElement =
        document().create_element("canvas").map_err(|_| "no canvas".to_owned())?.unchecked_into();
    redraw(&canvas, DrawSize { width, height, ratio: PNG_SCALE }).map_err(|e| e.to_string())?;
    let url = canvas.to_data_url().map_err(|_| "the canvas cannot be read".to_owned())?;
    let data = url.split_once(',').map(|(_, d)| d).unwrap_or_default();
    base64::engine::general_purpose::STANDARD.decode(data).map_err(|e| e.to_string())
}

/// "PNG" and "CSV" buttons for a chart titled `title`.
#[component]
pub fn ChartExport(
    /// Names the files.
    #[prop(into)]
    title: String,
    /// The on-screen canvas (its CSS size is the export's layout size).
    canvas: NodeRef<leptos::html::Canvas>,
    /// Draws the chart.
    redraw: Redraw,
    /// The table's headings (read when exporting).
    #[prop(into)]
    headers: Signal<Vec<String>>,
    /// The table's rows (read when exporting: the chart's data may have changed).
    #[prop(into)]
    rows: Signal<Vec<Vec<String>>>,
) -> impl IntoView {
    let (error, set_error) = signal(None::<String>);
    let png_title = title.clone();
    let save_png = move |_| {
        let Some(el) = canvas.get_untracked() else { return };
        let (w, h) = (f64::from(el.client_width().max(1)), f64::from(el.client_height().max(1)));
        let result = png_bytes(&redraw, w, h).and_then(|bytes| {
            save_bytes(&format!("{}.png", file_stem(&png_title, now())), "image/png", &bytes).map_err(|e| e.to_string())
        });
        set_error.set(result.err());
    };
    let save_csv = move |_| {
        let mut text = Csv::with_header(&headers.get_untracked());
        for row in &rows.get_untracked() {
            text.push(row);
        }
        let text = text.into_string();
        let result =
            save_bytes(&format!("{}.csv", file_stem(&title, now())), "text/csv;charset=utf-8", text.as_bytes());
        set_error.set(result.err().map(|e| e.to_string()));
    };
    view! {
        <button type="button" class="mini" title="Save the chart as a PNG image (2×)" on:click=save_png>
            "PNG"
        </button>
        <button type="button" class="mini" title="Save the numbers as CSV" on:click=save_csv>
            "CSV"
        </button>
        {move || {
            error
                .get()
                .map(|e| {
                    view! {
                        <span class="form-error" role="alert">
                            {e}
                        </span>
                    }
                })
        }}
    }
}
