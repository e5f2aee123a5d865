//! Narrowing the query from the table: a click on a value adds `field:value`, the
//! active-session badge adds `active:true`.

use sps_query::builder::{add_clause, term};

use crate::state::search::cells::Cell;

/// The query values a click on the cell filters by (text, flags, numbers, each
/// list item); times and durations are not filters.
pub fn filter_values(cell: &Cell) -> Vec<String> {
    match cell {
        Cell::Text(t) | Cell::Number(t) => vec![t.clone()],
        Cell::Flag(b) => vec![b.to_string()],
        Cell::List(items) => items.clone(),
        Cell::Missing | Cell::Time(_) | Cell::Seconds(_) => Vec::new(),
    }
}

/// `q` narrowed to `field:value` (the value escaped); `None` when `q` does not parse.
pub fn narrowed(q: &str, field: &str, value: &str) -> Option<String> {
    add_clause(q, &term(field, value)).ok()
}

/// The query of the active-session badge: `q` and `active:true`.
pub fn active_query(q: &str) -> Option<String> {
    narrowed(q, "active", "true")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sps_query::Schema;

    #[test]
    fn clicks_narrow_the_query_with_escaped_values() {
        assert_eq!(narrowed("", "user.gateway_username", "a b").as_deref(), Some("user.gateway_username:a\\ b"));
        assert_eq!(
            narrowed("protocol:ssh OR protocol:rdp", "verdict", "ACCEPT").as_deref(),
            Some("(protocol:ssh OR protocol:rdp) AND verdict:ACCEPT")
        );
        assert_eq!(narrowed("protocol:(ssh", "verdict", "x"), None);
        assert_eq!(active_query("").as_deref(), Some("active:true"));
        assert_eq!(filter_values(&Cell::Seconds(3)), Vec::<String>::new());
        assert_eq!(filter_values(&Cell::Flag(true)), vec!["true"]);
        let q = narrowed("", "user.gateway_username", "<script>alert(1)</script>").unwrap();
        assert!(crate::state::query::query_error(&q, Schema::sessions()).is_none(), "{q}");
    }

    proptest! {
        #[test]
        fn any_cell_value_narrows_to_a_valid_query(value in "\\PC{0,30}") {
            let q = narrowed("protocol:ssh", "user.gateway_username", &value).unwrap();
            prop_assert!(crate::state::query::query_error(&q, Schema::sessions()).is_none(), "{}", q);
        }
    }
}
