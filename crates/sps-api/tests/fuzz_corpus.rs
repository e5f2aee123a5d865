//! The cargo-fuzz corpus (`fuzz/corpus/responses`) on stable: every input goes through
//! every response type as in the fuzz target, so the inputs that once found a bug, or
//! reach deep into the deserializers, stay covered without a nightly toolchain.
//! (The app's processing of the answers, which the fuzz target also runs, is covered
//! by the app's own tests.)

use std::fmt::Debug;
use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;
use sps_api::{
    AlertsResponse, AuthenticationResponse, CountResponse, ErrorBody, EventsResponse, HistogramResponse, InfoResponse,
    SessionResponse, SessionsResponse, StatsResponse,
};

/// Parses `data` as a `T`; what parses must write and read back to itself. Says
/// whether it parsed.
fn check<T: DeserializeOwned + Serialize + PartialEq + Debug>(name: &str, data: &[u8]) -> bool {
    let Ok(value) = serde_json::from_slice::<T>(data) else { return false };
    let written = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{name}: cannot write {value:?}: {e}"));
    let back: T =
        serde_json::from_str(&written).unwrap_or_else(|e| panic!("{name}: {written} does not read back: {e}"));
    assert_eq!(back, value, "{name}: written as {written}");
    true
}

fn parses_as_any(name: &str, data: &[u8]) -> bool {
    [
        check::<StatsResponse>(name, data),
        check::<HistogramResponse>(name, data),
        check::<EventsResponse>(name, data),
        check::<AlertsResponse>(name, data),
        check::<SessionsResponse>(name, data),
        check::<SessionResponse>(name, data),
        check::<CountResponse>(name, data),
        check::<InfoResponse>(name, data),
        check::<AuthenticationResponse>(name, data),
        check::<ErrorBody>(name, data),
    ]
    .contains(&true)
}

#[test]
fn every_fuzz_corpus_input_deserializes_without_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/responses");
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let (mut inputs, mut parsed) = (0, 0);
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let data = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        inputs += 1;
        parsed += usize::from(parses_as_any(&name, &data));
    }
    assert!(inputs >= 18, "the corpus holds the seeds: {inputs} inputs");
    // The seeds are real answers: a corpus where nothing parses would test nothing.
    assert!(parsed >= 18, "{parsed} of {inputs} inputs parse as some response");
}
