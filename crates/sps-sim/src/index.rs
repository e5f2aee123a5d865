//! The search index: its schema, how a session becomes a document, and building or
//! opening it.
//!
//! Every field of `Schema::sessions()` gets an index field of its type so that queries
//! run on the engine (see [`crate::query`]):
//! - text: one lower-cased token holding the whole value (a keyword: matching ignores
//!   case, as `sps_query`'s evaluation does), plus a fast column of the value as written
//!   for stats and sorting;
//! - integer: `f64` (the query language compares numbers as such) and date: `i64`
//!   epoch milliseconds, columns only (fast fields): the engine answers ranges, and
//!   equality as a one-value range, from the column, and a term dictionary of a million
//!   distinct instants would only slow indexing down; boolean: `bool`, indexed (two
//!   terms) and fast.
//!
//! Internal fields start with `_`: the id, the stored body and event recipe, the
//! insertion order (`_seq`, which "first" means), the time span with active sessions
//! extended to the store's "now" (`_start`, `_end`), the names of the fields that hold
//! a value (`_present`, for `field:*`), and `_content`: the distinct lines of the
//! session's events as analysed full text (words of letters and digits, lower-cased,
//! the same words `sps_query` matches), for content search.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sps_query::{bool_of, instant_of, number_of, text_of, values_at, FieldType, Schema as QuerySchema};
use tantivy::merge_policy::NoMergePolicy;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::error::SimResult;
use crate::events::EventContext;
use crate::session::Session;

/// Tokenizer of keyword fields: the whole value, lower-cased.
const KEYWORD: &str = "sim_keyword";
/// Tokenizer of `_content`: words of letters and digits, lower-cased.
const WORDS: &str = "sim_words";

/// A session with the text its content search matches.
#[derive(Debug, Clone)]
pub struct SessionDocument {
    /// The session.
    pub session: Session,
    /// The `content` of its events (duplicates are indexed once).
    pub content: Vec<String>,
}

impl SessionDocument {
    /// The session with the content of its events, as of `now` for active sessions.
    pub fn new(session: Session, now: DateTime<Utc>) -> Self {
        let context = EventContext::of(&session.body, session.start, session.end.unwrap_or(now));
        let content = session.events.events(&context).into_iter().filter_map(|e| e.content).collect();
        SessionDocument { session, content }
    }
}

/// The index fields: internal ones by purpose, the query language's by name.
#[derive(Debug, Clone)]
pub struct IndexFields {
    /// `_id`: the session id, exact.
    pub id: Field,
    /// `_body`: the body as JSON text (stored only).
    pub body: Field,
    /// `_events`: the [`crate::events::EventSource`] as JSON (stored only).
    pub events: Field,
    /// `_seq`: insertion order.
    pub seq: Field,
    /// `_start`: start, epoch milliseconds.
    pub start: Field,
    /// `_end`: end, or the store's "now" for active sessions, epoch milliseconds.
    pub end: Field,
    /// `_present`: names of the session fields that hold a value.
    pub present: Field,
    /// `_content`: the events' content as full text.
    pub content: Field,
    by_name: HashMap<&'static str, Field>,
}

impl IndexFields {
    /// The index field of a session field (canonical name).
    pub fn session_field(&self, name: &str) -> Option<Field> {
        self.by_name.get(name).copied()
    }
}

/// The schema and its field handles.
fn schema() -> (Schema, IndexFields) {
    let mut builder = Schema::builder();
    let keyword = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(KEYWORD)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        )
        .set_fast("raw");
    let numeric = NumericOptions::default().set_fast();
    let mut by_name = HashMap::new();
    for def in QuerySchema::sessions().fields() {
        let field = match def.ty {
            FieldType::Text => builder.add_text_field(def.name, keyword.clone()),
            FieldType::Integer => builder.add_f64_field(def.name, numeric.clone()),
            FieldType::Boolean => builder.add_bool_field(def.name, numeric.clone().set_indexed()),
            FieldType::Date => builder.add_i64_field(def.name, numeric.clone()),
        };
        by_name.insert(def.name, field);
    }
    let content = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
            .set_fieldnorms(false),
    );
    let fields = IndexFields {
        id: builder.add_text_field("_id", STRING | STORED),
        body: builder.add_text_field("_body", STORED),
        events: builder.add_text_field("_events", STORED),
        seq: builder.add_u64_field("_seq", FAST),
        start: builder.add_i64_field("_start", FAST),
        end: builder.add_i64_field("_end", FAST),
        present: builder.add_text_field("_present", STRING),
        content: builder.add_text_field("_content", content),
        by_name,
    };
    (builder.build(), fields)
}

fn register_tokenizers(index: &Index) {
    index.tokenizers().register(KEYWORD, TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build());
    index.tokenizers().register(WORDS, TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).build());
}

/// The built index, its reader, and the instant it treats as "now". Clones share
/// the index.
#[derive(Clone)]
pub struct SessionIndex {
    index: Index,
    reader: IndexReader,
    fields: IndexFields,
    now: DateTime<Utc>,
}

impl std::fmt::Debug for SessionIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionIndex").field("now", &self.now).field("sessions", &self.len()).finish()
    }
}

/// Indexing memory per writer thread: large enough that a million sessions end up in
/// a handful of segments.
const WRITER_MEMORY_PER_THREAD: usize = 400_000_000;

impl SessionIndex {
    /// Indexes `documents` in memory (tests, small stores); one writer thread, so
    /// document order is insertion order.
    pub fn in_memory(documents: impl IntoIterator<Item = SessionDocument>, now: DateTime<Utc>) -> SimResult<Self> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        Self::fill(index, fields, documents, now, 1)
    }

    /// Indexes `documents` into the empty directory `dir`, with up to `threads` writers.
    pub fn create_in_dir(
        dir: &Path,
        documents: impl IntoIterator<Item = SessionDocument>,
        now: DateTime<Utc>,
        threads: usize,
    ) -> SimResult<Self> {
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        Self::fill(index, fields, documents, now, threads)
    }

    /// Opens an index that [`SessionIndex::create_in_dir`] built; fails when its schema
    /// is not this version's.
    pub fn open_dir(dir: &Path, now: DateTime<Utc>) -> SimResult<Self> {
        let (schema, fields) = schema();
        let index = Index::open_in_dir(dir)?;
        if index.schema() != schema {
            return Err(tantivy::TantivyError::SchemaError("the index was built with another schema".into()).into());
        }
        Self::ready(index, fields, now)
    }

    fn fill(
        index: Index,
        fields: IndexFields,
        documents: impl IntoIterator<Item = SessionDocument>,
        now: DateTime<Utc>,
        threads: usize,
    ) -> SimResult<Self> {
        register_tokenizers(&index);
        let threads = threads.max(1);
        let mut writer: IndexWriter = index.writer_with_num_threads(threads, WRITER_MEMORY_PER_THREAD * threads)?;
        // Written once, read many times: merging segments would only delay start-up.
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for (seq, document) in documents.into_iter().enumerate() {
            writer.add_document(to_document(&fields, document, seq as u64, now))?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        Self::ready(index, fields, now)
    }

    fn ready(mut index: Index, fields: IndexFields, now: DateTime<Utc>) -> SimResult<Self> {
        register_tokenizers(&index);
        // Segments are searched in parallel; two threads suit the 2-core machines.
        index.set_multithread_executor(2)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SessionIndex { index, reader, fields, now })
    }

    /// The field handles.
    pub fn fields(&self) -> &IndexFields {
        &self.fields
    }

    /// A searcher over the committed sessions.
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The instant active sessions last until.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// How many sessions the index holds.
    pub fn len(&self) -> u64 {
        self.searcher().num_docs()
    }

    /// Whether the index holds no session.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The analyser of `_content`, to cut query text into the words the index holds.
    pub fn content_words(&self, text: &str) -> Vec<String> {
        let mut analyzer =
            self.index.tokenizers().get(WORDS).unwrap_or_else(|| TextAnalyzer::from(SimpleTokenizer::default()));
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        stream.process(&mut |token| words.push(token.text.clone()));
        words
    }
}

/// The index document of one session.
fn to_document(fields: &IndexFields, document: SessionDocument, seq: u64, now: DateTime<Utc>) -> TantivyDocument {
    let SessionDocument { session, content } = document;
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.id, &session.id);
    doc.add_text(fields.body, session.body.to_string());
    doc.add_text(fields.events, serde_json::to_string(&session.events).unwrap_or_default());
    doc.add_u64(fields.seq, seq);
    doc.add_i64(fields.start, session.start.timestamp_millis());
    doc.add_i64(fields.end, session.end.unwrap_or(now).max(session.start).timestamp_millis());
    let schema = QuerySchema::sessions();
    for def in schema.fields() {
        let Some(field) = fields.session_field(def.name) else { continue };
        let values: Vec<&Value> =
            record_names(schema, def.name).iter().flat_map(|name| values_at(&session.body, name)).collect();
        if values.is_empty() {
            continue;
        }
        doc.add_text(fields.present, def.name);
        for value in values {
            match def.ty {
                FieldType::Text => text_of(value).into_iter().for_each(|t| doc.add_text(field, t)),
                FieldType::Integer => number_of(value).into_iter().for_each(|n| doc.add_f64(field, n)),
                FieldType::Boolean => bool_of(value).into_iter().for_each(|b| doc.add_bool(field, b)),
                FieldType::Date => instant_of(value).into_iter().for_each(|t| doc.add_i64(field, t)),
            }
        }
    }
    let mut seen = HashSet::new();
    for line in content.iter().filter(|line| seen.insert(line.as_str())) {
        doc.add_text(fields.content, line);
    }
    doc
}

/// Every name under which a body may hold the field `canonical`: the name itself and
/// its alias spellings (`psm.content_reference_id` for `recording.content_reference_id`).
fn record_names(schema: &QuerySchema, canonical: &str) -> Vec<String> {
    let mut names = vec![canonical.to_owned()];
    for alias in schema.aliases() {
        if let Some(rest) = canonical.strip_prefix(alias.target) {
            names.push(format!("{}{rest}", alias.prefix));
        }
    }
    names
}
