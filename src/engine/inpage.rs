//! The in-memory [`Engine`]: an index built from articles (in the page or
//! natively), searched and read; its events and entities are answered in
//! the sibling modules `events` and `entities`.

use super::collection::Collection;
use super::rank::{rank_limit, top_rows, RankRequest, RankResponse};
use super::respond::{respond, run, Counted, Row, Rows};
use super::topk::{top_rows_early, RankScratch};
use super::types::{ArticleView, Features, SearchRequest, SearchResponse, Stats};
use crate::article::Article;
use crate::index::{DocId, TermId};
use crate::index::{Index, IndexBuilder};
use crate::query::{BlockMaxima, Highlight, Match};

/// An index built from articles, with everything the reader asks of it.
pub struct Engine {
    pub(crate) index: Index,
    /// The index's block maxima, for ranking that skips (see [`super::topk`]).
    pub(crate) blocks: BlockMaxima,
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
        let index = b.finish();
        Engine {
            blocks: BlockMaxima::build(&index, 0..index.term_count() as TermId),
            index,
            pending_entities: None,
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The index's block maxima (what ranking only skips by).
    pub fn block_maxima(&self) -> &BlockMaxima {
        &self.blocks
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
            entities: ix
                .entities()
                .map(|e| e as &dyn crate::index::entities::EntityList),
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
            |doc, _| Some(Row::Text(ix.doc(doc))),
            |doc, pi| ix.is_boilerplate(doc, pi),
            |results, _| {
                let article = |doc| ix.docs().get(doc as usize);
                let c = self.collection(&article);
                (c.facets(results.iter().map(|m| m.doc)), Counted::Top)
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
        self.rank_with(req, &mut RankScratch::default())
    }

    /// [`Engine::rank`] with the caller's scratch space, kept between
    /// queries (nothing sized to the collection is allocated per query). A
    /// one-word query reads only the blocks of its postings that can reach
    /// the first rows ([`super::topk`]); the answer is the same either way.
    pub fn rank_with(&self, req: &RankRequest, scratch: &mut RankScratch) -> RankResponse {
        let ix = &self.index;
        let limit = rank_limit(req);
        let query = crate::query::parse(&req.q);
        let rows = (ix.days.as_slice(), |doc| ix.copies(doc));
        let (rows, total) = top_rows_early(ix, &self.blocks, &query, rows, limit, scratch)
            .unwrap_or_else(|| {
                let matches = crate::query::execute(ix, &query).matches;
                let rows = top_rows(&matches, &ix.days, |doc| ix.copies(doc), limit);
                (rows, matches.len())
            });
        RankResponse {
            total,
            ids: rows.iter().map(|m| ix.doc(m.doc).id.clone()).collect(),
            scores: rows.iter().map(|m| m.score).collect(),
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
