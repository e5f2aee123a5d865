//! Timestamps as the API's query strings carry them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Parses an ISO 8601 instant as the docs use it: with or without a zone (no zone
/// means UTC, per API-NOTES.md), with or without seconds, or a bare date.
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc());
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc())
}

/// Prints an instant the way the sim's responses carry it: UTC, milliseconds, `Z`.
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms() {
        let want = "2017-01-25T10:00:00.000Z";
        for s in ["2017-01-25T10:00", "2017-01-25T10:00:00", "2017-01-25T10:00:00Z", "2017-01-25T11:00:00+01:00"] {
            assert_eq!(parse_instant(s).map(format_instant).as_deref(), Some(want), "{s}");
        }
        assert_eq!(parse_instant("2017-01-02").map(format_instant).as_deref(), Some("2017-01-02T00:00:00.000Z"));
        assert_eq!(parse_instant("yesterday"), None);
    }
}
