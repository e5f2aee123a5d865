//! What fields a query may use, their types, and how records spell them.

use std::fmt;

/// The type of a field, which decides how its values are written and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Strings. Terms, phrases and wildcards; ranges compare alphabetically.
    Text,
    /// Numbers. Terms and ranges (`[1 TO 5]`), no wildcards.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// Instants: ISO 8601 (`2017-01-25`, `2017-01-25T10:00:00Z`) or epoch milliseconds.
    Date,
}

impl FieldType {
    /// The lower-case name shown to users (`text`, `integer`, `boolean`, `date`).
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Integer => "integer",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Values a field is known to take, offered by completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnownValues {
    /// Nothing known in advance.
    Any,
    /// Common values; others are fine.
    Suggested(&'static [&'static str]),
    /// The documented values; others get a warning (the server may still have more).
    OneOf(&'static [&'static str]),
}

impl KnownValues {
    /// The listed values (empty for [`KnownValues::Any`]).
    pub fn values(self) -> &'static [&'static str] {
        match self {
            KnownValues::Any => &[],
            KnownValues::Suggested(values) | KnownValues::OneOf(values) => values,
        }
    }
}

/// One queryable field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Canonical dotted name, e.g. `user.gateway_username`.
    pub name: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// For text: analysed full text (a term matches words inside the value) rather than a
    /// keyword (a term matches the whole value).
    pub full_text: bool,
    /// One line for the completion list.
    pub description: &'static str,
    /// Values offered by completion.
    pub values: KnownValues,
}

/// An older spelling of a group of fields: names starting with `prefix` mean the same
/// names starting with `target` (`psm.` → `recording.`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The old prefix, with its trailing dot.
    pub prefix: &'static str,
    /// The canonical prefix, with its trailing dot.
    pub target: &'static str,
}

/// The fields of one search endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schema {
    fields: &'static [Field],
    aliases: &'static [Alias],
    default_fields: &'static [&'static str],
}

impl Schema {
    /// A schema from static tables. `default_fields` are searched by clauses without a
    /// field; when empty, such clauses search every text field.
    pub const fn new(
        fields: &'static [Field],
        aliases: &'static [Alias],
        default_fields: &'static [&'static str],
    ) -> Self {
        Schema { fields, aliases, default_fields }
    }

    /// Fields of `/api/audit/sessions` (and its `_count`, `stats`, `histogram`).
    pub fn sessions() -> &'static Schema {
        &SESSIONS
    }

    /// Fields of `/api/audit/sessions/<id>/events`.
    pub fn events() -> &'static Schema {
        &EVENTS
    }

    /// All fields, canonical names only.
    pub fn fields(&self) -> &'static [Field] {
        self.fields
    }

    /// The aliases.
    pub fn aliases(&self) -> &'static [Alias] {
        self.aliases
    }

    /// The field `name` denotes, directly or through an alias.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        let direct = self.fields.iter().find(|f| f.name == name);
        direct.or_else(|| {
            self.aliases.iter().find_map(|alias| {
                let rest = name.strip_prefix(alias.prefix)?;
                self.fields.iter().find(|f| f.name.strip_prefix(alias.target) == Some(rest))
            })
        })
    }

    /// The fields searched by clauses without a field name.
    pub fn default_fields(&self) -> impl Iterator<Item = &'static Field> + '_ {
        let named = self.default_fields.iter().filter_map(|name| self.field(name));
        let all_text = self.fields.iter().filter(|f| f.ty == FieldType::Text);
        let use_all = self.default_fields.is_empty();
        named.chain(all_text.filter(move |_| use_all))
    }

    /// Every name under which records may store `field`: its canonical name, then the
    /// alias spellings (a record may still say `psm.content_reference_id`).
    pub(crate) fn record_names(&self, field: &Field) -> Vec<String> {
        let mut names = vec![field.name.to_owned()];
        for alias in self.aliases {
            if let Some(rest) = field.name.strip_prefix(alias.target) {
                names.push(format!("{}{rest}", alias.prefix));
            }
        }
        names
    }
}

const fn field(name: &'static str, ty: FieldType, description: &'static str) -> Field {
    Field { name, ty, full_text: false, description, values: KnownValues::Any }
}

const fn text(name: &'static str, description: &'static str) -> Field {
    field(name, FieldType::Text, description)
}

/// As appliances write them: upper case (matching ignores case, so `protocol:ssh`
/// finds them too).
const PROTOCOLS: &[&str] = &["HTTP", "ICA", "RDP", "SSH", "TELNET", "VNC"];

/// The verdicts the reference pages (`ACCEPT`, `DENY`) and One Identity's Power BI
/// connector's test data (`AUTH_FAIL`, `FAIL`, `TERMINATED`) show; others may occur.
const VERDICTS: &[&str] = &["ACCEPT", "AUTH_FAIL", "DENY", "FAIL", "TERMINATED"];

const EVENT_TYPES: &[&str] = &[
    "command",
    "file_transfer",
    "http_request",
    "window_title",
    "screen.content",
    "screen.creditcard",
    "screen.windowtitle",
];

static SESSION_FIELDS: [Field; 40] = [
    Field {
        values: KnownValues::Suggested(PROTOCOLS),
        ..text("protocol", "Protocol of the connection (SSH, RDP, TELNET, VNC, HTTP, ICA)")
    },
    Field {
        values: KnownValues::Suggested(VERDICTS),
        ..text("verdict", "Outcome of the connection, e.g. ACCEPT, AUTH_FAIL, TERMINATED")
    },
    text("origin", "Where the session record comes from"),
    text("node_id", "ID of the SPS node that handled the session"),
    text("user.gateway_username", "Username the user authenticated with on SPS (gateway)"),
    text("user.gateway_username_domain", "Domain of the gateway username"),
    text("user.server_username", "Username used on the target server"),
    text("user.server_username_domain", "Domain of the server username"),
    text("user.name", "Name of the user, from the gateway or the server username"),
    text("user.name_domain", "Domain of user.name"),
    text("user.id", "ID of the user"),
    text("client.ip", "IP address of the client"),
    text("client.name", "Host name of the client"),
    text("client.port", "Port the client connected from"),
    text("server.address", "Address the client asked to connect to"),
    text("server.ip", "IP address of the server"),
    text("server.name", "Host name of the server"),
    text("server.port", "Port of the server"),
    text("recording.auth_method", "Authentication method used on the gateway"),
    text("recording.channel_policy", "Channel policy that applied to the session"),
    text("recording.connection_policy", "Connection policy that handled the session"),
    text("recording.connection_policy_id", "ID of the connection policy"),
    text("recording.deny_reason", "Why the connection was denied, if it was"),
    text("recording.index_status", "Whether the session's content has been indexed"),
    text("recording.session_id", "SPS's ID of the recorded session"),
    Field {
        values: KnownValues::Suggested(VERDICTS),
        ..text("recording.verdict", "Verdict recorded for the connection")
    },
    text("recording.target.ip", "IP address SPS connected to on the target"),
    text("recording.target.name", "Host name SPS connected to on the target"),
    text("recording.target.port", "Port SPS connected to on the target"),
    text("analytics.tags", "Tags analytics attached to the session"),
    text("analytics.interesting_events", "Events analytics found worth a look"),
    field("duration", FieldType::Integer, "Length of the session in seconds"),
    field("recording.content_reference_id", FieldType::Integer, "Reference to the session's indexed content"),
    field("analytics.score.aggregated", FieldType::Integer, "Aggregated analytics risk score, 0–100"),
    field("active", FieldType::Boolean, "Whether the session is still in progress"),
    field("recording.archived", FieldType::Boolean, "Whether the recording has been archived"),
    field("analytics.scripted", FieldType::Boolean, "Whether analytics judged the session scripted rather than typed"),
    field("start_time", FieldType::Date, "When the session started"),
    field("end_time", FieldType::Date, "When the session ended"),
    field("creation_time", FieldType::Date, "When the session record was created"),
];

static SESSIONS: Schema = Schema::new(&SESSION_FIELDS, &[Alias { prefix: "psm.", target: "recording." }], &[]);

static EVENT_FIELDS: [Field; 5] = [
    field("channels_id", FieldType::Integer, "Channel of the session the event happened in"),
    Field {
        full_text: true,
        ..text("content", "The event with its context, e.g. the whole command line with the prompt")
    },
    field("record_id", FieldType::Integer, "Number of the event within the session"),
    field("time", FieldType::Date, "When the event happened"),
    Field {
        values: KnownValues::OneOf(EVENT_TYPES),
        ..text("type", "Kind of event: command, file_transfer, window_title, screen.content…")
    },
];

static EVENTS: Schema = Schema::new(&EVENT_FIELDS, &[], &["content"]);
