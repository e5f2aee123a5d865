//! The data directory: an index is built once per set of parameters and reused.

use std::path::PathBuf;

use chrono::{Duration, TimeZone, Utc};
use sps_sim::datadir::{open_or_build, Provenance, KEEP_INDEXES};
use sps_sim::demo::DemoSpec;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sps-sim-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn builds_once_then_reuses_until_told_otherwise() {
    let dir = temp_dir("reuse");
    let spec = DemoSpec {
        sessions: 300,
        seed: 5,
        days: 3,
        now: Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap(),
        hostile: false,
    };
    let (first, how, path) = open_or_build(&dir, &spec, false).unwrap();
    assert!(matches!(how, Provenance::Built { .. }), "{how:?}");
    assert_eq!(first.len(), 300);
    let (again, how, same) = open_or_build(&dir, &spec, false).unwrap();
    assert!(matches!(how, Provenance::Reused { .. }), "{how:?}");
    assert_eq!((again.len(), same), (300, path.clone()));
    assert_eq!(again.now(), spec.now);
    let (_, how, _) = open_or_build(&dir, &spec, true).unwrap();
    assert!(matches!(how, Provenance::Built { .. }), "--regenerate builds anew: {how:?}");
    drop((first, again));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn keeps_the_most_recent_indexes() {
    let dir = temp_dir("prune");
    let base = DemoSpec {
        sessions: 20,
        seed: 1,
        days: 1,
        now: Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap(),
        hostile: false,
    };
    for hour in 0..KEEP_INDEXES + 2 {
        let spec = DemoSpec { now: base.now + Duration::hours(hour as i64), ..base.clone() };
        open_or_build(&dir, &spec, false).unwrap();
    }
    let kept = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(kept, KEEP_INDEXES);
    std::fs::remove_dir_all(&dir).unwrap();
}
