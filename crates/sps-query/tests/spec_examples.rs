//! Every example query of the vendor's documentation parses and means what the docs say,
//! checked by evaluating it against the documentation's own sample records.

use serde_json::{json, Value as Json};
use sps_query::{check, parse, Bound, Clause, Expr, Query, Schema, Value};

/// The events of the documentation's sample response, plus a few to tell examples apart.
fn events() -> Vec<Json> {
    let mut events: Vec<Json> = [
        (46, "myuser@examplehost:~$ ls"),
        (64, "myuser@examplehost:~$ cd /cd"),
        (78, "myuser@examplehost:/var$ cat 24hrs.txt"),
        (95, "myuser@examplehost:/var$ ls -la"),
        (113, "myuser@examplehost:/var$ echo example.txt"),
        (148, "myuser@examplehost:/var$ man sudo"),
    ]
    .into_iter()
    .map(|(record_id, content)| {
        json!({"channels_id": "0", "content": content, "record_id": record_id, "time": "2017-04-11T09:21:10.832", "type": "command"})
    })
    .collect();
    for (record_id, channel, content) in [
        (200, 5, "root@host:~# rm -rf /tmp/x"),
        (201, 2, "root@host:~# mv a b"),
        (202, 5, "root@host:~# sudo cp a b"),
        (203, 1, "admin@host:~$ ls; cp x y; mv y z"),
        (204, 3, "admin@host:~$ ls && cp x y"),
        (205, 4, "Copying Files: \"Copying Files\" dialog"),
    ] {
        events
            .push(json!({"channels_id": channel, "content": content, "record_id": record_id, "type": "window_title"}));
    }
    events
}

/// `record_id`s of the sample events the query matches.
fn matching_ids(query: &str) -> Vec<i64> {
    let query = parse(query).unwrap_or_else(|e| panic!("`{query}` should parse: {e}"));
    events().iter().filter(|e| query.matches(e, Schema::events())).filter_map(|e| e["record_id"].as_i64()).collect()
}

fn clean(query: &str, schema: &Schema) {
    let diagnostics = check(query, schema);
    assert!(diagnostics.is_empty(), "`{query}`: {diagnostics:?}");
}

fn clause(expr: &Expr) -> &Clause {
    match expr {
        Expr::Clause(clause) => clause,
        other => panic!("expected a clause, got {other:?}"),
    }
}

#[test]
fn content_sudo() {
    clean("content:sudo", Schema::events());
    assert_eq!(matching_ids("content:sudo"), [148, 202]);
}

#[test]
fn escaped_quotes_are_literal_characters() {
    // `content:\"Copying Files\"`: the backslashes make the quotes ordinary characters,
    // so this is the term `"Copying` on `content` and the bare term `Files"` (searched in
    // the default field, `content`), joined by the implicit OR.
    let query = parse(r#"content:\"Copying Files\""#).unwrap();
    let Some(Expr::Or { operands, .. }) = query.root() else { panic!("{query:?}") };
    assert_eq!(clause(&operands[0]).value, Value::Term("\"Copying".into()));
    assert_eq!(clause(&operands[0]).field.as_ref().map(|f| f.name.as_str()), Some("content"));
    assert_eq!(clause(&operands[1]).value, Value::Term("Files\"".into()));
    assert_eq!(clause(&operands[1]).field, None);
    assert_eq!(matching_ids(r#"content:\"Copying Files\""#), [205]);
    // Unescaped, it is a phrase.
    assert_eq!(parse(r#"content:"Copying Files""#).unwrap().print(), r#"content:"Copying Files""#);
    assert_eq!(matching_ids(r#"content:"Copying Files""#), [205]);
}

#[test]
fn and_and_not() {
    let q = "content:ls AND content:cp AND NOT content:mv";
    clean(q, Schema::events());
    let Some(Expr::And { operands, .. }) = parse(q).unwrap().into_root() else { panic!() };
    assert_eq!(operands.len(), 3);
    assert!(matches!(operands[2], Expr::Not { .. }));
    assert_eq!(matching_ids(q), [204]);
}

#[test]
fn groups_with_parentheses() {
    let q = "(content:rm OR content:mv) AND channels_id:5";
    clean(q, Schema::events());
    assert_eq!(matching_ids(q), [200]);
}

#[test]
fn any_of_the_values() {
    clean("content:(sudo rm)", Schema::events());
    assert_eq!(
        parse("content:(sudo rm)").unwrap().without_spans(),
        parse("content:sudo OR content:rm").unwrap().without_spans()
    );
    assert_eq!(matching_ids("content:(sudo rm)"), [148, 200, 202]);
}

#[test]
fn wildcards() {
    clean("content:?dmi*", Schema::events());
    assert_eq!(matching_ids("content:?dmi*"), [203, 204]);
}

#[test]
fn exclusive_range_resolves_to_2() {
    clean("channels_id:{1 TO 3}", Schema::events());
    assert_eq!(matching_ids("channels_id:{1 TO 3}"), [201]);
    let Some(Expr::Clause(Clause { value: Value::Range(range), .. })) =
        parse("channels_id:{1 TO 3}").unwrap().into_root()
    else {
        panic!()
    };
    assert!(matches!(range.lower, Bound::Exclusive(ref e) if e.text == "1"));
    assert!(matches!(range.upper, Bound::Exclusive(ref e) if e.text == "3"));
}

#[test]
fn open_ended_range() {
    clean("channels_id:[* TO 5]", Schema::events());
    // Every sample event has a channel of at most 5 (the doc's are the string "0").
    assert_eq!(matching_ids("channels_id:[* TO 5]").len(), events().len());
    assert_eq!(matching_ids("channels_id:[* TO 4]"), [46, 64, 78, 95, 113, 148, 201, 203, 204, 205]);
    assert_eq!(matching_ids("channels_id:[* TO 4}"), [46, 64, 78, 95, 113, 148, 201, 203, 204]);
}

#[test]
fn stats_example_uses_the_old_psm_name() {
    // The stats example's sessions: one stores the field under `psm`, the rest under
    // `recording`; the query uses `psm.`. Both spellings must find both.
    let sessions = json!([
        {"protocol": "ssh", "recording": {"content_reference_id": 1}},
        {"protocol": "ssh", "recording": {"content_reference_id": 2}},
        {"protocol": "rdp", "recording": {"content_reference_id": 3}},
        {"protocol": "rdp", "psm": {"content_reference_id": 4}},
        {"protocol": "rdp", "recording": {"content_reference_id": 5}},
        {"protocol": "ssh", "recording": {"content_reference_id": 6}},
        {"protocol": "ssh", "recording": {"content_reference_id": 7}}
    ]);
    let ids = |q: &str| -> Vec<u64> {
        let query: Query = parse(q).unwrap();
        let items = sessions.as_array().unwrap();
        items
            .iter()
            .filter(|s| query.matches(s, Schema::sessions()))
            .filter_map(|s| {
                s.pointer("/recording/content_reference_id").or(s.pointer("/psm/content_reference_id"))?.as_u64()
            })
            .collect()
    };
    assert_eq!(ids("psm.content_reference_id:[3 TO 6]"), [3, 4, 5, 6]);
    assert_eq!(ids("recording.content_reference_id:[3 TO 6]"), [3, 4, 5, 6]);
    assert_eq!(ids("psm.content_reference_id:[3 TO 6] AND protocol:rdp"), [3, 4, 5]);
    let diagnostics = check("psm.content_reference_id:[3 TO 6]", Schema::sessions());
    assert!(diagnostics.iter().all(|d| d.severity == sps_query::Severity::Info), "{diagnostics:?}");
}
