//! What the test modules share:
//!
//! - the seed articles of `www/docs/`, read once through the crate's own
//!   parser ([`dateline::parse::load_paths`]), so that no test re-parses the
//!   seed format by hand and every test sees the articles the page indexes;
//! - generators for the property tests: small random collections over a
//!   vocabulary built to collide (stems, prefixes, near-typos), and random
//!   queries in the full query language.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use dateline::article::Article;
use dateline::engine::{
    Engine, EventsRequest, EventsResponse, RankRequest, SearchRequest, SearchResponse,
};
use dateline::parse::load_paths;
use proptest::prelude::*;

/// The seed published 2022-02-09 (Lavrov and Truss).
pub const FEB: &str = "000_78606cbfcb4a9448";
/// The seed published 2022-01-20 (Lavrov and Blinken in Geneva).
pub const JAN: &str = "002_6f631ddf24768241";

/// The crate's folder (tests name files relative to it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed articles of `www/docs/`, in id order, parsed once for the whole
/// test binary. Parsing them must report nothing: they are the product's
/// own examples.
pub fn seeds() -> &'static [Article] {
    static SEEDS: OnceLock<Vec<Article>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let parsed = load_paths(&[root().join("www/docs")]);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert!(!parsed.articles.is_empty(), "no seed articles");
        parsed.articles
    })
}

/// The seed with this id.
pub fn seed(id: &str) -> &'static Article {
    seeds()
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no seed {id} in www/docs"))
}

/// The engine's answer to the query `q`, every other search field at its
/// default (relevance order, first page).
pub fn search(e: &Engine, q: &str) -> SearchResponse {
    e.search(&SearchRequest {
        q: q.into(),
        ..Default::default()
    })
}

/// The engine's events for the query `q`, every other field at its default.
pub fn events(e: &Engine, q: &str) -> EventsResponse {
    e.events(&EventsRequest {
        q: q.into(),
        ..Default::default()
    })
}

/// An article's body as one text, paragraphs joined by a blank line: the
/// text the entity index recognizes (and the seed file's body, whitespace
/// normalised).
pub fn body(a: &Article) -> String {
    a.paragraphs.join("\n\n")
}

/// A fresh engine over the seeds, as the page builds it.
pub fn seed_engine() -> Engine {
    Engine::new(seeds().to_vec())
}

pub const WORDS: &[&str] = &[
    "meet",
    "meets",
    "meeting",
    "meetings",
    "Lavrov",
    "Zakharová",
    "Geneva",
    "general",
    "generous",
    "security",
    "guarantees",
    "Russia’s",
    "NATO",
    "talks",
    "the",
    "in",
    "Blinken",
    "Truss",
    "trust",
    "2022",
];

/// Sources of the generated articles: shared words, case and diacritics to fold.
pub const SOURCES: &[&str] = &["Reuters", "Fox News", "Sky News", "Le Monde", "MONDÉ Diplo"];

pub fn word() -> impl Strategy<Value = String> {
    prop::sample::select(WORDS).prop_map(str::to_string)
}

pub fn article(i: usize) -> impl Strategy<Value = Article> {
    (
        prop::collection::vec(word(), 1..4),
        prop::collection::vec(prop::collection::vec(word(), 1..12), 1..3),
        prop::option::of(0i64..20),
        prop::option::of(prop::sample::select(SOURCES)),
    )
        .prop_map(move |(title, paras, day, source)| Article {
            id: format!("doc{i}"),
            date: day
                .map(|d| NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Duration::days(d)),
            title: title.join(" "),
            source: source.map(str::to_string),
            paragraphs: paras.into_iter().map(|p| p.join(" ")).collect(),
        })
}

/// Up to 13 articles: more than [`dateline::query::scoring::RELAX_BELOW`],
/// so that a relaxed query may stop above one word.
pub fn corpus() -> impl Strategy<Value = Vec<Article>> {
    (1usize..14).prop_flat_map(|n| (0..n).map(article).collect::<Vec<_>>())
}

/// A query piece: a word (maybe misspelt, cut short or starred; `the` and
/// `in` are stopwords), a phrase, an exclusion (`-`, `NOT`), OR, AND, a date
/// bound (valid or not), a `title:` or `source:` filter (negated or not).
pub fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => word(),
        1 => word().prop_map(|w| format!("{w}*")),
        1 => word().prop_map(|w| w.chars().take(3).collect::<String>() + "*"),
        2 => (word(), 0usize..8).prop_map(|(w, at)| {
            // one edit: drop a character
            let mut c: Vec<char> = w.chars().collect();
            if c.len() > 1 { let at = at % c.len(); c.remove(at); }
            c.into_iter().collect()
        }),
        1 => (word(), 0usize..8).prop_map(|(w, at)| {
            // one slip: swap two neighbouring characters
            let mut c: Vec<char> = w.chars().collect();
            if c.len() > 1 { let at = at % (c.len() - 1); c.swap(at, at + 1); }
            c.into_iter().collect()
        }),
        1 => (word(), word()).prop_map(|(a, b)| format!("\"{a} {b}\"")),
        1 => word().prop_map(|w| format!("-{w}")),
        1 => Just("OR".to_string()),
        1 => (0u32..20).prop_map(|d| format!("after:2022-01-{:02}", d + 1)),
        1 => (0u32..20).prop_map(|d| format!("before:2022-01-{:02}", d + 1)),
        1 => prop::sample::select(&["after:2022-13-01", "before:2022-02-30", "mentions:20222"][..]).prop_map(str::to_string),
        1 => (prop::bool::ANY, word()).prop_map(|(not, w)| format!("{}title:{w}", if not { "-" } else { "" })),
        1 => (word(), word()).prop_map(|(a, b)| format!("title:\"{a} {b}\"")),
        1 => (prop::bool::ANY, prop::sample::select(&["reuters", "news", "\"Fox News\"", "monde", "\"sky fox\"", "bbc"][..]))
            .prop_map(|(not, s)| format!("{}source:{s}", if not { "NOT " } else { "" })),
        1 => word().prop_map(|w| format!("NOT {w}")),
        1 => Just("AND".to_string()),
    ]
}

pub fn query() -> impl Strategy<Value = String> {
    // Up to 7 pieces: long enough for queries that relax to most words.
    prop::collection::vec(piece(), 0..7).prop_map(|p| p.join(" "))
}

/// Runs the `dateline` binary with `args` and waits for its output.
#[cfg(feature = "cli")]
pub fn dateline(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .output()
        .unwrap()
}

/// `s` as an argument of [`dateline`].
#[cfg(feature = "cli")]
pub fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// Ranking only lists what a search's first page lists: the same ids and
/// scores in the same order, and the same total.
pub fn rank_agrees(e: &Engine, q: &str, limit: usize) -> Result<(), TestCaseError> {
    let page = e.search(&SearchRequest {
        limit: Some(limit),
        ..SearchRequest::for_query(q)
    });
    let ranked = e.rank(&RankRequest {
        q: q.to_string(),
        limit: Some(limit),
    });
    let want: Vec<(&str, f32)> = page.hits.iter().map(|h| (h.id.as_str(), h.score)).collect();
    let got: Vec<(&str, f32)> = (ranked.ids.iter().map(String::as_str))
        .zip(ranked.scores.iter().copied())
        .collect();
    prop_assert_eq!(ranked.ids.len(), ranked.scores.len());
    prop_assert_eq!(got, want, "query {:?}", q);
    prop_assert_eq!(ranked.total, page.total);
    Ok(())
}

/// The ukraine2022 collection's articles (research data at `../shared`,
/// never committed), parsed without an error; `None` when it is absent,
/// said on stderr for the test `who`.
pub fn ukraine2022(who: &str) -> Option<Vec<Article>> {
    let path = root().join("../shared/corpora/news/ukraine2022");
    if !path.is_dir() {
        eprintln!("{who}: skipping: {} not found", path.display());
        return None;
    }
    let parsed = load_paths(&[path]);
    assert_eq!(parsed.errors(), 0, "{:?}", parsed.diagnostics);
    Some(parsed.articles)
}
