//! Chart colours per theme. Series use the Okabe–Ito palette, which stays
//! distinguishable for colour-blind readers; "other" is always neutral grey.

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The colours a chart is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartTheme {
    /// Canvas background.
    pub background: Rgb,
    /// Labels.
    pub text: Rgb,
    /// Secondary labels (axis ticks).
    pub muted: Rgb,
    /// Grid lines.
    pub grid: Rgb,
    /// Bars without a sub-field.
    pub accent: Rgb,
    /// "other" bars and segments.
    pub other: Rgb,
}

const SERIES: [Rgb; 8] = [
    Rgb(0, 114, 178),
    Rgb(230, 159, 0),
    Rgb(0, 158, 115),
    Rgb(204, 121, 167),
    Rgb(86, 180, 233),
    Rgb(213, 94, 0),
    Rgb(240, 228, 66),
    Rgb(110, 90, 160),
];

impl ChartTheme {
    /// Colours for the light theme (match `style/main.css`).
    pub const LIGHT: ChartTheme = ChartTheme {
        background: Rgb(255, 255, 255),
        text: Rgb(28, 33, 40),
        muted: Rgb(92, 101, 112),
        grid: Rgb(226, 230, 235),
        accent: Rgb(0, 114, 178),
        other: Rgb(160, 166, 173),
    };

    /// Colours for the dark theme (match `style/main.css`).
    pub const DARK: ChartTheme = ChartTheme {
        background: Rgb(27, 31, 38),
        text: Rgb(226, 231, 237),
        muted: Rgb(154, 163, 174),
        grid: Rgb(52, 59, 69),
        accent: Rgb(86, 180, 233),
        other: Rgb(112, 120, 130),
    };

    /// The colour of sub-value `index` (cycles after eight).
    pub fn series(&self, index: usize) -> Rgb {
        SERIES[index % SERIES.len()]
    }
}

impl Rgb {
    /// CSS notation, for legends drawn in HTML.
    pub fn css(self) -> String {
        format!("rgb({}, {}, {})", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_cycle_and_print_as_css() {
        let t = ChartTheme::LIGHT;
        assert_eq!(t.series(0), t.series(8));
        assert_ne!(t.series(0), t.series(1));
        assert_eq!(Rgb(1, 2, 3).css(), "rgb(1, 2, 3)");
    }
}
