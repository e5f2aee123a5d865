//! Background work of the session pages (paged fetches of an export, blocks of
//! events, timeline probes) that can be cancelled: each task runs under its own
//! reactive owner, so cancelling it aborts its future and, through the API
//! client's cleanup hook, its request in flight. A page that goes away cancels
//! its tasks with it.

use std::future::Future;

use leptos::prelude::*;

/// A running task; [`Task::cancel`] stops it.
#[derive(Clone)]
pub struct Task(Owner);

/// Where a component's tasks live: the component's own reactive owner, captured
/// when it is created. Tasks must not hang under an effect's owner, which is
/// cleaned up (cancelling them) every time the effect runs again.
#[derive(Clone)]
pub struct Scope(Option<Owner>);

impl Scope {
    /// The current owner (call while the component is being created).
    pub fn here() -> Scope {
        Scope(Owner::current())
    }

    /// Starts `work` under a new owner beneath this scope's owner.
    pub fn spawn(&self, work: impl Future<Output = ()> + 'static) -> Task {
        let owner = match &self.0 {
            Some(parent) => parent.child(),
            None => Owner::new(),
        };
        owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(work));
        Task(owner)
    }
}

impl Task {
    /// Stops the task and aborts its request in flight.
    pub fn cancel(&self) {
        self.0.cleanup();
    }
}

/// The tab's `sessionStorage`, when the browser allows it.
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}
