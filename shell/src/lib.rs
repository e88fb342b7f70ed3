//! The Dateline page as built by `./build.sh build` (the minified shell in
//! `target/shell/`: `index.html`, `css/`, `js/`, `pkg/` with both wasm
//! cores), embedded at compile time so that the `dateline` binary alone,
//! wherever it is installed, writes a whole site (`dateline build --out`).
//!
//! A binary compiled before the shell was built has no files here
//! ([`FILES`] is empty); the CLI then says how to get them.
include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// Whether this build has the page in it.
pub fn is_embedded() -> bool {
    FILES.iter().any(|(path, _)| *path == "index.html")
}
