//! The login dialog. It opens over the current page whenever SPS answers 401, so
//! the view (and its URL) stays as it was; after a login every panel reloads.

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};

/// Whether credentials typed here would cross the network unencrypted: plain
/// `http:` to anything but this machine.
fn plain_http_to_remote_host() -> bool {
    let location = window().location();
    let protocol = location.protocol().unwrap_or_default();
    let host = location.hostname().unwrap_or_default();
    protocol == "http:" && !matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]" | "::1")
}

/// A modal login form with "Username", "Password" and "Log in".
#[component]
pub fn LoginDialog() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let auth = client.auth();
    let user_input = NodeRef::<Input>::new();
    let (user, set_user) = signal(String::new());
    let (password, set_password) = signal(String::new());
    let (error, set_error) = signal(None::<ApiError>);
    let log_in = Action::new_local(move |(user, password): &(String, String)| {
        let (client, user, password) = (client.clone(), user.clone(), password.clone());
        async move { client.log_in(&user, &password).await }
    });
    let pending = log_in.pending();
    Effect::new(move |_| {
        if let Some(result) = log_in.value().get() {
            match result {
                Ok(()) => {
                    set_password.set(String::new());
                    set_error.set(None);
                }
                Err(e) => set_error.set(Some(e)),
            }
        }
    });
    Effect::new(move |_| {
        if auth.needs_login.get() {
            if let Some(input) = user_input.get() {
                // Focus may fail on a detached node; the form still works by mouse.
                let _ = input.focus();
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        log_in.dispatch((user.get_untracked(), password.get_untracked()));
    };
    let insecure = plain_http_to_remote_host();

    view! {
        <Show when=move || auth.needs_login.get()>
            <div class="modal-backdrop">
                <div class="modal" role="dialog" aria-modal="true" aria-labelledby="login-title">
                    <h2 id="login-title">"Log in to SPS"</h2>
                    <p class="muted">
                        "Your session has ended or you have not logged in yet. The page stays as it is."
                    </p>
                    {insecure
                        .then(|| {
                            view! {
                                <p class="state state-error" role="alert">
                                    "This page is not served over HTTPS: the password would cross the network unencrypted."
                                </p>
                            }
                        })}
                    <form on:submit=on_submit>
                        <label for="login-user">"Username"</label>
                        <input
                            id="login-user"
                            node_ref=user_input
                            type="text"
                            autocomplete="username"
                            required
                            prop:value=user
                            on:input:target=move |ev| set_user.set(ev.target().value())
                        />
                        <label for="login-password">"Password"</label>
                        <input
                            id="login-password"
                            type="password"
                            autocomplete="current-password"
                            required
                            prop:value=password
                            on:input:target=move |ev| set_password.set(ev.target().value())
                        />
                        {move || {
                            error
                                .get()
                                .map(|e| {
                                    view! {
                                        <p class="form-error" role="alert">
                                            {e.to_string()}
                                        </p>
                                    }
                                })
                        }}
                        <button type="submit" class="primary" disabled=pending>
                            {move || if pending.get() { "Logging in…" } else { "Log in" }}
                        </button>
                    </form>
                </div>
            </div>
        </Show>
    }
}
