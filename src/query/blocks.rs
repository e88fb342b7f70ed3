//! Block maxima: postings cut into blocks of [`BLOCK`], each with the
//! highest BM25F score any of its postings gets (Lucene's and tantivy's
//! block-max impacts), so a top-k ranking can pass over the blocks that
//! cannot reach its k-th score (`engine::topk`).
//!
//! A block's maximum is computed by the very function that scores a posting
//! at query time ([`super::lists::bm25f_idf`], unweighted), over the same
//! collection statistics, so it is that maximum to the bit, not an estimate:
//! a word's weight (an expansion's, [`super::scoring`]) is positive and f32
//! multiplication rounds monotonically, so `w × max` bounds `w × score` of
//! every posting of the block. Only terms with more than one block are
//! kept: a term of one block is scored whole anyway.
//!
//! The maxima depend on the collection (document count, average field
//! lengths, each term's document frequency), so they are built once per
//! index, when it is finished, and never updated.

use super::lists::bm25f_idf;
use super::scoring::idf;
use super::source::Source;
use crate::index::TermId;

/// Postings per block: as Lucene's and tantivy's blocks.
pub const BLOCK: usize = 128;

/// The block maxima of an index's terms of more than one block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockMaxima {
    /// The terms, ascending.
    terms: Vec<TermId>,
    /// Term `terms[i]`'s maxima are `max[start[i]..start[i + 1]]`.
    start: Vec<u32>,
    max: Vec<f32>,
}

impl BlockMaxima {
    /// The maxima of `terms` (ascending ids) of `index`; terms of one block
    /// (at most [`BLOCK`] postings) are left out.
    pub fn build<S: Source + ?Sized>(index: &S, terms: impl IntoIterator<Item = TermId>) -> Self {
        let mut out = BlockMaxima {
            start: vec![0],
            ..BlockMaxima::default()
        };
        for t in terms {
            if index.doc_freq(t) > BLOCK {
                out.terms.push(t);
                out.max.extend(term_maxima(index, t));
                out.start.push(out.max.len() as u32);
            }
        }
        out
    }

    /// The maxima of each block of `term`'s postings, in order; `None` for a
    /// term of one block (or none).
    pub fn of(&self, term: TermId) -> Option<&[f32]> {
        let i = self.terms.binary_search(&term).ok()?;
        let (a, b) = (self.start.get(i)?, self.start.get(i + 1)?);
        self.max.get(*a as usize..*b as usize)
    }

    /// Number of terms with maxima.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Heap bytes held.
    pub fn bytes(&self) -> usize {
        self.terms.len() * 4 + self.start.len() * 4 + self.max.len() * 4
    }
}

/// The highest unweighted BM25F score of each block of `term`'s postings.
pub(crate) fn term_maxima<S: Source + ?Sized>(index: &S, term: TermId) -> Vec<f32> {
    let p = index.postings(term);
    let idf = idf(index.doc_count(), p.docs.len());
    (0..p.docs.len())
        .step_by(BLOCK)
        .map(|lo| {
            (lo..(lo + BLOCK).min(p.docs.len()))
                .map(|i| bm25f_idf(index, idf, p.docs[i], p.title_tf(i), p.body_tf(i)))
                .fold(0.0f32, f32::max)
        })
        .collect()
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::{Index, IndexBuilder};

    fn index(n: usize) -> Index {
        let mut b = IndexBuilder::new();
        for i in 0..n {
            // "oil" in every article, more often and in the title now and then.
            let title = if i % 37 == 0 { "Oil news" } else { "News" };
            let body = "oil ".repeat(1 + i % 5) + &"word ".repeat(i % 11);
            b.add(Article {
                id: format!("a{i}"),
                date: None,
                title: title.into(),
                source: None,
                paragraphs: vec![body],
            });
        }
        b.finish()
    }

    #[test]
    fn each_block_holds_its_best_posting_exactly() {
        let ix = index(3 * BLOCK + 5);
        let maxima = BlockMaxima::build(&ix, 0..ix.term_count() as TermId);
        let oil = ix.term_id("oil").unwrap();
        let max = maxima.of(oil).unwrap();
        assert_eq!(max.len(), 4);
        let p = ix.postings(oil);
        let idf = idf(ix.len(), p.docs.len());
        for (b, &m) in max.iter().enumerate() {
            let scores: Vec<f32> = (b * BLOCK..((b + 1) * BLOCK).min(p.docs.len()))
                .map(|i| bm25f_idf(&ix, idf, p.docs[i], p.title_tf(i), p.body_tf(i)))
                .collect();
            assert!(scores.iter().all(|&s| s <= m));
            assert!(scores.contains(&m));
        }
        // "news" is in every title but no body: many blocks; a term of one
        // block has none.
        assert!(maxima.of(ix.term_id("news").unwrap()).is_some());
        let small = index(BLOCK);
        let none = BlockMaxima::build(&small, 0..small.term_count() as TermId);
        assert!(none.is_empty() && none.of(0).is_none());
    }
}
