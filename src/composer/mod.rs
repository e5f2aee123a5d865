//! The query composer's logic, kept free of the browser so `cargo test` covers it:
//! colouring the text, completing at the cursor, the builder's rows, and the history
//! of queries. The component in `components::composer` only wires these to the DOM.

pub mod builder;
pub mod cache;
pub mod completion;
pub mod offsets;
pub mod overlay;
pub mod store;
