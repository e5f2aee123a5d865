//! The events list's loading: blocks of [`BLOCK`] events fetched by
//! `limit`/`offset` once scrolling settles, at most [`KEEP_BLOCKS`] kept (never those
//! on screen), requests for blocks scrolled past dropped. A new list (session, query
//! sent, reload, login) forgets everything and starts at the top.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use sps_api::{EventsParams, SessionEvent};

use crate::api::{ApiClient, ApiError};
use crate::components::sessions::tasks::{Scope, Task};
use crate::format;
use crate::state::record_pages::{Blocks, Total};
use crate::state::virtual_list::Window;

/// Events per request (the API's default page).
pub const BLOCK: u64 = 500;
/// Blocks kept in memory (25,000 events).
const KEEP_BLOCKS: usize = 50;
/// Wait after scrolling stops before fetching missing blocks.
const SCROLL_SETTLE_MS: u64 = 70;

/// What a list is: session, query sent (`None` while the filter has errors),
/// reloads, logins.
pub type ListKey = (String, Option<String>, u32, u32);

/// The loaded part of the current list and what is being fetched.
#[derive(Clone, Copy)]
pub struct EventLoader {
    /// The current list.
    pub key: Memo<ListKey>,
    /// Its loaded blocks.
    pub blocks: RwSignal<Blocks<SessionEvent>>,
    /// How many events it has, once an answer told.
    pub total: RwSignal<Option<Total>>,
    /// The last failed request (cleared by the next answer).
    pub error: RwSignal<Option<ApiError>>,
    /// Something to tell about the list (an answer from the wrong position, an
    /// event not found).
    pub note: RwSignal<Option<String>>,
    /// The rows on screen: their blocks are fetched and kept.
    window: Memo<Window>,
    client: StoredValue<ApiClient, LocalStorage>,
    scope: StoredValue<Scope, LocalStorage>,
    /// Block requests in flight.
    pending: StoredValue<Vec<(u64, Task)>, LocalStorage>,
    /// Other requests about the list (timeline probes, finding an event).
    side_tasks: StoredValue<Vec<Task>, LocalStorage>,
    /// The fetch waiting for scrolling to settle.
    settle: StoredValue<Option<TimeoutHandle>>,
}

impl EventLoader {
    /// Loads list `key` into `total` and its blocks as `window` moves; `on_new_list`
    /// resets what else belongs to a list. Call while the component is created.
    pub fn new(
        key: Memo<ListKey>,
        total: RwSignal<Option<Total>>,
        window: Memo<Window>,
        on_new_list: impl Fn() + 'static,
    ) -> EventLoader {
        let loader = EventLoader {
            key,
            blocks: RwSignal::new(Blocks::new(BLOCK, KEEP_BLOCKS)),
            total,
            error: RwSignal::new(None),
            note: RwSignal::new(None),
            window,
            client: StoredValue::new_local(expect_context::<ApiClient>()),
            scope: StoredValue::new_local(Scope::here()),
            pending: StoredValue::new_local(Vec::new()),
            side_tasks: StoredValue::new_local(Vec::new()),
            settle: StoredValue::new(None),
        };
        // A new list: forget everything, start at the top.
        Effect::new(move |_| {
            let (_, q, ..) = key.get();
            loader.pending.update_value(|p| p.drain(..).for_each(|(_, t)| t.cancel()));
            loader.side_tasks.update_value(|p| p.drain(..).for_each(|t| t.cancel()));
            loader.blocks.update(Blocks::clear);
            total.set(None);
            loader.error.set(None);
            loader.note.set(None);
            on_new_list();
            if q.is_some() {
                loader.fetch(0);
            }
        });
        // Fetch what the visible rows need once scrolling settles.
        Effect::new(move |_| {
            let w = window.get();
            if total.get().is_none() {
                return;
            }
            let rows = w.first..w.end;
            let needed = loader.blocks.with(|b| b.blocks_for(rows.clone()));
            // Requests for blocks scrolled past are dropped; finished ones forgotten.
            loader.pending.update_value(|p| {
                p.retain(|(b, task)| {
                    let keep = needed.contains(b) && !loader.blocks.with_untracked(|bl| bl.has(*b));
                    if !keep {
                        task.cancel();
                    }
                    keep
                })
            });
            let asked: Vec<u64> = loader.pending.with_value(|p| p.iter().map(|(b, _)| *b).collect());
            let missing = loader.blocks.with(|b| b.missing(rows, &asked));
            if !missing.is_empty() {
                loader.after_settling(move || missing.into_iter().for_each(|b| loader.fetch(b)));
            }
        });
        let settle = loader.settle;
        on_cleanup(move || {
            if let Some(Some(timer)) = settle.try_get_value() {
                timer.clear();
            }
        });
        loader
    }

    /// Runs `fetch` once scrolling has settled: a later call replaces it.
    fn after_settling(self, fetch: impl FnOnce() + 'static) {
        if let Some(timer) = self.settle.get_value() {
            timer.clear();
        }
        // Without a timer (the browser refused one) nothing is fetched until the
        // next scroll, as if scrolling had not settled.
        let timer = set_timeout_with_handle(fetch, Duration::from_millis(SCROLL_SETTLE_MS)).ok();
        self.settle.set_value(timer);
    }

    /// Fetches block `b` of the current list (unless it is being fetched).
    pub fn fetch(self, b: u64) {
        if self.pending.with_value(|p| p.iter().any(|(x, _)| *x == b)) {
            return;
        }
        let (session, q, ..) = self.key.get_untracked();
        let Some(q) = q else { return };
        let client = self.client.get_value();
        let offset = b * BLOCK;
        let params = EventsParams { q: Some(q), limit: Some(BLOCK as u32), offset: Some(offset as u32) };
        let EventLoader { blocks, total, error, note, window, .. } = self;
        let task = self.scope.with_value(|scope| {
            scope.spawn(async move {
                match client.events(&session, &params).await {
                    Ok(answer) => {
                        let served = answer.meta.offset.unwrap_or(offset);
                        if served != offset {
                            note.try_set(Some(format!(
                                "SPS answered events from position {} when asked for {}: events past it may not be reachable.",
                                format::count(served),
                                format::count(offset)
                            )));
                            return;
                        }
                        let told = Total::from_answer(answer.meta.match_count, offset, BLOCK, answer.items.len());
                        total.try_update(|t| *t = Some(t.map_or(told, |t| t.merge(told))));
                        let keep =
                            window.try_get_untracked().map_or(b..b + 1, |w| (w.first / BLOCK)..(w.end / BLOCK + 1));
                        blocks.try_update(|bl| bl.insert(b, answer.items, keep));
                        error.try_set(None);
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
            })
        });
        self.pending.update_value(|p| p.push((b, task)));
    }

    /// Runs `work` for the current list: a new list cancels it.
    pub fn spawn(self, work: impl Future<Output = ()> + 'static) {
        let task = self.scope.with_value(|scope| scope.spawn(work));
        self.side_tasks.update_value(|t| t.push(task));
    }

    /// The API client the list is fetched with.
    pub fn client(self) -> ApiClient {
        self.client.get_value()
    }
}
