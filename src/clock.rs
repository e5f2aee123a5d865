//! The browser's clock: the one place the app asks what time it is, so pure code
//! takes "now" as an argument and tests pass their own.

use chrono::{DateTime, Utc};

/// The current time as a chrono instant.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
