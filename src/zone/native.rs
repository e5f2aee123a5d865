//! The native backend: chrono-tz's compiled-in database.

use chrono::{DateTime, Offset, TimeZone};
use chrono_tz::Tz;

pub type Id = Tz;

pub const UTC: Id = Tz::UTC;

pub fn lookup(name: &str) -> Option<Id> {
    name.parse().ok()
}

pub fn name(id: Id) -> &'static str {
    id.name()
}

pub fn offset_at(id: Id, utc: i64) -> i32 {
    DateTime::from_timestamp(utc, 0).map_or(0, |t| id.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc())
}
