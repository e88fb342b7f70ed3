//! Bounded page memory for a prebuilt index: how many bytes each file
//! [`Prebuilt`](super::Prebuilt) holds decoded, when a request last read it,
//! and which files are the least recently read ([`Usage`]); `evict.rs`
//! drops them down to a budget ([`Prebuilt::evict`](super::Prebuilt::evict)).
//!
//! A page of a prebuilt site stays open over many queries, and every query
//! may fetch other shards: kept forever, they would grow to the whole index,
//! which is what a prebuilt index exists to avoid downloading. An evicted
//! file is simply missing again; the next request that reads it notes it
//! ([`Prebuilt::take_missing`](super::Prebuilt::take_missing)) and the page
//! fetches it again.
//!
//! Sizes are the heap bytes of the decoded structures (lengths × element
//! sizes; allocator slack is not counted), measured once when a file is
//! added. The clock is a counter, not time: it ticks on every read of a file,
//! so "least recently used" is exact within a request and across requests.

use std::cell::Cell;

/// The default budget of decoded index data a page holds: 64 MiB. Over a
/// request the page may hold more (every file the request reads is needed
/// until it is answered); after it, [`Prebuilt::evict`](super::Prebuilt::evict)
/// comes back down.
pub const DEFAULT_BUDGET: usize = 64 << 20;

/// What the page holds of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    /// Decoded bytes held: every file added and not evicted, the pinned
    /// part included.
    pub held_bytes: usize,
    /// Files held (`meta.bin` included).
    pub held_files: usize,
    /// The part of `held_bytes` that is never evicted: the metadata with
    /// the per-document tables derived from it and the event summary, and
    /// the entity types once added (notes chunks and entity shards are
    /// evicted like any other file: an answer reads only the chunks of its
    /// top documents and the entities it names).
    pub pinned_bytes: usize,
    /// Files evicted since the index was opened.
    pub evicted_files: usize,
}

/// Per file (by its position in the index's order of files, 0 the
/// metadata: [`Prebuilt::file_position`](super::Prebuilt::file_position)):
/// its decoded size while held and the clock of its last read.
#[derive(Debug, Default)]
pub(crate) struct Usage {
    clock: Cell<u64>,
    last: Vec<Cell<u64>>,
    bytes: Vec<Option<usize>>,
    held: usize,
    files: usize,
}

impl Usage {
    /// Usage of an index of `files` files, none held.
    pub(crate) fn new(files: usize) -> Usage {
        Usage {
            clock: Cell::new(0),
            last: (0..files).map(|_| Cell::new(0)).collect(),
            bytes: vec![None; files],
            held: 0,
            files: 0,
        }
    }

    /// File `pos` was read now.
    pub(crate) fn touch(&self, pos: usize) {
        let now = self.clock.get() + 1;
        self.clock.set(now);
        if let Some(last) = self.last.get(pos) {
            last.set(now);
        }
    }

    /// File `pos` is held, decoded to `bytes` (replacing what it held):
    /// counted as read now, so a file just fetched is not the first to go.
    pub(crate) fn hold(&mut self, pos: usize, bytes: usize) {
        self.release(pos);
        if let Some(slot) = self.bytes.get_mut(pos) {
            *slot = Some(bytes);
            self.held += bytes;
            self.files += 1;
            self.touch(pos);
        }
    }

    /// File `pos` is no longer held.
    pub(crate) fn release(&mut self, pos: usize) {
        if let Some(old) = self.bytes.get_mut(pos).and_then(Option::take) {
            self.held -= old;
            self.files -= 1;
        }
    }

    /// Whether file `pos` is held.
    pub(crate) fn is_held(&self, pos: usize) -> bool {
        self.bytes.get(pos).is_some_and(Option::is_some)
    }

    /// Bytes held by file `pos` (0 when it is not held).
    pub(crate) fn bytes_of(&self, pos: usize) -> usize {
        self.bytes.get(pos).copied().flatten().unwrap_or(0)
    }

    /// Bytes held by the files, and how many files.
    pub(crate) fn held(&self) -> (usize, usize) {
        (self.held, self.files)
    }

    /// The held files among `candidates`, least recently read first.
    pub(crate) fn by_age(&self, candidates: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut held: Vec<(u64, usize)> = candidates
            .filter(|&p| self.is_held(p))
            .map(|p| (self.last[p].get(), p))
            .collect();
        crate::sort::sort(&mut held[..]);
        held.into_iter().map(|(_, p)| p).collect()
    }
}

/// Heap bytes of a slice's elements (what a `Vec` of them holds, slack aside).
pub(crate) fn slice_bytes<T>(v: &[T]) -> usize {
    std::mem::size_of_val(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oldest_first_and_totals() {
        let mut u = Usage::new(4);
        u.hold(1, 10);
        u.hold(2, 20);
        u.hold(3, 30);
        u.touch(1);
        assert_eq!(u.held(), (60, 3));
        assert_eq!(u.by_age(0..4), vec![2, 3, 1]);
        u.release(2);
        u.hold(3, 5);
        assert_eq!(u.held(), (15, 2));
        assert_eq!(u.by_age(0..4), vec![1, 3]);
        assert!(!u.is_held(2) && !u.is_held(0));
    }
}
