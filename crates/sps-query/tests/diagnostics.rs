//! What the validator says, and that what it tells people to write works.

use sps_query::{check, parse, Diagnostic, DiagnosticKind, Schema, Severity};

fn messages(query: &str, schema: &Schema) -> Vec<String> {
    check(query, schema).into_iter().map(|d| d.message).collect()
}

#[test]
fn a_level_mixing_and_with_or_is_explained() {
    assert_eq!(
        messages("a AND b OR c", Schema::sessions()),
        ["SPS does not give AND precedence over OR: this reads as `a AND b` (`c` filters nothing). For AND before OR, write `(a AND b) OR c`"]
    );
    assert_eq!(
        messages("protocol:ssh OR protocol:telnet AND verdict:DENY", Schema::sessions()),
        ["SPS does not give AND precedence over OR: this reads as `protocol:telnet AND verdict:DENY` (`protocol:ssh` filters nothing). \
          For AND before OR, write `protocol:ssh OR (protocol:telnet AND verdict:DENY)`"]
    );
    assert_eq!(
        messages("a AND b c AND d", Schema::sessions()),
        ["SPS does not give AND precedence over OR: this reads as `a AND b AND c AND d`. For AND before OR, write `(a AND b) OR (c AND d)`"]
    );
    assert_eq!(
        messages("a b AND c d", Schema::sessions()),
        ["SPS does not give AND precedence over OR: this reads as `b AND c` (`a`, `d` filter nothing). For AND before OR, write `a OR (b AND c) OR d`"]
    );
    // A warning, not an error: the query may be applied.
    assert!(check("a AND b OR c", Schema::sessions()).iter().all(|d| d.severity == Severity::Warning));
    // Unambiguous levels say nothing.
    for clean in ["a AND b AND c", "a b c", "(a AND b) OR c", "a AND (b OR c)", "a -b", "a AND NOT b", "+a +b"] {
        assert_eq!(messages(clean, Schema::sessions()), Vec::<String>::new(), "{clean}");
    }
}

#[test]
fn comparisons_on_text_and_without_a_field_say_how_to_search_the_text() {
    let on_text = check("content:<script>", Schema::events());
    assert_eq!(on_text.len(), 1);
    assert_eq!(on_text[0].severity, Severity::Error);
    assert_eq!((on_text[0].span.start, on_text[0].span.end), (8, 9), "at the operator");
    assert_eq!(
        on_text[0].message,
        "`content` is text: SPS does not compare text with `<`; to search for the text, quote it: `content:\"<script>\"`"
    );
    assert_eq!(
        messages(">=10", Schema::sessions()),
        ["a comparison needs a field, as in `duration:>=10`; to search for the text, quote it: `\">=10\"`"]
    );
    assert_eq!(
        messages("duration:>=", Schema::sessions()),
        ["`>=` needs a value to compare with, as in `duration:>=10`; to search for the text, quote it: `\">=\"`"]
    );
    assert_eq!(
        messages(r"user.name:\>5", Schema::sessions()),
        ["a backslash does not stop `>` from comparing at the start of a value; quote the value: `\">5\"`"]
    );
}

#[test]
fn date_advice_and_nested_fields() {
    assert_eq!(
        messages("start_time:abc", Schema::sessions()),
        ["`start_time` is a date: `abc` is not (write e.g. `start_time:2017-01-25`, `start_time:2017-01-25T10:00:00Z` or epoch milliseconds)"]
    );
    assert_eq!(
        messages("a:b:c", Schema::sessions()),
        ["nested fields are not supported: `a:b:c` — quote or escape the value: `a:\"b:c\"` or `a:b\\:c`"]
    );
}

/// Queries that draw every finding whose message suggests a query to write.
const FINDINGS: &[(&str, &str)] = &[
    ("sessions", "start_time:abc"),
    ("sessions", "end_time:[2017 TO yesterday]"),
    ("events", "time:noon"),
    ("sessions", "[1 TO 2]"),
    ("events", "{1 TO 2]"),
    ("sessions", "protocol:>ssh"),
    ("sessions", "user.gateway_username:<=\"b c\""),
    ("events", "content:<script>"),
    ("sessions", ">10"),
    ("events", "<2017-01-25T10:00"),
    ("sessions", "protocol:ssh AND verdict:DENY OR protocol:rdp"),
    ("sessions", "protocol:ssh protocol:rdp AND NOT verdict:DENY"),
    ("events", "type:command OR content:sudo AND content:rm"),
    ("sessions", "user.name:a:b"),
    ("sessions", "user.name:\"x\" AND server.name:db:01:x"),
    ("sessions", "duration:>"),
    ("sessions", "user.name:\\<admin"),
    ("sessions", "protocol:ssh]"),
    ("sessions", "protocol:AND"),
    ("sessions", ":ssh"),
    ("sessions", "protocol:ssh\\"),
    ("sessions", "protocol:ssh^2"),
    ("sessions", "duration:[1 5]"),
];

fn schema_named(name: &str) -> &'static Schema {
    if name == "events" {
        Schema::events()
    } else {
        Schema::sessions()
    }
}

#[test]
fn every_suggested_query_parses_and_a_validator_suggestion_validates_clean() {
    let mut suggested = 0;
    for &(schema_name, query) in FINDINGS {
        let schema = schema_named(schema_name);
        let diagnostics = check(query, schema);
        let with_examples: Vec<&Diagnostic> = diagnostics.iter().filter(|d| !d.kind.examples().is_empty()).collect();
        assert!(!with_examples.is_empty(), "`{query}` draws no suggestion: {diagnostics:?}");
        for diagnostic in with_examples {
            for example in diagnostic.kind.examples() {
                suggested += 1;
                assert!(
                    diagnostic.message.contains(&example),
                    "`{query}`: the message names `{example}`: {}",
                    diagnostic.message
                );
                let parsed =
                    parse(&example).unwrap_or_else(|e| panic!("`{query}` suggests `{example}`, which fails: {e}"));
                if !matches!(diagnostic.kind, DiagnosticKind::Syntax(_)) {
                    let findings = check(&example, schema);
                    assert!(findings.is_empty(), "`{query}` suggests `{example}`, which draws {findings:?}");
                }
                assert!(!parsed.is_empty());
            }
        }
    }
    assert!(suggested >= 25, "{suggested}");
}

#[test]
fn positions_name_the_line_in_multi_line_queries() {
    let diagnostics = check("protocol:ssh AND\n  duration:abc", Schema::sessions());
    assert_eq!(diagnostics[0].position.to_string(), "line 2, column 12");
    let diagnostics = check("protocol:ssh AND duration:abc", Schema::sessions());
    assert_eq!(diagnostics[0].position.to_string(), "column 27");
    let error = parse("protocol:ssh AND\n(verdict:DENY").unwrap_err();
    assert_eq!((error.position.line, error.position.column), (2, 1));
    assert_eq!(error.to_string(), "unclosed parenthesis opened at line 2, column 1");
    assert_eq!(parse("é (a").unwrap_err().to_string(), "unclosed parenthesis opened at column 3");
    let syntax = check("a AND\n\tb:\"x", Schema::sessions());
    assert_eq!(syntax[0].message, "unclosed quote opened at line 2, column 4");
    assert_eq!(syntax[0].position.to_string(), "line 2, column 4");
}
