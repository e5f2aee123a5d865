//! The view state: everything a view shows is in the URL's query string, so every
//! view is a link, back/forward work and a reload restores it.

pub mod config;
pub mod content;
pub mod event_list;
pub mod presentation;
pub mod query;
pub mod record_pages;
pub mod refresh_timing;
pub mod requests;
pub mod result_nav;
pub mod rotation;
pub mod search;
pub mod session_detail;
pub mod session_view;
pub mod stat;
pub mod time_range;
#[cfg(target_arch = "wasm32")]
pub mod url;
pub mod view;
pub mod virtual_list;
