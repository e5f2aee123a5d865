//! The app: configuration, theme, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{ApiClient, Auth};
use crate::components::login_dialog::LoginDialog;
use crate::components::shell::Shell;
use crate::pages::not_found::NotFound;
use crate::pages::overview::Overview;
use crate::pages::search::SessionSearch;
use crate::pages::session::Session;
use crate::paths::Mount;
use crate::state::config::AppConfig;
use crate::theme::provide_theme;

/// Where the runtime configuration is, relative to the page.
const CONFIG_URL: &str = "config.json";

/// Loads `config.json`. A missing or broken file falls back to the defaults with
/// a warning the page shows, so a deployment mistake is visible, not fatal.
pub async fn load_config() -> (AppConfig, Option<String>) {
    let text = match gloo_net::http::Request::get(CONFIG_URL).send().await {
        Ok(r) if r.ok() => r.text().await.map_err(|e| e.to_string()),
        Ok(r) => Err(format!("HTTP {}", r.status())),
        Err(e) => Err(e.to_string()),
    };
    match text.map(|t| AppConfig::from_json(&t)) {
        Ok(Ok(config)) => (config, None),
        Ok(Err(e)) => (AppConfig::default(), Some(format!("{e}. Using the defaults."))),
        Err(e) => (AppConfig::default(), Some(format!("config.json could not be loaded ({e}). Using the defaults."))),
    }
}

/// The whole app, for an already loaded configuration.
#[component]
pub fn App(
    /// The deployment's settings.
    config: AppConfig,
    /// A problem with `config.json` to show, if any.
    config_warning: Option<String>,
) -> impl IntoView {
    provide_theme();
    provide_context(ApiClient::new(&config.api_base, config.request_timeout_seconds, Auth::new()));
    provide_context(config);

    view! {
        <Router base=Mount::current().prefix().to_owned()>
            <Shell>
                {config_warning
                    .map(|w| {
                        view! {
                            <p class="banner banner-warning" role="alert">
                                {w}
                            </p>
                        }
                    })} <main id="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Overview />
                        <Route path=path!("/sessions") view=SessionSearch />
                        <Route path=path!("/sessions/:id") view=Session />
                    </Routes>
                </main> <LoginDialog />
            </Shell>
        </Router>
    }
}
