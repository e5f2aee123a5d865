//! Exports of what the dashboard shows, built in plain Rust.

pub mod csv;
pub mod file_name;
