//! Top-k ranking that skips most of the work: the first rows of a one-word
//! query read from the blocks of its postings that can reach them, best
//! bound first (block-max, as Lucene and tantivy rank), with exactly the
//! rows, scores and order of the exhaustive path ([`super::rank::top_rows`]
//! over [`crate::query::execute`]'s matches).
//!
//! A one-word query ([`crate::query::lone_word`]: the word, its stems,
//! completions or corrections, and date bounds) scores a document by its
//! best term, `w × BM25F`. Every block of every term has a bound, `w ×` its
//! maximum ([`BlockMaxima`]; a term of one block is scored first, its bound
//! unknown). Blocks are scored in descending bound; `θ`, the score of the
//! k-th row among the documents scored so far (reprints folded as the list
//! folds them), only grows; once the next bound is below `θ`, no document
//! left unscored can reach the first k rows, and the scan stops.
//!
//! Why it is exact: a document never scored has every posting in a block
//! bounded below `θ`, so its score is below `θ`; a document scored with a
//! best-so-far of at least `θ` has its true score (its unscored terms are
//! below `θ`, hence below what it has); and at least k rows score `θ` or
//! more. So the documents scoring at least `θ` hold the first k rows with
//! their exact scores, and [`top_rows`] over them gives them in order.
//! The same per-posting function as the exhaustive path
//! ([`crate::query::scoring::bm25f_idf`]) makes the scores equal to the bit.
//!
//! The total stays exact: it is the size of the union of the terms'
//! postings in the date range (a count, without scoring: a bit set over the
//! documents for several terms, a binary search for one).
//!
//! Other queries (several words, phrases, filters) are executed whole.

use super::rank::top_rows;
use crate::index::{DocId, TermId};
use crate::query::blocks::BLOCK;
use crate::query::scoring::idf;
use crate::query::{bm25f_idf, lone_word, BlockMaxima, Match, Query, Source};

/// The block number that stands for a whole postings list (a term without
/// maxima: read at once, first).
const WHOLE: usize = usize::MAX;

/// Scratch space of [`top_rows_early`], kept by its caller between queries
/// (as regex-automata's `Cache`): sized to the collection on first use,
/// left clean after every call.
#[derive(Debug, Default)]
pub struct RankScratch {
    /// Per document: the best score seen this call (`-∞`: not seen).
    best: Vec<f32>,
    /// The documents whose `best` was set this call.
    seen: Vec<DocId>,
    /// One bit per document, for counting a union of postings.
    bits: Vec<u64>,
    /// (bound, expansion, block) of the blocks to read.
    order: Vec<(f32, usize, usize)>,
    /// Row scores and (story, score) of reprinted copies, for `θ`.
    scores: Vec<f32>,
    stories: Vec<(DocId, f32)>,
    /// Blocks read and blocks in range, by the last top-k call.
    read: (usize, usize),
}

impl RankScratch {
    /// The blocks the last one-word ranking read, and those its date range
    /// held (a term without maxima counts as one block); `(0, 0)` after a
    /// query ranked otherwise. For measuring how much the bounds skip.
    pub fn blocks_read(&self) -> (usize, usize) {
        self.read
    }
}

/// The first `limit` rows of `query`'s result list and its total, as
/// [`top_rows`] over the matches of [`crate::query::execute`] gives them
/// (ids, scores, order), for a one-word query; `None` for any other query
/// (execute it). `days`, `copies`: as [`top_rows`].
pub(crate) fn top_rows_early<'c, S: Source + ?Sized>(
    index: &S,
    blocks: &BlockMaxima,
    query: &Query,
    (days, copies): (&[i32], impl Fn(DocId) -> &'c [DocId]),
    limit: usize,
    scratch: &mut RankScratch,
) -> Option<(Vec<Match>, usize)> {
    scratch.read = (0, 0);
    let expansions = lone_word(index, query)?;
    let range = index.doc_range(query.after, query.until);
    let n = index.doc_count();
    if scratch.best.len() != n {
        scratch.best = vec![f32::NEG_INFINITY; n];
        scratch.bits = vec![0; n.div_ceil(64)];
    }
    let in_range = |docs: &[DocId]| {
        docs.partition_point(|&d| d < range.start)..docs.partition_point(|&d| d < range.end)
    };
    let total = union_size(index, &expansions, &in_range, &mut scratch.bits);

    // Every block overlapping the range, with its bound.
    scratch.order.clear();
    for (e, &(t, w)) in expansions.iter().enumerate() {
        let docs = index.postings(t).docs;
        let span = in_range(docs);
        if span.is_empty() {
            continue;
        }
        match blocks.of(t) {
            Some(max) => {
                let blocks = span.start / BLOCK..span.end.div_ceil(BLOCK);
                let bounds = max.get(blocks.clone()).unwrap_or_default();
                (scratch.order).extend(blocks.zip(bounds).map(|(b, &m)| (w * m, e, b)));
            }
            None => scratch.order.push((f32::INFINITY, e, WHOLE)),
        }
    }
    crate::sort::sort_unstable_by(&mut scratch.order[..], |a, b| b.0.total_cmp(&a.0));

    let mut theta: Option<f32> = None;
    let mut next_look = limit;
    let order = std::mem::take(&mut scratch.order);
    for &(bound, e, b) in &order {
        if theta.is_some_and(|th| bound < th) {
            break;
        }
        scratch.read.0 += 1;
        let (t, w) = expansions[e];
        let p = index.postings(t);
        let idf = idf(n, p.docs.len());
        let span = in_range(p.docs);
        let (lo, hi) = match b {
            WHOLE => (span.start, span.end),
            b => (span.start.max(b * BLOCK), span.end.min((b + 1) * BLOCK)),
        };
        for i in lo..hi.max(lo) {
            let doc = p.docs[i];
            let s = w * bm25f_idf(index, idf, doc, p.title_tf(i), p.body_tf(i));
            let Some(best) = scratch.best.get_mut(doc as usize) else {
                continue;
            };
            if *best == f32::NEG_INFINITY {
                scratch.seen.push(doc);
                *best = s;
            } else if s.total_cmp(best).is_gt() {
                *best = s;
            }
        }
        // θ again once the documents seen have grown by half: a stale θ is
        // still a bound (it only grows), and recomputing it is linear.
        if scratch.seen.len() >= next_look {
            theta = kth_row_score(scratch, &copies, limit).or(theta);
            next_look = scratch.seen.len() + scratch.seen.len() / 2;
        }
    }
    scratch.read.1 = order.len();
    scratch.order = order;
    let rows = top_rows(&seen_matches(scratch, theta), days, &copies, limit);
    for &d in &scratch.seen {
        scratch.best[d as usize] = f32::NEG_INFINITY;
    }
    scratch.seen.clear();
    Some((rows, total))
}

/// The score of the `limit`-th row [`top_rows`] would give over the
/// documents seen (`None` when they make fewer rows), without ordering
/// them: a row is a story (reprints folded), listed by its first copy in
/// relevance order, which is a copy of the story's best score (the order is
/// by score first, `total_cmp`, for matches that all hold the word). So the
/// rows' scores are the stories' best scores, and the `limit`-th is a
/// selection over plain numbers.
fn kth_row_score<'c>(
    scratch: &mut RankScratch,
    copies: &impl Fn(DocId) -> &'c [DocId],
    limit: usize,
) -> Option<f32> {
    let RankScratch {
        best,
        seen,
        scores,
        stories,
        ..
    } = scratch;
    scores.clear();
    stories.clear();
    for &doc in seen.iter() {
        let score = best[doc as usize];
        match copies(doc).first() {
            Some(&story) => stories.push((story, score)),
            None => scores.push(score),
        }
    }
    crate::sort::sort_unstable_by(stories, |a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    stories.dedup_by_key(|e| e.0);
    scores.extend(stories.iter().map(|e| e.1));
    let k = limit.checked_sub(1)?;
    if k >= scores.len() {
        return None;
    }
    let (_, kth, _) = scores.select_nth_unstable_by(k, |a, b| b.total_cmp(a));
    Some(*kth)
}

/// The documents seen, with their best scores, those of at least `theta`.
fn seen_matches(scratch: &RankScratch, theta: Option<f32>) -> Vec<Match> {
    (scratch.seen.iter())
        .map(|&doc| Match {
            doc,
            score: scratch.best[doc as usize],
            all_words: true,
        })
        .filter(|m| theta.is_none_or(|th| m.score >= th))
        .collect()
}

/// The number of documents in the union of the postings of `expansions`
/// within the range (`in_range` of a postings list: the slice of it in
/// range); `bits` (one per document, all clear) is left clear.
fn union_size<S: Source + ?Sized>(
    index: &S,
    expansions: &[(TermId, f32)],
    in_range: &impl Fn(&[DocId]) -> std::ops::Range<usize>,
    bits: &mut [u64],
) -> usize {
    if let [(t, _)] = expansions {
        return in_range(index.postings(*t).docs).len();
    }
    let (mut lo, mut hi) = (usize::MAX, 0);
    for &(t, _) in expansions {
        let docs = index.postings(t).docs;
        for &d in &docs[in_range(docs)] {
            let word = d as usize / 64;
            if let Some(w) = bits.get_mut(word) {
                *w |= 1 << (d % 64);
                lo = lo.min(word);
                hi = hi.max(word + 1);
            }
        }
    }
    let touched = bits.get_mut(lo..hi).unwrap_or_default();
    let total = touched.iter().map(|w| w.count_ones() as usize).sum();
    touched.fill(0);
    total
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::engine::rank::tests::neighbour_groups;
    use crate::index::{Index, IndexBuilder, UNDATED};
    use proptest::prelude::*;

    /// Words drawn with falling odds (the first in most articles, so its
    /// postings span many blocks), with stem groups (price, prices…) and
    /// completions to expand into.
    const VOCAB: [&str; 12] = [
        "oil", "price", "prices", "priced", "market", "markets", "crude", "trade", "traders",
        "bank", "gold", "wheat",
    ];

    /// `n` articles from `seed`: few distinct lengths and counts, so equal
    /// scores are common; a tenth undated.
    fn collection(n: usize, seed: u64) -> Index {
        let mut x = seed | 1;
        let mut next = move |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let mut b = IndexBuilder::new().with_events(false);
        fn words(next: &mut impl FnMut(u64) -> u64, len: u64) -> String {
            (0..len)
                .map(|_| VOCAB[(next(12) * next(12) / 12) as usize])
                .collect::<Vec<_>>()
                .join(" ")
        }
        for i in 0..n {
            let (title_len, body_len) = (next(4), 1 + next(9));
            let title = words(&mut next, title_len);
            let body = words(&mut next, body_len);
            let day = next(60);
            b.add(Article {
                id: format!("a{i}"),
                date: (day >= 6).then(|| {
                    chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                        + chrono::Days::new(day / 2)
                }),
                title,
                source: None,
                paragraphs: vec![body],
            });
        }
        b.finish()
    }

    /// Queries of one word (top-k) and others (executed whole).
    const QUERIES: [(&str, bool); 14] = [
        ("oil", true),
        ("price", true),
        ("prices", true),
        ("pri*", true),
        ("markte", true),
        ("wheat", true),
        ("oil after:2020-01-10", true),
        ("price before:2020-01-20 after:2020-01-05", true),
        ("market before:2019-01-01", true),
        ("zzz", true),
        ("oil prices", false),
        ("\"crude oil\"", false),
        ("oil -gold", false),
        ("oil gold bank wheat", false),
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// The top-k path equals the exhaustive one: rows (ids, scores to
        /// the bit, order) and total, reprints folded, ties and date bounds
        /// included, on collections whose words span many blocks.
        #[test]
        fn top_k_equals_exhaustive(
            n in 1usize..1500,
            seed in any::<u64>(),
            groups in 0usize..40,
            group_size in 2usize..5,
            limit in 1usize..25,
        ) {
            let ix = collection(n, seed);
            let blocks = BlockMaxima::build(&ix, 0..ix.term_count() as TermId);
            // Reprint groups of neighbouring documents (neighbours in date
            // order often score alike).
            let stride = (n / groups.max(1)).max(group_size);
            let reprints = neighbour_groups(n, stride, groups, group_size);
            let copies = |d: DocId| -> &[DocId] {
                reprints.iter().find(|g| g.contains(&d)).map_or(&[], |g| g)
            };
            let days: Vec<i32> = (0..n as DocId).map(|d| ix.day(d)).collect();
            prop_assert!(days.contains(&UNDATED) || n < 20);
            let mut scratch = RankScratch::default();
            for (q, one_word) in QUERIES {
                let query = crate::query::parse(q);
                let fast = top_rows_early(&ix, &blocks, &query, (&days, copies), limit, &mut scratch);
                prop_assert_eq!(fast.is_some(), one_word, "{}", q);
                let Some((rows, total)) = fast else { continue };
                let all = crate::query::execute(&ix, &query).matches;
                let want = top_rows(&all, &days, copies, limit);
                let bits = |r: &[Match]| r.iter().map(|m| (m.doc, m.score.to_bits(), m.all_words)).collect::<Vec<_>>();
                prop_assert_eq!(bits(&rows), bits(&want), "{}", q);
                prop_assert_eq!(total, all.len(), "{}", q);
                prop_assert!(scratch.seen.is_empty() && scratch.bits.iter().all(|&w| w == 0));
                prop_assert!(scratch.best.iter().all(|&b| b == f32::NEG_INFINITY));
            }
        }
    }
}
