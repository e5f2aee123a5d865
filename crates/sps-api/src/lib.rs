//! Wire types of the SPS audit REST API.
//!
//! Shared by the dashboard's browser client and the stand-in server (`sps-sim`), so
//! both speak exactly one dialect. Deserialization is tolerant where the vendor is
//! inconsistent (see `shared/spec/API-NOTES.md` and README "Real appliance shapes"):
//! text may arrive as a string, a number or a list ([`Text`]), numbers as strings,
//! timestamps in any of the forms the API uses (epoch seconds and milliseconds
//! included), optional fields may be missing, and unknown fields are kept (a session
//! body writes them back, see [`SessionBody::extra`]). One odd field never fails an
//! answer: it reads as absent (or stays, as sent, in `extra`), and one odd list item
//! is set aside ([`ListResponse::unreadable`]). Only input that is not JSON, or an
//! envelope without its `items` or `body`, is a serde error; nothing panics.
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
pub mod path;
pub mod sessions;
pub mod stats;
pub mod text;
pub mod timestamp;

pub use alerts::{AlertsParams, AlertsResponse, SessionAlert};
pub use auth::AuthenticationResponse;
pub use envelope::{ListResponse, Meta, ObjectResponse};
pub use error::{ErrorBody, ErrorCode, ErrorDetail, ErrorField};
pub use events::{EventType, EventsParams, EventsResponse, SessionEvent};
pub use histogram::{BinSize, HistogramBody, HistogramBucket, HistogramParams, HistogramResponse, UnknownBinSize};
pub use info::{InfoBody, InfoResponse};
pub use sessions::{
    AnalyticsScore, CountResponse, RecordingTarget, SessionAnalytics, SessionBody, SessionClient, SessionItem,
    SessionRecording, SessionResponse, SessionServer, SessionUser, SessionsParams, SessionsResponse,
};
pub use stats::{StatsItem, StatsParams, StatsResponse};
pub use text::Text;
pub use timestamp::{Timestamp, TimestampError};
