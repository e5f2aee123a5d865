//! Charts: data models, geometry and hit-testing in plain Rust, drawing on
//! `<canvas>` with plotters in the browser.

pub mod bins;
pub mod histogram;
pub mod palette;
pub mod spacing;
pub mod ticks;
pub mod time_ticks;
pub mod timeline;
pub mod top_n;
pub mod top_n_layout;
pub mod wall;

#[cfg(target_arch = "wasm32")]
pub mod draw;
