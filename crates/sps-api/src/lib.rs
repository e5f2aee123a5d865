//! Wire types of the SPS audit REST API.
//!
//! Shared by the dashboard's browser client and the stand-in server (`sps-sim`), so
//! both speak exactly one dialect. Deserialization is tolerant where the vendor is
//! inconsistent (see `shared/spec/API-NOTES.md`): numbers may arrive as strings,
//! timestamps in any of the forms the API uses, optional fields may be missing and
//! unknown fields are ignored (a session body keeps them, see [`SessionBody::extra`]).
//! Malformed input is a serde error, never a panic.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod alerts;
pub mod auth;
pub mod envelope;
pub mod error;
pub mod events;
pub mod histogram;
pub mod info;
pub mod lenient;
pub mod sessions;
pub mod stats;
pub mod timestamp;

pub use alerts::{AlertsParams, AlertsResponse, SessionAlert};
pub use auth::AuthenticationResponse;
pub use envelope::{ListResponse, Meta, ObjectResponse};
pub use error::{ErrorBody, ErrorCode};
pub use events::{EventType, EventsParams, EventsResponse, SessionEvent};
pub use histogram::{BinSize, HistogramBody, HistogramBucket, HistogramParams, HistogramResponse, UnknownBinSize};
pub use info::{InfoBody, InfoResponse};
pub use sessions::{
    AnalyticsScore, CountResponse, RecordingTarget, SessionAnalytics, SessionBody, SessionClient, SessionItem,
    SessionRecording, SessionResponse, SessionServer, SessionUser, SessionsParams, SessionsResponse,
};
pub use stats::{StatsItem, StatsParams, StatsResponse};
pub use timestamp::{Timestamp, TimestampError};
