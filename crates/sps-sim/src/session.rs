//! A recorded session as the store takes it in (its body is read with
//! `sps_query::values_at`, as queries read it).

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::events::EventSource;

/// One recorded session: its id, its time span, its nested body as the session
/// detail endpoint returns it, and where its events come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The session id (`key` in responses): an opaque string.
    pub id: String,
    /// When the session started.
    pub start: DateTime<Utc>,
    /// When it ended; `None` while it is still active (it then lasts until the
    /// store's "now").
    pub end: Option<DateTime<Utc>>,
    /// The nested session body (`protocol`, `user.*`, `server.*`, ...).
    pub body: Value,
    /// Its events: generated on demand, or given (tests, loaded examples).
    pub events: EventSource,
}

impl Session {
    /// A session with the given events; its body as given.
    pub fn new(
        id: impl Into<String>,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
        body: Value,
        events: EventSource,
    ) -> Self {
        Session { id: id.into(), start, end, body, events }
    }
}
