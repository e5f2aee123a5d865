//! Completion at a cursor.

use sps_query::{complete, CandidateKind, Completion, Expected, Schema, Span};

/// Completes at the `|` in `marked`.
fn at(marked: &str, schema: &Schema) -> Completion {
    let cursor = marked.find('|').expect("a | marks the cursor");
    let query = marked.replacen('|', "", 1);
    complete(&query, cursor, schema)
}

fn labels(completion: &Completion) -> Vec<&str> {
    completion.candidates.iter().map(|c| c.label.as_str()).collect()
}

#[test]
fn empty_query_offers_fields() {
    let c = at("|", Schema::events());
    assert_eq!(c.expected, Expected::Field);
    assert_eq!(c.replace, Span::at(0));
    assert_eq!(labels(&c), ["channels_id", "content", "record_id", "time", "type", "NOT"]);
    let content = &c.candidates[1];
    assert_eq!(content.kind, CandidateKind::Field);
    assert_eq!(content.insert, "content:");
    assert_eq!(content.detail, "text");
    assert!(!content.description.is_empty());
}

#[test]
fn a_half_typed_field_is_replaced() {
    let c = at("protocol:ssh AND user.gate|", Schema::sessions());
    assert_eq!(c.expected, Expected::Field);
    assert_eq!(c.replace, Span::new(17, 26));
    assert_eq!(labels(&c), ["user.gateway_username", "user.gateway_username_domain"]);
    let c = at("gate|", Schema::sessions());
    assert_eq!(labels(&c)[0], "user.gateway_username", "matches at a word inside the name");
    let c = at("psm.content|", Schema::sessions());
    assert_eq!(labels(&c), ["recording.content_reference_id"], "old names complete to current ones");
}

#[test]
fn editing_a_field_name_before_its_colon() {
    let c = at("proto|:ssh", Schema::sessions());
    assert_eq!(c.expected, Expected::Field);
    assert_eq!(c.replace, Span::new(0, 5));
    assert_eq!(c.candidates[0].insert, "protocol");
}

#[test]
fn values_of_booleans_and_event_types() {
    let c = at("active:|", Schema::sessions());
    assert_eq!(c.expected, Expected::Value { field: "active".into() });
    assert_eq!(labels(&c), ["true", "false"]);
    let c = at("active:f|", Schema::sessions());
    assert_eq!(labels(&c), ["false"]);
    assert_eq!(c.replace, Span::new(7, 8));
    let c = at("type:scr|", Schema::events());
    assert_eq!(labels(&c), ["screen.content", "screen.creditcard", "screen.windowtitle"]);
    assert_eq!(c.candidates[0].kind, CandidateKind::Value);
    let c = at("protocol: |", Schema::sessions());
    assert_eq!(c.expected, Expected::Value { field: "protocol".into() });
    assert_eq!(labels(&c), ["HTTP", "ICA", "RDP", "SSH", "TELNET", "VNC"], "as appliances write them");
    // What is typed filters them ignoring case.
    assert_eq!(labels(&at("protocol:ss|", Schema::sessions())), ["SSH"]);
    assert_eq!(labels(&at("verdict:AUTH|", Schema::sessions())), ["AUTH_FAIL"]);
    let c = at("user.name:|", Schema::sessions());
    assert_eq!(c.expected, Expected::Value { field: "user.name".into() });
    assert!(c.candidates.is_empty());
}

#[test]
fn values_inside_a_field_group() {
    let c = at("type:(command |", Schema::events());
    assert_eq!(c.expected, Expected::Operator);
    assert!(labels(&c).contains(&"file_transfer"));
    let c = at("type:(command OR |", Schema::events());
    assert_eq!(c.expected, Expected::Value { field: "type".into() });
    let c = at("type:(command OR (fi|", Schema::events());
    assert_eq!(c.expected, Expected::Value { field: "type".into() });
    assert_eq!(labels(&c), ["file_transfer"]);
}

#[test]
fn values_in_quotes_are_replaced_whole_and_escaped() {
    let c = at("type:\"screen.c|", Schema::events());
    assert_eq!(c.expected, Expected::Value { field: "type".into() });
    assert_eq!(c.replace, Span::new(5, 14));
    assert_eq!(labels(&c), ["screen.content", "screen.creditcard"]);
    assert_eq!(c.candidates[0].insert, "screen.content");
}

#[test]
fn operators_after_a_clause() {
    let c = at("protocol:ssh |", Schema::sessions());
    assert_eq!(c.expected, Expected::Operator);
    assert_eq!(&labels(&c)[..4], ["AND", "OR", "NOT", "AND NOT"]);
    assert_eq!(c.candidates[0].insert, "AND ");
    assert_eq!(c.candidates[4].kind, CandidateKind::Field, "a new clause may follow (implicit OR)");
    let c = at("protocol:ssh AN|", Schema::sessions());
    assert_eq!(labels(&c)[..3], ["AND", "AND NOT", "analytics.tags"], "operators, then fields");
    assert_eq!(c.replace, Span::new(13, 15));
    let c = at("protocol:ssh AND|", Schema::sessions());
    assert_eq!(c.expected, Expected::Operator);
    assert_eq!(labels(&c), ["AND", "AND NOT"]);
    let c = at("(a OR b)|", Schema::sessions());
    assert_eq!(c.expected, Expected::Operator);
    assert_eq!(c.candidates[0].insert, " AND ", "a space is added where none is");
}

#[test]
fn after_an_operator_a_clause() {
    for marked in ["a AND |", "a OR |", "NOT |", "-|", "(|", "a AND (|"] {
        assert_eq!(at(marked, Schema::sessions()).expected, Expected::Field, "{marked}");
    }
}

#[test]
fn inside_phrases_and_ranges() {
    let c = at("\"free te|xt\"", Schema::sessions());
    assert_eq!(c.expected, Expected::FreeText);
    assert!(c.candidates.is_empty());
    let c = at("duration:[1 T|O 5]", Schema::sessions());
    assert_eq!(c.expected, Expected::Value { field: "duration".into() });
    assert!(c.candidates.is_empty());
}

#[test]
fn cursor_is_clamped_and_never_splits_a_character() {
    let query = "é:ü";
    for cursor in 0..10 {
        let c = complete(query, cursor, Schema::sessions());
        assert!(c.replace.end <= query.len());
        assert!(query.is_char_boundary(c.replace.start) && query.is_char_boundary(c.replace.end));
    }
}

#[test]
fn a_comparison_takes_a_typed_value_then_an_operator() {
    for marked in ["duration:>|", "duration:>=|", "duration:<1|", "start_time:>2017-01-25T10:00|", "x:<\"ab|"] {
        let c = at(marked, Schema::sessions());
        assert_eq!(c.expected, Expected::FreeText, "{marked}");
        assert!(c.candidates.is_empty(), "{marked}: {c:?}");
    }
    let after = at("duration:>10 |", Schema::sessions());
    assert_eq!(after.expected, Expected::Operator);
    assert_eq!(labels(&after)[..4], ["AND", "OR", "NOT", "AND NOT"]);
    // A date-time is one value: its colons do not start a field.
    let c = at("start_time:2017-01-25T10:00 AND pro|", Schema::sessions());
    assert_eq!(c.expected, Expected::Field);
    assert_eq!(labels(&c)[0], "protocol");
}
