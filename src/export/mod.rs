//! Exports of what the dashboard shows, built in plain Rust.

pub mod csv;
