//! A site `dateline build` (or `pack`) wrote, read back from disk as its
//! page reads it, so that `dateline search SITE QUERY` answers what the page
//! answers without the original documents: the manifest first, then a
//! prebuilt index file by file, only those a request needs (its reader says
//! which, `needs_…`), or every article pack, each checked against the
//! manifest as the page checks it.

use std::path::{Path, PathBuf};

use anyhow::Context;
use dateline::article::Article;
use dateline::engine::PrebuiltEngine;
use dateline::manifest::{check_file, IndexFolder, Manifest};
use dateline::prebuilt::packed::unpack;

/// The most rounds of `needs_…` → read a request may take: the page's own
/// bound (`MAX_ROUNDS` in www/js/engine.js), so that a damaged index that
/// keeps asking ends with an error, not a loop.
const MAX_ROUNDS: usize = 8;

/// What a built site holds.
pub enum Built {
    /// A prebuilt index, opened from its metadata.
    Prebuilt(Box<PrebuiltSite>),
    /// Article packs, for the page to index (every pack read and checked),
    /// and the entity model the site ships, if any.
    Packs {
        articles: Vec<Article>,
        model: Option<Vec<u8>>,
    },
}

/// A site's prebuilt index, read file by file: [`PrebuiltSite::complete`]
/// reads what a request needs.
pub struct PrebuiltSite {
    pub engine: PrebuiltEngine,
    /// The corpus folder and the index's folder in it.
    corpus: PathBuf,
    folder: IndexFolder,
    /// Index files read so far, and their bytes as stored.
    pub files: usize,
    pub bytes: u64,
}

/// The corpus folder of `path` when it is a built site (`SITE/corpus/
/// manifest.json`) or a site's corpus folder (`manifest.json`); `None` for
/// anything else (documents to parse).
pub fn corpus_of(path: &Path) -> Option<PathBuf> {
    if !path.is_dir() {
        return None;
    }
    [path.join("corpus"), path.to_path_buf()]
        .into_iter()
        .find(|c| c.join("manifest.json").is_file())
}

/// Read the manifest of the site whose corpus folder is `corpus`, then
/// open its prebuilt index (its metadata only) or read its packs.
pub fn open(corpus: &Path) -> anyhow::Result<Built> {
    let path = corpus.join("manifest.json");
    let json = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let manifest = Manifest::from_deserializer(&mut serde_json::Deserializer::from_slice(&json))
        .with_context(|| format!("{}", path.display()))?;
    if let Some(folder) = manifest.index_folder() {
        let meta = corpus.join(folder.path("index/meta.bin"));
        let bytes = std::fs::read(&meta).with_context(|| format!("reading {}", meta.display()))?;
        let engine =
            PrebuiltEngine::open(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", meta.display()))?;
        return Ok(Built::Prebuilt(Box::new(PrebuiltSite {
            engine,
            corpus: corpus.to_path_buf(),
            folder,
            files: 1,
            bytes: bytes.len() as u64,
        })));
    }
    let mut articles = Vec::new();
    for p in &manifest.packs {
        let file = corpus.join(&p.file);
        let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        if let Some(crc) = p.crc32 {
            check_file(&p.file, &bytes, Some(p.bytes), crc)?;
        }
        let pack = dateline::store::read_pack(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        articles.extend(pack);
    }
    let model = match manifest.ner_model() {
        Some(name) => {
            let file = corpus.join(name);
            Some(std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?)
        }
        None => None,
    };
    Ok(Built::Packs { articles, model })
}

impl PrebuiltSite {
    /// Read the index files `needs` names until it names none, as the
    /// page's fetch loop does.
    pub fn complete(
        &mut self,
        needs: impl Fn(&PrebuiltEngine) -> Vec<String>,
    ) -> anyhow::Result<()> {
        for _ in 0..MAX_ROUNDS {
            let need = needs(&self.engine);
            if need.is_empty() {
                return Ok(());
            }
            for name in need {
                let file = self.corpus.join(self.folder.path(&name));
                let stored =
                    std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
                let frame =
                    unpack(&stored).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
                self.engine
                    .add_file(&name, &frame)
                    .map_err(|e| anyhow::anyhow!("{}: {}", file.display(), e.kind))?;
                self.files += 1;
                self.bytes += stored.len() as u64;
            }
        }
        anyhow::bail!(
            "the index in {} still needs files after {MAX_ROUNDS} rounds: is it damaged?",
            self.corpus.display()
        )
    }
}
