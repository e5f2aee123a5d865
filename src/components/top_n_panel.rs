//! A dashboard panel with the top values of one session field, editable and
//! removable; clicking a value narrows the page's query. With a content search it
//! counts only sessions whose recorded content matches, and says that SPS stops at
//! the first 3,000 of them.

use leptos::prelude::*;
use sps_query::builder::{add_clause, and, exclude_clause, term};
use sps_query::Schema;

use crate::api::ApiClient;
use crate::charts::top_n::TopN;
use crate::components::panel_body::panel_body;
use crate::components::panel_data::use_panel_data;
use crate::components::refresh::Refresher;
use crate::components::shell::use_display;
use crate::components::top_n_chart::{TopNChart, ValueFilter};
use crate::format;
use crate::state::content::MATCH_CAP;
use crate::state::requests::stats_params;
use crate::state::url::ViewCtl;
use crate::state::view::{Panel, PanelSpec, MAX_PANEL_SIZE};

/// The panel at `index` of the view's panels.
#[component]
pub fn TopNPanel(
    /// Position in the view's panel list.
    index: usize,
    /// What it shows.
    spec: PanelSpec,
) -> impl IntoView {
    let ctl = expect_context::<ViewCtl>();
    let client = expect_context::<ApiClient>();
    let refresher = expect_context::<Refresher>();
    let auth = client.auth();
    let (editing, set_editing) = signal(false);
    let bare = use_display();
    let title = spec.title();
    let request_spec = spec.clone();
    let data = use_panel_data(move || {
        auth.track();
        let view = ctl.view.get();
        let (start, end) = view.range.resolve(refresher.now.get());
        // Never send a query or content search that does not parse. The request
        // starts here, in the resource's scope, so a newer run aborts it.
        let request = stats_params(&view, &request_spec, start, end).map(|params| client.stats(&params));
        async move {
            match request {
                Ok(request) => request.await.map(|answer| TopN::from_stats(&answer)),
                Err(not_sent) => Err(not_sent.into()),
            }
        }
    });
    let content_note = move || {
        ctl.view.with(|v| !v.content.trim().is_empty()).then(|| {
            view! {
                <p class="note content-note" role="note">
                    {format!(
                        "Content search: SPS counts only the first {} matching sessions.",
                        format::count(u64::from(MATCH_CAP)),
                    )}
                </p>
            }
        })
    };

    let field = spec.field.clone();
    let sub_field = spec.sub_field.clone();
    let on_filter = Callback::new(move |f: ValueFilter| {
        let mut clause = term(&field, &f.value);
        if let (Some(sub), Some(sub_value)) = (&sub_field, &f.sub_value) {
            clause = and([clause, term(sub, sub_value)]);
        }
        let q = ctl.view.get_untracked().q;
        let next = if f.exclude { exclude_clause(&q, &clause) } else { add_clause(&q, &clause) };
        // A query that does not parse cannot be extended; the bar shows why.
        if let Ok(q) = next {
            ctl.update(|v| v.q = q);
        }
    });
    let chart_title = title.clone();
    let chart_field = spec.field.clone();
    let body = panel_body(data, "top values", TopN::is_empty, "No sessions in this time range.", move |model| {
        view! { <TopNChart title=chart_title.clone() field=chart_field.clone() model on_filter /> }
    });
    let remove = move |_| {
        ctl.update(|v| {
            if index < v.panels.len() {
                v.panels.remove(index);
            }
        })
    };

    let edited = move |new: Option<PanelSpec>| {
        set_editing.set(false);
        if let Some(new) = new {
            ctl.update(|v| {
                if let Some(p) = v.panels.get_mut(index) {
                    *p = Panel::TopN(new);
                }
            });
        }
    };

    let (edit_label, remove_label) = (format!("Edit panel {title}"), format!("Remove panel {title}"));

    view! {
        <section class="panel" aria-label=title.clone()>
            <header class="panel-header">
                <h2 class="panel-title" title=title.clone()>
                    {title.clone()}
                </h2>
                <span class="panel-busy" class:visible=move || data.loading.get() aria-hidden="true"></span>
                <Show when=move || !bare.get().bare()>
                    <button
                        type="button"
                        class="mini"
                        aria-label=edit_label.clone()
                        aria-expanded=move || editing.get().to_string()
                        on:click=move |_| set_editing.update(|e| *e = !*e)
                    >
                        "Edit"
                    </button>
                    <button type="button" class="mini" aria-label=remove_label.clone() on:click=remove>
                        "Remove"
                    </button>
                </Show>
            </header>
            {move || editing.get().then(|| view! { <PanelEditor spec=spec.clone() on_done=edited /> })}
            {content_note}
            {body}
        </section>
    }
}

/// A form choosing a panel's field, sub-field and size; `on_done(None)` cancels.
#[component]
pub fn PanelEditor(
    /// The starting values.
    spec: PanelSpec,
    /// Called with the new spec, or `None` on cancel.
    on_done: impl Fn(Option<PanelSpec>) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let (field, set_field) = signal(spec.field);
    let (sub, set_sub) = signal(spec.sub_field.unwrap_or_default());
    let (size, set_size) = signal(spec.size.to_string());
    let size_ok = move || size.with(|s| s.parse::<u32>().is_ok_and(|n| (1..=MAX_PANEL_SIZE).contains(&n)));
    let options = |selected: ReadSignal<String>| {
        Schema::sessions()
            .fields()
            .iter()
            .map(|f| {
                let name = f.name;
                view! {
                    <option value=name selected=move || selected.get() == name>
                        {name}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <form
            class="panel-editor"
            on:submit=move |ev| {
                ev.prevent_default();
                if let Ok(n) = size.get_untracked().parse() {
                    let sub = sub.get_untracked();
                    on_done(Some(PanelSpec::new(&field.get_untracked(), (!sub.is_empty()).then_some(sub.as_str()), n)));
                }
            }
        >
            <label>
                "Field" <select on:change:target=move |ev| set_field.set(ev.target().value())>{options(field)}</select>
            </label>
            <label>
                "Split by" <select on:change:target=move |ev| set_sub.set(ev.target().value())>
                    <option value="" selected=move || sub.get().is_empty()>
                        "(nothing)"
                    </option>
                    {options(sub)}
                </select>
            </label>
            <label>
                "Top"
                <input
                    type="number"
                    min="1"
                    max=MAX_PANEL_SIZE.to_string()
                    prop:value=size
                    on:input:target=move |ev| set_size.set(ev.target().value())
                />
            </label>
            <button type="submit" class="primary" disabled=move || !size_ok()>
                "Save"
            </button>
            <button type="button" on:click=move |_| on_done(None)>
                "Cancel"
            </button>
        </form>
    }
}
