//! [`PrebuiltReader`]: a prebuilt index (`dateline build`) read in the page,
//! file by file as requests need them.

use wasm_bindgen::prelude::*;

use super::convert::{answer, named, reader_requests, to_js, to_js_or_undefined};
use crate::engine::PrebuiltEngine;
use crate::manifest::IndexSums;
use crate::prebuilt::cache::DEFAULT_BUDGET;
use crate::prebuilt::format::FileKind;

/// A prebuilt index opened from its meta file ([`PrebuiltReader::open`]);
/// each `search` or `article` is complete once the files its `needs_…`
/// names are added.
///
/// `search`, `article` and `events` are the in-page index's
/// ([`super::convert::reader_requests`]).
#[wasm_bindgen]
pub struct PrebuiltReader {
    engine: PrebuiltEngine,
    /// The manifest's checksums of every file (format 2), once given.
    sums: Option<IndexSums>,
    /// Bytes of decoded index data kept between requests (`evict`).
    budget: usize,
}

reader_requests!(PrebuiltReader);

#[wasm_bindgen]
impl PrebuiltReader {
    /// Open a prebuilt index from its meta file (`name`, its URL, goes into
    /// error messages). Fails for a damaged or wrong-version file.
    pub fn open(bytes: &[u8], name: Option<String>) -> Result<PrebuiltReader, JsError> {
        let engine = PrebuiltEngine::open(bytes).map_err(|e| match name.as_deref() {
            Some(n) => named(Some(n), "", &e.kind),
            None => JsError::new(&e.to_string()),
        })?;
        Ok(PrebuiltReader {
            engine,
            sums: None,
            budget: DEFAULT_BUDGET,
        })
    }

    /// Take the manifest's `index.checksums` (format 2): from now on
    /// `check_index_file` compares every file with them. Fails when they do
    /// not number this index's files (the manifest and the meta file are of
    /// different builds).
    pub fn expect_checksums(&mut self, checksums: &str) -> Result<(), JsError> {
        let files = self.engine.index().file_count();
        let sums = IndexSums::new(checksums, files).map_err(|e| {
            JsError::new(&format!(
                "corpus/manifest.json and corpus/{} are from different builds ({e}): reload in a minute, or rebuild the site",
                FileKind::Meta.name(0)
            ))
        })?;
        self.sums = Some(sums);
        Ok(())
    }

    /// Is `bytes` the index file `path` the manifest lists (its header's
    /// checksum, no second hash)? Throws "corpus/PATH is from another build
    /// (…)" when not; passes when the manifest lists no checksums (format 1).
    pub fn check_index_file(&self, path: &str, bytes: &[u8]) -> Result<(), JsError> {
        match &self.sums {
            Some(sums) => {
                let position = self.engine.index().file_position(path);
                sums.check(position, &format!("corpus/{path}"), bytes)
                    .map_err(|e| JsError::new(&e.to_string()))
            }
            None => Ok(()),
        }
    }

    /// Add a file of the index, by its path relative to the corpus folder
    /// (as `needs_search` names it). Fails, naming the file, when it is
    /// damaged; nothing of it is kept then.
    pub fn add_index_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.engine
            .add_file(path, bytes)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The page could not have the file at `path` (relative to the corpus
    /// folder): a card chunk is then no longer asked for, and its rows are
    /// made from the documents (see `Prebuilt::forgo`).
    pub fn forgo_index_file(&mut self, path: &str) {
        self.engine.forgo(path);
    }

    /// The index files `search(request)` still needs, as paths relative to
    /// the corpus folder (empty once all are added).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SearchRequest")] request: JsValue,
    ) -> Result<JsValue, JsError> {
        answer(request, "search request", |r| self.engine.needs_search(r))
    }

    /// The index files `article(id, q, focus)` still needs (see `needs_search`).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_article(&self, id: &str, q: &str, focus: Option<u32>) -> Result<JsValue, JsError> {
        to_js(&self.engine.needs_article(id, q, focus))
    }

    /// The index files `events(request)` still needs (see `needs_search`).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_events(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EventsRequest")] request: JsValue,
    ) -> Result<JsValue, JsError> {
        answer(request, "events request", |r| self.engine.needs_events(r))
    }

    /// The index files `entity(key, q)` still needs (see `needs_search`).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_entity(&self, key: &str, q: &str, top: Option<usize>) -> Result<JsValue, JsError> {
        to_js(&self.engine.needs_entity(key, q, top))
    }

    /// The entity with this key as an `EntityView` (seen through query `q`;
    /// co-occurrences and events over its newest `top` articles, 1,000 when
    /// `undefined`);
    /// `undefined` when unknown. Complete once `needs_entity` returns nothing.
    #[wasm_bindgen(unchecked_return_type = "EntityView | undefined")]
    pub fn entity(&self, key: &str, q: &str, top: Option<usize>) -> Result<JsValue, JsError> {
        to_js_or_undefined(self.engine.entity(key, q, top))
    }

    /// The index files the entities still need (every event and entity
    /// file: facets, filters and views read them all).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_entities(&self) -> Result<JsValue, JsError> {
        to_js(&self.engine.needs_entities())
    }

    /// `EntityStats` of the index (zero until `needs_entities` is empty).
    #[wasm_bindgen(unchecked_return_type = "EntityStats")]
    pub fn entity_stats(&self) -> Result<JsValue, JsError> {
        to_js(&self.engine.entity_stats())
    }

    /// The index files `entity_list(request)` still needs (see `needs_search`).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_entity_list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EntityListRequest")] request: JsValue,
    ) -> Result<JsValue, JsError> {
        answer(request, "entity list request", |r| {
            self.engine.needs_entity_list(r)
        })
    }

    /// Run an `EntityListRequest` (see the in-page `entity_list`); complete
    /// once `needs_entity_list` returns nothing.
    #[wasm_bindgen(unchecked_return_type = "Facet[]")]
    pub fn entity_list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EntityListRequest")] request: JsValue,
    ) -> Result<JsValue, JsError> {
        answer(request, "entity list request", |r| {
            self.engine.entity_list(r)
        })
    }

    /// Keep at most `bytes` of decoded index data between requests (the
    /// default is 64 MiB, `prebuilt::cache::DEFAULT_BUDGET`); applies from
    /// the next `evict`.
    pub fn set_budget(&mut self, bytes: usize) {
        self.budget = bytes;
    }

    /// Drop the least recently read index files until the budget holds
    /// (never `meta.bin` nor the entity types); returns
    /// their paths. Call it between requests, once an answer is had: a
    /// request's files must stay from its first `needs_…` to its answer.
    /// A request that needs an evicted file names it again in `needs_…`.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn evict(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.engine.evict(self.budget))
    }

    /// `MemoryStats`: the budget, the bytes and files held, the pinned
    /// part, the files evicted so far.
    #[wasm_bindgen(unchecked_return_type = "MemoryStats")]
    pub fn memory(&self) -> Result<JsValue, JsError> {
        to_js(&self.engine.memory(self.budget))
    }

    /// The index's `Stats` (its `features` say whether it has events and entities).
    #[wasm_bindgen(unchecked_return_type = "Stats")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        to_js(&self.engine.stats())
    }
}
