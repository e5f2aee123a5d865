//! The table half of the chart accessibility contract: always in the DOM right
//! after its canvas (read by screen readers), shown on screen by the "Table" toggle.

use leptos::prelude::*;

use crate::components::shell::use_display;
use crate::components::shortcuts::Shortcuts;

/// One table row: a CSS class, the cell texts, and optional action buttons.
pub struct ChartRow {
    /// The row's class (e.g. `row-sub`).
    pub class: &'static str,
    /// The cells; all but the first are numbers.
    pub cells: Vec<String>,
    /// Buttons acting on the row (filter, exclude), in a last column.
    pub actions: Option<AnyView>,
}

/// A toggle button and the table wrapper it shows or hides visually.
#[component]
pub fn ChartTable(
    /// The table's caption.
    #[prop(into)]
    caption: String,
    /// Column headings; numeric columns (all but the first) are right-aligned.
    #[prop(into)]
    headers: Signal<Vec<String>>,
    /// The rows, built again when a signal they read changes (a chart stays
    /// mounted while its data changes).
    rows: impl Fn() -> Vec<ChartRow> + Send + Sync + 'static,
    /// Whether rows carry action buttons (in a last column).
    #[prop(optional)]
    actions: bool,
    /// Extra controls shown beside the toggle (e.g. exports).
    #[prop(optional_no_strip)]
    tools: Option<AnyView>,
) -> impl IntoView {
    let (shown, set_shown) = signal(false);
    // A wall is read, not operated: no toggle, and the table stays for screen readers only.
    let display = use_display();
    let wall = display.get_untracked().kiosk;
    // The `t` shortcut shows or hides every table at once.
    if let Some(keys) = use_context::<Shortcuts>() {
        Effect::new(move |first: Option<()>| {
            let all = keys.tables.get();
            if first.is_some() {
                set_shown.set(all);
            }
        });
    }
    view! {
        {(!wall)
            .then(|| {
                view! {
                    <div class="chart-tools">
                        {tools}
                        <button
                            type="button"
                            class="toggle"
                            aria-pressed=move || shown.get().to_string()
                            on:click=move |_| set_shown.update(|v| *v = !*v)
                        >
                            "Table"
                        </button>
                    </div>
                }
            })}
        <div class="chart-table-wrap" class:sr-only=move || display.get().kiosk || !shown.get()>
            <table class="chart-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {move || {
                            headers
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, h)| {
                                    view! {
                                        <th scope="col" class:num={i > 0}>
                                            {h}
                                        </th>
                                    }
                                })
                                .collect_view()
                        }}
                        {actions
                            .then(|| {
                                view! {
                                    <th scope="col">
                                        <span class="sr-only">"Actions"</span>
                                    </th>
                                }
                            })}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr class=row
                                        .class>
                                        {row
                                            .cells
                                            .into_iter()
                                            .enumerate()
                                            .map(|(i, c)| view! { <td class:num={i > 0}>{c}</td> })
                                            .collect_view()}
                                        {actions.then(|| view! { <td class="actions">{row.actions}</td> })}
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
