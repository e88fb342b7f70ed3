//! The one boundary between the page and the core.
//!
//! Two handles, one per kind of collection, so that calling the wrong
//! method is a type error rather than a runtime message:
//! - [`InPageEngine`] (feature `inpage`): indexes article packs in the page
//!   (`add_pack`…, `finish`), then searches, opens articles, lists events and
//!   recognizes entities; [`Recognition`] finds entities in a Web Worker
//!   beside it;
//! - [`PrebuiltReader`]: opens a prebuilt index from its meta file and is
//!   handed the index files each request needs (`needs_search` /
//!   `needs_article`, then `add_index_file`); the only handle of the reader
//!   core a site made by `dateline build` loads.
//!
//! - [`import_file`] (feature `import`, the import core only): one of the
//!   reader's own files parsed into an article pack, in the import worker;
//!   [`SavedCorpus`]: the corpus of "Save as site" (the site's manifest
//!   and one more pack of the reader's articles).
//!
//! Both answer through the same engine code ([`crate::engine`]). Requests
//! arrive as plain objects, results leave as `#[derive(Serialize)]` structs
//! through serde-wasm-bindgen in JSON-compatible form, typed in the
//! generated `.d.ts` by their `Tsify` declarations (`unchecked_return_type`
//! names them); failures are `JsError`s with a message fit to show.

mod convert;
#[cfg(feature = "import")]
mod import;
#[cfg(feature = "inpage")]
mod inpage;
mod manifest;
mod prebuilt;
#[cfg(feature = "inpage")]
mod recognition;
#[cfg(feature = "import")]
mod save;

#[cfg(feature = "import")]
pub use import::{import_file, ImportReport, ImportedFile};
#[cfg(feature = "inpage")]
pub use inpage::{InPageEngine, InPageIndex};
#[cfg(feature = "inpage")]
pub use manifest::check_pack_file;
pub use manifest::parse_manifest;
pub use prebuilt::PrebuiltReader;
#[cfg(feature = "inpage")]
pub use recognition::{Recognition, RecognitionResult};
#[cfg(feature = "import")]
pub use save::SavedCorpus;
