//! Fuzz target `model`: see `dateline::fuzzing::model` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline::fuzzing::model(data));
