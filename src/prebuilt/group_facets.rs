//! Facets counted at build time, per stem group (`gfacets-*`): what the
//! facets of a one-word search show, counted over every document of the
//! word's stem group (the documents such a search matches), so that a cold
//! query reads one small file for its facets, not the document entity
//! chunks (`dents-*`) of its top results and the name shards of the
//! entities they show. At Reuters-21578 a frequent word's facets read all
//! 40 `dents-*` chunks (159 KB gzipped) and about ten name shards; and
//! where those read only the top 1,000 results, these count every result.
//!
//! ```text
//! gfacets  v file, v first record, v n, n × record
//! record   v docs, 3 × v total, 3 × (v shown, shown × (vstr name,
//!          u8 0 or KEY_STORED, [vstr key], v count))
//! meta     (the last part of `meta`, with FEATURE_GROUP_FACETS)
//!          v min docs, v dictionary shards × v records,
//!          v files × v records
//! ```
//!
//! A record is written for each stem group of each dictionary shard whose
//! terms' document frequencies add up to at least `min docs`, in dictionary
//! order (shard, then group): the reader decides from the dictionary shard
//! alone whether a group has one and which it is, with no file to ask. The
//! three lists are people, organisations and places
//! ([`crate::index::entities::facet_counts`], the engines' own choice);
//! a name's key is stored only when it is not `entity_key(name)`.
//!
//! Which searches may read them is the engine's call
//! (`engine/prebuilt.rs`): a single plain word, read as its stem group
//! alone (no correction, other spelling or date), whose matches number
//! the record's `docs`.

use std::ops::Range;

use super::format::{expect_end, expect_var, unframe, FileKind};
use super::Prebuilt;
use crate::codec::{err, FormatError, FormatErrorKind, Reader};
use crate::index::entities::entity_key;
use crate::index::first_char;

/// The flag byte of a name whose key follows it (as in `enames-*`).
const KEY_STORED: u8 = 0x80;
/// The most records an index may claim: bounds what damaged metadata could
/// make the reader allocate.
const MAX_RECORDS: u64 = 1 << 28;

/// One entity a record shows: its key, its name, and how many of the
/// group's documents name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub key: String,
    pub name: String,
    pub count: u32,
}

/// The facets of one stem group's documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupFacets {
    /// How many documents hold a term of the group.
    pub docs: u32,
    /// People, organisations and places: how many the documents name in all.
    pub totals: [u32; 3],
    /// The same three: the most named, most first.
    pub shown: [Vec<Shown>; 3],
}

impl GroupFacets {
    /// Read the metadata's last part with
    /// [`super::format::FEATURE_COLLECTION_FACETS`]: the record of all
    /// `docs` documents.
    pub(crate) fn decode_collection(
        r: &mut Reader<'_>,
        docs: usize,
    ) -> Result<GroupFacets, FormatError> {
        let at = r.offset();
        let g = decode_record(r)?;
        if g.docs as usize != docs {
            let kind = FormatErrorKind::Mismatch {
                field: "documents of the collection's facets",
                found: u64::from(g.docs),
                expected: docs as u64,
            };
            return err(at, kind);
        }
        Ok(g)
    }

    /// What the record holds, in bytes (the reader's memory budget).
    pub(super) fn heap_bytes(&self) -> usize {
        let each = |s: &Shown| std::mem::size_of::<Shown>() + s.key.len() + s.name.len();
        std::mem::size_of::<GroupFacets>() + self.shown.iter().flatten().map(each).sum::<usize>()
    }
}

/// What the metadata holds of the records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetsMeta {
    /// A stem group has a record when its terms' document frequencies add
    /// up to at least this (≥ 1).
    pub min_docs: u32,
    /// Each dictionary shard's first record, then the count of records.
    pub shard_firsts: Vec<u32>,
    /// Each file's first record, then the count of records.
    pub file_firsts: Vec<u32>,
}

impl FacetsMeta {
    /// How many records dictionary shard `n` has.
    pub fn shard_records(&self, n: usize) -> usize {
        let at = |i: usize| self.shard_firsts.get(i).map_or(0, |&f| f as usize);
        at(n + 1).saturating_sub(at(n))
    }

    /// The records of file `n`.
    pub fn file_range(&self, n: usize) -> Range<usize> {
        let at = |i: usize| self.file_firsts.get(i).map_or(0, |&f| f as usize);
        at(n)..at(n + 1)
    }

    /// How many files.
    pub fn files(&self) -> usize {
        self.file_firsts.len().saturating_sub(1)
    }

    /// The file holding record `rank`.
    pub fn file_of(&self, rank: u32) -> usize {
        self.file_firsts
            .partition_point(|&f| f <= rank)
            .saturating_sub(1)
    }

    /// The metadata's part (see the module documentation).
    #[cfg(feature = "inpage")]
    pub(crate) fn encode(&self, out: &mut Vec<u8>) {
        use crate::codec::put_varint;
        put_varint(out, u64::from(self.min_docs));
        for firsts in [&self.shard_firsts, &self.file_firsts] {
            put_varint(out, firsts.len().saturating_sub(1) as u64);
            for w in firsts.windows(2) {
                put_varint(out, u64::from(w[1] - w[0]));
            }
        }
    }

    /// Read the metadata's part; the index has `dict_shards` dictionary shards.
    pub(crate) fn decode(
        r: &mut Reader<'_>,
        dict_shards: usize,
    ) -> Result<FacetsMeta, FormatError> {
        let at = r.offset();
        let min_docs = r.var32("facets' least documents")?;
        if min_docs == 0 {
            let kind = FormatErrorKind::Zero {
                field: "facets' least documents",
            };
            return err(at, kind);
        }
        let shard_firsts = read_counts(r, "records of a dictionary shard")?;
        if shard_firsts.len() != dict_shards + 1 {
            let kind = FormatErrorKind::NotBelow {
                field: "dictionary shards with facets",
                value: shard_firsts.len().saturating_sub(1) as u64,
                limit: dict_shards as u64 + 1,
            };
            return err(at, kind);
        }
        let at = r.offset();
        let file_firsts = read_counts(r, "records of a facets file")?;
        if file_firsts.last() != shard_firsts.last() {
            let kind = FormatErrorKind::NotBelow {
                field: "records in facets files",
                value: file_firsts.last().copied().map_or(0, u64::from),
                limit: shard_firsts.last().copied().map_or(0, u64::from) + 1,
            };
            return err(at, kind);
        }
        Ok(FacetsMeta {
            min_docs,
            shard_firsts,
            file_firsts,
        })
    }
}

/// A count, then that many counts, as running totals from 0 (one more
/// than the count): each item's first record, then all records.
fn read_counts(r: &mut Reader<'_>, what: &'static str) -> Result<Vec<u32>, FormatError> {
    let n = r.count(what, 1)?;
    let mut firsts = Vec::with_capacity(n + 1);
    let mut total = 0u64;
    firsts.push(0);
    for _ in 0..n {
        let at = r.offset();
        total += r.varint(what)?;
        if total > MAX_RECORDS {
            let kind = FormatErrorKind::NotBelow {
                field: what,
                value: total,
                limit: MAX_RECORDS,
            };
            return err(at, kind);
        }
        firsts.push(total as u32);
    }
    Ok(firsts)
}

/// Decode `gfacets-*` file `n`: its records, in order.
pub(super) fn decode_file(
    meta: &FacetsMeta,
    n: usize,
    bytes: &[u8],
) -> Result<Vec<GroupFacets>, FormatError> {
    let range = meta.file_range(n);
    let mut r = unframe(bytes, FileKind::GroupFacets)?;
    expect_var(&mut r, "file number", n as u64)?;
    expect_var(&mut r, "first record", range.start as u64)?;
    expect_var(&mut r, "record count", range.len() as u64)?;
    let mut out = Vec::with_capacity(range.len());
    for _ in range {
        out.push(decode_record(&mut r)?);
    }
    expect_end(&r, "stem group facets")?;
    Ok(out)
}

fn decode_record(r: &mut Reader<'_>) -> Result<GroupFacets, FormatError> {
    let mut g = GroupFacets {
        docs: r.var32("documents of a stem group")?,
        ..GroupFacets::default()
    };
    for t in &mut g.totals {
        *t = r.var32("entities of a type")?;
    }
    for (list, &total) in g.shown.iter_mut().zip(&g.totals) {
        let at = r.offset();
        let n = r.count("entities shown", 3)?;
        if n as u64 > u64::from(total) {
            let kind = FormatErrorKind::NotBelow {
                field: "entities shown",
                value: n as u64,
                limit: u64::from(total) + 1,
            };
            return err(at, kind);
        }
        for _ in 0..n {
            let name = r.vstr("entity name")?.to_string();
            let at = r.offset();
            let key = match r.u8("key flag")? {
                0 => entity_key(&name),
                KEY_STORED => r.vstr("entity key")?.to_string(),
                other => {
                    let kind = FormatErrorKind::NotBelow {
                        field: "key flag",
                        value: u64::from(other),
                        limit: u64::from(KEY_STORED) + 1,
                    };
                    return err(at, kind);
                }
            };
            let count = r.var32("documents naming an entity")?;
            list.push(Shown { key, name, count });
        }
    }
    Ok(g)
}

/// What a one-word search's facets find of the word's stem group.
#[derive(Debug, Clone, Copy)]
pub enum GroupFacetsOf<'a> {
    /// The group's record.
    Found(&'a GroupFacets),
    /// The group has a record in a file not added (noted as missing).
    Missing,
    /// Nothing to read: the index has no such records, the word's
    /// dictionary shard is not added (noted), the word has no stem group or
    /// its group none (too few documents), the word's search reads only
    /// part of its group (the terms of the word's first character), its
    /// results are not as many as the record counts (the dictionary shard
    /// says how many), or the page could not have the record's file
    /// ([`Prebuilt::forgo`]).
    Unknown,
}

impl Prebuilt {
    /// Decode and keep `gfacets-*` file `n` (below the file count).
    pub(super) fn add_group_facets(&mut self, n: usize, bytes: &[u8]) -> Result<(), FormatError> {
        let records = match &self.meta.facets {
            Some(meta) => decode_file(meta, n, bytes)?,
            None => {
                return err(
                    0,
                    FormatErrorKind::Zero {
                        field: "stem group facets",
                    },
                )
            }
        };
        if let Some(slot) = self.group_facets.get_mut(n) {
            *slot = Some(records);
        }
        Ok(())
    }

    /// The facets counted at build time over the documents of the stem
    /// group of `word` (a folded word), as a search of it reads that group,
    /// for a search with `results` results: none (nothing fetched) when the
    /// group's terms' document frequencies show that it cannot have as many
    /// documents (fewer than its most frequent term's, or more than all its
    /// terms' together).
    pub fn group_facets(&self, word: &str, results: usize) -> GroupFacetsOf<'_> {
        let Some(meta) = &self.meta.facets else {
            return GroupFacetsOf::Unknown;
        };
        let Some(n) = self.meta.dict_shard_of(first_char(word)) else {
            return GroupFacetsOf::Unknown;
        };
        let Some(shard) = self.dict_for(word) else {
            return GroupFacetsOf::Unknown;
        };
        let Some(g) = shard.groups.find(&self.stemmer.stem(word)) else {
            return GroupFacetsOf::Unknown;
        };
        let group = |g: usize| shard.groups.terms(g);
        let df = |&o: &u32| shard.df.get(o as usize).copied().map_or(0, u64::from);
        let docs = |g: usize| -> u64 { group(g).iter().map(df).sum() };
        let min = u64::from(meta.min_docs);
        // A search reads the group's terms of the word's first character
        // only: the record counts them all.
        let first = first_char(word);
        let whole = group(g)
            .iter()
            .all(|&o| first_char(&shard.texts[o as usize]) == first);
        let most = group(g).iter().map(df).max().unwrap_or(0);
        let results = results as u64;
        if docs(g) < min || !whole || results < most || results > docs(g) {
            return GroupFacetsOf::Unknown;
        }
        let before = (0..g).filter(|&h| docs(h) >= min).count();
        // The dictionary says how many documents the record counts: results
        // of another number (another spelling's or the typed word's group
        // beside a correction's) cannot use it, nor fetch it.
        if shard.record_docs.get(before).map(|&d| u64::from(d)) != Some(results) {
            return GroupFacetsOf::Unknown;
        }
        let rank = u64::from(meta.shard_firsts.get(n).copied().unwrap_or(0)) + before as u64;
        let Ok(rank) = u32::try_from(rank) else {
            return GroupFacetsOf::Unknown;
        };
        let file = meta.file_of(rank);
        if self.forgone_facets.contains(&file) {
            return GroupFacetsOf::Unknown;
        }
        let first_record = meta.file_firsts.get(file).copied().unwrap_or(0);
        match self.group_facets.get(file) {
            Some(Some(records)) => {
                self.touch(FileKind::GroupFacets, file);
                match records.get((rank - first_record) as usize) {
                    Some(r) => GroupFacetsOf::Found(r),
                    None => GroupFacetsOf::Unknown,
                }
            }
            Some(None) => {
                self.need(FileKind::GroupFacets, file);
                GroupFacetsOf::Missing
            }
            None => GroupFacetsOf::Unknown,
        }
    }
}

#[cfg(feature = "inpage")]
pub(crate) use writer::{collection_record, FacetsWriter};

#[cfg(feature = "inpage")]
mod writer {
    use super::{FacetsMeta, KEY_STORED};
    use crate::codec::{put_varint, put_vstr};
    use crate::index::entities::{entity_key, facet_counts, EntityIndex, FACET_SIZE};
    use crate::index::DocId;
    use crate::prebuilt::format::FileKind;

    /// Where written files go: kind, file number, payload (the writer's
    /// `Emit`, which this module does not import: the writer imports it).
    type Emit<'e, E> = dyn FnMut(FileKind, usize, &[u8]) -> Result<(), E> + 'e;

    /// Writes the records of the stem groups, one dictionary shard at a
    /// time, into files of about `file_bytes` each.
    pub(crate) struct FacetsWriter<'a> {
        ents: &'a EntityIndex,
        min_docs: u32,
        file_bytes: usize,
        /// The open file's records, encoded, and how many.
        open: Vec<u8>,
        open_records: u32,
        meta: FacetsMeta,
    }

    /// One counter's scratch space: documents naming each entity (zero
    /// between groups) and the entities counted; the last group (by number)
    /// that counted each document.
    #[derive(Default)]
    struct Scratch {
        counts: Vec<u32>,
        named: Vec<u32>,
        stamp: Vec<u32>,
        group: u32,
    }

    impl<'a> FacetsWriter<'a> {
        pub(crate) fn new(ents: &'a EntityIndex, min_docs: u32, file_bytes: usize) -> Self {
            FacetsWriter {
                ents,
                min_docs: min_docs.max(1),
                file_bytes: file_bytes.max(1),
                open: Vec::new(),
                open_records: 0,
                meta: FacetsMeta {
                    min_docs: min_docs.max(1),
                    shard_firsts: vec![0],
                    file_firsts: vec![0],
                },
            }
        }

        /// The next dictionary shard's stem groups, in the shard's order,
        /// each as its terms' document lists (ascending); returns how many
        /// documents each record written counts (what the dictionary
        /// shard states of them: `super::dict`).
        pub(crate) fn shard<'d, E>(
            &mut self,
            groups: impl Iterator<Item = Vec<&'d [DocId]>>,
            emit: &mut Emit<'_, E>,
        ) -> Result<Vec<u32>, E> {
            let min = u64::from(self.min_docs);
            let groups: Vec<Vec<&[DocId]>> = groups
                .filter(|lists| lists.iter().map(|l| l.len() as u64).sum::<u64>() >= min)
                .collect();
            let ents = self.ents;
            // Counted on every core (a frequent word's group reads thousands
            // of documents' entities), written in order.
            #[cfg(feature = "parallel")]
            let records: Vec<(u32, Vec<u8>)> = {
                use rayon::prelude::*;
                (groups.par_iter())
                    .map_init(Scratch::default, |s, lists| s.record(ents, lists))
                    .collect()
            };
            #[cfg(not(feature = "parallel"))]
            let records: Vec<(u32, Vec<u8>)> = {
                let mut s = Scratch::default();
                groups.iter().map(|lists| s.record(ents, lists)).collect()
            };
            for (_, r) in &records {
                self.open.extend_from_slice(r);
                self.open_records += 1;
                if self.open.len() >= self.file_bytes {
                    self.flush(emit)?;
                }
            }
            let last = self.meta.shard_firsts.last().copied().unwrap_or(0);
            self.meta.shard_firsts.push(last + records.len() as u32);
            Ok(records.into_iter().map(|(docs, _)| docs).collect())
        }

        /// Close the last file; what the metadata says of the records.
        pub(crate) fn finish<E>(mut self, emit: &mut Emit<'_, E>) -> Result<FacetsMeta, E> {
            if self.open_records > 0 {
                self.flush(emit)?;
            }
            Ok(self.meta)
        }

        fn flush<E>(&mut self, emit: &mut Emit<'_, E>) -> Result<(), E> {
            let n = self.meta.file_firsts.len() - 1;
            let first = self.meta.file_firsts[n];
            let mut out = Vec::with_capacity(self.open.len() + 12);
            put_varint(&mut out, n as u64);
            put_varint(&mut out, u64::from(first));
            put_varint(&mut out, u64::from(self.open_records));
            out.extend_from_slice(&self.open);
            emit(FileKind::GroupFacets, n, &out)?;
            self.meta.file_firsts.push(first + self.open_records);
            self.open.clear();
            self.open_records = 0;
            Ok(())
        }
    }

    /// The record of documents `0..docs`, every one of the index, encoded
    /// (the metadata's part with `FEATURE_COLLECTION_FACETS`): what the
    /// facets of a search that matches every document show.
    pub(crate) fn collection_record(ents: &EntityIndex, docs: DocId) -> Vec<u8> {
        let all: Vec<DocId> = (0..docs).collect();
        Scratch::default().record(ents, &[&all]).1
    }

    impl Scratch {
        /// The record of the union of `lists`, encoded.
        /// The group's record, and how many documents it counts.
        fn record(&mut self, ents: &EntityIndex, lists: &[&[DocId]]) -> (u32, Vec<u8>) {
            if self.counts.len() < ents.records().len() {
                self.counts.resize(ents.records().len(), 0);
            }
            // Each document once, whichever of the group's terms it holds:
            // stamped with the group's number (no sort of the union).
            self.group = self.group.wrapping_add(1);
            if self.group == 0 {
                self.stamp.iter_mut().for_each(|s| *s = 0);
                self.group = 1;
            }
            let mut docs = 0usize;
            for &doc in lists.iter().flat_map(|l| l.iter()) {
                let d = doc as usize;
                if d >= self.stamp.len() {
                    self.stamp.resize(d + 1, 0);
                }
                if self.stamp[d] == self.group {
                    continue;
                }
                self.stamp[d] = self.group;
                docs += 1;
                for &e in ents.entities_of_doc(doc) {
                    if let Some(c) = self.counts.get_mut(e as usize) {
                        if *c == 0 {
                            self.named.push(e);
                        }
                        *c += 1;
                    }
                }
            }
            let counts: Vec<(u32, u32)> = (self.named.drain(..))
                .map(|e| (e, std::mem::take(&mut self.counts[e as usize])))
                .collect();
            let f = facet_counts(counts, |e| ents.record(e).map(|r| r.kind), FACET_SIZE);
            let mut out = Vec::new();
            put_varint(&mut out, docs as u64);
            for t in f.totals {
                put_varint(&mut out, t as u64);
            }
            for top in &f.top {
                put_varint(&mut out, top.len() as u64);
                for &(e, n) in top {
                    // Every entity counted has a record (`facet_counts` keeps
                    // only those with a type, read from it).
                    let Some(r) = ents.record(e) else { continue };
                    put_vstr(&mut out, &r.name);
                    if r.key == entity_key(&r.name) {
                        out.push(0);
                    } else {
                        out.push(KEY_STORED);
                        put_vstr(&mut out, &r.key);
                    }
                    put_varint(&mut out, u64::from(n));
                }
            }
            (docs as u32, out)
        }
    }
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;

    #[test]
    fn the_metadata_part_reads_back_and_is_checked_against_the_dictionary() {
        let meta = FacetsMeta {
            min_docs: 2,
            shard_firsts: vec![0, 3, 3, 7],
            file_firsts: vec![0, 5, 7],
        };
        let mut out = Vec::new();
        meta.encode(&mut out);
        let back = FacetsMeta::decode(&mut Reader::new(&out, 0), 3).expect("reads back");
        assert_eq!(back, meta);
        assert_eq!((back.files(), back.file_of(4), back.file_of(5)), (2, 0, 1));
        assert_eq!(back.file_range(1), 5..7);
        let e = FacetsMeta::decode(&mut Reader::new(&out, 0), 4).expect_err("4 shards");
        assert!(
            e.to_string().contains("dictionary shards with facets"),
            "{e}"
        );
    }

    #[test]
    fn a_record_reads_back_and_a_bad_flag_is_named() {
        let mut out = Vec::new();
        for v in [5u64, 1, 0, 0, 1] {
            crate::codec::put_varint(&mut out, v);
        }
        crate::codec::put_vstr(&mut out, "Sergei Lavrov");
        out.push(0);
        crate::codec::put_varint(&mut out, 4);
        out.extend([0, 0]);
        let g = decode_record(&mut Reader::new(&out, 0)).expect("a record");
        assert_eq!((g.docs, g.totals), (5, [1, 0, 0]));
        assert_eq!(g.shown[0][0].key, "sergei-lavrov");
        assert_eq!(g.shown[0][0].count, 4);
        // The flag, then the count (4) and the two empty lists.
        let flag = out.len() - 4;
        out[flag] = 7;
        let e = decode_record(&mut Reader::new(&out, 0)).expect_err("flag 7");
        assert!(e.to_string().contains("key flag"), "{e}");
        // The collection's record counts every document of the index.
        out[flag] = 0;
        let g = GroupFacets::decode_collection(&mut Reader::new(&out, 0), 5).expect("5 documents");
        assert_eq!(g.docs, 5);
        let e = GroupFacets::decode_collection(&mut Reader::new(&out, 0), 6).expect_err("not 6");
        assert!(e.to_string().contains("collection's facets"), "{e}");
    }
}
