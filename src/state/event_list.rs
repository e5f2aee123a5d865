//! A session's events list as plain logic: when an event happened, whether the
//! list spans days (rows then show the date), and the steps of finding an event
//! by record id (an alert's link) in a list that is loaded block by block.

use std::ops::Bound;

use chrono::{DateTime, Utc};
use sps_api::SessionEvent;
use sps_query::builder::{add_clause, range};

/// When `e` happened, if SPS said.
pub fn event_time(e: &SessionEvent) -> Option<DateTime<Utc>> {
    e.time.map(|t| t.as_datetime())
}

/// Whether a session from `start` to `end` is long enough that its rows show the
/// date as well as the time of day.
pub fn spans_days(start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    (end - start).num_hours() >= 20
}

/// Where finding an event by record id stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locate {
    /// Asking how many events come before it.
    Searching,
    /// Its row is known; waiting for the row's block.
    Waiting(u64),
    /// Shown, or found not to be in the list.
    Done,
}

/// What to do next about the event asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Nothing yet (or nothing more).
    Wait,
    /// Its row is loaded: select it and scroll to it.
    Show(u64),
    /// Its row's block came without it: the filter leaves it out.
    NotInList,
    /// Ask the server for its position ([`before_query`]).
    Search,
}

/// The next step, from the loaded row holding the event (`found`), where the
/// search stands for this event and list (`phase`, `None` before it starts), and
/// whether the block of a row is loaded.
pub fn step(found: Option<u64>, phase: Option<Locate>, loaded: impl Fn(u64) -> bool) -> Step {
    match (found, phase) {
        (Some(_), Some(Locate::Done)) | (None, Some(Locate::Searching | Locate::Done)) => Step::Wait,
        (Some(row), _) => Step::Show(row),
        (None, Some(Locate::Waiting(row))) if loaded(row) => Step::NotInList,
        (None, Some(Locate::Waiting(_))) => Step::Wait,
        (None, None) => Step::Search,
    }
}

/// The events of `q` listed before event `rid` (their count is its row); `None`
/// when `q` does not parse.
pub fn before_query(q: &str, rid: u64) -> Option<String> {
    let rid = rid.to_string();
    add_clause(q, &range("record_id", Bound::Unbounded, Bound::Excluded(rid.as_str()))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_loaded_event_is_shown_once() {
        let none = |_: u64| false;
        assert_eq!(step(Some(7), None, none), Step::Show(7));
        assert_eq!(step(Some(7), Some(Locate::Searching), none), Step::Show(7));
        assert_eq!(step(Some(7), Some(Locate::Waiting(7)), none), Step::Show(7));
        assert_eq!(step(Some(7), Some(Locate::Done), none), Step::Wait, "shown already: the analyst may scroll away");
    }

    #[test]
    fn an_event_not_loaded_is_searched_for_once_then_waited_for() {
        assert_eq!(step(None, None, |_| false), Step::Search);
        assert_eq!(step(None, Some(Locate::Searching), |_| true), Step::Wait);
        assert_eq!(step(None, Some(Locate::Waiting(1200)), |_| false), Step::Wait);
        // Its row's block came, and it is not in it.
        assert_eq!(step(None, Some(Locate::Waiting(1200)), |row| row == 1200), Step::NotInList);
        assert_eq!(step(None, Some(Locate::Done), |_| true), Step::Wait);
    }

    #[test]
    fn the_events_before_one_are_the_list_below_its_record_id() {
        assert_eq!(before_query("", 42).as_deref(), Some("record_id:[* TO 42}"));
        assert_eq!(before_query("type:command", 42).as_deref(), Some("type:command AND record_id:[* TO 42}"));
        assert_eq!(before_query("content:(sudo", 42), None);
    }

    #[test]
    fn lists_of_twenty_hours_or_more_show_dates() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
        assert!(!spans_days(start, start + chrono::Duration::minutes(19 * 60 + 59)));
        assert!(spans_days(start, start + chrono::Duration::hours(20)));
    }
}
