//! `dateline build DOCS… --out DIR`: write a whole site, the page and its
//! collection, that any static host serves as it is.
//!
//! `DIR` receives the page (index.html, css/, js/, pkg/ with the wasm core
//! the index kind needs: see [`crate::site`]) and `corpus/`: by default a
//! prebuilt index (`manifest.json` and `index/*.bin`, see
//! `dateline::prebuilt`), or with `--index packs` the article packs the page
//! indexes itself (as `dateline pack`). Parsing runs on every core; a
//! progress bar shows each phase. The site is replaced whole, never
//! half-written (see [`crate::publish`]); the manifest lists every index
//! file's checksum.
//!
//! `--single-file OUT.html` instead writes the page and its packs as one
//! HTML file that opens from `file://` (see [`crate::single`]).
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
use crate::pack::write_collection;
use crate::publish::{checkpoint, SingleFile, Staging, SITE};
use crate::site::{single_file_page, write_page, IndexKind};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: Docs,
    #[command(flatten)]
    publish: Publish,
    /// The site folder: the page, and the collection in OUT/corpus/. It is
    /// replaced whole once the new site is complete (it must be a site
    /// `dateline build` wrote, or empty, or absent).
    #[arg(long, required_unless_present = "single_file")]
    out: Option<PathBuf>,
    /// Instead of a site folder, one HTML file holding the page, the engine
    /// and the collection (indexed in the page), which opens from file://
    /// (mailed, unzipped, double-clicked). At most 100 MB of HTML.
    #[arg(long, value_name = "OUT.html", conflicts_with = "out")]
    single_file: Option<PathBuf>,
    /// How the collection is indexed: `prebuilt` (made now, fetched per
    /// query: any size; the default with --out) or `packs` (indexed in the
    /// page: a few thousand articles; the only kind with --single-file).
    #[arg(long, value_enum)]
    index: Option<IndexKind>,
    /// Entity-recognition model (from `dateline train-ner`): with `--index
    /// prebuilt` entities are recognized with it now, at build time; with
    /// `--index packs` it is shipped beside the packs and the page loads it
    /// after search is ready. Without it, rules and the built-in gazetteer only.
    #[arg(long)]
    ner_model: Option<PathBuf>,
    /// With `--index prebuilt`: leave out the events and entities (no time
    /// tagging, no entity recognition, no `notes-*`/`ents-*` files). The
    /// page then offers search only; the benchmark builds so to measure
    /// what they cost (`bench/annotations.mjs`).
    #[arg(long)]
    no_annotations: bool,
    /// Take the page from this folder (index.html, css/, js/, pkg/) instead
    /// of the one built into this binary.
    #[arg(long)]
    shell: Option<PathBuf>,
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
    let index = match (&args.single_file, args.index) {
        (Some(_), Some(IndexKind::Prebuilt)) => anyhow::bail!(
            "--single-file cannot hold a prebuilt index: the page in one file indexes the \
             collection itself (--index packs, a few thousand articles); a prebuilt index is \
             for large collections, fetched piece by piece from a site (--out DIR)"
        ),
        (Some(_), _) => IndexKind::Packs,
        (None, kind) => kind.unwrap_or(IndexKind::Prebuilt),
    };
    // Packs have no annotations to leave out: the page makes them.
    anyhow::ensure!(
        !(args.no_annotations && index == IndexKind::Packs),
        "--no-annotations is for --index prebuilt (with packs, the page tags and recognizes)"
    );
    let started = Instant::now();
    let parsed = args.docs.load_for_publishing(args.publish.keep_going)?;
    let errors = parsed.errors();
    checkpoint("parsed");
    let parse_s = started.elapsed().as_secs_f64();
    if let Some(target) = &args.single_file {
        return write_single_file(
            args.shell.as_deref(),
            parsed,
            target,
            args.ner_model.as_deref(),
        )
        .map(|what| {
            eprintln!(
                "built {what} into {}; parse {parse_s:.2} s; {errors} input errors",
                target.display()
            );
        });
    }
    let out = args
        .out
        .as_deref()
        .context("--out DIR or --single-file OUT.html")?;
    // The new site goes beside the old one, which serves until the swap.
    let staging = Staging::begin(out, SITE)?;
    let page_bytes = write_page(&staging.dir, args.shell.as_deref(), index)?;
    let corpus = staging.dir.join("corpus");
    std::fs::create_dir_all(&corpus).with_context(|| format!("creating {}", corpus.display()))?;
    let total = parsed.articles.len();
    let what = match index {
        IndexKind::Prebuilt => {
            let annotations = !args.no_annotations;
            let model = args.ner_model.as_deref();
            write_prebuilt(parsed, &corpus, annotations.then_some(model), args.quiet)?
        }
        IndexKind::Packs => {
            let t = Instant::now();
            let m = write_collection(parsed, &corpus, args.ner_model.as_deref())?;
            let bytes: usize = m.packs.iter().map(|p| p.bytes).sum();
            format!(
                "{} article pack(s), {:.1} MB, in {:.2} s",
                m.packs.len(),
                bytes as f64 / 1e6,
                t.elapsed().as_secs_f64()
            )
        }
    };
    staging.commit()?;
    eprintln!(
        "built {total} articles into {}: the page ({:.1} MB) and {what}; parse {parse_s:.2} s; {errors} input errors",
        out.display(),
        page_bytes as f64 / 1e6,
    );
    Ok(())
}

/// `--single-file`: the packs (and model) written into a work folder beside
/// `target`, read back into one page with the engine ([`crate::single`]),
/// which replaces `target` in one rename. Says what it wrote.
fn write_single_file(
    shell: Option<&Path>,
    parsed: dateline::parse::Parsed,
    target: &Path,
    ner_model: Option<&Path>,
) -> anyhow::Result<String> {
    let page = single_file_page(shell)?;
    let total = parsed.articles.len();
    let staging = SingleFile::begin(target)?;
    let manifest = write_collection(parsed, &staging.work, ner_model)?;
    let mut corpus = Vec::new();
    let mut names: Vec<String> = manifest.packs.iter().map(|p| p.file.clone()).collect();
    names.extend(manifest.models.iter().flat_map(|m| m.ner.clone()));
    names.push("manifest.json".into());
    for name in names {
        let path = staging.work.join(&name);
        let bytes = std::fs::read(&path).with_context(|| format!("reading back {name}"))?;
        corpus.push((name, bytes));
    }
    let html = crate::single::assemble(&page, &corpus, crate::single::cap())?;
    let size = html.len();
    staging.commit(html.as_bytes())?;
    Ok(format!(
        "{total} articles ({} article pack(s)) and the engine, one page of {:.1} MB,",
        manifest.packs.len(),
        size as f64 / 1e6
    ))
}

/// Index `parsed` and write the prebuilt index into the existing folder
/// `corpus` (`index/*.bin`, then `manifest.json` last); says what it wrote.
/// `annotations`: the events and entities, recognized with this model (or
/// rules and gazetteers only); `None`: neither (search only).
fn write_prebuilt(
    parsed: dateline::parse::Parsed,
    corpus: &Path,
    annotations: Option<Option<&Path>>,
    quiet: bool,
) -> anyhow::Result<String> {
    let total = parsed.articles.len();
    let t = Instant::now();
    let progress = bar(quiet, total as u64, "indexing");
    // Time expressions are tagged as the page tags them, while indexing.
    let mut builder = IndexBuilder::new().with_events(annotations.is_some());
    for a in parsed.articles {
        builder.add(a);
    }
    let mut index = builder.finish_with_progress(&|done| progress.set_position(done as u64));
    progress.finish_and_clear();
    let index_s = t.elapsed().as_secs_f64();

    // Entities: the page's recognizer, model and resolution, on every core.
    let t = Instant::now();
    let (entity_count, mention_count) = match annotations {
        Some(ner_model) => {
            let model = ner_model.map(Path::to_path_buf);
            let mut recognition = EntityIndexBuilder::new(load_recognizer(model.as_ref())?);
            recognition.recognize_all(index.docs());
            let ents = index.install_entities(recognition);
            (ents.len(), ents.mention_count())
        }
        None => (0, 0),
    };
    let entities_s = t.elapsed().as_secs_f64();
    let options = WriteOptions {
        annotations: annotations.is_some(),
        ..WriteOptions::default()
    };

    let t = Instant::now();
    let dir = corpus.to_path_buf();
    std::fs::create_dir_all(dir.join("index"))
        .with_context(|| format!("creating {}", dir.display()))?;
    let progress = bar(quiet, 0, "writing");
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
    let summary = write_index(&index, &options, |name, bytes| {
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
            checksums: Some(checksums_in_order(corpus, sums)?),
        }),
        models: None,
        diagnostics: parsed.diagnostics.into_iter().map(Into::into).collect(),
    };
    write_manifest(corpus, &manifest)?;
    Ok(format!(
        "{} index files, {:.1} MB (index + events {index_s:.2} s, entities {entities_s:.2} s: {entity_count} entities, {mention_count} mentions; write {:.2} s)",
        summary.total_files(),
        summary.total_bytes() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    ))
}
