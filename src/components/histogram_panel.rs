//! The session histogram panel: started per bin as bars, active as a line.
//! Hovering shows a bin's numbers, dragging across zooms the time range, and
//! clicking a bar opens the session search for that bin. SPS's histogram cannot
//! search recorded content: with a content search the panel says it is not narrowed
//! by it (and never sends it).

use chrono::{DateTime, Utc};
use leptos::html::Canvas;
use leptos::prelude::*;
use web_sys::MouseEvent;

use crate::api::ApiClient;
use crate::charts::bins::{decide, BinDecision};
use crate::charts::draw::{draw_histogram, DrawSize};
use crate::charts::histogram::{Histogram, HistogramLayout};
use crate::charts::top_n_layout::FONT_PX;
use crate::charts::wall::{chart_scale, HISTOGRAM_BASE};
use crate::components::box_size::use_box_size;
use crate::components::chart_export::{ChartExport, Redraw};
use crate::components::chart_table::{ChartRow, ChartTable};
use crate::components::chart_tooltip::ChartTooltip;
use crate::components::panel_body::panel_body;
use crate::components::panel_data::use_panel_data;
use crate::components::refresh::Refresher;
use crate::components::shell::use_display;
use crate::format;
use crate::paths::browser::{Go, Navigator};
use crate::paths::{with_query, SESSIONS};
use crate::state::config::AppConfig;
use crate::state::requests::histogram_params;
use crate::state::time_range::{iso, TimeRange};
use crate::state::url::ViewCtl;
use crate::theme::use_theme;

/// Drags shorter than this many CSS pixels are clicks.
const DRAG_PX: f64 = 5.0;

/// The histogram panel of the overview.
#[component]
pub fn HistogramPanel() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let client = expect_context::<ApiClient>();
    let refresher = expect_context::<Refresher>();
    let max_bins = expect_context::<AppConfig>().max_histogram_bins;
    let auth = client.auth();
    let decision = Memo::new(move |_| {
        let view = ctl.view.get();
        let (start, end) = view.range.resolve(refresher.now.get());
        (decide(view.bin, start, end, max_bins), start, end, view.q)
    });
    let data = use_panel_data(move || {
        auth.track();
        let (BinDecision { bin, .. }, start, end, q) = decision.get();
        // Started here, in the resource's scope, so a newer run aborts it.
        let request = histogram_params(&q, bin, start, end).map(|params| client.histogram(&params));
        async move {
            match request {
                Ok(request) => request
                    .await
                    .map(|answer| Histogram::from_buckets(&answer.body.buckets, answer.meta.bin_size.as_deref(), bin)),
                Err(not_sent) => Err(not_sent.into()),
            }
        }
    });
    // Why the bins are not what was chosen: too fine for the range, or the server cut others.
    let note = move || {
        let answered = data.value.with(|m| m.as_ref().and_then(Histogram::width_note));
        decision.with(|d| d.0.note.clone()).or(answered).map(|n| {
            view! {
                <p class="note histogram-note" role="note">
                    {n}
                </p>
            }
        })
    };
    let content_note = move || {
        ctl.view.with(|v| !v.content.trim().is_empty()).then(|| {
            view! {
                <p class="note content-note" role="note">
                    "Not narrowed by content: SPS's histogram cannot search recorded content, so it counts every session of the query and time range."
                </p>
            }
        })
    };
    let body =
        panel_body(data, "the session histogram", Histogram::is_empty, "No sessions in this time range.", |model| {
            view! { <HistogramChart model /> }
        });
    // What the answer shows, once there is one; what is being asked for until then.
    let bin_name = move || {
        data.value.with(|m| m.as_ref().map(Histogram::per)).unwrap_or_else(|| decision.with(|d| d.0.bin.to_string()))
    };
    view! {
        <section class="panel panel-wide" aria-label="Sessions over time">
            <header class="panel-header">
                <h2 class="panel-title">"Sessions over time"</h2>
                <span class="panel-subtitle">{move || format!("per {}", bin_name())}</span>
                <span class="panel-busy" class:visible=move || data.loading.get() aria-hidden="true"></span>
                <ul class="legend legend-inline" aria-label="Legend">
                    <li>
                        <span class="swatch swatch-bar"></span>
                        "started"
                    </li>
                    <li>
                        <span class="swatch swatch-line"></span>
                        "active"
                    </li>
                </ul>
            </header>
            {content_note}
            {note}
            {body}
        </section>
    }
}

/// The histogram's canvas, tooltip, drag selection and table; it redraws in place
/// when `model` changes.
#[component]
fn HistogramChart(model: Signal<Histogram>) -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let navigator = Navigator::here();
    let theme = use_theme();
    let display = use_display();
    let canvas = NodeRef::<Canvas>::new();
    let layout = StoredValue::new(None::<HistogramLayout>);
    let (tooltip, set_tooltip) = signal(None::<(f64, f64, String)>);
    let (drag, set_drag) = signal(None::<(f64, f64)>);
    let room = use_box_size(canvas);
    // How much larger than at desk size the last drawing is (the wall's big type).
    let zoom = StoredValue::new(1.0_f64);
    Effect::new(move |_| {
        let (chart_theme, tz) = (theme.get().chart(), ctl.zone.get());
        let (w, h) = room.get();
        if w < 1.0 {
            return;
        }
        let scale = if display.get().kiosk { chart_scale(w, h, HISTOGRAM_BASE.0, HISTOGRAM_BASE.1) } else { 1.0 };
        if let Some(el) = canvas.get_untracked() {
            let size = DrawSize::on_screen(&el, scale);
            layout.set_value(model.with(|m| draw_histogram(&el, m, tz, &chart_theme, size)).ok());
            zoom.set_value(scale);
            // The label size as drawn, for tests and for whoever checks a wall from its DOM.
            let _ = el.set_attribute("data-font-px", &format!("{:.1}", FONT_PX * scale));
        }
    });

    // Pointer offsets are CSS pixels; the layout's pixels are larger by the zoom.
    let x_of = |ev: &MouseEvent| f64::from(ev.offset_x());
    let bin_at = move |ev: &MouseEvent| {
        let z = zoom.get_value();
        layout.with_value(|l| l.as_ref()?.hit(x_of(ev) / z, f64::from(ev.offset_y()) / z))
    };
    let time_at = move |x: f64| layout.with_value(|l| l.as_ref().map(|l| l.time_at(x / zoom.get_value())));
    let describe = move |i: usize| {
        let tz = ctl.zone.get_untracked();
        model.with_untracked(|m| {
            m.bins.get(i).map(|b| {
                format!(
                    "{}\nstarted: {}\nactive: {}\nclick to list these sessions, drag to zoom",
                    m.range_label(b, tz),
                    format::count(b.started),
                    format::count(b.active)
                )
            })
        })
    };
    let zoom_to = move |a: DateTime<Utc>, b: DateTime<Utc>| {
        let (start, end) = if a < b { (a, b) } else { (b, a) };
        ctl.update(|v| v.range = TimeRange::between(start, end));
    };
    let open_bin = move |i: usize| {
        let Some((start, end)) = model.with_untracked(|m| m.bins.get(i).map(|b| (b.start, b.end))) else { return };
        let view = ctl.view.get_untracked();
        let mut pairs = Vec::new();
        if !view.q.is_empty() {
            pairs.push(("q".to_owned(), view.q.clone()));
        }
        pairs.push(("start".to_owned(), iso(start)));
        pairs.push(("end".to_owned(), iso(end)));
        // The sessions page keeps it, for the sessions opened from there.
        if !view.content.is_empty() {
            pairs.push(("content".to_owned(), view.content.clone()));
        }
        navigator.go(&with_query(SESSIONS, &pairs), Go::Open);
    };
    let on_down = move |ev: MouseEvent| set_drag.set(Some((x_of(&ev), x_of(&ev))));
    let on_move = move |ev: MouseEvent| {
        if let Some((from, _)) = drag.get_untracked() {
            set_drag.set(Some((from, x_of(&ev))));
        }
        set_tooltip.set(bin_at(&ev).and_then(describe).map(|t| (x_of(&ev), f64::from(ev.offset_y()), t)));
    };
    let on_up = move |ev: MouseEvent| {
        let Some((from, _)) = drag.get_untracked() else { return };
        set_drag.set(None);
        let to = x_of(&ev);
        if (to - from).abs() >= DRAG_PX {
            if let (Some(a), Some(b)) = (time_at(from), time_at(to)) {
                zoom_to(a, b);
            }
        } else if let Some(i) = bin_at(&ev) {
            open_bin(i);
        }
    };

    let zone = ctl.zone;
    let summary = move || model.with(|m| m.summary(zone.get()));
    let rows = move || {
        let tz = zone.get();
        model.with(|m| {
            m.bins
                .iter()
                .map(|b| ChartRow {
                    class: "row-value",
                    cells: vec![m.label(b.start, tz), format::count(b.started), format::count(b.active)],
                    actions: None,
                })
                .collect::<Vec<_>>()
        })
    };
    let headers = Signal::derive(move || {
        vec![format!("bucket start ({})", zone.get().name()), "started".to_owned(), "active".to_owned()]
    });
    let redraw: Redraw = std::sync::Arc::new(move |c: &web_sys::HtmlCanvasElement, size: DrawSize| {
        let tz = zone.get_untracked();
        model.with_untracked(|m| draw_histogram(c, m, tz, &theme.get_untracked().chart(), size)).map(|_| ())
    });
    let export_rows = Signal::derive(move || {
        let tz = zone.get();
        model.with(|m| {
            m.bins.iter().map(|b| vec![m.label(b.start, tz), b.started.to_string(), b.active.to_string()]).collect()
        })
    });
    let tools = (!display.get_untracked().bare()).then(|| {
        view! { <ChartExport title="sessions over time" canvas redraw headers rows=export_rows /> }.into_any()
    });
    view! {
        <figure class="chart">
            <div class="chart-area">
                <canvas
                    node_ref=canvas
                    class="chart-canvas histogram-canvas clickable"
                    role="img"
                    aria-label=summary
                    on:mousedown=on_down
                    on:mousemove=on_move
                    on:mouseup=on_up
                    on:mouseleave=move |_| {
                        set_tooltip.set(None);
                        set_drag.set(None);
                    }
                ></canvas>
                {move || {
                    drag.get()
                        .filter(|(a, b)| (a - b).abs() >= DRAG_PX)
                        .map(|(a, b)| {
                            view! {
                                <div
                                    class="selection"
                                    style:left=format!("{}px", a.min(b))
                                    style:width=format!("{}px", (a - b).abs())
                                ></div>
                            }
                        })
                }}
                <ChartTooltip at=tooltip />
            </div>
            <ChartTable caption="Sessions over time" headers rows tools />
        </figure>
    }
}
