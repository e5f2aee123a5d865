//! A seeded generator of realistic recorded sessions.
//!
//! The same seed and `now` always give the same sessions, so demos, screenshots and
//! tests are repeatable. Shares follow a typical estate: mostly SSH and RDP,
//! weighted users and servers, a working-hours rhythm, a few denied connections
//! and a few sessions still active.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};
use fastrand::Rng;
use serde_json::json;

use crate::store::Session;
use crate::time::format_instant;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoSpec {
    /// Number of sessions.
    pub sessions: usize,
    /// Random seed.
    pub seed: u64,
    /// Sessions start within this many days before `now`.
    pub days: u32,
    /// The end of the generated period; sessions running past it are active.
    pub now: DateTime<Utc>,
}

/// Protocols with their share (per mille), server port and mean duration in minutes.
const PROTOCOLS: &[(&str, u32, &str, f64)] = &[
    ("ssh", 460, "22", 25.0),
    ("rdp", 260, "3389", 55.0),
    ("http", 110, "443", 6.0),
    ("telnet", 60, "23", 12.0),
    ("vnc", 60, "5900", 30.0),
    ("ica", 50, "1494", 45.0),
];

const GATEWAY_USERS: &[&str] = &[
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
    "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter",
    "x.zhang", "y.tanaka", "z.kowalski", "svc-backup", "svc-deploy", "admin.ops",
    "j.smith", "m.garcia", "a.nguyen", "l.müller", "s.øberg", "андрей.п", "李伟",
];

const SERVER_USERS: &[(&str, &str)] = &[
    ("ssh", "root"), ("ssh", "oracle"), ("ssh", "postgres"), ("ssh", "deploy"), ("ssh", "ec2-user"),
    ("rdp", "Administrator"), ("rdp", "svc_sql"), ("http", "admin"), ("telnet", "cisco"),
    ("vnc", "operator"), ("ica", "citrix.admin"),
];

const SERVER_ROLES: &[&str] = &[
    "db-prod", "db-stage", "web-prod", "app-prod", "dc", "jump", "backup", "fw", "core-sw",
    "k8s-node", "erp", "hr-app", "payroll", "mail", "log",
];

const VERDICTS: &[(&str, u32)] = &[("ACCEPT", 930), ("DENY", 35), ("REJECT", 20), ("FAIL", 15)];

const AUTH_METHODS: &[&str] = &["password", "publickey", "keyboard-interactive", "kerberos", "certificate"];

const TAGS: &[&str] = &["privileged", "after-hours", "first-seen-host", "bulk-transfer", "sudo", "pci"];

/// Generates `spec.sessions` sessions, sorted by start time.
pub fn generate(spec: &DemoSpec) -> Vec<Session> {
    let mut rng = Rng::with_seed(spec.seed);
    let servers = server_inventory(&mut rng);
    let mut sessions: Vec<Session> = (0..spec.sessions).map(|_| one_session(&mut rng, spec, &servers)).collect();
    sessions.sort_by_key(|s| s.start);
    for (n, s) in sessions.iter_mut().enumerate() {
        s.body["recording"]["content_reference_id"] = json!(n + 1);
    }
    sessions
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
    if weekend { hour * 0.3 } else { hour }
}

fn start_time(rng: &mut Rng, spec: &DemoSpec) -> DateTime<Utc> {
    let span = i64::from(spec.days.max(1)) * 86_400;
    loop {
        let t = spec.now - Duration::seconds(rng.i64(0..span));
        if rng.f64() < activity(t) {
            return t;
        }
    }
}

fn session_id(rng: &mut Rng) -> String {
    const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    (0..22).map(|_| BASE58[rng.usize(..BASE58.len())] as char).collect()
}

fn one_session(rng: &mut Rng, spec: &DemoSpec, servers: &[Server]) -> Session {
    let (protocol, _, port, mean_minutes) =
        PROTOCOLS[pick_weighted(rng, &PROTOCOLS.iter().map(|p| p.1).collect::<Vec<_>>())];
    let verdict = VERDICTS[pick_weighted(rng, &VERDICTS.iter().map(|v| v.1).collect::<Vec<_>>())].0;
    let gateway_user = GATEWAY_USERS[zipf_index(rng, GATEWAY_USERS.len())];
    let server = &servers[zipf_index(rng, servers.len())];
    let server_users: Vec<&str> =
        SERVER_USERS.iter().filter(|(p, _)| *p == protocol).map(|(_, u)| *u).collect();
    let server_user = server_users.get(rng.usize(..server_users.len().max(1))).copied().unwrap_or("admin");

    let start = start_time(rng, spec);
    let seconds = if verdict == "ACCEPT" {
        (-(1.0 - rng.f64()).ln() * mean_minutes * 60.0).clamp(5.0, 12.0 * 3600.0) as i64
    } else {
        rng.i64(0..3)
    };
    let end = Some(start + Duration::seconds(seconds)).filter(|e| *e <= spec.now);
    let id = session_id(rng);
    let policy = format!("{protocol}-{}", if server.name.contains("prod") { "prod-admins" } else { "ops" });
    let score = if rng.u8(0..20) == 0 { rng.u8(60..=100) } else { rng.u8(0..40) };
    let tags: Vec<&str> = TAGS.iter().copied().filter(|_| rng.u8(0..12) == 0).collect();

    let body = json!({
        "protocol": protocol,
        "start_time": format_instant(start),
        "end_time": end.map(format_instant),
        "duration": end.map(|e| (e - start).num_seconds()),
        "active": end.is_none(),
        "verdict": verdict,
        "origin": "NORMAL",
        "node_id": format!("sps-node-{}", 1 + rng.u8(0..2)),
        "user": {
            "gateway_username": gateway_user,
            "gateway_username_domain": "CORP",
            "server_username": server_user,
            "server_username_domain": if protocol == "rdp" { "CORP" } else { "" },
            "name": gateway_user,
            "name_domain": "corp.example",
            "id": format!("u-{}", gateway_user.len() * 7919 % 10_000),
        },
        "client": {
            "ip": format!("10.200.{}.{}", rng.u8(0..16), rng.u8(2..250)),
            "name": format!("wks-{:04}", rng.u16(1..2000)),
            "port": rng.u16(32768..61000).to_string(),
        },
        "server": {
            "address": server.name,
            "ip": server.ip,
            "name": server.name,
            "port": port,
        },
        "recording": {
            "auth_method": AUTH_METHODS[rng.usize(..AUTH_METHODS.len())],
            "channel_policy": format!("{protocol}-default-channels"),
            "connection_policy": policy,
            "connection_policy_id": format!("{}-{}", policy.len(), protocol.len()),
            "deny_reason": if verdict == "ACCEPT" { "" } else { "policy" },
            "index_status": if verdict == "ACCEPT" { "INDEXED" } else { "NOT_INDEXED" },
            "session_id": format!("svc/{id}/{protocol}_sessions:{}", rng.u32(1..99_999)),
            "verdict": verdict,
            "target": { "ip": server.ip, "name": server.name, "port": port },
            "archived": end.is_some_and(|e| (spec.now - e).num_days() > 7),
        },
        "analytics": {
            "tags": tags,
            "interesting_events": [],
            "score": { "aggregated": score },
            "scripted": gateway_user.starts_with("svc-"),
        },
    });
    Session { id, start, end, body }
}

/// The seeded sessions as a store, with `spec.now` as the store's "now".
pub fn store(spec: &DemoSpec) -> crate::SessionStore {
    crate::SessionStore::new(generate(spec), spec.now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn spec(seed: u64) -> DemoSpec {
        DemoSpec { sessions: 2_000, seed, days: 30, now: Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap() }
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
        let ssh = sessions.iter().filter(|x| x.body["protocol"] == "ssh").count();
        assert!((800..1050).contains(&ssh), "ssh share {ssh}");
        let active = sessions.iter().filter(|x| x.end.is_none()).count();
        assert!(active > 0 && active < 100, "active {active}");
        let day = sessions.iter().filter(|x| (9..17).contains(&x.start.hour())).count();
        assert!(day * 2 > sessions.len(), "working hours hold most sessions: {day}");
    }
}
