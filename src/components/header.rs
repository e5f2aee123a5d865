//! The page header: product name, navigation and the theme switch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::ApiClient;
use crate::paths::browser::href;
use crate::paths::{OVERVIEW, SESSIONS};
use crate::theme::Theme;

/// The header shown on every page.
#[component]
pub fn Header() -> impl IntoView {
    let theme = expect_context::<RwSignal<Theme>>();
    let auth = expect_context::<ApiClient>().auth();
    let next = move || match theme.get() {
        Theme::Light => "Dark theme",
        Theme::Dark => "Light theme",
    };
    view! {
        <header class="app-header">
            <a class="brand" href=href(OVERVIEW)>
                <span class="brand-mark" aria-hidden="true">
                    "◆"
                </span>
                "SPS Dashboard"
            </a>
            <nav aria-label="Main">
                <A href=href(OVERVIEW) exact=true>
                    "Overview"
                </A>
                <A href=href(SESSIONS)>"Sessions"</A>
            </nav>
            {move || {
                auth.user
                    .get()
                    .map(|name| {
                        view! {
                            <span class="user">"Logged in as " <strong>{name}</strong></span>
                            <button type="button" on:click=move |_| auth.log_out()>
                                "Log out"
                            </button>
                        }
                    })
            }}
            <button type="button" class="theme-toggle" on:click=move |_| theme.update(|t| *t = t.toggled())>
                {next}
            </button>
        </header>
    }
}
