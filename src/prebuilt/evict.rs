//! Eviction for a prebuilt index ([`Prebuilt::evict`]): where each file
//! sits in the index's order of files, what it holds decoded, when a request
//! last read it (the bookkeeping is `cache.rs`'s [`Usage`]), and dropping
//! the least recently read until a budget holds. Apart from `mod.rs` so that
//! the index's decoding stays readable; `mod.rs` only calls these methods.

use super::annotations::DocTimes;
use super::cache::{slice_bytes, Memory, Usage};
use super::group_facets::GroupFacets;
use super::{DocNotes, Meta, Prebuilt};
use crate::article::Article;
use crate::prebuilt::format::FileKind;

/// Positions, the clock of reads, sizes and eviction of a [`Prebuilt`]'s files.
impl Prebuilt {
    /// This newly opened index with its file positions and its usage: the
    /// metadata held (with the per-document tables made from it), nothing else.
    pub(super) fn counted(mut self) -> Prebuilt {
        let mut at = 1;
        for (kind, count) in self.shard_counts() {
            self.offsets[kind as usize] = at;
            at += count;
        }
        self.usage = Usage::default();
        let m = &self.meta;
        let strings: usize = (m.dict_chars.iter().map(|c| c.len()))
            .chain(m.post_keys.iter().map(|k| k.len()))
            .sum();
        let meta_bytes = std::mem::size_of::<Meta>()
            + slice_bytes(&m.day_runs)
            + slice_bytes(&m.dict_chars)
            + strings
            + slice_bytes(&m.dict_firsts)
            + slice_bytes(&m.post_shards)
            + slice_bytes(&m.post_keys)
            + slice_bytes(&self.days)
            + slice_bytes(&self.title_len)
            + slice_bytes(&self.body_len)
            + slice_bytes(&self.dict)
            + slice_bytes(&self.post)
            + slice_bytes(&self.pos)
            + slice_bytes(&self.ids)
            + self.entity_files.slot_bytes()
            + m.events.as_ref().map_or(0, |e| e.summary.heap_bytes())
            + m.reprints.heap_bytes();
        self.usage.hold(0, meta_bytes);
        self
    }

    /// The position of shard `n` of `kind` in the index's order of files.
    pub(super) fn pos(&self, kind: FileKind, n: usize) -> usize {
        match kind {
            FileKind::Meta => 0,
            _ => self.offsets[kind as usize] + n,
        }
    }

    /// The file at position `pos` (see [`Prebuilt::pos`]).
    pub(super) fn file_at(&self, pos: usize) -> Option<(FileKind, usize)> {
        if pos == 0 {
            return Some((FileKind::Meta, 0));
        }
        self.shard_counts()
            .into_iter()
            .find(|&(k, count)| {
                let at = self.offsets[k as usize];
                (at..at + count).contains(&pos)
            })
            .map(|(k, _)| (k, pos - self.offsets[k as usize]))
    }

    /// Note that a request read shard `n` of `kind` (the clock of eviction).
    pub(super) fn touch(&self, kind: FileKind, n: usize) {
        self.usage.touch(self.pos(kind, n));
    }

    /// What the index holds now.
    pub fn memory(&self) -> Memory {
        let (files_bytes, held_files) = self.usage.held();
        let pinned =
            self.usage.bytes_of(0) + self.kinds_pos().map_or(0, |p| self.usage.bytes_of(p));
        Memory {
            held_bytes: files_bytes,
            held_files,
            pinned_bytes: pinned,
            evicted_files: self.evicted,
        }
    }

    /// The position of the entity types file when it is held (pinned).
    fn kinds_pos(&self) -> Option<usize> {
        (self.entity_files.kinds.is_some()).then(|| self.pos(FileKind::EntityKinds, 0))
    }

    /// Drop the least recently read files until at most `budget` bytes are
    /// held (or nothing more can go); returns the files dropped, by name.
    ///
    /// Call it between requests, after an answer: a request's files must
    /// stay from its first `needs_*` to its answer, or the fetch loop would
    /// fetch them again and again. Never dropped: `meta.bin` (with the
    /// per-document tables opened from it and the event summary) and, once
    /// added, the entity types (every search's facets and entity filters
    /// read them; a byte an entity); they are counted in what is held, so a
    /// budget below them leaves only them. Entity and key shards are files
    /// like the others. Notes chunks are files like the others: an answer reads
    /// only the chunks of the documents it is over (at most its `top`, see
    /// `engine/collection.rs`), and fetches them again once evicted.
    pub fn evict(&mut self, budget: usize) -> Vec<String> {
        let list = self.kinds_pos();
        let order = (self.usage.by_age(1).into_iter()).filter(|&p| Some(p) != list);
        let mut dropped = Vec::new();
        for pos in order {
            if self.memory().held_bytes <= budget {
                break;
            }
            if let Some((kind, n)) = self.file_at(pos) {
                self.drop_file(kind, n);
                dropped.push(kind.name(n));
            }
        }
        self.evicted += dropped.len();
        dropped
    }

    /// Forget shard `n` of `kind` (never the metadata nor the entity types:
    /// see [`Prebuilt::evict`]).
    pub(super) fn drop_file(&mut self, kind: FileKind, n: usize) {
        match kind {
            FileKind::Meta => return,
            FileKind::Dict => self.dict[n] = None,
            FileKind::Postings => self.post[n] = None,
            FileKind::Positions => self.pos[n] = None,
            FileKind::Docs => drop(self.chunks.remove(n)),
            FileKind::Cards => drop(self.cards.remove(n)),
            FileKind::Ids => self.ids[n] = None,
            FileKind::Notes => drop(self.notes.remove(n)),
            FileKind::GroupFacets => self.group_facets[n] = None,
            FileKind::DocTimes => drop(self.doc_times.remove(n)),
            FileKind::EntityKinds => return,
            FileKind::Entities
            | FileKind::EntityKeys
            | FileKind::EntityNames
            | FileKind::DocEntities => self.entity_files.drop_file(kind, n),
        }
        self.usage.release(self.pos(kind, n));
    }

    /// Decoded bytes of notes chunk `n` as held now: every document's
    /// boilerplate flags, time and entity mentions, first ids.
    pub(super) fn notes_bytes(&self, n: usize) -> usize {
        self.notes.get(n).map_or(0, |c| {
            let each = |d: &DocNotes| {
                let values: usize = d.times.iter().map(|t| t.value.len()).sum();
                slice_bytes(&d.boilerplate)
                    + slice_bytes(&d.times)
                    + values
                    + slice_bytes(&d.entities)
            };
            slice_bytes(&c.docs)
                + c.docs.iter().map(each).sum::<usize>()
                + slice_bytes(&c.first_id)
                + slice_bytes(&c.entity_start)
                + slice_bytes(&c.entity_ids)
        })
    }

    /// Decoded bytes of shard `n` of `kind` as held now (0 when not held).
    pub(super) fn decoded_bytes(&self, kind: FileKind, n: usize) -> usize {
        let fst_bytes = |m: &fst::Map<Vec<u8>>| m.as_fst().as_bytes().len();
        match kind {
            FileKind::Meta => self.usage.bytes_of(0),
            FileKind::Dict => self.dict[n].as_ref().map_or(0, |d| d.heap_bytes()),
            FileKind::Postings => self.post[n].as_ref().map_or(0, |p| {
                slice_bytes(&p.starts) + slice_bytes(&p.docs) + slice_bytes(&p.tf)
            }),
            FileKind::Positions => self.pos[n].as_ref().map_or(0, |p| {
                slice_bytes(&p.term_start) + slice_bytes(&p.pos_start) + slice_bytes(&p.positions)
            }),
            FileKind::Docs => self.chunks.get(n).map_or(0, |articles| {
                let each = |a: &Article| {
                    let paras: usize = a.paragraphs.iter().map(String::len).sum();
                    a.id.len()
                        + a.title.len()
                        + a.source.as_ref().map_or(0, String::len)
                        + slice_bytes(&a.paragraphs)
                        + paras
                };
                slice_bytes(articles) + articles.iter().map(each).sum::<usize>()
            }),
            FileKind::Ids => self.ids[n].as_ref().map_or(0, fst_bytes),
            FileKind::Cards => {
                (self.cards.get(n)).map_or(0, |c| c.iter().map(super::Card::heap_bytes).sum())
            }
            FileKind::Notes => self.notes_bytes(n),
            FileKind::GroupFacets => (self.group_facets[n].as_deref())
                .map_or(0, |g| g.iter().map(GroupFacets::heap_bytes).sum()),
            FileKind::DocTimes => self.doc_times.get(n).map_or(0, DocTimes::heap_bytes),
            FileKind::Entities
            | FileKind::EntityKeys
            | FileKind::EntityKinds
            | FileKind::EntityNames
            | FileKind::DocEntities => self.entity_bytes(kind, n),
        }
    }
}
