//! Recent and saved queries of one endpoint, as kept in localStorage and exchanged
//! as JSON files.
//!
//! Stored data is read leniently (a broken entry must not cost the user the rest);
//! imported files strictly, with a reason when refused. Sizes are capped so a file
//! cannot fill the browser's storage.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How many recent queries are kept.
pub const MAX_RECENT: usize = 20;
/// How many saved queries are kept.
pub const MAX_SAVED: usize = 200;
/// The longest name a saved query may have, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest query kept, in bytes.
pub const MAX_QUERY_BYTES: usize = 10_000;
/// The `format` of exported files.
pub const FORMAT: &str = "sps-dashboard-queries";

/// A query kept under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuery {
    /// What the user called it.
    pub name: String,
    /// The query text.
    pub query: String,
}

/// The recent and saved queries of one endpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryStore {
    /// Applied queries, newest first, no duplicates.
    #[serde(default)]
    pub recent: Vec<String>,
    /// Named queries, in the order saved.
    #[serde(default)]
    pub saved: Vec<SavedQuery>,
}

/// Why a query could not be saved or a file imported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    /// Saving without a name.
    #[error("give the query a name")]
    EmptyName,
    /// A name over [`MAX_NAME_CHARS`].
    #[error("names are at most {MAX_NAME_CHARS} characters")]
    NameTooLong,
    /// A query over [`MAX_QUERY_BYTES`].
    #[error("queries are at most {MAX_QUERY_BYTES} bytes")]
    QueryTooLong,
    /// Saving the empty query.
    #[error("there is no query to save")]
    EmptyQuery,
    /// Already [`MAX_SAVED`] saved queries.
    #[error("at most {MAX_SAVED} queries can be saved; delete some first")]
    Full,
    /// The file is not JSON of the export format.
    #[error("not a query file: {0}")]
    NotAQueryFile(String),
    /// The file is of a newer format version.
    #[error("query file version {0} is not supported (this dashboard reads version 1)")]
    UnsupportedVersion(u32),
    /// The file holds queries of another endpoint.
    #[error("these are {found} queries, not {expected} queries")]
    WrongEndpoint {
        /// This composer's endpoint.
        expected: String,
        /// The file's.
        found: String,
    },
}

/// An exported file.
#[derive(Debug, Serialize, Deserialize)]
struct QueryFile {
    format: String,
    version: u32,
    endpoint: String,
    #[serde(default)]
    saved: Vec<SavedQuery>,
    #[serde(default)]
    recent: Vec<String>,
}

/// What an import changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    /// Saved queries added or replaced.
    pub saved: usize,
    /// Recent queries added.
    pub recent: usize,
}

impl QueryStore {
    /// Reads what localStorage held; anything unreadable counts as nothing, entries
    /// over the limits are dropped.
    pub fn from_storage(json: Option<&str>) -> Self {
        let mut store: QueryStore = json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default();
        store.recent.retain(|q| !q.trim().is_empty() && q.len() <= MAX_QUERY_BYTES);
        store.recent.truncate(MAX_RECENT);
        store.saved.retain(|s| check_entry(&s.name, &s.query).is_ok());
        store.saved.truncate(MAX_SAVED);
        store
    }

    /// What localStorage keeps.
    pub fn to_storage(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Puts an applied query first in the recent list.
    pub fn remember(&mut self, query: &str) {
        let query = query.trim();
        if query.is_empty() || query.len() > MAX_QUERY_BYTES {
            return;
        }
        self.recent.retain(|q| q != query);
        self.recent.insert(0, query.to_owned());
        self.recent.truncate(MAX_RECENT);
    }

    /// Saves `query` as `name`, replacing a query of the same name in place.
    pub fn save(&mut self, name: &str, query: &str) -> Result<(), StoreError> {
        let (name, query) = (name.trim(), query.trim());
        check_entry(name, query)?;
        if let Some(existing) = self.saved.iter_mut().find(|s| s.name == name) {
            existing.query = query.to_owned();
            return Ok(());
        }
        if self.saved.len() >= MAX_SAVED {
            return Err(StoreError::Full);
        }
        self.saved.push(SavedQuery { name: name.to_owned(), query: query.to_owned() });
        Ok(())
    }

    /// Deletes the saved query `name`.
    pub fn forget(&mut self, name: &str) {
        self.saved.retain(|s| s.name != name);
    }

    /// The file to export: saved and recent queries of `endpoint`.
    pub fn export(&self, endpoint: &str) -> String {
        let file = QueryFile {
            format: FORMAT.to_owned(),
            version: 1,
            endpoint: endpoint.to_owned(),
            saved: self.saved.clone(),
            recent: self.recent.clone(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Merges an exported file: its saved queries replace same-named ones, its recent
    /// queries go after the current ones. Nothing changes when the file is refused.
    pub fn import(&mut self, json: &str, endpoint: &str) -> Result<Imported, StoreError> {
        let file: QueryFile = serde_json::from_str(json).map_err(|e| StoreError::NotAQueryFile(e.to_string()))?;
        if file.format != FORMAT {
            return Err(StoreError::NotAQueryFile(format!("its format is `{}`", file.format)));
        }
        if file.version != 1 {
            return Err(StoreError::UnsupportedVersion(file.version));
        }
        if file.endpoint != endpoint {
            return Err(StoreError::WrongEndpoint { expected: endpoint.to_owned(), found: file.endpoint });
        }
        let mut next = self.clone();
        for entry in &file.saved {
            next.save(&entry.name, &entry.query)?;
        }
        let before = next.recent.len();
        for query in file.recent.iter().map(|q| q.trim()) {
            if next.recent.len() < MAX_RECENT
                && !query.is_empty()
                && query.len() <= MAX_QUERY_BYTES
                && !next.recent.iter().any(|q| q == query)
            {
                next.recent.push(query.to_owned());
            }
        }
        let imported = Imported { saved: file.saved.len(), recent: next.recent.len() - before };
        *self = next;
        Ok(imported)
    }
}

fn check_entry(name: &str, query: &str) -> Result<(), StoreError> {
    if name.trim().is_empty() {
        return Err(StoreError::EmptyName);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(StoreError::NameTooLong);
    }
    if query.trim().is_empty() {
        return Err(StoreError::EmptyQuery);
    }
    if query.len() > MAX_QUERY_BYTES {
        return Err(StoreError::QueryTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_is_newest_first_unique_and_capped() {
        let mut store = QueryStore::default();
        for i in 0..25 {
            store.remember(&format!("duration:{i}"));
        }
        store.remember("  duration:10 ");
        store.remember("   ");
        assert_eq!(store.recent.len(), MAX_RECENT);
        assert_eq!(store.recent[0], "duration:10");
        assert_eq!(store.recent[1], "duration:24");
        assert_eq!(store.recent.iter().filter(|q| *q == "duration:10").count(), 1);
    }

    #[test]
    fn saving_replaces_by_name_and_checks_input() {
        let mut store = QueryStore::default();
        store.save("ssh", "protocol:ssh").expect("saved");
        store.save("denied", "verdict:DENY").expect("saved");
        store.save(" ssh ", "protocol:ssh AND active:true").expect("replaced");
        assert_eq!(store.saved.len(), 2);
        assert_eq!(store.saved[0], SavedQuery { name: "ssh".into(), query: "protocol:ssh AND active:true".into() });
        assert_eq!(store.save("", "a"), Err(StoreError::EmptyName));
        assert_eq!(store.save("x", " "), Err(StoreError::EmptyQuery));
        assert_eq!(store.save(&"n".repeat(101), "a"), Err(StoreError::NameTooLong));
        assert_eq!(store.save("big", &"a".repeat(MAX_QUERY_BYTES + 1)), Err(StoreError::QueryTooLong));
        store.forget("ssh");
        assert_eq!(store.saved.len(), 1);
    }

    #[test]
    fn export_then_import_round_trips() {
        let mut store = QueryStore::default();
        store.save("ssh", "protocol:ssh").expect("saved");
        store.remember("verdict:DENY");
        let file = store.export("sessions");
        let mut other = QueryStore::default();
        other.remember("active:true");
        let imported = other.import(&file, "sessions").expect("imports");
        assert_eq!(imported, Imported { saved: 1, recent: 1 });
        assert_eq!(other.saved, store.saved);
        assert_eq!(other.recent, ["active:true", "verdict:DENY"]);
    }

    #[test]
    fn bad_files_are_refused_whole() {
        let mut store = QueryStore::default();
        store.save("keep", "a").expect("saved");
        let before = store.clone();
        assert!(matches!(store.import("{", "sessions"), Err(StoreError::NotAQueryFile(_))));
        assert!(matches!(
            store.import(r#"{"format":"x","version":1,"endpoint":"sessions"}"#, "sessions"),
            Err(StoreError::NotAQueryFile(_))
        ));
        let v2 = format!(r#"{{"format":"{FORMAT}","version":2,"endpoint":"sessions"}}"#);
        assert_eq!(store.import(&v2, "sessions"), Err(StoreError::UnsupportedVersion(2)));
        let events = QueryStore::default().export("events");
        assert_eq!(
            store.import(&events, "sessions"),
            Err(StoreError::WrongEndpoint { expected: "sessions".into(), found: "events".into() })
        );
        let bad_entry = format!(
            r#"{{"format":"{FORMAT}","version":1,"endpoint":"sessions","saved":[{{"name":"ok","query":"a"}},{{"name":"","query":"b"}}]}}"#
        );
        assert_eq!(store.import(&bad_entry, "sessions"), Err(StoreError::EmptyName));
        assert_eq!(store, before);
    }

    #[test]
    fn storage_is_read_leniently() {
        assert_eq!(QueryStore::from_storage(None), QueryStore::default());
        assert_eq!(QueryStore::from_storage(Some("not json")), QueryStore::default());
        let stored = r#"{"recent":["a","  ",""],"saved":[{"name":"","query":"x"},{"name":"ok","query":"y"}]}"#;
        let store = QueryStore::from_storage(Some(stored));
        assert_eq!(store.recent, ["a"]);
        assert_eq!(store.saved, [SavedQuery { name: "ok".into(), query: "y".into() }]);
        assert_eq!(QueryStore::from_storage(Some(&store.to_storage())), store);
    }
}
