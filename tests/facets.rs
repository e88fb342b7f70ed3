//! Facets counted per stem group at build time (`gfacets-*`): a one-word
//! search on a prebuilt site reads one record, one small file, and answers
//! exactly the in-page engine's facets over every result, when its results
//! are the documents of its word's stem group or of a correction's (a typo
//! is searched as its corrections, each with its stem group; a correction
//! or another spelling that adds no article changes nothing). Any other
//! search (two words, a bound, a date range, another spelling that adds
//! articles) counts its top results' document entities as before (read
//! from `dents-*` chunks or, for a few scattered results, from their notes
//! chunks: `a_few_scattered_results_read_their_notes_many_read_dents`), and
//! so does a one-word search whose record the page could not have.

use std::collections::BTreeSet;

use dateline::article::Article;
use dateline::engine::{EntityListRequest, FacetGroup, PrebuiltEngine, SearchRequest, DEFAULT_TOP};
use dateline::prebuilt::format::FileKind;
use dateline::prebuilt::WriteOptions;
use proptest::prelude::*;

use crate::prebuilt::{annotated_corpus, fetch, fetch_noting, json, named, open, write};

/// 40 articles naming Sergey Lavrov, each another envoy, on 40 days.
fn envoys() -> Vec<Article> {
    let day =
        |i: i64| chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Duration::days(i);
    (0..40)
        .map(|i| {
            let who = format!("Envoy{}", (b'a' + (i % 26) as u8) as char);
            let place = if i % 2 == 0 { "Geneva" } else { "Vienna" };
            Article {
                id: format!("a{i}"),
                date: Some(day(i)),
                title: format!("Talks with {who}"),
                source: None,
                paragraphs: vec![format!(
                    "Sergey Lavrov met {who} of the United Nations in {place} for talks."
                )],
            }
        })
        .collect()
}

/// Whether a search whose answer shows `rows` rows counted its results'
/// entities: it asked for `dents-*` chunks, or for more notes chunks than
/// its rows' (a document's entities are in both; see
/// `Prebuilt::entities_of_docs`).
fn counted_documents(asked: &BTreeSet<String>, rows: usize) -> bool {
    !named(FileKind::DocEntities, asked).is_empty() || named(FileKind::Notes, asked).len() > rows
}

/// What a search asks for, by kind: (stem group facets, document entities, entity names).
fn kinds(asked: &BTreeSet<String>) -> (usize, usize, usize) {
    (
        named(FileKind::GroupFacets, asked).len(),
        named(FileKind::DocEntities, asked).len(),
        named(FileKind::EntityNames, asked).len(),
    )
}

#[test]
fn a_one_word_search_reads_its_words_facets_and_no_document_entities() {
    for opts in [WriteOptions::TINY, WriteOptions::default()] {
        let (engine, files) = write(envoys(), &opts);
        assert!(
            files.keys().any(|f| f.contains("gfacets-")),
            "an annotated index counts facets per stem group"
        );
        // A typo's correction is searched with its stem group: "lavorv"
        // reads the record of "lavrov".
        for q in ["lavrov", "talks", "TALK", "the talks", "lavorv"] {
            let mut p = open(&files);
            fetch(&mut p, &files, |p| p.needs_entities());
            let req = SearchRequest::for_query(q);
            let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
            assert_eq!(kinds(&asked), (1, 0, 0), "{q:?}: {asked:?}");
            let found = p.search(&req);
            assert_eq!(json(&found), json(&engine.search(&req)), "{q:?}");
            assert_eq!(found.facets.over, None);
            assert!(!found.facets.people.is_empty(), "{q:?}: Lavrov shown");
        }
    }
}

#[test]
fn other_searches_count_their_top_results_document_entities() {
    let (engine, files) = write(envoys(), &WriteOptions::TINY);
    // One row: the facets' notes or `dents-*` chunks are not only the rows'.
    let search = |q: &str| SearchRequest {
        limit: Some(1),
        ..SearchRequest::for_query(q)
    };
    // (record files asked: a bounded one-word search asks for its word's,
    // unused, so that the facets the page asks next need no other round.)
    let requests = [
        (search("lavrov geneva"), 0),
        (search("lavrov -geneva"), 0),
        (search("\"lavrov\""), 0),
        (search("lavr*"), 0),
        (
            SearchRequest {
                top: Some(5),
                ..search("lavrov")
            },
            1,
        ),
        (
            SearchRequest {
                from: Some("2022-01-10".into()),
                ..search("lavrov")
            },
            0,
        ),
    ];
    for (req, records) in requests {
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
        let found = p.search(&req);
        let counted = counted_documents(&asked, found.hits.len());
        assert_eq!(
            (kinds(&asked).0, counted),
            (records, true),
            "{req:?}: {asked:?}"
        );
        assert_eq!(json(&found), json(&engine.search(&req)), "{req:?}");
    }
}

/// More results than a prebuilt site's bound: a one-word search's facets are
/// its record's, exact over every result, while the group's long list counts
/// the top [`DEFAULT_TOP`] and says so (`over`), as the in-page engine asked
/// for the same bound answers.
#[test]
fn a_long_list_past_the_bound_says_so_beside_exact_facets() {
    let day =
        |i: i64| chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(i);
    const CITIES: [&str; 10] = [
        "Geneva", "Vienna", "Paris", "Rome", "Madrid", "Ankara", "Cairo", "Delhi", "Tokyo", "Lima",
    ];
    const TOPICS: [&str; 5] = ["trade", "grain", "gas", "security", "visas"];
    let n = DEFAULT_TOP + 30;
    let articles: Vec<Article> = (0..n)
        .map(|i| Article {
            id: format!("m{i}"),
            date: Some(day(i as i64)),
            title: format!("Meeting {i}"),
            source: None,
            // Each sentence another (a sentence in many articles would be
            // page furniture, naming no one).
            paragraphs: vec![format!(
                "Sergey Lavrov met Envoy{} in {} about {}.",
                (b'a' + (i % 26) as u8) as char,
                CITIES[i / 26 % CITIES.len()],
                TOPICS[i / 26 / CITIES.len() % TOPICS.len()],
            )],
        })
        .collect();
    let (engine, files) = write(articles, &WriteOptions::default());
    let mut p = open(&files);
    fetch(&mut p, &files, |p| p.needs_entities());
    let req = SearchRequest::for_query("lavrov");
    let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
    assert_eq!(kinds(&asked).0, 1, "{asked:?}");
    let found = p.search(&req);
    assert_eq!(found.total, n);
    assert_eq!(found.facets.over, None, "the record is exact");
    assert!(!found.facets.people.is_empty());
    let list = EntityListRequest {
        search: req.clone(),
        group: FacetGroup::People,
    };
    fetch(&mut p, &files, |p| p.needs_entity_list(&list));
    let got = p.entity_list(&list);
    assert_eq!(got.over, Some(DEFAULT_TOP));
    assert!(!got.entities.is_empty());
    let bounded = EntityListRequest {
        search: SearchRequest {
            top: Some(DEFAULT_TOP),
            ..req.clone()
        },
        ..list.clone()
    };
    assert_eq!(json(&got), json(&engine.entity_list(&bounded)));
    let all = engine.entity_list(&list);
    assert_eq!(
        (all.over, all.entities.len()),
        (None, found.facets.totals.people)
    );
}

/// A record the page could not have (missing, damaged): the search counts
/// its results' document entities instead, with the same answer.
#[test]
fn a_facets_file_forgone_is_counted_from_the_document_entities() {
    let (engine, files) = write(envoys(), &WriteOptions::default());
    let mut p = open(&files);
    fetch(&mut p, &files, |p| p.needs_entities());
    let req = SearchRequest::for_query("lavrov");
    // Every file the search asks for, but its record: forgone.
    let mut forgone = 0;
    for _ in 0..8 {
        let missing = p.needs_search(&req);
        if missing.is_empty() {
            break;
        }
        for f in &missing {
            if f.contains("gfacets-") {
                p.forgo(f);
                forgone += 1;
            } else {
                p.add_file(f, &files[f]).unwrap();
            }
        }
    }
    assert_eq!(forgone, 1, "the record was asked for once");
    assert_eq!(json(&p.search(&req)), json(&engine.search(&req)));
    let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
    assert!(asked.is_empty(), "{asked:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any collection, any word of it: the record's facets are the in-page
    /// engine's over every result, and the search reads no document
    /// entities for them whenever it reads a record.
    #[test]
    fn records_are_the_facets_of_every_result(
        articles in annotated_corpus(),
        pick in any::<prop::sample::Index>(),
    ) {
        let (engine, files) = write(articles, &WriteOptions::TINY);
        let ix = engine.index();
        let words: Vec<String> = (0..ix.term_count()).map(|t| ix.term_text(t as _).to_string()).collect();
        prop_assume!(!words.is_empty());
        let q = pick.get(&words).clone();
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let req = SearchRequest::for_query(&q);
        let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
        let (facets, dents, _) = kinds(&asked);
        prop_assert!(facets == 0 || dents == 0, "{}: {:?}", q, asked);
        let found = p.search(&req);
        prop_assert_eq!(json(&found), json(&engine.search(&req)), "{}", q);
    }

    /// Any collection: the opening list's facets are the whole collection's,
    /// read from the metadata (no entity file but the types), and equal the
    /// in-page engine's over every article.
    #[test]
    fn the_collections_facets_are_those_of_every_article(articles in annotated_corpus()) {
        let (engine, files) = write(articles, &WriteOptions::TINY);
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let req = SearchRequest::for_query("");
        let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
        prop_assert_eq!(kinds(&asked), (0, 0, 0), "{:?}", asked);
        let found = p.search(&req);
        prop_assert_eq!(found.facets.over, None);
        prop_assert_eq!(json(&found), json(&engine.search(&req)));
    }
}

/// The opening list (no query, every date) draws its facets from the
/// metadata: exactly the in-page engine's over every article, with no
/// document entities nor names fetched. A date range, or a bound, counts
/// its top results' document entities.
#[test]
fn the_opening_list_reads_the_collections_facets_from_the_metadata() {
    for opts in [WriteOptions::TINY, WriteOptions::default()] {
        let (engine, files) = write(envoys(), &opts);
        let opening = SearchRequest::for_query("");
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&opening));
        assert_eq!(kinds(&asked), (0, 0, 0), "{asked:?}");
        let found = p.search(&opening);
        assert_eq!(json(&found), json(&engine.search(&opening)));
        assert_eq!(found.facets.over, None);
        let lavrov = found
            .facets
            .people
            .iter()
            .find(|f| f.name == "Sergey Lavrov");
        assert_eq!(
            lavrov.map(|f| f.count),
            Some(40),
            "{:?}",
            found.facets.people
        );

        let dated = SearchRequest {
            from: Some("2022-01-10".into()),
            limit: Some(1),
            ..opening.clone()
        };
        let bounded = SearchRequest {
            top: Some(5),
            limit: Some(1),
            ..opening.clone()
        };
        for req in [dated, bounded] {
            let mut p = open(&files);
            fetch(&mut p, &files, |p| p.needs_entities());
            fetch(&mut p, &files, |p| p.needs_search(&req));
            let found = p.search(&req);
            // Counted over its results (or its top 5), not the collection.
            let counted = found.facets.over.unwrap_or(found.total);
            let lavrov = (found.facets.people.iter()).find(|f| f.name == "Sergey Lavrov");
            assert!(counted < 40, "{req:?}");
            assert_eq!(lavrov.map(|f| f.count as usize), Some(counted), "{req:?}");
            assert_eq!(json(&found), json(&engine.search(&req)), "{req:?}");
        }
    }
}

/// An article per text, a day apart, each naming Sergey Lavrov.
fn dated(texts: &[&str]) -> Vec<Article> {
    let day =
        |i: i64| chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap() + chrono::Duration::days(i);
    (texts.iter().enumerate())
        .map(|(i, t)| Article {
            id: format!("d{i}"),
            date: Some(day(i as i64)),
            title: format!("Report {i}"),
            source: None,
            paragraphs: vec![format!("Sergey Lavrov spoke in Geneva. {t}")],
        })
        .collect()
}

/// "quarter" also searches its rarer spelling "quartter": where that adds
/// no article, the results are the stem group's and its record answers;
/// where it adds one, the results are more than the record counts: the
/// record is not fetched (the dictionary shard says how many documents it
/// counts, even where its terms' document frequencies add up to more: an
/// article holding "quarter" and "quarters"), and the top results' document
/// entities are counted.
#[test]
fn another_spelling_that_adds_articles_counts_the_results() {
    for (each, extra, fits) in [
        (
            "Profits rose in the quarter.",
            "The quarter and a quartter.",
            true,
        ),
        ("Profits rose in the quarter.", "A quartter alone.", false),
        (
            "The quarter beat other quarters.",
            "A quartter alone.",
            false,
        ),
    ] {
        let texts: Vec<&str> = std::iter::repeat_n(each, 12).chain([extra]).collect();
        let (engine, files) = write(dated(&texts), &WriteOptions::TINY);
        let req = SearchRequest {
            limit: Some(1),
            ..SearchRequest::for_query("quarter")
        };
        let want = engine.search(&req);
        let also: Vec<&str> = (want.notes.also_searched.iter())
            .flat_map(|a| a.also.iter().map(String::as_str))
            .collect();
        assert_eq!(also, ["quartter"], "{extra:?}: another spelling searched");
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
        let found = p.search(&req);
        let counted = counted_documents(&asked, found.hits.len());
        assert_eq!(
            (kinds(&asked).0, counted),
            (usize::from(fits), !fits),
            "{each:?} {extra:?}: {asked:?}"
        );
        assert_eq!(json(&found), json(&want), "{extra:?}");
    }
}

/// The page draws a list first (`top: 0`: no facets), then asks for its
/// facets: the first search fetches the word's record with the postings,
/// so the second needs no file, and the first read no document entities.
#[test]
fn the_list_first_search_brings_the_record_its_facets_then_read() {
    let (engine, files) = write(envoys(), &WriteOptions::default());
    let mut p = open(&files);
    fetch(&mut p, &files, |p| p.needs_entities());
    let full = SearchRequest::for_query("lavrov");
    let list = SearchRequest {
        top: Some(0),
        ..full.clone()
    };
    let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&list));
    assert_eq!(kinds(&asked), (1, 0, 0), "{asked:?}");
    assert_eq!(p.search(&list).facets.over, Some(0));
    assert_eq!(p.needs_search(&full), Vec::<String>::new());
    assert_eq!(json(&p.search(&full)), json(&engine.search(&full)));
}

/// Facets that count their results' entities read each document's from
/// the cheaper of two files: its `dents-*` chunk (hundreds of documents, a
/// few bytes each) or its notes chunk (a few documents, with their
/// mentions). Three scattered results read three notes chunks, not two
/// chunks of 512; six hundred read the `dents-*` chunks, not a notes chunk
/// each. Both answer as the in-page engine does.
#[test]
fn a_few_scattered_results_read_their_notes_many_read_dents() {
    let day =
        |i: i64| chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(i);
    let rare = [10, 300, 590];
    let articles: Vec<Article> = (0..600)
        .map(|i| {
            let topic = if rare.contains(&i) {
                "uranium"
            } else {
                "grain"
            };
            Article {
                id: format!("a{i}"),
                date: Some(day(i)),
                title: format!("Talks on {topic}"),
                source: None,
                // Each paragraph its own (a repeated one is boilerplate,
                // whose names are not counted).
                paragraphs: vec![format!(
                    "Sergey Lavrov met {i} envoys in Geneva for talks on {topic}."
                )],
            }
        })
        .collect();
    let opts = WriteOptions::default();
    let (engine, files) = write(articles, &opts);
    assert!(
        files.contains_key("index/dents-0001.bin"),
        "two dents-* chunks"
    );
    for (q, results, dents) in [("uranium talks", 3, false), ("lavrov talks", 600, true)] {
        let req = SearchRequest {
            limit: Some(1),
            ..SearchRequest::for_query(q)
        };
        let mut p = open(&files);
        fetch(&mut p, &files, |p| p.needs_entities());
        let asked = fetch_noting(&mut p, &files, |p| p.needs_search(&req));
        let found = p.search(&req);
        assert_eq!(found.total, results, "{q}");
        let notes = named(FileKind::Notes, &asked).len();
        assert_eq!(kinds(&asked).1 > 0, dents, "{q}: {asked:?}");
        if dents {
            assert_eq!(notes, 1, "{q}: only the row's notes chunk: {asked:?}");
        } else {
            assert_eq!(notes, 3, "{q}: each result's notes chunk: {asked:?}");
        }
        let lavrov = found
            .facets
            .people
            .iter()
            .find(|f| f.name == "Sergey Lavrov");
        assert!(lavrov.is_some(), "{q}: {:?}", found.facets);
        assert_eq!(json(&found), json(&engine.search(&req)), "{q}");
    }

    // Notes chunks the page could not have: the same facets, from `dents-*`.
    let req = SearchRequest {
        limit: Some(1),
        ..SearchRequest::for_query("uranium talks")
    };
    let mut p = open(&files);
    fetch(&mut p, &files, |p| p.needs_entities());
    // As the page does: a file it could not have is forgone and not asked
    // for again (the rows' notes are asked for still: their boilerplate
    // flags).
    let mut asked = BTreeSet::new();
    let mut forgone = BTreeSet::new();
    let needs = |p: &PrebuiltEngine, forgone: &BTreeSet<String>| {
        let mut missing = p.needs_search(&req);
        missing.retain(|n| !forgone.contains(n));
        missing
    };
    for _ in 0..8 {
        for name in needs(&p, &forgone) {
            if matches!(FileKind::parse_name(&name), Some((FileKind::Notes, _))) {
                p.forgo(&name);
                forgone.insert(name.clone());
            } else {
                p.add_file(&name, &files[&name]).unwrap();
            }
            asked.insert(name);
        }
    }
    assert!(needs(&p, &forgone).is_empty(), "{asked:?}");
    assert!(kinds(&asked).1 > 0, "{asked:?}");
    let want = engine.search(&req).facets;
    assert_eq!(json(&p.search(&req).facets), json(&want));
}
