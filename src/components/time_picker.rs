//! The time range picker: quick ranges, absolute from/to in the display zone,
//! the zone itself, shifting earlier/later and zooming out.

use chrono::{DateTime, NaiveDateTime, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::clock::now;
use crate::components::refresh::Refresher;
use crate::state::time_range::{TimeRange, QUICK_RANGES};
use crate::state::url::ViewCtl;
use crate::state::view::ZoneChoice;
use crate::zone::Zone;

const INPUT_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// A wall time typed in `tz` as an instant (`None` when it is not a valid time).
fn parse_local(text: &str, tz: Zone) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text, INPUT_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    tz.local_to_utc(&naive)
}

/// The picker.
#[component]
pub fn TimePicker() -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let refresher = expect_context::<Refresher>();
    let (open, set_open) = signal(false);
    let label = move || ctl.view.with(|v| v.range.label(refresher.now.get(), ctl.zone.get()));
    let set_range = move |range: TimeRange| {
        set_open.set(false);
        ctl.update(|v| v.range = range);
    };
    view! {
        <div class="time-picker">
            <button
                type="button"
                class="icon"
                title="Earlier"
                aria-label="Shift the time range earlier"
                on:click=move |_| set_range(ctl.view.get_untracked().range.shift(now(), false))
            >
                "◀"
            </button>
            <button
                type="button"
                class="range-button"
                aria-haspopup="dialog"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {label}
            </button>
            <button
                type="button"
                class="icon"
                title="Later"
                aria-label="Shift the time range later"
                on:click=move |_| set_range(ctl.view.get_untracked().range.shift(now(), true))
            >
                "▶"
            </button>
            <button
                type="button"
                title="Twice as long"
                on:click=move |_| set_range(ctl.view.get_untracked().range.zoom_out(now()))
            >
                "Zoom out"
            </button>
            <Show when=move || open.get()>
                <RangePopover on_pick=set_range on_close=move || set_open.set(false) />
            </Show>
        </div>
    }
}

#[component]
fn RangePopover(
    on_pick: impl Fn(TimeRange) + Copy + Send + Sync + 'static,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let tz = ctl.zone.get_untracked();
    let (start, end) = ctl.view.get_untracked().range.resolve(now());
    let fmt = |t: DateTime<Utc>| t.with_timezone(&tz).format(INPUT_FORMAT).to_string();
    let (from, set_from) = signal(fmt(start));
    let (to, set_to) = signal(fmt(end));
    let (error, set_error) = signal(None::<String>);
    let apply = move |ev: SubmitEvent| {
        ev.prevent_default();
        let tz = ctl.zone.get_untracked();
        let range = match (parse_local(&from.get_untracked(), tz), parse_local(&to.get_untracked(), tz)) {
            (Some(a), Some(b)) => Ok(TimeRange::between(a, b)),
            _ => Err("Enter both times as date and time.".to_owned()),
        };
        match range.and_then(|r| r.check(now()).map(|()| r).map_err(|e| format!("The time range is not valid: {e}."))) {
            Ok(r) => on_pick(r),
            Err(e) => set_error.set(Some(e)),
        }
    };
    let browser = Zone::browser();
    let zone_value = move || match ctl.view.with(|v| v.zone) {
        ZoneChoice::Browser => "browser".to_owned(),
        ZoneChoice::Named(tz) => tz.name().to_owned(),
    };
    let set_zone = move |name: String| {
        let zone = if name == "browser" { Some(ZoneChoice::Browser) } else { name.parse().ok().map(ZoneChoice::Named) };
        if let Some(zone) = zone {
            ctl.update(|v| v.zone = zone);
        }
    };
    view! {
        <div
            class="popover"
            role="dialog"
            aria-label="Time range"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_close()
                }
            }
        >
            <div class="quick-ranges" role="group" aria-label="Quick ranges">
                {QUICK_RANGES
                    .iter()
                    .map(|(minutes, label)| {
                        let minutes = *minutes;
                        view! {
                            <button type="button" on:click=move |_| on_pick(TimeRange::last(minutes))>
                                {*label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <form class="absolute-range" on:submit=apply>
                <label>
                    "From"
                    <input
                        type="datetime-local"
                        prop:value=from
                        on:input:target=move |ev| set_from.set(ev.target().value())
                    />
                </label>
                <label>
                    "To"
                    <input
                        type="datetime-local"
                        prop:value=to
                        on:input:target=move |ev| set_to.set(ev.target().value())
                    />
                </label>
                <button type="submit" class="primary">
                    "Apply range"
                </button>
                {move || {
                    error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="form-error" role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
            </form>
            <label class="zone">
                "Time zone " <select prop:value=zone_value on:change:target=move |ev| set_zone(ev.target().value())>
                    <option value="browser">{format!("Browser ({})", browser.name())}</option>
                    {Zone::names()
                        .into_iter()
                        .map(|name| {
                            let label = name.clone();
                            view! { <option value=name>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}
