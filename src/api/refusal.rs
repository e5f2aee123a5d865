//! A query SPS refused (`InvalidQueryValue`), so that the query bar can say so in
//! words beside the query, not only the panels below it. The app checks a query
//! before sending it, but SPS has the last word: a query the app's parser accepts
//! may still be one the appliance's cannot read.

use super::error::ApiError;
use super::request::ApiRequest;

/// Which query bar a query belongs to, named as the composer's `storage_key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The session queries (list, count, stats, histogram).
    Sessions,
    /// A session's events filter.
    Events,
}

impl Scope {
    /// The scope of a request by its path.
    pub fn of(request: &ApiRequest) -> Scope {
        if request.path.ends_with("/events") {
            Scope::Events
        } else {
            Scope::Sessions
        }
    }

    /// The composer's `storage_key` of this scope.
    pub fn key(self) -> &'static str {
        match self {
            Scope::Sessions => "sessions",
            Scope::Events => "events",
        }
    }
}

/// SPS refused `query` with `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The query bar it belongs to.
    pub scope: Scope,
    /// The query as sent (`q`).
    pub query: String,
    /// SPS's words.
    pub message: String,
}

/// The query a request carries, if any.
fn query_of(request: &ApiRequest) -> Option<&str> {
    request.query.iter().find(|(k, _)| k == "q").map(|(_, v)| v.trim())
}

impl Refusal {
    /// The refusal an answer to `request` amounts to, if it refused the request's query.
    pub fn of(request: &ApiRequest, error: &ApiError) -> Option<Refusal> {
        let ApiError::InvalidQuery(message) = error else { return None };
        let query = query_of(request)?.to_owned();
        Some(Refusal { scope: Scope::of(request), query, message: message.clone() })
    }

    /// Whether a successful answer to `request` shows that SPS accepts this query now.
    pub fn cleared_by(&self, request: &ApiRequest) -> bool {
        Scope::of(request) == self.scope && query_of(request) == Some(self.query.as_str())
    }

    /// Whether this refusal is of the query `applied` in the bar `key`.
    pub fn concerns(&self, key: &str, applied: &str) -> bool {
        self.scope.key() == key && self.query == applied.trim()
    }
}

#[cfg(test)]
mod tests {
    use sps_api::{EventsParams, StatsParams};

    use super::*;
    use crate::api::request;

    #[test]
    fn a_refused_query_is_kept_for_its_query_bar_until_sps_accepts_it() {
        let stats = request::stats(&StatsParams {
            field: "protocol".into(),
            q: Some("protocol:x?y".into()),
            ..Default::default()
        });
        let refused = ApiError::InvalidQuery("Invalid query: cannot parse".into());
        let r = Refusal::of(&stats, &refused).expect("a refusal");
        assert_eq!(
            (r.scope, r.query.as_str(), r.message.as_str()),
            (Scope::Sessions, "protocol:x?y", "Invalid query: cannot parse")
        );
        assert!(
            r.concerns("sessions", " protocol:x?y ")
                && !r.concerns("events", "protocol:x?y")
                && !r.concerns("sessions", "x")
        );
        assert!(r.cleared_by(&stats));
        let events = request::events("s1", &EventsParams { q: Some("protocol:x?y".into()), ..Default::default() });
        assert!(!r.cleared_by(&events), "another query bar");
        assert_eq!(Refusal::of(&events, &refused).map(|r| r.scope), Some(Scope::Events));
        // Other errors, and requests without a query, are no refusal of a query.
        assert_eq!(Refusal::of(&stats, &ApiError::SearchUnavailable("down".into())), None);
        let no_query = request::stats(&StatsParams { field: "protocol".into(), ..Default::default() });
        assert_eq!(Refusal::of(&no_query, &refused), None);
    }
}
