//! Login state. The SPS login cookie is `HttpOnly`: the browser keeps it and sends
//! it; the app only knows whether the last request was refused with 401, who
//! logged in, and a counter that every data request tracks so that all of them
//! run again after a login.

use leptos::prelude::*;

/// The login state shared by the client, the login dialog and the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Auth {
    /// A request was refused with 401: show the login dialog.
    pub needs_login: RwSignal<bool>,
    /// Who logged in during this page's life (SPS tells nothing else).
    pub user: RwSignal<Option<String>>,
    /// Incremented by each login; data requests track it to run again.
    pub logins: RwSignal<u32>,
}

impl Auth {
    /// Fresh state: nobody known, no login asked for yet.
    pub fn new() -> Self {
        Auth { needs_login: RwSignal::new(false), user: RwSignal::new(None), logins: RwSignal::new(0) }
    }

    /// Subscribes the calling reactive scope to logins (call it inside a resource).
    pub fn track(&self) {
        self.logins.track();
    }

    /// Records a successful login and wakes every waiting request.
    pub fn logged_in(&self, user: String) {
        self.user.set(Some(user));
        self.needs_login.set(false);
        self.logins.update(|n| *n = n.wrapping_add(1));
    }

    /// Forgets the user and asks for a login ("log out": SPS has no logout endpoint).
    pub fn log_out(&self) {
        self.user.set(None);
        self.needs_login.set(true);
    }
}

impl Default for Auth {
    fn default() -> Self {
        Self::new()
    }
}
