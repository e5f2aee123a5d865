//! The session search, one module per job: the page's URL state ([`url_state`]),
//! the table's columns and sort ([`columns`]), paging within the API's limits
//! ([`paging`]), reading cells from session bodies ([`cells`]), a cell as text for
//! the table and the CSV ([`cell_text`]), times and durations ([`times`]), and
//! narrowing the query from a cell ([`narrowing`]).

pub mod cell_text;
pub mod cells;
pub mod columns;
pub mod narrowing;
pub mod paging;
pub mod times;
pub mod url_state;

// The session search and session pages import these from here.
pub use cells::{cell, Cell};
pub use columns::{default_columns, Column, Kind, Sort, COLUMNS};
pub use narrowing::{active_query, narrowed};
pub use paging::{unreadable_note, Paging, PAGE_SIZES};
pub use url_state::{basis, resolve, Basis, SearchState, KEYS};
