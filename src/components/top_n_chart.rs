//! A top-N chart: the canvas, its legend, a hover tooltip, and a table with the
//! same numbers. Clicking a bar (or its table row's button) filters by the value;
//! a modifier-click, a right-click or the row's "exclude" button excludes it.
//!
//! Accessibility contract for every chart: the canvas is `role="img"` with a
//! summary `aria-label`, and the table follows it in the DOM at all times; the
//! "Table" toggle only makes it visible.

use leptos::html::Canvas;
use leptos::prelude::*;
use web_sys::MouseEvent;

use crate::charts::draw::{draw_top_n, DrawSize};
use crate::charts::top_n::{RowKind, SegmentKind, TopN};
use crate::charts::top_n_layout::{BarTarget, Hit, TopNLayout, FONT_PX};
use crate::charts::wall::{bars_fitting, chart_scale, top_n_base};
use crate::components::box_size::use_box_size;
use crate::components::chart_export::{ChartExport, Redraw};
use crate::components::chart_table::{ChartRow, ChartTable};
use crate::components::chart_tooltip::ChartTooltip;
use crate::components::shell::use_display;
use crate::format;
use crate::text::safe::label;
use crate::theme::use_theme;

/// A request to narrow (or widen) the query by a chart value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueFilter {
    /// The bar's value.
    pub value: String,
    /// The segment's sub-value, when a segment was chosen.
    pub sub_value: Option<String>,
    /// Exclude instead of include.
    pub exclude: bool,
}

fn excludes(ev: &MouseEvent) -> bool {
    ev.shift_key() || ev.alt_key() || ev.ctrl_key() || ev.meta_key()
}

/// Draws `model` as horizontal bars, with a legend when it has sub-buckets.
#[component]
pub fn TopNChart(
    /// The chart's title, also the start of its accessible summary.
    #[prop(into)]
    title: String,
    /// The field's name, the table's first column heading.
    #[prop(into)]
    field: String,
    /// What to draw; the chart redraws in place when it changes.
    #[prop(into)]
    model: Signal<TopN>,
    /// Called when a value is clicked; without it the chart is read-only.
    #[prop(optional)]
    on_filter: Option<Callback<ValueFilter>>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let theme = use_theme();
    let display = use_display();
    let (draw_error, set_draw_error) = signal(None::<String>);
    let (tooltip, set_tooltip) = signal(None::<(f64, f64, String)>);
    let layout = StoredValue::new(None::<TopNLayout>);
    let summary = {
        let title = title.clone();
        move || model.with(|m| m.summary(&title))
    };
    // The desk height; on the wall the grid sizes the canvas (CSS).
    let height = move || format!("{}px", 40 + 34 * model.with(TopN::bar_count).max(1));

    // Draw once the canvas has a size, and again when its size, the theme or the data changes.
    let size = use_box_size(canvas);
    // How much larger than at desk size the last drawing is (the wall's big type).
    let zoom = StoredValue::new(1.0_f64);
    Effect::new(move |_| {
        let chart_theme = theme.get().chart();
        let (w, h) = size.get();
        if w < 1.0 {
            return;
        }
        // On the wall: larger with the canvas, and no more bars than fit its cell.
        let (scale, fits) = if display.get().kiosk {
            let (base_w, base_h) = top_n_base(model.with(TopN::bar_count));
            let scale = chart_scale(w, h, base_w, base_h);
            (scale, Some(bars_fitting(h, scale)))
        } else {
            (1.0, None)
        };
        if let Some(el) = canvas.get_untracked() {
            let size = DrawSize::on_screen(&el, scale);
            let drawn = model.with(|m| match fits {
                Some(rows) if rows < m.bar_count() => draw_top_n(&el, &m.folded_to(rows), &chart_theme, size),
                _ => draw_top_n(&el, m, &chart_theme, size),
            });
            set_draw_error.set(drawn.as_ref().err().map(ToString::to_string));
            layout.set_value(drawn.ok());
            zoom.set_value(scale);
            // The label size as drawn, for tests and for whoever checks a wall from its DOM.
            let _ = el.set_attribute("data-font-px", &format!("{:.1}", FONT_PX * scale));
        }
    });

    // Pointer offsets are CSS pixels; the layout's pixels are larger by the zoom.
    let hit_at = move |ev: &MouseEvent| {
        let z = zoom.get_value();
        layout
            .with_value(|l| l.as_ref().and_then(|l| l.hit(f64::from(ev.offset_x()) / z, f64::from(ev.offset_y()) / z)))
    };
    let filter_for = move |hit: Hit, exclude: bool| {
        let BarTarget::Value(i) = hit.target else { return None };
        model.with_untracked(|m| {
            let bar = m.bars.get(i)?;
            let sub_value = match hit.segment {
                Some(SegmentKind::Series(s)) if !exclude => m.series.get(s).cloned(),
                _ => None,
            };
            Some(ValueFilter { value: bar.value.clone(), sub_value, exclude })
        })
    };
    let describe = move |hit: Hit| {
        model.with_untracked(|m| match hit.target {
            BarTarget::Other => format!("other: {} sessions not in the top {}", format::count(m.other), m.bars.len()),
            BarTarget::Value(i) => {
                let Some(bar) = m.bars.get(i) else { return String::new() };
                let mut text = format!("{}: {} sessions", label(&bar.value), format::count(bar.count));
                let segment = hit.segment.and_then(|k| bar.segments.iter().find(|s| s.kind == k));
                if let Some(seg) = segment {
                    let name = match seg.kind {
                        SegmentKind::Series(s) => m.series.get(s).map(|v| label(v)).unwrap_or_default(),
                        SegmentKind::Other => "other".to_owned(),
                    };
                    text.push_str(&format!(" — {name}: {}", format::count(seg.count)));
                }
                if on_filter.is_some() {
                    text.push_str(" · click to filter, shift-click to exclude");
                }
                text
            }
        })
    };
    let on_move = move |ev: MouseEvent| {
        set_tooltip.set(hit_at(&ev).map(|h| (f64::from(ev.offset_x()), f64::from(ev.offset_y()), describe(h))));
    };
    let apply = move |ev: &MouseEvent, exclude: bool| {
        if let (Some(cb), Some(filter)) = (on_filter, hit_at(ev).and_then(|h| filter_for(h, exclude))) {
            cb.run(filter);
        }
    };

    let redraw: Redraw = std::sync::Arc::new(move |c: &web_sys::HtmlCanvasElement, size: DrawSize| {
        model.with_untracked(|m| draw_top_n(c, m, &theme.get_untracked().chart(), size)).map(|_| ())
    });
    let export_rows = Signal::derive(move || {
        model.with(|m| m.table_rows().into_iter().map(|r| vec![r.value, r.count.to_string()]).collect())
    });
    let export_headers = vec![field.clone(), "count".to_owned()];
    let export_title = title.clone();
    let rows = move || {
        model.with(|m| {
            m.table_rows()
                .into_iter()
                .map(|row| {
                    let class = match row.kind {
                        RowKind::Value => "row-value",
                        RowKind::SubBucket => "row-sub",
                        RowKind::SubOther => "row-sub row-other",
                        RowKind::Other => "row-other",
                    };
                    let actions = match (row.kind, on_filter) {
                        (RowKind::Value, Some(cb)) => {
                            let (include, exclude) = (row.value.clone(), row.value.clone());
                            Some(
                                view! {
                                    <button
                                        type="button"
                                        class="mini"
                                        title=format!("Filter: {include}")
                                        aria-label=format!("Filter to {include}")
                                        on:click=move |_| {
                                            cb.run(ValueFilter {
                                                value: include.clone(),
                                                sub_value: None,
                                                exclude: false,
                                            })
                                        }
                                    >
                                        "+"
                                    </button>
                                    <button
                                        type="button"
                                        class="mini"
                                        title=format!("Exclude: {exclude}")
                                        aria-label=format!("Exclude {exclude}")
                                        on:click=move |_| {
                                            cb.run(ValueFilter {
                                                value: exclude.clone(),
                                                sub_value: None,
                                                exclude: true,
                                            })
                                        }
                                    >
                                        "−"
                                    </button>
                                }
                                .into_any(),
                            )
                        }
                        _ => None,
                    };
                    // The table shows the label; CSV exports the value as sent.
                    ChartRow { class, cells: vec![label(&row.value), format::count(row.count)], actions }
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <figure class="chart">
            <div class="chart-area">
                <canvas
                    node_ref=canvas
                    class="chart-canvas"
                    class:clickable=on_filter.is_some()
                    role="img"
                    aria-label=summary
                    style:height=height
                    on:mousemove=on_move
                    on:mouseleave=move |_| set_tooltip.set(None)
                    on:click=move |ev| apply(&ev, excludes(&ev))
                    on:contextmenu=move |ev| {
                        if on_filter.is_some() && hit_at(&ev).is_some() {
                            ev.prevent_default();
                            apply(&ev, true);
                        }
                    }
                ></canvas>
                <ChartTooltip at=tooltip />
            </div>
            {move || {
                let names: Vec<String> = model.with(|m| m.series.iter().map(|s| label(s)).collect());
                let chart_theme = theme.get().chart();
                (!names.is_empty())
                    .then(|| {
                        view! {
                            <ul class="legend" aria-label="Legend">
                                {names
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
                    })
            }}
            {move || draw_error.get().map(|e| view! { <p class="state state-error">{e}</p> })}
            <ChartTable
                caption=title
                headers=vec![field, "count".to_owned()]
                rows
                actions=on_filter.is_some()
                tools=(!display.get_untracked().bare())
                    .then(|| {
                        view! {
                            <ChartExport title=export_title canvas redraw headers=export_headers rows=export_rows />
                        }
                            .into_any()
                    })
            />
        </figure>
    }
}
