//! Ranking constants and the BM25F formula.
//!
//! A query word expands to index terms with weights: the word itself
//! ([`W_EXACT`]), other forms of its stem ([`W_STEM`]), prefix completions
//! ([`W_PREFIX`] for `word*`) and, only for
//! words absent from the collection, typo corrections ([`W_TYPO1`],
//! [`W_TYPO2`]). A document's score for a word is its best expansion's.
//! An article holding only some of a query's deciding word groups (see
//! [`RELAX_BELOW`]) scores its BM25F sum × the share it holds (Lucene's
//! classic coordination factor; on the judged set a linear share ranks
//! better than its square root or its square).

pub const K1: f32 = 1.2;
pub const B: f32 = 0.75;
/// A title occurrence counts this many body occurrences.
pub const TITLE_WEIGHT: f32 = 2.5;
pub const W_EXACT: f32 = 1.0;
pub const W_STEM: f32 = 0.7;
pub const W_PREFIX: f32 = 0.9;
pub const W_TYPO1: f32 = 0.4;
pub const W_TYPO2: f32 = 0.25;
/// Two neighbouring query words found side by side in a document add this
/// times the score of that two-word phrase: "oil prices" ranks text about
/// oil prices above text that says "oil" here and "prices" there.
pub const W_PROXIMITY: f32 = 0.8;
/// A query of three or more deciding word groups that fewer than this many
/// articles hold in full goes on with the articles holding most of them
/// (two groups: only when none holds both). Ten is the first screen of
/// results and the depth a ranking is judged at (nDCG@10): a reader who
/// would see fewer than a screenful gets the next best articles instead of
/// an empty or thin page, and a query with a full screen of complete
/// matches reads exactly as before.
pub const RELAX_BELOW: usize = 10;
/// A relaxed query lists the articles holding at least `m` of its `n`
/// deciding groups, `m` lowered from `n` until this many are listed (or to
/// 1). Deep enough that the first screens are ordered by score, not cut by
/// a word count: on the judged ukraine2022 questions (`eval/RELEVANCE.md`)
/// nDCG@10 is 0.8375 at a depth of 10, 0.8574 at 20 and 0.8652 at 50 and
/// at every depth beyond (100, 1,000: the same).
pub const RELAX_DEPTH: usize = 50;
/// Words shorter than this (in characters) get no typo tolerance.
pub const TYPO1_MIN_CHARS: usize = 5;
/// From this length (in characters) two edits are allowed.
pub const TYPO2_MIN_CHARS: usize = 9;
/// A word found in at most this many articles is rare: when a close
/// spelling ([`TYPO1_MIN_CHARS`] and up, one edit) is found in
/// [`LIKELIER_RATIO`] times as many, that spelling is searched too (`Volker`
/// also finds Volcker), and the page says so.
pub const RARE_MAX_DF: usize = 3;
/// How many times more articles a close spelling must be in to be searched
/// beside a rare word.
pub const LIKELIER_RATIO: usize = 10;
/// Unknown words this long (in characters) are taken to have lost a letter
/// (`Putn` → putin): their one-insertion neighbours are searched. Shorter
/// words' neighbours are too many to guess from.
pub const DROPPED_LETTER_CHARS: usize = 4;
/// Prefix completions considered, most frequent first.
pub const MAX_COMPLETIONS: usize = 64;

/// BM25F over title and body: `n` documents, `df` of them with the term;
/// `title_len_ratio` and `body_len_ratio` are the document's field lengths
/// over the collection's averages.
pub fn bm25f(
    n: usize,
    df: usize,
    title_tf: u32,
    body_tf: u32,
    title_len_ratio: f32,
    body_len_ratio: f32,
) -> f32 {
    bm25f_idf(
        idf(n, df),
        title_tf,
        body_tf,
        title_len_ratio,
        body_len_ratio,
    )
}

/// [`bm25f`] with the term's [`idf`] computed once by the caller (one
/// logarithm a term, not a posting): the same arithmetic, so the same bits.
pub fn bm25f_idf(
    idf: f32,
    title_tf: u32,
    body_tf: u32,
    title_len_ratio: f32,
    body_len_ratio: f32,
) -> f32 {
    let tf = TITLE_WEIGHT * title_tf as f32 / (1.0 - B + B * title_len_ratio)
        + body_tf as f32 / (1.0 - B + B * body_len_ratio);
    idf * tf * (K1 + 1.0) / (tf + K1)
}

/// BM25's inverse document frequency of a term in `df` of `n` documents
/// (always positive).
pub fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_outweighs_body_and_rare_outweighs_common() {
        let title = bm25f(100, 10, 1, 0, 1.0, 1.0);
        let body = bm25f(100, 10, 0, 1, 1.0, 1.0);
        assert!(title > body);
        assert!(bm25f(100, 2, 0, 1, 1.0, 1.0) > bm25f(100, 50, 0, 1, 1.0, 1.0));
        assert_eq!(bm25f(100, 10, 0, 0, 1.0, 1.0), 0.0);
    }

    #[test]
    fn known_value() {
        // idf = ln(1 + 90.5/10.5), tf = 1: 1 * 2.2 / 2.2 = 1
        let expected = (1.0f32 + 90.5 / 10.5).ln();
        assert!((bm25f(100, 10, 0, 1, 1.0, 1.0) - expected).abs() < 1e-6);
    }
}
