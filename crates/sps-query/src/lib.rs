//! SPS's Lucene-style query language (the `q` parameter of every search endpoint):
//! parse, print, build, validate, complete, colour and evaluate. No web dependencies; the
//! composer, the chart drill-downs and the stand-in server all use this crate.
//!
//! # Grammar
//!
//! ```text
//! query     = [ list ] ;
//! list      = clause { [ "AND" | "&&" | "OR" | "||" ] clause } ;   (* no operator = OR *)
//! clause    = { "NOT" | "!" | "-" | "+" } primary ;
//! primary   = "(" list ")"
//!           | field ":" ( value | "(" list ")" )          (* a field group: values only *)
//!           | value ;
//! field     = word ;                                       (* dotted: user.gateway_username *)
//! value     = word | phrase | range | comparison ;
//! word      = { char | "\" any-char }- | date-time ;       (* unescaped * and ? make a wildcard *)
//! date-time = YYYY-MM-DD "T" hh:mm [ :ss [ .fff ] ] [ "Z" | ±hh[[:]mm] ] ;   (* one word, colons and all *)
//! phrase    = '"' { any-char-but-quote | "\" any-char } '"' ;
//! range     = ( "[" | "{" ) end "TO" end ( "]" | "}" ) ;   (* [ ] inclusive, { } exclusive *)
//! end       = "*" | bare-text | phrase ;                   (* bare "*" = open end *)
//! comparison = ( ">" | ">=" | "<" | "<=" ) ( word | phrase | date-time ) ;   (* no space after the operator *)
//! ```
//!
//! Operators are upper case only (`and` is a word; [`check`] warns about it). A word
//! ends at whitespace or one of `( ) : " [ ] { } ^ ~ / !`; `+` and `-` are prefixes at
//! the start of a clause and ordinary characters inside a word (`ls -la` is `ls` then
//! NOT `la`, `a-b` one word), and so are `<` and `>` (`a<b` is one word). `&&` and `||`
//! are operators only standing alone. Lucene's `^` boosts, `~` fuzziness and `/regex/`
//! are rejected with a message, as are nested fields (`a:b:c`: quote or escape the
//! value, `a:"b:c"` or `a:b\:c`). Every error and diagnostic carries its span and its
//! [`Position`] (line and column; messages name the line when the query has several).
//!
//! # Meaning
//!
//! SPS hands `q` to a search backend that reads it as Lucene's classic QueryParser with
//! OR as the default operator (Elasticsearch's `query_string`), and so does this crate:
//!
//! - **No AND-over-OR precedence.** Each parenthesis level is one list of clauses; AND
//!   makes the clause before it and the clause after it required, OR and juxtaposition
//!   leave them optional. When a list has a required clause its optional ones filter
//!   nothing ([`Query::ignored_clauses`]): `a AND b OR c` means `a AND b`, `a OR b AND
//!   c` means `b AND c`, `a AND b c AND d` means all four. [`check`] warns about a level
//!   that mixes AND with OR where reading AND first would mean something else, saying
//!   how SPS reads it and what to write for the other meaning (`(a AND b) OR c`).
//!   Parentheses group.
//! - **Implicit operator: OR.** `a b` means `a OR b`, as in Lucene's default and SPS's
//!   docs (`content:(sudo rm)` is "any of the values").
//! - **Prefixes follow Lucene** inside one list: `-x`, `!x` and `NOT x` exclude `x`
//!   from the whole list, `+x` requires it. So `error -debug`, `error NOT debug` and
//!   `error OR NOT debug` all mean `error AND NOT debug`, which is what SPS returns. A
//!   list of exclusions only, such as a parenthesised `(NOT x)`, matches everything but
//!   them: `a OR (NOT x)` is "a, or anything but x". The parser resolves all this, so
//!   the [`Expr`] tree is plain boolean logic.
//! - `field:(a b "c d")` applies `field` to every value inside: `field:a OR field:b OR
//!   field:"c d"`.
//! - **Comparisons** are one-sided ranges, as in Elasticsearch: `duration:>10` is
//!   `duration:{10 TO *]`, `>=10` is `[10 TO *]`, `<10` is `[* TO 10}`, `<=10` is
//!   `[* TO 10]`; the value may be a word, a phrase (`fou:<"200"` is one clause) or a
//!   date-time. [`check`] refuses them on text fields (quote the value to search for the
//!   text: `content:"<script>"`) and without a field. A backslash cannot keep a leading
//!   `<` or `>` literal in SPS's search, so `\>5` is an error that says to quote it.
//! - **Dates**: date fields take `2017-01-25`, `2017-01-25T10:00:00Z` (unquoted, with
//!   optional seconds, fraction and zone) or epoch milliseconds, as terms, range ends
//!   and comparisons.
//! - Matching (see [`Query::matches`]): keyword text fields equal the whole value,
//!   ignoring case, and wildcards match the whole value; full-text fields (events'
//!   `content`) match consecutive words; clauses without a field are case-insensitive
//!   substrings of the default fields (events: `content`; sessions: every text field).
//!   Numbers and dates compare as such; ranges are inclusive with `[ ]`, exclusive with `{ }`.
//!
//! # Printing
//!
//! [`Query::print`] writes explicit operators and never a level that mixes AND and OR:
//! an AND list inside an OR list is parenthesised and vice versa, and so is a NOT inside
//! an OR list or inside another NOT (`NOT (NOT a)`). The printed text therefore means
//! the same under Lucene's classic reading (with OR or AND as default operator) and
//! under AND-over-OR precedence; the builder, click-to-filter and suggestions all go
//! through it. Comparisons print as ranges; an unquoted date-time prints with its colons
//! escaped (`2017-01-25T10\:00\:00Z`), which Lucene's classic parser reads as one term;
//! `-` and `+` are escaped only at the start of a word. `parse(print(q))` gives `q` back.
//! Typed text is sent as typed, except where this crate is more lenient than Lucene's
//! classic parser (an unquoted date-time, `fou:<"200"`): [`sendable`] writes just those
//! spots the printer's way.
//!
//! # Escaping
//!
//! A backslash makes the next character literal: `\*`, `\:`, `\ ` (a space inside one
//! word), `\\`. Inside quotes only `\"` and `\\` are needed; `*` and `?` are literal
//! there. [`escape_value`] escapes everything that could be syntax and quotes values with
//! `<`, `>` or `=`, so the builder's and completion's values mean exactly themselves.
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
//! // As SPS reads it: AND makes both neighbours required, so `c` filters nothing.
//! assert_eq!(parse("a AND b OR c")?.print(), "a AND b");
//! assert_eq!(check("a AND b OR c", Schema::sessions())[0].severity, Severity::Warning);
//! assert_eq!(parse("duration:>=60")?.print(), "duration:[60 TO *]");
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
mod sendable;
mod span;
mod suggest;
mod text_match;
mod validate;

pub use ast::{Bound, Clause, Endpoint, Expr, FieldRef, MixedLevel, Pattern, PatternPart, Query, Range, Value};
pub use complete::{complete, Candidate, CandidateKind, Completion, Expected};
pub use error::{ParseError, ParseErrorKind};
pub use escape::escape_value;
pub use highlight::{highlight, Highlight, TokenClass};
pub use literal::{bool_of, instant_of, number_of, parse_bool, parse_number, parse_period, Period};
pub use parser::{parse, MAX_DEPTH};
pub use record::{text_of, values_at};
pub use schema::{Alias, Field, FieldType, KnownValues, Schema};
pub use sendable::sendable;
pub use span::{Position, Span};
pub use text_match::Glob;
pub use validate::{check, validate, Diagnostic, DiagnosticKind, Severity};
