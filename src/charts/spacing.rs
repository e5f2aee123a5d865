//! How wide a histogram's buckets really are. A bucket carries only its start
//! (`id`), and a server may cut other intervals than the `bin_size` asked for (one
//! that ignores the parameter answers, say, hours to a `minute` request): the width
//! is read from the answer, from the spacing of the ids, and from `meta.bin_size`
//! where that agrees with them; never from the request alone.

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use sps_api::BinSize;

/// The width of a histogram's buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// One calendar unit (months and years vary in length).
    Unit(BinSize),
    /// A fixed span that is no single unit (e.g. two hours).
    Step(TimeDelta),
}

impl Default for Width {
    fn default() -> Self {
        Width::Unit(BinSize::default())
    }
}

impl Width {
    /// The end of the bucket starting at `start`.
    pub fn end(self, start: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Width::Unit(unit) => unit.next_interval(start),
            Width::Step(step) => start + step,
        }
    }

    /// What one bucket is, for "per …": `hour`, `2 hours`, `90 seconds`.
    pub fn label(self) -> String {
        match self {
            Width::Unit(unit) => unit.as_str().to_owned(),
            Width::Step(step) => {
                let seconds = step.num_seconds();
                let (n, unit) = [(604_800, "week"), (86_400, "day"), (3600, "hour"), (60, "minute")]
                    .into_iter()
                    .find(|(size, _)| seconds % size == 0)
                    .map_or((seconds, "second"), |(size, unit)| (seconds / size, unit));
                if n == 1 {
                    unit.to_owned()
                } else {
                    format!("{n} {unit}s")
                }
            }
        }
    }

    /// Whether buckets this wide show seconds (their labels need them).
    pub fn below_a_minute(self) -> bool {
        match self {
            Width::Unit(unit) => unit == BinSize::Second,
            Width::Step(step) => step.num_seconds() % 60 != 0,
        }
    }
}

/// How many `unit`s lead from `a` to a later `b`, when a whole number of them does.
/// Days and weeks may be an hour short or long: a server cutting them in a zone
/// with daylight saving time.
fn steps(unit: BinSize, a: DateTime<Utc>, b: DateTime<Utc>) -> Option<i64> {
    if b <= a {
        return None;
    }
    match unit.fixed_duration() {
        Some(length) => {
            let (gap, length) = ((b - a).num_milliseconds(), length.num_milliseconds());
            let slack = if matches!(unit, BinSize::Day | BinSize::Week) { 3_600_000 } else { 0 };
            let n = (gap + length / 2) / length;
            (n >= 1 && (gap - n * length).abs() <= slack).then_some(n)
        }
        None => {
            let months = |t: DateTime<Utc>| i64::from(t.year()) * 12 + i64::from(t.month0());
            let gap = months(b) - months(a);
            let per_step = if unit == BinSize::Year { 12 } else { 1 };
            let n = gap / per_step;
            let landed = a.checked_add_months(chrono::Months::new(u32::try_from(n * per_step).ok()?));
            (gap % per_step == 0 && n >= 1 && landed == Some(b)).then_some(n)
        }
    }
}

/// Whether every gap between consecutive `starts` is a whole number of `unit`s.
fn fits(unit: BinSize, starts: &[DateTime<Utc>]) -> bool {
    starts.windows(2).all(|w| steps(unit, w[0], w[1]).is_some())
}

/// The width of buckets starting at `starts` (sorted, no repeats), given what the
/// answer's `meta.bin_size` says and what was `asked`:
///
/// 1. the unit whose one step is the smallest gap and whose steps make every gap
///    (hourly ids are hours, whatever was asked; missing empty buckets are fine);
/// 2. else `meta.bin_size`, if every gap is a whole number of it (sparse buckets);
/// 3. else the smallest gap as a fixed step (`2 hours`).
///
/// With one bucket there is no spacing: `meta.bin_size`, else `asked`; with none, `asked`.
pub fn width(starts: &[DateTime<Utc>], meta_bin_size: Option<&str>, asked: BinSize) -> Width {
    let meta = meta_bin_size.and_then(|m| BinSize::parse(m).ok());
    let Some(smallest) = starts.windows(2).min_by_key(|w| w[1] - w[0]) else {
        return Width::Unit(meta.unwrap_or(asked));
    };
    let (a, b) = (smallest[0], smallest[1]);
    if let Some(unit) = BinSize::ALL.into_iter().find(|u| steps(*u, a, b) == Some(1) && fits(*u, starts)) {
        return Width::Unit(unit);
    }
    match meta.filter(|m| fits(*m, starts)) {
        Some(unit) => Width::Unit(unit),
        None => Width::Step(b - a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn starts(texts: &[&str]) -> Vec<DateTime<Utc>> {
        texts.iter().map(|t| at(t)).collect()
    }

    #[test]
    fn the_spacing_wins_over_what_was_asked_and_what_meta_echoes() {
        let hourly = starts(&["2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"]);
        assert_eq!(width(&hourly, Some("minute"), BinSize::Minute), Width::Unit(BinSize::Hour));
        assert_eq!(width(&hourly, None, BinSize::Minute), Width::Unit(BinSize::Hour));
        let minutes = starts(&["2026-11-23T08:00:00Z", "2026-11-23T08:01:00Z"]);
        assert_eq!(width(&minutes, Some("hour"), BinSize::Hour), Width::Unit(BinSize::Minute));
    }

    #[test]
    fn calendar_months_and_years_vary_in_length() {
        let months =
            starts(&["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"]);
        assert_eq!(width(&months, None, BinSize::Day), Width::Unit(BinSize::Month));
        let years = starts(&["2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"]);
        assert_eq!(width(&years, Some("month"), BinSize::Month), Width::Unit(BinSize::Year));
        let weeks = starts(&["2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z", "2026-11-23T00:00:00Z"]);
        assert_eq!(width(&weeks, None, BinSize::Day), Width::Unit(BinSize::Week));
    }

    #[test]
    fn days_cut_in_a_zone_with_daylight_saving_time() {
        // Midnight in Budapest around the end of summer time: gaps of 24, 25, 24 hours.
        let days =
            starts(&["2026-10-23T22:00:00Z", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", "2026-10-26T23:00:00Z"]);
        assert_eq!(width(&days, Some("day"), BinSize::Day), Width::Unit(BinSize::Day));
    }

    #[test]
    fn sparse_buckets_take_meta_when_it_fits_and_else_the_smallest_gap() {
        let sparse = starts(&["2026-11-23T08:00:00Z", "2026-11-23T10:00:00Z", "2026-11-23T13:00:00Z"]);
        assert_eq!(width(&sparse, Some("hour"), BinSize::Minute), Width::Unit(BinSize::Hour));
        assert_eq!(width(&sparse, Some("day"), BinSize::Minute), Width::Step(TimeDelta::hours(2)));
        assert_eq!(width(&sparse, None, BinSize::Minute), Width::Step(TimeDelta::hours(2)));
        assert_eq!(Width::Step(TimeDelta::hours(2)).label(), "2 hours");
        assert_eq!(Width::Step(TimeDelta::seconds(90)).label(), "90 seconds");
        assert_eq!(Width::Step(TimeDelta::days(14)).label(), "2 weeks");
        assert_eq!(Width::Unit(BinSize::Hour).label(), "hour");
    }

    #[test]
    fn one_bucket_or_none_has_no_spacing() {
        let one = starts(&["2026-11-23T08:00:00Z"]);
        assert_eq!(width(&one, Some("day"), BinSize::Hour), Width::Unit(BinSize::Day));
        assert_eq!(width(&one, Some("fortnight"), BinSize::Hour), Width::Unit(BinSize::Hour));
        assert_eq!(width(&[], None, BinSize::Week), Width::Unit(BinSize::Week));
    }

    #[test]
    fn ends_and_seconds() {
        let start = at("2026-01-31T00:00:00Z");
        assert_eq!(Width::Unit(BinSize::Month).end(start), at("2026-02-28T00:00:00Z"));
        assert_eq!(Width::Step(TimeDelta::hours(2)).end(start), at("2026-01-31T02:00:00Z"));
        assert!(Width::Unit(BinSize::Second).below_a_minute() && Width::Step(TimeDelta::seconds(90)).below_a_minute());
        assert!(!Width::Unit(BinSize::Minute).below_a_minute());
    }
}
