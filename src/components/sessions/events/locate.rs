//! An event asked for by record id (an alert's link, `event=` in the URL): its row
//! is found among the loaded blocks, or asked of SPS as the count of the events
//! before it and then loaded; it is selected and scrolled to, or the note says the
//! filter leaves it out. The steps are `state::event_list`'s.

use leptos::prelude::*;
use sps_api::EventsParams;

use crate::components::sessions::events::loader::{EventLoader, ListKey, BLOCK};
use crate::components::sessions::events::scroll::Scroll;
use crate::state::event_list::{before_query, step, Locate, Step};
use crate::state::session_view::SessionView;

/// Where finding the event asked for stands, for which event and list.
#[derive(Clone, Copy)]
pub struct Locator {
    loader: EventLoader,
    located: StoredValue<Option<(u64, ListKey, Locate)>>,
}

impl Locator {
    /// Finds the event `view` asks for in `loader`'s list, selects it in `selected`
    /// and scrolls `scroll` to it. Call while the component is created.
    pub fn new(
        view: Memo<SessionView>,
        loader: EventLoader,
        scroll: Scroll,
        selected: RwSignal<Option<u64>>,
    ) -> Locator {
        let located = StoredValue::new(None::<(u64, ListKey, Locate)>);
        // Bumped when the event's row is known, to look again.
        let tick = RwSignal::new(0_u32);
        let note = loader.note;
        Effect::new(move |_| {
            tick.track();
            let Some(rid) = view.with(|v| v.event) else {
                located.set_value(None);
                return;
            };
            let k = loader.key.get();
            if loader.total.get().is_none() {
                return;
            }
            let phase =
                located.with_value(|l| l.as_ref().filter(|(r, lk, _)| *r == rid && *lk == k).map(|(_, _, p)| *p));
            let found = loader.blocks.with(|b| b.find(|e| e.record_id == Some(rid)));
            match step(found, phase, |row| loader.blocks.with(|b| b.has(b.block_of(row)))) {
                Step::Wait => {}
                Step::Show(row) => {
                    located.set_value(Some((rid, k, Locate::Done)));
                    selected.set(Some(row));
                    note.set(None);
                    scroll.to_row(row);
                }
                Step::NotInList => {
                    located.set_value(Some((rid, k, Locate::Done)));
                    note.set(Some(format!("Event #{rid} is not in this list: the filter leaves it out.")));
                }
                Step::Search => {
                    located.set_value(Some((rid, k.clone(), Locate::Searching)));
                    let (session, q, ..) = k.clone();
                    let Some(before) = q.and_then(|q| before_query(&q, rid)) else { return };
                    let client = loader.client();
                    loader.spawn(async move {
                        // How many listed events come before it: its position.
                        let params = EventsParams { q: Some(before), limit: Some(1), offset: Some(0) };
                        match client.events(&session, &params).await.map(|a| a.meta.match_count) {
                            Ok(Some(row)) => {
                                let _ = located.try_update_value(|l| *l = Some((rid, k, Locate::Waiting(row))));
                                scroll.to_row(row);
                                loader.fetch(row / BLOCK);
                                tick.try_update(|n| *n = n.wrapping_add(1));
                            }
                            Ok(None) => {
                                note.try_set(Some(format!("SPS did not say where event #{rid} is in the list.")));
                            }
                            Err(e) => {
                                note.try_set(Some(format!("Could not find event #{rid}: {e}")));
                            }
                        }
                    });
                }
            }
        });
        Locator { loader, located }
    }

    /// The analyst selected event `rid`: it is found, nothing to look for.
    pub fn shown(self, rid: u64) {
        self.located.set_value(Some((rid, self.loader.key.get_untracked(), Locate::Done)));
    }
}
