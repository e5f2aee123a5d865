//! A stand-in for the SPS audit REST API.
//!
//! It generates a seeded, realistic set of recorded sessions ([`demo`]), keeps them in
//! a [`store::SessionStore`] and answers the audit endpoints the dashboard uses
//! ([`routes`]) with the semantics of `shared/spec` (overlapping time windows, top-N
//! with `others` counted in sessions). Optionally it also serves the built app, so
//! one origin carries both, as a reverse proxy does in production.
#![forbid(unsafe_code)]

pub mod auth;
pub mod demo;
pub mod routes;
pub mod store;
pub mod time;

pub use routes::{router, Sim};
pub use store::SessionStore;
