//! The "Queries" popover: saved queries by name, recent ones, saving the current
//! query, and moving them between browsers as a JSON file.

use leptos::prelude::*;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::storage;
use crate::composer::store::QueryStore;

/// The largest file accepted for import, in bytes.
const MAX_IMPORT_BYTES: f64 = 1_000_000.0;

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
    let name = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let popover_id = format!("{id}-queries");
    let change = move |edit: &dyn Fn(&mut QueryStore) -> Result<String, String>| {
        let mut next = store.get_untracked();
        let outcome = edit(&mut next);
        if outcome.is_ok() {
            storage::save(endpoint, &next);
            store.set(next);
        }
        message.set(Some(match outcome {
            Ok(done) => (true, done),
            Err(problem) => (false, problem),
        }));
    };
    let save = move || {
        let (label, query) = (name.get_untracked(), current.get_untracked());
        change(&|s| {
            s.save(&label, &query).map(|()| format!("Saved as “{}”.", label.trim())).map_err(|e| e.to_string())
        });
        if message.with_untracked(|m| m.as_ref().is_some_and(|(ok, _)| *ok)) {
            name.set(String::new());
        }
    };
    let pick = move |query: String| {
        open.set(false);
        message.set(None);
        on_pick.run(query);
    };
    let export_href = move || {
        let json = store.with(|s| s.export(endpoint));
        format!("data:application/json;charset=utf-8,{}", utf8_percent_encode(&json, NON_ALPHANUMERIC))
    };
    let import = move |input: web_sys::HtmlInputElement| {
        let Some(file) = first_file(&input) else { return };
        input.set_value("");
        if js_sys::Reflect::get(&file, &"size".into())
            .ok()
            .and_then(|s| s.as_f64())
            .is_some_and(|n| n > MAX_IMPORT_BYTES)
        {
            message.set(Some((false, "That file is too large to be a query file.".to_owned())));
            return;
        }
        let Some(reading) = read_text(&file) else {
            message.set(Some((false, "The browser could not read that file.".to_owned())));
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            match reading.await.ok().and_then(|v| v.as_string()) {
                Some(json) => change(&|s| {
                    s.import(&json, endpoint)
                        .map(|n| format!("Imported {} saved and {} recent queries.", n.saved, n.recent))
                        .map_err(|e| format!("Not imported: {e}."))
                }),
                None => message.set(Some((false, "The browser could not read that file.".to_owned()))),
            }
        });
    };

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
            <button type="button" class="picker-button" aria-haspopup="true"
                aria-expanded=move || open.get().to_string() aria-controls=popover_for_button
                on:click=move |_| open.update(|o| *o = !*o)>"Queries"</button>
            <Show when=move || open.get()>
                <div id=popover_id.clone() class="popover picker-popover" role="group" aria-label="Saved and recent queries" tabindex="-1">
                    <form class="picker-save" on:submit=move |ev| {
                        ev.prevent_default();
                        save();
                    }>
                        <label for=format!("{id}-save-name")>"Save the current query as"</label>
                        <div class="picker-save-row">
                            <input id=format!("{id}-save-name") type="text" maxlength="100" placeholder="Name"
                                prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                            <button type="submit">"Save"</button>
                        </div>
                    </form>
                    {move || message.get().map(|(ok, text)| view! {
                        <p class="picker-message" class:picker-error=!ok role="status">{text}</p>
                    })}
                    <section aria-label="Saved queries">
                        <h3 class="picker-heading">"Saved"</h3>
                        {move || {
                            let saved = store.with(|s| s.saved.clone());
                            if saved.is_empty() {
                                return view! { <p class="muted picker-empty">"No saved queries yet."</p> }.into_any();
                            }
                            view! {
                                <ul class="picker-list">
                                    {saved.into_iter().map(|entry| {
                                        let query = entry.query.clone();
                                        let forget = entry.name.clone();
                                        view! {
                                            <li class="picker-entry">
                                                <button type="button" class="picker-pick" on:click=move |_| pick(query.clone())>
                                                    <span class="picker-name">{entry.name.clone()}</span>
                                                    <span class="picker-query mono">{entry.query}</span>
                                                </button>
                                                <button type="button" class="mini" aria-label=format!("Delete saved query {}", entry.name)
                                                    on:click=move |_| change(&|s| {
                                                        s.forget(&forget);
                                                        Ok(format!("Deleted “{forget}”."))
                                                    })>"Delete"</button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <section aria-label="Recent queries">
                        <h3 class="picker-heading">"Recent"</h3>
                        {move || {
                            let recent = store.with(|s| s.recent.clone());
                            if recent.is_empty() {
                                return view! { <p class="muted picker-empty">"Applied queries appear here."</p> }.into_any();
                            }
                            view! {
                                <ul class="picker-list">
                                    {recent.into_iter().map(|query| {
                                        let picked = query.clone();
                                        view! {
                                            <li class="picker-entry">
                                                <button type="button" class="picker-pick" on:click=move |_| pick(picked.clone())>
                                                    <span class="picker-query mono">{query}</span>
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <div class="picker-files">
                        <a class="button-link" href=export_href download=format!("sps-dashboard-{endpoint}-queries.json")>"Export JSON"</a>
                        <label class="button-link">
                            "Import JSON"
                            <input type="file" accept=".json,application/json" class="sr-only"
                                on:change:target=move |ev| import(ev.target()) />
                        </label>
                    </div>
                </div>
            </Show>
        </div>
    }
}

/// The chosen file of a file input (read through JS: no web-sys feature needed).
pub(crate) fn first_file(input: &web_sys::HtmlInputElement) -> Option<JsValue> {
    let files = js_sys::Reflect::get(input, &"files".into()).ok()?;
    let file = js_sys::Reflect::get(&files, &0.into()).ok()?;
    (!file.is_undefined() && !file.is_null()).then_some(file)
}

/// `file.text()`.
pub(crate) fn read_text(file: &JsValue) -> Option<JsFuture> {
    let text: js_sys::Function = js_sys::Reflect::get(file, &"text".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = text.call0(file).ok()?.dyn_into().ok()?;
    Some(JsFuture::from(promise))
}
