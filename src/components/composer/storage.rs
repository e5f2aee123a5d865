//! The composer's recent and saved queries in localStorage, one key per endpoint.

use crate::composer::store::QueryStore;

fn key(endpoint: &str) -> String {
    format!("sps-dashboard.queries.{endpoint}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What the browser keeps for `endpoint` (nothing when storage is unavailable).
pub fn load(endpoint: &str) -> QueryStore {
    let stored = storage().and_then(|s| s.get_item(&key(endpoint)).ok().flatten());
    QueryStore::from_storage(stored.as_deref())
}

/// Keeps `store` for `endpoint`. Storage may be full or disabled (private windows);
/// the lists then live until the page closes, which is all that can be done.
pub fn save(endpoint: &str, store: &QueryStore) {
    if let Some(s) = storage() {
        // Nothing to tell the user that would help: see above.
        let _ = s.set_item(&key(endpoint), &store.to_storage());
    }
}
