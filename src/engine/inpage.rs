//! The in-memory [`Engine`]: an index built from articles (in the page or
//! natively), searched and read; its events and entities are answered in
//! the sibling modules `events` and `entities`.

use super::respond::{article_view, respond_rows, run, Rows};
use super::snippet::{EntityMark, Mark};
use super::types::{ArticleView, Features, SearchRequest, SearchResponse, Stats};
use crate::article::Article;
use crate::index::{Index, IndexBuilder};
use crate::query::{Highlight, Match};
use crate::text::sentence::sentence_at;

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
        respond_rows(
            req,
            &execution,
            &ix.days,
            |doc| Some(ix.doc(doc)),
            |doc, pi| ix.is_boilerplate(doc, pi),
            |results| self.facets(results.iter().map(|m| m.doc)),
            Rows {
                copies: |doc| ix.copies(doc),
            },
        )
    }

    /// The article with this id, with the words of `q` highlighted, its time
    /// expressions marked with their values, and, when `focus` names one of
    /// its time mentions (an event row's `event`), that sentence marked.
    pub fn article(&self, id: &str, q: &str, focus: Option<u32>) -> Option<ArticleView> {
        let doc = self.index.doc_by_id(id)?;
        let (_, highlight) = self.matches(q);
        let events = self.index.events();
        let mentions = events.of_doc(doc);
        let focus = focus
            .and_then(|f| events.mention(f))
            .filter(|m| m.doc == doc);
        Some(article_view(
            self.index.doc(doc),
            &highlight,
            |pi| self.index.is_boilerplate(doc, pi),
            |pi, p, marks| {
                for m in mentions.iter().filter(|m| m.para as usize == pi) {
                    marks.push((
                        m.start as usize,
                        m.end as usize,
                        Mark::Time(m.value.to_string()),
                    ));
                }
                if let Some(ents) = self.index.entities() {
                    for m in ents.of_doc(doc).iter().filter(|m| m.para as usize == pi) {
                        if let Some(r) = ents.record(m.entity) {
                            let mark = EntityMark {
                                key: r.key.clone(),
                                kind: r.kind,
                            };
                            marks.push((m.start as usize, m.end as usize, Mark::Entity(mark)));
                        }
                    }
                }
                if let Some(f) = focus.filter(|f| f.para as usize == pi) {
                    let (s, e) = sentence_at(p, f.start as usize);
                    marks.push((s, e, Mark::Focus));
                }
            },
        ))
    }
}
