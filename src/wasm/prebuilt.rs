//! [`PrebuiltReader`]: a prebuilt index (`dateline build`) read in the page,
//! file by file as requests need them.

use wasm_bindgen::prelude::*;

use super::convert::{answer, named, reader_requests, to_js, to_js_or_undefined};
use crate::engine::PrebuiltEngine;
use crate::manifest::IndexFolder;
use crate::prebuilt::cache::DEFAULT_BUDGET;

/// A prebuilt index opened from its meta file ([`PrebuiltReader::open`]);
/// each `search` or `article` is complete once the files its `needs_…`
/// names are added.
///
/// `search`, `article` and `events` are the in-page index's
/// ([`super::convert::reader_requests`]).
///
/// Paths, given and returned, are relative to the corpus folder and in the
/// index's folder (`index-…/post-0003.bin`, see [`IndexFolder`]): the page
/// fetches what it is told and never makes an index path itself.
#[wasm_bindgen]
pub struct PrebuiltReader {
    engine: PrebuiltEngine,
    /// Where the files are: the folder of the meta file it was opened with.
    folder: IndexFolder,
    /// Bytes of decoded index data kept between requests (`evict`).
    budget: usize,
}

reader_requests!(PrebuiltReader);

#[wasm_bindgen]
impl PrebuiltReader {
    /// Open a prebuilt index from its meta file, `meta` its path relative
    /// to the corpus folder (the manifest's `index.meta`, in the index's
    /// folder; error messages name it). Fails for a damaged or
    /// wrong-version file, or a path not in a folder.
    pub fn open(bytes: &[u8], meta: &str) -> Result<PrebuiltReader, JsError> {
        let shown = format!("corpus/{meta}");
        let folder = IndexFolder::of_meta(meta)
            .ok_or_else(|| JsError::new(&format!("{shown}: not meta.bin in an index folder")))?;
        let engine = PrebuiltEngine::open(bytes).map_err(|e| named(Some(&shown), "", &e.kind))?;
        Ok(PrebuiltReader {
            engine,
            folder,
            budget: DEFAULT_BUDGET,
        })
    }

    /// Add a file of the index, by its path relative to the corpus folder
    /// (as `needs_search` names it). Fails, naming the file, when it is
    /// damaged or not of this index; nothing of it is kept then.
    pub fn add_index_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), JsError> {
        let name = self.name(path)?;
        self.engine
            .add_file(&name, bytes)
            .map_err(|e| named(Some(&format!("corpus/{path}")), "", &e.kind))
    }

    /// The page could not have the file at `path` (relative to the corpus
    /// folder): a card chunk is then no longer asked for, and its rows are
    /// made from the documents (see `Prebuilt::forgo`).
    pub fn forgo_index_file(&mut self, path: &str) {
        if let Some(name) = self.folder.name(path) {
            self.engine.forgo(&name);
        }
    }

    /// The index files `search(request)` still needs, as paths relative to
    /// the corpus folder (empty once all are added).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SearchRequest")] request: JsValue,
    ) -> Result<JsValue, JsError> {
        answer(request, "search request", |r| {
            self.paths(self.engine.needs_search(r))
        })
    }

    /// The index files `article(id, q, focus)` still needs (see `needs_search`).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_article(&self, id: &str, q: &str, focus: Option<u32>) -> Result<JsValue, JsError> {
        to_js(&self.paths(self.engine.needs_article(id, q, focus)))
    }

    /// The index files `events(request)` still needs (see `needs_search`).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_events(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EventsRequest")] request: JsValue,
    ) -> Result<JsValue, JsError> {
        answer(request, "events request", |r| {
            self.paths(self.engine.needs_events(r))
        })
    }

    /// The index files `entity(key, q)` still needs (see `needs_search`).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn needs_entity(&self, key: &str, q: &str, top: Option<usize>) -> Result<JsValue, JsError> {
        to_js(&self.paths(self.engine.needs_entity(key, q, top)))
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
        to_js(&self.paths(self.engine.needs_entities()))
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
            self.paths(self.engine.needs_entity_list(r))
        })
    }

    /// Run an `EntityListRequest` (see the in-page `entity_list`); complete
    /// once `needs_entity_list` returns nothing.
    #[wasm_bindgen(unchecked_return_type = "EntityListResponse")]
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
        let dropped = self.engine.evict(self.budget);
        to_js(&self.paths(dropped))
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

impl PrebuiltReader {
    /// The readers' names as paths in the index's folder.
    fn paths(&self, names: Vec<String>) -> Vec<String> {
        names.iter().map(|n| self.folder.path(n)).collect()
    }

    /// The readers' name of the file at `path`, or an error naming it when
    /// it is not in the index's folder.
    fn name(&self, path: &str) -> Result<String, JsError> {
        self.folder.name(path).ok_or_else(|| {
            JsError::new(&format!(
                "corpus/{path}: not a file of this index (its files are in corpus/{}/)",
                self.folder.dir()
            ))
        })
    }
}
