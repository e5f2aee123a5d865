//! The view state bound to the URL: reading it from the query string, and
//! changing it by navigating (so back/forward and reloads work).

use leptos::prelude::*;

use crate::clock::now;
use crate::paths::browser::{Go, UrlBinding};
use crate::paths::Route;
use crate::state::config::AppConfig;
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
    binding: UrlBinding,
    config: StoredValue<AppConfig>,
}

impl ViewCtl {
    /// Binds the view to the URL of `route` (the page being built) and provides
    /// it as context.
    pub fn provide(route: Route) -> Self {
        let config = expect_context::<AppConfig>();
        let binding = UrlBinding::here(route);
        let parsed = {
            let config = config.clone();
            Memo::new(move |_| binding.pairs.with(|pairs| ViewState::from_query(pairs, &config, now())))
        };
        let browser = Zone::browser();
        let view = Memo::new(move |_| parsed.get().0);
        let ctl = ViewCtl {
            view,
            problems: Memo::new(move |_| parsed.get().1),
            zone: Memo::new(move |_| view.with(|v| v.zone.resolve(browser))),
            binding,
            config: StoredValue::new(config),
        };
        provide_context(ctl);
        ctl
    }

    /// The page's URL binding (for a page's own keys beside the view's).
    pub fn binding(&self) -> UrlBinding {
        self.binding
    }

    /// Shows `view` (a new history entry).
    pub fn set(&self, view: ViewState) {
        // Only the view's keys: a page's own keys (the search's sort and page) are
        // carried over, or reset, by the page itself.
        let pairs = self.config.with_value(|c| view.to_query(c));
        self.binding.set(&pairs, Go::Change);
    }

    /// Changes the current view with `change`.
    pub fn update(&self, change: impl FnOnce(&mut ViewState)) {
        let mut view = self.view.get_untracked();
        change(&mut view);
        self.set(view);
    }
}
