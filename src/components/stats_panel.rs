//! A dashboard panel showing the top values of one session field.

use leptos::prelude::*;
use sps_api::StatsParams;

use crate::api::{ApiClient, ApiError};
use crate::charts::top_n::TopN;
use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::components::top_n_chart::TopNChart;

/// The time window every panel of a page counts sessions in (ISO 8601 bounds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Start of the window.
    pub start: String,
    /// End of the window.
    pub end: String,
}

/// Fetches `/audit/sessions/stats` for `field` in the page's window and draws it.
#[component]
pub fn StatsPanel(
    /// Panel heading.
    #[prop(into)]
    title: String,
    /// The session field to count values of.
    #[prop(into)]
    field: String,
    /// How many top values to show.
    #[prop(default = 10)]
    size: u32,
) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let window = expect_context::<Signal<Window>>();
    let params = {
        let field = field.clone();
        move || {
            let w = window.get();
            StatsParams { field: field.clone(), size: Some(size), start: Some(w.start), end: Some(w.end), ..Default::default() }
        }
    };
    let auth = client.auth();
    let stats = LocalResource::new(move || {
        auth.track();
        let client = client.clone();
        let p = params();
        async move { client.stats(&p).await }
    });
    let loading_what = title.to_lowercase();
    let (heading, label) = (title.clone(), title.clone());

    view! {
        <section class="panel" aria-label=label>
            <h2 class="panel-title">{heading}</h2>
            <Transition fallback=move || view! { <Loading what=loading_what.clone() /> }>
                {move || {
                    let title = title.clone();
                    let field = field.clone();
                    Suspend::new(async move {
                        match stats.await {
                            Ok(answer) => {
                                let model = TopN::from_stats(&answer);
                                if model.is_empty() {
                                    view! { <Empty message="No sessions in this time range." /> }.into_any()
                                } else {
                                    view! { <TopNChart title field model /> }.into_any()
                                }
                            }
                            Err(ApiError::Unauthenticated) => {
                                view! { <Empty message="Log in to SPS to see this panel." /> }.into_any()
                            }
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}
