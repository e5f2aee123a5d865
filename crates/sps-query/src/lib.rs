//! SPS's Lucene-style query language (the `q` parameter of every search endpoint):
//! parse, print, build, validate, complete, colour and evaluate. No web dependencies; the
//! composer, the chart drill-downs and the stand-in server all use this crate.
//!
//! # Grammar
//!
//! ```text
//! query     = [ or_list ] ;
//! or_list   = and_list { [ "OR" | "||" ] and_list } ;        (* no operator = OR *)
//! and_list  = unary { ( "AND" | "&&" ) unary } ;
//! unary     = ( "NOT" | "!" | "-" | "+" ) unary | primary ;
//! primary   = "(" or_list ")"
//!           | field ":" ( value | "(" or_list ")" )         (* a field group: values only *)
//!           | value ;
//! field     = word ;                                        (* dotted: user.gateway_username *)
//! value     = word | phrase | range ;
//! word      = { char | "\" any-char }- ;                    (* unescaped * and ? make a wildcard *)
//! phrase    = '"' { any-char-but-quote | "\" any-char } '"' ;
//! range     = ( "[" | "{" ) end "TO" end ( "]" | "}" ) ;    (* [ ] inclusive, { } exclusive *)
//! end       = "*" | bare-text | phrase ;                    (* bare "*" = open end *)
//! ```
//!
//! Operators are upper case only (`and` is a word; [`check`] warns about it). A word
//! ends at whitespace or one of `( ) : " [ ] { } ^ ~ / !`; `+` and `-` are prefixes at
//! the start of a clause and ordinary characters inside a word (`ls -la` is `ls` then
//! NOT `la`, `a-b` one word). `&&` and `||` are operators only standing alone.
//! Lucene's `^` boosts, `~` fuzziness and `/regex/` are rejected with a message.
//!
//! # Meaning
//!
//! - **Precedence** NOT > AND > OR; parentheses group. `a OR b AND c` is `a OR (b AND c)`.
//! - **Implicit operator: OR.** `a b` means `a OR b`, as in Lucene's default and SPS's
//!   docs (`content:(sudo rm)` is "any of the values").
//! - **Prefixes follow Lucene** inside one OR-level list: `-x`, `!x` and `NOT x` exclude
//!   `x` from the whole list, `+x` requires it. So `error -debug`, `error NOT debug` and
//!   `error OR NOT debug` all mean `error AND NOT debug`, which is what SPS returns. When a
//!   list has a `+required` clause its plain clauses are optional and filter nothing
//!   ([`Query::ignored_clauses`]). A parenthesised `(NOT x)` is a clause of its own:
//!   `a OR (NOT x)` is "a, or anything but x". The parser resolves all this, so the
//!   [`Expr`] tree is plain boolean logic and prints with explicit operators.
//! - `field:(a b "c d")` applies `field` to every value inside: `field:a OR field:b OR
//!   field:"c d"`.
//! - Matching (see [`Query::matches`]): keyword text fields equal the whole value,
//!   ignoring case, and wildcards match the whole value; full-text fields (events'
//!   `content`) match consecutive words; clauses without a field are case-insensitive
//!   substrings of the default fields (events: `content`; sessions: every text field).
//!   Numbers and dates compare as such; ranges are inclusive with `[ ]`, exclusive with `{ }`.
//!
//! # Escaping
//!
//! A backslash makes the next character literal: `\*`, `\:`, `\ ` (a space inside one
//! word), `\\`. Inside quotes only `\"` and `\\` are needed; `*` and `?` are literal
//! there. [`escape_value`] escapes everything that could be syntax, so the builder's and
//! completion's values mean exactly themselves.
//!
//! # Example
//!
//! ```
//! use sps_query::{builder, check, parse, Schema, Severity};
//! use serde_json::json;
//!
//! let query = parse("(content:rm OR content:mv) AND channels_id:5")?;
//! assert_eq!(query.print(), "content:(rm OR mv) AND channels_id:5");
//!
//! let event = json!({"content": "root@host:~# rm -rf /tmp/x", "channels_id": "5"});
//! assert!(query.matches(&event, Schema::events()));
//!
//! let narrowed = builder::add_clause("protocol:ssh OR protocol:rdp", &builder::term("user.gateway_username", "alice"))?;
//! assert_eq!(narrowed, "(protocol:ssh OR protocol:rdp) AND user.gateway_username:alice");
//!
//! let diagnostics = check("duration:abc", Schema::sessions());
//! assert_eq!(diagnostics[0].severity, Severity::Error);
//! assert_eq!(diagnostics[0].message, "`duration` is a number: `abc` is not");
//! # Ok::<(), sps_query::ParseError>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ast;
pub mod builder;
mod complete;
mod error;
mod escape;
mod eval;
mod highlight;
mod lexer;
mod literal;
mod parser;
mod print;
mod record;
mod schema;
mod span;
mod suggest;
mod text_match;
mod validate;

pub use ast::{Bound, Clause, Endpoint, Expr, FieldRef, Pattern, PatternPart, Query, Range, Value};
pub use complete::{complete, Candidate, CandidateKind, Completion, Expected};
pub use error::{ParseError, ParseErrorKind};
pub use escape::escape_value;
pub use highlight::{highlight, Highlight, TokenClass};
pub use literal::{bool_of, instant_of, number_of, parse_bool, parse_number, parse_period, Period};
pub use parser::{parse, MAX_DEPTH};
pub use record::{text_of, values_at};
pub use schema::{Alias, Field, FieldType, KnownValues, Schema};
pub use span::Span;
pub use text_match::Glob;
pub use validate::{check, validate, Diagnostic, DiagnosticKind, Severity};
