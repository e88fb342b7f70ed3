//! The engine: one index and the operations the reader needs (search with
//! snippets and a timeline, the event timeline, opening an article,
//! statistics), with request and response types that cross to the page as
//! they are. Both the wasm boundary and the command-line tool are thin layers
//! over this.
//!
//! The in-memory [`Engine`] (with events and entities) needs feature
//! `inpage`; [`PrebuiltEngine`] and what both share do not.

#[cfg(feature = "inpage")]
mod entities;
#[cfg(feature = "inpage")]
mod events;
mod prebuilt;
pub mod snippet;
pub mod timeline;

#[cfg(feature = "inpage")]
pub use entities::{EntityProgress, EntityStats, EntityView};
#[cfg(feature = "inpage")]
pub use events::{
    EventDate, EventLane, EventOrder, EventRow, EventsRequest, EventsResponse, LaneSpan,
};
pub use prebuilt::PrebuiltEngine;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::article::Article;
use crate::entity_type::EntityType;
use crate::index::{date_of_day, DocId, UNDATED};
#[cfg(feature = "inpage")]
use crate::index::{Index, IndexBuilder};
#[cfg(feature = "inpage")]
use crate::query::{self, ParseOptions, Query};
use crate::query::{entity_filter_token, Highlight, Match, QueryFilter};
#[cfg(feature = "inpage")]
use crate::sentence::sentence_at;
#[cfg(feature = "inpage")]
use snippet::EntityMark;
use snippet::{hit_marks, link_marks, marked_plain, segments, snippet, Mark, Segment};
use timeline::Timeline;

/// Results per page when a request does not say, and the most it may ask for.
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 1000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best first; ties (and an empty query) newest first.
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// A search as the page or the command line asks for it. Every field is
/// optional; dates that do not parse are ignored (they come from URLs).
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(default)]
pub struct SearchRequest {
    pub q: String,
    pub sort: Sort,
    pub offset: usize,
    pub limit: Option<usize>,
    /// Publication-date range, inclusive, restricting the results (not the timeline hits).
    pub from: Option<String>,
    pub to: Option<String>,
    /// The user is still typing: the last word also matches as a prefix.
    pub prefix_last: bool,
    /// Window of the timeline to bin (default: the whole collection).
    pub view_from: Option<String>,
    pub view_to: Option<String>,
}

#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Hit {
    pub id: String,
    pub date: Option<String>,
    pub title: String,
    pub title_marked: Vec<Segment>,
    pub source: Option<String>,
    pub score: f32,
    pub snippet: Vec<Segment>,
}

#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct SearchResponse {
    /// Matching articles within `from..=to`.
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub hits: Vec<Hit>,
    /// Bins over the view window; `hits` per bin count matches ignoring `from`/`to`.
    pub timeline: Timeline,
    /// People, organisations and places named by the results (empty until entities are loaded).
    pub facets: Facets,
    /// The filters of `q` as typed, with their spans (JavaScript string
    /// indices): the page's chips, removed by cutting out a span.
    pub filters: Vec<QueryFilter>,
}

/// One value of a facet: an entity and how many articles of the current
/// results name it.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Facet {
    pub key: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub count: u32,
    /// The token to add to a query to filter by this entity
    /// (`person:sergey-lavrov`), written by the query module.
    pub filter: String,
}

impl Facet {
    /// The facet of the entity `key` of type `kind`, named by `count` articles.
    pub fn new(key: &str, name: &str, kind: EntityType, count: u32) -> Facet {
        Facet {
            key: key.to_string(),
            name: name.to_string(),
            kind,
            count,
            filter: entity_filter_token(kind, key),
        }
    }
}

/// Facets of a result set; empty until entities are loaded.
#[derive(Debug, Clone, Default, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Facets {
    pub people: Vec<Facet>,
    pub organizations: Vec<Facet>,
    pub places: Vec<Facet>,
}

#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct ArticleView {
    pub id: String,
    pub date: Option<String>,
    pub title: String,
    pub title_marked: Vec<Segment>,
    pub source: Option<String>,
    pub paragraphs: Vec<Vec<Segment>>,
}

#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Stats {
    pub articles: usize,
    /// Time expressions found, and how many of them are events (resolve to dates).
    pub time_mentions: usize,
    pub events: usize,
    pub dated: usize,
    pub undated: usize,
    pub terms: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub features: Features,
}

/// What this engine can do beyond search: the page hides what is missing.
#[derive(Debug, Clone, Copy, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Features {
    /// The index was built ahead of time and is fetched in pieces.
    pub prebuilt: bool,
    /// The event timeline (dates the articles mention).
    pub events: bool,
    /// People, organisations and places.
    pub entities: bool,
}

impl Stats {
    /// Statistics of a collection whose documents fall on `days` (in id order, undated last).
    pub(crate) fn of(
        days: &[i32],
        terms: usize,
        time_mentions: usize,
        events: usize,
        features: Features,
    ) -> Stats {
        let dated = days.partition_point(|&d| d != UNDATED);
        let fmt = |d: Option<NaiveDate>| d.map(crate::article::ymd);
        Stats {
            articles: days.len(),
            time_mentions,
            events,
            dated,
            undated: days.len() - dated,
            terms,
            first_date: fmt(days.first().and_then(|&d| date_of_day(d))),
            last_date: fmt(dated.checked_sub(1).and_then(|i| date_of_day(days[i]))),
            features,
        }
    }
}

pub(crate) fn date_param(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(|s| crate::article::date_of(s.trim()))
}

#[cfg(feature = "inpage")]
pub struct Engine {
    pub(crate) index: Index,
    /// Entity recognition under way (see `continue_entities`).
    pending_entities: Option<crate::index::entities::EntityIndexBuilder>,
}

#[cfg(feature = "inpage")]
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
    pub fn matches(&self, q: &str, prefix_last: bool) -> (Vec<Match>, Highlight) {
        let (m, h, _) = self.run(q, prefix_last);
        (m, h)
    }

    fn run(&self, q: &str, prefix_last: bool) -> (Vec<Match>, Highlight, Query) {
        let parsed = query::parse(q, ParseOptions { prefix_last });
        let (m, h) = query::execute(&self.index, &parsed);
        (m, h, parsed)
    }

    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        let (all, highlight) = self.matches(&req.q, req.prefix_last);
        let ix = &self.index;
        respond(
            req,
            &all,
            &highlight,
            &ix.days,
            |doc| Some(ix.doc(doc)),
            |results| self.facets(results.iter().map(|m| m.doc)),
        )
    }

    /// The article with this id, with the words of `q` highlighted, its time
    /// expressions marked with their values, and, when `focus` names one of
    /// its time mentions (an event row's `event`), that sentence marked.
    pub fn article(&self, id: &str, q: &str, focus: Option<u32>) -> Option<ArticleView> {
        let doc = self.index.doc_by_id(id)?;
        let (_, highlight) = self.matches(q, false);
        let events = self.index.events();
        let mentions = events.of_doc(doc);
        let focus = focus
            .and_then(|f| events.mention(f))
            .filter(|m| m.doc == doc);
        Some(article_view(
            self.index.doc(doc),
            &highlight,
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

/// Sort `all` (matches ordered by document) as `req` asks, restrict them to
/// its date range, and present one page of them with the timeline; shared by
/// the in-page and the prebuilt engine. `days` is every document's day;
/// `article` gives a document's article (a hit whose article is not at hand
/// is left out of the page); `facets` summarises the results.
pub(crate) fn respond<'a>(
    req: &SearchRequest,
    all: &[Match],
    highlight: &Highlight,
    days: &[i32],
    article: impl Fn(DocId) -> Option<&'a Article>,
    facets: impl FnOnce(&[Match]) -> Facets,
) -> SearchResponse {
    let (from, to) = (date_param(&req.from), date_param(&req.to));
    let dated = days.partition_point(|&d| d != UNDATED);
    let range = crate::index::doc_range(days, dated, from, to);
    let mut results: Vec<Match> = all
        .iter()
        .copied()
        .filter(|m| range.contains(&m.doc))
        .collect();
    let undated = |doc: DocId| days.get(doc as usize).is_none_or(|&d| d == UNDATED);
    match req.sort {
        Sort::Relevance => results.sort_unstable_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(undated(a.doc).cmp(&undated(b.doc)))
                .then(b.doc.cmp(&a.doc))
        }),
        Sort::Newest => results
            .sort_unstable_by(|a, b| undated(a.doc).cmp(&undated(b.doc)).then(b.doc.cmp(&a.doc))),
        Sort::Oldest => {} // already in date order, undated last
    }
    let limit = req.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let hits = results
        .iter()
        .skip(req.offset)
        .take(limit)
        .filter_map(|m| {
            let a = article(m.doc)?;
            Some(Hit {
                id: a.id.clone(),
                date: a.date_string(),
                title: a.title.clone(),
                title_marked: marked_plain(&a.title, highlight),
                source: a.source.clone(),
                score: m.score,
                snippet: snippet(a, highlight),
            })
        })
        .collect();
    let hit_docs: Vec<DocId> = all.iter().map(|m| m.doc).collect();
    let view = date_param(&req.view_from).zip(date_param(&req.view_to));
    SearchResponse {
        total: results.len(),
        offset: req.offset,
        limit,
        hits,
        timeline: timeline::build(days, &hit_docs, view),
        facets: facets(&results),
        filters: crate::query::parse(&req.q, Default::default()).filters,
    }
}

/// An article for the reader: query words highlighted, links made safe, and
/// whatever else `marks` adds per paragraph (its index, text and the marks so far).
pub(crate) fn article_view(
    a: &Article,
    highlight: &Highlight,
    mut marks: impl FnMut(usize, &str, &mut Vec<(usize, usize, Mark)>),
) -> ArticleView {
    let paragraphs = a
        .paragraphs
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let mut m = hit_marks(p, highlight);
            m.extend(link_marks(p));
            marks(pi, p, &mut m);
            segments(p, &m)
        })
        .collect();
    ArticleView {
        id: a.id.clone(),
        date: a.date_string(),
        title: a.title.clone(),
        title_marked: marked_plain(&a.title, highlight),
        source: a.source.clone(),
        paragraphs,
    }
}
