//! Completion at the cursor: sps-query's candidates (fields, operators, documented
//! values), topped up with the values the server sees most for text fields, and
//! applied to the text as one edit.

use sps_query::{
    complete, escape_value, Candidate, CandidateKind, Completion, Expected, FieldType, KnownValues, Schema, Span,
};

/// The most candidates shown at once; the list filters as the user types.
pub const MAX_CANDIDATES: usize = 50;

/// The detail of values the server sees most in the current time range.
pub const FREQUENT: &str = "frequent";

/// The field whose top values the server should be asked for at this completion: a
/// text field the schema does not list every value of.
pub fn server_field(completion: &Completion, schema: &Schema) -> Option<&'static str> {
    let Expected::Value { field } = &completion.expected else { return None };
    let def = schema.field(field)?;
    let listed = matches!(def.values, KnownValues::OneOf(_));
    (def.ty == FieldType::Text && !listed).then_some(def.name)
}

/// The candidates to show at `cursor`: sps-query's, with the server's `top_values` for
/// the field first (filtered by what is typed, escaped on insertion), without
/// duplicates, without candidates that would change nothing, and at most
/// [`MAX_CANDIDATES`].
pub fn candidates(text: &str, cursor: usize, schema: &Schema, top_values: &[String]) -> Completion {
    merge(text, cursor, complete(text, cursor, schema), schema, top_values)
}

/// [`candidates`] from an already computed [`complete`] at the same cursor.
pub fn merge(
    text: &str,
    cursor: usize,
    mut completion: Completion,
    schema: &Schema,
    top_values: &[String],
) -> Completion {
    let typed = typed_prefix(text, completion.replace, cursor);
    let current = completion.replace.text(text).to_owned();
    if server_field(&completion, schema).is_some() && !top_values.is_empty() {
        let wanted = typed.to_lowercase();
        let mut merged: Vec<Candidate> = top_values
            .iter()
            .filter(|v| v.to_lowercase().starts_with(&wanted))
            .map(|v| Candidate {
                kind: CandidateKind::Value,
                label: v.clone(),
                insert: escape_value(v),
                detail: FREQUENT.to_owned(),
                description: String::new(),
            })
            .collect();
        // A documented value the server also sent, in whatever letter case, is listed once.
        merged.extend(
            completion.candidates.drain(..).filter(|c| !top_values.iter().any(|v| v.eq_ignore_ascii_case(&c.label))),
        );
        completion.candidates = merged;
    }
    // Matching ignores case, so `SSH` after `protocol:ssh` would change nothing either.
    completion.candidates.retain(|c| !c.insert.trim_end().eq_ignore_ascii_case(&current) && !c.insert.is_empty());
    completion.candidates.truncate(MAX_CANDIDATES);
    completion
}

/// What has been typed of the word being completed, up to the cursor: quotes and
/// escapes removed.
pub fn typed_prefix(text: &str, replace: Span, cursor: usize) -> String {
    let raw = text.get(replace.start..cursor.max(replace.start)).unwrap_or("");
    let raw = raw.strip_prefix('"').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// `text` with `replace` swapped for `insert`, and the byte offset just after it
/// (where the cursor goes).
pub fn accept(text: &str, replace: Span, insert: &str) -> (String, usize) {
    let start = replace.start.min(text.len());
    let end = replace.end.clamp(start, text.len());
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return (text.to_owned(), text.len());
    };
    (format!("{before}{insert}{after}"), start + insert.len())
}

/// A stable DOM id for a candidate's option (`prefix-option-` and its kind and label
/// in hex): it follows the candidate when the list filters, and holds only characters
/// an id may have.
pub fn option_id(prefix: &str, candidate: &Candidate) -> String {
    let kind = match candidate.kind {
        CandidateKind::Field => 'f',
        CandidateKind::Value => 'v',
        CandidateKind::Operator => 'o',
    };
    let hex: String = candidate.label.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-option-{kind}{hex}")
}

/// Whether accepting this candidate leaves the user typing a value next (a field), so
/// the list should reopen.
pub fn continues(candidate: &Candidate) -> bool {
    candidate.kind == CandidateKind::Field && candidate.insert.ends_with(':')
}

/// The option the arrow keys move to from `active` in a list of `count`: down from
/// nothing is the first, up from nothing the last, and both wrap around.
pub fn step(active: Option<usize>, count: usize, down: bool) -> Option<usize> {
    let last = count.checked_sub(1)?;
    Some(match (active, down) {
        (None, true) => 0,
        (None, false) => last,
        (Some(i), true) if i >= last => 0,
        (Some(i), true) => i + 1,
        (Some(0), false) => last,
        (Some(i), false) => (i - 1).min(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(completion: &Completion) -> Vec<&str> {
        completion.candidates.iter().map(|c| c.label.as_str()).collect()
    }

    #[test]
    fn fields_with_type_and_description() {
        let completion = candidates("proto", 5, Schema::sessions(), &[]);
        assert_eq!(labels(&completion), ["protocol"]);
        let field = &completion.candidates[0];
        assert_eq!((field.insert.as_str(), field.detail.as_str()), ("protocol:", "text"));
        assert!(field.description.starts_with("Protocol"));
        assert!(continues(field));
    }

    #[test]
    fn server_values_come_first_escaped_and_filtered() {
        let top = vec!["ssh".to_owned(), "RDP".to_owned(), "weird value".to_owned()];
        let completion = candidates("protocol:", 9, Schema::sessions(), &top);
        let shown = labels(&completion);
        assert_eq!(&shown[..3], ["ssh", "RDP", "weird value"]);
        assert!(shown.contains(&"TELNET"), "schema values follow: {shown:?}");
        let ssh = shown.iter().filter(|l| l.eq_ignore_ascii_case("ssh")).count();
        assert_eq!(ssh, 1, "no duplicates, whatever the letter case: {shown:?}");
        assert_eq!(completion.candidates[2].insert, r"weird\ value");
        assert_eq!(completion.candidates[0].detail, FREQUENT);

        let typed = candidates("protocol:w", 10, Schema::sessions(), &top);
        assert_eq!(labels(&typed), ["weird value"]);
        let (text, cursor) = accept("protocol:w", typed.replace, &typed.candidates[0].insert);
        assert_eq!((text.as_str(), cursor), (r"protocol:weird\ value", 21));
    }

    #[test]
    fn server_values_only_for_open_text_fields() {
        let top = vec!["x".to_owned()];
        assert_eq!(
            server_field(&complete("user.name:", 10, Schema::sessions()), Schema::sessions()),
            Some("user.name")
        );
        assert_eq!(
            server_field(&complete("psm.verdict:", 12, Schema::sessions()), Schema::sessions()),
            Some("recording.verdict")
        );
        assert_eq!(server_field(&complete("active:", 7, Schema::sessions()), Schema::sessions()), None);
        assert_eq!(server_field(&complete("type:", 5, Schema::events()), Schema::events()), None);
        assert_eq!(server_field(&complete("prot", 4, Schema::sessions()), Schema::sessions()), None);
        assert_eq!(labels(&candidates("active:", 7, Schema::sessions(), &top)), ["true", "false"]);
        assert_eq!(labels(&candidates("type:file", 9, Schema::events(), &top)), ["file_transfer"]);
    }

    #[test]
    fn candidates_that_change_nothing_are_dropped() {
        assert!(candidates("protocol:ssh", 12, Schema::sessions(), &[]).candidates.is_empty());
        assert!(candidates("protocol:SSH", 12, Schema::sessions(), &[]).candidates.is_empty());
        assert!(candidates("active:true", 11, Schema::sessions(), &[]).candidates.is_empty());
    }

    #[test]
    fn accepting_replaces_the_word_only() {
        assert_eq!(accept("a AND prot OR b", Span::new(6, 10), "protocol:"), ("a AND protocol: OR b".to_owned(), 15));
        assert_eq!(accept("", Span::at(0), "AND "), ("AND ".to_owned(), 4));
        assert_eq!(accept("ab", Span::new(5, 9), "x"), ("abx".to_owned(), 3), "out-of-range spans clamp");
    }

    #[test]
    fn option_ids_are_stable_and_plain() {
        let fields = candidates("user.", 5, Schema::sessions(), &[]);
        let narrowed = candidates("user.na", 7, Schema::sessions(), &[]);
        let id =
            |c: &Completion, label: &str| c.candidates.iter().find(|x| x.label == label).map(|x| option_id("query", x));
        assert_eq!(id(&fields, "user.name"), id(&narrowed, "user.name"));
        let odd = Candidate {
            kind: CandidateKind::Value,
            label: "a b\"".into(),
            insert: String::new(),
            detail: String::new(),
            description: String::new(),
        };
        assert_eq!(option_id("q", &odd), "q-option-v61206222");
    }

    #[test]
    fn arrows_wrap() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(2));
        assert_eq!(step(Some(2), 3, true), Some(0));
        assert_eq!(step(Some(0), 3, false), Some(2));
        assert_eq!(step(Some(1), 3, false), Some(0));
        assert_eq!(step(Some(7), 3, false), Some(2), "a stale index from a longer list");
        assert_eq!(step(Some(0), 0, true), None);
    }

    #[test]
    fn typed_prefix_unescapes() {
        assert_eq!(typed_prefix(r#"a:"db 0"#, Span::new(2, 7), 7), "db 0");
        assert_eq!(typed_prefix(r"a:x\ y", Span::new(2, 6), 6), "x y");
        assert_eq!(typed_prefix("abc", Span::new(0, 3), 1), "a");
    }
}
