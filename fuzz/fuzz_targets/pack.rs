//! Fuzz target `pack`: see `dateline::fuzzing::pack` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline::fuzzing::pack(data));
