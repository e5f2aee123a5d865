//! The session page's URL state: the events filter, the type chips, the display
//! zone, the event to show and the alerts page.
//!
//! | key | example | default |
//! | --- | --- | --- |
//! | `q` | `content:sudo` (the events query language) | empty |
//! | `types` | `command,window_title` | every type |
//! | `tz` | `UTC`, `Europe/Budapest` | the browser's |
//! | `event` | `94` (a record id: scroll to it and show it) | none |
//! | `apage` | `2` (alerts page, from 1) | `1` |

use sps_api::EventType;
use sps_query::builder::{add_clause, any_of};

use crate::paths::query_value;
use crate::state::content::events_filter;
use crate::state::view::{Problem, ZoneChoice, MAX_QUERY_BYTES};
use crate::zone::Zone;

/// Longest type name taken from a URL.
const MAX_TYPE_CHARS: usize = 64;

/// What the session page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionView {
    /// The events query as typed.
    pub q: String,
    /// The event types shown (empty: all).
    pub types: Vec<EventType>,
    /// The display zone.
    pub zone: ZoneChoice,
    /// The record id of the event to scroll to.
    pub event: Option<u64>,
    /// The alerts page, from 1.
    pub alerts_page: u32,
}

impl SessionView {
    /// Reads the view; unusable values are dropped and reported.
    pub fn from_query(pairs: &[(String, String)]) -> (Self, Vec<Problem>) {
        let get = |key: &str| query_value(pairs, key);
        let mut view = SessionView { alerts_page: 1, ..SessionView::default() };
        let mut problems = Vec::new();
        if let Some(q) = get("q") {
            if q.len() > MAX_QUERY_BYTES {
                problems.push(Problem { key: "q", message: "the events query is too long and was dropped".into() });
            } else {
                view.q = q.to_owned();
            }
        }
        if let Some(types) = get("types") {
            for name in types.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                if name.chars().count() > MAX_TYPE_CHARS || name.chars().any(char::is_control) {
                    problems.push(Problem {
                        key: "types",
                        message: "an event type in the link is not a type name; left out".into(),
                    });
                    continue;
                }
                let t = EventType::from(name);
                if !view.types.contains(&t) {
                    view.types.push(t);
                }
            }
        }
        match get("tz") {
            None | Some("browser") => {}
            Some(name) => match name.parse::<Zone>() {
                Ok(tz) => view.zone = ZoneChoice::Named(tz),
                Err(_) => problems
                    .push(Problem { key: "tz", message: format!("`{name}` is not a time zone; using the browser's") }),
            },
        }
        if let Some(text) = get("event") {
            match text.trim().parse::<u64>() {
                Ok(id) => view.event = Some(id),
                Err(_) => {
                    problems.push(Problem { key: "event", message: format!("`{text}` is not an event record id") })
                }
            }
        }
        if let Some(text) = get("apage") {
            match text.trim().parse::<u32>() {
                Ok(p) if p >= 1 => view.alerts_page = p,
                _ => problems
                    .push(Problem { key: "apage", message: format!("alerts page `{text}` is not a page number") }),
            }
        }
        (view, problems)
    }

    /// The query pairs, leaving out defaults.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q".to_owned(), self.q.clone()));
        }
        if !self.types.is_empty() {
            pairs.push(("types".to_owned(), self.types.iter().map(EventType::as_str).collect::<Vec<_>>().join(",")));
        }
        if let ZoneChoice::Named(tz) = self.zone {
            pairs.push(("tz".to_owned(), tz.name().to_owned()));
        }
        if let Some(id) = self.event {
            pairs.push(("event".to_owned(), id.to_string()));
        }
        if self.alerts_page > 1 {
            pairs.push(("apage".to_owned(), self.alerts_page.to_string()));
        }
        pairs
    }

    /// The `q` sent for events: the typed query and the chosen types; `None` when
    /// the typed query does not parse.
    pub fn events_query(&self) -> Option<String> {
        let types = any_of("type", self.types.iter().map(EventType::as_str));
        add_clause(&self.q, &types).ok()
    }

    /// The view with `t` shown or hidden.
    pub fn toggled(&self, t: &EventType) -> Self {
        let mut next = self.clone();
        match next.types.iter().position(|x| x == t) {
            Some(i) => {
                next.types.remove(i);
            }
            None => next.types.push(t.clone()),
        }
        next.event = None;
        next
    }
}

/// The link to a session's page (the id percent-encoded as one path segment),
/// keeping a named display zone.
pub fn session_href(id: &str, zone: ZoneChoice, event: Option<u64>) -> String {
    session_link(id, &SessionView { zone, event, alerts_page: 1, ..SessionView::default() })
}

/// The session page a view of sessions opens: its display zone, and with a content
/// search the events that search found (the filter [`events_filter`] writes, whose
/// words the page marks).
pub fn opened_from(zone: ZoneChoice, content: &str) -> SessionView {
    SessionView { zone, q: events_filter(content).unwrap_or_default(), alerts_page: 1, ..SessionView::default() }
}

/// The link to a session's page showing `view` (the id one path segment, see
/// [`crate::paths::session`]).
pub fn session_link(id: &str, view: &SessionView) -> String {
    crate::paths::with_query(&crate::paths::session(id), &view.to_query())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{query_pairs, query_string};

    fn read(q: &str) -> (SessionView, Vec<Problem>) {
        SessionView::from_query(&query_pairs(q))
    }

    #[test]
    fn reads_and_prints_back() {
        let url = "q=content%3Asudo&types=command%2Cwindow_title&tz=UTC&event=94&apage=2";
        let (view, problems) = read(url);
        assert!(problems.is_empty());
        assert_eq!(view.types, vec![EventType::Command, EventType::WindowTitle]);
        assert_eq!((view.event, view.alerts_page), (Some(94), 2));
        let printed = query_string(view.to_query());
        assert_eq!(printed, url);
        assert_eq!(read("").0.to_query(), vec![]);
    }

    #[test]
    fn bad_values_are_reported() {
        let (view, problems) = read("tz=Mars&event=x&apage=0&types=%07bad%2Cscreen.keystroke");
        assert_eq!(problems.iter().map(|p| p.key).collect::<Vec<_>>(), ["types", "tz", "event", "apage"]);
        assert_eq!(view.types, vec![EventType::Other("screen.keystroke".into())]);
        assert_eq!(view.alerts_page, 1);
    }

    #[test]
    fn the_sent_query_joins_text_and_types() {
        let (view, _) = read("q=content%3Asudo+OR+content%3Asu&types=command%2Cscreen.content");
        assert_eq!(
            view.events_query().as_deref(),
            Some("(content:sudo OR content:su) AND type:(command OR screen.content)")
        );
        let (view, _) = read("types=command");
        assert_eq!(view.events_query().as_deref(), Some("type:command"));
        assert_eq!(read("").0.events_query().as_deref(), Some(""));
        assert_eq!(read("q=content%3A(").0.events_query(), None);
        let toggled = read("types=command&event=4").0.toggled(&EventType::Command);
        assert!(toggled.types.is_empty() && toggled.event.is_none());
    }

    #[test]
    fn a_session_opened_from_a_content_search_filters_its_events_by_its_words() {
        let view = opened_from(ZoneChoice::Named(Zone::UTC), "sudo AND NOT ls");
        assert_eq!(session_link("s1", &view), "/sessions/s1?q=content%3Asudo&tz=UTC");
        assert_eq!(view.events_query().as_deref(), Some("content:sudo"));
        assert_eq!(session_link("s1", &opened_from(ZoneChoice::Browser, "")), "/sessions/s1");
        assert_eq!(session_link("s1", &opened_from(ZoneChoice::Browser, "NOT ls")), "/sessions/s1");
    }

    #[test]
    fn session_links_encode_the_id() {
        assert_eq!(session_href("abc", ZoneChoice::Browser, None), "/sessions/abc");
        assert_eq!(
            session_href("svc/odd id#1?&=%ü", ZoneChoice::Named(Zone::UTC), Some(7)),
            "/sessions/svc%2Fodd%20id%231%3F%26%3D%25%C3%BC?tz=UTC&event=7"
        );
    }
}
