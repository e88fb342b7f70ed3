//! Fuzz target `parse`: see `dateline::fuzzing::parse` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline::fuzzing::parse(data));
