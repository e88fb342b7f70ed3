//! `corpus/manifest.json`: what the page reads first to know how the
//! collection is stored (article packs to index, or a prebuilt index).
use dateline::parse::Diagnostic;
use serde::Serialize;

/// The manifest's format number; the page refuses any other.
pub const FORMAT: u32 = 1;

#[derive(Serialize)]
pub struct Models {
    pub ner: String,
}

#[derive(Serialize)]
pub struct PackEntry {
    pub file: String,
    pub articles: usize,
    pub bytes: usize,
}

/// Where a prebuilt index starts, and its size.
#[derive(Serialize)]
pub struct IndexEntry {
    pub meta: String,
    pub files: usize,
    pub bytes: u64,
}

#[derive(Serialize)]
pub struct Manifest {
    pub format: u32,
    pub articles: usize,
    /// Article packs the page indexes itself (none with a prebuilt index).
    pub packs: Vec<PackEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<IndexEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub models: Option<Models>,
    pub diagnostics: Vec<Diagnostic>,
}
