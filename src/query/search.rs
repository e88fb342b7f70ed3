//! Executing a [`Query`] against an [`Index`]: matching and BM25F scoring.
//!
//! Scoring is BM25F ([`super::scoring`]) over two fields, the title weighted
//! above the body. Each query word expands to weighted index terms (the word,
//! its stem group, completions, typo corrections); a document's score for a
//! word is its best expansion's, so an exact form always outranks a stemmed or
//! corrected one in the same document.
//!
//! Plain words decide matching in two tiers (Lucene's minimum-should-match,
//! AND then OR): the articles holding every deciding word group first, as
//! an intersection; then, only when those are too few ([`RELAX_BELOW`]),
//! the articles holding most of them (at least `m` of the `n` groups, `m`
//! as large as lists [`RELAX_DEPTH`] articles), scored by BM25F × the share
//! of groups they hold and listed below. Stopword groups ([`Query::optional`]) never
//! decide, only score. Exclusions, dates and filters are strict in both
//! tiers.

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::notes::{Relaxed, SearchNotes};
use super::parser::{Atom, Prefix, Query};
use super::source::Source;
use crate::index::{day_number, source_term, DocId, TermId};

use super::budget::Allowance;
use super::expand::{expand, note_corrections};
use super::group::Group;
pub use super::lists::Match;
use super::lists::{add_where_present, bm25f_idf, gallop, score_terms};
use super::notes::AlsoSearched;
use super::scoring::*;

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
    let idf = super::scoring::idf(index.doc_count(), doc_freq);
    bm25f_idf(index, idf, doc, title_tf, body_tf)
}

/// Documents containing the phrase, with occurrence counts in title and body.
pub(crate) fn phrase_occurrences<S: Source + ?Sized>(
    index: &S,
    words: &[String],
) -> Vec<(DocId, u32, u32)> {
    // Every word is looked up, even after one is missing, so that a prebuilt
    // source learns all the dictionary shards it lacks in one round.
    let ids: Vec<Option<TermId>> = words.iter().map(|w| index.phrase_term_id(w)).collect();
    let Some(ids) = ids.into_iter().collect::<Option<Vec<TermId>>>() else {
        return Vec::new();
    };
    let lists: Vec<_> = ids.iter().map(|&t| index.postings(t)).collect();
    let Some(driver) = (0..lists.len()).min_by_key(|&i| lists[i].docs.len()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // Each list's slot: where the driver's last document was found (or
    // would be); the next is never before it (see `gallop`).
    let mut slots = vec![0usize; lists.len()];
    // Each document's positions of every word, and where each was last
    // probed: buffers kept across documents (an allocation per document
    // was a good part of a common pair's time in the wasm).
    let (mut pos, mut at): (Vec<&[u32]>, Vec<usize>) = (Vec::new(), Vec::new());
    'docs: for &doc in lists[driver].docs {
        for (i, list) in lists.iter().enumerate() {
            match gallop(list.docs, slots[i], doc) {
                Ok(k) => slots[i] = k,
                Err(k) => {
                    slots[i] = k;
                    continue 'docs;
                }
            }
        }
        let (mut t, mut b) = (0, 0);
        let title_len = index.field_lengths(doc).0;
        // All words' positions at once (not lazily): again one round for a prebuilt source.
        pos.clear();
        pos.extend(ids.iter().zip(&slots).map(|(&t, &k)| index.positions(t, k)));
        // Where each word's positions were last probed (the first word's
        // positions are ascending, so each word's targets are too).
        at.clear();
        at.resize(lists.len(), 0);
        for &p in pos[0] {
            let all = (1..lists.len()).all(|i| match gallop(pos[i], at[i], p + i as u32) {
                Ok(k) | Err(k) => {
                    at[i] = k;
                    pos[i].get(k) == Some(&(p + i as u32))
                }
            });
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
/// with their weights) and which of them are corrections, or a phrase's
/// words and its occurrences as (document, title count, body count),
/// ordered by document.
enum Lookup<'a> {
    Terms(Vec<(TermId, f32)>, Vec<TermId>),
    Phrase(&'a [String], Vec<(DocId, u32, u32)>),
}

/// Look `atom` up; an excluded atom (`for_exclusion`) expands more narrowly
/// (see [`expand`]).
fn look_up<'a, S: Source + ?Sized>(
    index: &S,
    atom: &'a Atom,
    for_exclusion: bool,
    allow: &mut Allowance,
) -> Lookup<'a> {
    match atom {
        Atom::Term {
            term,
            prefix,
            exact,
        } => {
            let (terms, fixes) = expand(index, term, (*prefix, *exact, for_exclusion), allow);
            Lookup::Terms(terms, fixes)
        }
        Atom::Phrase(words) => Lookup::Phrase(words, phrase_occurrences(index, words)),
    }
}

/// What one atom finds, noted: corrections searched for a plain word in
/// `reading`, its terms or phrase in `highlight`.
fn read_atom<'a, S: Source + ?Sized>(
    index: &S,
    atom: &'a Atom,
    highlight: Option<&mut Highlight>,
    reading: &mut Reading,
) -> Lookup<'a> {
    let found = look_up(index, atom, false, &mut reading.allow);
    match &found {
        Lookup::Terms(expansions, fixes) => {
            if let Some(term) = atom.plain_term() {
                note_corrections(index, term, fixes, &mut reading.also);
            }
            if let Some(h) = highlight {
                h.terms.extend(
                    expansions
                        .iter()
                        .map(|&(t, _)| index.term_text(t).to_string()),
                );
            }
        }
        Lookup::Phrase(words, _) => {
            if let Some(h) = highlight {
                h.phrases.push(words.to_vec());
            }
        }
    }
    found
}

/// Scored documents matching one atom, ordered by document; with
/// `title_only`, only those whose title holds it (scored on both fields).
/// Corrections searched for a plain word are noted in `reading`.
fn eval_atom<S: Source + ?Sized>(
    index: &S,
    atom: &Atom,
    highlight: Option<&mut Highlight>,
    reading: &mut Reading,
    title_only: bool,
) -> Vec<Match> {
    match read_atom(index, atom, highlight, reading) {
        Lookup::Terms(expansions, _) => score_terms(index, &expansions, title_only),
        Lookup::Phrase(_, occ) => {
            let df = occ.len();
            occ.into_iter()
                .filter(|&(_, t, _)| !title_only || t > 0)
                .map(|(doc, t, b)| Match::new(doc, bm25f(index, df, doc, t, b)))
                .collect()
        }
    }
}

/// A group looked up: a group of one plain word left unscored (see
/// [`Group`]), any other scored whole ([`eval_group`]).
fn read_group<S: Source + ?Sized>(
    index: &S,
    group: &[Atom],
    highlight: &mut Highlight,
    reading: &mut Reading,
) -> Group {
    if let [atom @ Atom::Term { .. }] = group {
        if let Lookup::Terms(expansions, _) = read_atom(index, atom, Some(highlight), reading) {
            return Group::word(index, &expansions);
        }
    }
    Group::Scored(eval_group(index, group, highlight, reading))
}

/// Documents matching any atom of a group; scores of several matching atoms add up.
fn eval_group<S: Source + ?Sized>(
    index: &S,
    group: &[Atom],
    highlight: &mut Highlight,
    reading: &mut Reading,
) -> Vec<Match> {
    if let [atom] = group {
        // One atom: its matches are the group's, in document order already.
        return eval_atom(index, atom, Some(highlight), reading, false);
    }
    let mut all: Vec<Match> = group
        .iter()
        .flat_map(|a| eval_atom(index, a, Some(highlight), reading, false))
        .collect();
    by_doc(&mut all);
    let mut out: Vec<Match> = Vec::with_capacity(all.len());
    for m in all {
        match out.last_mut() {
            Some(last) if last.doc == m.doc => last.score += m.score,
            _ => out.push(m),
        }
    }
    out
}

/// Order matches by document (one sort function for every such list: the
/// reader's wasm carries one copy).
fn by_doc(matches: &mut [Match]) {
    crate::sort::sort_unstable_by_key(&mut matches[..], |m| m.doc);
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
/// excluded, in the text or in `title:`), or for neighbouring words scored by proximity? A prebuilt
/// index fetches positions only then.
pub fn reads_positions(query: &Query) -> bool {
    let phrase = |a: &Atom| matches!(a, Atom::Phrase(_));
    query.groups.iter().flatten().any(phrase)
        || query.excluded.iter().any(phrase)
        || query.title.iter().chain(&query.excluded_title).any(phrase)
        || !proximity_pairs(query).is_empty()
}

/// Each neighbouring pair's occurrences (document, title count, body
/// count) and its document frequency: looked up once, added to both tiers.
type Proximity = Vec<(Vec<(DocId, u32, u32)>, usize)>;

fn proximity<S: Source + ?Sized>(index: &S, query: &Query) -> Proximity {
    proximity_pairs(query)
        .iter()
        .map(|pair| {
            let occ = phrase_occurrences(index, pair);
            let df = occ.len();
            (occ, df)
        })
        .collect()
}

/// Add [`W_PROXIMITY`] × the bigram's BM25F score to matches holding each bigram.
fn add_proximity<S: Source + ?Sized>(index: &S, pairs: &Proximity, matches: &mut [Match]) {
    for (occ, df) in pairs {
        let mut j = 0;
        for m in matches.iter_mut() {
            while j < occ.len() && occ[j].0 < m.doc {
                j += 1;
            }
            if let Some(&(doc, t, b)) = occ.get(j).filter(|o| o.0 == m.doc) {
                m.score += W_PROXIMITY * bm25f(index, *df, doc, t, b);
            }
        }
    }
}

/// Documents an atom matches (as an exclusion expands it, see [`expand`]),
/// ascending; with `title_only`, those whose title holds it.
fn excluded_docs<S: Source + ?Sized>(
    index: &S,
    atom: &Atom,
    title_only: bool,
    allow: &mut Allowance,
) -> Vec<DocId> {
    let mut docs = Vec::new();
    match look_up(index, atom, true, allow) {
        Lookup::Terms(expansions, _) => {
            for (t, _) in expansions {
                let p = index.postings(t);
                for (i, &doc) in p.docs.iter().enumerate() {
                    if !title_only || p.title_tf(i) > 0 {
                        docs.push(doc);
                    }
                }
            }
        }
        Lookup::Phrase(_, occ) => docs.extend(
            occ.into_iter()
                .filter(|&(_, t, _)| !title_only || t > 0)
                .map(|o| o.0),
        ),
    }
    crate::sort::sort(&mut docs[..]);
    docs.dedup();
    docs
}

/// Documents whose source holds every one of the folded `words`, ascending.
fn source_docs<S: Source + ?Sized>(index: &S, words: &[String]) -> Vec<DocId> {
    // Every word is looked up (one round for a prebuilt source).
    let ids: Vec<Option<TermId>> = words
        .iter()
        .map(|w| index.term_id(&source_term(w)))
        .collect();
    let mut out: Option<Vec<DocId>> = None;
    for id in ids {
        let docs = id.map_or(&[][..], |t| index.postings(t).docs);
        out = Some(match out {
            None => docs.to_vec(),
            Some(so_far) => so_far
                .into_iter()
                .filter(|d| docs.binary_search(d).is_ok())
                .collect(),
        });
    }
    out.unwrap_or_default()
}

/// The strict conditions of a query, looked up: which documents may be listed.
struct Strict {
    range: Range<DocId>,
    banned: FxHashSet<DocId>,
    /// Lists (ascending) a listed document must be in: entity groups,
    /// `mentions:`, `title:` and `source:` filters.
    required: Vec<Vec<DocId>>,
}

impl Strict {
    fn new<S: Source + ?Sized>(
        index: &S,
        query: &Query,
        titles: &[Vec<Match>],
        allow: &mut Allowance,
    ) -> Strict {
        let mut banned: FxHashSet<DocId> = FxHashSet::default();
        for atom in &query.excluded {
            banned.extend(excluded_docs(index, atom, false, allow));
        }
        for atom in &query.excluded_title {
            banned.extend(excluded_docs(index, atom, true, allow));
        }
        for words in &query.excluded_sources {
            banned.extend(source_docs(index, words));
        }
        for f in &query.excluded_entities {
            banned.extend(index.entity_docs(f));
        }
        // An entity group admits the articles naming any of its entities.
        let mut required: Vec<Vec<DocId>> = query
            .entities
            .iter()
            .map(|group| {
                let mut docs: Vec<DocId> =
                    group.iter().flat_map(|f| index.entity_docs(f)).collect();
                crate::sort::sort(&mut docs[..]);
                docs.dedup();
                docs
            })
            .collect();
        if let Some((lo, hi)) = query.mentions {
            required.push(index.docs_mentioning(day_number(lo), day_number(hi)));
        }
        required.extend(titles.iter().map(|t| t.iter().map(|m| m.doc).collect()));
        required.extend(query.sources.iter().map(|w| source_docs(index, w)));
        Strict {
            range: index.doc_range(query.after, query.until),
            banned,
            required,
        }
    }

    fn allows(&self, doc: DocId) -> bool {
        self.range.contains(&doc)
            && !self.banned.contains(&doc)
            && self.required.iter().all(|d| d.binary_search(&doc).is_ok())
    }
}

/// The expansions (index terms and weights, ascending by term) of a query
/// that is one plain word and nothing else: no other word, phrase,
/// exclusion or filter but its date bounds. Such a query's matches are the
/// documents of those terms' postings within its date range, each scored
/// `w × BM25F` of its best term, as [`execute`] scores them (the same
/// look-up, drawing on a fresh budget as it does); `None` for any other
/// query. What a top-k ranking reads instead of executing (`engine::topk`,
/// the in-page index's ranking).
#[cfg(feature = "inpage")]
pub(crate) fn lone_word<S: Source + ?Sized>(
    index: &S,
    query: &Query,
) -> Option<Vec<(TermId, f32)>> {
    let [group] = query.groups.as_slice() else {
        return None;
    };
    let [atom @ Atom::Term { .. }] = group.as_slice() else {
        return None;
    };
    let filtered = !query.excluded.is_empty()
        || !query.excluded_title.is_empty()
        || !query.title.is_empty()
        || !query.entities.is_empty()
        || !query.excluded_entities.is_empty()
        || !query.sources.is_empty()
        || !query.excluded_sources.is_empty()
        || query.mentions.is_some();
    if filtered || query.is_optional(0) {
        return None;
    }
    match look_up(index, atom, false, &mut Allowance::default()) {
        Lookup::Terms(expansions, _) => Some(expansions),
        Lookup::Phrase(..) => None,
    }
}

/// What one execution gathers as it looks words up: the corrections it
/// searched (for the notes) and what is left of its budget.
#[derive(Default)]
struct Reading {
    also: Vec<AlsoSearched>,
    allow: Allowance,
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

/// Run `query`: the matching documents (those holding every deciding word
/// group, then, when they are too few, those holding most; see the module
/// documentation), restricted to the query's own date bounds and filters,
/// what to highlight, and notes on how the query was read.
pub fn execute<S: Source + ?Sized>(index: &S, query: &Query) -> Execution {
    let mut highlight = Highlight::default();
    let mut notes = SearchNotes {
        problems: query.problems.clone(),
        ..SearchNotes::default()
    };
    let mut reading = Reading::default();
    // Everything is looked up before anything is decided, so that a
    // prebuilt source learns all it lacks in the same rounds.
    // Stopwords score but are not marked: a snippet shows the words that
    // decided, not every "the" of the article.
    let mut unmarked = Highlight::default();
    let groups: Vec<Group> = (query.groups.iter().enumerate())
        .map(|(g, atoms)| match query.is_optional(g) {
            true => read_group(index, atoms, &mut unmarked, &mut reading),
            false => read_group(index, atoms, &mut highlight, &mut reading),
        })
        .collect();
    let titles: Vec<Vec<Match>> = query
        .title
        .iter()
        .map(|a| eval_atom(index, a, Some(&mut highlight), &mut reading, true))
        .collect();
    let strict = Strict::new(index, query, &titles, &mut reading.allow);
    notes.also_searched = reading.also;
    notes.limits = query.limits.clone();
    notes.limits.extend(reading.allow.limits());
    let pairs = proximity(index, query);
    let (deciding, optional): (Vec<usize>, Vec<usize>) =
        (0..groups.len()).partition(|&g| !query.is_optional(g));

    // Every deciding group (and `title:` atom): an intersection, smallest first.
    let titles: Vec<Group> = titles.into_iter().map(Group::Scored).collect();
    let mut required: Vec<&Group> = deciding.iter().map(|&g| &groups[g]).collect();
    required.extend(&titles);
    // The shortest list first (a swap, not a sort: one sort less in the
    // wasm). Its length decides the order the scores are added in, which
    // matters (to the last bit) from three lists on; two add up alike in
    // either order, so a bound on the length, free, picks the first.
    let first = match required.len() {
        ..=2 => (0..required.len()).min_by_key(|&i| required[i].len_bound()),
        _ => (0..required.len()).min_by_key(|&i| required[i].len(index)),
    };
    if let Some(i) = first {
        required.swap(0, i);
    }
    let mut matches: Vec<Match> = match required.split_first() {
        None => strict
            .range
            .clone()
            .map(|doc| Match::new(doc, 0.0))
            .collect(),
        Some((first, [])) => first.scored(index).into_owned(),
        Some((first, [second, rest @ ..])) => (rest.iter())
            .fold(first.intersect_first(index, second), |acc, l| {
                l.intersect(index, acc)
            }),
    };
    for &g in &optional {
        groups[g].add_where_present(index, &mut matches);
    }
    add_proximity(index, &pairs, &mut matches);
    matches.retain(|m| strict.allows(m.doc));

    let n = deciding.len();
    if n >= 2 && (matches.is_empty() || (n >= 3 && matches.len() < RELAX_BELOW)) {
        // The second tier reads every group whole.
        let whole = |g: &Group| g.scored(index).into_owned();
        let groups: Vec<Vec<Match>> = groups.iter().map(whole).collect();
        let titles: Vec<Vec<Match>> = titles.iter().map(whole).collect();
        let tiers = Tiers {
            groups: &groups,
            deciding: &deciding,
            optional: &optional,
            titles: &titles,
            strict: &strict,
        };
        let (most, min_words) = tiers.most_words(index, &pairs, matches.len());
        if !most.is_empty() {
            notes.relaxed = Some(Relaxed {
                words: n,
                with_all: matches.len(),
                min_words,
            });
            matches.extend(most);
            by_doc(&mut matches);
        }
    }
    Execution {
        matches,
        highlight,
        notes,
    }
}

/// What the second tier is computed from.
struct Tiers<'a> {
    groups: &'a [Vec<Match>],
    deciding: &'a [usize],
    optional: &'a [usize],
    titles: &'a [Vec<Match>],
    strict: &'a Strict,
}

impl Tiers<'_> {
    /// The documents allowed by the strict conditions that hold some but not
    /// all deciding groups: those holding at least `m` of the `n`, for the
    /// largest `m` that lists [`RELAX_DEPTH`] documents with the `with_all`
    /// of the first tier (or `m` = 1), scored by BM25F × held / `n`, ordered
    /// by document; and `m`.
    fn most_words<S: Source + ?Sized>(
        &self,
        index: &S,
        pairs: &Proximity,
        with_all: usize,
    ) -> (Vec<Match>, usize) {
        let n = self.deciding.len();
        let mut hits: Vec<Match> = self
            .deciding
            .iter()
            .flat_map(|&g| self.groups[g].iter().copied())
            .collect();
        by_doc(&mut hits);
        // (match with its summed score, deciding groups held)
        let mut docs: Vec<(Match, usize)> = Vec::new();
        for m in hits {
            match docs.last_mut() {
                Some((last, held)) if last.doc == m.doc => {
                    last.score += m.score;
                    *held += 1;
                }
                _ => docs.push((m, 1)),
            }
        }
        docs.retain(|&(m, held)| held < n && self.strict.allows(m.doc));
        let mut with = vec![0usize; n];
        for &(_, held) in &docs {
            with[held] += 1;
        }
        let mut min = n - 1;
        let mut listed = with_all + with[min];
        while listed < RELAX_DEPTH && min > 1 {
            min -= 1;
            listed += with[min];
        }
        docs.retain(|&(_, held)| held >= min);
        let mut most: Vec<Match> = docs.iter().map(|&(m, _)| m).collect();
        for &g in self.optional {
            add_where_present(&mut most, &self.groups[g]);
        }
        for t in self.titles {
            add_where_present(&mut most, t);
        }
        add_proximity(index, pairs, &mut most);
        for (m, &(_, held)) in most.iter_mut().zip(&docs) {
            m.score *= held as f32 / n as f32;
            m.all_words = false;
        }
        (most, min)
    }
}
