//! Every request the app sends, as a path and query pairs, built in plain Rust so
//! that native tests can check them and send them to the stand-in server.
//!
//! Parameters come from the `sps-api` param structs: each set field becomes one
//! query pair under its wire name (`bin_size`, never `bin-size`), empty ones are
//! left out. The query-language ones (`q`, `content`) go as `sps_query::sendable`
//! writes them, so SPS reads what the app checked. Session ids are opaque and are
//! percent-encoded as one path segment.

use serde::Serialize;
use serde_json::Value;
use sps_api::{AlertsParams, EventsParams, HistogramParams, SessionsParams, StatsParams};

use crate::paths::with_query;

/// A GET request relative to the API base (e.g. `/api`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    /// Path below the API base, starting with `/`.
    pub path: String,
    /// Query pairs, in order, not yet encoded.
    pub query: Vec<(String, String)>,
}

impl ApiRequest {
    fn new(path: impl Into<String>, params: &impl Serialize) -> Self {
        ApiRequest { path: path.into(), query: query_pairs(params) }
    }

    /// The full URL under `base`, with the query form-encoded as browsers do.
    pub fn url(&self, base: &str) -> String {
        with_query(&format!("{}{}", base.trim_end_matches('/'), self.path), &self.query)
    }
}

/// One query pair per set field of `params`, ordered by name.
fn query_pairs(params: &impl Serialize) -> Vec<(String, String)> {
    let Ok(Value::Object(fields)) = serde_json::to_value(params) else { return Vec::new() };
    fields
        .into_iter()
        .filter_map(|(k, v)| match v {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) if k == "q" || k == "content" => Some((k, sps_query::sendable(&s))),
            Value::String(s) => Some((k, s)),
            Value::Number(n) => Some((k, n.to_string())),
            Value::Bool(b) => Some((k, b.to_string())),
            _ => None,
        })
        .collect()
}

fn session_path(id: &str, rest: &str) -> String {
    format!("{}{rest}", sps_api::path::session_path(id))
}

const NO_PARAMS: [(); 0] = [];

/// `GET /authentication` (credentials go in a header, not here).
pub fn login() -> ApiRequest {
    ApiRequest::new("/authentication", &NO_PARAMS)
}

/// `GET /info`: the firmware version.
pub fn info() -> ApiRequest {
    ApiRequest::new("/info", &NO_PARAMS)
}

/// `GET /audit/sessions`: search sessions.
pub fn sessions(params: &SessionsParams) -> ApiRequest {
    ApiRequest::new("/audit/sessions", params)
}

/// `GET /audit/sessions/_count`: how many sessions match (paging and sorting do
/// not apply and are left out).
pub fn session_count(params: &SessionsParams) -> ApiRequest {
    let count = SessionsParams { fields: None, sort: None, limit: None, offset: None, ..params.clone() };
    ApiRequest::new("/audit/sessions/_count", &count)
}

/// `GET /audit/sessions/<id>`: one session.
pub fn session(id: &str) -> ApiRequest {
    ApiRequest::new(session_path(id, ""), &NO_PARAMS)
}

/// `GET /audit/sessions/<id>/events`.
pub fn events(id: &str, params: &EventsParams) -> ApiRequest {
    ApiRequest::new(session_path(id, "/events"), params)
}

/// `GET /audit/sessions/<id>/alerts`.
pub fn alerts(id: &str, params: &AlertsParams) -> ApiRequest {
    ApiRequest::new(session_path(id, "/alerts"), params)
}

/// `GET /audit/sessions/stats`: top values of a field.
pub fn stats(params: &StatsParams) -> ApiRequest {
    ApiRequest::new("/audit/sessions/stats", params)
}

/// `GET /audit/sessions/histogram`: sessions started and active per interval.
pub fn histogram(params: &HistogramParams) -> ApiRequest {
    ApiRequest::new("/audit/sessions/histogram", params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sps_api::BinSize;

    #[test]
    fn stats_sends_only_what_is_set() {
        let p = StatsParams {
            field: "user.gateway_username".into(),
            sub_fields: Some("protocol".into()),
            size: Some(5),
            q: Some("   ".into()),
            start: Some("2026-11-22T10:00:00Z".into()),
            ..StatsParams::default()
        };
        assert_eq!(
            stats(&p).url("/api"),
            "/api/audit/sessions/stats?field=user.gateway_username&size=5&start=2026-11-22T10%3A00%3A00Z&sub_fields=protocol"
        );
    }

    #[test]
    fn queries_are_form_encoded() {
        let p = SessionsParams {
            q: Some(r#"user.gateway_username:"a b" AND server.ip:10.0.0.1 & x=+"#.into()),
            ..Default::default()
        };
        let url = sessions(&p).url("/api/");
        assert_eq!(url, "/api/audit/sessions?q=user.gateway_username%3A%22a+b%22+AND+server.ip%3A10.0.0.1+%26+x%3D%2B");
        let back: Vec<(String, String)> =
            form_urlencoded::parse(url.split_once('?').unwrap().1.as_bytes()).into_owned().collect();
        assert_eq!(back, vec![("q".to_string(), p.q.unwrap())]);
    }

    #[test]
    fn queries_go_as_lucene_reads_them() {
        let p =
            SessionsParams { q: Some(r#"start_time:2017-01-25T10:00:00Z AND fou:<"2""#.into()), ..Default::default() };
        assert_eq!(
            sessions(&p).query,
            [("q".to_owned(), r"start_time:2017-01-25T10\:00\:00Z AND fou:[* TO 2}".to_owned())]
        );
        let p = StatsParams {
            field: "protocol".into(),
            content: Some("time:>=2017-01-25T10:00".into()),
            ..Default::default()
        };
        assert!(stats(&p).query.contains(&("content".to_owned(), "time:[2017-01-25T10:00 TO *]".to_owned())));
    }

    #[test]
    fn histogram_sends_bin_size_with_an_underscore() {
        let p = HistogramParams { bin_size: Some(BinSize::Hour), field: Some("protocol".into()), ..Default::default() };
        assert_eq!(histogram(&p).url("/api"), "/api/audit/sessions/histogram?bin_size=hour&field=protocol");
    }

    #[test]
    fn session_ids_are_one_encoded_path_segment() {
        assert_eq!(session("1").path, "/audit/sessions/1");
        assert_eq!(session("a/b?c#d e%").path, "/audit/sessions/a%2Fb%3Fc%23d%20e%25");
        assert_eq!(session("../x").path, "/audit/sessions/..%2Fx");
        assert_eq!(
            events("svc/5tmE", &EventsParams { limit: Some(100), ..Default::default() }).url("/api"),
            "/api/audit/sessions/svc%2F5tmE/events?limit=100"
        );
        assert_eq!(alerts("αβ", &AlertsParams::default()).path, "/audit/sessions/%CE%B1%CE%B2/alerts");
    }

    #[test]
    fn count_drops_paging_and_sorting() {
        let p = SessionsParams {
            q: Some("protocol:ssh".into()),
            sort: Some("-start_time".into()),
            limit: Some(50),
            offset: Some(100),
            fields: Some("protocol".into()),
            ..Default::default()
        };
        assert_eq!(session_count(&p).url("/api"), "/api/audit/sessions/_count?q=protocol%3Assh");
        assert_eq!(sessions(&p).query.len(), 5);
        assert_eq!(info().url("/api"), "/api/info");
        assert_eq!(login().url("/api"), "/api/authentication");
    }
}
