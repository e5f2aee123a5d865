//! Attacker-controlled text (recorded commands, window titles, usernames) made safe
//! to show: every piece is rendered as a text node, and this module decides what the
//! pieces are.
//!
//! - [`safe`]: control characters, ANSI escape sequences, bidi overrides and
//!   invisible characters become visible, inert markers; long text is cut with a
//!   count of what was left out.
//! - [`prompt`]: a recorded command line split into the shell prompt and the command.
//! - [`regex`]: regex-lite (linear-time), bounded, for highlighting
//!   what a content policy matched (no backtracking, bounded program size).
//! - [`alert_match`]: the ranges of a text a pattern matches, with a literal fallback.
//! - [`terms`]: the words a content search (or an events filter) looks for, found
//!   again in an event's text.

pub mod alert_match;
pub mod prompt;
pub mod regex;
pub mod safe;
pub mod terms;
