//! Named IANA time zones without a compiled-in zone database.
//!
//! [`Zone`] implements chrono's [`TimeZone`] over a backend that answers one
//! question, "the zone's UTC offset at this instant": in the browser the `Intl` API
//! (whose zone data the browser already ships), natively chrono-tz (so `cargo test`
//! checks the same logic against the full database).

#[cfg(target_arch = "wasm32")]
mod intl;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
use intl as backend;
#[cfg(not(target_arch = "wasm32"))]
use native as backend;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};

/// A named time zone (UTC included). Cheap to copy: an id into the backend.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(backend::Id);

/// A name that is no time zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a time zone")]
pub struct UnknownZone(pub String);

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone(backend::UTC);

    /// The zone's IANA name, as the URL carries it.
    pub fn name(self) -> &'static str {
        backend::name(self.0)
    }

    /// The names of every zone the browser knows, for pickers.
    #[cfg(target_arch = "wasm32")]
    pub fn names() -> Vec<String> {
        backend::names()
    }

    /// The browser's zone (UTC when it names none).
    #[cfg(target_arch = "wasm32")]
    pub fn browser() -> Zone {
        backend::browser().map_or(Zone::UTC, Zone)
    }

    /// Offset from UTC, in seconds, at `utc` (a Unix time).
    fn offset_secs(self, utc: i64) -> i32 {
        backend::offset_at(self.0, utc)
    }

    fn offset(self, secs: i32) -> ZoneOffset {
        ZoneOffset { zone: self, fix: FixedOffset::east_opt(secs).unwrap_or(Utc.fix()) }
    }

    /// A wall time in this zone as an instant. An ambiguous time (a clock set back)
    /// is its earlier instant; a time the clock skipped (a clock set forward) is read
    /// with the offset before the change, so "02:30" on a spring-forward night is
    /// 03:30 in summer time, as the browser's own date inputs do.
    pub fn local_to_utc(self, local: &NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.from_local_datetime(local) {
            MappedLocalTime::Single(t) | MappedLocalTime::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
            MappedLocalTime::None => {
                let before = self.offset_secs(local.and_utc().timestamp() - DAY);
                DateTime::from_timestamp(local.and_utc().timestamp() - i64::from(before), 0)
            }
        }
    }
}

/// Seconds in a day: zones change offset at most once within a day either side of
/// any wall time (true of every zone since the 19th century).
const DAY: i64 = 86_400;

impl FromStr for Zone {
    type Err = UnknownZone;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        backend::lookup(name).map(Zone).ok_or_else(|| UnknownZone(name.to_owned()))
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A zone's offset at some instant (what chrono keeps inside a `DateTime<Zone>`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ZoneOffset {
    zone: Zone,
    fix: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fix
    }
}

/// `%Z`: the numeric offset ("UTC" when zero); abbreviations like "CET" would need
/// the database this module avoids.
impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.fix.local_minus_utc() == 0 {
            f.write_str("UTC")
        } else {
            write!(f, "{}", self.fix)
        }
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    /// The offsets a day either side are the only candidates; each that maps the
    /// wall time back to itself is an answer (two in an overlap, none in a gap).
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        let wall = local.and_utc().timestamp();
        let (before, after) = (self.offset_secs(wall - DAY), self.offset_secs(wall + DAY));
        let fits = |secs: i32| self.offset_secs(wall - i64::from(secs)) == secs;
        match (fits(before), before != after && fits(after)) {
            // The larger offset is the earlier instant.
            (true, true) => {
                let (early, late) = if before >= after { (before, after) } else { (after, before) };
                MappedLocalTime::Ambiguous(self.offset(early), self.offset(late))
            }
            (true, false) => MappedLocalTime::Single(self.offset(before)),
            (false, true) => MappedLocalTime::Single(self.offset(after)),
            (false, false) => MappedLocalTime::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.offset_secs(utc.and_utc().timestamp()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Zone {
        name.parse().expect("a zone")
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("an instant")
    }

    fn wall(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("a wall time")
    }

    #[test]
    fn names_round_trip_and_unknown_names_fail() {
        assert_eq!(zone("Europe/Budapest").name(), "Europe/Budapest");
        assert_eq!(Zone::UTC.name(), "UTC");
        assert_eq!("Mars/Olympus".parse::<Zone>(), Err(UnknownZone("Mars/Olympus".to_owned())));
    }

    #[test]
    fn utc_to_local_follows_summer_time() {
        let bud = zone("Europe/Budapest");
        assert_eq!(at("2026-01-15T12:00:00Z").with_timezone(&bud).to_rfc3339(), "2026-01-15T13:00:00+01:00");
        assert_eq!(at("2026-07-15T12:00:00Z").with_timezone(&bud).to_rfc3339(), "2026-07-15T14:00:00+02:00");
        assert_eq!(at("2026-07-15T12:00:00Z").with_timezone(&bud).format("%H:%M %Z").to_string(), "14:00 +02:00");
        assert_eq!(at("2026-07-15T12:00:00Z").with_timezone(&Zone::UTC).format("%H:%M %Z").to_string(), "12:00 UTC");
        let kolkata = zone("Asia/Kolkata");
        assert_eq!(at("2026-07-15T12:00:00Z").with_timezone(&kolkata).to_rfc3339(), "2026-07-15T17:30:00+05:30");
    }

    #[test]
    fn local_times_in_gaps_and_overlaps() {
        let bud = zone("Europe/Budapest");
        // 2026-03-29 02:00 CET → 03:00 CEST: 02:30 never happened.
        assert_eq!(bud.from_local_datetime(&wall("2026-03-29 02:30")), MappedLocalTime::None);
        assert_eq!(bud.local_to_utc(&wall("2026-03-29 02:30")), Some(at("2026-03-29T01:30:00Z")));
        assert_eq!(bud.local_to_utc(&wall("2026-03-29 03:00")), Some(at("2026-03-29T01:00:00Z")));
        // 2026-10-25 03:00 CEST → 02:00 CET: 02:30 happened twice.
        let twice = bud.from_local_datetime(&wall("2026-10-25 02:30"));
        assert_eq!(twice.earliest().map(|t| t.with_timezone(&Utc)), Some(at("2026-10-25T00:30:00Z")));
        assert_eq!(twice.latest().map(|t| t.with_timezone(&Utc)), Some(at("2026-10-25T01:30:00Z")));
        assert_eq!(bud.local_to_utc(&wall("2026-10-25 02:30")), Some(at("2026-10-25T00:30:00Z")));
        assert_eq!(bud.local_to_utc(&wall("2026-10-25 12:00")), Some(at("2026-10-25T11:00:00Z")));
        assert_eq!(Zone::UTC.local_to_utc(&wall("2026-10-25 02:30")), Some(at("2026-10-25T02:30:00Z")));
    }

    #[test]
    fn agrees_with_chrono_tz_over_years_of_instants() {
        for name in ["Europe/Budapest", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo"]
        {
            let tz: chrono_tz::Tz = name.parse().expect("a chrono-tz zone");
            let ours = zone(name);
            let mut t = at("2015-01-01T00:00:00Z");
            while t < at("2027-01-01T00:00:00Z") {
                assert_eq!(t.with_timezone(&ours).naive_local(), t.with_timezone(&tz).naive_local(), "{name} at {t}");
                let local = t.with_timezone(&tz).naive_local();
                let theirs = tz.from_local_datetime(&local).map(|t| t.with_timezone(&Utc));
                let mine = ours.from_local_datetime(&local).map(|t| t.with_timezone(&Utc));
                assert_eq!(mine, theirs, "{name} at local {local}");
                t += chrono::Duration::minutes(97);
            }
        }
    }
}
