//! Relative time ranges (`now-24h`) as the configuration names them.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use thiserror::Error;

/// Why a relative range does not parse.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RangeError {
    /// Not of the form `now-<number><unit>`.
    #[error("`{0}` is not a relative range like `now-24h` (units: m, h, d, w)")]
    Malformed(String),
    /// Zero or beyond what any SPS keeps.
    #[error("`{0}` must cover between 1 minute and 10 years")]
    OutOfBounds(String),
}

/// A window reaching back a fixed span from "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeRange {
    span: Duration,
}

impl RelativeRange {
    /// Parses `now-15m`, `now-24h`, `now-7d`, `now-2w`.
    pub fn parse(text: &str) -> Result<Self, RangeError> {
        let malformed = || RangeError::Malformed(text.to_owned());
        let rest = text.trim().strip_prefix("now-").ok_or_else(malformed)?;
        let unit_at = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(malformed)?;
        let (number, unit) = rest.split_at(unit_at);
        let n: i64 = number.parse().map_err(|_| malformed())?;
        let minutes = match unit {
            "m" => Some(n),
            "h" => n.checked_mul(60),
            "d" => n.checked_mul(24 * 60),
            "w" => n.checked_mul(7 * 24 * 60),
            _ => return Err(malformed()),
        };
        match minutes {
            Some(m) if (1..=10 * 366 * 24 * 60).contains(&m) => Ok(RelativeRange { span: Duration::minutes(m) }),
            _ => Err(RangeError::OutOfBounds(text.to_owned())),
        }
    }

    /// The window ending at `now`, as ISO 8601 UTC strings for `start` and `end`.
    pub fn window(&self, now: DateTime<Utc>) -> (String, String) {
        let iso = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
        (iso(now - self.span), iso(now))
    }

    /// A short human label: "Last 24 hours".
    pub fn label(&self) -> String {
        let minutes = self.span.num_minutes();
        let (n, unit) = if minutes % (7 * 24 * 60) == 0 && minutes >= 14 * 24 * 60 {
            (minutes / (7 * 24 * 60), "week")
        } else if minutes % (24 * 60) == 0 && minutes > 24 * 60 {
            (minutes / (24 * 60), "day")
        } else if minutes % 60 == 0 {
            (minutes / 60, "hour")
        } else {
            (minutes, "minute")
        };
        if n == 1 { format!("Last {unit}") } else { format!("Last {n} {unit}s") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn parses_and_windows() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let r = RelativeRange::parse("now-24h").unwrap();
        assert_eq!(r.window(now), ("2026-11-22T10:00:00Z".into(), "2026-11-23T10:00:00Z".into()));
        assert_eq!(RelativeRange::parse(" now-15m ").unwrap().window(now).0, "2026-11-23T09:45:00Z");
        assert_eq!(RelativeRange::parse("now-2w").unwrap().window(now).0, "2026-11-09T10:00:00Z");
    }

    #[test]
    fn labels_read_naturally() {
        let label = |s| RelativeRange::parse(s).unwrap().label();
        assert_eq!(label("now-24h"), "Last 24 hours");
        assert_eq!(label("now-1h"), "Last hour");
        assert_eq!(label("now-15m"), "Last 15 minutes");
        assert_eq!(label("now-7d"), "Last 7 days");
        assert_eq!(label("now-1d"), "Last 24 hours");
        assert_eq!(label("now-2w"), "Last 2 weeks");
    }

    #[test]
    fn rejects_nonsense() {
        for s in ["", "now", "now-", "now-h", "now-5y", "24h", "now-1.5h", "now--3h"] {
            assert!(matches!(RelativeRange::parse(s), Err(RangeError::Malformed(_))), "{s}");
        }
        for s in ["now-0h", "now-99999999999w"] {
            assert!(matches!(RelativeRange::parse(s), Err(RangeError::OutOfBounds(_))), "{s}");
        }
    }
}
