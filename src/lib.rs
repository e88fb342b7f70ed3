//! Dateline's core: parse dated news articles, index them, search them, and
//! lay them out on timelines. The same crate builds to WebAssembly for the page
//! (see [`wasm`]) and natively for tests and the `dateline` command-line tool.
pub mod article;
pub mod checksum;
pub mod codec;
pub mod dates;
pub mod entities;
pub mod parse;
pub mod tokenizer;
pub mod index;
pub mod query;
pub mod sentence;
pub mod snippet;
pub mod timeline;
pub mod store;
pub mod prebuilt;
pub mod engine;
pub mod events;
pub mod wasm;
