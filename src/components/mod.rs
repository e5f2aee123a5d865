//! Reusable view pieces. They stay thin: models and geometry live in `charts`.

pub mod header;
pub mod stats_panel;
pub mod status;
pub mod top_n_chart;
