//! [`Recognition`]: entity recognition over article packs, apart from any
//! index, for a Web Worker beside the page's index build.

use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::convert::{named, to_js};
use crate::entities::Recognizer;
use crate::index::entities::{EntityIndexBuilder, Recognized};
use crate::store::read_pack;

/// The strings of a [`Recognized`]; its numbers cross as typed arrays.
#[derive(Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct RecognizedHead {
    pub ids: Vec<String>,
    pub strings: Vec<String>,
    pub model: bool,
}

/// What a worker runs while the page's `InPageEngine` builds the index on
/// the main thread: `add_pack` each pack (in any order), then `finish`,
/// then take `doc_ends`, `mentions` and `kinds`, and hand all four to
/// `InPageIndex.add_recognized`. `finish` consumes the recognizer, so
/// adding after it is a type error, not a message.
#[wasm_bindgen]
pub struct Recognition {
    builder: EntityIndexBuilder,
    ids: Vec<String>,
}

#[wasm_bindgen]
impl Recognition {
    /// With the trained model's bytes, else rules and gazetteers only. A
    /// damaged model is an error naming what and where.
    #[wasm_bindgen(constructor)]
    pub fn new(model: Option<Vec<u8>>) -> Result<Recognition, JsError> {
        let recognizer = match model {
            Some(bytes) => {
                Recognizer::from_model_bytes(&bytes).map_err(|e| named(Some("ner.bin"), "", e))?
            }
            None => Recognizer::basic(),
        };
        Ok(Recognition {
            builder: EntityIndexBuilder::new(recognizer),
            ids: Vec::new(),
        })
    }

    /// Recognize every article of one pack; returns how many. `name` (the
    /// file's URL) goes into error messages.
    pub fn add_pack(&mut self, bytes: &[u8], name: Option<String>) -> Result<usize, JsError> {
        let articles = read_pack(bytes).map_err(|e| named(name.as_deref(), "article pack", e))?;
        for a in &articles {
            self.builder.recognize(a);
            self.ids.push(a.id.clone());
        }
        Ok(articles.len())
    }

    /// Stop, consuming this handle; the [`Recognized`] entities, to hand to
    /// `InPageIndex.add_recognized` (its `head()` and arrays).
    pub fn finish(self) -> RecognitionResult {
        RecognitionResult {
            done: self.builder.into_recognized(self.ids),
        }
    }
}

/// The entities a [`Recognition`] found: `head` (`{ids, strings, model}`)
/// and three arrays, each taken once (a second call gives none).
#[wasm_bindgen]
pub struct RecognitionResult {
    done: Recognized,
}

#[wasm_bindgen]
impl RecognitionResult {
    /// `{ids, strings, model}` (taken).
    #[wasm_bindgen(unchecked_return_type = "RecognizedHead")]
    pub fn head(&mut self) -> Result<JsValue, JsError> {
        let head = RecognizedHead {
            ids: std::mem::take(&mut self.done.ids),
            strings: std::mem::take(&mut self.done.strings),
            model: self.done.model,
        };
        to_js(&head)
    }

    /// Where each article's mentions end (taken).
    pub fn doc_ends(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.done.doc_ends)
    }

    /// Four numbers per mention (taken).
    pub fn mentions(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.done.mentions)
    }

    /// The entity type of each string (taken).
    pub fn kinds(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.done.kinds)
    }
}
