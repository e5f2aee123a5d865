//! sps-dashboard: a SOC dashboard for One Identity Safeguard for Privileged Sessions.
//!
//! The pure logic (configuration, time ranges, chart models and geometry, number
//! formatting) builds natively and is tested with `cargo test`; the browser parts
//! (API client, components, pages, canvas drawing) build only for wasm32.
#![forbid(unsafe_code)]

pub mod api;
pub mod charts;
pub mod composer;
pub mod export;
pub mod format;
pub mod paths;
pub mod state;
pub mod text;
pub mod zone;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod clock;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod crash;
#[cfg(target_arch = "wasm32")]
pub mod download;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod theme;
