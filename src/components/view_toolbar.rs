//! The toolbar of a page that shows sessions for the view in the URL: the query
//! composer, the content search, and under them the time range and the refresh
//! controls.

use leptos::prelude::*;

use crate::components::composer::SessionComposer;
use crate::components::content_search::ContentSearch;
use crate::components::refresh::RefreshControl;
use crate::components::time_picker::TimePicker;

/// Query, content search, time range and refresh of the page's view (`ViewCtl` and the page's
/// `Refresher` in context).
#[component]
pub fn ViewToolbar() -> impl IntoView {
    view! {
        <div class="toolbar">
            <SessionComposer />
            <ContentSearch />
            <div class="toolbar-row">
                <TimePicker />
                <RefreshControl />
            </div>
        </div>
    }
}
