//! Data of one panel across refreshes: the last good answer stays on screen while
//! a newer request runs, and stays (marked stale) when a request fails.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::refresh::{now, Refresher};

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

/// The untyped half of a `PanelData`.
#[derive(Clone, Copy)]
struct Status {
    error: RwSignal<Option<ApiError>>,
    stale_since: RwSignal<Option<DateTime<Utc>>>,
    loading: RwSignal<bool>,
}

/// Runs `fetch` as a resource and keeps its answers: `store` takes a good one, the
/// status signals follow loading, failures and staleness.
fn track(fetch: Box<dyn Fn() -> Request>, store: Box<dyn Fn(&dyn Any)>, status: Status) {
    let refresher = use_context::<Refresher>();
    let answers = LocalResource::new(move || {
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

/// What a panel's body shows. The body re-renders only when this changes, not
/// with every answer: a chart mounted anew each round would leave its subscriptions
/// behind on long-lived signals (theme, zoom, shortcuts), as reactive_graph only
/// drops a disposed subscriber when its source next changes (issue #8: wasm memory
/// grew ~290 B per chart and round).
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Loading,
    LogIn,
    Failed(ApiError),
    Empty,
    Data,
}

/// The body of a panel for its data state: the first load, a failure with nothing
/// to show, an empty answer, or the data (marked stale after a failed refresh).
/// `render` is called once per switch to data and gets the answers as a signal, so
/// the chart it builds stays mounted and redraws in place.
pub fn panel_body<T, V>(
    data: PanelData<T>,
    what: &'static str,
    is_empty: fn(&T) -> bool,
    empty_message: &'static str,
    render: impl Fn(Signal<T>) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    use crate::components::status::{Empty, ErrorNotice, Loading};

    let zone = use_context::<crate::state::url::ViewCtl>().map(|c| c.zone);
    let shown = Memo::new(move |_| {
        let error = data.error.get();
        data.value.with(|value| match (value, error) {
            (None, Some(ApiError::Unauthenticated)) => Shown::LogIn,
            (None, Some(error)) => Shown::Failed(error),
            (None, None) => Shown::Loading,
            (Some(v), _) if is_empty(v) => Shown::Empty,
            (Some(_), _) => Shown::Data,
        })
    });
    // An answer equal to the last one (unchanged data) does not even redraw.
    let model = Memo::new(move |_| data.value.get().unwrap_or_default());
    let stale = move || {
        let (since, error) = data.stale_since.get().zip(data.error.get())?;
        let tz = zone.map(|z| z.get()).unwrap_or(crate::zone::Zone::UTC);
        let at = since.with_timezone(&tz).format("%H:%M:%S").to_string();
        Some(view! {
            <p class="stale" title=error.to_string() role="status">
                <span class="stale-mark">"Stale"</span>
                {format!(" since {at}: {error}")}
            </p>
        })
    };
    move || match shown.get() {
        Shown::LogIn => view! { <Empty message="Log in to SPS to see this panel." /> }.into_any(),
        Shown::Failed(error) => view! { <ErrorNotice error /> }.into_any(),
        Shown::Loading => view! { <Loading what=what /> }.into_any(),
        Shown::Empty => view! { <Empty message=empty_message /> }.into_any(),
        Shown::Data => view! { {stale} {render(model.into())} }.into_any(),
    }
}
