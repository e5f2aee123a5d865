//! Data of one panel across refreshes: the last good answer stays on screen while
//! a newer request runs, and stays (marked stale) when a request fails.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::clock::now;
use crate::components::refresh::Refresher;

/// A panel's data and state.
#[derive(Debug)]
pub struct PanelData<T: Send + Sync + 'static> {
    /// The last good answer.
    pub value: RwSignal<Option<T>>,
    /// The last request's error, cleared by the next success.
    pub error: RwSignal<Option<ApiError>>,
    /// When the shown data became stale (the first failure after a success).
    pub stale_since: RwSignal<Option<DateTime<Utc>>>,
    /// Whether a request is running.
    pub loading: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for PanelData<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for PanelData<T> {}

/// Runs `fetch` whenever a signal it reads changes (the view, the refresh tick,
/// a login), as part of the page's refresh round, and keeps the answers.
///
/// Only the boxing here is generic: the resource and the effect that keep the
/// answers (`track`) have one type for every panel, so Leptos's async machinery is
/// compiled once instead of once per call site (15 KB gzip less for the app's
/// seven call sites; issue #9).
pub fn use_panel_data<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> PanelData<T>
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let data = PanelData {
        value: RwSignal::new(None),
        error: RwSignal::new(None),
        stale_since: RwSignal::new(None),
        loading: RwSignal::new(true),
    };
    track(
        Box::new(move || {
            let request = fetch();
            Box::pin(async move { request.await.map(|value| Rc::new(value) as Rc<dyn Any>) })
        }),
        Box::new(move |value: &dyn Any| {
            if let Some(value) = value.downcast_ref::<T>() {
                data.value.set(Some(value.clone()));
            }
        }),
        Status { error: data.error, stale_since: data.stale_since, loading: data.loading },
    );
    data
}

/// An answer with its type erased (it is always the `T` of its `PanelData`).
type Answer = Result<Rc<dyn Any>, ApiError>;
type Request = Pin<Box<dyn Future<Output = Answer>>>;
/// Keeps a good answer (downcast to its `T`).
type Store = Box<dyn Fn(&dyn Any)>;

/// The untyped half of a `PanelData`.
#[derive(Clone, Copy)]
struct Status {
    error: RwSignal<Option<ApiError>>,
    stale_since: RwSignal<Option<DateTime<Utc>>>,
    loading: RwSignal<bool>,
}

/// Runs `fetch` as a resource and keeps its answers: `store` takes a good one, the
/// status signals follow loading, failures and staleness.
fn track(fetch: Box<dyn Fn() -> Request>, store: Store, status: Status) {
    let refresher = use_context::<Refresher>();
    let answers = LocalResource::new(move || {
        // Every round re-asks, whatever the request depends on.
        if let Some(r) = refresher {
            r.round.track();
        }
        let request = fetch();
        let in_flight = refresher.map(Refresher::begin);
        status.loading.set(true);
        async move {
            let answer = request.await;
            // Report a failure before the round can end with this request.
            if let (Err(e), Some(r)) = (&answer, refresher) {
                if !matches!(e, ApiError::Unauthenticated | ApiError::Cancelled) {
                    r.failed(e.to_string());
                }
            }
            drop(in_flight);
            answer
        }
    });
    // Whether a good answer is on screen: the value is never reset to `None`.
    let mut has_value = false;
    Effect::new(move |_| {
        let Some(answer) = answers.get() else { return };
        status.loading.set(false);
        match answer {
            // A cancelled run was replaced by a newer one, whose answer counts.
            Err(ApiError::Cancelled) => {}
            Ok(value) => {
                store(value.as_ref());
                has_value = true;
                status.error.set(None);
                status.stale_since.set(None);
            }
            Err(error) => {
                if has_value && status.stale_since.get_untracked().is_none() {
                    status.stale_since.set(Some(now()));
                }
                status.error.set(Some(error));
            }
        }
    });
}
