//! `dateline pack DOCS… --out DIR`: write the corpus files the page loads.
//!
//! `DIR` is replaced whole, never half-written (see [`crate::publish`]);
//! the manifest lists every pack's length and checksum.
use std::path::{Path, PathBuf};

use anyhow::Context;
use dateline::article::Article;
use dateline::codec::frame_sum;
use dateline::manifest::{Manifest, Models, PackEntry, FORMAT};
use dateline::parse::Parsed;
use dateline::store::write_pack;

use crate::inputs::{write_manifest, Docs, Publish};
use crate::publish::{checkpoint, Staging, COLLECTION};

/// Pack files are cut at about this many bytes: large enough that a big
/// corpus needs few requests, small enough to download in parallel.
const PACK_TARGET_BYTES: usize = 4 * 1024 * 1024;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: Docs,
    #[command(flatten)]
    publish: Publish,
    /// Output folder (created, or replaced whole once the new one is
    /// complete); receives manifest.json and articles-NNN.pack.
    #[arg(long)]
    out: PathBuf,
    /// Entity-recognition model (from `dateline train-ner`) to ship beside the
    /// corpus; the page loads it after search is ready.
    #[arg(long)]
    ner_model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let parsed = args.docs.load_for_publishing(args.publish.keep_going)?;
    let errors = parsed.errors();
    checkpoint("parsed");
    let staging = Staging::begin(&args.out, COLLECTION)?;
    let manifest = write_collection(parsed, &staging.dir, args.ner_model.as_deref(), Vec::new())?;
    staging.commit()?;
    let bytes: usize = manifest.packs.iter().map(|p| p.bytes).sum();
    eprintln!(
        "packed {} articles into {} file(s), {:.1} MB, in {}; {errors} input errors",
        manifest.articles,
        manifest.packs.len(),
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}

/// Write the collection the page indexes into the existing folder `out`:
/// article packs in date order (each pack covers a stretch of time), the
/// entity model when given (checked first), and `manifest.json` last.
/// Shared by `dateline pack` and `dateline build --index packs`. `shell`:
/// the page's files written beside the corpus (`build`), listed in the
/// manifest for the page's "Save as site" ([`Manifest::shell`]).
pub fn write_collection(
    mut parsed: Parsed,
    out: &Path,
    ner_model: Option<&Path>,
    shell: Vec<String>,
) -> anyhow::Result<Manifest> {
    parsed
        .articles
        .sort_by(|a, b| (a.date.is_none(), a.date, &a.id).cmp(&(b.date.is_none(), b.date, &b.id)));
    let mut packs = Vec::new();
    let mut chunk: Vec<Article> = Vec::new();
    let mut chunk_bytes = 0;
    let total = parsed.articles.len();
    let flush = |chunk: &mut Vec<Article>, packs: &mut Vec<PackEntry>| -> anyhow::Result<()> {
        let bytes = write_pack(chunk);
        let file = format!("articles-{:03}.pack", packs.len());
        std::fs::write(out.join(&file), &bytes).with_context(|| format!("writing {file}"))?;
        packs.push(PackEntry {
            file,
            articles: chunk.len(),
            bytes: bytes.len(),
            crc32: frame_sum(&bytes).map(|(_, crc)| crc),
        });
        checkpoint("writing");
        chunk.clear();
        Ok(())
    };
    for a in parsed.articles {
        chunk_bytes += a.id.len()
            + a.title.len()
            + a.paragraphs.iter().map(|p| p.len() + 4).sum::<usize>()
            + 32;
        chunk.push(a);
        if chunk_bytes >= PACK_TARGET_BYTES {
            flush(&mut chunk, &mut packs)?;
            chunk_bytes = 0;
        }
    }
    if !chunk.is_empty() || packs.is_empty() {
        flush(&mut chunk, &mut packs)?;
    }
    let models = match ner_model {
        Some(path) => {
            // Check it before shipping: a damaged model would only fail in the page.
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            dateline::entities::Recognizer::from_model_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            std::fs::write(out.join("ner.bin"), &bytes)?;
            Some(Models {
                ner: Some("ner.bin".into()),
            })
        }
        None => None,
    };
    let manifest = Manifest {
        format: FORMAT,
        articles: total,
        packs,
        index: None,
        models,
        diagnostics: parsed.diagnostics.into_iter().map(Into::into).collect(),
        shell,
    };
    write_manifest(out, &manifest)?;
    Ok(manifest)
}
