//! [`import_file`]: one of the reader's own files (dropped on the page or
//! picked) parsed into an article pack, in the import core's Web Worker
//! (`www/js/import-worker.js`). Only the import core (feature `import`:
//! `inpage` + `formats`) has it, so the page's first-load core keeps its size.

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::convert::to_js;
use crate::parse::{oversized, parse_document, DiagnosticRecord};
use crate::store::write_pack;

/// What [`import_file`] found in one file, beside its pack.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct ImportReport {
    /// Articles read from the file.
    pub articles: usize,
    /// Every problem found, located (file, line or item) and in words;
    /// whatever could be read is still in the pack.
    pub diagnostics: Vec<DiagnosticRecord>,
    /// The file's format is not one this core reads (by its extension).
    pub unsupported: bool,
}

/// One file imported: its [`ImportReport`] and its articles as one article
/// pack (`InPageEngine.add_pack` reads it; empty when it holds none). The
/// pack crosses as bytes (a `Uint8Array`), not inside the report's object.
#[wasm_bindgen]
pub struct ImportedFile {
    report: ImportReport,
    pack: Vec<u8>,
}

#[wasm_bindgen]
impl ImportedFile {
    /// The `ImportReport`.
    #[wasm_bindgen(unchecked_return_type = "ImportReport")]
    pub fn report(&self) -> Result<JsValue, JsError> {
        to_js(&self.report)
    }

    /// The pack's bytes (empty when the file gave no article).
    pub fn pack(&self) -> Vec<u8> {
        self.pack.clone()
    }
}

/// Parse the file `name` (its path as the reader picked it, which gives its
/// format and the articles' ids) from its `bytes`. Never fails for bad
/// content: problems are the report's `diagnostics`; a file over its
/// format's size limit (`parse::oversized`) or of an unknown format holds
/// no articles and says why. Ids are made unique when the pack joins the
/// collection (`InPageEngine::add_pack`), not here: only the index knows
/// the site's ids.
#[wasm_bindgen]
pub fn import_file(name: &str, bytes: &[u8]) -> ImportedFile {
    let mut report = ImportReport {
        articles: 0,
        diagnostics: Vec::new(),
        unsupported: false,
    };
    let mut pack = Vec::new();
    if let Some(d) = oversized(name, bytes.len()) {
        report.diagnostics.push(d.into());
        return ImportedFile { report, pack };
    }
    match parse_document(name, bytes) {
        Some(parsed) => {
            report.articles = parsed.articles.len();
            if !parsed.articles.is_empty() {
                pack = write_pack(&parsed.articles);
            }
            report.diagnostics = parsed.diagnostics.into_iter().map(Into::into).collect();
        }
        None => report.unsupported = true,
    }
    ImportedFile { report, pack }
}
