//! Numbers and times as labels, tables and status lines show them. Times are
//! shown in the view's zone; these are the app's few time formats, so that one
//! instant reads the same everywhere.

use chrono::{DateTime, Utc};

use crate::zone::Zone;

/// The time of day, to the second: `14:03:09`.
pub fn clock(t: DateTime<Utc>, tz: Zone) -> String {
    t.with_timezone(&tz).format("%H:%M:%S").to_string()
}

/// A date and time, to the second: `2026-12-03 14:03:09`.
pub fn date_time(t: DateTime<Utc>, tz: Zone) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// A date and time, to the minute: `2026-12-03 14:03` (range labels).
pub fn date_minute(t: DateTime<Utc>, tz: Zone) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// A date and time to the millisecond with its zone: `2026-12-03 14:03:09.120 CET`.
pub fn precise(t: DateTime<Utc>, tz: Zone) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S%.3f %Z").to_string()
}

/// An end time: only the time of day when it is the same day as `start` in `tz`.
pub fn end_time(end: DateTime<Utc>, start: Option<DateTime<Utc>>, tz: Zone) -> String {
    let day = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
    match start {
        Some(start) if day(start) == day(end) => clock(end, tz),
        _ => date_time(end, tz),
    }
}

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

/// A time in milliseconds, with the month and day when `with_day`:
/// `14:03:09.120` or `12-03 14:03:09.120` (event rows).
pub fn clock_ms(t: DateTime<Utc>, tz: Zone, with_day: bool) -> String {
    let local = t.with_timezone(&tz);
    if with_day { local.format("%m-%d %H:%M:%S%.3f") } else { local.format("%H:%M:%S%.3f") }.to_string()
}

/// A count with thin-space-free thousands separators: `12345` → `12,345`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Shortens `text` to at most `max_chars` characters, ending in `…` when cut.
pub fn ellipsize(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn times_read_in_the_zone_given() {
        let t = at("2026-07-15T12:00:09.120Z");
        let bud = "Europe/Budapest".parse::<Zone>().unwrap();
        assert_eq!(clock(t, Zone::UTC), "12:00:09");
        assert_eq!(clock(t, bud), "14:00:09");
        assert_eq!(date_time(t, bud), "2026-07-15 14:00:09");
        assert_eq!(date_minute(t, bud), "2026-07-15 14:00");
        assert_eq!(precise(t, Zone::UTC), "2026-07-15 12:00:09.120 UTC");
        assert_eq!(clock_ms(t, bud, false), "14:00:09.120");
        assert_eq!(clock_ms(t, bud, true), "07-15 14:00:09.120");
    }

    #[test]
    fn ends_on_the_start_day_show_the_time_of_day_only() {
        let tz = "Europe/Budapest".parse::<Zone>().expect("a zone");
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
        assert_eq!(date_time(t, tz), "2026-11-23 09:00:00");
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

    #[test]
    fn counts_get_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn ellipsize_counts_characters_not_bytes() {
        assert_eq!(ellipsize("ssh", 3), "ssh");
        assert_eq!(ellipsize("андрей.п", 5), "андр…");
        assert_eq!(ellipsize("abc", 0), "…");
    }
}
