//! `/sessions`: session search. The overview's query and time range (the same
//! URL keys) over a table of sessions with the columns the analyst picks, sorted
//! by the server, paged within the API's limits, with the total from `_count`, a
//! badge for active sessions, click-to-filter values, CSV export, and rows that
//! open the session (remembering the result for previous/next there).

use leptos::prelude::*;
use sps_api::SessionsParams;
use sps_query::builder::{exclude_clause, term};

use crate::api::{ApiClient, ApiError};
use crate::components::panel_data::use_panel_data;
use crate::components::refresh::Refresher;
use crate::components::sessions::export::CsvExport;
use crate::components::sessions::pager::Pager;
use crate::components::sessions::table::{CellFilter, Row, SessionsTable};
use crate::components::sessions::tasks::session_storage;
use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::components::url_problems::UrlProblems;
use crate::components::view_toolbar::ViewToolbar;
use crate::format;
use crate::paths::browser::{Go, Navigator};
use crate::paths::Route;
use crate::state::requests::checked_query;
use crate::state::result_nav::{ResultNav, STORAGE_KEY};
use crate::state::search::columns::{default_columns, Column, Sort, COLUMNS};
use crate::state::search::narrowing::{active_query, narrowed};
use crate::state::search::paging::{unreadable_note, Paging, PAGE_SIZES};
use crate::state::search::url_state::{basis, resolve, Basis, SearchState, KEYS};
use crate::state::session_view::{opened_from, session_link};
use crate::state::time_range::iso;
use crate::state::url::ViewCtl;
use crate::state::view::Problem;

/// One answer of the list request, with the request it answered.
#[derive(Debug, Clone, PartialEq)]
struct Listed {
    rows: Vec<Row>,
    params: SessionsParams,
    match_count: Option<u64>,
    /// Listed items the page cannot show (no session id).
    unreadable: usize,
}

/// The session search page.
#[component]
pub fn SessionSearch() -> impl IntoView {
    let ctl = ViewCtl::provide(Route::Sessions);
    let refresher = Refresher::provide_for(ctl);
    let client = expect_context::<ApiClient>();
    let auth = client.auth();
    let binding = ctl.binding();
    let navigator = Navigator::here();

    // Sort, page, size and columns: from the URL, carried over when the shared
    // controls rewrite it with their keys only.
    let previous = StoredValue::new(None::<(SearchState, Basis)>);
    let parsed = Memo::new(move |_| {
        let pairs = binding.pairs.get();
        let (state, problems) = resolve(&pairs, previous.get_value().as_ref());
        previous.set_value(Some((state.clone(), basis(&pairs))));
        let named = pairs.iter().any(|(k, _)| KEYS.contains(&k.as_str()));
        (state, problems, named)
    });
    let search = Memo::new(move |_| parsed.with(|p| p.0.clone()));
    let go = move |state: SearchState, replace: bool| {
        let mut pairs: Vec<(String, String)> =
            binding.pairs.get_untracked().into_iter().filter(|(k, _)| !KEYS.contains(&k.as_str())).collect();
        pairs.extend(state.to_query());
        binding.set(&pairs, if replace { Go::Rewrite } else { Go::Change });
    };
    // Put carried-over keys back into the URL, so the link shows what is shown.
    Effect::new(move |_| {
        let (state, _, named) = parsed.get();
        if !named && state != SearchState::default() {
            go(state, true);
        }
    });
    let update = move |change: &dyn Fn(&mut SearchState)| {
        let mut state = search.get_untracked();
        change(&mut state);
        go(state, false);
    };

    // The request of the current view: query, resolved window, sort, fields.
    let base = Memo::new(move |_| {
        let view = ctl.view.get();
        let state = search.get();
        let (start, end) = view.range.resolve(refresher.now.get());
        SessionsParams {
            q: Some(view.q.clone()),
            start: Some(iso(start)),
            end: Some(iso(end)),
            fields: Some(state.fields_param()),
            sort: Some(state.sort.param()),
            limit: Some(state.size),
            offset: None,
        }
    });
    let list = {
        let client = client.clone();
        use_panel_data(move || {
            auth.track();
            let params = SessionsParams { offset: Some(search.with(|s| s.offset()) as u32), ..base.get() };
            let client = client.clone();
            async move {
                checked_query(params.q.as_deref().unwrap_or_default())?;
                let answer = client.sessions(&params).await?;
                let rows = answer
                    .items
                    .iter()
                    .map(|item| Row {
                        id: item.key.clone(),
                        body: serde_json::to_value(&item.body).unwrap_or_default(),
                    })
                    .collect();
                Ok(Listed { rows, params, match_count: answer.meta.match_count, unreadable: answer.unreadable.len() })
            }
        })
    };
    // The sessions the query matches, narrowed by `narrow` (`None`: none can match).
    let count_of = |narrow: fn(&str) -> Option<String>| {
        let client = client.clone();
        use_panel_data(move || {
            auth.track();
            let params = base.get();
            let client = client.clone();
            async move {
                let q = params.q.clone().unwrap_or_default();
                checked_query(&q)?;
                let Some(q) = narrow(&q) else { return Ok(0) };
                client.session_count(&SessionsParams { q: Some(q), ..params }).await.map(|c| c.count)
            }
        })
    };
    let count = count_of(|q| Some(q.to_owned()));
    let active = count_of(active_query);

    let total = Signal::derive(move || {
        count.value.get().or_else(|| list.value.with(|l| l.as_ref().and_then(|l| l.match_count)))
    });
    let rows = Signal::derive(move || list.value.with(|l| l.as_ref().map(|l| l.rows.clone()).unwrap_or_default()));
    let paging = Signal::derive(move || total.get().map(|total| Paging { total, size: search.with(|s| s.size) }));

    let on_sort = Callback::new(move |sort: Sort| {
        update(&|s| {
            s.sort = sort.clone();
            s.page = 1;
        })
    });
    let on_page = Callback::new(move |page: u32| update(&|s| s.page = page));
    let on_filter = Callback::new(move |f: CellFilter| {
        let q = ctl.view.get_untracked().q;
        let next =
            if f.exclude { exclude_clause(&q, &term(f.field, &f.value)).ok() } else { narrowed(&q, f.field, &f.value) };
        // A query that does not parse cannot be extended; the composer shows why.
        if let Some(q) = next {
            ctl.update(|v| v.q = q);
        }
    });
    let on_open = Callback::new(move |id: String| {
        let link = ctl.view.with_untracked(|v| opened_from(v.zone, &v.content));
        if let Some(listed) = list.value.get_untracked() {
            let nav = ResultNav {
                ids: listed.rows.iter().map(|r| r.id.clone()).collect(),
                offset: u64::from(listed.params.offset.unwrap_or(0)),
                total: total.get_untracked().unwrap_or(listed.rows.len() as u64),
                params: SessionsParams { offset: None, ..listed.params.clone() },
                back: binding.pairs.get_untracked(),
            };
            if let Some(storage) = session_storage() {
                // A full or disabled storage only costs previous/next.
                let _ = storage.set_item(STORAGE_KEY, &nav.to_json());
            }
        }
        navigator.go(&session_link(&id, &link), Go::Open);
    });

    let heading_count = move || {
        total.get().map(|n| {
            let noun = if n == 1 { "session" } else { "sessions" };
            view! {
                <span class="result-count" role="status">
                    {format!("{} {noun}", format::count(n))}
                </span>
            }
        })
    };
    let active_badge = move || {
        let n = active.value.get()?;
        let q = ctl.view.with(|v| v.q.clone());
        let filtering = q.contains("active:true");
        Some(if n == 0 {
            view! { <span class="badge badge-none">"No active sessions"</span> }.into_any()
        } else {
            view! {
                <button
                    type="button"
                    class="badge badge-active"
                    disabled=filtering
                    title="Show only the active sessions"
                    on:click=move |_| {
                        if let Some(q) = active_query(&ctl.view.get_untracked().q) {
                            ctl.update(|v| v.q = q);
                        }
                    }
                >
                    <span class="dot" aria-hidden="true"></span>
                    {format!("{} active", format::count(n))}
                </button>
            }
            .into_any()
        })
    };
    // `/api/audit/sessions` has no `content` parameter (API-NOTES.md): the list cannot
    // be narrowed by it, so say so instead of implying it was.
    let content_note = move || {
        ctl.view.with(|v| !v.content.trim().is_empty()).then(|| view! {
            <p class="note content-note" role="note">
                "The content search is not applied to this list: SPS's session search cannot search recorded content. "
                "A session opened from here shows the events it finds, its words marked."
            </p>
        })
    };
    let window_note = move || {
        paging.get().and_then(|p| p.window_note()).map(|note| {
            view! {
                <p class="note window-note" role="note">
                    {note}
                </p>
            }
        })
    };
    let table = move || {
        let tz = ctl.zone.get();
        let link = ctl.view.with(|v| opened_from(v.zone, &v.content));
        match (list.value.get(), list.error.get()) {
            (None, Some(ApiError::Unauthenticated)) => {
                view! { <Empty message="Log in to SPS to search sessions." /> }.into_any()
            }
            (None, Some(error)) => view! { <ErrorNotice error /> }.into_any(),
            (None, None) => view! { <Loading what="sessions" /> }.into_any(),
            (Some(listed), error) => {
                let stale = error.map(|e| {
                    view! {
                        <p class="stale" role="status">
                            <span class="stale-mark">"Stale"</span>
                            {format!(" {e}")}
                        </p>
                    }
                });
                let page = search.with(|s| s.page);
                let body = if listed.rows.is_empty() {
                    let message = if page > 1 {
                        "This page is past the end of the result. Go back to the first page."
                    } else {
                        "No sessions match this query in this time range. Widen the time range or loosen the query."
                    };
                    view! { <Empty message=message /> }.into_any()
                } else {
                    let state = search.get();
                    view! {
                        <SessionsTable
                            rows=listed.rows.clone()
                            columns=state.columns.clone()
                            sort=state.sort.clone()
                            tz
                            link
                            on_sort
                            on_filter
                            on_open
                        />
                    }
                    .into_any()
                };
                let pager = paging.get().map(|paging| {
                    view! { <Pager paging page rows=listed.rows.len() what="sessions" on_page /> }
                });
                let unreadable = unreadable_note(listed.unreadable).map(|n| {
                    view! {
                        <p class="note" role="note">
                            {n}
                        </p>
                    }
                });
                view! {
                    {stale}
                    {unreadable}
                    {body}
                    {pager}
                }
                .into_any()
            }
        }
    };

    let size_value = move || search.with(|s| s.size.to_string());
    let export_params = Signal::derive(move || {
        list.value.with(|l| l.as_ref().map(|l| SessionsParams { offset: None, ..l.params.clone() }))
    });
    view! {
        <div class="page-heading">
            <h1>"Sessions"</h1>
            {heading_count}
            {active_badge}
        </div>
        <ViewToolbar />
        <UrlProblems problems=Signal::derive(move || {
            let mut all: Vec<Problem> = ctl.problems.get();
            all.extend(parsed.with(|p| p.1.clone()));
            all
        }) />
        <section class="panel sessions-panel" aria-label="Sessions">
            <div class="table-tools">
                <ColumnPicker
                    search
                    on_change=Callback::new(move |columns: Vec<&'static Column>| update(
                        &|s| s.columns = columns.clone(),
                    ))
                />
                <label class="page-size">
                    "Rows per page "
                    <select
                        prop:value=size_value
                        on:change:target=move |ev| {
                            if let Ok(size) = ev.target().value().parse::<u32>() {
                                update(
                                    &|s| {
                                        s.size = size;
                                        s.page = 1;
                                    },
                                );
                            }
                        }
                    >
                        {PAGE_SIZES
                            .iter()
                            .map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <span class="panel-busy" class:visible=move || list.loading.get() aria-hidden="true"></span>
                <CsvExport
                    rows
                    columns=Signal::derive(move || search.with(|s| s.columns.clone()))
                    tz=ctl.zone
                    params=export_params
                    total
                />
            </div>
            {content_note}
            {window_note}
            {table}
        </section>
    }
}

/// The column chooser: every column as a checkbox, and a reset.
#[component]
fn ColumnPicker(search: Memo<SearchState>, on_change: Callback<Vec<&'static Column>>) -> impl IntoView {
    let (open, set_open) = signal(false);
    let toggle = move |field: &'static str, on: bool| {
        let current = search.with_untracked(|s| s.columns.clone());
        let next: Vec<_> = COLUMNS
            .iter()
            .filter(|c| if c.field == field { on } else { current.iter().any(|x| x.field == c.field) })
            .collect();
        if !next.is_empty() {
            on_change.run(next);
        }
    };
    view! {
        <div class="column-picker">
            <button
                type="button"
                aria-haspopup="dialog"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {move || format!("Columns ({})", search.with(|s| s.columns.len()))}
            </button>
            <Show when=move || open.get()>
                <div
                    class="popover column-popover"
                    role="dialog"
                    aria-label="Columns"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            set_open.set(false)
                        }
                    }
                >
                    <div class="column-list">
                        {COLUMNS
                            .iter()
                            .map(|c| {
                                let field = c.field;
                                let checked = move || search.with(|s| s.columns.iter().any(|x| x.field == field));
                                view! {
                                    <label class="column-choice" title=field>
                                        <input
                                            type="checkbox"
                                            prop:checked=checked
                                            on:change:target=move |ev| toggle(field, ev.target().checked())
                                        />
                                        {c.label}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <div class="column-actions">
                        <button type="button" on:click=move |_| on_change.run(default_columns())>
                            "Default columns"
                        </button>
                        <button type="button" class="primary" on:click=move |_| set_open.set(false)>
                            "Done"
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
