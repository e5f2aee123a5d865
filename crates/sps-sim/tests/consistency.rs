//! The engine and `sps_query`'s evaluation agree: on a sample of queries over the demo
//! data, the sessions the sim finds are exactly those `Query::matches` accepts; and a
//! content search finds exactly the sessions whose events match.

use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use serde_json::json;
use sps_api::{SessionsParams, StatsParams};
use sps_query::{parse, Query, Schema};
use sps_sim::demo::{self, DemoSpec};
use sps_sim::events::EventContext;
use sps_sim::{Session, SessionStore};

fn spec() -> DemoSpec {
    DemoSpec {
        sessions: 1_200,
        seed: 11,
        days: 10,
        now: Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap(),
        hostile: false,
    }
}

/// The demo data, indexed, and as generated; built once for every test here.
fn data() -> &'static (SessionStore, Vec<Session>) {
    static DATA: OnceLock<(SessionStore, Vec<Session>)> = OnceLock::new();
    DATA.get_or_init(|| (demo::store(&spec()).unwrap(), demo::generate(&spec())))
}

/// Every session id the sim lists for `q`, sorted.
fn sim_ids(store: &SessionStore, q: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for offset in (0..).step_by(500) {
        let params = SessionsParams {
            q: Some(q.into()),
            fields: Some("protocol".into()),
            offset: Some(offset),
            ..Default::default()
        };
        let page = store.list(&params).unwrap_or_else(|e| panic!("{q}: {e}"));
        ids.extend(page.items.into_iter().map(|s| s.id));
        if u64::from(offset) + 500 >= page.match_count {
            break;
        }
    }
    ids.sort();
    ids
}

const QUERIES: &[&str] = &[
    "protocol:ssh",
    "protocol:SSH OR protocol:rdp",
    "NOT protocol:ssh AND verdict:ACCEPT",
    "user.gateway_username:al*",
    "user.gateway_username:*.?",
    "user.gateway_username:\"o'brien\"",
    "user.gateway_username:\"<img src=x onerror=alert(1)>\"",
    "user.gateway_username:李伟 OR user.gateway_username:андрей.п",
    "server.name:*prod* AND NOT recording.connection_policy:ssh-ops",
    "server.name:\"legacy app (old) — do not use\"",
    "client.ip:10.200.3.*",
    "duration:[60 TO 600]",
    "duration:{* TO 10}",
    "analytics.score.aggregated:[60 TO *]",
    "recording.content_reference_id:[100 TO 200}",
    "psm.content_reference_id:42",
    "active:true",
    "recording.archived:false AND analytics.scripted:true",
    "start_time:[2026-10-30 TO 2026-10-31T12:00]",
    "start_time:2026-10-28",
    "end_time:*",
    "analytics.tags:pci",
    "analytics.tags:*",
    "analytics.interesting_events:PrivilegeEscalation",
    "user.server_username:[a TO d]",
    "alice",
    "PROD-01",
    "*dmin*",
    "svc?backup",
    "-verdict:ACCEPT",
    "protocol:ssh +user.gateway_username:bob",
    "(protocol:ssh OR protocol:telnet) AND (user.gateway_username:alice OR NOT duration:[0 TO 100])",
];

#[test]
fn sessions_found_by_the_engine_are_those_sps_query_matches() {
    let (store, sessions) = data();
    let mut nonempty = 0;
    for q in QUERIES {
        let query: Query = parse(q).unwrap();
        let mut expected: Vec<String> =
            sessions.iter().filter(|s| query.matches(&s.body, Schema::sessions())).map(|s| s.id.clone()).collect();
        expected.sort();
        nonempty += usize::from(!expected.is_empty());
        assert_eq!(sim_ids(store, q), expected, "{q}");
    }
    assert!(nonempty >= QUERIES.len() - 3, "the sample should mostly select something ({nonempty})");
}

/// SPS reads `q` as Lucene's classic parser does, and so does the sim: AND makes both of
/// its neighbours required, so the clause OR'd beside them filters nothing; parentheses
/// give the other meaning.
#[test]
fn a_level_mixing_and_with_or_is_read_the_classic_way() {
    let (store, _) = data();
    let mixed = sim_ids(store, "protocol:ssh AND verdict:DENY OR protocol:rdp");
    assert!(!mixed.is_empty());
    assert_eq!(mixed, sim_ids(store, "protocol:ssh AND verdict:DENY"));
    let grouped = sim_ids(store, "(protocol:ssh AND verdict:DENY) OR protocol:rdp");
    assert!(grouped.len() > mixed.len(), "{} vs {}", grouped.len(), mixed.len());
    assert_eq!(sim_ids(store, "protocol:rdp OR protocol:ssh AND verdict:DENY"), mixed);
}

/// The content queries, and the same with every clause on `content:` (how the
/// `content` parameter reads clauses without a field).
const CONTENT_QUERIES: &[(&str, &str)] = &[
    ("sudo", "content:sudo"),
    ("\"systemctl restart nginx\"", "content:\"systemctl restart nginx\""),
    ("cat AND shadow", "content:cat AND content:shadow"),
    ("rsync OR wget", "content:rsync OR content:wget"),
    ("NOT ls", "NOT content:ls"),
    ("content:?dmin*", "content:?dmin*"),
    ("content:24hrs.t*", "content:24hrs.t*"),
    ("\"Copying Files\"", "content:\"Copying Files\""),
    // Quoted: a leading `<` compares (and is refused on text fields).
    ("\"<script>\"", "content:\"<script>\""),
    ("李伟", "content:李伟"),
    ("$", "content:$"),
];

#[test]
fn content_search_finds_the_sessions_whose_events_match() {
    let (store, sessions) = data();
    let now = spec().now;
    // Each session as `{"content": [its events' content]}`, with its content reference id.
    let records: Vec<(String, serde_json::Value)> = sessions
        .iter()
        .map(|s| {
            let context = EventContext::of(&s.body, s.start, s.end.unwrap_or(now));
            let lines: Vec<String> = s.events.events(&context).into_iter().filter_map(|e| e.content).collect();
            // The id as stats write it: some bodies carry it as a numeric string, as appliances may.
            let id = &s.body["recording"]["content_reference_id"];
            (id.as_str().map_or_else(|| id.to_string(), str::to_owned), json!({ "content": lines }))
        })
        .collect();
    for (content, as_query) in CONTENT_QUERIES {
        let query: Query = parse(as_query).unwrap();
        let mut expected: Vec<String> = records
            .iter()
            .filter(|(_, record)| query.matches(record, Schema::events()))
            .map(|(id, _)| id.clone())
            .collect();
        expected.sort();
        // One bucket per session: its content reference id.
        let params = StatsParams {
            field: "recording.content_reference_id".into(),
            size: Some(3000),
            content: Some(content.to_string()),
            ..Default::default()
        };
        let stats = store.stats(&params).unwrap_or_else(|e| panic!("{content}: {e}"));
        let mut found: Vec<String> = stats.items.into_iter().map(|i| i.value).collect();
        found.sort();
        assert_eq!(found, expected, "{content}");
    }
}

#[test]
fn sessions_bodies_round_trip_through_the_store() {
    let (store, sessions) = data();
    for session in sessions.iter().step_by(97) {
        assert_eq!(store.session(&session.id).unwrap().body, session.body);
    }
}
