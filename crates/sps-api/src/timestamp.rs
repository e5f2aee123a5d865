//! Instants as the API writes them.
//!
//! API-NOTES.md ("Timestamps seen in responses") lists the forms SPS and its docs use:
//! RFC 3339 with `Z` or an offset, ISO 8601 without a zone (milli- or microseconds),
//! a bare date (the stats example's `start_time`), and epoch numbers, as JSON numbers
//! or numeric strings. **Decision:** accept all of them, and read a time without a
//! zone as UTC.
//!
//! Epoch numbers come in two units: an appliance writes channel and event times as
//! epoch *seconds* (often with a fraction), where the docs show milliseconds. They
//! are told apart by magnitude: below [`SECONDS_BELOW`] (10^11) a number is seconds,
//! at or above it milliseconds. 10^11 seconds is the year 5138, and 10^11
//! milliseconds is 1973-03-03, so every instant from 1973 to 5138 reads right in
//! either unit; reading seconds as milliseconds would put today in January 1970.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, TimeDelta, Utc};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Epoch numbers of a smaller magnitude are seconds, larger ones milliseconds.
pub const SECONDS_BELOW: f64 = 1e11;

/// An instant in UTC, read from any timestamp form the API uses.
///
/// It is written as RFC 3339 in UTC with `Z` and milliseconds
/// (`2018-01-15T12:00:00.000Z`). An instant that carries sub-millisecond digits (the
/// alerts sample has microseconds) keeps them, so a read-then-write round trip never
/// moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

/// Why a text or a number is not a [`Timestamp`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TimestampError {
    /// The text matches none of the accepted forms.
    #[error("`{0}` is not a timestamp (expected ISO 8601, a date, or epoch seconds or milliseconds)")]
    Unrecognized(String),
    /// An epoch number outside the range chrono can represent.
    #[error("{0} is out of range as an epoch time")]
    OutOfRange(String),
}

/// Zone-less forms, read as UTC: the samples' `%S%.f` (any number of digits) and the
/// reference pages' parameter example `2017-01-25T10:00`.
const NAIVE_FORMATS: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"];

impl Timestamp {
    /// The instant `millis` milliseconds after the Unix epoch (negative: before it).
    pub fn from_epoch_millis(millis: i64) -> Result<Self, TimestampError> {
        DateTime::from_timestamp_millis(millis).map(Timestamp).ok_or(TimestampError::OutOfRange(millis.to_string()))
    }

    /// The instant of an epoch number: seconds below [`SECONDS_BELOW`] in magnitude,
    /// milliseconds from there on. A fraction is kept to the microsecond: a double
    /// holds today's epoch seconds to about a quarter of a microsecond, so finer
    /// digits are the float's noise, not the server's.
    pub fn from_epoch_number(number: f64) -> Result<Self, TimestampError> {
        let out_of_range = || TimestampError::OutOfRange(number.to_string());
        // Beyond ±2^63 the casts below would saturate; chrono's range is far smaller.
        if !number.is_finite() || number.abs() >= 9.2e18 {
            return Err(out_of_range());
        }
        let (whole, fraction) = (number.trunc() as i64, number.fract());
        let (seconds, nanos) = if number.abs() < SECONDS_BELOW {
            (whole, (fraction * 1e6).round() as i64 * 1000)
        } else {
            (whole.div_euclid(1000), whole.rem_euclid(1000) * 1_000_000 + (fraction * 1e3).round() as i64 * 1000)
        };
        DateTime::from_timestamp(seconds, 0)
            .and_then(|t| t.checked_add_signed(TimeDelta::nanoseconds(nanos)))
            .map(Timestamp)
            .ok_or_else(out_of_range)
    }

    /// The instant of a whole epoch number, in the unit its magnitude says.
    fn from_epoch_integer(number: i64) -> Result<Self, TimestampError> {
        if (number.unsigned_abs() as f64) < SECONDS_BELOW {
            DateTime::from_timestamp(number, 0).map(Timestamp).ok_or(TimestampError::OutOfRange(number.to_string()))
        } else {
            Timestamp::from_epoch_millis(number)
        }
    }

    /// Milliseconds since the Unix epoch (sub-millisecond digits are dropped).
    pub fn epoch_millis(self) -> i64 {
        self.0.timestamp_millis()
    }

    /// The chrono instant.
    pub fn as_datetime(self) -> DateTime<Utc> {
        self.0
    }

    /// RFC 3339 in UTC with `Z`: milliseconds, or more digits only when the instant has them.
    pub fn to_rfc3339(self) -> String {
        let nanos = self.0.timestamp_subsec_nanos() % 1_000_000_000;
        let digits = if nanos.is_multiple_of(1_000_000) {
            SecondsFormat::Millis
        } else if nanos.is_multiple_of(1_000) {
            SecondsFormat::Micros
        } else {
            SecondsFormat::Nanos
        };
        self.0.to_rfc3339_opts(digits, true)
    }
}

/// Whether `s` is an epoch number as text: digits, an optional sign and fraction.
fn is_epoch_text(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let s = text.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Timestamp(t.with_timezone(&Utc)));
        }
        // RFC 3339 has four-digit years only; chrono writes the others with a sign
        // (`+10000-01-01T00:00:00.000Z`), read here so that every instant round trips.
        let naive = s.strip_suffix(['Z', 'z']).unwrap_or(s);
        if let Some(t) = NAIVE_FORMATS.iter().find_map(|f| NaiveDateTime::parse_from_str(naive, f).ok()) {
            return Ok(Timestamp(t.and_utc()));
        }
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Timestamp(d.and_time(chrono::NaiveTime::MIN).and_utc()));
        }
        if is_epoch_text(s) {
            // Whole numbers exactly; others (fractions, or beyond i64) as floats.
            return match s.parse::<i64>() {
                Ok(whole) => Timestamp::from_epoch_integer(whole),
                Err(_) => s
                    .parse()
                    .map_err(|_| TimestampError::Unrecognized(text.to_owned()))
                    .and_then(Timestamp::from_epoch_number),
            };
        }
        Err(TimestampError::Unrecognized(text.to_owned()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Timestamp(t)
    }
}

impl From<Timestamp> for DateTime<Utc> {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an ISO 8601 timestamp, a date, or epoch seconds or milliseconds")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
        Timestamp::from_epoch_integer(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
        match i64::try_from(v) {
            Ok(number) => self.visit_i64(number),
            Err(_) => Err(E::custom(TimestampError::OutOfRange(v.to_string()))),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
        Timestamp::from_epoch_number(v).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, nanos: u32) -> Timestamp {
        let t = Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single().expect("valid test date");
        Timestamp(t + chrono::TimeDelta::nanoseconds(nanos.into()))
    }

    fn parse(json: &str) -> Result<Timestamp, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn every_documented_text_form() {
        let cases = [
            ("2017-04-11T09:21:10.832", utc(2017, 4, 11, 9, 21, 10, 832_000_000)),
            ("2017-04-11T09:21:21.04", utc(2017, 4, 11, 9, 21, 21, 40_000_000)),
            ("2017-04-25T13:26:39.144356", utc(2017, 4, 25, 13, 26, 39, 144_356_000)),
            ("2018-11-14T12:26:59.244Z", utc(2018, 11, 14, 12, 26, 59, 244_000_000)),
            ("2018-09-15T14:22:00+05:00", utc(2018, 9, 15, 9, 22, 0, 0)),
            ("2018-01-15T12:00:00.000Z", utc(2018, 1, 15, 12, 0, 0, 0)),
            ("2017-01-02", utc(2017, 1, 2, 0, 0, 0, 0)),
            ("2017-01-25T10:00", utc(2017, 1, 25, 10, 0, 0, 0)),
            ("2017-01-25T10:00:05", utc(2017, 1, 25, 10, 0, 5, 0)),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<Timestamp>(), Ok(want), "{text}");
            assert_eq!(parse(&format!("\"{text}\"")).ok(), Some(want), "{text} as JSON");
        }
    }

    #[test]
    fn epoch_millis_as_number_or_string() {
        let want = utc(2018, 1, 15, 12, 0, 0, 0);
        assert_eq!(parse("1516017600000").ok(), Some(want));
        assert_eq!(parse("\"1516017600000\"").ok(), Some(want));
        assert_eq!(parse("1516017600000.0").ok(), Some(want));
        assert_eq!(parse("1516017600000.25").ok(), Some(utc(2018, 1, 15, 12, 0, 0, 250_000)));
        assert_eq!(want.epoch_millis(), 1_516_017_600_000);
    }

    #[test]
    fn epoch_seconds_as_number_or_string() {
        let want = utc(2018, 1, 15, 12, 0, 0, 0);
        assert_eq!(parse("1516017600").ok(), Some(want));
        assert_eq!(parse("\"1516017600\"").ok(), Some(want));
        assert_eq!(parse("1516017600.5").ok(), Some(utc(2018, 1, 15, 12, 0, 0, 500_000_000)));
        assert_eq!(parse("\"1516017600.125\"").ok(), Some(utc(2018, 1, 15, 12, 0, 0, 125_000_000)));
        assert_eq!(parse("0").ok(), Some(utc(1970, 1, 1, 0, 0, 0, 0)));
        assert_eq!(parse("-1000").ok(), Some(utc(1969, 12, 31, 23, 43, 20, 0)));
        assert_eq!(parse("1.5").ok(), Some(utc(1970, 1, 1, 0, 0, 1, 500_000_000)));
    }

    #[test]
    fn seconds_and_milliseconds_part_at_ten_to_the_eleventh() {
        // The 1970 trap: a channel time in seconds read as milliseconds is 1970-01-20.
        assert_eq!(parse("1700000000").ok().map(|t| t.0.format("%Y").to_string()).as_deref(), Some("2023"));
        // Just below 10^11: seconds, the year 5138; at 10^11: milliseconds, 1973.
        assert_eq!(parse("99999999999").ok(), Some(utc(5138, 11, 16, 9, 46, 39, 0)));
        assert_eq!(parse("100000000000").ok(), Some(utc(1973, 3, 3, 9, 46, 40, 0)));
        assert_eq!(parse("99999999999.5").ok(), Some(utc(5138, 11, 16, 9, 46, 39, 500_000_000)));
        assert_eq!(parse("-99999999999").ok().map(|t| t.0.format("%Y").to_string()).as_deref(), Some("-1199"));
        assert_eq!(parse("-100000000000").ok(), Some(utc(1966, 10, 31, 14, 13, 20, 0)));
        assert_eq!(Timestamp::from_epoch_number(1e11), Timestamp::from_epoch_millis(100_000_000_000));
    }

    #[test]
    fn junk_is_an_error() {
        for json in [
            "\"\"",
            "\"yesterday\"",
            "\"2017-13-01\"",
            "\"2017-02-30T00:00:00Z\"",
            "\"2017-04-11T25:00:00\"",
            "\"12ab\"",
            "\"-\"",
            "\"1.\"",
            "\".5\"",
            "\"1e5\"",
            "\"99999999999999999999999\"",
            "9223372036854775807",
            "18446744073709551615",
            "-9223372036854775808",
            "1e300",
            "true",
            "null",
            "[]",
            "{}",
        ] {
            assert!(parse(json).is_err(), "{json} should not parse");
        }
        assert_eq!("nope".parse::<Timestamp>(), Err(TimestampError::Unrecognized("nope".into())));
    }

    #[test]
    fn writes_utc_with_milliseconds_and_keeps_finer_digits() {
        assert_eq!(utc(2018, 1, 15, 12, 0, 0, 0).to_string(), "2018-01-15T12:00:00.000Z");
        assert_eq!(utc(2018, 9, 15, 9, 22, 0, 5_000_000).to_string(), "2018-09-15T09:22:00.005Z");
        assert_eq!(utc(2017, 4, 25, 13, 26, 39, 144_356_000).to_string(), "2017-04-25T13:26:39.144356Z");
        assert_eq!(utc(2017, 4, 25, 13, 26, 39, 1).to_string(), "2017-04-25T13:26:39.000000001Z");
        let t = utc(2017, 4, 25, 13, 26, 39, 144_356_000);
        let json = serde_json::to_string(&t).expect("serializes");
        assert_eq!(json, "\"2017-04-25T13:26:39.144356Z\"");
        assert_eq!(parse(&json).ok(), Some(t));
    }

    #[test]
    fn years_beyond_rfc3339_still_round_trip() {
        for t in [utc(10000, 1, 1, 0, 0, 0, 0), utc(-1, 6, 30, 12, 0, 0, 250_000_000)] {
            let text = t.to_string();
            assert_eq!(text.parse::<Timestamp>(), Ok(t), "{text}");
        }
        assert_eq!(utc(10000, 1, 1, 0, 0, 0, 0).to_string(), "+10000-01-01T00:00:00.000Z");
    }
}
