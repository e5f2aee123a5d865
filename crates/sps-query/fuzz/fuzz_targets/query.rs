//! Every entry point on arbitrary text: no panic, and printing round-trips whatever parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sps_query::{check, complete, parse, Schema};

include!("exercise.rs");

fuzz_target!(|data: &[u8]| exercise(data));
