// Every entry point on arbitrary text: no panic, and printing round-trips whatever
// parses. Included by the fuzz target (`query.rs`) and by `tests/fuzz_corpus.rs`, which
// replays the committed corpus on stable.

fn exercise(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let record = serde_json::json!({
        "content": "root@host:~# rm -rf /tmp", "channels_id": "5", "time": "2017-04-11T09:21:10.832",
        "type": "command", "protocol": "ssh", "duration": 12, "user": {"gateway_username": ["a", "b"]}
    });
    let parsed = parse(input);
    for schema in [Schema::sessions(), Schema::events()] {
        let _ = check(input, schema);
        if let Ok(query) = &parsed {
            let _ = query.matches(&record, schema);
        }
        // Completion at the start, the end, and a byte offset the input chooses (which
        // may fall inside a character).
        let chosen = data.first().map_or(0, |b| usize::from(*b) % (input.len() + 2));
        for cursor in [0, input.len(), chosen] {
            let _ = complete(input, cursor, schema);
        }
    }
    match parsed {
        Ok(query) => {
            let printed = query.print();
            let reparsed = parse(&printed).unwrap_or_else(|e| panic!("{input:?} printed as {printed:?}, which fails: {e}"));
            assert_eq!(reparsed.without_spans(), query.without_spans(), "{input:?} printed as {printed:?}");
            assert_eq!(reparsed.print(), printed, "printing {input:?} is not stable");
        }
        Err(error) => {
            assert!(error.span.start <= error.span.end && error.span.end <= input.len(), "{input:?}: {error:?}");
            assert!(input.is_char_boundary(error.span.start) && input.is_char_boundary(error.span.end));
        }
    }
}
