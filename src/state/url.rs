//! The view state bound to the URL: reading it from the query string, and
//! changing it by navigating (so back/forward and reloads work).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::refresh::now;
use crate::config::AppConfig;
use crate::state::view::{Problem, ViewState};
use crate::zone::Zone;

/// Read and change the page's view.
#[derive(Debug, Clone, Copy)]
pub struct ViewCtl {
    /// The view the URL describes.
    pub view: Memo<ViewState>,
    /// What was wrong with the URL, if anything.
    pub problems: Memo<Vec<Problem>>,
    /// The zone times are shown in.
    pub zone: Memo<Zone>,
    path: StoredValue<String>,
    config: StoredValue<AppConfig>,
    navigate: StoredValue<Box<dyn Fn(&str, NavigateOptions)>, LocalStorage>,
}

impl ViewCtl {
    /// Binds the view to the URL of the current route and provides it as context.
    pub fn provide() -> Self {
        let config = expect_context::<AppConfig>();
        let location = use_location();
        let path = location.pathname.get_untracked();
        let parsed = {
            let config = config.clone();
            Memo::new(move |_| {
                let search = location.search.get();
                let pairs: Vec<(String, String)> =
                    form_urlencoded::parse(search.trim_start_matches('?').as_bytes()).into_owned().collect();
                ViewState::from_query(&pairs, &config, now())
            })
        };
        let browser = Zone::browser();
        let view = Memo::new(move |_| parsed.get().0);
        let ctl = ViewCtl {
            view,
            problems: Memo::new(move |_| parsed.get().1),
            zone: Memo::new(move |_| view.with(|v| v.zone.resolve(browser))),
            path: StoredValue::new(path),
            config: StoredValue::new(config),
            navigate: StoredValue::new_local(Box::new(use_navigate())),
        };
        provide_context(ctl);
        ctl
    }

    /// The URL of `view` on this page.
    pub fn href(&self, view: &ViewState) -> String {
        let pairs = self.config.with_value(|c| view.to_query(c));
        let path = self.path.get_value();
        if pairs.is_empty() {
            return path;
        }
        format!("{path}?{}", form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish())
    }

    /// Shows `view` (a new history entry).
    pub fn set(&self, view: ViewState) {
        let href = self.href(&view);
        // `href` starts from the current pathname, which already holds the base.
        let options = NavigateOptions { scroll: false, resolve: false, ..Default::default() };
        self.navigate.with_value(|navigate| navigate(&href, options));
    }

    /// Changes the current view with `change`.
    pub fn update(&self, change: impl FnOnce(&mut ViewState)) {
        let mut view = self.view.get_untracked();
        change(&mut view);
        self.set(view);
    }
}
