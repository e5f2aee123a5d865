//! The composer as the overview (and session search) use it: the session schema, the
//! view's query in the URL, and top values from the stats endpoint.

use leptos::prelude::*;
use sps_query::Schema;

use super::suggest::session_stats;
use super::Composer;
use crate::state::url::ViewCtl;

/// The composer bound to the page's view (`ViewCtl` in context).
#[component]
pub fn SessionComposer() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let value = Signal::derive(move || ctl.view.with(|v| v.q.clone()));
    let on_apply = Callback::new(move |q: String| ctl.update(|v| v.q = q));
    view! {
        <Composer
            schema=Schema::sessions()
            value
            on_apply
            suggest=session_stats()
            storage_key="sessions"
            placeholder="Filter sessions, e.g. protocol:ssh AND NOT verdict:ACCEPT"
        />
    }
}
