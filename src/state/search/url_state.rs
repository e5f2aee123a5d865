//! The session search page's own URL state: sort, page, page size and columns.
//!
//! | key | example | default |
//! | --- | --- | --- |
//! | `sort` | `-start_time`, `user.gateway_username` | `-start_time` |
//! | `page` | `3` (1-based) | `1` |
//! | `size` | `25`, `50`, `100`, `250`, `500` | `50` |
//! | `cols` | `start_time,protocol,verdict` | the default columns |
//!
//! They sit beside the overview's keys (`q`, `start`, `end`, `tz`, …), which the
//! shared query bar and time picker change. Those controls rewrite the URL with their
//! own keys only, so [`resolve`] carries sort, size and columns over from the
//! previous state when the URL names none of them, and goes back to page 1 when the
//! query or the time range changed.

use crate::format;
use crate::paths::query_value;
use crate::state::search::columns::{column, default_columns, Column, Sort};
use crate::state::search::paging::{Paging, DEFAULT_PAGE_SIZE, MAX_LIMIT, MAX_OFFSET};
use crate::state::view::Problem;

/// The sort of a fresh search.
pub const DEFAULT_SORT: &str = "-start_time";
/// The URL keys this module owns.
pub const KEYS: [&str; 4] = ["sort", "page", "size", "cols"];

/// Sort, page, page size and columns of the search page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    /// The order.
    pub sort: Sort,
    /// The page, from 1.
    pub page: u32,
    /// Rows per page.
    pub size: u32,
    /// The shown columns, in order.
    pub columns: Vec<&'static Column>,
}

impl Default for SearchState {
    fn default() -> Self {
        SearchState {
            sort: Sort::parse(DEFAULT_SORT).unwrap_or(Sort { field: "start_time".into(), descending: true }),
            page: 1,
            size: DEFAULT_PAGE_SIZE,
            columns: default_columns(),
        }
    }
}

/// The query and time range a search state belongs to (the URL's `q`, `start`, `end`).
pub type Basis = (Option<String>, Option<String>, Option<String>);

/// The basis of a URL's pairs.
pub fn basis(pairs: &[(String, String)]) -> Basis {
    let own = |k: &str| query_value(pairs, k).map(str::to_owned);
    (own("q"), own("start"), own("end"))
}

impl SearchState {
    /// Reads the state from query pairs (`None` when they name none of [`KEYS`]);
    /// unusable values fall back to the defaults and are reported.
    pub fn from_query(pairs: &[(String, String)]) -> (Option<Self>, Vec<Problem>) {
        if !pairs.iter().any(|(k, _)| KEYS.contains(&k.as_str())) {
            return (None, Vec::new());
        }
        let mut state = SearchState::default();
        let mut problems = Vec::new();
        if let Some(text) = query_value(pairs, "sort") {
            match Sort::parse(text) {
                Some(sort) => state.sort = sort,
                None => problems.push(Problem {
                    key: "sort",
                    message: format!("cannot sort by `{text}`: not a session field; sorting by start time"),
                }),
            }
        }
        if let Some(text) = query_value(pairs, "size") {
            match text.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => state.size = n,
                _ => problems.push(Problem {
                    key: "size",
                    message: format!(
                        "page size `{text}` must be 1 to {MAX_LIMIT}; showing {DEFAULT_PAGE_SIZE} per page"
                    ),
                }),
            }
        }
        if let Some(text) = query_value(pairs, "page") {
            let last = Paging::last_reachable_page(state.size);
            match text.trim().parse::<u64>() {
                Ok(n) if n >= 1 && n <= u64::from(last) => state.page = n as u32,
                Ok(n) if n > u64::from(last) => {
                    state.page = last;
                    problems.push(Problem {
                        key: "page",
                        message: format!(
                            "page {n} is beyond what SPS lists (offsets up to {}); showing page {last}",
                            format::count(MAX_OFFSET)
                        ),
                    });
                }
                _ => problems.push(Problem {
                    key: "page",
                    message: format!("page `{text}` is not a page number; showing page 1"),
                }),
            }
        }
        if let Some(text) = query_value(pairs, "cols") {
            let mut columns = Vec::new();
            for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                match column(name) {
                    Some(c) if !columns.contains(&c) => columns.push(c),
                    Some(_) => {}
                    None => {
                        problems.push(Problem { key: "cols", message: format!("`{name}` is not a column; left out") })
                    }
                }
            }
            if columns.is_empty() {
                problems.push(Problem {
                    key: "cols",
                    message: "no usable column named; showing the default columns".into(),
                });
            } else {
                state.columns = columns;
            }
        }
        (Some(state), problems)
    }

    /// The query pairs of this state, leaving out what equals the defaults.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let defaults = SearchState::default();
        let mut pairs = Vec::new();
        if self.sort != defaults.sort {
            pairs.push(("sort".to_owned(), self.sort.param()));
        }
        if self.page != 1 {
            pairs.push(("page".to_owned(), self.page.to_string()));
        }
        if self.size != defaults.size {
            pairs.push(("size".to_owned(), self.size.to_string()));
        }
        if self.columns != defaults.columns {
            pairs.push(("cols".to_owned(), self.columns.iter().map(|c| c.field).collect::<Vec<_>>().join(",")));
        }
        pairs
    }

    /// The `fields=` of the list request: the shown columns, and `active` and
    /// `end_time` for the active badge.
    pub fn fields_param(&self) -> String {
        let mut fields: Vec<&str> = self.columns.iter().map(|c| c.field).collect();
        for always in ["active", "end_time"] {
            if !fields.contains(&always) {
                fields.push(always);
            }
        }
        fields.join(",")
    }

    /// The offset of the page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(self.size)
    }
}

/// The state for a URL: its own keys when it names any, else the previous
/// state's sort, size and columns (and page, when query and range are unchanged);
/// else the defaults.
pub fn resolve(pairs: &[(String, String)], previous: Option<&(SearchState, Basis)>) -> (SearchState, Vec<Problem>) {
    let (parsed, problems) = SearchState::from_query(pairs);
    if let Some(state) = parsed {
        return (state, problems);
    }
    match previous {
        Some((state, was)) => {
            let mut state = state.clone();
            if *was != basis(pairs) {
                state.page = 1;
            }
            (state, problems)
        }
        None => (SearchState::default(), problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{query_pairs as pairs, query_string};
    use proptest::prelude::*;

    #[test]
    fn a_fresh_search_prints_nothing() {
        let (state, problems) = SearchState::from_query(&pairs("q=protocol%3Assh"));
        assert_eq!((state, problems), (None, vec![]));
        assert!(SearchState::default().to_query().is_empty());
        assert_eq!(SearchState::default().columns.len(), 11);
        assert_eq!(SearchState::default().sort.param(), "-start_time");
    }

    #[test]
    fn a_full_state_reads_and_prints_back() {
        let url = "sort=user.gateway_username&page=3&size=100&cols=start_time%2Cverdict%2Canalytics.tags";
        let (state, problems) = SearchState::from_query(&pairs(url));
        let state = state.unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(state.sort, Sort { field: "user.gateway_username".into(), descending: false });
        assert_eq!((state.page, state.size, state.offset()), (3, 100, 200));
        assert_eq!(
            state.columns.iter().map(|c| c.field).collect::<Vec<_>>(),
            ["start_time", "verdict", "analytics.tags"]
        );
        let printed = query_string(state.to_query());
        assert_eq!(printed, url);
        assert_eq!(state.fields_param(), "start_time,verdict,analytics.tags,active,end_time");
    }

    #[test]
    fn absurd_values_fall_back_with_messages() {
        let (state, problems) = SearchState::from_query(&pairs("sort=-nope&size=9999&page=-1&cols=x%2C%2Cy"));
        let state = state.unwrap();
        assert_eq!(
            problems.iter().map(|p| p.key).collect::<Vec<_>>(),
            ["sort", "size", "page", "cols", "cols", "cols"]
        );
        assert_eq!(state, SearchState::default());
        // A page past the window is clamped to the last reachable one.
        let (state, problems) = SearchState::from_query(&pairs("page=99999&size=500"));
        assert_eq!(state.unwrap().page, 21);
        assert!(problems[0].message.contains("10,000"), "{}", problems[0].message);
        let (state, _) = SearchState::from_query(&pairs("cols=verdict%2Cverdict"));
        assert_eq!(state.unwrap().columns.len(), 1);
    }

    #[test]
    fn control_changes_carry_sort_size_and_columns_over() {
        let sorted = SearchState::from_query(&pairs("sort=duration&page=4&size=25")).0.unwrap();
        let before = (sorted.clone(), basis(&pairs("q=protocol%3Assh")));
        // The query bar rewrote the URL with a new query: page 1, the rest kept.
        let (state, _) = resolve(&pairs("q=protocol%3Ardp"), Some(&before));
        assert_eq!((state.sort.field.as_str(), state.size, state.page), ("duration", 25, 1));
        // The refresh picker rewrote it with the same query: the page stays.
        let (state, _) = resolve(&pairs("q=protocol%3Assh&refresh=off"), Some(&before));
        assert_eq!(state.page, 4);
        // A URL with its own keys wins.
        let (state, _) = resolve(&pairs("q=protocol%3Assh&page=2"), Some(&before));
        assert_eq!((state.page, state.size), (2, 50));
        assert_eq!(resolve(&pairs(""), None).0, SearchState::default());
    }

    proptest! {
        #[test]
        fn any_url_gives_a_usable_state(raw in ".{0,120}") {
            let (state, _) = resolve(&pairs(&raw), None);
            prop_assert!(state.size >= 1 && state.size <= MAX_LIMIT);
            prop_assert!(state.offset() <= MAX_OFFSET);
            prop_assert!(!state.columns.is_empty());
            let (again, problems) = SearchState::from_query(&state.to_query());
            prop_assert!(problems.is_empty());
            prop_assert_eq!(again.unwrap_or_default(), state);
        }
    }
}
