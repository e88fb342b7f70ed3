//! The engine over a prebuilt index ([`crate::prebuilt`]): the same search
//! and reader as the in-page engine, answered from files fetched on demand.
//!
//! Every operation comes in two halves. `needs_*` runs the operation dry and
//! returns the files it lacked; the page fetches and adds them and asks
//! again (each round goes one step deeper: dictionary shards, then postings
//! and positions, then document chunks) until nothing is missing, and then
//! runs the operation for real.

use super::respond::{article_view, respond, run};
use super::types::{ArticleView, Features, SearchRequest, SearchResponse, Stats};
use crate::prebuilt::format::{FileKind, IndexError};
use crate::prebuilt::Prebuilt;
use crate::query::{self, Query};

pub struct PrebuiltEngine {
    index: Prebuilt,
}

impl PrebuiltEngine {
    /// Open the index from its metadata file.
    pub fn open(meta: &[u8]) -> Result<PrebuiltEngine, IndexError> {
        Ok(PrebuiltEngine {
            index: Prebuilt::open(meta)?,
        })
    }

    pub fn index(&self) -> &Prebuilt {
        &self.index
    }

    /// Add a fetched file (see [`Prebuilt::add_file`]).
    pub fn add_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), IndexError> {
        self.index.add_file(path, bytes)
    }

    pub fn stats(&self) -> Stats {
        let features = Features {
            prebuilt: true,
            events: false,
            entities: false,
        };
        Stats::of(self.index.days(), self.index.meta().terms, 0, 0, features)
    }

    /// Answer `req` from the files at hand (a hit whose article is not added
    /// yet is left out; what was lacking is recorded in the index), with the
    /// parsed query: the one pass both halves of a search run.
    fn respond(&self, req: &SearchRequest) -> (SearchResponse, Query) {
        let (execution, parsed) = run(&self.index, &req.q);
        let response = respond(
            req,
            &execution,
            self.index.days(),
            |doc| self.index.article(doc),
            |_, _| false,
            |_| Default::default(),
        );
        (response, parsed)
    }

    /// The files `search(req)` still lacks (empty when it can be answered in full).
    pub fn needs_search(&self, req: &SearchRequest) -> Vec<String> {
        self.index.take_missing();
        let (_, parsed) = self.respond(req);
        let mut missing = self.index.take_missing();
        if query::reads_positions(&parsed) {
            // Positions are read only once postings are in: fetch both together.
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

    /// Search; complete once [`Self::needs_search`] returns nothing.
    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        let (response, _) = self.respond(req);
        self.index.take_missing();
        response
    }

    /// The files `article(id, q)` still lacks.
    pub fn needs_article(&self, id: &str, q: &str) -> Vec<String> {
        self.index.take_missing();
        let _ = self.article(id, q);
        self.index.take_missing()
    }

    /// The article with this id, highlighted for `q`; `None` when there is no
    /// such article (or its files are not all added yet).
    pub fn article(&self, id: &str, q: &str) -> Option<ArticleView> {
        let (execution, _) = run(&self.index, q);
        let highlight = execution.highlight;
        let doc = self.index.doc_by_id(id).ok().flatten()?;
        let a = self.index.article(doc)?;
        // The prebuilt index stores no boilerplate flags (yet).
        Some(article_view(a, &highlight, |_| false, |_, _, _| {}))
    }
}
