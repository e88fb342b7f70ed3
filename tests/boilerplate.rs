//! Issue 13, point 4: boilerplate is not news. Paragraphs repeated across
//! articles (page furniture, sign-offs) are detected from the collection at
//! index time and name no entity; the articles keep them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::Datelike;
use dateline::article::Article;
use dateline::engine::Engine;
use dateline::entities::{EntityType, Recognizer};
use dateline::index::boilerplate::{min_articles, Boilerplate, NEWS_DAYS};
use dateline::index::entities::{EntityIndex, EntityRecord};

use crate::util::{root, seeds};

fn article(i: usize, paragraphs: &[&str]) -> Article {
    Article {
        id: format!("b{i}"),
        date: None,
        title: format!("Story {i}"),
        source: Some("Example News".into()),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
    }
}

/// Names of the entities of `ix`.
fn names(ix: &EntityIndex) -> HashSet<String> {
    (0..ix.len() as u32)
        .filter_map(|e| ix.record(e))
        .map(|r| r.name.clone())
        .collect()
}

/// A banner naming someone, repeated in four articles, names no one; the
/// same line in only two articles still does; the articles keep the line.
#[test]
fn a_repeated_banner_names_no_entity_but_stays_in_the_article() {
    let banner = "Follow Vladimir Putin coverage on our app";
    let news = [
        "Joe Biden spoke in Washington on Monday.",
        "Emmanuel Macron met officials in Paris.",
        "Olaf Scholz travelled to Berlin.",
        "Boris Johnson answered questions in London.",
    ];
    let docs: Vec<Article> = news
        .iter()
        .enumerate()
        .map(|(i, n)| article(i, &[n, banner]))
        .collect();
    let ix = EntityIndex::build(&docs, Recognizer::basic());
    let found = names(&ix);
    assert!(
        found.contains("Joe Biden") && found.contains("Paris"),
        "news still names people and places: {found:?}"
    );
    assert!(
        !found.iter().any(|n| n.contains("Putin")),
        "the banner names no one: {found:?}"
    );
    for (d, a) in docs.iter().enumerate() {
        assert_eq!(a.paragraphs[1], banner, "the article keeps its banner");
        assert!(ix.of_doc(d as u32).iter().all(|m| m.para == 0));
    }

    let pair = &docs[..2];
    let ix = EntityIndex::build(pair, Recognizer::basic());
    assert!(
        names(&ix).iter().any(|n| n.contains("Putin")),
        "two articles sharing a line lose nothing"
    );
}

/// The bundled seeds lose nothing.
#[test]
fn the_seeds_have_no_boilerplate() {
    assert_eq!(Boilerplate::detect(seeds()).count(), 0);
}

fn recognizer() -> Option<Recognizer> {
    let bytes = std::fs::read(root().join("target/ner/ner.bin")).ok()?;
    Some(Recognizer::from_model_bytes(&bytes).expect("a valid model file"))
}

/// A short paragraph, in words between spaces: well inside what detection
/// calls short, so a repeated story's background paragraph is not counted.
const SHORT: usize = 25;

/// Over a real collection: the top `n` entities of each type (by articles),
/// printed; none has most of its mentions in short paragraphs that recur
/// verbatim in at least [`min_articles`] articles over more than
/// [`NEWS_DAYS`] days (or undated). With `BOILER_DUMP` set,
/// also prints the 60 most frequent boilerplate stretches.
fn check_top(path: PathBuf, n: usize, wire: bool) {
    if !path.exists() {
        eprintln!("boilerplate: skipping: {} not found", path.display());
        return;
    }
    let Some(recognizer) = recognizer() else {
        eprintln!("boilerplate: skipping: no target/ner/ner.bin (build.sh builds it)");
        return;
    };
    let parsed = dateline::parse::load_paths(std::slice::from_ref(&path));
    let engine = Engine::with_events(parsed.articles, false);
    let docs = engine.index().docs();
    let ix = EntityIndex::build(docs, recognizer);
    let t0 = std::time::Instant::now();
    let b = Boilerplate::detect(docs);
    eprintln!(
        "{}: {} articles, {} boilerplate stretches, detected in {:.0} ms",
        path.display(),
        docs.len(),
        b.count(),
        t0.elapsed().as_secs_f64() * 1000.0
    );
    if std::env::var_os("BOILER_DUMP").is_some() {
        let mut texts: HashMap<String, usize> = HashMap::new();
        for (d, a) in docs.iter().enumerate() {
            for &(k, s, e) in b.of_doc(d) {
                let t = &a.paragraphs[k as usize][s as usize..e as usize];
                *texts.entry(t.chars().take(90).collect()).or_default() += 1;
            }
        }
        let mut v: Vec<_> = texts.into_iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.1));
        for (t, n) in v.iter().take(60) {
            eprintln!("{n:5} {t}");
        }
    }
    // Per distinct paragraph: articles holding it, and their first and last day.
    let mut seen: HashMap<&str, (usize, i32, i32)> = HashMap::new();
    for a in docs {
        let day = a.date.map_or(i32::MIN / 4, |d| d.num_days_from_ce());
        let (lo, hi) = if a.date.is_some() {
            (day, day)
        } else {
            (day, -day)
        };
        let distinct: HashSet<&str> = a.paragraphs.iter().map(String::as_str).collect();
        for p in distinct {
            let e = seen.entry(p).or_insert((0, i32::MAX, i32::MIN));
            *e = (e.0 + 1, e.1.min(lo), e.2.max(hi));
        }
    }
    let min = min_articles(docs.len());
    // Repeated over more than NEWS_DAYS (or undated): furniture, not a
    // story retold while it is news.
    let furniture = |p: &str| {
        seen.get(p)
            .is_some_and(|&(n, lo, hi)| n >= min && hi.saturating_sub(lo) > NEWS_DAYS)
    };
    let mut in_repeated: HashMap<u32, (usize, usize)> = HashMap::new();
    for (d, a) in docs.iter().enumerate() {
        for m in ix.of_doc(d as u32) {
            let e = in_repeated.entry(m.entity).or_default();
            e.1 += 1;
            let p = a.paragraphs[m.para as usize].as_str();
            let words = p.split_whitespace().count();
            if furniture(p) && words <= SHORT {
                e.0 += 1;
            }
        }
    }
    for kind in [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Location,
    ] {
        let mut top: Vec<u32> = (0..ix.len() as u32)
            .filter(|&e| ix.record(e).is_some_and(|r| r.kind == kind))
            .collect();
        top.sort_by_key(|&e| std::cmp::Reverse(ix.record(e).map_or(0, |r| r.docs.len())));
        top.truncate(n);
        let list: Vec<String> = top
            .iter()
            .filter_map(|&e| ix.record(e))
            .map(|r| format!("{} {}", r.name, r.docs.len()))
            .collect();
        eprintln!("{kind:?} top {n}: {}", list.join(", "));
        if wire {
            for r in top.iter().filter_map(|&e| ix.record(e)) {
                wire_check(r, docs);
            }
        }
        for e in top {
            let (rep, all) = in_repeated.get(&e).copied().unwrap_or_default();
            assert!(
                rep * 2 <= all,
                "{:?}: {rep} of {all} mentions in repeated paragraphs",
                ix.record(e).map(|r| &r.name)
            );
        }
    }
}

#[test]
fn ukraine2022_top_100_has_no_boilerplate() {
    check_top(
        root().join("../shared/corpora/news/ukraine2022"),
        100,
        false,
    );
}

/// Number words and the wire's table abbreviations of numbers and periods:
/// none is a name (this list checks the result; the product has none).
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "mln",
    "bln",
    "mths",
    "qtr",
    "dlrs",
    "cts",
];

/// On a wire: a top entity is no number word, not the sign-off, and no
/// short all-capital code the text hardly writes ("CC" of 410 articles from
/// price tables and merging, though "CC" is a word 15 times): one without
/// an expansion among its aliases is written as a word in at least half
/// its articles.
fn wire_check(r: &EntityRecord, docs: &[Article]) {
    let name = r.name.as_str();
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    assert!(
        !words.iter().any(|w| NUMBER_WORDS.contains(&w.as_str())),
        "{name:?}: a number word"
    );
    assert!(
        !name.eq_ignore_ascii_case("reuter"),
        "{name:?}: the sign-off"
    );
    let code = name.len() <= 3 && name.chars().all(|c| c.is_ascii_uppercase());
    if code && !r.aliases.iter().any(|a| a.contains(' ')) {
        let written = r
            .docs
            .iter()
            .filter(|&&d| {
                docs[d as usize]
                    .paragraphs
                    .iter()
                    .any(|p| p.split(|c: char| !c.is_alphanumeric()).any(|w| w == name))
            })
            .count();
        assert!(
            written * 2 >= r.docs.len(),
            "{name:?}: written in {written} of its {} articles",
            r.docs.len()
        );
    }
}

#[test]
#[ignore = "recognizes all of Reuters-21578 (about 100 s in debug): run with --ignored --release"]
fn reuters_top_50_has_no_boilerplate() {
    check_top(
        root().join("../shared/corpora/reuters21578.jsonl"),
        50,
        true,
    );
}
