//! Dateline's core: parse dated news articles, index them, search them, and
//! lay them out on timelines. The same crate builds to WebAssembly for the page
//! (see `wasm`) and natively for tests and the `dateline` command-line tool.
pub mod article;
pub mod dates;
pub mod entities;
