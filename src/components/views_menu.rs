//! The "Views" menu: the current view (query, range, panels, …) saved by name in
//! the browser, opened again, deleted, and moved between browsers as JSON, like
//! saved queries (it is the saved-query store of the endpoint `views`; its file
//! controls are named for views, so they are never mistaken for the queries'). The
//! wall's rotation (`rotate=…&views=…`) cycles views saved here.

use leptos::prelude::*;

use crate::components::composer::storage;
use crate::components::kiosk_bar::VIEWS_ENDPOINT;
use crate::components::store_editor::{SaveForm, SavedList, StoreEditor, StoreFiles};
use crate::paths::browser::{Go, Navigator};
use crate::paths::OVERVIEW;
use crate::state::config::AppConfig;
use crate::state::rotation::saved_form;
use crate::state::url::ViewCtl;

/// Saved views of this browser.
#[component]
pub fn ViewsMenu() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let config = expect_context::<AppConfig>();
    let navigator = Navigator::here();
    let editor = StoreEditor::new(VIEWS_ENDPOINT, "view", RwSignal::new(storage::load(VIEWS_ENDPOINT)));
    let save = Callback::new(move |()| {
        let current = saved_form(&ctl.view.with_untracked(|v| v.to_query(&config)));
        // The default view prints as nothing, which the store refuses: an empty `q`
        // reads back as the same default view.
        editor.save(if current.is_empty() { "q=" } else { &current });
    });
    // A saved view is the overview's query string.
    let open = Callback::new(move |query: String| navigator.go(&format!("{OVERVIEW}?{query}"), Go::Change));
    view! {
        <details class="views-menu">
            <summary class="button-like">"Views"</summary>
            <div class="popover views-popover" role="group" aria-label="Saved views">
                <SaveForm editor input_id="views-save-name".to_owned() label="Save this view as" on_save=save />
                <SavedList
                    editor
                    on_pick=open
                    empty="No saved views yet. On the wall, ?kiosk=1&rotate=60s&views=a,b cycles them."
                />
                <StoreFiles
                    editor
                    labels=("Export views", "Import views")
                    file_name="sps-dashboard-views.json".to_owned()
                    summary=|n| format!("Imported {} view{}.", n.saved, if n.saved == 1 { "" } else { "s" })
                />
            </div>
        </details>
    }
}
