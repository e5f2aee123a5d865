//! Previous/next session of a search result, from the session page.
//!
//! Opening a session from the search table remembers that page of the result (its
//! ids, where it lies in the result, the request that listed it and the search
//! page's link) in the tab's `sessionStorage`. The session page steps through those
//! ids and, at either end of the page, fetches the neighbouring page with the same
//! request, so an analyst walks the whole reachable result without going back.

use serde::{Deserialize, Serialize};
use sps_api::SessionsParams;

use crate::paths::{with_query, SESSIONS};
use crate::state::search::paging::{Paging, DEFAULT_PAGE_SIZE, MAX_OFFSET};

/// The `sessionStorage` key.
pub const STORAGE_KEY: &str = "sps-dashboard.result";

/// A page of a search result, remembered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultNav {
    /// The session ids of the page, in order.
    pub ids: Vec<String>,
    /// The offset of the page in the result.
    pub offset: u64,
    /// How many sessions matched.
    pub total: u64,
    /// The request that listed the page (times resolved), without offset.
    pub params: SessionsParams,
    /// The search page's link pairs (without `page`).
    pub back: Vec<(String, String)>,
}

/// Where a step leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Open this session, known from the remembered page.
    Open(String),
    /// Fetch the page at this offset, then open its first (`last: false`) or last
    /// (`last: true`) session.
    Fetch {
        /// The neighbouring page's offset.
        offset: u64,
        /// Open the last session of that page rather than the first.
        last: bool,
    },
}

impl ResultNav {
    fn size(&self) -> u64 {
        u64::from(self.params.limit.unwrap_or(DEFAULT_PAGE_SIZE).max(1))
    }

    /// The index of `id` in the page.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|x| x == id)
    }

    /// The 1-based place of `id` in the whole result.
    pub fn ordinal(&self, id: &str) -> Option<u64> {
        self.position(id).map(|i| self.offset + i as u64 + 1)
    }

    /// Rows of the result the API can list.
    pub fn reachable(&self) -> u64 {
        let size = self.size() as u32;
        Paging { total: self.total, size }.reachable_rows()
    }

    /// The session before `id`.
    pub fn previous(&self, id: &str) -> Option<Step> {
        let i = self.position(id)?;
        if i > 0 {
            return Some(Step::Open(self.ids[i - 1].clone()));
        }
        (self.offset > 0).then(|| Step::Fetch { offset: self.offset.saturating_sub(self.size()), last: true })
    }

    /// The session after `id`.
    pub fn next(&self, id: &str) -> Option<Step> {
        let i = self.position(id)?;
        if let Some(next) = self.ids.get(i + 1) {
            return Some(Step::Open(next.clone()));
        }
        let offset = self.offset + self.ids.len() as u64;
        (offset < self.reachable() && offset <= MAX_OFFSET && self.ids.len() as u64 == self.size())
            .then_some(Step::Fetch { offset, last: false })
    }

    /// This result with another page of it.
    pub fn with_page(&self, offset: u64, ids: Vec<String>) -> Self {
        ResultNav { ids, offset, ..self.clone() }
    }

    /// The search page's link at the page holding `id` (or the remembered page).
    pub fn back_href(&self, id: &str) -> String {
        let page = (self.offset + self.position(id).unwrap_or(0) as u64) / self.size() + 1;
        let mut pairs: Vec<(String, String)> = self.back.iter().filter(|(k, _)| k != "page").cloned().collect();
        if page > 1 {
            pairs.push(("page".into(), page.to_string()));
        }
        with_query(SESSIONS, &pairs)
    }

    /// The remembered form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the remembered form (anything unreadable is forgotten).
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nav(offset: u64, n: usize, total: u64) -> ResultNav {
        ResultNav {
            ids: (0..n).map(|i| format!("s{}", offset + i as u64)).collect(),
            offset,
            total,
            params: SessionsParams { limit: Some(3), sort: Some("-start_time".into()), ..Default::default() },
            back: vec![("q".into(), "protocol:ssh".into()), ("size".into(), "3".into()), ("page".into(), "9".into())],
        }
    }

    #[test]
    fn steps_within_a_page() {
        let n = nav(3, 3, 10);
        assert_eq!(n.previous("s4"), Some(Step::Open("s3".into())));
        assert_eq!(n.next("s4"), Some(Step::Open("s5".into())));
        assert_eq!(n.ordinal("s5"), Some(6));
        assert_eq!(n.next("nope"), None);
    }

    #[test]
    fn steps_across_pages_and_ends() {
        let n = nav(3, 3, 10);
        assert_eq!(n.previous("s3"), Some(Step::Fetch { offset: 0, last: true }));
        assert_eq!(n.next("s5"), Some(Step::Fetch { offset: 6, last: false }));
        let first = nav(0, 3, 10);
        assert_eq!(first.previous("s0"), None);
        let last = nav(9, 1, 10);
        assert_eq!(last.next("s9"), None);
        let full_last = nav(6, 3, 9);
        assert_eq!(full_last.next("s8"), None);
        // The API's window ends the walk even when more sessions match.
        let mut window = nav(10_000, 500, 50_000);
        window.params.limit = Some(500);
        assert_eq!(window.next("s10499"), None);
        let mut before = nav(9_500, 500, 50_000);
        before.params.limit = Some(500);
        assert_eq!(before.next("s9999"), Some(Step::Fetch { offset: 10_000, last: false }));
    }

    #[test]
    fn back_links_point_at_the_page_of_the_session() {
        let n = nav(3, 3, 10);
        assert_eq!(n.back_href("s4"), "/sessions?q=protocol%3Assh&size=3&page=2");
        assert_eq!(nav(0, 3, 10).back_href("s0"), "/sessions?q=protocol%3Assh&size=3");
        assert_eq!(ResultNav { back: vec![], ..nav(0, 3, 10) }.back_href("s1"), "/sessions");
    }

    #[test]
    fn remembered_form_round_trips_and_tolerates_junk() {
        let n = nav(3, 3, 10);
        assert_eq!(ResultNav::from_json(&n.to_json()), Some(n.clone()));
        assert_eq!(ResultNav::from_json("{"), None);
        assert_eq!(ResultNav::from_json("null"), None);
        assert_eq!(n.with_page(6, vec!["x".into()]).ids, vec!["x".to_owned()]);
    }
}
