//! Stat tiles: one big number (how many sessions match a query in the range), its
//! trend against the previous period of the same length, and optional thresholds.
//!
//! URL form, one panel of the `panels` key: `stat:` then a built-in name or
//! `q=<query>`, then optionally `:warn=N` and `:crit=N`:
//!
//! | panel | counts |
//! | --- | --- |
//! | `stat:sessions` | every session in the range |
//! | `stat:active` | `active:true` |
//! | `stat:denied` | `verdict:(DENY OR REJECT OR FAIL OR AUTH_FAIL)` |
//! | `stat:q=verdict:DENY:warn=10:crit=50` | `verdict:DENY`, WARN from 10, CRIT from 50 |
//!
//! A query may hold `:` (it ends at the last `:warn=`/`:crit=`), not `;` (that
//! separates panels).

use std::fmt;

use sps_query::Schema;

use crate::state::query::query_error;

/// What a tile counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StatQuery {
    /// Every session in the range.
    Sessions,
    /// Sessions still running.
    Active,
    /// Sessions denied or failed.
    Denied,
    /// Sessions matching a query of the user's.
    Query(String),
}

impl StatQuery {
    /// The SPS query counted (empty: every session).
    pub fn query(&self) -> &str {
        match self {
            StatQuery::Sessions => "",
            StatQuery::Active => "active:true",
            StatQuery::Denied => "verdict:(DENY OR REJECT OR FAIL OR AUTH_FAIL)",
            StatQuery::Query(q) => q,
        }
    }

    /// The tile's heading.
    pub fn title(&self) -> String {
        match self {
            StatQuery::Sessions => "Sessions".to_owned(),
            StatQuery::Active => "Active sessions".to_owned(),
            StatQuery::Denied => "Denied or failed".to_owned(),
            StatQuery::Query(q) => q.clone(),
        }
    }
}

/// A stat tile: what it counts and when it warns.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatSpec {
    /// What is counted.
    pub what: StatQuery,
    /// WARN from this count on.
    pub warn: Option<u64>,
    /// CRIT from this count on.
    pub crit: Option<u64>,
}

/// Why a `stat:` panel could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatError {
    /// Neither a built-in name nor `q=…`.
    UnknownStat(String),
    /// A query that does not parse or names unknown fields.
    BadQuery(String),
    /// A threshold that is not a whole number.
    BadThreshold(String),
    /// `warn` above `crit`.
    WarnAboveCrit,
}

impl fmt::Display for StatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatError::UnknownStat(name) => {
                write!(f, "`{name}` is not a stat (sessions, active, denied or q=<query>)")
            }
            StatError::BadQuery(e) => write!(f, "the query does not read: {e}"),
            StatError::BadThreshold(t) => write!(f, "`{t}` is not a threshold like warn=10 or crit=50"),
            StatError::WarnAboveCrit => write!(f, "warn is above crit"),
        }
    }
}

/// The URL prefix of a stat panel.
pub const PREFIX: &str = "stat:";

impl StatSpec {
    /// A tile without thresholds.
    pub fn new(what: StatQuery) -> Self {
        StatSpec { what, warn: None, crit: None }
    }

    /// Reads the text after `stat:`.
    pub fn parse(text: &str) -> Result<Self, StatError> {
        let mut rest = text.trim();
        let (mut warn, mut crit) = (None, None);
        // Thresholds come last; a query before them may hold colons of its own.
        while let Some((head, tail)) = rest.rsplit_once(':') {
            let slot = match tail.split_once('=') {
                Some(("warn", _)) => &mut warn,
                Some(("crit", _)) => &mut crit,
                _ => break,
            };
            let number = tail.split_once('=').map_or("", |(_, n)| n);
            *slot = Some(number.parse::<u64>().map_err(|_| StatError::BadThreshold(tail.to_owned()))?);
            rest = head;
        }
        let what = match rest.trim() {
            "sessions" => StatQuery::Sessions,
            "active" => StatQuery::Active,
            "denied" => StatQuery::Denied,
            other => match other.strip_prefix("q=") {
                Some(q) if !q.trim().is_empty() => {
                    if let Some(e) = query_error(q, Schema::sessions()) {
                        return Err(StatError::BadQuery(e));
                    }
                    StatQuery::Query(q.trim().to_owned())
                }
                _ => return Err(StatError::UnknownStat(rest.trim().to_owned())),
            },
        };
        if let (Some(w), Some(c)) = (warn, crit) {
            if w > c {
                return Err(StatError::WarnAboveCrit);
            }
        }
        Ok(StatSpec { what, warn, crit })
    }

    /// The URL form, `stat:` included.
    pub fn print(&self) -> String {
        let mut s = PREFIX.to_owned();
        match &self.what {
            StatQuery::Sessions => s.push_str("sessions"),
            StatQuery::Active => s.push_str("active"),
            StatQuery::Denied => s.push_str("denied"),
            StatQuery::Query(q) => {
                s.push_str("q=");
                s.push_str(q);
            }
        }
        if let Some(w) = self.warn {
            s.push_str(&format!(":warn={w}"));
        }
        if let Some(c) = self.crit {
            s.push_str(&format!(":crit={c}"));
        }
        s
    }

    /// The query sent: the tile's, narrowed by the page's `q`.
    pub fn query_within(&self, page_q: &str) -> String {
        match (page_q.trim(), self.what.query()) {
            ("", own) => own.to_owned(),
            (page, "") => page.to_owned(),
            (page, own) => format!("({page}) AND ({own})"),
        }
    }

    /// How alarming `count` is, when the tile has thresholds.
    pub fn level(&self, count: u64) -> Option<Level> {
        if self.warn.is_none() && self.crit.is_none() {
            return None;
        }
        Some(match (self.warn, self.crit) {
            (_, Some(c)) if count >= c => Level::Crit,
            (Some(w), _) if count >= w => Level::Warn,
            _ => Level::Ok,
        })
    }
}

/// A tile's state against its thresholds: a word as well as a colour, so it reads
/// without telling colours apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Below every threshold.
    Ok,
    /// At or above `warn`.
    Warn,
    /// At or above `crit`.
    Crit,
}

impl Level {
    /// The word shown on the tile.
    pub fn word(self) -> &'static str {
        match self {
            Level::Ok => "OK",
            Level::Warn => "WARN",
            Level::Crit => "CRIT",
        }
    }

    /// The tile's CSS class (colours in style/main.css).
    pub fn class(self) -> &'static str {
        match self {
            Level::Ok => "stat-ok",
            Level::Warn => "stat-warn",
            Level::Crit => "stat-crit",
        }
    }
}

/// The change against the previous period, as shown under the number:
/// `▲ 12 (+8%)`, `▼ 3 (−50%)`, `= 0`, or `▲ 5 (new)` after a period of none.
pub fn trend(now: u64, before: u64) -> String {
    let delta = i128::from(now) - i128::from(before);
    let arrow = match delta.signum() {
        1 => "▲",
        -1 => "▼",
        _ => return "= no change".to_owned(),
    };
    let size = crate::format::count(delta.unsigned_abs() as u64);
    if before == 0 {
        return format!("{arrow} {size} (new)");
    }
    let percent = (delta as f64 * 100.0 / before as f64).round();
    let sign = if percent < 0.0 { "−" } else { "+" };
    format!("{arrow} {size} ({sign}{}%)", percent.abs())
}

/// The length of a period, for "vs the previous 24 h": whole days, hours or
/// minutes when it is some, else the rounded hours or minutes.
pub fn period_label(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        s if s >= 86_400 && s % 86_400 == 0 => format!("{} d", s / 86_400),
        s if s >= 3600 && s % 3600 == 0 => format!("{} h", s / 3600),
        s if s >= 3600 => format!("{:.1} h", s as f64 / 3600.0),
        s => format!("{} min", (s + 30) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_ins_and_queries_round_trip() {
        for text in [
            "sessions",
            "active",
            "denied",
            "q=verdict:DENY",
            "q=verdict:DENY:warn=10:crit=50",
            "active:crit=3",
            "q=protocol:ssh AND user.gateway_username:root:warn=1",
        ] {
            let spec = StatSpec::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(spec.print(), format!("stat:{text}"));
            assert_eq!(StatSpec::parse(spec.print().strip_prefix(PREFIX).unwrap()), Ok(spec));
        }
        let spec = StatSpec::parse("q=verdict:DENY:crit=50:warn=10").unwrap();
        assert_eq!(spec, StatSpec { what: StatQuery::Query("verdict:DENY".into()), warn: Some(10), crit: Some(50) });
        assert_eq!(spec.print(), "stat:q=verdict:DENY:warn=10:crit=50", "thresholds print in one order");
    }

    #[test]
    fn bad_stats_say_why() {
        assert_eq!(StatSpec::parse("everything"), Err(StatError::UnknownStat("everything".into())));
        assert_eq!(StatSpec::parse("q="), Err(StatError::UnknownStat("q=".into())));
        assert_eq!(StatSpec::parse("active:warn=lots"), Err(StatError::BadThreshold("warn=lots".into())));
        assert_eq!(StatSpec::parse("active:warn=9:crit=3"), Err(StatError::WarnAboveCrit));
        assert!(matches!(StatSpec::parse("q=nosuchfield:1"), Err(StatError::BadQuery(_))));
        assert!(matches!(StatSpec::parse("q=verdict:(DENY"), Err(StatError::BadQuery(_))));
    }

    #[test]
    fn the_page_query_narrows_the_tile() {
        let denied = StatSpec::new(StatQuery::Denied);
        assert_eq!(denied.query_within(""), "verdict:(DENY OR REJECT OR FAIL OR AUTH_FAIL)");
        assert_eq!(
            denied.query_within("protocol:ssh"),
            "(protocol:ssh) AND (verdict:(DENY OR REJECT OR FAIL OR AUTH_FAIL))"
        );
        assert_eq!(StatSpec::new(StatQuery::Sessions).query_within(" protocol:ssh "), "protocol:ssh");
        assert_eq!(StatSpec::new(StatQuery::Sessions).query_within(""), "");
    }

    #[test]
    fn thresholds_give_levels_and_words() {
        let spec = StatSpec::parse("denied:warn=10:crit=50").unwrap();
        assert_eq!(spec.level(9), Some(Level::Ok));
        assert_eq!(spec.level(10), Some(Level::Warn));
        assert_eq!(spec.level(50), Some(Level::Crit));
        assert_eq!(StatSpec::parse("denied:crit=5").unwrap().level(4), Some(Level::Ok));
        assert_eq!(StatSpec::parse("denied:warn=5").unwrap().level(500), Some(Level::Warn));
        assert_eq!(StatSpec::new(StatQuery::Denied).level(1_000_000), None, "no thresholds, no judgement");
        assert_eq!([Level::Ok, Level::Warn, Level::Crit].map(Level::word), ["OK", "WARN", "CRIT"]);
    }

    #[test]
    fn periods_in_words() {
        assert_eq!(period_label(86_400), "1 d");
        assert_eq!(period_label(7 * 86_400), "7 d");
        assert_eq!(period_label(24 * 3600 + 3600), "25 h");
        assert_eq!(period_label(5400), "1.5 h");
        assert_eq!(period_label(900), "15 min");
        assert_eq!(period_label(-5), "0 min");
    }

    #[test]
    fn trends_against_the_previous_period() {
        assert_eq!(trend(108, 100), "▲ 8 (+8%)");
        assert_eq!(trend(3, 6), "▼ 3 (−50%)");
        assert_eq!(trend(7, 7), "= no change");
        assert_eq!(trend(5, 0), "▲ 5 (new)");
        assert_eq!(trend(0, 4), "▼ 4 (−100%)");
        assert_eq!(trend(2_500, 1_000), "▲ 1,500 (+150%)");
    }
}
