//! Page buttons: first, previous, the pages around the current one, next, last
//! reachable, and which rows are showing.

use leptos::prelude::*;

use crate::format;
use crate::state::search::paging::Paging;

/// The pager of a paged list.
#[component]
pub fn Pager(
    /// Totals and page size.
    paging: Paging,
    /// The current page, from 1.
    page: u32,
    /// Rows on the current page.
    rows: usize,
    /// What the rows are ("sessions", "alerts").
    what: &'static str,
    /// A page was chosen.
    on_page: Callback<u32>,
) -> impl IntoView {
    let last = paging.reachable_pages();
    let shown = match paging.rows_of(page, rows) {
        Some((a, b)) => format!("{}–{} of {} {what}", format::count(a), format::count(b), format::count(paging.total)),
        None => format!("0 of {} {what}", format::count(paging.total)),
    };
    let button = move |label: &'static str, aria: &'static str, target: u32, enabled: bool| {
        view! {
            <button
                type="button"
                class="page-step"
                aria-label=aria
                disabled=!enabled
                on:click=move |_| on_page.run(target)
            >
                {label}
            </button>
        }
    };
    let numbers = paging
        .buttons(page)
        .into_iter()
        .map(|b| match b {
            Some(p) => {
                let current = p == page;
                view! {
                    <button
                        type="button"
                        class="page-number"
                        aria-current=current.then_some("page")
                        aria-label=format!("Page {p}")
                        on:click=move |_| on_page.run(p)
                    >
                        {format::count(u64::from(p))}
                    </button>
                }
                .into_any()
            }
            None => view! {
                <span class="page-gap" aria-hidden="true">
                    "…"
                </span>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <nav class="pager" aria-label=format!("Pages of {what}")>
            <span class="pager-rows" role="status">
                {shown}
            </span>
            <div class="pager-buttons">
                {button("«", "First page", 1, page > 1)}
                {button("‹", "Previous page", page.saturating_sub(1).max(1), page > 1)} {numbers}
                {button("›", "Next page", page + 1, page < last)}
                {button("»", "Last reachable page", last, page < last)}
            </div>
        </nav>
    }
}
