//! The session search page's own URL state (sort, page, page size, columns), its
//! columns and how their values read, and the paging arithmetic within the API's
//! limits.
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
//!
//! The API lists at most 500 sessions per request and ignores offsets above
//! 10,000 ([`MAX_OFFSET`]): [`Paging`] says which pages can be reached and what to
//! tell the user when the result is larger.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sps_api::Text;
use sps_query::builder::{add_clause, term};
use sps_query::Schema;

use crate::format;
use crate::state::view::Problem;
use crate::zone::Zone;

/// The largest offset the sessions list honours.
pub const MAX_OFFSET: u64 = 10_000;
/// The largest page the sessions list serves.
pub const MAX_LIMIT: u32 = 500;
/// Page sizes offered.
pub const PAGE_SIZES: [u32; 5] = [25, 50, 100, 250, 500];
/// Page size of a fresh search.
pub const DEFAULT_PAGE_SIZE: u32 = 50;
/// Most rows the "export all" CSV fetches.
pub const EXPORT_MAX_ROWS: u64 = 10_000;
/// Rows per request of the export.
pub const EXPORT_CHUNK: u32 = 500;
/// The sort of a fresh search.
pub const DEFAULT_SORT: &str = "-start_time";
/// The URL keys this module owns.
pub const KEYS: [&str; 4] = ["sort", "page", "size", "cols"];

/// How a column's values read and show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An instant, shown in the display zone.
    Time,
    /// Seconds, shown as `1h 02m`.
    Duration,
    /// The `active` flag, shown as a badge.
    Active,
    /// A boolean.
    Flag,
    /// A number.
    Number,
    /// Text (recorded, attacker-controlled: shown as safe text).
    Text,
    /// A list of texts.
    List,
}

/// A column of the sessions table: one session field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The field, as `fields=`, `sort=` and queries name it.
    pub field: &'static str,
    /// The heading.
    pub label: &'static str,
    /// How its values read.
    pub kind: Kind,
    /// Shown in a fresh search.
    pub default: bool,
}

const fn col(field: &'static str, label: &'static str, kind: Kind, default: bool) -> Column {
    Column { field, label, kind, default }
}

/// Every column the table offers, in display order.
pub const COLUMNS: &[Column] = &[
    col("start_time", "Start", Kind::Time, true),
    col("end_time", "End", Kind::Time, true),
    col("duration", "Duration", Kind::Duration, true),
    col("active", "Active", Kind::Active, true),
    col("protocol", "Protocol", Kind::Text, true),
    col("user.gateway_username", "Gateway user", Kind::Text, true),
    col("user.server_username", "Server user", Kind::Text, true),
    col("client.ip", "Client", Kind::Text, true),
    col("server.ip", "Server", Kind::Text, true),
    col("recording.connection_policy", "Policy", Kind::Text, true),
    col("verdict", "Verdict", Kind::Text, true),
    col("user.name", "User name", Kind::Text, false),
    col("user.gateway_username_domain", "Gateway domain", Kind::Text, false),
    col("user.server_username_domain", "Server domain", Kind::Text, false),
    col("client.name", "Client name", Kind::Text, false),
    col("client.port", "Client port", Kind::Text, false),
    col("server.address", "Server address", Kind::Text, false),
    col("server.name", "Server name", Kind::Text, false),
    col("server.port", "Server port", Kind::Text, false),
    col("recording.target.ip", "Target IP", Kind::Text, false),
    col("recording.target.name", "Target name", Kind::Text, false),
    col("recording.channel_policy", "Channel policy", Kind::Text, false),
    col("recording.auth_method", "Auth method", Kind::Text, false),
    col("recording.deny_reason", "Deny reason", Kind::Text, false),
    col("recording.index_status", "Index status", Kind::Text, false),
    col("recording.verdict", "Recording verdict", Kind::Text, false),
    col("recording.archived", "Archived", Kind::Flag, false),
    col("analytics.score.aggregated", "Score", Kind::Number, false),
    col("analytics.tags", "Tags", Kind::List, false),
    col("analytics.interesting_events", "Interesting events", Kind::List, false),
    col("analytics.scripted", "Scripted", Kind::Flag, false),
    col("origin", "Origin", Kind::Text, false),
    col("node_id", "Node", Kind::Text, false),
    col("creation_time", "Created", Kind::Time, false),
];

/// The column for `field`.
pub fn column(field: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.field == field)
}

/// The columns of a fresh search.
pub fn default_columns() -> Vec<&'static Column> {
    COLUMNS.iter().filter(|c| c.default).collect()
}

/// A sort order: one session field, ascending or descending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    /// The field.
    pub field: String,
    /// Largest/latest first.
    pub descending: bool,
}

impl Sort {
    /// Reads `-field` or `field` (`+field` too); the field must be a session field.
    pub fn parse(text: &str) -> Option<Sort> {
        let text = text.trim();
        let (descending, field) = match text.strip_prefix('-') {
            Some(f) => (true, f),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        Schema::sessions().field(field)?;
        Some(Sort { field: field.to_owned(), descending })
    }

    /// The API's form: `-start_time`.
    pub fn param(&self) -> String {
        if self.descending {
            format!("-{}", self.field)
        } else {
            self.field.clone()
        }
    }

    /// The sort after clicking `field`'s heading: the other direction when it is
    /// the sort field already, else newest/largest first for times and numbers and
    /// A→Z for text.
    pub fn clicked(&self, field: &str, kind: Kind) -> Sort {
        if self.field == field {
            return Sort { field: field.to_owned(), descending: !self.descending };
        }
        let descending = matches!(kind, Kind::Time | Kind::Duration | Kind::Number | Kind::Active);
        Sort { field: field.to_owned(), descending }
    }
}

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

fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// The basis of a URL's pairs.
pub fn basis(pairs: &[(String, String)]) -> Basis {
    let own = |k: &str| get(pairs, k).map(str::to_owned);
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
        if let Some(text) = get(pairs, "sort") {
            match Sort::parse(text) {
                Some(sort) => state.sort = sort,
                None => problems.push(Problem {
                    key: "sort",
                    message: format!("cannot sort by `{text}`: not a session field; sorting by start time"),
                }),
            }
        }
        if let Some(text) = get(pairs, "size") {
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
        if let Some(text) = get(pairs, "page") {
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
        if let Some(text) = get(pairs, "cols") {
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

/// Page arithmetic within the API's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// How many sessions match (`_count`).
    pub total: u64,
    /// Rows per page.
    pub size: u32,
}

impl Paging {
    /// The last page whose offset the API honours.
    pub fn last_reachable_page(size: u32) -> u32 {
        let size = u64::from(size.max(1));
        (MAX_OFFSET / size + 1).min(u64::from(u32::MAX)) as u32
    }

    /// Pages of the whole result (at least 1).
    pub fn page_count(&self) -> u32 {
        let size = u64::from(self.size.max(1));
        self.total.div_ceil(size).clamp(1, u64::from(u32::MAX)) as u32
    }

    /// Pages that can be shown.
    pub fn reachable_pages(&self) -> u32 {
        self.page_count().min(Self::last_reachable_page(self.size))
    }

    /// Rows that can be shown.
    pub fn reachable_rows(&self) -> u64 {
        self.total.min(u64::from(Self::last_reachable_page(self.size)) * u64::from(self.size.max(1)))
    }

    /// Whether part of the result lies beyond the window.
    pub fn beyond_window(&self) -> bool {
        self.reachable_rows() < self.total
    }

    /// First and last row (1-based) of `page` when it holds `rows` rows; `None` when empty.
    pub fn rows_of(&self, page: u32, rows: usize) -> Option<(u64, u64)> {
        let first = u64::from(page.saturating_sub(1)) * u64::from(self.size) + 1;
        (rows > 0).then(|| (first, first + rows as u64 - 1))
    }

    /// The page buttons around `current`: page numbers, `None` for a gap.
    pub fn buttons(&self, current: u32) -> Vec<Option<u32>> {
        let last = self.reachable_pages();
        let current = current.clamp(1, last);
        let mut pages: Vec<u32> = vec![1, last];
        for p in current.saturating_sub(2)..=current.saturating_add(2) {
            pages.push(p);
        }
        pages.retain(|p| (1..=last).contains(p));
        pages.sort_unstable();
        pages.dedup();
        let mut out = Vec::new();
        for (i, p) in pages.iter().enumerate() {
            if i > 0 && *p > pages[i - 1] + 1 {
                // A gap of one page is shown as the page itself.
                if *p == pages[i - 1] + 2 {
                    out.push(Some(pages[i - 1] + 1));
                } else {
                    out.push(None);
                }
            }
            out.push(Some(*p));
        }
        out
    }

    /// What to tell the user when the result passes the API's window.
    pub fn window_note(&self) -> Option<String> {
        self.beyond_window().then(|| {
            format!(
                "{} sessions match, but SPS lists only the first {} of a search (it ignores offsets above {}). \
                 To see the rest, narrow the time range or the query, or reverse the sort order to page from the other end.",
                format::count(self.total),
                format::count(self.reachable_rows()),
                format::count(MAX_OFFSET)
            )
        })
    }
}

/// The requests of an export of up to [`EXPORT_MAX_ROWS`] rows: `(offset, limit)`.
pub fn export_chunks(total: u64) -> Vec<(u32, u32)> {
    let rows = total.min(EXPORT_MAX_ROWS);
    let chunk = u64::from(EXPORT_CHUNK);
    (0..rows.div_ceil(chunk))
        .map(|i| {
            let offset = i * chunk;
            (offset as u32, (rows - offset).min(chunk) as u32)
        })
        .collect()
}

/// The value at a dotted `path` of a session body (`recording.*` also under its
/// legacy name `psm.*`).
pub fn lookup<'a>(body: &'a Value, path: &str) -> Option<&'a Value> {
    let direct = path.split('.').try_fold(body, |v, key| v.get(key)).filter(|v| !v.is_null());
    direct.or_else(|| {
        let rest = path.strip_prefix("recording.")?;
        rest.split('.').try_fold(body.get("psm")?, |v, key| v.get(key)).filter(|v| !v.is_null())
    })
}

/// A cell's value, read by the column's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Not in the body.
    Missing,
    /// Text as recorded.
    Text(String),
    /// An instant.
    Time(DateTime<Utc>),
    /// A length in seconds.
    Seconds(u64),
    /// A flag.
    Flag(bool),
    /// A number, as sent.
    Number(String),
    /// Several texts.
    List(Vec<String>),
}

/// A value as one text: scalars as themselves, anything else as its JSON (a value
/// of a shape no reader expected still shows, as text).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Any value as the texts a cell lists: a list of scalars item by item (empty
/// items left out), one value as one item; nothing for an empty list. Every text
/// property may arrive as a list (`"server_username": ["root"]`).
fn list_cell(v: &Value) -> Cell {
    let items = match Text::from_json(v) {
        Some(text) => text.items().iter().filter(|t| !t.is_empty()).cloned().collect(),
        None => scalar_text(v).into_iter().collect::<Vec<_>>(),
    };
    if items.is_empty() {
        Cell::Missing
    } else {
        Cell::List(items)
    }
}

/// The text of a property for a sentence (a headline, a note): its values joined
/// with `, `, whatever its shape.
pub fn text_at(body: &Value, path: &str) -> Option<String> {
    match list_cell(lookup(body, path)?) {
        Cell::List(items) => Some(items.join(", ")),
        _ => None,
    }
}

/// Reads `column` from a session body (as JSON).
pub fn cell(body: &Value, column: &Column) -> Cell {
    let Some(v) = lookup(body, column.field) else { return Cell::Missing };
    match column.kind {
        Kind::Time => serde_json::from_value::<sps_api::Timestamp>(v.clone())
            .map(|t| Cell::Time(t.as_datetime()))
            .unwrap_or_else(|_| scalar_text(v).map_or(Cell::Missing, Cell::Text)),
        Kind::Duration => match v {
            Value::Number(n) => n.as_u64().map_or_else(|| Cell::Number(n.to_string()), Cell::Seconds),
            Value::String(s) => s.trim().parse().map_or_else(|_| Cell::Text(s.clone()), Cell::Seconds),
            other => scalar_text(other).map_or(Cell::Missing, Cell::Text),
        },
        Kind::Active | Kind::Flag => match v {
            Value::Bool(b) => Cell::Flag(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Cell::Flag(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Cell::Flag(false),
            other => scalar_text(other).map_or(Cell::Missing, Cell::Text),
        },
        Kind::Number => match v {
            Value::Array(_) => list_cell(v),
            other => scalar_text(other).map_or(Cell::Missing, Cell::Number),
        },
        Kind::Text => match v {
            Value::Array(_) => list_cell(v),
            other => scalar_text(other).filter(|t| !t.is_empty()).map_or(Cell::Missing, Cell::Text),
        },
        Kind::List => list_cell(v),
    }
}

/// `45s`, `12m 05s`, `3h 04m`, `2d 03h`.
pub fn duration(seconds: u64) -> String {
    let (d, h, m, s) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    match seconds {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{m}m {s:02}s"),
        3600..=86_399 => format!("{h}h {m:02}m"),
        _ => format!("{d}d {h:02}h"),
    }
}

/// A date and time in `tz`, to the second.
pub fn time(t: DateTime<Utc>, tz: Zone) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// An end time: only the time of day when it is the same day as `start` in `tz`.
pub fn end_time(end: DateTime<Utc>, start: Option<DateTime<Utc>>, tz: Zone) -> String {
    let local = end.with_timezone(&tz);
    match start.map(|s| s.with_timezone(&tz).date_naive()) {
        Some(day) if day == local.date_naive() => local.format("%H:%M:%S").to_string(),
        _ => time(end, tz),
    }
}

/// A cell as the table shows it (before safe-text rendering of text).
pub fn display(cell: &Cell, tz: Zone) -> String {
    match cell {
        Cell::Missing => String::new(),
        Cell::Text(t) | Cell::Number(t) => t.clone(),
        Cell::Time(t) => time(*t, tz),
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

/// The query values a click on the cell filters by (text, flags, numbers, each
/// list item); times and durations are not filters.
pub fn filter_values(cell: &Cell) -> Vec<String> {
    match cell {
        Cell::Text(t) | Cell::Number(t) => vec![t.clone()],
        Cell::Flag(b) => vec![b.to_string()],
        Cell::List(items) => items.clone(),
        Cell::Missing | Cell::Time(_) | Cell::Seconds(_) => Vec::new(),
    }
}

/// `q` narrowed to `field:value` (the value escaped); `None` when `q` does not parse.
pub fn narrowed(q: &str, field: &str, value: &str) -> Option<String> {
    add_clause(q, &term(field, value)).ok()
}

/// What to say when SPS listed items the table cannot show (no session id): they
/// are left out, the others shown.
pub fn unreadable_note(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("SPS listed one item without a session id on this page; it is left out.".into()),
        n => Some(format!("SPS listed {n} items without a session id on this page; they are left out.")),
    }
}

/// The query of the active-session badge: `q` and `active:true`.
pub fn active_query(q: &str) -> Option<String> {
    narrowed(q, "active", "true")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use serde_json::json;

    fn pairs(q: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

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
        let printed: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(state.to_query()).finish();
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

    #[test]
    fn sorting_by_clicking() {
        let start_desc = SearchState::default().sort;
        assert_eq!(start_desc.clicked("start_time", Kind::Time).param(), "start_time");
        assert_eq!(start_desc.clicked("protocol", Kind::Text).param(), "protocol");
        assert_eq!(start_desc.clicked("duration", Kind::Duration).param(), "-duration");
        assert_eq!(Sort::parse("+verdict").unwrap().param(), "verdict");
        assert_eq!(Sort::parse("psm.content_reference_id").map(|s| s.field), Some("psm.content_reference_id".into()));
        assert_eq!(Sort::parse("-"), None);
    }

    #[test]
    fn paging_within_the_window() {
        let p = Paging { total: 5_000, size: 50 };
        assert_eq!((p.page_count(), p.reachable_pages(), p.beyond_window()), (100, 100, false));
        assert_eq!(p.window_note(), None);
        assert_eq!(p.rows_of(3, 50), Some((101, 150)));
        assert_eq!(p.rows_of(1, 0), None);

        let big = Paging { total: 123_456, size: 50 };
        assert_eq!(Paging::last_reachable_page(50), 201);
        assert_eq!((big.page_count(), big.reachable_pages(), big.reachable_rows()), (2470, 201, 10_050));
        assert!(big.beyond_window());
        let note = big.window_note().unwrap();
        assert!(note.contains("123,456") && note.contains("10,050") && note.contains("reverse the sort"), "{note}");

        let odd = Paging { total: 20_000, size: 30 };
        assert_eq!(Paging::last_reachable_page(30), 334);
        assert_eq!(odd.reachable_rows(), 10_020);
        assert_eq!(Paging { total: 0, size: 50 }.page_count(), 1);
        assert_eq!(Paging::last_reachable_page(500), 21);
        assert_eq!(Paging::last_reachable_page(1), 10_001);
    }

    #[test]
    fn page_buttons_show_the_ends_and_the_neighbourhood() {
        let p = Paging { total: 1_000, size: 50 };
        assert_eq!(p.buttons(1), vec![Some(1), Some(2), Some(3), None, Some(20)]);
        assert_eq!(p.buttons(10), vec![Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(20)]);
        assert_eq!(p.buttons(5), vec![Some(1), Some(2), Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(20)]);
        assert_eq!(p.buttons(99), vec![Some(1), None, Some(18), Some(19), Some(20)]);
        assert_eq!(Paging { total: 10, size: 50 }.buttons(1), vec![Some(1)]);
    }

    #[test]
    fn export_chunks_stay_within_the_api() {
        assert_eq!(export_chunks(0), vec![]);
        assert_eq!(export_chunks(1), vec![(0, 1)]);
        assert_eq!(export_chunks(1_234), vec![(0, 500), (500, 500), (1000, 234)]);
        let all = export_chunks(1_000_000);
        assert_eq!(all.len(), 20);
        assert_eq!(all.iter().map(|(_, l)| u64::from(*l)).sum::<u64>(), EXPORT_MAX_ROWS);
        assert!(all.iter().all(|(o, l)| u64::from(*o) <= MAX_OFFSET && *l <= MAX_LIMIT));
    }

    #[test]
    fn cells_read_by_kind() {
        let body = json!({
            "start_time": "2026-11-23T08:00:00Z", "end_time": 1795420800000u64, "duration": "3725",
            "active": false, "protocol": "ssh", "user": {"gateway_username": "=cmd"},
            "analytics": {"tags": ["a", "b"], "score": {"aggregated": 87}}, "psm": {"connection_policy": "legacy"},
            "recording": {"archived": "true"}
        });
        let c = |f: &str| cell(&body, column(f).unwrap());
        assert_eq!(c("start_time"), Cell::Time(Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()));
        assert!(matches!(c("end_time"), Cell::Time(_)));
        assert_eq!(c("duration"), Cell::Seconds(3725));
        assert_eq!(c("active"), Cell::Flag(false));
        assert_eq!(c("user.gateway_username"), Cell::Text("=cmd".into()));
        assert_eq!(c("analytics.tags"), Cell::List(vec!["a".into(), "b".into()]));
        assert_eq!(c("analytics.score.aggregated"), Cell::Number("87".into()));
        assert_eq!(c("recording.connection_policy"), Cell::Text("legacy".into()), "legacy psm.* name");
        assert_eq!(c("recording.archived"), Cell::Flag(true));
        assert_eq!(c("verdict"), Cell::Missing);
        assert_eq!(cell(&json!({"duration": null}), column("duration").unwrap()), Cell::Missing);
        assert_eq!(
            cell(&json!({"protocol": ""}), column("protocol").unwrap()),
            Cell::Missing,
            "empty text is no value"
        );
    }

    #[test]
    fn any_text_property_may_be_a_list_and_shows_joined_with_each_item_a_filter() {
        // As an appliance sends it: every session's `server_username` is a list.
        let body = json!({"protocol": "SSH", "user": {"server_username": ["root", "oracle"], "gateway_username": ["alice"]},
                          "client": {"port": 2370}, "analytics": {"tags": [], "interesting_events": ["sudo", "", null]},
                          "verdict": {"odd": true}, "server": {"ip": [["10.0.0.1"]]}});
        let c = |f: &str| cell(&body, column(f).unwrap());
        let server_user = c("user.server_username");
        assert_eq!(server_user, Cell::List(vec!["root".into(), "oracle".into()]));
        assert_eq!(display(&server_user, Zone::UTC), "root, oracle");
        assert_eq!(filter_values(&server_user), ["root", "oracle"]);
        assert_eq!(display(&c("user.gateway_username"), Zone::UTC), "alice");
        assert_eq!(c("client.port"), Cell::Text("2370".into()));
        assert_eq!(c("analytics.tags"), Cell::Missing, "an empty list is no value");
        assert_eq!(c("analytics.interesting_events"), Cell::List(vec!["sudo".into()]));
        // A shape no reader expects still shows, as its text.
        assert_eq!(c("verdict"), Cell::Text(r#"{"odd":true}"#.into()));
        assert_eq!(c("server.ip"), Cell::List(vec![r#"[["10.0.0.1"]]"#.into()]));
        assert_eq!(text_at(&body, "user.server_username").as_deref(), Some("root, oracle"));
        assert_eq!(text_at(&body, "protocol").as_deref(), Some("SSH"));
        assert_eq!(text_at(&body, "nope"), None);
    }

    #[test]
    fn unreadable_items_are_counted_in_words() {
        assert_eq!(unreadable_note(0), None);
        assert!(unreadable_note(1).unwrap().contains("one item"));
        assert!(unreadable_note(3).unwrap().contains("3 items"));
    }

    #[test]
    fn cells_display_and_export() {
        let tz = "Europe/Budapest".parse::<Zone>().expect("a zone");
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
        assert_eq!(display(&Cell::Time(t), tz), "2026-11-23 09:00:00");
        assert_eq!(csv_value(&Cell::Time(t), tz), "2026-11-23T09:00:00+01:00");
        assert_eq!(csv_value(&Cell::Time(t), Zone::UTC), "2026-11-23T08:00:00Z");
        assert_eq!(display(&Cell::Seconds(3725), tz), "1h 02m");
        assert_eq!(csv_value(&Cell::Seconds(3725), tz), "3725");
        assert_eq!(end_time(t + chrono::Duration::minutes(5), Some(t), tz), "09:05:00");
        assert_eq!(end_time(t + chrono::Duration::days(1), Some(t), tz), "2026-11-24 09:00:00");
        assert_eq!(
            [duration(0), duration(59), duration(61), duration(86_400 + 7200)],
            ["0s", "59s", "1m 01s", "1d 02h"]
        );
        assert_eq!(csv_heading(column("duration").unwrap()), "duration (s)");
        assert_eq!(csv_value(&Cell::List(vec!["a".into(), "b".into()]), tz), "a; b");
    }

    #[test]
    fn clicks_narrow_the_query_with_escaped_values() {
        assert_eq!(narrowed("", "user.gateway_username", "a b").as_deref(), Some("user.gateway_username:a\\ b"));
        assert_eq!(
            narrowed("protocol:ssh OR protocol:rdp", "verdict", "ACCEPT").as_deref(),
            Some("(protocol:ssh OR protocol:rdp) AND verdict:ACCEPT")
        );
        assert_eq!(narrowed("protocol:(ssh", "verdict", "x"), None);
        assert_eq!(active_query("").as_deref(), Some("active:true"));
        assert_eq!(filter_values(&Cell::Seconds(3)), Vec::<String>::new());
        assert_eq!(filter_values(&Cell::Flag(true)), vec!["true"]);
        let q = narrowed("", "user.gateway_username", "<script>alert(1)</script>").unwrap();
        assert!(crate::state::query::query_error(&q, Schema::sessions()).is_none(), "{q}");
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

        #[test]
        fn reachable_pages_have_honoured_offsets(total in 0u64..5_000_000, size in 1u32..=500) {
            let p = Paging { total, size };
            let last = p.reachable_pages();
            prop_assert!(u64::from(last - 1) * u64::from(size) <= MAX_OFFSET);
            prop_assert!(p.reachable_rows() <= total);
            prop_assert_eq!(p.beyond_window(), p.reachable_rows() < total);
            for b in p.buttons(last / 2 + 1).into_iter().flatten() {
                prop_assert!(b >= 1 && b <= last);
            }
        }

        #[test]
        fn any_cell_value_narrows_to_a_valid_query(value in "\\PC{0,30}") {
            let q = narrowed("protocol:ssh", "user.gateway_username", &value).unwrap();
            prop_assert!(crate::state::query::query_error(&q, Schema::sessions()).is_none(), "{}", q);
        }
    }
}
