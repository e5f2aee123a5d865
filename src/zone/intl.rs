//! The browser backend: offsets from `Intl.DateTimeFormat`, cached.
//!
//! Zones are interned in a per-thread table (an id is its index, so `Zone` stays
//! `Copy + Send`); each keeps one formatter, and offsets are cached per UTC day: a day
//! is either one offset or one change (found by bisection), so drawing a thousand
//! bins asks `Intl` about once per day shown, not once per bin.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

pub type Id = u16;

/// Id 0, answered without `Intl`.
pub const UTC: Id = 0;

const DAY: i64 = 86_400;
/// Cached days per zone before the cache starts again (a wall screen runs for weeks).
const MAX_DAYS: usize = 4096;

#[wasm_bindgen]
extern "C" {
    /// `new Intl.DateTimeFormat(locale, options)`: throws a RangeError for an unknown
    /// `timeZone` (js-sys's binding does not catch it).
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = DateTimeFormat)]
    fn new_format(locale: &str, options: &Object) -> Result<Object, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Intl, js_name = supportedValuesOf)]
    fn supported_values_of(key: &str) -> Result<Array, JsValue>;
}

/// One UTC day of a zone.
#[derive(Clone, Copy)]
enum Day {
    Fixed(i32),
    /// The offset is `before` until `at` (Unix time), `after` from then on.
    Change {
        at: i64,
        before: i32,
        after: i32,
    },
}

struct Entry {
    name: &'static str,
    /// Bound `format` of the zone's formatter: "M/D/YYYY, HH:MM:SS" (en-US, h23).
    format: Option<Function>,
    days: HashMap<i64, Day>,
}

thread_local! {
    static ZONES: RefCell<Vec<Entry>> =
        RefCell::new(vec![Entry { name: "UTC", format: None, days: HashMap::new() }]);
}

fn options(zone: Option<&str>) -> Object {
    let o = Object::new();
    let set = |k: &str, v: &str| {
        let _ = Reflect::set(&o, &k.into(), &v.into());
    };
    if let Some(zone) = zone {
        set("timeZone", zone);
    }
    set("hourCycle", "h23");
    for field in ["year", "month", "day", "hour", "minute", "second"] {
        set(field, "numeric");
    }
    o
}

/// The zone name a formatter resolved to.
fn resolved_zone(format: &Object) -> Option<String> {
    let resolved =
        Reflect::get(format, &"resolvedOptions".into()).ok()?.dyn_into::<Function>().ok()?.call0(format).ok()?;
    Reflect::get(&resolved, &"timeZone".into()).ok()?.as_string()
}

pub fn lookup(name: &str) -> Option<Id> {
    let found = |name: &str| ZONES.with_borrow(|z| z.iter().position(|e| e.name.eq_ignore_ascii_case(name)));
    if let Some(i) = found(name) {
        return Id::try_from(i).ok();
    }
    let format = new_format("en-US", &options(Some(name))).ok()?;
    // Intl ignores case: keep its spelling when it is the same name, the caller's
    // when it resolved an alias (Asia/Kolkata → Asia/Calcutta), so URLs keep theirs.
    let name = match resolved_zone(&format) {
        Some(r) if r.eq_ignore_ascii_case(name) => r,
        _ => name.to_owned(),
    };
    if let Some(i) = found(&name) {
        return Id::try_from(i).ok();
    }
    let bound = Reflect::get(&format, &"format".into()).ok()?.dyn_into::<Function>().ok()?;
    ZONES.with_borrow_mut(|zones| {
        let id = Id::try_from(zones.len()).ok()?;
        // Leaked once per distinct valid zone name: a few hundred at most.
        zones.push(Entry { name: Box::leak(name.into_boxed_str()), format: Some(bound), days: HashMap::new() });
        Some(id)
    })
}

pub fn name(id: Id) -> &'static str {
    ZONES.with_borrow(|z| z.get(usize::from(id)).map_or("UTC", |e| e.name))
}

pub fn names() -> Vec<String> {
    let mut names: Vec<String> =
        supported_values_of("timeZone").map(|a| a.iter().filter_map(|v| v.as_string()).collect()).unwrap_or_default();
    if !names.iter().any(|n| n == "UTC") {
        names.insert(0, "UTC".to_owned());
    }
    names
}

pub fn browser() -> Option<Id> {
    let format = new_format("en-US", &Object::new()).ok()?;
    lookup(&resolved_zone(&format)?)
}

pub fn offset_at(id: Id, utc: i64) -> i32 {
    let day = utc.div_euclid(DAY);
    // One borrow on the hot path (a cached day); the formatter is only cloned out of
    // the table on a miss, to ask `Intl` without holding the borrow.
    let known = ZONES.with_borrow(|z| {
        let entry = z.get(usize::from(id))?;
        let Some(format) = &entry.format else { return Some(Ok(Day::Fixed(0))) }; // UTC
        Some(entry.days.get(&day).copied().ok_or_else(|| format.clone()))
    });
    let day_info = match known {
        None => return 0,
        Some(Ok(info)) => info,
        Some(Err(format)) => {
            let info = measure_day(&format, day);
            ZONES.with_borrow_mut(|z| {
                if let Some(e) = z.get_mut(usize::from(id)) {
                    if e.days.len() >= MAX_DAYS {
                        e.days.clear();
                    }
                    e.days.insert(day, info);
                }
            });
            info
        }
    };
    match day_info {
        Day::Fixed(secs) => secs,
        Day::Change { at, before, after } => {
            if utc < at {
                before
            } else {
                after
            }
        }
    }
}

/// A day's offsets: the same at both ends is one offset (no zone changes twice in a
/// day); otherwise bisect to the second of the change.
fn measure_day(format: &Function, day: i64) -> Day {
    let (mut lo, mut hi) = (day * DAY, (day + 1) * DAY);
    let (before, after) = (intl_offset(format, lo), intl_offset(format, hi));
    if before == after {
        return Day::Fixed(before);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if intl_offset(format, mid) == before {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Day::Change { at: hi, before, after }
}

/// The offset at `utc`: the zone's wall time, read back as if it were UTC, minus `utc`.
fn intl_offset(format: &Function, utc: i64) -> i32 {
    let date = js_sys::Date::new(&JsValue::from_f64(utc as f64 * 1000.0));
    let Some(text) = format.call1(&JsValue::UNDEFINED, &date).ok().and_then(|s| s.as_string()) else {
        return 0;
    };
    let mut n = text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(|s| s.parse::<u32>().ok());
    let mut next = || n.next().flatten();
    let (Some(month), Some(day), Some(year), Some(hour), Some(minute), Some(second)) =
        (next(), next(), next(), next(), next(), next())
    else {
        return 0;
    };
    let wall = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .and_then(|d| d.and_hms_opt(hour % 24, minute, second));
    wall.and_then(|w| i32::try_from(w.and_utc().timestamp() - utc).ok()).unwrap_or(0)
}
