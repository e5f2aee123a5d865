//! Text mode: a transparent `<textarea>` over a coloured copy of its text, and the
//! completion list under it (the ARIA combobox pattern).
//!
//! The copy sits in the same grid cell with the same font, padding and wrapping, so
//! every character lies exactly over its coloured twin and the cell grows with the
//! text: one line when short, more as it wraps.

use leptos::html;
use leptos::prelude::*;
use sps_query::{Candidate, CandidateKind, Completion, Schema};
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};

use super::paint::painted;
use super::suggest::ValueSource;
use crate::composer::cache::ValueCache;
use crate::composer::completion::{accept, continues, merge, option_id, server_field, step};
use crate::composer::offsets::{byte_of_utf16, utf16_of_byte};
use crate::composer::overlay::Piece;
use crate::text::safe::label;

/// The caret of `el` as a byte offset into `text`.
fn caret(el: &HtmlTextAreaElement, text: &str) -> usize {
    let units = el.selection_start().ok().flatten().unwrap_or(0);
    byte_of_utf16(text, units as usize)
}

fn kind_label(candidate: &Candidate) -> String {
    match candidate.kind {
        CandidateKind::Operator => "operator".to_owned(),
        CandidateKind::Field | CandidateKind::Value => candidate.detail.clone(),
    }
}

/// The query input with its overlay and completion.
#[component]
pub fn QueryInput(
    /// The textarea's id; the list, options and problems derive theirs from it.
    id: &'static str,
    /// What the query is checked and completed against.
    schema: &'static Schema,
    /// The text being edited.
    text: RwSignal<String>,
    /// Its coloured pieces (the overlay).
    pieces: Memo<Vec<Piece>>,
    /// Whether the text has errors (for `aria-invalid`).
    #[prop(into)]
    invalid: Signal<bool>,
    /// Shown while empty.
    placeholder: &'static str,
    /// Top values for text fields, if the page has a source.
    suggest: Option<ValueSource>,
    /// Enter.
    on_apply: Callback<()>,
    /// Escape with no list open.
    on_revert: Callback<()>,
) -> impl IntoView {
    let input = NodeRef::<html::Textarea>::new();
    let overlay = NodeRef::<html::Div>::new();
    let list = NodeRef::<html::Ul>::new();
    let cursor = RwSignal::new(0usize);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let cache = RwSignal::new(ValueCache::default());
    let scope = suggest.as_ref().map(|s| s.scope);
    let has_source = suggest.is_some();

    // What may come at the cursor, while the list is open.
    let base = Memo::new(move |_| {
        let at = cursor.get();
        open.get().then(|| text.with(|t| sps_query::complete(t, at, schema)))
    });
    // The field whose values the server is asked for.
    let wanted =
        Memo::new(
            move |_| if has_source { base.with(|b| b.as_ref().and_then(|b| server_field(b, schema))) } else { None },
        );
    let fetched = LocalResource::new(move || {
        let field = wanted.get();
        let scope_key = scope.map(|s| s.get()).unwrap_or_default();
        let source = suggest.clone();
        async move {
            let (Some(field), Some(source)) = (field, source) else { return None };
            if cache.with_untracked(|c| c.get(&scope_key, field).is_some()) {
                return None;
            }
            // A failed suggestion request just leaves the schema's own candidates.
            let values = source.fetch(field).await.ok()?;
            Some((scope_key, field, values))
        }
    });
    Effect::new(move |_| {
        if let Some(Some((scope_key, field, values))) = fetched.get() {
            cache.update(|c| c.put(&scope_key, field, values));
        }
    });

    let completion = Memo::new(move |_| -> Option<Completion> {
        let found = base.get()?;
        let scope_key = scope.map(|s| s.get()).unwrap_or_default();
        let field = wanted.get();
        let at = cursor.get_untracked();
        Some(text.with_untracked(|t| {
            cache.with(|c| merge(t, at, found, schema, field.and_then(|f| c.get(&scope_key, f)).unwrap_or(&[])))
        }))
    });
    let options = Memo::new(move |_| completion.with(|c| c.as_ref().map(|c| c.candidates.clone()).unwrap_or_default()));
    let count = Memo::new(move |_| options.with(Vec::len));
    let shown = move || count.get() > 0;
    let listbox_id = format!("{id}-listbox");
    // The active option's DOM id, which follows it as the list filters.
    let active_id = Memo::new(move |_| active.get().and_then(|i| options.with(|o| o.get(i).map(|c| option_id(id, c)))));

    let accept_at = move |i: usize| {
        let Some(done) = completion.get_untracked() else { return };
        let Some(candidate) = done.candidates.get(i) else { return };
        let (next, at) = text.with_untracked(|t| accept(t, done.replace, &candidate.insert));
        if let Some(el) = input.get_untracked() {
            el.set_value(&next);
            let units = utf16_of_byte(&next, at) as u32;
            // Setting a selection only fails on a detached element.
            let _ = el.set_selection_range(units, units);
        }
        text.set(next);
        cursor.set(at);
        active.set(None);
        open.set(continues(candidate));
    };

    let sync_cursor = move || {
        if let Some(el) = input.get_untracked() {
            cursor.set(text.with_untracked(|t| caret(&el, t)));
        }
    };
    let on_input = move |el: HtmlTextAreaElement| {
        let value = el.value();
        cursor.set(caret(&el, &value));
        text.set(value);
        active.set(None);
        open.set(true);
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let listing = open.get_untracked() && count.get_untracked() > 0;
        let key = ev.key();
        match key.as_str() {
            "ArrowDown" | "ArrowUp" if listing => {
                ev.prevent_default();
                active.set(step(active.get_untracked(), count.get_untracked(), key == "ArrowDown"));
            }
            "Enter" | "Tab" if listing && (key == "Tab" || active.get_untracked().is_some()) => {
                ev.prevent_default();
                accept_at(active.get_untracked().unwrap_or(0));
            }
            "Escape" if listing => {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            "Enter" if !ev.shift_key() => {
                ev.prevent_default();
                open.set(false);
                on_apply.run(());
            }
            "Escape" => {
                ev.prevent_default();
                open.set(false);
                on_revert.run(());
            }
            " " if ev.ctrl_key() => {
                ev.prevent_default();
                sync_cursor();
                open.set(true);
            }
            _ => {}
        }
    };
    // Keep the active option in view inside the scrolling list.
    Effect::new(move |_| {
        let (Some(i), Some(ul)) = (active.get(), list.get()) else { return };
        let Some(item) = ul.children().item(i as u32) else { return };
        let Ok(item) = item.dyn_into::<web_sys::HtmlElement>() else { return };
        let (top, bottom) = (item.offset_top(), item.offset_top() + item.offset_height());
        if top < ul.scroll_top() {
            ul.set_scroll_top(top);
        } else if bottom > ul.scroll_top() + ul.client_height() {
            ul.set_scroll_top(bottom - ul.client_height());
        }
    });

    let listbox_for_aria = listbox_id.clone();
    view! {
        <div class="composer-field">
            <div class="composer-overlay" aria-hidden="true" node_ref=overlay>
                {painted(pieces)}
                // A trailing newline only makes a line with something after it.
                " "
            </div>
            <label for=id class="sr-only">
                "Query"
            </label>
            <textarea
                id=id
                node_ref=input
                class="composer-input"
                rows="1"
                wrap="soft"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder=placeholder
                // A textarea, because long queries wrap. axe lists the combobox role on a
                // textarea as a minor finding; without it screen readers would not hear
                // the suggestion list open and close (aria-expanded).
                role="combobox"
                aria-autocomplete="list"
                aria-expanded=move || shown().to_string()
                aria-controls=move || shown().then(|| listbox_for_aria.clone())
                aria-activedescendant=move || active_id.get().filter(|_| shown())
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=format!("{id}-problems")
                prop:value=move || text.get()
                on:input:target=move |ev| on_input(ev.target())
                on:keydown=on_keydown
                on:click=move |_| {
                    if open.get_untracked() {
                        sync_cursor();
                    }
                }
                on:keyup=move |ev: KeyboardEvent| {
                    if matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") && open.get_untracked()
                    {
                        sync_cursor();
                    }
                }
                on:blur=move |_| {
                    open.set(false);
                    active.set(None);
                }
                on:scroll:target=move |ev| {
                    if let Some(layer) = overlay.get_untracked() {
                        layer.set_scroll_top(ev.target().scroll_top());
                    }
                }
            ></textarea>
            <Show when=shown>
                <ul
                    id=listbox_id.clone()
                    node_ref=list
                    role="listbox"
                    class="composer-completions"
                    aria-label="Suggestions"
                    // One listener for all options; mousedown would take the focus from the input.
                    on:mousedown=|ev| ev.prevent_default()
                    on:click=move |ev| {
                        let picked = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .and_then(|el| el.closest("[role=option]").ok().flatten())
                            .map(|el| el.id());
                        let found = picked
                            .and_then(|dom_id| {
                                options.with_untracked(|o| o.iter().position(|c| option_id(id, c) == dom_id))
                            });
                        if let Some(i) = found {
                            accept_at(i);
                        }
                    }
                >
                    <For each=move || options.get() key=|c| option_id(id, c) let:candidate>
                        {
                            let dom_id = option_id(id, &candidate);
                            let mine = dom_id.clone();
                            let is_active = move || active_id.with(|a| a.as_ref() == Some(&mine));
                            let kind = kind_label(&candidate);
                            view! {
                                <li
                                    id=dom_id
                                    role="option"
                                    class="completion"
                                    class:active=is_active.clone()
                                    aria-selected=move || is_active().to_string()
                                >
                                    <span class="completion-label">{label(&candidate.label)}</span>
                                    <span class="completion-kind">{kind}</span>
                                    <span class="completion-description">{candidate.description.clone()}</span>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </div>
    }
}
