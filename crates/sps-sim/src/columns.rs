//! A session field's fast column in one segment, read as order-preserving `u64` keys.
//!
//! Stats, sorting and the histogram read values straight from the columns (no stored
//! documents): text values are the segment's term ordinals (sorted like the text), and
//! numbers, booleans and instants are mapped to `u64` keeping their order. A key is
//! turned back into the value's text only for the few values an answer shows.

use sps_api::Timestamp;
use sps_query::{Field, FieldType};
use tantivy::columnar::{Cardinality, Column, StrColumn};
use tantivy::{f64_to_u64, i64_to_u64, u64_to_f64, u64_to_i64, DocId, SegmentReader};

/// The values of one field in one segment.
pub enum FieldColumn {
    /// Text: term ordinals into the segment's dictionary.
    Text(StrColumn),
    /// Integers (as `f64`, the query language's numbers).
    Number(Column<f64>),
    /// Booleans.
    Flag(Column<bool>),
    /// Instants, epoch milliseconds.
    Instant(Column<i64>),
}

impl FieldColumn {
    /// The column of `def` in `segment`; `None` when no session of the segment has a
    /// value for it.
    pub fn open(segment: &SegmentReader, def: &Field) -> tantivy::Result<Option<Self>> {
        let fast = segment.fast_fields();
        Ok(match def.ty {
            FieldType::Text => fast.str(def.name)?.map(FieldColumn::Text),
            FieldType::Integer => fast.column_opt::<f64>(def.name)?.map(FieldColumn::Number),
            FieldType::Boolean => fast.column_opt::<bool>(def.name)?.map(FieldColumn::Flag),
            FieldType::Date => fast.column_opt::<i64>(def.name)?.map(FieldColumn::Instant),
        })
    }

    /// Calls `each` with the key of every value `doc` has.
    #[inline]
    pub fn for_each_key(&self, doc: DocId, mut each: impl FnMut(u64)) {
        match self {
            FieldColumn::Text(column) => column.term_ords(doc).for_each(each),
            FieldColumn::Number(column) => column.values_for_doc(doc).for_each(|v| each(f64_to_u64(v))),
            FieldColumn::Flag(column) => column.values_for_doc(doc).for_each(|v| each(u64::from(v))),
            FieldColumn::Instant(column) => column.values_for_doc(doc).for_each(|v| each(i64_to_u64(v))),
        }
    }

    /// The key of `doc`'s first value.
    #[inline]
    pub fn first_key(&self, doc: DocId) -> Option<u64> {
        match self {
            FieldColumn::Text(column) => column.ords().first(doc),
            FieldColumn::Number(column) => column.first(doc).map(f64_to_u64),
            FieldColumn::Flag(column) => column.first(doc).map(u64::from),
            FieldColumn::Instant(column) => column.first(doc).map(i64_to_u64),
        }
    }

    /// Whether every session has at most one value (keys can be read in blocks).
    pub fn is_single_valued(&self) -> bool {
        let cardinality = match self {
            FieldColumn::Text(column) => column.ords().get_cardinality(),
            FieldColumn::Number(column) => column.get_cardinality(),
            FieldColumn::Flag(column) => column.get_cardinality(),
            FieldColumn::Instant(column) => column.get_cardinality(),
        };
        cardinality != Cardinality::Multivalued
    }

    /// The keys of the first values of `docs` into `keys` (cleared first), read as one
    /// block: much faster than document by document on a million sessions.
    pub fn first_keys(&self, docs: &[DocId], keys: &mut Vec<Option<u64>>) {
        keys.clear();
        keys.resize(docs.len(), None);
        match self {
            FieldColumn::Text(column) => column.ords().first_vals(docs, keys),
            FieldColumn::Number(column) => block_keys(column, docs, keys, f64_to_u64),
            FieldColumn::Flag(column) => block_keys(column, docs, keys, u64::from),
            FieldColumn::Instant(column) => block_keys(column, docs, keys, i64_to_u64),
        }
    }

    /// Whether keys compare across segments (all but text ordinals).
    pub fn keys_are_global(&self) -> bool {
        !matches!(self, FieldColumn::Text(_))
    }

    /// How many distinct text values the segment has (0 for other types).
    pub fn dictionary_len(&self) -> usize {
        match self {
            FieldColumn::Text(column) => column.dictionary().num_terms(),
            _ => 0,
        }
    }

    /// The value of a key as the API writes it: text as written, whole numbers without
    /// a fraction, `true`/`false`, instants in ISO 8601 UTC.
    pub fn render(&self, key: u64) -> String {
        match self {
            FieldColumn::Text(column) => {
                let mut text = String::new();
                match column.ord_to_str(key, &mut text) {
                    Ok(true) => text,
                    _ => String::new(),
                }
            }
            FieldColumn::Number(_) => format_number(u64_to_f64(key)),
            FieldColumn::Flag(_) => (key != 0).to_string(),
            FieldColumn::Instant(_) => {
                Timestamp::from_epoch_millis(u64_to_i64(key)).map(Timestamp::to_rfc3339).unwrap_or_default()
            }
        }
    }
}

fn block_keys<T>(column: &Column<T>, docs: &[DocId], keys: &mut [Option<u64>], key: impl Fn(T) -> u64)
where
    T: PartialOrd + Copy + std::fmt::Debug + Send + Sync + 'static,
{
    let mut values = vec![None; docs.len()];
    column.first_vals(docs, &mut values);
    keys.iter_mut().zip(values).for_each(|(k, v)| *k = v.map(&key));
}

/// A number as JSON would print it: `300`, not `300.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
