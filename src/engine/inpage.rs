//! The in-memory [`Engine`]: an index built from articles (in the page or
//! natively), searched and read; its events and entities are answered in
//! the sibling modules `events` and `entities`.

use super::collection::Collection;
use super::rank::{rank_limit, top_rows, RankRequest, RankResponse, Ranked};
use super::respond::{respond, run, Rows};
use super::types::{ArticleView, Features, SearchRequest, SearchResponse, Stats};
use crate::article::Article;
use crate::index::DocId;
use crate::index::{Index, IndexBuilder};
use crate::query::{Highlight, Match};

/// An index built from articles, with everything the reader asks of it.
pub struct Engine {
    pub(crate) index: Index,
    /// Entity recognition under way (see `continue_entities`).
    pub(super) pending_entities: Option<crate::index::entities::EntityIndexBuilder>,
}

impl Engine {
    /// Index `articles` (in any order), with the event timeline.
    pub fn new(articles: Vec<Article>) -> Engine {
        Engine::with_events(articles, true)
    }

    /// Index `articles`, tagging time expressions only when `events` is set.
    pub fn with_events(articles: Vec<Article>, events: bool) -> Engine {
        let mut b = IndexBuilder::new().with_events(events);
        for a in articles {
            b.add(a);
        }
        Engine {
            index: b.finish(),
            pending_entities: None,
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// What the events, facets and entity views read (see [`Collection`]).
    pub(super) fn collection<'a>(
        &'a self,
        article: &'a dyn Fn(DocId) -> Option<&'a Article>,
    ) -> Collection<'a> {
        let ix = &self.index;
        Collection {
            source: ix,
            days: &ix.days,
            notes: ix,
            entities: ix.entities(),
            article,
        }
    }

    pub fn stats(&self) -> Stats {
        let ix = &self.index;
        let features = Features {
            prebuilt: false,
            events: true,
            entities: true,
        };
        Stats::of(
            &ix.days,
            ix.term_count(),
            ix.events().len(),
            ix.events().event_count(),
            features,
        )
    }

    /// Matching documents for `q` (sorted by id) and what to highlight.
    pub fn matches(&self, q: &str) -> (Vec<Match>, Highlight) {
        let (execution, _) = run(&self.index, q);
        (execution.matches, execution.highlight)
    }

    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        let (execution, _) = run(&self.index, &req.q);
        let ix = &self.index;
        respond(
            req,
            &execution,
            &ix.days,
            |doc| Some(ix.doc(doc)),
            |doc, pi| ix.is_boilerplate(doc, pi),
            |results| {
                (self.collection(&|doc| ix.docs().get(doc as usize)))
                    .facets(results.iter().map(|m| m.doc))
            },
            Rows {
                copies: |doc| ix.copies(doc),
            },
        )
    }

    /// The first rows of `req.q`'s result list, ids and scores only: the
    /// first page of [`Engine::search`] for the same query, best first,
    /// without snippets, timeline or facets (see [`super::rank`]).
    pub fn rank(&self, req: &RankRequest) -> RankResponse {
        let (execution, _) = run(&self.index, &req.q);
        let ix = &self.index;
        let rows = top_rows(
            &execution.matches,
            &ix.days,
            |doc| ix.copies(doc),
            rank_limit(req),
        );
        RankResponse {
            total: execution.matches.len(),
            hits: (rows.iter())
                .map(|m| Ranked {
                    id: ix.doc(m.doc).id.clone(),
                    score: m.score,
                })
                .collect(),
        }
    }

    /// The article with this id, with the words of `q` highlighted, its time
    /// expressions marked with their values, and, when `focus` names one of
    /// its time mentions (an event row's `event`), that sentence marked.
    pub fn article(&self, id: &str, q: &str, focus: Option<u32>) -> Option<ArticleView> {
        let doc = self.index.doc_by_id(id)?;
        let (_, highlight) = self.matches(q);
        let ix = &self.index;
        (self.collection(&|doc| ix.docs().get(doc as usize))).article(
            doc,
            &highlight,
            focus,
            |pi| ix.is_boilerplate(doc, pi),
        )
    }
}
