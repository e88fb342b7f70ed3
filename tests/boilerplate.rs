//! Issue 13, point 4: boilerplate is not news. Paragraphs repeated across
//! articles (page furniture, sign-offs) are detected from the collection at
//! index time and name no entity; the articles keep them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use dateline::article::Article;
use dateline::engine::Engine;
use dateline::entities::{EntityType, Recognizer};
use dateline::index::boilerplate::{min_articles, Boilerplate};
use dateline::index::entities::EntityIndex;

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
/// verbatim in at least [`min_articles`] articles. With `BOILER_DUMP` set,
/// also prints the 60 most frequent boilerplate stretches.
fn check_top(path: PathBuf, n: usize) {
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
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for a in docs {
        let distinct: HashSet<&str> = a.paragraphs.iter().map(String::as_str).collect();
        for p in distinct {
            *seen.entry(p).or_default() += 1;
        }
    }
    let min = min_articles(docs.len());
    let mut in_repeated: HashMap<u32, (usize, usize)> = HashMap::new();
    for (d, a) in docs.iter().enumerate() {
        for m in ix.of_doc(d as u32) {
            let e = in_repeated.entry(m.entity).or_default();
            e.1 += 1;
            let p = a.paragraphs[m.para as usize].as_str();
            let words = p.split_whitespace().count();
            if seen[p] >= min && words <= SHORT {
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
    check_top(root().join("../shared/corpora/news/ukraine2022"), 100);
}

#[test]
#[ignore = "recognizes all of Reuters-21578: run with --ignored (release is quicker)"]
fn reuters_top_50_has_no_boilerplate() {
    check_top(root().join("../shared/corpora/reuters21578.jsonl"), 50);
}
