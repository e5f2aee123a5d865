//! Wire types of the SPS audit REST API.
//!
//! Shared by the dashboard's browser client and the stand-in server (`sps-sim`), so
//! both speak exactly one dialect. Deserialization is tolerant where the vendor is
//! inconsistent (see `shared/spec/API-NOTES.md`): numbers may arrive as strings,
//! optional fields may be missing and unknown fields are ignored.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod envelope;
pub mod error;
pub mod lenient;
pub mod stats;

pub use envelope::{ListResponse, Meta, ObjectResponse};
pub use error::{ErrorBody, ErrorCode};
pub use stats::{StatsItem, StatsParams, StatsResponse};
