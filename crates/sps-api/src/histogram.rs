//! `GET /api/audit/sessions/histogram`: sessions started and active per interval.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::envelope::ObjectResponse;
use crate::lenient::{lenient_vec, u64_from_any};
use crate::timestamp::Timestamp;

/// The histogram answer: `key` is `"histogram"`, `meta` carries `bin_size`, `field`,
/// `start`, `end`, `time_zone` and `size` (a string in the vendor's sample).
pub type HistogramResponse = ObjectResponse<HistogramBody>;

/// The `body` of a histogram answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistogramBody {
    /// One bucket per interval, oldest first. A bucket without a readable `id`, or
    /// with a count that is not a number, is left out (the others still draw).
    #[serde(default, deserialize_with = "lenient_vec")]
    pub buckets: Vec<HistogramBucket>,
}

/// One interval of the histogram. Its width is not in the answer: it is the spacing
/// of the `id`s (and `meta.bin_size` where that agrees), which a server that ignores
/// the requested `bin_size` sets by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistogramBucket {
    /// The start of the interval (the docs: "ISO 8601 UTC").
    pub id: Timestamp,
    /// Sessions started in the interval (missing: 0).
    #[serde(default, deserialize_with = "u64_from_any")]
    pub start_count: u64,
    /// Sessions active at some point in the interval (missing: 0).
    #[serde(default, deserialize_with = "u64_from_any")]
    pub active_count: u64,
}

/// The interval unit of a histogram (`bin_size`; the vendor's default is `month`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BinSize {
    /// One second.
    Second,
    /// One minute.
    Minute,
    /// One hour.
    Hour,
    /// One calendar day (in the answer's `time_zone`).
    Day,
    /// One calendar week.
    Week,
    /// One calendar month: the vendor's default.
    #[default]
    Month,
    /// One calendar year.
    Year,
}

/// A `bin_size` the API does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a bin size (second, minute, hour, day, week, month, year)")]
pub struct UnknownBinSize(pub String);

impl BinSize {
    /// Every bin size, finest first.
    pub const ALL: [BinSize; 7] =
        [BinSize::Second, BinSize::Minute, BinSize::Hour, BinSize::Day, BinSize::Week, BinSize::Month, BinSize::Year];

    /// The value as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            BinSize::Second => "second",
            BinSize::Minute => "minute",
            BinSize::Hour => "hour",
            BinSize::Day => "day",
            BinSize::Week => "week",
            BinSize::Month => "month",
            BinSize::Year => "year",
        }
    }

    /// Reads the API spelling (surrounding blanks and letter case are forgiven).
    pub fn parse(text: &str) -> Result<Self, UnknownBinSize> {
        let wanted = text.trim();
        BinSize::ALL
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownBinSize(text.to_owned()))
    }

    /// The length of one interval, for the units of fixed length (up to `week`).
    ///
    /// Months and years vary in length, so they give `None`; a caller estimating a
    /// bucket count can use [`BinSize::approx_duration`].
    pub fn fixed_duration(self) -> Option<TimeDelta> {
        match self {
            BinSize::Second => Some(TimeDelta::seconds(1)),
            BinSize::Minute => Some(TimeDelta::minutes(1)),
            BinSize::Hour => Some(TimeDelta::hours(1)),
            BinSize::Day => Some(TimeDelta::days(1)),
            BinSize::Week => Some(TimeDelta::weeks(1)),
            BinSize::Month | BinSize::Year => None,
        }
    }

    /// The length of one interval, months counted as 31 days and years as 366, so
    /// that a bucket count estimated with it never falls short (API-NOTES: the client
    /// keeps the count under a limit to avoid `TooMuchBucketsInResult`).
    pub fn approx_duration(self) -> TimeDelta {
        let longest_calendar_unit = match self {
            BinSize::Year => TimeDelta::days(366),
            _ => TimeDelta::days(31),
        };
        self.fixed_duration().unwrap_or(longest_calendar_unit)
    }

    /// The start of the interval holding `t`. SPS aligns intervals to the unit in UTC:
    /// seconds to days on their boundaries, weeks on ISO weeks (from Monday), months and
    /// years on the calendar. The stand-in server and the dashboard both cut by this.
    pub fn interval_start(self, t: DateTime<Utc>) -> DateTime<Utc> {
        let date = t.date_naive();
        let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
        let whole_seconds = t.with_nanosecond(0).unwrap_or(t);
        match self {
            BinSize::Second => whole_seconds,
            BinSize::Minute => whole_seconds.with_second(0).unwrap_or(t),
            BinSize::Hour => whole_seconds.with_second(0).and_then(|t| t.with_minute(0)).unwrap_or(t),
            BinSize::Day => midnight(date),
            BinSize::Week => midnight(date - TimeDelta::days(i64::from(date.weekday().num_days_from_monday()))),
            BinSize::Month => midnight(date.with_day(1).unwrap_or(date)),
            BinSize::Year => midnight(NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date)),
        }
    }

    /// The start of the interval after the one starting at `start`.
    pub fn next_interval(self, start: DateTime<Utc>) -> DateTime<Utc> {
        match self.fixed_duration() {
            Some(length) => start + length,
            None => {
                let months = if self == BinSize::Year { 12 } else { 1 };
                start.checked_add_months(Months::new(months)).unwrap_or(start + self.approx_duration())
            }
        }
    }

    /// How many intervals the window `[start, end]` touches, partial ones at both ends
    /// included (0 when `end` is before `start`).
    pub fn interval_count(self, start: DateTime<Utc>, end: DateTime<Utc>) -> u64 {
        if end < start {
            return 0;
        }
        let first = self.interval_start(start);
        let months = |t: DateTime<Utc>| i64::from(t.year()) * 12 + i64::from(t.month0());
        let span = match self.fixed_duration() {
            Some(length) => (end - first).num_milliseconds() / length.num_milliseconds(),
            None if self == BinSize::Year => i64::from(end.year() - first.year()),
            None => months(end) - months(first),
        };
        span.max(0).unsigned_abs() + 1
    }
}

impl FromStr for BinSize {
    type Err = UnknownBinSize;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BinSize::parse(s)
    }
}

impl fmt::Display for BinSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The query string of a histogram request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistogramParams {
    /// A query (the SPS query language) narrowing the sessions counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// The field the histogram is about. The reference page calls it mandatory, yet
    /// the buckets do not split by it: send it to a real SPS, a server may default it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The interval unit. Sent as `bin_size`; `bin-size` (the parameter list's
    /// spelling) is accepted too (API-NOTES.md decision).
    #[serde(default, alias = "bin-size", skip_serializing_if = "Option::is_none")]
    pub bin_size: Option<BinSize>,
    /// Window start, ISO 8601 (the vendor's default: a month before the request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Window end, ISO 8601 (the vendor's default: the time of the request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// How many top values of `field` to consider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// Screen-content search: not supported here, answered with 400
    /// `NotSupportedContentOption`; present so a server can say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bin_sizes_spell_and_parse_back() {
        for b in BinSize::ALL {
            assert_eq!(BinSize::parse(b.as_str()), Ok(b));
            assert_eq!(serde_json::to_string(&b).unwrap(), format!("\"{b}\""));
            assert_eq!(serde_json::from_str::<BinSize>(&format!("\"{b}\"")).unwrap(), b);
        }
        assert_eq!(" Hour ".parse(), Ok(BinSize::Hour));
        assert_eq!(BinSize::parse("fortnight"), Err(UnknownBinSize("fortnight".into())));
        assert!(serde_json::from_str::<BinSize>("\"bin-size\"").is_err());
        assert_eq!(BinSize::default(), BinSize::Month);
    }

    #[test]
    fn durations_of_fixed_and_calendar_units() {
        assert_eq!(BinSize::Hour.fixed_duration(), Some(TimeDelta::seconds(3600)));
        assert_eq!(BinSize::Week.fixed_duration(), Some(TimeDelta::days(7)));
        assert_eq!(BinSize::Month.fixed_duration(), None);
        assert_eq!(BinSize::Year.fixed_duration(), None);
        assert_eq!(BinSize::Month.approx_duration(), TimeDelta::days(31));
        assert_eq!(BinSize::Second.approx_duration(), TimeDelta::seconds(1));
        let finest_first: Vec<_> = BinSize::ALL.iter().map(|b| b.approx_duration()).collect();
        assert!(finest_first.windows(2).all(|w| w[0] < w[1]));
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn intervals_align_in_utc_weeks_from_monday() {
        let t = at("2026-11-25T13:47:12.5Z");
        let starts: Vec<_> = BinSize::ALL.iter().map(|b| b.interval_start(t)).collect();
        let want = ["13:47:12", "13:47:00", "13:00:00", "11-25", "11-23", "11-01", "01-01"];
        let expected: Vec<_> = want
            .iter()
            .map(|w| if w.contains(':') { at(&format!("2026-11-25T{w}Z")) } else { at(&format!("2026-{w}T00:00:00Z")) })
            .collect();
        assert_eq!(starts, expected);
        assert_eq!(BinSize::Month.next_interval(at("2026-01-31T00:00:00Z")), at("2026-02-28T00:00:00Z"));
        assert_eq!(BinSize::Month.next_interval(at("2026-11-01T00:00:00Z")), at("2026-12-01T00:00:00Z"));
        assert_eq!(BinSize::Year.next_interval(at("2026-01-01T00:00:00Z")), at("2027-01-01T00:00:00Z"));
        assert_eq!(BinSize::Hour.next_interval(at("2026-01-01T00:00:00Z")), at("2026-01-01T01:00:00Z"));
    }

    #[test]
    fn counts_include_partial_intervals_at_both_ends() {
        let (s, e) = (at("2026-11-22T10:30:00Z"), at("2026-11-23T10:30:00Z"));
        assert_eq!(BinSize::Hour.interval_count(s, e), 25);
        assert_eq!(BinSize::Day.interval_count(s, e), 2);
        assert_eq!(BinSize::Minute.interval_count(s, e), 1441);
        assert_eq!(BinSize::Month.interval_count(at("2026-01-15T00:00:00Z"), at("2026-03-02T00:00:00Z")), 3);
        assert_eq!(BinSize::Year.interval_count(at("2025-12-31T00:00:00Z"), at("2026-01-01T00:00:00Z")), 2);
        assert_eq!(BinSize::Hour.interval_count(e, s), 0);
        // The reference page: "from 2018-02-12:14:40 to 2018-02-16:14:40 … day … five
        // datasets … week … one".
        let (s, e) = (at("2018-02-12T14:40:00Z"), at("2018-02-16T14:40:00Z"));
        assert_eq!((BinSize::Day.interval_count(s, e), BinSize::Week.interval_count(s, e)), (5, 1));
    }

    #[test]
    fn missing_counts_are_zero_and_string_counts_are_numbers() {
        let b: HistogramBucket =
            serde_json::from_str(r#"{"id": "2018-01-15T12:00:00.000Z", "start_count": "4"}"#).unwrap();
        assert_eq!((b.start_count, b.active_count), (4, 0));
        assert!(serde_json::from_str::<HistogramBucket>(r#"{"start_count": 1}"#).is_err());
        let body: HistogramBody = serde_json::from_str(
            r#"{"buckets": [{"id": "2018-01-15T12:00:00Z", "start_count": 1}, {"id": "soon"}, {"id": 1516021200, "active_count": "x"},
                            {"id": 1516024800, "start_count": 2}]}"#,
        )
        .unwrap();
        let kept: Vec<_> = body.buckets.iter().map(|b| (b.id.to_string(), b.start_count)).collect();
        assert_eq!(kept, [("2018-01-15T12:00:00.000Z".to_owned(), 1), ("2018-01-15T14:00:00.000Z".to_owned(), 2)]);
    }
}
