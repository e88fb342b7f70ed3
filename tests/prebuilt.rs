//! The prebuilt index against the in-page index it was written from.
//!
//! Random collections and queries (the generators of `util`, as `search` uses),
//! written with tiny shards so that every query crosses many files: after
//! fetching what `needs_*` asks for, the prebuilt engine's responses must be
//! the in-page engine's, field for field. Then the format itself: every file
//! round-trips, every kind of file reports truncation, corruption and a
//! wrong version by name, and an index saved by this format version
//! (`tests/fixtures/prebuilt-v1/`) still opens and answers.

use std::collections::BTreeMap;
use std::path::Path;

use dateline::article::Article;
use dateline::engine::{Engine, PrebuiltEngine, SearchRequest, Sort};
use dateline::prebuilt::format::{FileKind, HEADER_LEN};
use dateline::prebuilt::{write_index, WriteOptions};
use proptest::prelude::*;

use crate::util::{corpus, query, seeds};

const TINY: WriteOptions = WriteOptions::TINY;

fn write(articles: Vec<Article>, opts: &WriteOptions) -> (Engine, BTreeMap<String, Vec<u8>>) {
    let engine = Engine::with_events(articles, false);
    let mut files = BTreeMap::new();
    write_index(engine.index(), opts, |name, bytes| {
        files.insert(name.to_string(), bytes);
        Ok::<(), ()>(())
    })
    .unwrap();
    (engine, files)
}

fn open(files: &BTreeMap<String, Vec<u8>>) -> PrebuiltEngine {
    PrebuiltEngine::open(&files["index/meta.bin"]).unwrap()
}

/// Fetch what `needs` asks for until it asks for nothing; returns the rounds taken.
fn fetch(
    p: &mut PrebuiltEngine,
    files: &BTreeMap<String, Vec<u8>>,
    needs: impl Fn(&PrebuiltEngine) -> Vec<String>,
) -> usize {
    for round in 0..8 {
        let missing = needs(p);
        if missing.is_empty() {
            return round;
        }
        for name in missing {
            let bytes = files
                .get(&name)
                .unwrap_or_else(|| panic!("asked for {name}, which was not written"));
            p.add_file(&name, bytes).unwrap();
        }
    }
    panic!("still missing files after 8 rounds");
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn prebuilt_answers_as_the_in_page_index((articles, q) in (corpus(), query()), limit in 1usize..5, sort in 0u8..3) {
        let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
        let paragraphs: Vec<usize> = articles.iter().map(|a| a.paragraphs.len()).collect();
        let (engine, files) = write(articles, &TINY);
        // The prebuilt index stores no boilerplate flags yet (src/engine/prebuilt.rs):
        // where the in-page index finds boilerplate, snippets and the reader's
        // dimming differ by design. The claim holds for every other collection.
        let furniture = paragraphs.iter().enumerate().any(|(doc, &n)| {
            (0..n).any(|p| engine.index().is_boilerplate(doc as u32, p))
        });
        prop_assume!(!furniture);
        let mut prebuilt = open(&files);
        let sort = [Sort::Relevance, Sort::Newest, Sort::Oldest][sort as usize];
        let req = SearchRequest { q: q.clone(), sort, limit: Some(limit), ..Default::default() };
        let rounds = fetch(&mut prebuilt, &files, |p| p.needs_search(&req));
        // Dictionary, then postings with positions, then articles.
        prop_assert!(rounds <= 3, "{} rounds for {:?}", rounds, q);
        prop_assert_eq!(json(&prebuilt.search(&req)), json(&engine.search(&req)), "query {:?}", q);
        prop_assert_eq!(json(&prebuilt.stats().articles), json(&engine.stats().articles));

        for id in ids.iter().take(2) {
            fetch(&mut prebuilt, &files, |p| p.needs_article(id, &q));
            prop_assert_eq!(json(&prebuilt.article(id, &q)), json(&engine.article(id, &q, None)), "article {} for {:?}", id, q);
        }
        prop_assert!(prebuilt.needs_article("no-such-id", &q).len() <= 1);
    }
}

fn sample() -> Vec<Article> {
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let a = |id: &str, date, text: &str| Article {
        id: id.into(),
        date: d(date),
        title: dateline::parse::title_from(text),
        source: None,
        paragraphs: dateline::parse::split_paragraphs(text),
    };
    vec![
        a(
            "early",
            "2022-01-20",
            "Lavrov will meet Blinken in Geneva.\n\nSecurity guarantees are the topic.",
        ),
        a(
            "late",
            "2022-02-09",
            "Truss meets Lavrov in Moscow.\n\nThe meeting was long; Zakharová spoke.",
        ),
        a(
            "undated",
            "",
            "Undated notes on NATO and the OSCE in Vienna.",
        ),
    ]
}

#[test]
fn every_file_round_trips_and_is_named_by_kind() {
    let (_, files) = write(sample(), &TINY);
    let mut p = open(&files);
    let mut kinds = std::collections::BTreeSet::new();
    for (name, bytes) in &files {
        let (kind, _) = FileKind::parse_name(name).unwrap();
        kinds.insert(kind);
        p.add_file(name, bytes).unwrap();
        assert!(p.index().has_file(name), "{name}");
    }
    assert_eq!(
        kinds.len(),
        FileKind::ALL.len(),
        "every kind of file is written"
    );
    // Everything loaded: nothing more to fetch, and the answer is complete.
    let req = SearchRequest {
        q: "lavrov".into(),
        ..Default::default()
    };
    assert!(p.needs_search(&req).is_empty());
    assert_eq!(p.search(&req).total, 2);
    let mut names = p.index().file_names();
    names.push("index/meta.bin".into());
    names.sort();
    assert_eq!(names, files.keys().cloned().collect::<Vec<_>>());
}

#[test]
fn damaged_files_of_every_kind_are_reported_by_name() {
    let (_, files) = write(sample(), &TINY);
    for kind in FileKind::ALL {
        let name = kind.name(0);
        let good = &files[&name];
        let check = |bytes: &[u8], expect: &str| {
            let message = if kind == FileKind::Meta {
                PrebuiltEngine::open(bytes).err().map(|e| e.to_string())
            } else {
                open(&files)
                    .add_file(&name, bytes)
                    .err()
                    .map(|e| e.to_string())
            };
            let message =
                message.unwrap_or_else(|| panic!("{name}: damage ({expect}) not detected"));
            assert!(message.starts_with(&format!("{name}: ")), "{message}");
            assert!(
                message.contains(expect),
                "{name}: {message:?} lacks {expect:?}"
            );
        };
        for cut in [0, 5, HEADER_LEN - 1, HEADER_LEN, good.len() - 1] {
            check(&good[..cut], "truncated");
        }
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x5A;
        check(&flipped, "checksum mismatch");
        let mut v2 = good.clone();
        v2[8] = 2;
        check(&v2, "index format version 2, this reader reads version 1");
        check(b"<!doctype html><title>404</title>", "magic");
        if kind != FileKind::Meta {
            let other = if kind == FileKind::Dict {
                FileKind::Postings
            } else {
                FileKind::Dict
            };
            check(&files[&other.name(0)], "expected a");
        }
    }
}

#[test]
fn a_damaged_file_leaves_the_index_usable() {
    let (engine, files) = write(sample(), &TINY);
    let mut p = open(&files);
    let req = SearchRequest {
        q: "geneva".into(),
        ..Default::default()
    };
    let first = p.needs_search(&req);
    let name = &first[0];
    assert!(p.add_file(name, &files[name][..10]).is_err());
    assert_eq!(
        p.needs_search(&req),
        first,
        "still needed after a failed add"
    );
    fetch(&mut p, &files, |p| p.needs_search(&req));
    assert_eq!(json(&p.search(&req)), json(&engine.search(&req)));
}

#[test]
fn default_shards_serve_the_seeds_in_three_rounds() {
    let (engine, files) = write(seeds().to_vec(), &WriteOptions::default());
    let mut p = open(&files);
    let req = SearchRequest {
        q: "\"security guarantees\" Geneva".into(),
        ..Default::default()
    };
    assert_eq!(fetch(&mut p, &files, |p| p.needs_search(&req)), 3);
    let got = p.search(&req);
    assert_eq!(got.hits.len(), 1);
    assert_eq!(json(&got), json(&engine.search(&req)));
}

/// An index written by format version 1, kept in the repository: it must keep
/// opening (until the version is bumped, when a new one replaces it).
#[test]
fn saved_version_1_index_still_opens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prebuilt-v1");
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("corpus/index")).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("index/{}", path.file_name().unwrap().to_str().unwrap());
        files.insert(name, std::fs::read(&path).unwrap());
    }
    let mut p = open(&files);
    assert_eq!(p.stats().articles, 2);
    let req = SearchRequest {
        q: "Zakharva".into(),
        ..Default::default()
    };
    fetch(&mut p, &files, |p| p.needs_search(&req));
    let got = p.search(&req);
    assert_eq!(got.total, 2, "the typo finds both seeds");
    assert!(got.hits.iter().all(|h| h.snippet.iter().any(|s| s.hit)));
}
