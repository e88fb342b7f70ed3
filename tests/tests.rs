//! Dateline's integration tests: one binary, one module per area (as
//! ripgrep's `tests/tests.rs`), so that the crate is linked once and the
//! modules share one seed loader and one set of generators (`util`).
//!
//! Each area's module says what it checks. `layers` is not about behaviour:
//! it reads `src/` and fails on files, functions or module imports that break
//! the house rules (sizes, no import cycles).

// Shared: the seed articles (parsed once) and the property-test generators.
mod util;

// `dateline build` and `pack` stopped at every checkpoint (runs the CLI).
#[cfg(feature = "cli")]
mod atomic;
mod boilerplate;
mod dates_web;
mod entities;
mod events;
// Facets counted per stem group at build time, read by one-word searches.
mod facets;
// HTML pages, feeds and tables (the `formats` feature; the CLI has it).
#[cfg(feature = "formats")]
mod formats;
mod hygiene;
mod layers;
// CoNLL testa through every path, scored by the `ner-score` binary (`cli`).
#[cfg(feature = "cli")]
mod ner_conll;
mod ner_web;
mod parse;
mod prebuilt;
mod relevance;
mod search;
// The prebuilt index merged from segments on disk = the in-memory one, file for file.
mod spill;
// `dateline build --out` alone writes a whole site, served and walked (runs the CLI).
#[cfg(feature = "cli")]
mod site;
// `dateline build --single-file`: one HTML file, its CSP and data blocks (runs the CLI).
#[cfg(feature = "cli")]
mod single_file;
mod timex_web;
mod tokenize;
