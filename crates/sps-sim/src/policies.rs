//! Content policies: rules that turn matching events into alerts.
//!
//! SPS lists an event as an alert when a content policy's pattern matches it
//! (`004_…txt`, alerts). The sim's policies watch for the classic risky commands and
//! for card numbers on screen; `matched_regexp` shows each rule's pattern, and the
//! matching itself is a plain substring test that agrees with that pattern on the
//! generated text.

use sps_api::{EventType, SessionAlert, SessionEvent};

/// One rule of a content policy.
struct Rule {
    name: &'static str,
    regexp: &'static str,
    alert_type: &'static str,
    /// Which events the rule reads.
    kinds: &'static [EventType],
    /// Any of these in the event's `content` fires the rule.
    needles: &'static [&'static str],
}

const COMMAND: &[EventType] = &[EventType::Command];
const SCREEN: &[EventType] = &[EventType::ScreenContent];

const RULES: &[Rule] = &[
    Rule {
        name: "PrivilegeEscalation",
        regexp: r"sudo|su -",
        alert_type: "adp.event.command",
        kinds: COMMAND,
        needles: &["sudo", "su -"],
    },
    Rule {
        name: "ShadowFileRead",
        regexp: r"/etc/shadow",
        alert_type: "adp.event.command",
        kinds: COMMAND,
        needles: &["/etc/shadow"],
    },
    Rule {
        name: "RecursiveDelete",
        regexp: r"rm\s+-rf",
        alert_type: "adp.event.command",
        kinds: COMMAND,
        needles: &["rm -rf"],
    },
    Rule {
        name: "DataExfiltration",
        regexp: r"^(scp|wget)\s",
        alert_type: "adp.event.command",
        kinds: COMMAND,
        needles: &["$ scp ", "# scp ", "$ wget ", "# wget "],
    },
    Rule {
        name: "AccountCreated",
        regexp: r"useradd|net user .* /add",
        alert_type: "adp.event.command",
        kinds: &[EventType::Command, EventType::ScreenContent],
        needles: &["useradd", " /add"],
    },
    Rule {
        name: "ServiceRestart",
        regexp: r"systemctl\s+restart",
        alert_type: "adp.event.command",
        kinds: COMMAND,
        needles: &["systemctl restart"],
    },
    Rule {
        name: "CreditCardOnScreen",
        regexp: r"\b4[0-9]{3}( ?[0-9]{4}){3}\b",
        alert_type: "adp.event.screen.creditcard",
        kinds: SCREEN,
        needles: &["4111 1111 1111 1111"],
    },
    Rule {
        name: "MarkupInInput",
        regexp: r"<script|onerror=",
        alert_type: "adp.event.command",
        kinds: &[EventType::Command, EventType::WindowTitle],
        needles: &["<script", "onerror="],
    },
];

/// Rules with hostile names and patterns (the rule name and pattern are shown as text
/// too). They fire only on markers of the hostile corpus (`crate::hostile`), which the
/// regular demo content never contains, so they change nothing without `--hostile`.
const HOSTILE_RULES: &[Rule] = &[
    Rule {
        name: "<img src=x onerror=window.__pwned=1>",
        regexp: r"__pwned|<script",
        alert_type: "adp.event.command",
        kinds: ANY,
        needles: &["__pwned"],
    },
    Rule {
        name: "\u{202e}noitartlifxE\u{200b} <b>evil</b>",
        regexp: r"evil\.invalid",
        alert_type: "<svg onload=window.__pwned=1>",
        kinds: ANY,
        needles: &["evil.invalid"],
    },
    Rule {
        name: "\u{1b}[31mALERT\u{1b}[0m\u{7}\u{0}",
        regexp: r"(j+)+avascript:\1",
        alert_type: "adp.event.command",
        kinds: ANY,
        needles: &["javascript:"],
    },
];

const ANY: &[EventType] = &[
    EventType::Command,
    EventType::WindowTitle,
    EventType::ScreenContent,
    EventType::HttpRequest,
    EventType::FileTransfer,
];

/// The alerts the policies raise on `events`, in event (`record_id`) order: one per
/// event and rule that matches. An alert takes the event's record id, time and channel.
pub fn alerts(events: &[SessionEvent]) -> Vec<SessionAlert> {
    let mut out = Vec::new();
    for event in events {
        for rule in matching_rules(event) {
            let content = event.content.as_deref().unwrap_or_default();
            out.push(SessionAlert {
                alert_type: Some(rule.alert_type.into()),
                channel_id: event.channels_id.map(|c| c.to_string()),
                matched_action: event.action.clone(),
                matched_content: Some(masked(rule, content)),
                matched_regexp: Some(rule.regexp.into()),
                record_id: event.record_id,
                rule_name: Some(rule.name.into()),
                time: event.time,
            });
        }
    }
    out
}

/// The names of the rules that fire on any of `events`, in first-fired order
/// (`analytics.interesting_events`).
pub fn fired_rules<'a>(events: impl IntoIterator<Item = &'a SessionEvent>) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for event in events {
        for rule in matching_rules(event) {
            if !names.contains(&rule.name) {
                names.push(rule.name);
            }
        }
    }
    names
}

fn matching_rules(event: &SessionEvent) -> impl Iterator<Item = &'static Rule> + '_ {
    let (kind, content) = (event.event_type.as_ref(), event.content.as_deref().unwrap_or_default());
    RULES.iter().chain(HOSTILE_RULES).filter(move |rule| {
        kind.is_some_and(|k| rule.kinds.contains(k)) && rule.needles.iter().any(|n| content.contains(n))
    })
}

/// Card numbers are shown masked, as SPS stores them.
fn masked(rule: &Rule, content: &str) -> String {
    if rule.alert_type.ends_with("creditcard") {
        content.replace("4111 1111 1111 1111", "4111 **** **** 1111")
    } else {
        content.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(record_id: u64, line: &str) -> SessionEvent {
        SessionEvent {
            action: line.rsplit_once("$ ").map(|(_, a)| a.to_owned()),
            channels_id: Some(0),
            content: Some(line.into()),
            record_id: Some(record_id),
            time: None,
            event_type: Some(EventType::Command),
        }
    }

    #[test]
    fn risky_commands_raise_alerts_in_order() {
        let events = [
            command(3, "alice@db:~$ ls"),
            command(9, "alice@db:~$ sudo -i"),
            command(12, "root@db:~# cat /etc/shadow"),
        ];
        let found = alerts(&events);
        let rules: Vec<_> = found.iter().map(|a| (a.record_id, a.rule_name.as_deref())).collect();
        assert_eq!(rules, [(Some(9), Some("PrivilegeEscalation")), (Some(12), Some("ShadowFileRead"))]);
        assert_eq!(found[0].matched_action.as_deref(), Some("sudo -i"));
        assert_eq!(found[0].channel_id.as_deref(), Some("0"));
        assert_eq!(fired_rules(&events), ["PrivilegeEscalation", "ShadowFileRead"]);
    }

    #[test]
    fn card_numbers_are_masked() {
        let screen = SessionEvent {
            content: Some("Card number: 4111 1111 1111 1111".into()),
            event_type: Some(EventType::ScreenContent),
            ..SessionEvent::default()
        };
        let found = alerts(&[screen]);
        assert_eq!(found[0].alert_type.as_deref(), Some("adp.event.screen.creditcard"));
        assert_eq!(found[0].matched_content.as_deref(), Some("Card number: 4111 **** **** 1111"));
    }
}
