//! The entity list of a prebuilt index, in pieces a request reads on its
//! own: a search's facets read the types of the entities its top results
//! name and the names of the few it shows, a filter the documents of the
//! entities it names, the reader the keys of those its article mentions.
//! Before, one file held the whole list (at Reuters-21578, 33,370 entities,
//! 836 KB gzipped), fetched before the opening list's facets were drawn.
//!
//! Three kinds of file (framed like every other, see [`super::format`]):
//!
//! ```text
//! ents    v shard, v first entity, v n, n × (vstr key, vstr name, u8 type,
//!           v aliases × vstr, v mentions, v docs × (v doc gap))
//!         entities first..first+n, n = the metadata's entities per shard
//!         (the last shard the rest): ids are the in-page index's, most
//!         mentioned first, so the names facets show lie in the first shards
//! ekeys   v shard, v n, n × (vstr key, v entity)   every entity's key, by
//!         `id_shard(key, key shards)`; sorted by key, then entity
//! ekinds  v n, n × u8 type                         every entity's type, by id
//! ```
//!
//! and, with [`FEATURE_ENTITIES`](super::format::FEATURE_ENTITIES), the
//! metadata's entities part ([`EntitiesMeta`]), after its events part:
//!
//! ```text
//! v entities, v mentions, v entities per shard, v key shards
//! ```
//!
//! The types file is small (a byte an entity, gzipped to almost nothing: at
//! Reuters-21578 a few hundred bytes) and is the one a page fetches once
//! entities are wanted (`needs_entities`): facets count by type. Kept once
//! added, as the metadata is; entity and key shards are evicted like any
//! other file.

use crate::codec::{err, FormatError, FormatErrorKind, Reader};
use crate::entity_type::EntityType;
use crate::index::entities::{entity_key, EntityList, EntityRecord};
use crate::index::DocId;

use super::format::{expect_end, expect_var, read_gaps, unframe, FileKind};
use super::{id_shard, Prebuilt};

/// Entities per `ents-*` shard as `dateline build` writes them
/// (`WriteOptions::entities_per_shard`): at Reuters-21578 65 shards of
/// 2–40 KB gzipped, the first holding the most mentioned.
#[cfg(feature = "inpage")]
pub const ENTITIES_PER_SHARD: usize = 512;
/// Keys per `ekeys-*` shard, on average (keys are hashed into shards;
/// `WriteOptions::keys_per_shard`).
#[cfg(feature = "inpage")]
pub const KEYS_PER_SHARD: usize = 2048;
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
    /// How many `ekeys-*` shards (≥ 1 when there are entities).
    pub key_shards: u32,
}

impl EntitiesMeta {
    /// How many `ents-*` shards.
    pub fn record_shards(&self) -> usize {
        (self.entities as usize).div_ceil(self.per_shard.max(1) as usize)
    }

    /// Entities `first..end` of `ents-*` shard `n`.
    fn shard_range(&self, n: usize) -> std::ops::Range<usize> {
        let per = self.per_shard.max(1) as usize;
        let first = (n * per).min(self.entities as usize);
        first..(first + per).min(self.entities as usize)
    }
}

/// The entity files a prebuilt index holds, as far as added (the
/// reader's own bookkeeping: read through [`Prebuilt`]).
#[derive(Debug, Default)]
pub struct EntityFiles {
    /// Every entity's type, by id, once `ekinds-0000` is added.
    pub(super) kinds: Option<Vec<EntityType>>,
    /// Each `ents-*` shard added: its entities' records.
    pub(super) records: Vec<Option<Vec<EntityRecord>>>,
    /// Each `ekeys-*` shard added: (key, entity), sorted.
    pub(super) keys: Vec<Option<Vec<(String, u32)>>>,
}

impl EntityFiles {
    pub(super) fn new(meta: Option<&EntitiesMeta>) -> EntityFiles {
        let (records, keys) = meta.map_or((0, 0), |m| (m.record_shards(), m.key_shards as usize));
        EntityFiles {
            kinds: None,
            records: (0..records).map(|_| None).collect(),
            keys: (0..keys).map(|_| None).collect(),
        }
    }
}

/// Append the entities part to a metadata payload.
#[cfg(feature = "inpage")]
pub(crate) fn encode_meta(out: &mut Vec<u8>, m: &EntitiesMeta) {
    use crate::codec::put_varint;
    put_varint(out, u64::from(m.entities));
    put_varint(out, m.mentions);
    put_varint(out, u64::from(m.per_shard));
    put_varint(out, u64::from(m.key_shards));
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
    let key_shards = r.varint("entity key shard count")?;
    let bad = |field, value, limit| {
        err(
            at,
            FormatErrorKind::NotBelow {
                field,
                value,
                limit,
            },
        )
    };
    if entities >= MAX_ENTITIES {
        return bad("entity count", entities, MAX_ENTITIES);
    }
    if per_shard == 0 || per_shard > MAX_ENTITIES {
        return bad("entities per shard", per_shard, MAX_ENTITIES + 1);
    }
    // A shard per key at most, and one at least when there are entities.
    if key_shards > entities || (entities > 0) != (key_shards > 0) {
        return bad("entity key shard count", key_shards, entities + 1);
    }
    Ok(EntitiesMeta {
        entities: entities as u32,
        mentions,
        per_shard: per_shard as u32,
        key_shards: key_shards as u32,
    })
}

/// The files of the entity list `records` (ids = positions), each as
/// (kind, shard, payload), `per_shard` entities an `ents-*` shard and
/// `per_key_shard` keys an `ekeys-*` shard (on average), and the
/// metadata's entities part.
#[cfg(feature = "inpage")]
pub(crate) fn encode_files(
    records: &[EntityRecord],
    (per_shard, per_key_shard): (usize, usize),
) -> (Vec<(FileKind, usize, Vec<u8>)>, EntitiesMeta) {
    use crate::codec::{put_varint, put_vstr};
    let per_shard = per_shard.max(1);
    let meta = EntitiesMeta {
        entities: records.len() as u32,
        mentions: records.iter().map(|r| r.mentions as u64).sum(),
        per_shard: per_shard as u32,
        key_shards: records.len().div_ceil(per_key_shard.max(1)) as u32,
    };
    let mut files = Vec::new();
    let mut kinds = Vec::with_capacity(records.len() + 4);
    put_varint(&mut kinds, records.len() as u64);
    kinds.extend(records.iter().map(|r| r.kind.index()));
    files.push((FileKind::EntityKinds, 0, kinds));
    for (n, shard) in records.chunks(per_shard).enumerate() {
        let mut out = Vec::new();
        put_varint(&mut out, n as u64);
        put_varint(&mut out, (n * per_shard) as u64);
        put_varint(&mut out, shard.len() as u64);
        for r in shard {
            put_vstr(&mut out, &r.key);
            put_vstr(&mut out, &r.name);
            out.push(r.kind.index());
            put_varint(&mut out, r.aliases.len() as u64);
            r.aliases.iter().for_each(|a| put_vstr(&mut out, a));
            put_varint(&mut out, r.mentions as u64);
            put_varint(&mut out, r.docs.len() as u64);
            super::format::put_gaps(&mut out, r.docs.iter().copied());
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

/// A type byte read at `at`.
fn read_type(r: &mut Reader<'_>, field: &'static str) -> Result<EntityType, FormatError> {
    let at = r.offset();
    let kind = r.u8(field)?;
    if kind >= 4 {
        let kind = FormatErrorKind::NotBelow {
            field,
            value: u64::from(kind),
            limit: 4,
        };
        return err(at, kind);
    }
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

/// Decode `ents-*` shard `n` of an index of `docs` documents.
pub(super) fn decode_records(
    meta: &EntitiesMeta,
    n: usize,
    docs: usize,
    bytes: &[u8],
) -> Result<Vec<EntityRecord>, FormatError> {
    let mut r = unframe(bytes, FileKind::Entities)?;
    let range = meta.shard_range(n);
    expect_var(&mut r, "shard number", n as u64)?;
    expect_var(&mut r, "first entity", range.start as u64)?;
    expect_var(&mut r, "entity count", range.len() as u64)?;
    let mut out = Vec::with_capacity(range.len());
    for _ in range {
        let key = r.vstr("entity key")?.to_string();
        let name = r.vstr("entity name")?.to_string();
        let kind = read_type(&mut r, "entity type")?;
        let count = r.count("alias count", 1)?;
        let mut aliases = Vec::with_capacity(count);
        for _ in 0..count {
            aliases.push(r.vstr("alias")?.to_string());
        }
        let mentions = r.varint("entity mention count")? as usize;
        let count = r.count("entity article count", 1)?;
        let mut list = Vec::with_capacity(count);
        read_gaps(&mut r, count, docs as u64, "entity article", &mut list)?;
        out.push(EntityRecord {
            key,
            name,
            kind,
            aliases,
            mentions,
            docs: list,
        });
    }
    expect_end(&r, "entity list shard")?;
    Ok(out)
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
        FileKind::Entities => (files.records.get(n))
            .and_then(Option::as_deref)
            .map_or(0, crate::index::entities::records_heap_bytes),
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
    /// Decode and keep entity file `n` of `kind` (`ents-*`, `ekeys-*` or
    /// `ekinds-0000`; `add_file` checked the shard number).
    pub(super) fn add_entity_file(
        &mut self,
        kind: FileKind,
        n: usize,
        bytes: &[u8],
    ) -> Result<(), FormatError> {
        let meta = self.meta.entities.unwrap_or_default();
        let files = &mut self.entity_files;
        match kind {
            FileKind::Entities => {
                files.records[n] = Some(decode_records(&meta, n, self.meta.docs, bytes)?)
            }
            FileKind::EntityKeys => files.keys[n] = Some(decode_keys(&meta, n, bytes)?),
            _ => files.kinds = Some(decode_kinds(&meta, bytes)?),
        }
        Ok(())
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
            .filter_map(|e| EntityList::record(self, e))
            .flat_map(|r| r.docs.iter().copied())
            .collect();
        crate::sort::sort(&mut docs);
        docs.dedup();
        docs
    }
}

impl Prebuilt {
    /// Facets that still lack notes chunks will read the names of the
    /// entities they show next: note the first entity shard too (the most
    /// mentioned entities, which most facets show), so that it comes in the
    /// notes' round rather than one after. Call after a dry run's facets.
    pub(crate) fn names_with_notes(&self) {
        // No entity shards at all, or the first already in.
        if self
            .entity_files
            .records
            .first()
            .is_none_or(Option::is_some)
        {
            return;
        }
        let lacking = (self.missing.borrow().iter())
            .any(|f| matches!(FileKind::parse_name(f), Some((FileKind::Notes, _))));
        if lacking {
            self.need(FileKind::Entities, 0);
        }
    }
}

/// The entity list read through its files: a missing one is noted, so a
/// dry run lists what to fetch (see [`crate::engine::Collection`]'s users).
impl EntityList for Prebuilt {
    fn kind(&self, entity: u32) -> Option<EntityType> {
        self.entity_kinds()?.get(entity as usize).copied()
    }

    fn record(&self, entity: u32) -> Option<&EntityRecord> {
        let m = self.entities_meta()?;
        if entity >= m.entities {
            return None;
        }
        let per = m.per_shard.max(1) as usize;
        let (n, i) = (entity as usize / per, entity as usize % per);
        match self.entity_files.records.get(n)? {
            Some(records) => {
                self.touch(FileKind::Entities, n);
                records.get(i)
            }
            None => {
                self.need(FileKind::Entities, n);
                None
            }
        }
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

    #[test]
    fn files_round_trip_and_shard_by_id_and_key() {
        let records: Vec<EntityRecord> = (0..1300)
            .map(|i| {
                record(
                    &format!("name-{i}"),
                    EntityType::from_index((i % 4) as u8),
                    vec![i % 7],
                )
            })
            .collect();
        let (files, meta) = encode_files(&records, (512, 700));
        assert_eq!(meta.record_shards(), 3);
        assert_eq!(meta.key_shards, 2);
        let mut back = Vec::new();
        let mut keys = 0;
        for (kind, n, payload) in &files {
            let bytes = frame(*kind, payload);
            match kind {
                FileKind::EntityKinds => {
                    let kinds = decode_kinds(&meta, &bytes).unwrap();
                    assert!(kinds.iter().zip(&records).all(|(k, r)| *k == r.kind));
                }
                FileKind::Entities => back.extend(decode_records(&meta, *n, 7, &bytes).unwrap()),
                FileKind::EntityKeys => keys += decode_keys(&meta, *n, &bytes).unwrap().len(),
                _ => unreachable!(),
            }
        }
        assert_eq!(back, records);
        assert_eq!(keys, records.len());
        let mut out = Vec::new();
        encode_meta(&mut out, &meta);
        assert_eq!(decode_meta(&mut Reader::new(&out, 0)).unwrap(), meta);
    }

    #[test]
    fn a_damaged_file_or_metadata_is_an_error_not_a_panic() {
        let records = vec![record("a", EntityType::Person, vec![0])];
        let (files, meta) = encode_files(&records, (512, 2048));
        for (kind, n, payload) in &files {
            let bytes = frame(*kind, payload);
            let cut = &bytes[..bytes.len() - 1];
            let failed = match kind {
                FileKind::EntityKinds => decode_kinds(&meta, cut).is_err(),
                FileKind::Entities => decode_records(&meta, *n, 1, cut).is_err(),
                _ => decode_keys(&meta, *n, cut).is_err(),
            };
            assert!(failed, "{kind:?}");
        }
        // A document beyond the index, another shard's number.
        let (_, n, payload) = &files[1];
        assert!(decode_records(&meta, *n, 0, &frame(FileKind::Entities, payload)).is_err());
        assert!(decode_records(&meta, 1, 1, &frame(FileKind::Entities, payload)).is_err());
        for bad in [[1u8, 1, 0, 1], [1, 1, 1, 2], [1, 1, 1, 0], [0, 0, 1, 1]] {
            assert!(decode_meta(&mut Reader::new(&bad, 0)).is_err(), "{bad:?}");
        }
    }
}
