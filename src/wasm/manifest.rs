//! [`parse_manifest`]: `corpus/manifest.json`, as the object `JSON.parse`
//! made of it, read into the one [`Manifest`] definition field by field
//! (`js_sys::Reflect`), then checked ([`Manifest::validate`]).
//!
//! Why not serde here: serde-wasm-bindgen's deserializer, monomorphised for
//! each manifest type, cost the reader core about 14 KB (5 KB gzipped), and
//! a prebuilt site downloads that core before its first query. Reading by
//! hand also names the path of a wrong field (`packs[1].file`), which
//! serde alone does not. The CLI writes the manifest with serde from the
//! same types, and a browser test feeds the page a wrong one.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use crate::manifest::{IndexEntry, Manifest, ManifestError, ManifestErrorKind, Models, PackEntry};
use crate::parse::{DiagnosticRecord, Severity};

/// Check the parsed `corpus/manifest.json` (the object `JSON.parse` gave)
/// and return it typed, or throw an error whose message starts with the
/// path of the field that is wrong (`packs[1].file: …`, `format: …`).
#[wasm_bindgen(unchecked_return_type = "Manifest")]
pub fn parse_manifest(
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> Result<JsValue, JsError> {
    let manifest = read_manifest(&value).map_err(|e| JsError::new(&e.to_string()))?;
    manifest
        .validate()
        .map_err(|e| JsError::new(&e.to_string()))?;
    // What was checked is handed back as it came: the page uses the object
    // the core read, and writing it out again would cost a serializer.
    Ok(value)
}

/// Check a fetched article pack against its manifest entry (`bytes` is
/// `packs[i].bytes`, `crc32` its `crc32`; format 2): throws "NAME is from
/// another build (length …, expected …): …" when it is not the file the
/// manifest lists, before the pack is read. `name` is the file as the page
/// shows it (`corpus/articles-003.pack`).
// Packs are read by the full core only.
#[cfg(feature = "inpage")]
#[wasm_bindgen]
pub fn check_pack_file(bytes: &[u8], name: &str, len: f64, crc32: u32) -> Result<(), JsError> {
    crate::manifest::check_file(name, bytes, Some(len as usize), crc32)
        .map_err(|e| JsError::new(&e.to_string()))
}

type Read<T> = Result<T, ManifestError>;

fn shape(field: &str, what: &str) -> ManifestError {
    ManifestError {
        field: field.to_string(),
        kind: ManifestErrorKind::Shape(what.to_string()),
    }
}

/// `obj[key]`, or `None` when it is absent or null (serde's `default`).
fn field(obj: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn object(value: &JsValue, path: &str) -> Read<()> {
    if value.is_object() && !Array::is_array(value) {
        Ok(())
    } else {
        Err(shape(path, "expected an object"))
    }
}

fn required(obj: &JsValue, path: &str, key: &str) -> Read<JsValue> {
    field(obj, key).ok_or_else(|| shape(path, &format!("missing field `{key}`")))
}

fn string(value: &JsValue, path: &str) -> Read<String> {
    value
        .as_string()
        .ok_or_else(|| shape(path, "expected a string"))
}

/// A whole number in `0..=max`.
fn whole(value: &JsValue, path: &str, max: f64) -> Read<f64> {
    match value.as_f64() {
        Some(n) if n >= 0.0 && n <= max && n.fract() == 0.0 => Ok(n),
        _ => Err(shape(path, "expected a whole number")),
    }
}

fn count(obj: &JsValue, path: &str, key: &str) -> Read<usize> {
    field(obj, key).map_or(Ok(0), |v| {
        Ok(whole(&v, &format!("{path}.{key}"), u32::MAX as f64)? as usize)
    })
}

fn list<T>(
    obj: &JsValue,
    key: &str,
    item: impl Fn(&JsValue, &str) -> Read<T>,
) -> Read<Option<Vec<T>>> {
    let Some(value) = field(obj, key) else {
        return Ok(None);
    };
    if !Array::is_array(&value) {
        return Err(shape(key, "expected an array"));
    }
    let array = Array::from(&value);
    let items = array.iter().enumerate();
    items
        .map(|(i, v)| item(&v, &format!("{key}[{i}]")))
        .collect::<Read<Vec<T>>>()
        .map(Some)
}

pub(super) fn read_manifest(value: &JsValue) -> Read<Manifest> {
    object(value, "manifest")?;
    let format = whole(
        &required(value, "manifest", "format")?,
        "format",
        u32::MAX as f64,
    )?;
    let packs = list(value, "packs", read_pack)?
        .ok_or_else(|| shape("manifest", "missing field `packs`"))?;
    let index = field(value, "index")
        .map(|v| read_index(&v, "index"))
        .transpose()?;
    let models = field(value, "models")
        .map(|v| read_models(&v, "models"))
        .transpose()?;
    Ok(Manifest {
        format: format as u32,
        articles: count(value, "manifest", "articles")?,
        packs,
        index,
        models,
        diagnostics: list(value, "diagnostics", read_diagnostic)?.unwrap_or_default(),
        shell: list(value, "shell", string)?.unwrap_or_default(),
    })
}

fn read_pack(value: &JsValue, path: &str) -> Read<PackEntry> {
    object(value, path)?;
    let file = string(&required(value, path, "file")?, &format!("{path}.file"))?;
    let crc32 = field(value, "crc32")
        .map(|v| whole(&v, &format!("{path}.crc32"), u32::MAX as f64))
        .transpose()?;
    Ok(PackEntry {
        file,
        articles: count(value, path, "articles")?,
        bytes: count(value, path, "bytes")?,
        crc32: crc32.map(|n| n as u32),
    })
}

fn read_index(value: &JsValue, path: &str) -> Read<IndexEntry> {
    object(value, path)?;
    let meta = string(&required(value, path, "meta")?, &format!("{path}.meta"))?;
    let bytes = field(value, "bytes").map_or(Ok(0.0), |v| {
        whole(&v, &format!("{path}.bytes"), 9_007_199_254_740_991.0)
    })?;
    Ok(IndexEntry {
        meta,
        files: count(value, path, "files")?,
        bytes: bytes as u64,
    })
}

fn read_models(value: &JsValue, path: &str) -> Read<Models> {
    object(value, path)?;
    let ner = field(value, "ner")
        .map(|v| string(&v, &format!("{path}.ner")))
        .transpose()?;
    Ok(Models { ner })
}

fn read_diagnostic(value: &JsValue, path: &str) -> Read<DiagnosticRecord> {
    object(value, path)?;
    let text = |key: &str| string(&required(value, path, key)?, &format!("{path}.{key}"));
    let severity = match text("severity")?.as_str() {
        "warning" => Severity::Warning,
        "error" => Severity::Error,
        _ => {
            return Err(shape(
                &format!("{path}.severity"),
                "expected \"warning\" or \"error\"",
            ))
        }
    };
    let line = field(value, "line")
        .map(|v| whole(&v, &format!("{path}.line"), u32::MAX as f64))
        .transpose()?;
    Ok(DiagnosticRecord {
        file: text("file")?,
        line: line.map(|n| n as usize),
        severity,
        message: text("message")?,
    })
}
