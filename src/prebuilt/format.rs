//! The prebuilt index's files: framing, and the encoding of each kind.
//!
//! Every file starts with the same 28-byte header (integers little-endian):
//!
//! ```text
//! magic    8 bytes  "DLNIDX\0\0"
//! version  u32      FORMAT_VERSION
//! kind     u32      FileKind
//! length   u64      payload bytes
//! crc32    u32      CRC-32 (IEEE) of the payload
//! ```
//!
//! Payloads (`v` = LEB128 varint, `vstr`/`vbytes` = varint length + bytes):
//!
//! ```text
//! meta      v docs, v dated, v terms, f32 avg title, f32 avg body, u8 features,
//!           v runs × (v day gap, v docs that day)         publication days
//!           v shards × (vstr first char, v first term)    dictionary shards
//!           v shards × (v first term gap)                 postings/positions shards
//!           v documents a chunk                           document chunks (super::chunking)
//!           v id shards
//!           [events part, with FEATURE_EVENTS (see super::annotations)]
//!           [with FEATURE_REPRINTS: v groups × (v n, n × v doc gap)]  reprints
//!           [with FEATURE_GROUP_FACETS: see super::group_facets]
//!           [with FEATURE_POST_KEYS: v shards × (v shared, vbytes rest)]
//!                                        each postings shard's key, front-coded
//! dict      v shard, v first term, v n, n × (v shared, vstr rest), n × v df
//!           (terms front-coded; stem groups found by the reader: super::dict)
//! postings  v shard, v first term, v n,
//!           n × (v count, count × (v doc gap, v tf, v title len, v body len))
//! positions v shard, v first term, v n, n × (v count, count × (v len, len × v gap))
//! docs      v chunk, v first doc, vbytes article pack (see crate::store)
//! cards     v chunk, v first doc, per document of docs chunk `chunk` (see super::cards):
//!           vstr id, vstr title, u8 flags (1 source, 2 lead), [vstr source],
//!           v n, n × vstr opening snippet segment
//! ids       v shard, vbytes FST article id → document
//! notes     events, entity mentions, boilerplate by document (see super::annotations)
//! enames    per entity id shard: each entity's name, type and mention count
//!           (what facets show of it; its key derived from the name)
//! ents      per entity id shard: each entity's documents and aliases
//!           (filters, entity view)
//! ekeys     the entity keys by key hash, ekinds every entity's type
//! dents     per 512 documents: each one's distinct entities (facets, long
//!           lists, related entities read these, or for a few scattered
//!           documents their notes chunks: `Prebuilt::entities_of_docs`)
//! gfacets   facets counted per stem group at build time (a one-word
//!           search's facets; see super::group_facets)
//!           (all five: see super::entity_list; the metadata's entities part
//!           follows its events part)
//! ```
//!
//! Feature flags in `meta`: [`FEATURE_EVENTS`] (a `notes-*` chunk per
//! document chunk, with [`FEATURE_EVENT_META`]: the events part at the end
//! of `meta`) and [`FEATURE_ENTITIES`] (`enames-*`, `ents-*`, `ekeys-*`,
//! `ekinds-0000`, `dents-*` and the metadata's entities part too);
//! [`FEATURE_REPRINTS`], on its own: the reprint groups end `meta`.
//!
//! `tf` is `title_tf << 16 | body_tf`, as in the in-memory index. Gaps are
//! differences from the previous value (the first from zero).
//!
//! As published by `dateline build`, every file but `meta.bin` may be
//! gzipped whole (RFC 1952, starting `1f 8b` instead of the magic): the
//! frame above is what it inflates to, and what the index folder's name
//! (hashed from the frames' checksums) and these readers see (`super::packed`; the page inflates it with the
//! browser's `DecompressionStream`). Version 2 added `cards`; version 3
//! split the entity list (one `ents-0000` before) into `ents-*` shards by
//! id, `ekeys-*` and `ekinds-0000`, so that no request reads all of it;
//! version 4 split the entity shards' names (`enames-*`) from their
//! documents (`ents-*`) and added each document's entities (`dents-*`), so
//! that facets over a query's top results read neither the notes chunks
//! nor any entity's document list (at Reuters-21578 a cold query read 417 KB,
//! 70% of it those); version 5 stores the metadata's tables of shards and
//! chunks (first term, first document, first mention) as gaps, not values
//! (with chunks of 4 KB, 3,700 of them at Reuters-21578, the metadata was
//! 21 KB gzipped, most of it those tables);
//! version 6 leaves each name's aliases (now in `ents-*`) and its key
//! (`entity_key(name)` unless flagged) out of `enames-*`, which a cold
//! query's facets read. `gfacets-*` came within version 6, as an optional
//! part ([`FEATURE_GROUP_FACETS`]): an index without it answers as before,
//! its facets all counted from `dents-*`; so did the postings shards' keys
//! ([`FEATURE_POST_KEYS`]): without them a search reads a word's dictionary
//! shard before its postings. Version 7 cuts the documents into chunks of a
//! fixed count (the metadata states it, instead of a table of every chunk's
//! first document), and moves each notes chunk's first time mention id from
//! the metadata into the chunk, so that chunks stay small at any size.

use std::fmt;

#[cfg(feature = "inpage")]
use crate::codec::put_varint;
use crate::codec::{err, FormatError, FormatErrorKind, Frame, Reader};

pub const MAGIC: [u8; 8] = *b"DLNIDX\0\0";
/// `meta`'s feature flag: the index has time mentions and boilerplate flags
/// (`notes-*`, one per document chunk).
pub const FEATURE_EVENTS: u8 = 1;
/// `meta`'s feature flag: the index has entities (mentions in `notes-*`,
/// names in `enames-*`, documents in `ents-*`, keys in `ekeys-*`, types in
/// `ekinds-0000`, each document's entities in `dents-*`); set only with
/// [`FEATURE_EVENTS`].
pub const FEATURE_ENTITIES: u8 = 2;
/// `meta`'s feature flag, always with [`FEATURE_EVENTS`]: `meta` ends with
/// the collection's event summary (see super::annotations; until format 7
/// each notes chunk's first mention id too, now in the chunk). An index
/// with events written before it (flags 1 or 3) is refused: rebuild it.
pub const FEATURE_EVENT_META: u8 = 4;
/// `meta`'s feature flag: `meta` ends with the groups of reprinted articles
/// (the same story filed by several outlets, `crate::index::dedup`), so the
/// list shows each story once, as in the page. Without it, none is.
pub const FEATURE_REPRINTS: u8 = 8;
/// `meta`'s feature flag, only with [`FEATURE_ENTITIES`]: facets counted
/// per stem group at build time (`gfacets-*`, see super::group_facets); the
/// metadata's part for them comes last. Without it, facets read `dents-*`.
pub const FEATURE_GROUP_FACETS: u8 = 16;
/// `meta`'s feature flag: `meta` ends with each postings shard's key
/// ([`separator`]; [`read_keys`]), so that a cold search asks for a word's
/// postings shard together with its dictionary shard, one round trip
/// instead of two. Without it, the postings wait for the dictionary.
pub const FEATURE_POST_KEYS: u8 = 32;
/// `meta`'s feature flag, only with [`FEATURE_ENTITIES`]: `meta` ends with
/// the facets of the whole collection, counted at build time (one record as
/// in `gfacets-*`, super::group_facets), so that the opening list (no
/// query, every date) draws its facets from the metadata: no `dents-*`
/// chunk nor name shard, and no round trip after its list. Without it,
/// they read the `dents-*` chunks of the newest articles.
pub const FEATURE_COLLECTION_FACETS: u8 = 64;
/// `meta`'s feature flag, only with [`FEATURE_ENTITIES`]: each document's
/// time mentions are also in `dtimes-*` chunks, chunked as `dents-*` (see
/// super::annotations), which the events of many scattered results and a
/// `mentions:` search read instead of a notes chunk for every few
/// documents. Without it, they read the notes chunks. (A reader of
/// format 8 before it refuses such an index by this flag.)
pub const FEATURE_DOC_TIMES: u8 = 128;

/// Bumped whenever any payload changes; a reader refuses other versions.
pub const FORMAT_VERSION: u32 = 8;
pub const HEADER_LEN: usize = crate::codec::FRAME_LEN;

/// What a file holds; its name says the same (see [`FileKind::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Meta = 1,
    Dict = 2,
    Postings = 3,
    Positions = 4,
    Docs = 5,
    Ids = 6,
    Notes = 7,
    Entities = 8,
    Cards = 9,
    EntityKeys = 10,
    EntityKinds = 11,
    EntityNames = 12,
    DocEntities = 13,
    GroupFacets = 14,
    DocTimes = 15,
}

impl FileKind {
    /// What the file is, in words ("term dictionary shard").
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Meta => "index metadata",
            FileKind::Dict => "term dictionary shard",
            FileKind::Postings => "postings shard",
            FileKind::Positions => "positions shard",
            FileKind::Docs => "document chunk",
            FileKind::Ids => "article id shard",
            FileKind::Notes => "event and entity chunk",
            FileKind::Entities => "entity document shard",
            FileKind::Cards => "card chunk",
            FileKind::EntityKeys => "entity key shard",
            FileKind::EntityKinds => "entity types",
            FileKind::EntityNames => "entity name shard",
            FileKind::DocEntities => "document entity chunk",
            FileKind::GroupFacets => "stem group facets",
            FileKind::DocTimes => "document event chunk",
        }
    }

    pub const ALL: [FileKind; 15] = [
        FileKind::Meta,
        FileKind::Dict,
        FileKind::Postings,
        FileKind::Positions,
        FileKind::Docs,
        FileKind::Ids,
        FileKind::Notes,
        FileKind::Entities,
        FileKind::Cards,
        FileKind::EntityKeys,
        FileKind::EntityKinds,
        FileKind::EntityNames,
        FileKind::DocEntities,
        FileKind::GroupFacets,
        FileKind::DocTimes,
    ];

    fn from_u32(v: u32) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| *k as u32 == v)
    }

    fn stem(self) -> &'static str {
        match self {
            FileKind::Meta => "meta",
            FileKind::Dict => "dict",
            FileKind::Postings => "post",
            FileKind::Positions => "pos",
            FileKind::Docs => "docs",
            FileKind::Ids => "ids",
            FileKind::Notes => "notes",
            FileKind::Entities => "ents",
            FileKind::Cards => "cards",
            FileKind::EntityKeys => "ekeys",
            FileKind::EntityKinds => "ekinds",
            FileKind::EntityNames => "enames",
            FileKind::DocEntities => "dents",
            FileKind::GroupFacets => "gfacets",
            FileKind::DocTimes => "dtimes",
        }
    }

    /// The path of shard `n` of this kind, relative to the corpus folder.
    pub fn name(self, n: usize) -> String {
        match self {
            FileKind::Meta => "index/meta.bin".to_string(),
            _ => format!("index/{}-{n:04}.bin", self.stem()),
        }
    }

    /// The kind and shard number of a path made by [`FileKind::name`].
    pub fn parse_name(path: &str) -> Option<(FileKind, usize)> {
        let file = path.strip_prefix("index/")?.strip_suffix(".bin")?;
        if file == "meta" {
            return Some((FileKind::Meta, 0));
        }
        let (stem, n) = file.split_once('-')?;
        let kind = FileKind::ALL
            .into_iter()
            .find(|k| *k != FileKind::Meta && k.stem() == stem)?;
        Some((kind, n.parse().ok()?))
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A prebuilt index file that cannot be used: which file (its path, as
/// `FileKind::name` gives it), and why. Displays as "file: why".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError {
    pub file: String,
    pub kind: IndexErrorKind,
}

/// Why a prebuilt index file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexErrorKind {
    /// Its bytes are damaged (the error names the byte).
    Format(FormatError),
    /// The path names no index file.
    NotAnIndexFile,
    /// Shard `n` of a kind this index has only `count` of.
    NoSuchShard {
        n: usize,
        count: usize,
        kind: FileKind,
    },
}

impl fmt::Display for IndexErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexErrorKind::Format(e) => e.fmt(f),
            IndexErrorKind::NotAnIndexFile => f.write_str("not the name of an index file"),
            IndexErrorKind::NoSuchShard { n, count, kind } => {
                write!(f, "shard {n} of {count}: the index has no such {kind}")
            }
        }
    }
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.kind)
    }
}

impl std::error::Error for IndexError {}

/// Frame `payload` as a file of `kind`.
pub fn frame(kind: FileKind, payload: &[u8]) -> Vec<u8> {
    crate::codec::frame(&MAGIC, FORMAT_VERSION, kind as u32, payload)
}

/// Check the header of a file expected to be of `kind` and return a reader
/// over its payload. Wrong magic, version or kind, truncation, extra bytes
/// and a checksum mismatch are each an error naming the byte.
pub(crate) fn unframe(bytes: &[u8], kind: FileKind) -> Result<Reader<'_>, FormatError> {
    let frame = Frame::read(bytes, &MAGIC, "a Dateline index file")?;
    if frame.version != FORMAT_VERSION {
        let v = frame.version;
        let kind = FormatErrorKind::IndexVersion {
            found: v,
            expected: FORMAT_VERSION,
        };
        return err(8, kind);
    }
    if frame.tag != kind as u32 {
        let kind = FormatErrorKind::WrongKind {
            expected: kind.label(),
            found: FileKind::from_u32(frame.tag).map(FileKind::label),
            tag: frame.tag,
        };
        return err(12, kind);
    }
    Ok(Reader::new(frame.payload()?, HEADER_LEN))
}

/// Fail unless the reader consumed its whole payload.
pub(crate) fn expect_end(r: &Reader<'_>, what: &'static str) -> Result<(), FormatError> {
    if r.is_done() {
        Ok(())
    } else {
        let kind = FormatErrorKind::BytesLeft {
            left: r.bytes.len() - r.at,
            after: format!("the {what}"),
        };
        err(r.offset(), kind)
    }
}

/// Read a varint that must equal `expected` (a shard's own number, a first
/// term or document agreeing with the metadata).
pub(crate) fn expect_var(
    r: &mut Reader<'_>,
    what: &'static str,
    expected: u64,
) -> Result<(), FormatError> {
    let at = r.offset();
    let found = r.varint(what)?;
    if found != expected {
        let kind = FormatErrorKind::Mismatch {
            field: what,
            found,
            expected,
        };
        return err(at, kind);
    }
    Ok(())
}

/// A shard decoded at byte `at` holds `found` items (`items`, of a `shard`)
/// and must hold the `expected` ones the metadata gives it.
pub(crate) fn expect_size(
    at: usize,
    [shard, items]: [&'static str; 2],
    found: usize,
    expected: usize,
) -> Result<(), FormatError> {
    if found != expected {
        let kind = FormatErrorKind::ShardSize {
            shard,
            items,
            found,
            expected,
        };
        return err(at, kind);
    }
    Ok(())
}

/// Append `values` (ascending) as gaps.
#[cfg(feature = "inpage")]
pub(crate) fn put_gaps(out: &mut Vec<u8>, values: impl IntoIterator<Item = u32>) {
    let mut prev = 0u32;
    for v in values {
        put_varint(out, u64::from(v - prev));
        prev = v;
    }
}

/// Read `n` gap-encoded values into `out`; they must stay below `limit`.
pub(crate) fn read_gaps(
    r: &mut Reader<'_>,
    n: usize,
    limit: u64,
    what: &'static str,
    out: &mut Vec<u32>,
) -> Result<(), FormatError> {
    let mut prev = 0u64;
    for i in 0..n {
        let at = r.offset();
        let v = prev + r.varint(what)?;
        if v >= limit || (i > 0 && v == prev) {
            let kind = FormatErrorKind::OutOfOrder {
                field: what,
                value: Some(v),
                limit,
            };
            return err(at, kind);
        }
        out.push(v as u32);
        prev = v;
    }
    Ok(())
}

/// Read `n` gap-encoded values that never go down (a gap may be 0), each
/// a `u32`: the callers check the order and bounds they need.
pub(crate) fn read_ascending(
    r: &mut Reader<'_>,
    n: usize,
    what: &'static str,
) -> Result<Vec<u32>, FormatError> {
    let mut out = Vec::with_capacity(n);
    let mut prev = 0u32;
    for _ in 0..n {
        let at = r.offset();
        let gap = r.varint(what)?;
        let sum = u64::from(prev).saturating_add(gap);
        let Ok(v) = u32::try_from(sum) else {
            return err(
                at,
                FormatErrorKind::Over32Bits {
                    field: what,
                    value: sum,
                },
            );
        };
        out.push(v);
        prev = v;
    }
    Ok(out)
}

// Without `inpage` there is nothing to test against: the tests write what they read, and writing is `inpage`.
pub(super) fn ascending_from_zero<T: Ord + Copy + Into<u64>>(
    v: &[T],
    what: &'static str,
    limit: u64,
    at: usize,
) -> Result<(), FormatError> {
    let ok = v.first().is_none_or(|&f| f.into() == 0)
        && v.windows(2).all(|w| w[0] < w[1])
        && v.last().is_none_or(|&l| l.into() < limit.max(1));
    if ok {
        Ok(())
    } else {
        let kind = FormatErrorKind::OutOfOrder {
            field: what,
            value: None,
            limit,
        };
        err(at, kind)
    }
}

/// The shortest start of `next` that sorts after `prev` (bytewise; `prev`
/// sorts before `next`): a shard's key. Every text at or after it and
/// before the next shard's key belongs to the shard, whether or not it is
/// a term, so a word's shard is known from the keys alone; shorter than
/// the first terms themselves (at Reuters-21578, 400 keys).
#[cfg(feature = "inpage")]
pub(super) fn separator<'t>(prev: &[u8], next: &'t [u8]) -> &'t [u8] {
    let same = prev.iter().zip(next).take_while(|(a, b)| a == b).count();
    &next[..(same + 1).min(next.len())]
}

/// How many leading bytes `a` and `b` share (front coding: shard keys
/// here, dictionary terms in `super::dict`).
#[cfg(feature = "inpage")]
pub(super) fn shared_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Shard keys (ascending, the first empty) front-coded: a count, then per
/// key the bytes it shares with the one before and the rest.
#[cfg(feature = "inpage")]
pub(super) fn put_keys(out: &mut Vec<u8>, keys: &[Box<[u8]>]) {
    put_varint(out, keys.len() as u64);
    let mut prev: &[u8] = &[];
    for key in keys {
        let same = shared_prefix(prev, key);
        put_varint(out, same as u64);
        put_varint(out, (key.len() - same) as u64);
        out.extend_from_slice(&key[same..]);
        prev = key;
    }
}

/// [`put_keys`]' inverse for `shards` shards: refused unless there is one
/// key a shard, the first empty and each after the one before.
pub(super) fn read_keys(r: &mut Reader<'_>, shards: usize) -> Result<Vec<Box<[u8]>>, FormatError> {
    let at = r.offset();
    let n = r.count("postings shard key count", 2)?;
    if n != shards {
        let kind = FormatErrorKind::Mismatch {
            field: "postings shard keys",
            found: n as u64,
            expected: shards as u64,
        };
        return err(at, kind);
    }
    let mut keys: Vec<Box<[u8]>> = Vec::with_capacity(n);
    for i in 0..n {
        let at = r.offset();
        let prev: &[u8] = keys.last().map_or(&[], |k| k);
        let same = r.varint("postings shard key's shared bytes")?;
        let same = usize::try_from(same).ok().filter(|&s| s <= prev.len());
        let rest = r.vbytes("postings shard key")?;
        let Some(same) = same else {
            let kind = FormatErrorKind::NotBelow {
                field: "postings shard key's shared bytes",
                value: u64::MAX,
                limit: prev.len() as u64 + 1,
            };
            return err(at, kind);
        };
        let key: Box<[u8]> = [&prev[..same], rest].concat().into();
        if (i == 0) != key.is_empty() || (i > 0 && key[..] <= *prev) {
            let kind = FormatErrorKind::OutOfOrder {
                field: "postings shard keys",
                value: Some(i as u64),
                limit: n as u64,
            };
            return err(at, kind);
        }
        keys.push(key);
    }
    Ok(keys)
}

/// A list of shards as the metadata stores it: a count, then each shard's
/// first item (term or document), which must start at 0 and ascend below
/// `total`. `names` are the count's, an item's and the list's in errors.
pub(super) fn read_firsts(
    r: &mut Reader<'_>,
    [count, item, list]: [&'static str; 3],
    total: usize,
) -> Result<Vec<u32>, FormatError> {
    let at = r.offset();
    let n = r.count(count, 1)?;
    let firsts = read_ascending(r, n, item)?;
    ascending_from_zero(&firsts, list, total as u64, at)?;
    Ok(firsts)
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A key is the shortest start of the next text that sorts after
        /// the text before it (checked against every start, shortest first).
        #[test]
        fn separators_are_the_shortest_start_after_the_one_before(
            mut pair in prop::collection::btree_set("[a-c\u{e9}]{0,6}", 2..3),
        ) {
            let prev = pair.pop_first().unwrap();
            let next = pair.pop_first().unwrap();
            let (prev, next) = (prev.as_bytes(), next.as_bytes());
            let naive = (1..=next.len()).map(|n| &next[..n]).find(|p| *p > prev);
            prop_assert_eq!(Some(separator(prev, next)), naive);
        }

        /// Keys round-trip front-coded; any shard's texts find their shard.
        #[test]
        fn keys_round_trip(texts in prop::collection::btree_set("[a-d]{1,5}", 1..40), every in 1usize..5) {
            let texts: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
            let starts: Vec<usize> = (0..texts.len()).step_by(every).collect();
            let keys: Vec<Box<[u8]>> = (starts.iter())
                .map(|&i| if i == 0 { Box::from(&[][..]) } else { separator(texts[i - 1], texts[i]).into() })
                .collect();
            let mut out = Vec::new();
            put_keys(&mut out, &keys);
            let mut r = Reader::new(&out, 0);
            prop_assert_eq!(&read_keys(&mut r, keys.len()).unwrap(), &keys);
            prop_assert!(r.is_done());
            for (i, t) in texts.iter().enumerate() {
                let shard = keys.partition_point(|k| **k <= **t) - 1;
                prop_assert_eq!(shard, i / every);
            }
        }
    }

    #[test]
    fn keys_out_of_order_or_of_another_count_are_refused() {
        let keys: Vec<Box<[u8]>> = vec![Box::from(&b""[..]), Box::from(&b"m"[..])];
        let mut out = Vec::new();
        put_keys(&mut out, &keys);
        let e = read_keys(&mut Reader::new(&out, 0), 3).unwrap_err();
        assert!(e.to_string().contains("postings shard keys"), "{e}");
        let swapped: Vec<Box<[u8]>> = vec![
            Box::from(&b""[..]),
            Box::from(&b"m"[..]),
            Box::from(&b"c"[..]),
        ];
        let mut out = Vec::new();
        put_keys(&mut out, &swapped);
        let e = read_keys(&mut Reader::new(&out, 0), 3).unwrap_err();
        assert!(e.to_string().contains("postings shard keys"), "{e}");
        let first: Vec<Box<[u8]>> = vec![Box::from(&b"a"[..])];
        let mut out = Vec::new();
        put_keys(&mut out, &first);
        assert!(read_keys(&mut Reader::new(&out, 0), 1).is_err());
        // A key sharing more bytes than the one before has.
        let bad = [2u8, 0, 0, 5, 1, b'b'];
        assert!(read_keys(&mut Reader::new(&bad, 0), 2).is_err());
    }

    #[test]
    fn names_round_trip() {
        for kind in FileKind::ALL {
            let name = kind.name(12);
            let n = if kind == FileKind::Meta { 0 } else { 12 };
            assert_eq!(FileKind::parse_name(&name), Some((kind, n)), "{name}");
        }
        assert_eq!(FileKind::parse_name("index/post-x.bin"), None);
        assert_eq!(FileKind::parse_name("../etc/passwd"), None);
    }

    #[test]
    fn header_errors_are_specific() {
        let file = frame(FileKind::Dict, b"abc");
        assert!(unframe(&file, FileKind::Dict).is_ok());
        let e = unframe(&file, FileKind::Postings).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected a postings shard, found a term dictionary shard (at byte 12)"
        );
        let mut v2 = file.clone();
        v2[8] = 2;
        assert!(unframe(&v2, FileKind::Dict)
            .unwrap_err()
            .message()
            .starts_with("index format version 2, this reader reads version 8"));
        let mut bad = file.clone();
        bad[HEADER_LEN] ^= 1;
        assert!(unframe(&bad, FileKind::Dict)
            .unwrap_err()
            .message()
            .starts_with("checksum mismatch"));
        for n in 0..file.len() {
            assert!(
                unframe(&file[..n], FileKind::Dict)
                    .unwrap_err()
                    .message()
                    .contains("truncated"),
                "at {n}"
            );
        }
        assert!(
            unframe(b"<!DOCTYPE html><html>404 not found</html>", FileKind::Dict)
                .unwrap_err()
                .message()
                .contains("magic")
        );
    }

    #[test]
    fn gaps_round_trip_and_reject_disorder() {
        let mut out = Vec::new();
        put_gaps(&mut out, [0, 3, 4, 100]);
        let mut got = Vec::new();
        read_gaps(&mut Reader::new(&out, 0), 4, 101, "doc", &mut got).unwrap();
        assert_eq!(got, [0, 3, 4, 100]);
        let mut got = Vec::new();
        assert!(read_gaps(&mut Reader::new(&out, 0), 4, 100, "doc", &mut got).is_err());
        let dup = [1u8, 0];
        assert!(read_gaps(&mut Reader::new(&dup, 0), 2, 10, "doc", &mut Vec::new()).is_err());
    }
}
