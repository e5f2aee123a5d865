//! The pieces shared by the two editors of a [`QueryStore`] — the composer's
//! "Queries" picker and the overview's "Views" menu: saving the current entry by
//! name, the list of saved entries with their Delete buttons, the outcome message,
//! and moving the store between browsers as a JSON file. Each editor says what its
//! entries are called; the store and its rules are the same.

use leptos::prelude::*;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::components::composer::storage;
use crate::composer::store::{Imported, QueryStore};

/// The largest file accepted for import, in bytes.
const MAX_IMPORT_BYTES: f64 = 1_000_000.0;

/// One endpoint's store, kept in localStorage, and the outcome of the last edit.
#[derive(Clone, Copy)]
pub struct StoreEditor {
    /// The localStorage key and the export's `endpoint`.
    pub endpoint: &'static str,
    /// What one entry is called in messages and labels ("query", "view").
    pub noun: &'static str,
    pub store: RwSignal<QueryStore>,
    /// The name typed into the save form.
    pub name: RwSignal<String>,
    /// `(succeeded, text)` of the last edit.
    pub message: RwSignal<Option<(bool, String)>>,
}

impl StoreEditor {
    pub fn new(endpoint: &'static str, noun: &'static str, store: RwSignal<QueryStore>) -> Self {
        Self { endpoint, noun, store, name: RwSignal::new(String::new()), message: RwSignal::new(None) }
    }

    /// Applies `edit` to a copy of the store; keeps and saves it only when the edit
    /// succeeded, and shows its outcome either way.
    pub fn change(self, edit: &dyn Fn(&mut QueryStore) -> Result<String, String>) {
        let mut next = self.store.get_untracked();
        let outcome = edit(&mut next);
        if outcome.is_ok() {
            storage::save(self.endpoint, &next);
            self.store.set(next);
        }
        self.message.set(Some(match outcome {
            Ok(done) => (true, done),
            Err(problem) => (false, problem),
        }));
    }

    /// Saves `query` under the typed name, and clears the name when that worked.
    pub fn save(self, query: &str) {
        let label = self.name.get_untracked();
        self.change(&|s| {
            s.save(&label, query).map(|()| format!("Saved as “{}”.", label.trim())).map_err(|e| e.to_string())
        });
        if self.message.with_untracked(|m| m.as_ref().is_some_and(|(ok, _)| *ok)) {
            self.name.set(String::new());
        }
    }

    /// Reads the file chosen in `input` and merges it into the store; `summary`
    /// words what was imported.
    fn import(self, input: web_sys::HtmlInputElement, summary: fn(&Imported) -> String) {
        let Some(file) = first_file(&input) else { return };
        input.set_value("");
        if js_sys::Reflect::get(&file, &"size".into())
            .ok()
            .and_then(|s| s.as_f64())
            .is_some_and(|n| n > MAX_IMPORT_BYTES)
        {
            self.message.set(Some((false, format!("That file is too large to be a {} file.", self.noun))));
            return;
        }
        let unreadable = move || self.message.set(Some((false, "The browser could not read that file.".to_owned())));
        let Some(reading) = read_text(&file) else { return unreadable() };
        wasm_bindgen_futures::spawn_local(async move {
            match reading.await.ok().and_then(|v| v.as_string()) {
                Some(json) => self.change(&|s| {
                    s.import(&json, self.endpoint).map(|n| summary(&n)).map_err(|e| format!("Not imported: {e}."))
                }),
                None => unreadable(),
            }
        });
    }
}

/// "Save the current … as [name] [Save]", then the outcome of the last edit.
#[component]
pub fn SaveForm(
    editor: StoreEditor,
    /// The name input's id.
    input_id: String,
    /// The label before the name.
    label: &'static str,
    /// Called on submit; it saves what is current through [`StoreEditor::save`].
    on_save: Callback<()>,
) -> impl IntoView {
    let name = editor.name;
    view! {
        <form
            class="picker-save"
            on:submit=move |ev| {
                ev.prevent_default();
                on_save.run(());
            }
        >
            <label for=input_id.clone()>{label}</label>
            <div class="picker-save-row">
                <input
                    id=input_id
                    type="text"
                    maxlength="100"
                    placeholder="Name"
                    prop:value=move || name.get()
                    on:input:target=move |ev| name.set(ev.target().value())
                />
                <button type="submit">"Save"</button>
            </div>
        </form>
        {move || {
            editor
                .message
                .get()
                .map(|(ok, text)| {
                    view! {
                        <p class="picker-message" class:picker-error=!ok role="status">
                            {text}
                        </p>
                    }
                })
        }}
    }
}

/// The saved entries, each opened by a click and deleted by its own button.
#[component]
pub fn SavedList(
    editor: StoreEditor,
    /// Shown when nothing is saved.
    empty: &'static str,
    /// Called with a picked entry's query.
    on_pick: Callback<String>,
) -> impl IntoView {
    move || {
        let saved = editor.store.with(|s| s.saved.clone());
        if saved.is_empty() {
            return view! { <p class="muted picker-empty">{empty}</p> }.into_any();
        }
        view! {
            <ul class="picker-list">
                {saved
                    .into_iter()
                    .map(|entry| {
                        let (query, forget) = (entry.query.clone(), entry.name.clone());
                        view! {
                            <li class="picker-entry">
                                <button type="button" class="picker-pick" on:click=move |_| on_pick.run(query.clone())>
                                    <span class="picker-name">{entry.name.clone()}</span>
                                    <span class="picker-query mono">{entry.query}</span>
                                </button>
                                <button
                                    type="button"
                                    class="mini"
                                    aria-label=format!("Delete saved {} {}", editor.noun, entry.name)
                                    on:click=move |_| {
                                        editor
                                            .change(
                                                &|s| {
                                                    s.forget(&forget);
                                                    Ok(format!("Deleted “{forget}”."))
                                                },
                                            )
                                    }
                                >
                                    "Delete"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// Export as a JSON download, and import from a chosen JSON file.
#[component]
pub fn StoreFiles(
    editor: StoreEditor,
    /// The two buttons' words: export, import.
    labels: (&'static str, &'static str),
    /// The downloaded file's name.
    file_name: String,
    /// Words what an import brought in.
    summary: fn(&Imported) -> String,
) -> impl IntoView {
    let export_href = move || {
        let json = editor.store.with(|s| s.export(editor.endpoint));
        format!("data:application/json;charset=utf-8,{}", utf8_percent_encode(&json, NON_ALPHANUMERIC))
    };
    view! {
        <div class="picker-files">
            <a class="button-link" href=export_href download=file_name>
                {labels.0}
            </a>
            <label class="button-link">
                {labels.1}
                <input
                    type="file"
                    accept=".json,application/json"
                    class="sr-only"
                    on:change:target=move |ev| editor.import(ev.target(), summary)
                />
            </label>
        </div>
    }
}

/// The chosen file of a file input (read through JS: no web-sys feature needed).
fn first_file(input: &web_sys::HtmlInputElement) -> Option<JsValue> {
    let files = js_sys::Reflect::get(input, &"files".into()).ok()?;
    let file = js_sys::Reflect::get(&files, &0.into()).ok()?;
    (!file.is_undefined() && !file.is_null()).then_some(file)
}

/// `file.text()`.
fn read_text(file: &JsValue) -> Option<JsFuture> {
    let text: js_sys::Function = js_sys::Reflect::get(file, &"text".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = text.call0(file).ok()?.dyn_into().ok()?;
    Some(JsFuture::from(promise))
}
