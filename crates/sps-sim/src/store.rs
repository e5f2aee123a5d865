//! The recorded sessions and the aggregations the audit endpoints answer with.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sps_api::{ErrorCode, Meta, StatsItem, StatsParams, StatsResponse};
use thiserror::Error;

use crate::time::parse_instant;

/// Top-N size when a stats request names none (the reference sample shows 10).
pub const DEFAULT_STATS_SIZE: u32 = 10;

/// One recorded session: its id, its time span and its nested body as the
/// session detail endpoint returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The session id (`key` in responses).
    pub id: String,
    /// When the session started.
    pub start: DateTime<Utc>,
    /// When it ended; `None` while it is still active.
    pub end: Option<DateTime<Utc>>,
    /// The nested session body (`protocol`, `user.*`, `server.*`, ...).
    pub body: Value,
}

/// Why a request cannot be answered; each maps to a documented error code.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum StoreError {
    /// A parameter is missing or malformed (400 `InvalidQueryValue`).
    #[error("{0}")]
    InvalidQuery(String),
}

impl StoreError {
    /// The documented code this error is answered with.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::InvalidQuery(_) => ErrorCode::InvalidQueryValue,
        }
    }
}

/// All sessions, and the instant the store treats as "now" for active sessions.
#[derive(Debug, Clone)]
pub struct SessionStore {
    sessions: Vec<Session>,
    now: DateTime<Utc>,
}

/// A time window; a session matches when it overlaps it, bounds inclusive.
#[derive(Debug, Clone, Copy, Default)]
struct Window {
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
}

impl Window {
    fn parse(start: Option<&str>, end: Option<&str>) -> Result<Self, StoreError> {
        let bound = |name: &str, s: Option<&str>| {
            s.filter(|s| !s.is_empty())
                .map(|s| {
                    parse_instant(s).ok_or_else(|| {
                        StoreError::InvalidQuery(format!("`{name}` is not an ISO 8601 date: `{s}`"))
                    })
                })
                .transpose()
        };
        Ok(Window { start: bound("start", start)?, end: bound("end", end)? })
    }

    fn overlaps(&self, s: &Session, now: DateTime<Utc>) -> bool {
        let ended = s.end.unwrap_or(now);
        self.end.is_none_or(|e| s.start <= e) && self.start.is_none_or(|b| ended >= b)
    }
}

impl SessionStore {
    /// A store over `sessions`; sessions without an end are active at `now`.
    pub fn new(sessions: Vec<Session>, now: DateTime<Utc>) -> Self {
        SessionStore { sessions, now }
    }

    /// How many sessions the store holds.
    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    /// Whether the store holds no session.
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    /// `GET /api/audit/sessions/stats`: the top `size` values of `field` among the
    /// sessions overlapping the window, each split by `sub_fields` when given.
    /// `others` counts the sessions not covered by the listed buckets.
    pub fn stats(&self, p: &StatsParams) -> Result<StatsResponse, StoreError> {
        if p.field.trim().is_empty() {
            return Err(StoreError::InvalidQuery("the `field` parameter is mandatory".into()));
        }
        let size = p.size.unwrap_or(DEFAULT_STATS_SIZE);
        if size == 0 {
            return Err(StoreError::InvalidQuery("`size` must be at least 1".into()));
        }
        let window = Window::parse(p.start.as_deref(), p.end.as_deref())?;
        let sub_field = p.sub_fields.as_deref().and_then(|s| s.split(',').next()).filter(|s| !s.is_empty());

        let mut groups: HashMap<String, Group> = HashMap::new();
        for s in self.sessions.iter().filter(|s| window.overlaps(s, self.now)) {
            for value in values_at(&s.body, &p.field) {
                let group = groups.entry(value).or_default();
                group.count += 1;
                if let Some(sub) = sub_field {
                    for v in values_at(&s.body, sub) {
                        *group.sub.entry(v).or_default() += 1;
                    }
                }
            }
        }

        let total: u64 = groups.values().map(|g| g.count).sum();
        let counts = groups.iter().map(|(v, g)| (v.clone(), g.count)).collect();
        let (top, listed) = top_n(counts, size);
        let items = top
            .into_iter()
            .map(|(value, count)| {
                let (buckets, others) = match (sub_field, groups.remove(&value)) {
                    (Some(_), Some(g)) => {
                        let (sub_top, sub_listed) = top_n(g.sub.into_iter().collect(), size);
                        let buckets =
                            sub_top.into_iter().map(|(value, count)| StatsItem::leaf(value, count)).collect();
                        (buckets, Some(count.saturating_sub(sub_listed)))
                    }
                    _ => (Vec::new(), None),
                };
                StatsItem { value, count, buckets, others }
            })
            .collect();
        Ok(StatsResponse {
            items,
            meta: Meta {
                href: Some("/api/audit/sessions/stats".into()),
                parent: Some("/api/audit/sessions".into()),
                field: Some(p.field.clone()),
                sub_fields: sub_field.map(str::to_owned),
                size: Some(size.into()),
                others: Some(total - listed),
                remaining_seconds: Some(600),
                ..Meta::default()
            },
        })
    }
}

#[derive(Default)]
struct Group {
    count: u64,
    sub: HashMap<String, u64>,
}

/// The `size` largest counts, ties broken by value (as Elasticsearch orders terms),
/// and the sum of the listed counts.
fn top_n(mut counts: Vec<(String, u64)>, size: u32) -> (Vec<(String, u64)>, u64) {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(size as usize);
    let listed = counts.iter().map(|(_, c)| c).sum();
    (counts, listed)
}

/// The values at a dotted path (`user.gateway_username`) as text; an array gives
/// one value per element, a missing path or `null` none. `psm.*` and `recording.*`
/// name the same fields (API-NOTES.md), so each falls back to the other.
pub fn values_at(body: &Value, path: &str) -> Vec<String> {
    let lookup = |path: &str| path.split('.').try_fold(body, |v, key| v.get(key));
    let alias = path
        .strip_prefix("psm.")
        .map(|rest| format!("recording.{rest}"))
        .or_else(|| path.strip_prefix("recording.").map(|rest| format!("psm.{rest}")));
    match lookup(path).or_else(|| alias.as_deref().and_then(lookup)) {
        Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
        Some(v) => scalar_text(v).into_iter().collect(),
        None => Vec::new(),
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
