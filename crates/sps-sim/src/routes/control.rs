//! `/__sim`: control endpoints for tests, outside `/api` and served only when the sim
//! listens on a loopback address.
//!
//! - `GET /__sim/faults`: the fault settings in force;
//! - `POST /__sim/faults` with a JSON object of some of `latency_ms`, `fail_share`,
//!   `drop_share`, `malformed_share`: changes them, answers the new settings;
//! - `POST /__sim/expire-logins`: ends every login, as if each had timed out.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::Shared;
use crate::error::{SimError, SimResult};
use crate::faults::FaultUpdate;

/// The settings in force.
pub async fn faults(State(sim): State<Shared>) -> Response {
    Json(sim.faults.settings()).into_response()
}

/// Changes some settings.
pub async fn set_faults(
    State(sim): State<Shared>,
    update: Result<Json<FaultUpdate>, JsonRejection>,
) -> SimResult<Response> {
    let Json(update) = update.map_err(|e| SimError::InvalidQuery(e.body_text()))?;
    Ok(Json(sim.faults.update(update)?).into_response())
}

/// Ends every login.
pub async fn expire_logins(State(sim): State<Shared>) -> Response {
    if let Some(logins) = &sim.logins {
        logins.expire_all();
    }
    StatusCode::NO_CONTENT.into_response()
}
