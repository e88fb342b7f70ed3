//! People, organisations and places as the page asks for them: loading the
//! recognizer, facets for a search, and an entity's own view.

use serde::Serialize;
use tsify::Tsify;

use super::collection::Collection;
use super::events::{EventDate, EventOrder, Page};
#[cfg(feature = "inpage")]
use super::inpage::Engine;
use super::respond::{in_range, run};
use super::respond::{sort_results, top_docs, top_stories};
use super::timeline::{self, Timeline};
use super::types::{EntityListRequest, EntityListResponse, Facet, Facets};
#[cfg(feature = "inpage")]
use crate::entities::{ModelError, Recognizer};
use crate::entity_type::EntityType;
pub use crate::index::entities::FACET_SIZE;
use crate::index::entities::{facet_counts, EntityList};
#[cfg(feature = "inpage")]
use crate::index::entities::{EntityIndexBuilder, Recognized, RecognizedError};
use crate::index::DocId;
use crate::query::entity_filter_token;
use crate::text::sentence::sentence_at;

/// How far recognition has come.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EntityProgress {
    pub done: usize,
    pub total: usize,
    pub finished: bool,
    /// Set once finished.
    pub stats: Option<EntityStats>,
}

#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EntityStats {
    pub entities: usize,
    pub mentions: usize,
    /// Whether a trained model was used (else rules and gazetteers only).
    pub model: bool,
}

/// One entity: who or what it is, when it is mentioned, with whom, and the
/// events told in sentences that name it.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EntityView {
    pub key: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub aliases: Vec<String>,
    /// Articles naming it (within the query, when one is given).
    pub articles: usize,
    pub mentions: usize,
    /// Those articles over time, over their own span: each bar's `total`
    /// (and `hits`) counts only them, so the bars add up to `articles`
    /// (less the undated).
    pub timeline: Timeline,
    pub related: Vec<Facet>,
    pub events: Vec<EventDate>,
    /// The token to add to a query to filter by it (`person:sergey-lavrov`).
    pub filter: String,
    /// `Some(n)`: `related` and `events` are of its newest `n` articles
    /// only (it has more); `None`: of all of them, exactly.
    pub over: Option<usize>,
}

fn facet(ents: &dyn EntityList, entity: u32, count: u32) -> Option<Facet> {
    let r = ents.record(entity)?;
    Some(Facet::new(&r.key, &r.name, r.kind, count))
}

/// The timeline of `docs` alone (ascending ids, as every list of
/// documents is): a collection of just those articles, over their own span.
fn own_timeline(days: &[i32], docs: &[DocId]) -> Timeline {
    let own: Vec<i32> = docs
        .iter()
        .filter_map(|&d| days.get(d as usize).copied())
        .collect();
    let all: Vec<DocId> = (0..own.len() as DocId).collect();
    timeline::build(&own, &all, None)
}

#[cfg(feature = "inpage")]
impl Engine {
    /// A facet group's long list (see [`Collection::entity_list`]).
    pub fn entity_list(&self, req: &EntityListRequest) -> EntityListResponse {
        (self.collection(&|doc| self.index.docs().get(doc as usize))).entity_list(req)
    }

    /// The entity with this key, seen through the query `q` (see [`Collection::entity`]).
    pub fn entity(&self, key: &str, q: &str, top: Option<usize>) -> Option<EntityView> {
        (self.collection(&|doc| self.index.docs().get(doc as usize))).entity(key, q, top)
    }

    /// Recognize the collection's entities, with the trained model when
    /// `model` is given (else rules and gazetteers only). A damaged model is
    /// an error and changes nothing.
    pub fn load_entities(&mut self, model: Option<&[u8]>) -> Result<EntityStats, ModelError> {
        self.start_entities(model)?;
        let progress = self.continue_entities(usize::MAX);
        Ok(progress.stats.unwrap_or(EntityStats {
            entities: 0,
            mentions: 0,
            model: false,
        }))
    }

    /// Begin recognition in slices (see [`Engine::continue_entities`]); the
    /// current entities, if any, stay in use until the new ones are finished.
    pub fn start_entities(&mut self, model: Option<&[u8]>) -> Result<(), ModelError> {
        let recognizer = match model {
            Some(bytes) => Recognizer::from_model_bytes(bytes)?,
            None => Recognizer::basic(),
        };
        self.pending_entities = Some(EntityIndexBuilder::new(recognizer));
        Ok(())
    }

    /// Recognize up to `max_docs` more articles; after the last, merge and
    /// install the entities (`finished`, with their `stats`).
    pub fn continue_entities(&mut self, max_docs: usize) -> EntityProgress {
        let total = self.index.len();
        let Some(builder) = self.pending_entities.as_mut() else {
            return EntityProgress {
                done: 0,
                total,
                finished: true,
                stats: None,
            };
        };
        let done = builder.step(self.index.docs(), max_docs.max(1));
        if done < total {
            return EntityProgress {
                done,
                total,
                finished: false,
                stats: None,
            };
        }
        let Some(builder) = self.pending_entities.take() else {
            return EntityProgress {
                done,
                total,
                finished: true,
                stats: None,
            };
        };
        let stats = self.install(builder);
        EntityProgress {
            done,
            total,
            finished: true,
            stats: Some(stats),
        }
    }

    /// Install entities recognized elsewhere (a Web Worker running
    /// [`EntityIndexBuilder::recognize`] over the same article packs): they are
    /// merged and filed here. Recognized mentions that do not fit this
    /// collection are an error and change nothing.
    pub fn add_recognized(&mut self, r: &Recognized) -> Result<EntityStats, RecognizedError> {
        let builder = EntityIndexBuilder::from_recognized(r, self.index.docs(), |id| {
            self.index.doc_by_id(id)
        })?;
        Ok(self.install(builder))
    }

    /// Merge and file what `builder` recognized and put it in use in place
    /// of the current entities; recognition under way, if any, is dropped.
    fn install(&mut self, builder: EntityIndexBuilder) -> EntityStats {
        let model = builder.has_model();
        self.pending_entities = None;
        // The index found the collection's boilerplate when it was built.
        let ents = self.index.install_entities(builder);
        EntityStats {
            entities: ents.len(),
            mentions: ents.mention_count(),
            model,
        }
    }
}

impl Collection<'_> {
    /// Facets over `docs` (the current results): the [`FACET_SIZE`] most
    /// named of each type, and how many each type has in all
    /// ([`facet_counts`]).
    pub(crate) fn facets(&self, docs: impl Iterator<Item = DocId>) -> Facets {
        let Some(ents) = self.entities else {
            return Facets::default();
        };
        // Until every result's entities are at hand (a prebuilt index
        // fetches them), none: counts over part would name others.
        let Some(counts) = self.named(docs) else {
            return Facets::default();
        };
        let counted = facet_counts(counts, |e| ents.kind(e), FACET_SIZE);
        // Names are read only for those shown (a prebuilt index fetches the
        // records of those alone).
        let shown = counted.top.map(|top| {
            (top.into_iter())
                .filter_map(|(e, n)| facet(ents, e, n))
                .collect()
        });
        Facets::of(shown, counted.totals)
    }

    /// How many of `docs` name each entity; `None` while some of their
    /// entities are not at hand (noted).
    fn named(&self, docs: impl Iterator<Item = DocId>) -> Option<Vec<(u32, u32)>> {
        let docs: Vec<DocId> = docs.collect();
        let mut counts: rustc_hash::FxHashMap<u32, u32> = Default::default();
        for named in self.notes.entities_of_docs(&docs)? {
            for &e in named {
                *counts.entry(e).or_insert(0) += 1;
            }
        }
        Some(counts.into_iter().collect())
    }

    /// How many of `docs` name each entity, most first (ties by entity),
    /// at most `n` of each type: [`EntityIndex::counts`], read through the
    /// notes (an entity the list does not know is left out).
    fn counts(&self, docs: impl Iterator<Item = DocId>, n: usize) -> Vec<(u32, u32)> {
        let Some(ents) = self.entities else {
            return Vec::new();
        };
        let Some(counts) = self.named(docs) else {
            return Vec::new();
        };
        let mut all = counts;
        crate::sort::sort_by(&mut all[..], |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut per_type = [0usize; 4];
        all.retain(|&(e, _)| {
            ents.kind(e).is_some_and(|k| {
                let t = (k.index() as usize).min(3);
                per_type[t] += 1;
                per_type[t] <= n
            })
        });
        all
    }

    /// A facet group's long list: every entity of its type the request's
    /// top `req.search.top` results (all when `None`) name, most named first
    /// (ties by first recognized), and whether that bound left results out.
    /// Empty before entities are recognized.
    pub fn entity_list(&self, req: &EntityListRequest) -> EntityListResponse {
        let Some(ents) = self.entities else {
            return EntityListResponse::default();
        };
        let (execution, _) = run(self.source, &req.search.q);
        let mut results = in_range(&req.search, &execution, self.days);
        sort_results(req.search.sort, &mut results, self.days);
        let (docs, over) = top_docs(&results, req.search.top);
        let kind = req.group.kind();
        let entities = (self.counts(docs.into_iter(), usize::MAX).into_iter())
            .filter(|&(e, _)| ents.kind(e) == Some(kind))
            .filter_map(|(e, n)| facet(ents, e, n))
            .collect();
        EntityListResponse { entities, over }
    }

    /// The entity with this key, seen through the query `q` (empty: all articles).
    pub fn entity(&self, key: &str, q: &str, top: Option<usize>) -> Option<EntityView> {
        let ents = self.entities?;
        let e = ents.by_key(key)?;
        // All asked before any is required: a dry run notes both files.
        let (r, of, aliases) = (ents.record(e), ents.docs(e), ents.aliases(e));
        let (r, of, aliases) = (r?, of?, aliases?);
        let (execution, _) = run(self.source, q);
        let (matches, highlight) = (execution.matches, execution.highlight);
        let docs: Vec<DocId> = if q.trim().is_empty() {
            of.to_vec()
        } else {
            of.iter()
                .copied()
                .filter(|d| matches.binary_search_by_key(d, |m| m.doc).is_ok())
                .collect()
        };
        // Who it appears with and its events: over its newest `top` articles.
        let mut newest: Vec<crate::query::Match> = (docs.iter())
            .map(|&doc| crate::query::Match {
                doc,
                score: 0.0,
                all_words: true,
            })
            .collect();
        sort_results(super::types::Sort::Newest, &mut newest, self.days);
        let (read, over) = top_docs(&newest, top);
        let related: Vec<Facet> = self
            .counts(read.iter().copied(), FACET_SIZE)
            .into_iter()
            .filter(|&(other, _)| other != e)
            .filter_map(|(other, n)| facet(ents, other, n))
            .collect();

        // Its events: each reprinted story's once, as the events view lists them.
        let (told, _) = top_stories(&newest, top, |d| self.notes.copies(d));
        let mut selected = Vec::new();
        for &doc in &told {
            let Some(article) = (self.article)(doc) else {
                continue;
            };
            let own = self.notes.entity_mentions(doc);
            let mentions: Vec<_> = own.iter().filter(|m| m.entity == e).collect();
            let (first, times) = self.notes.times(doc);
            for (k, t) in times.iter().enumerate() {
                if !t.is_event() {
                    continue;
                }
                let Some(p) = article.paragraphs.get(t.para as usize) else {
                    continue;
                };
                let (s, end) = sentence_at(p, t.start as usize);
                if mentions
                    .iter()
                    .any(|m| m.para == t.para && (m.start as usize) >= s && (m.end as usize) <= end)
                {
                    selected.push((first + k as u32, t));
                }
            }
        }
        crate::sort::sort_by_key(&mut selected[..], |(_, m)| {
            (m.first, m.last, m.doc, m.para, m.start)
        });
        let page = Page {
            order: EventOrder::Date,
            offset: 0,
            limit: 1000,
            per_date: 10,
            period_start: None,
        };
        let (dates, _) = self.date_groups(&selected, &page, &highlight);
        Some(EntityView {
            key: r.key.clone(),
            name: r.name.clone(),
            kind: r.kind,
            aliases: aliases.to_vec(),
            articles: docs.len(),
            mentions: r.mentions,
            timeline: own_timeline(self.days, &docs),
            related,
            events: dates,
            filter: entity_filter_token(r.kind, &r.key),
            over,
        })
    }
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::engine::{FacetGroup, SearchRequest};

    fn search(e: &Engine, q: &str) -> crate::engine::SearchResponse {
        e.search(&SearchRequest::for_query(q))
    }

    #[test]
    fn facets_and_views_carry_the_filter_that_selects_them() {
        let article = Article {
            id: "a".into(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 1, 10),
            title: "Lavrov meets Blinken in Geneva".into(),
            source: None,
            paragraphs: vec!["Sergey Lavrov met Antony Blinken in Geneva on Friday.".into()],
        };
        let mut e = Engine::new(vec![article]);
        e.load_entities(None).expect("rules need no model");
        let r = search(&e, "geneva");
        let facets = r.facets.people.iter().chain(&r.facets.organizations);
        let all: Vec<&Facet> = facets.chain(&r.facets.places).collect();
        assert!(!all.is_empty());
        for f in all {
            assert_eq!(f.filter, entity_filter_token(f.kind, &f.key));
            let q = format!("geneva {}", f.filter);
            let filtered = search(&e, &q);
            assert_eq!(filtered.total, 1, "{q}");
            assert_eq!(filtered.filters.len(), 1, "{q}");
            assert_eq!(filtered.filters[0].value, f.key);
            assert_eq!(
                filtered.filters[0].kind,
                Some(f.kind).filter(|k| *k != EntityType::Misc)
            );
            let view = e
                .entity(&f.key, "", None)
                .expect("a facet's entity has a view");
            assert_eq!(view.filter, f.filter);
            let bars = view.timeline.bins.iter().map(|b| b.total).sum::<u32>();
            assert_eq!(bars as usize, view.articles, "its own articles only");
        }
    }

    #[test]
    fn a_long_list_holds_every_entity_of_its_group_counted_as_the_facets() {
        let texts = [
            "Sergey Lavrov met Antony Blinken in Geneva.",
            "Sergey Lavrov spoke in Moscow with Liz Truss.",
            "Antony Blinken flew to Kyiv and then to Warsaw.",
        ];
        let articles = (texts.iter().enumerate())
            .map(|(i, t)| Article {
                id: format!("a{i}"),
                date: chrono::NaiveDate::from_ymd_opt(2022, 1, 10 + i as u32),
                title: "Talks".into(),
                source: None,
                paragraphs: vec![t.to_string()],
            })
            .collect();
        let mut e = Engine::new(articles);
        e.load_entities(None).expect("rules need no model");
        for q in [
            "",
            "Lavrov",
            "person:lavrov OR person:blinken -place:geneva",
        ] {
            let r = search(&e, q);
            let groups = [
                (FacetGroup::People, &r.facets.people, r.facets.totals.people),
                (
                    FacetGroup::Organizations,
                    &r.facets.organizations,
                    r.facets.totals.organizations,
                ),
                (FacetGroup::Places, &r.facets.places, r.facets.totals.places),
            ];
            for (group, facets, total) in groups {
                let req = EntityListRequest {
                    search: SearchRequest::for_query(q),
                    group,
                };
                let list = e.entity_list(&req);
                assert_eq!(list.over, None, "every result counted in-page");
                let list = list.entities;
                assert_eq!(list.len(), total, "{q:?} {group:?}");
                assert!(list.iter().all(|f| f.kind == group.kind()));
                let head: Vec<(&str, u32)> = list
                    .iter()
                    .take(facets.len())
                    .map(|f| (f.key.as_str(), f.count))
                    .collect();
                let shown: Vec<(&str, u32)> =
                    facets.iter().map(|f| (f.key.as_str(), f.count)).collect();
                assert_eq!(head, shown, "the facets open the long list");
            }
        }
        assert!(search(&e, "").facets.totals.places >= 3);
    }

    #[test]
    fn an_entity_chart_counts_its_own_articles_over_its_own_span() {
        let article = |id: &str, date: &str, text: &str| Article {
            id: id.into(),
            date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            title: text.into(),
            source: None,
            paragraphs: vec![text.into()],
        };
        let mut e = Engine::new(vec![
            article("a", "2020-01-05", "Talks in Geneva on Friday."),
            article("b", "2022-03-01", "Sergey Lavrov spoke in Moscow."),
            article("c", "2022-03-09", "Sergey Lavrov met reporters."),
            article("d", "2024-06-01", "Markets were quiet."),
        ]);
        e.load_entities(None).expect("rules need no model");
        let v = e.entity("sergey-lavrov", "", None).expect("Lavrov");
        assert_eq!(v.articles, 2);
        let bins = &v.timeline.bins;
        assert_eq!(bins.iter().map(|b| b.total).sum::<u32>(), 2);
        assert_eq!(bins.iter().map(|b| b.hits).sum::<u32>(), 2);
        assert_eq!(
            (bins[0].start.as_str(), bins[bins.len() - 1].end.as_str()),
            ("2022-03-01", "2022-03-09"),
            "his span, not the collection's"
        );
    }
}
