//! The cargo-fuzz corpus (`fuzz/corpus/query`) on stable: every input goes through
//! the fuzz target's own checks (`fuzz/fuzz_targets/exercise.rs`), so the inputs that
//! once found a bug, or reach deep into the parser, stay covered without nightly.

use std::fs;
use std::path::Path;

use sps_query::{check, complete, parse, Schema};

include!("../fuzz/fuzz_targets/exercise.rs");

#[test]
fn every_corpus_input_passes_the_fuzz_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/query");
    let mut count = 0;
    for entry in fs::read_dir(&dir).expect("the committed corpus") {
        let path = entry.expect("a corpus entry").path();
        exercise(&fs::read(&path).expect("a corpus file"));
        count += 1;
    }
    assert!(count > 100, "only {count} corpus inputs in {}", dir.display());
}
