//! Drawing on `<canvas>` with plotters. The canvas's backing store is sized to
//! its CSS box × `devicePixelRatio` (plotters-canvas knows nothing of HiDPI), and
//! every coordinate of the CSS-pixel layout is scaled to match.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use thiserror::Error;
use web_sys::HtmlCanvasElement;

use crate::charts::histogram::{Histogram, HistogramLayout};
use crate::charts::palette::{ChartTheme, Rgb};
use crate::charts::top_n::TopN;
use crate::charts::top_n_layout::{Fill, TopNLayout, FONT_PX};
use crate::format;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DrawError {
    /// The canvas has no 2D context.
    #[error("the canvas has no 2D drawing context")]
    NoContext,
    /// plotters reported an error.
    #[error("drawing failed: {0}")]
    Backend(String),
}

fn backend_error(e: impl std::fmt::Display) -> DrawError {
    DrawError::Backend(e.to_string())
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Sizes the backing store to the CSS box at the device pixel ratio and returns
/// (CSS width, CSS height, ratio).
fn fit_to_device_pixels(canvas: &HtmlCanvasElement) -> (f64, f64, f64) {
    let ratio = web_sys::window().map(|w| w.device_pixel_ratio()).filter(|r| *r > 0.0).unwrap_or(1.0);
    let css_w = f64::from(canvas.client_width().max(1));
    let css_h = f64::from(canvas.client_height().max(1));
    let (w, h) = ((css_w * ratio).round() as u32, (css_h * ratio).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    (css_w, css_h, ratio)
}

/// Draws a horizontal top-N bar chart and returns its layout (for hit-testing).
pub fn draw_top_n(canvas: &HtmlCanvasElement, model: &TopN, theme: &ChartTheme) -> Result<TopNLayout, DrawError> {
    let (css_w, css_h, ratio) = fit_to_device_pixels(canvas);
    let layout = TopNLayout::new(model, css_w, css_h);
    let root = CanvasBackend::with_canvas_object(canvas.clone()).ok_or(DrawError::NoContext)?.into_drawing_area();
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |c: Rgb, h: HPos, v: VPos| {
        TextStyle {
            font: ("sans-serif", FONT_PX * ratio).into_font(),
            color: color(c).to_backend_color(),
            pos: Pos::new(h, v),
        }
    };
    let line_width = ratio.round().max(1.0) as u32;

    root.fill(&color(theme.background)).map_err(backend_error)?;
    let plot = layout.plot;
    for (value, x) in &layout.ticks {
        let grid = [(px(*x), px(plot.y)), (px(*x), px(plot.y + plot.h))];
        root.draw(&PathElement::new(grid, color(theme.grid).stroke_width(line_width))).map_err(backend_error)?;
        let at = (px(*x), px(plot.y + plot.h + 4.0));
        root.draw(&Text::new(format::count(*value), at, font(theme.muted, HPos::Center, VPos::Top)))
            .map_err(backend_error)?;
    }
    for row in &layout.rows {
        for (rect, fill, _) in &row.pieces {
            let fill = match fill {
                Fill::Accent => theme.accent,
                Fill::Series(i) => theme.series(*i),
                Fill::Other => theme.other,
            };
            let corners = [(px(rect.x), px(rect.y)), (px(rect.x + rect.w), px(rect.y + rect.h))];
            root.draw(&Rectangle::new(corners, color(fill).filled())).map_err(backend_error)?;
        }
        let label_at = (px(layout.label_right_x), px(row.center_y));
        root.draw(&Text::new(row.label.as_str(), label_at, font(theme.text, HPos::Right, VPos::Center)))
            .map_err(backend_error)?;
        let count_at = (px(row.bar_end_x + 4.0), px(row.center_y));
        root.draw(&Text::new(row.count_label.as_str(), count_at, font(theme.muted, HPos::Left, VPos::Center)))
            .map_err(backend_error)?;
    }
    root.present().map_err(backend_error)?;
    Ok(layout)
}

/// Draws the session histogram (started as bars, active as a line) and returns
/// its layout (for tooltips, clicks and drag-to-zoom).
pub fn draw_histogram(
    canvas: &HtmlCanvasElement,
    model: &Histogram,
    tz: chrono_tz::Tz,
    theme: &ChartTheme,
) -> Result<HistogramLayout, DrawError> {
    let (css_w, css_h, ratio) = fit_to_device_pixels(canvas);
    let layout = HistogramLayout::new(model, css_w, css_h, tz);
    let root = CanvasBackend::with_canvas_object(canvas.clone()).ok_or(DrawError::NoContext)?.into_drawing_area();
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |c: Rgb, h: HPos, v: VPos| TextStyle {
        font: ("sans-serif", FONT_PX * ratio).into_font(),
        color: color(c).to_backend_color(),
        pos: Pos::new(h, v),
    };
    let thin = ratio.round().max(1.0) as u32;
    let plot = layout.plot;

    root.fill(&color(theme.background)).map_err(backend_error)?;
    for (value, y) in &layout.y_ticks {
        let grid = [(px(plot.x), px(*y)), (px(plot.x + plot.w), px(*y))];
        root.draw(&PathElement::new(grid, color(theme.grid).stroke_width(thin))).map_err(backend_error)?;
        let at = (px(plot.x - 6.0), px(*y));
        root.draw(&Text::new(format::count(*value), at, font(theme.muted, HPos::Right, VPos::Center)))
            .map_err(backend_error)?;
    }
    for (label, x) in &layout.x_ticks {
        let tick = [(px(*x), px(plot.y + plot.h)), (px(*x), px(plot.y + plot.h + 4.0))];
        root.draw(&PathElement::new(tick, color(theme.muted).stroke_width(thin))).map_err(backend_error)?;
        let at = (px(*x), px(plot.y + plot.h + 6.0));
        root.draw(&Text::new(label.as_str(), at, font(theme.muted, HPos::Center, VPos::Top)))
            .map_err(backend_error)?;
    }
    let bar = color(theme.accent).filled();
    for r in &layout.bars {
        let corners = [(px(r.x), px(r.y)), (px(r.x + r.w).max(px(r.x) + 1), px(r.y + r.h))];
        root.draw(&Rectangle::new(corners, bar)).map_err(backend_error)?;
    }
    let line: Vec<(i32, i32)> = layout.active_line.iter().map(|(x, y)| (px(*x), px(*y))).collect();
    let active = color(theme.series(1)).stroke_width((2.0 * ratio).round().max(1.0) as u32);
    root.draw(&PathElement::new(line, active)).map_err(backend_error)?;
    root.present().map_err(backend_error)?;
    Ok(layout)
}
