//! Collection hygiene: titles from real headlines (a dateline, an outlet's
//! name or page furniture is never a title; a source without a headline
//! shows its lead, flagged as such) and reprints listed once with every
//! other copy reachable. On `tests/fixtures/reprints` (a wire story run by
//! three outlets, a story with no headline filed twice under two
//! datelines, two other stories) and, when `../shared` is there, on
//! ukraine2022 (the examples; its `"bearing down"` group; the
//! MinHash groups against exact Jaccard similarity).

use std::collections::BTreeSet;

use dateline::engine::snippet::lead_of;
use dateline::engine::{Engine, SearchRequest, SearchResponse, Sort};
use dateline::index::dedup::{shingles, word_hashes, MIN_SIMILARITY, MIN_WORDS};
use dateline::parse::{dateline, lead, load_paths};
use dateline::text::tokenizer::fold;

use crate::util::{rank_agrees, root};

fn engine_of(path: std::path::PathBuf) -> Engine {
    let parsed = load_paths(&[path]);
    assert_eq!(parsed.errors(), 0, "{:?}", parsed.diagnostics);
    Engine::with_events(parsed.articles, false)
}

fn ask(e: &Engine, q: &str, sort: Sort) -> SearchResponse {
    e.search(&SearchRequest {
        q: q.into(),
        sort,
        limit: Some(1000),
        ..Default::default()
    })
}

fn fixture() -> Engine {
    engine_of(root().join("tests/fixtures/reprints"))
}

#[test]
fn a_reprinted_story_is_listed_once_with_its_other_sources() {
    let e = fixture();
    for (sort, first) in [(Sort::Oldest, "wire-reuters"), (Sort::Newest, "wire-hindu")] {
        let r = ask(&e, "grain corridor", sort);
        assert_eq!(r.total, 4, "articles: three copies and another story");
        assert_eq!(r.listed, 2, "rows: the story once, the other story");
        let ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
        assert!(
            ids.contains(&first) && ids.contains(&"other-grain"),
            "{ids:?}"
        );
        let story = r.hits.iter().find(|h| h.id == first).unwrap();
        let mut sources: Vec<_> = story.also.iter().map(|c| c.source.clone()).collect();
        sources.push(story.source.clone());
        sources.sort();
        let want = ["Kyiv Post", "Reuters", "The Hindu"].map(|s| Some(s.to_string()));
        assert_eq!(sources, want, "every copy named by its source");
        // Every other copy is reachable: it opens in the reader.
        for c in &story.also {
            assert!(e.article(&c.id, "", None).is_some(), "{} opens", c.id);
        }
        assert!(r
            .hits
            .iter()
            .find(|h| h.id == "other-grain")
            .unwrap()
            .also
            .is_empty());
    }
    // Paging counts rows: the second row on a page of one.
    let r = e.search(&SearchRequest {
        q: "grain corridor".into(),
        sort: Sort::Oldest,
        offset: 1,
        limit: Some(1),
        ..Default::default()
    });
    assert_eq!(
        r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["other-grain"]
    );
}

#[test]
fn headlines_stay_leads_stand_in_and_datelines_name_the_outlet() {
    let e = fixture();
    let r = ask(&e, "", Sort::Oldest);
    let hit = |id: &str| r.hits.iter().find(|h| h.id == id);
    let other = hit("other-talks").expect("listed");
    assert_eq!(other.title, "Talks on prisoner exchange resume");
    assert!(!other.lead, "a given headline is a headline");
    // The sirens story: no headline, filed twice; its title is its lead,
    // without the dateline, and the dateline names the outlet.
    let sirens = (r.hits.iter())
        .find(|h| h.title.starts_with("Air raid sirens"))
        .expect("the sirens story is listed");
    assert!(sirens.lead, "no headline: the lead stands in");
    assert_eq!(
        sirens.title,
        "Air raid sirens sounded across Ukraine early on Thursday as officials reported a wave of \
         drone attacks on energy sites in the south, the third such night this week"
    );
    let mut outlets: Vec<_> = (sirens.also.iter().map(|c| c.source.clone()))
        .chain([sirens.source.clone()])
        .collect();
    outlets.sort();
    assert_eq!(outlets, [Some("AP".to_string()), Some("CNN".to_string())]);
    // Its snippet goes on after the lead instead of repeating it.
    let snippet: String = sirens.snippet.iter().map(|s| s.text.as_str()).collect();
    assert!(snippet.starts_with("Regional governors said"), "{snippet}");
}

/// The collection at `../shared`, or `None` (the test then says it skipped).
fn ukraine() -> Option<Engine> {
    let path = root().join("../shared/corpora/news/ukraine2022");
    if !path.exists() {
        eprintln!("hygiene: skipping: {} not found", path.display());
        return None;
    }
    Some(engine_of(path))
}

#[test]
fn ukraine2022_titles_are_no_dateline_outlet_or_furniture() {
    let Some(e) = ukraine() else { return };
    let ix = e.index();
    let docs = ix.docs();
    let outlets: BTreeSet<String> = (docs.iter())
        .filter_map(|a| a.source.as_deref())
        .chain(docs.iter().flat_map(|a| {
            (a.paragraphs.iter().take(2)).filter_map(|p| dateline(p).and_then(|d| d.outlet))
        }))
        .map(fold)
        .collect();
    // What the collection repeats as furniture, as a title would show it.
    let furniture: BTreeSet<String> = (0..docs.len())
        .flat_map(|d| {
            let a = &docs[d];
            (0..a.paragraphs.len())
                .filter(move |&pi| ix.is_boilerplate(d as u32, pi))
                .flat_map(move |pi| {
                    let p = &a.paragraphs[pi];
                    [
                        fold(p.trim()),
                        lead(p).map_or_else(String::new, |(_, t)| fold(&t)),
                    ]
                })
        })
        .filter(|t| !t.is_empty())
        .collect();
    // The examples the issue names (checked on top of the patterns).
    let named = [
        "CNN \u{2014}",
        "Newsletter As news happens",
        "NEW You can now listen to Fox News articles!",
        "Subscribe to us Twitter",
        "16:14",
        "VIEW VIDEO",
    ];
    let mut cut = 0;
    for a in docs {
        let t = a.title.trim();
        let folded = fold(t);
        assert!(
            !outlets.contains(&folded),
            "{}: an outlet's name: {t:?}",
            a.id
        );
        assert!(
            dateline(t).is_none(),
            "{}: starts with a dateline: {t:?}",
            a.id
        );
        assert!(
            !furniture.contains(&folded),
            "{}: page furniture: {t:?}",
            a.id
        );
        assert!(!named.contains(&t), "{}: {t:?}", a.id);
        // The seed format has no headlines: every title is a flagged lead.
        assert!(lead_of(a).is_some(), "{}", a.id);
        cut += usize::from(t.ends_with('\u{2026}'));
    }
    eprintln!(
        "ukraine2022: {} titles, {cut} cut with an ellipsis, {} empty (nothing but furniture)",
        docs.len(),
        docs.iter().filter(|a| a.title.is_empty()).count()
    );
    assert!(cut * 10 <= docs.len(), "{cut} of {} titles cut", docs.len());
}

#[test]
fn ukraine2022_bearing_down_is_listed_once_with_its_copies() {
    let Some(e) = ukraine() else { return };
    let r = ask(&e, "\"bearing down\"", Sort::Relevance);
    eprintln!("\"bearing down\": {} articles, {} rows", r.total, r.listed);
    assert!(r.total >= 6, "the issue's six copies: {}", r.total);
    assert_eq!(r.listed, 1, "listed once");
    let hit = &r.hits[0];
    assert_eq!(hit.also.len() + 1, r.total, "every other copy named");
    let mut ids: BTreeSet<&str> = hit.also.iter().map(|c| c.id.as_str()).collect();
    ids.insert(&hit.id);
    assert_eq!(ids.len(), r.total, "each copy once");
    for c in &hit.also {
        assert!(e.article(&c.id, "", None).is_some(), "{} opens", c.id);
    }
}

/// The text dedup compares, as word hashes: the article's paragraphs that
/// are not furniture (all of them when every one is).
fn news_words(e: &Engine, d: usize) -> Vec<u64> {
    let a = &e.index().docs()[d];
    let news: Vec<usize> = (0..a.paragraphs.len())
        .filter(|&pi| !e.index().is_boilerplate(d as u32, pi))
        .collect();
    let keep = if news.is_empty() {
        (0..a.paragraphs.len()).collect()
    } else {
        news
    };
    let mut w = Vec::new();
    for pi in keep {
        word_hashes(&a.paragraphs[pi], &mut w);
    }
    w
}

#[test]
fn ukraine2022_groups_agree_with_exact_jaccard() {
    let Some(e) = ukraine() else { return };
    let n = e.index().len();
    let sets: Vec<Option<Vec<u64>>> = (0..n)
        .map(|d| {
            let w = news_words(&e, d);
            (w.len() >= MIN_WORDS).then(|| {
                let mut s = Vec::new();
                shingles(&w, &mut s);
                s
            })
        })
        .collect();
    // Pairs clearly above or below the threshold must be grouped or not.
    let (mut copies, mut borderline) = (0, 0);
    for a in 0..n {
        for b in a + 1..n {
            let (Some(x), Some(y)) = (&sets[a], &sets[b]) else {
                continue;
            };
            let inter = x.iter().filter(|h| y.binary_search(h).is_ok()).count();
            let j = inter as f64 / (x.len() + y.len() - inter) as f64;
            let grouped = e.index().copies(a as u32).contains(&(b as u32));
            if (j - MIN_SIMILARITY).abs() < 0.1 {
                borderline += 1;
                continue;
            }
            assert_eq!(grouped, j >= MIN_SIMILARITY, "{a} and {b}: Jaccard {j:.3}");
            copies += usize::from(grouped);
        }
    }
    let groups = (0..n as u32)
        .filter(|&d| e.index().copies(d).first() == Some(&d))
        .count();
    let extra: usize = (0..n as u32)
        .filter(|&d| e.index().copies(d).first().is_some_and(|&f| f != d))
        .count();
    eprintln!(
        "ukraine2022: {groups} groups of copies, {extra} extra copies; {copies} copy pairs, {borderline} pairs near the threshold"
    );
    assert!(
        groups >= 12 && extra >= 25,
        "{groups} groups, {extra} extra copies"
    );
}

/// Ranking only (`Engine::rank`, the benchmark's call) folds reprints as the
/// list does: on ukraine2022, the same first rows as a search, ids and
/// scores, for queries with reprinted stories among their hits.
#[test]
fn ukraine2022_rank_is_the_first_page_of_search() {
    let Some(e) = ukraine() else { return };
    for q in [
        "\"bearing down\"",
        "Zelensky",
        "Russia Ukraine",
        "said",
        "grain*",
        "Lavrov OR Blinken",
        "",
    ] {
        for limit in [1, 10, 100] {
            rank_agrees(&e, q, limit).unwrap();
        }
    }
}

/// The terminal says what the page says: rows with the reprints folded in
/// counted, each copy named under its story, a lead flagged as no headline,
/// and no escapes when the output is not a terminal.
#[cfg(feature = "cli")]
#[test]
fn the_cli_lists_a_reprinted_story_once_as_the_page_does() {
    use crate::util::{dateline, os};
    let dir = root().join("tests/fixtures/reprints");
    let out = dateline(&[os("search"), dir.as_os_str(), os("grain"), os("corridor")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.starts_with("2 results (2 reprints folded in) for \"grain corridor\""),
        "{text}"
    );
    let rows = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(". 2023-"))
        .count();
    assert_eq!(rows, 2, "{text}");
    let also = (text.lines())
        .find(|l| l.trim_start().starts_with("also in 2 sources: "))
        .unwrap_or_else(|| panic!("no also line: {text}"));
    for copy in [
        "Reuters 2023-03-14 [wire-reuters]",
        "Kyiv Post 2023-03-15 [wire-kyivpost]",
    ] {
        assert!(also.contains(copy), "{also}");
    }
    assert!(!text.contains('\x1b'), "escapes into a pipe: {text:?}");

    let out = dateline(&[
        os("search"),
        dir.as_os_str(),
        os("sirens"),
        os("--color=always"),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text
        .lines()
        .find(|l| l.starts_with("  1. "))
        .unwrap_or_default();
    assert!(
        first.contains("(no headline) Air raid \x1b[1;33msirens\x1b[0m"),
        "{first:?}"
    );
}
