//! Histogram intervals: how SPS cuts a window into bins (aligned to the unit in
//! UTC, weeks from Monday, months and years by the calendar), how many bins a
//! window gives, and which bin size to ask for.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};
use sps_api::BinSize;

/// About this many bins make a readable histogram.
pub const TARGET_BINS: f64 = 60.0;

/// The start of the bin holding `t`.
pub fn bin_start(t: DateTime<Utc>, bin: BinSize) -> DateTime<Utc> {
    let date = t.date_naive();
    let midnight = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default());
    match bin {
        BinSize::Second => t.with_nanosecond(0).unwrap_or(t),
        BinSize::Minute => t.with_nanosecond(0).and_then(|t| t.with_second(0)).unwrap_or(t),
        BinSize::Hour => t.with_nanosecond(0).and_then(|t| t.with_second(0)).and_then(|t| t.with_minute(0)).unwrap_or(t),
        BinSize::Day => midnight(date),
        BinSize::Week => midnight(date - Duration::days(i64::from(date.weekday().num_days_from_monday()))),
        BinSize::Month => midnight(date.with_day(1).unwrap_or(date)),
        BinSize::Year => midnight(NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date)),
    }
}

/// The start of the bin after the one starting at `start`.
pub fn next_bin(start: DateTime<Utc>, bin: BinSize) -> DateTime<Utc> {
    match bin.fixed_duration() {
        Some(d) => start + d,
        None => {
            let months = if bin == BinSize::Year { 12 } else { 1 };
            start.checked_add_months(chrono::Months::new(months)).unwrap_or(start + bin.approx_duration())
        }
    }
}

/// How many bins `[start, end]` touches.
pub fn bin_count(start: DateTime<Utc>, end: DateTime<Utc>, bin: BinSize) -> u64 {
    if end < start {
        return 0;
    }
    let first = bin_start(start, bin);
    match bin.fixed_duration() {
        Some(d) => ((end - first).num_seconds() / d.num_seconds().max(1)) as u64 + 1,
        None => {
            let months = |t: DateTime<Utc>| i64::from(t.year()) * 12 + i64::from(t.month0());
            let span = months(end) - months(first);
            (if bin == BinSize::Year { span / 12 } else { span }) as u64 + 1
        }
    }
}

/// The bin size whose bin count is closest to [`TARGET_BINS`] (by ratio) and
/// within `max_bins`.
pub fn auto_bin(start: DateTime<Utc>, end: DateTime<Utc>, max_bins: u64) -> BinSize {
    BinSize::ALL
        .into_iter()
        .map(|b| (b, bin_count(start, end, b)))
        .filter(|(_, n)| *n <= max_bins)
        .min_by(|a, b| distance(a.1).total_cmp(&distance(b.1)))
        .map(|(b, _)| b)
        .unwrap_or(BinSize::Year)
}

fn distance(count: u64) -> f64 {
    (count.max(1) as f64 / TARGET_BINS).ln().abs()
}

/// The bin size the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BinChoice {
    /// Pick one for the range.
    #[default]
    Auto,
    /// This one, if the server allows it for the range.
    Fixed(BinSize),
}

/// The bin size to request, and why it differs from the choice when it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinDecision {
    /// What to send as `bin_size`.
    pub bin: BinSize,
    /// Set when a forced size was too fine and the automatic one is used instead.
    pub note: Option<String>,
}

/// Resolves a choice for a window, never exceeding `max_bins`.
pub fn decide(choice: BinChoice, start: DateTime<Utc>, end: DateTime<Utc>, max_bins: u64) -> BinDecision {
    let auto = auto_bin(start, end, max_bins);
    match choice {
        BinChoice::Auto => BinDecision { bin: auto, note: None },
        BinChoice::Fixed(bin) => {
            let n = bin_count(start, end, bin);
            if n <= max_bins {
                BinDecision { bin, note: None }
            } else {
                let note = format!(
                    "Bins of one {bin} would make {} bars for this range; SPS allows at most {}. Showing {auto} bins instead — pick a shorter range to see {bin}s.",
                    crate::format::count(n),
                    crate::format::count(max_bins),
                );
                BinDecision { bin: auto, note: Some(note) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn bins_align_like_the_server() {
        let t = at("2026-11-25T13:47:12.5Z");
        assert_eq!(bin_start(t, BinSize::Second), at("2026-11-25T13:47:12Z"));
        assert_eq!(bin_start(t, BinSize::Minute), at("2026-11-25T13:47:00Z"));
        assert_eq!(bin_start(t, BinSize::Hour), at("2026-11-25T13:00:00Z"));
        assert_eq!(bin_start(t, BinSize::Day), at("2026-11-25T00:00:00Z"));
        assert_eq!(bin_start(t, BinSize::Week), at("2026-11-23T00:00:00Z"), "Monday");
        assert_eq!(bin_start(t, BinSize::Month), at("2026-11-01T00:00:00Z"));
        assert_eq!(bin_start(t, BinSize::Year), at("2026-01-01T00:00:00Z"));
        assert_eq!(next_bin(at("2026-01-31T00:00:00Z"), BinSize::Month), at("2026-02-28T00:00:00Z"));
        assert_eq!(next_bin(at("2026-11-01T00:00:00Z"), BinSize::Month), at("2026-12-01T00:00:00Z"));
        assert_eq!(next_bin(at("2026-01-01T00:00:00Z"), BinSize::Year), at("2027-01-01T00:00:00Z"));
    }

    #[test]
    fn counts_include_partial_bins_at_both_ends() {
        let (s, e) = (at("2026-11-22T10:30:00Z"), at("2026-11-23T10:30:00Z"));
        assert_eq!(bin_count(s, e, BinSize::Hour), 25);
        assert_eq!(bin_count(s, e, BinSize::Day), 2);
        assert_eq!(bin_count(s, e, BinSize::Minute), 1441);
        assert_eq!(bin_count(at("2026-01-15T00:00:00Z"), at("2026-03-02T00:00:00Z"), BinSize::Month), 3);
        assert_eq!(bin_count(at("2025-12-31T00:00:00Z"), at("2026-01-01T00:00:00Z"), BinSize::Year), 2);
        assert_eq!(bin_count(e, s, BinSize::Hour), 0);
    }

    #[test]
    fn automatic_bins_suit_the_quick_ranges() {
        let end = at("2026-11-23T10:07:00Z");
        let pick = |minutes: i64| auto_bin(end - Duration::minutes(minutes), end, 1000);
        assert_eq!(pick(15), BinSize::Minute);
        assert_eq!(pick(60), BinSize::Minute);
        assert_eq!(pick(4 * 60), BinSize::Minute);
        assert_eq!(pick(24 * 60), BinSize::Hour);
        assert_eq!(pick(7 * 24 * 60), BinSize::Hour);
        assert_eq!(pick(30 * 24 * 60), BinSize::Day);
        assert_eq!(pick(90 * 24 * 60), BinSize::Day);
        assert_eq!(pick(10 * 365 * 24 * 60), BinSize::Month);
    }

    #[test]
    fn never_more_than_the_server_allows() {
        let end = at("2026-11-23T10:07:00Z");
        for minutes in [1, 7, 59, 61, 999, 1441, 10_000, 100_000, 1_000_000, 5_000_000] {
            let start = end - Duration::minutes(minutes);
            for max in [10, 100, 1000] {
                let bin = auto_bin(start, end, max);
                assert!(bin_count(start, end, bin) <= max || bin == BinSize::Year, "{minutes} {max} {bin}");
            }
        }
    }

    #[test]
    fn a_forced_size_too_fine_falls_back_with_a_note() {
        let (s, e) = (at("2026-10-24T00:00:00Z"), at("2026-11-23T00:00:00Z"));
        let d = decide(BinChoice::Fixed(BinSize::Minute), s, e, 1000);
        assert_eq!(d.bin, BinSize::Day);
        assert!(d.note.unwrap().contains("43,201 bars"));
        assert_eq!(decide(BinChoice::Fixed(BinSize::Hour), s, e, 1000), BinDecision { bin: BinSize::Hour, note: None });
        assert_eq!(decide(BinChoice::Auto, s, e, 1000).bin, BinSize::Day);
    }
}
