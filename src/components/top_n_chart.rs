//! A top-N chart: the canvas, its legend, and a table with the same numbers.
//!
//! Accessibility contract for every chart: the canvas is `role="img"` with a
//! summary `aria-label`, and the table follows it in the DOM at all times; the
//! "Table" toggle only makes it visible.

use leptos::html::Canvas;
use leptos::prelude::*;
use leptos_use_resize_observer::use_resize_observer;

use crate::charts::draw::draw_top_n;
use crate::charts::top_n::{RowKind, TopN};
use crate::format;
use crate::theme::use_theme;

/// Draws `model` as horizontal bars, with a legend when it has sub-buckets.
#[component]
pub fn TopNChart(
    /// The chart's title, also the start of its accessible summary.
    #[prop(into)]
    title: String,
    /// The field's name, the table's first column heading.
    #[prop(into)]
    field: String,
    /// What to draw.
    model: TopN,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let theme = use_theme();
    let (show_table, set_show_table) = signal(false);
    let (draw_error, set_draw_error) = signal(None::<String>);
    let summary = model.summary(&title);
    let height = format!("{}px", 40 + 34 * model.bar_count().max(1));
    let legend = model.series.clone();
    let rows = model.table_rows();

    // Draw once the canvas has a size, and again when its size or the theme changes.
    let (width, set_width) = signal(0.0_f64);
    use_resize_observer(canvas, move |entries, _| {
        if let Some(entry) = entries.first() {
            set_width.set(entry.content_rect().width());
        }
    });
    Effect::new(move |_| {
        let chart_theme = theme.get().chart();
        if width.get() < 1.0 {
            return;
        }
        if let Some(el) = canvas.get_untracked() {
            set_draw_error.set(draw_top_n(&el, &model, &chart_theme).err().map(|e| e.to_string()));
        }
    });

    let chart_theme = theme.get_untracked().chart();
    view! {
        <figure class="chart">
            <canvas node_ref=canvas class="chart-canvas" role="img" aria-label=summary style:height=height></canvas>
            {(!legend.is_empty())
                .then(|| {
                    view! {
                        <ul class="legend" aria-label="Legend">
                            {legend
                                .into_iter()
                                .enumerate()
                                .map(|(i, name)| {
                                    let swatch = chart_theme.series(i).css();
                                    view! {
                                        <li>
                                            <span class="swatch" style:background=swatch></span>
                                            {name}
                                        </li>
                                    }
                                })
                                .collect_view()}
                            <li>
                                <span class="swatch swatch-other"></span>
                                "other"
                            </li>
                        </ul>
                    }
                })}
            {move || draw_error.get().map(|e| view! { <p class="state state-error">{e}</p> })}
            <div class="chart-tools">
                <button
                    type="button"
                    class="toggle"
                    aria-pressed=move || show_table.get().to_string()
                    on:click=move |_| set_show_table.update(|v| *v = !*v)
                >
                    "Table"
                </button>
            </div>
            <div class="chart-table-wrap" class:sr-only=move || !show_table.get()>
            <table class="chart-table">
                <caption>{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{field}</th>
                        <th scope="col" class="num">"count"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let class = match row.kind {
                                RowKind::Value => "row-value",
                                RowKind::SubBucket => "row-sub",
                                RowKind::SubOther => "row-sub row-other",
                                RowKind::Other => "row-other",
                            };
                            view! {
                                <tr class=class>
                                    <td>{row.value}</td>
                                    <td class="num">{format::count(row.count)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            </div>
        </figure>
    }
}
