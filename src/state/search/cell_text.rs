//! A cell as text: as the table shows it, and as the CSV export holds it.

use crate::format::{date_time, duration};
use crate::state::search::cells::Cell;
use crate::state::search::columns::{Column, Kind};
use crate::zone::Zone;

/// A cell as the table shows it (before safe-text rendering of text).
pub fn display(cell: &Cell, tz: Zone) -> String {
    match cell {
        Cell::Missing => String::new(),
        Cell::Text(t) | Cell::Number(t) => t.clone(),
        Cell::Time(t) => date_time(*t, tz),
        Cell::Seconds(s) => duration(*s),
        Cell::Flag(true) => "yes".to_owned(),
        Cell::Flag(false) => "no".to_owned(),
        Cell::List(items) => items.join(", "),
    }
}

/// A cell as the CSV holds it: times in RFC 3339 in `tz`, durations in seconds.
pub fn csv_value(cell: &Cell, tz: Zone) -> String {
    match cell {
        Cell::Time(t) => t.with_timezone(&tz).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        Cell::Seconds(s) => s.to_string(),
        Cell::Flag(b) => b.to_string(),
        Cell::List(items) => items.join("; "),
        other => display(other, tz),
    }
}

/// The CSV heading of a column.
pub fn csv_heading(column: &Column) -> String {
    match column.kind {
        Kind::Duration => format!("{} (s)", column.field),
        _ => column.field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::search::columns::column;
    use chrono::{TimeZone, Utc};

    #[test]
    fn cells_display_and_export() {
        let tz = "Europe/Budapest".parse::<Zone>().expect("a zone");
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
        assert_eq!(display(&Cell::Time(t), tz), "2026-11-23 09:00:00");
        assert_eq!(csv_value(&Cell::Time(t), tz), "2026-11-23T09:00:00+01:00");
        assert_eq!(csv_value(&Cell::Time(t), Zone::UTC), "2026-11-23T08:00:00Z");
        assert_eq!(display(&Cell::Seconds(3725), tz), "1h 02m");
        assert_eq!(csv_value(&Cell::Seconds(3725), tz), "3725");
        assert_eq!(csv_heading(column("duration").unwrap()), "duration (s)");
        assert_eq!(csv_value(&Cell::List(vec!["a".into(), "b".into()]), tz), "a; b");
    }
}
