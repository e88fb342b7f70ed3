//! Fuzz target `manifest`: see `dateline::fuzzing::manifest` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline::fuzzing::manifest(data));
