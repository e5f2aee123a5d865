//! The sessions list, `_count` and the session detail: field selection, sorting,
//! paging and its links, limits, query semantics.

mod common;

use axum::http::StatusCode;
use common::{app, error_code, example_store, get, ok};
use serde_json::{json, Value};

/// Six sessions with distinct properties; "now" is 2018-01-01.
fn app_with_sessions() -> axum::Router {
    let sessions = json!({
        "s1": { "protocol": "ssh", "start_time": "2017-01-01T10:00:00Z", "end_time": "2017-01-01T11:00:00Z", "duration": 3600,
                "user": { "gateway_username": "alice", "server_username": "root" }, "verdict": "ACCEPT",
                "analytics": { "tags": ["pci"] } },
        "s2": { "protocol": "rdp", "start_time": "2017-01-02T09:00:00Z", "end_time": "2017-01-02T09:30:00Z", "duration": 1800,
                "user": { "gateway_username": "Bob", "server_username": "Administrator" }, "verdict": "ACCEPT" },
        "s3": { "protocol": "ssh", "start_time": "2017-01-03T08:00:00Z", "end_time": "2017-01-03T08:00:05Z", "duration": 5,
                "user": { "gateway_username": "carol" }, "verdict": "DENY" },
        "s4": { "protocol": "http", "start_time": "2017-01-04T12:00:00Z", "end_time": null, "active": true,
                "user": { "gateway_username": "alice" }, "verdict": "ACCEPT" },
        "s5": { "protocol": "SSH", "start_time": "2017-01-05T12:00:00Z", "end_time": "2017-01-05T13:00:00Z", "duration": 3600,
                "user": { "gateway_username": "dave" }, "verdict": "ACCEPT", "client": { "ip": "10.0.0.5" } },
        "weird/id #1": { "protocol": "telnet", "start_time": "2017-01-06T00:00:00Z", "end_time": "2017-01-06T00:01:00Z",
                         "duration": 60, "user": { "gateway_username": "o'brien" }, "verdict": "ACCEPT" },
    });
    app(example_store(sessions, &[]))
}

fn keys(body: &Value) -> Vec<String> {
    body["items"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap().to_owned()).collect()
}

async fn matching(app: &axum::Router, q: &str) -> Vec<String> {
    let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    let mut found = keys(&ok(app, &format!("/api/audit/sessions?q={encoded}")).await);
    found.sort();
    found
}

#[tokio::test]
async fn items_hold_only_the_requested_fields_nested() {
    let app = app_with_sessions();
    let body = ok(&app, "/api/audit/sessions?fields=protocol,user.gateway_username,client.ip&limit=1").await;
    assert_eq!(
        body["items"],
        json!([{
            "key": "s1",
            "meta": { "href": "/api/audit/sessions/s1" },
            "body": { "protocol": "ssh", "user": { "gateway_username": "alice" } }
        }])
    );
    assert_eq!(
        body["meta"]["fields"],
        json!(["protocol", "user.gateway_username", "client.ip"]),
        "a list, as on appliances"
    );
    assert_eq!(body["meta"]["parent"], "/api/audit");
    // Without `fields`, items have no body (an appliance's answer); `*` asks for all.
    let bare = ok(&app, "/api/audit/sessions?limit=2").await;
    assert_eq!(bare["items"][0], json!({ "key": "s1", "meta": { "href": "/api/audit/sessions/s1" } }));
    assert!(bare["meta"].get("fields").is_none());
    let all = ok(&app, "/api/audit/sessions?fields=*&limit=1").await;
    assert_eq!(all["items"][0]["body"]["user"]["server_username"], "root");
    assert_eq!(all["meta"]["fields"], json!(["*"]));
    let code = error_code(&app, "/api/audit/sessions?fields=protocol,usr.name", StatusCode::BAD_REQUEST).await;
    assert_eq!(code, "InvalidQueryValue");
}

#[tokio::test]
async fn sorts_ascending_and_descending_with_missing_values_last() {
    let app = app_with_sessions();
    assert_eq!(keys(&ok(&app, "/api/audit/sessions").await), ["s1", "s2", "s3", "s4", "s5", "weird/id #1"]);
    assert_eq!(
        keys(&ok(&app, "/api/audit/sessions?sort=-start_time").await),
        ["weird/id #1", "s5", "s4", "s3", "s2", "s1"]
    );
    // s4 is active: no duration, last either way; equal durations keep insertion order.
    assert_eq!(
        keys(&ok(&app, "/api/audit/sessions?sort=duration").await),
        ["s3", "weird/id #1", "s2", "s1", "s5", "s4"]
    );
    assert_eq!(
        keys(&ok(&app, "/api/audit/sessions?sort=-duration").await),
        ["s1", "s5", "s2", "weird/id #1", "s3", "s4"]
    );
    // Text sorts by the value as written.
    assert_eq!(keys(&ok(&app, "/api/audit/sessions?sort=user.gateway_username&limit=3").await), ["s2", "s1", "s4"]);
    for bad in ["/api/audit/sessions?sort=nope", "/api/audit/sessions?sort=protocol,-duration"] {
        assert_eq!(error_code(&app, bad, StatusCode::BAD_REQUEST).await, "InvalidQueryValue", "{bad}");
    }
}

#[tokio::test]
async fn pages_link_to_each_other() {
    let app = app_with_sessions();
    let first = ok(&app, "/api/audit/sessions?q=verdict%3AACCEPT&sort=-start_time&limit=2").await;
    assert_eq!(keys(&first), ["weird/id #1", "s5"]);
    let meta = &first["meta"];
    assert_eq!(
        (meta["limit"].clone(), meta["offset"].clone(), meta["match_count"].clone()),
        (json!(2), json!(0), json!(5))
    );
    assert_eq!(meta["href"], "/api/audit/sessions");
    assert_eq!(meta["first"], "/api/audit/sessions?q=verdict%3AACCEPT&sort=-start_time&limit=2&offset=0");
    assert_eq!(meta["next"], "/api/audit/sessions?q=verdict%3AACCEPT&sort=-start_time&limit=2&offset=2");
    assert_eq!(meta["last"], "/api/audit/sessions?q=verdict%3AACCEPT&sort=-start_time&limit=2&offset=4");
    assert_eq!(meta["previous"], Value::Null);
    let next = ok(&app, meta["next"].as_str().unwrap()).await;
    assert_eq!(keys(&next), ["s4", "s2"]);
    let last = ok(&app, next["meta"]["last"].as_str().unwrap()).await;
    assert_eq!(keys(&last), ["s1"]);
    assert_eq!(
        (last["meta"]["next"].clone(), last["meta"]["previous"].as_str()),
        (Value::Null, Some("/api/audit/sessions?q=verdict%3AACCEPT&sort=-start_time&limit=2&offset=2"))
    );
    assert_eq!(first["items"][0]["meta"]["href"], "/api/audit/sessions/weird%2Fid%20%231");
}

#[tokio::test]
async fn limits_are_clamped_and_far_offsets_ignored() {
    let app = app_with_sessions();
    let big = ok(&app, "/api/audit/sessions?limit=501").await;
    assert_eq!((big["meta"]["limit"].clone(), keys(&big).len()), (json!(500), 6));
    assert_eq!(error_code(&app, "/api/audit/sessions?limit=0", StatusCode::BAD_REQUEST).await, "InvalidQueryValue");
    assert_eq!(error_code(&app, "/api/audit/sessions?limit=-1", StatusCode::BAD_REQUEST).await, "InvalidQueryValue");
    let far = ok(&app, "/api/audit/sessions?offset=10001&limit=2").await;
    assert_eq!((far["meta"]["offset"].clone(), keys(&far)), (json!(0), vec!["s1".to_string(), "s2".to_string()]));
    let edge = ok(&app, "/api/audit/sessions?offset=10000").await;
    assert_eq!((edge["meta"]["offset"].clone(), keys(&edge).len()), (json!(10000), 0));
}

#[tokio::test]
async fn count_and_window() {
    let app = app_with_sessions();
    let count = ok(&app, "/api/audit/sessions/_count?q=protocol%3Assh").await;
    assert_eq!(count["count"], 3, "matching ignores case: SSH counts");
    assert_eq!(count["meta"]["href"], "/api/audit/sessions/_count");
    // Overlap, bounds inclusive; s4 is active until "now" (2018).
    let window = ok(&app, "/api/audit/sessions/_count?start=2017-01-03T08:00:05Z&end=2017-01-05T12:00:00Z").await;
    assert_eq!(window["count"], 3);
    let later = ok(&app, "/api/audit/sessions?start=2017-06-01").await;
    assert_eq!(keys(&later), ["s4"]);
    assert_eq!(
        error_code(&app, "/api/audit/sessions/_count?q=a%20AND", StatusCode::BAD_REQUEST).await,
        "InvalidQueryValue"
    );
}

#[tokio::test]
async fn query_semantics() {
    let app = app_with_sessions();
    assert_eq!(matching(&app, "user.gateway_username:ALICE").await, ["s1", "s4"]);
    assert_eq!(matching(&app, "user.gateway_username:al*").await, ["s1", "s4"]);
    assert_eq!(matching(&app, "user.gateway_username:?ob").await, ["s2"]);
    assert_eq!(matching(&app, "user.gateway_username:o\\'brien").await, ["weird/id #1"]);
    assert_eq!(matching(&app, "lic").await, ["s1", "s4"], "no field: a substring of any text field");
    assert_eq!(matching(&app, "*dmin*").await, ["s2"], "no field, a pattern: fallback evaluation");
    assert_eq!(matching(&app, "NOT protocol:ssh").await, ["s2", "s4", "weird/id #1"]);
    assert_eq!(matching(&app, "protocol:ssh AND NOT verdict:DENY").await, ["s1", "s5"]);
    assert_eq!(matching(&app, "duration:[60 TO 1800]").await, ["s2", "weird/id #1"]);
    assert_eq!(matching(&app, "duration:{5 TO *]").await, ["s1", "s2", "s5", "weird/id #1"]);
    assert_eq!(matching(&app, "start_time:2017-01-02").await, ["s2"]);
    assert_eq!(matching(&app, "start_time:[2017-01-04 TO *]").await, ["s4", "s5", "weird/id #1"]);
    assert_eq!(matching(&app, "end_time:*").await, ["s1", "s2", "s3", "s5", "weird/id #1"]);
    assert_eq!(matching(&app, "analytics.tags:PCI").await, ["s1"]);
    assert_eq!(matching(&app, "client.ip:10.0.0.5").await, ["s5"]);
    assert_eq!(matching(&app, "protocol:(rdp telnet)").await, ["s2", "weird/id #1"]);
    assert_eq!(matching(&app, "user.gateway_username:[b TO c]").await, ["s2"], "text ranges compare lower-cased");
    assert_eq!(matching(&app, "active:true").await, ["s4"]);
}

#[tokio::test]
async fn one_session_by_its_percent_encoded_id() {
    let app = app_with_sessions();
    let body = ok(&app, "/api/audit/sessions/weird%2Fid%20%231").await;
    assert_eq!(body["key"], "weird/id #1");
    assert_eq!(body["body"]["user"]["gateway_username"], "o'brien");
    assert_eq!(body["meta"]["href"], "/api/audit/sessions/weird%2Fid%20%231");
    assert_eq!(body["meta"]["parent"], "/api/audit/sessions");
    let (status, missing) = get(&app, "/api/audit/sessions/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(missing["error"]["code"], "NotFound");
    assert!(missing["error"]["message"].as_str().unwrap().contains("nope"));
}
