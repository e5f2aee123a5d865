//! Keyboard shortcuts: `?` help, `/` focus the query, `r` refresh, `t` show or
//! hide every chart's table. Keys typed into a field are left alone.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the shortcuts ask of the page; components watch the signals they act on.
#[derive(Debug, Clone, Copy)]
pub struct Shortcuts {
    /// Bumped by `r`.
    pub refresh: RwSignal<u32>,
    /// Toggled by `t`: whether chart tables are shown.
    pub tables: RwSignal<bool>,
    /// Whether the help dialog is open.
    pub help: RwSignal<bool>,
}

/// Whether a key press belongs to a text field (or carries a modifier).
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return true;
    }
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// Installs the shortcuts for the app's lifetime and provides them as context.
pub fn provide_shortcuts() -> Shortcuts {
    let s = Shortcuts { refresh: RwSignal::new(0), tables: RwSignal::new(false), help: RwSignal::new(false) };
    provide_context(s);
    let handle = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" && s.help.get_untracked() {
            s.help.set(false);
            return;
        }
        if typing(&ev) {
            return;
        }
        match ev.key().as_str() {
            "?" => s.help.update(|h| *h = !*h),
            "/" => {
                if let Some(field) =
                    document().get_element_by_id("query").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    ev.prevent_default();
                    // Focus fails only on a detached element; nothing to do then.
                    let _ = field.focus();
                }
            }
            "r" => s.refresh.update(|n| *n = n.wrapping_add(1)),
            "t" => s.tables.update(|t| *t = !*t),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
    s
}

/// The `?` dialog listing the shortcuts.
#[component]
pub fn ShortcutHelp() -> impl IntoView {
    let s = expect_context::<Shortcuts>();
    let keys = [
        ("?", "show or hide this help"),
        ("/", "focus the query"),
        ("r", "refresh now"),
        ("t", "show or hide the tables under the charts"),
        ("Esc", "close this help, a popover, or revert the query being typed"),
    ];
    view! {
        <Show when=move || s.help.get()>
            <div class="modal-backdrop" on:click=move |_| s.help.set(false)>
                <div
                    class="modal"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="help-title"
                    on:click=|ev| ev.stop_propagation()
                >
                    <h2 id="help-title">"Keyboard shortcuts"</h2>
                    <dl class="shortcut-list">
                        {keys
                            .iter()
                            .map(|(k, what)| {
                                view! {
                                    <dt>
                                        <kbd>{*k}</kbd>
                                    </dt>
                                    <dd>{*what}</dd>
                                }
                            })
                            .collect_view()}
                    </dl>
                    <button type="button" class="primary" on:click=move |_| s.help.set(false)>
                        "Close"
                    </button>
                </div>
            </div>
        </Show>
    }
}
