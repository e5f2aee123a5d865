//! The "Queries" popover: saved queries by name, recent ones, saving the current
//! query, and moving them between browsers as a JSON file.

use leptos::prelude::*;

use crate::components::store_editor::{SaveForm, SavedList, StoreEditor, StoreFiles};
use crate::composer::store::QueryStore;

/// The picker for one endpoint's queries.
#[component]
pub fn QueryPicker(
    /// Prefix of element ids.
    id: &'static str,
    /// Whose queries (the localStorage key and the export's `endpoint`).
    endpoint: &'static str,
    /// The queries.
    store: RwSignal<QueryStore>,
    /// The query "Save" keeps.
    #[prop(into)]
    current: Signal<String>,
    /// Called with a picked query.
    on_pick: Callback<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let container = NodeRef::<leptos::html::Div>::new();
    let editor = StoreEditor::new(endpoint, "query", store);
    let popover_id = format!("{id}-queries");
    let save = Callback::new(move |()| editor.save(&current.get_untracked()));
    let pick = Callback::new(move |query: String| {
        open.set(false);
        editor.message.set(None);
        on_pick.run(query);
    });

    let popover_for_button = popover_id.clone();
    view! {
        <div
            class="composer-picker"
            node_ref=container
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" && open.get_untracked() {
                    ev.stop_propagation();
                    open.set(false);
                }
            }
            // Close when focus moves elsewhere on the page; not when the window loses
            // it (the file chooser of "Import" does that, and must find the picker open).
            on:focusout=move |_| {
                set_timeout(
                    move || {
                        let document = document();
                        let active = document.active_element().map(web_sys::Node::from);
                        let inside = container.get_untracked().is_some_and(|c| c.contains(active.as_ref()));
                        if !inside && document.has_focus().unwrap_or(true) {
                            open.set(false);
                        }
                    },
                    std::time::Duration::ZERO,
                );
            }
        >
            <button
                type="button"
                class="picker-button"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                aria-controls=popover_for_button
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Queries"
            </button>
            <Show when=move || open.get()>
                <div
                    id=popover_id.clone()
                    class="popover picker-popover"
                    role="group"
                    aria-label="Saved and recent queries"
                    tabindex="-1"
                >
                    <SaveForm
                        editor
                        input_id=format!("{id}-save-name")
                        label="Save the current query as"
                        on_save=save
                    />
                    <section aria-label="Saved queries">
                        <h3 class="picker-heading">"Saved"</h3>
                        <SavedList editor empty="No saved queries yet." on_pick=pick />
                    </section>
                    <section aria-label="Recent queries">
                        <h3 class="picker-heading">"Recent"</h3>
                        {move || {
                            let recent = store.with(|s| s.recent.clone());
                            if recent.is_empty() {
                                return view! { <p class="muted picker-empty">"Applied queries appear here."</p> }
                                    .into_any();
                            }
                            view! {
                                <ul class="picker-list">
                                    {recent
                                        .into_iter()
                                        .map(|query| {
                                            let picked = query.clone();
                                            view! {
                                                <li class="picker-entry">
                                                    <button
                                                        type="button"
                                                        class="picker-pick"
                                                        on:click=move |_| pick.run(picked.clone())
                                                    >
                                                        <span class="picker-query mono">{query}</span>
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }}
                    </section>
                    <StoreFiles
                        editor
                        labels=("Export JSON", "Import JSON")
                        file_name=format!("sps-dashboard-{endpoint}-queries.json")
                        summary=|n| format!("Imported {} saved and {} recent queries.", n.saved, n.recent)
                    />
                </div>
            </Show>
        </div>
    }
}
