//! The inverted index.
//!
//! Documents are numbered in date order (undated last), so a date range is a
//! range of document ids and sorting by date needs no extra data. Terms are
//! folded words ([`crate::text::tokenizer::fold`]) kept in a finite-state transducer
//! ([`fst::Map`]) that maps each term to its id and answers exact, prefix and
//! typo-tolerant (Levenshtein) look-ups without scanning the vocabulary.
//! Every term also belongs to a stem group, so a query word finds the other
//! forms of itself (`meeting` → `meet`, `meets`, `meetings`).
//!
//! Postings are flat arrays: for term `t`, entries `post_start[t]..post_start[t+1]`
//! of `post_doc` / `post_tf`; for posting `p`, positions
//! `pos_start[p]..pos_start[p+1]` of `positions`. Title words take positions
//! `0..title_len`; the body starts at `title_len + FIELD_GAP`, and paragraphs
//! are `FIELD_GAP` apart, so no phrase matches across a field or paragraph.
//!
//! The in-memory `Index` (module `memory`, built by `IndexBuilder`) needs
//! feature `inpage`; the reader-only build keeps just the shared types and
//! date helpers here: it reads prebuilt indexes and builds none.

#[cfg(feature = "inpage")]
pub mod boilerplate;
#[cfg(feature = "inpage")]
mod builder;
#[cfg(feature = "inpage")]
pub mod casing;
#[cfg(feature = "inpage")]
pub mod docs;
// Reprint groups (both cores: a prebuilt index stores them); finding them
// needs feature `inpage`.
pub mod dedup;
// What the events and entities of a collection are (both cores: a prebuilt
// index stores them); building them needs feature `inpage`.
pub mod entities;
pub mod events;
#[cfg(feature = "inpage")]
mod memory;
#[cfg(feature = "inpage")]
pub mod titles;

use std::ops::Range;

use chrono::NaiveDate;

#[cfg(feature = "inpage")]
pub(crate) use builder::{index_in_segments, index_without_docs, TermAcc};
#[cfg(feature = "inpage")]
pub use {builder::IndexBuilder, builder::Progress, memory::Index};

/// A document number: its rank in date order.
pub type DocId = u32;
/// A term number: its rank in byte order of the folded term.
pub type TermId = u32;

/// Position distance between title and body, and between paragraphs.
pub const FIELD_GAP: u32 = 8;
/// Day number used for undated documents; sorts after every real date.
pub const UNDATED: i32 = i32::MAX;

/// The words of an article's source (its outlet) are indexed as terms of
/// their own: this character, then the folded word (`\u{1}reuters`). No
/// folded word of a text or a query starts with a control character, so
/// these terms never meet a word look-up (exact, stem, prefix and typo
/// look-ups all keep the word's first character), and `source:` is answered
/// from postings by the in-page and the prebuilt index alike. Their postings
/// count no occurrence (title and body frequency 0) and have no positions.
pub const SOURCE_MARK: char = '\u{1}';

/// The term of the folded source word `word` (see [`SOURCE_MARK`]).
pub fn source_term(word: &str) -> String {
    let mut t = String::with_capacity(word.len() + 1);
    t.push(SOURCE_MARK);
    t.push_str(word);
    t
}

/// Typo look-ups return at most this many terms: beyond that the query word
/// is too short or too common for typos to be meaningful.
pub const MAX_FUZZY_TERMS: usize = 64;

/// The postings of one term: parallel slices, ordered by document.
#[derive(Clone, Copy)]
pub struct Postings<'a> {
    /// Index of the first posting in the global arrays (for positions).
    pub first: usize,
    pub docs: &'a [DocId],
    pub tf: &'a [u32],
}

impl Postings<'_> {
    /// Occurrences in the title of posting `i`.
    pub fn title_tf(&self, i: usize) -> u32 {
        self.tf[i] >> 16
    }
    /// Occurrences in the body of posting `i`.
    pub fn body_tf(&self, i: usize) -> u32 {
        self.tf[i] & 0xFFFF
    }
}

/// Documents of `days` (one per document: `dated` ascending days, then
/// [`UNDATED`]) published in `from..=to`, as an id range; with no bound at
/// all, every document.
pub fn doc_range(
    days: &[i32],
    dated: usize,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Range<DocId> {
    if from.is_none() && to.is_none() {
        return 0..days.len() as DocId;
    }
    let lo = from.map_or(0, |d| days.partition_point(|&x| x < day_number(d)));
    let hi = to.map_or(dated, |d| days.partition_point(|&x| x <= day_number(d)));
    lo as DocId..hi.max(lo) as DocId
}

/// `terms` (in id order) cut to the `limit` most frequent, ties kept in id order.
pub fn top_by_freq(
    mut terms: Vec<TermId>,
    limit: usize,
    doc_freq: impl Fn(TermId) -> usize,
) -> Vec<TermId> {
    if terms.len() > limit {
        // Unstable but total (ties by id, as they came): one sort fewer in the wasm.
        crate::sort::sort_unstable_by_key(&mut terms[..], |&t| (std::cmp::Reverse(doc_freq(t)), t));
        terms.truncate(limit);
    }
    terms
}

/// The first character of `term` as a string slice (empty for an empty term).
pub fn first_char(term: &str) -> &str {
    let n = term.chars().next().map_or(0, char::len_utf8);
    &term[..n]
}

/// Days from the common era, the index's date unit.
pub fn day_number(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce()
}

/// Inverse of [`day_number`]; `None` for [`UNDATED`] or out-of-range numbers.
pub fn date_of_day(day: i32) -> Option<NaiveDate> {
    if day == UNDATED {
        None
    } else {
        NaiveDate::from_num_days_from_ce_opt(day)
    }
}
