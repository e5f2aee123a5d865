//! Reading typed values out of query text and records: numbers, booleans, instants.
//! Shared by validation (is this well-formed?) and evaluation (what does it compare as?),
//! and public so that an engine translating queries (the stand-in server's search
//! index) reads values exactly as [`crate::Query::matches`] does.

/// A decimal number: optional sign, digits, optional fraction. No exponents, `inf` or
/// `NaN`, which `f64::from_str` would accept but a person would not mean.
pub fn parse_number(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || (unsigned.contains('.') && fraction.is_empty())
    {
        return None;
    }
    text.parse().ok()
}

/// `true` or `false`, in any letter case.
pub fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// The stretch of time a date as written covers, in epoch milliseconds `[start, end)`:
/// `2017-01-02` is that whole day, `2017-01-02T10:00` that minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// The first millisecond covered.
    pub start: i64,
    /// The first millisecond after the period.
    pub end: i64,
}

/// Parses ISO 8601 (`2017`, `2017-04`, `2017-04-11`, `2017-04-11T09:21`,
/// `2017-04-11T09:21:10.832`, `…Z`, `…+05:00`, `T` or a space between date and time;
/// no zone means UTC) or epoch milliseconds (any run of digits except four, which is a
/// year, optionally negative).
pub fn parse_period(text: &str) -> Option<Period> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    if !unsigned.is_empty() && unsigned.len() != 4 && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        let start: i64 = text.parse().ok()?;
        return Some(Period { start, end: start.checked_add(1)? });
    }
    DateReader { bytes: text.as_bytes(), pos: 0 }.read()
}

/// A record's instant: epoch milliseconds as a JSON number, or any text `parse_period` reads.
pub fn instant_of(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => {
            n.as_i64().or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f.floor() as i64))
        }
        serde_json::Value::String(s) => parse_period(s).map(|p| p.start),
        _ => None,
    }
}

/// A record's number: a JSON number or a numeric string (SPS sends `"channels_id": "0"`).
pub fn number_of(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => parse_number(s),
        _ => None,
    }
}

/// A record's boolean: a JSON boolean or the strings `true`/`false`.
pub fn bool_of(value: &serde_json::Value) -> Option<bool> {
    match value {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::String(s) => parse_bool(s),
        _ => None,
    }
}

const SECOND: i64 = 1000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

struct DateReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl DateReader<'_> {
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.bytes.get(self.pos) == Some(&byte);
        self.pos += usize::from(found);
        found
    }

    fn digits(&mut self, count: usize) -> Option<i64> {
        let slice = self.bytes.get(self.pos..self.pos + count)?;
        if !slice.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.pos += count;
        Some(slice.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    }

    fn read(mut self) -> Option<Period> {
        let year = self.digits(4)?;
        let (mut month, mut day) = (1, 1);
        let mut unit = Unit::Year;
        let mut time_of_day = 0;
        if self.eat(b'-') {
            month = self.digits(2).filter(|m| (1..=12).contains(m))?;
            unit = Unit::Month;
            if self.eat(b'-') {
                day = self.digits(2).filter(|d| (1..=days_in_month(year, month)).contains(d))?;
                unit = Unit::Fixed(DAY);
                if self.eat(b'T') || self.eat(b' ') {
                    let (time, length) = self.time()?;
                    time_of_day = time;
                    unit = Unit::Fixed(length);
                    time_of_day -= self.zone_offset()?;
                }
            }
        }
        if self.pos != self.bytes.len() {
            return None;
        }
        let midnight = days_from_civil(year, month, day) * DAY;
        let start = midnight + time_of_day;
        let end = match unit {
            Unit::Year => days_from_civil(year + 1, 1, 1) * DAY,
            Unit::Month if month == 12 => days_from_civil(year + 1, 1, 1) * DAY,
            Unit::Month => days_from_civil(year, month + 1, 1) * DAY,
            Unit::Fixed(length) => start + length,
        };
        Some(Period { start, end })
    }

    /// `HH[:MM[:SS[.fff…]]]`: milliseconds into the day and the length of the precision.
    fn time(&mut self) -> Option<(i64, i64)> {
        let mut ms = self.digits(2).filter(|h| *h < 24)? * HOUR;
        let mut length = HOUR;
        if self.eat(b':') {
            ms += self.digits(2).filter(|m| *m < 60)? * MINUTE;
            length = MINUTE;
            if self.eat(b':') {
                ms += self.digits(2).filter(|s| *s < 60)? * SECOND;
                length = SECOND;
                if self.eat(b'.') || self.eat(b',') {
                    let start = self.pos;
                    while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                        self.pos += 1;
                    }
                    let fraction = &self.bytes[start..self.pos];
                    if fraction.is_empty() {
                        return None;
                    }
                    let millis = fraction.iter().chain(b"00").take(3).fold(0, |n, d| n * 10 + i64::from(d - b'0'));
                    ms += millis;
                    length = [100, 10, 1].get(fraction.len() - 1).copied().unwrap_or(1);
                }
            }
        }
        Some((ms, length))
    }

    /// `Z`, `±HH`, `±HHMM`, `±HH:MM` or nothing (UTC); the offset in milliseconds.
    fn zone_offset(&mut self) -> Option<i64> {
        if self.eat(b'Z') {
            return Some(0);
        }
        let sign = if self.eat(b'+') {
            1
        } else if self.eat(b'-') {
            -1
        } else {
            return Some(0);
        };
        let hours = self.digits(2).filter(|h| *h < 24)?;
        let colon = self.eat(b':');
        let minutes = match self.digits(2) {
            Some(m) if m < 60 => m,
            Some(_) => return None,
            None if colon => return None,
            None => 0,
        };
        Some(sign * (hours * HOUR + minutes * MINUTE))
    }
}

enum Unit {
    Year,
    Month,
    Fixed(i64),
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_timestamps_sps_sends() {
        let ms = |s: &str| parse_period(s).map(|p| p.start);
        assert_eq!(ms("1970-01-01"), Some(0));
        assert_eq!(ms("2017-04-11T09:21:10.832"), Some(1_491_902_470_832));
        assert_eq!(ms("2017-04-25T13:26:39.144356"), Some(1_493_126_799_144));
        assert_eq!(ms("2018-11-14T12:26:59.244Z"), Some(1_542_198_419_244));
        assert_eq!(ms("2018-09-15T14:22:00+05:00"), Some(1_537_003_320_000));
        assert_eq!(ms("2018-09-15T14:22:00+0500"), ms("2018-09-15T14:22:00+05:00"));
        assert_eq!(ms("1542198419244"), Some(1_542_198_419_244));
        assert_eq!(ms("2017-01-25T10:00"), ms("2017-01-25 10:00:00"));
    }

    #[test]
    fn a_date_covers_its_precision() {
        let p = |s: &str| parse_period(s).unwrap_or(Period { start: 0, end: 0 });
        assert_eq!(p("2017-01-02").end - p("2017-01-02").start, DAY);
        assert_eq!(p("2016-02").end, p("2016-03").start);
        assert_eq!(p("2016-12").end, p("2017").start);
        assert_eq!(p("2016").end, p("2017").start);
        assert_eq!(p("2017-01-02T10:00:00.5").end - p("2017-01-02T10:00:00.5").start, 100);
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "abc",
            "2017-13-01",
            "2017-02-29",
            "2017-01-01T24:00",
            "2017-01-01T10:00+5",
            "2017-01-01T10:00:00.",
            "12:00",
            "2017-1-1",
        ] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
        assert!(parse_period("2016-02-29").is_some());
    }

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(parse_number("5"), Some(5.0));
        assert_eq!(parse_number("-2.5"), Some(-2.5));
        for bad in ["", "abc", "1e3", "inf", "NaN", ".5", "5.", "1.2.3", "-"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
