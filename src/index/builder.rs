//! Building an [`Index`] from articles.

use fst::MapBuilder;
use rustc_hash::FxHashMap;

use super::{day_number, DocId, Index, TermId, FIELD_GAP, SOURCE_MARK, UNDATED};
use crate::article::Article;
use crate::index::boilerplate::Boilerplate;
use crate::index::dedup::Reprints;
use crate::index::docs::{run_ends, Docs};
use crate::index::events::EventIndex;
use crate::text::tokenizer::{fold_into, word_ranges, Stemmer};

/// Collects articles, then builds the index in one pass over them in date order.
pub struct IndexBuilder {
    articles: Vec<Article>,
    events: bool,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder {
            articles: Vec::new(),
            events: true,
        }
    }
}

/// Postings of one term while building, in document order.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub(crate) struct TermAcc {
    /// The documents, ascending.
    pub(crate) docs: Vec<DocId>,
    /// Per document: title frequency << 16 | body frequency (each capped at 0xFFFF).
    pub(crate) tf: Vec<u32>,
    /// Per document: how many of `positions` are its own.
    pub(crate) pos_len: Vec<u32>,
    /// Every document's positions, ascending within a document.
    pub(crate) positions: Vec<u32>,
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether to tag time expressions and build the event index (default: yes).
    pub fn with_events(mut self, events: bool) -> Self {
        self.events = events;
        self
    }

    pub fn add(&mut self, article: Article) {
        self.articles.push(article);
    }

    /// Add every one of `articles`; the first batch is taken as it is (no
    /// second list of a large collection while it is copied).
    pub fn add_all(&mut self, articles: Vec<Article>) {
        if self.articles.is_empty() {
            self.articles = articles;
        } else {
            self.articles.extend(articles);
        }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Sort the articles by date (undated last; ties by id, so the order is
    /// stable whatever the input order) and index them.
    pub fn finish(self) -> Index {
        self.finish_with_progress(&|_| {})
    }

    /// [`Self::finish`], calling `progress` with the number of articles indexed so far.
    ///
    /// With the `parallel` feature (native builds), batches of articles are
    /// indexed on every core into partial indexes, merged term by term.
    pub fn finish_with_progress(self, progress: &(dyn Fn(usize) + Sync)) -> Index {
        let events = self.events;
        let collection = Collection::of(self.articles);
        let Partial {
            dict,
            accs,
            title_len,
            body_len,
        } = index_all(&collection.docs, 0, progress);
        let terms = Terms::of(sorted_terms(dict, accs));
        collection.into_index(events, title_len, body_len, terms)
    }

    /// The articles and whether time mentions are wanted: what
    /// `crate::prebuilt::spill` spills to disk before it builds.
    pub(crate) fn into_parts(self) -> (Vec<Article>, bool) {
        (self.articles, self.events)
    }
}

/// The documents of `docs` (the collection in document order, titles
/// chosen) indexed in segments: runs of consecutive documents of at most
/// `segment_bytes` bytes of text each (at least one document; larger when
/// that would make more than [`MAX_SEGMENTS`] segments), each handed to
/// `segment` as its terms in byte order with their postings (document ids
/// of the whole collection) and then dropped, so the postings of the whole
/// collection are never in memory at once, nor (on disk) its text. Returns
/// every document's title and body lengths. Stops at `segment`'s first
/// error. What `crate::prebuilt::spill` merges into the prebuilt index.
pub(crate) fn index_in_segments<D: Docs + ?Sized, E>(
    docs: &D,
    segment_bytes: usize,
    indexed: &(dyn Fn(usize) + Sync),
    mut segment: impl FnMut(Vec<(String, TermAcc)>) -> Result<(), E>,
) -> Result<(Vec<u32>, Vec<u32>), E> {
    let sizes = docs.sizes();
    // Never more than `MAX_SEGMENTS`: each is an open file in the merge.
    let mut segment_bytes = segment_bytes.max(1);
    while run_ends(&sizes, segment_bytes).count() > MAX_SEGMENTS {
        segment_bytes = segment_bytes.saturating_mul(2);
    }
    let (mut title_len, mut body_len) = (Vec::new(), Vec::new());
    let mut failed = None;
    docs.runs(segment_bytes, &mut |start, run| {
        if failed.is_some() {
            return;
        }
        let progress = |n| indexed(start + n);
        let part = index_all(run, start as DocId, &progress);
        title_len.extend_from_slice(&part.title_len);
        body_len.extend_from_slice(&part.body_len);
        failed = segment(sorted_terms(part.dict, part.accs)).err();
    });
    match failed {
        Some(e) => Err(e),
        None => Ok((title_len, body_len)),
    }
}

/// The index of a collection whose documents and postings are elsewhere
/// (on disk: `crate::prebuilt::spill`): its documents' `ids` and `days` in
/// document order, field lengths, furniture, reprints and time mentions.
#[allow(clippy::too_many_arguments)]
pub(crate) fn index_without_docs(
    ids: Vec<String>,
    days: Vec<i32>,
    boilerplate: Boilerplate,
    reprints: Reprints,
    events: EventIndex,
    title_len: Vec<u32>,
    body_len: Vec<u32>,
) -> Index {
    let by_id = ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| (id, i as DocId))
        .collect();
    assemble(
        Vec::new(),
        days,
        by_id,
        (boilerplate, reprints, events),
        title_len,
        body_len,
        Terms::default(),
    )
}

/// What a build reports as it goes: articles indexed, articles tagged
/// (time mentions), each a count so far.
pub struct Progress<'a> {
    pub indexed: &'a (dyn Fn(usize) + Sync),
    pub tagged: &'a (dyn Fn(usize) + Sync),
}

/// The most segments [`index_in_segments`] makes: past
/// this, segments grow beyond the size asked for (the merge reads every
/// segment at once, a file and a buffer each).
pub const MAX_SEGMENTS: usize = 256;

/// The collection in document order with what is found across it before
/// any word is indexed.
struct Collection {
    docs: Vec<Article>,
    boilerplate: Boilerplate,
    reprints: Reprints,
}

impl Collection {
    /// Sort the articles by date (undated last; ties by id, so the order is
    /// stable whatever the input order), find the furniture, choose the
    /// titles (a title is never furniture, and titles are indexed with the
    /// text), find the reprints.
    fn of(mut docs: Vec<Article>) -> Collection {
        crate::sort::sort_by(&mut docs[..], |a, b| {
            (a.date.is_none(), a.date, &a.id).cmp(&(b.date.is_none(), b.date, &b.id))
        });
        let boilerplate = Boilerplate::detect(&docs);
        crate::index::titles::choose(&mut docs, &boilerplate);
        let reprints = Reprints::detect(&docs, &boilerplate);
        Collection {
            docs,
            boilerplate,
            reprints,
        }
    }

    fn into_index(self, events: bool, title_len: Vec<u32>, body_len: Vec<u32>, t: Terms) -> Index {
        let Collection {
            docs,
            boilerplate,
            reprints,
        } = self;
        let days: Vec<i32> = docs
            .iter()
            .map(|a| a.date.map_or(UNDATED, day_number))
            .collect();
        let by_id = docs
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i as DocId))
            .collect();
        let events = if events {
            EventIndex::build_with(&docs, &boilerplate)
        } else {
            EventIndex::empty(docs.len())
        };
        let found = (boilerplate, reprints, events);
        assemble(docs, days, by_id, found, title_len, body_len, t)
    }
}

/// An [`Index`] of its parts; `found`: what the collection-wide steps found.
fn assemble(
    docs: Vec<Article>,
    days: Vec<i32>,
    by_id: FxHashMap<String, DocId>,
    found: (Boilerplate, Reprints, EventIndex),
    title_len: Vec<u32>,
    body_len: Vec<u32>,
    t: Terms,
) -> Index {
    let (boilerplate, reprints, events) = found;
    let n = days.len().max(1) as f32;
    let avg_title_len = title_len.iter().sum::<u32>() as f32 / n;
    let avg_body_len = body_len.iter().sum::<u32>() as f32 / n;
    {
        Index {
            events,
            boilerplate,
            reprints,
            entities: None,
            docs,
            days,
            by_id,
            title_len,
            body_len,
            avg_title_len: avg_title_len.max(1.0),
            avg_body_len: avg_body_len.max(1.0),
            terms: t.terms,
            term_text: t.term_text,
            stems: t.stems,
            stem_terms_start: t.stem_terms_start,
            stem_terms: t.stem_terms,
            post_start: t.post_start,
            post_doc: t.post_doc,
            post_tf: t.post_tf,
            pos_start: t.pos_start,
            positions: t.positions,
            stemmer: Stemmer::default(),
        }
    }
}

/// A partial index's terms with their postings, in byte order of the term
/// (the order of term ids).
fn sorted_terms(dict: FxHashMap<String, u32>, mut accs: Vec<TermAcc>) -> Vec<(String, TermAcc)> {
    let mut by_text: Vec<(String, u32)> = dict.into_iter().collect();
    #[cfg(feature = "parallel")]
    rayon::slice::ParallelSliceMut::par_sort_unstable_by(&mut by_text[..], |a, b| a.0.cmp(&b.0));
    #[cfg(not(feature = "parallel"))]
    crate::sort::sort_unstable_by(&mut by_text[..], |a, b| a.0.cmp(&b.0));
    by_text
        .into_iter()
        .map(|(text, old)| (text, std::mem::take(&mut accs[old as usize])))
        .collect()
}

/// The term side of an [`Index`]: dictionary, stem groups, flat postings.
#[derive(Default)]
struct Terms {
    terms: fst::Map<Vec<u8>>,
    term_text: Vec<Box<str>>,
    stems: fst::Map<Vec<u8>>,
    stem_terms_start: Vec<u32>,
    stem_terms: Vec<TermId>,
    post_start: Vec<u32>,
    post_doc: Vec<DocId>,
    post_tf: Vec<u32>,
    pos_start: Vec<u32>,
    positions: Vec<u32>,
}

impl Terms {
    /// Number terms in byte order (`sorted`), as the FST needs them, and
    /// lay their postings out flat.
    fn of(sorted: Vec<(String, TermAcc)>) -> Terms {
        let mut terms = MapBuilder::memory();
        let mut term_text = Vec::with_capacity(sorted.len());
        let total_postings: usize = sorted.iter().map(|(_, a)| a.docs.len()).sum();
        let total_positions: usize = sorted.iter().map(|(_, a)| a.positions.len()).sum();
        let mut post_start = Vec::with_capacity(sorted.len() + 1);
        let mut post_doc = Vec::with_capacity(total_postings);
        let mut post_tf = Vec::with_capacity(total_postings);
        let mut pos_start = Vec::with_capacity(total_postings + 1);
        let mut positions = Vec::with_capacity(total_positions);
        post_start.push(0);
        pos_start.push(0);
        for (new_id, (text, acc)) in sorted.into_iter().enumerate() {
            // Keys are unique and sorted, so insertion cannot fail.
            let _ = terms.insert(text.as_bytes(), new_id as u64);
            post_doc.extend_from_slice(&acc.docs);
            post_tf.extend_from_slice(&acc.tf);
            let mut off = 0usize;
            for n in acc.pos_len {
                off += n as usize;
                pos_start.push((positions.len() + off) as u32);
            }
            positions.extend_from_slice(&acc.positions);
            post_start.push(post_doc.len() as u32);
            term_text.push(text.into_boxed_str());
        }
        let (stems, stem_terms_start, stem_terms) = stem_groups(&Stemmer::default(), &term_text);
        Terms {
            terms: fst::Map::new(terms.into_inner().unwrap_or_default()).unwrap_or_default(),
            term_text,
            stems,
            stem_terms_start,
            stem_terms,
            post_start,
            post_doc,
            post_tf,
            pos_start,
            positions,
        }
    }
}

/// Postings of a run of documents: terms numbered in order of appearance.
#[derive(Default)]
struct Partial {
    dict: FxHashMap<String, u32>,
    accs: Vec<TermAcc>,
    title_len: Vec<u32>,
    body_len: Vec<u32>,
}

/// Articles per batch: big enough that merging stays cheap, small enough
/// that every core gets several.
#[cfg(feature = "parallel")]
const BATCH: usize = 2048;

#[cfg(feature = "parallel")]
fn index_all(docs: &[Article], first: DocId, progress: &(dyn Fn(usize) + Sync)) -> Partial {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let done = AtomicUsize::new(0);
    let parts: Vec<Partial> = docs
        .par_chunks(BATCH)
        .enumerate()
        .map(|(i, batch)| {
            let part = index_batch(batch, first + (i * BATCH) as DocId);
            progress(done.fetch_add(batch.len(), Ordering::Relaxed) + batch.len());
            part
        })
        .collect();
    merge(parts)
}

#[cfg(not(feature = "parallel"))]
fn index_all(docs: &[Article], first: DocId, progress: &(dyn Fn(usize) + Sync)) -> Partial {
    let part = index_batch(docs, first);
    progress(docs.len());
    part
}

/// Index `docs`, numbered from `first`.
fn index_batch(docs: &[Article], first: DocId) -> Partial {
    let mut part = Partial::default();
    let Partial {
        dict,
        accs,
        title_len,
        body_len,
    } = &mut part;
    let mut occurrences: Vec<(u32, u32)> = Vec::new();
    let mut source_terms: Vec<u32> = Vec::new();
    let mut term_buf = String::new();
    for (i, article) in docs.iter().enumerate() {
        let doc = first + i as DocId;
        occurrences.clear();
        let mut pos = 0u32;
        let mut tokens = |text: &str, pos: &mut u32, occ: &mut Vec<(u32, u32)>| {
            for (s, e) in word_ranges(text) {
                fold_into(&text[s..e], &mut term_buf);
                if term_buf.is_empty() {
                    continue;
                }
                occ.push((intern(dict, accs, &term_buf), *pos));
                *pos += 1;
            }
        };
        tokens(&article.title, &mut pos, &mut occurrences);
        let tl = pos;
        pos += FIELD_GAP;
        for p in &article.paragraphs {
            tokens(p, &mut pos, &mut occurrences);
            pos += FIELD_GAP;
        }
        title_len.push(tl);
        body_len.push(occurrences.len() as u32 - tl);

        crate::sort::sort(&mut occurrences[..]);
        let mut i = 0;
        while i < occurrences.len() {
            let term = occurrences[i].0;
            let mut j = i;
            let (mut t_tf, mut b_tf) = (0u32, 0u32);
            let acc = &mut accs[term as usize];
            while j < occurrences.len() && occurrences[j].0 == term {
                let p = occurrences[j].1;
                if p < tl {
                    t_tf += 1;
                } else {
                    b_tf += 1;
                }
                acc.positions.push(p);
                j += 1;
            }
            acc.docs.push(doc);
            acc.tf.push(t_tf.min(0xFFFF) << 16 | b_tf.min(0xFFFF));
            acc.pos_len.push((j - i) as u32);
            i = j;
        }

        // The source's words, in their own namespace: a posting with no
        // occurrence and no position (see `SOURCE_MARK`).
        source_terms.clear();
        let source = article.source.as_deref().unwrap_or("");
        for (s, e) in word_ranges(source) {
            fold_into(&source[s..e], &mut term_buf);
            if !term_buf.is_empty() {
                term_buf.insert(0, SOURCE_MARK);
                source_terms.push(intern(dict, accs, &term_buf));
            }
        }
        crate::sort::sort(&mut source_terms[..]);
        source_terms.dedup();
        for &term in &source_terms {
            let acc = &mut accs[term as usize];
            acc.docs.push(doc);
            acc.tf.push(0);
            acc.pos_len.push(0);
        }
    }
    part
}

/// The id of `term` in a batch's dictionary, added if new.
fn intern(dict: &mut FxHashMap<String, u32>, accs: &mut Vec<TermAcc>, term: &str) -> u32 {
    match dict.get(term) {
        Some(&id) => id,
        None => {
            let id = accs.len() as u32;
            dict.insert(term.to_string(), id);
            accs.push(TermAcc::default());
            id
        }
    }
}

/// Join partial indexes of consecutive document runs (in order), so each
/// term's postings stay in document order.
#[cfg(feature = "parallel")]
fn merge(parts: Vec<Partial>) -> Partial {
    let mut out = Partial::default();
    for part in parts {
        let mut by_old: Vec<(String, u32)> = part.dict.into_iter().collect();
        crate::sort::sort_unstable_by_key(&mut by_old[..], |&(_, id)| id);
        for ((text, _), acc) in by_old.into_iter().zip(part.accs) {
            match out.dict.get(&text) {
                Some(&id) => {
                    let into = &mut out.accs[id as usize];
                    into.docs.extend_from_slice(&acc.docs);
                    into.tf.extend_from_slice(&acc.tf);
                    into.pos_len.extend_from_slice(&acc.pos_len);
                    into.positions.extend_from_slice(&acc.positions);
                }
                None => {
                    out.dict.insert(text, out.accs.len() as u32);
                    out.accs.push(acc);
                }
            }
        }
        out.title_len.extend(part.title_len);
        out.body_len.extend(part.body_len);
    }
    out
}

/// Group terms by stem: an FST from stem to group number, and the groups as
/// offsets into a flat list of term ids.
pub(crate) fn stem_groups(
    stemmer: &Stemmer,
    term_text: &[Box<str>],
) -> (fst::Map<Vec<u8>>, Vec<u32>, Vec<TermId>) {
    let stem = |i: usize, t: &str| (stemmer.stem(t).into_owned(), i as TermId);
    // Stemming every term is the costly part: on every core when we may.
    #[cfg(feature = "parallel")]
    let mut pairs: Vec<(String, TermId)> = {
        use rayon::prelude::*;
        term_text
            .par_iter()
            .enumerate()
            .map(|(i, t)| stem(i, t))
            .collect()
    };
    #[cfg(not(feature = "parallel"))]
    let mut pairs: Vec<(String, TermId)> = term_text
        .iter()
        .enumerate()
        .map(|(i, t)| stem(i, t))
        .collect();
    #[cfg(feature = "parallel")]
    rayon::slice::ParallelSliceMut::par_sort_unstable(&mut pairs[..]);
    #[cfg(not(feature = "parallel"))]
    crate::sort::sort(&mut pairs[..]);
    let mut builder = MapBuilder::memory();
    let mut starts = vec![0u32];
    let mut members = Vec::with_capacity(pairs.len());
    let mut i = 0;
    while i < pairs.len() {
        let stem = &pairs[i].0;
        let _ = builder.insert(stem.as_bytes(), (starts.len() - 1) as u64);
        while i < pairs.len() && &pairs[i].0 == stem {
            members.push(pairs[i].1);
            i += 1;
        }
        starts.push(members.len() as u32);
    }
    let map = fst::Map::new(builder.into_inner().unwrap_or_default()).unwrap_or_default();
    (map, starts, members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(n: usize) -> Vec<Article> {
        let words = [
            "Lavrov", "meets", "Truss", "in", "Moscow", "talks", "NATO", "Geneva",
        ];
        (0..n)
            .map(|i| Article {
                id: format!("d{i}"),
                date: None,
                title: words[i % 8].to_string(),
                source: None,
                paragraphs: vec![(0..(i % 13))
                    .map(|k| words[(i * 7 + k * 3) % 8])
                    .collect::<Vec<_>>()
                    .join(" ")],
            })
            .collect()
    }

    /// A term with its documents, frequencies, position counts and positions.
    type Flat = (String, Vec<DocId>, Vec<u32>, Vec<u32>, Vec<u32>);

    fn flat(p: &Partial) -> Vec<Flat> {
        let mut v: Vec<_> = p
            .dict
            .iter()
            .map(|(t, &id)| {
                let a = &p.accs[id as usize];
                (
                    t.clone(),
                    a.docs.clone(),
                    a.tf.clone(),
                    a.pos_len.clone(),
                    a.positions.clone(),
                )
            })
            .collect();
        v.sort();
        v
    }

    #[cfg(feature = "parallel")]
    #[test]
    fn batches_merge_like_one_pass() {
        let all = docs(700);
        let parts: Vec<Partial> = all
            .chunks(100)
            .enumerate()
            .map(|(i, b)| index_batch(b, (i * 100) as DocId))
            .collect();
        let merged = merge(parts);
        let one = index_batch(&all, 0);
        assert_eq!(flat(&merged), flat(&one));
        assert_eq!(
            (merged.title_len, merged.body_len),
            (one.title_len, one.body_len)
        );
    }

    #[test]
    fn segments_are_runs_of_documents_never_too_many() {
        let n = 3 * MAX_SEGMENTS;
        let all = docs(n);
        let mut firsts = Vec::new();
        let (title_len, _) = index_in_segments(&all, 1, &|_| {}, |terms| {
            let first = terms.iter().filter_map(|(_, a)| a.docs.first()).min();
            firsts.push(first.copied());
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(title_len.len(), n);
        assert!(firsts.len() <= MAX_SEGMENTS && firsts.len() > MAX_SEGMENTS / 2);
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{firsts:?}");
    }

    #[test]
    fn progress_reaches_every_article() {
        let seen = std::sync::atomic::AtomicUsize::new(0);
        let mut b = IndexBuilder::new().with_events(false);
        docs(5000).into_iter().for_each(|d| b.add(d));
        let ix = b.finish_with_progress(&|n| {
            seen.fetch_max(n, std::sync::atomic::Ordering::Relaxed);
        });
        assert_eq!(ix.len(), 5000);
        assert_eq!(seen.into_inner(), 5000);
        assert!(!flat(&index_batch(&docs(3), 0)).is_empty());
    }
}
