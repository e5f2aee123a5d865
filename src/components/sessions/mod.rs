//! The session search table and the session drill-down: thin components over
//! `state::search`, `state::session_view`, `state::virtual_list`,
//! `state::record_pages`, `charts::timeline`, `export::csv` and `text`.

pub mod alerts;
pub mod detail;
pub mod events;
pub mod export;
pub mod nav;
pub mod pager;
pub mod safe_text;
pub mod table;
pub mod tasks;
pub mod timeline;
