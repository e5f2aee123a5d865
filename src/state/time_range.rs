//! Time ranges as the URL names them: each end is `now`, `now-<n><unit>` or an
//! absolute ISO 8601 instant, so a relative range keeps moving with the clock and
//! an absolute one stays put.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use thiserror::Error;

use crate::format;
use crate::zone::Zone;

/// The shortest range a view may have.
pub const MIN_SPAN_SECONDS: i64 = 60;
/// The longest range a view may have (about ten years).
pub const MAX_SPAN_SECONDS: i64 = 10 * 366 * 86_400;

/// Why a time or a range does not parse or make sense.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RangeError {
    /// Neither `now`, `now-<n><unit>` nor an ISO 8601 instant.
    #[error(
        "`{0}` is not a time: use `now`, `now-24h` (units m, h, d, w) or an ISO 8601 date like 2026-11-23T10:00:00Z"
    )]
    Malformed(String),
    /// The start is not before the end.
    #[error("the start ({0}) must be before the end ({1})")]
    Backwards(String, String),
    /// Shorter than a minute or longer than ten years.
    #[error("a time range must cover between 1 minute and 10 years")]
    Span,
}

/// One end of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeExpr {
    /// The current time minus a number of minutes (0 = now).
    Now {
        /// Minutes before now.
        minus_minutes: i64,
    },
    /// A fixed instant.
    At(DateTime<Utc>),
}

impl TimeExpr {
    /// "now".
    pub const NOW: TimeExpr = TimeExpr::Now { minus_minutes: 0 };

    /// Parses `now`, `now-15m`, `now-24h`, `now-7d`, `now-2w` or an ISO 8601
    /// instant (a missing zone means UTC, as on the API).
    pub fn parse(text: &str) -> Result<Self, RangeError> {
        let text = text.trim();
        let malformed = || RangeError::Malformed(text.to_owned());
        if text == "now" {
            return Ok(TimeExpr::NOW);
        }
        if let Some(rest) = text.strip_prefix("now-") {
            let unit_at = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(malformed)?;
            let (number, unit) = rest.split_at(unit_at);
            let n: i64 = number.parse().map_err(|_| malformed())?;
            let per_unit = match unit {
                "m" => 1,
                "h" => 60,
                "d" => 24 * 60,
                "w" => 7 * 24 * 60,
                _ => return Err(malformed()),
            };
            let minutes = n.checked_mul(per_unit).filter(|m| *m <= MAX_SPAN_SECONDS / 60).ok_or(RangeError::Span)?;
            return Ok(TimeExpr::Now { minus_minutes: minutes });
        }
        text.parse::<sps_api::Timestamp>().map(|t| TimeExpr::At(t.as_datetime())).map_err(|_| malformed())
    }

    /// The instant this names at `now`.
    pub fn resolve(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            TimeExpr::Now { minus_minutes } => now - Duration::minutes(minus_minutes),
            TimeExpr::At(t) => t,
        }
    }

    /// Whether this moves with the clock.
    pub fn is_relative(self) -> bool {
        matches!(self, TimeExpr::Now { .. })
    }
}

impl std::fmt::Display for TimeExpr {
    /// The URL form: `now`, `now-24h` (largest whole unit), or RFC 3339 UTC.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            TimeExpr::Now { minus_minutes: 0 } => f.write_str("now"),
            TimeExpr::Now { minus_minutes: m } => {
                let (n, unit) = [(7 * 24 * 60, "w"), (24 * 60, "d"), (60, "h"), (1, "m")]
                    .into_iter()
                    .find(|(size, _)| m % size == 0)
                    .map(|(size, unit)| (m / size, unit))
                    .unwrap_or((m, "m"));
                write!(f, "now-{n}{unit}")
            }
            TimeExpr::At(t) => f.write_str(&iso(t)),
        }
    }
}

/// "90 minutes", "2 weeks": the largest whole unit.
fn human_span(minutes: i64) -> String {
    let (n, unit) = [(7 * 24 * 60, "week"), (24 * 60, "day"), (60, "hour"), (1, "minute")]
        .into_iter()
        .find(|(size, _)| minutes % size == 0)
        .map(|(size, unit)| (minutes / size, unit))
        .unwrap_or((minutes, "minute"));
    if n == 1 {
        format!("{n} {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// RFC 3339 UTC with seconds, as the API's `start`/`end` take it.
pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A view's time range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    /// The start.
    pub start: TimeExpr,
    /// The end.
    pub end: TimeExpr,
}

/// The quick ranges the picker offers, in minutes.
pub const QUICK_RANGES: [(i64, &str); 7] = [
    (15, "Last 15 minutes"),
    (60, "Last hour"),
    (4 * 60, "Last 4 hours"),
    (24 * 60, "Last 24 hours"),
    (7 * 24 * 60, "Last 7 days"),
    (30 * 24 * 60, "Last 30 days"),
    (90 * 24 * 60, "Last 90 days"),
];

impl TimeRange {
    /// The last `minutes` up to now.
    pub fn last(minutes: i64) -> Self {
        TimeRange { start: TimeExpr::Now { minus_minutes: minutes }, end: TimeExpr::NOW }
    }

    /// A fixed range.
    pub fn between(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        TimeRange { start: TimeExpr::At(start), end: TimeExpr::At(end) }
    }

    /// Parses both ends and checks the range makes sense at `now`.
    pub fn parse(start: &str, end: &str, now: DateTime<Utc>) -> Result<Self, RangeError> {
        let range = TimeRange { start: TimeExpr::parse(start)?, end: TimeExpr::parse(end)? };
        range.check(now)?;
        Ok(range)
    }

    /// Checks the order and span of the range at `now`.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), RangeError> {
        let (s, e) = self.resolve(now);
        if s >= e {
            return Err(RangeError::Backwards(self.start.to_string(), self.end.to_string()));
        }
        let span = (e - s).num_seconds();
        if !(MIN_SPAN_SECONDS..=MAX_SPAN_SECONDS).contains(&span) {
            return Err(RangeError::Span);
        }
        Ok(())
    }

    /// Both ends at `now`.
    pub fn resolve(&self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.start.resolve(now), self.end.resolve(now))
    }

    /// The range's length.
    pub fn span(&self, now: DateTime<Utc>) -> Duration {
        let (s, e) = self.resolve(now);
        e - s
    }

    /// Whether the range ends now (and so moves with the clock).
    pub fn is_live(&self) -> bool {
        self.end == TimeExpr::NOW && self.start.is_relative()
    }

    /// A short label: "Last 24 hours" for quick ranges, else both ends in `tz`.
    pub fn label(&self, now: DateTime<Utc>, tz: Zone) -> String {
        if let (TimeExpr::Now { minus_minutes }, true) = (self.start, self.end == TimeExpr::NOW) {
            if let Some((_, label)) = QUICK_RANGES.iter().find(|(m, _)| *m == minus_minutes) {
                return (*label).to_owned();
            }
            return format!("Last {}", human_span(minus_minutes));
        }
        let (s, e) = self.resolve(now);
        format!("{} → {}", format::date_minute(s, tz), format::date_minute(e, tz))
    }

    /// The range moved by its own length; moving later never passes now (then it
    /// becomes the live range of the same length).
    pub fn shift(&self, now: DateTime<Utc>, later: bool) -> Self {
        let (s, e) = self.resolve(now);
        let span = e - s;
        if later {
            // Within a minute (or 1 % of the span) of now counts as reaching it: the
            // clock moved on since the range was shifted earlier.
            let slack = (span / 100).max(Duration::minutes(1));
            if e + span + slack >= now {
                return TimeRange::last(span.num_minutes().max(1));
            }
            TimeRange::between(s + span, e + span)
        } else {
            TimeRange::between(s - span, e - span)
        }
    }

    /// Twice as long: a live range reaches further back; a fixed one widens around
    /// its middle without passing now.
    pub fn zoom_out(&self, now: DateTime<Utc>) -> Self {
        let max = Duration::seconds(MAX_SPAN_SECONDS);
        if let (TimeExpr::Now { minus_minutes }, TimeExpr::NOW) = (self.start, self.end) {
            return TimeRange::last((minus_minutes * 2).min(max.num_minutes()));
        }
        let (s, e) = self.resolve(now);
        let half = (e - s) / 2;
        let end = (e + half).min(now);
        let start = (s - half).max(end - max);
        TimeRange::between(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    #[test]
    fn expressions_parse_and_print_back() {
        for s in ["now", "now-15m", "now-1h", "now-1d", "now-1w", "now-90d", "2026-11-20T08:00:00Z"] {
            assert_eq!(TimeExpr::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(TimeExpr::parse("now-24h").unwrap().to_string(), "now-1d");
        assert_eq!(TimeExpr::parse("now-90m").unwrap().to_string(), "now-90m");
        assert_eq!(TimeExpr::parse("2026-11-20T09:00:00+01:00").unwrap().to_string(), "2026-11-20T08:00:00Z");
        assert_eq!(TimeExpr::parse("2026-11-20T08:00").unwrap().to_string(), "2026-11-20T08:00:00Z");
    }

    #[test]
    fn nonsense_is_explained() {
        for s in ["", "yesterday", "now-", "now-h", "now-3y", "now--3h", "now-1.5h", "2026-13-45"] {
            assert!(matches!(TimeExpr::parse(s), Err(RangeError::Malformed(_))), "{s}");
        }
        assert_eq!(TimeExpr::parse("now-99999999999w"), Err(RangeError::Span));
        assert!(matches!(TimeRange::parse("now", "now-1h", now()), Err(RangeError::Backwards(..))));
        assert_eq!(TimeRange::parse("now-0m", "now", now()), Err(RangeError::Backwards("now".into(), "now".into())));
        assert!(TimeRange::parse("2026-11-20T08:00:00Z", "2026-11-20T08:00:30Z", now()).is_err());
        assert_eq!(TimeRange::parse("now-1h", "now", now()), Ok(TimeRange::last(60)));
    }

    #[test]
    fn labels() {
        let utc = Zone::UTC;
        assert_eq!(TimeRange::last(24 * 60).label(now(), utc), "Last 24 hours");
        assert_eq!(TimeRange::last(120).label(now(), utc), "Last 2 hours");
        assert_eq!(TimeRange::last(14 * 24 * 60).label(now(), utc), "Last 2 weeks");
        assert_eq!(TimeRange::last(90).label(now(), utc), "Last 90 minutes");
        let fixed = TimeRange::between(now() - Duration::hours(2), now());
        assert_eq!(
            fixed.label(now(), "Europe/Budapest".parse::<Zone>().expect("a zone")),
            "2026-11-23 09:00 → 2026-11-23 11:00"
        );
    }

    #[test]
    fn shifting_and_zooming() {
        let day = TimeRange::last(24 * 60);
        let earlier = day.shift(now(), false);
        assert_eq!(earlier, TimeRange::between(now() - Duration::days(2), now() - Duration::days(1)));
        assert_eq!(earlier.shift(now(), true), TimeRange::last(24 * 60), "back to live");
        let a_bit_later = now() + Duration::seconds(20);
        assert_eq!(earlier.shift(a_bit_later, true), TimeRange::last(24 * 60), "the clock moved on meanwhile");
        let older = earlier.shift(now(), false);
        assert_eq!(older.shift(now(), true), earlier);
        assert_eq!(day.zoom_out(now()), TimeRange::last(48 * 60));
        let zoomed = earlier.zoom_out(now());
        assert_eq!(zoomed, TimeRange::between(now() - Duration::hours(60), now() - Duration::hours(12)));
        assert!(TimeRange::last(MAX_SPAN_SECONDS / 60).zoom_out(now()).check(now()).is_ok());
    }
}
