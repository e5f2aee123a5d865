//! The builder API and escaping.

use std::ops::Bound::{Excluded, Included, Unbounded};

use proptest::prelude::*;
use sps_query::builder::{add_clause, and, any_of, exclude_clause, not, or, pattern, phrase, range, term, wildcard};
use sps_query::{escape_value, parse, Expr, Pattern, PatternPart, Query, Schema, Value};

/// The query with nested ANDs (ORs) inside ANDs (ORs) flattened and spans cleared:
/// `(a AND b) AND c` and `a AND b AND c` mean the same.
fn flat(query: &Query) -> Query {
    fn flatten(expr: Expr) -> Expr {
        match expr {
            Expr::And { operands, span } => Expr::And { operands: merge(operands, true), span },
            Expr::Or { operands, span } => Expr::Or { operands: merge(operands, false), span },
            Expr::Not { operand, span } => Expr::Not { operand: Box::new(flatten(*operand)), span },
            clause => clause,
        }
    }
    fn merge(operands: Vec<Expr>, conjunction: bool) -> Vec<Expr> {
        let mut out = Vec::new();
        for operand in operands.into_iter().map(flatten) {
            match operand {
                Expr::And { operands, .. } if conjunction => out.extend(operands),
                Expr::Or { operands, .. } if !conjunction => out.extend(operands),
                other => out.push(other),
            }
        }
        out
    }
    query.without_spans().into_root().map(flatten).map(Query::from).unwrap_or_default()
}

/// How the builder writes a literal value: a term, or a phrase where a term cannot hold
/// it (empty, or with `<`, `>` or `=`, which SPS's search cannot escape).
fn literal(value: &str) -> Value {
    if value.is_empty() || value.contains(['<', '>', '=']) {
        Value::Phrase(value.to_owned())
    } else {
        Value::Term(value.to_owned())
    }
}

fn value_of(query: &Query) -> Value {
    match query.root() {
        Some(Expr::Clause(clause)) => clause.value.clone(),
        other => panic!("expected one clause, got {other:?}"),
    }
}

#[test]
fn awkward_values_round_trip_exactly() {
    for value in [
        "alice",
        "bob smith",
        r#"say "hi""#,
        r"C:\Users\bob",
        r"\\server\share\file.txt",
        "a:b",
        "50%*?",
        "AND",
        "OR",
        "NOT",
        "TO",
        "-rf",
        "+1",
        "(x)",
        "[1 TO 2]",
        "{}",
        "a^2~/x/",
        "&&",
        "||",
        "!",
        "tab\there",
        "new\nline",
        "ünïcödé 日本",
        " leading and trailing ",
        "\\",
        "*",
        "=<>",
        "<script>",
        ">10",
        "a<b",
        "x=1",
        "2017-01-25T10:00:00Z",
        "a-b",
        "-",
    ] {
        let built = term("user.name", value);
        let text = built.print();
        let reparsed = parse(&text).unwrap_or_else(|e| panic!("`{text}` (for {value:?}): {e}"));
        assert_eq!(value_of(&reparsed), literal(value), "`{text}`");
        assert!(reparsed.matches(&serde_json::json!({"user": {"name": value}}), Schema::sessions()), "`{text}`");
    }
}

#[test]
fn empty_value_is_an_empty_phrase() {
    assert_eq!(term("x", "").print(), r#"x:"""#);
    assert_eq!(value_of(&parse(r#"x:"""#).unwrap()), Value::Phrase(String::new()));
}

#[test]
fn literal_versus_wildcard_is_explicit() {
    assert_eq!(term("x", "adm*").print(), r"x:adm\*");
    assert_eq!(wildcard("x", "adm*").print(), "x:adm*");
    assert_eq!(wildcard("x", "a b?").print(), r"x:a\ b?");
    assert_eq!(wildcard("x", "plain").print(), "x:plain");
    assert_eq!(value_of(&wildcard("x", "plain")), Value::Term("plain".into()));
    let literal_star_then_any = Pattern::from_parts([PatternPart::Literal("5*".into()), PatternPart::AnyChars]);
    assert_eq!(pattern("x", literal_star_then_any.clone()).print(), r"x:5\**");
    assert_eq!(value_of(&parse(r"x:5\**").unwrap()), Value::Wildcard(literal_star_then_any));
}

#[test]
fn phrases_ranges_and_bare_clauses() {
    assert_eq!(phrase("content", r#"a "b" \c"#).print(), r#"content:"a \"b\" \\c""#);
    assert_eq!(range("duration", Included("5"), Unbounded).print(), "duration:[5 TO *]");
    assert_eq!(range("duration", Excluded("1"), Included("3")).print(), "duration:{1 TO 3]");
    assert_eq!(range("x", Included("*"), Included("a b")).print(), r#"x:["*" TO "a b"]"#);
    assert_eq!(term("", "free text").print(), r"free\ text");
}

#[test]
fn combinators() {
    assert_eq!(any_of("protocol", ["ssh", "rdp"]).print(), "protocol:(ssh OR rdp)");
    assert_eq!(any_of("protocol", ["ssh"]).print(), "protocol:ssh");
    assert!(any_of("protocol", Vec::<String>::new()).is_empty());
    let q = and([term("a", "1"), or([term("b", "2"), term("c", "3")]), not(term("d", "4"))]);
    assert_eq!(q.print(), "a:1 AND (b:2 OR c:3) AND NOT d:4");
    assert_eq!(and([and([term("a", "1"), term("b", "2")]), term("c", "3")]).print(), "a:1 AND b:2 AND c:3");
    assert_eq!(or([Query::empty(), term("a", "1")]).print(), "a:1");
    assert_eq!(or([term("a", "1"), not(term("b", "2"))]).print(), "a:1 OR (NOT b:2)");
    assert!(not(Query::empty()).is_empty());
    for built in [q, or([term("a", "1"), not(term("b", "2"))])] {
        assert_eq!(parse(&built.print()).unwrap().without_spans(), built.without_spans());
    }
}

#[test]
fn add_clause_keeps_the_users_text_and_wraps_only_when_needed() {
    let alice = term("user.gateway_username", "alice");
    let cases = [
        ("protocol:ssh OR protocol:rdp", "(protocol:ssh OR protocol:rdp) AND user.gateway_username:alice"),
        ("protocol:ssh protocol:rdp", "(protocol:ssh protocol:rdp) AND user.gateway_username:alice"),
        ("protocol:ssh AND active:true", "protocol:ssh AND active:true AND user.gateway_username:alice"),
        ("protocol:(ssh rdp)", "protocol:(ssh rdp) AND user.gateway_username:alice"),
        ("  protocol:ssh  ", "protocol:ssh AND user.gateway_username:alice"),
        ("NOT protocol:ssh", "NOT protocol:ssh AND user.gateway_username:alice"),
        ("-protocol:ssh", "-protocol:ssh AND user.gateway_username:alice"),
        ("a -b", "(a -b) AND user.gateway_username:alice"),
        // Joined by AND only, the text takes one more AND as is; any OR (or the
        // implicit OR) would let the AND make its neighbour required, so it is wrapped.
        ("a AND -b", "a AND -b AND user.gateway_username:alice"),
        ("a && NOT b", "a && NOT b AND user.gateway_username:alice"),
        ("a AND b OR c", "(a AND b OR c) AND user.gateway_username:alice"),
        ("+a +b", "(+a +b) AND user.gateway_username:alice"),
        ("(a OR b)", "(a OR b) AND user.gateway_username:alice"),
        ("", "user.gateway_username:alice"),
        ("   ", "user.gateway_username:alice"),
    ];
    for (existing, expected) in cases {
        let combined = add_clause(existing, &alice).unwrap();
        assert_eq!(combined, expected);
        // And it means existing AND clause.
        let want = and([parse(existing).unwrap(), alice.clone()]);
        assert_eq!(flat(&parse(&combined).unwrap()), flat(&want), "`{combined}`");
    }
    assert_eq!(add_clause("a", &any_of("p", ["x", "y"])).unwrap(), "a AND p:(x OR y)");
    assert_eq!(add_clause("a", &or([term("p", "x"), term("q", "y")])).unwrap(), "a AND (p:x OR q:y)");
    assert_eq!(add_clause("a", &and([term("p", "x"), term("q", "y")])).unwrap(), "a AND p:x AND q:y");
    assert_eq!(add_clause("a OR b", &Query::empty()).unwrap(), "a OR b");
    assert!(add_clause("(a", &alice).is_err());
}

#[test]
fn exclude_clause_adds_and_not() {
    let ssh = term("protocol", "ssh");
    assert_eq!(exclude_clause("verdict:ACCEPT", &ssh).unwrap(), "verdict:ACCEPT AND NOT protocol:ssh");
    assert_eq!(exclude_clause("a OR b", &ssh).unwrap(), "(a OR b) AND NOT protocol:ssh");
    assert_eq!(exclude_clause("", &ssh).unwrap(), "NOT protocol:ssh");
    assert_eq!(exclude_clause("a", &any_of("p", ["x", "y"])).unwrap(), "a AND NOT p:(x OR y)");
}

proptest! {
    #[test]
    fn any_string_round_trips_as_a_literal_term(value in any::<String>()) {
        let text = term("f", &value).print();
        let reparsed = parse(&text).map_err(|e| TestCaseError::fail(format!("`{text}`: {e}")))?;
        prop_assert_eq!(value_of(&reparsed), literal(&value));
        prop_assert_eq!(parse(&escape_value(&value)).map(|q| value_of(&q)).ok(), Some(value_of(&reparsed)));
    }

    #[test]
    fn any_string_round_trips_as_a_phrase(value in any::<String>()) {
        let text = phrase("f", &value).print();
        prop_assert_eq!(parse(&text).map(|q| value_of(&q)).ok(), Some(Value::Phrase(value)));
    }

    #[test]
    fn any_glob_round_trips_as_its_pattern(glob in "[a-c*?:\\\\ \"()]{0,12}") {
        let built = wildcard("f", &glob);
        let reparsed = parse(&built.print()).map_err(|e| TestCaseError::fail(format!("`{}`: {e}", built.print())))?;
        prop_assert_eq!(value_of(&reparsed), value_of(&built));
    }

    #[test]
    fn add_clause_means_and(existing in "[+-]?[a-c]( (AND|OR|&&|\\|\\||-|\\+|) ?[+-]?[a-c]){0,3}", field in "[a-c]", value in any::<String>()) {
        let clause = term(&field, &value);
        let combined = add_clause(&existing, &clause).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let want = and([parse(&existing).map_err(|e| TestCaseError::fail(e.to_string()))?, clause]);
        prop_assert_eq!(parse(&combined).map(|q| flat(&q)).ok(), Some(flat(&want)));
    }
}

#[test]
fn what_is_sent_rewrites_only_what_lucene_reads_otherwise() {
    use sps_query::sendable;
    let cases = [
        ("start_time:2017-01-25T10:00:00Z", r"start_time:2017-01-25T10\:00\:00Z"),
        ("start_time:(2017-01-25T10:00 OR 2017-01-26)", r"start_time:(2017-01-25T10\:00 OR 2017-01-26)"),
        (r#"fou:<"200""#, "fou:[* TO 200}"),
        ("end_time:>=2017-01-25T10:00:00+01:00", "end_time:[2017-01-25T10:00:00+01:00 TO *]"),
        ("duration:>60 AND a-b", "duration:>60 AND a-b"),
        (r"a\:b  c", r"a\:b  c"),
        ("start_time:[2017-01-25T10:00:00Z TO *]", "start_time:[2017-01-25T10:00:00Z TO *]"),
        ("(oops", "(oops"),
    ];
    for (typed, sent) in cases {
        assert_eq!(sendable(typed), sent, "{typed}");
        if let Ok(query) = parse(typed) {
            assert_eq!(parse(sent).map(|q| q.without_spans()).ok(), Some(query.without_spans()), "{typed}");
        }
    }
}
