//! [`InPageEngine`]: article packs indexed in the page, then searched, read,
//! listed as events, and their entities recognized.

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::convert::{answer, from_js, named, reader_requests, to_js, to_js_or_undefined};
use super::recognition::RecognizedHead;
use crate::article::Article;
use crate::engine::{Engine, RankScratch};
use crate::index::entities::Recognized;
use crate::parse::{DiagnosticRecord, UniqueIds};
use crate::store::read_pack;

/// What `add_pack` read.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct LoadReport {
    pub articles: usize,
    /// Articles whose id an earlier article (of this pack or one added
    /// before it) has: each renamed `id~2`, `id~3`…, with a warning located
    /// at the pack's name, so an imported article never shadows the site's.
    pub renamed: Vec<DiagnosticRecord>,
}

/// Article packs added (`add_pack`…), then indexed (`finish`, which returns
/// the [`InPageIndex`] that answers requests): the two stages are two
/// types, so searching before the index is built cannot be written.
#[wasm_bindgen]
pub struct InPageEngine {
    pending: Vec<Article>,
    events: bool,
    /// The ids given out so far (see `add_pack`).
    ids: UniqueIds,
}

impl Default for InPageEngine {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl InPageEngine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> InPageEngine {
        InPageEngine {
            pending: Vec::new(),
            events: true,
            ids: UniqueIds::default(),
        }
    }

    /// Decode one article pack (see `store`). `name` (the file's URL, or
    /// the imported file's path) goes into error messages and locates the
    /// report's renames. Fails for a damaged pack, and then adds nothing.
    #[wasm_bindgen(unchecked_return_type = "LoadReport")]
    pub fn add_pack(&mut self, bytes: &[u8], name: Option<String>) -> Result<JsValue, JsError> {
        let mut articles =
            read_pack(bytes).map_err(|e| named(name.as_deref(), "article pack", e))?;
        let file = name.as_deref().unwrap_or("article pack");
        let renamed = articles
            .iter_mut()
            .filter_map(|a| self.ids.claim(file, &mut a.id))
            .map(DiagnosticRecord::from)
            .collect();
        let report = LoadReport {
            articles: articles.len(),
            renamed,
        };
        self.pending.extend(articles);
        to_js(&report)
    }

    /// Whether `finish` tags time expressions for the event timeline (default: yes).
    pub fn set_events(&mut self, enabled: bool) {
        self.events = enabled;
    }

    /// Build the index over everything added, consuming this handle; its
    /// `stats()` are the new index's.
    pub fn finish(self) -> InPageIndex {
        InPageIndex {
            engine: Engine::with_events(self.pending, self.events),
            rank_scratch: RankScratch::default(),
        }
    }
}

/// An index built in the page ([`InPageEngine::finish`]): search, articles,
/// events, entities. `search`, `article` and `events` are the prebuilt
/// reader's ([`super::convert::reader_requests`]).
#[wasm_bindgen]
pub struct InPageIndex {
    engine: Engine,
    /// Ranking's scratch space, kept between calls (`Engine::rank_with`).
    rank_scratch: RankScratch,
}

reader_requests!(InPageIndex);

#[wasm_bindgen]
impl InPageIndex {
    /// Run a `RankRequest`: the first rows of the query's result list as a
    /// `RankResponse` (ids and scores, best first; the same rows as the
    /// first page of `search`), without snippets, timeline or facets.
    #[wasm_bindgen(unchecked_return_type = "RankResponse")]
    pub fn rank(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RankRequest")] request: JsValue,
    ) -> Result<JsValue, JsError> {
        answer(request, "rank request", |r| {
            self.engine.rank_with(r, &mut self.rank_scratch)
        })
    }

    /// Recognize people, organisations and places at once, with the trained
    /// model's bytes when given (else rules and gazetteers only); returns
    /// `EntityStats`.
    #[wasm_bindgen(unchecked_return_type = "EntityStats")]
    pub fn load_entities(&mut self, model: Option<Vec<u8>>) -> Result<JsValue, JsError> {
        let stats = self
            .engine
            .load_entities(model.as_deref())
            .map_err(|e| named(Some("ner.bin"), "", e))?;
        to_js(&stats)
    }

    /// Begin recognizing people, organisations and places in slices, with
    /// the trained model's bytes when given; then call `continue_entities`
    /// until it says `finished`. Search keeps working meanwhile.
    pub fn start_entities(&mut self, model: Option<Vec<u8>>) -> Result<(), JsError> {
        self.engine
            .start_entities(model.as_deref())
            .map_err(|e| named(Some("ner.bin"), "", e))
    }

    /// Recognize up to `max_docs` more articles; returns `EntityProgress`
    /// (`{done, total, finished, stats}`).
    #[wasm_bindgen(unchecked_return_type = "EntityProgress")]
    pub fn continue_entities(&mut self, max_docs: usize) -> Result<JsValue, JsError> {
        to_js(&self.engine.continue_entities(max_docs))
    }

    /// Install the entities a `Recognition` (in a Web Worker, over the same
    /// packs) found: `head` is what its `finish` returned, the arrays what
    /// its `doc_ends`, `mentions` and `kinds` gave. Returns `EntityStats`;
    /// results that do not fit this collection are an error and change nothing.
    #[wasm_bindgen(unchecked_return_type = "EntityStats")]
    pub fn add_recognized(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RecognizedHead")] head: JsValue,
        doc_ends: Vec<u32>,
        mentions: Vec<u32>,
        kinds: Vec<u8>,
    ) -> Result<JsValue, JsError> {
        let head: RecognizedHead = from_js(head, "recognized entities")?;
        let r = Recognized {
            ids: head.ids,
            doc_ends,
            mentions,
            kinds,
            strings: head.strings,
            model: head.model,
        };
        let stats = self
            .engine
            .add_recognized(&r)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&stats)
    }

    /// The entity with this key as an `EntityView` (seen through query `q`;
    /// co-occurrences and events over its newest `top` articles, all when
    /// `undefined`); `undefined` when unknown.
    #[wasm_bindgen(unchecked_return_type = "EntityView | undefined")]
    pub fn entity(&self, key: &str, q: &str, top: Option<usize>) -> Result<JsValue, JsError> {
        to_js_or_undefined(self.engine.entity(key, q, top))
    }

    /// Run an `EntityListRequest`: every entity of one facet group among a
    /// search's results, as `Facet`s, most named first, and the bound they
    /// were counted under (`EntityListResponse`).
    #[wasm_bindgen(unchecked_return_type = "EntityListResponse")]
    pub fn entity_list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EntityListRequest")] request: JsValue,
    ) -> Result<JsValue, JsError> {
        answer(request, "entity list request", |r| {
            self.engine.entity_list(r)
        })
    }

    /// `Stats` of the built index.
    #[wasm_bindgen(unchecked_return_type = "Stats")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        to_js(&self.engine.stats())
    }
}
