//! Light and dark themes: the choice lives in a signal, is remembered in
//! `localStorage`, and is applied as `data-theme` on `<html>` for the CSS variables.

use leptos::prelude::*;

pub use crate::state::presentation::Theme;

const STORAGE_KEY: &str = "sps-dashboard.theme";

fn stored_or_preferred() -> Theme {
    let window = web_sys::window();
    let stored = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    match stored.as_deref().and_then(Theme::parse) {
        Some(theme) => theme,
        None => {
            let prefers_dark = window
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches());
            if prefers_dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

/// Creates the theme signal, provides it as context and keeps `<html data-theme>`
/// and storage in step with it.
pub fn provide_theme() -> RwSignal<Theme> {
    let theme = RwSignal::new(stored_or_preferred());
    provide_context(theme);
    Effect::new(move |_| {
        let name = theme.get().name();
        let window = web_sys::window();
        if let Some(root) = window.as_ref().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            // Failing to set an attribute only leaves the previous theme showing.
            let _ = root.set_attribute("data-theme", name);
        }
        if let Some(storage) = window.and_then(|w| w.local_storage().ok().flatten()) {
            // Storage may be full or disabled (private mode): the theme still applies.
            let _ = storage.set_item(STORAGE_KEY, name);
        }
    });
    theme
}

/// The current theme (light when none was provided, e.g. in component tests).
pub fn use_theme() -> Signal<Theme> {
    match use_context::<RwSignal<Theme>>() {
        Some(theme) => theme.into(),
        None => Signal::stored(Theme::Light),
    }
}
