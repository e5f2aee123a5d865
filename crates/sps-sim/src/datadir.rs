//! The data directory: one index per set of generation parameters, built once and
//! reused on later starts.
//!
//! `<data-dir>/<sessions>-sessions_seed-<seed>_<days>-days_<now>_v<generator>/` holds
//! the index and `sim-data.json`, which is written last: a directory without it is an
//! unfinished build. A build goes to a temporary directory renamed into place when
//! complete, so two sims starting at once never see half an index. Without `--now`
//! every start has a new "now" and builds anew; the [`KEEP_INDEXES`] most recently
//! used indexes are kept, older ones removed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::demo::{self, DemoSpec, GENERATOR_VERSION};
use crate::error::{SimError, SimResult};
use crate::index::SessionIndex;
use crate::store::SessionStore;

/// How many built indexes a data directory keeps.
pub const KEEP_INDEXES: usize = 4;

const MANIFEST: &str = "sim-data.json";

/// What `sim-data.json` records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Manifest {
    generator_version: u32,
    sessions: usize,
    seed: u64,
    days: u32,
    now: DateTime<Utc>,
    #[serde(default)]
    hostile: bool,
    build_seconds: f64,
}

/// How the store was obtained, for the start-up message.
#[derive(Debug, Clone, PartialEq)]
pub enum Provenance {
    /// Generated and indexed now, taking this long.
    Built { seconds: f64 },
    /// An index built earlier (taking `build_seconds`) was opened.
    Reused { build_seconds: f64, open_seconds: f64 },
}

/// Opens the index of `spec` under `data_dir`, building it when it is missing, from
/// another generator version, or `regenerate` is set.
pub fn open_or_build(
    data_dir: &Path,
    spec: &DemoSpec,
    regenerate: bool,
) -> SimResult<(SessionStore, Provenance, PathBuf)> {
    fs::create_dir_all(data_dir).map_err(|e| io_error(data_dir, e))?;
    let dir = data_dir.join(dir_name(spec));
    let wanted = |m: &Manifest| {
        (m.generator_version, m.sessions, m.seed, m.days, m.now, m.hostile)
            == (GENERATOR_VERSION, spec.sessions, spec.seed, spec.days, spec.now, spec.hostile)
    };
    if !regenerate {
        if let Some(manifest) = read_manifest(&dir).filter(wanted) {
            let began = Instant::now();
            if let Ok(index) = SessionIndex::open_dir(&dir, spec.now) {
                touch(&dir);
                let provenance = Provenance::Reused {
                    build_seconds: manifest.build_seconds,
                    open_seconds: began.elapsed().as_secs_f64(),
                };
                return Ok((SessionStore::new(index), provenance, dir));
            }
        }
    }
    let began = Instant::now();
    let building = data_dir.join(format!(".building-{}-{}", std::process::id(), dir_name(spec)));
    remove(&building);
    fs::create_dir_all(&building).map_err(|e| io_error(&building, e))?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(2);
    drop(SessionIndex::create_in_dir(&building, demo::documents(spec), spec.now, threads)?);
    let seconds = began.elapsed().as_secs_f64();
    let manifest = Manifest {
        generator_version: GENERATOR_VERSION,
        sessions: spec.sessions,
        seed: spec.seed,
        days: spec.days,
        now: spec.now,
        hostile: spec.hostile,
        build_seconds: seconds,
    };
    let text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    fs::write(building.join(MANIFEST), text).map_err(|e| io_error(&building, e))?;
    remove(&dir);
    fs::rename(&building, &dir).map_err(|e| io_error(&dir, e))?;
    prune(data_dir, &dir);
    let index = SessionIndex::open_dir(&dir, spec.now)?;
    Ok((SessionStore::new(index), Provenance::Built { seconds }, dir))
}

/// A readable directory name for the parameters.
fn dir_name(spec: &DemoSpec) -> String {
    format!(
        "{}-sessions_seed-{}_{}-days_{}{}_v{GENERATOR_VERSION}",
        spec.sessions,
        spec.seed,
        spec.days,
        spec.now.format("%Y%m%dT%H%M%S%.3fZ"),
        if spec.hostile { "_hostile" } else { "" }
    )
}

fn read_manifest(dir: &Path) -> Option<Manifest> {
    serde_json::from_str(&fs::read_to_string(dir.join(MANIFEST)).ok()?).ok()
}

/// Marks an index as used now (pruning keeps the most recently used).
fn touch(dir: &Path) {
    if let Ok(file) = fs::File::options().append(true).open(dir.join(MANIFEST)) {
        // Best effort: a failed touch only makes the index a pruning candidate sooner.
        let _ = file.set_modified(SystemTime::now());
    }
}

/// Removes all but the [`KEEP_INDEXES`] most recently used indexes besides `keep`,
/// and builds abandoned more than a day ago. Open indexes of running sims stay
/// readable: their files are mapped already.
fn prune(data_dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(data_dir) else { return };
    let paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p != keep).collect();
    let abandoned = |p: &Path| {
        p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".building-"))
            && fs::metadata(p)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 86_400)
    };
    paths.iter().filter(|p| abandoned(p)).for_each(|p| remove(p));
    let mut built: Vec<(SystemTime, PathBuf)> =
        paths.into_iter().filter_map(|p| Some((fs::metadata(p.join(MANIFEST)).ok()?.modified().ok()?, p))).collect();
    built.sort_by_key(|(used, _)| std::cmp::Reverse(*used));
    for (_, old) in built.into_iter().skip(KEEP_INDEXES - 1) {
        remove(&old);
    }
}

fn remove(dir: &Path) {
    if dir.exists() {
        // Best effort: what cannot be removed now is tried again on a later prune.
        let _ = fs::remove_dir_all(dir);
    }
}

fn io_error(path: &Path, source: std::io::Error) -> SimError {
    SimError::DataDir { path: path.to_owned(), source }
}
