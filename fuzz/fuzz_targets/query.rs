//! Fuzz target `query`: see `dateline::fuzzing::query` for what it checks.
#![no_main]

use std::sync::LazyLock;

use dateline::fuzzing::Fixture;

// Built once per process: the harness only reads it.
static FIXTURE: LazyLock<Fixture> = LazyLock::new(Fixture::new);

libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline::fuzzing::query(&FIXTURE, data));
