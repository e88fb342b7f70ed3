//! `dateline build DOCS… --out DIR`: write a prebuilt index for the page.
//!
//! The site's corpus folder (`DIR/corpus/`) receives `manifest.json` and
//! `index/*.bin` (see `dateline::prebuilt`); with `--shell`, the page itself
//! (index.html, css/, js/, pkg/) is copied into `DIR` too, so `DIR` is a
//! complete site. Parsing runs on every core; a progress bar shows each phase.
//! The corpus folder is replaced whole, never half-written (see
//! [`crate::publish`]); the manifest lists every index file's checksum.
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use dateline::codec::frame_sum;
use dateline::index::entities::EntityIndexBuilder;
use dateline::index::IndexBuilder;
use dateline::manifest::{encode_checksums, IndexEntry, Manifest, FORMAT};
use dateline::prebuilt::format::FileKind;
use dateline::prebuilt::{write_index, Prebuilt, WriteOptions};
use indicatif::{ProgressBar, ProgressStyle};

use crate::entities::load_recognizer;
use crate::inputs::{write_manifest, Docs, Publish};
use crate::publish::{checkpoint, Staging};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: Docs,
    #[command(flatten)]
    publish: Publish,
    /// The site folder: the index goes to OUT/corpus/ (replacing what was there).
    #[arg(long)]
    out: PathBuf,
    /// A folder with the page (index.html, css/, js/, pkg/) to copy into OUT.
    #[arg(long)]
    shell: Option<PathBuf>,
    /// Entity model file (`ner.bin`, from `dateline train-ner`), the one the
    /// page would load. Without it, rules and the built-in gazetteer only.
    #[arg(long)]
    ner_model: Option<PathBuf>,
    /// No progress bars (they are also off when stderr is not a terminal).
    #[arg(long)]
    quiet: bool,
}

fn bar(quiet: bool, len: u64, what: &str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let style =
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
    ProgressBar::new(len)
        .with_style(style)
        .with_prefix(what.to_string())
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// `index.checksums`: the checksums of the files written into `dir`, in
/// the index's order (its meta file, then `Prebuilt::file_names`), which the
/// page's reader knows without sorting anything.
fn checksums_in_order(dir: &Path, sums: Vec<(String, u32)>) -> anyhow::Result<String> {
    let meta_name = FileKind::Meta.name(0);
    let meta =
        std::fs::read(dir.join(&meta_name)).with_context(|| format!("reading back {meta_name}"))?;
    let index = Prebuilt::open(&meta).map_err(|e| anyhow::anyhow!("{e}"))?;
    let by_name: std::collections::HashMap<String, u32> = sums.into_iter().collect();
    let mut names = vec![meta_name];
    names.extend(index.file_names());
    anyhow::ensure!(
        names.len() == by_name.len(),
        "{} index files written, the index has {}",
        by_name.len(),
        names.len()
    );
    let crcs = names.iter().map(|n| {
        by_name
            .get(n)
            .copied()
            .with_context(|| format!("{n} was not written"))
    });
    Ok(encode_checksums(
        crcs.collect::<anyhow::Result<Vec<u32>>>()?,
    ))
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let parsed = args.docs.load_for_publishing(args.publish.keep_going)?;
    let errors = parsed.errors();
    checkpoint("parsed");
    let parse_s = started.elapsed().as_secs_f64();
    let total = parsed.articles.len();

    let t = Instant::now();
    let progress = bar(args.quiet, total as u64, "indexing");
    // Time expressions are tagged as the page tags them, while indexing.
    let mut builder = IndexBuilder::new();
    for a in parsed.articles {
        builder.add(a);
    }
    let mut index = builder.finish_with_progress(&|done| progress.set_position(done as u64));
    progress.finish_and_clear();
    let index_s = t.elapsed().as_secs_f64();

    // Entities: the page's recognizer, model and resolution, on every core.
    let t = Instant::now();
    let mut recognition = EntityIndexBuilder::new(load_recognizer(args.ner_model.as_ref())?);
    recognition.recognize_all(index.docs());
    let ents = index.install_entities(recognition);
    let (entity_count, mention_count) = (ents.len(), ents.mention_count());
    let entities_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let corpus = args.out.join("corpus");
    // The new index goes beside the old one, which serves until the swap.
    let staging = Staging::begin(&corpus)?;
    let dir = staging.dir.clone();
    std::fs::create_dir_all(dir.join("index"))
        .with_context(|| format!("creating {}", dir.display()))?;
    let progress = bar(args.quiet, 0, "writing");
    // Encoding (here) and writing (a second thread) overlap; the queue is
    // short, so at most a few files wait in memory.
    let (send, recv) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(16);
    // The writer records each file's header checksum for the manifest.
    let writer = std::thread::spawn(move || -> anyhow::Result<Vec<(String, u32)>> {
        let mut sums = Vec::new();
        for (name, bytes) in recv {
            std::fs::write(dir.join(&name), &bytes)
                .with_context(|| format!("writing {}", dir.join(&name).display()))?;
            let (_, crc) = frame_sum(&bytes).context("an index file without a header")?;
            sums.push((name, crc));
            if sums.len() == 2 {
                checkpoint("writing");
            }
        }
        Ok(sums)
    });
    let summary = write_index(&index, &WriteOptions::default(), |name, bytes| {
        progress.inc(1);
        send.send((name.to_string(), bytes))
    });
    drop(send);
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the file writer panicked"))?;
    let sums = written?;
    let summary = summary.map_err(|_| anyhow::anyhow!("the file writer stopped early"))?;
    progress.finish_and_clear();
    drop(index);

    let manifest = Manifest {
        format: FORMAT,
        articles: total,
        packs: Vec::new(),
        index: Some(IndexEntry {
            meta: "index/meta.bin".into(),
            files: summary.total_files(),
            bytes: summary.total_bytes(),
            checksums: Some(checksums_in_order(&staging.dir, sums)?),
        }),
        models: None,
        diagnostics: parsed.diagnostics.into_iter().map(Into::into).collect(),
    };
    // The page first: it reads both manifest formats, so the old corpus
    // keeps working with it until the swap.
    if let Some(shell) = &args.shell {
        for part in ["index.html", "css", "js", "pkg"] {
            let from = shell.join(part);
            if from.is_dir() {
                copy_dir(&from, &args.out.join(part))?;
            } else {
                std::fs::copy(&from, args.out.join(part))
                    .with_context(|| format!("copying {}", from.display()))?;
            }
        }
    }
    write_manifest(&staging.dir, &manifest)?;
    staging.commit()?;
    let write_s = t.elapsed().as_secs_f64();
    eprintln!(
        "built {total} articles into {} index files, {:.1} MB, in {}: parse {parse_s:.2} s, index + events {index_s:.2} s, entities {entities_s:.2} s ({entity_count} entities, {mention_count} mentions), write {write_s:.2} s; {errors} input errors",
        summary.total_files(),
        summary.total_bytes() as f64 / 1e6,
        corpus.display(),
    );
    Ok(())
}
