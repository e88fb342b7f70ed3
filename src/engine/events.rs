//! The event timeline as the page asks for it: events of the articles that
//! match a query, grouped by the date they name, with a lane to draw.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::collection::Collection;
use super::respond::run;
use super::snippet::{hit_marks, segments, Mark, Segment};
use super::timeline::{self, Granularity};
use super::types::date_param;
use crate::article::ymd;
use crate::dates::value;
use crate::index::events::TimeMention;
use crate::index::{date_of_day, day_number, DocId, UNDATED};
use crate::query::Execution;
use crate::text::sentence::sentence_at;

/// Dates per page and rows per date when a request does not say.
pub const DEFAULT_DATES: usize = 50;
pub const DEFAULT_ROWS_PER_DATE: usize = 3;
/// Coarse spans (months, years…) drawn on the lane, most mentioned first.
const MAX_LANE_SPANS: usize = 40;
/// The share of day-precise mentions the period an events view opens on
/// holds ([`dense_span`]).
const DENSE_SHARE: f64 = 0.9;
/// With fewer day-precise mentions than this, the period holds them all.
const DENSE_MIN: usize = 20;

/// The period most of `days` (sorted day numbers) lie in: the shortest span
/// holding [`DENSE_SHARE`] of them (all of them when they are few), so that
/// a handful of mentions of 1905 or 2050 do not stretch it. `None` when
/// `days` is empty.
fn dense_span(days: &[i32]) -> Option<(i32, i32)> {
    let n = days.len();
    let (&first, &last) = (days.first()?, days.last()?);
    if n < DENSE_MIN {
        return Some((first, last));
    }
    let k = ((n as f64 * DENSE_SHARE).ceil() as usize).clamp(1, n);
    (0..=n - k)
        .map(|i| (days[i], days[i + k - 1]))
        .min_by_key(|&(a, b)| b - a)
}

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
}

/// One mention of a date, in its sentence.
#[derive(Debug, Clone, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EventRow {
    /// The mention's id: pass it to `article` as `focus` to open the reader at this sentence.
    pub event: u32,
    pub id: String,
    pub title: String,
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
}

/// Mentions grouped by the value they name, in order of first appearance.
type Groups = Vec<(Box<str>, Vec<u32>)>;

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
        let events = self.events;
        let (
            Execution {
                matches, highlight, ..
            },
            parsed,
        ) = run(self.source, &req.q);
        let pub_range = (self.source).doc_range(date_param(&req.from), date_param(&req.to));
        let mut allowed = vec![false; self.days.len()];
        for m in matches.iter().filter(|m| pub_range.contains(&m.doc)) {
            allowed[m.doc as usize] = true;
        }
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
        let selected: Vec<u32> = events
            .overlapping(lo, hi)
            .filter(|&i| events.mention(i).is_some_and(|m| allowed[m.doc as usize]))
            .collect();

        let limit = req.limit.unwrap_or(DEFAULT_DATES).clamp(1, 1000);
        let per_date = req.per_date.unwrap_or(DEFAULT_ROWS_PER_DATE).clamp(1, 1000);
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
        }
    }

    /// The period an events view opens on: the dense span of the selected
    /// events' day-precise mentions (of the whole collection's when the
    /// selection has too few to tell), widened to the central 98% of their
    /// articles' publication days when the two overlap, so that the first
    /// and last days the articles report on are in it.
    fn period(&self, selected: &[u32]) -> Option<(i32, i32)> {
        let events = self.events;
        let days_of = |ids: &mut dyn Iterator<Item = u32>| {
            let mut named = Vec::new();
            let mut docs = Vec::new();
            for m in ids.filter_map(|i| events.mention(i)) {
                if m.first == m.last {
                    named.push(m.first);
                    docs.push(m.doc);
                }
            }
            (named, docs)
        };
        let (mut named, mut docs) = days_of(&mut selected.iter().copied());
        if named.len() < DENSE_MIN {
            (named, docs) = days_of(&mut events.by_date().iter().copied());
        }
        named.sort_unstable();
        let (a, b) = dense_span(&named)?;
        // Documents are numbered by date, undated last.
        docs.sort_unstable();
        docs.dedup();
        let days = self.days;
        let published: Vec<i32> = (docs.iter())
            .filter_map(|&d| days.get(d as usize).copied())
            .filter(|&d| d != UNDATED)
            .collect();
        let at = |share: usize| published.get(published.len().saturating_sub(1) * share / 100);
        Some(match (at(1), at(99)) {
            (Some(&p), Some(&q)) if p <= b && a <= q => (a.min(p), b.max(q)),
            _ => (a, b),
        })
    }

    /// Group event mentions (in date order) by the value they name; a page of
    /// `page.limit` groups from `page.offset`, and all groups as (value, mention ids).
    pub(crate) fn date_groups(
        &self,
        selected: &[u32],
        page: &Page,
        highlight: &crate::query::Highlight,
    ) -> (Vec<EventDate>, Groups) {
        let &Page {
            order,
            offset,
            limit,
            per_date,
            period_start,
        } = page;
        let events = self.events;
        let mut groups: Groups = Vec::new();
        let mut slot: FxHashMap<&str, usize> = FxHashMap::default();
        for &i in selected {
            let Some(m) = events.mention(i) else { continue };
            match slot.get(&*m.value) {
                Some(&g) => groups[g].1.push(i),
                None => {
                    slot.insert(&m.value, groups.len());
                    groups.push((m.value.clone(), vec![i]));
                }
            }
        }
        let articles_of = |ids: &[u32]| {
            let mut docs: Vec<DocId> = ids
                .iter()
                .filter_map(|&i| events.mention(i))
                .map(|m| m.doc)
                .collect();
            docs.sort_unstable();
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
            period_start.is_some_and(|lo| {
                (groups[g].1.first())
                    .and_then(|&i| events.mention(i))
                    .is_some_and(|m| m.last < lo)
            })
        };
        match order {
            EventOrder::Mentions => ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0))),
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
                let first = events.mention(ids[0])?;
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

    /// Rows for a date's mentions: one per article (its first mention), newest articles first.
    fn event_rows(
        &self,
        ids: &[u32],
        n: usize,
        highlight: &crate::query::Highlight,
    ) -> Vec<EventRow> {
        let events = self.events;
        let mut firsts: Vec<&TimeMention> = Vec::new();
        let mut seen: Vec<DocId> = Vec::new();
        let mut ids: Vec<u32> = ids.to_vec();
        ids.sort_by_key(|&i| std::cmp::Reverse(events.mention(i).map_or(0, |m| m.doc)));
        let mut rows = Vec::new();
        for i in ids {
            let Some(m) = events.mention(i) else { continue };
            if seen.contains(&m.doc) {
                continue;
            }
            seen.push(m.doc);
            firsts.push(m);
            // An article not at hand (a prebuilt one not fetched yet) has no row.
            let Some(a) = (self.article)(m.doc) else {
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
                article_date: a.date_string(),
                text: p
                    .get(m.start as usize..m.end as usize)
                    .unwrap_or_default()
                    .to_string(),
                sentence: segments(sentence, &marks),
            });
            if rows.len() == n {
                break;
            }
        }
        rows
    }

    /// The lane over `req`'s window, or the `period` (see [`Collection::period`]).
    fn lane(
        &self,
        selected: &[u32],
        groups: &Groups,
        req: &EventsRequest,
        period: Option<(i32, i32)>,
    ) -> EventLane {
        let events = self.events;
        let mut days: Vec<i32> = (events.by_date().iter())
            .filter_map(|&i| events.mention(i))
            .filter(|m| m.first == m.last)
            .map(|m| m.first)
            .collect();
        days.sort_unstable();
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
            .filter_map(|&i| events.mention(i))
            .filter(|m| m.first == m.last)
            .map(|m| m.first)
            .collect();
        hit_days.sort_unstable();
        let all_days = days;
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
                total: count(&all_days),
                hits: count(&hit_days),
            });
            start = next;
        }
        let (va, vb) = (day_number(first), day_number(last));
        let mut spans: Vec<LaneSpan> = groups
            .iter()
            .filter_map(|(value, ids)| {
                let m = events.mention(ids[0])?;
                (m.first < m.last && m.last >= va && m.first <= vb).then(|| LaneSpan {
                    value: value.to_string(),
                    start: day_string(m.first),
                    end: day_string(m.last),
                    described: ValueDescription::of(value),
                    mentions: ids.len(),
                })
            })
            .collect();
        spans.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.start.cmp(&b.start)));
        spans.truncate(MAX_LANE_SPANS);
        EventLane {
            granularity: binning.granularity,
            bins,
            spans,
            all_start: all_days.first().map(|&d| day_string(d)),
            all_end: all_days.last().map(|&d| day_string(d)),
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
