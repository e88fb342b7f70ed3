//! A query word group as [`super::execute`] holds it: scored whole, or, for
//! a group of one plain word, only looked up, and scored document by
//! document where an intersection or a stopword's bonus asks (a binary
//! search in each of its terms' postings).
//!
//! Why: in `oil prices` every document holding `prices` used to be scored,
//! though only those also holding `oil` are listed. Probing a word's
//! postings for the documents of the shorter list gives each of them the
//! score a whole scoring gives it (the same per-posting function, the best
//! term's), so results and scores are the same to the bit; a group is
//! scored whole only when most of it is read anyway (a list not much longer
//! than what it is intersected with, the relaxed tier). The shortest word
//! of an intersection is walked unscored and scored only where the next
//! holds it too ([`Group::intersect_first`]): its documents are all read,
//! but most of a common pair's lack the other word.

use std::borrow::Cow;

use super::lists::{self, bm25f_idf, gallop, score_terms, Match, MERGE_RUNS};
use super::scoring::idf;
use super::source::Source;
use crate::index::{DocId, TermId};

/// Probing beats scoring whole when the documents probed are fewer than a
/// list's length over this (a probe is a binary search per term).
const PROBE_RATIO: usize = 4;

/// A word group, scored or not yet.
pub(super) enum Group {
    /// Its matches, ordered by document.
    Scored(Vec<Match>),
    /// One plain word: its terms (id, weight, idf) and the sum of their
    /// document frequencies (at least the documents matching).
    Word {
        terms: Vec<(TermId, f32, f32)>,
        postings: usize,
    },
}

impl Group {
    /// A group of one word whose terms are `expansions` (ascending ids);
    /// scored at once when its terms are too many to count cheaply.
    pub(super) fn word<S: Source + ?Sized>(index: &S, expansions: &[(TermId, f32)]) -> Group {
        if expansions.len() > MERGE_RUNS {
            return Group::Scored(score_terms(index, expansions, false));
        }
        // Every term's postings are asked for now, as scoring would: a
        // prebuilt source learns in this round all it lacks, even those
        // never probed because a list before came back empty.
        let n = index.doc_count();
        let lens: Vec<usize> = (expansions.iter())
            .map(|&(t, _)| index.postings(t).docs.len())
            .collect();
        let terms = (expansions.iter().zip(&lens))
            .map(|(&(t, w), &len)| (t, w, idf(n, len)))
            .collect();
        Group::Word {
            terms,
            postings: lens.iter().sum(),
        }
    }

    /// Number of documents matching (for a word of several terms, a walk
    /// over their postings).
    pub(super) fn len<S: Source + ?Sized>(&self, index: &S) -> usize {
        match self {
            Group::Scored(m) => m.len(),
            Group::Word { terms, .. } => {
                let lists: Vec<&[DocId]> = terms
                    .iter()
                    .map(|&(t, ..)| index.postings(t).docs)
                    .collect();
                union_len(&lists)
            }
        }
    }

    /// At least [`Group::len`], without walking anything.
    pub(super) fn len_bound(&self) -> usize {
        match self {
            Group::Scored(m) => m.len(),
            Group::Word { postings, .. } => *postings,
        }
    }

    /// Every match, ordered by document.
    pub(super) fn scored<S: Source + ?Sized>(&self, index: &S) -> Cow<'_, [Match]> {
        match self {
            Group::Scored(m) => Cow::Borrowed(m),
            Group::Word { terms, .. } => {
                let expansions: Vec<(TermId, f32)> =
                    terms.iter().map(|&(t, w, _)| (t, w)).collect();
                Cow::Owned(score_terms(index, &expansions, false))
            }
        }
    }

    /// A probe of this group of one word for documents in ascending order:
    /// the score of each that matches, its best term's (`None` too for a
    /// group scored whole: see `intersect`). Each term's probe starts where
    /// the last one stopped and gallops (a later document is never before
    /// it), so probing `m` documents of a list of `n` reads about `m log
    /// (n/m)` of it, not `m log n` scattered through it.
    fn prober<'a, S: Source + ?Sized>(
        &'a self,
        index: &'a S,
    ) -> impl FnMut(DocId) -> Option<f32> + 'a {
        let mut lists: Vec<_> = match self {
            Group::Word { terms, .. } => (terms.iter())
                .map(|&(t, w, idf)| (index.postings(t), w, idf, 0usize))
                .collect(),
            Group::Scored(_) => Vec::new(),
        };
        move |doc| {
            let mut best: Option<f32> = None;
            for (p, w, idf, at) in &mut lists {
                match gallop(p.docs, *at, doc) {
                    Ok(i) => {
                        *at = i + 1;
                        let s = *w * bm25f_idf(index, *idf, doc, p.title_tf(i), p.body_tf(i));
                        best =
                            Some(best.map_or(s, |b| if s.total_cmp(&b).is_gt() { s } else { b }));
                    }
                    Err(i) => *at = i,
                }
            }
            best
        }
    }

    /// Whether to probe this group for `probes` documents rather than
    /// score it whole.
    fn probes(&self, probes: usize) -> bool {
        matches!(self, Group::Word { postings, .. } if probes.saturating_mul(PROBE_RATIO) < *postings)
    }

    /// The documents of `acc` (ordered by document) that this group
    /// matches, each scored `acc`'s score + this group's.
    pub(super) fn intersect<S: Source + ?Sized>(&self, index: &S, acc: Vec<Match>) -> Vec<Match> {
        if !self.probes(acc.len()) {
            return lists::intersect(acc, &self.scored(index));
        }
        let mut score_of = self.prober(index);
        (acc.into_iter())
            .filter_map(|m| Some(Match::new(m.doc, m.score + score_of(m.doc)?)))
            .collect()
    }

    /// The documents of this group (the shortest of an intersection) that
    /// `other` matches, each scored this group's score + `other`'s: what
    /// `other.intersect(index, self.scored(index))` gives, to the bit, but
    /// a group of one word is not scored whole first. Its documents are
    /// walked unscored, `other` is probed for each, and only those both
    /// hold are scored (by probing this group too): in `additional shares`
    /// most of either word's articles lack the other, and scoring them all
    /// was most of the query's time. The scores are the same function of
    /// the same postings, added in the same order (this group's first).
    pub(super) fn intersect_first<S: Source + ?Sized>(
        &self,
        index: &S,
        other: &Group,
    ) -> Vec<Match> {
        let Group::Word { terms, .. } = self else {
            return other.intersect(index, self.scored(index).into_owned());
        };
        let lists: Vec<&[DocId]> = (terms.iter())
            .map(|&(t, ..)| index.postings(t).docs)
            .collect();
        let docs = union(&lists);
        let mut out = Vec::new();
        // One term: its `i`-th document is its `i`-th posting, scored
        // there (what probing would find, without the search).
        let single = match terms.as_slice() {
            [(t, w, idf)] => Some((index.postings(*t), *w, *idf)),
            _ => None,
        };
        let mut probe = self.prober(index);
        let mut own = |i: usize, doc: DocId| match &single {
            Some((p, w, idf)) => {
                Some(*w * bm25f_idf(index, *idf, doc, p.title_tf(i), p.body_tf(i)))
            }
            None => probe(doc),
        };
        match other {
            Group::Word { .. } => {
                let mut theirs = other.prober(index);
                for (i, &doc) in docs.iter().enumerate() {
                    if let Some(b) = theirs(doc) {
                        if let Some(a) = own(i, doc) {
                            out.push(Match::new(doc, a + b));
                        }
                    }
                }
            }
            Group::Scored(scored) => {
                let mut j = 0;
                for (i, &doc) in docs.iter().enumerate() {
                    j += scored
                        .get(j..)
                        .unwrap_or_default()
                        .partition_point(|m| m.doc < doc);
                    if let Some(m) = scored.get(j).filter(|m| m.doc == doc) {
                        if let Some(a) = own(i, doc) {
                            out.push(Match::new(doc, a + m.score));
                        }
                    }
                }
            }
        }
        out
    }

    /// Add this group's score of each document of `matches` it matches.
    pub(super) fn add_where_present<S: Source + ?Sized>(&self, index: &S, matches: &mut [Match]) {
        if !self.probes(matches.len()) {
            return lists::add_where_present(matches, &self.scored(index));
        }
        let mut score_of = self.prober(index);
        for m in matches {
            if let Some(s) = score_of(m.doc) {
                m.score += s;
            }
        }
    }
}

/// The distinct documents of `lists` (each ascending), ascending: the
/// list itself for one, else merged two at a time.
fn union<'a>(lists: &[&'a [DocId]]) -> Cow<'a, [DocId]> {
    let Some((&first, rest)) = lists.split_first() else {
        return Cow::Borrowed(&[]);
    };
    let mut acc = Cow::Borrowed(first);
    for &list in rest {
        let mut merged = Vec::with_capacity(acc.len() + list.len());
        let (mut i, mut j) = (0, 0);
        while let (Some(&a), Some(&b)) = (acc.get(i), list.get(j)) {
            merged.push(a.min(b));
            i += usize::from(a <= b);
            j += usize::from(b <= a);
        }
        merged.extend_from_slice(acc.get(i..).unwrap_or_default());
        merged.extend_from_slice(list.get(j..).unwrap_or_default());
        acc = Cow::Owned(merged);
    }
    acc
}

/// Number of distinct documents in `lists` (each ascending): a walk over
/// their heads, as a merge would, without building it.
fn union_len(lists: &[&[DocId]]) -> usize {
    if let [one] = lists {
        return one.len();
    }
    let mut at = vec![0usize; lists.len()];
    let mut count = 0;
    while let Some(doc) = (lists.iter().zip(&at)).filter_map(|(l, &i)| l.get(i)).min() {
        count += 1;
        for (l, i) in lists.iter().zip(at.iter_mut()) {
            if l.get(*i) == Some(doc) {
                *i += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An index of `n` articles over a few words (with stems), from `seed`.
    #[cfg(feature = "inpage")]
    fn collection(n: usize, seed: u64) -> crate::index::Index {
        const WORDS: [&str; 6] = ["oil", "price", "prices", "priced", "gold", "bank"];
        let mut x = seed | 1;
        let mut b = crate::index::IndexBuilder::new().with_events(false);
        for i in 0..n {
            let mut text = Vec::new();
            for _ in 0..1 + i % 7 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push(WORDS[(x % 36) as usize / 6 * (x % 6) as usize / 6]);
            }
            b.add(crate::article::Article {
                id: format!("a{i}"),
                date: None,
                title: text[..text.len() / 3].join(" "),
                source: None,
                paragraphs: vec![text.join(" ")],
            });
        }
        b.finish()
    }

    #[cfg(feature = "inpage")]
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// A word probed document by document intersects and adds exactly
        /// (to the bit) as the word scored whole.
        #[test]
        fn probing_equals_scoring_whole(n in 1usize..600, seed in any::<u64>()) {
            let ix = collection(n, seed);
            let words = ["oil", "price", "gold", "bank"];
            let expansions = |w: &str| {
                let mut e: Vec<(TermId, f32)> = ix.term_id(w).map(|t| (t, 1.0)).into_iter().collect();
                e.extend(ix.stem_group(w).into_iter().filter(|t| Some(*t) != ix.term_id(w)).map(|t| (t, 0.7)));
                e.sort_unstable_by_key(|e| e.0);
                e
            };
            for a in words {
                let acc = score_terms(&ix, &expansions(a), false);
                for b in words {
                    let lazy = Group::word(&ix, &expansions(b));
                    let whole = Group::Scored(score_terms(&ix, &expansions(b), false));
                    prop_assert_eq!(lazy.len(&ix), whole.len(&ix));
                    // The shortest group left unscored intersects as the
                    // exhaustive fold does (`a` first, then `b`), whether
                    // `b` is probed or scored whole.
                    let first = Group::word(&ix, &expansions(a));
                    let bits = |m: &[Match]| m.iter().map(|m| (m.doc, m.score.to_bits())).collect::<Vec<_>>();
                    let want = bits(&whole.intersect(&ix, acc.clone()));
                    prop_assert_eq!(&bits(&first.intersect_first(&ix, &lazy)), &want);
                    prop_assert_eq!(&bits(&first.intersect_first(&ix, &whole)), &want);
                    let scored_first = Group::Scored(acc.clone());
                    prop_assert_eq!(&bits(&scored_first.intersect_first(&ix, &lazy)), &want);
                    prop_assert!(lazy.len_bound() >= lazy.len(&ix));
                    // Few documents probed (as a short list would) and many.
                    for cut in [acc.len() / 8, acc.len()] {
                        let acc = &acc[..cut];
                        let bits = |m: &[Match]| m.iter().map(|m| (m.doc, m.score.to_bits())).collect::<Vec<_>>();
                        prop_assert_eq!(
                            bits(&lazy.intersect(&ix, acc.to_vec())),
                            bits(&whole.intersect(&ix, acc.to_vec()))
                        );
                        let (mut x, mut y) = (acc.to_vec(), acc.to_vec());
                        lazy.add_where_present(&ix, &mut x);
                        whole.add_where_present(&ix, &mut y);
                        prop_assert_eq!(bits(&x), bits(&y));
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn union_len_counts_distinct_documents(
            lists in proptest::collection::vec(proptest::collection::btree_set(0u32..80, 0..30), 0..5),
        ) {
            let lists: Vec<Vec<DocId>> = lists.into_iter().map(|s| s.into_iter().collect()).collect();
            let slices: Vec<&[DocId]> = lists.iter().map(Vec::as_slice).collect();
            let all: std::collections::BTreeSet<DocId> = lists.iter().flatten().copied().collect();
            prop_assert_eq!(union_len(&slices), all.len());
        }
    }
}
