//! What the overview's panels ask SPS for: the view's query, time window and
//! content search as request parameters, checked first. A query or content search
//! with errors is never sent; the reason is what the panel shows instead.
//!
//! The top-N panels send the content search; the histogram never does, as SPS
//! refuses it there (400 `NotSupportedContentOption`, API-NOTES.md).

use chrono::{DateTime, Utc};
use sps_api::{BinSize, HistogramParams, StatsParams};
use sps_query::Schema;
use thiserror::Error;

use crate::state::content::content_error;
use crate::state::query::query_error;
use crate::state::time_range::iso;
use crate::state::view::{PanelSpec, ViewState};

/// Why a panel's request was not sent.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotSent {
    /// The view's query has an error.
    #[error("fix the query first: {0}")]
    Query(String),
    /// The content search has an error.
    #[error("fix the content search first: {0}")]
    Content(String),
}

/// `Ok` when the session query `q` may be sent.
pub fn checked_query(q: &str) -> Result<(), NotSent> {
    query_error(q, Schema::sessions()).map_or(Ok(()), |e| Err(NotSent::Query(e)))
}

/// The stats request of the top-N panel `spec` over `[start, end]`.
pub fn stats_params(
    view: &ViewState,
    spec: &PanelSpec,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<StatsParams, NotSent> {
    checked_query(&view.q)?;
    if let Some(e) = content_error(&view.content) {
        return Err(NotSent::Content(e));
    }
    Ok(StatsParams {
        field: spec.field.clone(),
        sub_fields: spec.sub_field.clone(),
        size: Some(spec.size),
        q: Some(view.q.clone()),
        start: Some(iso(start)),
        end: Some(iso(end)),
        content: Some(view.content.clone()).filter(|c| !c.trim().is_empty()),
    })
}

/// The histogram request for the query `q` over `[start, end]` in `bin`s: never with
/// the content search (it takes none).
pub fn histogram_params(
    q: &str,
    bin: BinSize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<HistogramParams, NotSent> {
    checked_query(q)?;
    Ok(HistogramParams {
        q: Some(q.to_owned()),
        // The reference page calls `field` mandatory although buckets do not split by it.
        field: Some("protocol".into()),
        bin_size: Some(bin),
        start: Some(iso(start)),
        end: Some(iso(end)),
        size: None,
        content: None,
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::api::request;
    use crate::state::config::AppConfig;

    fn window() -> (DateTime<Utc>, DateTime<Utc>) {
        (Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap(), Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap())
    }

    fn view(q: &str, content: &str) -> ViewState {
        ViewState { q: q.into(), content: content.into(), ..ViewState::defaults(&AppConfig::default()) }
    }

    fn pairs(query: &[(String, String)]) -> Vec<(&str, &str)> {
        query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }

    #[test]
    fn every_top_n_request_carries_the_content_search_as_lucene_reads_it() {
        let (start, end) = window();
        let spec = PanelSpec::new("user.gateway_username", Some("protocol"), 5);
        // A date-time in recorded text goes with its colons escaped, as Lucene reads one word.
        let p = stats_params(&view("protocol:ssh", "sudo OR 2017-01-25T10:00"), &spec, start, end);
        let sent = request::stats(&p.expect("checked"));
        assert_eq!(
            pairs(&sent.query),
            [
                ("content", r"sudo OR 2017-01-25T10\:00"),
                ("end", "2026-11-23T10:00:00Z"),
                ("field", "user.gateway_username"),
                ("q", "protocol:ssh"),
                ("size", "5"),
                ("start", "2026-11-22T10:00:00Z"),
                ("sub_fields", "protocol"),
            ]
        );
        // Without a content search there is no `content` pair at all.
        let plain = request::stats(&stats_params(&view("", "  "), &spec, start, end).expect("checked"));
        assert!(plain.query.iter().all(|(k, _)| k != "content" && k != "q"), "{:?}", plain.query);
    }

    #[test]
    fn a_content_search_with_errors_is_never_sent() {
        let (start, end) = window();
        let spec = PanelSpec::new("protocol", None, 10);
        let refused = stats_params(&view("", "channels_id:1"), &spec, start, end);
        assert!(matches!(&refused, Err(NotSent::Content(e)) if e.contains("column 1")), "{refused:?}");
        assert!(refused.unwrap_err().to_string().starts_with("fix the content search first: "));
        assert!(matches!(stats_params(&view("protocol:(", "sudo"), &spec, start, end), Err(NotSent::Query(_))));
    }

    #[test]
    fn the_histogram_never_asks_with_content() {
        let (start, end) = window();
        let p = histogram_params("protocol:ssh", BinSize::Hour, start, end).expect("checked");
        assert_eq!(p.content, None);
        assert_eq!(
            pairs(&request::histogram(&p).query),
            [
                ("bin_size", "hour"),
                ("end", "2026-11-23T10:00:00Z"),
                ("field", "protocol"),
                ("q", "protocol:ssh"),
                ("start", "2026-11-22T10:00:00Z"),
            ]
        );
        assert!(matches!(histogram_params("a:", BinSize::Hour, start, end), Err(NotSent::Query(_))));
    }
}
