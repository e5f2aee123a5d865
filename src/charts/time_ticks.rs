//! Time-axis ticks at round local times of the chosen zone ("every 6 hours",
//! "every Monday", "every month"), labelled as much as the step needs.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};

use crate::zone::Zone;

/// One tick: where, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeTick {
    /// The instant of the tick.
    pub at: DateTime<Utc>,
    /// Its label in the zone.
    pub label: String,
}

/// A tick spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// A whole number of seconds that divides a day.
    Seconds(i64),
    /// A number of days (1 or 2), from local midnight.
    Days(i64),
    /// Mondays.
    Week,
    /// A number of months (1, 3 or 6), from January.
    Months(u32),
    /// A number of years.
    Years(i32),
}

const STEPS: [Step; 24] = [
    Step::Seconds(1),
    Step::Seconds(5),
    Step::Seconds(10),
    Step::Seconds(15),
    Step::Seconds(30),
    Step::Seconds(60),
    Step::Seconds(2 * 60),
    Step::Seconds(5 * 60),
    Step::Seconds(10 * 60),
    Step::Seconds(15 * 60),
    Step::Seconds(30 * 60),
    Step::Seconds(3600),
    Step::Seconds(2 * 3600),
    Step::Seconds(3 * 3600),
    Step::Seconds(6 * 3600),
    Step::Seconds(12 * 3600),
    Step::Days(1),
    Step::Days(2),
    Step::Week,
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(5),
];

impl Step {
    fn approx_seconds(self) -> i64 {
        match self {
            Step::Seconds(s) => s,
            Step::Days(d) => d * 86_400,
            Step::Week => 7 * 86_400,
            Step::Months(m) => i64::from(m) * 30 * 86_400,
            Step::Years(y) => i64::from(y) * 365 * 86_400,
        }
    }

    /// The first tick at or after `t` (local wall time).
    fn first(self, t: NaiveDateTime) -> NaiveDateTime {
        let midnight = t.date().and_hms_opt(0, 0, 0).unwrap_or(t);
        let up = |candidate: NaiveDateTime, next: fn(NaiveDateTime) -> NaiveDateTime| {
            if candidate < t {
                next(candidate)
            } else {
                candidate
            }
        };
        match self {
            Step::Seconds(s) => {
                let since = i64::from(t.num_seconds_from_midnight());
                let floored = midnight + Duration::seconds(since - since % s);
                if floored < t {
                    floored + Duration::seconds(s)
                } else {
                    floored
                }
            }
            Step::Days(_) => up(midnight, |d| d + Duration::days(1)),
            Step::Week => {
                let monday = midnight - Duration::days(i64::from(t.weekday().num_days_from_monday()));
                up(monday, |d| d + Duration::weeks(1))
            }
            Step::Months(m) => {
                let month0 = t.month0() - t.month0() % m;
                let start = NaiveDate::from_ymd_opt(t.year(), month0 + 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
                let start = start.unwrap_or(midnight);
                if start < t {
                    add_months(start, m)
                } else {
                    start
                }
            }
            Step::Years(y) => {
                let year = t.year() - t.year().rem_euclid(y);
                let start =
                    NaiveDate::from_ymd_opt(year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or(midnight);
                if start < t {
                    add_months(start, 12 * y as u32)
                } else {
                    start
                }
            }
        }
    }

    fn next(self, t: NaiveDateTime) -> NaiveDateTime {
        match self {
            Step::Seconds(s) => t + Duration::seconds(s),
            Step::Days(d) => t + Duration::days(d),
            Step::Week => t + Duration::weeks(1),
            Step::Months(m) => add_months(t, m),
            Step::Years(y) => add_months(t, 12 * y as u32),
        }
    }

    fn label(self, t: NaiveDateTime) -> String {
        let at_midnight = t.num_seconds_from_midnight() == 0;
        match self {
            Step::Seconds(s) if s < 60 => t.format("%H:%M:%S").to_string(),
            Step::Seconds(_) if at_midnight => t.format("%b %-d").to_string(),
            Step::Seconds(_) => t.format("%H:%M").to_string(),
            Step::Days(_) | Step::Week => t.format("%b %-d").to_string(),
            Step::Months(_) if t.month() == 1 => t.format("%Y").to_string(),
            Step::Months(_) => t.format("%b").to_string(),
            Step::Years(_) => t.format("%Y").to_string(),
        }
    }
}

fn add_months(t: NaiveDateTime, months: u32) -> NaiveDateTime {
    t.checked_add_months(chrono::Months::new(months)).unwrap_or(t)
}

/// About `max_ticks` (at most one more) ticks in `[start, end]` at round local times of `tz`.
pub fn time_ticks(start: DateTime<Utc>, end: DateTime<Utc>, tz: Zone, max_ticks: usize) -> Vec<TimeTick> {
    let span = (end - start).num_seconds().max(1);
    let max_ticks = max_ticks.max(2) as i64;
    let step = STEPS.into_iter().find(|s| span / s.approx_seconds() <= max_ticks).unwrap_or(Step::Years(100));
    let mut local = step.first(start.with_timezone(&tz).naive_local());
    let mut ticks = Vec::new();
    // Bounded: the step guarantees fewer than `max_ticks`, plus DST slack.
    for _ in 0..(max_ticks + 4) {
        // A wall time that does not exist (DST gap) is skipped; an ambiguous one
        // takes its first occurrence.
        if let Some(at) = tz.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc)) {
            if at > end {
                break;
            }
            if at >= start {
                ticks.push(TimeTick { at, label: step.label(local) });
            }
        }
        local = step.next(local);
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn labels(ticks: &[TimeTick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn a_day_in_utc_gets_round_hours_and_a_date_at_midnight() {
        let ticks = time_ticks(at("2026-11-22T10:07:00Z"), at("2026-11-23T10:07:00Z"), Zone::UTC, 8);
        assert_eq!(labels(&ticks), vec!["12:00", "15:00", "18:00", "21:00", "Nov 23", "03:00", "06:00", "09:00"]);
        assert_eq!(ticks[0].at, at("2026-11-22T12:00:00Z"));
    }

    #[test]
    fn ticks_follow_the_zone() {
        let ticks = time_ticks(
            at("2026-11-22T10:07:00Z"),
            at("2026-11-23T10:07:00Z"),
            "Asia/Kolkata".parse::<Zone>().expect("a zone"),
            5,
        );
        assert_eq!(ticks[0].label, "18:00");
        assert_eq!(ticks[0].at, at("2026-11-22T12:30:00Z"));
    }

    #[test]
    fn minutes_weeks_months_and_years() {
        let short = time_ticks(at("2026-11-23T10:00:20Z"), at("2026-11-23T10:15:00Z"), Zone::UTC, 8);
        assert_eq!(labels(&short), vec!["10:02", "10:04", "10:06", "10:08", "10:10", "10:12", "10:14"]);
        let seconds = time_ticks(at("2026-11-23T10:00:00Z"), at("2026-11-23T10:01:00Z"), Zone::UTC, 8);
        assert_eq!(seconds[1].label, "10:00:10");
        let quarter = time_ticks(at("2026-08-25T00:00:00Z"), at("2026-11-23T00:00:00Z"), Zone::UTC, 8);
        assert_eq!(labels(&quarter), vec!["Sep", "Oct", "Nov"]);
        let weeks = time_ticks(at("2026-10-24T00:00:00Z"), at("2026-11-23T00:00:00Z"), Zone::UTC, 6);
        assert_eq!(labels(&weeks), vec!["Oct 26", "Nov 2", "Nov 9", "Nov 16", "Nov 23"]);
        let years = time_ticks(at("2020-06-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), Zone::UTC, 8);
        assert_eq!(labels(&years), vec!["2021", "2022", "2023", "2024", "2025", "2026"]);
        let decade = time_ticks(at("2016-06-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), Zone::UTC, 8);
        assert_eq!(labels(&decade), vec!["2020", "2025"]);
    }

    #[test]
    fn dst_gaps_are_skipped_not_fatal() {
        // Europe/Budapest jumps from 02:00 to 03:00 on 2026-03-29.
        let ticks = time_ticks(
            at("2026-03-28T23:00:00Z"),
            at("2026-03-29T04:00:00Z"),
            "Europe/Budapest".parse::<Zone>().expect("a zone"),
            8,
        );
        assert!(ticks.iter().all(|t| t.label != "02:00"), "{ticks:?}");
        assert!(ticks.windows(2).all(|w| w[0].at < w[1].at));
    }

    #[test]
    fn never_too_many() {
        let end = at("2026-11-23T10:00:00Z");
        for secs in [1, 30, 59, 61, 3_599, 86_399, 86_401, 700_000, 3_000_000, 40_000_000, 400_000_000] {
            for max in [2, 5, 10] {
                let n = time_ticks(end - Duration::seconds(secs), end, Zone::UTC, max).len();
                assert!(n <= max + 1, "{secs}s max {max}: {n}");
            }
        }
    }
}
