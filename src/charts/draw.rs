//! Drawing on `<canvas>` with plotters. The canvas's backing store is sized to
//! its CSS box × `devicePixelRatio` (plotters-canvas knows nothing of HiDPI), and
//! every coordinate of the CSS-pixel layout is scaled to match.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use thiserror::Error;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

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

/// The chart labels' style: `FONT_PX` of the layout, in backing-store pixels.
fn label_style(c: Rgb, h: HPos, v: VPos, ratio: f64) -> TextStyle<'static> {
    TextStyle {
        font: ("sans-serif", FONT_PX * ratio).into_font(),
        color: color(c).to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// All of `canvas` to draw on.
fn drawing_area(canvas: &HtmlCanvasElement) -> Result<DrawingArea<CanvasBackend, plotters::coord::Shift>, DrawError> {
    Ok(CanvasBackend::with_canvas_object(canvas.clone()).ok_or(DrawError::NoContext)?.into_drawing_area())
}

/// The size to draw at: the layout's box in its own pixels, and how many
/// backing-store pixels each of those is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawSize {
    /// Layout width.
    pub width: f64,
    /// Layout height.
    pub height: f64,
    /// Backing-store pixels per layout pixel.
    pub ratio: f64,
}

impl DrawSize {
    /// The canvas's CSS box at the device pixel ratio. `zoom` > 1 draws everything
    /// larger (the wall's big type): the layout gets a smaller box, each of its
    /// pixels more device pixels.
    pub fn on_screen(canvas: &HtmlCanvasElement, zoom: f64) -> Self {
        let device = web_sys::window().map(|w| w.device_pixel_ratio()).filter(|r| *r > 0.0).unwrap_or(1.0);
        let zoom = zoom.max(0.25);
        DrawSize {
            width: f64::from(canvas.client_width().max(1)) / zoom,
            height: f64::from(canvas.client_height().max(1)) / zoom,
            ratio: device * zoom,
        }
    }

    /// Sizes `canvas`'s backing store for this size.
    fn fit(self, canvas: &HtmlCanvasElement) {
        let (w, h) = ((self.width * self.ratio).round() as u32, (self.height * self.ratio).round() as u32);
        if canvas.width() != w || canvas.height() != h {
            canvas.set_width(w.max(1));
            canvas.set_height(h.max(1));
        }
    }
}

/// Draws a horizontal top-N bar chart and returns its layout (for hit-testing).
pub fn draw_top_n(
    canvas: &HtmlCanvasElement,
    model: &TopN,
    theme: &ChartTheme,
    size: DrawSize,
) -> Result<TopNLayout, DrawError> {
    size.fit(canvas);
    let DrawSize { width: css_w, height: css_h, ratio } = size;
    let layout = TopNLayout::new(model, css_w, css_h);
    let root = drawing_area(canvas)?;
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |c: Rgb, h: HPos, v: VPos| label_style(c, h, v, ratio);
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
    tz: crate::zone::Zone,
    theme: &ChartTheme,
    size: DrawSize,
) -> Result<HistogramLayout, DrawError> {
    size.fit(canvas);
    let DrawSize { width: css_w, height: css_h, ratio } = size;
    let layout = HistogramLayout::new(model, css_w, css_h, tz);
    let root = drawing_area(canvas)?;
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |c: Rgb, h: HPos, v: VPos| label_style(c, h, v, ratio);
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
        root.draw(&Text::new(label.as_str(), at, font(theme.muted, HPos::Center, VPos::Top))).map_err(backend_error)?;
    }
    let bars = layout.bars.iter().map(|r| [px(r.x), px(r.y), px(r.x + r.w).max(px(r.x) + 1), px(r.y + r.h)]);
    fill_rects(canvas, bars, theme.accent)?;
    let line: Vec<(i32, i32)> = layout.active_line.iter().map(|(x, y)| (px(*x), px(*y))).collect();
    let active = color(theme.series(1)).stroke_width((2.0 * ratio).round().max(1.0) as u32);
    root.draw(&PathElement::new(line, active)).map_err(backend_error)?;
    root.present().map_err(backend_error)?;
    Ok(layout)
}

/// Fills rectangles (`[x0, y0, x1, y1]`, backing-store pixels) as one path with one
/// `fill`, on the context plotters draws on: plotters sets `fillStyle` (a colour
/// string to parse) and calls `fillRect` per rectangle, which put the 1,000-bin
/// histogram at up to 2.2× uPlot's draw time. The colour is opaque, so one path
/// covers exactly the pixels of the separate fills.
fn fill_rects(canvas: &HtmlCanvasElement, rects: impl Iterator<Item = [i32; 4]>, fill: Rgb) -> Result<(), DrawError> {
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or(DrawError::NoContext)?;
    ctx.set_fill_style_str(&fill.css());
    ctx.begin_path();
    for [x0, y0, x1, y1] in rects {
        // Normalised: a rectangle of negative size winds the other way and would cut
        // a hole where it overlaps another (nonzero rule).
        let (x, y) = (f64::from(x0.min(x1)), f64::from(y0.min(y1)));
        ctx.rect(x, y, f64::from(x0.abs_diff(x1)), f64::from(y0.abs_diff(y1)));
    }
    ctx.fill();
    Ok(())
}
