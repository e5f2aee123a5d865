//! The session search, one module per job: the page's URL state ([`url_state`]),
//! the table's columns and sort ([`columns`]), paging within the API's limits
//! ([`paging`]), reading cells from session bodies ([`cells`]), a cell as text for
//! the table and the CSV ([`cell_text`], with the times of `format`), and narrowing
//! the query from a cell ([`narrowing`]).

pub mod cell_text;
pub mod cells;
pub mod columns;
pub mod narrowing;
pub mod paging;
pub mod url_state;
