//! The events timeline on canvas: events over the session's duration, alerts as
//! marks above, the table's position as a line; a click jumps the table there.
//! Its table (the accessibility contract) lists the same bins.

use chrono::{DateTime, Utc};
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, MouseEvent};

use crate::charts::palette::{ChartTheme, Rgb};
use crate::charts::timeline::{Timeline, TimelineLayout};
use crate::components::box_size::use_box_size;
use crate::components::chart_table::{ChartRow, ChartTable};
use crate::format;
use crate::theme::use_theme;
use crate::zone::Zone;

/// Rows of the timeline's table.
const TABLE_BINS: usize = 24;
/// The alerts' mark colour (Okabe–Ito vermillion).
const ALERT: Rgb = Rgb(213, 94, 0);

fn css(c: Rgb) -> String {
    c.css()
}

/// Draws `timeline` and returns its layout (for clicks). The backing store is the
/// CSS size × devicePixelRatio, the context scaled to match.
pub fn draw_timeline(
    canvas: &HtmlCanvasElement,
    timeline: &Timeline,
    tz: Zone,
    marks: &[DateTime<Utc>],
    position: Option<DateTime<Utc>>,
    theme: &ChartTheme,
) -> Option<TimelineLayout> {
    let ratio = web_sys::window().map(|w| w.device_pixel_ratio()).filter(|r| *r > 0.0).unwrap_or(1.0);
    let (w, h) = (f64::from(canvas.client_width().max(1)), f64::from(canvas.client_height().max(1)));
    let (bw, bh) = ((w * ratio).round() as u32, (h * ratio).round() as u32);
    if canvas.width() != bw || canvas.height() != bh {
        canvas.set_width(bw);
        canvas.set_height(bh);
    }
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok()?;
    let layout = TimelineLayout::new(timeline, w, h, tz, marks);
    ctx.set_fill_style_str(&css(theme.background));
    ctx.fill_rect(0.0, 0.0, w, h);
    let plot = layout.plot;
    ctx.set_fill_style_str(&css(theme.grid));
    ctx.fill_rect(plot.x, plot.y + plot.h, plot.w, 1.0);
    ctx.set_fill_style_str(&css(theme.accent));
    for bar in &layout.bars {
        ctx.fill_rect(bar.x, bar.y, bar.w, bar.h);
    }
    ctx.set_fill_style_str(&css(ALERT));
    for x in &layout.marks {
        ctx.fill_rect(x - 1.0, layout.mark_band.y, 2.0, layout.mark_band.h);
    }
    if let Some(at) = position {
        let x = layout.x_of(at).clamp(plot.x, plot.x + plot.w);
        ctx.set_fill_style_str(&css(theme.text));
        ctx.fill_rect(x - 0.75, plot.y - 2.0, 1.5, plot.h + 4.0);
    }
    ctx.set_fill_style_str(&css(theme.muted));
    ctx.set_font("11px sans-serif");
    ctx.set_text_baseline("top");
    for (label, x) in &layout.x_ticks {
        ctx.fill_rect(*x, plot.y + plot.h, 1.0, 4.0);
        let width = ctx.measure_text(label).map(|m| m.width()).unwrap_or(0.0);
        let left = (x - width / 2.0).clamp(0.0, (w - width).max(0.0));
        // Text drawing only fails on a detached context.
        let _ = ctx.fill_text(label, left, plot.y + plot.h + 5.0);
    }
    Some(layout)
}

/// The timeline and its table.
#[component]
pub fn EventsTimeline(
    /// What to draw (none while loading).
    #[prop(into)]
    timeline: Signal<Option<Timeline>>,
    /// The display zone.
    #[prop(into)]
    tz: Signal<Zone>,
    /// Alert times.
    #[prop(into)]
    marks: Signal<Vec<DateTime<Utc>>>,
    /// The time at the top of the table.
    #[prop(into)]
    position: Signal<Option<DateTime<Utc>>>,
    /// A click asks the table to show the event at this position.
    on_jump: Callback<u64>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let theme = use_theme();
    let layout = StoredValue::new(None::<TimelineLayout>);
    let size = use_box_size(canvas);
    let (hover, set_hover) = signal(None::<(f64, String)>);
    Effect::new(move |_| {
        let (chart_theme, tz) = (theme.get().chart(), tz.get());
        if size.get().0 < 1.0 {
            return;
        }
        let (Some(el), Some(tl)) = (canvas.get(), timeline.get()) else { return };
        let drawn = marks.with(|m| draw_timeline(&el, &tl, tz, m, position.get(), &chart_theme));
        layout.set_value(drawn);
    });
    let time_at = move |ev: &MouseEvent| layout.with_value(|l| l.as_ref().map(|l| l.time_at(f64::from(ev.offset_x()))));
    let on_click = move |ev: MouseEvent| {
        let (Some(t), Some(tl)) = (time_at(&ev), timeline.get_untracked()) else { return };
        on_jump.run(tl.offset_at(t));
    };
    let on_move = move |ev: MouseEvent| {
        let tz = tz.get_untracked();
        set_hover.set(time_at(&ev).map(|t| {
            (f64::from(ev.offset_x()), format!("{} — click to show the events from here", format::clock(t, tz)))
        }));
    };
    let table = move || {
        let tl = timeline.get()?;
        let tz = tz.get();
        let caption = if tl.is_exact() { "Events over time" } else { "Events over time (estimated from samples)" };
        let rows = move || {
            let span = (tl.end - tl.start) / TABLE_BINS as i32;
            tl.counts(TABLE_BINS)
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let from = tl.start + span * i as i32;
                    ChartRow {
                        class: "row-value",
                        cells: vec![format::date_time(from, tz), format::count(c.round() as u64)],
                        actions: None,
                    }
                })
                .collect()
        };
        Some(view! { <ChartTable caption headers=vec![format!("from ({})", tz.name()), "events".to_owned()] rows /> })
    };
    let summary = move || {
        timeline.with(|t| t.as_ref().map(|t| t.summary(tz.get())).unwrap_or_else(|| "Events over time: loading".into()))
    };
    view! {
        <figure class="chart timeline">
            <div class="chart-area">
                <canvas
                    node_ref=canvas
                    class="chart-canvas timeline-canvas clickable"
                    role="img"
                    aria-label=summary
                    on:click=on_click
                    on:mousemove=on_move
                    on:mouseleave=move |_| set_hover.set(None)
                ></canvas>
                {move || {
                    hover
                        .get()
                        .map(|(x, text)| {
                            view! {
                                <div class="tooltip" style:left=format!("{}px", x + 12.0) style:top="4px">
                                    {text}
                                </div>
                            }
                        })
                }}
            </div>
            {table}
        </figure>
    }
}
