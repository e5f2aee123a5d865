//! The "Views" menu: the current view (query, range, panels, …) saved by name in
//! the browser, opened again, deleted, and moved between browsers as JSON, like
//! saved queries (it is the saved-query store of the endpoint `views`; its file
//! controls are named for views, so they are never mistaken for the queries'). The
//! wall's rotation (`rotate=…&views=…`) cycles views saved here.

use leptos::prelude::*;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use crate::components::composer::picker::{first_file, read_text};
use crate::components::composer::storage;
use crate::components::kiosk_bar::VIEWS_ENDPOINT;
use crate::paths::browser::{Go, Navigator};
use crate::paths::OVERVIEW;
use crate::state::config::AppConfig;
use crate::state::rotation::saved_form;
use crate::state::url::ViewCtl;

/// The largest file accepted for import, in bytes.
const MAX_IMPORT_BYTES: f64 = 1_000_000.0;

/// Saved views of this browser.
#[component]
pub fn ViewsMenu() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let config = expect_context::<AppConfig>();
    let navigator = Navigator::here();
    let store = RwSignal::new(storage::load(VIEWS_ENDPOINT));
    let name = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let change = move |edit: &dyn Fn(&mut crate::composer::store::QueryStore) -> Result<String, String>| {
        let mut next = store.get_untracked();
        let outcome = edit(&mut next);
        if outcome.is_ok() {
            storage::save(VIEWS_ENDPOINT, &next);
            store.set(next);
        }
        message.set(Some(match outcome {
            Ok(done) => (true, done),
            Err(problem) => (false, problem),
        }));
    };
    let save = move || {
        let label = name.get_untracked();
        let current = saved_form(&ctl.view.with_untracked(|v| v.to_query(&config)));
        // The default view prints as nothing, which the store refuses: an empty `q`
        // reads back as the same default view.
        let current = if current.is_empty() { "q=".to_owned() } else { current };
        change(&|s| {
            s.save(&label, &current).map(|()| format!("Saved as “{}”.", label.trim())).map_err(|e| e.to_string())
        });
        if message.with_untracked(|m| m.as_ref().is_some_and(|(ok, _)| *ok)) {
            name.set(String::new());
        }
    };
    let export_href = move || {
        let json = store.with(|s| s.export(VIEWS_ENDPOINT));
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
            message.set(Some((false, "That file is too large to be a views file.".to_owned())));
            return;
        }
        let Some(reading) = read_text(&file) else {
            message.set(Some((false, "The browser could not read that file.".to_owned())));
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            match reading.await.ok().and_then(|v| v.as_string()) {
                Some(json) => change(&|s| {
                    s.import(&json, VIEWS_ENDPOINT)
                        .map(|n| format!("Imported {} view{}.", n.saved, if n.saved == 1 { "" } else { "s" }))
                        .map_err(|e| format!("Not imported: {e}."))
                }),
                None => message.set(Some((false, "The browser could not read that file.".to_owned()))),
            }
        });
    };
    let open = move |query: String| {
        // A saved view is the overview's query string.
        navigator.go(&format!("{OVERVIEW}?{query}"), Go::Change);
    };
    view! {
        <details class="views-menu">
            <summary class="button-like">"Views"</summary>
            <div class="popover views-popover" role="group" aria-label="Saved views">
                <form class="picker-save" on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }>
                    <label for="views-save-name">"Save this view as"</label>
                    <div class="picker-save-row">
                        <input id="views-save-name" type="text" maxlength="100" placeholder="Name"
                            prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                        <button type="submit">"Save"</button>
                    </div>
                </form>
                {move || message.get().map(|(ok, text)| view! {
                    <p class="picker-message" class:picker-error=!ok role="status">{text}</p>
                })}
                {move || {
                    let saved = store.with(|s| s.saved.clone());
                    if saved.is_empty() {
                        return view! { <p class="muted picker-empty">"No saved views yet. On the wall, ?kiosk=1&rotate=60s&views=a,b cycles them."</p> }.into_any();
                    }
                    view! {
                        <ul class="picker-list">
                            {saved.into_iter().map(|entry| {
                                let (query, forget) = (entry.query.clone(), entry.name.clone());
                                view! {
                                    <li class="picker-entry">
                                        <button type="button" class="picker-pick" on:click=move |_| open(query.clone())>
                                            <span class="picker-name">{entry.name.clone()}</span>
                                            <span class="picker-query mono">{entry.query}</span>
                                        </button>
                                        <button type="button" class="mini" aria-label=format!("Delete saved view {}", entry.name)
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
                <div class="picker-files">
                    <a class="button-link" href=export_href download="sps-dashboard-views.json">"Export views"</a>
                    <label class="button-link">
                        "Import views"
                        <input type="file" accept=".json,application/json" class="sr-only"
                            on:change:target=move |ev| import(ev.target()) />
                    </label>
                </div>
            </div>
        </details>
    }
}
