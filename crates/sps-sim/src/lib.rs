//! A stand-in for the SPS audit REST API.
//!
//! It generates a seeded, realistic set of recorded sessions with their events
//! ([`demo`], [`events`], [`policies`]), indexes them in an embedded search engine
//! (tantivy: [`index`], persisted under a data directory by [`datadir`]) and answers
//! the audit endpoints the dashboard uses ([`routes`]) with the semantics of
//! `shared/spec`: the query language translated to engine queries ([`query`]),
//! overlapping time windows, top-N stats with `others` counted in sessions
//! ([`aggregate`]), histograms ([`histogram`]), paged lists ([`listing`]), content
//! search ([`content`]). Fault injection ([`faults`], [`server`]) makes it slow or
//! flaky on demand; [`hostile`] puts hostile text in every field (`--hostile`). Optionally it also serves the built app, so one origin carries
//! both, as a reverse proxy does in production.
#![forbid(unsafe_code)]

pub mod aggregate;
pub mod auth;
pub mod columns;
pub mod content;
pub mod datadir;
pub mod demo;
pub mod error;
pub mod events;
pub mod faults;
pub mod fields;
pub mod histogram;
pub mod hostile;
pub mod index;
pub mod listing;
pub mod policies;
pub mod query;
pub mod routes;
pub mod scan;
pub mod server;
pub mod session;
pub mod store;

pub use routes::{router, AppFiles, Sim};
pub use session::Session;
pub use store::SessionStore;
