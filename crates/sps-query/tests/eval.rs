//! Matching semantics of `Query::matches`.

use serde_json::{json, Value as Json};
use sps_query::{parse, Schema};

fn session() -> Json {
    json!({
        "protocol": "SSH",
        "verdict": "ACCEPT",
        "user": {"gateway_username": "Alice.Smith", "server_username": "root"},
        "client": {"ip": "10.0.0.7"},
        "server": {"name": "db-01.example.com"},
        "duration": 125,
        "active": false,
        "recording": {"content_reference_id": "42", "archived": "true", "connection_policy": "Linux servers"},
        "analytics": {"tags": ["lateral", "After-Hours"], "score": {"aggregated": 87.5}},
        "start_time": "2017-04-11T09:21:10.832",
        "end_time": 1491902570832_i64,
        "custom": {"count": 3, "flag": true, "name": "Mixed Case"}
    })
}

fn sessions_match(query: &str) -> bool {
    parse(query).unwrap_or_else(|e| panic!("`{query}`: {e}")).matches(&session(), Schema::sessions())
}

fn event_matches(query: &str, event: &Json) -> bool {
    parse(query).unwrap_or_else(|e| panic!("`{query}`: {e}")).matches(event, Schema::events())
}

#[test]
fn empty_query_matches_everything() {
    assert!(sessions_match(""));
    assert!(sessions_match("   "));
}

#[test]
fn keyword_text_is_whole_value_ignoring_case() {
    assert!(sessions_match("protocol:ssh"));
    assert!(sessions_match("protocol:SSH"));
    assert!(!sessions_match("protocol:ss"));
    assert!(sessions_match("user.gateway_username:alice.smith"));
    assert!(!sessions_match("user.gateway_username:alice"));
    assert!(sessions_match(r#"recording.connection_policy:"linux servers""#));
    assert!(sessions_match(r"recording.connection_policy:Linux\ servers"));
    assert!(!sessions_match("recording.connection_policy:Linux"));
}

#[test]
fn keyword_wildcards_match_the_whole_value() {
    assert!(sessions_match("user.gateway_username:alice*"));
    assert!(sessions_match("user.gateway_username:*SMITH"));
    assert!(sessions_match("user.gateway_username:?lice.smit?"));
    assert!(!sessions_match("user.gateway_username:lice*"));
    assert!(sessions_match("server.name:db-??.*"));
    assert!(!sessions_match(r"user.gateway_username:alice\*"), "an escaped star is literal");
}

#[test]
fn arrays_match_when_any_element_does() {
    assert!(sessions_match("analytics.tags:lateral"));
    assert!(sessions_match("analytics.tags:after-hours"));
    assert!(sessions_match("analytics.tags:(none OR lateral)"));
    assert!(!sessions_match("analytics.tags:none"));
    assert!(sessions_match("NOT analytics.tags:none"));
}

#[test]
fn numbers() {
    assert!(sessions_match("duration:125"));
    assert!(sessions_match("duration:125.0"));
    assert!(!sessions_match("duration:12"));
    assert!(sessions_match("duration:[100 TO 200]"));
    assert!(sessions_match("duration:[125 TO 125]"));
    assert!(!sessions_match("duration:{125 TO 200]"));
    assert!(!sessions_match("duration:[100 TO 125}"));
    assert!(sessions_match("duration:[* TO *]"));
    assert!(sessions_match("duration:{124 TO *}"));
    assert!(sessions_match("recording.content_reference_id:42"), "numbers sent as strings");
    assert!(sessions_match("analytics.score.aggregated:[80 TO 90]"));
    assert!(!sessions_match("duration:abc"), "a malformed number matches nothing");
    assert!(!sessions_match("duration:[abc TO *]"));
}

#[test]
fn booleans() {
    assert!(sessions_match("active:false"));
    assert!(sessions_match("active:FALSE"));
    assert!(!sessions_match("active:true"));
    assert!(sessions_match("recording.archived:true"), "booleans sent as strings");
    assert!(!sessions_match("active:no"));
}

#[test]
fn dates() {
    assert!(sessions_match("start_time:2017-04-11"), "a date matches its whole day");
    assert!(sessions_match("start_time:2017-04"));
    assert!(sessions_match(r"start_time:2017-04-11T09\:21"));
    assert!(sessions_match(r#"start_time:"2017-04-11T09:21:10.832Z""#));
    assert!(sessions_match(r#"start_time:"2017-04-11T11:21:10.832+02:00""#));
    assert!(!sessions_match("start_time:2017-04-12"));
    assert!(sessions_match("start_time:[2017-04-11 TO 2017-04-12]"));
    assert!(sessions_match("start_time:[2017-04-11T09:00 TO *]"));
    assert!(!sessions_match("start_time:{2017-04-11T09:21:10.832 TO *]"));
    assert!(sessions_match("start_time:[* TO 1491902470832]"), "epoch milliseconds");
    assert!(sessions_match("end_time:[2017-04-11T09:22 TO 2017-04-11T09:23]"), "a record's epoch number");
    assert!(!sessions_match("start_time:[2017-05-01 TO *]"));
}

#[test]
fn field_exists() {
    assert!(sessions_match("duration:*"));
    assert!(sessions_match("active:*"));
    assert!(!sessions_match("recording.deny_reason:*"));
    assert!(sessions_match("NOT recording.deny_reason:*"));
}

#[test]
fn missing_fields_match_nothing_and_their_negation_everything() {
    assert!(!sessions_match("recording.deny_reason:x"));
    assert!(sessions_match("NOT recording.deny_reason:x"));
}

#[test]
fn bare_terms_are_substrings_of_any_text_field_for_sessions() {
    assert!(sessions_match("smith"));
    assert!(sessions_match("SERVERS"));
    assert!(sessions_match(r#""linux serv""#));
    assert!(sessions_match("db-0*"));
    assert!(!sessions_match("125"), "duration is not a text field");
    assert!(!sessions_match("nowhere"));
}

#[test]
fn unknown_fields_compare_by_the_records_own_types() {
    assert!(sessions_match("custom.count:3"));
    assert!(sessions_match("custom.count:[1 TO 5]"));
    assert!(sessions_match("custom.flag:true"));
    assert!(sessions_match("custom.name:\"mixed case\""));
    assert!(!sessions_match("custom.nothing:x"));
}

#[test]
fn boolean_logic_and_lucene_prefixes() {
    assert!(sessions_match("protocol:ssh AND active:false"));
    assert!(!sessions_match("protocol:ssh AND active:true"));
    assert!(sessions_match("protocol:rdp OR active:false"));
    assert!(sessions_match("protocol:rdp active:false"), "the implicit operator is OR");
    assert!(!sessions_match("protocol:ssh -active:false"), "`-` excludes");
    assert!(!sessions_match("protocol:ssh OR NOT active:false"), "NOT in an OR list excludes (Lucene)");
    assert!(sessions_match("protocol:rdp OR (NOT active:true)"), "a parenthesised NOT is an alternative");
    assert!(sessions_match("+protocol:ssh protocol:rdp"), "optional clauses beside a required one filter nothing");
    assert!(sessions_match("protocol:(rdp ssh) AND NOT verdict:DENY"));
}

#[test]
fn events_content_is_full_text_and_the_default_field() {
    let event = json!({"channels_id": "0", "content": "myuser@examplehost:/var$ cat 24hrs.txt", "record_id": 78, "time": "2017-04-11T09:21:18.017", "type": "command"});
    assert!(event_matches("content:cat", &event));
    assert!(event_matches("content:CAT", &event));
    assert!(event_matches("content:24hrs.txt", &event));
    assert!(event_matches(r#"content:"cat 24hrs""#, &event));
    assert!(!event_matches(r#"content:"24hrs cat""#, &event));
    assert!(!event_matches("content:ca", &event), "terms match whole words");
    assert!(event_matches("content:ca*", &event));
    assert!(event_matches("content:*.txt", &event));
    assert!(event_matches("content:examplehost", &event));
    assert!(event_matches("cat", &event), "bare terms search content");
    assert!(event_matches("hrs.t", &event), "bare terms are substrings");
    assert!(!event_matches("command", &event), "bare terms do not search type");
    assert!(event_matches("type:command AND channels_id:0", &event));
    assert!(event_matches("type:COMM*", &event));
    assert!(event_matches("time:[2017-04-11T09:21 TO 2017-04-11T09:22}", &event));
    assert!(event_matches("record_id:{77 TO 79}", &event));
}
