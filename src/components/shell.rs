//! The page frame: header and skip link (hidden on the wall and in a portal's
//! frame), the display mode from the URL, and the shortcut help.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::components::header::Header;
use crate::components::shortcuts::{provide_shortcuts, ShortcutHelp};
use crate::paths::query_pairs;
use crate::state::presentation::{Presentation, Theme};

/// The display mode of the current URL.
#[derive(Debug, Clone, Copy)]
pub struct DisplayMode(pub Memo<Presentation>);

/// The display mode (normal when no shell provided one, e.g. in component tests).
pub fn use_display() -> Signal<Presentation> {
    match use_context::<DisplayMode>() {
        Some(DisplayMode(d)) => d.into(),
        None => Signal::stored(Presentation::NORMAL),
    }
}

/// Frames every page.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let location = use_location();
    let display = Memo::new(move |_| Presentation::from_query(&query_pairs(&location.search.get())).0);
    provide_context(DisplayMode(display));
    provide_shortcuts();
    if let Some(theme) = use_context::<RwSignal<Theme>>() {
        Effect::new(move |_| {
            if let Some(forced) = display.get().theme {
                theme.set(forced);
            }
        });
    }
    // Mode classes on <body> scale the type for the wall and drop page margins in a frame.
    Effect::new(move |_| {
        let d = display.get();
        if let Some(body) = document().body() {
            let classes = body.class_list();
            // Toggling a class cannot fail on a live element; ignore the Result.
            let _ = classes.toggle_with_force("kiosk", d.kiosk);
            let _ = classes.toggle_with_force("embed", d.embed);
        }
    });
    view! {
        <Show when=move || !display.get().bare()>
            // Under a <base href> a bare "#main" would resolve against the base, not
            // this page: move the focus by hand.
            <a
                class="skip-link"
                href="#main"
                on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(main) = document()
                        .get_element_by_id("main")
                        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = main.focus();
                    }
                }
            >
                "Skip to content"
            </a>
            <Header />
        </Show>
        {children()}
        <ShortcutHelp />
    }
}
