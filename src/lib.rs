//! Dateline's core: parse dated news articles, index them, search them, and
//! lay them out on timelines. The same crate builds to WebAssembly for the page
//! (see [`wasm`]) and natively for tests and the `dateline` command-line tool.
//!
//! Feature `inpage` (default) holds everything that builds an index: parsing
//! inputs, the in-memory index, time expressions and entities. Without it the
//! crate only reads prebuilt indexes ([`prebuilt`]), which is all a site made
//! by `dateline build` needs, in a much smaller wasm.
pub mod article;
pub mod checksum;
pub mod codec;
pub mod dates;
pub mod engine;
#[cfg(feature = "inpage")]
pub mod entities;
pub mod entity_type;
// Fuzz harnesses (`fuzz/`, `./build.sh fuzz`), also run as property tests.
#[cfg(any(feature = "fuzzing", all(test, feature = "formats")))]
pub mod fuzzing;
pub mod index;
pub mod manifest;
pub mod parse;
pub mod prebuilt;
pub mod query;
pub mod sort;
pub mod store;
pub mod text;
pub mod wasm;
