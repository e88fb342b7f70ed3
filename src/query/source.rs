//! What running a query needs from an index.
//!
//! [`execute`](super::execute) is written against this trait, so the same
//! matching and scoring code answers from the in-memory [`Index`] built in the
//! page and from a prebuilt index whose pieces are fetched on demand
//! ([`crate::prebuilt::Prebuilt`]); the two give the same results by
//! construction. A source that lacks a piece (a shard not fetched yet)
//! answers as if the piece were empty and remembers what it was missing.
//!
//! Typo and stem look-ups keep to terms that share the query word's first
//! character, as Lucene's `prefix_length: 1` does: a prebuilt dictionary is
//! split by first character, so one shard answers every look-up of a word.

use std::ops::Range;

use chrono::NaiveDate;

use super::parser::EntityFilter;
#[cfg(feature = "inpage")]
use crate::index::Index;
use crate::index::{DocId, Postings, TermId};

/// The index operations a query uses. Term ids are the terms' ranks in byte
/// order; document ids are ranks in date order.
pub trait Source {
    /// Number of documents in the collection (for inverse document frequency).
    fn doc_count(&self) -> usize;
    /// Documents published in `from..=to`, as an id range (see [`Index::doc_range`]).
    fn doc_range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Range<DocId>;
    /// The id of a folded term, if the collection has it.
    fn term_id(&self, term: &str) -> Option<TermId>;
    /// [`Source::term_id`] of a phrase's word, whose postings and positions
    /// the query reads next: a source that fetches its files may ask for
    /// them with the dictionary (the prebuilt index does).
    fn phrase_term_id(&self, term: &str) -> Option<TermId> {
        self.term_id(term)
    }
    /// The text of a term returned by one of the look-ups.
    fn term_text(&self, term: TermId) -> &str;
    /// Number of documents containing `term`.
    fn doc_freq(&self, term: TermId) -> usize;
    /// Terms with the stem of `term` and its first character.
    fn stem_group(&self, term: &str) -> Vec<TermId>;
    /// Terms starting with `prefix`, most frequent first (ties by id), at most `limit`.
    fn prefix_terms(&self, prefix: &str, limit: usize) -> Vec<TermId>;
    /// Terms within `distance` edits of `term` sharing its first character,
    /// most frequent first (ties by id), at most [`crate::index::MAX_FUZZY_TERMS`].
    fn fuzzy_terms(&self, term: &str, distance: u32) -> Vec<TermId>;
    /// The postings of `term`, ordered by document.
    fn postings(&self, term: TermId) -> Postings<'_>;
    /// Positions of the `i`-th posting of `term`, ascending.
    fn positions(&self, term: TermId, i: usize) -> &[u32];
    /// Title and body length of `doc`, in words (known for every document of
    /// the postings returned).
    fn field_lengths(&self, doc: DocId) -> (u32, u32);
    /// Average title and body length over the collection.
    fn avg_field_lengths(&self) -> (f32, f32);
    /// Documents naming the entity of `filter`, ascending.
    fn entity_docs(&self, filter: &EntityFilter) -> Vec<DocId>;
    /// Documents mentioning a date in days `lo..=hi`, ascending.
    fn docs_mentioning(&self, lo: i32, hi: i32) -> Vec<DocId>;
}

#[cfg(feature = "inpage")]
impl Source for Index {
    fn doc_count(&self) -> usize {
        self.len()
    }
    fn doc_range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Range<DocId> {
        Index::doc_range(self, from, to)
    }
    fn term_id(&self, term: &str) -> Option<TermId> {
        Index::term_id(self, term)
    }
    fn term_text(&self, term: TermId) -> &str {
        Index::term_text(self, term)
    }
    fn doc_freq(&self, term: TermId) -> usize {
        Index::doc_freq(self, term)
    }
    fn stem_group(&self, term: &str) -> Vec<TermId> {
        Index::stem_group(self, term)
    }
    fn prefix_terms(&self, prefix: &str, limit: usize) -> Vec<TermId> {
        Index::prefix_terms(self, prefix, limit)
    }
    fn fuzzy_terms(&self, term: &str, distance: u32) -> Vec<TermId> {
        Index::fuzzy_terms(self, term, distance)
    }
    fn postings(&self, term: TermId) -> Postings<'_> {
        Index::postings(self, term)
    }
    fn positions(&self, term: TermId, i: usize) -> &[u32] {
        Index::positions(self, Index::postings(self, term).first + i)
    }
    fn field_lengths(&self, doc: DocId) -> (u32, u32) {
        (self.title_len[doc as usize], self.body_len[doc as usize])
    }
    fn avg_field_lengths(&self) -> (f32, f32) {
        (self.avg_title_len, self.avg_body_len)
    }
    fn entity_docs(&self, filter: &EntityFilter) -> Vec<DocId> {
        // Before entities are recognized, no article is known to name anyone.
        self.entities()
            .map_or_else(Vec::new, |e| e.docs_naming(filter.kind, &filter.value))
    }
    fn docs_mentioning(&self, lo: i32, hi: i32) -> Vec<DocId> {
        self.events().docs_mentioning(lo, hi)
    }
}
