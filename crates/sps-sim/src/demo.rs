//! A seeded generator of realistic recorded sessions.
//!
//! The same parameters always give the same sessions and events, so demos,
//! screenshots and tests are repeatable, and an index built once can be reused.
//! Shares follow a typical estate: mostly SSH and RDP, weighted users and servers, a
//! working-hours rhythm, a few denied connections and a few sessions still active.
//! Accepted sessions are indexed and have events (a few to a few hundred, see
//! [`crate::events`]); content policies turn the risky ones into alerts, whose rule
//! names the session lists in `analytics.interesting_events`.
//!
//! Three sessions are always there (with at least three sessions): [`HUGE_SESSION_ID`],
//! a scripted SSH session with exactly [`HUGE_SESSION_EVENTS`] events (tag `huge`),
//! for paging and virtual scrolling; [`ODD_SESSION_ID`], whose id needs
//! percent-encoding in a URL path; and [`ON_CALL_SESSION_ID`], active at `now`
//! whatever the hour.
//!
//! The bodies have the shapes a real appliance sends (README "Real appliance shapes"),
//! so every test layer meets them: protocols in upper case (`SSH`), verdicts that
//! include `AUTH_FAIL` and `TERMINATED`, `user.server_username` always a list (two
//! names where the user switched), ports as numbers, some counts as numeric strings,
//! sessions without `analytics` (every one SPS did not record, and some others), and
//! properties the reference pages do not list (`recording.command_extracted`,
//! `server.id`, `trail_download_link`). The odd shapes are chosen from the session's
//! trail number, not from further random draws, so the rest of the data stays put.
//!
//! With [`DemoSpec::hostile`] every text property of every session is a payload of the
//! hostile corpus ([`crate::hostile`]), half the events are too, and one more session,
//! [`CORPUS_SESSION_ID`] (instead of a random one), has the whole corpus as its events.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};
use fastrand::Rng;
use serde_json::{json, Value};
use sps_api::{SessionEvent, Timestamp};

use crate::error::SimResult;
use crate::events::{EventContext, EventSource};
use crate::hostile::{self, CORPUS_SESSION_ID};
use crate::index::SessionDocument;
use crate::policies;
use crate::session::Session;
use crate::store::SessionStore;

/// Changes whenever the generator's output changes, so an index built by an older
/// generator is not reused.
pub const GENERATOR_VERSION: u32 = 4;

/// The id of the session with exactly [`HUGE_SESSION_EVENTS`] events.
pub const HUGE_SESSION_ID: &str = "huge-session-100000-events";
/// The id of the session that is active whatever the hour.
pub const ON_CALL_SESSION_ID: &str = "on-call-session-active";
/// How many events the huge session has.
pub const HUGE_SESSION_EVENTS: u32 = 100_000;
/// The id of a session that only works in a URL when percent-encoded.
pub const ODD_SESSION_ID: &str = "svc/odd id#1?&=%ü";

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSpec {
    /// Number of sessions.
    pub sessions: usize,
    /// Random seed.
    pub seed: u64,
    /// Sessions start within this many days before `now`.
    pub days: u32,
    /// The end of the generated period; sessions running past it are active.
    pub now: DateTime<Utc>,
    /// Hostile text in every displayed field (`--hostile`).
    pub hostile: bool,
}

/// Protocols as appliances write them, with their share (per mille), server port and
/// mean duration in minutes.
const PROTOCOLS: &[(&str, u32, u16, f64)] = &[
    ("SSH", 460, 22, 25.0),
    ("RDP", 260, 3389, 55.0),
    ("HTTP", 110, 443, 6.0),
    ("TELNET", 60, 23, 12.0),
    ("VNC", 60, 5900, 30.0),
    ("ICA", 50, 1494, 45.0),
];

/// Gateway users, most active first; the odd names at the end are rare, so top-N
/// charts stay readable while the dashboard still meets them.
const GATEWAY_USERS: &[&str] = &[
    "alice",
    "bob",
    "carol",
    "dave",
    "erin",
    "frank",
    "grace",
    "heidi",
    "ivan",
    "judy",
    "mallory",
    "niaj",
    "olivia",
    "peggy",
    "rupert",
    "sybil",
    "trent",
    "victor",
    "walter",
    "x.zhang",
    "y.tanaka",
    "z.kowalski",
    "svc-backup",
    "svc-deploy",
    "admin.ops",
    "j.smith",
    "m.garcia",
    "a.nguyen",
    "l.müller",
    "s.øberg",
    "андрей.п",
    "李伟",
    "o'brien",
    "<img src=x onerror=alert(1)>",
];

const SERVER_USERS: &[(&str, &str)] = &[
    ("SSH", "root"),
    ("SSH", "oracle"),
    ("SSH", "postgres"),
    ("SSH", "deploy"),
    ("SSH", "ec2-user"),
    ("RDP", "Administrator"),
    ("RDP", "svc_sql"),
    ("HTTP", "admin"),
    ("TELNET", "cisco"),
    ("VNC", "operator"),
    ("ICA", "citrix.admin"),
];

const SERVER_ROLES: &[&str] = &[
    "db-prod", "db-stage", "web-prod", "app-prod", "dc", "jump", "backup", "fw", "core-sw", "k8s-node", "erp",
    "hr-app", "payroll", "mail", "log",
];

/// Verdicts with their share (per mille): the reference pages' and those of One
/// Identity's Power BI connector's test data.
const VERDICTS: &[(&str, u32)] = &[("ACCEPT", 900), ("TERMINATED", 25), ("AUTH_FAIL", 40), ("DENY", 20), ("FAIL", 15)];

/// Whether SPS recorded a session with this verdict (a terminated one until the end).
fn recorded(verdict: &str) -> bool {
    matches!(verdict, "ACCEPT" | "TERMINATED")
}

const AUTH_METHODS: &[&str] = &["password", "publickey", "keyboard-interactive", "kerberos", "certificate"];

const TAGS: &[&str] = &["privileged", "after-hours", "first-seen-host", "bulk-transfer", "sudo", "pci"];

/// Makes one of the sessions that are always there (from the rng, the spec and the
/// number of servers), as [`Draft::random`] makes the others.
type Special = fn(&mut Rng, &DemoSpec, usize) -> Draft;

/// The sessions of `spec` with their content, in start order, generated one at a time
/// (a million sessions never sit in memory as documents at once).
pub fn documents(spec: &DemoSpec) -> impl Iterator<Item = SessionDocument> + '_ {
    let mut rng = Rng::with_seed(spec.seed);
    let servers = server_inventory(&mut rng);
    let mut specials: Vec<Special> = Vec::new();
    if spec.sessions >= 3 {
        specials.extend([Draft::huge, Draft::odd, Draft::on_call]);
    }
    if spec.hostile && spec.sessions >= 4 {
        specials.push(Draft::corpus);
    }
    let random = spec.sessions - specials.len();
    let mut drafts: Vec<Draft> = (0..random).map(|_| Draft::random(&mut rng, spec, servers.len())).collect();
    drafts.extend(specials.into_iter().map(|special| special(&mut rng, spec, servers.len())));
    drafts.sort_by_key(|d| d.start);
    drafts.into_iter().enumerate().map(move |(n, draft)| draft.into_document(n as u64 + 1, spec, &servers))
}

/// The sessions of `spec` (without their content).
pub fn generate(spec: &DemoSpec) -> Vec<Session> {
    documents(spec).map(|d| d.session).collect()
}

/// The sessions of `spec` indexed in memory, with `spec.now` as the store's "now".
pub fn store(spec: &DemoSpec) -> SimResult<SessionStore> {
    let index = crate::index::SessionIndex::in_memory(documents(spec), spec.now)?;
    Ok(SessionStore::new(index))
}

struct Server {
    name: String,
    ip: String,
}

fn server_inventory(rng: &mut Rng) -> Vec<Server> {
    let mut servers = Vec::new();
    for (r, role) in SERVER_ROLES.iter().enumerate() {
        for n in 1..=rng.u32(2..=5) {
            let site = ["fra", "ams", "nyc"][rng.usize(..3)];
            servers.push(Server {
                name: format!("{role}-{n:02}.{site}.corp.example"),
                ip: format!("10.{}.{}.{}", 10 + r, rng.u8(0..8), 10 + n),
            });
        }
    }
    // One odd name at the tail of the (Zipf-weighted) inventory: rare, but there.
    servers.push(Server { name: "legacy app (old) — do not use".into(), ip: "10.99.0.7".into() });
    servers
}

/// Picks an index with probability proportional to its weight.
fn pick_weighted(rng: &mut Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.u32(0..total.max(1));
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn zipf_index(rng: &mut Rng, len: usize) -> usize {
    // P(i) ∝ 1 / (i + 2): a few heavy users and a long tail.
    let weights: Vec<u32> = (0..len).map(|i| (10_000 / (i + 2)) as u32).collect();
    pick_weighted(rng, &weights)
}

/// Working hours on weekdays are busiest; nights and weekends are quiet.
fn activity(t: DateTime<Utc>) -> f64 {
    let weekend = matches!(t.weekday(), Weekday::Sat | Weekday::Sun);
    let hour = match t.hour() {
        8..=17 => 1.0,
        6 | 7 | 18..=21 => 0.45,
        _ => 0.12,
    };
    if weekend {
        hour * 0.3
    } else {
        hour
    }
}

fn start_time(rng: &mut Rng, spec: &DemoSpec) -> DateTime<Utc> {
    let span = i64::from(spec.days.max(1)) * 86_400_000;
    loop {
        let t = spec.now - Duration::milliseconds(rng.i64(0..span));
        if rng.f64() < activity(t) {
            return t;
        }
    }
}

fn session_id(rng: &mut Rng) -> String {
    const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    (0..22).map(|_| BASE58[rng.usize(..BASE58.len())] as char).collect()
}

/// A session before its body is written: small, so that a million of them sort in
/// memory before they are written out in start order.
struct Draft {
    id: String,
    protocol: usize,
    verdict: usize,
    user: usize,
    server: usize,
    server_user: &'static str,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    auth: usize,
    client: (u8, u8, u16, u16),
    node: u8,
    trail: u32,
    score: u8,
    tags: Vec<&'static str>,
    event_seed: u64,
    event_count: u32,
    /// The events are the hostile corpus.
    corpus: bool,
}

impl Draft {
    fn random(rng: &mut Rng, spec: &DemoSpec, servers: usize) -> Self {
        let protocol = pick_weighted(rng, &PROTOCOLS.iter().map(|p| p.1).collect::<Vec<_>>());
        let verdict = pick_weighted(rng, &VERDICTS.iter().map(|v| v.1).collect::<Vec<_>>());
        let user = zipf_index(rng, GATEWAY_USERS.len());
        let server = zipf_index(rng, servers);
        let (name, _, _, mean_minutes) = PROTOCOLS[protocol];
        let server_users: Vec<&'static str> =
            SERVER_USERS.iter().filter(|(p, _)| *p == name).map(|(_, u)| *u).collect();
        let server_user = server_users.get(rng.usize(..server_users.len().max(1))).copied().unwrap_or("admin");
        let start = start_time(rng, spec);
        let accepted = recorded(VERDICTS[verdict].0);
        let seconds = if accepted {
            (-(1.0 - rng.f64()).ln() * mean_minutes * 60.0).clamp(5.0, 12.0 * 3600.0) as i64
        } else {
            rng.i64(0..3)
        };
        let end = Some(start + Duration::seconds(seconds)).filter(|e| *e <= spec.now);
        // A few to a few hundred events: 3 × 100^(u^1.5), median about 15.
        let event_count = if accepted { (3.0 * 100f64.powf(rng.f64().powf(1.5))).round() as u32 } else { 0 };
        Draft {
            id: session_id(rng),
            protocol,
            verdict,
            user,
            server,
            server_user,
            start,
            end,
            auth: rng.usize(..AUTH_METHODS.len()),
            client: (rng.u8(0..16), rng.u8(2..250), rng.u16(1..2000), rng.u16(32768..61000)),
            node: 1 + rng.u8(0..2),
            trail: rng.u32(1..99_999),
            score: if rng.u8(0..20) == 0 { rng.u8(60..=100) } else { rng.u8(0..40) },
            tags: TAGS.iter().copied().filter(|_| rng.u8(0..12) == 0).collect(),
            event_seed: rng.u64(..),
            event_count,
            corpus: false,
        }
    }

    /// The scripted SSH session with [`HUGE_SESSION_EVENTS`] events, ended an hour ago.
    fn huge(rng: &mut Rng, spec: &DemoSpec, servers: usize) -> Self {
        let start = spec.now - Duration::hours(3);
        let deploy = GATEWAY_USERS.iter().position(|u| *u == "svc-deploy").unwrap_or(0);
        Draft {
            id: HUGE_SESSION_ID.into(),
            protocol: 0,
            verdict: 0,
            user: deploy,
            server_user: "deploy",
            start,
            end: Some(start + Duration::hours(2)),
            tags: vec!["huge", "scripted"],
            event_count: HUGE_SESSION_EVENTS,
            ..Draft::random(rng, spec, servers)
        }
    }

    /// The on-call admin's SSH session, open for the last 45 minutes:
    /// random sessions are rarely active at night or at weekends, and demos and
    /// tests need one whatever the hour.
    fn on_call(rng: &mut Rng, spec: &DemoSpec, servers: usize) -> Self {
        let ops = GATEWAY_USERS.iter().position(|u| *u == "admin.ops").unwrap_or(0);
        Draft {
            id: ON_CALL_SESSION_ID.into(),
            protocol: 0,
            verdict: 0,
            user: ops,
            server_user: "root",
            start: spec.now - Duration::minutes(45),
            end: None,
            event_count: 40,
            ..Draft::random(rng, spec, servers)
        }
    }

    /// An RDP session whose id needs percent-encoding, yesterday.
    fn odd(rng: &mut Rng, spec: &DemoSpec, servers: usize) -> Self {
        let start = spec.now - Duration::hours(26);
        Draft {
            id: ODD_SESSION_ID.into(),
            protocol: 1,
            verdict: 0,
            server_user: "Administrator",
            start,
            end: Some(start + Duration::minutes(40)),
            event_count: 60,
            ..Draft::random(rng, spec, servers)
        }
    }

    /// The SSH session whose events are the whole hostile corpus, two hours ago.
    fn corpus(rng: &mut Rng, spec: &DemoSpec, servers: usize) -> Self {
        let start = spec.now - Duration::hours(2);
        Draft {
            id: CORPUS_SESSION_ID.into(),
            protocol: 0,
            verdict: 0,
            start,
            end: Some(start + Duration::minutes(30)),
            corpus: true,
            ..Draft::random(rng, spec, servers)
        }
    }

    fn into_document(self, content_reference_id: u64, spec: &DemoSpec, servers: &[Server]) -> SessionDocument {
        let (protocol, _, port, _) = PROTOCOLS[self.protocol];
        let lower = protocol.to_ascii_lowercase();
        let verdict = VERDICTS[self.verdict].0;
        let gateway_user = GATEWAY_USERS[self.user];
        let server = &servers[self.server];
        let policy = format!("{lower}-{}", if server.name.contains("prod") { "prod-admins" } else { "ops" });
        let (client_net, client_host, client_name, client_port) = self.client;
        // The odd shapes of real data, by the trail number (no further random draws).
        let switched_user = self.trail.is_multiple_of(12) && self.server_user != "root";
        let server_usernames = if switched_user { vec![self.server_user, "root"] } else { vec![self.server_user] };
        let has_analytics = recorded(verdict) && (self.trail % 10 != 3 || !self.tags.is_empty());
        let duration = self.end.map(|e| (e - self.start).num_seconds());
        let as_text = |n: Option<i64>, every: u32| match n {
            Some(n) if self.trail.is_multiple_of(every) => Value::from(n.to_string()),
            other => Value::from(other),
        };
        let mut body = json!({
            "protocol": protocol,
            "start_time": Timestamp(self.start).to_rfc3339(),
            "end_time": self.end.map(|t| Timestamp(t).to_rfc3339()),
            "creation_time": Timestamp(self.start).to_rfc3339(),
            "duration": as_text(duration, 7),
            "active": self.end.is_none(),
            "verdict": verdict,
            "origin": "RECORDING",
            "node_id": format!("sps-node-{}", self.node),
            "trail_download_link": null,
            "user": {
                "gateway_username": gateway_user,
                "gateway_username_domain": "CORP",
                "server_username": server_usernames,
                "server_username_domain": if protocol == "RDP" { "CORP" } else { "" },
                "name": gateway_user,
                "name_domain": "corp.example",
                "id": format!("u-{}", (self.user + 1) * 7919 % 10_000),
            },
            "client": {
                "ip": format!("10.200.{client_net}.{client_host}"),
                "name": format!("wks-{client_name:04}"),
                "port": client_port,
            },
            "server": { "address": server.name, "id": server.ip, "ip": server.ip, "name": server.name, "port": port },
            "recording": {
                "auth_method": AUTH_METHODS[self.auth],
                "channel_policy": format!("{lower}-default-channels"),
                "command_extracted": matches!(protocol, "SSH" | "TELNET"),
                "connection_policy": policy,
                "connection_policy_id": format!("{}-{}", policy.len(), protocol.len()),
                "content_reference_id": as_text(i64::try_from(content_reference_id).ok(), 11),
                "deny_reason": if recorded(verdict) { "" } else { "policy" },
                "index_status": if self.event_count > 0 { "INDEXED" } else { "NOT_INDEXED" },
                "session_id": format!("svc/{}/{lower}_sessions:{}", self.id, self.trail),
                "verdict": verdict,
                "target": { "ip": server.ip, "name": server.name, "port": port },
                "archived": self.end.is_some_and(|e| (spec.now - e).num_days() > 7),
            },
        });
        if has_analytics {
            body["analytics"] = json!({
                "tags": self.tags,
                "interesting_events": [],
                "score": { "aggregated": as_text(Some(i64::from(self.score)), 13) },
                "scripted": gateway_user.starts_with("svc-"),
                "similar_sessions": [],
            });
        }
        if spec.hostile {
            hostile::dress(&mut body, content_reference_id);
        }
        let source = if self.corpus {
            EventSource::Given(spread(hostile::corpus_events(), self.start, self.end.unwrap_or(spec.now)))
        } else {
            EventSource::Generated { seed: self.event_seed, count: self.event_count, hostile: spec.hostile }
        };
        let context = EventContext::of(&body, self.start, self.end.unwrap_or(spec.now));
        let events = source.events(&context);
        // Policies depend on an event's kind and content only: test each pair once.
        let mut seen = HashSet::new();
        let distinct: Vec<&SessionEvent> = events.iter().filter(|e| seen.insert((&e.event_type, &e.content))).collect();
        if let Some(analytics) = body.get_mut("analytics") {
            analytics["interesting_events"] = Value::from(policies::fired_rules(distinct.iter().copied()));
        }
        let content = distinct.iter().filter_map(|e| e.content.clone()).collect();
        SessionDocument { session: Session::new(self.id, self.start, self.end, body, source), content }
    }
}

/// `events` with times spread evenly from `start` to `end`.
fn spread(mut events: Vec<SessionEvent>, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<SessionEvent> {
    let step = (end - start) / i32::try_from(events.len().max(1)).unwrap_or(i32::MAX);
    let mut at = start;
    for event in &mut events {
        event.time = Some(Timestamp(at));
        at += step;
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn spec(seed: u64) -> DemoSpec {
        DemoSpec {
            sessions: 2_000,
            seed,
            days: 30,
            now: Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap(),
            hostile: false,
        }
    }

    #[test]
    fn same_seed_same_sessions() {
        let (a, b) = (generate(&spec(7)), generate(&spec(7)));
        assert_eq!(a, b);
        assert_ne!(a, generate(&spec(8)));
    }

    #[test]
    fn sessions_lie_in_the_period_and_shares_are_plausible() {
        let s = spec(1);
        let sessions = generate(&s);
        assert_eq!(sessions.len(), 2_000);
        assert!(sessions.iter().all(|x| x.start <= s.now && x.start >= s.now - Duration::days(30)));
        assert!(sessions.windows(2).all(|w| w[0].start <= w[1].start));
        let ssh = sessions.iter().filter(|x| x.body["protocol"] == "SSH").count();
        assert!((800..1050).contains(&ssh), "ssh share {ssh}");
        let active = sessions.iter().filter(|x| x.end.is_none()).count();
        assert!(active > 0 && active < 100, "active {active}");
        let day = sessions.iter().filter(|x| (9..17).contains(&x.start.hour())).count();
        assert!(day * 2 > sessions.len(), "working hours hold most sessions: {day}");
        let events: Vec<usize> = sessions.iter().map(|x| x.events.len()).collect();
        assert!(events.iter().filter(|n| **n > 0).all(|n| (3..=300).contains(n) || *n == HUGE_SESSION_EVENTS as usize));
        let alerted = sessions
            .iter()
            .filter(|x| x.body["analytics"]["interesting_events"].as_array().is_some_and(|a| !a.is_empty()))
            .count();
        assert!(alerted > 100 && alerted < 1_500, "sessions with alerts: {alerted}");
    }

    #[test]
    fn bodies_have_the_shapes_of_real_appliances() {
        let sessions = generate(&spec(5));
        let bodies: Vec<&Value> = sessions.iter().map(|x| &x.body).collect();
        let count = |test: &dyn Fn(&Value) -> bool| bodies.iter().filter(|b| test(b)).count();
        // Upper-case protocols, every verdict of the vendor's data.
        assert!(bodies.iter().all(|b| b["protocol"].as_str().is_some_and(|p| p == p.to_ascii_uppercase())));
        for verdict in ["ACCEPT", "AUTH_FAIL", "TERMINATED", "FAIL", "DENY"] {
            assert!(count(&|b| b["verdict"] == verdict) > 0, "no {verdict}");
        }
        // `server_username` always a list, sometimes of two names.
        assert!(bodies.iter().all(|b| b["user"]["server_username"].as_array().is_some_and(|a| !a.is_empty())));
        let two = count(&|b| b["user"]["server_username"].as_array().is_some_and(|a| a.len() == 2));
        assert!((50..400).contains(&two), "{two} with two server user names");
        // No analytics for what SPS did not record, nor for some recorded sessions.
        assert!(bodies
            .iter()
            .filter(|b| !matches!(b["verdict"].as_str(), Some("ACCEPT" | "TERMINATED")))
            .all(|b| b.get("analytics").is_none()));
        let recorded_without = count(&|b| b["verdict"] == "ACCEPT" && b.get("analytics").is_none());
        assert!((50..400).contains(&recorded_without), "{recorded_without} recorded sessions without analytics");
        // Numbers as numbers and, now and then, as text.
        assert!(bodies.iter().all(|b| b["server"]["port"].is_u64() && b["client"]["port"].is_u64()));
        assert!(count(&|b| b["duration"].is_string()) > 50 && count(&|b| b["duration"].is_u64()) > 1000);
        assert!(count(&|b| b["recording"]["content_reference_id"].is_string()) > 50);
        assert!(bodies
            .iter()
            .all(|b| b["trail_download_link"].is_null() && b["recording"]["command_extracted"].is_boolean()));
        // The reader the dashboard uses takes every one of them.
        for b in &bodies {
            let read: sps_api::SessionBody = serde_json::from_value((*b).clone()).expect("reads");
            assert!(
                read.user.and_then(|u| u.server_username).is_some()
                    && read.duration.is_some() == b.get("end_time").is_some_and(|e| !e.is_null())
            );
        }
    }

    #[test]
    fn the_special_sessions_are_there() {
        let sessions = generate(&spec(3));
        let huge = sessions.iter().find(|x| x.id == HUGE_SESSION_ID).expect("the huge session");
        assert_eq!(huge.events.len(), HUGE_SESSION_EVENTS as usize);
        assert_eq!(huge.body["analytics"]["tags"], json!(["huge", "scripted"]));
        assert!(sessions.iter().any(|x| x.id == ODD_SESSION_ID));
        assert!(!sessions.iter().any(|x| x.id == CORPUS_SESSION_ID));
        let on_call = sessions.iter().find(|x| x.id == ON_CALL_SESSION_ID).expect("the on-call session");
        assert_eq!((on_call.end, &on_call.body["active"]), (None, &json!(true)));
        assert!(!on_call.events.is_empty());
    }

    #[test]
    fn a_session_is_active_at_any_hour() {
        // Sunday 03:00: random sessions are rarely running then.
        let night = Utc.with_ymd_and_hms(2026, 11, 22, 3, 0, 0).unwrap();
        for seed in 0..20 {
            let sessions = generate(&DemoSpec { sessions: 300, now: night, ..spec(seed) });
            assert!(sessions.iter().any(|x| x.end.is_none()), "seed {seed}: no active session");
        }
    }

    #[test]
    fn hostile_data_has_the_corpus_session_and_hostile_properties() {
        let sessions = generate(&DemoSpec { sessions: 200, hostile: true, ..spec(3) });
        let corpus = sessions.iter().find(|x| x.id == CORPUS_SESSION_ID).expect("the corpus session");
        assert_eq!(corpus.events.len(), hostile::corpus().len());
        assert!(sessions.iter().any(|x| x.id == HUGE_SESSION_ID));
        let names: HashSet<&str> = sessions.iter().filter_map(|x| x.body["server"]["name"].as_str()).collect();
        assert!(
            names.len() >= 50 && names.iter().all(|n| hostile::short().contains(n)),
            "{} server names",
            names.len()
        );
    }
}
