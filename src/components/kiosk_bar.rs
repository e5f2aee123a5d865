//! The wall's status line: a clock, the range, and how fresh the data is — big
//! enough to read across a room, and clearly red when the connection is lost.

use gloo_timers::callback::Interval;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::clock::now;
use crate::components::refresh::Refresher;
use crate::state::url::ViewCtl;

/// The status line shown in kiosk mode.
#[component]
pub fn KioskBar() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let r = expect_context::<Refresher>();
    let (clock, set_clock) = signal(now());
    // One timer for the page's life, dropped (and so stopped) with the page.
    let ticker = SendWrapper::new(Interval::new(1000, move || set_clock.set(now())));
    on_cleanup(move || drop(ticker));
    let tz = ctl.zone;
    let hms = move |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&tz.get()).format("%H:%M:%S").to_string();
    let exit = move |_| ctl.update(|v| v.display.kiosk = false);
    view! {
        <div class="kiosk-bar" class:offline=move || r.stale.get().is_some()>
            <span class="kiosk-clock" aria-label="Current time">{move || hms(clock.get())}</span>
            <span class="kiosk-range">{move || ctl.view.with(|v| v.range.label(clock.get(), tz.get()))}</span>
            <span class="kiosk-status" role="status">
                {move || match (r.stale.get(), r.updated.get()) {
                    (Some((since, why)), _) => format!("Connection lost — showing data from before {} ({why})", hms(since)),
                    (None, Some(at)) => format!("Live · updated {}", hms(at)),
                    (None, None) => "Connecting…".to_owned(),
                }}
            </span>
            <button type="button" class="mini kiosk-exit" on:click=exit>"Exit wall mode"</button>
        </div>
    }
}
