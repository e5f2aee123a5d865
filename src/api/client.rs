//! The browser client: one `fetch` per request, aborted when the reactive scope
//! that issued it is cleaned up (a newer request superseded it, or the view went
//! away), so a slow old answer can never overwrite a newer one.

use gloo_net::http::Request;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use sps_api::{StatsParams, StatsResponse};
use web_sys::AbortController;

use super::error::ApiError;
use super::request::{stats_query, STATS_PATH};

/// A client for the SPS REST API under `base` on this origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    /// A client for the API at `base` (e.g. `/api`).
    pub fn new(base: &str) -> Self {
        ApiClient { base: base.trim_end_matches('/').to_owned() }
    }

    /// `GET /audit/sessions/stats`.
    pub async fn stats(&self, params: &StatsParams) -> Result<StatsResponse, ApiError> {
        self.get_json(STATS_PATH, stats_query(params)).await
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str, query: Vec<(&str, String)>) -> Result<T, ApiError> {
        let controller = SendWrapper::new(AbortController::new().ok());
        let signal = controller.as_ref().map(AbortController::signal);
        on_cleanup(move || {
            if let Some(c) = controller.take() {
                c.abort();
            }
        });
        let url = format!("{}{path}", self.base);
        let response = Request::get(&url)
            .query(query)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let body = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
        if !response.ok() {
            return Err(ApiError::from_response(response.status(), &body));
        }
        serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
    }
}
