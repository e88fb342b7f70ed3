//! The event timeline as the page asks for it: events of the articles that
//! match a query, grouped by the date they name, with a lane to draw.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::collection::Collection;
use super::respond::in_dates;
use super::respond::run;
use super::respond::{sort_results, top_stories};
use super::snippet::{hit_marks, lead_of, segments, Mark, Segment};
use super::timeline::{self, Granularity};
use super::types::date_param;
use super::types::Sort;
use crate::article::ymd;
use crate::dates::value;
use crate::index::events::{period_of, TimeMention, DENSE_MIN};
use crate::index::{date_of_day, day_number, DocId};
use crate::query::Execution;
use crate::text::sentence::sentence_at;

/// Dates per page and rows per date when a request does not say.
pub const DEFAULT_DATES: usize = 50;
pub const DEFAULT_ROWS_PER_DATE: usize = 3;
/// Coarse spans (months, years…) drawn on the lane, most mentioned first.
const MAX_LANE_SPANS: usize = 40;
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum EventOrder {
    /// Chronological by the date mentioned.
    #[default]
    Date,
    /// Dates mentioned by the most articles first.
    Mentions,
}

/// Which events to list. The query (with its own `after:`, `before:`,
/// `mentions:`) and `from`/`to` (publication dates) choose the articles;
/// `mentions:` and `event_from`/`event_to` choose the events by the date they name.
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(default)]
pub struct EventsRequest {
    pub q: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub event_from: Option<String>,
    pub event_to: Option<String>,
    pub order: EventOrder,
    pub offset: usize,
    pub limit: Option<usize>,
    pub per_date: Option<usize>,
    /// Window of the lane to bin (default: where most events lie).
    pub view_from: Option<String>,
    pub view_to: Option<String>,
    /// The order of the result list: with `top`, which articles come first.
    pub sort: Sort,
    /// The events of the first `top` articles in `sort` order only (see
    /// `collection::top_docs`); `None`: of every article in-page, of
    /// `DEFAULT_TOP` on a prebuilt site.
    pub top: Option<usize>,
}

/// One mention of a date, in its sentence.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EventRow {
    /// The mention's id: pass it to `article` as `focus` to open the reader at this sentence.
    pub event: u32,
    pub id: String,
    pub title: String,
    /// The source gave no headline: `title` is the article's lead, to be
    /// shown as a lead, not as a headline (as `Hit::lead`).
    pub lead: bool,
    pub article_date: Option<String>,
    /// The expression as written.
    pub text: String,
    pub sentence: Vec<Segment>,
}

/// All mentions of one date value.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EventDate {
    /// TIMEX3 value: `2022-02-10`, `2022-02`, `2022-W06`, `2022`…
    pub value: String,
    pub start: String,
    pub end: String,
    /// `granularity`, `label`, `datetime` (in the same object).
    #[serde(flatten)]
    pub described: ValueDescription,
    pub articles: usize,
    pub mentions: usize,
    pub rows: Vec<EventRow>,
    /// It lies wholly before the period the view opens on: listed after
    /// the dates of that period in date order, so the far past is
    /// reachable but not in the way.
    pub earlier: bool,
}

/// A coarse value (longer than a day) drawn as a band across the lane.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct LaneSpan {
    pub value: String,
    pub start: String,
    pub end: String,
    /// As in [`EventDate`].
    #[serde(flatten)]
    pub described: ValueDescription,
    pub mentions: usize,
}

/// What the page shows of a TIMEX3 value, worked out by [`crate::dates::value`]
/// (the page parses no values), the same for a date of the list and a span
/// of the lane; its fields stand in the object that holds it.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct ValueDescription {
    /// What the value names: `year`, `quarter`, `half`, `season`, `month`,
    /// `week`, `day` or `span` ([`value::granularity`]).
    pub granularity: &'static str,
    /// The value in words for the page: `10 Feb 2022`, `Q1 2022` ([`value::label`]).
    pub label: String,
    /// The value when it is also a valid HTML `datetime` ([`value::html_datetime`]).
    pub datetime: Option<String>,
}

impl ValueDescription {
    /// The description of TIMEX3 `value`.
    pub fn of(value: &str) -> ValueDescription {
        ValueDescription {
            granularity: value::granularity(value).as_str(),
            label: value::label(value),
            datetime: value::html_datetime(value),
        }
    }
}

/// The event lane: day-precise events binned (`total` over the collection,
/// `hits` among the listed events), coarse ones as spans.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EventLane {
    pub granularity: Granularity,
    pub bins: Vec<timeline::Bin>,
    pub spans: Vec<LaneSpan>,
    /// The first and last day any day-precise event of the collection
    /// names: the window that shows them all, far past and future
    /// included (the lane opens on the period, see [`EventsResponse::period_start`]).
    pub all_start: Option<String>,
    pub all_end: Option<String>,
}

#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EventsResponse {
    pub total_mentions: usize,
    pub total_dates: usize,
    pub offset: usize,
    pub limit: usize,
    pub dates: Vec<EventDate>,
    pub lane: EventLane,
    /// The period the view opens on (where most day-precise mentions of the
    /// listed events lie, see [`dense_span`]): the lane's default window,
    /// and where the list in date order starts.
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    /// `Some(n)`: the events of the top `n` articles in the list's order
    /// only (the query has more); `None`: of every article, exactly.
    pub over: Option<usize>,
}

/// A time mention with its id.
pub(crate) type Sel<'a> = (u32, &'a TimeMention);

/// Mentions grouped by the value they name, in order of first appearance.
type Groups<'a> = Vec<(Box<str>, Vec<Sel<'a>>)>;

/// Which page of dates to list, and how.
pub(crate) struct Page {
    pub order: EventOrder,
    pub offset: usize,
    pub limit: usize,
    /// Rows per date.
    pub per_date: usize,
    /// The day the period starts (see [`EventsResponse::period_start`]): in
    /// date order, dates wholly before it come last. `None`: plain date order.
    pub period_start: Option<i32>,
}

fn day_string(day: i32) -> String {
    date_of_day(day).map(ymd).unwrap_or_default()
}

#[cfg(feature = "inpage")]
impl super::inpage::Engine {
    /// The event timeline of `req`'s articles (see [`Collection::events`]).
    pub fn events(&self, req: &EventsRequest) -> EventsResponse {
        (self.collection(&|doc| self.index.docs().get(doc as usize))).events(req)
    }
}

impl Collection<'_> {
    /// The events of `req`'s articles, grouped by the date they name.
    pub fn events(&self, req: &EventsRequest) -> EventsResponse {
        let (
            Execution {
                matches, highlight, ..
            },
            parsed,
        ) = run(self.source, &req.q);
        let mut results = in_dates(&matches, self.days, &req.from, &req.to);
        sort_results(req.sort, &mut results, self.days);
        let (docs, over) = top_stories(&results, req.top, |d| self.notes.copies(d));
        let mut lo = i32::MIN;
        let mut hi = i32::MAX;
        if let Some((a, b)) = parsed.mentions {
            lo = lo.max(day_number(a));
            hi = hi.min(day_number(b));
        }
        if let Some(d) = date_param(&req.event_from) {
            lo = lo.max(day_number(d));
        }
        if let Some(d) = date_param(&req.event_to) {
            hi = hi.min(day_number(d));
        }
        let limit = req.limit.unwrap_or(DEFAULT_DATES).clamp(1, 1000);
        let per_date = req.per_date.unwrap_or(DEFAULT_ROWS_PER_DATE).clamp(1, 1000);
        let selected = self.events_of(&docs, (lo, hi), limit * per_date);

        let period = self.period(&selected);
        let page = Page {
            order: req.order,
            offset: req.offset,
            limit,
            per_date,
            period_start: period.map(|p| p.0),
        };
        let (dates, groups) = self.date_groups(&selected, &page, &highlight);
        EventsResponse {
            total_mentions: selected.len(),
            total_dates: groups.len(),
            offset: req.offset,
            limit,
            dates,
            lane: self.lane(&selected, &groups, req, period),
            period_start: period.map(|p| day_string(p.0)),
            period_end: period.map(|p| day_string(p.1)),
            over,
        }
    }

    /// The events of `docs` whose span overlaps the days `lo..=hi`, in date
    /// order (first day, last day, document, paragraph, offset), of which
    /// `shown` rows at most are shown; none while some of their mentions
    /// are not at hand (a prebuilt index's dry run: noted, all in one round).
    pub(crate) fn events_of(
        &self,
        docs: &[DocId],
        (lo, hi): (i32, i32),
        shown: usize,
    ) -> Vec<Sel<'_>> {
        let mut selected: Vec<Sel<'_>> = Vec::new();
        let Some(all) = self.notes.times_of_docs(docs, shown) else {
            return selected;
        };
        for (first, times) in all {
            for (k, m) in times.iter().enumerate() {
                if m.is_event() && m.first <= hi && m.last >= lo {
                    selected.push((first + k as u32, m));
                }
            }
        }
        crate::sort::sort_by_key(&mut selected[..], |(_, m)| {
            (m.first, m.last, m.doc, m.para, m.start)
        });
        selected
    }

    /// The period an events view opens on: the dense span of the selected
    /// events' day-precise mentions (of the whole collection's when the
    /// selection has too few to tell), widened to the central 98% of their
    /// articles' publication days when the two overlap (see [`period_of`]).
    fn period(&self, selected: &[Sel<'_>]) -> Option<(i32, i32)> {
        let (named, docs): (Vec<i32>, Vec<DocId>) = (selected.iter())
            .filter(|(_, m)| m.first == m.last)
            .map(|(_, m)| (m.first, m.doc))
            .unzip();
        if named.len() < DENSE_MIN {
            return self.notes.summary().period;
        }
        period_of(named, docs, self.days)
    }

    /// Group event mentions (in date order) by the value they name; a page of
    /// `page.limit` groups from `page.offset`, and all groups as (value, mention ids).
    pub(crate) fn date_groups<'s>(
        &self,
        selected: &[Sel<'s>],
        page: &Page,
        highlight: &crate::query::Highlight,
    ) -> (Vec<EventDate>, Groups<'s>) {
        let &Page {
            order,
            offset,
            limit,
            per_date,
            period_start,
        } = page;
        let mut groups: Groups<'s> = Vec::new();
        let mut slot: FxHashMap<&str, usize> = FxHashMap::default();
        for &(i, m) in selected {
            match slot.get(&*m.value) {
                Some(&g) => groups[g].1.push((i, m)),
                None => {
                    slot.insert(&m.value, groups.len());
                    groups.push((m.value.clone(), vec![(i, m)]));
                }
            }
        }
        let articles_of = |ids: &[Sel<'_>]| {
            let mut docs: Vec<DocId> = ids.iter().map(|(_, m)| m.doc).collect();
            crate::sort::sort(&mut docs[..]);
            docs.dedup();
            docs.len()
        };
        let mut ranked: Vec<(usize, usize)> = groups
            .iter()
            .enumerate()
            .map(|(g, (_, ids))| (g, articles_of(ids)))
            .collect();
        // Dates wholly before the period (in date order, the first groups).
        let earlier = |g: usize| {
            period_start.is_some_and(|lo| (groups[g].1.first()).is_some_and(|(_, m)| m.last < lo))
        };
        match order {
            EventOrder::Mentions => {
                crate::sort::sort_by(&mut ranked[..], |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)))
            }
            // The period first; the far past after the rest, each in date
            // order (a partition, not a second sort in the wasm).
            EventOrder::Date => {
                let (mut period, before): (Vec<_>, Vec<_>) =
                    ranked.into_iter().partition(|&(g, _)| !earlier(g));
                period.extend(before);
                ranked = period;
            }
        }
        let dates = ranked
            .iter()
            .skip(offset)
            .take(limit)
            .filter_map(|&(g, articles)| {
                let (value, ids) = &groups[g];
                let &(_, first) = ids.first()?;
                Some(EventDate {
                    value: value.to_string(),
                    start: day_string(first.first),
                    end: day_string(first.last),
                    described: ValueDescription::of(value),
                    articles,
                    mentions: ids.len(),
                    rows: self.event_rows(ids, per_date, highlight),
                    earlier: earlier(g),
                })
            })
            .collect();
        (dates, groups)
    }

    /// Rows for a date's mentions: one per article (its first mention),
    /// newest articles first, the first `n` articles. An article not at hand
    /// (a prebuilt one not fetched yet: the dry run of `needs_events`) takes
    /// its place among the `n` all the same: it is noted as needed and will
    /// be a row, so a date asks for the documents of its `n` rows, not of
    /// every article that mentions it (at Reuters-21578 a frequent word's
    /// first page of dates asked for 251 document chunks, not 60).
    fn event_rows(
        &self,
        ids: &[Sel<'_>],
        n: usize,
        highlight: &crate::query::Highlight,
    ) -> Vec<EventRow> {
        let mut seen: Vec<DocId> = Vec::new();
        let mut ids: Vec<Sel<'_>> = ids.to_vec();
        crate::sort::sort_by_key(&mut ids[..], |(_, m)| std::cmp::Reverse(m.doc));
        let mut rows = Vec::new();
        // Articles of the first `n` not at hand: no row yet (see above).
        let mut pending = 0;
        for (i, m) in ids {
            if rows.len() + pending == n {
                break;
            }
            if seen.contains(&m.doc) {
                continue;
            }
            seen.push(m.doc);
            let Some(a) = (self.article)(m.doc) else {
                pending += 1;
                continue;
            };
            let Some(p) = a.paragraphs.get(m.para as usize) else {
                continue;
            };
            let (s, e) = sentence_at(p, m.start as usize);
            let sentence = &p[s..e];
            let mut marks = hit_marks(sentence, highlight);
            let (ts, te) = (
                (m.start as usize).saturating_sub(s),
                (m.end as usize).saturating_sub(s).min(sentence.len()),
            );
            marks.push((ts, te, Mark::Time(m.value.to_string())));
            rows.push(EventRow {
                event: i,
                id: a.id.clone(),
                title: a.title.clone(),
                lead: lead_of(a).is_some(),
                article_date: a.date_string(),
                text: p
                    .get(m.start as usize..m.end as usize)
                    .unwrap_or_default()
                    .to_string(),
                sentence: segments(sentence, &marks),
            });
        }
        rows
    }

    /// The lane over `req`'s window, or the `period` (see [`Collection::period`]).
    fn lane(
        &self,
        selected: &[Sel<'_>],
        groups: &Groups<'_>,
        req: &EventsRequest,
        period: Option<(i32, i32)>,
    ) -> EventLane {
        // The collection's day-precise events: the lane's totals, its extent.
        let summary = self.notes.summary();
        let named = &summary.named_days;
        let view = match (date_param(&req.view_from), date_param(&req.view_to)) {
            (Some(a), Some(b)) if a <= b => Some((a, b)),
            _ => period.and_then(|(a, b)| date_of_day(a).zip(date_of_day(b))),
        };
        let Some((first, last)) = view else {
            return EventLane {
                granularity: Granularity::Day,
                bins: Vec::new(),
                spans: Vec::new(),
                all_start: None,
                all_end: None,
            };
        };
        let binning = timeline::Binning::for_window(first, last);
        let mut hit_days: Vec<i32> = selected
            .iter()
            .filter(|(_, m)| m.first == m.last)
            .map(|(_, m)| m.first)
            .collect();
        crate::sort::sort(&mut hit_days[..]);
        let mut bins = Vec::new();
        let mut start = binning.start(first);
        while start <= last && bins.len() < timeline::MAX_BINS {
            let Some(next) = binning.next(start) else {
                break;
            };
            let (a, b) = (day_number(start), day_number(next));
            let count = |days: &[i32]| {
                (days.partition_point(|&d| d < b) - days.partition_point(|&d| d < a)) as u32
            };
            bins.push(timeline::Bin {
                start: ymd(start),
                end: next.pred_opt().map(ymd).unwrap_or_default(),
                label: binning.label(start),
                total: summary.named_between(a, b),
                hits: count(&hit_days),
            });
            start = next;
        }
        let (va, vb) = (day_number(first), day_number(last));
        let mut spans: Vec<LaneSpan> = groups
            .iter()
            .filter_map(|(value, ids)| {
                let &(_, m) = ids.first()?;
                (m.first < m.last && m.last >= va && m.first <= vb).then(|| LaneSpan {
                    value: value.to_string(),
                    start: day_string(m.first),
                    end: day_string(m.last),
                    described: ValueDescription::of(value),
                    mentions: ids.len(),
                })
            })
            .collect();
        crate::sort::sort_by(&mut spans[..], |a, b| {
            b.mentions.cmp(&a.mentions).then(a.start.cmp(&b.start))
        });
        spans.truncate(MAX_LANE_SPANS);
        EventLane {
            granularity: binning.granularity,
            bins,
            spans,
            all_start: named.first().map(|&(d, _)| day_string(d)),
            all_end: named.last().map(|&(d, _)| day_string(d)),
        }
    }
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::engine::Engine;

    #[test]
    fn the_dense_span_leaves_out_the_stragglers() {
        use crate::index::events::dense_span;
        assert_eq!(dense_span(&[]), None);
        assert_eq!(dense_span(&[5, 9]), Some((5, 9)), "few: all of them");
        let mut days: Vec<i32> = (100..130).collect();
        days.insert(0, -40_000);
        days.push(90_000);
        days.sort_unstable();
        assert_eq!(dense_span(&days), Some((100, 128)));
    }

    /// Thirty articles of 2022 naming days of 2022, and one naming D-Day.
    /// Article `i`'s report of talks held on `named`, worded apart from the
    /// others' (the same line in many articles would be boilerplate).
    fn talks(i: usize, named: chrono::NaiveDate) -> String {
        let who = format!("{}{}", (b'a' + (i % 26) as u8) as char, "x".repeat(i / 26));
        format!(
            "Envoy {who} said the talks were held on {}.",
            named.format("%B %-d, %Y")
        )
    }

    fn engine() -> Engine {
        let day = |i: i64| {
            chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap() + chrono::Duration::days(i)
        };
        let mut articles: Vec<Article> = (0..30)
            .map(|i| Article {
                id: format!("a{i}"),
                date: Some(day(i * 7)),
                title: "Talks".into(),
                source: None,
                paragraphs: vec![talks(i as usize, day(i * 7 - 1))],
            })
            .collect();
        articles.push(Article {
            id: "old".into(),
            date: Some(day(100)),
            title: "Anniversary".into(),
            source: None,
            paragraphs: vec!["The landings began on June 6, 1944.".into()],
        });
        Engine::new(articles)
    }

    #[test]
    fn a_row_says_when_its_title_is_the_lead() {
        // One article has a headline; the other none, so its first sentence
        // (written as its title by the parser) stands in.
        let lead = "Negotiators met in Istanbul on March 29, 2022, for talks";
        let article = |id: &str, title: &str| Article {
            id: id.into(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 3, 30),
            title: title.into(),
            source: None,
            paragraphs: vec![format!("{lead} {id}."), format!("More on {id}.")],
        };
        let engine = Engine::new(vec![
            article("headline", "Istanbul talks"),
            article("lead", lead),
        ]);
        let all = engine.events(&EventsRequest::default());
        let rows: Vec<(&str, bool)> = (all.dates.iter().flat_map(|d| &d.rows))
            .map(|r| (r.id.as_str(), r.lead))
            .collect();
        assert!(rows.contains(&("headline", false)), "{rows:?}");
        assert!(rows.contains(&("lead", true)), "{rows:?}");
    }

    #[test]
    fn a_reprinted_story_s_events_are_listed_once() {
        // Three outlets file one story (a reprint group); a fourth writes its own.
        let story = "Negotiators from both sides met in Istanbul on March 29, 2022, \
            and the delegations agreed to continue the talks at a later date after \
            several hours of discussions about grain corridors, prisoner exchanges, \
            security guarantees and the status of the occupied territories, officials \
            told reporters outside the palace where the meeting took place that evening.";
        let other = "A separate report said the ministers spoke by telephone on April 2, 2022.";
        let article = |id: &str, day: u32, text: &str| Article {
            id: id.into(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 3, day),
            title: "Talks".into(),
            source: Some(id.into()),
            paragraphs: vec![text.into()],
        };
        let engine = Engine::new(vec![
            article("wire", 29, story),
            article("reprint-1", 30, story),
            article("reprint-2", 31, story),
            article("own", 30, other),
        ]);
        let all = engine.events(&EventsRequest::default());
        let days: Vec<&str> = all.dates.iter().map(|d| d.start.as_str()).collect();
        assert_eq!(days, ["2022-03-29", "2022-04-02"], "{all:?}");
        assert_eq!(
            all.dates[0].mentions, 1,
            "the story's date once, not once per copy"
        );
        assert_eq!(all.total_mentions, 2);
        // The copy listed is the row the list shows: the newest, sorted so.
        let newest = EventsRequest {
            sort: Sort::Newest,
            ..Default::default()
        };
        let row = &engine.events(&newest).dates[0].rows[0];
        assert_eq!(row.id, "reprint-2");
    }

    #[test]
    fn the_period_reaches_the_articles_own_days() {
        // Most mentions name days of the summer; the articles, of spring to
        // summer, also name days of spring (fewer than a tenth).
        let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2022, m, d).unwrap();
        let article = |i: usize, date: chrono::NaiveDate, named: chrono::NaiveDate| Article {
            id: format!("a{i}"),
            date: Some(date),
            title: "Talks".into(),
            source: None,
            paragraphs: vec![talks(i, named)],
        };
        let mut articles: Vec<Article> = (0..40)
            .map(|i| article(i, day(7, 1 + i as u32 % 28), day(7, 1 + i as u32 % 28)))
            .collect();
        articles.push(article(40, day(4, 2), day(4, 1)));
        articles.push(article(41, day(4, 3), day(4, 2)));
        let e = Engine::new(articles);
        let r = e.events(&EventsRequest::default());
        assert_eq!(
            r.period_start.as_deref(),
            Some("2022-04-02"),
            "the first article's day"
        );
        assert!(
            r.dates
                .iter()
                .all(|d| d.earlier == (d.value == "2022-04-01")),
            "only what lies before its articles"
        );
        // Publication days far from what the articles name do not stretch it.
        let old: Vec<Article> = (0..30)
            .map(|i| {
                article(
                    i,
                    day(6, 1 + i as u32 % 28),
                    chrono::NaiveDate::from_ymd_opt(1944, 6, 6).unwrap(),
                )
            })
            .collect();
        let r = Engine::new(old).events(&EventsRequest::default());
        assert_eq!(
            (r.period_start.as_deref(), r.period_end.as_deref()),
            (Some("1944-06-06"), Some("1944-06-06"))
        );
    }

    #[test]
    fn the_view_opens_on_the_period_with_the_far_past_last() {
        let e = engine();
        let r = e.events(&EventsRequest::default());
        assert_eq!(
            r.period_start.as_deref(),
            Some("2022-02-28"),
            "the first day named"
        );
        assert!(r
            .period_end
            .as_deref()
            .is_some_and(|d| d.starts_with("2022-")));
        assert_eq!(
            r.lane.bins[0].start.get(..4),
            Some("2022"),
            "the lane opens on 2022"
        );
        assert_eq!(
            r.lane.all_start.as_deref(),
            Some("1944-06-06"),
            "the far past is in reach"
        );
        let values: Vec<&str> = r.dates.iter().map(|d| d.value.as_str()).collect();
        assert_eq!(values.first(), Some(&"2022-02-28"), "{values:?}");
        assert_eq!(values.last(), Some(&"1944-06-06"), "{values:?}");
        assert!(r
            .dates
            .iter()
            .all(|d| d.earlier == (d.value == "1944-06-06")));
        // A window asked for is drawn as asked.
        let old = e.events(&EventsRequest {
            view_from: Some("1944-01-01".into()),
            view_to: Some("1944-12-31".into()),
            ..Default::default()
        });
        assert_eq!(old.lane.bins.iter().map(|b| b.total).sum::<u32>(), 1);
    }
}
