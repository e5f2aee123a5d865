//! The hostile corpus (`--hostile`): recorded text that a careless renderer would run,
//! garble or let break the layout, placed in every field the dashboard shows.
//!
//! The payloads live in `data/hostile.json`, which the end-to-end test
//! (`tests/e2e/specs/hostile.spec.mjs`) reads too. Grouped by `kind`: script tags,
//! event handlers, `javascript:`/`data:` URLs, SVG and MathML, CSS, template and
//! formula injection, ANSI and control sequences, bidi overrides, zero-width and
//! other invisible characters, mixed scripts, combining marks, long lines (up to
//! 1 MB) and invalid UTF-8. Payloads that would execute set `window.__pwned` or ask
//! `evil.invalid` for something.
//!
//! JSON cannot carry invalid UTF-8, so those payloads are raw bytes decoded lossily
//! (each bad sequence becomes U+FFFD), which is what a server has to send.

use std::sync::LazyLock;

use serde::Deserialize;
use serde_json::Value;
use sps_api::{EventType, SessionEvent};

/// Payloads longer than this stay out of session properties (indexed as keywords) and
/// go only into the events of [`CORPUS_SESSION_ID`].
pub const MAX_PROPERTY_BYTES: usize = 4096;

/// The id of the session (present with `--hostile`) whose events are the whole corpus.
pub const CORPUS_SESSION_ID: &str = "hostile-corpus";

/// One payload as written in the file.
#[derive(Debug, Deserialize)]
struct Entry {
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    repeat: String,
    #[serde(default)]
    times: usize,
    #[serde(default)]
    bytes_hex: Option<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    payloads: Vec<Entry>,
}

/// A payload ready to place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// Its group, e.g. `script`, `bidi`, `long`.
    pub kind: String,
    /// The text as the server sends it.
    pub text: String,
}

static CORPUS: LazyLock<Vec<Payload>> = LazyLock::new(|| {
    // The file is part of the binary and checked by the tests below.
    let file: File = serde_json::from_str(include_str!("../data/hostile.json")).expect("data/hostile.json is valid");
    file.payloads.into_iter().map(Payload::from).collect()
});

static SHORT: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| CORPUS.iter().map(|p| p.text.as_str()).filter(|t| t.len() <= MAX_PROPERTY_BYTES).collect());

impl From<Entry> for Payload {
    fn from(e: Entry) -> Self {
        let text = match &e.bytes_hex {
            Some(hex) => String::from_utf8_lossy(&hex_bytes(hex)).into_owned(),
            None => format!("{}{}", e.text, e.repeat.repeat(e.times)),
        };
        Payload { kind: e.kind, text }
    }
}

/// `"ff 41"` → `[0xff, 0x41]`; what is not a hex pair is skipped.
fn hex_bytes(hex: &str) -> Vec<u8> {
    hex.split_whitespace().filter_map(|pair| u8::from_str_radix(pair, 16).ok()).collect()
}

/// Every payload, in file order.
pub fn corpus() -> &'static [Payload] {
    &CORPUS
}

/// The payloads short enough for session properties.
pub fn short() -> &'static [&'static str] {
    &SHORT
}

/// The session properties the dashboard shows as text (tables, details, top-N labels).
const PROPERTIES: &[&str] = &[
    "protocol",
    "user.gateway_username",
    "user.gateway_username_domain",
    "user.server_username",
    "user.server_username_domain",
    "user.name",
    "user.name_domain",
    "user.id",
    "client.ip",
    "client.name",
    "client.port",
    "server.address",
    "server.ip",
    "server.name",
    "server.port",
    "recording.auth_method",
    "recording.channel_policy",
    "recording.connection_policy",
    "recording.connection_policy_id",
    "recording.deny_reason",
    "recording.session_id",
    "recording.target.ip",
    "recording.target.name",
    "recording.target.port",
    "origin",
    "node_id",
];

/// Replaces the text properties of session number `n` with short payloads (each
/// property a different one; over the sessions every payload turns up in each), and
/// adds two payloads to its tags.
pub fn dress(body: &mut Value, n: u64) {
    let short = short();
    let pick = |k: usize| short[(n as usize).wrapping_mul(7).wrapping_add(k * 13) % short.len()];
    for (k, path) in PROPERTIES.iter().enumerate() {
        let mut node = &mut *body;
        for key in path.split('.') {
            node = &mut node[key];
        }
        // `server_username` is a list on appliances, hostile or not.
        *node = if *path == "user.server_username" { Value::from(vec![pick(k)]) } else { Value::from(pick(k)) };
    }
    if let Some(tags) = body.get_mut("analytics").and_then(|a| a.get_mut("tags")).and_then(Value::as_array_mut) {
        tags.extend([pick(PROPERTIES.len()), pick(PROPERTIES.len() + 1)].map(Value::from));
    }
}

/// Each payload as each kind of recorded event, record ids from 1, no times (the
/// generator sets them).
pub fn corpus_events() -> Vec<SessionEvent> {
    const KINDS: [EventType; 5] = [
        EventType::Command,
        EventType::WindowTitle,
        EventType::ScreenContent,
        EventType::HttpRequest,
        EventType::FileTransfer,
    ];
    corpus()
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let kind = KINDS[n % KINDS.len()].clone();
            let content =
                if kind == EventType::Command { format!("root@jump-01:~# {}", p.text) } else { p.text.clone() };
            SessionEvent {
                action: Some(p.text.clone()),
                channels_id: Some(0),
                content: Some(content),
                record_id: Some(n as u64 + 1),
                time: None,
                event_type: Some(kind),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_complete() {
        let kinds: std::collections::HashSet<&str> = corpus().iter().map(|p| p.kind.as_str()).collect();
        assert!(corpus().len() >= 50, "{} payloads", corpus().len());
        for kind in ["script", "handler", "url", "svg", "css", "ansi", "control", "bidi", "invisible", "long", "utf8"] {
            assert!(kinds.contains(kind), "no {kind} payload");
        }
        assert!(corpus().iter().any(|p| p.text.len() >= 1 << 20), "a 1 MB line");
        assert!(short().len() >= 50, "{} short payloads", short().len());
    }

    #[test]
    fn invalid_utf8_arrives_replaced() {
        let utf8: Vec<&Payload> = corpus().iter().filter(|p| p.kind == "utf8").collect();
        assert!(!utf8.is_empty() && utf8.iter().all(|p| p.text.contains('\u{fffd}')));
        assert_eq!(
            corpus().iter().find(|p| p.kind == "utf8").map(|p| p.text.as_str()),
            Some("\u{fffd}\u{fffd}A\u{fffd}\u{fffd}B\u{fffd}(C")
        );
    }

    #[test]
    fn dressing_replaces_every_text_property() {
        let mut body = serde_json::json!({"protocol": "ssh", "user": {}, "analytics": {"tags": ["pci"]}});
        dress(&mut body, 3);
        for path in PROPERTIES {
            let value = path.split('.').try_fold(&body, |v, k| v.get(k));
            let value = value.and_then(|v| v.as_str().or_else(|| v.get(0)?.as_str()));
            assert!(value.is_some_and(|v| short().contains(&v)), "{path}: {value:?}");
        }
        assert_eq!(body["analytics"]["tags"].as_array().map(Vec::len), Some(3));
    }
}
