//! The wall's status line: a clock, the range, and how fresh the data is — big
//! enough to read across a room, and clearly red when the connection is lost.
//! With `rotate=…&views=…` it also cycles the saved views and says which one
//! shows; any key pauses the rotation, another resumes it.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use crate::clock::now;
use crate::components::composer::storage;
use crate::components::refresh::Refresher;
use crate::format;
use crate::paths::browser::{Go, Navigator};
use crate::paths::{with_query, OVERVIEW};
use crate::state::rotation::{showing, Rotation};
use crate::state::url::ViewCtl;

/// Where saved views are kept (the saved-query store of this name).
pub const VIEWS_ENDPOINT: &str = "views";

/// The status line shown in kiosk mode.
#[component]
pub fn KioskBar() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let r = expect_context::<Refresher>();
    let (clock, set_clock) = signal(now());
    // One timer for the page's life, stopped with the page.
    if let Ok(ticker) = set_interval_with_handle(move || set_clock.set(now()), Duration::from_secs(1)) {
        on_cleanup(move || ticker.clear());
    }
    let tz = ctl.zone;
    let hms = move |t: chrono::DateTime<chrono::Utc>| format::clock(t, tz.get());
    let exit = move |_| ctl.update(|v| v.display.kiosk = false);
    view! {
        <div class="kiosk-bar" class:offline=move || r.stale.get().is_some()>
            <span class="kiosk-clock" aria-label="Current time">
                {move || hms(clock.get())}
            </span>
            <span class="kiosk-range">{move || ctl.view.with(|v| v.range.label(clock.get(), tz.get()))}</span>
            <span class="kiosk-status" role="status">
                {move || match (r.stale.get(), r.updated.get()) {
                    (Some((since, why)), _) => {
                        format!("Connection lost — showing data from before {} ({why})", hms(since))
                    }
                    (None, Some(at)) => format!("Live · updated {}", hms(at)),
                    (None, None) => "Connecting…".to_owned(),
                }}
            </span>
            <RotationStatus clock />
            <button type="button" class="mini kiosk-exit" on:click=exit>
                "Exit wall mode"
            </button>
        </div>
    }
}

/// Where the rotation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Turn {
    /// The view shown, an index into the rotation's views.
    index: usize,
    /// Seconds until the next view.
    left: u32,
    /// Stopped by a key press.
    paused: bool,
}

/// Cycles the saved views of `rotate=…&views=…`, one step per `every` seconds of
/// `clock`, and says so in the status line.
#[component]
fn RotationStatus(clock: ReadSignal<chrono::DateTime<chrono::Utc>>) -> impl IntoView {
    let pairs = expect_context::<ViewCtl>().binding().pairs;
    let navigator = Navigator::here();
    let rotation = Memo::new(move |_| {
        let pairs = pairs.get();
        (Rotation::from_query(&pairs).map_err(|e| e.to_string()), pairs)
    });
    let turn = RwSignal::new(Turn { index: 0, left: 0, paused: false });
    let missing = RwSignal::new(None::<String>);
    let show = move |index: usize| {
        let (Ok(Some(rotation)), screen) = rotation.get_untracked() else { return };
        let Some(name) = rotation.views.get(index) else { return };
        let store = storage::load(VIEWS_ENDPOINT);
        match store.saved.iter().find(|v| &v.name == name) {
            Some(saved) => {
                missing.set(None);
                let pairs = showing(&saved.query, &screen);
                navigator.go(&with_query(OVERVIEW, &pairs), Go::Rewrite);
            }
            None => missing.set(Some(name.clone())),
        }
        turn.set(Turn { index, left: rotation.every, paused: false });
    };
    // The first view at once, then one step per tick of the clock.
    let show_first = show;
    Effect::new(move |started: Option<bool>| {
        let rotating = rotation.with(|(r, _)| matches!(r, Ok(Some(_))));
        if rotating && started != Some(true) {
            show_first(0);
        }
        rotating
    });
    Effect::new(move |first: Option<()>| {
        clock.track();
        // The first run is the mount, not a tick.
        if first.is_none() {
            return;
        }
        let Ok(Some(rotation)) = rotation.with_untracked(|(r, _)| r.clone()) else { return };
        let t = turn.get_untracked();
        if t.paused {
            return;
        }
        if t.left <= 1 {
            show(rotation.next(t.index));
        } else {
            turn.set(Turn { left: t.left - 1, ..t });
        }
    });
    let keys = window_event_listener(ev::keydown, move |_| {
        if rotation.with_untracked(|(r, _)| matches!(r, Ok(Some(_)))) {
            turn.update(|t| t.paused = !t.paused);
        }
    });
    on_cleanup(move || keys.remove());
    move || {
        let (r, _) = rotation.get();
        match r {
            Ok(None) => None,
            Err(problem) => {
                Some(view! { <span class="kiosk-rotation kiosk-rotation-problem">{problem}</span> }.into_any())
            }
            Ok(Some(rotation)) => {
                let Turn { index, left, paused } = turn.get();
                let name = rotation.views.get(index).cloned().unwrap_or_default();
                let (n, of) = (index + 1, rotation.views.len());
                let text = match (missing.get(), paused) {
                    (Some(gone), _) => format!("View “{gone}” is not saved in this browser ({n}/{of})"),
                    (None, true) => format!("{name} ({n}/{of}) · rotation paused, press a key to resume"),
                    (None, false) => format!("{name} ({n}/{of}) · next in {left} s"),
                };
                Some(
                    view! {
                        <span class="kiosk-rotation" aria-label="Rotation">
                            {text}
                        </span>
                    }
                    .into_any(),
                )
            }
        }
    }
}
