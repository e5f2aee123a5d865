//! The browser half of [`crate::paths`]: the mount read from the document, links
//! and navigations that carry it, and the binding of a page's state to its URL.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use super::{query_pairs, with_query, Mount, Route};

impl Mount {
    /// The mount the document is served under, read from its base URL, which
    /// `<base href>` in `index.html` sets (`/` as built; the reverse proxy or a
    /// one-line rewrite sets the sub-path, README "Under a sub-path"), so one
    /// build serves any path.
    pub fn current() -> Mount {
        let base = document().base_uri().ok().flatten().unwrap_or_default();
        Mount::new(&web_sys::Url::new(&base).map(|url| url.pathname()).unwrap_or_default())
    }
}

/// The `href` of an app-relative target, for `<a>` and `<A>`.
pub fn href(target: &str) -> String {
    Mount::current().href(target)
}

/// What a navigation does to history and scrolling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    /// Opens another page: a new history entry, scrolled to the top.
    Open,
    /// Changes what this page shows: a new history entry, scroll kept.
    Change,
    /// Rewrites this page's URL in place (no history entry, scroll kept).
    Rewrite,
}

impl Go {
    fn options(self) -> NavigateOptions {
        NavigateOptions {
            // The target already carries the mount: the router must not add it again.
            resolve: false,
            replace: self == Go::Rewrite,
            scroll: self == Go::Open,
            ..Default::default()
        }
    }
}

/// The router's navigation function.
type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

/// Navigation to app-relative targets (create it while the component is built).
#[derive(Clone, Copy)]
pub struct Navigator(StoredValue<Navigate, LocalStorage>);

impl std::fmt::Debug for Navigator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Navigator")
    }
}

impl Navigator {
    /// The router's navigation, for the component being built.
    pub fn here() -> Navigator {
        Navigator(StoredValue::new_local(Box::new(use_navigate())))
    }

    /// Goes to `target` (app-relative, with its query).
    pub fn go(&self, target: &str, step: Go) {
        let full = href(target);
        self.0.with_value(|navigate| navigate(&full, step.options()));
    }
}

/// A page's state bound to its URL: the query pairs while the URL is this
/// page's, and a way to change them. The one binder every page uses.
#[derive(Debug, Clone, Copy)]
pub struct UrlBinding {
    /// The query pairs of the page's URL. While the router leaves the page for
    /// another (its URL already the next page's, the page not yet disposed),
    /// they keep their last value: the page must not read or rewrite the next
    /// page's keys.
    pub pairs: Memo<Vec<(String, String)>>,
    /// The app-relative path of the page, while it is shown.
    path: Memo<Option<String>>,
    navigator: Navigator,
}

impl UrlBinding {
    /// Binds to the URL of the `route` being built.
    pub fn here(route: Route) -> UrlBinding {
        let location = use_location();
        let mount = Mount::current();
        let path = Memo::new(move |_| {
            let pathname = location.pathname.get();
            mount.strip(&pathname).filter(|p| Route::of(p) == Some(route)).map(str::to_owned)
        });
        let pairs = Memo::new(move |last: Option<&Vec<(String, String)>>| match (path.get(), last) {
            (None, Some(last)) => last.clone(),
            _ => query_pairs(&location.search.get()),
        });
        UrlBinding { pairs, path, navigator: Navigator::here() }
    }

    /// The page's link with `pairs` as its query (app-relative), `None` once
    /// the page is left.
    pub fn target(&self, pairs: &[(String, String)]) -> Option<String> {
        self.path.get_untracked().map(|path| with_query(&path, pairs))
    }

    /// Shows the page with `pairs` as its query. Does nothing once the page is
    /// left: a late change must not pull the analyst back.
    pub fn set(&self, pairs: &[(String, String)], step: Go) {
        if let Some(target) = self.target(pairs) {
            self.navigator.go(&target, step);
        }
    }
}
