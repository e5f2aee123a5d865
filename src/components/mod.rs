//! Reusable view pieces. They stay thin: models and geometry live in `charts`.

pub mod header;
pub mod login_dialog;
pub mod stats_panel;
pub mod status;
pub mod top_n_chart;
