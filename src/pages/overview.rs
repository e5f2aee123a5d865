//! `/`: the overview the SOC wall shows and where an analyst starts.

use leptos::html::Div;
use leptos::prelude::*;

use crate::charts::wall::{wall_layout, WallLayout};
use crate::components::box_size::use_box_size;
use crate::components::histogram_panel::HistogramPanel;
use crate::components::kiosk_bar::KioskBar;
use crate::components::refresh::Refresher;
use crate::components::stat_tile::StatTile;
use crate::components::top_n_panel::{PanelEditor, TopNPanel};
use crate::components::url_problems::UrlProblems;
use crate::components::view_toolbar::ViewToolbar;
use crate::components::views_menu::ViewsMenu;
use crate::paths::Route;
use crate::state::url::ViewCtl;
use crate::state::view::{Panel, PanelSpec, DEFAULT_PANEL_SIZE, MAX_PANELS};

/// Space between the wall's histogram and panels, and between panels (CSS pixels).
const WALL_GAP_PX: f64 = 16.0;

/// The overview page: query, time range, histogram and panels (top-N charts, stat
/// tiles), all in the URL; on the wall, fitted to the screen.
#[component]
pub fn Overview() -> impl IntoView {
    let ctl = ViewCtl::provide(Route::Overview);
    Refresher::provide_for(ctl);
    let display = move || ctl.view.with(|v| v.display);
    let bare = move || display().bare();
    let panels = move || ctl.view.with(|v| v.panels.iter().cloned().enumerate().collect::<Vec<_>>());
    // The wall fits the histogram and the panels to the space under its status
    // line, measured here and split by `wall_layout` (again on every resize).
    let body = NodeRef::<Div>::new();
    let room = use_box_size(body);
    let wall = Memo::new(move |_| {
        let d = display();
        d.kiosk.then(|| {
            let (w, h) = room.get();
            wall_layout(ctl.view.with(|v| v.panels.len()), d.histogram, w, h, WALL_GAP_PX)
        })
    });
    let px = |v: f64| format!("{}px", v.floor());
    let histogram_h = move || wall.get().map(|l: WallLayout| px(l.histogram_h));
    let columns = move || wall.get().map(|l| format!("repeat({}, {})", l.grid.cols.max(1), px(l.grid.cell_w)));
    let rows = move || wall.get().map(|l| format!("repeat({}, {})", l.grid.rows.max(1), px(l.grid.cell_h)));
    let gap = move || wall.get().map(|_| px(WALL_GAP_PX));
    let (adding, set_adding) = signal(false);
    let added = move |spec: Option<PanelSpec>| {
        set_adding.set(false);
        if let Some(spec) = spec {
            ctl.update(|v| v.panels.push(Panel::TopN(spec)));
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
                <ViewsMenu />
                <button type="button" class="wall-button" title="Full-screen wall display for the SOC"
                    on:click=move |_| ctl.update(|v| v.display.kiosk = true)>"Wall mode"</button>
            </div>
            <ViewToolbar />
        </Show>
        <UrlProblems problems=ctl.problems />
        <div class="overview-body" node_ref=body style:gap=gap>
            <Show when=move || display().histogram>
                <div class="overview-histogram" style:height=histogram_h>
                    <HistogramPanel />
                </div>
            </Show>
            <div class="panel-grid" style:grid-template-columns=columns style:grid-template-rows=rows style:gap=gap>
                <For each=panels key=|(i, panel)| (*i, panel.clone()) let:((index, panel))>
                    {match panel {
                        Panel::TopN(spec) => view! { <TopNPanel index spec /> }.into_any(),
                        Panel::Stat(spec) => view! { <StatTile index spec /> }.into_any(),
                    }}
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
        </div>
    }
}
