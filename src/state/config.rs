//! The runtime configuration, `config.json`, read at start-up so one build serves
//! any deployment.

use serde::Deserialize;
use thiserror::Error;

use crate::state::refresh_timing::REFRESH_BOUNDS;
use crate::state::time_range::{RangeError, TimeExpr};

/// Deployment settings. Every key is optional; missing keys take the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AppConfig {
    /// Where the SPS REST API is, on this origin (`/api`) or a path prefix of it.
    pub api_base: String,
    /// Default auto-refresh in seconds (0 = off).
    pub refresh_seconds: u32,
    /// Default time range, relative to now (`now-24h`).
    pub default_range: String,
    /// Seconds to wait for an API answer before giving up.
    pub request_timeout_seconds: u32,
    /// The most histogram bins the SPS answers (`TooMuchBucketsInResult` beyond).
    pub max_histogram_bins: u64,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            api_base: "/api".into(),
            refresh_seconds: 60,
            default_range: "now-24h".into(),
            request_timeout_seconds: 30,
            max_histogram_bins: 1000,
        }
    }
}

/// Why `config.json` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    /// Not JSON of the expected shape.
    #[error("config.json is not valid: {0}")]
    Syntax(String),
    /// `api_base` is not a same-origin path.
    #[error("config.json: `api_base` must be a path on this origin such as `/api`, not `{0}`")]
    ApiBase(String),
    /// `refresh_seconds` is outside 5 s to 1 h.
    #[error("config.json: `refresh_seconds` must be 0 (off) or between {min} and {max}, not {0}", min = REFRESH_BOUNDS.0, max = REFRESH_BOUNDS.1)]
    Refresh(u32),
    /// `request_timeout_seconds` is outside 1 s to 10 min.
    #[error("config.json: `request_timeout_seconds` must be between 1 and 600, not {0}")]
    Timeout(u32),
    /// `max_histogram_bins` is outside 10 to 100,000.
    #[error("config.json: `max_histogram_bins` must be between 10 and 100000, not {0}")]
    MaxBins(u64),
    /// `default_range` does not parse.
    #[error("config.json: `default_range`: {0}")]
    Range(#[from] RangeError),
}

impl AppConfig {
    /// Parses and checks `config.json`.
    ///
    /// The API must be on the page's own origin: the SPS login cookie is
    /// `HttpOnly` and the dashboard never handles credentials (API-NOTES.md).
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        let config: AppConfig = serde_json::from_str(text).map_err(|e| ConfigError::Syntax(e.to_string()))?;
        let base = config.api_base.trim_end_matches('/');
        if !base.starts_with('/') || base.starts_with("//") || base.contains("..") {
            return Err(ConfigError::ApiBase(config.api_base));
        }
        if config.refresh_seconds != 0 && !(REFRESH_BOUNDS.0..=REFRESH_BOUNDS.1).contains(&config.refresh_seconds) {
            return Err(ConfigError::Refresh(config.refresh_seconds));
        }
        if !(1..=600).contains(&config.request_timeout_seconds) {
            return Err(ConfigError::Timeout(config.request_timeout_seconds));
        }
        if !(10..=100_000).contains(&config.max_histogram_bins) {
            return Err(ConfigError::MaxBins(config.max_histogram_bins));
        }
        match TimeExpr::parse(&config.default_range)? {
            TimeExpr::Now { minus_minutes } if minus_minutes > 0 => {}
            _ => return Err(ConfigError::Range(RangeError::Malformed(config.default_range))),
        }
        Ok(AppConfig { api_base: base.to_owned(), ..config })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_parses() {
        let shipped = include_str!("../../public/config.json");
        assert_eq!(AppConfig::from_json(shipped).unwrap(), AppConfig::default());
    }

    #[test]
    fn missing_keys_take_defaults_and_trailing_slash_goes() {
        let c = AppConfig::from_json(r#"{"api_base": "/tools/sps/api/"}"#).unwrap();
        assert_eq!(c.api_base, "/tools/sps/api");
        assert_eq!(c.refresh_seconds, 60);
        assert_eq!(AppConfig::from_json("{}").unwrap(), AppConfig::default());
    }

    #[test]
    fn bad_values_are_explained() {
        let err = |j: &str| AppConfig::from_json(j).unwrap_err().to_string();
        assert!(err(r#"{"api_base": "https://sps.example/api"}"#).contains("path on this origin"));
        assert!(err(r#"{"api_base": "//evil.example/api"}"#).contains("path on this origin"));
        assert!(err(r#"{"refresh_seconds": 2}"#).contains("between 5 and 3600"));
        assert!(err(r#"{"request_timeout_seconds": 0}"#).contains("between 1 and 600"));
        assert!(err(r#"{"default_range": "yesterday"}"#).contains("default_range"));
        assert!(err(r#"{"default_range": "now"}"#).contains("default_range"));
        assert!(err(r#"{"api_bsae": "/api"}"#).contains("unknown field"));
        assert!(err("not json").contains("not valid"));
        assert_eq!(AppConfig::from_json(r#"{"refresh_seconds": 0}"#).unwrap().refresh_seconds, 0);
    }
}
