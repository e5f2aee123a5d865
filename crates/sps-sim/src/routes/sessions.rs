//! `GET /api/audit/sessions`, `/_count` and `/<id>`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};
use sps_api::SessionsParams;

use super::links::{session_href, ListLinks};
use super::{ask, params, remaining, RemainingSeconds, Shared};
use crate::error::SimResult;
use crate::store::MAX_SESSIONS_OFFSET;

/// The list: `{items: [{key, meta: {href}, body}], meta}`. As on an appliance, the
/// items have a `body` only when `fields` asks for one (`*` for every property),
/// and `meta.fields` lists what it asked for.
pub async fn list(
    State(sim): State<Shared>,
    login: Option<Extension<RemainingSeconds>>,
    query: Result<Query<SessionsParams>, QueryRejection>,
) -> SimResult<Response> {
    let p = params(query)?;
    let asked = p.clone();
    let page = ask(&sim, move |store| store.list(&asked)).await?;
    let fields: Option<Vec<&str>> =
        p.fields.as_deref().map(|f| f.split(',').map(str::trim).filter(|n| !n.is_empty()).collect());
    let with_bodies = fields.as_ref().is_some_and(|f| !f.is_empty());
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|s| match with_bodies {
            true => json!({ "key": s.id, "meta": { "href": session_href(&s.id) }, "body": s.body }),
            false => json!({ "key": s.id, "meta": { "href": session_href(&s.id) } }),
        })
        .collect();
    let repeated = [("q", &p.q), ("start", &p.start), ("end", &p.end), ("fields", &p.fields), ("sort", &p.sort)];
    let links = ListLinks {
        href: "/api/audit/sessions".into(),
        parent: "/api/audit".into(),
        params: repeated.iter().filter_map(|(k, v)| Some((*k, v.as_deref()?))).collect(),
        max_offset: Some(MAX_SESSIONS_OFFSET),
    };
    let mut meta = links.meta(&page, remaining(login));
    if let Some(fields) = fields.filter(|f| !f.is_empty()) {
        meta["fields"] = json!(fields);
    }
    Ok(Json(json!({ "items": items, "meta": meta })).into_response())
}

/// `{count, meta}`: the count at the top level.
pub async fn count(
    State(sim): State<Shared>,
    login: Option<Extension<RemainingSeconds>>,
    query: Result<Query<SessionsParams>, QueryRejection>,
) -> SimResult<Response> {
    let p = params(query)?;
    let count = ask(&sim, move |store| store.count(&p)).await?;
    let meta = json!({
        "href": "/api/audit/sessions/_count",
        "parent": "/api/audit/sessions",
        "remaining_seconds": remaining(login),
    });
    Ok(Json(json!({ "count": count, "meta": without_nulls(meta) })).into_response())
}

/// `{key, body, meta}` of one session; 404 when the id is unknown. The id arrives
/// percent-decoded.
pub async fn detail(
    State(sim): State<Shared>,
    login: Option<Extension<RemainingSeconds>>,
    Path(id): Path<String>,
) -> SimResult<Response> {
    let session = ask(&sim, move |store| store.session(&id)).await?;
    let meta = json!({
        "href": session_href(&session.id),
        "parent": "/api/audit/sessions",
        "remaining_seconds": remaining(login),
    });
    Ok(Json(json!({ "key": session.id, "body": session.body, "meta": without_nulls(meta) })).into_response())
}

/// Drops `null` members (no login, no `remaining_seconds`).
pub(super) fn without_nulls(mut meta: Value) -> Value {
    if let Value::Object(map) = &mut meta {
        map.retain(|_, v| !v.is_null());
    }
    meta
}
