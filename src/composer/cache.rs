//! Top values per field for value completion, fetched once per field and time range.
//!
//! The scope is whatever the values depend on besides the field (the view's time
//! range); a new scope starts the cache afresh, so it never holds values of a range
//! the user has left and never grows past one entry per field.

use std::collections::HashMap;

/// Values already fetched, by field, for one scope.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ValueCache {
    scope: String,
    values: HashMap<String, Vec<String>>,
}

impl ValueCache {
    /// The values of `field` fetched in `scope`, if any.
    pub fn get(&self, scope: &str, field: &str) -> Option<&[String]> {
        (self.scope == scope).then(|| self.values.get(field)).flatten().map(Vec::as_slice)
    }

    /// Keeps `values` of `field` for `scope`, dropping everything of another scope.
    pub fn put(&mut self, scope: &str, field: &str, values: Vec<String>) {
        if self.scope != scope {
            self.scope = scope.to_owned();
            self.values.clear();
        }
        self.values.insert(field.to_owned(), values);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_within_a_scope_and_forgets_other_scopes() {
        let mut cache = ValueCache::default();
        assert_eq!(cache.get("24h", "protocol"), None);
        cache.put("24h", "protocol", vec!["ssh".into()]);
        cache.put("24h", "verdict", vec!["ACCEPT".into()]);
        assert_eq!(cache.get("24h", "protocol"), Some(&["ssh".to_owned()][..]));
        assert_eq!(cache.get("7d", "protocol"), None);
        cache.put("7d", "protocol", vec!["rdp".into()]);
        assert_eq!(cache.get("7d", "verdict"), None, "the old scope's values are gone");
        assert_eq!(cache.get("24h", "protocol"), None);
    }
}
