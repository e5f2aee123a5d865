//! `GET /api/audit/sessions/<id>/events` and `/alerts`: paged like the reference
//! samples, sorted by `record_id`; a graphical session's events as an appliance
//! sends them (see [`EventForm`]).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};
use sps_api::{AlertsParams, EventsParams};

use super::links::{session_href, ListLinks};
use super::{ask, params, remaining, RemainingSeconds, Shared};
use crate::error::SimResult;
use crate::store::EventForm;

/// The session's events; `q` filters them.
pub async fn events(
    State(sim): State<Shared>,
    login: Option<Extension<RemainingSeconds>>,
    Path(id): Path<String>,
    query: Result<Query<EventsParams>, QueryRejection>,
) -> SimResult<Response> {
    let p = params(query)?;
    let (asked, session) = (p.clone(), id.clone());
    let (page, form) = ask(&sim, move |store| store.events(&session, &asked)).await?;
    let parent = session_href(&id);
    let links = ListLinks {
        href: format!("{parent}/events"),
        params: p.q.iter().map(|q| ("q", q.as_str())).collect(),
        parent,
        max_offset: None,
    };
    let mut meta = links.meta(&page, remaining(login));
    let mut items = json!(page.items);
    if form == EventForm::Appliance {
        if let Value::Object(meta) = &mut meta {
            meta.remove("match_count");
        }
        for (item, event) in items.as_array_mut().into_iter().flatten().zip(&page.items) {
            if let Some(time) = event.time {
                item["time"] = json!(time.epoch_millis() as f64 / 1000.0);
            }
        }
    }
    Ok(Json(json!({ "items": items, "meta": meta })).into_response())
}

/// The session's alerts.
pub async fn alerts(
    State(sim): State<Shared>,
    login: Option<Extension<RemainingSeconds>>,
    Path(id): Path<String>,
    query: Result<Query<AlertsParams>, QueryRejection>,
) -> SimResult<Response> {
    let p = params(query)?;
    let session = id.clone();
    let page = ask(&sim, move |store| store.alerts(&session, &p)).await?;
    let parent = session_href(&id);
    let links = ListLinks { href: format!("{parent}/alerts"), params: Vec::new(), parent, max_offset: None };
    Ok(Json(json!({ "items": page.items, "meta": links.meta(&page, remaining(login)) })).into_response())
}
