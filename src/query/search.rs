//! Executing a [`Query`] against an [`Index`]: matching and BM25F scoring.
//!
//! Scoring is BM25F ([`super::scoring`]) over two fields, the title weighted
//! above the body. Each query word expands to weighted index terms (the word,
//! its stem group, completions, typo corrections); a document's score for a
//! word is its best expansion's, so an exact form always outranks a stemmed or
//! corrected one in the same document.

use rustc_hash::FxHashSet;

use super::notes::SearchNotes;
use super::parser::{Atom, Prefix, Query};
use super::source::Source;
use crate::index::{day_number, DocId, TermId};

use super::expand::{also_searched, expand};
use super::scoring::*;

/// A matching document and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub doc: DocId,
    pub score: f32,
}

/// What to mark in a matching document: folded terms, and phrases (marked
/// only where the whole phrase occurs).
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    pub terms: FxHashSet<String>,
    pub phrases: Vec<Vec<String>>,
}

impl Highlight {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty()
    }
}

/// BM25F score of one term occurrence count in one document.
fn bm25f<S: Source + ?Sized>(
    index: &S,
    doc_freq: usize,
    doc: DocId,
    title_tf: u32,
    body_tf: u32,
) -> f32 {
    let (title_len, body_len) = index.field_lengths(doc);
    let (avg_title, avg_body) = index.avg_field_lengths();
    super::scoring::bm25f(
        index.doc_count(),
        doc_freq,
        title_tf,
        body_tf,
        title_len as f32 / avg_title,
        body_len as f32 / avg_body,
    )
}

/// Documents containing the phrase, with occurrence counts in title and body.
pub(crate) fn phrase_occurrences<S: Source + ?Sized>(
    index: &S,
    words: &[String],
) -> Vec<(DocId, u32, u32)> {
    // Every word is looked up, even after one is missing, so that a prebuilt
    // source learns all the dictionary shards it lacks in one round.
    let ids: Vec<Option<TermId>> = words.iter().map(|w| index.term_id(w)).collect();
    let Some(ids) = ids.into_iter().collect::<Option<Vec<TermId>>>() else {
        return Vec::new();
    };
    let lists: Vec<_> = ids.iter().map(|&t| index.postings(t)).collect();
    let Some(driver) = (0..lists.len()).min_by_key(|&i| lists[i].docs.len()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut slots = vec![0usize; lists.len()];
    'docs: for &doc in lists[driver].docs {
        for (i, list) in lists.iter().enumerate() {
            match list.docs.binary_search(&doc) {
                Ok(k) => slots[i] = k,
                Err(_) => continue 'docs,
            }
        }
        let (mut t, mut b) = (0, 0);
        let title_len = index.field_lengths(doc).0;
        // All words' positions at once (not lazily): again one round for a prebuilt source.
        let pos: Vec<&[u32]> = ids
            .iter()
            .zip(&slots)
            .map(|(&t, &k)| index.positions(t, k))
            .collect();
        for &p in pos[0] {
            let all = (1..lists.len()).all(|i| pos[i].binary_search(&(p + i as u32)).is_ok());
            if all {
                if p < title_len {
                    t += 1;
                } else {
                    b += 1;
                }
            }
        }
        if t + b > 0 {
            out.push((doc, t, b));
        }
    }
    out
}

/// What one atom finds in the index: a word's expansions (index terms
/// with their weights), or a phrase's words and its occurrences as
/// (document, title count, body count), ordered by document.
enum Lookup<'a> {
    Terms(Vec<(TermId, f32)>),
    Phrase(&'a [String], Vec<(DocId, u32, u32)>),
}

/// Look `atom` up; an excluded atom (`for_exclusion`) expands more narrowly
/// (see [`expand`]).
fn look_up<'a, S: Source + ?Sized>(index: &S, atom: &'a Atom, for_exclusion: bool) -> Lookup<'a> {
    match atom {
        Atom::Term {
            term,
            prefix,
            exact,
        } => Lookup::Terms(expand(index, term, *prefix, *exact, for_exclusion)),
        Atom::Phrase(words) => Lookup::Phrase(words, phrase_occurrences(index, words)),
    }
}

/// Scored documents matching one atom, ordered by document.
fn eval_atom<S: Source + ?Sized>(
    index: &S,
    atom: &Atom,
    highlight: Option<&mut Highlight>,
) -> Vec<Match> {
    match look_up(index, atom, false) {
        Lookup::Terms(expansions) => {
            if let Some(h) = highlight {
                h.terms.extend(
                    expansions
                        .iter()
                        .map(|&(t, _)| index.term_text(t).to_string()),
                );
            }
            let mut out = Vec::new();
            for (t, w) in expansions {
                let p = index.postings(t);
                let df = p.docs.len();
                for (i, &doc) in p.docs.iter().enumerate() {
                    out.push(Match {
                        doc,
                        score: w * bm25f(index, df, doc, p.title_tf(i), p.body_tf(i)),
                    });
                }
            }
            out.sort_unstable_by(|a, b| a.doc.cmp(&b.doc).then(b.score.total_cmp(&a.score)));
            out.dedup_by_key(|m| m.doc);
            out
        }
        Lookup::Phrase(words, occ) => {
            if let Some(h) = highlight {
                h.phrases.push(words.to_vec());
            }
            let df = occ.len();
            occ.into_iter()
                .map(|(doc, t, b)| Match {
                    doc,
                    score: bm25f(index, df, doc, t, b),
                })
                .collect()
        }
    }
}

/// Documents matching any atom of a group; scores of several matching atoms add up.
fn eval_group<S: Source + ?Sized>(
    index: &S,
    group: &[Atom],
    highlight: &mut Highlight,
) -> Vec<Match> {
    let mut all: Vec<Match> = group
        .iter()
        .flat_map(|a| eval_atom(index, a, Some(highlight)))
        .collect();
    all.sort_unstable_by_key(|m| m.doc);
    let mut out: Vec<Match> = Vec::with_capacity(all.len());
    for m in all {
        match out.last_mut() {
            Some(last) if last.doc == m.doc => last.score += m.score,
            _ => out.push(m),
        }
    }
    out
}

fn intersect(a: Vec<Match>, b: &[Match]) -> Vec<Match> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let mut j = 0;
    for m in a {
        while j < b.len() && b[j].doc < m.doc {
            j += 1;
        }
        if j < b.len() && b[j].doc == m.doc {
            out.push(Match {
                doc: m.doc,
                score: m.score + b[j].score,
            });
        }
    }
    out
}

/// The neighbouring pairs of single-word groups of `query`, as bigrams.
pub fn proximity_pairs(query: &Query) -> Vec<[String; 2]> {
    let single = |g: &Vec<Atom>| match g.as_slice() {
        [Atom::Term { term, prefix, .. }] if *prefix != Prefix::Explicit => Some(term.clone()),
        _ => None,
    };
    query
        .groups
        .windows(2)
        .filter_map(|w| Some([single(&w[0])?, single(&w[1])?]))
        .collect()
}

/// Does executing `query` read positions: for a phrase (wanted or
/// excluded), or for neighbouring words scored by proximity? A prebuilt
/// index fetches positions only then.
pub fn reads_positions(query: &Query) -> bool {
    let phrase = |a: &Atom| matches!(a, Atom::Phrase(_));
    query.groups.iter().flatten().any(phrase)
        || query.excluded.iter().any(phrase)
        || !proximity_pairs(query).is_empty()
}

/// Add [`W_PROXIMITY`] × the bigram's BM25F score to matches holding each bigram.
fn add_proximity<S: Source + ?Sized>(index: &S, query: &Query, matches: &mut [Match]) {
    for pair in proximity_pairs(query) {
        let occ = phrase_occurrences(index, &pair);
        let df = occ.len();
        let mut j = 0;
        for m in matches.iter_mut() {
            while j < occ.len() && occ[j].0 < m.doc {
                j += 1;
            }
            if let Some(&(doc, t, b)) = occ.get(j).filter(|o| o.0 == m.doc) {
                m.score += W_PROXIMITY * bm25f(index, df, doc, t, b);
            }
        }
    }
}

/// What running a query gives.
#[derive(Debug, Clone, Default)]
pub struct Execution {
    /// The matching documents ordered by document id (that is, by date).
    pub matches: Vec<Match>,
    /// What to mark in them.
    pub highlight: Highlight,
    /// How the query was read, for the reader.
    pub notes: SearchNotes,
}

/// Run `query`: the matching documents, restricted to the query's own date
/// bounds, what to highlight, and notes on how the query was read.
pub fn execute<S: Source + ?Sized>(index: &S, query: &Query) -> Execution {
    let mut highlight = Highlight::default();
    let notes = SearchNotes {
        also_searched: also_searched(index, query),
        ..SearchNotes::default()
    };
    let range = index.doc_range(query.after, query.until);
    let mut matches = if query.groups.is_empty() {
        range.clone().map(|doc| Match { doc, score: 0.0 }).collect()
    } else {
        let mut groups: Vec<Vec<Match>> = query
            .groups
            .iter()
            .map(|g| eval_group(index, g, &mut highlight))
            .collect();
        groups.sort_unstable_by_key(Vec::len);
        let mut it = groups.into_iter();
        let first = it.next().unwrap_or_default();
        it.fold(first, |acc, g| intersect(acc, &g))
    };
    add_proximity(index, query, &mut matches);
    if !query.excluded.is_empty() {
        let mut banned: FxHashSet<DocId> = FxHashSet::default();
        for atom in &query.excluded {
            match look_up(index, atom, true) {
                Lookup::Terms(expansions) => {
                    for (t, _) in expansions {
                        banned.extend(index.postings(t).docs.iter().copied());
                    }
                }
                Lookup::Phrase(_, occ) => banned.extend(occ.into_iter().map(|o| o.0)),
            }
        }
        matches.retain(|m| !banned.contains(&m.doc));
    }
    matches.retain(|m| range.contains(&m.doc));
    for filter in &query.entities {
        let docs = index.entity_docs(filter);
        matches.retain(|m| docs.binary_search(&m.doc).is_ok());
    }
    if let Some((lo, hi)) = query.mentions {
        let docs = index.docs_mentioning(day_number(lo), day_number(hi));
        matches.retain(|m| docs.binary_search(&m.doc).is_ok());
    }
    Execution {
        matches,
        highlight,
        notes,
    }
}
