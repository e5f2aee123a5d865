//! The wall's rotation through saved views: `?kiosk=1&rotate=60s&views=a,b` shows
//! the saved view `a`, after a minute `b`, then `a` again. Views are saved by
//! name in the browser (the "Views" menu) as the query string of a view, without
//! the display keys (`kiosk`, `embed`, `theme`), which stay the wall's own.
//!
//! The two keys live beside the [`ViewState`](crate::state::view::ViewState)
//! keys, not in it: the wall carries them over from view to view.

use crate::paths::{query_pairs, query_string, query_value};
use crate::state::view::parse_refresh;

/// Query keys of a saved view that belong to the screen showing it, not the view.
const SCREEN_KEYS: [&str; 5] = ["kiosk", "embed", "theme", "rotate", "views"];

/// Which saved views to cycle through, and how fast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// Seconds each view stays.
    pub every: u32,
    /// Names of saved views, in order.
    pub views: Vec<String>,
}

/// Why the rotation keys could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RotationError {
    /// `rotate` is no interval of 5 s to 1 h.
    BadInterval(String),
    /// `rotate` without `views`, or `views` without a name.
    NoViews,
}

impl std::fmt::Display for RotationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RotationError::BadInterval(m) => write!(f, "{m}"),
            RotationError::NoViews => write!(f, "rotation needs `views=<name>,<name>` of saved views; not rotating"),
        }
    }
}

impl Rotation {
    /// Reads `rotate` and `views`; `Ok(None)` when the link does not rotate.
    pub fn from_query(pairs: &[(String, String)]) -> Result<Option<Self>, RotationError> {
        let get = |key: &str| query_value(pairs, key);
        let Some(rotate) = get("rotate") else { return Ok(None) };
        let every = match parse_refresh(rotate) {
            Ok(Some(s)) => s,
            Ok(None) => return Ok(None),
            Err(_) => {
                return Err(RotationError::BadInterval(format!(
                    "rotate `{rotate}` is not an interval of 5 seconds to 1 hour (like 60s or 5m); not rotating"
                )))
            }
        };
        let views: Vec<String> =
            get("views").unwrap_or("").split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect();
        if views.is_empty() {
            return Err(RotationError::NoViews);
        }
        Ok(Some(Rotation { every, views }))
    }

    /// The two keys, for the link of the next view.
    pub fn to_query(&self) -> Vec<(String, String)> {
        vec![
            ("rotate".to_owned(), crate::state::view::print_refresh(Some(self.every))),
            ("views".to_owned(), self.views.join(",")),
        ]
    }

    /// The view after the one at `index`.
    pub fn next(&self, index: usize) -> usize {
        (index + 1) % self.views.len().max(1)
    }
}

/// The query string saved for a view: its pairs without the screen's keys.
pub fn saved_form(pairs: &[(String, String)]) -> String {
    query_string(pairs.iter().filter(|(k, _)| !SCREEN_KEYS.contains(&k.as_str())))
}

/// The query pairs that show a saved view (`saved`, as [`saved_form`] wrote it) on
/// this screen: the view's own keys, then the screen's `screen` pairs (the current
/// display keys and the rotation), which win over any the saved form holds.
pub fn showing(saved: &str, screen: &[(String, String)]) -> Vec<(String, String)> {
    query_pairs(saved)
        .into_iter()
        .filter(|(k, _)| !SCREEN_KEYS.contains(&k.as_str()))
        .chain(screen.iter().filter(|(k, _)| SCREEN_KEYS.contains(&k.as_str())).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::paths::query_pairs as pairs;

    #[test]
    fn reads_and_prints_back() {
        let r = Rotation::from_query(&pairs("kiosk=1&rotate=60s&views=soc%20main,denied%20only")).unwrap().unwrap();
        assert_eq!(r, Rotation { every: 60, views: vec!["soc main".into(), "denied only".into()] });
        assert_eq!(Rotation::from_query(&r.to_query()), Ok(Some(r.clone())));
        assert_eq!(r.to_query()[0].1, "1m");
        assert_eq!((r.next(0), r.next(1)), (1, 0));
    }

    #[test]
    fn no_rotation_or_a_reason() {
        assert_eq!(Rotation::from_query(&pairs("kiosk=1&views=a")), Ok(None));
        assert_eq!(Rotation::from_query(&pairs("rotate=off&views=a")), Ok(None));
        assert_eq!(Rotation::from_query(&pairs("rotate=30s")), Err(RotationError::NoViews));
        assert_eq!(Rotation::from_query(&pairs("rotate=30s&views=,%20,")), Err(RotationError::NoViews));
        assert!(matches!(Rotation::from_query(&pairs("rotate=1s&views=a")), Err(RotationError::BadInterval(_))));
        assert!(matches!(Rotation::from_query(&pairs("rotate=soon&views=a")), Err(RotationError::BadInterval(_))));
    }

    #[test]
    fn a_saved_view_keeps_its_own_keys_and_takes_the_screens() {
        let saved = saved_form(&pairs("q=protocol%3Assh&panels=stat%3Aactive&kiosk=1&theme=light&histogram=off"));
        assert_eq!(saved, "q=protocol%3Assh&panels=stat%3Aactive&histogram=off");
        let screen = pairs("q=other&kiosk=1&theme=dark&rotate=1m&views=a,b");
        assert_eq!(
            showing(&saved, &screen),
            pairs("q=protocol%3Assh&panels=stat%3Aactive&histogram=off&kiosk=1&theme=dark&rotate=1m&views=a,b")
        );
    }
}
