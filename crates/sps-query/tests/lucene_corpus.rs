//! Real-world Lucene and Elasticsearch queries (`data/lucene_queries.txt`): none makes
//! any entry point panic; every error has a position inside the text; everything that
//! parses prints to text that parses back to the same tree, prints the same again, and
//! means the tree under Lucene's classic reading (and the two others the printing rule
//! covers), checked by the independent reader in `common`; and the text sent for it
//! ([`sendable`]) means the same.

mod common;

use common::{same_meaning, READINGS};
use serde_json::json;
use sps_query::{check, complete, highlight, parse, sendable, Schema};

const QUERIES: &str = include_str!("data/lucene_queries.txt");

/// The queries of the file, escapes of `esc:` lines applied.
fn queries() -> Vec<String> {
    QUERIES
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| match line.strip_prefix("esc:") {
            Some(escaped) => unescape(escaped),
            None if line == "<empty>" => String::new(),
            None => line.to_owned(),
        })
        .collect()
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let code: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.extend(u32::from_str_radix(&code, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Everything but the meaning: no panic anywhere, spans and positions inside the text.
fn exercise(query: &str) -> Result<(), String> {
    let record = json!({"content": "root@host:~# rm -rf /", "title": "foo bar", "duration": 12, "start_time": "2017-01-25T10:00:00Z"});
    for schema in [Schema::sessions(), Schema::events()] {
        for diagnostic in check(query, schema) {
            let span = diagnostic.span;
            if span.end > query.len() || !query.is_char_boundary(span.start) || !query.is_char_boundary(span.end) {
                return Err(format!("diagnostic outside the text: {diagnostic:?}"));
            }
            if diagnostic.position != span.position(query) || diagnostic.message.is_empty() {
                return Err(format!("diagnostic without its position or message: {diagnostic:?}"));
            }
        }
        for (cursor, _) in query.char_indices().chain([(query.len(), ' ')]) {
            let completion = complete(query, cursor, schema);
            if completion.replace.end > query.len() {
                return Err(format!("completion at {cursor} replaces past the end: {completion:?}"));
            }
        }
        if let Ok(parsed) = parse(query) {
            let _ = parsed.matches(&record, schema);
        }
    }
    let mut last = 0;
    for piece in highlight(query) {
        if piece.span.start < last || piece.span.end > query.len() {
            return Err(format!("highlight out of order: {piece:?}"));
        }
        last = piece.span.end;
    }
    Ok(())
}

/// Parse, print, parse again: the same tree, the same text, the same meaning.
fn round_trip(query: &str) -> Result<bool, String> {
    let parsed = match parse(query) {
        Ok(parsed) => parsed,
        Err(error) => {
            let span = error.span;
            if span.start > span.end
                || span.end > query.len()
                || !query.is_char_boundary(span.start)
                || !query.is_char_boundary(span.end)
            {
                return Err(format!("error outside the text: {error:?}"));
            }
            if error.position != span.position(query) || error.position.multiline != query.contains('\n') {
                return Err(format!("error without its line and column: {error:?}"));
            }
            return Ok(false);
        }
    };
    let printed = parsed.print();
    let reparsed = parse(&printed).map_err(|e| format!("printed as `{printed}`, which fails: {e}"))?;
    if reparsed.without_spans() != parsed.without_spans() {
        return Err(format!("printed as `{printed}`, which parses to another tree"));
    }
    if reparsed.print() != printed {
        return Err(format!("printing is not stable: `{printed}` → `{}`", reparsed.print()));
    }
    if let Some(root) = parsed.root() {
        for reading in READINGS {
            same_meaning(root, &printed, reading)?;
        }
    }
    let sent = sendable(query);
    if parse(&sent).map(|q| q.without_spans()).ok() != Some(parsed.without_spans()) {
        return Err(format!("sent as `{sent}`, which means something else"));
    }
    Ok(true)
}

#[test]
fn real_world_queries_never_panic_and_keep_their_meaning() {
    let queries = queries();
    let mut failures = Vec::new();
    let mut parsed = 0;
    for query in &queries {
        let outcome = std::panic::catch_unwind(|| exercise(query).and_then(|()| round_trip(query)));
        match outcome {
            Ok(Ok(true)) => parsed += 1,
            Ok(Ok(false)) => {}
            Ok(Err(why)) => failures.push(format!("{query:?}: {why}")),
            Err(_) => failures.push(format!("{query:?}: panicked")),
        }
    }
    assert!(queries.len() >= 300, "the corpus should hold at least 300 queries, has {}", queries.len());
    assert!(failures.is_empty(), "{} of {} queries failed:\n{}", failures.len(), queries.len(), failures.join("\n"));
    let errors = queries.len() - parsed;
    assert!(parsed >= 250 && errors >= 60, "{parsed} parse, {errors} are errors: the corpus should exercise both");
}
