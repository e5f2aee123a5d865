//! Runs the table-driven corpus in `data/corpus.txt` (format described at its top).

use sps_query::{check, parse, Schema};

const CORPUS: &str = include_str!("data/corpus.txt");

fn unempty(text: &str) -> &str {
    if text == "<empty>" {
        ""
    } else {
        text
    }
}

/// The variant name of a `Debug`-printed enum value.
fn variant<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}").chars().take_while(|c| c.is_alphanumeric()).collect()
}

fn check_ok(query: &str, canonical: &str) -> Result<(), String> {
    let parsed = parse(query).map_err(|e| format!("expected to parse, got {e} at {:?}", e.span))?;
    let printed = parsed.print();
    if printed != canonical {
        return Err(format!("printed as `{printed}`, expected `{canonical}`"));
    }
    let reparsed = parse(&printed).map_err(|e| format!("canonical `{printed}` does not parse: {e}"))?;
    if reparsed.without_spans() != parsed.without_spans() {
        return Err(format!("canonical `{printed}` parses to a different tree:\n{reparsed:?}\nvs\n{parsed:?}"));
    }
    if reparsed.print() != printed {
        return Err(format!("printing is not stable: `{printed}` → `{}`", reparsed.print()));
    }
    Ok(())
}

fn check_err(query: &str, expected: &str) -> Result<(), String> {
    let error = match parse(query) {
        Ok(q) => return Err(format!("expected an error, parsed as `{q}`")),
        Err(e) => e,
    };
    let got = format!("{} {}..{}", variant(&error.kind), error.span.start, error.span.end);
    if got != expected {
        return Err(format!("got `{got}` ({error}), expected `{expected}`"));
    }
    Ok(())
}

fn check_diag(schema: &str, query: &str, expected: &str) -> Result<(), String> {
    let schema = match schema {
        "sessions" => Schema::sessions(),
        "events" => Schema::events(),
        other => return Err(format!("unknown schema `{other}`")),
    };
    let diagnostics = check(query, schema);
    let got: Vec<String> =
        diagnostics.iter().map(|d| format!("{}@{}..{}", variant(&d.kind), d.span.start, d.span.end)).collect();
    let got = if got.is_empty() { "-".to_owned() } else { got.join(", ") };
    if got != expected {
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        return Err(format!("got `{got}` {messages:?}, expected `{expected}`"));
    }
    Ok(())
}

#[test]
fn corpus() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for (number, line) in CORPUS.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((head, expected)) = line.rsplit_once(" => ") else {
            failures.push(format!("line {}: no ` => `", number + 1));
            continue;
        };
        let (keyword, rest) = head.split_once(' ').unwrap_or((head, ""));
        let outcome = match keyword {
            "ok" => check_ok(unempty(rest), unempty(expected)),
            "err" => check_err(rest, expected),
            "diag" => {
                let (schema, query) = rest.split_once(' ').unwrap_or((rest, ""));
                check_diag(schema, query, expected)
            }
            other => Err(format!("unknown keyword `{other}`")),
        };
        cases += 1;
        if let Err(why) = outcome {
            failures.push(format!("line {}: `{head}`: {why}", number + 1));
        }
    }
    assert!(cases >= 150, "the corpus should hold at least 150 cases, has {cases}");
    assert!(failures.is_empty(), "{} of {cases} corpus cases failed:\n{}", failures.len(), failures.join("\n"));
}
