//! The prebuilt index: built once by `dateline build`, fetched by the page
//! in pieces, only those a query needs.
//!
//! The files ([`format`](mod@format)) split what the in-memory [`Index`](crate::index::Index)
//! holds so that the page downloads little before the first query and
//! little per query:
//!
//! - `meta.bin` — counts, average field lengths, the publication days as
//!   runs (so a date range is a document-id range and the timeline's totals
//!   need nothing more), and where every shard starts. It grows with the
//!   number of distinct days and shards, not of articles.
//! - `dict-*` — the term dictionary (an FST per shard) with document
//!   frequencies and stem groups, split by the terms' first character: every
//!   look-up of a query word (exact, stem, prefix, typo) is answered by the
//!   one shard of its first character.
//! - `post-*` / `pos-*` — postings and positions of consecutive term ranges;
//!   each posting carries its document's field lengths, so scoring needs no
//!   per-document table.
//! - `docs-*` — the articles in date order, in chunks, fetched only to show
//!   a result or open an article.
//! - `cards-*` — per document chunk, what a result row shows without the
//!   text ([`cards`]): the opening list and a row's reprinted copies read
//!   these, not the documents.
//! - `ids-*` — article id → document, hashed into shards, for permalinks.
//! - with entities, `gfacets-*` — the facets of each stem group's
//!   documents, counted at build time ([`group_facets`]): a one-word
//!   search's facets read one of these, not its results' entities; those
//!   of the whole collection (the opening list's) are in `meta` itself.
//!
//! [`Prebuilt`] is a [`Source`]: it answers the same queries with the same
//! scores as the in-memory index (a property test checks this), and records
//! every file it needed but did not have. The page asks which files a
//! request needs ([`Prebuilt::take_missing`] after a dry run), fetches them,
//! adds them ([`Prebuilt::add_file`]) and repeats until nothing is missing.
//!
//! Memory is bounded ([`cache`]): every file held is counted at its decoded
//! size and stamped when a request reads it; between requests the page calls
//! [`Prebuilt::evict`], which drops the least recently read files until the
//! total is within a budget ([`cache::DEFAULT_BUDGET`]). An evicted file is
//! missing again, and the next request that needs it asks for it again.

mod annotations;
pub mod cache;
mod cards;
mod chunking;
mod dict;
mod doc_times;
mod entity_list;
mod evict;
pub mod format;
pub mod group_facets;
mod source;
// Gzip at build time and its inverse for native readers (the page inflates with the browser's own).
#[cfg(feature = "cli")]
pub mod packed;
// Writing needs the in-memory index it writes out (or its segments).
#[cfg(feature = "inpage")]
pub mod doc_spill;
#[cfg(feature = "inpage")]
pub mod scratch;
#[cfg(feature = "inpage")]
pub mod spill;
#[cfg(feature = "inpage")]
mod writer;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::Range;

use chrono::NaiveDate;
use fst::Streamer;

use crate::article::Article;
use crate::codec::{err, FormatError, FormatErrorKind, Reader};
use crate::index::dedup::Reprints;
use crate::index::entities::EntityMention;
use crate::index::events::{EventSummary, TimeMention};
use crate::index::{
    date_of_day, doc_range, first_char, top_by_freq, DocId, Postings, TermId, MAX_FUZZY_TERMS,
    UNDATED,
};
use crate::query::{EntityFilter, Source};
use crate::text::fuzzy::WithinEdits;
use crate::text::tokenizer::Stemmer;
use annotations::DocTimes;
pub use annotations::{DocNotes, EventsMeta};
use cache::{Held, Usage};
pub use cards::Card;
pub use chunking::Chunking;
use chunking::{cheaper_whole, notes_cost};
use dict::DictShard;
pub use entity_list::{EntitiesMeta, EntityFiles};
use format::{
    ascending_from_zero, expect_end, expect_size, expect_var, read_firsts, read_gaps, unframe,
    FileKind, IndexError, IndexErrorKind, FEATURE_COLLECTION_FACETS, FEATURE_DOC_TIMES,
    FEATURE_ENTITIES, FEATURE_EVENTS, FEATURE_EVENT_META, FEATURE_GROUP_FACETS, FEATURE_POST_KEYS,
    FEATURE_REPRINTS,
};
pub use group_facets::{FacetsMeta, GroupFacets};

#[cfg(feature = "inpage")]
pub use writer::{write_index, WriteOptions, WriteSummary};

/// The most postings shards one guess asks for before its dictionary
/// shard is in (`Prebuilt::need_postings_of`): a stem group or a prefix
/// over more is asked for where it starts, the rest once the dictionary
/// says which terms it has.
const MAX_GUESSED_SHARDS: usize = 3;

/// The part of the index fetched at start-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub docs: usize,
    pub dated: usize,
    pub terms: usize,
    pub avg_title_len: f32,
    pub avg_body_len: f32,
    /// Bit flags of optional parts: [`format::FEATURE_EVENTS`],
    /// [`format::FEATURE_ENTITIES`] (none in an index built before them).
    pub features: u8,
    /// Distinct publication days, ascending, with their article counts.
    pub day_runs: Vec<(i32, u32)>,
    /// Dictionary shards: the first character of each one's first term, and
    /// each one's first term id.
    pub dict_chars: Vec<String>,
    pub dict_firsts: Vec<TermId>,
    /// First term id of each postings (and positions) shard.
    pub post_shards: Vec<TermId>,
    /// The document chunks (and their cards and notes).
    pub doc_chunks: Chunking,
    pub id_shards: usize,
    /// With events: the collection's event summary.
    pub events: Option<EventsMeta>,
    /// With entities: how many, and how their files are sharded.
    pub entities: Option<EntitiesMeta>,
    /// The groups of reprinted articles (none without [`FEATURE_REPRINTS`]).
    pub reprints: Reprints,
    /// With [`format::FEATURE_GROUP_FACETS`]: the facets counted per stem group.
    pub facets: Option<FacetsMeta>,
    /// With [`format::FEATURE_POST_KEYS`]: each postings shard's key (empty
    /// without): [`Meta::post_shard_of_text`].
    pub post_keys: Vec<Box<[u8]>>,
    /// With [`format::FEATURE_COLLECTION_FACETS`]: the facets of every
    /// document ([`Prebuilt::collection_facets`]).
    pub collection_facets: Option<GroupFacets>,
}

/// The reprint groups at the end of `meta` (see [`format`]): each of two or
/// more documents below `docs`, ascending, no document in two.
fn decode_reprints(r: &mut Reader<'_>, docs: usize) -> Result<Reprints, FormatError> {
    let at = r.offset();
    let n = r.count("reprint group count", 3)?;
    let mut groups = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.count("copies in a reprint group", 1)?;
        let mut group = Vec::with_capacity(len);
        read_gaps(r, len, docs as u64, "reprinted article", &mut group)?;
        groups.push(group);
    }
    match Reprints::from_groups(docs, groups) {
        Some(reprints) => Ok(reprints),
        None => {
            let kind = FormatErrorKind::OutOfOrder {
                field: "reprint groups",
                value: None,
                limit: docs as u64,
            };
            err(at, kind)
        }
    }
}

impl Meta {
    pub(crate) fn decode(bytes: &[u8]) -> Result<Meta, FormatError> {
        let mut r = unframe(bytes, FileKind::Meta)?;
        let docs = r.var32("document count")? as usize;
        let dated = r.var32("dated document count")? as usize;
        let terms = r.var32("term count")? as usize;
        let avg_title_len = r.f32("average title length")?;
        let avg_body_len = r.f32("average body length")?;
        let at = r.offset();
        let features = r.u8("feature flags")?;
        let known = FEATURE_EVENTS
            | FEATURE_ENTITIES
            | FEATURE_EVENT_META
            | FEATURE_REPRINTS
            | FEATURE_GROUP_FACETS
            | FEATURE_POST_KEYS
            | FEATURE_COLLECTION_FACETS
            | FEATURE_DOC_TIMES;
        let events = FEATURE_EVENTS | FEATURE_EVENT_META;
        let annotated = features & (events | FEATURE_ENTITIES);
        let with_entities = FEATURE_GROUP_FACETS | FEATURE_COLLECTION_FACETS | FEATURE_DOC_TIMES;
        let lone_facets = features & with_entities != 0 && features & FEATURE_ENTITIES == 0;
        if features & !known != 0 || (annotated != 0 && annotated & events != events) || lone_facets
        {
            let kind = FormatErrorKind::NotBelow {
                field: "feature flags",
                value: u64::from(features),
                limit: u64::from(known) + 1,
            };
            return err(at, kind);
        }
        let at = r.offset();
        let n = r.count("publication day count", 2)?;
        let mut day_runs = Vec::with_capacity(n);
        let mut day = 0i64;
        for _ in 0..n {
            day += r.varint("day gap")? as i64;
            let count = r.var32("articles of a day")?;
            let d = i32::try_from(day)
                .ok()
                .filter(|&d| d != UNDATED && date_of_day(d).is_some());
            let Some(d) = d else {
                let kind = FormatErrorKind::NotADate { day, article: None };
                return err(r.offset(), kind);
            };
            day_runs.push((d, count));
        }
        let sum: u64 = day_runs.iter().map(|&(_, c)| u64::from(c)).sum();
        if sum != dated as u64 || dated > docs || day_runs.windows(2).any(|w| w[0].0 >= w[1].0) {
            let kind = FormatErrorKind::DayRuns {
                counted: sum,
                dated,
                docs,
            };
            return err(at, kind);
        }
        let at = r.offset();
        let n = r.count("dictionary shard count", 2)?;
        let (mut dict_chars, mut dict_firsts) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            dict_chars.push(r.vstr("shard's first character")?.to_string());
            dict_firsts.push(r.var32("shard's first term")?);
        }
        ascending_from_zero(&dict_firsts, "dictionary shards", terms as u64, at)?;
        let post_shards = read_firsts(
            &mut r,
            [
                "postings shard count",
                "postings shard's first term",
                "postings shards",
            ],
            terms,
        )?;
        let at = r.offset();
        let per = r.var32("documents a chunk")?;
        let Some(doc_chunks) = Chunking::new(per, docs) else {
            return err(at, FormatErrorKind::ShardCounts { docs, terms });
        };
        let at = r.offset();
        let id_shards = r.var32("id shard count")? as usize;
        let fits = [
            (docs > 0) == (id_shards > 0),
            (terms > 0) != dict_firsts.is_empty(),
            (terms > 0) != post_shards.is_empty(),
        ];
        if fits.contains(&false) {
            return err(at, FormatErrorKind::ShardCounts { docs, terms });
        }
        let events = if features & FEATURE_EVENTS != 0 {
            Some(annotations::decode_events_meta(&mut r)?)
        } else {
            None
        };
        let entities = if features & FEATURE_ENTITIES != 0 {
            Some(EntitiesMeta::decode(&mut r)?)
        } else {
            None
        };
        let reprints = if features & FEATURE_REPRINTS != 0 {
            decode_reprints(&mut r, docs)?
        } else {
            Reprints::default()
        };
        let facets = if features & FEATURE_GROUP_FACETS != 0 {
            Some(FacetsMeta::decode(&mut r, dict_firsts.len())?)
        } else {
            None
        };
        let post_keys = if features & FEATURE_POST_KEYS != 0 {
            format::read_keys(&mut r, post_shards.len())?
        } else {
            Vec::new()
        };
        let collection_facets = if features & FEATURE_COLLECTION_FACETS != 0 {
            Some(GroupFacets::decode_collection(&mut r, docs)?)
        } else {
            None
        };
        expect_end(&r, "index metadata")?;
        Ok(Meta {
            docs,
            dated,
            terms,
            avg_title_len,
            avg_body_len,
            features,
            day_runs,
            dict_chars,
            dict_firsts,
            post_shards,
            doc_chunks,
            id_shards,
            events,
            entities,
            reprints,
            facets,
            post_keys,
            collection_facets,
        })
    }

    /// The shard among `firsts` (ascending first items) holding item `x`.
    fn shard_of(firsts: &[u32], x: u32) -> usize {
        firsts.partition_point(|&f| f <= x).saturating_sub(1)
    }

    /// Items `first..end` of shard `i` of `firsts`, the last ending at `total`.
    fn shard_range(firsts: &[u32], i: usize, total: usize) -> Range<usize> {
        let end = firsts.get(i + 1).map_or(total, |&e| e as usize);
        firsts.get(i).map_or(0, |&f| f as usize)..end
    }

    /// How the document event chunks (`dtimes-*`) cut the documents: as
    /// `dents-*`; `None` in an index without them.
    fn doc_times_chunking(&self) -> Option<Chunking> {
        let entities = self.entities.as_ref();
        (self.features & FEATURE_DOC_TIMES != 0)
            .then(|| entities.map(|m| m.dents(self.docs)))
            .flatten()
    }

    /// The postings shard that holds `text` if it is a term, from the keys
    /// alone (`None` for an index without them).
    fn post_shard_of_text(&self, text: &str) -> Option<usize> {
        (self.post_keys.partition_point(|k| **k <= *text.as_bytes())).checked_sub(1)
    }

    /// The postings shards that hold the terms starting with `prefix`,
    /// from the keys alone (`None` for an index without them): see
    /// [`shards_of_prefix`].
    fn post_shards_of_prefix(&self, prefix: &str) -> Option<Range<usize>> {
        shards_of_prefix(&self.post_keys, prefix.as_bytes())
    }

    /// The dictionary shard whose first characters cover `c` (a first character).
    fn dict_shard_of(&self, c: &str) -> Option<usize> {
        self.dict_chars
            .partition_point(|f| f.as_str() <= c)
            .checked_sub(1)
    }
}

/// Postings of terms `first..first + starts.len() - 1`, flat as in the in-memory index.
struct PostShard {
    first: TermId,
    starts: Vec<u32>,
    docs: Vec<DocId>,
    tf: Vec<u32>,
}

/// Positions of terms `first..`: for term `t`, postings `term_start[t]..`, each
/// with positions `pos_start[p]..pos_start[p + 1]`.
struct PosShard {
    first: TermId,
    term_start: Vec<u32>,
    pos_start: Vec<u32>,
    positions: Vec<u32>,
}

/// A notes chunk as the reader holds it.
struct ChunkNotes {
    /// Each document's notes.
    docs: Vec<DocNotes>,
    /// The id of each document's first time mention.
    first_id: Vec<u32>,
    /// The distinct entities each document's mentions name, ascending, as
    /// `dents-*` lists them: document `i`'s are
    /// `entity_ids[entity_start[i]..entity_start[i + 1]]`. Facets over a
    /// few scattered documents read them here rather than a `dents-*`
    /// chunk of hundreds ([`Prebuilt::entities_of_docs`]).
    entity_start: Vec<u32>,
    entity_ids: Vec<u32>,
}

impl ChunkNotes {
    /// The distinct entities document `i` of the chunk names, ascending.
    fn entities(&self, i: usize) -> Option<&[u32]> {
        let (a, b) = (*self.entity_start.get(i)?, *self.entity_start.get(i + 1)?);
        self.entity_ids.get(a as usize..b as usize)
    }
}

/// A prebuilt index, as far as its files have been added.
pub struct Prebuilt {
    meta: Meta,
    /// Publication day of every document (dated first, ascending; then undated).
    days: Vec<i32>,
    /// Field lengths of the documents seen in loaded postings (0 elsewhere).
    title_len: Vec<u32>,
    body_len: Vec<u32>,
    dict: Vec<Option<DictShard>>,
    post: Vec<Option<PostShard>>,
    pos: Vec<Option<PosShard>>,
    chunks: Held<Vec<Article>>,
    /// Each card chunk added (one per document chunk).
    cards: Held<Vec<Card>>,
    /// Card chunks the page could not have ([`Prebuilt::forgo`]): their
    /// rows are made from the documents.
    forgone: BTreeSet<usize>,
    /// Stem group facets files the page could not have: their groups'
    /// facets are counted from the document entity chunks.
    forgone_facets: BTreeSet<usize>,
    /// Notes chunks the page could not have: facets read their documents'
    /// entities from `dents-*` ([`Prebuilt::entities_of_docs`]).
    forgone_notes: BTreeSet<usize>,
    ids: Vec<Option<fst::Map<Vec<u8>>>>,
    /// Each notes chunk added: its documents' boilerplate flags, time and
    /// entity mentions.
    notes: Held<ChunkNotes>,
    /// The entity files added (names, documents, keys, types, each
    /// document's entities; no mentions: those are in the notes chunks).
    entity_files: EntityFiles,
    /// Each stem group facets file added (`gfacets-*`).
    group_facets: Vec<Option<Vec<GroupFacets>>>,
    /// Each document event chunk added (`dtimes-*`, chunked as `dents-*`).
    doc_times: Held<DocTimes>,
    /// Document event chunks the page could not have: their documents'
    /// events are read from their notes chunks.
    forgone_times: BTreeSet<usize>,
    stemmer: Stemmer,
    missing: RefCell<BTreeSet<String>>,
    /// Postings shards read since the last `take_missing` without their
    /// positions: a phrase needs those too, in the same round trip.
    unread_positions: RefCell<BTreeSet<usize>>,
    /// Where each kind's files start in the index's order of files (by
    /// `FileKind as usize`; see [`Prebuilt::file_position`]).
    offsets: [usize; 16],
    /// Decoded size and last read of every file held ([`cache`]).
    usage: Usage,
    /// How many files evictions dropped so far.
    evicted: usize,
}

/// A dictionary that the fst crate (or its checksum) refuses.
fn bad_fst(dictionary: &'static str, e: impl ToString) -> FormatErrorKind {
    FormatErrorKind::BadFst {
        dictionary,
        error: e.to_string(),
    }
}

/// The dictionary at `at`, checked whole before any look-up: `fst::Map::new`
/// reads only the header, and a look-up in damaged node bytes indexes out of
/// bounds (a panic, found by the `prebuilt` fuzz target) even where the
/// file's frame CRC holds, so the FST's own checksum (written by `fst` ≥ 0.4)
/// is verified too (by [`crate::checksum::verify_fst`], as `fst` verifies it).
fn checked_fst(
    at: usize,
    dictionary: &'static str,
    bytes: &[u8],
) -> Result<fst::Map<Vec<u8>>, FormatError> {
    let map = fst::Map::new(bytes.to_vec()).or_else(|e| err(at, bad_fst(dictionary, e)))?;
    match crate::checksum::verify_fst(map.as_fst().as_bytes()) {
        Ok(()) => Ok(map),
        Err(e) => err(at, bad_fst(dictionary, e)),
    }
}

impl Prebuilt {
    /// Open an index from its `meta.bin`.
    pub fn open(meta: &[u8]) -> Result<Prebuilt, IndexError> {
        let meta = Meta::decode(meta).map_err(|error| IndexError {
            file: FileKind::Meta.name(0),
            kind: IndexErrorKind::Format(error),
        })?;
        let mut days = Vec::with_capacity(meta.docs);
        for &(d, n) in &meta.day_runs {
            days.extend(std::iter::repeat_n(d, n as usize));
        }
        days.resize(meta.docs, UNDATED);
        Ok(Prebuilt {
            days,
            title_len: vec![0; meta.docs],
            body_len: vec![0; meta.docs],
            dict: (0..meta.dict_firsts.len()).map(|_| None).collect(),
            post: (0..meta.post_shards.len()).map(|_| None).collect(),
            pos: (0..meta.post_shards.len()).map(|_| None).collect(),
            chunks: Held::new(meta.doc_chunks.count()),
            cards: Held::new(meta.doc_chunks.count()),
            forgone: BTreeSet::new(),
            forgone_facets: BTreeSet::new(),
            forgone_notes: BTreeSet::new(),
            ids: (0..meta.id_shards).map(|_| None).collect(),
            notes: Held::new(meta.doc_chunks.count()),
            entity_files: EntityFiles::new(meta.entities.as_ref(), meta.docs),
            group_facets: (0..meta.facets.as_ref().map_or(0, FacetsMeta::files))
                .map(|_| None)
                .collect(),
            doc_times: Held::new(meta.doc_times_chunking().map_or(0, |c| c.count())),
            forgone_times: BTreeSet::new(),
            stemmer: Stemmer::default(),
            missing: RefCell::new(BTreeSet::new()),
            unread_positions: RefCell::new(BTreeSet::new()),
            offsets: [0; 16],
            usage: Usage::default(),
            evicted: 0,
            meta,
        }
        .counted())
    }

    /// The copies of the story `doc` tells, itself among them, in document
    /// order; empty when it is not reprinted (as `Index::copies`).
    pub fn copies(&self, doc: DocId) -> &[DocId] {
        self.meta.reprints.group(doc)
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Publication day of every document, in id order ([`UNDATED`] last).
    pub fn days(&self) -> &[i32] {
        &self.days
    }

    /// Is the file at `path` (as named by [`FileKind::name`]) already added?
    pub fn has_file(&self, path: &str) -> bool {
        match FileKind::parse_name(path) {
            Some((FileKind::Meta, _)) => true,
            Some((FileKind::Dict, n)) => self.dict.get(n).is_some_and(Option::is_some),
            Some((FileKind::Postings, n)) => self.post.get(n).is_some_and(Option::is_some),
            Some((FileKind::Positions, n)) => self.pos.get(n).is_some_and(Option::is_some),
            Some((FileKind::Docs, n)) => self.chunks.is_held(n),
            Some((FileKind::Ids, n)) => self.ids.get(n).is_some_and(Option::is_some),
            Some((FileKind::Notes, n)) => self.notes.is_held(n),
            Some((FileKind::Cards, n)) => self.cards.is_held(n),
            Some((FileKind::GroupFacets, n)) => {
                self.group_facets.get(n).is_some_and(Option::is_some)
            }
            Some((FileKind::DocTimes, n)) => self.doc_times.is_held(n),
            Some((kind, n)) => self.entity_files.has(kind, n),
            None => false,
        }
    }

    /// Whether the index has events (and boilerplate flags), and entities.
    pub fn has_events(&self) -> bool {
        self.meta.features & FEATURE_EVENTS != 0
    }

    pub fn has_entities(&self) -> bool {
        self.meta.features & FEATURE_ENTITIES != 0
    }

    /// The facets of every document, counted at build time (in the
    /// metadata: nothing to fetch); `None` in an index without them.
    pub fn collection_facets(&self) -> Option<&GroupFacets> {
        self.meta.collection_facets.as_ref()
    }

    /// The entity list once its types are added (nothing noted): its
    /// records and keys are read from their shards as answers need them.
    pub(crate) fn loaded_entities(&self) -> Option<&dyn crate::index::entities::EntityList> {
        (self.has_entities() && self.entity_files.kinds.is_some())
            .then_some(self as &dyn crate::index::entities::EntityList)
    }

    /// The entity list (records, keys, types and each entity's documents;
    /// its mentions are read per document, [`Prebuilt::entity_mentions`])
    /// once its types are added; else `None`, and they are noted (for an
    /// index that has entities). Records and keys are noted as read.
    pub(crate) fn entities(&self) -> Option<&dyn crate::index::entities::EntityList> {
        self.entity_kinds()?;
        Some(self)
    }

    /// How many entities and mentions the index holds (its metadata's
    /// figures; zeros without entities).
    pub fn entity_counts(&self) -> (usize, usize) {
        (self.meta.entities.as_ref())
            .filter(|_| self.has_entities())
            .map_or((0, 0), |m| (m.entities as usize, m.mentions as usize))
    }

    /// What the events view reads of the whole collection (in the
    /// metadata); `None` for an index without events.
    pub fn event_summary(&self) -> Option<&EventSummary> {
        self.meta.events.as_ref().map(|e| &e.summary)
    }

    /// The notes chunk of `doc` and `doc`'s place in it, if added (read);
    /// else `None`, and the chunk noted (for an index that has notes).
    fn notes_of(&self, doc: DocId) -> Option<(&ChunkNotes, usize)> {
        if !self.has_events() || doc as usize >= self.meta.docs {
            return None;
        }
        let n = self.meta.doc_chunks.of(doc);
        match self.notes.get(n) {
            Some(chunk) => {
                self.touch(FileKind::Notes, n);
                Some((chunk, self.meta.doc_chunks.place(doc)))
            }
            None => {
                self.need(FileKind::Notes, n);
                None
            }
        }
    }

    /// The time mentions of `doc` in text order, with the id of the first
    /// (the page's ids); empty while its notes chunk is missing (noted).
    pub fn times(&self, doc: DocId) -> (u32, &[TimeMention]) {
        self.notes_of(doc)
            .and_then(|(c, i)| Some((*c.first_id.get(i)?, c.docs.get(i)?.times.as_slice())))
            .unwrap_or((0, &[]))
    }

    /// Which whole chunks (`dents-*`, `dtimes-*`: `whole` bytes each) to
    /// read for `pending`, (whole chunk, notes chunk) of each document
    /// whose data is in neither yet: those of documents whose notes chunk
    /// the page could not have, and those that cost no more than the notes
    /// chunks of their documents here ([`cheaper_whole`]; a notes chunk
    /// already asked for costs nothing). Ascending.
    fn whole_chunks_to_read(&self, pending: Vec<(usize, usize)>, whole: usize) -> Vec<usize> {
        let mut read: Vec<usize> = (pending.iter())
            .filter_map(|&(c, k)| self.forgone_notes.contains(&k).then_some(c))
            .collect();
        let missing = self.missing.borrow();
        let asked = |k: usize| missing.contains(&FileKind::Notes.name(k));
        let costs = (whole, notes_cost(self.meta.doc_chunks));
        read.extend(cheaper_whole(pending, costs, asked));
        crate::sort::sort(&mut read[..]);
        read.dedup();
        read
    }

    /// The entity mentions of `doc`; empty while its notes chunk is missing (noted).
    pub fn entity_mentions(&self, doc: DocId) -> &[EntityMention] {
        self.notes_of(doc)
            .and_then(|(c, i)| Some(c.docs.get(i)?.entities.as_slice()))
            .unwrap_or(&[])
    }

    /// Whether paragraph `para` of `doc` is boilerplate (as the page's
    /// index finds it); false, and its notes chunk noted, while that chunk
    /// is missing; always false for an index without notes.
    pub fn is_boilerplate(&self, doc: DocId, para: usize) -> bool {
        if !self.has_events() || doc as usize >= self.meta.docs {
            return false;
        }
        self.notes_of(doc).is_some_and(|(c, i)| {
            (c.docs.get(i)).is_some_and(|d| d.boilerplate.binary_search(&(para as u32)).is_ok())
        })
    }

    /// How many shards of each kind, in the index's order of files.
    fn shard_counts(&self) -> [(FileKind, usize); 14] {
        let m = &self.meta;
        let notes = if self.has_events() {
            m.doc_chunks.count()
        } else {
            0
        };
        [
            (FileKind::Dict, m.dict_firsts.len()),
            (FileKind::Postings, m.post_shards.len()),
            (FileKind::Positions, m.post_shards.len()),
            (FileKind::Docs, m.doc_chunks.count()),
            (FileKind::Ids, m.id_shards),
            (FileKind::Notes, notes),
            (
                FileKind::Entities,
                self.entity_files.count(FileKind::Entities),
            ),
            (FileKind::Cards, m.doc_chunks.count()),
            (
                FileKind::EntityKeys,
                self.entity_files.count(FileKind::EntityKeys),
            ),
            (FileKind::EntityKinds, usize::from(self.has_entities())),
            (
                FileKind::EntityNames,
                self.entity_files.count(FileKind::EntityNames),
            ),
            (
                FileKind::DocEntities,
                self.entity_files.count(FileKind::DocEntities),
            ),
            (FileKind::GroupFacets, self.group_facets.len()),
            (FileKind::DocTimes, self.doc_times.len()),
        ]
    }

    /// Every file of the index but the metadata, by name, in the index's order.
    pub fn file_names(&self) -> Vec<String> {
        self.shard_counts()
            .into_iter()
            .flat_map(|(k, n)| (0..n).map(move |i| k.name(i)))
            .collect()
    }

    /// How many files the index has, the metadata included.
    pub fn file_count(&self) -> usize {
        1 + self.shard_counts().iter().map(|(_, n)| n).sum::<usize>()
    }

    /// Where the file `path` is in the index's order (0: the metadata, then
    /// [`Prebuilt::file_names`]'s), with no list of names; `None` for a file
    /// this index does not have.
    pub fn file_position(&self, path: &str) -> Option<usize> {
        let (kind, n) = FileKind::parse_name(path)?;
        if kind == FileKind::Meta {
            return Some(0);
        }
        let mut at = 1;
        for (k, count) in self.shard_counts() {
            if k == kind {
                return (n < count).then_some(at + n);
            }
            at += count;
        }
        None
    }

    /// Decode and keep the file at `path`. A damaged file, or one that does
    /// not belong to this index, is an error naming it; nothing is kept then.
    pub fn add_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), IndexError> {
        let fail = |kind: IndexErrorKind| IndexError {
            file: path.to_string(),
            kind,
        };
        let wrap = |error: FormatError| fail(IndexErrorKind::Format(error));
        let Some((kind, n)) = FileKind::parse_name(path) else {
            return Err(fail(IndexErrorKind::NotAnIndexFile));
        };
        let count = match kind {
            FileKind::Meta => return Ok(()),
            FileKind::Dict => self.dict.len(),
            FileKind::Postings | FileKind::Positions => self.post.len(),
            FileKind::Docs | FileKind::Cards => self.chunks.len(),
            FileKind::Ids => self.ids.len(),
            FileKind::Notes if self.has_events() => self.notes.len(),
            FileKind::Notes => 0,
            FileKind::EntityKinds => usize::from(self.has_entities()),
            FileKind::GroupFacets => self.group_facets.len(),
            FileKind::DocTimes => self.doc_times.len(),
            _ => self.entity_files.count(kind),
        };
        if n >= count {
            return Err(fail(IndexErrorKind::NoSuchShard { n, count, kind }));
        }
        match kind {
            FileKind::Meta => {}
            FileKind::Dict => self.dict[n] = Some(self.decode_dict(n, bytes).map_err(wrap)?),
            FileKind::Postings => {
                let shard = self.decode_postings(n, bytes).map_err(wrap)?;
                self.post[n] = Some(shard);
            }
            FileKind::Positions => {
                self.pos[n] = Some(self.decode_positions(n, bytes).map_err(wrap)?)
            }
            FileKind::Docs => self
                .chunks
                .insert(n, self.decode_docs(n, bytes).map_err(wrap)?),
            FileKind::Cards => self
                .cards
                .insert(n, self.decode_cards(n, bytes).map_err(wrap)?),
            FileKind::Ids => self.ids[n] = Some(self.decode_ids(n, bytes).map_err(wrap)?),
            FileKind::GroupFacets => self.add_group_facets(n, bytes).map_err(wrap)?,
            FileKind::DocTimes => {
                if self.has_file(path) {
                    return Ok(());
                }
                let chunk = self.decode_doc_times(n, bytes).map_err(wrap)?;
                self.doc_times.insert(n, chunk);
            }
            FileKind::Notes => {
                if self.has_file(path) {
                    return Ok(());
                }
                let range = self.meta.doc_chunks.range(n);
                let (first, docs) = annotations::decode_notes(n, range, bytes).map_err(wrap)?;
                self.notes
                    .insert(n, self.chunk_notes(first, docs).map_err(wrap)?);
            }
            _ => {
                if self.has_file(path) {
                    return Ok(());
                }
                self.add_entity_file(kind, n, bytes).map_err(wrap)?;
            }
        }
        self.usage
            .hold(self.pos(kind, n), self.decoded_bytes(kind, n));
        Ok(())
    }

    /// A notes chunk as held: the ids of its documents' first mentions,
    /// numbered on from the chunk's first (`first`, which its mentions
    /// must not carry past the collection's count in the metadata).
    fn chunk_notes(&self, first: u32, docs: Vec<DocNotes>) -> Result<ChunkNotes, FormatError> {
        let mentions = self.meta.events.as_ref().map_or(0, |e| e.summary.mentions);
        let count: u64 = docs.iter().map(|d| d.times.len() as u64).sum();
        if u64::from(first) + count > u64::from(mentions) {
            let kind = FormatErrorKind::NotBelow {
                field: "chunk's last time mention",
                value: u64::from(first) + count,
                limit: u64::from(mentions) + 1,
            };
            return err(0, kind);
        }
        let mut first_id = Vec::with_capacity(docs.len());
        let mut at = first;
        for d in &docs {
            first_id.push(at);
            at += d.times.len() as u32;
        }
        let mut entity_start = Vec::with_capacity(docs.len() + 1);
        let mut entity_ids = Vec::new();
        entity_start.push(0);
        for d in &docs {
            let mut named: Vec<u32> = d.entities.iter().map(|m| m.entity).collect();
            crate::sort::sort(&mut named[..]);
            named.dedup();
            entity_ids.extend(named);
            entity_start.push(entity_ids.len() as u32);
        }
        Ok(ChunkNotes {
            docs,
            first_id,
            entity_start,
            entity_ids,
        })
    }

    /// Whether the request under way has noted a dictionary or postings
    /// shard missing: its results are not all known yet (what is counted
    /// over them, facets, waits for the next round).
    pub fn lacks_terms(&self) -> bool {
        (self.missing.borrow().iter()).any(|f| {
            matches!(
                FileKind::parse_name(f),
                Some((FileKind::Dict | FileKind::Postings, _))
            )
        })
    }

    /// The files found missing since the last call, by name.
    pub fn take_missing(&self) -> Vec<String> {
        self.unread_positions.borrow_mut().clear();
        std::mem::take(&mut *self.missing.borrow_mut())
            .into_iter()
            .collect()
    }

    /// The positions files not held of the postings shards read since the
    /// last [`Prebuilt::take_missing`] (see `unread_positions`).
    pub fn positions_of_read_postings(&self) -> Vec<String> {
        self.unread_positions
            .borrow()
            .iter()
            .map(|&n| FileKind::Positions.name(n))
            .collect()
    }

    /// Note that file `n` of `kind` is needed.
    pub fn need(&self, kind: FileKind, n: usize) {
        self.missing.borrow_mut().insert(kind.name(n));
    }

    /// Term shard `n` of `kind` (dictionary, postings or positions): the
    /// reader after its header, which must name the shard and the terms the
    /// metadata gives it, and that range of terms.
    fn open_term_shard<'b>(
        &self,
        kind: FileKind,
        n: usize,
        bytes: &'b [u8],
    ) -> Result<(Reader<'b>, Range<usize>), FormatError> {
        let firsts = match kind {
            FileKind::Dict => &self.meta.dict_firsts,
            _ => &self.meta.post_shards,
        };
        let range = Meta::shard_range(firsts, n, self.meta.terms);
        let mut r = unframe(bytes, kind)?;
        expect_var(&mut r, "shard number", n as u64)?;
        expect_var(&mut r, "first term", range.start as u64)?;
        expect_var(&mut r, "term count", range.len() as u64)?;
        Ok((r, range))
    }

    fn decode_dict(&self, n: usize, bytes: &[u8]) -> Result<DictShard, FormatError> {
        let (r, range) = self.open_term_shard(FileKind::Dict, n, bytes)?;
        let records = (self.meta.facets.as_ref()).map_or(0, |f| f.shard_records(n));
        dict::decode(r, range, &self.stemmer, records)
    }

    fn decode_postings(&mut self, n: usize, bytes: &[u8]) -> Result<PostShard, FormatError> {
        let (mut r, range) = self.open_term_shard(FileKind::Postings, n, bytes)?;
        let docs_total = self.meta.docs as u64;
        let mut starts = vec![0u32];
        let (mut docs, mut tf) = (Vec::new(), Vec::new());
        let mut lengths = Vec::new();
        let first = range.start as TermId;
        for _ in range {
            let count = r.count("posting count", 4)?;
            let mut prev = 0u64;
            for i in 0..count {
                let at = r.offset();
                let doc = prev + r.varint("document gap")?;
                if doc >= docs_total || (i > 0 && doc == prev) {
                    let kind = FormatErrorKind::OutOfOrder {
                        field: "document",
                        value: Some(doc),
                        limit: docs_total,
                    };
                    return err(at, kind);
                }
                prev = doc;
                docs.push(doc as DocId);
                tf.push(r.var32("term frequency")?);
                lengths.push((r.var32("title length")?, r.var32("body length")?));
            }
            starts.push(docs.len() as u32);
        }
        expect_end(&r, "postings shard")?;
        // Only now that the whole shard decoded: no half-applied damage.
        for (&d, &(t, b)) in docs.iter().zip(&lengths) {
            self.title_len[d as usize] = t;
            self.body_len[d as usize] = b;
        }
        Ok(PostShard {
            first,
            starts,
            docs,
            tf,
        })
    }

    fn decode_positions(&self, n: usize, bytes: &[u8]) -> Result<PosShard, FormatError> {
        let (mut r, range) = self.open_term_shard(FileKind::Positions, n, bytes)?;
        let mut term_start = vec![0u32];
        let mut pos_start = vec![0u32];
        let mut positions = Vec::new();
        for _ in range.clone() {
            let count = r.count("posting count", 1)?;
            for _ in 0..count {
                let len = r.count("position count", 1)?;
                read_gaps(&mut r, len, u64::from(u32::MAX), "position", &mut positions)?;
                pos_start.push(positions.len() as u32);
            }
            term_start.push((pos_start.len() - 1) as u32);
        }
        expect_end(&r, "positions shard")?;
        Ok(PosShard {
            first: range.start as TermId,
            term_start,
            pos_start,
            positions,
        })
    }

    fn decode_docs(&self, n: usize, bytes: &[u8]) -> Result<Vec<Article>, FormatError> {
        let range = self.meta.doc_chunks.range(n);
        let mut r = unframe(bytes, FileKind::Docs)?;
        expect_var(&mut r, "chunk number", n as u64)?;
        expect_var(&mut r, "first document", range.start as u64)?;
        let at = r.offset();
        let pack = r.vbytes("article pack")?;
        let articles = crate::store::read_pack(pack).map_err(|e| e.shifted(at))?;
        expect_size(at, ["chunk", "articles"], articles.len(), range.len())?;
        expect_end(&r, "document chunk")?;
        Ok(articles)
    }

    fn decode_ids(&self, n: usize, bytes: &[u8]) -> Result<fst::Map<Vec<u8>>, FormatError> {
        let mut r = unframe(bytes, FileKind::Ids)?;
        expect_var(&mut r, "shard number", n as u64)?;
        let at = r.offset();
        let ids = checked_fst(at, "id dictionary", r.vbytes("id dictionary")?)?;
        let mut stream = ids.stream();
        while let Some((id, doc)) = stream.next() {
            let id = String::from_utf8_lossy(id);
            if doc >= self.meta.docs as u64 || id_shard(&id, self.meta.id_shards) != n {
                let id = id.into_owned();
                return err(at, FormatErrorKind::StrayId { id, doc });
            }
        }
        expect_end(&r, "id shard")?;
        Ok(ids)
    }

    /// While a word's dictionary shard is missing, the postings shards of
    /// its terms are guessed from the shards' keys and asked for with it,
    /// so that a cold search reads the dictionary and the postings in one
    /// round trip (another spelling's terms that lie elsewhere come in the
    /// next). Each guess is a text and whether it stands for the terms it
    /// starts as well (a word's stem: its stem group's terms mostly start
    /// with it, "agre" for agreed, agreement, agrees; a prefix search);
    /// such a range is asked for whole when it spans at most
    /// [`MAX_GUESSED_SHARDS`] shards, else only where the text itself lies.
    /// The price: the shard of a word that is no term (a typo, its
    /// corrections elsewhere) is fetched for nothing, and a range's shards
    /// may hold none of the group's terms. `positions`: a phrase's word,
    /// whose positions shards (numbered as its postings shards) are asked
    /// for too.
    fn need_postings_of(&self, guesses: &[(&str, bool)], positions: bool) {
        for &(text, starts) in guesses {
            let range = match starts {
                true => self.meta.post_shards_of_prefix(text),
                false => self.meta.post_shard_of_text(text).map(|n| n..n + 1),
            };
            let Some(Range { start, mut end }) = range else {
                continue;
            };
            if end - start > MAX_GUESSED_SHARDS {
                end = start + 1;
            }
            for n in start..end {
                if self.post.get(n).is_some_and(Option::is_none) {
                    self.need(FileKind::Postings, n);
                }
                if positions && self.pos.get(n).is_some_and(Option::is_none) {
                    self.need(FileKind::Positions, n);
                }
            }
        }
    }

    fn dict_for(&self, term: &str) -> Option<&DictShard> {
        let n = self.meta.dict_shard_of(first_char(term))?;
        match &self.dict[n] {
            Some(shard) => {
                self.touch(FileKind::Dict, n);
                Some(shard)
            }
            None => {
                self.need(FileKind::Dict, n);
                None
            }
        }
    }

    fn dict_of_term(&self, term: TermId) -> Option<&DictShard> {
        let n = Meta::shard_of(&self.meta.dict_firsts, term);
        let shard = self.dict.get(n)?.as_ref()?;
        self.touch(FileKind::Dict, n);
        Some(shard)
    }

    /// The article of `doc`, if its chunk is loaded; otherwise noted as missing.
    pub fn article(&self, doc: DocId) -> Option<&Article> {
        if doc as usize >= self.meta.docs {
            return None;
        }
        let n = self.meta.doc_chunks.of(doc);
        match self.chunks.get(n) {
            Some(articles) => {
                self.touch(FileKind::Docs, n);
                articles.get(self.meta.doc_chunks.place(doc))
            }
            None => {
                self.need(FileKind::Docs, n);
                // Its boilerplate flags come with it (snippets pass over them).
                if self.has_events() && !self.notes.is_held(n) {
                    self.need(FileKind::Notes, n);
                }
                None
            }
        }
    }

    /// The document with article id `id`: `Err(())` while its id shard is
    /// missing (noted), `Ok(None)` when there is no such article.
    #[allow(clippy::result_unit_err)]
    pub fn doc_by_id(&self, id: &str) -> Result<Option<DocId>, ()> {
        if self.meta.id_shards == 0 {
            return Ok(None);
        }
        let n = id_shard(id, self.meta.id_shards);
        match &self.ids[n] {
            Some(ids) => {
                self.touch(FileKind::Ids, n);
                Ok(ids.get(id).map(|doc| doc as DocId))
            }
            None => {
                self.need(FileKind::Ids, n);
                Err(())
            }
        }
    }
}

/// The shards that may hold a text starting with `prefix`, when shard `i`
/// holds the texts from `keys[i]` (ascending, the first empty) up to
/// `keys[i + 1]`: the shard `prefix` itself falls in and those whose keys
/// start with it (`None` without keys).
fn shards_of_prefix(keys: &[Box<[u8]>], prefix: &[u8]) -> Option<Range<usize>> {
    let first = keys.partition_point(|k| **k <= *prefix).checked_sub(1)?;
    // Keys below `prefix`, then those it starts (all above it), then the
    // rest: one partition.
    let under = keys.partition_point(|k| **k < *prefix || k.starts_with(prefix));
    Some(first..under.max(first + 1))
}

/// The id shard of an article id: its CRC-32, modulo the shard count.
pub fn id_shard(id: &str, shards: usize) -> usize {
    (crate::checksum::crc32(id.as_bytes()) as usize) % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::shards_of_prefix;
    use proptest::prelude::*;

    proptest! {
        /// The shards a prefix's texts may lie in, against the plain
        /// definition: shard `i` holds `keys[i]..keys[i + 1]` (the last
        /// unbounded), and overlaps the texts starting with `prefix` when
        /// it starts below their end and ends above `prefix`.
        #[test]
        fn a_prefix_spans_the_shards_whose_ranges_meet_it(
            keys in prop::collection::btree_set(prop::collection::vec(b'a'..b'e', 1..4), 0..8),
            prefix in prop::collection::vec(b'a'..b'e', 0..3),
        ) {
            let keys: Vec<Box<[u8]>> = std::iter::once(Vec::new()).chain(keys)
                .map(Vec::into_boxed_slice).collect();
            let below_end = |k: &[u8]| k < &prefix[..] || k.starts_with(&prefix);
            let meets = |i: usize| {
                below_end(&keys[i]) && keys.get(i + 1).is_none_or(|k| **k > *prefix)
            };
            let want: Vec<usize> = (0..keys.len()).filter(|&i| meets(i)).collect();
            let got: Vec<usize> = shards_of_prefix(&keys, &prefix).into_iter().flatten().collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(shards_of_prefix(&[], &prefix), None);
        }
    }
}
