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

/// The files of one kind held, by shard number, of `count` shards: the
/// files held, not a slot per shard, for the kinds with a file every few
/// documents (documents, cards, notes: up to a hundred thousand each, see
/// [`super::chunking`]), which would otherwise cost the page memory for
/// every file it never reads. A sorted vector, not a `BTreeMap`: a page
/// holds hundreds of files, and the map's code would add 7 KB gzipped to
/// the reader core.
#[derive(Debug)]
pub(crate) struct Held<T> {
    count: usize,
    files: Vec<(usize, T)>,
}

impl<T> Held<T> {
    /// None held of `count` shards.
    pub(crate) fn new(count: usize) -> Held<T> {
        Held {
            count,
            files: Vec::new(),
        }
    }

    /// How many shards there are (held or not).
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    fn find(&self, n: usize) -> Result<usize, usize> {
        self.files.binary_search_by_key(&n, |f| f.0)
    }

    pub(crate) fn get(&self, n: usize) -> Option<&T> {
        self.find(n).ok().map(|i| &self.files[i].1)
    }

    pub(crate) fn is_held(&self, n: usize) -> bool {
        self.find(n).is_ok()
    }

    /// Hold shard `n` (below [`Held::len`]: the caller checked it),
    /// replacing what it held.
    pub(crate) fn insert(&mut self, n: usize, file: T) {
        match self.find(n) {
            Ok(i) => self.files[i].1 = file,
            Err(i) => self.files.insert(i, (n, file)),
        }
    }

    /// Drop shard `n`, returning what it held.
    pub(crate) fn remove(&mut self, n: usize) -> Option<T> {
        self.find(n).ok().map(|i| self.files.remove(i).1)
    }

    /// The shards held from `from` on, in order.
    pub(crate) fn from(&self, from: usize) -> impl Iterator<Item = (usize, &T)> {
        let start = self.files.partition_point(|f| f.0 < from);
        self.files[start..].iter().map(|(n, f)| (*n, f))
    }

    /// How many shards are held.
    pub(crate) fn held(&self) -> usize {
        self.files.len()
    }
}

/// Per file held (by its position in the index's order of files, 0 the
/// metadata: [`Prebuilt::file_position`](super::Prebuilt::file_position)):
/// its decoded size and the clock of its last read. A map of the files
/// held, not a slot per file: an index of a million articles has hundreds
/// of thousands of files, of which a page reads a few hundred.
#[derive(Debug)]
pub(crate) struct Usage {
    clock: Cell<u64>,
    files: Held<HeldFile>,
    held: usize,
}

impl Default for Usage {
    fn default() -> Usage {
        Usage {
            clock: Cell::new(0),
            files: Held::new(usize::MAX),
            held: 0,
        }
    }
}

/// What [`Usage`] knows of a file held.
#[derive(Debug)]
struct HeldFile {
    bytes: usize,
    last: Cell<u64>,
}

impl Usage {
    /// File `pos` was read now (nothing when it is not held).
    pub(crate) fn touch(&self, pos: usize) {
        let now = self.clock.get() + 1;
        self.clock.set(now);
        if let Some(f) = self.files.get(pos) {
            f.last.set(now);
        }
    }

    /// File `pos` is held, decoded to `bytes` (replacing what it held):
    /// counted as read now, so a file just fetched is not the first to go.
    pub(crate) fn hold(&mut self, pos: usize, bytes: usize) {
        self.release(pos);
        let last = Cell::new(0);
        self.files.insert(pos, HeldFile { bytes, last });
        self.held += bytes;
        self.touch(pos);
    }

    /// File `pos` is no longer held.
    pub(crate) fn release(&mut self, pos: usize) {
        if let Some(old) = self.files.remove(pos) {
            self.held -= old.bytes;
        }
    }

    /// Bytes held by file `pos` (0 when it is not held).
    pub(crate) fn bytes_of(&self, pos: usize) -> usize {
        self.files.get(pos).map_or(0, |f| f.bytes)
    }

    /// Bytes held by the files, and how many files.
    pub(crate) fn held(&self) -> (usize, usize) {
        (self.held, self.files.held())
    }

    /// The held files among positions `from..`, least recently read first.
    pub(crate) fn by_age(&self, from: usize) -> Vec<usize> {
        let mut held: Vec<(u64, usize)> = (self.files.from(from))
            .map(|(p, f)| (f.last.get(), p))
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
        let mut u = Usage::default();
        u.hold(1, 10);
        u.hold(2, 20);
        u.hold(3, 30);
        u.touch(1);
        assert_eq!(u.held(), (60, 3));
        assert_eq!(u.by_age(0), vec![2, 3, 1]);
        u.release(2);
        u.hold(3, 5);
        assert_eq!(u.held(), (15, 2));
        assert_eq!(u.by_age(0), vec![1, 3]);
        assert_eq!((u.bytes_of(2), u.bytes_of(0), u.bytes_of(3)), (0, 0, 5));
    }
}
