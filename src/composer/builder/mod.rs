//! The builder's model: a query as rows (field, operator, value) in groups joined by
//! AND or OR.
//!
//! [`from_text`] shows a query as rows only when writing the rows back gives exactly
//! the same query; anything else stays in text mode with the reason ([`Unsupported`]),
//! so switching modes never rewrites a query behind the user's back.

mod read;
mod write;

pub use read::{from_text, Unsupported, MAX_LEVELS};
pub use write::{to_query, to_text, Incomplete};

/// How the items of a group combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Every item must match (AND).
    All,
    /// At least one item must match (OR).
    Any,
}

impl Join {
    /// The operator's word, `AND` or `OR`.
    pub fn word(self) -> &'static str {
        match self {
            Join::All => "AND",
            Join::Any => "OR",
        }
    }
}

/// Rows and nested groups joined one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// How the items combine.
    pub join: Join,
    /// The conditions.
    pub items: Vec<Item>,
}

impl Group {
    /// A group with no conditions (the empty query at the top).
    pub fn empty() -> Self {
        Group { join: Join::All, items: Vec::new() }
    }
}

/// One entry of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A condition on one field.
    Row(Row),
    /// A parenthesised group.
    Group(Group),
}

/// A condition on one field (`""`: the default fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The field name as written; empty for "any field".
    pub field: String,
    /// What the field is compared with.
    pub condition: Condition,
}

impl Row {
    /// A fresh row on `field`: "is", no value yet.
    pub fn new(field: &str) -> Self {
        Row { field: field.to_owned(), condition: Condition::Is(Literal::default()) }
    }
}

/// The operator of a row and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// `field:value`.
    Is(Literal),
    /// `NOT field:value`.
    IsNot(Literal),
    /// `field:(a OR b …)`.
    OneOf(Vec<Literal>),
    /// `field:pattern`: `*` and `?` are wildcards, `\` makes the next character literal.
    Matches(String),
    /// `field:[lower TO upper]`.
    Between {
        /// The lower end.
        lower: End,
        /// The upper end.
        upper: End,
    },
}

/// The operators a row offers, in menu order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// [`Condition::Is`].
    Is,
    /// [`Condition::IsNot`].
    IsNot,
    /// [`Condition::OneOf`].
    OneOf,
    /// [`Condition::Matches`].
    Matches,
    /// [`Condition::Between`].
    Between,
}

impl Op {
    /// Every operator, in menu order.
    pub const ALL: [Op; 5] = [Op::Is, Op::IsNot, Op::OneOf, Op::Matches, Op::Between];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Op::Is => "is",
            Op::IsNot => "is not",
            Op::OneOf => "is one of",
            Op::Matches => "matches wildcard",
            Op::Between => "between",
        }
    }

    /// A stable key for `<option value>`.
    pub fn key(self) -> &'static str {
        match self {
            Op::Is => "is",
            Op::IsNot => "is-not",
            Op::OneOf => "one-of",
            Op::Matches => "matches",
            Op::Between => "between",
        }
    }

    /// The operator with [`Op::key`] `key`.
    pub fn from_key(key: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.key() == key)
    }
}

impl Condition {
    /// Its operator.
    pub fn op(&self) -> Op {
        match self {
            Condition::Is(_) => Op::Is,
            Condition::IsNot(_) => Op::IsNot,
            Condition::OneOf(_) => Op::OneOf,
            Condition::Matches(_) => Op::Matches,
            Condition::Between { .. } => Op::Between,
        }
    }

    /// The first value, as the user sees it, to carry over to another operator.
    fn first_text(&self) -> String {
        match self {
            Condition::Is(l) | Condition::IsNot(l) => l.text.clone(),
            Condition::OneOf(values) => values.first().map(|l| l.text.clone()).unwrap_or_default(),
            Condition::Matches(pattern) => pattern.clone(),
            Condition::Between { lower, .. } => lower.value.clone().unwrap_or_default(),
        }
    }

    /// The same row with operator `op`, keeping the value typed so far.
    pub fn with_op(&self, op: Op) -> Condition {
        if op == self.op() {
            return self.clone();
        }
        let literal = match self {
            Condition::Is(l) | Condition::IsNot(l) => l.clone(),
            Condition::OneOf(values) => values.first().cloned().unwrap_or_default(),
            _ => Literal::default().edited(&self.first_text()),
        };
        match op {
            Op::Is => Condition::Is(literal),
            Op::IsNot => Condition::IsNot(literal),
            Op::OneOf => match self {
                Condition::OneOf(values) => Condition::OneOf(values.clone()),
                _ => Condition::OneOf(vec![literal]),
            },
            Op::Matches => Condition::Matches(self.first_text()),
            Op::Between => {
                let lower = Some(self.first_text()).filter(|t| !t.is_empty());
                Condition::Between { lower: End { value: lower, inclusive: true }, upper: End::open() }
            }
        }
    }
}

/// A value compared as is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Literal {
    /// The value, without quotes or escapes.
    pub text: String,
    /// Written as a `"phrase"` rather than an escaped word.
    pub quoted: bool,
}

impl Literal {
    /// A literal written as an escaped word.
    pub fn word(text: &str) -> Self {
        Literal { text: text.to_owned(), quoted: false }
    }

    /// This value after the user typed `text` over it: a phrase if it was one or now
    /// holds whitespace (`"db 01"` reads better than `db\ 01`).
    pub fn edited(&self, text: &str) -> Self {
        let quoted = (self.quoted && !text.is_empty()) || text.contains(char::is_whitespace);
        Literal { text: text.to_owned(), quoted }
    }
}

/// One end of a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct End {
    /// The value; `None` for an open end (`*`).
    pub value: Option<String>,
    /// Whether the value itself is in the range (`[` `]` rather than `{` `}`).
    pub inclusive: bool,
}

impl End {
    /// An open end.
    pub fn open() -> Self {
        End { value: None, inclusive: true }
    }

    /// This end after the user typed `text` (empty: open).
    pub fn edited(&self, text: &str) -> Self {
        End { value: (!text.is_empty()).then(|| text.to_owned()), inclusive: self.inclusive }
    }
}

#[cfg(test)]
mod tests;
