//! The browser client: one `fetch` per request, aborted when the reactive scope
//! that issued it is cleaned up (a newer request superseded it, or the view went
//! away), so a slow old answer can never overwrite a newer one; and aborted after
//! the configured timeout.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use gloo_net::http::{Request, Response};
use leptos::prelude::{on_cleanup, set_timeout_with_handle, RwSignal, Set, Signal, TimeoutHandle, WithUntracked};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use sps_api::{
    AlertsParams, AlertsResponse, CountResponse, EventsParams, EventsResponse, HistogramParams, HistogramResponse,
    InfoResponse, SessionResponse, SessionsParams, SessionsResponse, StatsParams, StatsResponse,
};
use web_sys::AbortController;

use super::auth::Auth;
use super::error::ApiError;
use super::refusal::Refusal;
use super::request::{self, ApiRequest};

/// A client for the SPS REST API under `base` on this origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
    timeout_seconds: u32,
    auth: Auth,
    refused: RwSignal<Option<Refusal>>,
}

impl ApiClient {
    /// A client for the API at `base` (e.g. `/api`) that gives up after
    /// `timeout_seconds` and reports 401s to `auth`.
    pub fn new(base: &str, timeout_seconds: u32, auth: Auth) -> Self {
        ApiClient { base: base.trim_end_matches('/').to_owned(), timeout_seconds, auth, refused: RwSignal::new(None) }
    }

    /// The login state this client reports to.
    pub fn auth(&self) -> Auth {
        self.auth
    }

    /// The last query SPS refused, until an answer to it comes back good.
    pub fn refused(&self) -> Signal<Option<Refusal>> {
        self.refused.into()
    }

    /// `GET /info`.
    pub fn info(&self) -> impl Future<Output = Result<InfoResponse, ApiError>> + 'static {
        self.get_json(request::info())
    }

    /// `GET /audit/sessions`.
    pub fn sessions(
        &self,
        params: &SessionsParams,
    ) -> impl Future<Output = Result<SessionsResponse, ApiError>> + 'static {
        self.get_json(request::sessions(params))
    }

    /// `GET /audit/sessions/_count`.
    pub fn session_count(
        &self,
        params: &SessionsParams,
    ) -> impl Future<Output = Result<CountResponse, ApiError>> + 'static {
        self.get_json(request::session_count(params))
    }

    /// `GET /audit/sessions/<id>`.
    pub fn session(&self, id: &str) -> impl Future<Output = Result<SessionResponse, ApiError>> + 'static {
        self.get_json(request::session(id))
    }

    /// `GET /audit/sessions/<id>/events`.
    pub fn events(
        &self,
        id: &str,
        params: &EventsParams,
    ) -> impl Future<Output = Result<EventsResponse, ApiError>> + 'static {
        self.get_json(request::events(id, params))
    }

    /// `GET /audit/sessions/<id>/alerts`.
    pub fn alerts(
        &self,
        id: &str,
        params: &AlertsParams,
    ) -> impl Future<Output = Result<AlertsResponse, ApiError>> + 'static {
        self.get_json(request::alerts(id, params))
    }

    /// `GET /audit/sessions/stats`.
    pub fn stats(&self, params: &StatsParams) -> impl Future<Output = Result<StatsResponse, ApiError>> + 'static {
        self.get_json(request::stats(params))
    }

    /// `GET /audit/sessions/histogram`.
    pub fn histogram(
        &self,
        params: &HistogramParams,
    ) -> impl Future<Output = Result<HistogramResponse, ApiError>> + 'static {
        self.get_json(request::histogram(params))
    }

    /// `GET /authentication` with Basic credentials; SPS answers with the login
    /// cookie, which the browser stores (the app never sees it).
    pub async fn log_in(&self, user: &str, password: &str) -> Result<(), ApiError> {
        let credentials = STANDARD.encode(format!("{user}:{password}"));
        let request =
            Request::get(&request::login().url(&self.base)).header("Authorization", &format!("Basic {credentials}"));
        let response = self.send(request, AbortOnCleanup::register()).await?;
        match response.status() {
            200..=299 => {
                self.auth.logged_in(user.to_owned());
                Ok(())
            }
            401 => Err(ApiError::LoginRefused),
            status => Err(ApiError::from_response(status, &response.text().await.unwrap_or_default())),
        }
    }

    /// Starts a GET. Called in a reactive scope (a resource's fetcher), the request
    /// is aborted when that scope is cleaned up: the abort hook is registered now,
    /// not when the returned future is first polled (by then no scope is current).
    fn get_json<T: DeserializeOwned + 'static>(
        &self,
        request: ApiRequest,
    ) -> impl Future<Output = Result<T, ApiError>> + 'static {
        let abort = AbortOnCleanup::register();
        let (client, url) = (self.clone(), request.url(&self.base));
        async move {
            let response = client.send(Request::get(&url), abort).await?;
            let body = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
            if !response.ok() {
                let error = ApiError::from_response(response.status(), &body);
                if error == ApiError::Unauthenticated {
                    client.auth.needs_login.set(true);
                }
                if let Some(refusal) = Refusal::of(&request, &error) {
                    client.refused.try_set(Some(refusal));
                }
                return Err(error);
            }
            if client.refused.try_with_untracked(|r| r.as_ref().is_some_and(|r| r.cleared_by(&request))) == Some(true) {
                client.refused.try_set(None);
            }
            serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
        }
    }

    /// Sends with `abort`'s signal, which the timeout also fires.
    async fn send(&self, request: gloo_net::http::RequestBuilder, abort: AbortOnCleanup) -> Result<Response, ApiError> {
        let timed_out = Rc::new(Cell::new(false));
        let timer = abort.controller.clone().and_then(|c| {
            let timed_out = timed_out.clone();
            let wait = Duration::from_secs(self.timeout_seconds.into());
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    c.abort();
                },
                wait,
            )
            .ok()
            .map(ClearOnDrop)
        });
        let signal = abort.controller.as_ref().map(AbortController::signal);
        let result = request.abort_signal(signal.as_ref()).send().await;
        drop(timer);
        let cancelled = signal.as_ref().is_some_and(web_sys::AbortSignal::aborted);
        result.map_err(|e| match (timed_out.get(), cancelled) {
            (true, _) => ApiError::Timeout(self.timeout_seconds),
            (false, true) => ApiError::Cancelled,
            (false, false) => ApiError::Network(e.to_string()),
        })
    }
}

/// A pending timeout, cancelled when this is dropped: when the answer came, or
/// when the request's future was dropped unfinished.
struct ClearOnDrop(TimeoutHandle);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.clear();
    }
}

/// An abort controller that the current reactive scope's cleanup fires: a newer
/// run of the same resource (a superseding request) or leaving the view aborts it.
struct AbortOnCleanup {
    controller: Option<AbortController>,
}

impl AbortOnCleanup {
    fn register() -> Self {
        let controller = AbortController::new().ok();
        let on_cleanup_controller = SendWrapper::new(controller.clone());
        on_cleanup(move || {
            if let Some(c) = on_cleanup_controller.take() {
                c.abort();
            }
        });
        AbortOnCleanup { controller }
    }
}
