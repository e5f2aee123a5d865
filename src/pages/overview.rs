//! `/`: the overview the SOC wall shows and where an analyst starts.

use leptos::prelude::*;

use crate::components::histogram_panel::HistogramPanel;
use crate::components::kiosk_bar::KioskBar;
use crate::components::refresh::Refresher;
use crate::components::top_n_panel::{PanelEditor, TopNPanel};
use crate::components::view_toolbar::ViewToolbar;
use crate::paths::Route;
use crate::state::url::ViewCtl;
use crate::state::view::{PanelSpec, DEFAULT_PANEL_SIZE, MAX_PANELS};

/// The overview page: query, time range, histogram and top-N panels, all in the URL.
#[component]
pub fn Overview() -> impl IntoView {
    let ctl = ViewCtl::provide(Route::Overview);
    Refresher::provide_for(ctl);
    let display = move || ctl.view.with(|v| v.display);
    let bare = move || display().bare();
    let problems = move || {
        let problems = ctl.problems.get();
        (!problems.is_empty()).then(|| {
            view! {
                <div class="banner banner-warning" role="alert">
                    <strong>"Parts of this link could not be used: "</strong>
                    <ul>{problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    let panels = move || ctl.view.with(|v| v.panels.iter().cloned().enumerate().collect::<Vec<_>>());
    let (adding, set_adding) = signal(false);
    let added = move |spec: Option<PanelSpec>| {
        set_adding.set(false);
        if let Some(spec) = spec {
            ctl.update(|v| v.panels.push(spec));
        }
    };

    view! {
        <Show when=move || display().kiosk>
            <KioskBar />
        </Show>
        // The wall and the embedded view drop the heading from sight, not from screen readers.
        <Show when=move || !bare() fallback=|| view! { <h1 class="sr-only">"Overview"</h1> }>
            <div class="page-heading">
                <h1>"Overview"</h1>
                <button type="button" class="wall-button" title="Full-screen wall display for the SOC"
                    on:click=move |_| ctl.update(|v| v.display.kiosk = true)>"Wall mode"</button>
            </div>
            <ViewToolbar />
        </Show>
        {problems}
        <Show when=move || display().histogram>
            <HistogramPanel />
        </Show>
        <div class="panel-grid">
            <For each=panels key=|(i, spec)| (*i, spec.clone()) let:((index, spec))>
                <TopNPanel index spec />
            </For>
            <div class="panel panel-add" class:hidden=bare>
                <Show
                    when=move || adding.get()
                    fallback=move || view! {
                        <button type="button" class="add-panel" disabled=move || ctl.view.with(|v| v.panels.len() >= MAX_PANELS)
                            on:click=move |_| set_adding.set(true)>"+ Add panel"</button>
                    }
                >
                    <PanelEditor spec=PanelSpec::new("protocol", None, DEFAULT_PANEL_SIZE) on_done=added />
                </Show>
            </div>
        </div>
    }
}
