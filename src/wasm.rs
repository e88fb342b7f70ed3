//! The one boundary between the page and the core.
//!
//! Rust owns all state behind the [`WasmEngine`] handle (exported to
//! JavaScript as `Engine`). Requests arrive as plain objects, results leave as
//! `#[derive(Serialize)]` structs through serde-wasm-bindgen in JSON-compatible
//! form, and failures as `JsError` with a message fit to show on the page.
//!
//! The methods that index in the page (`add_pack`, `finish`, `events`,
//! entities) exist only with feature `inpage`; without it this is the reader
//! of prebuilt indexes, the smaller wasm a site made by `dateline build` loads.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "inpage")]
use crate::article::Article;
#[cfg(feature = "inpage")]
use crate::engine::{Engine, EventsRequest};
use crate::engine::{PrebuiltEngine, SearchRequest};
#[cfg(feature = "inpage")]
use crate::entities::Recognizer;
#[cfg(feature = "inpage")]
use crate::index::entities::{EntityIndexBuilder, Recognized};
#[cfg(feature = "inpage")]
use crate::store::read_pack;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot pass result to the page: {e}")))
}

#[cfg(feature = "inpage")]
#[derive(Serialize)]
struct LoadReport {
    articles: usize,
}

/// A collection being loaded and then searched: either article packs indexed
/// in the page (`add_pack`…, then `finish`), or a prebuilt index opened from
/// its metadata (`open_index`) whose files are added as queries need them
/// (`needs_search` / `needs_article`, then `add_index_file`).
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    #[cfg(feature = "inpage")]
    pending: Vec<Article>,
    #[cfg(feature = "inpage")]
    engine: Option<Engine>,
    prebuilt: Option<PrebuiltEngine>,
    #[cfg(feature = "inpage")]
    events: bool,
}

/// The reader-only build's answer before `open_index`: it has no other
/// collection to fall back on.
#[cfg(not(feature = "inpage"))]
fn not_open() -> JsError {
    JsError::new("no prebuilt index is open: call open_index() first (this build reads prebuilt indexes only)")
}

fn search_request(value: JsValue) -> Result<SearchRequest, JsError> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("bad search request: {e}")))
}

impl Default for WasmEngine {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> WasmEngine {
        WasmEngine {
            #[cfg(feature = "inpage")]
            pending: Vec::new(),
            #[cfg(feature = "inpage")]
            engine: None,
            prebuilt: None,
            #[cfg(feature = "inpage")]
            events: true,
        }
    }

    /// Decode one article pack (see `store`). `name` (the file's URL) goes
    /// into error messages. Fails for a damaged pack, or after `finish`.
    #[cfg(feature = "inpage")]
    pub fn add_pack(&mut self, bytes: &[u8], name: Option<String>) -> Result<JsValue, JsError> {
        if self.engine.is_some() || self.prebuilt.is_some() {
            return Err(JsError::new(
                "add_pack after finish: the index is already built",
            ));
        }
        let name = name.unwrap_or_else(|| "article pack".into());
        let articles = read_pack(bytes).map_err(|e| JsError::new(&format!("{name}: {e}")))?;
        let report = LoadReport {
            articles: articles.len(),
        };
        self.pending.extend(articles);
        to_js(&report)
    }

    /// Whether `finish` tags time expressions for the event timeline (default: yes).
    #[cfg(feature = "inpage")]
    pub fn set_events(&mut self, enabled: bool) {
        self.events = enabled;
    }

    /// Build the index over everything added; returns its `Stats`.
    #[cfg(feature = "inpage")]
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let engine = Engine::with_events(std::mem::take(&mut self.pending), self.events);
        let stats = engine.stats();
        self.engine = Some(engine);
        to_js(&stats)
    }

    /// Open a prebuilt index from its metadata file (`name`, its URL, goes
    /// into error messages); returns its `Stats`. Fails for a damaged or
    /// wrong-version file.
    pub fn open_index(&mut self, bytes: &[u8], name: Option<String>) -> Result<JsValue, JsError> {
        #[cfg(feature = "inpage")]
        let in_page = self.engine.is_some() || !self.pending.is_empty();
        #[cfg(not(feature = "inpage"))]
        let in_page = false;
        if in_page || self.prebuilt.is_some() {
            return Err(JsError::new(
                "open_index: this engine already holds a collection",
            ));
        }
        let engine = PrebuiltEngine::open(bytes).map_err(|e| match &name {
            Some(n) => JsError::new(&format!("{n}: {}", e.error)),
            None => JsError::new(&e.to_string()),
        })?;
        let stats = engine.stats();
        self.prebuilt = Some(engine);
        to_js(&stats)
    }

    /// Add a file of the prebuilt index, by its path relative to the
    /// corpus folder (as `needs_search` names it). Fails, naming the file,
    /// when it is damaged; nothing of it is kept then.
    pub fn add_index_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), JsError> {
        let engine = self
            .prebuilt
            .as_mut()
            .ok_or_else(|| JsError::new("add_index_file: no prebuilt index is open"))?;
        engine
            .add_file(path, bytes)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The prebuilt index files `search(request)` still needs, as paths
    /// relative to the corpus folder; always empty for an in-page index.
    pub fn needs_search(&self, request: JsValue) -> Result<JsValue, JsError> {
        match &self.prebuilt {
            Some(p) => to_js(&p.needs_search(&search_request(request)?)),
            None => to_js(&Vec::<String>::new()),
        }
    }

    /// The prebuilt index files `article(id, q)` still needs (see `needs_search`).
    pub fn needs_article(&self, id: &str, q: &str) -> Result<JsValue, JsError> {
        match &self.prebuilt {
            Some(p) => to_js(&p.needs_article(id, q)),
            None => to_js(&Vec::<String>::new()),
        }
    }

    #[cfg(feature = "inpage")]
    fn ready(&self) -> Result<&Engine, JsError> {
        self.engine.as_ref().ok_or_else(|| match self.prebuilt {
            Some(_) => JsError::new(
                "this prebuilt index has no event timeline or entities (features in stats say so)",
            ),
            None => JsError::new("the index is not built yet: call finish() first"),
        })
    }

    /// Run a `SearchRequest` (a plain object); returns a `SearchResponse`.
    /// With a prebuilt index, complete once `needs_search` returns nothing.
    pub fn search(&self, request: JsValue) -> Result<JsValue, JsError> {
        let req = search_request(request)?;
        match &self.prebuilt {
            Some(p) => to_js(&p.search(&req)),
            #[cfg(feature = "inpage")]
            None => to_js(&self.ready()?.search(&req)),
            #[cfg(not(feature = "inpage"))]
            None => Err(not_open()),
        }
    }

    /// The article with this id as an `ArticleView`, highlighted for `q`,
    /// opened at the sentence of time mention `focus` (an event row's
    /// `event`) when given; `undefined` when absent.
    pub fn article(&self, id: &str, q: &str, focus: Option<u32>) -> Result<JsValue, JsError> {
        let view = match &self.prebuilt {
            Some(p) => p.article(id, q),
            #[cfg(feature = "inpage")]
            None => self.ready()?.article(id, q, focus),
            #[cfg(not(feature = "inpage"))]
            None => return Err(not_open()),
        };
        // A prebuilt index has no time mentions to focus on.
        #[cfg(not(feature = "inpage"))]
        let _ = focus;
        match view {
            Some(view) => to_js(&view),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Run an `EventsRequest`; returns an `EventsResponse` (events grouped by date, and a lane).
    #[cfg(feature = "inpage")]
    pub fn events(&self, request: JsValue) -> Result<JsValue, JsError> {
        let req: EventsRequest = serde_wasm_bindgen::from_value(request)
            .map_err(|e| JsError::new(&format!("bad events request: {e}")))?;
        to_js(&self.ready()?.events(&req))
    }

    /// Recognize people, organisations and places, with the trained model's
    /// bytes when given (else rules and gazetteers only); returns
    /// `EntityStats`. Call after `finish`: search works before this.
    #[cfg(feature = "inpage")]
    pub fn load_entities(&mut self, model: Option<Vec<u8>>) -> Result<JsValue, JsError> {
        let engine = self
            .engine
            .as_mut()
            .ok_or_else(|| JsError::new("the index is not built yet: call finish() first"))?;
        let stats = engine
            .load_entities(model.as_deref())
            .map_err(|e| JsError::new(&format!("ner.bin: {e}")))?;
        to_js(&stats)
    }

    /// Begin recognizing people, organisations and places in slices, with
    /// the trained model's bytes when given; then call `continue_entities`
    /// until it says `finished`. Search keeps working meanwhile.
    #[cfg(feature = "inpage")]
    pub fn start_entities(&mut self, model: Option<Vec<u8>>) -> Result<(), JsError> {
        let engine = self
            .engine
            .as_mut()
            .ok_or_else(|| JsError::new("the index is not built yet: call finish() first"))?;
        engine
            .start_entities(model.as_deref())
            .map_err(|e| JsError::new(&format!("ner.bin: {e}")))
    }

    /// Recognize up to `max_docs` more articles; returns `EntityProgress`
    /// (`{done, total, finished, stats}`).
    #[cfg(feature = "inpage")]
    pub fn continue_entities(&mut self, max_docs: usize) -> Result<JsValue, JsError> {
        let engine = self
            .engine
            .as_mut()
            .ok_or_else(|| JsError::new("the index is not built yet: call finish() first"))?;
        to_js(&engine.continue_entities(max_docs))
    }

    /// Install the entities a `Recognition` (in a Web Worker, over the same
    /// packs) found: `head` is what its `finish` returned, the arrays what
    /// its `doc_ends`, `mentions` and `kinds` gave. Returns `EntityStats`;
    /// results that do not fit this collection are an error and change nothing.
    #[cfg(feature = "inpage")]
    pub fn add_recognized(
        &mut self,
        head: JsValue,
        doc_ends: Vec<u32>,
        mentions: Vec<u32>,
        kinds: Vec<u8>,
    ) -> Result<JsValue, JsError> {
        let engine = self
            .engine
            .as_mut()
            .ok_or_else(|| JsError::new("the index is not built yet: call finish() first"))?;
        let head: RecognizedHead = serde_wasm_bindgen::from_value(head)
            .map_err(|e| JsError::new(&format!("recognized entities: {e}")))?;
        let r = Recognized {
            ids: head.ids,
            doc_ends,
            mentions,
            kinds,
            strings: head.strings,
            model: head.model,
        };
        to_js(
            &engine
                .add_recognized(&r)
                .map_err(|e| JsError::new(&e.to_string()))?,
        )
    }

    /// The entity with this key as an `EntityView` (seen through query `q`); `undefined` when unknown.
    #[cfg(feature = "inpage")]
    pub fn entity(&self, key: &str, q: &str) -> Result<JsValue, JsError> {
        match self.ready()?.entity(key, q) {
            Some(view) => to_js(&view),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// `Stats` of the built or opened index.
    pub fn stats(&self) -> Result<JsValue, JsError> {
        match &self.prebuilt {
            Some(p) => to_js(&p.stats()),
            #[cfg(feature = "inpage")]
            None => to_js(&self.ready()?.stats()),
            #[cfg(not(feature = "inpage"))]
            None => Err(not_open()),
        }
    }
}

/// The strings of a [`Recognized`]; its numbers cross as typed arrays.
#[cfg(feature = "inpage")]
#[derive(Serialize, serde::Deserialize)]
struct RecognizedHead {
    ids: Vec<String>,
    strings: Vec<String>,
    model: bool,
}

/// Entity recognition over article packs, apart from any index: what a Web
/// Worker runs while the page's `Engine` builds the index on the main
/// thread. `add_pack` each pack (in any order), then `finish`, then take
/// `doc_ends`, `mentions` and `kinds`, and hand all four to
/// `Engine.add_recognized`.
#[cfg(feature = "inpage")]
#[wasm_bindgen]
pub struct Recognition {
    builder: Option<EntityIndexBuilder>,
    ids: Vec<String>,
    done: Recognized,
}

#[cfg(feature = "inpage")]
#[wasm_bindgen]
impl Recognition {
    /// With the trained model's bytes, else rules and gazetteers only. A
    /// damaged model is an error naming what and where.
    #[wasm_bindgen(constructor)]
    pub fn new(model: Option<Vec<u8>>) -> Result<Recognition, JsError> {
        let recognizer = match model {
            Some(bytes) => Recognizer::from_model_bytes(&bytes)
                .map_err(|e| JsError::new(&format!("ner.bin: {e}")))?,
            None => Recognizer::basic(),
        };
        Ok(Recognition {
            builder: Some(EntityIndexBuilder::new(recognizer)),
            ids: Vec::new(),
            done: Recognized::default(),
        })
    }

    /// Recognize every article of one pack; returns how many. `name` (the
    /// file's URL) goes into error messages.
    pub fn add_pack(&mut self, bytes: &[u8], name: Option<String>) -> Result<usize, JsError> {
        let builder = self
            .builder
            .as_mut()
            .ok_or_else(|| JsError::new("add_pack after finish"))?;
        let articles = read_pack(bytes).map_err(|e| {
            JsError::new(&format!(
                "{}: {e}",
                name.as_deref().unwrap_or("article pack")
            ))
        })?;
        for a in &articles {
            builder.recognize(a);
            self.ids.push(a.id.clone());
        }
        Ok(articles.len())
    }

    /// Stop; returns `{ids, strings, model}` (see `Engine.add_recognized`).
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let builder = self
            .builder
            .take()
            .ok_or_else(|| JsError::new("finish called twice"))?;
        let mut done = builder.into_recognized(std::mem::take(&mut self.ids));
        let head = RecognizedHead {
            ids: std::mem::take(&mut done.ids),
            strings: std::mem::take(&mut done.strings),
            model: done.model,
        };
        self.done = done;
        to_js(&head)
    }

    /// After `finish`: where each article's mentions end (taken: a second call gives none).
    pub fn doc_ends(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.done.doc_ends)
    }

    /// After `finish`: four numbers per mention (taken).
    pub fn mentions(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.done.mentions)
    }

    /// After `finish`: the entity type of each string (taken).
    pub fn kinds(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.done.kinds)
    }
}
