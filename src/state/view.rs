//! The overview's view state and its query-string form.
//!
//! | key | example | default |
//! | --- | --- | --- |
//! | `q` | `protocol:ssh AND NOT verdict:ACCEPT` | empty |
//! | `content` | `sudo OR "rm -rf"` (a search of the recorded content) | empty |
//! | `start`, `end` | `now-24h`, `now`, `2026-11-20T08:00:00Z` | config `default_range`, `now` |
//! | `tz` | `UTC`, `Europe/Budapest`, `browser` | `browser` |
//! | `bin` | `auto`, `hour` | `auto` |
//! | `refresh` | `off`, `30s`, `5m`, `1h` | config `refresh_seconds` |
//! | `panels` | `protocol;user.gateway_username/protocol:10;stat:denied:warn=10` | the five default panels |
//! | `kiosk`, `embed`, `theme`, `histogram` | `kiosk=1`, `theme=dark`, `histogram=off` | see [`Presentation`] |
//!
//! Values equal to the default are left out of printed links. A bad value never
//! stops the page: it is replaced by the default and reported as a [`Problem`].

use chrono::{DateTime, Utc};
use sps_api::BinSize;
use sps_query::Schema;

use crate::charts::bins::BinChoice;
use crate::paths::query_value;
use crate::state::config::AppConfig;
use crate::state::presentation::Presentation;
use crate::state::refresh_timing::REFRESH_BOUNDS;
use crate::state::stat::{StatSpec, PREFIX as STAT_PREFIX};
use crate::state::time_range::{TimeExpr, TimeRange};
use crate::zone::Zone;

/// Longest query (and content search) accepted from a URL (bytes).
pub const MAX_QUERY_BYTES: usize = 10 * 1024;
/// Most panels a view may hold.
pub const MAX_PANELS: usize = 24;
/// Largest top-N size of a panel.
pub const MAX_PANEL_SIZE: u32 = 50;
/// The refresh intervals the picker offers, in seconds.
pub const REFRESH_CHOICES: [u32; 8] = [5, 10, 30, 60, 300, 900, 1800, 3600];

/// Which zone times are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ZoneChoice {
    /// The browser's zone.
    #[default]
    Browser,
    /// A named IANA zone (UTC included).
    Named(Zone),
}

impl ZoneChoice {
    /// The zone to use, given the browser's.
    pub fn resolve(self, browser: Zone) -> Zone {
        match self {
            ZoneChoice::Browser => browser,
            ZoneChoice::Named(tz) => tz,
        }
    }
}

/// One top-N panel: a field, an optional sub-field, a size.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PanelSpec {
    /// The session field counted.
    pub field: String,
    /// The field each bar is split by.
    pub sub_field: Option<String>,
    /// How many top values.
    pub size: u32,
}

impl PanelSpec {
    /// A panel over `field`, top `size`.
    pub fn new(field: &str, sub_field: Option<&str>, size: u32) -> Self {
        PanelSpec { field: field.to_owned(), sub_field: sub_field.map(str::to_owned), size }
    }

    /// A heading such as "user.gateway_username by protocol".
    pub fn title(&self) -> String {
        match &self.sub_field {
            Some(sub) => format!("{} by {sub}", self.field),
            None => self.field.clone(),
        }
    }

    fn print(&self) -> String {
        let mut s = self.field.clone();
        if let Some(sub) = &self.sub_field {
            s.push('/');
            s.push_str(sub);
        }
        if self.size != DEFAULT_PANEL_SIZE {
            s.push_str(&format!(":{}", self.size));
        }
        s
    }
}

/// One panel of the overview.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The top values of a field.
    TopN(PanelSpec),
    /// One big number and its trend (`stat:…`).
    Stat(StatSpec),
}

impl Panel {
    fn print(&self) -> String {
        match self {
            Panel::TopN(spec) => spec.print(),
            Panel::Stat(spec) => spec.print(),
        }
    }
}

/// Top-N size of a panel that names none.
pub const DEFAULT_PANEL_SIZE: u32 = 10;

/// The panels of a fresh overview.
pub fn default_panels() -> Vec<Panel> {
    [
        PanelSpec::new("protocol", None, DEFAULT_PANEL_SIZE),
        PanelSpec::new("user.gateway_username", Some("protocol"), DEFAULT_PANEL_SIZE),
        PanelSpec::new("server.ip", None, DEFAULT_PANEL_SIZE),
        PanelSpec::new("recording.connection_policy", None, DEFAULT_PANEL_SIZE),
        PanelSpec::new("verdict", None, DEFAULT_PANEL_SIZE),
    ]
    .into_iter()
    .map(Panel::TopN)
    .collect()
}

/// Everything the overview shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    /// The query narrowing every panel.
    pub q: String,
    /// The content search narrowing the top-N panels (the stats `content`
    /// parameter; the histogram cannot take it).
    pub content: String,
    /// The time range.
    pub range: TimeRange,
    /// The display zone.
    pub zone: ZoneChoice,
    /// The histogram's bin size.
    pub bin: BinChoice,
    /// Auto-refresh interval in seconds (`None` = off).
    pub refresh: Option<u32>,
    /// The panels: top-N charts and stat tiles.
    pub panels: Vec<Panel>,
    /// Kiosk, embedding, forced theme, histogram on/off.
    pub display: Presentation,
}

/// A URL parameter that could not be used, and what was used instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The parameter.
    pub key: &'static str,
    /// What was wrong, for the user.
    pub message: String,
}

impl ViewState {
    /// The view a URL without parameters shows.
    pub fn defaults(config: &AppConfig) -> Self {
        let start = TimeExpr::parse(&config.default_range).unwrap_or(TimeExpr::Now { minus_minutes: 24 * 60 });
        ViewState {
            q: String::new(),
            content: String::new(),
            range: TimeRange { start, end: TimeExpr::NOW },
            zone: ZoneChoice::Browser,
            bin: BinChoice::Auto,
            refresh: (config.refresh_seconds > 0).then_some(config.refresh_seconds),
            panels: default_panels(),
            display: Presentation::NORMAL,
        }
    }

    /// Reads the view from query pairs; unusable values fall back to the defaults
    /// and are reported.
    pub fn from_query(pairs: &[(String, String)], config: &AppConfig, now: DateTime<Utc>) -> (Self, Vec<Problem>) {
        let mut view = ViewState::defaults(config);
        let mut problems = Vec::new();
        let get = |key: &str| query_value(pairs, key);
        let mut problem = |key: &'static str, message: String| problems.push(Problem { key, message });

        if let Some(q) = get("q") {
            if q.len() > MAX_QUERY_BYTES {
                problem("q", format!("the query is longer than {} KB and was dropped", MAX_QUERY_BYTES / 1024));
            } else {
                view.q = q.to_owned();
            }
        }
        if let Some(content) = get("content") {
            if content.len() > MAX_QUERY_BYTES {
                problem(
                    "content",
                    format!("the content search is longer than {} KB and was dropped", MAX_QUERY_BYTES / 1024),
                );
            } else {
                view.content = content.to_owned();
            }
        }
        if get("start").is_some() || get("end").is_some() {
            let start = get("start").map_or(Ok(view.range.start), TimeExpr::parse);
            let end = get("end").map_or(Ok(TimeExpr::NOW), TimeExpr::parse);
            let range = start.and_then(|start| {
                let range = TimeRange { start, end: end? };
                range.check(now).map(|()| range)
            });
            match range {
                Ok(r) => view.range = r,
                Err(e) => problem("start", format!("time range: {e}; showing the default range")),
            }
        }
        match get("tz") {
            None | Some("browser") => {}
            Some(name) => match name.parse::<Zone>() {
                Ok(tz) => view.zone = ZoneChoice::Named(tz),
                Err(_) => problem("tz", format!("`{name}` is not a time zone; using the browser's")),
            },
        }
        match get("bin") {
            None | Some("auto") => {}
            Some(name) => match BinSize::parse(name) {
                Ok(bin) => view.bin = BinChoice::Fixed(bin),
                Err(_) => {
                    problem("bin", format!("`{name}` is not a bin size (second … year); choosing one automatically"))
                }
            },
        }
        if let Some(text) = get("refresh") {
            match parse_refresh(text) {
                Ok(r) => view.refresh = r,
                Err(message) => problem("refresh", message),
            }
        }
        let (display, display_problems) = Presentation::from_query(pairs);
        view.display = display;
        for m in display_problems {
            problem("theme", m);
        }
        if let Some(text) = get("panels") {
            let (panels, messages) = parse_panels(text);
            view.panels = panels;
            for m in messages {
                problem("panels", m);
            }
        }
        (view, problems)
    }

    /// The query pairs of this view, leaving out what equals the defaults.
    pub fn to_query(&self, config: &AppConfig) -> Vec<(String, String)> {
        let defaults = ViewState::defaults(config);
        let mut pairs = Vec::new();
        let mut put = |k: &str, v: String| pairs.push((k.to_owned(), v));
        if !self.q.is_empty() {
            put("q", self.q.clone());
        }
        if !self.content.is_empty() {
            put("content", self.content.clone());
        }
        if self.range != defaults.range {
            put("start", self.range.start.to_string());
            put("end", self.range.end.to_string());
        }
        if let ZoneChoice::Named(tz) = self.zone {
            put("tz", tz.name().to_owned());
        }
        if let BinChoice::Fixed(bin) = self.bin {
            put("bin", bin.as_str().to_owned());
        }
        if self.refresh != defaults.refresh {
            put("refresh", print_refresh(self.refresh));
        }
        if self.panels != defaults.panels {
            put("panels", self.panels.iter().map(Panel::print).collect::<Vec<_>>().join(";"));
        }
        pairs.extend(self.display.to_query());
        pairs
    }
}

/// `off`, `30s`, `5m`, `1h` (or a bare number of seconds).
pub fn parse_refresh(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text == "off" {
        return Ok(None);
    }
    let (number, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len()));
    let scale = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => return Err(format!("refresh `{text}` is not an interval like 30s, 5m or 1h; refresh unchanged")),
    };
    let seconds = number.parse::<u32>().ok().and_then(|n| n.checked_mul(scale));
    match seconds {
        Some(s) if (REFRESH_BOUNDS.0..=REFRESH_BOUNDS.1).contains(&s) => Ok(Some(s)),
        _ => Err(format!("refresh `{text}` must be between 5 seconds and 1 hour; refresh unchanged")),
    }
}

/// The URL form of a refresh interval.
pub fn print_refresh(refresh: Option<u32>) -> String {
    match refresh {
        None => "off".to_owned(),
        Some(s) if s % 3600 == 0 => format!("{}h", s / 3600),
        Some(s) if s % 60 == 0 => format!("{}m", s / 60),
        Some(s) => format!("{s}s"),
    }
}

/// `field[/sub_field][:size]` or `stat:…` ([`StatSpec::parse`]) separated by `;`;
/// unknown fields and unreadable stats are dropped with a message.
fn parse_panels(text: &str) -> (Vec<Panel>, Vec<String>) {
    let schema = Schema::sessions();
    let mut panels = Vec::new();
    let mut messages = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        if panels.len() == MAX_PANELS {
            messages.push(format!("only the first {MAX_PANELS} panels are shown"));
            break;
        }
        if let Some(stat) = part.strip_prefix(STAT_PREFIX) {
            match StatSpec::parse(stat) {
                Ok(spec) => panels.push(Panel::Stat(spec)),
                Err(e) => messages.push(format!("panel `{part}`: {e}; panel left out")),
            }
            continue;
        }
        let (fields, size) = match part.rsplit_once(':') {
            Some((f, s)) => match s.parse::<u32>() {
                Ok(n) if (1..=MAX_PANEL_SIZE).contains(&n) => (f, n),
                _ => {
                    messages.push(format!(
                        "panel `{part}`: size must be 1 to {MAX_PANEL_SIZE}; using {DEFAULT_PANEL_SIZE}"
                    ));
                    (f, DEFAULT_PANEL_SIZE)
                }
            },
            None => (part, DEFAULT_PANEL_SIZE),
        };
        let (field, sub) = match fields.split_once('/') {
            Some((f, s)) => (f, Some(s)),
            None => (fields, None),
        };
        if schema.field(field).is_none() {
            messages.push(format!("panel `{part}`: `{field}` is not a session field; panel left out"));
            continue;
        }
        let sub = match sub {
            Some(s) if schema.field(s).is_none() => {
                messages.push(format!("panel `{part}`: `{s}` is not a session field; shown without it"));
                None
            }
            other => other,
        };
        panels.push(Panel::TopN(PanelSpec::new(field, sub, size)));
    }
    (panels, messages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    use crate::paths::{query_pairs as pairs, query_string};

    fn read(q: &str) -> (ViewState, Vec<Problem>) {
        ViewState::from_query(&pairs(q), &AppConfig::default(), now())
    }

    #[test]
    fn empty_url_is_the_default_view_and_prints_empty() {
        let (view, problems) = read("");
        assert!(problems.is_empty());
        assert_eq!(view, ViewState::defaults(&AppConfig::default()));
        assert_eq!(view.range, TimeRange::last(24 * 60));
        assert_eq!(view.refresh, Some(60));
        assert_eq!(view.panels.len(), 5);
        assert!(view.to_query(&AppConfig::default()).is_empty());
    }

    #[test]
    fn a_full_url_reads_and_prints_back() {
        let url = "q=protocol%3Assh&content=sudo+OR+%22rm+-rf%22&start=2026-11-20T08%3A00%3A00Z&end=2026-11-21T08%3A00%3A00Z&tz=Europe%2FBudapest&bin=hour&refresh=off&panels=protocol%3Buser.gateway_username%2Fprotocol%3A5";
        let (view, problems) = read(url);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(view.q, "protocol:ssh");
        assert_eq!(view.content, r#"sudo OR "rm -rf""#);
        assert_eq!(view.zone, ZoneChoice::Named("Europe/Budapest".parse::<Zone>().expect("a zone")));
        assert_eq!(view.bin, BinChoice::Fixed(BinSize::Hour));
        assert_eq!(view.refresh, None);
        assert_eq!(
            view.panels,
            vec![
                Panel::TopN(PanelSpec::new("protocol", None, 10)),
                Panel::TopN(PanelSpec::new("user.gateway_username", Some("protocol"), 5)),
            ]
        );
        let printed = query_string(view.to_query(&AppConfig::default()));
        assert_eq!(printed, url);
    }

    #[test]
    fn absurd_parameters_fall_back_with_messages() {
        let (view, problems) = read(&format!(
            "start=now&end=now-1h&tz=Mars%2FOlympus&bin=fortnight&refresh=1s&panels=nope%3Bprotocol%3A-3%3Bverdict%2Fbogus&q={long}&content={long}",
            long = "x".repeat(MAX_QUERY_BYTES + 1)
        ));
        let keys: Vec<&str> = problems.iter().map(|p| p.key).collect();
        assert_eq!(keys, vec!["q", "content", "start", "tz", "bin", "refresh", "panels", "panels", "panels"]);
        assert_eq!(view.range, TimeRange::last(24 * 60));
        assert_eq!(view.zone, ZoneChoice::Browser);
        assert_eq!(view.bin, BinChoice::Auto);
        assert_eq!(view.refresh, Some(60));
        assert_eq!((view.q.as_str(), view.content.as_str()), ("", ""));
        assert_eq!(
            view.panels,
            vec![Panel::TopN(PanelSpec::new("protocol", None, 10)), Panel::TopN(PanelSpec::new("verdict", None, 10))]
        );
        assert!(problems[2].message.contains("must be before the end"), "{}", problems[2].message);
    }

    #[test]
    fn refresh_forms() {
        assert_eq!(parse_refresh("off"), Ok(None));
        assert_eq!(parse_refresh("30s"), Ok(Some(30)));
        assert_eq!(parse_refresh("5m"), Ok(Some(300)));
        assert_eq!(parse_refresh("1h"), Ok(Some(3600)));
        assert_eq!(parse_refresh("45"), Ok(Some(45)));
        assert!(parse_refresh("2h").is_err());
        assert!(parse_refresh("4s").is_err());
        assert!(parse_refresh("99999999999m").is_err());
        for s in REFRESH_CHOICES {
            assert_eq!(parse_refresh(&print_refresh(Some(s))), Ok(Some(s)));
        }
    }

    #[test]
    fn a_content_search_round_trips_beside_the_query() {
        let (view, problems) = read("content=%22%3Cscript%3E%22+AND+content%3A%3Fdmin*");
        assert!(problems.is_empty());
        assert_eq!((view.q.as_str(), view.content.as_str()), ("", r#""<script>" AND content:?dmin*"#));
        let printed = view.to_query(&AppConfig::default());
        assert_eq!(printed, vec![("content".to_string(), view.content.clone())]);
        assert_eq!(ViewState::from_query(&printed, &AppConfig::default(), now()).0, view);
        // Without it the link has no `content` key at all.
        let plain = ViewState { content: String::new(), ..view };
        assert!(plain.to_query(&AppConfig::default()).is_empty());
    }

    #[test]
    fn an_empty_panel_list_is_kept_empty() {
        let (view, problems) = read("panels=");
        assert!(problems.is_empty());
        assert!(view.panels.is_empty());
        assert_eq!(view.to_query(&AppConfig::default()), vec![("panels".to_string(), String::new())]);
    }

    #[test]
    fn stat_panels_read_and_print_back_beside_top_n_panels() {
        use crate::state::stat::StatQuery;
        let url = "panels=stat%3Aactive%3Bprotocol%3Bstat%3Aq%3Dverdict%3ADENY%3Awarn%3D10%3Acrit%3D50%3Bstat%3Adenied";
        let (view, problems) = read(url);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            view.panels,
            vec![
                Panel::Stat(StatSpec::new(StatQuery::Active)),
                Panel::TopN(PanelSpec::new("protocol", None, 10)),
                Panel::Stat(StatSpec { what: StatQuery::Query("verdict:DENY".into()), warn: Some(10), crit: Some(50) }),
                Panel::Stat(StatSpec::new(StatQuery::Denied)),
            ]
        );
        let printed = query_string(view.to_query(&AppConfig::default()));
        assert_eq!(printed, url);
        let (view, problems) = read("panels=stat%3Anope%3Bstat%3Aactive%3Awarn%3D5%3Acrit%3D1%3Bverdict");
        assert_eq!(view.panels, vec![Panel::TopN(PanelSpec::new("verdict", None, 10))]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("is not a stat"), "{}", problems[0].message);
    }

    proptest! {
        #[test]
        fn any_query_string_gives_a_valid_view(raw in ".{0,300}") {
            let (view, _) = read(&raw);
            prop_assert!(view.range.check(now()).is_ok());
            prop_assert!(view.panels.len() <= MAX_PANELS);
            prop_assert!(view.q.len() <= MAX_QUERY_BYTES);
            prop_assert!(view.content.len() <= MAX_QUERY_BYTES);
            let (again, problems) = ViewState::from_query(&view.to_query(&AppConfig::default()), &AppConfig::default(), now());
            prop_assert!(problems.is_empty(), "{:?}", problems);
            prop_assert_eq!(again, view);
        }

        #[test]
        fn any_pairs_give_a_valid_view(keys in proptest::collection::vec(
            ("(q|content|start|end|tz|bin|refresh|panels|kiosk|embed|theme|histogram)", "[a-zA-Z0-9:/;._ -]{0,30}"), 0..8)) {
            let (view, _) = ViewState::from_query(&keys, &AppConfig::default(), now());
            prop_assert!(view.range.check(now()).is_ok());
            let (again, _) = ViewState::from_query(&view.to_query(&AppConfig::default()), &AppConfig::default(), now());
            prop_assert_eq!(again, view);
        }
    }
}
