//! The events of a session, generated on demand from a seed.
//!
//! Storing 20 million events would make start-up slow and the data directory large;
//! instead each session keeps a seed and a count, and its events are generated again,
//! identically, whenever they are asked for. The session's content index is built from
//! the same generator, so a content search finds exactly what the events contain.
//!
//! Terminal protocols (ssh, telnet) give `command` events with the prompt in `content`
//! and the command line in `action`, plus `file_transfer`s; graphical ones (rdp, vnc,
//! ica) give window titles and screen content; http gives `http_request`s. About one
//! event in 400 is hostile or awkward text (markup, 10 KB lines, control characters,
//! bidi overrides, zero-width characters), as recorded user input can be: the dashboard
//! must show it as text. With `hostile` (`sps-sim --hostile`) half the events are
//! payloads of the hostile corpus ([`crate::hostile`]).

use chrono::{DateTime, TimeZone, Utc};
use fastrand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sps_api::{EventType, SessionEvent, Text, Timestamp};

/// Where a session's events come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventSource {
    /// `count` events generated from `seed` and the session's body.
    Generated {
        /// The generator's seed.
        seed: u64,
        /// How many events.
        count: u32,
        /// Half the events are hostile-corpus payloads.
        #[serde(default)]
        hostile: bool,
    },
    /// These events, as given (tests and loaded examples).
    Given(Vec<SessionEvent>),
}

impl EventSource {
    /// No events (sessions that were denied or not indexed).
    pub fn none() -> Self {
        EventSource::Given(Vec::new())
    }

    /// Events whose only property is `content`, one per line (examples that give just
    /// the text a content search should find).
    pub fn content_lines<S: AsRef<str>>(lines: &[S]) -> Self {
        let events = lines
            .iter()
            .enumerate()
            .map(|(n, line)| SessionEvent {
                content: Some(line.as_ref().to_owned()),
                record_id: Some(n as u64 + 1),
                ..SessionEvent::default()
            })
            .collect();
        EventSource::Given(events)
    }

    /// How many events the session has.
    pub fn len(&self) -> usize {
        match self {
            EventSource::Generated { count, .. } => *count as usize,
            EventSource::Given(events) => events.len(),
        }
    }

    /// Whether the session has no events.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The events, sorted by `record_id`.
    pub fn events(&self, context: &EventContext) -> Vec<SessionEvent> {
        match self {
            EventSource::Generated { seed, count, hostile } => generate(context, *seed, *count, *hostile),
            EventSource::Given(events) => events.clone(),
        }
    }
}

/// What the generator needs to know about a session: read from its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventContext {
    protocol: String,
    user: String,
    host: String,
    start_ms: i64,
    end_ms: i64,
}

impl EventContext {
    /// The context of a session with `body`, active from `start` until `end`.
    pub fn of(body: &Value, start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        // Any property may be a list (`"server_username": ["root"]`): its first value.
        let text = |path: &[&str]| {
            let value = path.iter().try_fold(body, |v, k| v.get(k));
            value.and_then(Text::from_json).and_then(|t| t.first().map(str::to_owned)).unwrap_or_default()
        };
        let user = [text(&["user", "server_username"]), text(&["user", "gateway_username"])]
            .into_iter()
            .find(|u| !u.is_empty())
            .unwrap_or_else(|| "user".into());
        let server = text(&["server", "name"]);
        let host = server.split('.').next().filter(|h| !h.is_empty()).unwrap_or("server");
        EventContext {
            protocol: text(&["protocol"]).to_ascii_lowercase(),
            user,
            host: host.to_owned(),
            start_ms: start.timestamp_millis(),
            end_ms: end.timestamp_millis().max(start.timestamp_millis()),
        }
    }
}

impl EventContext {
    /// Whether the session is graphical (RDP, VNC, ICA, in any letter case): the sim
    /// answers its events as an appliance does (README "The stand-in SPS").
    pub fn is_graphical(&self) -> bool {
        matches!(self.protocol.as_str(), "rdp" | "vnc" | "ica")
    }
}

/// One generated event before its number and time are set.
struct Draft {
    kind: EventType,
    action: String,
    content: String,
    channel: u64,
}

/// Generates `count` events from `seed`: record ids increase by 1–40, times spread
/// over the session in order; with `hostile`, half are hostile-corpus payloads.
pub fn generate(context: &EventContext, seed: u64, count: u32, hostile: bool) -> Vec<SessionEvent> {
    let mut rng = Rng::with_seed(seed);
    let mut source = Source::for_protocol(context);
    let span = context.end_ms - context.start_ms;
    let count_i = i64::from(count.max(1));
    let mut record_id = rng.u64(1..50);
    (0..count)
        .map(|n| {
            let draft = if hostile && rng.bool() {
                placed(pick(&mut rng, crate::hostile::short()).to_owned(), &source)
            } else if rng.u16(0..400) == 0 {
                awkward(&mut rng, context, &source)
            } else {
                source.next(&mut rng)
            };
            let slot = span / count_i;
            let at = context.start_ms + span * i64::from(n) / count_i + rng.i64(0..slot.max(1));
            let event = SessionEvent {
                action: Some(draft.action),
                channels_id: Some(draft.channel),
                content: Some(draft.content),
                record_id: Some(record_id),
                time: Some(Timestamp(millis(at.min(context.end_ms)))),
                event_type: Some(draft.kind),
            };
            record_id += rng.u64(1..=40);
            event
        })
        .collect()
}

fn millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// The per-protocol generator state.
enum Source {
    Shell(Shell),
    Router { host: String, enabled: bool },
    Desktop,
    Web { host: String },
}

impl Source {
    fn for_protocol(context: &EventContext) -> Self {
        match context.protocol.as_str() {
            "telnet" => Source::Router { host: context.host.clone(), enabled: false },
            "rdp" | "vnc" | "ica" => Source::Desktop,
            "http" => Source::Web { host: context.host.clone() },
            _ => Source::Shell(Shell::new(context)),
        }
    }

    fn next(&mut self, rng: &mut Rng) -> Draft {
        match self {
            Source::Shell(shell) => shell.next(rng),
            Source::Router { host, enabled } => {
                let command = pick(rng, if *enabled { ROUTER_ENABLED } else { ROUTER_USER });
                let prompt = format!("{host}{}", if *enabled { "#" } else { ">" });
                *enabled = (*enabled || command == "enable") && command != "disable";
                command_event(&prompt, command, 0)
            }
            Source::Desktop => desktop_event(rng),
            Source::Web { host } => {
                let (method, path) = pick(rng, HTTP_REQUESTS);
                Draft {
                    kind: EventType::HttpRequest,
                    action: format!("{method} {path}"),
                    content: format!("{method} {path} HTTP/1.1 Host: {host}"),
                    channel: 0,
                }
            }
        }
    }

    /// The prompt a hostile command line is shown after.
    fn prompt(&self) -> String {
        match self {
            Source::Shell(shell) => shell.prompt(),
            Source::Router { host, enabled } => format!("{host}{}", if *enabled { "#" } else { ">" }),
            Source::Desktop | Source::Web { .. } => String::new(),
        }
    }
}

/// A terminal: who is logged in, where, and whether the session is scripted.
struct Shell {
    user: String,
    host: String,
    cwd: String,
    scripted: bool,
}

impl Shell {
    fn new(context: &EventContext) -> Self {
        let scripted = context.user.starts_with("svc") || context.user == "deploy";
        Shell { user: context.user.clone(), host: context.host.clone(), cwd: "~".into(), scripted }
    }

    fn prompt(&self) -> String {
        let sign = if self.user == "root" { '#' } else { '$' };
        format!("{}@{}:{}{sign}", self.user, self.host, self.cwd)
    }

    fn next(&mut self, rng: &mut Rng) -> Draft {
        if !self.scripted && rng.u8(0..25) == 0 {
            let (action, content) = pick(rng, SHELL_TRANSFERS);
            return Draft { kind: EventType::FileTransfer, action: action.into(), content: content.into(), channel: 1 };
        }
        let command = if self.scripted { pick(rng, SCRIPTED_COMMANDS) } else { weighted(rng, SHELL_COMMANDS) };
        let event = command_event(&self.prompt(), command, 0);
        if let Some(dir) = command.strip_prefix("cd ") {
            self.cwd = dir.to_owned();
        } else if command == "sudo -i" || command == "su -" {
            self.user = "root".into();
            self.cwd = "~".into();
        }
        event
    }
}

fn command_event(prompt: &str, command: &str, channel: u64) -> Draft {
    Draft { kind: EventType::Command, action: command.to_owned(), content: format!("{prompt} {command}"), channel }
}

fn desktop_event(rng: &mut Rng) -> Draft {
    match rng.u8(0..100) {
        0..=39 => {
            let title = pick(rng, WINDOW_TITLES);
            Draft { kind: EventType::WindowTitle, action: title.into(), content: title.into(), channel: 0 }
        }
        40..=59 => {
            let title = pick(rng, WINDOW_TITLES);
            Draft { kind: EventType::ScreenWindowtitle, action: title.into(), content: title.into(), channel: 0 }
        }
        60..=94 => {
            let text = pick(rng, SCREEN_TEXT);
            Draft { kind: EventType::ScreenContent, action: String::new(), content: text.into(), channel: 0 }
        }
        _ => {
            let (action, content) = pick(rng, DESKTOP_TRANSFERS);
            Draft { kind: EventType::FileTransfer, action: action.into(), content: content.into(), channel: 2 }
        }
    }
}

/// Recorded input that a careless renderer would execute, garble or hide.
fn awkward(rng: &mut Rng, context: &EventContext, source: &Source) -> Draft {
    let line = match rng.u8(0..9) {
        0 => "echo '<script>alert(1)</script>'".to_owned(),
        1 => "<img src=x onerror=alert(1)>".to_owned(),
        2 => {
            // A 13 KB one-liner (long lines must wrap, not stretch the page).
            let hosts: Vec<String> = (1..=999).map(|n| format!("web-{n:03}.fra")).collect();
            format!("for h in {}; do ssh $h uptime; done", hosts.join(" "))
        }
        3 => "printf '\u{1b}[31mFAILED\u{1b}[0m\u{7}\r\u{8}\u{8}done\\n'".to_owned(),
        4 => "mv invoice\u{202e}fdp.exe /srv/share/".to_owned(),
        5 => "sudo\u{200b} -i".to_owned(),
        6 => format!("cat /home/李伟/报告.txt /srv/отчёты/{}.csv", context.host),
        7 => "echo 'مرحبا' > /tmp/motd; grep -r パスワード /etc".to_owned(),
        _ => "<b onmouseover=alert(document.cookie)>hover</b> \u{0}\u{7f}".to_owned(),
    };
    placed(line, source)
}

/// `line` as the kind of event the session's protocol records.
fn placed(line: String, source: &Source) -> Draft {
    match source {
        Source::Shell(_) | Source::Router { .. } => command_event(&source.prompt(), &line, 0),
        Source::Web { host } => Draft {
            kind: EventType::HttpRequest,
            content: format!("GET /search?q={line} HTTP/1.1 Host: {host}"),
            action: format!("GET /search?q={line}"),
            channel: 0,
        },
        Source::Desktop => Draft { kind: EventType::WindowTitle, action: line.clone(), content: line, channel: 0 },
    }
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

fn weighted(rng: &mut Rng, items: &[(&'static str, u32)]) -> &'static str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.u32(0..total.max(1));
    for (item, weight) in items {
        if x < *weight {
            return item;
        }
        x -= weight;
    }
    items[items.len() - 1].0
}

/// Shell commands with their relative frequency: mostly looking around, some changes,
/// and the few lines the content policies watch for.
const SHELL_COMMANDS: &[(&str, u32)] = &[
    ("ls", 60),
    ("ls -la", 40),
    ("cd /var/log", 20),
    ("cd /etc/nginx", 10),
    ("cd /srv/app", 10),
    ("cd ~", 8),
    ("pwd", 15),
    ("whoami", 8),
    ("id", 6),
    ("uptime", 10),
    ("df -h", 15),
    ("free -m", 10),
    ("ps aux", 15),
    ("top -b -n 1", 6),
    ("tail -n 100 /var/log/syslog", 12),
    ("grep -i error /var/log/nginx/error.log", 10),
    ("journalctl -u nginx --since today", 8),
    ("systemctl status nginx", 12),
    ("systemctl restart nginx", 6),
    ("sudo -i", 6),
    ("sudo systemctl restart postgresql", 3),
    ("su -", 2),
    ("cat /etc/passwd", 3),
    ("cat /etc/shadow", 1),
    ("vim /etc/nginx/nginx.conf", 6),
    ("rm -rf /tmp/x", 2),
    ("rm -rf /var/cache/app/*", 2),
    ("tar czf /tmp/etc-backup.tar.gz /etc", 3),
    ("scp /tmp/etc-backup.tar.gz backup@10.20.5.20:/srv/backup/", 2),
    ("psql -U postgres -c 'select count(*) from pg_stat_activity'", 4),
    ("mysql -u root -p", 3),
    ("docker ps", 8),
    ("kubectl get pods -n prod", 6),
    ("git pull", 5),
    ("history", 4),
    ("man sudo", 2),
    ("crontab -l", 4),
    ("ss -tulpn", 5),
    ("iptables -L -n", 3),
    ("chmod 777 /srv/app/uploads", 1),
    ("useradd -m tmpadmin", 1),
    ("passwd tmpadmin", 1),
    ("curl -s http://localhost:8080/health", 6),
    ("wget http://198.51.100.7/update.sh", 1),
    ("find / -name '*.key' 2>/dev/null", 1),
    ("exit", 3),
];

/// What a deployment or backup account runs, over and over.
const SCRIPTED_COMMANDS: &[&str] = &[
    "curl -s http://localhost:8080/health",
    "systemctl is-active app",
    "df -h /srv",
    "sleep 30",
    "rsync -a /srv/app/ /srv/backup/app/",
    "date -u",
];

const SHELL_TRANSFERS: &[(&str, &str)] = &[
    ("upload /tmp/etc-backup.tar.gz", "sftp upload /tmp/etc-backup.tar.gz (48.2 MB)"),
    ("download /var/log/syslog.1", "sftp download /var/log/syslog.1 (3.1 MB)"),
    ("upload /srv/app/release-2.14.tgz", "scp upload /srv/app/release-2.14.tgz (112 MB)"),
    ("download /home/oracle/export.dmp", "sftp download /home/oracle/export.dmp (1.9 GB)"),
];

const ROUTER_USER: &[&str] = &["show version", "show ip interface brief", "show clock", "enable", "ping 10.0.0.1"];

const ROUTER_ENABLED: &[&str] = &[
    "show running-config",
    "configure terminal",
    "interface GigabitEthernet0/1",
    "shutdown",
    "no shutdown",
    "write memory",
    "show ip route",
    "show logging",
    "disable",
    "reload",
];

const WINDOW_TITLES: &[&str] = &[
    "Server Manager",
    "Windows PowerShell",
    "Administrator: Command Prompt",
    "Event Viewer",
    "Services",
    "Active Directory Users and Computers",
    "SQL Server Management Studio",
    "Task Manager",
    "Registry Editor",
    "Notepad - passwords.txt",
    "Microsoft Edge - Admin portal",
    "Remote Desktop Connection",
    "File Explorer - C:\\Temp",
    "Citrix Workspace",
    "VMware vSphere Client",
];

const SCREEN_TEXT: &[&str] = &[
    "PS C:\\Users\\Administrator> Get-Service | Where-Object Status -eq Stopped",
    "C:\\> net user administrator /active:yes",
    "C:\\> net user tmpadmin P@ssw0rd! /add",
    "Login successful. Welcome, Administrator",
    "Access is denied.",
    "Connected to SQLPROD01 as sa",
    "SELECT TOP 100 * FROM customers ORDER BY created DESC;",
    "Windows Update: 3 updates require a restart",
    "Event 4625: An account failed to log on",
    "Copying Files: 42 items remaining",
    "Card number: 4111 1111 1111 1111  Exp: 12/27",
    "The service was restarted successfully",
];

const DESKTOP_TRANSFERS: &[(&str, &str)] = &[
    ("clipboard copy to client", "clipboard: 2.1 KB copied from server to client"),
    ("drive redirection upload C:\\Temp\\tools.zip", "drive redirection: upload C:\\Temp\\tools.zip (8.4 MB)"),
    ("drive redirection download D:\\exports\\hr.xlsx", "drive redirection: download D:\\exports\\hr.xlsx (1.2 MB)"),
];

const HTTP_REQUESTS: &[(&str, &str)] = &[
    ("GET", "/admin/"),
    ("POST", "/login"),
    ("GET", "/api/v1/users?limit=100"),
    ("DELETE", "/api/v1/users/42"),
    ("PUT", "/api/v1/config/firewall"),
    ("GET", "/phpmyadmin/"),
    ("GET", "/metrics"),
    ("POST", "/api/v1/backup"),
];

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn context(protocol: &str, user: &str) -> EventContext {
        let body = json!({"protocol": protocol, "user": {"server_username": [user]}, "server": {"name": "db-prod-01.fra.corp.example"}});
        let start = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        EventContext::of(&body, start, start + chrono::Duration::hours(1))
    }

    #[test]
    fn same_seed_same_events_in_record_and_time_order() {
        let c = context("ssh", "oracle");
        let events = generate(&c, 7, 300, false);
        assert_eq!(events, generate(&c, 7, 300, false));
        assert_eq!(events.len(), 300);
        assert!(events.windows(2).all(|w| w[0].record_id < w[1].record_id && w[0].time <= w[1].time));
        assert!(events.iter().all(|e| e.event_type.is_some() && e.content.is_some()));
        let first = events.iter().find(|e| e.event_type == Some(EventType::Command)).unwrap();
        assert!(first.content.as_deref().unwrap().starts_with("oracle@db-prod-01:"), "{first:?}");
    }

    #[test]
    fn each_protocol_has_its_kinds() {
        let kinds = |p: &str| {
            generate(&context(p, "alice"), 3, 400, false).into_iter().filter_map(|e| e.event_type).collect::<Vec<_>>()
        };
        assert!(kinds("ssh").contains(&EventType::Command) && kinds("ssh").contains(&EventType::FileTransfer));
        assert!(kinds("rdp").contains(&EventType::ScreenContent) && kinds("rdp").contains(&EventType::WindowTitle));
        assert!(kinds("http").iter().all(|k| *k == EventType::HttpRequest));
        assert!(kinds("telnet").iter().all(|k| *k == EventType::Command));
        // Protocols in upper case, as appliances write them, are the same protocols.
        assert_eq!(kinds("RDP"), kinds("rdp"));
        assert!(context("ICA", "a").is_graphical() && !context("SSH", "a").is_graphical());
    }

    #[test]
    fn hostile_text_turns_up() {
        let events = generate(&context("ssh", "root"), 11, 20_000, false);
        let contents: Vec<&str> = events.iter().filter_map(|e| e.content.as_deref()).collect();
        assert!(contents.iter().any(|c| c.contains("<script>")));
        assert!(contents.iter().any(|c| c.len() > 10_000));
        assert!(contents.iter().any(|c| c.contains('\u{202e}')));
        assert!(contents.iter().any(|c| c.contains('\u{1b}')));
    }
}
