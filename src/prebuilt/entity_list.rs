//! The entity list of a prebuilt index, in pieces a request reads on its
//! own: a search's facets read which entities its top results name
//! (`dents-*`, or for a few scattered results their notes chunks:
//! [`Prebuilt::entities_of_docs`]), their types and the names of the few it shows (`enames-*`),
//! a filter the documents of the entities it names (`ents-*`), the reader
//! the keys of those its article mentions. Before version 3, one file held
//! the whole list (at Reuters-21578, 33,370 entities, 836 KB gzipped);
//! before version 4 the names came with each entity's documents and facets
//! read the whole notes chunk of every top result (events, mentions,
//! boilerplate: 6.8 MB over 20 cold queries) to learn whom it names.
//!
//! Five kinds of file (framed like every other, see [`super::format`]):
//!
//! ```text
//! enames  v shard, v first entity, v n, n × (vstr name, u8 type | KEY_STORED,
//!           [vstr key], v mentions)
//!         entities first..first+n, n = the metadata's names per shard (the
//!         last shard the rest): ids are the in-page index's, most
//!         mentioned first, so the names facets show lie in the first shards;
//!         the key is stored only when it is not `entity_key(name)` (flag
//!         [`KEY_STORED`] on the type byte), and aliases are not here:
//!         facets show names only
//! ents    v shard, v first entity, v n, n × (v docs, docs × v doc gap,
//!           v aliases × vstr)
//!         the same entities' documents and aliases (what an entity's own
//!         view reads), n = the entities per shard
//! ekeys   v shard, v n, n × (vstr key, v entity)   every entity's key, by
//!         `id_shard(key, key shards)`; sorted by key, then entity
//! ekinds  v n, n × u8 type                         every entity's type, by id
//! dents   v chunk, v first doc, v n, n × (v count, count × v entity gap)
//!         documents first..first+n (n = the metadata's documents per
//!         chunk, the last chunk the rest): the distinct entities each
//!         names, ascending
//! ```
//!
//! and, with [`FEATURE_ENTITIES`](super::format::FEATURE_ENTITIES), the
//! metadata's entities part ([`EntitiesMeta`]), after its events part:
//!
//! ```text
//! v entities, v mentions, v entities per ents shard, v entities per enames
//! shard, v key shards, v documents per dents chunk
//! ```
//!
//! The types file is small (a byte an entity, gzipped to almost nothing: at
//! Reuters-21578 a few hundred bytes) and is the one a page fetches once
//! entities are wanted (`needs_entities`): facets count by type. Kept once
//! added, as the metadata is; name, document, key and document-entity
//! shards are evicted like any other file.
//!
//! Before version 6 each name came with its key and aliases: at
//! Reuters-21578 a shard of 256 names was about 5.3 KB gzipped, and is 2.2
//! KB without them (all 131 shards: 676 → 320 KB); a cold query's facets
//! read about ten.

use super::chunking::{all_or_none, Chunking};
use crate::codec::{below, err, positive_below, FormatError, FormatErrorKind, Reader};
use crate::entity_type::EntityType;
use crate::index::entities::{entity_key, EntityList, EntityRecord};
use crate::index::DocId;

use super::format::{expect_end, expect_var, read_gaps, unframe, FileKind};
use super::{id_shard, Prebuilt};

/// Entities per `ents-*` shard as `dateline build` writes them
/// (`WriteOptions::entities_per_shard`): the documents of the first (most
/// mentioned) are long, so a filter by one of them reads little besides.
#[cfg(feature = "inpage")]
pub const ENTITIES_PER_SHARD: usize = 512;
/// Entities per `enames-*` shard (`WriteOptions::names_per_shard`): ids
/// go by mentions, so the facets of most queries show names from the first
/// few shards; a shard of 1,024 names was 19 KB gzipped, and a cold query
/// at Reuters-21578 read about four of them (256: 72 -> 32 KB a query).
#[cfg(feature = "inpage")]
pub const NAMES_PER_SHARD: usize = 256;
/// Documents per `dents-*` chunk (`WriteOptions::docs_per_dents`): facets
/// over a query's top 1,000 results read at most that many chunks, each a
/// few KB (a few varints a document).
#[cfg(feature = "inpage")]
pub const DOCS_PER_DENTS: usize = 512;
/// Gzipped bytes of one document's entities in a `dents-*` chunk, about
/// (8.3 at Reuters-21578: 4,235 B a chunk of 512; 16 at ukraine2022).
const DENTS_DOC_BYTES: usize = 8;
/// Keys per `ekeys-*` shard, on average (keys are hashed into shards;
/// `WriteOptions::keys_per_shard`).
#[cfg(feature = "inpage")]
pub const KEYS_PER_SHARD: usize = 2048;
/// The type byte's flag in `enames-*`: the entity's key follows its name
/// (it is not `entity_key(name)`, as every key the CLI writes is).
const KEY_STORED: u8 = 0x80;
/// The most entities an index may claim: bounds what a damaged metadata
/// file could make the reader allocate (a slot per shard).
const MAX_ENTITIES: u64 = 1 << 28;

/// What the metadata holds of an index's entity list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EntitiesMeta {
    /// How many entities (ids `0..entities`).
    pub entities: u32,
    /// Their mentions, all told.
    pub mentions: u64,
    /// Entities per `ents-*` shard (≥ 1).
    pub per_shard: u32,
    /// Entities per `enames-*` shard (≥ 1).
    pub names_per_shard: u32,
    /// How many `ekeys-*` shards (≥ 1 when there are entities).
    pub key_shards: u32,
    /// Documents per `dents-*` chunk (≥ 1).
    pub docs_per_chunk: u32,
}

/// Items `first..end` of shard `n` of `per` items each, of `total`.
fn range_of(n: usize, per: u32, total: usize) -> std::ops::Range<usize> {
    fixed(per, total).range(n)
}

/// `total` items in shards of `per` (at least one) each.
fn fixed(per: u32, total: usize) -> Chunking {
    Chunking::new(per.max(1), total).unwrap_or_else(|| unreachable!("per is at least 1"))
}

impl EntitiesMeta {
    /// How many `ents-*` shards.
    pub fn record_shards(&self) -> usize {
        (self.entities as usize).div_ceil(self.per_shard.max(1) as usize)
    }

    /// How many `enames-*` shards.
    pub fn name_shards(&self) -> usize {
        (self.entities as usize).div_ceil(self.names_per_shard.max(1) as usize)
    }

    /// The `dents-*` chunks of an index of `docs` documents.
    pub fn dents(&self, docs: usize) -> Chunking {
        fixed(self.docs_per_chunk, docs)
    }

    /// Entities `first..end` of `ents-*` shard `n`.
    fn shard_range(&self, n: usize) -> std::ops::Range<usize> {
        range_of(n, self.per_shard, self.entities as usize)
    }

    /// Entities `first..end` of `enames-*` shard `n`.
    fn names_range(&self, n: usize) -> std::ops::Range<usize> {
        range_of(n, self.names_per_shard, self.entities as usize)
    }
}

/// A `dents-*` chunk as held: document `first + i` names entities
/// `entities[start[i]..start[i + 1]]`, ascending.
#[derive(Debug, Default)]
pub(super) struct DocEntities {
    first: DocId,
    start: Vec<u32>,
    entities: Vec<u32>,
}

/// An entity as its `ents-*` shard holds it.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct EntityDocs {
    /// The documents naming it, ascending.
    docs: Vec<DocId>,
    /// Its surface forms, most frequent first.
    aliases: Vec<String>,
}

/// The entity files a prebuilt index holds, as far as added (the
/// reader's own bookkeeping: read through [`Prebuilt`]).
#[derive(Debug, Default)]
pub struct EntityFiles {
    /// Every entity's type, by id, once `ekinds-0000` is added.
    pub(super) kinds: Option<Vec<EntityType>>,
    /// Each `enames-*` shard added: its entities' records, without their
    /// documents (`docs` is empty: those are `ents-*`'s).
    pub(super) records: Vec<Option<Vec<EntityRecord>>>,
    /// Each `ents-*` shard added: its entities' documents and aliases.
    pub(super) docs: Vec<Option<Vec<EntityDocs>>>,
    /// Each `ekeys-*` shard added: (key, entity), sorted.
    pub(super) keys: Vec<Option<Vec<(String, u32)>>>,
    /// Each `dents-*` chunk added.
    pub(super) dents: Vec<Option<DocEntities>>,
}

/// `n` empty slots.
fn slots<T>(n: usize) -> Vec<Option<T>> {
    (0..n).map(|_| None).collect()
}

impl EntityFiles {
    /// No file added yet of an index of `docs` documents with `meta`'s entities.
    pub(super) fn new(meta: Option<&EntitiesMeta>, docs: usize) -> EntityFiles {
        let m = meta.copied().unwrap_or_default();
        EntityFiles {
            kinds: None,
            records: slots(m.name_shards()),
            docs: slots(m.record_shards()),
            keys: slots(m.key_shards as usize),
            dents: slots(meta.map_or(0, |m| m.dents(docs).count())),
        }
    }

    /// How many files of entity `kind` the index has (0 for other kinds).
    pub(super) fn count(&self, kind: FileKind) -> usize {
        match kind {
            FileKind::EntityNames => self.records.len(),
            FileKind::Entities => self.docs.len(),
            FileKind::EntityKeys => self.keys.len(),
            FileKind::DocEntities => self.dents.len(),
            _ => 0,
        }
    }

    /// Whether entity file `n` of `kind` is held.
    pub(super) fn has(&self, kind: FileKind, n: usize) -> bool {
        match kind {
            FileKind::EntityKinds => n == 0 && self.kinds.is_some(),
            FileKind::EntityNames => self.records.get(n).is_some_and(Option::is_some),
            FileKind::Entities => self.docs.get(n).is_some_and(Option::is_some),
            FileKind::EntityKeys => self.keys.get(n).is_some_and(Option::is_some),
            FileKind::DocEntities => self.dents.get(n).is_some_and(Option::is_some),
            _ => false,
        }
    }

    /// Forget entity file `n` of `kind` (never the types: they are pinned).
    pub(super) fn drop_file(&mut self, kind: FileKind, n: usize) {
        fn clear<T>(slots: &mut [Option<T>], n: usize) {
            if let Some(slot) = slots.get_mut(n) {
                *slot = None;
            }
        }
        match kind {
            FileKind::EntityNames => clear(&mut self.records, n),
            FileKind::Entities => clear(&mut self.docs, n),
            FileKind::EntityKeys => clear(&mut self.keys, n),
            FileKind::DocEntities => clear(&mut self.dents, n),
            _ => {}
        }
    }

    /// The slots the index keeps for its entity files (the metadata's share).
    pub(super) fn slot_bytes(&self) -> usize {
        use super::cache::slice_bytes;
        slice_bytes(&self.records)
            + slice_bytes(&self.docs)
            + slice_bytes(&self.keys)
            + slice_bytes(&self.dents)
    }
}

/// Append the entities part to a metadata payload.
#[cfg(feature = "inpage")]
pub(crate) fn encode_meta(out: &mut Vec<u8>, m: &EntitiesMeta) {
    use crate::codec::put_varint;
    put_varint(out, u64::from(m.entities));
    put_varint(out, m.mentions);
    put_varint(out, u64::from(m.per_shard));
    put_varint(out, u64::from(m.names_per_shard));
    put_varint(out, u64::from(m.key_shards));
    put_varint(out, u64::from(m.docs_per_chunk));
}

impl EntitiesMeta {
    /// Read the entities part of a metadata payload.
    pub(crate) fn decode(r: &mut Reader<'_>) -> Result<EntitiesMeta, FormatError> {
        decode_meta(r)
    }
}

fn decode_meta(r: &mut Reader<'_>) -> Result<EntitiesMeta, FormatError> {
    let at = r.offset();
    let entities = r.varint("entity count")?;
    let mentions = r.varint("entity mention total")?;
    let per_shard = r.varint("entities per shard")?;
    let names_per_shard = r.varint("entity names per shard")?;
    let key_shards = r.varint("entity key shard count")?;
    let docs_per_chunk = r.varint("documents per entity chunk")?;
    below(at, "entity count", entities, MAX_ENTITIES)?;
    positive_below(at, "entities per shard", per_shard, MAX_ENTITIES + 1)?;
    positive_below(
        at,
        "entity names per shard",
        names_per_shard,
        MAX_ENTITIES + 1,
    )?;
    // Documents are counted in u32 (a chunk of them all at most).
    let docs_limit = u64::from(u32::MAX) + 1;
    positive_below(at, "documents per entity chunk", docs_per_chunk, docs_limit)?;
    // A shard per key at most, and one at least when there are entities.
    if entities > 0 {
        positive_below(at, "entity key shard count", key_shards, entities + 1)?;
    } else {
        below(at, "entity key shard count", key_shards, 1)?;
    }
    Ok(EntitiesMeta {
        entities: entities as u32,
        mentions,
        per_shard: per_shard as u32,
        names_per_shard: names_per_shard as u32,
        key_shards: key_shards as u32,
        docs_per_chunk: docs_per_chunk as u32,
    })
}

/// How `dateline build` shards the entity files (`WriteOptions`' fields
/// of the same names).
#[cfg(feature = "inpage")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntitySharding {
    /// Entities per `ents-*` shard.
    pub per_shard: usize,
    /// Entities per `enames-*` shard.
    pub names_per_shard: usize,
    /// Keys per `ekeys-*` shard, on average.
    pub per_key_shard: usize,
    /// Documents per `dents-*` chunk.
    pub docs_per_chunk: usize,
}

/// Shards of `per` items each: (shard, first item, its items).
#[cfg(feature = "inpage")]
fn shard_header(out: &mut Vec<u8>, n: usize, per: usize, len: usize) {
    use crate::codec::put_varint;
    put_varint(out, n as u64);
    put_varint(out, (n * per) as u64);
    put_varint(out, len as u64);
}

/// The files of the entity list `records` (ids = positions), each as
/// (kind, shard, payload), sharded as `sharding` says, and the metadata's
/// entities part. The `dents-*` chunks are [`encode_doc_entities`]'.
#[cfg(feature = "inpage")]
pub(crate) fn encode_files(
    records: &[EntityRecord],
    sharding: EntitySharding,
) -> (Vec<(FileKind, usize, Vec<u8>)>, EntitiesMeta) {
    use crate::codec::{put_varint, put_vstr};
    let per_shard = sharding.per_shard.max(1);
    let names_per_shard = sharding.names_per_shard.max(1);
    let meta = EntitiesMeta {
        entities: records.len() as u32,
        mentions: records.iter().map(|r| r.mentions as u64).sum(),
        per_shard: per_shard as u32,
        names_per_shard: names_per_shard as u32,
        key_shards: records.len().div_ceil(sharding.per_key_shard.max(1)) as u32,
        docs_per_chunk: sharding.docs_per_chunk.clamp(1, u32::MAX as usize) as u32,
    };
    let mut files = Vec::new();
    let mut kinds = Vec::with_capacity(records.len() + 4);
    put_varint(&mut kinds, records.len() as u64);
    kinds.extend(records.iter().map(|r| r.kind.index()));
    files.push((FileKind::EntityKinds, 0, kinds));
    for (n, shard) in records.chunks(names_per_shard).enumerate() {
        let mut out = Vec::new();
        shard_header(&mut out, n, names_per_shard, shard.len());
        for r in shard {
            put_vstr(&mut out, &r.name);
            if r.key == entity_key(&r.name) {
                out.push(r.kind.index());
            } else {
                out.push(r.kind.index() | KEY_STORED);
                put_vstr(&mut out, &r.key);
            }
            put_varint(&mut out, r.mentions as u64);
        }
        files.push((FileKind::EntityNames, n, out));
    }
    for (n, shard) in records.chunks(per_shard).enumerate() {
        let mut out = Vec::new();
        shard_header(&mut out, n, per_shard, shard.len());
        for r in shard {
            put_varint(&mut out, r.docs.len() as u64);
            super::format::put_gaps(&mut out, r.docs.iter().copied());
            put_varint(&mut out, r.aliases.len() as u64);
            r.aliases.iter().for_each(|a| put_vstr(&mut out, a));
        }
        files.push((FileKind::Entities, n, out));
    }
    let shards = meta.key_shards as usize;
    let mut buckets: Vec<Vec<(&str, u32)>> = vec![Vec::new(); shards];
    for (e, r) in records.iter().enumerate() {
        buckets[id_shard(&r.key, shards)].push((r.key.as_str(), e as u32));
    }
    for (n, mut bucket) in buckets.into_iter().enumerate() {
        crate::sort::sort(&mut bucket);
        let mut out = Vec::new();
        put_varint(&mut out, n as u64);
        put_varint(&mut out, bucket.len() as u64);
        for (key, e) in bucket {
            put_vstr(&mut out, key);
            put_varint(&mut out, u64::from(e));
        }
        files.push((FileKind::EntityKeys, n, out));
    }
    (files, meta)
}

/// `dents-*` chunk `n` of `meta`'s size: documents `docs` (those of the
/// chunk), each with the distinct entities it names (`entities_of(doc)`,
/// any order: written ascending).
#[cfg(feature = "inpage")]
pub(crate) fn encode_doc_entities<'a>(
    meta: &EntitiesMeta,
    n: usize,
    docs: std::ops::Range<DocId>,
    entities_of: impl Fn(DocId) -> &'a [u32],
) -> Vec<u8> {
    use crate::codec::put_varint;
    let mut out = Vec::new();
    shard_header(&mut out, n, meta.docs_per_chunk as usize, docs.len());
    let mut sorted = Vec::new();
    for doc in docs {
        sorted.clear();
        sorted.extend_from_slice(entities_of(doc));
        crate::sort::sort(&mut sorted[..]);
        sorted.dedup();
        put_varint(&mut out, sorted.len() as u64);
        super::format::put_gaps(&mut out, sorted.iter().copied());
    }
    out
}

/// A type byte read at `at`.
fn read_type(r: &mut Reader<'_>, field: &'static str) -> Result<EntityType, FormatError> {
    let at = r.offset();
    let kind = r.u8(field)?;
    below(at, field, u64::from(kind), 4)?;
    Ok(EntityType::from_index(kind))
}

/// Decode the types file of an index with `meta`'s entities.
pub(super) fn decode_kinds(
    meta: &EntitiesMeta,
    bytes: &[u8],
) -> Result<Vec<EntityType>, FormatError> {
    let mut r = unframe(bytes, FileKind::EntityKinds)?;
    expect_var(&mut r, "entity count", u64::from(meta.entities))?;
    let mut out = Vec::with_capacity(meta.entities as usize);
    for _ in 0..meta.entities {
        out.push(read_type(&mut r, "entity type")?);
    }
    expect_end(&r, "entity types")?;
    Ok(out)
}

/// The reader over shard `n` of `kind` after its header, which must name
/// the shard, its first item and its `range` of items.
fn open_shard<'b>(
    bytes: &'b [u8],
    kind: FileKind,
    n: usize,
    range: &std::ops::Range<usize>,
) -> Result<Reader<'b>, FormatError> {
    let mut r = unframe(bytes, kind)?;
    expect_var(&mut r, "shard number", n as u64)?;
    expect_var(&mut r, "first item", range.start as u64)?;
    expect_var(&mut r, "item count", range.len() as u64)?;
    Ok(r)
}

/// Decode `enames-*` shard `n`: its entities' records, without documents
/// or aliases (those are `ents-*`'s).
pub(super) fn decode_names(
    meta: &EntitiesMeta,
    n: usize,
    bytes: &[u8],
) -> Result<Vec<EntityRecord>, FormatError> {
    let range = meta.names_range(n);
    let mut r = open_shard(bytes, FileKind::EntityNames, n, &range)?;
    let mut out = Vec::with_capacity(range.len());
    for _ in range {
        let name = r.vstr("entity name")?.to_string();
        let at = r.offset();
        let byte = r.u8("entity type")?;
        below(at, "entity type", u64::from(byte & !KEY_STORED), 4)?;
        let kind = EntityType::from_index(byte & !KEY_STORED);
        let key = match byte & KEY_STORED {
            0 => entity_key(&name),
            _ => r.vstr("entity key")?.to_string(),
        };
        let mentions = r.varint("entity mention count")? as usize;
        out.push(EntityRecord {
            key,
            name,
            kind,
            aliases: Vec::new(),
            mentions,
            docs: Vec::new(),
        });
    }
    expect_end(&r, "entity name shard")?;
    Ok(out)
}

/// Decode `ents-*` shard `n` of an index of `docs` documents: each of its
/// entities' documents, ascending, and aliases.
pub(super) fn decode_docs(
    meta: &EntitiesMeta,
    n: usize,
    docs: usize,
    bytes: &[u8],
) -> Result<Vec<EntityDocs>, FormatError> {
    let range = meta.shard_range(n);
    let mut r = open_shard(bytes, FileKind::Entities, n, &range)?;
    let mut out = Vec::with_capacity(range.len());
    for _ in range {
        let count = r.count("entity article count", 1)?;
        let mut list = Vec::with_capacity(count);
        read_gaps(&mut r, count, docs as u64, "entity article", &mut list)?;
        let count = r.count("alias count", 1)?;
        let mut aliases = Vec::with_capacity(count);
        for _ in 0..count {
            aliases.push(r.vstr("alias")?.to_string());
        }
        out.push(EntityDocs {
            docs: list,
            aliases,
        });
    }
    expect_end(&r, "entity document shard")?;
    Ok(out)
}

/// Decode `dents-*` chunk `n` of an index of `docs` documents: each
/// document's entities, ascending, each one of the index's.
pub(super) fn decode_dents(
    meta: &EntitiesMeta,
    n: usize,
    docs: usize,
    bytes: &[u8],
) -> Result<DocEntities, FormatError> {
    let range = range_of(n, meta.docs_per_chunk, docs);
    let mut r = open_shard(bytes, FileKind::DocEntities, n, &range)?;
    let mut start = Vec::with_capacity(range.len() + 1);
    start.push(0);
    let mut entities = Vec::new();
    let limit = u64::from(meta.entities);
    for _ in range.clone() {
        let count = r.count("entities of a document", 1)?;
        read_gaps(&mut r, count, limit, "document's entity", &mut entities)?;
        start.push(entities.len() as u32);
    }
    expect_end(&r, "document entity chunk")?;
    Ok(DocEntities {
        first: range.start as DocId,
        start,
        entities,
    })
}

/// Decode `ekeys-*` shard `n`: its (key, entity) pairs, which must ascend
/// (look-ups search them) and name entities of the index.
pub(super) fn decode_keys(
    meta: &EntitiesMeta,
    n: usize,
    bytes: &[u8],
) -> Result<Vec<(String, u32)>, FormatError> {
    let mut r = unframe(bytes, FileKind::EntityKeys)?;
    expect_var(&mut r, "shard number", n as u64)?;
    let count = r.count("key count", 2)?;
    let mut out: Vec<(String, u32)> = Vec::with_capacity(count);
    for _ in 0..count {
        let at = r.offset();
        let key = r.vstr("entity key")?.to_string();
        let e = r.var32("key's entity")?;
        let fits = e < meta.entities;
        let ascends = out
            .last()
            .is_none_or(|(k, p)| (k.as_str(), *p) < (key.as_str(), e));
        if !fits || !ascends {
            let kind = FormatErrorKind::OutOfOrder {
                field: "entity keys",
                value: Some(u64::from(e)),
                limit: u64::from(meta.entities),
            };
            return err(at, kind);
        }
        out.push((key, e));
    }
    expect_end(&r, "entity key shard")?;
    Ok(out)
}

/// The bytes shard `n` of `kind` holds decoded (0 when not held).
fn heap_bytes(files: &EntityFiles, kind: FileKind, n: usize) -> usize {
    use super::cache::slice_bytes;
    match kind {
        FileKind::EntityKinds => files.kinds.as_deref().map_or(0, slice_bytes),
        FileKind::EntityNames => (files.records.get(n))
            .and_then(Option::as_deref)
            .map_or(0, crate::index::entities::records_heap_bytes),
        FileKind::Entities => (files.docs.get(n))
            .and_then(Option::as_deref)
            .map_or(0, |d| {
                let each = |e: &EntityDocs| {
                    slice_bytes(&e.docs)
                        + slice_bytes(&e.aliases)
                        + e.aliases.iter().map(String::len).sum::<usize>()
                };
                slice_bytes(d) + d.iter().map(each).sum::<usize>()
            }),
        FileKind::DocEntities => (files.dents.get(n))
            .and_then(Option::as_ref)
            .map_or(0, |c| slice_bytes(&c.start) + slice_bytes(&c.entities)),
        FileKind::EntityKeys => (files.keys.get(n))
            .and_then(Option::as_deref)
            .map_or(0, |k| {
                slice_bytes(k) + k.iter().map(|(s, _)| s.len()).sum::<usize>()
            }),
        _ => 0,
    }
}

/// The result of looking a key up in its shard.
enum KeyFound {
    /// The entity with that key (the first, when types share it).
    Entity(u32),
    /// No entity has it.
    None,
    /// Its shard is not added yet (noted).
    Missing,
}

impl Prebuilt {
    /// Decode and keep entity file `n` of `kind` (`enames-*`, `ents-*`,
    /// `ekeys-*`, `dents-*` or `ekinds-0000`; `add_file` checked the shard
    /// number).
    pub(super) fn add_entity_file(
        &mut self,
        kind: FileKind,
        n: usize,
        bytes: &[u8],
    ) -> Result<(), FormatError> {
        let meta = self.meta.entities.unwrap_or_default();
        let docs = self.meta.docs;
        let files = &mut self.entity_files;
        match kind {
            FileKind::EntityNames => files.records[n] = Some(decode_names(&meta, n, bytes)?),
            FileKind::Entities => files.docs[n] = Some(decode_docs(&meta, n, docs, bytes)?),
            FileKind::EntityKeys => files.keys[n] = Some(decode_keys(&meta, n, bytes)?),
            FileKind::DocEntities => files.dents[n] = Some(decode_dents(&meta, n, docs, bytes)?),
            _ => files.kinds = Some(decode_kinds(&meta, bytes)?),
        }
        Ok(())
    }

    /// The distinct entities of each of `docs` (in that order), ascending
    /// (none in an index without entities); `None` while some are not at
    /// hand (the files they are in are noted): counts over part of them
    /// would ask for the names of entities the whole may not show.
    ///
    /// A document's entities are in two files: its `dents-*` chunk (a few
    /// bytes a document, hundreds of documents) and its notes chunk (its
    /// mentions, about ten times the bytes a document, a few documents).
    /// Facets over a thousand results read `dents-*`; over a few dozen
    /// scattered ones (a two-word or phrase search), a chunk of hundreds
    /// for each would cost more than their notes: at Reuters-21578, 20
    /// `dents-*` chunks (80 KB) against 25 notes chunks (7 KB). So for
    /// each `dents-*` chunk not held, whichever of it and the notes chunks
    /// of its documents here costs less is read ([`DENTS_DOC_BYTES`],
    /// [`cheaper_whole`]); a chunk already held, or a notes chunk already
    /// asked for (a shown row's), costs nothing.
    /// Either file gives the same entities, so the answer is the same.
    pub fn entities_of_docs(&self, docs: &[DocId]) -> Option<Vec<&[u32]>> {
        let Some(m) = self.entities_meta() else {
            return Some(vec![&[]; docs.len()]);
        };
        let total = self.meta.docs;
        let dents = m.dents(total);
        let notes = self.has_events().then_some(self.meta.doc_chunks);
        let valid = |&&d: &&DocId| (d as usize) < total;
        // The `dents-*` chunks to read: those that cost less than the notes
        // chunks of their documents here.
        let read = notes.map_or_else(Vec::new, |nc| {
            let pending: Vec<(usize, usize)> = (docs.iter().filter(valid))
                .map(|&d| (dents.of(d), nc.of(d)))
                .filter(|&(c, k)| !self.dents_held(c) && !self.notes.is_held(k))
                .collect();
            self.whole_chunks_to_read(pending, dents.per() as usize * DENTS_DOC_BYTES)
        });
        let of = |doc: DocId| -> Option<&[u32]> {
            if doc as usize >= total {
                return Some(&[]);
            }
            let c = dents.of(doc);
            if let Some(e) = self.dents_of(c, doc) {
                return Some(e);
            }
            let Some(nc) = notes else {
                self.need(FileKind::DocEntities, c);
                return None;
            };
            let k = nc.of(doc);
            if let Some(chunk) = self.notes.get(k) {
                self.touch(FileKind::Notes, k);
                return Some(chunk.entities(nc.place(doc)).unwrap_or(&[]));
            }
            if read.binary_search(&c).is_ok() {
                self.need(FileKind::DocEntities, c);
            } else {
                self.need(FileKind::Notes, k);
            }
            None
        };
        if let Some(named) = all_or_none(docs, of) {
            return Some(named);
        }
        // What counts them shows names next: the first name shard (the most
        // mentioned entities, which most facets show) comes in this round
        // rather than one after.
        if matches!(self.entity_files.records.first(), Some(None)) {
            self.need(FileKind::EntityNames, 0);
        }
        None
    }

    /// Whether `dents-*` chunk `c` is held.
    fn dents_held(&self, c: usize) -> bool {
        matches!(self.entity_files.dents.get(c), Some(Some(_)))
    }

    /// The distinct entities `doc` names, from its `dents-*` chunk `c` if
    /// held (read).
    fn dents_of(&self, c: usize, doc: DocId) -> Option<&[u32]> {
        let chunk = self.entity_files.dents.get(c)?.as_ref()?;
        self.touch(FileKind::DocEntities, c);
        let i = doc.checked_sub(chunk.first)? as usize;
        let (a, b) = (*chunk.start.get(i)?, *chunk.start.get(i + 1)?);
        chunk.entities.get(a as usize..b as usize)
    }

    /// The bytes entity file `n` of `kind` holds decoded (0 when not held).
    pub(super) fn entity_bytes(&self, kind: FileKind, n: usize) -> usize {
        heap_bytes(&self.entity_files, kind, n)
    }

    /// The entities part of the metadata (`None` in an index without entities).
    fn entities_meta(&self) -> Option<&EntitiesMeta> {
        self.meta.entities.as_ref().filter(|_| self.has_entities())
    }

    /// Every entity's type, once added; else `None`, and it is noted (for
    /// an index that has entities).
    pub(super) fn entity_kinds(&self) -> Option<&[EntityType]> {
        self.entities_meta()?;
        match &self.entity_files.kinds {
            Some(kinds) => {
                self.touch(FileKind::EntityKinds, 0);
                Some(kinds)
            }
            None => {
                self.need(FileKind::EntityKinds, 0);
                None
            }
        }
    }

    fn key_lookup(&self, key: &str) -> KeyFound {
        let Some(m) = self.entities_meta() else {
            return KeyFound::None;
        };
        let n = id_shard(key, m.key_shards as usize);
        let Some(shard) = self.entity_files.keys.get(n) else {
            return KeyFound::None; // no shards: no entities
        };
        let Some(pairs) = shard else {
            self.need(FileKind::EntityKeys, n);
            return KeyFound::Missing;
        };
        self.touch(FileKind::EntityKeys, n);
        let at = pairs.partition_point(|(k, _)| k.as_str() < key);
        match pairs.get(at) {
            Some((k, e)) if k == key => KeyFound::Entity(*e),
            _ => KeyFound::None,
        }
    }

    /// Entities a filter value names, as the in-page index's
    /// [`EntityIndex::lookup`](crate::index::entities::EntityIndex::lookup)
    /// finds them: the entity with that key, else those (of `kind`) whose
    /// key holds all the value's words, which reads every key shard. Empty
    /// while a file it needs is missing (noted).
    fn lookup(&self, kind: Option<EntityType>, value: &str) -> Vec<u32> {
        let key = entity_key(value);
        let Some(kinds) = self.entity_kinds() else {
            return Vec::new();
        };
        if key.is_empty() {
            return Vec::new();
        }
        let of_kind = |e: u32| kind.is_none_or(|k| kinds.get(e as usize) == Some(&k));
        match self.key_lookup(&key) {
            KeyFound::Missing => return Vec::new(),
            KeyFound::Entity(e) if of_kind(e) => return vec![e],
            _ => {}
        }
        let words: Vec<&str> = key.split('-').collect();
        let mut found = Vec::new();
        for (n, shard) in self.entity_files.keys.iter().enumerate() {
            let Some(pairs) = shard else {
                self.need(FileKind::EntityKeys, n);
                continue;
            };
            self.touch(FileKind::EntityKeys, n);
            for (k, e) in pairs {
                let have: Vec<&str> = k.split('-').collect();
                if of_kind(*e) && words.iter().all(|w| have.contains(w)) {
                    found.push(*e);
                }
            }
        }
        crate::sort::sort(&mut found);
        found
    }

    /// Documents naming an entity a filter value names, ascending (see
    /// [`Self::lookup`]); what `person:`, `org:`, `place:` and `entity:` admit.
    pub(super) fn docs_naming(&self, kind: Option<EntityType>, value: &str) -> Vec<DocId> {
        let mut docs: Vec<DocId> = (self.lookup(kind, value).into_iter())
            .filter_map(|e| EntityList::docs(self, e))
            .flat_map(|d| d.iter().copied())
            .collect();
        crate::sort::sort(&mut docs);
        docs.dedup();
        docs
    }
}

impl Prebuilt {
    /// Entity `entity`'s item in `shards` (files of `kind`, `per` entities
    /// a shard): the shard is touched when held (for eviction), noted as
    /// needed when not (`None` then, as for an id past the list).
    fn in_shard<'s, T>(
        &'s self,
        kind: FileKind,
        shards: &'s [Option<Vec<T>>],
        per: u32,
        entity: u32,
    ) -> Option<&'s T> {
        let per = per.max(1) as usize;
        let (n, i) = (entity as usize / per, entity as usize % per);
        match shards.get(n)? {
            Some(items) => {
                self.touch(kind, n);
                items.get(i)
            }
            None => {
                self.need(kind, n);
                None
            }
        }
    }
}

/// The entity list read through its files: a missing one is noted, so a
/// dry run lists what to fetch (see [`crate::engine::Collection`]'s users).
impl EntityList for Prebuilt {
    fn kind(&self, entity: u32) -> Option<EntityType> {
        self.entity_kinds()?.get(entity as usize).copied()
    }

    /// The record from its `enames-*` shard: without documents or aliases
    /// (see [`EntityList::docs`], [`EntityList::aliases`]).
    fn record(&self, entity: u32) -> Option<&EntityRecord> {
        let m = self.entities_meta()?;
        if entity >= m.entities {
            return None;
        }
        let shards = &self.entity_files.records;
        self.in_shard(FileKind::EntityNames, shards, m.names_per_shard, entity)
    }

    fn docs(&self, entity: u32) -> Option<&[DocId]> {
        let m = self.entities_meta()?;
        if entity >= m.entities {
            return None;
        }
        let shards = &self.entity_files.docs;
        (self.in_shard(FileKind::Entities, shards, m.per_shard, entity)).map(|e| e.docs.as_slice())
    }

    fn aliases(&self, entity: u32) -> Option<&[String]> {
        let m = self.entities_meta()?;
        if entity >= m.entities {
            return None;
        }
        let shards = &self.entity_files.docs;
        (self.in_shard(FileKind::Entities, shards, m.per_shard, entity))
            .map(|e| e.aliases.as_slice())
    }

    fn by_key(&self, key: &str) -> Option<u32> {
        match self.key_lookup(key) {
            KeyFound::Entity(e) => Some(e),
            KeyFound::None | KeyFound::Missing => None,
        }
    }
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use crate::codec::Reader;
    use crate::prebuilt::format::frame;

    fn record(key: &str, kind: EntityType, docs: Vec<DocId>) -> EntityRecord {
        EntityRecord {
            key: key.into(),
            name: key.replace('-', " "),
            kind,
            aliases: vec![key.into()],
            mentions: docs.len(),
            docs,
        }
    }

    fn sharding(per_shard: usize, names: usize, keys: usize) -> EntitySharding {
        EntitySharding {
            per_shard,
            names_per_shard: names,
            per_key_shard: keys,
            docs_per_chunk: 3,
        }
    }

    #[test]
    fn files_round_trip_and_shard_by_id_and_key() {
        let records: Vec<EntityRecord> = (0..1300)
            .map(|i| {
                let mut r = record(
                    &format!("name-{i}"),
                    EntityType::from_index((i % 4) as u8),
                    vec![i % 7],
                );
                // A key that is not the name's (stored, flagged), and
                // aliases of every count.
                if i % 5 == 0 {
                    r.key = format!("other-{i}");
                }
                r.aliases = (0..i % 3).map(|a| format!("alias {a} of {i}")).collect();
                r
            })
            .collect();
        let (files, meta) = encode_files(&records, sharding(512, 1024, 700));
        assert_eq!(meta.record_shards(), 3);
        assert_eq!(meta.name_shards(), 2);
        assert_eq!(meta.key_shards, 2);
        let (mut names, mut docs) = (Vec::new(), Vec::new());
        let mut keys = 0;
        for (kind, n, payload) in &files {
            let bytes = frame(*kind, payload);
            match kind {
                FileKind::EntityKinds => {
                    let kinds = decode_kinds(&meta, &bytes).unwrap();
                    assert!(kinds.iter().zip(&records).all(|(k, r)| *k == r.kind));
                }
                FileKind::EntityNames => names.extend(decode_names(&meta, *n, &bytes).unwrap()),
                FileKind::Entities => docs.extend(decode_docs(&meta, *n, 7, &bytes).unwrap()),
                FileKind::EntityKeys => keys += decode_keys(&meta, *n, &bytes).unwrap().len(),
                _ => unreachable!(),
            }
        }
        let back: Vec<EntityRecord> = (names.into_iter().zip(docs))
            .map(|(r, d)| EntityRecord {
                docs: d.docs,
                aliases: d.aliases,
                ..r
            })
            .collect();
        assert_eq!(back, records);
        assert_eq!(keys, records.len());
        let mut out = Vec::new();
        encode_meta(&mut out, &meta);
        assert_eq!(decode_meta(&mut Reader::new(&out, 0)).unwrap(), meta);
    }

    #[test]
    fn document_entities_round_trip_sorted_and_reject_strays() {
        let (_, meta) = encode_files(
            &vec![record("a", EntityType::Person, vec![0]); 5],
            sharding(2, 2, 2),
        );
        let of: Vec<Vec<u32>> = vec![vec![4, 0, 4], vec![], vec![2, 1], vec![3], vec![0]];
        let payload = encode_doc_entities(&meta, 1, 3..5, |d| &of[d as usize]);
        let c = decode_dents(&meta, 1, 5, &frame(FileKind::DocEntities, &payload)).unwrap();
        assert_eq!(
            (c.first, c.start, c.entities),
            (3, vec![0, 1, 2], vec![3, 0])
        );
        let payload = encode_doc_entities(&meta, 0, 0..3, |d| &of[d as usize]);
        let bytes = frame(FileKind::DocEntities, &payload);
        let c = decode_dents(&meta, 0, 5, &bytes).unwrap();
        assert_eq!((c.start, c.entities), (vec![0, 2, 2, 4], vec![0, 4, 1, 2]));
        // Another chunk's number, fewer documents than the chunk holds.
        assert!(decode_dents(&meta, 1, 5, &bytes).is_err());
        assert!(decode_dents(&meta, 0, 2, &bytes).is_err());
        // An entity beyond the list.
        let few = EntitiesMeta {
            entities: 4,
            ..meta
        };
        assert!(decode_dents(&few, 0, 5, &bytes).is_err());
    }

    #[test]
    fn a_damaged_file_or_metadata_is_an_error_not_a_panic() {
        let records = vec![record("a", EntityType::Person, vec![0])];
        let (files, meta) = encode_files(&records, sharding(512, 1024, 2048));
        for (kind, n, payload) in &files {
            let bytes = frame(*kind, payload);
            let cut = &bytes[..bytes.len() - 1];
            let failed = match kind {
                FileKind::EntityKinds => decode_kinds(&meta, cut).is_err(),
                FileKind::EntityNames => decode_names(&meta, *n, cut).is_err(),
                FileKind::Entities => decode_docs(&meta, *n, 1, cut).is_err(),
                _ => decode_keys(&meta, *n, cut).is_err(),
            };
            assert!(failed, "{kind:?}");
        }
        // A document beyond the index, another shard's number.
        let (kind, n, payload) = &files[2];
        assert_eq!(*kind, FileKind::Entities);
        assert!(decode_docs(&meta, *n, 0, &frame(FileKind::Entities, payload)).is_err());
        assert!(decode_docs(&meta, 1, 1, &frame(FileKind::Entities, payload)).is_err());
        let bad: [&[u8]; 5] = [
            &[1, 1, 0, 1, 1, 1],
            &[1, 1, 1, 1, 2, 1],
            &[1, 1, 1, 1, 0, 1],
            &[0, 0, 1, 1, 1, 1],
            &[1, 1, 1, 1, 1, 0],
        ];
        for bad in bad {
            assert!(decode_meta(&mut Reader::new(bad, 0)).is_err(), "{bad:?}");
        }
    }
}
