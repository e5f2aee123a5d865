//! The stats endpoint against the worked examples of `shared/spec/004_…txt`, loaded
//! as the sim's sessions and asked over its HTTP router.

mod common;

use axum::http::StatusCode;
use common::{app, error_code, example_store, ok};
use serde_json::{json, Value};

fn protocols(list: &[(&str, &str)]) -> Value {
    list.iter().map(|(name, p)| (name.to_string(), json!({ "protocol": p }))).collect::<serde_json::Map<_, _>>().into()
}

#[tokio::test]
async fn size_two_leaves_one_session_in_others() {
    let s = example_store(
        protocols(&[
            ("Alpha", "http"),
            ("Bravo", "ssh"),
            ("Charlie", "rdp"),
            ("Delta", "rdp"),
            ("Echo", "rdp"),
            ("Foxtrot", "http"),
            ("Golf", "http"),
        ]),
        &[],
    );
    let body = ok(&app(s), "/api/audit/sessions/stats?field=protocol&size=2").await;
    assert_eq!(body["items"], json!([{"count": 3, "value": "http"}, {"count": 3, "value": "rdp"}]));
    assert_eq!(body["meta"]["others"], 1);
    assert_eq!(body["meta"]["field"], "protocol");
    assert_eq!(body["meta"]["size"], 2);
    assert_eq!(body["meta"]["href"], "/api/audit/sessions/stats");
    assert_eq!(body["meta"]["parent"], "/api/audit/sessions");
}

#[tokio::test]
async fn default_size_lists_every_value() {
    let s = example_store(
        protocols(&[
            ("Alpha", "ssh"),
            ("Bravo", "ssh"),
            ("Charlie", "rdp"),
            ("Delta", "rdp"),
            ("Echo", "rdp"),
            ("Foxtrot", "ssh"),
            ("Golf", "ssh"),
        ]),
        &[],
    );
    let body = ok(&app(s), "/api/audit/sessions/stats?field=protocol").await;
    assert_eq!(body["items"], json!([{"count": 4, "value": "ssh"}, {"count": 3, "value": "rdp"}]));
    assert_eq!(body["meta"]["others"], 0);
}

#[tokio::test]
async fn sub_fields_example() {
    let users = [
        ("Alpha", "ssh", "user-Alpha"),
        ("Bravo", "ssh", "user-Bravo"),
        ("Charlie", "rdp", "user-Charlie"),
        ("Delta", "rdp", "user-Alpha"),
        ("Echo", "rdp", "user-Alpha"),
        ("Foxtrot", "ssh", "user-Alpha"),
        ("Golf", "ssh", "user-Alpha"),
        ("Hotel", "ssh", "user-Delta"),
    ];
    let sessions: serde_json::Map<_, _> = users
        .iter()
        .map(|(n, p, u)| (n.to_string(), json!({ "protocol": p, "user": { "gateway_username": u } })))
        .collect();
    let app = app(example_store(sessions.into(), &[]));
    let body = ok(&app, "/api/audit/sessions/stats?field=user.gateway_username&sub_fields=protocol&size=1").await;
    assert_eq!(
        body["items"],
        json!([{ "buckets": [{ "count": 3, "value": "ssh" }], "count": 5, "others": 2, "value": "user-Alpha" }])
    );
    assert_eq!(body["meta"]["others"], 3);
    assert_eq!(body["meta"]["sub_fields"], "protocol");
    // "Only the first will be considered."
    let first_only =
        ok(&app, "/api/audit/sessions/stats?field=user.gateway_username&sub_fields=protocol,verdict&size=1").await;
    assert_eq!(first_only["items"], body["items"]);
}

/// The sessions of the content example, with the content that makes trails 1, 2, 3,
/// 4 and 6 match `login` (Delta's id is under the older `psm` name).
fn content_example() -> sps_sim::SessionStore {
    let sessions = json!({
        "Alpha": { "protocol": "ssh", "start_time": "2017-01-01", "end_time": "2017-01-02", "recording": { "content_reference_id": 1 } },
        "Bravo": { "protocol": "ssh", "start_time": "2017-01-01", "end_time": "2017-01-02", "recording": { "content_reference_id": 2 } },
        "Charlie": { "protocol": "rdp", "start_time": "2017-01-01", "end_time": "2017-01-02", "recording": { "content_reference_id": 3 } },
        "Delta": { "protocol": "rdp", "start_time": "2017-01-03", "end_time": "2017-01-04", "psm": { "content_reference_id": 4 } },
        "Echo": { "protocol": "rdp", "start_time": "2017-01-03", "end_time": "2017-01-04", "recording": { "content_reference_id": 5 } },
        "Foxtrot": { "protocol": "ssh", "start_time": "2017-01-04", "end_time": "2017-01-06", "recording": { "content_reference_id": 6 } },
        "Golf": { "protocol": "ssh", "start_time": "2017-01-02", "end_time": "2017-01-10", "recording": { "content_reference_id": 7 } },
    });
    let login: &[&str] = &["Login successful. Welcome, Administrator"];
    let other: &[&str] = &["alice@db:~$ ls -la", "Relogin required"];
    example_store(
        sessions,
        &[
            ("Alpha", login),
            ("Bravo", login),
            ("Charlie", login),
            ("Delta", login),
            ("Echo", other),
            ("Foxtrot", login),
            ("Golf", other),
        ],
    )
}

#[tokio::test]
async fn content_window_and_range_example() {
    let app = app(content_example());
    let uri = "/api/audit/sessions/stats?field=protocol&content=login&start=2017-01-02&end=2017-01-03&q=psm.content_reference_id%3A%5B3%20TO%206%5D";
    let body = ok(&app, uri).await;
    assert_eq!(body["items"], json!([{"count": 2, "value": "rdp"}]));
    assert_eq!(body["meta"]["others"], 0);
    assert_eq!(body["meta"]["field"], "protocol");
    // Each part on its own: the content search finds 5 sessions, the window 6, the range 4.
    let count =
        |body: &Value| body["items"].as_array().unwrap().iter().map(|i| i["count"].as_u64().unwrap()).sum::<u64>();
    assert_eq!(count(&ok(&app, "/api/audit/sessions/stats?field=protocol&content=login").await), 5);
    assert_eq!(count(&ok(&app, "/api/audit/sessions/stats?field=protocol&start=2017-01-02&end=2017-01-03").await), 6);
    let range = "/api/audit/sessions/stats?field=protocol&q=recording.content_reference_id:%5B3%20TO%206%5D";
    assert_eq!(count(&ok(&app, range).await), 4);
    // A phrase is consecutive words; `login` is a word, not a substring of `Relogin`.
    assert_eq!(count(&ok(&app, "/api/audit/sessions/stats?field=protocol&content=%22login%20successful%22").await), 5);
    assert_eq!(count(&ok(&app, "/api/audit/sessions/stats?field=protocol&content=relogin").await), 2);
    // Wildcards match a whole word (or line), as `sps_query` evaluates them.
    assert_eq!(count(&ok(&app, "/api/audit/sessions/stats?field=protocol&content=log*").await), 5);
    assert_eq!(count(&ok(&app, "/api/audit/sessions/stats?field=protocol&content=*login").await), 7);
}

#[tokio::test]
async fn window_counts_overlapping_sessions_inclusive() {
    let s = example_store(
        json!({
            "Alpha": { "protocol": "ssh", "start_time": "2017-01-01", "end_time": "2017-01-02" },
            "Delta": { "protocol": "rdp", "start_time": "2017-01-03", "end_time": "2017-01-04" },
            "Foxtrot": { "protocol": "ssh", "start_time": "2017-01-04", "end_time": "2017-01-06" },
            "Golf": { "protocol": "ssh", "start_time": "2017-01-02", "end_time": "2017-01-10" },
        }),
        &[],
    );
    let body = ok(&app(s), "/api/audit/sessions/stats?field=protocol&start=2017-01-02&end=2017-01-03").await;
    assert_eq!(body["items"], json!([{"count": 2, "value": "ssh"}, {"count": 1, "value": "rdp"}]));
}

#[tokio::test]
async fn numbers_and_lists_count_by_value() {
    let s = example_store(
        json!({
            "A": { "duration": 60, "analytics": { "tags": ["pci", "sudo"] }, "active": false },
            "B": { "duration": 60, "analytics": { "tags": ["pci"] }, "active": true },
            "C": { "duration": 5 },
        }),
        &[],
    );
    let app = app(s);
    let durations = ok(&app, "/api/audit/sessions/stats?field=duration").await;
    assert_eq!(durations["items"], json!([{"count": 2, "value": "60"}, {"count": 1, "value": "5"}]));
    let tags = ok(&app, "/api/audit/sessions/stats?field=analytics.tags&size=1").await;
    assert_eq!(
        (tags["items"].clone(), tags["meta"]["others"].clone()),
        (json!([{"count": 2, "value": "pci"}]), json!(1))
    );
    let active = ok(&app, "/api/audit/sessions/stats?field=active").await;
    assert_eq!(active["items"], json!([{"count": 1, "value": "false"}, {"count": 1, "value": "true"}]));
}

#[tokio::test]
async fn bad_requests_get_documented_error_bodies() {
    let app = app(example_store(protocols(&[("Alpha", "ssh")]), &[]));
    for uri in [
        "/api/audit/sessions/stats",
        "/api/audit/sessions/stats?field=",
        "/api/audit/sessions/stats?field=nope",
        "/api/audit/sessions/stats?field=protocol&sub_fields=nope",
        "/api/audit/sessions/stats?field=protocol&size=abc",
        "/api/audit/sessions/stats?field=protocol&size=0",
        "/api/audit/sessions/stats?field=protocol&start=yesterday",
        "/api/audit/sessions/stats?field=protocol&q=protocol%3A(ssh",
        "/api/audit/sessions/stats?field=protocol&q=duration%3Aabc",
        "/api/audit/sessions/stats?field=protocol&content=channels_id%3A1",
    ] {
        assert_eq!(error_code(&app, uri, StatusCode::BAD_REQUEST).await, "InvalidQueryValue", "{uri}");
    }
    assert_eq!(error_code(&app, "/api/audit/nothing", StatusCode::NOT_FOUND).await, "NotFound");
}

#[tokio::test]
async fn malformed_q_carries_the_parsers_message() {
    let app = app(example_store(protocols(&[("Alpha", "ssh")]), &[]));
    let (_, body) = common::get(&app, "/api/audit/sessions/stats?field=protocol&q=protocol%3A(ssh").await;
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("unclosed parenthesis"), "{message}");
}

#[tokio::test]
async fn list_values_count_once_per_item_and_match_queries_and_sorting() {
    // As appliances send it: `server_username` a list, protocols in upper case.
    let sessions = json!({
        "a": { "protocol": "SSH", "user": { "server_username": ["oracle", "root"] } },
        "b": { "protocol": "SSH", "user": { "server_username": ["root"] } },
        "c": { "protocol": "RDP", "user": { "server_username": ["Administrator"] } },
    });
    let app = app(example_store(sessions, &[]));
    let body = ok(&app, "/api/audit/sessions/stats?field=user.server_username").await;
    assert_eq!(
        body["items"],
        json!([{"count": 2, "value": "root"}, {"count": 1, "value": "Administrator"}, {"count": 1, "value": "oracle"}])
    );
    let split = ok(&app, "/api/audit/sessions/stats?field=protocol&sub_fields=user.server_username").await;
    assert_eq!(
        split["items"][0],
        json!({"value": "SSH", "count": 2, "others": 0, "buckets": [{"value": "root", "count": 2}, {"value": "oracle", "count": 1}]})
    );
    // A query matches any item, in any letter case; `fields=` keeps the list a list.
    let listed = ok(
        &app,
        "/api/audit/sessions?q=user.server_username%3Aroot%20AND%20protocol%3Assh&fields=user.server_username",
    )
    .await;
    let keys: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["a", "b"]);
    assert_eq!(listed["items"][0]["body"]["user"]["server_username"], json!(["oracle", "root"]));
    // Sorting goes by the first item.
    let sorted = ok(&app, "/api/audit/sessions?sort=user.server_username").await;
    let keys: Vec<&str> = sorted["items"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["c", "a", "b"]);
}
