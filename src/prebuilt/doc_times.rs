//! Each document's time mentions, read for many documents at once: the
//! events view of a query's top results and a `mentions:` search.
//!
//! A document's time mentions are in two files: its notes chunk (with its
//! entity mentions and boilerplate flags, a few documents a chunk: what a
//! result row and the reader read) and, in an index with
//! [`super::format::FEATURE_DOC_TIMES`], its document event chunk
//! (`dtimes-*`: only the time mentions, chunked as `dents-*`, hundreds of
//! documents a chunk; layout in [`super::annotations`]). The events of a
//! frequent word's top thousand results read a notes chunk for each few
//! of them: at Reuters-21578, about 900 requests (230 KB), which the page
//! spends seconds on however small they are. Their event chunks are the
//! 43 of the collection. For each event chunk not held, whichever of it
//! and the notes chunks of its documents here costs less is read
//! ([`cheaper_whole`]), as facets choose between `dents-*` and notes. The
//! mentions are the same in both, so the answer is too.

use super::annotations::{decode_doc_times, DocTimes};
use super::chunking::{all_or_none, Chunking};
use super::format::FileKind;
use super::Prebuilt;
use crate::codec::FormatError;
use crate::index::events::TimeMention;
use crate::index::DocId;

/// Gzipped bytes of one document's time mentions in a `dtimes-*` chunk,
/// about (16.4 at Reuters-21578: 8.4 KB a chunk of 512).
const TIMES_DOC_BYTES: usize = 16;

impl Prebuilt {
    /// How the document event chunks cut the documents (as `dents-*`);
    /// `None` in an index without them.
    pub(super) fn doc_times_chunking(&self) -> Option<Chunking> {
        self.meta.doc_times_chunking()
    }

    pub(super) fn decode_doc_times(&self, n: usize, bytes: &[u8]) -> Result<DocTimes, FormatError> {
        let range = self.doc_times_chunking().map_or(0..0, |c| c.range(n));
        let mentions = self.event_summary().map_or(0, |s| s.mentions);
        decode_doc_times(n, range, mentions, bytes)
    }

    /// The time mentions of each of `docs` (in that order), each with the
    /// id of its first (none in an index without events); `None` while
    /// some are not at hand (the files they are in are noted, all in one
    /// round): from the notes chunks or event chunks held, else from
    /// whichever costs less (see the module's documentation). `shown`: how
    /// many of them the answer may show in full (an events page's rows),
    /// whose notes chunks it reads anyway: no more documents than that
    /// read only their notes chunks.
    pub fn times_of_docs(
        &self,
        docs: &[DocId],
        shown: usize,
    ) -> Option<Vec<(u32, &[TimeMention])>> {
        if !self.has_events() {
            return Some(vec![(0, &[][..]); docs.len()]);
        }
        let total = self.meta.docs;
        let notes = self.meta.doc_chunks;
        let chunking = self.doc_times_chunking().filter(|_| docs.len() > shown);
        let read = chunking.map_or_else(Vec::new, |tc| self.event_chunks_to_read(docs, tc));
        let of = |doc: DocId| -> Option<(u32, &[TimeMention])> {
            if doc as usize >= total {
                return Some((0, &[]));
            }
            let c = chunking.map(|tc| tc.of(doc));
            if let Some((c, chunk)) = c.and_then(|c| Some((c, self.doc_times.get(c)?))) {
                self.touch(FileKind::DocTimes, c);
                return Some(chunk.of(doc).unwrap_or((0, &[])));
            }
            let k = notes.of(doc);
            if let Some(chunk) = self.notes.get(k) {
                self.touch(FileKind::Notes, k);
                let i = notes.place(doc);
                let times = chunk.docs.get(i).map_or(&[][..], |d| &d.times[..]);
                return Some((chunk.first_id.get(i).copied().unwrap_or(0), times));
            }
            match c.filter(|c| read.binary_search(c).is_ok()) {
                Some(c) => self.need(FileKind::DocTimes, c),
                // Neither file can come: the answer goes without them.
                None if self.forgone_notes.contains(&k) => return Some((0, &[])),
                None => self.need(FileKind::Notes, k),
            }
            None
        };
        all_or_none(docs, of)
    }

    /// The event chunks of `tc` to read for `docs`: those that cost less
    /// than the notes chunks of their documents here (a notes chunk
    /// already asked for costs nothing), and those of documents whose
    /// notes chunk the page could not have; never one the page could not
    /// have.
    fn event_chunks_to_read(&self, docs: &[DocId], tc: Chunking) -> Vec<usize> {
        let notes = self.meta.doc_chunks;
        let pending: Vec<(usize, usize)> = (docs.iter())
            .filter(|&&d| (d as usize) < self.meta.docs)
            .map(|&d| (tc.of(d), notes.of(d)))
            .filter(|&(c, k)| {
                !self.doc_times.is_held(c)
                    && !self.notes.is_held(k)
                    && !self.forgone_times.contains(&c)
            })
            .collect();
        self.whole_chunks_to_read(pending, tc.per() as usize * TIMES_DOC_BYTES)
    }

    /// The documents with an event whose span meets the days `lo..=hi`,
    /// ascending: a `mentions:` search reads every document's events, from
    /// the event chunks when the index has them (43 files at
    /// Reuters-21578, not 7,193 notes chunks); those of a chunk the page
    /// could not have, from their notes chunks. Those of a chunk not at
    /// hand are missing (noted).
    pub(super) fn docs_with_events_in(&self, lo: i32, hi: i32) -> Vec<DocId> {
        let meets = |m: &TimeMention| m.is_event() && m.first <= hi && m.last >= lo;
        let mut docs = Vec::new();
        let notes = self.meta.doc_chunks;
        let each_notes = |range: std::ops::Range<usize>, docs: &mut Vec<DocId>| {
            for n in range {
                let Some(chunk) = self.notes.get(n) else {
                    self.need(FileKind::Notes, n);
                    continue;
                };
                self.touch(FileKind::Notes, n);
                for d in &chunk.docs {
                    if d.times.iter().any(meets) {
                        docs.extend(d.times.first().map(|m| m.doc));
                    }
                }
            }
        };
        let Some(tc) = self.doc_times_chunking() else {
            each_notes(0..notes.count(), &mut docs);
            return docs;
        };
        for c in 0..tc.count() {
            if let Some(chunk) = self.doc_times.get(c) {
                self.touch(FileKind::DocTimes, c);
                let range = tc.range(c);
                for doc in range.start as DocId..range.end as DocId {
                    let (_, times) = chunk.of(doc).unwrap_or((0, &[]));
                    if times.iter().any(meets) {
                        docs.push(doc);
                    }
                }
            } else if self.forgone_times.contains(&c) {
                let range = tc.range(c);
                let last = range.end.saturating_sub(1) as DocId;
                each_notes(
                    notes.of(range.start as DocId)..notes.of(last) + 1,
                    &mut docs,
                );
            } else {
                self.need(FileKind::DocTimes, c);
            }
        }
        // A notes chunk may straddle two event chunks.
        crate::sort::sort(&mut docs[..]);
        docs.dedup();
        docs
    }
}
