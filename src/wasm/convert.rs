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
