//! The browser client: one `fetch` per request, aborted when the reactive scope
//! that issued it is cleaned up (a newer request superseded it, or the view went
//! away), so a slow old answer can never overwrite a newer one; and aborted after
//! the configured timeout.

use std::cell::Cell;
use std::rc::Rc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use gloo_net::http::{Request, Response};
use gloo_timers::callback::Timeout;
use leptos::prelude::{on_cleanup, Set};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use sps_api::{StatsParams, StatsResponse};
use web_sys::AbortController;

use super::auth::Auth;
use super::error::ApiError;
use super::request::{stats_query, LOGIN_PATH, STATS_PATH};

/// A client for the SPS REST API under `base` on this origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
    timeout_seconds: u32,
    auth: Auth,
}

impl ApiClient {
    /// A client for the API at `base` (e.g. `/api`) that gives up after
    /// `timeout_seconds` and reports 401s to `auth`.
    pub fn new(base: &str, timeout_seconds: u32, auth: Auth) -> Self {
        ApiClient { base: base.trim_end_matches('/').to_owned(), timeout_seconds, auth }
    }

    /// The login state this client reports to.
    pub fn auth(&self) -> Auth {
        self.auth
    }

    /// `GET /audit/sessions/stats`.
    pub async fn stats(&self, params: &StatsParams) -> Result<StatsResponse, ApiError> {
        self.get_json(STATS_PATH, stats_query(params)).await
    }

    /// `GET /authentication` with Basic credentials; SPS answers with the login
    /// cookie, which the browser stores (the app never sees it).
    pub async fn log_in(&self, user: &str, password: &str) -> Result<(), ApiError> {
        let credentials = STANDARD.encode(format!("{user}:{password}"));
        let request = Request::get(&format!("{}{LOGIN_PATH}", self.base))
            .header("Authorization", &format!("Basic {credentials}"));
        let response = self.send(request).await?;
        match response.status() {
            200..=299 => {
                self.auth.logged_in(user.to_owned());
                Ok(())
            }
            401 => Err(ApiError::LoginRefused),
            status => Err(ApiError::from_response(status, &response.text().await.unwrap_or_default())),
        }
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str, query: Vec<(&str, String)>) -> Result<T, ApiError> {
        let request = Request::get(&format!("{}{path}", self.base)).query(query);
        let response = self.send(request).await?;
        let body = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
        if !response.ok() {
            let error = ApiError::from_response(response.status(), &body);
            if error == ApiError::Unauthenticated {
                self.auth.needs_login.set(true);
            }
            return Err(error);
        }
        serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
    }

    /// Sends with an abort signal tied to the calling scope and to the timeout.
    async fn send(&self, request: gloo_net::http::RequestBuilder) -> Result<Response, ApiError> {
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        let timed_out = Rc::new(Cell::new(false));
        let timer = controller.clone().map(|c| {
            let timed_out = timed_out.clone();
            Timeout::new(self.timeout_seconds.saturating_mul(1000), move || {
                timed_out.set(true);
                c.abort();
            })
        });
        let on_supersede = SendWrapper::new(controller);
        on_cleanup(move || {
            if let Some(c) = on_supersede.take() {
                c.abort();
            }
        });
        let result = request.abort_signal(signal.as_ref()).send().await;
        drop(timer);
        result.map_err(|e| if timed_out.get() { ApiError::Timeout(self.timeout_seconds) } else { ApiError::Network(e.to_string()) })
    }
}
