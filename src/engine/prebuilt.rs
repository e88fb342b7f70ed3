//! The engine over a prebuilt index ([`crate::prebuilt`]): the same search
//! and reader as the in-page engine, answered from files fetched on demand.
//!
//! Every operation comes in two halves. `needs_*` runs the operation dry and
//! returns the files it lacked; the page fetches and adds them and asks
//! again (each round goes one step deeper: dictionary shards, then postings
//! and positions, then document chunks) until nothing is missing, and then
//! runs the operation for real.
//!
//! Events read the notes chunks, facets and entity views the document
//! entity chunks (`dents-*`), of at most [`DEFAULT_TOP`] documents (a
//! request's `top`, when it names one): those of the top results in the
//! list's order, so what they fetch grows with the bound and not with the
//! collection (see `collection.rs`).

use std::borrow::Cow;

use super::collection::{Collection, Notes, DEFAULT_TOP};
use super::respond::{respond, run, Counted, Row, Rows};
use super::types::{
    date_param, ArticleView, Facets, Features, MemoryStats, SearchRequest, SearchResponse, Stats,
};
use super::{
    EntityListRequest, EntityListResponse, EntityStats, EntityView, EventsRequest, EventsResponse,
    Facet,
};
use crate::entity_type::EntityType;
use crate::index::entities::EntityMention;
use crate::index::events::{EventSummary, TimeMention};
use crate::index::DocId;
use crate::prebuilt::format::{FileKind, IndexError};
use crate::prebuilt::group_facets::{GroupFacets, GroupFacetsOf};
use crate::prebuilt::Prebuilt;
use crate::query::{self, Query, SearchNotes};

pub struct PrebuiltEngine {
    index: Prebuilt,
}

/// The prebuilt index's notes, chunk by chunk (a missing one is noted).
impl Notes for Prebuilt {
    fn times(&self, doc: DocId) -> (u32, &[TimeMention]) {
        Prebuilt::times(self, doc)
    }

    fn times_of_docs(&self, docs: &[DocId], shown: usize) -> Option<Vec<(u32, &[TimeMention])>> {
        Prebuilt::times_of_docs(self, docs, shown)
    }

    fn entity_mentions(&self, doc: DocId) -> &[EntityMention] {
        Prebuilt::entity_mentions(self, doc)
    }

    fn entities_of_docs(&self, docs: &[DocId]) -> Option<Vec<&[u32]>> {
        Prebuilt::entities_of_docs(self, docs)
    }

    fn summary(&self) -> Cow<'_, EventSummary> {
        self.event_summary()
            .map_or_else(|| Cow::Owned(EventSummary::default()), Cow::Borrowed)
    }

    fn copies(&self, doc: DocId) -> &[DocId] {
        Prebuilt::copies(self, doc)
    }
}

/// `top` as a prebuilt site reads it: [`DEFAULT_TOP`] when not given.
fn bounded(top: Option<usize>) -> Option<usize> {
    Some(top.unwrap_or(DEFAULT_TOP))
}

/// The words whose stem groups' facets, counted at build time
/// ([`crate::prebuilt::group_facets`]), may be the facets of a search of
/// `parsed` over every date of `req` that read `notes`: for one plain word
/// (and stopwords), the word and then its corrections and other spellings
/// (`notes.also_searched`). Such a search reads the whole stem group of
/// each ("declne" → decline, declines, declined…), so its results hold
/// each one's documents; when they are as many as one group's, they are
/// that group's, and its record is exact. The caller checks that number,
/// and that no bound was asked (`top`).
fn counted_words<'q>(
    req: &SearchRequest,
    parsed: &'q Query,
    notes: &'q SearchNotes,
) -> Vec<&'q str> {
    let Some(word) = parsed.single_word().filter(|_| every_date(req)) else {
        return Vec::new();
    };
    let also = (notes.also_searched.iter()).flat_map(|a| a.also.iter().map(String::as_str));
    std::iter::once(word).chain(also).collect()
}

/// Does `req` ask for every publication date (no `from`, no `to`)?
fn every_date(req: &SearchRequest) -> bool {
    date_param(&req.from).is_none() && date_param(&req.to).is_none()
}

/// The facets of a stem group's record.
fn group_facets(g: &GroupFacets) -> Facets {
    let kinds = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Location,
    ];
    let shown = std::array::from_fn(|i| {
        (g.shown[i].iter())
            .map(|s| Facet::new(&s.key, &s.name, kinds[i], s.count))
            .collect()
    });
    Facets::of(shown, g.totals.map(|t| t as usize))
}

impl PrebuiltEngine {
    /// Open the index from its metadata file.
    pub fn open(meta: &[u8]) -> Result<PrebuiltEngine, IndexError> {
        let index = Prebuilt::open(meta)?;
        Ok(PrebuiltEngine { index })
    }

    pub fn index(&self) -> &Prebuilt {
        &self.index
    }

    /// Add a fetched file (see [`Prebuilt::add_file`]).
    pub fn add_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), IndexError> {
        self.index.add_file(path, bytes)
    }

    /// The page could not have the file at `path` (see [`Prebuilt::forgo`]).
    pub fn forgo(&mut self, path: &str) {
        self.index.forgo(path);
    }

    /// Drop the least recently read index files until at most `budget`
    /// bytes are held (see [`Prebuilt::evict`]: between requests only, never
    /// the metadata nor the entity types); the files
    /// dropped, by name. The next request that needs one asks for it again.
    pub fn evict(&mut self, budget: usize) -> Vec<String> {
        self.index.evict(budget)
    }

    /// What the index holds now, against `budget`.
    pub fn memory(&self, budget: usize) -> MemoryStats {
        let m = self.index.memory();
        MemoryStats {
            budget,
            held_bytes: m.held_bytes,
            held_files: m.held_files,
            pinned_bytes: m.pinned_bytes,
            evicted_files: m.evicted_files,
        }
    }

    pub fn stats(&self) -> Stats {
        let ix = &self.index;
        let features = Features {
            prebuilt: true,
            events: ix.has_events(),
            entities: ix.has_entities(),
        };
        // Counts of time mentions are in the metadata.
        let (mentions, events) = ix
            .event_summary()
            .map_or((0, 0), |e| (e.mentions as usize, e.events as usize));
        Stats::of(ix.days(), ix.meta().terms, mentions, events, features)
    }

    /// What the events, facets and entity views read (see [`Collection`]):
    /// the notes chunks as far as added (a missing one is noted when read),
    /// the entity list once its types are added (else noted; its records and
    /// keys noted as read), the articles as far as fetched.
    fn collection<'a>(
        &'a self,
        article: &'a dyn Fn(u32) -> Option<&'a crate::article::Article>,
    ) -> Collection<'a> {
        let ix = &self.index;
        Collection {
            source: ix,
            days: ix.days(),
            notes: ix,
            entities: ix.entities(),
            article,
        }
    }

    /// `f`'s answer from the files at hand (what was lacking is noted).
    fn answer<T>(&self, f: impl FnOnce(&Collection<'_>) -> T) -> T {
        f(&self.collection(&|doc| self.index.article(doc)))
    }

    /// Run `f` dry and return the files it lacked.
    fn dry<T>(&self, f: impl FnOnce(&Self) -> T) -> Vec<String> {
        self.index.take_missing();
        let _ = f(self);
        self.index.take_missing()
    }

    /// The files `events(req)` still lacks.
    pub fn needs_events(&self, req: &EventsRequest) -> Vec<String> {
        let req = &EventsRequest {
            top: bounded(req.top),
            ..req.clone()
        };
        self.needs_for(&req.q, |e| e.answer(|c| c.events(req)))
    }

    /// The event timeline (see [`Collection::events`]) over the top
    /// `req.top` (default [`DEFAULT_TOP`]) articles; complete once
    /// [`Self::needs_events`] returns nothing.
    pub fn events(&self, req: &EventsRequest) -> EventsResponse {
        let req = &EventsRequest {
            top: bounded(req.top),
            ..req.clone()
        };
        let r = self.answer(|c| c.events(req));
        self.index.take_missing();
        r
    }

    /// How many entities and mentions the index holds, once its entity
    /// files are added (see [`Self::needs_entities`]); `model` is unknown
    /// to the reader and given as `true` (`dateline build` takes the page's model).
    pub fn entity_stats(&self) -> EntityStats {
        let (entities, mentions) = match self.index.loaded_entities() {
            Some(_) => self.index.entity_counts(),
            None => (0, 0),
        };
        EntityStats {
            entities,
            mentions,
            model: true,
        }
    }

    /// The files the entities still lack: the entity types, if not added
    /// yet (facets then need the `dents-*` chunks of their top results and
    /// the names of the entities they show, which each search names).
    pub fn needs_entities(&self) -> Vec<String> {
        self.dry(|e| e.index.entities().is_some())
    }

    /// `req` with its search bounded as a prebuilt site bounds it.
    fn bounded_list(req: &EntityListRequest) -> EntityListRequest {
        let mut req = req.clone();
        req.search.top = bounded(req.search.top);
        req
    }

    /// The files `entity_list(req)` still lacks.
    pub fn needs_entity_list(&self, req: &EntityListRequest) -> Vec<String> {
        let req = &Self::bounded_list(req);
        self.needs_for(&req.search.q, |e| e.answer(|c| c.entity_list(req)))
    }

    /// A facet group's long list (see [`Collection::entity_list`]), over
    /// the top `req.search.top` (default [`DEFAULT_TOP`]) results.
    pub fn entity_list(&self, req: &EntityListRequest) -> EntityListResponse {
        let req = &Self::bounded_list(req);
        let r = self.answer(|c| c.entity_list(req));
        self.index.take_missing();
        r
    }

    /// The files `entity(key, q, top)` still lacks.
    pub fn needs_entity(&self, key: &str, q: &str, top: Option<usize>) -> Vec<String> {
        let top = bounded(top);
        self.needs_for(q, |e| e.answer(|c| c.entity(key, q, top)))
    }

    /// The entity with this key, seen through `q` (see [`Collection::entity`]),
    /// its co-occurrences and events over its newest `top` (default
    /// [`DEFAULT_TOP`]) articles.
    pub fn entity(&self, key: &str, q: &str, top: Option<usize>) -> Option<EntityView> {
        let top = bounded(top);
        let r = self.answer(|c| c.entity(key, q, top));
        self.index.take_missing();
        r
    }

    /// Run `f`, a request for query `q`, dry and return the files it
    /// lacked; with, when `q` reads positions, the positions shard of every
    /// postings shard it lacked or read without its positions (positions
    /// are read only once all the postings are in: fetch them together, in
    /// one round trip).
    fn needs_for<T>(&self, q: &str, f: impl FnOnce(&Self) -> T) -> Vec<String> {
        self.index.take_missing();
        let _ = f(self);
        let read = self.index.positions_of_read_postings();
        let mut missing = self.index.take_missing();
        if query::reads_positions(&query::parse(q)) {
            let extra: Vec<String> = missing
                .iter()
                .filter_map(|f| match FileKind::parse_name(f) {
                    Some((FileKind::Postings, n)) => Some(FileKind::Positions.name(n)),
                    _ => None,
                })
                .chain(read)
                .filter(|f| !self.index.has_file(f))
                .collect();
            missing.extend(extra);
            crate::sort::sort(&mut missing[..]);
            missing.dedup();
        }
        missing
    }

    /// Answer `req` from the files at hand (a hit whose article is not added
    /// yet is left out; what was lacking is recorded in the index), with the
    /// parsed query: the one pass both halves of a search run.
    fn respond(&self, req: &SearchRequest) -> (SearchResponse, Query) {
        let asked = req;
        let req = &SearchRequest {
            top: bounded(req.top),
            ..req.clone()
        };
        let (execution, parsed) = run(&self.index, &req.q);
        let ix = &self.index;
        let words = counted_words(asked, &parsed, &execution.notes);
        let everything = parsed.matches_everything() && every_date(asked);
        let unbounded = asked.top.is_none();
        let response = respond(
            req,
            &execution,
            ix.days(),
            |doc, text| {
                // A row that marks no word is its card's (unless the page
                // could not have the card chunk: then its document's).
                if text || ix.card_forgone(doc) {
                    ix.article(doc).map(Row::Text)
                } else {
                    ix.card(doc).map(Row::Card)
                }
            },
            |doc, pi| ix.is_boilerplate(doc, pi),
            |results, total| {
                // Facets come once the entity types are in (the page fetches
                // them after its first search, `needs_entities`): until then
                // a search needs no entity files for them.
                let Some(entities) = ix.loaded_entities() else {
                    return (Facets::default(), Counted::Top);
                };
                // Nor while some of the results' terms are missing (a word's
                // postings guessed and fetched with its dictionary, another
                // spelling's not yet): facets over part of the results
                // would fetch a record or chunks the whole may not need.
                if ix.lacks_terms() {
                    return (Facets::default(), Counted::Top);
                }
                // The opening list (nothing asked, every date): the whole
                // collection's facets, in the metadata. A bounded search
                // counts its top results, as any other.
                if let Some(g) = ix.collection_facets() {
                    if everything && unbounded && g.docs as usize == total {
                        return (group_facets(g), Counted::All);
                    }
                }
                // A one-word search reads its word's (or a correction's) stem
                // group's facets, counted at build time over every result
                // (one small file), when the group's documents are its
                // results (`counted_words`). A bounded one
                // (the page's list-first search, `top: 0`, before its facets)
                // asks for the record too, so that the facets that follow
                // wait for no file, but counts its top results.
                for w in &words {
                    match ix.group_facets(w, total) {
                        GroupFacetsOf::Found(g) if g.docs as usize == total => {
                            if unbounded {
                                return (group_facets(g), Counted::All);
                            }
                            break;
                        }
                        GroupFacetsOf::Missing => {
                            if unbounded {
                                return (Facets::default(), Counted::All);
                            }
                            break;
                        }
                        _ => {}
                    }
                }
                // Else they count the entities of the top results
                // (`results` is that many; `Prebuilt::entities_of_docs`
                // reads them from `dents-*` or notes chunks) and read the
                // names of those they show.
                let article = |doc| ix.article(doc);
                let c = Collection {
                    source: ix,
                    days: ix.days(),
                    notes: ix,
                    entities: Some(entities),
                    article: &article,
                };
                (c.facets(results.iter().map(|m| m.doc)), Counted::Top)
            },
            Rows {
                copies: |doc| ix.copies(doc),
            },
        );
        (response, parsed)
    }

    /// The files `search(req)` still lacks (empty when it can be answered in full).
    pub fn needs_search(&self, req: &SearchRequest) -> Vec<String> {
        self.needs_for(&req.q, |e| e.respond(req))
    }

    /// Search; complete once [`Self::needs_search`] returns nothing.
    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        let (response, _) = self.respond(req);
        self.index.take_missing();
        response
    }

    /// The files `article(id, q, focus)` still lacks.
    pub fn needs_article(&self, id: &str, q: &str, focus: Option<u32>) -> Vec<String> {
        self.needs_for(q, |e| e.article(id, q, focus))
    }

    /// The article with this id, highlighted for `q`, with its time and
    /// entity marks, its boilerplate flagged and the sentence of time
    /// mention `focus` marked, as the in-page engine gives it (see
    /// [`Collection::article`]); `None` when there is no such article (or
    /// its files are not all added yet).
    pub fn article(&self, id: &str, q: &str, focus: Option<u32>) -> Option<ArticleView> {
        let (execution, _) = run(&self.index, q);
        let doc = self.index.doc_by_id(id).ok().flatten()?;
        let ix = &self.index;
        let r = (self.collection(&|doc| ix.article(doc))).article(
            doc,
            &execution.highlight,
            focus,
            |pi| ix.is_boilerplate(doc, pi),
        );
        r
    }
}
