//! Property tests: printing round-trips generated trees, printing is stable, printed
//! text means the tree under every reading a backend may apply, typed text is read as
//! Lucene's classic parser reads it, and no input makes any entry point panic.

mod common;

use common::{same_meaning, Reading, READINGS};
use proptest::prelude::*;
use serde_json::json;
use sps_query::{
    check, complete, parse, Bound, Clause, Endpoint, Expr, FieldRef, ParseErrorKind, Pattern, PatternPart, Query,
    Range, Schema, Span, Value, MAX_DEPTH,
};

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-z0-9_]{0,6}(\\.[a-z][a-z0-9_]{0,6}){0,2}",
        1 => any::<String>().prop_filter("non-empty", |s| !s.is_empty()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9]{1,8}",
        2 => "[a-z*?:\\\\ \"()\\[\\]{}+\\-!&|^~/<>=]{1,8}",
        1 => Just("AND".to_owned()),
        1 => Just("TO".to_owned()),
        1 => Just("*".to_owned()),
        2 => any::<String>(),
    ]
}

fn pattern() -> impl Strategy<Value = Pattern> {
    let part =
        prop_oneof![text().prop_map(PatternPart::Literal), Just(PatternPart::AnyChars), Just(PatternPart::AnyChar),];
    prop::collection::vec(part, 1..5)
        .prop_map(Pattern::from_parts)
        .prop_filter("has a wildcard", Pattern::has_wildcards)
}

fn bound() -> impl Strategy<Value = Bound> {
    let end = || text().prop_map(|text| Endpoint { text, span: Span::default() });
    prop_oneof![Just(Bound::Unbounded), end().prop_map(Bound::Inclusive), end().prop_map(Bound::Exclusive)]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        // A term cannot start with `<` or `>` (that is a comparison, even escaped): the
        // printer writes such a value as a phrase, and the parser never makes one.
        3 => text().prop_filter("a term", |t| !t.is_empty() && !t.starts_with(['<', '>'])).prop_map(Value::Term),
        1 => text().prop_map(Value::Phrase),
        1 => pattern().prop_map(Value::Wildcard),
        1 => (bound(), bound()).prop_map(|(lower, upper)| Value::Range(Range::new(lower, upper))),
    ]
}

fn clause() -> impl Strategy<Value = Expr> {
    (prop::option::weighted(0.8, field_name()), value()).prop_map(|(field, value)| {
        Expr::Clause(Clause {
            field: field.map(|name| FieldRef { name, span: Span::default() }),
            value,
            value_span: Span::default(),
            span: Span::default(),
        })
    })
}

fn expr() -> impl Strategy<Value = Expr> {
    clause().prop_recursive(5, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4)
                .prop_map(|operands| Expr::Or { operands, span: Span::default() }),
            prop::collection::vec(inner.clone(), 2..4)
                .prop_map(|operands| Expr::And { operands, span: Span::default() }),
            inner.prop_map(|operand| Expr::Not { operand: Box::new(operand), span: Span::default() }),
        ]
    })
}

/// Text dense in syntax, to reach the parser's corners more often than random Unicode.
fn syntaxy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("AND "),
        Just("OR "),
        Just("NOT "),
        Just("TO"),
        Just("&&"),
        Just("||"),
        Just("("),
        Just(")"),
        Just("["),
        Just("]"),
        Just("{"),
        Just("}"),
        Just("\""),
        Just(":"),
        Just("\\"),
        Just("*"),
        Just("?"),
        Just("!"),
        Just("+"),
        Just("-"),
        Just(" "),
        Just("a"),
        Just("content"),
        Just("duration"),
        Just("5"),
        Just("é"),
        Just("^"),
        Just("~"),
        Just("/"),
        Just("\t"),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn exercise(input: &str) {
    let record = json!({"content": "a b 5", "duration": 5, "type": ["command"], "user": {"name": "a"}});
    let parsed = parse(input);
    for schema in [Schema::sessions(), Schema::events()] {
        let _ = check(input, schema);
        if let Ok(query) = &parsed {
            let _ = query.matches(&record, schema);
        }
        let mut cursor = 0;
        while cursor <= input.len() + 1 {
            let _ = complete(input, cursor, schema);
            cursor += 1;
        }
    }
    if let Ok(query) = parsed {
        let sent = sps_query::sendable(input);
        assert_eq!(
            parse(&sent).map(|q| q.without_spans()).ok(),
            Some(query.without_spans()),
            "`{input}` sent as `{sent}`"
        );
        let printed = query.print();
        let reparsed = parse(&printed).unwrap_or_else(|e| panic!("`{input}` printed as `{printed}`, which fails: {e}"));
        assert_eq!(reparsed.without_spans(), query.without_spans(), "`{input}` → `{printed}`");
        assert_eq!(reparsed.print(), printed, "printing `{input}` is not stable");
        for d in check(input, Schema::sessions()) {
            assert!(
                d.span.end <= input.len() && input.is_char_boundary(d.span.start) && input.is_char_boundary(d.span.end)
            );
        }
    } else if let Err(e) = parse(input) {
        assert!(e.span.end <= input.len() && e.span.start <= e.span.end, "`{input}`: {e:?}");
        assert!(input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end));
    }
}

/// Trees of depth up to 4 over five leaves, two of them on one field (so that field
/// groups are printed too).
fn small_tree() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![Just("a"), Just("b"), Just("f:c"), Just("f:d"), Just("g:e")]
        .prop_map(|text| parse(text).ok().and_then(Query::into_root).expect("a leaf parses"));
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4)
                .prop_map(|operands| Expr::Or { operands, span: Span::default() }),
            prop::collection::vec(inner.clone(), 2..4)
                .prop_map(|operands| Expr::And { operands, span: Span::default() }),
            inner.prop_map(|operand| Expr::Not { operand: Box::new(operand), span: Span::default() }),
        ]
    })
}

/// Typed text in Lucene's syntax: clauses with at most one prefix each, joined by
/// AND, OR, `&&`, `||` or nothing, in nested parentheses and field groups.
fn typed_text() -> impl Strategy<Value = String> {
    let primary = prop_oneof![
        Just("a".to_owned()),
        Just("b".to_owned()),
        Just("c".to_owned()),
        Just("x:d".to_owned()),
        Just("x:(d e)".to_owned()),
        Just("x:(d AND -e)".to_owned()),
        Just("x:(+d e)".to_owned()),
    ];
    let list = |clause: BoxedStrategy<String>| {
        let conjunction = prop_oneof![Just(" AND "), Just(" OR "), Just(" && "), Just(" || "), Just(" ")];
        let prefix = prop_oneof![Just(""), Just("+"), Just("-"), Just("!"), Just("NOT ")];
        prop::collection::vec((conjunction, prefix, clause), 1..6).prop_map(|items| {
            let mut text = String::new();
            for (i, (conjunction, prefix, clause)) in items.into_iter().enumerate() {
                if i > 0 {
                    text.push_str(conjunction);
                }
                text.push_str(prefix);
                text.push_str(&clause);
            }
            text
        })
    };
    let nested = primary.prop_recursive(3, 24, 5, move |inner| {
        prop_oneof![inner.clone(), list(inner.boxed()).prop_map(|text| format!("({text})"))]
    });
    list(nested.boxed())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The printing rule: whichever way a backend reads the printed text (Lucene's
    /// classic parser with OR or AND as default operator, or AND before OR), it means
    /// the tree, by truth tables over the leaves.
    #[test]
    fn printed_text_means_the_tree_under_every_reading(root in small_tree()) {
        let printed = Query::from(root.clone()).print();
        for reading in READINGS {
            same_meaning(&root, &printed, reading).map_err(TestCaseError::fail)?;
        }
        let reparsed = parse(&printed).map_err(|e| TestCaseError::fail(format!("`{printed}`: {e}")))?;
        prop_assert_eq!(reparsed.without_spans(), Query::from(root).without_spans(), "printed as `{}`", printed);
        prop_assert_eq!(reparsed.print(), printed);
    }

    /// Typed text means what Lucene's classic parser with default operator OR makes of
    /// it: `a AND b OR c` is `+a +b c`.
    #[test]
    fn typed_text_is_read_the_classic_way(text in typed_text()) {
        let query = parse(&text).map_err(|e| TestCaseError::fail(format!("`{text}`: {e}")))?;
        let root = query.root().ok_or_else(|| TestCaseError::fail("not empty"))?;
        same_meaning(root, &text, Reading::ClassicOr).map_err(TestCaseError::fail)?;
        same_meaning(root, &query.print(), Reading::ClassicOr).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn printed_trees_parse_back(root in expr()) {
        let query = Query::from(root);
        let printed = query.print();
        let reparsed = parse(&printed).map_err(|e| TestCaseError::fail(format!("`{printed}`: {e}")))?;
        prop_assert_eq!(reparsed.without_spans(), query.without_spans(), "printed as `{}`", printed);
        prop_assert_eq!(reparsed.print(), printed);
    }

    #[test]
    fn never_panics_on_any_text(input in any::<String>()) {
        exercise(&input);
    }

    #[test]
    fn never_panics_on_syntax_soup(input in syntaxy()) {
        exercise(&input);
    }
}

#[test]
fn nesting_is_bounded_not_a_stack_overflow() {
    let nested = |depth: usize| format!("{}a{}", "(".repeat(depth), ")".repeat(depth));
    assert!(parse(&nested(MAX_DEPTH)).is_ok());
    assert!(matches!(parse(&nested(MAX_DEPTH + 1)).map_err(|e| e.kind), Err(ParseErrorKind::TooDeep { .. })));
    assert!(parse(&"(".repeat(1_000_000)).is_err());
    assert!(parse(&"NOT ".repeat(100_000)).is_err());
    assert!(parse(&"-".repeat(100_000)).is_err());
    assert!(parse(&format!("{}a", "x:(".repeat(1000))).is_err());
    let long = vec!["a"; 100_000].join(" AND ");
    assert!(parse(&long).is_ok(), "long flat lists are loops, not recursion");
}
