//! The recorded sessions and every question the audit endpoints ask of them.
//!
//! A request's `q`, `start`/`end` and `content` become one engine query (see
//! [`crate::query`]); lists, counts, stats and the histogram then run collectors over
//! it. Time windows select the sessions that overlap them, both bounds inclusive, an
//! active session lasting until "now" (API-NOTES.md, "Time window semantics").
//! Events and alerts are generated per session on demand (see [`crate::events`]).

use std::collections::VecDeque;
use std::ops::Bound;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Months, Utc};
use serde_json::Value;
use sps_api::{
    AlertsParams, BinSize, EventsParams, HistogramBody, HistogramParams, HistogramResponse, Meta, SessionAlert,
    SessionEvent, SessionsParams, StatsParams, StatsResponse, Timestamp,
};
use sps_query::Schema;
use tantivy::collector::Count;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query as IndexQuery, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::{DocAddress, TantivyDocument, Term};

use crate::aggregate::ValueCounts;
use crate::content;
use crate::error::{SimError, SimResult};
use crate::events::{EventContext, EventSource};
use crate::fields::FieldSelection;
use crate::histogram::{BinCounts, Bins};
use crate::index::{SessionDocument, SessionIndex};
use crate::listing::{SortOrder, TopSessions};
use crate::policies;
use crate::query::{content_filter, parse_content_query, parse_events_query, parse_sessions_query, session_filter};
use crate::session::Session;

/// Top-N size when a stats request names none (the reference sample shows 10).
pub const DEFAULT_STATS_SIZE: u32 = 10;
/// The sessions list's default and largest page (API-NOTES.md); a larger `limit` is
/// served as 500, which `meta.limit` shows.
pub const MAX_SESSIONS_PAGE: u32 = 500;
/// Sessions list offsets above this are ignored (API-NOTES.md): the first page is
/// served, with `meta.offset` 0.
pub const MAX_SESSIONS_OFFSET: u32 = 10_000;
/// Events and alerts pages: 500 by default (`004_…txt`), at most this many.
pub const MAX_RECORDS_PAGE: u32 = 10_000;
const DEFAULT_RECORDS_PAGE: u32 = 500;
/// How many sessions' generated events are kept for paging through them.
const EVENT_CACHE_SESSIONS: usize = 8;

/// One page of a list and where it lies in the whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The page.
    pub items: Vec<T>,
    /// How many there are in all.
    pub match_count: u64,
    /// The page size served.
    pub limit: u32,
    /// The position served.
    pub offset: u32,
}

/// A session of the sessions list: its id and the requested properties.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedSession {
    /// The session id.
    pub id: String,
    /// The requested properties, nested.
    pub body: Value,
}

/// One session as stored.
#[derive(Debug, Clone)]
pub struct StoredSession {
    /// The session id.
    pub id: String,
    /// Every property.
    pub body: Value,
    events: EventSource,
    context: EventContext,
}

/// The sessions, searchable. Clones share the index and the events cache.
#[derive(Debug, Clone)]
pub struct SessionStore {
    index: SessionIndex,
    recent_events: Arc<Mutex<RecentEvents>>,
}

/// The events of the sessions asked for lately, with their form, newest first.
type RecentEvents = VecDeque<(String, Arc<Vec<SessionEvent>>, EventForm)>;

/// How a session's events are written: as the reference pages show them, or as an
/// appliance sends those of a graphical session (RDP, VNC, ICA): times in epoch
/// seconds, and no `match_count` in `meta`. Both kinds are in the demo data, so the
/// dashboard meets both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventForm {
    /// ISO 8601 times and a `match_count`.
    Documented,
    /// Epoch seconds and no `match_count`.
    Appliance,
}

impl SessionStore {
    /// A store over a built index.
    pub fn new(index: SessionIndex) -> Self {
        SessionStore { index, recent_events: Arc::default() }
    }

    /// Indexes `sessions` in memory (tests, small data sets); sessions without an end
    /// are active at `now`.
    pub fn in_memory(sessions: impl IntoIterator<Item = Session>, now: DateTime<Utc>) -> SimResult<Self> {
        let documents = sessions.into_iter().map(|s| SessionDocument::new(s, now));
        Ok(SessionStore::new(SessionIndex::in_memory(documents, now)?))
    }

    /// How many sessions the store holds.
    pub fn len(&self) -> u64 {
        self.index.len()
    }

    /// Whether the store holds no session.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The instant active sessions last until.
    pub fn now(&self) -> DateTime<Utc> {
        self.index.now()
    }

    /// `GET /api/audit/sessions`: a page of the matching sessions in `sort` order.
    pub fn list(&self, p: &SessionsParams) -> SimResult<Page<ListedSession>> {
        let limit = match p.limit {
            Some(0) => return Err(SimError::InvalidQuery("`limit` must be at least 1".into())),
            Some(n) => n.min(MAX_SESSIONS_PAGE),
            None => MAX_SESSIONS_PAGE,
        };
        let offset = p.offset.filter(|o| *o <= MAX_SESSIONS_OFFSET).unwrap_or(0);
        let selection = FieldSelection::parse(p.fields.as_deref())?;
        let order = SortOrder::parse(p.sort.as_deref())?;
        let query = self.session_query(p.q.as_deref(), p.start.as_deref(), p.end.as_deref(), None)?;
        let searcher = self.index.searcher();
        let top = searcher.search(&query, &TopSessions { order, keep: (offset + limit) as usize })?;
        let items = top
            .page(offset as usize)
            .into_iter()
            .map(|address| {
                let (id, body) = self.stored(&searcher, address)?;
                let body = selection.as_ref().map_or(body.clone(), |s| s.project(&body));
                Ok(ListedSession { id, body })
            })
            .collect::<SimResult<_>>()?;
        Ok(Page { items, match_count: top.match_count, limit, offset })
    }

    /// `GET /api/audit/sessions/_count`: how many sessions match.
    pub fn count(&self, p: &SessionsParams) -> SimResult<u64> {
        let query = self.session_query(p.q.as_deref(), p.start.as_deref(), p.end.as_deref(), None)?;
        Ok(self.index.searcher().search(&query, &Count)? as u64)
    }

    /// `GET /api/audit/sessions/<id>`.
    pub fn session(&self, id: &str) -> SimResult<StoredSession> {
        let searcher = self.index.searcher();
        let by_id = TermQuery::new(Term::from_field_text(self.index.fields().id, id), IndexRecordOption::Basic);
        let address = searcher
            .search(&by_id, &tantivy::collector::DocSetCollector)?
            .into_iter()
            .next()
            .ok_or_else(|| SimError::NoSuchSession(id.to_owned()))?;
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default();
        let body: Value = serde_json::from_str(text(self.index.fields().body)).map_err(stored_damage)?;
        let events: EventSource = serde_json::from_str(text(self.index.fields().events)).map_err(stored_damage)?;
        let fast = searcher.segment_reader(address.segment_ord).fast_fields();
        let instant = |name: &str| -> SimResult<DateTime<Utc>> {
            Ok(fast.i64(name)?.first(address.doc_id).and_then(DateTime::from_timestamp_millis).unwrap_or_default())
        };
        let context = EventContext::of(&body, instant("_start")?, instant("_end")?);
        Ok(StoredSession { id: id.to_owned(), body, events, context })
    }

    /// `GET /api/audit/sessions/stats`: the top `size` values of `field` among the
    /// matching sessions, each split by `sub_fields` when given.
    pub fn stats(&self, p: &StatsParams) -> SimResult<StatsResponse> {
        if p.field.trim().is_empty() {
            return Err(SimError::InvalidQuery("the `field` parameter is mandatory".into()));
        }
        let field = session_field(p.field.trim())?;
        // "Only accepts a single parameter … only the first will be considered."
        let sub_name =
            p.sub_fields.as_deref().and_then(|s| s.split(',').next()).map(str::trim).filter(|s| !s.is_empty());
        let sub_field = sub_name.map(session_field).transpose()?;
        let size = p.size.unwrap_or(DEFAULT_STATS_SIZE);
        if size == 0 {
            return Err(SimError::InvalidQuery("`size` must be at least 1".into()));
        }
        let query = self.session_query(p.q.as_deref(), p.start.as_deref(), p.end.as_deref(), p.content.as_deref())?;
        let groups = self.index.searcher().search(&query, &ValueCounts { field, sub_field })?;
        let (items, others) = groups.top(size as usize, sub_field.is_some());
        Ok(StatsResponse::new(
            items,
            Meta {
                href: Some("/api/audit/sessions/stats".into()),
                parent: Some("/api/audit/sessions".into()),
                field: Some(p.field.clone()),
                sub_fields: sub_name.map(str::to_owned),
                size: Some(size.into()),
                others: Some(others),
                ..Meta::default()
            },
        ))
    }

    /// `GET /api/audit/sessions/histogram`: sessions started and active per interval
    /// (see [`crate::histogram`]). The window defaults to the month before "now", the
    /// unit to `month`; `field` and `size` are checked and echoed, the buckets count
    /// every matching session (the reference sample's buckets are not split by field).
    pub fn histogram(&self, p: &HistogramParams) -> SimResult<HistogramResponse> {
        if p.content.is_some() {
            return Err(SimError::ContentNotSupported);
        }
        if let Some(field) = p.field.as_deref().filter(|f| !f.trim().is_empty()) {
            session_field(field.trim())?;
        }
        let unit = p.bin_size.unwrap_or(BinSize::Month);
        let window = Window::parse(p.start.as_deref(), p.end.as_deref())?;
        let end = window.end.unwrap_or(self.now());
        let start = window.start.unwrap_or_else(|| end.checked_sub_months(Months::new(1)).unwrap_or(end));
        let bins = Arc::new(Bins::cover(start, end, unit)?);
        let bounds = Window { start: Some(start), end: Some(end) };
        let query = self.filter(p.q.as_deref(), bounds, None)?;
        let counts = self.index.searcher().search(&query, &BinCounts { bins: bins.clone() })?;
        Ok(HistogramResponse {
            key: Some("histogram".into()),
            body: HistogramBody { buckets: bins.buckets(&counts) },
            meta: Meta {
                href: Some("/api/audit/sessions/histogram".into()),
                parent: Some("/api/audit/sessions".into()),
                bin_size: Some(unit.as_str().into()),
                field: p.field.clone(),
                start: Some(Timestamp(start).to_rfc3339()),
                end: Some(Timestamp(end).to_rfc3339()),
                time_zone: Some("Etc/UTC".into()),
                size: Some(p.size.unwrap_or(DEFAULT_STATS_SIZE).into()),
                ..Meta::default()
            },
        })
    }

    /// `GET /api/audit/sessions/<id>/events`: a page of the session's events that `q`
    /// matches (evaluated by `sps_query` over the generated events), by `record_id`,
    /// and the form to write them in.
    pub fn events(&self, id: &str, p: &EventsParams) -> SimResult<(Page<SessionEvent>, EventForm)> {
        let query = p.q.as_deref().filter(|q| !q.trim().is_empty()).map(parse_events_query).transpose()?;
        let (events, form) = self.session_events(id)?;
        let matching: Vec<&SessionEvent> = match &query {
            None => events.iter().collect(),
            Some(query) => events
                .iter()
                .filter(|e| serde_json::to_value(e).is_ok_and(|record| query.matches(&record, Schema::events())))
                .collect(),
        };
        Ok((page(&matching, p.limit, p.offset, |e| (*e).clone()), form))
    }

    /// `GET /api/audit/sessions/<id>/alerts`: a page of the session's alerts, by
    /// `record_id` (alerts cannot be filtered).
    pub fn alerts(&self, id: &str, p: &AlertsParams) -> SimResult<Page<SessionAlert>> {
        let alerts = policies::alerts(&self.session_events(id)?.0);
        Ok(page(&alerts, p.limit, p.offset, Clone::clone))
    }

    /// The session's events and their form, from the cache when it was asked for lately.
    fn session_events(&self, id: &str) -> SimResult<(Arc<Vec<SessionEvent>>, EventForm)> {
        let cached = self.recent().iter().find(|(key, ..)| key == id).map(|(_, events, form)| (events.clone(), *form));
        if let Some(cached) = cached {
            return Ok(cached);
        }
        let session = self.session(id)?;
        let events = Arc::new(session.events.events(&session.context));
        let form = if session.context.is_graphical() { EventForm::Appliance } else { EventForm::Documented };
        let mut recent = self.recent();
        recent.push_front((id.to_owned(), events.clone(), form));
        recent.truncate(EVENT_CACHE_SESSIONS);
        Ok((events, form))
    }

    fn recent(&self) -> std::sync::MutexGuard<'_, RecentEvents> {
        // The cache is rebuilt on demand: a poisoned lock still holds a usable queue.
        self.recent_events.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn session_query(
        &self,
        q: Option<&str>,
        start: Option<&str>,
        end: Option<&str>,
        content: Option<&str>,
    ) -> SimResult<Box<dyn IndexQuery>> {
        self.filter(q, Window::parse(start, end)?, content)
    }

    /// `q` AND the window AND the content search, as one engine query.
    fn filter(&self, q: Option<&str>, window: Window, content: Option<&str>) -> SimResult<Box<dyn IndexQuery>> {
        let fields = self.index.fields();
        let mut must: Vec<(Occur, Box<dyn IndexQuery>)> = Vec::new();
        if let Some(q) = q.filter(|q| !q.trim().is_empty()) {
            must.push((Occur::Must, session_filter(&self.index, &parse_sessions_query(q)?)));
        }
        if let Some(end) = window.end {
            let started_by_end = RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_i64(fields.start, end.timestamp_millis())),
            );
            must.push((Occur::Must, Box::new(started_by_end)));
        }
        if let Some(start) = window.start {
            let ended_after_start = RangeQuery::new(
                Bound::Included(Term::from_field_i64(fields.end, start.timestamp_millis())),
                Bound::Unbounded,
            );
            must.push((Occur::Must, Box::new(ended_after_start)));
        }
        if let Some(content) = content.filter(|c| !c.trim().is_empty()) {
            let matching = content_filter(&self.index, &parse_content_query(content)?);
            must.push((Occur::Must, content::first_matches(&self.index.searcher(), matching.as_ref())?));
        }
        Ok(if must.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(must)) })
    }

    fn stored(&self, searcher: &tantivy::Searcher, address: DocAddress) -> SimResult<(String, Value)> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let fields = self.index.fields();
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let body = serde_json::from_str(&text(fields.body)).map_err(stored_damage)?;
        Ok((text(fields.id), body))
    }
}

/// A page of `all` from `offset`, `limit` long (default 500, at most
/// [`MAX_RECORDS_PAGE`]).
fn page<T, U>(all: &[T], limit: Option<u32>, offset: Option<u32>, each: impl Fn(&T) -> U) -> Page<U> {
    let limit = limit.unwrap_or(DEFAULT_RECORDS_PAGE).clamp(1, MAX_RECORDS_PAGE);
    let offset = offset.unwrap_or(0);
    let items = all.iter().skip(offset as usize).take(limit as usize).map(each).collect();
    Page { items, match_count: all.len() as u64, limit, offset }
}

/// The session field `name` denotes (aliases included), or a 400.
fn session_field(name: &str) -> SimResult<&'static sps_query::Field> {
    Schema::sessions().field(name).ok_or_else(|| SimError::InvalidQuery(format!("`{name}` is not a session field")))
}

fn stored_damage(e: serde_json::Error) -> SimError {
    SimError::Search(tantivy::TantivyError::InternalError(format!("a stored session does not read back: {e}")))
}

/// A time window from `start`/`end` (ISO 8601); either may be open.
#[derive(Debug, Clone, Copy, Default)]
struct Window {
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
}

impl Window {
    fn parse(start: Option<&str>, end: Option<&str>) -> SimResult<Self> {
        let bound = |name: &str, s: Option<&str>| {
            s.filter(|s| !s.trim().is_empty())
                .map(|s| {
                    s.parse::<Timestamp>()
                        .map(Timestamp::as_datetime)
                        .map_err(|_| SimError::InvalidQuery(format!("`{name}` is not an ISO 8601 date: `{s}`")))
                })
                .transpose()
        };
        Ok(Window { start: bound("start", start)?, end: bound("end", end)? })
    }
}
