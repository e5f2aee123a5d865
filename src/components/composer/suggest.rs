//! Where value completion gets the values the server sees most: a source passed in
//! by the page, so the events filter can pass none.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use sps_api::StatsParams;

use crate::api::{ApiClient, ApiError};
use crate::components::refresh::{now, Refresher};
use crate::state::time_range::iso;
use crate::state::url::ViewCtl;

/// How many values are asked for.
pub const TOP_VALUES: u32 = 10;

/// The future of one field's top values.
pub type ValuesFuture = Pin<Box<dyn Future<Output = Result<Vec<String>, ApiError>>>>;

/// A source of value suggestions for text fields.
#[derive(Clone)]
pub struct ValueSource {
    /// What the values depend on besides the field (the time range): the cache key.
    pub scope: Signal<String>,
    fetch: Arc<dyn Fn(&'static str) -> ValuesFuture + Send + Sync>,
}

impl ValueSource {
    /// A source calling `fetch` for a field's values, cached per `scope`.
    pub fn new(scope: Signal<String>, fetch: impl Fn(&'static str) -> ValuesFuture + Send + Sync + 'static) -> Self {
        ValueSource { scope, fetch: Arc::new(fetch) }
    }

    /// Starts fetching `field`'s values. The request is aborted if the reactive scope
    /// that started it is cleaned up (a newer completion superseded it).
    pub fn fetch(&self, field: &'static str) -> ValuesFuture {
        (self.fetch)(field)
    }
}

/// Top session values from `/api/audit/sessions/stats?field=F&size=10` over the
/// page's current time range (`ViewCtl` and `Refresher` from context).
pub fn session_stats() -> ValueSource {
    let ctl = expect_context::<ViewCtl>();
    let client = expect_context::<ApiClient>();
    let refresher = use_context::<Refresher>();
    let scope = Signal::derive(move || ctl.view.with(|v| format!("{:?}", v.range)));
    ValueSource::new(scope, move |field| {
        let at = refresher.map_or_else(now, |r| r.now.get_untracked());
        let (start, end) = ctl.view.with_untracked(|v| v.range.resolve(at));
        let params = StatsParams {
            field: field.to_owned(),
            sub_fields: None,
            size: Some(TOP_VALUES),
            q: None,
            start: Some(iso(start)),
            end: Some(iso(end)),
            content: None,
        };
        let client = client.clone();
        Box::pin(async move {
            client.stats(&params).await.map(|answer| answer.items.into_iter().map(|i| i.value).collect())
        })
    })
}
