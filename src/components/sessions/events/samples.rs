//! The timeline's samples of the events list: every event of a small list (from
//! its one loaded block), probes of a large one (one event at each of [`PROBES`]
//! offsets, drawn as they come).

use leptos::prelude::*;
use sps_api::EventsParams;

use crate::charts::timeline::{probe_offsets, Sample};
use crate::components::sessions::events::loader::{EventLoader, ListKey, BLOCK};
use crate::state::event_list::event_time;
use crate::state::record_pages::Total;

/// Timeline probes of a large list.
const PROBES: usize = 48;

/// Fills `samples` for each list `loader` loads, once its total is exact (the
/// loader empties them for a new list).
pub fn sample_timeline(loader: EventLoader, samples: RwSignal<Vec<Sample>>) {
    let sampled = StoredValue::new(None::<ListKey>);
    Effect::new(move |_| {
        let k = loader.key.get();
        let (session, q, ..) = k.clone();
        let Some(t) = loader.total.get() else { return };
        if sampled.get_value().as_ref() == Some(&k) || !matches!(t, Total::Exact(_)) {
            return;
        }
        let n = t.rows();
        if n == 0 {
            return;
        }
        if n <= BLOCK {
            if let Some(all) = loader.blocks.with(|b| {
                b.has(0).then(|| {
                    (0..n)
                        .filter_map(|i| b.get(i).and_then(|e| event_time(e).map(|time| Sample { offset: i, time })))
                        .collect::<Vec<_>>()
                })
            }) {
                samples.set(all);
                sampled.set_value(Some(k));
            }
            return;
        }
        let Some(q) = q else { return };
        sampled.set_value(Some(k));
        let client = loader.client();
        loader.spawn(async move {
            let mut found = Vec::new();
            for (i, offset) in probe_offsets(n, PROBES).into_iter().enumerate() {
                let params = EventsParams { q: Some(q.clone()), limit: Some(1), offset: Some(offset as u32) };
                if let Ok(answer) = client.events(&session, &params).await {
                    if let Some(time) = answer.items.first().and_then(event_time) {
                        found.push(Sample { offset, time });
                    }
                }
                // Draw progressively.
                if i % 12 == 11 {
                    samples.try_set(found.clone());
                }
            }
            samples.try_set(found);
        });
    });
}
