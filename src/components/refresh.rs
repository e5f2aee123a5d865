//! Live refresh. One controller per page: it bumps a tick that every panel's
//! request tracks, waits until the previous round has finished before starting
//! the next, pauses while the tab is hidden, and backs off while rounds fail.
//! Each panel keeps its last good data and marks it stale when a round fails.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_use_document_visibility::use_document_visibility;
use web_sys::VisibilityState;

use crate::clock::now;
use crate::format;
use crate::state::refresh_timing::next_delay_seconds;

/// The refresh controller, shared by the page's panels through context.
#[derive(Debug, Clone, Copy)]
pub struct Refresher {
    /// The instant requests resolve relative ranges at; moves on every tick.
    pub now: RwSignal<DateTime<Utc>>,
    /// Counts the rounds. Every panel's request tracks it, so a round re-asks
    /// even when nothing in the request changes (a fixed time range).
    pub round: RwSignal<u64>,
    /// Requests of the current round still running.
    in_flight: RwSignal<u32>,
    /// Whether a request of the current round failed.
    round_failed: RwSignal<bool>,
    /// Failed rounds in a row (for the backoff).
    failures: RwSignal<u32>,
    /// When the last round finished without a failure.
    pub updated: RwSignal<Option<DateTime<Utc>>>,
    /// Set while the last round failed: since when data is stale, and why.
    pub stale: RwSignal<Option<(DateTime<Utc>, String)>>,
}

/// A running request of the current round; dropping it (finished or superseded)
/// ends it.
pub struct InFlight {
    refresher: Refresher,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let r = self.refresher;
        r.in_flight.try_update(|n| *n = n.saturating_sub(1));
        if r.in_flight.try_get_untracked() == Some(0) {
            r.finish_round();
        }
    }
}

impl Refresher {
    /// Creates the controller, provides it as context, and runs its timer every
    /// `interval` seconds (`None` = off) while the page is visible.
    pub fn provide(interval: Signal<Option<u32>>) -> Self {
        let r = Refresher {
            now: RwSignal::new(now()),
            round: RwSignal::new(0),
            in_flight: RwSignal::new(0),
            round_failed: RwSignal::new(false),
            failures: RwSignal::new(0),
            updated: RwSignal::new(None),
            stale: RwSignal::new(None),
        };
        provide_context(r);
        let visibility = use_document_visibility();
        let timer = StoredValue::new(None::<TimeoutHandle>);
        let cancel = move || {
            if let Some(pending) = timer.try_update_value(Option::take).flatten() {
                pending.clear();
            }
        };
        // Re-run whenever something that decides the next tick changes; each run
        // cancels the previous timer.
        Effect::new(move |_| {
            let busy = r.in_flight.get() > 0;
            let visible = visibility.get() != VisibilityState::Hidden;
            let failures = r.failures.get();
            cancel();
            let (Some(interval), false, true) = (interval.get(), busy, visible) else { return };
            let delay_ms = next_delay_seconds(interval, failures).saturating_mul(1000);
            let since_last = (now() - r.now.get_untracked()).num_milliseconds().max(0) as u32;
            let wait = delay_ms.saturating_sub(since_last);
            // Only a browser without `window` refuses a timer; then nothing refreshes.
            timer.set_value(set_timeout_with_handle(move || r.refresh(), Duration::from_millis(wait.into())).ok());
        });
        // Leaving the page cancels the pending tick.
        on_cleanup(cancel);
        r
    }

    /// The controller of a page showing `ctl`'s view: the interval comes from the
    /// view, a changed view asks about the present (not the last tick's "now"), and
    /// the `r` shortcut starts a round.
    pub fn provide_for(ctl: crate::state::url::ViewCtl) -> Self {
        let r = Refresher::provide(Signal::derive(move || ctl.view.with(|v| v.refresh)));
        Effect::new(move |_| {
            ctl.view.track();
            r.now.set(now());
        });
        if let Some(keys) = use_context::<crate::components::shortcuts::Shortcuts>() {
            Effect::new(move |first: Option<()>| {
                keys.refresh.track();
                if first.is_some() {
                    r.refresh();
                }
            });
        }
        r
    }

    /// Starts a round now (the `r` key and the refresh button), unless one runs.
    pub fn refresh(self) {
        if self.in_flight.try_get_untracked() == Some(0) {
            self.now.try_set(now());
            self.round.try_update(|n| *n = n.wrapping_add(1));
        }
    }

    /// Marks a request of the round as running until the guard is dropped.
    pub fn begin(self) -> InFlight {
        self.in_flight.try_update(|n| *n += 1);
        InFlight { refresher: self }
    }

    /// Reports a failed request of the current round. A request aborted because
    /// the page went away ends after the page's signals are gone: every access
    /// here tolerates that.
    pub fn failed(self, reason: String) {
        self.round_failed.try_set(true);
        if self.stale.try_with_untracked(Option::is_none) == Some(true) {
            self.stale.try_set(Some((now(), reason)));
        }
    }

    /// Ends a round. The page may be gone already (a request dropped on
    /// navigation), so every access tolerates disposed signals.
    fn finish_round(self) {
        if self.round_failed.try_get_untracked() == Some(true) {
            self.failures.try_update(|n| *n = n.saturating_add(1));
            self.round_failed.try_set(false);
        } else {
            self.failures.try_set(0);
            self.stale.try_set(None);
            self.updated.try_set(Some(now()));
        }
    }
}

/// The refresh interval picker, a "refresh now" button and the data's freshness.
#[component]
pub fn RefreshControl() -> impl IntoView {
    use crate::state::url::ViewCtl;
    use crate::state::view::{parse_refresh, print_refresh, REFRESH_CHOICES};

    let ctl = expect_context::<ViewCtl>();
    let r = expect_context::<Refresher>();
    let time = move |t: DateTime<Utc>| format::clock(t, ctl.zone.get());
    let status = move || match (r.stale.get(), r.updated.get()) {
        (Some((since, why)), _) => view! {
            <span class="freshness stale-mark" title=why role="status">
                {format!("Stale since {}", time(since))}
            </span>
        }
        .into_any(),
        (None, Some(at)) => view! {
            <span class="freshness" role="status">
                {format!("Updated {}", time(at))}
            </span>
        }
        .into_any(),
        (None, None) => view! {
            <span class="freshness" role="status">
                "Loading…"
            </span>
        }
        .into_any(),
    };
    let current = move || print_refresh(ctl.view.with(|v| v.refresh));
    view! {
        <div class="refresh">
            <label>
                <span class="sr-only">"Auto-refresh"</span>
                <select
                    title="Auto-refresh"
                    prop:value=current
                    on:change:target=move |ev| {
                        if let Ok(refresh) = parse_refresh(&ev.target().value()) {
                            ctl.update(|v| v.refresh = refresh);
                        }
                    }
                >
                    <option value="off">"Auto-refresh off"</option>
                    {REFRESH_CHOICES
                        .iter()
                        .map(|s| {
                            let value = print_refresh(Some(*s));
                            view! { <option value=value.clone()>{format!("Every {value}")}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <button type="button" title="Refresh now" on:click=move |_| r.refresh()>
                "Refresh"
            </button>
            {status}
        </div>
    }
}
