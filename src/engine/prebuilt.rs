//! The engine over a prebuilt index ([`crate::prebuilt`]): the same search
//! and reader as the in-page engine, answered from files fetched on demand.
//!
//! Every operation comes in two halves. `needs_*` runs the operation dry and
//! returns the files it lacked; the page fetches and adds them and asks
//! again (each round goes one step deeper: dictionary shards, then postings
//! and positions, then document chunks) until nothing is missing, and then
//! runs the operation for real.

use super::collection::Collection;
use super::respond::{respond, run};
use super::types::{ArticleView, Features, MemoryStats, SearchRequest, SearchResponse, Stats};
use super::{EntityListRequest, EntityStats, EntityView, EventsRequest, EventsResponse, Facet};
use crate::index::events::EventIndex;
use crate::prebuilt::format::{FileKind, IndexError};
use crate::prebuilt::Prebuilt;
use crate::query::{self, Query};

pub struct PrebuiltEngine {
    index: Prebuilt,
    /// Stands in for the events while they are not all fetched (a dry run).
    no_events: EventIndex,
}

impl PrebuiltEngine {
    /// Open the index from its metadata file.
    pub fn open(meta: &[u8]) -> Result<PrebuiltEngine, IndexError> {
        let index = Prebuilt::open(meta)?;
        let no_events = EventIndex::empty(index.meta().docs);
        Ok(PrebuiltEngine { index, no_events })
    }

    pub fn index(&self) -> &Prebuilt {
        &self.index
    }

    /// Add a fetched file (see [`Prebuilt::add_file`]).
    pub fn add_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), IndexError> {
        self.index.add_file(path, bytes)
    }

    /// Drop the least recently read index files until at most `budget`
    /// bytes are held (see [`Prebuilt::evict`]: between requests only, never
    /// the metadata or the assembled events and entities); the files
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
        // Counts of time mentions are known once the events are fetched.
        let (mentions, events) = ix
            .loaded_events()
            .map_or((0, 0), |e| (e.len(), e.event_count()));
        Stats::of(ix.days(), ix.meta().terms, mentions, events, features)
    }

    /// What the events, facets and entity views read (see [`Collection`]):
    /// the events and entities once all their files are added (until then
    /// none, and the files noted), the articles as far as fetched.
    fn collection<'a>(
        &'a self,
        article: &'a dyn Fn(u32) -> Option<&'a crate::article::Article>,
    ) -> Collection<'a> {
        let ix = &self.index;
        let events = if ix.has_events() { ix.events() } else { None };
        let entities = if ix.has_entities() {
            ix.entities()
        } else {
            None
        };
        Collection {
            source: ix,
            days: ix.days(),
            events: events.unwrap_or(&self.no_events),
            entities,
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
        self.with_positions(self.dry(|e| e.answer(|c| c.events(req))), &req.q)
    }

    /// The event timeline (see [`Collection::events`]); complete once
    /// [`Self::needs_events`] returns nothing.
    pub fn events(&self, req: &EventsRequest) -> EventsResponse {
        let r = self.answer(|c| c.events(req));
        self.index.take_missing();
        r
    }

    /// How many entities and mentions the index holds, once its entity
    /// files are added (see [`Self::needs_entities`]); `model` is unknown
    /// to the reader and given as `true` (`dateline build` takes the page's model).
    pub fn entity_stats(&self) -> EntityStats {
        let ents = self.index.loaded_entities();
        EntityStats {
            entities: ents.map_or(0, |e| e.len()),
            mentions: ents.map_or(0, |e| e.mention_count()),
            model: true,
        }
    }

    /// The files the entities (and events) still lack: every notes chunk
    /// and the entity list not added yet.
    pub fn needs_entities(&self) -> Vec<String> {
        self.dry(|e| e.index.has_entities().then(|| e.index.entities().is_some()))
    }

    /// The files `entity_list(req)` still lacks.
    pub fn needs_entity_list(&self, req: &EntityListRequest) -> Vec<String> {
        self.with_positions(
            self.dry(|e| e.answer(|c| c.entity_list(req))),
            &req.search.q,
        )
    }

    /// A facet group's long list (see [`Collection::entity_list`]).
    pub fn entity_list(&self, req: &EntityListRequest) -> Vec<Facet> {
        let r = self.answer(|c| c.entity_list(req));
        self.index.take_missing();
        r
    }

    /// The files `entity(key, q)` still lacks.
    pub fn needs_entity(&self, key: &str, q: &str) -> Vec<String> {
        self.with_positions(self.dry(|e| e.answer(|c| c.entity(key, q))), q)
    }

    /// The entity with this key, seen through `q` (see [`Collection::entity`]).
    pub fn entity(&self, key: &str, q: &str) -> Option<EntityView> {
        let r = self.answer(|c| c.entity(key, q));
        self.index.take_missing();
        r
    }

    /// `missing`, with the positions shard of every postings shard in it
    /// when `q` reads positions (they are read only once postings are in:
    /// fetch both together).
    fn with_positions(&self, mut missing: Vec<String>, q: &str) -> Vec<String> {
        if query::reads_positions(&query::parse(q)) {
            let extra: Vec<String> = missing
                .iter()
                .filter_map(|f| match FileKind::parse_name(f) {
                    Some((FileKind::Postings, n)) => Some(FileKind::Positions.name(n)),
                    _ => None,
                })
                .filter(|f| !self.index.has_file(f))
                .collect();
            missing.extend(extra);
            missing.sort_unstable();
            missing.dedup();
        }
        missing
    }

    /// Answer `req` from the files at hand (a hit whose article is not added
    /// yet is left out; what was lacking is recorded in the index), with the
    /// parsed query: the one pass both halves of a search run.
    fn respond(&self, req: &SearchRequest) -> (SearchResponse, Query) {
        let (execution, parsed) = run(&self.index, &req.q);
        let ix = &self.index;
        let response = respond(
            req,
            &execution,
            ix.days(),
            |doc| ix.article(doc),
            |doc, pi| ix.is_boilerplate(doc, pi),
            |results| {
                if !ix.has_entities() {
                    return Default::default();
                }
                // Facets come once the entities are in (the page fetches
                // them after its first search, `needs_entities`): a search
                // never waits for them, nor fails on a damaged one.
                let article = |doc| ix.article(doc);
                let c = Collection {
                    source: ix,
                    days: ix.days(),
                    events: ix.loaded_events().unwrap_or(&self.no_events),
                    entities: ix.loaded_entities(),
                    article: &article,
                };
                c.facets(results.iter().map(|m| m.doc))
            },
        );
        (response, parsed)
    }

    /// The files `search(req)` still lacks (empty when it can be answered in full).
    pub fn needs_search(&self, req: &SearchRequest) -> Vec<String> {
        self.with_positions(self.dry(|e| e.respond(req)), &req.q)
    }

    /// Search; complete once [`Self::needs_search`] returns nothing.
    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        let (response, _) = self.respond(req);
        self.index.take_missing();
        response
    }

    /// The files `article(id, q, focus)` still lacks.
    pub fn needs_article(&self, id: &str, q: &str, focus: Option<u32>) -> Vec<String> {
        self.with_positions(self.dry(|e| e.article(id, q, focus)), q)
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
