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
use dateline::index::Progress;
use dateline::manifest::{IndexEntry, IndexFolder, Manifest, FORMAT};
use dateline::prebuilt::doc_spill::DocSpillWriter;
use dateline::prebuilt::format::FileKind;
use dateline::prebuilt::spill::{Spilled, WriteError};
use dateline::prebuilt::{packed, Prebuilt, WriteOptions};
use indicatif::{ProgressBar, ProgressStyle};

use crate::entities::load_recognizer;
use crate::inputs::{write_manifest, Docs, Publish};
use crate::pack::write_collection;
use crate::publish::{checkpoint, SingleFile, Staging, SITE};
use crate::site::{page_paths, single_file_page, site_page, write_page, IndexKind, PageFiles};

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
    /// With `--index prebuilt`: the memory the postings may take while they
    /// are built (`512M`, `2G`, or bytes). The documents are indexed in
    /// segments of about an eighth of it in text (indexing takes about 8
    /// bytes a byte of text), spilled beside the site and merged into the
    /// index files; the index is the same whatever the budget.
    #[arg(long, default_value = "512M", value_parser = parse_size)]
    memory: u64,
}

/// Bytes of index-building memory per byte of text indexed: postings,
/// positions and the partial dictionaries of a segment while its batches
/// are merged (measured on the 200k growth collection: about 6, rounded up).
const MEMORY_PER_TEXT_BYTE: u64 = 8;

/// `512M`, `2G`, `64K` (powers of 1024) or plain bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let shift = match unit
        .to_ascii_uppercase()
        .trim_end_matches("IB")
        .trim_end_matches('B')
    {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return Err(format!("{s:?}: a size is digits then K, M, G or T")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?}: a size is digits then K, M, G or T"))?;
    n.checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{s:?}: not a size in bytes greater than 0"))
}

/// A progress bar on stderr for one phase, with its rate and time left
/// (indicatif draws nothing when stderr is not a terminal); a spinner when
/// `len` is 0 (a phase of unknown length).
fn bar(quiet: bool, len: u64, what: &str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let template = if len == 0 {
        "{prefix:>10} {spinner} {msg} ({elapsed})"
    } else {
        "{prefix:>10} [{bar:30}] {human_pos}/{human_len} {per_sec} ETA {eta} {msg}"
    };
    let style = ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    if len == 0 {
        let spinner = ProgressBar::new_spinner()
            .with_style(style)
            .with_prefix(what.to_string());
        spinner.enable_steady_tick(std::time::Duration::from_millis(200));
        return spinner;
    }
    ProgressBar::new(len)
        .with_style(style)
        .with_prefix(what.to_string())
}

/// Move `bar` to `done`; the first move starts its clock, so that its rate
/// and time left count from when its phase began, not from when the bar
/// was made (the phases before it ran meanwhile).
fn advance(bar: &ProgressBar, done: usize) {
    if bar.position() == 0 {
        bar.reset_elapsed();
        bar.reset_eta();
    }
    bar.set_position(done as u64);
}

/// The index's folder, named by its build: `index-` and 16 hex digits of
/// FNV-1a (64-bit) over the CRC-32 of every file written into `dir`'s
/// `index/` (from `sums`), in the index's order (its meta file, then
/// `Prebuilt::file_names`). A rebuild with other content gets another
/// folder, so a page that loaded the old manifest never reads a new file
/// under an old name (nor the other way round); the same content, the same
/// folder.
/// Threads that gzip and write the index files while the merge encodes them.
const WRITERS: usize = 2;

fn build_folder(dir: &Path, sums: Vec<(String, u32)>) -> anyhow::Result<IndexFolder> {
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
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for n in &names {
        let crc = by_name
            .get(n)
            .with_context(|| format!("{n} was not written"))?;
        for b in crc.to_le_bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let folder = IndexFolder::of_meta(&format!("index-{hash:016x}/meta.bin"))
        .context("an index folder name")?;
    let from = dir.join("index");
    let to = dir.join(folder.dir());
    std::fs::rename(&from, &to)
        .with_context(|| format!("renaming {} to {}", from.display(), to.display()))?;
    Ok(folder)
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
    if let (None, IndexKind::Prebuilt) = (&args.single_file, index) {
        return run_prebuilt(&args, started);
    }
    let parsing = bar(args.quiet, 0, "parsing");
    let parsed = args
        .docs
        .load_for_publishing_after(args.publish.keep_going, || parsing.finish_and_clear())?;
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
    let page = site_page(args.shell.as_deref(), index)?;
    let page_paths = page_paths(&page);
    let corpus = staging.dir.join("corpus");
    std::fs::create_dir_all(&corpus).with_context(|| format!("creating {}", corpus.display()))?;
    let total = parsed.articles.len();
    // What the page fetches before it can answer, hinted in its HTML.
    let mut first = vec![SITE.to_string()];
    // Packs: a prebuilt index is `run_prebuilt`'s.
    let what = {
        let t = Instant::now();
        let m = write_collection(parsed, &corpus, args.ner_model.as_deref(), page_paths)?;
        let bytes: usize = m.packs.iter().map(|p| p.bytes).sum();
        first.extend(m.packs.iter().map(|p| format!("corpus/{}", p.file)));
        format!(
            "{} article pack(s), {:.1} MB, in {:.2} s",
            m.packs.len(),
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        )
    };
    let built = Built {
        total,
        what,
        parse_s,
        errors,
    };
    publish_site(staging, page, index, &first, out, built)
}

/// What a build made, for the line it ends with.
struct Built {
    total: usize,
    /// The collection's files, said in a phrase.
    what: String,
    parse_s: f64,
    errors: usize,
}

/// The page written into `staging` beside its collection (`first`: what it
/// fetches before it can answer, hinted in its HTML), the new site swapped
/// in for the old at `out`, and what was built said on stderr.
fn publish_site(
    staging: Staging,
    page: PageFiles,
    kind: IndexKind,
    first: &[String],
    out: &Path,
    built: Built,
) -> anyhow::Result<()> {
    let page_bytes = write_page(&staging.dir, page, kind, first)?;
    staging.commit()?;
    let Built {
        total,
        what,
        parse_s,
        errors,
    } = built;
    eprintln!(
        "built {total} articles into {}: the page ({:.1} MB) and {what}; parse {parse_s:.2} s; {errors} input errors",
        out.display(),
        page_bytes as f64 / 1e6,
    );
    Ok(())
}

/// `--index prebuilt` (the default with `--out`): the articles spilled to
/// disk as they are parsed (into the new site's scratch folder, never
/// published), indexed from there in bounded memory, the site swapped in.
fn run_prebuilt(args: &Args, started: Instant) -> anyhow::Result<()> {
    let out = args
        .out
        .as_deref()
        .context("--out DIR or --single-file OUT.html")?;
    // The new site goes beside the old one, which serves until the swap;
    // a failed run (input errors included) removes it.
    let staging = Staging::begin(out, SITE)?;
    let page = site_page(args.shell.as_deref(), IndexKind::Prebuilt)?;
    let corpus = staging.dir.join("corpus");
    let segments = staging.dir.join("segments");
    for dir in [&corpus, &segments] {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let parsing = bar(args.quiet, 0, "parsing");
    let mut docs = DocSpillWriter::create(&segments)?;
    let mut failed = None;
    let (parsed, total) = args.docs.load_each_for_publishing_after(
        args.publish.keep_going,
        || parsing.finish_and_clear(),
        &mut |a| {
            if failed.is_none() {
                failed = docs.add(&a).err();
            }
        },
    )?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let errors = parsed.errors();
    checkpoint("parsed");
    let parse_s = started.elapsed().as_secs_f64();
    let annotations = !args.no_annotations;
    let segment_bytes = (args.memory / MEMORY_PER_TEXT_BYTE).max(1);
    let spill = Spill {
        segment_bytes: usize::try_from(segment_bytes).unwrap_or(usize::MAX),
        dir: &segments,
        quiet: args.quiet,
    };
    let model = args.ner_model.as_deref();
    let input = Input {
        docs,
        total,
        diagnostics: parsed.diagnostics,
    };
    let what = write_prebuilt(input, &corpus, annotations.then_some(model), &spill);
    // Scratch: never published.
    let _ = std::fs::remove_dir_all(&segments);
    let (what, folder) = what?;
    let mut first = vec![
        SITE.to_string(),
        format!("corpus/{}", folder.path(&FileKind::Meta.name(0))),
    ];
    // The page asks for the entity types once its opening list is drawn
    // (the facets count by type): hinted, they come in the first round trip
    // instead of a third.
    let kinds = folder.path(&FileKind::EntityKinds.name(0));
    if corpus.join(&kinds).is_file() {
        first.push(format!("corpus/{kinds}"));
    }
    let built = Built {
        total,
        what,
        parse_s,
        errors,
    };
    publish_site(staging, page, IndexKind::Prebuilt, &first, out, built)
}

/// The parsed collection a prebuilt build starts from: its articles on
/// disk in input order, how many, and the inputs' messages.
struct Input {
    docs: DocSpillWriter,
    total: usize,
    diagnostics: Vec<dateline::parse::Diagnostic>,
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
    // No "Save as site" from a single file (it runs no worker): no page list.
    let manifest = write_collection(parsed, &staging.work, ner_model, Vec::new())?;
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

/// Give the pages a phase of the build freed back to the system. Why:
/// glibc's allocator keeps freed memory for later (its mmap threshold rises
/// after large frees, so later large buffers come from the heap and stay
/// in it), and a build of a million articles kept what its index phase
/// had freed through the entity phase: the peak was both.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    // SAFETY: malloc_trim returns free heap memory to the system; it reads
    // and writes no live allocation, and no other thread is allocating
    // between the phases (it takes the allocator's locks regardless).
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// Where and how big the segments of a prebuilt build are (see
/// `dateline::prebuilt::spill`), and whether progress is shown.
struct Spill<'a> {
    segment_bytes: usize,
    dir: &'a Path,
    quiet: bool,
}

/// Index `parsed` in segments and write the prebuilt index, merged from
/// them, into the existing folder `corpus` (`index/*.bin`, renamed to the
/// build's folder, [`build_folder`]; then `manifest.json` last); says what
/// it wrote, and where the index is. `annotations`: the events and
/// entities, recognized with this model (or rules and gazetteers only);
/// `None`: neither (search only).
fn write_prebuilt(
    input: Input,
    corpus: &Path,
    annotations: Option<Option<&Path>>,
    spill: &Spill,
) -> anyhow::Result<(String, IndexFolder)> {
    let quiet = spill.quiet;
    let Input {
        docs,
        total,
        diagnostics,
    } = input;
    let t = Instant::now();
    let progress = bar(quiet, total as u64, "indexing");
    let report = Progress {
        indexed: &|done| advance(&progress, done),
        tagged: &|_| {},
    };
    // Time expressions are tagged as the page tags them, as the documents
    // are written.
    let events = annotations.is_some();
    let mut index = Spilled::build_from(docs, events, spill.segment_bytes, spill.dir, &report)?;
    progress.finish_and_clear();
    let index_s = t.elapsed().as_secs_f64();
    release_freed_memory();

    // Entities: the page's recognizer, model and resolution, on every core.
    let t = Instant::now();
    let (entity_count, mention_count) = match annotations {
        Some(ner_model) => {
            let model = ner_model.map(Path::to_path_buf);
            // After the recognizer is loaded: loading may print a note.
            let mut recognition = EntityIndexBuilder::new(load_recognizer(model.as_ref())?);
            let progress = bar(quiet, 0, "entities");
            recognition.recognize_all(index.docs());
            index.docs().check()?;
            let ents = index.install_entities(recognition)?;
            progress.finish_and_clear();
            (ents.len(), ents.mention_count())
        }
        None => (0, 0),
    };
    let entities_s = t.elapsed().as_secs_f64();
    release_freed_memory();
    let options = WriteOptions {
        annotations: annotations.is_some(),
        ..WriteOptions::default()
    };

    let t = Instant::now();
    let dir = corpus.to_path_buf();
    std::fs::create_dir_all(dir.join("index"))
        .with_context(|| format!("creating {}", dir.display()))?;
    let progress = bar(quiet, index.postings() as u64, "merging");
    // Encoding (here) and writing (WRITERS threads: gzip and a file each,
    // about 60 µs a file, and an index of 200,000 articles has 200,000
    // files) overlap; the queue is short, so at most a few files wait in
    // memory. Each writer records its files' header checksums for the
    // manifest (the folder's name does not depend on their order).
    let (send, recv) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(16);
    let recv = std::sync::Arc::new(std::sync::Mutex::new(recv));
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let (recv, dir, count) = (recv.clone(), dir.clone(), count.clone());
            std::thread::spawn(move || -> anyhow::Result<Vec<(String, u32)>> {
                let mut sums = Vec::new();
                loop {
                    // A poisoned lock means another writer panicked: stop too.
                    let next = match recv.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => break,
                    };
                    let Ok((name, bytes)) = next else { break };
                    let (_, crc) = frame_sum(&bytes).context("an index file without a header")?;
                    // Gzipped where that saves bytes; the checksum is the frame's.
                    let kind = FileKind::parse_name(&name).map_or(FileKind::Meta, |(k, _)| k);
                    std::fs::write(dir.join(&name), packed::pack(kind, bytes))
                        .with_context(|| format!("writing {}", dir.join(&name).display()))?;
                    sums.push((name, crc));
                    if count.fetch_add(1, std::sync::atomic::Ordering::Relaxed) == 1 {
                        checkpoint("writing");
                    }
                }
                Ok(sums)
            })
        })
        .collect();
    let summary = index.write(
        &options,
        |name, bytes| send.send((name.to_string(), bytes)),
        &|done| progress.set_position(done as u64),
    );
    drop(send);
    let mut sums = Vec::new();
    for writer in writers {
        let written = writer
            .join()
            .map_err(|_| anyhow::anyhow!("a file writer panicked"))?;
        sums.extend(written?);
    }
    let summary = summary.map_err(|e| match e {
        WriteError::Sink(_) => anyhow::anyhow!("the file writer stopped early"),
        WriteError::Segment(e) => anyhow::Error::new(e),
    })?;
    progress.finish_and_clear();
    let segments = index.segment_count();
    drop(index);

    let folder = build_folder(corpus, sums)?;
    let manifest = Manifest {
        format: FORMAT,
        articles: total,
        packs: Vec::new(),
        index: Some(IndexEntry {
            meta: folder.path(&FileKind::Meta.name(0)),
            files: summary.total_files(),
            bytes: summary.total_bytes(),
        }),
        models: None,
        diagnostics: diagnostics.into_iter().map(Into::into).collect(),
        shell: Vec::new(),
    };
    write_manifest(corpus, &manifest)?;
    let what = format!(
        "{} index files, {:.1} MB (index + events {index_s:.2} s in {segments} segment(s), entities {entities_s:.2} s: {entity_count} entities, {mention_count} mentions; merge + write {:.2} s)",
        summary.total_files(),
        summary.total_bytes() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    Ok((what, folder))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_read_with_binary_units_and_refuse_the_rest() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("64kib"), Ok(64 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        for bad in ["", "0", "12Q", "M", "-1G", "99999999999T"] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
    }
}
