//! The prebuilt index against the in-page index it was written from.
//!
//! Random collections and queries (the generators of `util`, as `search` uses),
//! written with tiny shards so that every query crosses many files: after
//! fetching what `needs_*` asks for, the prebuilt engine's responses must be
//! the in-page engine's, field for field; events, facets and entity views
//! also over the top N results (the in-page engine asked for the same
//! bound), fetching only the notes chunks (events) and document entity
//! chunks (facets) of those N. Then the format itself: every file
//! round-trips, every kind of file reports truncation, corruption and a
//! wrong version by name, and an index saved by this format version
//! (`tests/fixtures/prebuilt-v8/`) still opens and answers.

use std::collections::BTreeMap;
use std::path::Path;

use dateline::article::Article;
use dateline::engine::{
    Engine, EntityListRequest, EventsRequest, FacetGroup, PrebuiltEngine, SearchRequest, Sort,
};
use dateline::prebuilt::format::{FileKind, HEADER_LEN};
use dateline::prebuilt::{write_index, WriteOptions};
use dateline::query::entity_filter_token;
use dateline::text::tokenizer::Stemmer;
use proptest::prelude::*;

use crate::util::{corpus, query, seeds};

const TINY: WriteOptions = WriteOptions::TINY;

/// The in-page engine of `articles` (events tagged, entities recognized by
/// rules and gazetteers) and the prebuilt index written from it.
pub(crate) fn write(
    articles: Vec<Article>,
    opts: &WriteOptions,
) -> (Engine, BTreeMap<String, Vec<u8>>) {
    let mut engine = Engine::new(articles);
    engine.load_entities(None).unwrap();
    let mut files = BTreeMap::new();
    write_index(engine.index(), opts, |name, bytes| {
        files.insert(name.to_string(), bytes);
        Ok::<(), ()>(())
    })
    .unwrap();
    (engine, files)
}

pub(crate) fn open(files: &BTreeMap<String, Vec<u8>>) -> PrebuiltEngine {
    PrebuiltEngine::open(&files["index/meta.bin"]).unwrap()
}

/// Fetch what `needs` asks for until it asks for nothing; returns the rounds taken.
pub(crate) fn fetch(
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

pub(crate) fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn prebuilt_answers_as_the_in_page_index((articles, q) in (corpus(), query()), limit in 1usize..5, sort in 0u8..3) {
        let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
        let (engine, files) = write(articles, &TINY);
        let mut prebuilt = open(&files);
        // As the page does once search is ready: the entities, for facets.
        fetch(&mut prebuilt, &files, |p| p.needs_entities());
        let sort = [Sort::Relevance, Sort::Newest, Sort::Oldest][sort as usize];
        let req = SearchRequest { q: q.clone(), sort, limit: Some(limit), ..Default::default() };
        let rounds = fetch(&mut prebuilt, &files, |p| p.needs_search(&req));
        // Dictionary, then postings with positions, then articles (with
        // their boilerplate flags); an entity or `mentions:` filter needs
        // the events and entities first.
        prop_assert!(rounds <= 4, "{} rounds for {:?}", rounds, q);
        prop_assert_eq!(json(&prebuilt.search(&req)), json(&engine.search(&req)), "query {:?}", q);
        prop_assert_eq!(json(&prebuilt.stats().articles), json(&engine.stats().articles));

        for id in ids.iter().take(2) {
            fetch(&mut prebuilt, &files, |p| p.needs_article(id, &q, None));
            prop_assert_eq!(json(&prebuilt.article(id, &q, None)), json(&engine.article(id, &q, None)), "article {} for {:?}", id, q);
        }
        prop_assert!(prebuilt.needs_article("no-such-id", &q, None).len() <= 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// Bounded memory: with a budget of a few KB (or none at all beyond the
    /// pinned part), a sequence of searches and articles, each fetching what
    /// it needs and evicting after its answer as the page does, answers as
    /// the in-page index every time; after every eviction what is held is
    /// within the budget (or only the pinned part, when the budget is below
    /// it), and files evicted are asked for again by the requests that need them.
    #[test]
    fn bounded_prebuilt_answers_as_the_in_page_index(
        articles in corpus(),
        queries in prop::collection::vec(query(), 1..12),
        extra in 0usize..4,
    ) {
        let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
        let (engine, files) = write(articles, &TINY);
        let mut prebuilt = open(&files);
        fetch(&mut prebuilt, &files, |p| p.needs_entities());
        let pinned = prebuilt.memory(0).pinned_bytes;
        // 0: nothing beyond the pinned part; else a few small files' worth.
        let budget = pinned + extra * 1500;
        prebuilt.evict(budget);
        let mut refetched = 0;
        for (i, q) in queries.iter().enumerate() {
            let req = SearchRequest { q: q.clone(), limit: Some(3), ..Default::default() };
            let before = prebuilt.memory(budget).evicted_files;
            let rounds = fetch(&mut prebuilt, &files, |p| p.needs_search(&req));
            prop_assert!(rounds <= 4, "{} rounds for {:?}", rounds, q);
            prop_assert_eq!(json(&prebuilt.search(&req)), json(&engine.search(&req)), "query {:?}", q);
            let evicted = prebuilt.evict(budget);
            let m = prebuilt.memory(budget);
            prop_assert!(m.held_bytes <= budget.max(m.pinned_bytes), "{:?} after {:?}", m, q);
            prop_assert_eq!(m.evicted_files, before + evicted.len());
            if extra == 0 {
                // Nothing but the pinned part stays.
                prop_assert_eq!(m.held_bytes, m.pinned_bytes, "{:?}", evicted);
            }
            if let Some(id) = ids.get(i % ids.len().max(1)) {
                fetch(&mut prebuilt, &files, |p| p.needs_article(id, q, None));
                prop_assert_eq!(json(&prebuilt.article(id, q, None)), json(&engine.article(id, q, None)), "article {} for {:?}", id, q);
                let gone = prebuilt.evict(budget);
                let m = prebuilt.memory(budget);
                prop_assert!(m.held_bytes <= budget.max(m.pinned_bytes), "{:?}", m);
                // What went is missing again: the same request asks for it
                // (with the positions of its postings, for a phrase query,
                // and the postings shard a word's text falls in, asked with
                // its dictionary shard though the word may be no term).
                let again = prebuilt.needs_article(id, q, None);
                refetched += again.len();
                let beside = |f: &String| f.contains("/pos-") || f.contains("/post-");
                prop_assert!(again.iter().all(|f| gone.contains(f) || beside(f)), "{:?} not in {:?}", again, gone);
                prop_assert_eq!(again.is_empty(), !again.iter().any(|f| gone.contains(f)));
            }
        }
        if extra == 0 && !ids.is_empty() {
            // An article needs its id shard and chunk: both went, both asked again.
            prop_assert!(refetched > 0);
        }
        // The facets stay: the entity list is pinned once added.
        prop_assert!(prebuilt.needs_entities().is_empty());
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
        check(&v2, "index format version 2, this reader reads version 8");
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
    fetch(&mut p, &files, |p| p.needs_entities());
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

/// The hits of a response as (id, score) pairs: what a search finds, apart
/// from its snippets (which read the boilerplate flags of notes chunks).
fn found(r: &dateline::engine::SearchResponse) -> (usize, Vec<String>) {
    (r.total, r.hits.iter().map(|h| h.id.clone()).collect())
}

/// The page leaves out an event-and-entity file it could not read (a
/// damaged notes chunk, a damaged entity list) when it searches: the search
/// must still find what the in-page index finds, and the events and
/// entities stay unanswered (still needing that file) rather than answered
/// without it.
#[test]
fn a_search_without_its_notes_chunks_finds_the_same_articles() {
    let (engine, files) = write(sample(), &TINY);
    let damaged = |name: &str| {
        matches!(
            FileKind::parse_name(name),
            Some((
                FileKind::Notes
                    | FileKind::Entities
                    | FileKind::EntityKeys
                    | FileKind::EntityKinds
                    | FileKind::EntityNames
                    | FileKind::DocEntities,
                _
            ))
        )
    };
    for q in ["lavrov", "geneva OR vienna", "\"security guarantees\"", ""] {
        let mut p = open(&files);
        let req = SearchRequest {
            q: q.into(),
            ..Default::default()
        };
        let mut rounds = 0;
        loop {
            let missing: Vec<String> = p
                .needs_search(&req)
                .into_iter()
                .filter(|n| !damaged(n))
                .collect();
            if missing.is_empty() {
                break;
            }
            for name in missing {
                p.add_file(&name, &files[&name]).unwrap();
            }
            rounds += 1;
            assert!(rounds < 8, "{q}: still missing files after 8 rounds");
        }
        assert_eq!(found(&p.search(&req)), found(&engine.search(&req)), "{q}");
        let events = EventsRequest {
            q: q.into(),
            ..Default::default()
        };
        assert!(
            p.needs_events(&events).iter().any(|n| damaged(n)),
            "{q}: the events still need the notes chunks"
        );
        assert!(p.needs_entities().iter().any(|n| damaged(n)));
    }
}

/// `WriteOptions::annotations` off (`dateline build --no-annotations`): no
/// notes chunk or entity list, feature flags that say so, and the same
/// articles found.
#[test]
fn an_index_without_annotations_has_no_event_or_entity_files() {
    let (engine, files) = write(
        sample(),
        &WriteOptions {
            annotations: false,
            ..TINY
        },
    );
    for name in files.keys() {
        let kind = FileKind::parse_name(name).map(|(k, _)| k);
        assert!(
            !matches!(
                kind,
                Some(
                    FileKind::Notes
                        | FileKind::Entities
                        | FileKind::EntityKeys
                        | FileKind::EntityKinds
                        | FileKind::EntityNames
                        | FileKind::DocEntities
                )
            ),
            "{name} written without annotations"
        );
    }
    let mut p = open(&files);
    let features = p.stats().features;
    assert!(features.prebuilt && !features.events && !features.entities);
    assert!(p.needs_entities().is_empty());
    let req = SearchRequest {
        q: "lavrov".into(),
        ..Default::default()
    };
    fetch(&mut p, &files, |p| p.needs_search(&req));
    assert_eq!(found(&p.search(&req)), found(&engine.search(&req)));
    assert_eq!(p.search(&req).total, 2);
}

/// A LEB128 varint at `at` of `bytes`: (value, next offset).
fn varint(bytes: &[u8], mut at: usize) -> (u64, usize) {
    let (mut v, mut shift) = (0u64, 0);
    loop {
        let b = bytes[at];
        at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return (v, at);
        }
        shift += 7;
    }
}

/// The postings file holding term `t`, read from the files' own headers
/// (each payload starts: shard, first term, terms).
fn postings_file_of(files: &BTreeMap<String, Vec<u8>>, t: usize) -> String {
    for (name, bytes) in files {
        if !name.starts_with("index/post-") {
            continue;
        }
        let (_, at) = varint(bytes, HEADER_LEN);
        let (first, at) = varint(bytes, at);
        let (n, _) = varint(bytes, at);
        if (first..first + n).contains(&(t as u64)) {
            return name.clone();
        }
    }
    panic!("no postings file holds term {t}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A cold search asks for a word's postings shard in its first round,
    /// beside the dictionary shard (from the shards' keys in `meta`): for
    /// any term of any collection, with a shard a term or a few terms a
    /// shard, the shard that holds it (and for a phrase's word, its
    /// positions shard); then the search answers as in-page.
    #[test]
    fn a_words_postings_come_with_its_dictionary(
        articles in corpus(),
        pick in any::<prop::sample::Index>(),
        post_bytes in prop::sample::select(&[1usize, 40, 400][..]),
    ) {
        let opts = WriteOptions { post_bytes, ..WriteOptions::TINY };
        let (engine, files) = write(articles, &opts);
        let ix = engine.index();
        prop_assume!(ix.term_count() > 0);
        let t = pick.index(ix.term_count());
        let word = ix.term_text(t as _).to_string();
        // A word as one types it (not a field's marked term, "\u{1}reuters").
        prop_assume!(word.chars().all(char::is_alphanumeric));
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let req = SearchRequest::for_query(&word);
        let first = p.needs_search(&req);
        let want = postings_file_of(&files, t);
        prop_assert!(first.contains(&want), "{:?}: {} not in {:?}", word, want, first);
        prop_assert!(first.iter().any(|f| f.starts_with("index/dict-")), "{:?}", first);
        // And the shards of the terms that start with its stem (its stem
        // group's, mostly: "agreed" searches "agreement" too, which may
        // lie in the next shard) when they are at most two: with the
        // shard the stem itself falls in, at most three.
        let starting = |p: &str| -> std::collections::BTreeSet<String> {
            (0..ix.term_count())
                .filter(|&u| ix.term_text(u as _).starts_with(p))
                .map(|u| postings_file_of(&files, u))
                .collect()
        };
        let stem = Stemmer::default().stem(&word).into_owned();
        let group = starting(&stem);
        if group.len() <= 2 {
            prop_assert!(group.iter().all(|f| first.contains(f)), "{:?} ({:?}): {:?} not all in {:?}", word, stem, group, first);
        }
        fetch(&mut p, &files, |p| p.needs_search(&req));
        prop_assert_eq!(json(&p.search(&req)), json(&engine.search(&req)), "{}", word);
        // A prefix search: the shards of the terms it starts, likewise.
        let prefix: String = word.chars().take(2).collect();
        let completions = starting(&prefix);
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let req = SearchRequest::for_query(&format!("{prefix}*"));
        let first = p.needs_search(&req);
        if completions.len() <= 2 {
            prop_assert!(completions.iter().all(|f| first.contains(f)), "{:?}: {:?} not all in {:?}", req.q, completions, first);
        }
        fetch(&mut p, &files, |p| p.needs_search(&req));
        prop_assert_eq!(json(&p.search(&req)), json(&engine.search(&req)), "{}", req.q);
        // A phrase's words: their positions too.
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let req = SearchRequest::for_query(&format!("\"{word} {word}\""));
        let first = p.needs_search(&req);
        let pos = want.replace("/post-", "/pos-");
        prop_assert!(first.contains(&want) && first.contains(&pos), "{:?}: {:?}", req.q, first);
        fetch(&mut p, &files, |p| p.needs_search(&req));
        prop_assert_eq!(json(&p.search(&req)), json(&engine.search(&req)), "{}", req.q);
    }
}

/// The dictionary shards with the postings shard (the seeds fill one),
/// then the positions with the rows.
#[test]
fn default_shards_serve_the_seeds_in_two_rounds() {
    let (engine, files) = write(seeds().to_vec(), &WriteOptions::default());
    let mut p = open(&files);
    // Fetched by the page after its first search: facets need them.
    fetch(&mut p, &files, |p| p.needs_entities());
    let req = SearchRequest {
        q: "\"security guarantees\" Geneva".into(),
        ..Default::default()
    };
    assert_eq!(fetch(&mut p, &files, |p| p.needs_search(&req)), 2);
    let got = p.search(&req);
    assert_eq!(got.hits.len(), 1);
    assert_eq!(json(&got), json(&engine.search(&req)));
}

/// The saved index's files (`tests/fixtures/prebuilt-v8/`), as frames.
fn saved_index() -> BTreeMap<String, Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prebuilt-v8");
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("corpus/index")).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("index/{}", path.file_name().unwrap().to_str().unwrap());
        let stored = std::fs::read(&path).unwrap();
        let frame = dateline::prebuilt::packed::unpack(&stored).unwrap();
        files.insert(name, frame.into_owned());
    }
    files
}

/// An index of an older format version (the saved one's metadata with
/// version 7 in its header: the payload's checksum still holds) is refused,
/// saying to rebuild it.
#[test]
fn a_version_7_index_is_refused_with_rebuild() {
    let mut meta = saved_index()["index/meta.bin"].clone();
    meta[8..12].copy_from_slice(&7u32.to_le_bytes());
    let e = PrebuiltEngine::open(&meta).err().expect("refused");
    let said = e.to_string();
    assert!(said.starts_with("index/meta.bin: "), "{said}");
    assert!(said.contains("index format version 7"), "{said}");
    assert!(said.contains("rebuild the index"), "{said}");
}

/// An index written by format version 8 (`dateline build www/docs --index
/// prebuilt --no-annotations`, its files gzipped as published, its folder
/// renamed `index/`; its manifest kept at format 1 for `atomic.rs`), kept in
/// the repository: it must keep opening (until the version is bumped, when
/// a new one replaces it).
#[test]
fn saved_version_8_index_still_opens() {
    let files = saved_index();
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

/// Sentences naming people, organisations, places and dates, to make
/// collections with events and entities (and repeated text for boilerplate).
const SENTENCES: &[&str] = &[
    "Sergey Lavrov met Antony Blinken in Geneva on January 21.",
    "Volodymyr Zelensky spoke in Kyiv last week about NATO.",
    "The European Union said on Monday that talks would resume in March.",
    "Lavrov flew to Moscow on Friday.",
    "Olaf Scholz visited Washington in February 2022.",
    "Zelensky told the United Nations the war began in 2014.",
    "Reuters reported the meeting lasted two hours.",
    "Subscribe to our newsletter for daily updates.",
    "Liz Truss warned Russia in London yesterday.",
    "The OSCE met in Vienna on 10 February.",
];

pub(crate) fn annotated_corpus() -> impl Strategy<Value = Vec<Article>> {
    let article = |i: usize| {
        (
            prop::collection::vec(prop::collection::vec(0..SENTENCES.len(), 1..4), 1..4),
            prop::option::of(0i64..60),
        )
            .prop_map(move |(paras, day)| Article {
                id: format!("doc{i}"),
                date: day.map(|d| {
                    chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Duration::days(d)
                }),
                title: format!("Report {i}"),
                source: None,
                paragraphs: paras
                    .into_iter()
                    .map(|p| {
                        p.iter()
                            .map(|&s| SENTENCES[s])
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect(),
            })
    };
    (1usize..12).prop_flat_map(move |n| (0..n).map(article).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Events, facets, every entity filter, the entity views, a facet
    /// group's long list and the reader's marks: the same answers from the
    /// prebuilt index as from the in-page one, over the top `top` results
    /// by either sort (the in-page engine asked for the same bound); with no
    /// bound the prebuilt index reads its default (more than these
    /// collections hold), the in-page one every result. When a query has at
    /// most `top` results, the bounded answer is the exact one.
    #[test]
    fn prebuilt_events_and_entities_answer_as_in_page(
        articles in annotated_corpus(),
        words in prop::sample::select(&["", "Lavrov", "talks", "Zelensky OR Truss", "mentions:2022-01"][..]),
        top in prop::option::of(1usize..20),
        sort in prop::sample::select(&[Sort::Relevance, Sort::Newest, Sort::Oldest][..]),
        chunk_bytes in prop::sample::select(&[1usize, 400, 3000][..]),
        docs_per_dents in prop::sample::select(&[2usize, 512][..]),
    ) {
        // Document chunks of one article, of a few, and of all of them
        // (their notes number their time mentions on from the chunk's first);
        // `dents-*` chunks of two documents (facets read them) and of all
        // (facets over a few results read those results' notes chunks).
        let opts = WriteOptions { chunk_bytes, docs_per_dents, ..TINY };
        let (engine, files) = write(articles, &opts);
        let mut p = open(&files);
        let (pf, f) = (p.stats().features, engine.stats().features);
        prop_assert!(pf.prebuilt && pf.events == f.events && pf.entities == f.entities);
        let (ps, s) = (p.stats(), engine.stats());
        prop_assert_eq!((ps.time_mentions, ps.events), (s.time_mentions, s.events));
        // A page of one row: more results than that read their events
        // from the document event chunks where those cost less.
        let one = EventsRequest { q: words.to_string(), limit: Some(1), per_date: Some(1), sort, top, ..Default::default() };
        fetch(&mut p, &files, |p| p.needs_events(&one));
        prop_assert_eq!(json(&p.events(&one)), json(&engine.events(&one)));
        let ev = EventsRequest { q: words.to_string(), per_date: Some(5), sort, top, ..Default::default() };
        fetch(&mut p, &files, |p| p.needs_events(&ev));
        let events = p.events(&ev);
        prop_assert_eq!(json(&events), json(&engine.events(&ev)));
        fetch(&mut p, &files, |p| p.needs_entities());
        let search = SearchRequest { sort, top, ..SearchRequest::for_query(words) };
        fetch(&mut p, &files, |p| p.needs_search(&search));
        let found = p.search(&search);
        prop_assert_eq!(json(&found), json(&engine.search(&search)));
        // Bounded only when the bound left results out; then exactly the
        // answer over those; else the exact answer.
        let exact = |n: usize| found.total <= n;
        prop_assert_eq!(found.facets.over, top.filter(|&n| !exact(n)));
        prop_assert_eq!(events.over, top.filter(|&n| !exact(n)));
        if let Some(n) = top.filter(|&n| exact(n)) {
            let all = engine.events(&EventsRequest { top: None, ..ev.clone() });
            prop_assert_eq!(json(&events), json(&all), "{} results, top {}", found.total, n);
            let all = engine.search(&SearchRequest { top: None, ..search.clone() });
            prop_assert_eq!(json(&found.facets), json(&all.facets));
        }
        for group in [FacetGroup::People, FacetGroup::Organizations, FacetGroup::Places] {
            let req = EntityListRequest { search: search.clone(), group };
            fetch(&mut p, &files, |p| p.needs_entity_list(&req));
            let list = p.entity_list(&req);
            prop_assert_eq!(json(&list), json(&engine.entity_list(&req)));
            prop_assert_eq!(list.over, top.filter(|&n| !exact(n)));
        }
        let ents = engine.index().entities().unwrap();
        prop_assert_eq!(ents.len(), p.entity_stats().entities);
        for r in ents.records() {
            let filter = SearchRequest::for_query(&entity_filter_token(r.kind, &r.key));
            fetch(&mut p, &files, |p| p.needs_search(&filter));
            prop_assert_eq!(json(&p.search(&filter)), json(&engine.search(&filter)), "{}", filter.q);
            fetch(&mut p, &files, |p| p.needs_entity(&r.key, words, top));
            let view = p.entity(&r.key, words, top);
            prop_assert_eq!(json(&view), json(&engine.entity(&r.key, words, top)), "{}", r.key);
            if let (Some(v), Some(n)) = (&view, top) {
                prop_assert_eq!(v.over, (v.articles > n).then_some(n));
            }
        }
        let events = engine.index().events();
        for doc in 0..engine.index().len() as u32 {
            let id = engine.index().doc(doc).id.clone();
            let focus = events.of_doc(doc).first().map(|_| events.first_id(doc));
            fetch(&mut p, &files, |p| p.needs_article(&id, words, focus));
            prop_assert_eq!(json(&p.article(&id, words, focus)), json(&engine.article(&id, words, focus)));
        }
    }
}

/// An events page reads the articles of its rows only: a date named by 30
/// articles, shown with 3 rows, fetches the document chunks of 3 articles
/// (the newest first, in chunks of one article each here), not 30, and answers as
/// the in-page engine does.
#[test]
fn an_event_dates_rows_read_only_their_articles() {
    let day =
        |i: i64| chrono::NaiveDate::from_ymd_opt(2022, 4, 1).unwrap() + chrono::Duration::days(i);
    let articles: Vec<Article> = (0..30)
        .map(|i| Article {
            id: format!("m{i}"),
            // Three a day: a text repeated over more than two weeks is
            // page furniture (`index/boilerplate.rs`), its dates unread.
            date: Some(day(i / 3)),
            title: format!("Summit report {i}"),
            source: None,
            paragraphs: vec![format!(
                "The summit of March 3, 2022 was recalled in report number {i}."
            )],
        })
        .collect();
    let (engine, files) = write(articles, &WriteOptions::TINY);
    let ev = EventsRequest {
        q: "summit".into(),
        limit: Some(1),
        per_date: Some(3),
        ..Default::default()
    };
    let mut p = open(&files);
    let asked = fetch_noting(&mut p, &files, |p| p.needs_events(&ev));
    let got = p.events(&ev);
    let date = got
        .dates
        .first()
        .unwrap_or_else(|| panic!("{}", json(&got)));
    assert_eq!((date.start.as_str(), date.articles), ("2022-03-03", 30));
    let rows: Vec<&str> = date.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rows, ["m29", "m28", "m27"], "the newest articles");
    let docs = named(FileKind::Docs, &asked);
    let total = named(FileKind::Docs, files.keys()).len();
    assert!(total >= 30, "one article a chunk: {total} chunks");
    assert_eq!(docs.len(), 3, "the rows' chunks only: {docs:?}");
    assert_eq!(json(&got), json(&engine.events(&ev)));
}

/// The files of `kind` named among `files`.
pub(crate) fn named<'a>(
    kind: FileKind,
    files: impl IntoIterator<Item = &'a String>,
) -> std::collections::BTreeSet<String> {
    (files.into_iter())
        .filter(|n| matches!(FileKind::parse_name(n), Some((k, _)) if k == kind))
        .cloned()
        .collect()
}

/// The notes chunks named among `files`.
fn notes_named<'a>(
    files: impl IntoIterator<Item = &'a String>,
) -> std::collections::BTreeSet<String> {
    named(FileKind::Notes, files)
}

/// Fetch what `needs` asks for until it asks for nothing; returns every
/// file it asked for.
pub(crate) fn fetch_noting(
    p: &mut PrebuiltEngine,
    files: &BTreeMap<String, Vec<u8>>,
    needs: impl Fn(&PrebuiltEngine) -> Vec<String>,
) -> std::collections::BTreeSet<String> {
    let mut asked = std::collections::BTreeSet::new();
    for _ in 0..8 {
        let missing = needs(p);
        if missing.is_empty() {
            return asked;
        }
        asked.extend(missing.iter().cloned());
        for name in missing {
            p.add_file(&name, &files[&name]).unwrap();
        }
    }
    panic!("still missing files after 8 rounds");
}

/// Forty reports, one a day from 1 January 2022, article `i` of Lavrov
/// meeting an envoy of its own in Geneva on the day `named(i)` days after
/// 1 January (words apart: the same line in many articles is furniture).
fn envoy_reports(named: impl Fn(i64) -> i64) -> Vec<Article> {
    let day =
        |i: i64| chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Duration::days(i);
    (0..40)
        .map(|i| {
            let who = format!(
                "{}{}",
                (b'a' + (i % 26) as u8) as char,
                "x".repeat(i as usize / 26)
            );
            Article {
                id: format!("a{i}"),
                date: Some(day(i)),
                title: format!("Report {who}"),
                source: None,
                paragraphs: vec![format!(
                    "Sergey Lavrov met envoy {who} in Geneva on {}.",
                    day(named(i)).format("%B %-d, %Y")
                )],
            }
        })
        .collect()
}

/// A search, its events and an entity view over many results read the
/// notes chunks (events) and document entity chunks (facets, co-occurring
/// names) of their top `top` results only (each article is a notes chunk of
/// its own here, two a document entity chunk), never every chunk; a
/// search's facets read no notes chunk but those of the rows it shows.
#[test]
fn many_results_fetch_only_the_notes_of_the_top_ones() {
    let articles = envoy_reports(|i| i + 3);
    let (engine, files) = write(articles, &TINY);
    let all_notes = notes_named(files.keys());
    assert!(
        all_notes.len() >= 40,
        "a chunk per article: {}",
        all_notes.len()
    );
    let lavrov = engine
        .entity("sergey-lavrov", "", None)
        .expect("Lavrov is named");
    assert_eq!(lavrov.articles, 40);
    for (sort, top) in [(Sort::Newest, 5), (Sort::Relevance, 7), (Sort::Oldest, 3)] {
        let p0 = open(&files);
        let chunk_of = |id: &str| {
            let doc = engine.index().doc_by_id(id).unwrap();
            FileKind::Notes.name(p0.index().meta().doc_chunks.of(doc))
        };
        let dents_of = |id: &str| {
            let doc = engine.index().doc_by_id(id).unwrap() as usize;
            FileKind::DocEntities.name(doc / TINY.docs_per_dents)
        };
        // The top results, as the in-page engine lists them.
        let listed = SearchRequest {
            q: "lavrov".into(),
            sort,
            limit: Some(top),
            ..Default::default()
        };
        let expected: std::collections::BTreeSet<String> = (engine.search(&listed).hits.iter())
            .map(|h| chunk_of(&h.id))
            .collect();
        assert_eq!(expected.len(), top);
        let hits = engine.search(&listed).hits;
        let dents: std::collections::BTreeSet<String> =
            hits.iter().map(|h| dents_of(&h.id)).collect();

        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let req = SearchRequest {
            top: Some(top),
            limit: Some(1),
            ..listed.clone()
        };
        let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
        assert_eq!(
            named(FileKind::DocEntities, &asked),
            dents,
            "{sort:?}: the search's facets"
        );
        let shown: std::collections::BTreeSet<String> = [chunk_of(&hits[0].id)].into();
        assert_eq!(notes_named(&asked), shown, "{sort:?}: the row shown, alone");
        let found = p.search(&req);
        assert_eq!((found.total, found.facets.over), (40, Some(top)));
        assert_eq!(json(&found), json(&engine.search(&req)));

        let mut p = open(&files);
        let ev = EventsRequest {
            q: "lavrov".into(),
            sort,
            top: Some(top),
            ..Default::default()
        };
        let asked = fetch_noting(&mut p, &files, |p| p.needs_events(&ev));
        assert_eq!(notes_named(&asked), expected, "{sort:?}: the events");
        let events = p.events(&ev);
        assert_eq!(events.over, Some(top));
        assert_eq!(events.total_mentions, top, "one date an article");
        assert_eq!(json(&events), json(&engine.events(&ev)));
    }
    // The entity view: its newest `top`.
    let mut p = open(&files);
    let asked = fetch_noting(&mut p, &files, |p| {
        p.needs_entity("sergey-lavrov", "", Some(4))
    });
    assert_eq!(notes_named(&asked).len(), 4, "{asked:?}");
    assert!(named(FileKind::DocEntities, &asked).len() <= 3, "{asked:?}");
    let view = p.entity("sergey-lavrov", "", Some(4)).unwrap();
    assert_eq!((view.articles, view.over), (40, Some(4)));
    assert_eq!(
        json(&view),
        json(&engine.entity("sergey-lavrov", "", Some(4)))
    );
    // With the default bound (more than 40), every chunk: exact.
    let mut p = open(&files);
    let ev = EventsRequest {
        q: "lavrov".into(),
        ..Default::default()
    };
    let asked = fetch_noting(&mut p, &files, |p| p.needs_events(&ev));
    assert_eq!(notes_named(&asked).len(), 40);
    assert_eq!(p.events(&ev).over, None);
    assert!(named(FileKind::DocTimes, &asked).is_empty(), "{asked:?}");
}

/// The events of many more results than a page shows read each result's
/// time mentions from the document event chunks (`dtimes-*`, two articles
/// each here, cheaper than two notes chunks), and notes chunks only for
/// the rows shown; a `mentions:` search reads every event chunk, not
/// every notes chunk. Both answer as in-page. A page that could
/// not have an event chunk reads its articles' notes chunks instead.
#[test]
fn many_results_read_their_events_from_the_event_chunks() {
    let articles = envoy_reports(|i| i % 5 + 3);
    let (engine, files) = write(articles, &TINY);
    let all_times = named(FileKind::DocTimes, files.keys());
    assert_eq!(all_times.len(), 20, "two articles a chunk");
    let ev = EventsRequest {
        q: "lavrov".into(),
        limit: Some(2),
        per_date: Some(1),
        ..Default::default()
    };
    let mut p = open(&files);
    let asked = fetch_noting(&mut p, &files, |p| p.needs_events(&ev));
    assert_eq!(named(FileKind::DocTimes, &asked), all_times);
    assert_eq!(notes_named(&asked).len(), 2, "the two rows': {asked:?}");
    let events = p.events(&ev);
    assert_eq!((events.total_dates, events.total_mentions), (5, 40));
    assert_eq!(json(&events), json(&engine.events(&ev)));

    let dated = SearchRequest {
        limit: Some(1),
        ..SearchRequest::for_query("mentions:2022-01-05")
    };
    let mut p = open(&files);
    fetch(&mut p, &files, |p| p.needs_entities());
    let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&dated));
    assert_eq!(named(FileKind::DocTimes, &asked), all_times);
    let found = p.search(&dated);
    assert_eq!(found.total, 8);
    // At most its results' (their facets may read them), not all 40.
    assert!(notes_named(&asked).len() <= 8, "{asked:?}");
    assert_eq!(json(&found), json(&engine.search(&dated)));

    // Without the first event chunk: its articles' notes chunks.
    let mut p = open(&files);
    p.forgo(&FileKind::DocTimes.name(0));
    let asked = fetch_noting(&mut p, &files, |p| p.needs_events(&ev));
    assert!(!asked.contains(&FileKind::DocTimes.name(0)), "{asked:?}");
    assert!(asked.contains(&FileKind::Notes.name(0)), "{asked:?}");
    assert_eq!(json(&p.events(&ev)), json(&engine.events(&ev)));
}

/// ukraine2022 (at `../shared`; skipped, saying so, when absent): for a few
/// queries, both sorts and a small bound or none, the prebuilt index's
/// events and facets are the in-page engine's with the same bound.
#[test]
fn ukraine2022_bounded_events_and_facets_answer_as_in_page() {
    let Some(articles) = crate::util::ukraine2022("prebuilt") else {
        return;
    };
    let (engine, files) = write(articles, &WriteOptions::default());
    let mut p = open(&files);
    fetch(&mut p, &files, |p| p.needs_entities());
    let mut bounded = 0;
    for q in ["", "Zelensky", "grain*", "sanctions"] {
        for sort in [Sort::Relevance, Sort::Newest] {
            for top in [Some(50), None] {
                let search = SearchRequest {
                    q: q.into(),
                    sort,
                    top,
                    ..Default::default()
                };
                fetch(&mut p, &files, |p| p.needs_search(&search));
                let found = p.search(&search);
                let want = engine.search(&search);
                assert_eq!(
                    json(&found.facets),
                    json(&want.facets),
                    "{q:?} {sort:?} {top:?}"
                );
                assert!(!found.facets.people.is_empty(), "{q:?}: names found");
                bounded += usize::from(found.facets.over.is_some());
                let ev = EventsRequest {
                    q: q.into(),
                    sort,
                    top,
                    ..Default::default()
                };
                fetch(&mut p, &files, |p| p.needs_events(&ev));
                let events = p.events(&ev);
                assert_eq!(
                    json(&events),
                    json(&engine.events(&ev)),
                    "{q:?} {sort:?} {top:?}"
                );
                assert_eq!(events.over, found.facets.over);
                p.evict(4 << 20);
            }
        }
    }
    assert!(
        bounded >= 4,
        "the bound applied to the broad queries: {bounded}"
    );
}

/// The path of the first place where two JSON values differ, and both
/// values there (a whole response is too long to read in a failure).
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value::{Array, Object};
    match (a, b) {
        (Object(x), Object(y)) => (x.keys().chain(y.keys()))
            .find_map(|k| first_difference(&x[k], &y[k], &format!("{at}.{k}"))),
        (Array(x), Array(y)) if x.len() == y.len() => (x.iter().zip(y).enumerate())
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{at}[{i}]"))),
        _ => (a != b).then(|| format!("{at}: prebuilt {a}, in-page {b}")),
    }
}

/// Assert that the prebuilt answer equals the in-page one, naming the first difference.
fn same<T: serde::Serialize>(prebuilt: &T, inpage: &T, what: &str) {
    if let Some(d) = first_difference(&json(prebuilt), &json(inpage), "") {
        panic!("{what}: {d}");
    }
}

/// On `ukraine2022` (real web news: reprints, furniture, thousands of
/// entities), written with the shards `dateline build` writes and the model
/// `build.sh` trains, the prebuilt index answers as the in-page one, field
/// for field: searches (hits, reprint rows, timeline, facets), events, each
/// facet group's list, every filter and entity view of the 40 entities in
/// most articles, and the reader's marks (with an event's sentence) in every
/// 7th article. Skipped when the corpus or the model is absent.
#[test]
fn ukraine2022_prebuilt_answers_as_in_page() {
    let root = crate::util::root();
    let (docs, model) = (
        root.join("../shared/corpora/news/ukraine2022"),
        root.join("target/ner/ner.bin"),
    );
    if !docs.exists() || !model.exists() {
        eprintln!(
            "prebuilt: skipping: no {} or {}",
            docs.display(),
            model.display()
        );
        return;
    }
    let parsed = dateline::parse::load_paths(&[docs]);
    let mut engine = Engine::new(parsed.articles);
    let model = std::fs::read(model).unwrap();
    engine.load_entities(Some(&model)).unwrap();
    let mut files = BTreeMap::new();
    write_index(engine.index(), &WriteOptions::default(), |name, bytes| {
        files.insert(name.to_string(), bytes);
        Ok::<(), ()>(())
    })
    .unwrap();
    let mut p = open(&files);
    // As the page does after its first search: the facets come with them.
    fetch(&mut p, &files, |p| p.needs_entities());
    for q in [
        "",
        "Zelensky",
        "grain*",
        "Lavrov OR Blinken",
        "\"bearing down\"",
        "mentions:2022-02",
    ] {
        for sort in [Sort::Relevance, Sort::Newest] {
            let search = SearchRequest {
                sort,
                limit: Some(50),
                ..SearchRequest::for_query(q)
            };
            fetch(&mut p, &files, |p| p.needs_search(&search));
            same(
                &p.search(&search),
                &engine.search(&search),
                &format!("search {q:?}"),
            );
        }
        let ev = EventsRequest {
            q: q.to_string(),
            per_date: Some(5),
            ..Default::default()
        };
        fetch(&mut p, &files, |p| p.needs_events(&ev));
        same(
            &p.events(&ev),
            &engine.events(&ev),
            &format!("events {q:?}"),
        );
        for group in [
            FacetGroup::People,
            FacetGroup::Organizations,
            FacetGroup::Places,
        ] {
            let req = EntityListRequest {
                search: SearchRequest::for_query(q),
                group,
            };
            fetch(&mut p, &files, |p| p.needs_entity_list(&req));
            same(
                &p.entity_list(&req),
                &engine.entity_list(&req),
                &format!("{q:?}"),
            );
        }
    }
    let ents = engine.index().entities().unwrap();
    let mut records: Vec<_> = ents.records().iter().collect();
    records.sort_by_key(|r| (std::cmp::Reverse(r.docs.len()), r.key.clone()));
    for r in records.iter().take(40) {
        let filter = SearchRequest::for_query(&entity_filter_token(r.kind, &r.key));
        fetch(&mut p, &files, |p| p.needs_search(&filter));
        same(&p.search(&filter), &engine.search(&filter), &filter.q);
        fetch(&mut p, &files, |p| p.needs_entity(&r.key, "talks", None));
        same(
            &p.entity(&r.key, "talks", None),
            &engine.entity(&r.key, "talks", None),
            &r.key,
        );
    }
    let events = engine.index().events();
    for doc in (0..engine.index().len() as u32).step_by(7) {
        let id = engine.index().doc(doc).id.clone();
        let focus = events.of_doc(doc).first().map(|_| events.first_id(doc));
        fetch(&mut p, &files, |p| p.needs_article(&id, "Russia", focus));
        same(
            &p.article(&id, "Russia", focus),
            &engine.article(&id, "Russia", focus),
            &id,
        );
    }
}

/// Fetch what `needs` asks for until it asks for nothing; returns every file
/// it asked for.
fn fetch_all(
    p: &mut PrebuiltEngine,
    files: &BTreeMap<String, Vec<u8>>,
    needs: impl Fn(&PrebuiltEngine) -> Vec<String>,
) -> Vec<String> {
    let mut asked = Vec::new();
    for _ in 0..8 {
        let missing = needs(p);
        if missing.is_empty() {
            return asked;
        }
        for name in &missing {
            p.add_file(name, &files[name]).unwrap();
        }
        asked.extend(missing);
    }
    panic!("still missing files after 8 rounds");
}

/// The kinds of the files named.
fn kinds(names: &[String]) -> std::collections::BTreeSet<FileKind> {
    (names.iter())
        .filter_map(|n| FileKind::parse_name(n).map(|(k, _)| k))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// A list that marks no word (the opening list; dates, exclusions or
    /// filters alone) is made from card chunks: the in-page engine's rows
    /// (titles, leads, openings passing over boilerplate), with no document
    /// chunk fetched (document entity chunks only for the facets, as the page reads
    /// them once the entity list is in). A card chunk the page could not have
    /// (`forgo`) makes its rows from the documents: the same rows again.
    #[test]
    fn lists_without_words_are_made_from_cards(
        articles in annotated_corpus(),
        q in prop::sample::select(&["", "after:2022-01-20", "-Lavrov", "before:2022-02-01 -talks", "after:2022-01-10 before:2022-02-20"][..]),
        sort in prop::sample::select(&[Sort::Relevance, Sort::Newest, Sort::Oldest][..]),
        limit in 1usize..6,
        forgo in prop::option::of(0usize..12),
    ) {
        let (engine, files) = write(articles, &TINY);
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let req = SearchRequest { q: q.to_string(), sort, limit: Some(limit), ..Default::default() };
        if let Some(n) = forgo {
            p.forgo(&FileKind::Cards.name(n));
        }
        let asked = fetch_all(&mut p, &files, |p| p.needs_search(&req));
        let found = p.search(&req);
        prop_assert_eq!(json(&found), json(&engine.search(&req)), "{:?}", q);
        let read = kinds(&asked);
        if forgo.is_none() {
            prop_assert!(!read.contains(&FileKind::Docs), "{:?} read {:?}", q, asked);
            // (A dry round may read a card before the postings that rule its document out.)
            prop_assert!(found.hits.is_empty() || read.contains(&FileKind::Cards));
        }
        prop_assert!(!asked.iter().any(|n| forgo.is_some_and(|f| *n == FileKind::Cards.name(f))));
    }
}

/// A reprinted story's row names its copies from their cards: a query reads
/// the document chunk of the row it shows, and only the card chunks of the
/// copies it names, as the in-page engine lists them.
#[test]
fn copies_are_named_from_their_cards() {
    let story = "Grain ships left Odesa on Monday under a deal brokered by Turkey and the United Nations, \
                 the first to sail since the war began, officials said, adding that more would follow \
                 within days if the corridor held and insurers agreed to cover the vessels and crews.";
    let a = |i: usize, source: &str, text: &str| Article {
        id: format!("copy{i}"),
        date: chrono::NaiveDate::from_ymd_opt(2022, 8, 1 + i as u32),
        title: format!("Ships leave Odesa ({source})"),
        source: Some(source.to_string()),
        paragraphs: vec![text.to_string()],
    };
    let articles = vec![
        a(0, "Reuters", story),
        a(1, "AP", story),
        a(2, "AFP", story),
        a(3, "BBC", "Wheat prices fell as grain ships left Odesa."),
    ];
    let (engine, files) = write(articles, &TINY);
    let req = SearchRequest::for_query("grain");
    let inpage = engine.search(&req);
    assert_eq!(inpage.listed, 2, "the three copies make one row");
    let also = inpage.hits.iter().map(|h| h.also.len()).max();
    assert_eq!(also, Some(2));
    let mut p = open(&files);
    fetch(&mut p, &files, |p| p.needs_entities());
    let asked = fetch_all(&mut p, &files, |p| p.needs_search(&req));
    assert_eq!(json(&p.search(&req)), json(&inpage));
    let docs: Vec<&String> = (asked.iter())
        .filter(|n| kinds(std::slice::from_ref(n)).contains(&FileKind::Docs))
        .collect();
    assert_eq!(docs.len(), 2, "the two rows' documents only: {asked:?}");
    let cards = kinds(&asked).contains(&FileKind::Cards);
    assert!(cards, "the copies' cards: {asked:?}");
    // The copies' cards come with the rows' documents, not a round later.
    let mut again = open(&files);
    fetch(&mut again, &files, |p| p.needs_entities());
    let rounds = fetch(&mut again, &files, |p| p.needs_search(&req));
    assert_eq!(
        rounds, 2,
        "dictionary with postings, then the rows and their copies"
    );
}
