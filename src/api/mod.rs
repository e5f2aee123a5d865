//! The only way the app talks to SPS: request building and error mapping in plain
//! Rust, the fetching client in the browser.

pub mod error;
pub mod refusal;
pub mod request;

#[cfg(target_arch = "wasm32")]
pub mod auth;
#[cfg(target_arch = "wasm32")]
mod client;

#[cfg(target_arch = "wasm32")]
pub use auth::Auth;
#[cfg(target_arch = "wasm32")]
pub use client::ApiClient;
pub use error::ApiError;
