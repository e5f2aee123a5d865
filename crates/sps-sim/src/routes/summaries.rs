//! `GET /api/audit/sessions/stats` and `/histogram`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use sps_api::{HistogramParams, StatsParams};

use super::{ask, params, remaining, RemainingSeconds, Shared};
use crate::error::SimResult;

/// Top values of a field (see [`crate::store::SessionStore::stats`]).
pub async fn stats(
    State(sim): State<Shared>,
    login: Option<Extension<RemainingSeconds>>,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> SimResult<Response> {
    let p = params(query)?;
    let mut answer = ask(&sim, move |store| store.stats(&p)).await?;
    answer.meta.remaining_seconds = remaining(login);
    Ok(Json(answer).into_response())
}

/// Sessions per interval (see [`crate::histogram`]); `bin_size` and `bin-size` both work.
pub async fn histogram(
    State(sim): State<Shared>,
    login: Option<Extension<RemainingSeconds>>,
    query: Result<Query<HistogramParams>, QueryRejection>,
) -> SimResult<Response> {
    let p = params(query)?;
    let mut answer = ask(&sim, move |store| store.histogram(&p)).await?;
    answer.meta.remaining_seconds = remaining(login);
    Ok(Json(answer).into_response())
}
