//! Which document chunk holds a document: the documents, in date order, cut
//! into chunks of one fixed count ([`Chunking`]). The document, card and
//! notes files share it (`docs-0003`, `cards-0003` and `notes-0003` hold
//! the same documents); the entity files cut their items (entities, and
//! documents for `dents-*`) into shards the same way, with their own counts
//! (`super::entity_list`).
//!
//! Why a fixed count and not chunks of a byte size: a chunk of a byte size
//! needs a table of every chunk's first document, and the reader needs that
//! table before its first search, so its size bounded the number of chunks
//! (8,000 until format 7; 8.7 KB gzipped of `meta.bin` at Reuters-21578).
//! The chunks then grew with the collection: at a million articles, 126
//! documents (42 KB gzipped) a chunk, of which a result row shows one. A
//! count needs no table: the metadata states it, and the chunks stay small
//! at any size (a few KB), the count chosen at build time from the average
//! document's size ([`Chunking::for_sizes`]).

use std::ops::Range;

use crate::index::DocId;

/// Gzipped bytes of one document's notes chunk entry (time and entity
/// mentions, boilerplate), about (89 at Reuters-21578: 267 B a chunk of 3;
/// 315 at ukraine2022, a chunk of 1).
pub(crate) const NOTES_DOC_BYTES: usize = 90;
/// What one more request costs beyond its bytes, in bytes: its headers
/// and the page's work on one more file.
pub(crate) const REQUEST_BYTES: usize = 400;

/// What reading one notes chunk of `notes` costs, in bytes ([`cheaper_whole`]).
pub(crate) fn notes_cost(notes: Chunking) -> usize {
    notes.per() as usize * NOTES_DOC_BYTES + REQUEST_BYTES
}

/// Which whole chunks to read, when what some documents need is in two
/// files: a whole chunk of hundreds of documents (`dents-*`, `dtimes-*`:
/// a few bytes a document) and their notes chunks (a few documents each,
/// ten times the bytes a document). `pending`: (whole chunk, notes chunk)
/// of each document whose data is in neither yet; `whole`: the whole
/// chunk's bytes, `notes`: a notes chunk's cost ([`notes_cost`]); `asked`:
/// the notes chunks already asked for (which cost nothing more). A whole
/// chunk is read when it costs no more than the notes chunks of its
/// documents here: at Reuters-21578, facets over 25 scattered results read
/// 25 notes chunks (7 KB) rather than 20 `dents-*` chunks (80 KB), over a
/// thousand the `dents-*` chunks. Returns the whole chunks, ascending.
pub(crate) fn cheaper_whole(
    mut pending: Vec<(usize, usize)>,
    (whole, notes): (usize, usize),
    asked: impl Fn(usize) -> bool,
) -> Vec<usize> {
    crate::sort::sort(&mut pending[..]);
    pending.dedup();
    let whole = whole + REQUEST_BYTES;
    let mut read = Vec::new();
    for group in pending.chunk_by(|a, b| a.0 == b.0) {
        let chunks = group.iter().filter(|&&(_, k)| !asked(k)).count();
        if whole <= chunks * notes {
            read.push(group[0].0);
        }
    }
    read
}

/// What `of` gives for each of `docs`, in that order, or `None` when it
/// gives nothing for some: every document is looked at all the same, so
/// that a prebuilt index notes all it lacks in one round.
pub(crate) fn all_or_none<T>(docs: &[DocId], of: impl Fn(DocId) -> Option<T>) -> Option<Vec<T>> {
    let mut found = Vec::with_capacity(docs.len());
    let mut whole = true;
    for &d in docs {
        match of(d) {
            Some(t) => found.push(t),
            None => whole = false,
        }
    }
    whole.then_some(found)
}

/// `docs` documents in chunks of `per` (the last may hold fewer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunking {
    per: u32,
    docs: usize,
}

impl Chunking {
    /// Chunks of `per` documents (`None` when `per` is 0).
    pub fn new(per: u32, docs: usize) -> Option<Chunking> {
        (per > 0).then_some(Chunking { per, docs })
    }

    /// The least count that makes chunks of at least `target` bytes on
    /// average, when `docs` documents take `total` bytes, with at most
    /// about `max_chunks` chunks.
    pub fn for_sizes(total: usize, docs: usize, target: usize, max_chunks: usize) -> Chunking {
        let average = total / docs.max(1);
        // The count whose chunks reach the target, as chunks that closed
        // once they reached it did (format 6).
        let per = target.div_ceil(average.max(1)).max(1);
        let per = per.max(docs.div_ceil(max_chunks.max(1)));
        Chunking {
            per: u32::try_from(per).unwrap_or(u32::MAX),
            docs,
        }
    }

    /// Documents a chunk.
    pub fn per(&self) -> u32 {
        self.per
    }

    /// How many chunks.
    pub fn count(&self) -> usize {
        self.docs.div_ceil(self.per as usize)
    }

    /// The chunk of `doc`.
    pub fn of(&self, doc: DocId) -> usize {
        (doc / self.per) as usize
    }

    /// `doc`'s place in its chunk.
    pub fn place(&self, doc: DocId) -> usize {
        (doc % self.per) as usize
    }

    /// The documents of chunk `n` (empty past the last).
    pub fn range(&self, n: usize) -> Range<usize> {
        let start = n.saturating_mul(self.per as usize).min(self.docs);
        start..start.saturating_add(self.per as usize).min(self.docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_document_once() {
        for docs in [0, 1, 2, 7, 100] {
            for per in [1, 2, 3, 7, 1000] {
                let c = Chunking::new(per, docs).unwrap();
                let mut seen = Vec::new();
                for n in 0..c.count() {
                    let r = c.range(n);
                    assert!(!r.is_empty() && r.len() <= per as usize);
                    for d in r {
                        assert_eq!(
                            (c.of(d as DocId), c.place(d as DocId)),
                            (n, seen.len() % per as usize)
                        );
                        seen.push(d);
                    }
                }
                assert_eq!(seen, (0..docs).collect::<Vec<_>>());
                assert!(c.range(c.count()).is_empty());
            }
        }
        assert_eq!(Chunking::new(0, 5), None);
    }

    #[test]
    fn the_count_follows_the_average_size_and_the_cap() {
        // 800-byte documents in 2 KB chunks: 3 a chunk (2.4 KB); 1 KB
        // documents, 2.
        assert_eq!(Chunking::for_sizes(800_000, 1000, 2048, 8000).per(), 3);
        assert_eq!(Chunking::for_sizes(1_024_000, 1000, 2048, 8000).per(), 2);
        // Documents larger than the target: one a chunk.
        assert_eq!(Chunking::for_sizes(10_000_000, 1000, 2048, 8000).per(), 1);
        // A million documents, at most 100,000 chunks: 10 a chunk.
        assert_eq!(
            Chunking::for_sizes(800_000_000, 1_000_000, 2048, 100_000).per(),
            10
        );
        assert_eq!(Chunking::for_sizes(0, 0, 2048, 8000).count(), 0);
        assert_eq!(Chunking::for_sizes(1, 1, 1, usize::MAX).per(), 1);
    }
}
