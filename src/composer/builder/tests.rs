use proptest::prelude::*;
use sps_query::{parse, Pattern};

use super::read::glob_text;
use super::*;

fn row(field: &str, condition: Condition) -> Item {
    Item::Row(Row { field: field.to_owned(), condition })
}

fn is(field: &str, value: &str) -> Item {
    row(field, Condition::Is(Literal::word(value)))
}

#[test]
fn rows_of_a_plain_query() {
    let group =
        from_text("protocol:ssh AND NOT verdict:ACCEPT AND duration:[60 TO *} AND user.name:adm*").expect("shown");
    assert_eq!(group.join, Join::All);
    assert_eq!(
        group.items,
        [
            is("protocol", "ssh"),
            row("verdict", Condition::IsNot(Literal::word("ACCEPT"))),
            row(
                "duration",
                Condition::Between { lower: End { value: Some("60".into()), inclusive: true }, upper: End::open() }
            ),
            row("user.name", Condition::Matches("adm*".into())),
        ]
    );
}

#[test]
fn field_groups_are_one_of_rows_and_parentheses_are_groups() {
    let group = from_text(r#"protocol:(ssh OR "r d p") OR (user.name:bob AND active:true)"#).expect("shown");
    assert_eq!(group.join, Join::Any);
    assert_eq!(
        group.items,
        [
            row(
                "protocol",
                Condition::OneOf(vec![Literal::word("ssh"), Literal { text: "r d p".into(), quoted: true }])
            ),
            Item::Group(Group { join: Join::All, items: vec![is("user.name", "bob"), is("active", "true")] }),
        ]
    );
}

#[test]
fn rows_show_how_sps_reads_a_level_mixing_and_with_or() {
    // `a AND b c AND d` is `+a +b +c +d` to SPS: four rows joined by AND.
    let group = from_text("a:1 AND b:1 c:1 AND d:1").expect("shown");
    assert_eq!(group.join, Join::All);
    assert_eq!(group.items, [is("a", "1"), is("b", "1"), is("c", "1"), is("d", "1")]);
    // An OR row group inside AND rows is written in parentheses, never as a mixed level.
    let mixed = Group {
        join: Join::Any,
        items: vec![Item::Group(Group { join: Join::All, items: vec![is("a", "1"), is("b", "1")] }), is("c", "1")],
    };
    assert_eq!(to_text(&mixed).as_deref(), Ok("(a:1 AND b:1) OR c:1"));
}

#[test]
fn free_text_is_a_row_without_field() {
    let group = from_text("sudo").expect("shown");
    assert_eq!(group.items, [is("", "sudo")]);
    assert_eq!(to_text(&group).as_deref(), Ok("sudo"));
}

#[test]
fn the_empty_query_is_no_rows() {
    assert_eq!(from_text("  "), Ok(Group::empty()));
    assert_eq!(to_text(&Group::empty()).as_deref(), Ok(""));
}

#[test]
fn what_the_builder_cannot_show_stays_text() {
    assert_eq!(from_text("protocol:(ssh"), Err(Unsupported::Syntax));
    assert_eq!(from_text("NOT (a OR b)"), Err(Unsupported::Negation));
    assert_eq!(from_text("NOT user.name:adm*"), Err(Unsupported::Negation));
    assert_eq!(from_text("+a b"), Err(Unsupported::Ignored));
    // As SPS reads it, `c` filters nothing here: rows could not hold it.
    assert_eq!(from_text("a AND b OR c"), Err(Unsupported::Ignored));
    // Four levels: top, then three nested groups.
    assert_eq!(from_text("a:1 AND (b:1 OR (c:1 AND (d:1 OR e:1)))"), Err(Unsupported::TooDeep));
    assert!(from_text("a:1 AND (b:1 OR (c:1 AND d:1))").is_ok(), "three levels fit");
}

#[test]
fn canonical_queries_round_trip_exactly() {
    for text in [
        "protocol:ssh AND NOT verdict:ACCEPT",
        "protocol:(ssh OR rdp) AND user.gateway_username:adm*",
        "a OR (NOT b)",
        "a AND (b AND c)",
        "(a OR b) OR c",
        r#"server.name:("db 01" OR db\ 02) OR user.name:x"#,
        "duration:{1 TO 5] AND start_time:[2024-01-01 TO *]",
        r"user.name:a\*b* AND content:\AND",
        r#"x:"*" AND y:[* TO "*"]"#,
        "field:\"\"",
    ] {
        let group = from_text(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(to_text(&group).as_deref(), Ok(text), "{group:?}");
    }
}

#[test]
fn incomplete_rows_say_where() {
    let group = Group {
        join: Join::All,
        items: vec![is("a", "1"), Item::Group(Group { join: Join::Any, items: vec![is("b", "1"), is("c", "")] })],
    };
    assert_eq!(to_text(&group), Err(Incomplete::MissingValue { position: "2.2".into() }));
    let empty = Group { join: Join::All, items: vec![is("a", "1"), Item::Group(Group::empty())] };
    assert_eq!(to_text(&empty), Err(Incomplete::EmptyGroup { position: "2".into() }));
    let none = Group { join: Join::All, items: vec![row("a", Condition::OneOf(vec![]))] };
    assert_eq!(to_text(&none), Err(Incomplete::MissingValue { position: "1".into() }));
    let pattern = Group { join: Join::All, items: vec![row("a", Condition::Matches(String::new()))] };
    assert!(to_text(&pattern).is_err());
}

#[test]
fn switching_operators_keeps_the_value() {
    let is = Condition::Is(Literal::word("ssh"));
    assert_eq!(is.with_op(Op::IsNot), Condition::IsNot(Literal::word("ssh")));
    assert_eq!(is.with_op(Op::OneOf), Condition::OneOf(vec![Literal::word("ssh")]));
    assert_eq!(is.with_op(Op::Matches), Condition::Matches("ssh".into()));
    assert_eq!(
        Condition::Is(Literal::word("5")).with_op(Op::Between),
        Condition::Between { lower: End { value: Some("5".into()), inclusive: true }, upper: End::open() }
    );
    assert_eq!(
        Condition::Matches("a b".into()).with_op(Op::Is),
        Condition::Is(Literal { text: "a b".into(), quoted: true })
    );
    for op in Op::ALL {
        assert_eq!(Op::from_key(op.key()), Some(op));
    }
}

#[test]
fn typed_values_become_phrases_when_they_hold_spaces() {
    let word = Literal::word("db");
    assert_eq!(word.edited("db 01"), Literal { text: "db 01".into(), quoted: true });
    assert_eq!(word.edited("db01"), Literal::word("db01"));
    assert_eq!(Literal { text: "x".into(), quoted: true }.edited(""), Literal::word(""));
    assert_eq!(End::open().edited("5").value.as_deref(), Some("5"));
    assert_eq!(End::open().edited("5").edited("").value, None);
}

#[test]
fn corpus_queries_are_shown_faithfully_or_refused() {
    let corpus = include_str!("../../../crates/sps-query/tests/data/corpus.txt");
    let mut shown = 0;
    for line in corpus.lines().filter_map(|l| l.strip_prefix("ok ")) {
        let Some((text, _)) = line.rsplit_once(" => ") else { continue };
        let text = if text == "<empty>" { "" } else { text };
        if let Ok(group) = from_text(text) {
            shown += 1;
            let written = to_query(&group).expect("complete");
            let original = parse(text).expect("corpus ok lines parse");
            assert_eq!(written.without_spans(), original.without_spans(), "{text}");
        }
    }
    assert!(shown > 100, "most of the corpus fits the builder: {shown}");
}

#[test]
fn glob_text_and_patterns_agree() {
    for glob in ["adm*", r"a\*b?", r"x\\y*", "*", "plain"] {
        assert_eq!(glob_text(&Pattern::unescape(glob)), glob);
    }
}

fn literal_strategy() -> impl Strategy<Value = Literal> {
    ("[a-zA-Z0-9 :*?\"\\\\()é-]{1,8}", any::<bool>()).prop_map(|(text, quoted)| Literal { text, quoted })
}

fn row_strategy() -> impl Strategy<Value = Item> {
    let field = prop_oneof![
        Just(String::new()),
        Just("protocol".to_owned()),
        Just("duration".to_owned()),
        Just("a.b".to_owned())
    ];
    let end =
        (proptest::option::of("[a-z0-9*]{1,4}"), any::<bool>()).prop_map(|(value, inclusive)| End { value, inclusive });
    let condition = prop_oneof![
        literal_strategy().prop_map(Condition::Is),
        literal_strategy().prop_map(Condition::IsNot),
        proptest::collection::vec(literal_strategy(), 1..4).prop_map(Condition::OneOf),
        "[a-z*?]{1,6}".prop_map(Condition::Matches),
        (end.clone(), end).prop_map(|(lower, upper)| Condition::Between { lower, upper }),
    ];
    (field, condition).prop_map(|(field, condition)| Item::Row(Row { field, condition }))
}

fn group_strategy() -> impl Strategy<Value = Group> {
    let join = prop_oneof![Just(Join::All), Just(Join::Any)];
    let leaf =
        (join.clone(), proptest::collection::vec(row_strategy(), 1..4)).prop_map(|(join, items)| Group { join, items });
    leaf.prop_recursive(2, 16, 4, move |inner| {
        let item = prop_oneof![row_strategy(), inner.prop_map(Item::Group)];
        (join.clone(), proptest::collection::vec(item, 1..4)).prop_map(|(join, items)| Group { join, items })
    })
}

proptest! {
    /// Whatever the builder writes, it can show again, and shows it as the same query.
    #[test]
    fn the_builder_reads_back_what_it_writes(group in group_strategy()) {
        let text = to_text(&group).expect("generated rows are complete");
        let again = from_text(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(to_text(&again).expect("complete"), text);
    }
}
