//! `corpus/manifest.json`: what the page reads first to know how the
//! collection is stored (article packs to index, or a prebuilt index), and
//! the one definition of it. The command-line tool writes it
//! (`dateline pack`, `dateline build`); the page hands the parsed JSON to the
//! wasm core (`parse_manifest`, src/wasm/manifest.rs), which reads it into
//! these types, checks it with [`Manifest::validate`]
//! and returns it typed, or an error naming the field that is wrong.

use std::fmt;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::parse::DiagnosticRecord;

/// The manifest's format number; the page refuses any other.
pub const FORMAT: u32 = 1;

/// Model files shipped with the collection, relative to the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Models {
    /// The entity model (`ner.bin`), when one is shipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub ner: Option<String>,
}

/// One article pack the page fetches and indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PackEntry {
    /// Relative to the manifest (`articles-000.pack`).
    pub file: String,
    #[serde(default)]
    pub articles: usize,
    #[serde(default)]
    pub bytes: usize,
}

/// Where a prebuilt index starts, and its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct IndexEntry {
    /// The meta file, relative to the manifest (`index/meta.bin`).
    pub meta: String,
    /// How many files the index has, and their total size.
    #[serde(default)]
    pub files: usize,
    #[serde(default)]
    pub bytes: u64,
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Manifest {
    /// [`FORMAT`]; anything else is refused.
    pub format: u32,
    #[serde(default)]
    pub articles: usize,
    /// Article packs the page indexes itself (none with a prebuilt index).
    pub packs: Vec<PackEntry>,
    /// Present: the page reads this prebuilt index, not packs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub index: Option<IndexEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub models: Option<Models>,
    /// Problems found in the inputs when the collection was built; the page
    /// lists them in its footer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<DiagnosticRecord>,
}

/// What is wrong with a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestErrorKind {
    /// Not the shape of a manifest (a missing field, a wrong type): serde's words.
    Shape(String),
    /// A format this reader does not know.
    Format(u32),
    /// An empty file name.
    EmptyPath,
    /// A file name that is not a plain relative path under the corpus folder.
    UnsafePath(String),
}

/// A manifest error and the field it is in (`index.meta`, `packs[2].file`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// The field's path (`index.meta`, `packs[2].file`) for the checks
    /// beyond shape; `manifest` for shape errors (their message names the field).
    pub field: String,
    pub kind: ManifestErrorKind,
}

impl fmt::Display for ManifestError {
    /// Always starts with the field's path and a colon.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.kind {
            ManifestErrorKind::Shape(what) => write!(f, "{field}: {what}"),
            ManifestErrorKind::Format(n) => {
                write!(f, "{field}: format {n}; this page reads format {FORMAT}")
            }
            ManifestErrorKind::EmptyPath => write!(f, "{field}: empty file name"),
            ManifestErrorKind::UnsafePath(p) => {
                write!(f, "{field}: {p:?} is not a plain relative path")
            }
        }
    }
}

impl std::error::Error for ManifestError {}

/// A plain relative path: `/`-separated names of letters, digits, `.`, `_`
/// and `-`, none starting with `.` (so no `..`), none empty.
pub fn is_plain_path(p: &str) -> bool {
    !p.is_empty()
        && p.split('/').all(|part| {
            part.bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        })
        && !p.contains("..")
}

impl Manifest {
    /// Deserialize a manifest from any serde source (natively: the page's
    /// core reads the object `JSON.parse` made with `wasm::parse_manifest`,
    /// which names the path of a wrong field), then [`Manifest::validate`] it.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(
        de: D,
    ) -> Result<Manifest, ManifestError> {
        // The shape error names the field where serde does ("missing field
        // `file`"), not the path to it.
        let m = Manifest::deserialize(de).map_err(|e| ManifestError {
            field: "manifest".to_string(),
            kind: ManifestErrorKind::Shape(e.to_string()),
        })?;
        m.validate()?;
        Ok(m)
    }

    /// The checks beyond shape: the format, and file names a page can fetch
    /// (every pack's, the index's and the model's a plain relative path
    /// under the corpus folder, as the index names its own files).
    pub fn validate(&self) -> Result<(), ManifestError> {
        if self.format != FORMAT {
            return Err(ManifestError {
                field: "format".into(),
                kind: ManifestErrorKind::Format(self.format),
            });
        }
        // Every file the page will fetch must stay inside the corpus folder:
        // a manifest naming `../../etc/passwd` (or an absolute URL) must not
        // make the page request it.
        let packs = self.packs.iter().enumerate();
        let mut files: Vec<(String, &str)> = packs
            .map(|(i, p)| (format!("packs[{i}].file"), p.file.as_str()))
            .collect();
        if let Some(ix) = &self.index {
            files.push(("index.meta".into(), &ix.meta));
        }
        if let Some(ner) = self.models.as_ref().and_then(|m| m.ner.as_deref()) {
            // An empty name means no model (see `ner_model`).
            if !ner.is_empty() {
                files.push(("models.ner".into(), ner));
            }
        }
        for (field, file) in files {
            let kind = if file.is_empty() {
                ManifestErrorKind::EmptyPath
            } else if !is_plain_path(file) {
                ManifestErrorKind::UnsafePath(file.to_string())
            } else {
                continue;
            };
            return Err(ManifestError { field, kind });
        }
        Ok(())
    }

    /// The entity model's file, when one is shipped (an empty name is none).
    pub fn ner_model(&self) -> Option<&str> {
        self.models
            .as_ref()
            .and_then(|m| m.ner.as_deref())
            .filter(|n| !n.is_empty())
    }
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Manifest, ManifestError> {
        Manifest::from_deserializer(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn reads_what_the_tool_writes() {
        let m = Manifest {
            format: FORMAT,
            articles: 3,
            packs: vec![PackEntry {
                file: "articles-000.pack".into(),
                articles: 3,
                bytes: 100,
            }],
            index: None,
            models: Some(Models {
                ner: Some("ner.bin".into()),
            }),
            diagnostics: Vec::new(),
        };
        let json = serde_json::to_string(&m).expect("serializes");
        assert_eq!(read(&json), Ok(m));
    }

    #[test]
    fn errors_name_the_field() {
        let e = read(r#"{"format": 1, "packs": [{"file": "a"}, {"files": "b"}]}"#).unwrap_err();
        // Shape errors name the field serde names, not the path to it.
        assert_eq!(e.field, "manifest");
        assert!(e.to_string().contains("missing field `file`"), "{e}");
        let e = read(r#"{"format": 2, "packs": []}"#).unwrap_err();
        assert_eq!(e.to_string(), "format: format 2; this page reads format 1");
        let e = read(r#"{"format": 1, "packs": [], "index": {"meta": "../x.bin"}}"#).unwrap_err();
        assert_eq!(e.field, "index.meta");
        let e = read(r#"{"format": 1, "packs": [{"file": ""}]}"#).unwrap_err();
        assert_eq!(e.to_string(), "packs[0].file: empty file name");
        let e = read(r#"{"format": "1", "packs": []}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
        assert_eq!(read("3").unwrap_err().field, "manifest");
        // Files outside the corpus folder are refused wherever they are named.
        for (json, field) in [
            (
                r#"{"format": 1, "packs": [{"file": "../../etc/passwd"}]}"#,
                "packs[0].file",
            ),
            (
                r#"{"format": 1, "packs": [{"file": "https://evil.example/x.pack"}]}"#,
                "packs[0].file",
            ),
            (
                r#"{"format": 1, "packs": [], "models": {"ner": "/etc/passwd"}}"#,
                "models.ner",
            ),
        ] {
            let e = read(json).unwrap_err();
            assert_eq!(e.field, field, "{json}");
            assert!(
                matches!(e.kind, ManifestErrorKind::UnsafePath(_)),
                "{json}: {e}"
            );
        }
        // No model is written as an empty name, and that is fine.
        assert!(read(r#"{"format": 1, "packs": [], "models": {"ner": ""}}"#).is_ok());
    }

    #[test]
    fn plain_paths() {
        assert!(is_plain_path("index/meta.bin"));
        for bad in ["", "/a", "a//b", "../a", "a/..", ".a", "a b", "a\\b"] {
            assert!(!is_plain_path(bad), "{bad:?}");
        }
    }
}
