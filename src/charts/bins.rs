//! Which histogram bin size to ask for: one that gives a readable number of bars and
//! stays under the server's limit (how SPS cuts a window into bins is
//! `sps_api::BinSize::interval_start` and friends).

use chrono::{DateTime, Utc};
use sps_api::BinSize;

/// About this many bins make a readable histogram.
pub const TARGET_BINS: f64 = 60.0;

/// The bin size whose bin count is closest to [`TARGET_BINS`] (by ratio) and
/// within `max_bins`.
pub fn auto_bin(start: DateTime<Utc>, end: DateTime<Utc>, max_bins: u64) -> BinSize {
    BinSize::ALL
        .into_iter()
        .map(|b| (b, b.interval_count(start, end)))
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
            let n = bin.interval_count(start, end);
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
    use chrono::Duration;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
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
                assert!(bin.interval_count(start, end) <= max || bin == BinSize::Year, "{minutes} {max} {bin}");
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
