//! The prebuilt index written from documents and segments spilled to disk
//! (`dateline::prebuilt::spill` and `doc_spill`, what `dateline build`
//! runs: the articles on disk in input order, sorted there, read back a
//! run at a time by every collection-wide step) against the one written
//! from the in-memory index: the same files, byte for byte, whatever the
//! segment size (one document a segment, a few, all in one), on generated
//! collections (with reprints, furniture, events, entities, shuffled dates
//! and repeated ids) and on ukraine2022; and a damaged segment or document
//! file named, not merged.

use std::collections::BTreeMap;

use dateline::article::Article;
use dateline::entities::Recognizer;
use dateline::index::entities::EntityIndexBuilder;
use dateline::index::{IndexBuilder, Progress};
use dateline::prebuilt::spill::{ScratchErrorKind, Spilled, WriteError};
use dateline::prebuilt::{write_index, WriteOptions};
use proptest::prelude::*;

use crate::util::corpus;

type Files = BTreeMap<String, Vec<u8>>;

const QUIET: Progress = Progress {
    indexed: &|_| {},
    tagged: &|_| {},
};

/// The reference: the whole index in memory, entities by rules and
/// gazetteers, written out.
fn in_memory(articles: Vec<Article>, opts: &WriteOptions) -> Files {
    let mut builder = IndexBuilder::new().with_events(opts.annotations);
    articles.into_iter().for_each(|a| builder.add(a));
    let mut index = builder.finish();
    if opts.annotations {
        index.install_entities(EntityIndexBuilder::new(Recognizer::basic()));
    }
    let mut files = Files::new();
    write_index(&index, opts, |name, bytes| {
        files.insert(name.to_string(), bytes);
        Ok::<(), ()>(())
    })
    .unwrap();
    files
}

/// The same collection indexed in segments of `segment_bytes` of text,
/// spilled into a scratch folder and merged; also says how many segments.
fn spilled(articles: Vec<Article>, opts: &WriteOptions, segment_bytes: usize) -> (Files, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut builder = IndexBuilder::new().with_events(opts.annotations);
    builder.add_all(articles);
    let mut index = Spilled::build(builder, segment_bytes, dir.path(), &QUIET).unwrap();
    if opts.annotations {
        index
            .install_entities(EntityIndexBuilder::new(Recognizer::basic()))
            .unwrap();
    }
    let mut files = Files::new();
    let total = index.postings();
    let merged = std::cell::Cell::new(0);
    index
        .write(
            opts,
            |name, bytes| {
                files.insert(name.to_string(), bytes);
                Ok::<(), ()>(())
            },
            &|n| merged.set(n),
        )
        .unwrap();
    assert_eq!(
        merged.get(),
        total,
        "the merge's progress ends at every posting"
    );
    let segments = index.segment_count();
    drop(index);
    // The scratch goes with the index.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    (files, segments)
}

/// The first file that differs (or is missing on one side), by name.
fn first_difference(a: &Files, b: &Files) -> Option<String> {
    let names: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    names.into_iter().find(|n| a.get(*n) != b.get(*n)).map(|n| {
        format!(
            "{n}: {:?} vs {:?} bytes",
            a.get(n).map(Vec::len),
            b.get(n).map(Vec::len)
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any collection, any segment size, tiny or default shards, with or
    /// without annotations: the spilled build writes the in-memory build's files.
    #[test]
    fn spilled_build_equals_in_memory_build(
        articles in prop_oneof![corpus(), crate::prebuilt::annotated_corpus()],
        segment_bytes in prop_oneof![Just(1usize), 1usize..400, Just(usize::MAX)],
        tiny in any::<bool>(),
        annotations in any::<bool>(),
    ) {
        let opts = WriteOptions {
            annotations,
            ..if tiny { WriteOptions::TINY } else { WriteOptions::default() }
        };
        let n = articles.len();
        let (files, segments) = spilled(articles.clone(), &opts, segment_bytes);
        if segment_bytes == 1 {
            prop_assert_eq!(segments, n, "one document a segment");
        }
        let reference = in_memory(articles, &opts);
        prop_assert_eq!(first_difference(&files, &reference), None);
    }
}

/// ukraine2022 (real web news: reprints, furniture, thousands of terms) in
/// segments of about 64 KB of text: the in-memory build's files.
#[test]
fn ukraine2022_spilled_equals_in_memory() {
    let Some(articles) = crate::util::ukraine2022("spill") else {
        return;
    };
    let opts = WriteOptions::default();
    let (files, segments) = spilled(articles.clone(), &opts, 64 * 1024);
    assert!(segments > 10, "{segments} segments");
    assert_eq!(first_difference(&files, &in_memory(articles, &opts)), None);
}

/// The seed articles spilled into `dir` in segments of `segment_bytes`
/// bytes of text, without events.
fn spilled_seeds(segment_bytes: usize, dir: &std::path::Path) -> Spilled {
    let mut builder = IndexBuilder::new().with_events(false);
    crate::util::seeds()
        .iter()
        .cloned()
        .for_each(|a| builder.add(a));
    Spilled::build(builder, segment_bytes, dir, &QUIET).unwrap()
}

/// Damage a file on disk: keep its first half.
fn cut_in_half(file: &std::path::Path) {
    let bytes = std::fs::read(file).unwrap();
    std::fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
}

/// A segment cut short on disk stops the merge with its file and the byte
/// at fault, and nothing is written past it.
#[test]
fn a_damaged_segment_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let index = spilled_seeds(1, dir.path());
    assert!(index.segment_count() >= 2);
    let victim = dir.path().join("seg-00001.bin");
    cut_in_half(&victim);
    let opts = WriteOptions {
        annotations: false,
        ..WriteOptions::default()
    };
    let mut written = Vec::new();
    let err = index
        .write(
            &opts,
            |name, _| {
                written.push(name.to_string());
                Ok::<(), ()>(())
            },
            &|_| {},
        )
        .unwrap_err();
    let WriteError::Segment(e) = err else {
        panic!("not a segment error: {err:?}");
    };
    assert_eq!(e.file, victim);
    assert!(matches!(
        e.kind,
        ScratchErrorKind::Io(_) | ScratchErrorKind::Format(_)
    ));
    assert!(e.to_string().contains("seg-00001.bin"), "{e}");
    assert!(
        !written.iter().any(|n| n == "index/meta.bin"),
        "{written:?}"
    );
}

/// The documents' file cut short on disk stops the write with its name,
/// and the metadata (the commit point of an index) is never written.
#[test]
fn a_damaged_document_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let index = spilled_seeds(usize::MAX, dir.path());
    let victim = dir.path().join("docs.bin");
    cut_in_half(&victim);
    let opts = WriteOptions {
        annotations: false,
        ..WriteOptions::default()
    };
    let err = index
        .write(&opts, |_, _| Ok::<(), ()>(()), &|_| {})
        .unwrap_err();
    let WriteError::Segment(e) = err else {
        panic!("not a segment error: {err:?}");
    };
    assert_eq!(e.file, victim);
    assert!(e.to_string().contains("docs.bin"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Input order does not matter: the same articles shuffled, some ids
    /// repeated (kept apart by input position as a stable sort keeps
    /// them), spilled, give the in-memory build's files.
    #[test]
    fn spilled_build_is_in_date_order_whatever_the_input_order(
        articles in crate::prebuilt::annotated_corpus(),
        seed in any::<u64>(),
        repeat in any::<bool>(),
    ) {
        let mut articles = articles;
        let n = articles.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(i as u64 + 7) % (i as u64 + 1)) as usize;
            articles.swap(i, j);
        }
        if repeat && n > 2 {
            articles[1].id = articles[0].id.clone();
        }
        let opts = WriteOptions::TINY;
        let (files, _) = spilled(articles.clone(), &opts, 300);
        prop_assert_eq!(first_difference(&files, &in_memory(articles, &opts)), None);
    }
}
