//! Crossing the boundary: results to plain JavaScript objects, requests
//! from them, both through serde-wasm-bindgen.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `value` as a plain object (JSON-compatible: maps as objects, no `Map`s).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot pass result to the page: {e}")))
}

/// A request object as `T`; `what` names it in the error ("search request").
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("bad {what}: {e}")))
}

/// Answer a request object: decode it as `Req` (`what` names it in the
/// error, as in [`from_js`]), run `answer` on it and pass the result back as
/// a plain object. The glue of every request-taking method of both handles.
pub(crate) fn answer<Req: DeserializeOwned, Res: Serialize>(
    request: JsValue,
    what: &str,
    answer: impl FnOnce(&Req) -> Res,
) -> Result<JsValue, JsError> {
    let req: Req = from_js(request, what)?;
    to_js(&answer(&req))
}

/// `Some(view)` as an object, `None` as `undefined`.
pub(crate) fn to_js_or_undefined<T: Serialize>(value: Option<T>) -> Result<JsValue, JsError> {
    match value {
        Some(v) => to_js(&v),
        None => Ok(JsValue::UNDEFINED),
    }
}

/// An error prefixed with the name of the file it is about (its URL), when given.
pub(crate) fn named(name: Option<&str>, default: &str, e: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{}: {e}", name.unwrap_or(default)))
}

/// The requests both handles answer alike, through their `engine` field
/// (`Engine`, `PrebuiltEngine`: the same methods): `search`, `article` and
/// `events`, as a `#[wasm_bindgen]` impl block of `$handle` of their own. On
/// a prebuilt reader each is complete once its `needs_…` returns nothing.
macro_rules! reader_requests {
    ($handle:ident) => {
        #[::wasm_bindgen::prelude::wasm_bindgen]
        impl $handle {
            /// Run a `SearchRequest`; returns a `SearchResponse`.
            #[wasm_bindgen(unchecked_return_type = "SearchResponse")]
            pub fn search(
                &self,
                #[wasm_bindgen(unchecked_param_type = "SearchRequest")]
                request: ::wasm_bindgen::JsValue,
            ) -> Result<::wasm_bindgen::JsValue, ::wasm_bindgen::JsError> {
                $crate::wasm::convert::answer(request, "search request", |r| self.engine.search(r))
            }

            /// The article with this id as an `ArticleView`, highlighted for
            /// `q`, opened at the sentence of time mention `focus` (an event
            /// row's `event`) when given; `undefined` when absent.
            #[wasm_bindgen(unchecked_return_type = "ArticleView | undefined")]
            pub fn article(
                &self,
                id: &str,
                q: &str,
                focus: Option<u32>,
            ) -> Result<::wasm_bindgen::JsValue, ::wasm_bindgen::JsError> {
                $crate::wasm::convert::to_js_or_undefined(self.engine.article(id, q, focus))
            }

            /// Run an `EventsRequest`; returns an `EventsResponse` (events
            /// grouped by date, and a lane).
            #[wasm_bindgen(unchecked_return_type = "EventsResponse")]
            pub fn events(
                &self,
                #[wasm_bindgen(unchecked_param_type = "EventsRequest")]
                request: ::wasm_bindgen::JsValue,
            ) -> Result<::wasm_bindgen::JsValue, ::wasm_bindgen::JsError> {
                $crate::wasm::convert::answer(request, "events request", |r| self.engine.events(r))
            }
        }
    };
}
pub(crate) use reader_requests;
