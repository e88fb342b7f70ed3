//! The in-memory [`Index`], built in the page (or natively) by
//! [`IndexBuilder`](super::IndexBuilder): every term, posting and position of
//! the collection at hand, with its time mentions and, later, its entities.
//! See [`crate::index`] for the layout.

use std::ops::Range;

use chrono::NaiveDate;
use fst::{Automaton, IntoStreamer, Streamer};
use rustc_hash::FxHashMap;

use super::boilerplate::Boilerplate;
use super::dedup::Reprints;
use super::entities::EntityIndex;
use super::{
    doc_range, first_char, top_by_freq, DocId, Postings, TermId, MAX_FUZZY_TERMS, UNDATED,
};
use crate::article::Article;
use crate::index::events::EventIndex;
use crate::text::fuzzy::WithinEdits;
use crate::text::tokenizer::Stemmer;

/// An immutable, searchable index over a set of articles.
pub struct Index {
    pub(crate) events: EventIndex,
    /// Page furniture repeated across the collection (see
    /// [`super::boilerplate`]): no snippet shows it, the reader dims it.
    pub(crate) boilerplate: Boilerplate,
    /// Groups of copies of one story (see [`super::dedup`]).
    pub(crate) reprints: Reprints,
    /// Filled in later, when the recognizer's model has arrived.
    pub(crate) entities: Option<EntityIndex>,
    pub(crate) docs: Vec<Article>,
    pub(crate) days: Vec<i32>,
    pub(crate) by_id: FxHashMap<String, DocId>,
    pub(crate) title_len: Vec<u32>,
    pub(crate) body_len: Vec<u32>,
    pub(crate) avg_title_len: f32,
    pub(crate) avg_body_len: f32,
    pub(crate) terms: fst::Map<Vec<u8>>,
    pub(crate) term_text: Vec<Box<str>>,
    pub(crate) stems: fst::Map<Vec<u8>>,
    pub(crate) stem_terms_start: Vec<u32>,
    pub(crate) stem_terms: Vec<TermId>,
    pub(crate) post_start: Vec<u32>,
    pub(crate) post_doc: Vec<DocId>,
    pub(crate) post_tf: Vec<u32>,
    pub(crate) pos_start: Vec<u32>,
    pub(crate) positions: Vec<u32>,
    pub(crate) stemmer: Stemmer,
}

impl Index {
    /// Number of documents.
    pub fn len(&self) -> usize {
        // One day a document, also when the documents are on disk (the
        // index a prebuilt build writes from: `crate::prebuilt::spill`).
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.term_text.len()
    }

    pub fn doc(&self, doc: DocId) -> &Article {
        &self.docs[doc as usize]
    }

    /// Time expressions and events of the collection.
    pub fn events(&self) -> &EventIndex {
        &self.events
    }

    /// Whether paragraph `para` of document `doc` is mostly boilerplate:
    /// what snippets pass over and the reader dims.
    pub fn is_boilerplate(&self, doc: DocId, para: usize) -> bool {
        let len = self
            .docs
            .get(doc as usize)
            .and_then(|a| a.paragraphs.get(para))
            .map_or(0, String::len);
        self.boilerplate.paragraph(doc as usize, para, len)
    }

    /// The copies of the story `doc` tells (itself among them, in document
    /// order), when it is reprinted in the collection; empty otherwise.
    pub fn copies(&self, doc: DocId) -> &[DocId] {
        self.reprints.group(doc)
    }

    /// Every group of reprinted articles (a prebuilt index stores them).
    pub fn reprints(&self) -> &Reprints {
        &self.reprints
    }

    /// People, organisations and places, once recognized.
    pub fn entities(&self) -> Option<&EntityIndex> {
        self.entities.as_ref()
    }

    /// Install the collection's entities (replacing any before).
    pub fn set_entities(&mut self, entities: EntityIndex) {
        self.entities = Some(entities);
    }

    /// Merge across the collection and file what `builder` recognized
    /// (recognizing the articles it has not reached), leaving out this
    /// index's boilerplate, and install the result: the one way the page
    /// (in slices, or from its worker) and `dateline build` (on every core,
    /// [`EntityIndexBuilder::recognize_all`](super::entities::EntityIndexBuilder::recognize_all))
    /// file entities.
    pub fn install_entities(
        &mut self,
        builder: super::entities::EntityIndexBuilder,
    ) -> &EntityIndex {
        let ents = builder.finish(&self.docs, &self.boilerplate);
        self.entities.insert(ents)
    }

    pub fn docs(&self) -> &[Article] {
        &self.docs
    }

    /// The document with this id, if any.
    pub fn doc_by_id(&self, id: &str) -> Option<DocId> {
        self.by_id.get(id).copied()
    }

    /// Day number (days from the common era) of a document, or [`UNDATED`].
    pub fn day(&self, doc: DocId) -> i32 {
        self.days[doc as usize]
    }

    /// Number of dated documents (they come first).
    pub fn dated(&self) -> usize {
        self.days.partition_point(|&d| d != UNDATED)
    }

    /// Documents whose date lies in `from..=to` (either bound optional), as an
    /// id range. With no bound at all, every document (undated included).
    pub fn doc_range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Range<DocId> {
        doc_range(&self.days, self.dated(), from, to)
    }

    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.get(term).map(|v| v as TermId)
    }

    pub fn term_text(&self, term: TermId) -> &str {
        &self.term_text[term as usize]
    }

    pub fn postings(&self, term: TermId) -> Postings<'_> {
        let t = term as usize;
        let (a, b) = (self.post_start[t] as usize, self.post_start[t + 1] as usize);
        Postings {
            first: a,
            docs: &self.post_doc[a..b],
            tf: &self.post_tf[a..b],
        }
    }

    /// Number of documents containing `term`.
    pub fn doc_freq(&self, term: TermId) -> usize {
        let t = term as usize;
        (self.post_start[t + 1] - self.post_start[t]) as usize
    }

    /// Positions of the global posting `p` (see [`Postings::first`]).
    pub fn positions(&self, p: usize) -> &[u32] {
        &self.positions[self.pos_start[p] as usize..self.pos_start[p + 1] as usize]
    }

    /// The terms sharing the stem and the first character of the folded word
    /// `term` (which need not be in the index itself).
    pub fn stem_group(&self, term: &str) -> Vec<TermId> {
        let stem = self.stemmer.stem(term);
        let first = first_char(term);
        match self.stems.get(stem.as_bytes()) {
            Some(s) => {
                let s = s as usize;
                self.stem_terms
                    [self.stem_terms_start[s] as usize..self.stem_terms_start[s + 1] as usize]
                    .iter()
                    .copied()
                    .filter(|&t| first_char(self.term_text(t)) == first)
                    .collect()
            }
            None => Vec::new(),
        }
    }

    /// Terms starting with `prefix`, most frequent first, at most `limit`.
    pub fn prefix_terms(&self, prefix: &str, limit: usize) -> Vec<TermId> {
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        self.top_by_freq(self.collect_terms(automaton), limit)
    }

    /// Terms within Levenshtein distance `distance` of `term` (including it,
    /// when present) that start with its first character, most frequent
    /// first, at most [`MAX_FUZZY_TERMS`].
    pub fn fuzzy_terms(&self, term: &str, distance: u32) -> Vec<TermId> {
        let max = u8::try_from(distance).unwrap_or(u8::MAX);
        match WithinEdits::new(term, max) {
            Some(automaton) => {
                let found = automaton.search(self.terms.as_fst(), first_char(term));
                let terms = found.into_iter().map(|id| id as TermId).collect();
                self.top_by_freq(terms, MAX_FUZZY_TERMS)
            }
            // Longer than any word worth correcting (or more edits than searched).
            None => Vec::new(),
        }
    }

    fn collect_terms<A: Automaton>(&self, automaton: A) -> Vec<TermId> {
        let mut stream = self.terms.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((_, id)) = stream.next() {
            out.push(id as TermId);
        }
        out
    }

    fn top_by_freq(&self, terms: Vec<TermId>, limit: usize) -> Vec<TermId> {
        top_by_freq(terms, limit, |t| self.doc_freq(t))
    }

    /// Is this position in the title of `doc`?
    pub fn in_title(&self, doc: DocId, pos: u32) -> bool {
        pos < self.title_len[doc as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{IndexBuilder, FIELD_GAP};

    fn article(id: &str, date: Option<&str>, text: &str) -> Article {
        Article {
            id: id.into(),
            date: date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
            title: crate::parse::title_from(text),
            source: None,
            paragraphs: crate::parse::split_paragraphs(text),
        }
    }

    fn index() -> Index {
        let mut b = IndexBuilder::new();
        b.add(article(
            "late",
            Some("2022-02-09"),
            "Lavrov meets Truss.\n\nThe meeting was long.",
        ));
        b.add(article("none", None, "Undated meetings in Geneva."));
        b.add(article(
            "early",
            Some("2022-01-20"),
            "Lavrov will meet Blinken in Geneva.",
        ));
        b.finish()
    }

    #[test]
    fn docs_are_in_date_order_undated_last() {
        let ix = index();
        let ids: Vec<_> = ix.docs().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["early", "late", "none"]);
        assert_eq!(ix.dated(), 2);
        assert_eq!(ix.doc_by_id("none"), Some(2));
    }

    #[test]
    fn date_ranges_are_id_ranges() {
        let ix = index();
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(ix.doc_range(None, None), 0..3);
        assert_eq!(ix.doc_range(d("2022-01-21"), None), 1..2);
        assert_eq!(ix.doc_range(None, d("2022-01-20")), 0..1);
        assert_eq!(ix.doc_range(d("2022-03-01"), d("2022-01-01")), 2..2);
    }

    #[test]
    fn postings_hold_field_frequencies_and_positions() {
        let ix = index();
        let lavrov = ix.term_id("lavrov").unwrap();
        let p = ix.postings(lavrov);
        assert_eq!(p.docs, [0, 1]);
        // "Lavrov will meet Blinken in Geneva." is title and body.
        assert_eq!((p.title_tf(0), p.body_tf(0)), (1, 1));
        let pos = ix.positions(p.first);
        assert_eq!(pos[0], 0);
        assert!(!ix.in_title(0, pos[1]));
        assert_eq!(pos[1], ix.title_len[0] + FIELD_GAP);
    }

    #[test]
    fn stem_prefix_and_fuzzy_lookups() {
        let ix = index();
        let texts =
            |ids: &[TermId]| -> Vec<&str> { ids.iter().map(|&t| ix.term_text(t)).collect() };
        let mut group = texts(&ix.stem_group("meetings"));
        group.sort();
        assert_eq!(group, ["meet", "meeting", "meetings", "meets"]);
        assert_eq!(texts(&ix.prefix_terms("gen", 10)), ["geneva"]);
        assert_eq!(texts(&ix.fuzzy_terms("lavroc", 1)), ["lavrov"]);
    }
}
