//! The query composer: one component for every query the dashboard takes (the
//! overview, session search, and with the event schema the events filter).
//!
//! Text mode colours the query, underlines problems and completes at the cursor;
//! builder mode shows the same query as rows. Both edit one draft text, which is
//! applied (Enter or "Apply") only when it has no errors; Escape reverts it.
//! The logic lives in [`crate::composer`]; these modules wire it to the DOM.

mod builder_mode;
mod paint;
pub mod picker;
mod sessions;
pub mod storage;
mod suggest;
mod text_mode;

use leptos::prelude::*;
use sps_query::{Schema, Severity};

pub use sessions::SessionComposer;
pub use suggest::{session_stats, ValueSource, ValuesFuture};

use self::builder_mode::{Builder, GroupState};
use self::paint::painted;
use self::picker::QueryPicker;
use self::text_mode::QueryInput;
use crate::api::ApiClient;
use crate::composer::builder::{from_text, to_text, Group};
use crate::composer::overlay::{pieces, Analysis};

/// Which editor is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    Builder,
}

/// The rows being edited and the query they started from: while the rows are
/// unchanged the draft is that exact text, so a round trip through the builder
/// changes nothing.
#[derive(Clone)]
struct BuilderEdit {
    origin_text: String,
    origin: Group,
    rows: GroupState,
}

impl BuilderEdit {
    fn new(text: &str, group: Group) -> Self {
        BuilderEdit { rows: GroupState::new(&group), origin_text: text.to_owned(), origin: group }
    }
}

/// A query editor with text and builder modes, history and saved queries.
#[component]
pub fn Composer(
    /// The fields the query may use.
    schema: &'static Schema,
    /// The applied query; the draft follows it when it changes elsewhere.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the (trimmed) query when it is applied.
    on_apply: Callback<String>,
    /// Top values for text fields; none for endpoints without stats.
    #[prop(optional)]
    suggest: Option<ValueSource>,
    /// Whose history this is (`sessions`, `events`): the localStorage key.
    storage_key: &'static str,
    /// Id of the text input; other ids derive from it.
    #[prop(default = "query")]
    id: &'static str,
    /// Shown in the empty input.
    #[prop(default = "Filter, e.g. protocol:ssh AND NOT verdict:ACCEPT")]
    placeholder: &'static str,
) -> impl IntoView {
    let text = RwSignal::new(value.get_untracked());
    let mode = RwSignal::new(Mode::Text);
    let edit = RwSignal::new(None::<BuilderEdit>);
    let note = RwSignal::new(None::<String>);
    let incomplete = RwSignal::new(None::<String>);
    let store = RwSignal::new(storage::load(storage_key));

    let analysis = Memo::new(move |_| text.with(|t| Analysis::of(t, schema)));
    let painted_text = Memo::new(move |_| text.with(|t| analysis.with(|a| pieces(t, &a.segments))));
    let blocker = Memo::new(move |_| {
        incomplete
            .get()
            .map(|reason| format!("Apply is disabled: {reason}."))
            .or_else(|| analysis.with(Analysis::blocker))
    });
    let invalid = Signal::derive(move || analysis.with(|a| a.first_error().is_some()));

    // The rows write the draft; unchanged rows give back the text they came from.
    Effect::new(move |_| {
        let Some(current) = edit.get() else { return };
        let rows = current.rows.snapshot();
        if rows == current.origin {
            incomplete.set(None);
            text.set(current.origin_text);
            return;
        }
        match to_text(&rows) {
            Ok(written) => {
                incomplete.set(None);
                text.set(written);
            }
            Err(reason) => incomplete.set(Some(reason.to_string())),
        }
    });

    let show_rows = move |query: &str| match from_text(query) {
        Ok(group) => {
            edit.set(Some(BuilderEdit::new(query, group)));
            mode.set(Mode::Builder);
            note.set(None);
        }
        Err(reason) => {
            edit.set(None);
            mode.set(Mode::Text);
            note.set(Some(format!("This query stays in text mode: {reason}.")));
        }
    };
    let to_builder = move || {
        if mode.get_untracked() != Mode::Builder {
            show_rows(&text.get_untracked());
        }
    };
    let to_text_mode = move || {
        if let Some(reason) = incomplete.get_untracked() {
            note.set(Some(format!("Complete or remove the unfinished rows to switch: {reason}.")));
            return;
        }
        edit.set(None);
        mode.set(Mode::Text);
        note.set(None);
    };
    // Puts `query` in the editor that is showing (a picked, reverted or outside query).
    let load = move |query: String| {
        incomplete.set(None);
        if mode.get_untracked() == Mode::Builder {
            show_rows(&query);
        } else {
            note.set(None);
        }
        text.set(query);
    };
    // Follow the applied query when it changes elsewhere (a chart click, back/forward).
    Effect::new(move |first: Option<()>| {
        let applied = value.get();
        if first.is_some() && applied != text.get_untracked() {
            load(applied);
        }
    });

    let apply = move || {
        if blocker.get_untracked().is_some() {
            return;
        }
        let query = text.get_untracked().trim().to_owned();
        store.update(|s| {
            s.remember(&query);
            storage::save(storage_key, s);
        });
        on_apply.run(query);
    };

    // The applied query SPS itself refused, in its words (the panels below say so too).
    let refused = use_context::<ApiClient>().map(|client| client.refused());
    let refusal = move || {
        let refusal = refused?.get().filter(|r| r.concerns(storage_key, &value.get()))?;
        Some(view! {
            <p class="composer-refused" role="alert">
                <strong>"SPS refused this query: "</strong>
                {refusal.message}
            </p>
        })
    };

    let problems = move || {
        analysis.with(|a| {
            a.problems
                .iter()
                .map(|p| {
                    let kind = match p.severity {
                        Severity::Error => "problem problem-error",
                        Severity::Warning => "problem problem-warning",
                        Severity::Info => "problem problem-info",
                    };
                    let excerpt = (!p.excerpt.is_empty()).then(|| {
                        view! {
                            " "
                            <code class="mono">{p.excerpt.clone()}</code>
                        }
                    });
                    view! {
                        <li class=kind>
                            <span class="problem-label">{p.label()}</span>
                            {format!(" {}:", p.position)}
                            {excerpt}
                            {format!(" {}", p.message)}
                        </li>
                    }
                })
                .collect_view()
        })
    };

    let editor = move || match (mode.get(), edit.get()) {
        (Mode::Builder, Some(current)) => view! {
            <div
                class="composer-builder"
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        load(value.get_untracked());
                    }
                }
            >
                <Builder id schema rows=current.rows />
                <p class="builder-preview">
                    <span class="muted">"Query: "</span>
                    <span class="mono">{painted(painted_text)}</span>
                </p>
            </div>
        }
        .into_any(),
        _ => view! {
            <QueryInput
                id
                schema
                text
                pieces=painted_text
                invalid
                placeholder
                suggest=suggest.clone()
                on_apply=Callback::new(move |()| apply())
                on_revert=Callback::new(move |()| load(value.get_untracked()))
            />
        }
        .into_any(),
    };

    view! {
        <form
            class="composer"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                apply();
            }
        >
            <div class="composer-bar">
                <div class="composer-modes" role="group" aria-label="Editing mode">
                    <button
                        type="button"
                        aria-pressed=move || (mode.get() == Mode::Text).to_string()
                        on:click=move |_| to_text_mode()
                    >
                        "Text"
                    </button>
                    <button
                        type="button"
                        aria-pressed=move || (mode.get() == Mode::Builder).to_string()
                        on:click=move |_| to_builder()
                    >
                        "Builder"
                    </button>
                </div>
                {editor}
                <QueryPicker id endpoint=storage_key store current=text on_pick=Callback::new(load) />
                <button
                    type="submit"
                    class="primary composer-apply"
                    disabled=move || blocker.get().is_some()
                    title=move || blocker.get().unwrap_or_else(|| "Apply the query (Enter)".to_owned())
                    aria-describedby=format!("{id}-blocker")
                >
                    "Apply"
                </button>
            </div>
            {move || {
                note.get()
                    .map(|n| {
                        view! {
                            <p class="composer-note" role="status">
                                {n}
                            </p>
                        }
                    })
            }}
            {refusal}
            <p id=format!("{id}-blocker") class="composer-blocker" aria-live="polite">
                {move || blocker.get()}
            </p>
            <ul id=format!("{id}-problems") class="composer-problems">
                {problems}
            </ul>
        </form>
    }
}
