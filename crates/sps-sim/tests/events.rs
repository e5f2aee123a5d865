//! Events and alerts of a session: sorted by `record_id`, paged, events filtered by
//! `q` with the reference page's examples.

mod common;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use common::{app, error_code, ok};
use serde_json::{json, Value};
use sps_api::{EventType, SessionEvent, Timestamp};
use sps_sim::events::EventSource;
use sps_sim::{Session, SessionStore};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn event(record_id: u64, channel: u64, kind: EventType, action: &str, content: &str) -> SessionEvent {
    SessionEvent {
        action: Some(action.into()),
        channels_id: Some(channel),
        content: Some(content.into()),
        record_id: Some(record_id),
        time: Some(Timestamp(at("2017-04-11T09:21:10Z") + chrono::Duration::seconds(record_id as i64))),
        event_type: Some(kind),
    }
}

/// One session with the reference page's events and a few more.
fn store() -> SessionStore {
    use EventType::*;
    let events = vec![
        event(46, 0, Command, "ls", "myuser@examplehost:~$ ls"),
        event(64, 0, Command, "cd", "myuser@examplehost:~$ cd /cd"),
        event(78, 0, Command, "cat 24hrs.txt", "myuser@examplehost:/var$ cat 24hrs.txt"),
        event(95, 0, Command, "ls -la", "myuser@examplehost:/var$ ls -la"),
        event(113, 2, Command, "sudo -i", "myuser@examplehost:/var$ sudo -i"),
        event(120, 5, Command, "rm -rf /tmp/x", "root@examplehost:~# rm -rf /tmp/x"),
        event(121, 5, Command, "mv a b", "root@examplehost:~# mv a b"),
        event(130, 3, ScreenContent, "", "Copying Files: 42 items remaining"),
        event(148, 1, WindowTitle, "Admin", "Administrator: Command Prompt"),
    ];
    let body = json!({ "protocol": "ssh", "start_time": "2017-04-11T09:20:00Z", "end_time": "2017-04-11T09:30:00Z" });
    let session = Session::new(
        "7930f4308efe8aecd710202d815b76ff",
        at("2017-04-11T09:20:00Z"),
        Some(at("2017-04-11T09:30:00Z")),
        body,
        EventSource::Given(events),
    );
    let quiet =
        Session::new("quiet", at("2017-04-11T09:20:00Z"), None, json!({ "protocol": "rdp" }), EventSource::none());
    let desktop = Session::new(
        "desktop",
        at("2017-04-11T09:20:00Z"),
        Some(at("2017-04-11T09:30:00Z")),
        json!({ "protocol": "RDP" }),
        EventSource::Given(vec![
            event(7, 1, WindowTitle, "Server Manager", "Server Manager"),
            event(9, 1, ScreenContent, "", "Access is denied."),
        ]),
    );
    SessionStore::in_memory(vec![session, quiet, desktop], at("2017-04-12T00:00:00Z")).unwrap()
}

const EVENTS: &str = "/api/audit/sessions/7930f4308efe8aecd710202d815b76ff/events";
const ALERTS: &str = "/api/audit/sessions/7930f4308efe8aecd710202d815b76ff/alerts";

fn record_ids(body: &Value) -> Vec<u64> {
    body["items"].as_array().unwrap().iter().map(|e| e["record_id"].as_u64().unwrap()).collect()
}

async fn matching(app: &axum::Router, q: &str) -> Vec<u64> {
    let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    record_ids(&ok(app, &format!("{EVENTS}?q={encoded}")).await)
}

#[tokio::test]
async fn lists_events_by_record_id_with_the_samples_meta() {
    let body = ok(&app(store()), EVENTS).await;
    assert_eq!(record_ids(&body), [46, 64, 78, 95, 113, 120, 121, 130, 148]);
    assert_eq!(
        body["items"][0],
        json!({
            "action": "ls", "channels_id": 0, "content": "myuser@examplehost:~$ ls", "record_id": 46,
            "time": "2017-04-11T09:21:56.000Z", "type": "command"
        })
    );
    let meta = &body["meta"];
    assert_eq!(meta["first"], format!("{EVENTS}?limit=500&offset=0"));
    assert_eq!(meta["last"], format!("{EVENTS}?limit=500&offset=0"));
    assert_eq!(meta["href"], EVENTS);
    assert_eq!(meta["parent"], "/api/audit/sessions/7930f4308efe8aecd710202d815b76ff");
    assert_eq!(
        (meta["limit"].clone(), meta["offset"].clone(), meta["match_count"].clone()),
        (json!(500), json!(0), json!(9))
    );
    assert_eq!((meta["next"].clone(), meta["previous"].clone()), (Value::Null, Value::Null));
}

#[tokio::test]
async fn the_reference_pages_filter_examples() {
    let app = app(store());
    assert_eq!(matching(&app, "content:sudo").await, [113]);
    assert_eq!(matching(&app, "content:\"Copying Files\"").await, [130]);
    assert_eq!(matching(&app, "content:ls AND content:la AND NOT content:mv").await, [95]);
    assert_eq!(matching(&app, "(content:rm OR content:mv) AND channels_id:5").await, [120, 121]);
    assert_eq!(matching(&app, "content:(sudo rm)").await, [113, 120]);
    assert_eq!(matching(&app, "content:?dmi*").await, [148]);
    assert_eq!(matching(&app, "channels_id:{1 TO 3}").await, [113], "the range resolves to 2");
    assert_eq!(matching(&app, "channels_id:[* TO 5]").await.len(), 9);
    assert_eq!(matching(&app, "type:command AND record_id:[100 TO *]").await, [113, 120, 121]);
    assert_eq!(matching(&app, "\"examplehost:/var\"").await, [78, 95, 113], "no field: a substring of content");
}

#[tokio::test]
async fn pages_and_errors() {
    let app = app(store());
    let page = ok(&app, &format!("{EVENTS}?limit=2&offset=2&q=type%3Acommand")).await;
    assert_eq!(record_ids(&page), [78, 95]);
    assert_eq!(page["meta"]["next"], format!("{EVENTS}?q=type%3Acommand&limit=2&offset=4"));
    assert_eq!(page["meta"]["previous"], format!("{EVENTS}?q=type%3Acommand&limit=2&offset=0"));
    assert_eq!(page["meta"]["last"], format!("{EVENTS}?q=type%3Acommand&limit=2&offset=6"));
    assert_eq!(page["meta"]["match_count"], 7);
    let empty = ok(&app, "/api/audit/sessions/quiet/events").await;
    assert_eq!((empty["items"].clone(), empty["meta"]["offset"].clone()), (json!([]), json!(0)));
    for bad in [
        format!("{EVENTS}?q=content%3A(sudo"),
        format!("{EVENTS}?q=channels_id%3Aone"),
        format!("{EVENTS}?q=user%3Ax"),
        format!("{EVENTS}?limit=x"),
    ] {
        assert_eq!(error_code(&app, &bad, StatusCode::BAD_REQUEST).await, "InvalidQueryValue", "{bad}");
    }
    assert_eq!(error_code(&app, "/api/audit/sessions/nope/events", StatusCode::NOT_FOUND).await, "NotFound");
}

#[tokio::test]
async fn a_graphical_sessions_events_come_as_an_appliance_sends_them() {
    // Times in epoch seconds (with milliseconds), and no `match_count` in `meta`.
    let body = ok(&app(store()), "/api/audit/sessions/desktop/events").await;
    assert_eq!(record_ids(&body), [7, 9]);
    assert_eq!(body["items"][0]["time"], json!(1_491_902_477.0));
    assert!(body["meta"].get("match_count").is_none(), "{}", body["meta"]);
    assert_eq!((body["meta"]["limit"].clone(), body["meta"]["offset"].clone()), (json!(500), json!(0)));
    let read: sps_api::EventsResponse = serde_json::from_value(body).unwrap();
    assert_eq!(read.items[0].time, Some(Timestamp(at("2017-04-11T09:21:17Z"))));
    // Other sessions' events keep the reference pages' form.
    let documented = ok(&app(store()), EVENTS).await;
    assert!(documented["items"][0]["time"].is_string() && documented["meta"]["match_count"] == 9);
}

#[tokio::test]
async fn alerts_come_from_the_content_policies() {
    let app = app(store());
    let body = ok(&app, ALERTS).await;
    let rules: Vec<(u64, &str)> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["record_id"].as_u64().unwrap(), a["rule_name"].as_str().unwrap()))
        .collect();
    assert_eq!(rules, [(113, "PrivilegeEscalation"), (120, "RecursiveDelete")]);
    assert_eq!(
        body["items"][0],
        json!({
            "alert_type": "adp.event.command", "channel_id": "2", "matched_action": "sudo -i",
            "matched_content": "myuser@examplehost:/var$ sudo -i", "matched_regexp": "sudo|su -",
            "record_id": 113, "rule_name": "PrivilegeEscalation", "time": "2017-04-11T09:23:03.000Z"
        })
    );
    assert_eq!(body["meta"]["match_count"], 2);
    let second = ok(&app, &format!("{ALERTS}?limit=1&offset=1")).await;
    assert_eq!(second["items"][0]["record_id"], 120);
    assert_eq!(second["meta"]["previous"], format!("{ALERTS}?limit=1&offset=0"));
    assert_eq!(error_code(&app, "/api/audit/sessions/nope/alerts", StatusCode::NOT_FOUND).await, "NotFound");
}
