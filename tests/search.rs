//! Search: against a brute-force reference, and on the seed articles as the
//! page searches them.
//!
//! Random small collections and random queries in the full query language;
//! the reference re-reads every article word by word (no index, no FST), finds
//! expansions by scanning the vocabulary (stems, `starts_with`, a textbook
//! Levenshtein distance) and scores with the BM25F formula. The engine must
//! return exactly the same articles with the same scores, best first.
//!
//! Then the bundled seed articles, searched through the engine as the page
//! does, and any string at all as a query.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use dateline::article::Article;
use dateline::engine::{Engine, SearchRequest, Sort};
use dateline::query::budget::{MAX_QUERY_CHARS, MAX_TERMS};
use dateline::query::scoring::*;
use dateline::query::{
    filter_token, parse, proximity_pairs, searched_part, transpositions, Atom, EntityFilter,
    FilterField, LimitKind, Prefix, Query,
};
use dateline::text::tokenizer::{tokenize, Stemmer};
use proptest::prelude::*;

use crate::util::{
    corpus, piece, query, rank_agrees, search, seed_engine as engine, word, FEB, JAN,
};

const GAP: usize = 8;

/// A document as the reference sees it: folded words with positions.
struct RefDoc {
    id: String,
    date: Option<NaiveDate>,
    title: Vec<String>,
    body: Vec<(usize, String)>, // (position, term)
    source: Vec<String>,
}

fn ref_docs(articles: &[Article]) -> Vec<RefDoc> {
    articles
        .iter()
        .map(|a| {
            let title: Vec<String> = tokenize(&a.title).into_iter().map(|t| t.term).collect();
            let mut pos = title.len() + GAP;
            let mut body = Vec::new();
            for p in &a.paragraphs {
                for t in tokenize(p) {
                    body.push((pos, t.term));
                    pos += 1;
                }
                pos += GAP;
            }
            RefDoc {
                id: a.id.clone(),
                date: a.date,
                title,
                body,
                source: a
                    .source
                    .iter()
                    .flat_map(|s| tokenize(s))
                    .map(|t| t.term)
                    .collect(),
            }
        })
        .collect()
}

fn first(s: &str) -> Option<char> {
    s.chars().next()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

struct Reference {
    docs: Vec<RefDoc>,
    /// Per entity filter (`person:lavrov` as typed): the ids of the articles
    /// that filter alone selects. Empty for collections without entities.
    named: BTreeMap<String, BTreeSet<String>>,
    vocab: BTreeSet<String>,
    avg_title: f32,
    avg_body: f32,
    stemmer: Stemmer,
}

impl Reference {
    fn new(articles: &[Article]) -> Self {
        let docs = ref_docs(articles);
        let vocab = docs
            .iter()
            .flat_map(|d| {
                d.title
                    .iter()
                    .cloned()
                    .chain(d.body.iter().map(|b| b.1.clone()))
            })
            .collect();
        let n = docs.len().max(1) as f32;
        let avg_title = (docs.iter().map(|d| d.title.len()).sum::<usize>() as f32 / n).max(1.0);
        let avg_body = (docs.iter().map(|d| d.body.len()).sum::<usize>() as f32 / n).max(1.0);
        Reference {
            docs,
            named: BTreeMap::new(),
            vocab,
            avg_title,
            avg_body,
            stemmer: Stemmer::default(),
        }
    }

    fn expand(
        &self,
        term: &str,
        prefix: Prefix,
        exact: bool,
        for_exclusion: bool,
    ) -> BTreeMap<String, f32> {
        let mut out = BTreeMap::new();
        fn add(out: &mut BTreeMap<String, f32>, v: &str, w: f32) {
            let e = out.entry(v.to_string()).or_insert(0.0f32);
            *e = e.max(w);
        }
        let stem = self.stemmer.stem(term).into_owned();
        for v in &self.vocab {
            if v == term {
                add(&mut out, v, W_EXACT);
            }
            if !exact && self.stemmer.stem(v) == stem && first(v) == first(term) {
                add(&mut out, v, W_STEM);
            }
        }
        for v in &self.vocab {
            if v.starts_with(term) {
                match prefix {
                    Prefix::Explicit => add(&mut out, v, W_PREFIX),
                    Prefix::No => {}
                }
            }
        }
        let chars = term.chars().count();
        // Corrections, each with its weight (the first character is taken as typed).
        let mut fixes: BTreeMap<String, f32> = BTreeMap::new();
        let same_start = || self.vocab.iter().filter(|v| first(v) == first(term));
        let df = |v: &str| {
            self.docs
                .iter()
                .filter(|d| self.counts(d, v) != (0, 0))
                .count()
        };
        if !exact && !for_exclusion && prefix == Prefix::No {
            let typed = self.vocab.contains(term);
            if !typed && chars >= TYPO1_MIN_CHARS {
                for v in same_start() {
                    if levenshtein(v, term) <= 1 || transpositions(term).contains(v) {
                        add(&mut fixes, v, W_TYPO1);
                    }
                }
                // Two edits only when one finds nothing.
                if fixes.is_empty() && chars >= TYPO2_MIN_CHARS {
                    for v in same_start() {
                        if levenshtein(v, term) == 2 {
                            add(&mut fixes, v, W_TYPO2);
                        }
                    }
                }
            } else if !typed && chars == DROPPED_LETTER_CHARS {
                // Only a letter put back: one longer, one edit away.
                for v in same_start() {
                    if v.chars().count() == chars + 1 && levenshtein(v, term) == 1 {
                        add(&mut fixes, v, W_TYPO1);
                    }
                }
            } else if typed && chars >= TYPO1_MIN_CHARS && df(term) <= RARE_MAX_DF {
                for v in same_start() {
                    let near = levenshtein(v, term) == 1 || transpositions(term).contains(v);
                    if near && !out.contains_key(v) && df(v) >= LIKELIER_RATIO * df(term).max(1) {
                        add(&mut fixes, v, W_TYPO1);
                    }
                }
            }
        }
        // Corrections share the most frequent one's IDF; each brings its stem
        // group, scaled alike; the typed word's own forms keep their weights.
        fixes.retain(|v, _| !out.contains_key(v));
        let blended = fixes.keys().map(|v| df(v)).max().unwrap_or(0);
        let n = self.docs.len();
        let mut fixed: BTreeMap<String, f32> = BTreeMap::new();
        for (v, w) in &fixes {
            let scale = idf(n, blended) / idf(n, df(v));
            let stem = self.stemmer.stem(v).into_owned();
            add(&mut fixed, v, w * scale);
            for u in self.vocab.iter().filter(|u| first(u) == first(v)) {
                if self.stemmer.stem(u) == stem {
                    add(&mut fixed, u, w * W_STEM * scale);
                }
            }
        }
        for (v, w) in fixed {
            if !out.contains_key(&v) {
                add(&mut out, &v, w);
            }
        }
        out
    }

    fn counts(&self, d: &RefDoc, term: &str) -> (u32, u32) {
        (
            d.title.iter().filter(|t| *t == term).count() as u32,
            d.body.iter().filter(|b| b.1 == term).count() as u32,
        )
    }

    fn phrase_counts(&self, d: &RefDoc, words: &[String]) -> (u32, u32) {
        let mut all: BTreeMap<usize, &str> = d
            .title
            .iter()
            .enumerate()
            .map(|(i, t)| (i, t.as_str()))
            .collect();
        all.extend(d.body.iter().map(|(p, t)| (*p, t.as_str())));
        let (mut t, mut b) = (0, 0);
        for &p in all.keys() {
            if words
                .iter()
                .enumerate()
                .all(|(i, w)| all.get(&(p + i)) == Some(&w.as_str()))
            {
                if p < d.title.len() {
                    t += 1
                } else {
                    b += 1
                }
            }
        }
        (t, b)
    }

    fn score(&self, d: &RefDoc, df: usize, (t, b): (u32, u32)) -> f32 {
        bm25f(
            self.docs.len(),
            df,
            t,
            b,
            d.title.len() as f32 / self.avg_title,
            d.body.len() as f32 / self.avg_body,
        )
    }

    /// Score of `atom` per document (absent: no match); with `title_only`,
    /// present only where the title holds it.
    fn atom(&self, atom: &Atom, title_only: bool) -> Vec<Option<f32>> {
        match atom {
            Atom::Term {
                term,
                prefix,
                exact,
            } => {
                let exp = self.expand(term, *prefix, *exact, false);
                self.docs
                    .iter()
                    .map(|d| {
                        exp.iter()
                            .filter_map(|(v, w)| {
                                let c = self.counts(d, v);
                                let df = self
                                    .docs
                                    .iter()
                                    .filter(|x| self.counts(x, v) != (0, 0))
                                    .count();
                                let found = if title_only { c.0 > 0 } else { c != (0, 0) };
                                found.then(|| w * self.score(d, df, c))
                            })
                            .reduce(f32::max)
                    })
                    .collect()
            }
            Atom::Phrase(words) => {
                let counts: Vec<(u32, u32)> = self
                    .docs
                    .iter()
                    .map(|d| self.phrase_counts(d, words))
                    .collect();
                let df = counts.iter().filter(|c| **c != (0, 0)).count();
                self.docs
                    .iter()
                    .zip(counts)
                    .map(|(d, c)| {
                        let found = if title_only { c.0 > 0 } else { c != (0, 0) };
                        found.then(|| self.score(d, df, c))
                    })
                    .collect()
            }
        }
    }

    fn excluded(&self, atom: &Atom, title_only: bool) -> Vec<bool> {
        let found = |c: (u32, u32)| if title_only { c.0 > 0 } else { c != (0, 0) };
        match atom {
            Atom::Term {
                term,
                prefix,
                exact,
            } => {
                let exp = self.expand(term, *prefix, *exact, true);
                self.docs
                    .iter()
                    .map(|d| exp.keys().any(|v| found(self.counts(d, v))))
                    .collect()
            }
            Atom::Phrase(words) => self
                .docs
                .iter()
                .map(|d| found(self.phrase_counts(d, words)))
                .collect(),
        }
    }

    /// Does the article `id` pass the entity filter `f`, as [`Self::named`] says?
    fn names(&self, f: &EntityFilter, id: &str) -> bool {
        self.named
            .get(&entity_token(f))
            .is_some_and(|ids| ids.contains(id))
    }

    /// May document `i` be listed at all: dates, exclusions, `title:`,
    /// `source:` and entity filters (the generated queries have no
    /// `mentions:` filter).
    fn allowed(&self, q: &Query) -> Vec<bool> {
        let bounded = q.after.is_some() || q.until.is_some();
        let mut ok: Vec<bool> = self
            .docs
            .iter()
            .map(|d| {
                let in_dates = !bounded
                    || d.date.is_some_and(|x| {
                        q.after.is_none_or(|a| x >= a) && q.until.is_none_or(|u| x <= u)
                    });
                let source = |words: &Vec<String>| words.iter().all(|w| d.source.contains(w));
                let named = |f: &EntityFilter| self.names(f, &d.id);
                in_dates
                    && q.sources.iter().all(source)
                    && !q.excluded_sources.iter().any(source)
                    && q.entities.iter().all(|g| g.iter().any(named))
                    && !q.excluded_entities.iter().any(named)
            })
            .collect();
        for (atom, title_only) in q
            .excluded
            .iter()
            .map(|a| (a, false))
            .chain(q.excluded_title.iter().map(|a| (a, true)))
        {
            for (ok, ex) in ok.iter_mut().zip(self.excluded(atom, title_only)) {
                *ok &= !ex;
            }
        }
        for atom in &q.title {
            for (ok, s) in ok.iter_mut().zip(self.atom(atom, true)) {
                *ok &= s.is_some();
            }
        }
        ok
    }

    /// Every listed document: (score, holds every deciding group), and the
    /// relaxation, if any, as (groups, with all, fewest held).
    fn search(&self, q: &Query) -> (Listed, Option<(usize, usize, usize)>) {
        let n_docs = self.docs.len();
        let groups: Vec<Vec<Option<f32>>> = q
            .groups
            .iter()
            .map(|group| {
                let per_atom: Vec<Vec<Option<f32>>> =
                    group.iter().map(|a| self.atom(a, false)).collect();
                (0..n_docs)
                    .map(|i| per_atom.iter().filter_map(|a| a[i]).reduce(|x, y| x + y))
                    .collect()
            })
            .collect();
        let titles: Vec<Vec<Option<f32>>> = q.title.iter().map(|a| self.atom(a, true)).collect();
        let mut extra = vec![0.0f32; n_docs]; // proximity
        for pair in proximity_pairs(q) {
            let counts: Vec<(u32, u32)> = self
                .docs
                .iter()
                .map(|d| self.phrase_counts(d, &pair))
                .collect();
            let df = counts.iter().filter(|c| **c != (0, 0)).count();
            for (i, c) in counts.into_iter().enumerate() {
                if c != (0, 0) {
                    extra[i] += W_PROXIMITY * self.score(&self.docs[i], df, c);
                }
            }
        }
        let allowed = self.allowed(q);
        let deciding: Vec<usize> = (0..groups.len()).filter(|&g| !q.is_optional(g)).collect();
        let n = deciding.len();
        // (held, score) of every allowed document.
        let docs: Vec<Option<(usize, f32)>> = (0..n_docs)
            .map(|i| {
                let held = deciding.iter().filter(|&&g| groups[g][i].is_some()).count();
                let score = groups
                    .iter()
                    .chain(&titles)
                    .filter_map(|g| g[i])
                    .sum::<f32>()
                    + extra[i];
                allowed[i].then_some((held, score))
            })
            .collect();
        let with_all = docs.iter().flatten().filter(|d| d.0 == n).count();
        let relax = n >= 2 && (with_all == 0 || (n >= 3 && with_all < RELAX_BELOW));
        // The fewest deciding groups a listed document holds.
        let min = if relax {
            (1..n)
                .rev()
                .find(|&m| {
                    m == 1 || docs.iter().flatten().filter(|d| d.0 >= m).count() >= RELAX_DEPTH
                })
                .unwrap_or(1)
        } else {
            n
        };
        let listed: BTreeMap<String, (f32, bool)> = self
            .docs
            .iter()
            .zip(docs)
            .filter_map(|(d, s)| {
                let (held, score) = s?;
                if held == n {
                    Some((d.id.clone(), (score, true)))
                } else if held >= min && held > 0 {
                    Some((d.id.clone(), (score * held as f32 / n as f32, false)))
                } else {
                    None
                }
            })
            .collect();
        let relaxed = listed.values().any(|v| !v.1).then_some((n, with_all, min));
        (listed, relaxed)
    }
}

/// Listed documents by id: (score, holds every deciding group).
type Listed = BTreeMap<String, (f32, bool)>;

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1e-4 * a.abs().max(b.abs()).max(1.0)
}

/// The engine lists exactly what the reference lists, with its scores,
/// ranked and paged as it says.
fn agrees(reference: &Reference, engine: &Engine, q: &str) -> Result<(), TestCaseError> {
    let parsed = parse(q);
    let (expected, relaxed) = reference.search(&parsed);

    let (matches, _) = engine.matches(q);
    let got: BTreeMap<String, (f32, bool)> = matches
        .iter()
        .map(|m| (engine.index().doc(m.doc).id.clone(), (m.score, m.all_words)))
        .collect();
    prop_assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "query {:?} parsed {:?}",
        q,
        parsed
    );
    for (id, (s, all)) in &got {
        let (e, e_all) = expected[id];
        prop_assert!(
            close(*s, e),
            "{}: engine {} vs reference {} for {:?}",
            id,
            s,
            e,
            q
        );
        prop_assert_eq!(*all, e_all, "{}: all words? for {:?}", id, q);
    }

    // The ranked, paged response agrees: all words first, then best
    // first, and pages tile the list; the notes say how it was read.
    let req = |offset| SearchRequest {
        q: q.to_string(),
        sort: Sort::Relevance,
        offset,
        limit: Some(3),
        ..Default::default()
    };
    let first = engine.search(&req(0));
    let notes = &first.notes;
    prop_assert_eq!(
        notes
            .relaxed
            .as_ref()
            .map(|r| (r.words, r.with_all, r.min_words)),
        relaxed,
        "{:?}",
        q
    );
    prop_assert_eq!(notes.problems.len(), parsed.problems.len());
    let mut ranked = Vec::new();
    let mut offset = 0;
    loop {
        let page = engine.search(&req(offset));
        prop_assert_eq!(page.total, expected.len());
        if page.hits.is_empty() {
            break;
        }
        ranked.extend(page.hits.into_iter().map(|h| (h.id, h.score, h.all_words)));
        offset += 3;
    }
    prop_assert_eq!(ranked.len(), expected.len());
    if !parsed.is_match_all() {
        for w in ranked.windows(2) {
            prop_assert!(
                (w[0].2, w[0].1) >= (w[1].2, w[1].1),
                "not ranked: {:?}",
                ranked
            );
        }
    }
    Ok(())
}

/// The entity filters the generated queries use: types that hold (or not)
/// for the generated words, by key words, any type.
const ENTITY_FILTERS: &[(FilterField, &str)] = &[
    (FilterField::Person, "lavrov"),
    (FilterField::Person, "blinken"),
    (FilterField::Person, "truss"),
    (FilterField::Org, "nato"),
    (FilterField::Place, "geneva"),
    (FilterField::Entity, "geneva"),
    (FilterField::Entity, "nato"),
    (FilterField::Person, "nato"),
];

/// An entity filter as the parser reads it back, keyed by what it asks.
fn entity_token(f: &EntityFilter) -> String {
    format!("{:?}:{}", f.kind, f.value)
}

/// A query piece with entity filters, wanted, excluded and joined by `OR`.
fn entity_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => piece(),
        3 => (0..ENTITY_FILTERS.len(), prop::sample::select(&["", "", "-", "NOT "][..]))
            .prop_map(|(i, not)| format!("{not}{}", filter_token(ENTITY_FILTERS[i].0, ENTITY_FILTERS[i].1))),
        2 => Just("OR".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn engine_matches_brute_force((articles, q) in (corpus(), query())) {
        let reference = Reference::new(&articles);
        agrees(&reference, &Engine::new(articles), &q)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// Entity filters combine like words: each group is the union of what
    /// its filters select alone, exclusions remove, with words and other
    /// filters around them.
    #[test]
    fn entity_filters_combine_like_brute_force(
        (articles, q) in (corpus(), prop::collection::vec(entity_piece(), 0..7).prop_map(|p| p.join(" ")))
    ) {
        let mut engine = Engine::new(articles.clone());
        engine.load_entities(None).expect("rules need no model");
        let mut reference = Reference::new(&articles);
        for &(field, value) in ENTITY_FILTERS {
            let token = filter_token(field, value);
            let alone = parse(&token);
            let f = &alone.entities[0][0];
            let ids = engine.matches(&token).0.iter().map(|m| engine.index().doc(m.doc).id.clone()).collect();
            reference.named.insert(entity_token(f), ids);
        }
        agrees(&reference, &engine, &q)?;
    }
}

#[test]
fn levenshtein_reference_is_right() {
    assert_eq!(levenshtein("zakharva", "zakharova"), 1);
    assert_eq!(levenshtein("kitten", "sitting"), 3);
}

// The seed articles through the engine.

fn ids(e: &Engine, q: &str) -> Vec<String> {
    search(e, q).hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn seeds_have_their_dates_titles_and_sources() {
    let e = engine();
    let stats = e.stats();
    assert_eq!((stats.articles, stats.undated), (2, 0));
    assert_eq!(stats.first_date.as_deref(), Some("2022-01-20"));
    assert_eq!(stats.last_date.as_deref(), Some("2022-02-09"));
    let jan = e.article(JAN, "", None).unwrap();
    assert_eq!(jan.source.as_deref(), Some("Islam Times"));
    assert!(
        jan.title
            .starts_with("Russian Foreign Minister Sergey Lavrov will meet"),
        "{}",
        jan.title
    );
}

#[test]
fn geneva_finds_january_with_mark() {
    let e = engine();
    let r = search(&e, "Geneva");
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].id, JAN);
    assert!(r.hits[0]
        .snippet
        .iter()
        .any(|s| s.hit && s.text == "Geneva"));
}

#[test]
fn phrase_matches_only_as_phrase() {
    let e = engine();
    let r = search(&e, "\"security guarantees\"");
    for h in &r.hits {
        let marks: Vec<&str> = h
            .snippet
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert!(
            !marks.is_empty()
                && marks
                    .iter()
                    .all(|m| m.eq_ignore_ascii_case("security guarantees")),
            "{marks:?}"
        );
    }
    assert!(ids(&e, "\"guarantees security\"").is_empty());
    // Reversed words still match as plain words.
    assert_eq!(ids(&e, "guarantees security").len(), 2);
}

#[test]
fn typo_exclusion_or_and_dates() {
    let e = engine();
    assert_eq!(ids(&e, "Zakharva").len(), 2);
    assert_eq!(
        ids(&e, "Zakhraova").len(),
        2,
        "swapped letters are one typo"
    );
    assert_eq!(ids(&e, "Truss -Blinken"), [FEB]);
    assert_eq!(ids(&e, "Truss OR Blinken").len(), 2);
    assert_eq!(ids(&e, "Lavrov after:2022-02-01"), [FEB]);
    assert_eq!(ids(&e, "Lavrov before:2022-02"), [JAN]);
    assert!(ids(&e, "Lavrov after:2022-03").is_empty());
    assert_eq!(
        ids(&e, "Gene"),
        Vec::<String>::new(),
        "a word is a word: no implicit prefix"
    );
    assert_eq!(ids(&e, "Gene*")[0], JAN);
}

#[test]
fn range_sort_paging_and_timeline() {
    let e = engine();
    let base = SearchRequest {
        q: "Lavrov".into(),
        ..Default::default()
    };
    let r = e.search(&SearchRequest {
        from: Some("2022-02-01".into()),
        to: Some("2022-02-28".into()),
        ..base.clone()
    });
    assert_eq!(r.total, 1);
    assert_eq!(
        r.timeline.bins.iter().map(|b| b.hits).sum::<u32>(),
        2,
        "timeline hits ignore the selected range"
    );
    let sorted = |sort: Sort| -> Vec<String> {
        e.search(&SearchRequest {
            sort,
            ..base.clone()
        })
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
    };
    let newest = sorted(Sort::Newest);
    assert_eq!(newest, [FEB, JAN]);
    let oldest = sorted(Sort::Oldest);
    assert_eq!(oldest, [JAN, FEB]);
    let page2 = e.search(&SearchRequest {
        sort: Sort::Oldest,
        offset: 1,
        limit: Some(1),
        ..base.clone()
    });
    assert_eq!(
        (page2.total, page2.hits.len(), page2.hits[0].id.as_str()),
        (2, 1, FEB)
    );
    let bins = &e.search(&SearchRequest::default()).timeline.bins;
    let with: Vec<&str> = bins
        .iter()
        .filter(|b| b.total > 0)
        .map(|b| b.start.as_str())
        .collect();
    assert_eq!(with, ["2022-01-20", "2022-02-09"]);
}

#[test]
fn reader_marks_terms_and_links() {
    let e = engine();
    let a = e.article(FEB, "Truss", None).unwrap();
    let marks = a.paragraphs.iter().flatten().filter(|s| s.hit).count();
    assert!(marks >= 3);
    let links: Vec<&str> = a
        .paragraphs
        .iter()
        .flatten()
        .filter_map(|s| s.link.as_deref())
        .collect();
    assert!(links.contains(&"https://t.co/gM18i8tITt"), "{links:?}");
    assert!(e.article("nope", "", None).is_none());
}

proptest! {
    #[test]
    fn any_query_string_is_answered(q in ".{0,60}", off in 0usize..5) {
        let e = engine();
        let r = e.search(&SearchRequest { q: q.clone(), offset: off, ..Default::default() });
        prop_assert!(r.hits.len() <= r.total.saturating_sub(off));
        let _ = e.article(JAN, &q, None);
    }

    #[test]
    fn query_syntax_soup_is_answered(parts in prop::collection::vec(prop::sample::select(vec!["\"", "-", "OR", "*", "after:", "before:2022", "Lavrov", "é", " ", "(", ")", "2022-02-30", ":", "--", "\u{0301}"]), 0..12)) {
        let e = engine();
        let q: String = parts.concat();
        let _ = e.search(&SearchRequest { q: q.clone(), ..Default::default() });
    }
}

/// `n` articles whose titles and bodies are `text`, ids `{prefix}{i}`.
fn articles_saying(prefix: &str, n: usize, text: &str) -> Vec<Article> {
    (0..n)
        .map(|i| Article {
            id: format!("{prefix}{i}"),
            date: NaiveDate::from_ymd_opt(2022, 1, 1 + i as u32 % 28),
            title: text.to_string(),
            source: None,
            paragraphs: vec![format!("{text} {text} and more words about the economy")],
        })
        .collect()
}

#[test]
fn a_rare_word_also_searches_its_much_likelier_spelling_and_says_so() {
    let mut docs = articles_saying("volcker", 12, "Volcker raises rates");
    docs.extend(articles_saying("volker", 1, "Volker writes"));
    let e = Engine::new(docs);
    let r = search(&e, "Volker");
    assert_eq!(r.total, 13, "the rare word and its likelier spelling");
    assert_eq!(r.hits[0].id, "volker0", "the word as typed ranks first");
    let notes = &r.notes.also_searched;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].word, "Volker");
    assert_eq!(notes[0].also, ["volcker"]);
    assert_eq!((notes[0].start, notes[0].end), (0, 6));
    assert_eq!(notes[0].undo, "\"Volker\"");
    // The one-click undo searches only the word as typed, and says nothing more.
    let undone = search(&e, &notes[0].undo);
    assert_eq!(undone.total, 1);
    assert!(undone.notes.also_searched.is_empty());
    // A frequent word is never second-guessed, nor a rare one without a much likelier neighbour.
    assert!(search(&e, "Volcker").notes.also_searched.is_empty());
    assert_eq!(search(&e, "Volcker").total, 12);
    let e = Engine::new(articles_saying("a", 3, "Volcker Volker"));
    assert!(search(&e, "Volker").notes.also_searched.is_empty());
}

#[test]
fn a_name_is_also_searched_under_its_other_spellings_and_says_so() {
    let mut docs = articles_saying("ky", 6, "Zelensky met Macron");
    docs.extend(articles_saying("kyy", 3, "Zelenskyy spoke to envoys"));
    docs.extend(articles_saying("kiy", 2, "Zelenskiy visited troops"));
    docs.extend(articles_saying("fill", 4, "filling stations reopened"));
    docs.extend(articles_saying("file", 4, "filing deadlines moved"));
    let e = Engine::new(docs);
    let r = search(&e, "Zelensky");
    assert_eq!(r.total, 11, "every spelling of the name");
    assert!(r.hits[0].id.starts_with("ky"), "the spelling typed first");
    let notes = &r.notes.also_searched;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(
        notes[0].also,
        ["zelenskyy", "zelenskiy"],
        "said, most frequent first"
    );
    // Quoted, the word is searched as typed (the note's undo).
    assert_eq!(search(&e, &notes[0].undo).total, 6);
    // From any spelling to the others; with another word, as a question asks.
    assert_eq!(search(&e, "Zelenskiy").total, 11);
    assert_eq!(search(&e, "Zelenskyy Macron").total, 6);
    // English words with one key but another beginning stay apart.
    assert_eq!(search(&e, "filing").total, 4);
    assert!(search(&e, "filling").notes.also_searched.is_empty());
    // Not for an excluded word: -Zelensky leaves out that spelling only.
    assert_eq!(search(&e, "-Zelensky").total, 19 - 6);
}

#[test]
fn ukraine2022_finds_zelensky_under_every_spelling() {
    let Some(articles) = crate::util::ukraine2022("search") else {
        return;
    };
    let e = Engine::with_events(articles, false);
    let spelled = |q: &str| search(&e, &format!("\"{q}\"")).total;
    let (ky, kyy, kiy) = (
        spelled("Zelensky"),
        spelled("Zelenskyy"),
        spelled("Zelenskiy"),
    );
    let any = search(&e, "Zelensky").total;
    assert!(
        any > ky.max(kyy).max(kiy),
        "{any} against {ky} / {kyy} / {kiy}"
    );
    assert!(search(&e, "Zelensky Macron").total > search(&e, "\"Zelensky\" Macron").total);
}

#[test]
fn typos_find_the_meant_word_without_outranking_it() {
    let mut docs = articles_saying("putin", 5, "Putin spoke");
    docs.extend(articles_saying("zel", 6, "Zelensky spoke"));
    // A rare near-miss of the typo, with a far higher IDF than the common spelling.
    docs.extend(articles_saying("zelenskiy", 1, "Zelenskiy"));
    let e = Engine::new(docs);
    // A dropped letter in a short word.
    let r = search(&e, "Putn");
    assert_eq!(r.total, 5);
    assert_eq!(r.notes.also_searched[0].also, ["putin"]);
    // Corrections share one IDF: the common spelling is not buried under the rare near-miss.
    let r = search(&e, "Zelenskky spoke");
    assert_eq!(
        r.total,
        6,
        "{:?}",
        r.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    let r = search(&e, "Zelenskky");
    assert_eq!(r.total, 7);
    assert!(r.hits[0].id.starts_with("zel"), "{}", r.hits[0].id);
    assert_eq!(
        r.notes.also_searched[0].also[0], "zelensky",
        "most frequent first"
    );
    // Words in quotes, filters and exclusions are taken as typed.
    assert!(search(&e, "\"Putn\"").notes.also_searched.is_empty());
    assert_eq!(search(&e, "\"Putn\"").total, 0);
    assert!(search(&e, "spoke -Putn").notes.also_searched.is_empty());
}

#[test]
fn also_searched_is_located_in_the_query_as_typed() {
    let mut docs = articles_saying("p", 3, "Putin Geneva");
    docs.extend(articles_saying("q", 1, "Lavrov"));
    let e = Engine::new(docs);
    let r = search(&e, "\"Geneva talks\" OR Genèva Putn");
    let a = &r.notes.also_searched;
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].word, "Putn");
    // UTF-16 indices: "è" is one code unit.
    assert_eq!((a[0].start, a[0].end), (25, 29));
    assert_eq!(a[0].undo, "\"Geneva talks\" OR Genèva \"Putn\"");
}

#[test]
fn query_language_completions_on_the_seeds() {
    let e = engine();
    // NOT is `-`; AND means nothing; lower case they are words.
    assert_eq!(ids(&e, "Truss NOT Blinken"), [FEB]);
    assert_eq!(ids(&e, "NOT Blinken"), ids(&e, "-Blinken"));
    assert_eq!(ids(&e, "Lavrov AND Geneva"), ids(&e, "Lavrov Geneva"));
    // A bound that is not a date is not applied, not read as words, and named.
    let r = search(&e, "after:2022-13-01 Lavrov");
    assert_eq!(r.total, 2);
    let p = &r.notes.problems;
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].text.as_str(), p[0].start, p[0].end),
        ("after:2022-13-01", 0, 16)
    );
    assert!(
        p[0].message.starts_with("2022-13-01 is not a date"),
        "{}",
        p[0].message
    );
    assert!(r.filters.is_empty());
    // title: and source:, as chips, negatable.
    assert_eq!(ids(&e, "title:Geneva"), [JAN]);
    assert!(ids(&e, "title:guarantees").is_empty(), "in the body only");
    assert_eq!(ids(&e, "Lavrov source:\"islam times\""), [JAN]);
    assert_eq!(ids(&e, "Lavrov source:ISLAM"), [JAN]);
    assert_eq!(ids(&e, "Lavrov -source:islam"), [FEB]);
    assert!(ids(&e, "source:times source:reuters").is_empty());
    let chips = search(&e, "Lavrov -source:islam").filters;
    assert_eq!(chips.len(), 1);
    assert!(chips[0].negated);
}

#[test]
fn long_queries_rank_instead_of_failing() {
    let e = engine();
    // Stopwords never decide: "what", "did", "about", "in" are optional.
    assert_eq!(
        ids(&e, "what did Lavrov say about Geneva"),
        ids(&e, "Lavrov say Geneva")
    );
    let short = search(&e, "Lavrov Geneva");
    assert!(short.notes.relaxed.is_none());
    // No seed holds all of these: both follow, the better match first.
    let r = search(
        &e,
        "Lavrov Geneva Blinken Truss Zakharova sanctions nowhere",
    );
    let relaxed = r.notes.relaxed.clone().expect("relaxed");
    assert_eq!((relaxed.words, relaxed.with_all), (7, 0));
    assert!(relaxed.min_words >= 1);
    assert_eq!(r.total, 2);
    assert!(r.hits.iter().all(|h| !h.all_words));
    // Articles with every word come first.
    let r = search(&e, "Lavrov Geneva Blinken nowhere");
    assert!(r.notes.relaxed.is_some());
    let r = search(&e, "Lavrov Geneva Blinken");
    assert_eq!(r.hits[0].id, JAN);
    assert!(r.hits[0].all_words);
    assert_eq!(r.notes.relaxed.as_ref().map(|x| x.with_all), Some(1));
    assert!(r.hits[1..].iter().all(|h| !h.all_words));
}

/// A collection bigger than [`RELAX_DEPTH`]: article `i` holds word `w_b`
/// for each bit `b < 5` of `i` (bit 5 is no word: `i` and `i + 32` hold the
/// same words). A five-word query that two articles answer in full lowers
/// the minimum until `RELAX_DEPTH` articles are listed, and no further.
#[test]
fn relaxing_stops_at_the_depth() {
    let words = ["alpha", "bravo", "charlie", "delta", "echo"];
    let articles: Vec<Article> = (1..64u32)
        .map(|i| {
            let text: Vec<&str> = (0..5)
                .filter(|b| i & (1 << b) != 0)
                .map(|b| words[b])
                .collect();
            Article {
                id: format!("a{i}"),
                date: None,
                title: "news".into(),
                source: None,
                paragraphs: vec![format!("{} filler", text.join(" "))],
            }
        })
        .collect();
    let e = Engine::new(articles);
    let r = search(&e, &words.join(" "));
    let relaxed = r.notes.relaxed.expect("relaxed");
    // Articles holding at least k of the five words, counted naively.
    let listed = |k: u32| (1..64u32).filter(|i| (i & 31).count_ones() >= k).count();
    let expected_min = (1..5u32)
        .rev()
        .find(|&k| listed(k) >= RELAX_DEPTH)
        .unwrap_or(1);
    assert!(expected_min > 1, "the test needs a minimum above one word");
    assert_eq!(
        (relaxed.words, relaxed.with_all, relaxed.min_words),
        (5, 2, expected_min as usize)
    );
    assert_eq!(r.total, listed(expected_min));
    assert!(r.hits[0].all_words && r.hits[1].all_words && !r.hits[2].all_words);
    let mut first: Vec<&str> = r.hits[..2].iter().map(|h| h.id.as_str()).collect();
    first.sort_unstable();
    assert_eq!(first, ["a31", "a63"]);
}

#[test]
fn entity_filters_take_or_and_exclusion_on_the_seeds() {
    let mut e = engine();
    e.load_entities(None).expect("rules need no model");
    let geneva = ids(&e, "place:geneva");
    let truss = ids(&e, "person:truss");
    assert_eq!(geneva.len(), 1, "Geneva is in one seed");
    assert_eq!(truss.len(), 1, "Truss is in one seed");
    assert_ne!(geneva, truss);
    let mut union = ids(&e, "place:geneva OR person:truss");
    union.sort();
    let mut both = [JAN, FEB].map(String::from);
    both.sort();
    assert_eq!(union, both, "the union");
    assert_eq!(
        ids(&e, "person:lavrov -place:geneva"),
        truss,
        "the difference"
    );
    assert_eq!(ids(&e, "NOT place:geneva"), truss, "all but those");
    assert!(ids(&e, "place:geneva OR person:truss -person:lavrov").is_empty());
    assert_eq!(ids(&e, "Lavrov -person:truss"), geneva, "with words");
}

// The query budget (`dateline::query::budget`): what a query may ask of the
// index is bounded, and the notes say which limit applied.

fn limits(e: &Engine, q: &str) -> Vec<(LimitKind, usize, usize)> {
    let r = search(e, q);
    r.notes
        .limits
        .iter()
        .map(|l| (l.kind, l.start, l.end))
        .collect()
}

#[test]
fn hostile_queries_are_cut_to_the_budget_and_say_so() {
    let e = engine();
    // 100 KB of `a*`: cut at a space within the first 1,000 characters, then to 32 terms.
    let q = "a* ".repeat(33_334);
    let got = limits(&e, &q);
    let kept = searched_part(&q).len();
    assert!(kept <= MAX_QUERY_CHARS && q[..kept].ends_with("a*"));
    assert_eq!(got[0], (LimitKind::Length, kept, q.len()));
    assert_eq!(got[1], (LimitKind::Terms, 3 * MAX_TERMS, q.len()));
    // 10,000 words: the 33rd on is left out, and what is kept is searched.
    let words = ["lavrov", "geneva"].repeat(5_000).join(" ");
    let got = limits(&e, &words);
    assert!(got.contains(&(LimitKind::Terms, 7 * MAX_TERMS, words.len())));
    assert_eq!(ids(&e, &words).first().map(String::as_str), Some(JAN));
    // Misspelt words: corrections for the first few only.
    let misspelt = "zakharvaa lavrovv genevva blinkenn truss sanctionss ".repeat(3);
    assert!(limits(&e, &misspelt)
        .iter()
        .any(|l| l.0 == LimitKind::Corrections));
    // A filter past the term limit is not applied, and the chips leave it out.
    let late = format!("{} after:2022-02-01", "lavrov ".repeat(MAX_TERMS));
    assert_eq!(search(&e, &late).total, 2, "after: was left out");
    assert!(search(&e, &late).filters.is_empty());
    // Ordinary queries are read whole.
    for q in [
        "lavrov geneva",
        "what did Lavrov say about NATO expansion after meeting Blinken in Geneva",
        "gen* -truss",
    ] {
        assert!(limits(&e, q).is_empty(), "{q}");
    }
}

#[test]
fn a_phrase_past_the_term_limit_is_left_out_whole() {
    let e = engine();
    let q = format!(
        "{} \"security guarantees\"",
        "lavrov ".repeat(MAX_TERMS - 1)
    );
    let parsed = parse(&q);
    assert!(parsed
        .groups
        .iter()
        .flatten()
        .all(|a| !matches!(a, Atom::Phrase(_))));
    assert_eq!(parsed.limits.len(), 1);
    assert_eq!(&q[parsed.limits[0].start..], "\"security guarantees\"");
    assert!(limits(&e, &q).iter().any(|l| l.0 == LimitKind::Terms));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    /// Any long string is answered, and the part read is at most the budget.
    #[test]
    fn long_strings_are_answered_within_the_budget(unit in ".{1,6}", n in 1usize..30_000) {
        let q = unit.repeat(n).chars().take(100_000).collect::<String>();
        let parsed = parse(&q);
        let terms: usize = parsed.groups.iter().flatten().chain(&parsed.excluded).chain(&parsed.title)
            .map(|a| match a { Atom::Phrase(w) => w.len(), _ => 1 }).sum::<usize>()
            + parsed.filters.len();
        prop_assert!(terms <= MAX_TERMS);
        prop_assert!(searched_part(&q).chars().count() <= MAX_QUERY_CHARS);
        let e = engine();
        let _ = search(&e, &q);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// On generated collections with reprinted articles (copies under other
    /// ids and sources, folded into one row), for any query and page size.
    #[test]
    fn rank_is_the_first_page_of_search(
        (articles, q) in (corpus(), query()),
        reprinted in 0usize..4,
        stories in prop::collection::vec(prop::collection::vec(word(), 60), 3),
        limit in 1usize..12,
    ) {
        // A reprinted article carries a wire story long enough to be
        // grouped (`dedup::MIN_WORDS`), as do its copies. Each its own
        // story: one story in articles weeks apart is page furniture
        // (`boilerplate`: a long stretch in three articles or more, not
        // all within `NEWS_DAYS`), which groups nothing.
        let mut articles = articles;
        for (a, story) in articles.iter_mut().zip(&stories).take(reprinted) {
            a.paragraphs.push(story.join(" "));
        }
        let mut all = articles.clone();
        for (i, a) in articles.iter().take(reprinted).enumerate() {
            for copy in 0..2 {
                let mut c = a.clone();
                c.id = format!("{}-copy{copy}-{i}", a.id);
                c.source = Some(format!("outlet {copy}"));
                all.push(c);
            }
        }
        let e = Engine::new(all);
        if reprinted > 0 {
            let every = e.search(&SearchRequest::for_query(""));
            prop_assert!(every.listed < every.total, "the copies are grouped");
        }
        rank_agrees(&e, &q, limit)?;
    }
}

#[test]
fn rank_is_the_first_page_of_search_on_the_seeds() {
    let e = engine();
    for q in [
        "",
        "Lavrov",
        "geneva OR truss",
        "\"security guarantees\"",
        "lavorv",
        "nato -truss",
    ] {
        for limit in [1, 10, 1000] {
            rank_agrees(&e, q, limit).unwrap();
        }
    }
}
