//! CSV export of the sessions table: the page on screen at once, or up to
//! 10,000 rows fetched page by page with a progress bar and a cancel button.

use leptos::prelude::*;
use sps_api::SessionsParams;

use crate::api::ApiClient;
use crate::clock::now;
use crate::components::sessions::table::Row;
use crate::components::sessions::tasks::{Scope, Task};
use crate::download::save_bytes;
use crate::export::csv::{file_name, Csv};
use crate::format;
use crate::state::search::cell_text::{csv_heading, csv_value};
use crate::state::search::cells::cell;
use crate::state::search::columns::Column;
use crate::state::search::paging::{export_chunks, EXPORT_MAX_ROWS};
use crate::zone::Zone;

fn header(columns: &[&'static Column]) -> Vec<String> {
    std::iter::once("id".to_owned()).chain(columns.iter().map(|c| csv_heading(c))).collect()
}

fn push(csv: &mut Csv, id: &str, body: &serde_json::Value, columns: &[&'static Column], tz: Zone) {
    let fields: Vec<String> =
        std::iter::once(id.to_owned()).chain(columns.iter().map(|c| csv_value(&cell(body, c), tz))).collect();
    csv.push(&fields);
}

fn save(csv: &Csv, what: &str) -> Result<(), String> {
    save_bytes(&file_name(what, now()), "text/csv;charset=utf-8", csv.as_str().as_bytes()).map_err(|e| e.to_string())
}

/// The export buttons and the progress of a running export.
#[component]
pub fn CsvExport(
    /// The rows on screen.
    #[prop(into)]
    rows: Signal<Vec<Row>>,
    /// The shown columns.
    #[prop(into)]
    columns: Signal<Vec<&'static Column>>,
    /// The display zone (times are exported in it, with their offset).
    #[prop(into)]
    tz: Signal<Zone>,
    /// The list request of the search (times resolved), without paging.
    #[prop(into)]
    params: Signal<Option<SessionsParams>>,
    /// How many sessions match.
    #[prop(into)]
    total: Signal<Option<u64>>,
) -> impl IntoView {
    let scope = StoredValue::new_local(Scope::here());
    let client = expect_context::<ApiClient>();
    let progress = RwSignal::new(None::<(u64, u64)>);
    let status = RwSignal::new(None::<(bool, String)>);
    let task = StoredValue::new_local(None::<Task>);

    let export_page = move |_| {
        let columns = columns.get_untracked();
        let mut csv = Csv::with_header(&header(&columns));
        let tz = tz.get_untracked();
        rows.with_untracked(|rows| rows.iter().for_each(|r| push(&mut csv, &r.id, &r.body, &columns, tz)));
        status.set(Some(match save(&csv, "sessions-page") {
            Ok(()) => (false, format!("Exported {} rows of this page.", format::count(csv.len() as u64))),
            Err(e) => (true, e),
        }));
    };

    let export_all = move |_| {
        let (Some(params), Some(total)) = (params.get_untracked(), total.get_untracked()) else { return };
        let chunks = export_chunks(total);
        let wanted = total.min(EXPORT_MAX_ROWS);
        let columns = columns.get_untracked();
        let tz = tz.get_untracked();
        let client = client.clone();
        status.set(None);
        progress.set(Some((0, wanted)));
        let work = async move {
            let mut csv = Csv::with_header(&header(&columns));
            for (offset, limit) in chunks {
                let request = SessionsParams { offset: Some(offset), limit: Some(limit), ..params.clone() };
                match client.sessions(&request).await {
                    Ok(page) => {
                        let short = page.items.len() < limit as usize;
                        for item in &page.items {
                            let body = serde_json::to_value(&item.body).unwrap_or_default();
                            push(&mut csv, &item.key, &body, &columns, tz);
                        }
                        progress.try_set(Some((csv.len() as u64, wanted)));
                        if short {
                            break;
                        }
                    }
                    Err(e) => {
                        progress.try_set(None);
                        status.try_set(Some((
                            true,
                            format!("The export stopped after {} rows: {e}", format::count(csv.len() as u64)),
                        )));
                        return;
                    }
                }
            }
            progress.try_set(None);
            status.try_set(Some(match save(&csv, "sessions") {
                Ok(()) => (false, format!("Exported {} rows.", format::count(csv.len() as u64))),
                Err(e) => (true, e),
            }));
        };
        task.set_value(Some(scope.get_value().spawn(work)));
    };

    let cancel = move |_| {
        if let Some(t) = task.get_value() {
            t.cancel();
        }
        task.set_value(None);
        progress.set(None);
        status.set(Some((false, "Export cancelled.".into())));
    };

    let all_label = move || match total.get() {
        Some(n) if n > EXPORT_MAX_ROWS => format!("CSV: first {} rows", format::count(EXPORT_MAX_ROWS)),
        Some(n) => format!("CSV: all {} rows", format::count(n)),
        None => "CSV: all rows".to_owned(),
    };
    view! {
        <div class="export" role="group" aria-label="Export">
            <button
                type="button"
                on:click=export_page
                disabled=move || rows.with(Vec::is_empty) || progress.with(Option::is_some)
                title="Download the rows on this page as CSV"
            >
                "CSV: this page"
            </button>
            <button
                type="button"
                on:click=export_all
                disabled=move || {
                    progress.with(Option::is_some) || params.with(Option::is_none) || total.get().unwrap_or(0) == 0
                }
                title="Download every matching row (up to 10,000) as CSV, fetched page by page"
            >
                {all_label}
            </button>
        </div>
        {move || {
            progress
                .get()
                .map(|(done, of)| {
                    view! {
                        <div class="export-progress" role="status">
                            <label>
                                <span>
                                    {format!("Exporting {} of {} rows…", format::count(done), format::count(of))}
                                </span>
                                <progress max=of.to_string() value=done.to_string()></progress>
                            </label>
                            <button type="button" on:click=cancel>
                                "Cancel export"
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            status
                .get()
                .map(|(failed, text)| {
                    view! {
                        <p class="export-status" class:form-error=failed role="status">
                            {text}
                        </p>
                    }
                })
        }}
    }
}
