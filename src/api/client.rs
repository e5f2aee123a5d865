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
use sps_api::{
    AlertsParams, AlertsResponse, CountResponse, EventsParams, EventsResponse, HistogramParams, HistogramResponse,
    InfoResponse, SessionResponse, SessionsParams, SessionsResponse, StatsParams, StatsResponse,
};
use web_sys::AbortController;

use super::auth::Auth;
use super::error::ApiError;
use super::request::{self, ApiRequest};

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

    /// `GET /info`.
    pub async fn info(&self) -> Result<InfoResponse, ApiError> {
        self.get_json(request::info()).await
    }

    /// `GET /audit/sessions`.
    pub async fn sessions(&self, params: &SessionsParams) -> Result<SessionsResponse, ApiError> {
        self.get_json(request::sessions(params)).await
    }

    /// `GET /audit/sessions/_count`.
    pub async fn session_count(&self, params: &SessionsParams) -> Result<CountResponse, ApiError> {
        self.get_json(request::session_count(params)).await
    }

    /// `GET /audit/sessions/<id>`.
    pub async fn session(&self, id: &str) -> Result<SessionResponse, ApiError> {
        self.get_json(request::session(id)).await
    }

    /// `GET /audit/sessions/<id>/events`.
    pub async fn events(&self, id: &str, params: &EventsParams) -> Result<EventsResponse, ApiError> {
        self.get_json(request::events(id, params)).await
    }

    /// `GET /audit/sessions/<id>/alerts`.
    pub async fn alerts(&self, id: &str, params: &AlertsParams) -> Result<AlertsResponse, ApiError> {
        self.get_json(request::alerts(id, params)).await
    }

    /// `GET /audit/sessions/stats`.
    pub async fn stats(&self, params: &StatsParams) -> Result<StatsResponse, ApiError> {
        self.get_json(request::stats(params)).await
    }

    /// `GET /audit/sessions/histogram`.
    pub async fn histogram(&self, params: &HistogramParams) -> Result<HistogramResponse, ApiError> {
        self.get_json(request::histogram(params)).await
    }

    /// `GET /authentication` with Basic credentials; SPS answers with the login
    /// cookie, which the browser stores (the app never sees it).
    pub async fn log_in(&self, user: &str, password: &str) -> Result<(), ApiError> {
        let credentials = STANDARD.encode(format!("{user}:{password}"));
        let request = Request::get(&request::login().url(&self.base))
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

    async fn get_json<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T, ApiError> {
        let response = self.send(Request::get(&request.url(&self.base))).await?;
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
