//! Fault injection for the end-to-end tests: a slow, flaky or broken SPS.
//!
//! Settings start from the command line (`--latency-ms`, `--fail-share`,
//! `--drop-share`, `--malformed-share`) and can change while running through
//! `POST /__sim/faults` (see [`crate::routes`]). Latency applies to every `/api`
//! request; the three shares to audit requests (`/api/audit/…`), each drawn
//! independently per request: a dropped connection before anything else (see
//! [`crate::server`]), a failure or a broken body after the login check.

use std::sync::RwLock;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{SimError, SimResult};

/// The fault settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultSettings {
    /// Added to every API request, in milliseconds.
    pub latency_ms: u64,
    /// Share of audit requests answered 500 `SearchUnavailable`.
    pub fail_share: f64,
    /// Share of audit requests whose connection is closed without an answer.
    pub drop_share: f64,
    /// Share of audit requests answered 200 with a truncated, invalid JSON body.
    pub malformed_share: f64,
}

/// A change of some settings (`POST /__sim/faults`); absent keys stay as they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultUpdate {
    /// New latency.
    pub latency_ms: Option<u64>,
    /// New failure share.
    pub fail_share: Option<f64>,
    /// New drop share.
    pub drop_share: Option<f64>,
    /// New malformed-body share.
    pub malformed_share: Option<f64>,
}

/// The settings in force, shared by the server and its control endpoint.
#[derive(Debug, Default)]
pub struct Faults {
    settings: RwLock<FaultSettings>,
}

impl Faults {
    /// Faults with these settings (shares must lie in 0–1).
    pub fn new(settings: FaultSettings) -> SimResult<Self> {
        check(&settings)?;
        Ok(Faults { settings: RwLock::new(settings) })
    }

    /// The settings in force.
    pub fn settings(&self) -> FaultSettings {
        *self.settings.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Applies `update`; a share outside 0–1 changes nothing and is an error.
    pub fn update(&self, update: FaultUpdate) -> SimResult<FaultSettings> {
        let mut settings = self.settings.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        let next = FaultSettings {
            latency_ms: update.latency_ms.unwrap_or(settings.latency_ms),
            fail_share: update.fail_share.unwrap_or(settings.fail_share),
            drop_share: update.drop_share.unwrap_or(settings.drop_share),
            malformed_share: update.malformed_share.unwrap_or(settings.malformed_share),
        };
        check(&next)?;
        *settings = next;
        Ok(next)
    }

    /// The delay to add to an API request.
    pub fn latency(&self) -> Duration {
        Duration::from_millis(self.settings().latency_ms)
    }

    /// Whether to fail this audit request.
    pub fn fail(&self) -> bool {
        draw(self.settings().fail_share)
    }

    /// Whether to drop this audit request's connection.
    pub fn drop_connection(&self) -> bool {
        draw(self.settings().drop_share)
    }

    /// Whether to break this audit request's body.
    pub fn malform(&self) -> bool {
        draw(self.settings().malformed_share)
    }
}

fn draw(share: f64) -> bool {
    share > 0.0 && fastrand::f64() < share
}

fn check(settings: &FaultSettings) -> SimResult<()> {
    let shares = [
        ("fail_share", settings.fail_share),
        ("drop_share", settings.drop_share),
        ("malformed_share", settings.malformed_share),
    ];
    match shares.iter().find(|(_, share)| !(0.0..=1.0).contains(share)) {
        Some((name, share)) => Err(SimError::InvalidQuery(format!("`{name}` must be between 0 and 1, not {share}"))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_change_only_what_they_name() {
        let faults = Faults::new(FaultSettings { latency_ms: 5, ..FaultSettings::default() }).unwrap();
        let next = faults.update(FaultUpdate { fail_share: Some(1.0), ..FaultUpdate::default() }).unwrap();
        assert_eq!(next, FaultSettings { latency_ms: 5, fail_share: 1.0, ..FaultSettings::default() });
        assert!(faults.fail() && !faults.malform() && !faults.drop_connection());
        assert!(faults.update(FaultUpdate { drop_share: Some(1.5), ..FaultUpdate::default() }).is_err());
        assert_eq!(faults.settings(), next);
        assert!(Faults::new(FaultSettings { malformed_share: -0.1, ..FaultSettings::default() }).is_err());
    }
}
