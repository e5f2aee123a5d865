//! Browser tests of the query composer (wasm-bindgen-test in headless Chromium):
//! typing colours and underlines the right characters, completion lists and inserts
//! with the keyboard, the builder round-trips, and Enter/Escape apply and revert.
#![cfg(target_arch = "wasm32")]

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use sps_dashboard::components::composer::{Composer, ValueSource};
use sps_query::Schema;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement, HtmlTextAreaElement};

mod support;

use support::{find, host, settle, texts};

wasm_bindgen_test_configure!(run_in_browser);

/// A DOM event built through JS (`new KeyboardEvent("keydown", {...})`), bubbling
/// like a real one so Leptos' delegated listeners see it.
fn dom_event(constructor: &str, kind: &str, fields: &[(&str, JsValue)]) -> web_sys::Event {
    let init = js_sys::Object::new();
    for (name, value) in [("bubbles", JsValue::TRUE), ("cancelable", JsValue::TRUE)].iter().chain(fields) {
        js_sys::Reflect::set(&init, &(*name).into(), value).expect("init field");
    }
    let class: js_sys::Function =
        js_sys::Reflect::get(&window(), &constructor.into()).expect("constructor").unchecked_into();
    let args = js_sys::Array::of2(&kind.into(), &init);
    js_sys::Reflect::construct(&class, &args).expect("event").unchecked_into()
}

/// Types `text` into the textarea as the browser would report it (value, caret, input event).
async fn type_text(input: &HtmlTextAreaElement, text: &str) {
    input.focus().expect("focus");
    input.set_value(text);
    let end = text.encode_utf16().count() as u32;
    input.set_selection_range(end, end).expect("caret");
    input.dispatch_event(&dom_event("InputEvent", "input", &[])).expect("input");
    settle().await;
}

async fn press(input: &HtmlTextAreaElement, key: &str) {
    input.dispatch_event(&dom_event("KeyboardEvent", "keydown", &[("key", key.into())])).expect("keydown");
    settle().await;
}

struct Mounted {
    root: HtmlElement,
    applied: Arc<Mutex<Vec<String>>>,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    fn input(&self) -> HtmlTextAreaElement {
        find(&self.root, "textarea")
    }

    fn button(&self, label: &str) -> HtmlElement {
        let list = self.root.query_selector_all("button").expect("selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .find(|b| b.text_content().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no button {label}"))
            .unchecked_into()
    }
}

fn mount(initial: &str, suggest: Option<ValueSource>, storage_key: &'static str) -> Mounted {
    let root = host(900);
    let applied = Arc::new(Mutex::new(Vec::new()));
    let seen = applied.clone();
    let initial = initial.to_owned();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let value = RwSignal::new(initial.clone());
        let on_apply = Callback::new(move |q: String| {
            seen.lock().expect("lock").push(q.clone());
            value.set(q);
        });
        match suggest.clone() {
            Some(source) => {
                view! { <Composer schema=Schema::sessions() value on_apply suggest=source storage_key /> }.into_any()
            }
            None => view! { <Composer schema=Schema::sessions() value on_apply storage_key /> }.into_any(),
        }
    });
    Mounted { root, applied, _handle: Box::new(handle) }
}

#[wasm_bindgen_test]
async fn typing_colours_tokens_and_underlines_mistakes() {
    let m = mount("", None, "test-typing");
    let input = m.input();
    assert_eq!(input.get_attribute("aria-label"), None, "labelled by its <label>");
    assert_eq!(texts(&m.root, "label[for=query]"), ["Query"]);

    type_text(&input, "protocl:ssh AND duration:abc").await;
    assert_eq!(texts(&m.root, ".composer-overlay .hl-error"), ["protocl", "abc"]);
    assert_eq!(texts(&m.root, ".composer-overlay .hl-operator"), ["AND"]);
    assert_eq!(texts(&m.root, ".composer-overlay .hl-field"), ["protocl", "duration"]);
    let overlay: HtmlElement = find(&m.root, ".composer-overlay");
    assert_eq!(overlay.text_content().unwrap_or_default(), "protocl:ssh AND duration:abc ", "the copy is the text");
    assert_eq!(overlay.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("query-problems"));
    let problems = texts(&m.root, "#query-problems li");
    assert_eq!(problems.len(), 2);
    assert!(problems[0].contains("column 1") && problems[0].contains("did you mean `protocol`"), "{problems:?}");
    assert!(m.button("Apply").has_attribute("disabled"));
    assert!(texts(&m.root, ".composer-blocker")[0].contains("column 1"));

    // User text never becomes markup.
    type_text(&input, "<img src=x onerror=alert(1)>").await;
    assert!(m.root.query_selector(".composer-overlay img").expect("selector").is_none());

    type_text(&input, "protocol:ssh").await;
    assert!(texts(&m.root, ".composer-overlay .hl-error").is_empty());
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert!(!m.button("Apply").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn a_multi_line_query_names_the_line_and_a_mixed_level_only_warns() {
    let m = mount("", None, "test-lines");
    let input = m.input();
    type_text(&input, "protocol:ssh AND\nduration:abc").await;
    let problems = texts(&m.root, "#query-problems li");
    assert!(problems[0].contains("line 2, column 10:"), "{problems:?}");
    assert!(texts(&m.root, ".composer-blocker")[0].contains("at line 2, column 10"));

    type_text(&input, "protocol:ssh AND verdict:DENY OR protocol:rdp").await;
    let warnings = texts(&m.root, "#query-problems li.problem-warning");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("column 1:"), "{warnings:?}");
    assert!(
        warnings[0].contains("For AND before OR, write `(protocol:ssh AND verdict:DENY) OR protocol:rdp`"),
        "{warnings:?}"
    );
    assert!(!texts(&m.root, ".composer-overlay .hl-warning").is_empty());
    assert!(!m.button("Apply").has_attribute("disabled"), "a warning does not block Apply");
}

#[wasm_bindgen_test]
async fn completes_fields_and_values_with_the_keyboard() {
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    let source = ValueSource::new(Signal::derive(|| "last 24h".to_owned()), move |field| {
        log.lock().expect("lock").push(field);
        Box::pin(async { Ok(vec!["SSH".to_owned(), "odd value".to_owned()]) })
    });
    let m = mount("", Some(source), "test-complete");
    let input = m.input();

    type_text(&input, "proto").await;
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-controls").as_deref(), Some("query-listbox"));
    assert_eq!(texts(&m.root, "[role=listbox] [role=option] .completion-label"), ["protocol"]);
    assert_eq!(texts(&m.root, "[role=option] .completion-kind"), ["text"]);
    press(&input, "ArrowDown").await;
    let first: HtmlElement = find(&m.root, "[role=option]");
    assert_eq!(input.get_attribute("aria-activedescendant"), Some(first.id()));
    assert_eq!(first.get_attribute("aria-selected").as_deref(), Some("true"));
    press(&input, "Enter").await;
    assert_eq!(input.value(), "protocol:");

    // The list reopens with the server's values first, then the schema's.
    settle().await;
    let values = texts(&m.root, "[role=option] .completion-label");
    assert_eq!(&values[..2], ["SSH", "odd value"], "{values:?}");
    assert!(values.contains(&"TELNET".to_owned()));
    assert_eq!(
        values.iter().filter(|v| v.eq_ignore_ascii_case("ssh")).count(),
        1,
        "the schema's SSH is the server's: {values:?}"
    );
    assert_eq!(asked.lock().expect("lock").as_slice(), ["protocol"]);
    press(&input, "ArrowDown").await;
    press(&input, "ArrowDown").await;
    press(&input, "Tab").await;
    assert_eq!(input.value(), r"protocol:odd\ value", "accepted values are escaped");
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("false"));

    // A second value completion of the same field uses the cache.
    type_text(&input, "protocol:odd\\ value OR protocol:").await;
    assert_eq!(texts(&m.root, "[role=option] .completion-label")[0], "SSH");
    assert_eq!(asked.lock().expect("lock").len(), 1, "cached");

    // Escape closes the list and keeps the text; the mouse accepts too.
    press(&input, "Escape").await;
    assert!(m.root.query_selector("[role=listbox]").expect("selector").is_none());
    assert_eq!(input.value(), "protocol:odd\\ value OR protocol:");
    type_text(&input, "active:").await;
    let option: HtmlElement = find(&m.root, "[role=option]:nth-child(2)");
    option.click();
    settle().await;
    assert_eq!(input.value(), "active:false");
}

#[wasm_bindgen_test]
async fn enter_applies_escape_reverts() {
    let m = mount("verdict:ACCEPT", None, "test-apply");
    settle().await;
    let input = m.input();
    assert_eq!(input.value(), "verdict:ACCEPT");
    type_text(&input, "protocol:ssh ").await;
    press(&input, "Escape").await; // closes the operator list
    press(&input, "Enter").await;
    assert_eq!(m.applied.lock().expect("lock").as_slice(), ["protocol:ssh"]);

    type_text(&input, "protocol:(ssh").await;
    press(&input, "Enter").await;
    assert_eq!(m.applied.lock().expect("lock").len(), 1, "an invalid query is not applied");
    press(&input, "Escape").await;
    assert_eq!(input.value(), "protocol:ssh", "Escape reverts to the applied query");

    // Applied queries land in the recent list.
    m.button("Queries").click();
    settle().await;
    assert!(texts(&m.root, ".picker-query").contains(&"protocol:ssh".to_owned()));
}

#[wasm_bindgen_test]
async fn builder_round_trips_and_refuses_what_it_cannot_show() {
    let text = "protocol:(ssh OR rdp) AND NOT verdict:ACCEPT AND duration:[60 TO *]";
    let m = mount(text, None, "test-builder");
    m.button("Builder").click();
    settle().await;
    assert!(m.root.query_selector("textarea").expect("selector").is_none());
    let fields: Vec<String> = {
        let list = m.root.query_selector_all(".builder-field").expect("selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.unchecked_into::<HtmlSelectElement>().value())
            .collect()
    };
    assert_eq!(fields, ["protocol", "verdict", "duration"]);
    let ops: Vec<String> = {
        let list = m.root.query_selector_all(".builder-op").expect("selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.unchecked_into::<HtmlSelectElement>().value())
            .collect()
    };
    assert_eq!(ops, ["one-of", "is-not", "between"]);
    assert_eq!(texts(&m.root, ".builder-preview .mono")[0], text);

    m.button("Text").click();
    settle().await;
    assert_eq!(m.input().value(), text, "unchanged rows give back the exact text");

    // An edit in the builder rewrites the text from the rows.
    m.button("Builder").click();
    settle().await;
    let value: web_sys::HtmlInputElement = find(&m.root, ".builder-row:nth-child(1) input.builder-value");
    value.set_value("telnet");
    value.dispatch_event(&dom_event("InputEvent", "input", &[])).expect("input");
    settle().await;
    m.button("Text").click();
    settle().await;
    assert_eq!(m.input().value(), "protocol:(telnet OR rdp) AND NOT verdict:ACCEPT AND duration:[60 TO *]");

    type_text(&m.input(), "NOT (a OR b)").await;
    m.button("Builder").click();
    settle().await;
    assert!(m.root.query_selector("textarea").expect("selector").is_some(), "stays in text mode");
    assert!(texts(&m.root, ".composer-note")[0].contains("negates a group"));
    assert_eq!(m.input().value(), "NOT (a OR b)", "never rewritten");
}
