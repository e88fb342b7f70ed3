//! The collection's people, organisations and places: which articles mention
//! which entity, and where, for facets, `person:`/`org:`/`place:` filters, the
//! reader's marks and each entity's own view.
//!
//! Built after the search index, when the recognizer's model has arrived, so
//! search never waits for it. Recognition and merging are [`crate::entities`]'s;
//! this module only files the results by document.

#[cfg(feature = "inpage")]
use std::borrow::Cow;

use rustc_hash::FxHashMap;

#[cfg(feature = "inpage")]
use super::boilerplate::Boilerplate;
#[cfg(feature = "inpage")]
use super::casing::Casing;
use super::DocId;
#[cfg(feature = "inpage")]
use crate::article::Article;
#[cfg(feature = "inpage")]
use crate::index::docs::Docs;

#[cfg(feature = "inpage")]
use crate::entities::agree::institution_cue_at;
#[cfg(feature = "inpage")]
use crate::entities::merge::{merge, Drafts, Merged};
#[cfg(feature = "inpage")]
use crate::entities::resolve::normalized;
#[cfg(feature = "inpage")]
use crate::entities::{Cache, Recognizer};
use crate::entity_type::EntityType;
use crate::text::tokenizer::{fold_into, word_ranges};

#[cfg(feature = "inpage")]
/// Paragraphs are joined with this to recognize an article as one text (so
/// "Lavrov" in a later paragraph resolves to the "Sergey Lavrov" of the first).
const JOIN: &str = "\n\n";

/// One entity of the collection.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecord {
    /// URL-safe key from the folded canonical name: `sergey-lavrov`.
    pub key: String,
    pub name: String,
    pub kind: EntityType,
    /// Surface forms, most frequent first.
    pub aliases: Vec<String>,
    pub mentions: usize,
    /// Articles mentioning it, ascending.
    pub docs: Vec<DocId>,
}

/// The bytes a list of entity records holds on the heap (see
/// [`EntityIndex::heap_bytes`]).
pub fn records_heap_bytes(records: &[EntityRecord]) -> usize {
    let each = |r: &EntityRecord| {
        let aliases: usize = r.aliases.iter().map(String::len).sum();
        r.key.len()
            + r.name.len()
            + std::mem::size_of_val(r.aliases.as_slice())
            + aliases
            + std::mem::size_of_val(r.docs.as_slice())
    };
    std::mem::size_of_val(records) + records.iter().map(each).sum::<usize>()
}

/// One mention: a byte range of a paragraph, and its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMention {
    pub para: u32,
    pub start: u32,
    pub end: u32,
    pub entity: u32,
}

/// Facet values shown per type.
pub const FACET_SIZE: usize = 10;

/// What facets show of a set of documents: for people, organisations and
/// places (in that order; other names are not facets), how many entities of
/// the type the documents name in all, and the `shown` most named, with how
/// many documents name each (most first, ties by entity id). The one
/// definition of that choice, read by the engines' facets and by the
/// prebuilt index's facets counted at build time (`prebuilt/group_facets.rs`),
/// so that the two cannot differ.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub totals: [usize; 3],
    pub top: [Vec<(u32, u32)>; 3],
}

/// [`FacetCounts`] of `counts` (each entity named with how many documents
/// name it, in any order), the type of each from `kind` (an entity it does
/// not know is left out).
pub fn facet_counts(
    counts: Vec<(u32, u32)>,
    kind: impl Fn(u32) -> Option<EntityType>,
    shown: usize,
) -> FacetCounts {
    let mut f = FacetCounts::default();
    for (e, n) in counts {
        let i = match kind(e) {
            Some(EntityType::Person) => 0,
            Some(EntityType::Organization) => 1,
            Some(EntityType::Location) => 2,
            Some(EntityType::Misc) | None => continue,
        };
        f.totals[i] += 1;
        f.top[i].push((e, n));
    }
    // Most named first, ties by entity. Natively the first `shown` are
    // selected, then sorted (at build time a frequent word's documents name
    // thousands); the page sorts them all (selection's code would add 2 KB
    // to the wasm for lists of the top results' entities).
    let order = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    for top in &mut f.top {
        #[cfg(not(target_arch = "wasm32"))]
        if top.len() > shown {
            top.select_nth_unstable_by(shown, order);
            top.truncate(shown);
        }
        crate::sort::sort_by(&mut top[..], order);
        top.truncate(shown);
    }
    f
}

/// The collection's entity list, as an engine holds it: the in-memory
/// [`EntityIndex`] whole, a prebuilt index in files read on demand
/// (`prebuilt/entity_list.rs`: what it lacks is noted, as for
/// `engine/collection.rs`'s `Notes`). What facets, filters, entity views
/// and the reader's marks read (`engine/collection.rs` `Collection`).
pub trait EntityList {
    /// The type of `entity` (`None`: no such entity, or not at hand).
    fn kind(&self, entity: u32) -> Option<EntityType>;
    /// The record of `entity`: key, name, type, aliases, documents (`None`
    /// likewise). A prebuilt index's records have no documents or aliases
    /// (its names are read apart from them, for facets): read those with
    /// [`EntityList::docs`] and [`EntityList::aliases`].
    fn record(&self, entity: u32) -> Option<&EntityRecord>;
    /// The documents naming `entity`, ascending (`None` likewise).
    fn docs(&self, entity: u32) -> Option<&[DocId]>;
    /// The surface forms of `entity`, most frequent first (`None` likewise).
    fn aliases(&self, entity: u32) -> Option<&[String]>;
    /// The entity with this key, the first (most mentioned) when types share it.
    fn by_key(&self, key: &str) -> Option<u32>;
}

impl EntityList for EntityIndex {
    fn kind(&self, entity: u32) -> Option<EntityType> {
        EntityIndex::record(self, entity).map(|r| r.kind)
    }

    fn record(&self, entity: u32) -> Option<&EntityRecord> {
        EntityIndex::record(self, entity)
    }

    fn docs(&self, entity: u32) -> Option<&[DocId]> {
        EntityIndex::record(self, entity).map(|r| r.docs.as_slice())
    }

    fn aliases(&self, entity: u32) -> Option<&[String]> {
        EntityIndex::record(self, entity).map(|r| r.aliases.as_slice())
    }

    fn by_key(&self, key: &str) -> Option<u32> {
        EntityIndex::by_key(self, key)
    }
}

#[derive(Debug, Default)]
pub struct EntityIndex {
    records: Vec<EntityRecord>,
    by_key: FxHashMap<String, u32>,
    doc_start: Vec<u32>,
    mentions: Vec<EntityMention>,
    /// Distinct entities per document (offsets as `doc_start`).
    doc_entity_start: Vec<u32>,
    doc_entities: Vec<u32>,
}

/// The key of a name: its folded words joined by `-`.
///
/// The same as joining the terms of [`tokenize`], without its `Vec` and a
/// `String` per word: a key is made for every entity of the collection.
pub fn entity_key(name: &str) -> String {
    // Fast path, the common case: ASCII letters and digits between spaces,
    // in one pass. Each such word is one word to the tokenizer and folds to
    // its lower case; anything else takes the tokenizer's path.
    let mut fast = Vec::with_capacity(name.len());
    let mut word = 0usize;
    let simple = name.bytes().all(|c| {
        if c == b' ' {
            word = 0;
            return true;
        }
        if word == 0 && !fast.is_empty() {
            fast.push(b'-');
        }
        word += 1;
        fast.push(c.to_ascii_lowercase());
        c.is_ascii_alphanumeric() && word <= crate::text::tokenizer::MAX_WORD_BYTES
    });
    if simple {
        if let Ok(key) = String::from_utf8(fast) {
            return key;
        }
    }
    let mut out = String::with_capacity(name.len());
    let mut term = String::new();
    for (start, end) in word_ranges(name) {
        let Some(word) = name.get(start..end) else {
            continue;
        };
        fold_into(word, &mut term);
        // `tokenize` drops words that fold to nothing.
        if term.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&term);
    }
    out
}

#[cfg(feature = "inpage")]
/// Recognition in slices, so the page can stay responsive: [`step`] a few
/// hundred articles at a time, then [`finish`].
///
/// [`step`]: EntityIndexBuilder::step
/// [`finish`]: EntityIndexBuilder::finish
pub struct EntityIndexBuilder {
    /// None when the mentions were recognized elsewhere ([`EntityIndexBuilder::from_recognized`]).
    recognizer: Option<Recognizer>,
    /// The recognizer's scratch space, kept from one article to the next.
    cache: Cache,
    /// Whether a trained model found the mentions.
    model: bool,
    /// Every mention kept so far, in document order, with its names interned.
    filed: Vec<Filed>,
    /// End of each recognized document's mentions in `filed`.
    doc_end: Vec<u32>,
    /// Interned (type, string) pairs: canonical names and surface texts.
    strings: Interner,
    /// The joined text of the article being recognized (reused).
    text: String,
}

/// The per-document part of an [`EntityIndex`], filled one document at a
/// time (a collection's mentions are its largest part: filed straight into
/// one list, not a list per document first).
#[derive(Default)]
struct DocMentions {
    doc_start: Vec<u32>,
    mentions: Vec<EntityMention>,
    doc_entity_start: Vec<u32>,
    doc_entities: Vec<u32>,
}

impl DocMentions {
    /// The next document's mentions, in text order.
    fn push(&mut self, list: &[EntityMention]) {
        self.doc_start.push(self.mentions.len() as u32);
        self.doc_entity_start.push(self.doc_entities.len() as u32);
        // Distinct entities in order of first mention.
        let first_of_doc = self.doc_entities.len();
        for m in list {
            if !self.doc_entities[first_of_doc..].contains(&m.entity) {
                self.doc_entities.push(m.entity);
            }
        }
        self.mentions.extend_from_slice(list);
    }

    fn into_index(mut self, records: Vec<EntityRecord>) -> EntityIndex {
        let mut by_key = FxHashMap::default();
        for (i, r) in records.iter().enumerate() {
            // Two entities of different types can share a name ("Washington"):
            // the more mentioned (earlier) keeps the plain key.
            by_key.entry(r.key.clone()).or_insert(i as u32);
        }
        self.doc_start.push(self.mentions.len() as u32);
        self.doc_entity_start.push(self.doc_entities.len() as u32);
        EntityIndex {
            records,
            by_key,
            doc_start: self.doc_start,
            mentions: self.mentions,
            doc_entity_start: self.doc_entity_start,
            doc_entities: self.doc_entities,
        }
    }
}

#[cfg(feature = "inpage")]
/// A byte offset in an article's joined text, as [`Filed`] keeps it
/// (articles are refused far below 4 GiB at parsing; saturating all the
/// same, so that no offset wraps).
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

#[cfg(feature = "inpage")]
/// A mention awaiting filing: its byte range in the joined text (u32: an
/// article is far below 4 GiB, and a collection has millions of these),
/// and the interned ids of its (type, canonical name) and (type, text as
/// written).
#[derive(Clone, Copy)]
struct Filed {
    start: u32,
    end: u32,
    name: u32,
    text: u32,
    /// An organisation mention with an institution's cue around it ("the
    /// Kremlin said"), set when filing: see [`Drafts::cues`].
    cue: bool,
}

#[cfg(feature = "inpage")]
/// Mentions recognized apart from the collection they belong to: how a Web
/// Worker hands its results to the page's engine ([`EntityIndexBuilder::into_recognized`],
/// [`EntityIndexBuilder::from_recognized`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recognized {
    /// Article ids, in the order they were recognized.
    pub ids: Vec<String>,
    /// End of each article's mentions, counted in mentions (4 numbers each).
    pub doc_ends: Vec<u32>,
    /// Four numbers per mention: start and end byte in the article's
    /// paragraphs joined by a blank line, then the string ids of its
    /// canonical name and of its text as written.
    pub mentions: Vec<u32>,
    /// Entity type index of each string id.
    pub kinds: Vec<u8>,
    /// The strings, by id.
    pub strings: Vec<String>,
    /// Whether a trained model found them.
    pub model: bool,
}

#[cfg(feature = "inpage")]
/// Why recognized mentions do not fit the collection. The message names
/// the article or the field and both values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecognizedError {
    /// The fields' lengths disagree, or a value is out of range.
    Lengths(String),
    /// An article is missing, unknown, repeated, or has a mention outside its text.
    Article(String),
}

#[cfg(feature = "inpage")]
impl std::fmt::Display for RecognizedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecognizedError::Lengths(m) | RecognizedError::Article(m) => {
                write!(f, "recognized entities: {m}")
            }
        }
    }
}

#[cfg(feature = "inpage")]
impl std::error::Error for RecognizedError {}

#[cfg(feature = "inpage")]
/// Strings by type, each given a dense id once. Why: mentions repeat their
/// names, so the final entity is looked up once per name, not per mention,
/// and the mentions' own strings are freed as soon as they are recognized.
#[derive(Default)]
struct Interner {
    maps: [FxHashMap<String, u32>; 4],
    /// Every string again, end to end, for its id: id `i` is
    /// `bytes[ends[i - 1]..ends[i]]`.
    bytes: String,
    ends: Vec<usize>,
    kinds: Vec<EntityType>,
}

#[cfg(feature = "inpage")]
impl Interner {
    fn id(&mut self, kind: EntityType, s: &str) -> u32 {
        let map = &mut self.maps[kind.index() as usize & 3];
        if let Some(&id) = map.get(s) {
            return id;
        }
        let id = self.ends.len() as u32;
        map.insert(s.to_string(), id);
        self.bytes.push_str(s);
        self.ends.push(self.bytes.len());
        self.kinds.push(kind);
        id
    }

    fn get(&self, kind: EntityType, s: &str) -> Option<u32> {
        self.maps[kind.index() as usize & 3].get(s).copied()
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn str(&self, id: u32) -> &str {
        let i = id as usize;
        let from = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).copied().unwrap_or(0)
        };
        let to = self.ends.get(i).copied().unwrap_or(from);
        self.bytes.get(from..to).unwrap_or("")
    }

    fn kind(&self, id: u32) -> EntityType {
        self.kinds
            .get(id as usize)
            .copied()
            .unwrap_or(EntityType::Misc)
    }
}

/// Where one article's mentions go: the recognizer's scratch, the joined
/// text, the interned names and the mentions so far.
#[cfg(feature = "inpage")]
struct Sink<'s> {
    cache: &'s mut Cache,
    text: &'s mut String,
    strings: &'s mut Interner,
    filed: &'s mut Vec<Filed>,
}

#[cfg(feature = "inpage")]
impl Sink<'_> {
    /// Recognize article `a` (its paragraphs as one text) and file its
    /// mentions, MISC left out: nationalities and events are no one's facet.
    fn recognize(&mut self, recognizer: &Recognizer, a: &Article) {
        let text = &mut *self.text;
        text.clear();
        for (k, p) in a.paragraphs.iter().enumerate() {
            if k > 0 {
                text.push_str(JOIN);
            }
            text.push_str(p);
        }
        let (strings, filed) = (&mut *self.strings, &mut *self.filed);
        recognizer.recognize_each(self.cache, text, |m| {
            if m.kind == EntityType::Misc {
                return;
            }
            let name = strings.id(m.kind, &m.canonical);
            // Mostly the text is its own canonical name: one look-up then.
            let text = if m.text == m.canonical {
                name
            } else {
                strings.id(m.kind, m.text)
            };
            filed.push(Filed {
                start: offset(m.start),
                end: offset(m.end),
                name,
                text,
                cue: false,
            });
        });
    }
}

#[cfg(feature = "inpage")]
impl EntityIndexBuilder {
    pub fn new(recognizer: Recognizer) -> Self {
        let model = recognizer.has_model();
        EntityIndexBuilder {
            recognizer: Some(recognizer),
            cache: Cache::new(),
            model,
            filed: Vec::new(),
            doc_end: Vec::new(),
            strings: Interner::default(),
            text: String::new(),
        }
    }

    /// Articles recognized so far (they are taken in id order).
    pub fn done(&self) -> usize {
        self.doc_end.len()
    }

    pub fn has_model(&self) -> bool {
        self.model
    }

    /// Recognize up to `max_docs` more of `docs` (the same slice every call);
    /// returns how many are done. MISC mentions (nationalities, events) are
    /// left out: they are no one's facet.
    pub fn step(&mut self, docs: &[Article], max_docs: usize) -> usize {
        let start = self.doc_end.len();
        for a in docs.iter().skip(start).take(max_docs) {
            if !self.recognize(a) {
                break;
            }
        }
        self.doc_end.len()
    }

    /// Recognize one more article (the next in id order, for [`finish`](Self::finish)).
    /// False, and nothing done, for a builder made by [`from_recognized`](Self::from_recognized).
    pub fn recognize(&mut self, a: &Article) -> bool {
        let Some(recognizer) = &self.recognizer else {
            return false;
        };
        let mut sink = Sink {
            cache: &mut self.cache,
            text: &mut self.text,
            strings: &mut self.strings,
            filed: &mut self.filed,
        };
        sink.recognize(recognizer, a);
        self.doc_end.push(self.filed.len() as u32);
        true
    }

    /// Recognize every article not recognized yet on every core: batches
    /// apart, each with its own scratch, then their names interned here in
    /// article order, so the result is the one [`step`](Self::step) gives.
    #[cfg(feature = "parallel")]
    pub fn recognize_all<D: Docs + ?Sized>(&mut self, docs: &D) {
        self.recognize_all_in(docs, 64 * 256);
    }

    /// [`recognize_all`](Self::recognize_all) a `window` of articles at a
    /// time (a window's batches are held until they are merged).
    #[cfg(feature = "parallel")]
    fn recognize_all_in<D: Docs + ?Sized>(&mut self, docs: &D, window: usize) {
        // Taken out while the windows are merged into `self`, then put back.
        let Some(recognizer) = self.recognizer.take() else {
            return;
        };
        // A run of the collection at a time (one in memory when it is on
        // disk), and in it a window at a time, merged before the next: the
        // batches' own names (each batch interns its own) are held for one
        // window only, not for the whole collection. Names are interned in
        // article order whatever the windows, so the result is the same.
        docs.runs(crate::index::docs::EACH_RUN_BYTES, &mut |first, run| {
            let done = self.doc_end.len().saturating_sub(first);
            let rest = run.get(done..).unwrap_or(&[]);
            for window in rest.chunks(window.max(1)) {
                self.recognize_window(&recognizer, window);
            }
        });
        self.recognizer = Some(recognizer);
    }

    /// [`recognize_all`](Self::recognize_all) over the next `window` of
    /// articles: batches of 64 on every core, merged here in article order.
    #[cfg(feature = "parallel")]
    fn recognize_window(&mut self, recognizer: &Recognizer, window: &[Article]) {
        use rayon::prelude::*;
        let parts: Vec<(Interner, Vec<Filed>, Vec<u32>)> = window
            .par_chunks(64)
            .map(|chunk| {
                let (mut cache, mut text) = (Cache::new(), String::new());
                let (mut strings, mut filed) = (Interner::default(), Vec::new());
                let mut ends = Vec::with_capacity(chunk.len());
                for a in chunk {
                    let mut sink = Sink {
                        cache: &mut cache,
                        text: &mut text,
                        strings: &mut strings,
                        filed: &mut filed,
                    };
                    sink.recognize(recognizer, a);
                    ends.push(filed.len() as u32);
                }
                (strings, filed, ends)
            })
            .collect();
        for (strings, filed, ends) in parts {
            let ids: Vec<u32> = (0..strings.len() as u32)
                .map(|id| self.strings.id(strings.kind(id), strings.str(id)))
                .collect();
            let base = self.filed.len() as u32;
            self.filed.extend(filed.into_iter().map(|m| Filed {
                name: ids[m.name as usize],
                text: ids[m.text as usize],
                ..m
            }));
            self.doc_end.extend(ends.into_iter().map(|e| base + e));
        }
    }

    /// What was recognized so far, for articles `ids` (in the order they were
    /// recognized; one per [`recognize`](Self::recognize)d article).
    pub fn into_recognized(self, ids: Vec<String>) -> Recognized {
        let strings = &self.strings;
        let mut mentions = Vec::with_capacity(self.filed.len() * 4);
        for m in &self.filed {
            mentions.extend([m.start, m.end, m.name, m.text]);
        }
        Recognized {
            ids,
            doc_ends: self.doc_end,
            mentions,
            kinds: strings.kinds.iter().map(|k| k.index()).collect(),
            strings: (0..strings.len() as u32)
                .map(|id| strings.str(id).to_string())
                .collect(),
            model: self.model,
        }
    }

    /// A builder holding mentions recognized elsewhere (a Web Worker, over
    /// the same article packs), put in this collection's document order:
    /// `doc_of` gives an article id's document, and `docs` are the
    /// collection's articles. Every document must be there exactly once,
    /// and every mention must lie in its article's text.
    pub fn from_recognized(
        r: &Recognized,
        docs: &[Article],
        doc_of: impl Fn(&str) -> Option<DocId>,
    ) -> Result<EntityIndexBuilder, RecognizedError> {
        use RecognizedError as E;
        if r.doc_ends.len() != r.ids.len() {
            return Err(E::Lengths(format!(
                "{} article ids but {} mention ranges",
                r.ids.len(),
                r.doc_ends.len()
            )));
        }
        if r.mentions.len() % 4 != 0 {
            return Err(E::Lengths(format!(
                "{} mention fields, not a multiple of 4",
                r.mentions.len()
            )));
        }
        if r.kinds.len() != r.strings.len() {
            return Err(E::Lengths(format!(
                "{} string types for {} strings",
                r.kinds.len(),
                r.strings.len()
            )));
        }
        let mut strings = Interner::default();
        let mut local = Vec::with_capacity(r.strings.len());
        for (k, s) in r.kinds.iter().zip(&r.strings) {
            if *k > 3 {
                return Err(E::Lengths(format!(
                    "entity type {k} of string {s:?} is not 0..=3"
                )));
            }
            let kind = EntityType::from_index(*k);
            local.push(strings.id(kind, s));
        }
        // Where each document's mentions are in `r.mentions`.
        const NONE: (u32, u32) = (u32::MAX, 0);
        let mut range = vec![NONE; docs.len()];
        let mut from = 0u32;
        for (k, (id, &end)) in r.ids.iter().zip(&r.doc_ends).enumerate() {
            if end < from || end as usize > r.mentions.len() / 4 {
                return Err(E::Lengths(format!(
                    "article {k} ({id:?}): mentions end at {end}, after {from} of {}",
                    r.mentions.len() / 4
                )));
            }
            let doc = doc_of(id)
                .filter(|&d| (d as usize) < docs.len())
                .ok_or_else(|| {
                    E::Article(format!("article {k}: {id:?} is not in this collection"))
                })?;
            let slot = &mut range[doc as usize];
            if *slot != NONE {
                return Err(E::Article(format!(
                    "article {k}: {id:?} was recognized twice"
                )));
            }
            *slot = (from, end);
            from = end;
        }
        if let Some(d) = range.iter().position(|&x| x == NONE) {
            return Err(E::Article(format!(
                "article {:?} of this collection was not recognized",
                docs[d].id
            )));
        }
        let mut b = EntityIndexBuilder {
            recognizer: None,
            cache: Cache::new(),
            model: r.model,
            filed: Vec::with_capacity(r.mentions.len() / 4),
            doc_end: Vec::with_capacity(docs.len()),
            strings,
            text: String::new(),
        };
        for (doc, &(a, z)) in range.iter().enumerate() {
            let len = docs[doc]
                .paragraphs
                .iter()
                .map(|p| p.len() + JOIN.len())
                .sum::<usize>()
                .saturating_sub(JOIN.len());
            for m in r.mentions[a as usize * 4..z as usize * 4].chunks_exact(4) {
                let (start, end) = (m[0] as usize, m[1] as usize);
                let (Some(&name), Some(&text)) =
                    (local.get(m[2] as usize), local.get(m[3] as usize))
                else {
                    return Err(E::Article(format!(
                        "article {:?}: a mention names string {} or {} of {}",
                        docs[doc].id,
                        m[2],
                        m[3],
                        local.len()
                    )));
                };
                if start >= end || end > len {
                    return Err(E::Article(format!(
                        "article {:?}: mention at bytes {start}..{end} outside its {len} bytes",
                        docs[doc].id
                    )));
                }
                b.filed.push(Filed {
                    start: m[0],
                    end: m[1],
                    name,
                    text,
                    cue: false,
                });
            }
            b.doc_end.push(b.filed.len() as u32);
        }
        Ok(b)
    }

    /// Merge across the collection and file every mention by document,
    /// leaving out mentions in `docs`' `boilerplate` (detected once, by the
    /// index). Recognizes whatever [`step`](Self::step) has not reached yet.
    pub fn finish<D: Docs + ?Sized>(mut self, docs: &D, boilerplate: &Boilerplate) -> EntityIndex {
        let done = self.doc_end.len();
        docs.each(&mut |doc, a| {
            // A builder made by `from_recognized` recognizes nothing more.
            if doc >= done {
                self.recognize(a);
            }
        });
        let EntityIndexBuilder {
            filed,
            doc_end,
            mut strings,
            ..
        } = self;
        let (filed, doc_end) = without_boilerplate(filed, &doc_end, docs, boilerplate, &strings);
        const NONE: u32 = u32::MAX;
        let n = strings.len();
        // The id of each string's normalised form (the string's own, nearly
        // always): surface forms are counted and matched by these.
        let norm: Vec<u32> = (0..n as u32)
            .map(|id| match normalized(strings.str(id)) {
                Cow::Borrowed(_) => id,
                Cow::Owned(s) => strings.id(strings.kind(id), &s),
            })
            .collect();
        let strings = &strings;
        let (drafts, draft_name) = drafts(&filed, &doc_end, strings, &norm);
        // The draft of each interned canonical name (NONE: a surface text only).
        let mut draft_of = vec![NONE; n];
        for (d, &k) in draft_name.iter().enumerate() {
            draft_of[k as usize] = d as u32;
        }
        let find = |kind, s: &str| {
            strings
                .get(kind, s)
                .and_then(|id| draft_of.get(id as usize).copied())
                .filter(|&d| d != NONE)
        };
        let entities = merge(&drafts, find, |id| strings.str(id));

        // Which final entity each (type, per-article canonical name) landed in:
        // the one it was merged into, or else the one holding the surface form
        // as an alias and this document.
        let by_id = entity_of_name(&entities, &draft_name, n);
        // Only surface forms whose canonical name found no entity are looked
        // up as aliases: index just those (by normalised form), then collect
        // the entities holding each, in entity order.
        let mut alias_slot: Vec<u32> = vec![NONE; strings.len()];
        let mut cands: Vec<Vec<u32>> = Vec::new();
        for m in &filed {
            if by_id[m.name as usize] == NONE {
                let slot = &mut alias_slot[norm[m.text as usize] as usize];
                if *slot == NONE {
                    cands.push(Vec::new());
                    *slot = (cands.len() - 1) as u32;
                }
            }
        }
        if !cands.is_empty() {
            for (e, m) in entities.iter().enumerate() {
                for &(id, _) in &m.aliases {
                    if let Some(c) = cands.get_mut(alias_slot[id as usize] as usize) {
                        c.push(e as u32);
                    }
                }
            }
        }

        let mut per_doc = DocMentions::default();
        let mut mentions = Vec::new();
        let mut starts = Vec::new();
        let mut from = 0usize;
        docs.each(&mut |doc, a| {
            let Some(&end) = doc_end.get(doc) else { return };
            let found = &filed[from..end as usize];
            from = end as usize;
            mentions.clear();
            // Paragraph starts in the joined text.
            starts.clear();
            let mut at = 0usize;
            for p in &a.paragraphs {
                starts.push(at);
                at += p.len() + JOIN.len();
            }
            for m in found {
                let (m_start, m_end) = (m.start as usize, m.end as usize);
                let entity = Some(by_id[m.name as usize])
                    .filter(|&e| e != NONE)
                    .or_else(|| {
                        let c = cands.get(alias_slot[norm[m.text as usize] as usize] as usize)?;
                        c.iter().copied().find(|&e| {
                            entities[e as usize]
                                .docs
                                .binary_search(&(doc as u32))
                                .is_ok()
                        })
                    });
                let Some(entity) = entity else { continue };
                let para = starts.partition_point(|&s| s <= m_start).saturating_sub(1);
                let base = starts.get(para).copied().unwrap_or(0);
                let plen = a.paragraphs.get(para).map_or(0, String::len);
                if m_end - base > plen {
                    continue; // a mention across paragraphs cannot be drawn
                }
                mentions.push(EntityMention {
                    para: para as u32,
                    start: (m_start - base) as u32,
                    end: (m_end - base) as u32,
                    entity,
                });
            }
            per_doc.push(&mentions);
        });
        // What filing needed, freed before the records are made.
        drop((filed, cands, alias_slot, by_id, draft_of, norm));

        let records: Vec<EntityRecord> = entities
            .into_iter()
            .map(|e| {
                let name = drafts.canonical[e.draft as usize];
                EntityRecord {
                    key: entity_key(name),
                    name: name.to_string(),
                    kind: drafts.kind[e.draft as usize],
                    aliases: e
                        .aliases
                        .iter()
                        .map(|&(id, _)| strings.str(id).to_string())
                        .collect(),
                    mentions: e.mentions,
                    docs: e.docs,
                }
            })
            .collect();
        per_doc.into_index(records)
    }
}

#[cfg(feature = "inpage")]
/// `filed` (with its per-document ends) less the mentions that overlap
/// boilerplate of their article (page furniture repeated across articles
/// names no one in the news), those naming the wire by its sign-off
/// ([`Boilerplate::is_sign_off`]), and those written only in words the
/// collection writes in lower case ([`Casing::names_nothing`]: "BILLION"
/// in a wire's all-capitals flash, "CLICK HERE", "Payable" opening a table
/// row). Marks the organisation mentions kept that act as institutions
/// ([`institution_cue_at`]), for the merge's type vote.
fn without_boilerplate<D: Docs + ?Sized>(
    mut filed: Vec<Filed>,
    doc_end: &[u32],
    docs: &D,
    boilerplate: &Boilerplate,
    strings: &Interner,
) -> (Vec<Filed>, Vec<u32>) {
    let casing = Casing::of(docs);
    // Kept in place (`kept` ≤ the mention read): no second list of the
    // collection's mentions.
    let mut kept = 0usize;
    let mut ends = Vec::with_capacity(doc_end.len());
    let mut from = 0usize;
    let mut starts = Vec::new();
    docs.each(&mut |doc, a| {
        let Some(&end) = doc_end.get(doc) else { return };
        starts.clear();
        let mut at = 0usize;
        for p in &a.paragraphs {
            starts.push(at);
            at += p.len() + JOIN.len();
        }
        for i in from..(end as usize).min(filed.len()) {
            let m = filed[i];
            let (m_start, m_end) = (m.start as usize, m.end as usize);
            let para = starts.partition_point(|&s| s <= m_start).saturating_sub(1);
            let base = starts.get(para).copied().unwrap_or(0);
            let (s, e) = (m_start - base, m_end.saturating_sub(base));
            let p = a.paragraphs.get(para);
            let nothing = p.is_some_and(|p| casing.names_nothing(p, s, e));
            let own = p
                .and_then(|p| p.get(s..e))
                .is_some_and(|t| boilerplate.is_sign_off(t));
            if !boilerplate.overlaps(doc, para, s, e) && !nothing && !own {
                let cue = strings.kind(m.name) == EntityType::Organization
                    && p.is_some_and(|p| institution_cue_at(p, s, e));
                filed[kept] = Filed { cue, ..m };
                kept += 1;
            }
        }
        from = end as usize;
        ends.push(kept as u32);
    });
    filed.truncate(kept);
    (filed, ends)
}

#[cfg(feature = "inpage")]
/// The drafts for merging across the collection: one per interned canonical
/// name, with its documents and surface forms counted here (by id, in one
/// pass over the mentions), and the name id of each draft. `norm` is the id
/// of each string's normalised form.
/// The entity of each interned name (`NONE` for a name that is no draft):
/// the one its draft was merged into.
fn entity_of_name(entities: &[Merged], draft_name: &[u32], n: usize) -> Vec<u32> {
    let mut by_id = vec![u32::MAX; n];
    for (e, m) in entities.iter().enumerate() {
        for &d in &m.members {
            by_id[draft_name[d as usize] as usize] = e as u32;
        }
    }
    by_id
}

#[cfg(feature = "inpage")]
fn drafts<'s>(
    filed: &[Filed],
    doc_end: &[u32],
    strings: &'s Interner,
    norm: &[u32],
) -> (Drafts<'s>, Vec<u32>) {
    const NONE: u32 = u32::MAX;
    let n = norm.len();
    // Documents per name, in document order (each document once).
    let mut last_doc = vec![NONE; n];
    let mut n_docs = vec![0u32; n];
    // Documents where the name acts as an institution (each counted once).
    let mut cue_doc = vec![NONE; n];
    let mut cues = vec![0u32; n];
    let mut same = vec![0usize; n]; // mentions written as the name itself
                                    // (name, text) of the mentions written otherwise, as one sortable integer.
    let mut other: Vec<u64> = Vec::new();
    let mut from = 0usize;
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(filed.len()); // (name, doc), first per doc
    for (doc, &end) in doc_end.iter().enumerate() {
        for m in &filed[from..end as usize] {
            let k = m.name as usize;
            if last_doc[k] != doc as u32 {
                last_doc[k] = doc as u32;
                n_docs[k] += 1;
                pairs.push((m.name, doc as u32));
            }
            if m.cue && cue_doc[k] != doc as u32 {
                cue_doc[k] = doc as u32;
                cues[k] += 1;
            }
            if m.text == m.name {
                same[k] += 1;
            } else {
                other.push(((m.name as u64) << 32) | m.text as u64);
            }
        }
        from = end as usize;
    }
    // Group the (name, doc) pairs by name (stable, so documents stay ascending).
    let mut start = vec![0u32; n + 1];
    for (k, &c) in n_docs.iter().enumerate() {
        start[k + 1] = start[k] + c;
    }
    let mut docs = vec![0u32; pairs.len()];
    let mut at = start.clone();
    for &(name, doc) in &pairs {
        docs[at[name as usize] as usize] = doc;
        at[name as usize] += 1;
    }
    crate::sort::sort(&mut other[..]);
    let mut drafts = Drafts::default();
    let mut draft_name = Vec::new();
    let mut o = 0;
    for k in 0..n {
        let (a, b) = (start[k] as usize, start[k + 1] as usize);
        if a == b {
            continue; // a surface text only, or a MISC name
        }
        while o < other.len() && ((other[o] >> 32) as usize) < k {
            o += 1;
        }
        // This name's other surface texts, each a run of equal pairs.
        let first = o;
        while o < other.len() && (other[o] >> 32) as usize == k {
            o += 1;
        }
        let runs = other[first..o]
            .chunk_by(|x, y| x == y)
            .map(|r| (norm[(r[0] & 0xffff_ffff) as usize], r.len()));
        let own = (same[k] > 0).then(|| (norm[k], same[k]));
        drafts.push(
            strings.kind(k as u32),
            strings.str(k as u32),
            own.into_iter().chain(runs),
            &docs[a..b],
        );
        drafts.cues.push(cues[k]);
        draft_name.push(k as u32);
    }
    (drafts, draft_name)
}

impl EntityIndex {
    /// Recognize and resolve the entities of `docs` (in id order) in one go.
    #[cfg(feature = "inpage")]
    pub fn build(docs: &[Article], recognizer: Recognizer) -> EntityIndex {
        EntityIndexBuilder::new(recognizer).finish(docs, &Boilerplate::detect(docs))
    }

    /// The bytes its decoded data holds on the heap (lengths × element
    /// sizes, the key map as its entries, allocator slack not counted): what
    /// the prebuilt reader counts against its memory budget (`prebuilt/cache.rs`).
    pub fn heap_bytes(&self) -> usize {
        let keys: usize = self.by_key.keys().map(String::len).sum();
        let map = self.by_key.len() * (std::mem::size_of::<(String, u32)>() + 1) + keys;
        records_heap_bytes(&self.records)
            + map
            + std::mem::size_of_val(self.doc_start.as_slice())
            + std::mem::size_of_val(self.mentions.as_slice())
            + std::mem::size_of_val(self.doc_entity_start.as_slice())
            + std::mem::size_of_val(self.doc_entities.as_slice())
    }

    /// The index of these `records` and their mentions, one list per
    /// document (in id order, each in text order): how a recognition and a
    /// prebuilt index's stored entities become the same index.
    pub fn from_parts(records: Vec<EntityRecord>, per_doc: Vec<Vec<EntityMention>>) -> EntityIndex {
        let mut filed = DocMentions::default();
        for list in &per_doc {
            filed.push(list);
        }
        filed.into_index(records)
    }

    /// Every entity, by id.
    pub fn records(&self) -> &[EntityRecord] {
        &self.records
    }

    /// Number of documents the index has mention lists for.
    pub fn doc_count(&self) -> usize {
        self.doc_start.len().saturating_sub(1)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Total mentions filed.
    pub fn mention_count(&self) -> usize {
        self.mentions.len()
    }

    pub fn record(&self, entity: u32) -> Option<&EntityRecord> {
        self.records.get(entity as usize)
    }

    /// The entity with this key.
    pub fn by_key(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }

    /// Entities a filter value names: the entity with that key, else those
    /// (of `kind`, when given) whose name holds all the value's words
    /// (`person:lavrov` finds Sergey Lavrov).
    pub fn lookup(&self, kind: Option<EntityType>, value: &str) -> Vec<u32> {
        let key = entity_key(value);
        if key.is_empty() {
            return Vec::new();
        }
        if let Some(&e) = self.by_key.get(&key) {
            if kind.is_none_or(|k| self.records[e as usize].kind == k) {
                return vec![e];
            }
        }
        let words: Vec<&str> = key.split('-').collect();
        self.records
            .iter()
            .enumerate()
            .filter(|(_, r)| kind.is_none_or(|k| r.kind == k))
            .filter(|(_, r)| {
                let have: Vec<&str> = r.key.split('-').collect();
                words.iter().all(|w| have.contains(w))
            })
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// Documents naming an entity a filter value names (see [`Self::lookup`]),
    /// ascending: what `person:`, `org:`, `place:` and `entity:` admit.
    pub fn docs_naming(&self, kind: Option<EntityType>, value: &str) -> Vec<DocId> {
        let mut docs: Vec<DocId> = self
            .lookup(kind, value)
            .into_iter()
            .filter_map(|e| self.record(e))
            .flat_map(|r| r.docs.iter().copied())
            .collect();
        crate::sort::sort(&mut docs[..]);
        docs.dedup();
        docs
    }

    /// Mentions in `doc`, in text order.
    pub fn of_doc(&self, doc: DocId) -> &[EntityMention] {
        let d = doc as usize;
        match (self.doc_start.get(d), self.doc_start.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.mentions[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Distinct entities of `doc`.
    pub fn entities_of_doc(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (
            self.doc_entity_start.get(d),
            self.doc_entity_start.get(d + 1),
        ) {
            (Some(&a), Some(&b)) => &self.doc_entities[a as usize..b as usize],
            _ => &[],
        }
    }

    /// How many of `docs` mention each entity, the `n` most frequent of each type.
    pub fn counts(&self, docs: impl Iterator<Item = DocId>, n: usize) -> Vec<(u32, u32)> {
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        for doc in docs {
            for &e in self.entities_of_doc(doc) {
                *counts.entry(e).or_insert(0) += 1;
            }
        }
        let mut all: Vec<(u32, u32)> = counts.into_iter().collect();
        crate::sort::sort_by(&mut all[..], |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut per_type = [0usize; 4];
        all.retain(|&(e, _)| {
            let t = self.records[e as usize].kind.index() as usize;
            per_type[t.min(3)] += 1;
            per_type[t.min(3)] <= n
        });
        all
    }
}

#[cfg(all(test, feature = "inpage"))]
mod tests;
