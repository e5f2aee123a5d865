//! Times and durations as the sessions table and the session's details show them.

use chrono::{DateTime, Utc};

use crate::format;
use crate::zone::Zone;

/// `45s`, `12m 05s`, `3h 04m`, `2d 03h`.
pub fn duration(seconds: u64) -> String {
    let (d, h, m, s) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    match seconds {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{m}m {s:02}s"),
        3600..=86_399 => format!("{h}h {m:02}m"),
        _ => format!("{d}d {h:02}h"),
    }
}

/// A date and time in `tz`, to the second.
pub fn time(t: DateTime<Utc>, tz: Zone) -> String {
    format::date_time(t, tz)
}

/// An end time: only the time of day when it is the same day as `start` in `tz`.
pub fn end_time(end: DateTime<Utc>, start: Option<DateTime<Utc>>, tz: Zone) -> String {
    let day = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
    match start {
        Some(start) if day(start) == day(end) => format::clock(end, tz),
        _ => time(end, tz),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ends_on_the_start_day_show_the_time_of_day_only() {
        let tz = "Europe/Budapest".parse::<Zone>().expect("a zone");
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
        assert_eq!(time(t, tz), "2026-11-23 09:00:00");
        assert_eq!(end_time(t + chrono::Duration::minutes(5), Some(t), tz), "09:05:00");
        assert_eq!(end_time(t + chrono::Duration::days(1), Some(t), tz), "2026-11-24 09:00:00");
        assert_eq!(end_time(t, None, tz), "2026-11-23 09:00:00");
        // 23:30 UTC is the next day in Budapest.
        let late = Utc.with_ymd_and_hms(2026, 11, 23, 23, 30, 0).unwrap();
        assert_eq!(end_time(late, Some(t), tz), "2026-11-24 00:30:00");
        assert_eq!(end_time(late, Some(t), Zone::UTC), "23:30:00");
    }

    #[test]
    fn durations_read_in_their_two_largest_units() {
        assert_eq!(
            [duration(0), duration(59), duration(61), duration(3725), duration(86_400 + 7200)],
            ["0s", "59s", "1m 01s", "1h 02m", "1d 02h"]
        );
    }
}
