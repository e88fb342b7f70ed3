//! Scored document lists: a [`Match`] (document, score), the one
//! per-posting score every path computes ([`bm25f_idf`]: exhaustive,
//! probed, top-k, block maxima alike, so they agree to the bit), a word's
//! postings scored ([`score_terms`]), and the list operations matching is
//! made of (intersect, add where present, merge keeping the best).

use super::source::Source;
use crate::index::{DocId, TermId};

/// A matching document and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub doc: DocId,
    pub score: f32,
    /// The document holds every deciding word group of the query. False
    /// only for the articles a relaxed execution adds ([`SearchNotes::relaxed`]):
    /// they rank below every article that holds them all, whatever the scores.
    pub all_words: bool,
}

impl Match {
    pub(super) fn new(doc: DocId, score: f32) -> Match {
        Match {
            doc,
            score,
            all_words: true,
        }
    }
}

/// BM25F of one posting, with the term's `idf` computed once for all its postings: the
/// one per-posting score of every path (exhaustive, top-k, block maxima),
/// so they agree to the bit.
pub(crate) fn bm25f_idf<S: Source + ?Sized>(
    index: &S,
    idf: f32,
    doc: DocId,
    title_tf: u32,
    body_tf: u32,
) -> f32 {
    let (title_len, body_len) = index.field_lengths(doc);
    let (avg_title, avg_body) = index.avg_field_lengths();
    super::scoring::bm25f_idf(
        idf,
        title_tf,
        body_tf,
        title_len as f32 / avg_title,
        body_len as f32 / avg_body,
    )
}

/// The documents of the postings of `expansions` (terms and weights), each
/// scored `w × BM25F` of its best term, ordered by document; with
/// `title_only`, those whose title holds a term.
pub(super) fn score_terms<S: Source + ?Sized>(
    index: &S,
    expansions: &[(TermId, f32)],
    title_only: bool,
) -> Vec<Match> {
    let mut out = Vec::new();
    let mut merged = Vec::new();
    let n = index.doc_count();
    for &(t, w) in expansions {
        let p = index.postings(t);
        let idf = super::scoring::idf(n, p.docs.len());
        let run = out.len();
        for (i, &doc) in p.docs.iter().enumerate() {
            if title_only && p.title_tf(i) == 0 {
                continue;
            }
            let score = w * bm25f_idf(index, idf, doc, p.title_tf(i), p.body_tf(i));
            out.push(Match::new(doc, score));
        }
        // A few terms (a word and its stems): each term's run is in
        // document order, so merging run by run is cheaper than the
        // sort below.
        if expansions.len() <= MERGE_RUNS && run > 0 {
            merge_best(&out[..run], &out[run..], &mut merged);
            std::mem::swap(&mut out, &mut merged);
        }
    }
    if expansions.len() > MERGE_RUNS {
        crate::sort::sort_unstable_by(&mut out[..], |a, b| {
            a.doc.cmp(&b.doc).then(b.score.total_cmp(&a.score))
        });
        out.dedup_by_key(|m| m.doc);
    }
    out
}

/// Up to this many terms of a word are merged run by run; more are sorted.
pub(super) const MERGE_RUNS: usize = 8;

/// `a` and `b` (each in document order, one match a document) merged into
/// `out` (cleared first), in document order, a document in both with its
/// higher score: what sorting both by document and keeping each document's
/// best gives.
fn merge_best(a: &[Match], b: &[Match], out: &mut Vec<Match>) {
    out.clear();
    out.reserve(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        let (take_a, take_b) = (x.doc <= y.doc, y.doc <= x.doc);
        out.push(match (take_a, take_b) {
            (true, true) if y.score.total_cmp(&x.score).is_gt() => *y,
            (true, _) => *x,
            _ => *y,
        });
        i += usize::from(take_a);
        j += usize::from(take_b);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// `sorted[from..].binary_search(&x)`, as an index into `sorted`
/// (ascending, distinct: documents of a postings list, positions of a
/// posting): found by doubling a step from `from` until it passes `x`, then
/// a binary search of the last step. Probes for ascending values each start
/// where the last stopped, so `m` probes of a list of `n` read about `m log
/// (n/m)` of it, near each other, not `m log n` scattered through it.
pub(super) fn gallop<T: Ord>(sorted: &[T], from: usize, x: T) -> Result<usize, usize> {
    let rest = sorted.get(from..).unwrap_or_default();
    // The first is the answer when it is not below `x`: in a walk of two
    // lists alike (an intersection of common words) it is, most of the
    // time, and the search below would cost a binary search of one.
    match rest.first() {
        Some(y) if *y >= x => return if *y == x { Ok(from) } else { Err(from) },
        None => return Err(from),
        Some(_) => {}
    }
    let (mut lo, mut step) = (0, 1);
    while lo + step <= rest.len() && rest[lo + step - 1] < x {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(rest.len());
    match rest.get(lo..hi).unwrap_or_default().binary_search(&x) {
        Ok(i) => Ok(from + lo + i),
        Err(i) => Err(from + lo + i),
    }
}

/// The documents of both (each ordered by document), scored by their sum.
pub(super) fn intersect(a: Vec<Match>, b: &[Match]) -> Vec<Match> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let mut j = 0;
    for m in a {
        while j < b.len() && b[j].doc < m.doc {
            j += 1;
        }
        if j < b.len() && b[j].doc == m.doc {
            out.push(Match::new(m.doc, m.score + b[j].score));
        }
    }
    out
}

/// Add the score of each document of `scores` (ordered by document) to its match.
pub(super) fn add_where_present(matches: &mut [Match], scores: &[Match]) {
    let mut j = 0;
    for m in matches.iter_mut() {
        while j < scores.len() && scores[j].doc < m.doc {
            j += 1;
        }
        if let Some(s) = scores.get(j).filter(|s| s.doc == m.doc) {
            m.score += s.score;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Galloping finds what a binary search of the rest finds.
        #[test]
        fn gallop_equals_binary_search(
            docs in proptest::collection::btree_set(0u32..200, 0..90),
            from in 0usize..100,
            doc in 0u32..210,
        ) {
            let docs: Vec<DocId> = docs.into_iter().collect();
            let from = from.min(docs.len());
            let want = docs[from..].binary_search(&doc).map(|i| i + from).map_err(|i| i + from);
            prop_assert_eq!(gallop(&docs, from, doc), want);
        }

        /// Merging two runs keeps what sorting both by document and keeping
        /// each document's best keeps (ties on score included).
        #[test]
        fn merge_best_equals_sort_and_dedup(
            a in proptest::collection::btree_map(0u32..60, 0u8..4, 0..40),
            b in proptest::collection::btree_map(0u32..60, 0u8..4, 0..40),
        ) {
            let run = |m: &std::collections::BTreeMap<u32, u8>| -> Vec<Match> {
                m.iter().map(|(&d, &s)| Match::new(d, f32::from(s))).collect()
            };
            let (a, b) = (run(&a), run(&b));
            let mut out = Vec::new();
            merge_best(&a, &b, &mut out);
            let mut want: Vec<Match> = a.iter().chain(&b).copied().collect();
            want.sort_unstable_by(|x, y| x.doc.cmp(&y.doc).then(y.score.total_cmp(&x.score)));
            want.dedup_by_key(|m| m.doc);
            prop_assert_eq!(out, want);
        }
    }
}
