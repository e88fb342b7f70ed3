//! Ranking only: the first rows of a query's result list, ids and scores,
//! without what the page draws around them (snippets, marked titles, the
//! timeline, facets, notes).
//!
//! The same reading and matching as a search ([`super::respond::run`]), the
//! same order (best first, [`by_relevance`]) and the same rows (a reprinted
//! story is one row, its first copy in that order): the first `limit` ids
//! are those of the first result page of a [`SearchRequest`] for the same
//! query. What it saves is the rest: the list is not sorted whole (the best
//! rows are selected, `O(n)`), and nothing is built for display.
//!
//! It is what a search library's "top ten ids" call is, so the benchmark
//! compares it with theirs (BENCHMARKS.md, "ranking only").
//!
//! [`SearchRequest`]: super::types::SearchRequest

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::respond::by_relevance;
use super::types::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::index::DocId;
use crate::query::Match;

/// A ranking-only query: the query text as typed in the search box and how
/// many rows to return (default [`DEFAULT_LIMIT`], at most [`MAX_LIMIT`]).
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(default)]
pub struct RankRequest {
    pub q: String,
    pub limit: Option<usize>,
}

/// The first rows of a query's result list, best first, in two columns:
/// `ids[i]` is the article of row `i`, `scores[i]` its score (BM25F, as
/// `Hit.score`); `total` counts the matching articles (as
/// `SearchResponse.total`). Columns rather than an object per row: the
/// answer crosses the wasm boundary as two arrays, the cheapest shape a
/// top-10 call can take there.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
pub struct RankResponse {
    pub total: usize,
    pub ids: Vec<String>,
    pub scores: Vec<f32>,
}

/// The first `limit` rows of `matches` in the list's relevance order, one
/// per story (`copies(doc)`: the copies of the story `doc` tells, in
/// document order, empty when it is not reprinted). Equal to sorting all of
/// `matches` with [`by_relevance`], keeping each story's first copy and
/// taking `limit`; but it sorts only the best `k` matches, `k` = `limit`
/// and doubled while the folded rows fall short (reprints are few).
pub(crate) fn top_rows<'c>(
    matches: &[Match],
    days: &[i32],
    copies: impl Fn(DocId) -> &'c [DocId],
    limit: usize,
) -> Vec<Match> {
    let order = by_relevance(days);
    let mut k = limit;
    loop {
        let mut best = matches.to_vec();
        if k < best.len() {
            best.select_nth_unstable_by(k, &order);
            best.truncate(k);
        }
        crate::sort::sort_unstable_by(&mut best[..], &order);
        let mut stories = rustc_hash::FxHashSet::default();
        let rows: Vec<Match> = (best.into_iter())
            .filter(|m| copies(m.doc).first().is_none_or(|&s| stories.insert(s)))
            .take(limit)
            .collect();
        // Enough rows, or every match was looked at: the rows are final.
        if rows.len() == limit || k >= matches.len() {
            return rows;
        }
        k = k.saturating_mul(2);
    }
}

/// The row count a request asks for, as a search clamps it.
pub(crate) fn rank_limit(req: &RankRequest) -> usize {
    req.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reprint groups for property tests: up to `groups` runs of `size`
    /// neighbouring documents of `n`, one starting every `stride` documents
    /// (runs cut short to one document left out).
    pub(in crate::engine) fn neighbour_groups(
        n: usize,
        stride: usize,
        groups: usize,
        size: usize,
    ) -> Vec<Vec<DocId>> {
        (0..n)
            .step_by(stride.max(1))
            .take(groups)
            .map(|s| (s..(s + size).min(n)).map(|d| d as DocId).collect())
            .filter(|g: &Vec<DocId>| g.len() > 1)
            .collect()
    }

    /// The reference: sort everything, fold, take.
    fn naive(matches: &[Match], days: &[i32], groups: &[Vec<DocId>], limit: usize) -> Vec<Match> {
        let copies =
            |d: DocId| -> &[DocId] { groups.iter().find(|g| g.contains(&d)).map_or(&[], |g| g) };
        let mut all = matches.to_vec();
        all.sort_unstable_by(by_relevance(days));
        let mut stories = std::collections::HashSet::new();
        all.into_iter()
            .filter(|m| copies(m.doc).first().is_none_or(|&s| stories.insert(s)))
            .take(limit)
            .collect()
    }

    proptest! {
        /// `top_rows` equals the whole sort (ids, scores, order), reprints
        /// folded, ties on score included (scores drawn from a few values).
        #[test]
        fn top_rows_equals_the_whole_sort(
            n in 0usize..120,
            scores in proptest::collection::vec(0u8..6, 120),
            all_words in proptest::collection::vec(any::<bool>(), 120),
            undated in 0usize..10,
            group_size in 2usize..6,
            groups in 0usize..8,
            limit in 1usize..15,
        ) {
            let days: Vec<i32> = (0..n)
                .map(|i| if i + undated >= n { crate::index::UNDATED } else { i as i32 / 3 })
                .collect();
            let matches: Vec<Match> = (0..n)
                .map(|i| Match { doc: i as DocId, score: f32::from(scores[i]), all_words: all_words[i] })
                .collect();
            // Reprint groups: runs of `group_size` neighbouring documents.
            let reprints = neighbour_groups(n, groups.max(1) * group_size, groups, group_size);
            let copies = |d: DocId| -> &[DocId] {
                reprints.iter().find(|g| g.contains(&d)).map_or(&[], |g| g)
            };
            let got = top_rows(&matches, &days, copies, limit);
            let want = naive(&matches, &days, &reprints, limit);
            prop_assert_eq!(got, want);
        }
    }
}
