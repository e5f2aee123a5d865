//! The body of a panel for its data state (see [`crate::components::panel_data`]):
//! loading, log in, failed, empty, or the data, marked stale after a failed refresh.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::panel_data::PanelData;
use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::format;

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
        let at = format::clock(since, tz);
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
        Shown::Data => view! {
            {stale}
            {render(model.into())}
        }
        .into_any(),
    }
}
