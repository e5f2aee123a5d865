//! How the app is displayed, as the URL says: the SOC wall's kiosk mode, the
//! portal's embedded mode, a forced theme, and whether the histogram shows.

use crate::charts::palette::ChartTheme;

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Theme {
    /// Dark text on light panels.
    #[default]
    Light,
    /// Light text on dark panels (the usual SOC wall).
    Dark,
}

impl Theme {
    /// The name used in the URL, `data-theme` and storage.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a theme name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The other theme.
    pub fn toggled(self) -> Self {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// The chart colours of this theme.
    pub fn chart(self) -> ChartTheme {
        match self {
            Theme::Light => ChartTheme::LIGHT,
            Theme::Dark => ChartTheme::DARK,
        }
    }
}

/// Presentation settings from the URL (`kiosk=1`, `embed=1`, `theme=dark`, `histogram=off`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Presentation {
    /// Wall mode: no navigation or editing chrome, large type, a clock.
    pub kiosk: bool,
    /// Inside a portal's iframe: only the panels.
    pub embed: bool,
    /// A theme forced by the link (else the user's choice).
    pub theme: Option<Theme>,
    /// Whether the overview shows the histogram.
    pub histogram: bool,
}

impl Presentation {
    /// The settings of a plain link.
    pub const NORMAL: Presentation = Presentation { kiosk: false, embed: false, theme: None, histogram: true };

    /// Whether navigation and editing controls are hidden.
    pub fn bare(&self) -> bool {
        self.kiosk || self.embed
    }

    /// Reads the settings; unknown values keep the defaults (and are reported).
    pub fn from_query(pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut d = Presentation::NORMAL;
        let mut problems = Vec::new();
        let flag = |v: &str| matches!(v, "1" | "true" | "yes" | "on");
        for (k, v) in pairs {
            match k.as_str() {
                "kiosk" => d.kiosk = flag(v),
                "embed" => d.embed = flag(v),
                "histogram" => d.histogram = !matches!(v.as_str(), "0" | "false" | "no" | "off"),
                "theme" => match Theme::parse(v) {
                    Some(t) => d.theme = Some(t),
                    None => problems.push(format!("`{v}` is not a theme (light or dark)")),
                },
                _ => {}
            }
        }
        (d, problems)
    }

    /// The query pairs that differ from a plain link.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if self.kiosk {
            pairs.push(("kiosk".to_owned(), "1".to_owned()));
        }
        if self.embed {
            pairs.push(("embed".to_owned(), "1".to_owned()));
        }
        if let Some(t) = self.theme {
            pairs.push(("theme".to_owned(), t.name().to_owned()));
        }
        if !self.histogram {
            pairs.push(("histogram".to_owned(), "off".to_owned()));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn reads_and_prints_back() {
        let (d, problems) =
            Presentation::from_query(&pairs(&[("kiosk", "1"), ("theme", "dark"), ("histogram", "off"), ("q", "x")]));
        assert!(problems.is_empty());
        assert_eq!(d, Presentation { kiosk: true, embed: false, theme: Some(Theme::Dark), histogram: false });
        assert!(d.bare());
        assert_eq!(Presentation::from_query(&d.to_query()).0, d);
        assert!(Presentation::NORMAL.to_query().is_empty());
    }

    #[test]
    fn bad_theme_is_reported() {
        let (d, problems) = Presentation::from_query(&pairs(&[("theme", "neon"), ("embed", "yes")]));
        assert_eq!(d.theme, None);
        assert!(d.embed);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn themes_toggle_and_name() {
        assert_eq!(Theme::Light.toggled(), Theme::Dark);
        assert_eq!(Theme::parse(Theme::Dark.name()), Some(Theme::Dark));
        assert_eq!(Theme::Dark.chart(), ChartTheme::DARK);
    }
}
