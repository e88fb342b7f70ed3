//! [`SavedCorpus`]: the corpus of "Save as site" (the import core only): the
//! site's manifest with one more article pack holding the reader's own
//! files' articles, so the saved folder is an ordinary packs site that any
//! static server serves. The import worker zips it with the page's files
//! (the manifest's `shell` list) and the site's packs.

use wasm_bindgen::prelude::*;

use super::convert::named;
use super::manifest::read_manifest;
use crate::article::Article;
use crate::codec::frame_sum;
use crate::manifest::{Manifest, PackEntry};
use crate::store::{read_pack, write_pack};

/// The pack the saved site keeps the imported articles in, beside the
/// site's `articles-NNN.pack` (relative to `corpus/`).
pub const IMPORTED_PACK: &str = "imported-000.pack";

/// The site's manifest and the imported articles, gathered pack by pack
/// (`add_pack`), then written out (`pack`, `manifest`).
#[wasm_bindgen]
pub struct SavedCorpus {
    manifest: Manifest,
    imported: Vec<Article>,
}

#[wasm_bindgen]
impl SavedCorpus {
    /// Start from the site's manifest (the object `JSON.parse` made of
    /// `corpus/manifest.json`), checked as the page checks it. Throws for
    /// a manifest that is wrong (naming the field) or of a prebuilt index
    /// (no packs to add to).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "unknown")] manifest: JsValue,
    ) -> Result<SavedCorpus, JsError> {
        let manifest = read_manifest(&manifest).map_err(|e| JsError::new(&e.to_string()))?;
        manifest
            .validate()
            .map_err(|e| JsError::new(&e.to_string()))?;
        if manifest.index.is_some() {
            return Err(JsError::new(
                "index: a prebuilt index; only a packs site is saved with its reader's files",
            ));
        }
        if manifest.shell.is_empty() {
            return Err(JsError::new(
                "shell: the manifest does not list the page's files (a site built before \
                 Save as site, or by `dateline pack`): rebuild it with `dateline build`",
            ));
        }
        Ok(SavedCorpus {
            manifest,
            imported: Vec::new(),
        })
    }

    /// Add one imported file's pack (`name`, its file, goes into the
    /// error). Throws for a damaged pack, and then adds nothing.
    pub fn add_pack(&mut self, bytes: &[u8], name: &str) -> Result<(), JsError> {
        let articles = read_pack(bytes).map_err(|e| named(Some(name), "article pack", e))?;
        self.imported.extend(articles);
        Ok(())
    }

    /// The imported articles as one pack (at `pack_path`).
    pub fn pack(&self) -> Vec<u8> {
        write_pack(&self.imported)
    }

    /// Where the saved site keeps `pack`, relative to the site.
    pub fn pack_path(&self) -> String {
        format!("corpus/{IMPORTED_PACK}")
    }

    /// The saved site's `corpus/manifest.json`: the site's, with the
    /// imported pack listed after its own (length and CRC-32 as its header
    /// states them) and the article count grown; written by serde from the
    /// one [`Manifest`] definition.
    pub fn manifest(&self) -> Result<String, JsError> {
        let mut manifest = self.manifest.clone();
        if !self.imported.is_empty() {
            manifest
                .packs
                .push(imported_entry(&self.pack(), self.imported.len()));
            manifest.articles += self.imported.len();
        }
        serde_json::to_string_pretty(&manifest).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Every file of the site to copy as it is, relative to the site: the
    /// page's (the manifest's `shell`), then the corpus's packs and model
    /// (`corpus/…`); the manifest itself is `manifest()`, not copied.
    pub fn site_files(&self) -> Vec<String> {
        let m = &self.manifest;
        let corpus = m.packs.iter().map(|p| p.file.as_str()).chain(m.ner_model());
        let corpus = corpus.map(|f| format!("corpus/{f}"));
        m.shell.iter().cloned().chain(corpus).collect()
    }

    /// How many imported articles were added.
    pub fn articles(&self) -> usize {
        self.imported.len()
    }
}

/// The manifest entry of the imported pack `bytes` holding `articles`.
fn imported_entry(bytes: &[u8], articles: usize) -> PackEntry {
    PackEntry {
        file: IMPORTED_PACK.to_string(),
        articles,
        bytes: bytes.len(),
        crc32: frame_sum(bytes).map(|(_, crc)| crc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::check_file;

    #[test]
    fn the_entry_is_what_the_page_checks_the_pack_against() {
        let article = Article {
            id: "mine".into(),
            date: None,
            title: String::new(),
            source: None,
            paragraphs: vec!["A text of one's own.".into()],
        };
        let bytes = write_pack(&[article]);
        let entry = imported_entry(&bytes, 1);
        let crc = entry.crc32.expect("a pack has a header");
        assert!(check_file(IMPORTED_PACK, &bytes, Some(entry.bytes), crc).is_ok());
        assert_eq!(read_pack(&bytes).map(|a| a.len()).ok(), Some(1));
    }
}
