//! Every link and navigation target of the app, and the one place the mount
//! (the sub-path a portal serves the app under) is applied.
//!
//! Targets are app-relative (`/sessions?q=…`): the pages build them with the
//! functions here, and [`Mount::href`] puts the mount in front exactly once.
//! Leptos's router treats links and navigations differently (`<A href="/x">`
//! is used as written, `navigate("/x")` gets the router's base prepended), so
//! the browser half ([`browser`]) hands both the full path and navigates with
//! `resolve: false`: no caller ever sees the difference.

#[cfg(target_arch = "wasm32")]
pub mod browser;

/// The overview.
pub const OVERVIEW: &str = "/";
/// The session search.
pub const SESSIONS: &str = "/sessions";

/// A page of the app, as the router knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `/`
    Overview,
    /// `/sessions`
    Sessions,
    /// `/sessions/<id>`
    Session,
}

impl Route {
    /// The route an app-relative path (no query) shows, if any.
    pub fn of(path: &str) -> Option<Route> {
        match path {
            "" | OVERVIEW => Some(Route::Overview),
            SESSIONS | "/sessions/" => Some(Route::Sessions),
            _ => {
                let id = path.strip_prefix("/sessions/")?;
                (!id.is_empty() && !id.contains('/')).then_some(Route::Session)
            }
        }
    }
}

/// The path of one session's page: the id percent-encoded as one segment, so
/// `/`, `?`, `#` and `..` in an id stay inside it.
pub fn session(id: &str) -> String {
    format!("{SESSIONS}/{}", sps_api::path::segment(id))
}

/// `path?pairs`, or just `path` without pairs.
pub fn with_query(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    format!("{path}?{}", query_string(pairs))
}

/// `pairs` form-encoded as browsers do (`a=1&b=x+y`), without the `?`.
pub fn query_string<K, V, I>(pairs: I) -> String
where
    K: AsRef<str>,
    V: AsRef<str>,
    I: IntoIterator,
    I::Item: std::borrow::Borrow<(K, V)>,
{
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// The value of `key` in `pairs`: the last one when the key repeats, so a key
/// appended to a link overrides an earlier one (every page reads its URL so).
pub fn query_value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// The pairs of a query string (`?a=1&b=2` or `a=1&b=2`), decoded.
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(search.trim_start_matches('?').as_bytes()).into_owned().collect()
}

/// Where the app is mounted: `""` at the root, `/tools/sps-dashboard` under a
/// sub-path (never a trailing slash).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mount(String);

impl Mount {
    /// The mount of a base path such as `/`, `/tools/sps-dashboard/` or
    /// `/tools/sps-dashboard`.
    pub fn new(base_path: &str) -> Mount {
        Mount(base_path.trim_end_matches('/').to_owned())
    }

    /// The prefix every path of the app carries (`""` at the root).
    pub fn prefix(&self) -> &str {
        &self.0
    }

    /// The browser path of an app-relative target (which starts with `/`).
    pub fn href(&self, target: &str) -> String {
        format!("{}{target}", self.0)
    }

    /// The app-relative form of a browser path, `None` when the path lies
    /// outside the mount.
    pub fn strip<'a>(&self, pathname: &'a str) -> Option<&'a str> {
        let rest = pathname.strip_prefix(self.0.as_str())?;
        match rest {
            "" => Some(OVERVIEW),
            _ if rest.starts_with('/') => Some(rest),
            // `/tools/sps-dashboardX` is not under `/tools/sps-dashboard`.
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_mount_is_applied_exactly_once() {
        let root = Mount::new("/");
        let portal = Mount::new("/tools/sps-dashboard/");
        assert_eq!(root.href(SESSIONS), "/sessions");
        assert_eq!(portal.href(SESSIONS), "/tools/sps-dashboard/sessions");
        assert_eq!(portal.href(OVERVIEW), "/tools/sps-dashboard/");
        assert_eq!(Mount::new("/tools/sps-dashboard"), portal);
        // What a link points at, stripped, is the target again: no doubled base.
        for target in [OVERVIEW, SESSIONS, "/sessions/a%2Fb"] {
            assert_eq!(portal.strip(&portal.href(target)), Some(target));
            assert_eq!(root.strip(&root.href(target)), Some(target));
        }
    }

    #[test]
    fn paths_outside_the_mount_are_not_the_app() {
        let portal = Mount::new("/tools/sps-dashboard");
        assert_eq!(portal.strip("/tools/sps-dashboard"), Some(OVERVIEW));
        assert_eq!(portal.strip("/sessions"), None);
        assert_eq!(portal.strip("/tools/sps-dashboardX/sessions"), None);
        assert_eq!(Mount::default().strip("/sessions"), Some(SESSIONS));
    }

    #[test]
    fn routes_are_told_apart() {
        assert_eq!(Route::of("/"), Some(Route::Overview));
        assert_eq!(Route::of("/sessions"), Some(Route::Sessions));
        assert_eq!(Route::of(&session("a/b?c")), Some(Route::Session));
        assert_eq!(Route::of("/sessions/"), Some(Route::Sessions));
        assert_eq!(Route::of("/tools/sps-dashboard/sessions"), None);
        assert_eq!(Route::of("/sessions/a/b"), None);
    }

    #[test]
    fn session_ids_stay_one_segment() {
        assert_eq!(session("abc"), "/sessions/abc");
        assert_eq!(session("svc/odd id#1?&=%ü"), "/sessions/svc%2Fodd%20id%231%3F%26%3D%25%C3%BC");
        assert_eq!(session("../x"), "/sessions/..%2Fx");
    }

    #[test]
    fn query_strings_round_trip() {
        let list = pairs(&[("q", "protocol:ssh AND a=b&c"), ("tz", "UTC"), ("empty", "")]);
        let href = with_query(SESSIONS, &list);
        assert_eq!(href, "/sessions?q=protocol%3Assh+AND+a%3Db%26c&tz=UTC&empty=");
        let (_, search) = href.split_once('?').unwrap_or_default();
        assert_eq!(query_pairs(search), list);
        assert_eq!(query_pairs(&format!("?{search}")), list);
        assert_eq!(with_query(SESSIONS, &[]), SESSIONS);
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value() {
        let list = query_pairs("q=a&tz=UTC&q=b");
        assert_eq!(query_value(&list, "q"), Some("b"));
        assert_eq!(query_value(&list, "tz"), Some("UTC"));
        assert_eq!(query_value(&list, "page"), None);
    }
}
