//! Reusable view pieces. They stay thin: models and geometry live in `charts`,
//! view state in `state`.

pub mod box_size;
pub mod chart_export;
pub mod chart_table;
pub mod chart_tooltip;
pub mod composer;
pub mod content_search;
pub mod header;
pub mod histogram_panel;
pub mod kiosk_bar;
pub mod login_dialog;
pub mod panel_body;
pub mod panel_data;
pub mod refresh;
pub mod sessions;
pub mod shell;
pub mod shortcuts;
pub mod stat_tile;
pub mod status;
pub mod store_editor;
pub mod time_picker;
pub mod top_n_chart;
pub mod top_n_panel;
pub mod url_problems;
pub mod view_toolbar;
pub mod views_menu;
