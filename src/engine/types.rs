//! What the engine takes and returns, shared by the in-page and the
//! prebuilt engine: search requests and responses, article views, statistics.
//! They cross to the page as they are (serde), typed by their `Tsify`
//! declarations in the generated `.d.ts`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::snippet::Segment;
use super::timeline::Timeline;
use crate::entity_type::EntityType;
use crate::index::{date_of_day, UNDATED};
use crate::query::{entity_filter_token, QueryFilter, SearchNotes};

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
    /// Window of the timeline to bin (default: the whole collection).
    pub view_from: Option<String>,
    pub view_to: Option<String>,
    /// Facets over the first `top` results in the list's order only (see
    /// `collection::top_docs`); `None`: over every result in-page, over
    /// `DEFAULT_TOP` on a prebuilt site.
    pub top: Option<usize>,
}

impl SearchRequest {
    /// A search for `q` as the page first asks it: best first, the first
    /// page, no date range, the query as typed in full.
    pub fn for_query(q: &str) -> SearchRequest {
        SearchRequest {
            q: q.to_string(),
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Hit {
    pub id: String,
    pub date: Option<String>,
    pub title: String,
    pub title_marked: Vec<Segment>,
    /// The source gave no headline: `title` is the article's lead (its
    /// first sentence, after any dateline), for the page to show as a lead,
    /// not as a headline; empty when the article holds nothing but page
    /// furniture.
    pub lead: bool,
    pub source: Option<String>,
    pub score: f32,
    /// The article holds every deciding word of the query. False only when
    /// the search was relaxed to most words (`notes.relaxed`): by relevance,
    /// such articles come after all those holding every word.
    pub all_words: bool,
    pub snippet: Vec<Segment>,
    /// The other copies of this story in the collection (the same text
    /// reprinted by other outlets or on other days), in date order; empty
    /// for a story told once. Listed once, its copies are reached from here.
    pub also: Vec<Reprint>,
}

/// Another copy of a listed story: enough to name and open it.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Reprint {
    pub id: String,
    pub date: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct SearchResponse {
    /// Matching articles within `from..=to`.
    pub total: usize,
    /// The rows they make: `total` with every reprinted story counted once
    /// (its copies are in its row's `also`). `offset` and `limit` count rows.
    pub listed: usize,
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
    /// How the query was read: relaxed to most words, corrections searched
    /// too, parts not used and why.
    pub notes: SearchNotes,
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
    /// The most named of each type, most named first.
    pub people: Vec<Facet>,
    pub organizations: Vec<Facet>,
    pub places: Vec<Facet>,
    /// How many entities of each type the results name in all: the length
    /// of each group's long list ([`EntityListRequest`]).
    pub totals: FacetTotals,
    /// `Some(n)`: counted over the top `n` results in the list's order only
    /// (the query has more); `None`: over every result, exactly.
    pub over: Option<usize>,
}

impl Facets {
    /// People, organisations and places (in that order), each group's
    /// shown facets and how many it has in all; over every result.
    pub fn of(groups: [Vec<Facet>; 3], totals: [usize; 3]) -> Facets {
        let [people, organizations, places] = groups;
        let [p, o, l] = totals;
        Facets {
            people,
            organizations,
            places,
            totals: FacetTotals {
                people: p,
                organizations: o,
                places: l,
            },
            over: None,
        }
    }
}

/// How many entities of each facet group the results name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Tsify)]
pub struct FacetTotals {
    pub people: usize,
    pub organizations: usize,
    pub places: usize,
}

/// A facet group: the people, the organisations or the places.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum FacetGroup {
    #[default]
    People,
    Organizations,
    Places,
}

impl FacetGroup {
    /// The entity type the group lists.
    pub fn kind(self) -> EntityType {
        match self {
            FacetGroup::People => EntityType::Person,
            FacetGroup::Organizations => EntityType::Organization,
            FacetGroup::Places => EntityType::Location,
        }
    }
}

/// Every entity of one facet group among a search's results (its `q`,
/// `from` and `to`, as its facets count them): a facet group's long list.
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(default)]
pub struct EntityListRequest {
    pub search: SearchRequest,
    pub group: FacetGroup,
}

/// A facet group's long list: what an [`EntityListRequest`] answers.
#[derive(Debug, Clone, Default, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EntityListResponse {
    /// Every entity of the group the counted results name, most named first
    /// (ties by first recognized).
    pub entities: Vec<Facet>,
    /// `Some(n)`: counted over the top `n` results in the list's order only
    /// (the query has more), so names found only below them are missing and
    /// counts are of those `n`; `None`: over every result, exactly. The facets
    /// above the list may be exact when the list is not (a one-word search's
    /// facets counted at build time, `prebuilt::group_facets`).
    pub over: Option<usize>,
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
    /// Per paragraph, whether it is boilerplate (page furniture repeated
    /// across the collection): shown dimmed, named in no facet.
    pub boilerplate: Vec<bool>,
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

/// What a prebuilt index holds in the page's memory, against its budget
/// (`PrebuiltReader.memory`; see `prebuilt/cache.rs`): after each answered
/// request the page evicts least recently read files down to `budget`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct MemoryStats {
    /// The budget, in bytes of decoded index data.
    pub budget: usize,
    /// Decoded bytes held now, the pinned part included.
    pub held_bytes: usize,
    /// Index files held now (`meta.bin` included).
    pub held_files: usize,
    /// Bytes never evicted: the metadata and what it opened (the event
    /// summary among it), and the entity types once added. `held_bytes` stays within the budget
    /// between requests unless the budget is below this.
    pub pinned_bytes: usize,
    /// Files evicted since the index was opened.
    pub evicted_files: usize,
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
