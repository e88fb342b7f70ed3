//! Events: the time expressions each article mentions, resolved against the
//! article's date, each tied to its paragraph (and so its sentence).
//!
//! Every expression the tagger finds is kept for the reader (durations and
//! sets too, to show their values); those that resolve to a calendar span
//! (DATE and TIME) are events, listed in date order for the event timeline
//! and the `mentions:` filter. Boilerplate (see [`super::boilerplate`]) has
//! no events: a banner's "offer ends January 5" is nothing that happened.

#[cfg(feature = "inpage")]
use chrono::{Datelike, NaiveDate};

#[cfg(feature = "inpage")]
use super::boilerplate::Boilerplate;
#[cfg(feature = "inpage")]
use crate::article::Article;
#[cfg(feature = "inpage")]
use crate::dates::tag_paragraphs;
use crate::dates::TimexType;
#[cfg(feature = "inpage")]
use crate::index::day_number;
#[cfg(feature = "inpage")]
use crate::index::docs::{Docs, EACH_RUN_BYTES};
use crate::index::{DocId, UNDATED};

/// Events further than this before or after their article's date are taken
/// for misreadings (a price table's "1003" is no year) and kept only as time
/// mentions. History stays in: 150 years back covers what news refers to.
#[cfg(feature = "inpage")]
const MAX_YEARS_BEFORE: i32 = 150;
#[cfg(feature = "inpage")]
const MAX_YEARS_AFTER: i32 = 50;

/// One time expression in one paragraph of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    pub doc: DocId,
    pub para: u32,
    /// Byte range of the expression in the paragraph.
    pub start: u32,
    pub end: u32,
    pub kind: TimexType,
    pub value: Box<str>,
    /// The days the value covers (inclusive), or [`UNDATED`] for values
    /// that are no calendar span (durations, sets, `PRESENT_REF`…).
    pub first: i32,
    pub last: i32,
}

impl TimeMention {
    /// Is this an event (a mention with a calendar span)?
    pub fn is_event(&self) -> bool {
        self.first != UNDATED
    }
}

/// All time mentions of a collection.
#[derive(Debug, Default)]
pub struct EventIndex {
    mentions: Vec<TimeMention>,
    doc_start: Vec<u32>,
    by_date: Vec<u32>,
}

/// Every time mention of one article (document `doc`), in text order: its
/// paragraphs tagged as one text against its date (what an earlier
/// paragraph said, the year a narrative is in or the last date named,
/// resolves later ones), less those in the collection's `boilerplate`. An
/// undated article has no anchor for relative dates and gets none. The one
/// path from an article to its events, for the page's index and `dateline build`.
#[cfg(feature = "inpage")]
pub fn article_mentions(
    doc: DocId,
    article: &Article,
    boilerplate: &Boilerplate,
) -> Vec<TimeMention> {
    let mut mentions = Vec::new();
    let Some(dct) = article.date else {
        return mentions;
    };
    for (para, tags) in tag_paragraphs(&article.paragraphs, dct)
        .into_iter()
        .enumerate()
    {
        for t in tags {
            if boilerplate.overlaps(doc as usize, para, t.start, t.end) {
                continue;
            }
            let plausible = |(a, b): (NaiveDate, NaiveDate)| {
                a.year() >= dct.year() - MAX_YEARS_BEFORE
                    && b.year() <= dct.year() + MAX_YEARS_AFTER
            };
            let (first, last) = t
                .span()
                .filter(|&span| plausible(span))
                .map_or((UNDATED, UNDATED), |(a, b)| (day_number(a), day_number(b)));
            mentions.push(TimeMention {
                doc,
                para: para as u32,
                start: t.start as u32,
                end: t.end as u32,
                kind: t.kind,
                value: t.value.into_boxed_str(),
                first,
                last,
            });
        }
    }
    mentions
}

/// The share of day-precise mentions the period an events view opens on
/// holds ([`dense_span`]).
const DENSE_SHARE: f64 = 0.9;
/// With fewer day-precise mentions than this, the period holds them all.
pub const DENSE_MIN: usize = 20;

/// The period most of `days` (sorted day numbers) lie in: the shortest span
/// holding [`DENSE_SHARE`] of them (all of them when they are few), so that
/// a handful of mentions of 1905 or 2050 do not stretch it. `None` when
/// `days` is empty.
pub fn dense_span(days: &[i32]) -> Option<(i32, i32)> {
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

/// The period an events view opens on for day-precise mentions naming
/// `named` (any order) in documents `docs` (any order, repeats allowed;
/// `days`: every document's publication day): the [`dense_span`] of the
/// named days, widened to the central 98% of their articles' publication
/// days when the two overlap, so that the first and last days the articles
/// report on are in it.
pub fn period_of(mut named: Vec<i32>, mut docs: Vec<DocId>, days: &[i32]) -> Option<(i32, i32)> {
    crate::sort::sort(&mut named[..]);
    let (a, b) = dense_span(&named)?;
    // Documents are numbered by date, undated last.
    crate::sort::sort(&mut docs[..]);
    docs.dedup();
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

/// What the events view reads of the whole collection, whatever articles
/// it lists: the days its day-precise events name (the lane's totals and
/// its "zoom out" window) and the period it opens on when the listed events
/// are too few to tell ([`period_of`] over every event). Small (one entry
/// per distinct day named), so a prebuilt index keeps it in its metadata
/// and the view needs no notes chunk but those of the articles it lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventSummary {
    /// Time mentions and events in the collection.
    pub mentions: u32,
    pub events: u32,
    /// Distinct days named by day-precise events, ascending, with how many
    /// such mentions name each.
    pub named_days: Vec<(i32, u32)>,
    /// The collection's period ([`period_of`] over all its day-precise events).
    pub period: Option<(i32, i32)>,
}

/// An [`EventSummary`] counted as the mentions come, in any order (a
/// prebuilt build tags its documents as it writes them, and never holds
/// the collection's mentions): what it keeps of each is its day and
/// document when it names one day.
#[derive(Debug, Default)]
pub struct SummaryOf {
    mentions: u32,
    events: u32,
    /// (day, document) of every day-precise event.
    named: Vec<(i32, DocId)>,
}

impl SummaryOf {
    /// Count these mentions.
    pub fn add(&mut self, mentions: &[TimeMention]) {
        for m in mentions {
            self.mentions += 1;
            if m.is_event() {
                self.events += 1;
                if m.first == m.last {
                    self.named.push((m.first, m.doc));
                }
            }
        }
    }

    /// The summary; `days`: every document's publication day.
    pub fn finish(self, days: &[i32]) -> EventSummary {
        let SummaryOf {
            mentions,
            events,
            mut named,
        } = self;
        crate::sort::sort_unstable_by_key(&mut named[..], |&(day, _)| day);
        let mut named_days: Vec<(i32, u32)> = Vec::new();
        for &(d, _) in &named {
            match named_days.last_mut() {
                Some((day, n)) if *day == d => *n += 1,
                _ => named_days.push((d, 1)),
            }
        }
        let (named, docs) = named.into_iter().unzip();
        EventSummary {
            mentions,
            events,
            period: period_of(named, docs, days),
            named_days,
        }
    }
}

impl EventSummary {
    /// How many day-precise events name a day in `a..b` (day numbers).
    pub fn named_between(&self, a: i32, b: i32) -> u32 {
        let from = self.named_days.partition_point(|&(d, _)| d < a);
        let to = self.named_days.partition_point(|&(d, _)| d < b);
        self.named_days[from..to.max(from)]
            .iter()
            .map(|&(_, n)| n)
            .sum()
    }

    /// The bytes it holds on the heap (counted by the prebuilt reader).
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(self.named_days.as_slice())
    }
}

impl EventIndex {
    /// The bytes its decoded data holds on the heap (lengths × element
    /// sizes, allocator slack not counted): what the prebuilt reader counts
    /// against its memory budget (`prebuilt/cache.rs`).
    pub fn heap_bytes(&self) -> usize {
        let values: usize = self.mentions.iter().map(|m| m.value.len()).sum();
        std::mem::size_of_val(self.mentions.as_slice())
            + values
            + std::mem::size_of_val(self.doc_start.as_slice())
            + std::mem::size_of_val(self.by_date.as_slice())
    }

    /// An index with no mentions for `n` documents (events turned off).
    pub fn empty(n: usize) -> EventIndex {
        EventIndex {
            mentions: Vec::new(),
            doc_start: vec![0; n + 1],
            by_date: Vec::new(),
        }
    }

    /// Tag every paragraph of every dated article (`docs` in id order).
    /// Undated articles have no anchor for relative dates and get none.
    #[cfg(feature = "inpage")]
    pub fn build(docs: &[Article]) -> EventIndex {
        EventIndex::build_with(docs, &Boilerplate::detect(docs))
    }

    /// [`build`](Self::build) with the collection's boilerplate already
    /// detected (the index detects it once, for events, snippets and the
    /// reader). Articles are tagged on every core with feature `parallel`
    /// (the same [`article_mentions`] either way).
    #[cfg(feature = "inpage")]
    pub fn build_with<D: Docs + ?Sized>(docs: &D, boilerplate: &Boilerplate) -> EventIndex {
        EventIndex::build_with_progress(docs, boilerplate, &|_| {})
    }

    /// [`build_with`](Self::build_with), calling `progress` with the number
    /// of articles tagged so far (in no particular order of articles). A
    /// run of documents ([`Docs::runs`]) at a time: a collection on disk
    /// is read once, a run in memory.
    #[cfg(feature = "inpage")]
    pub fn build_with_progress<D: Docs + ?Sized>(
        docs: &D,
        boilerplate: &Boilerplate,
        progress: &(dyn Fn(usize) + Sync),
    ) -> EventIndex {
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut per_doc: Vec<Vec<TimeMention>> = Vec::with_capacity(docs.count());
        docs.runs(EACH_RUN_BYTES, &mut |first, run| {
            let tag = |(i, article): (usize, &Article)| {
                let mentions = article_mentions((first + i) as DocId, article, boilerplate);
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
                mentions
            };
            #[cfg(feature = "parallel")]
            {
                use rayon::prelude::*;
                // In order: `par_extend` of an indexed iterator keeps it.
                per_doc.par_extend(run.par_iter().enumerate().map(tag));
            }
            #[cfg(not(feature = "parallel"))]
            per_doc.extend(run.iter().enumerate().map(tag));
        });
        EventIndex::from_docs(per_doc)
    }

    /// The index of these mentions, one list per document (in id order,
    /// each in text order, each mention's `doc` its list's): how a build
    /// and a prebuilt index's stored mentions become the same index.
    pub fn from_docs(per_doc: Vec<Vec<TimeMention>>) -> EventIndex {
        let mut doc_start = Vec::with_capacity(per_doc.len() + 1);
        let mut mentions = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
        for list in per_doc {
            doc_start.push(mentions.len() as u32);
            mentions.extend(list);
        }
        doc_start.push(mentions.len() as u32);
        let mut by_date: Vec<u32> = (0..mentions.len() as u32)
            .filter(|&i| mentions[i as usize].is_event())
            .collect();
        crate::sort::sort_by_key(&mut by_date[..], |&i| {
            let m = &mentions[i as usize];
            (m.first, m.last, m.doc, m.para, m.start)
        });
        EventIndex {
            mentions,
            doc_start,
            by_date,
        }
    }

    /// The collection-wide part of the events view ([`EventSummary`]);
    /// `days`: every document's publication day.
    pub fn summary(&self, days: &[i32]) -> EventSummary {
        let mut summary = SummaryOf::default();
        summary.add(&self.mentions);
        summary.finish(days)
    }

    /// Number of documents the index has mention lists for.
    pub fn doc_count(&self) -> usize {
        self.doc_start.len().saturating_sub(1)
    }

    /// Number of time mentions (events and others).
    pub fn len(&self) -> usize {
        self.mentions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty()
    }

    /// Number of events.
    pub fn event_count(&self) -> usize {
        self.by_date.len()
    }

    /// The mentions of `doc`, in text order.
    pub fn of_doc(&self, doc: DocId) -> &[TimeMention] {
        let d = doc as usize;
        match (self.doc_start.get(d), self.doc_start.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.mentions[a as usize..b as usize],
            _ => &[],
        }
    }

    /// A mention by its id (its rank in document order).
    pub fn mention(&self, id: u32) -> Option<&TimeMention> {
        self.mentions.get(id as usize)
    }

    /// The id of the first mention of `doc` (ids of a document's mentions are consecutive).
    pub fn first_id(&self, doc: DocId) -> u32 {
        self.doc_start.get(doc as usize).copied().unwrap_or(0)
    }

    /// Events in date order, as mention ids.
    pub fn by_date(&self) -> &[u32] {
        &self.by_date
    }

    /// Ids of the events whose span overlaps the days `lo..=hi`, in date order.
    pub fn overlapping(&self, lo: i32, hi: i32) -> impl Iterator<Item = u32> + '_ {
        let end = self
            .by_date
            .partition_point(|&i| self.mentions[i as usize].first <= hi);
        self.by_date[..end]
            .iter()
            .copied()
            .filter(move |&i| self.mentions[i as usize].last >= lo)
    }

    /// Documents mentioning a day in `lo..=hi`, sorted.
    pub fn docs_mentioning(&self, lo: i32, hi: i32) -> Vec<DocId> {
        let mut docs: Vec<DocId> = self
            .overlapping(lo, hi)
            .map(|i| self.mentions[i as usize].doc)
            .collect();
        crate::sort::sort(&mut docs[..]);
        docs.dedup();
        docs
    }
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    fn article(date: Option<&str>, text: &str) -> Article {
        Article {
            id: "a".into(),
            date: date.and_then(|d| crate::parse::parse_date(d).ok()),
            title: "t".into(),
            source: None,
            paragraphs: crate::parse::split_paragraphs(text),
        }
    }

    #[test]
    fn boilerplate_has_no_events() {
        let docs: Vec<Article> = ["Monday", "Tuesday", "Friday"]
            .iter()
            .map(|day| {
                let text =
                    format!("Talks resume on {day}.\n\nSubscribe now: offer ends January 5.");
                article(Some("2022-02-09"), &text)
            })
            .collect();
        let ix = EventIndex::build(&docs);
        for d in 0..3 {
            let m = ix.of_doc(d);
            assert_eq!(m.len(), 1, "article {d}: {m:?}");
            assert_eq!(m[0].para, 0);
        }
        let ix = EventIndex::build(&docs[..2]);
        assert!(
            ix.of_doc(0).iter().any(|m| m.para == 1),
            "two articles keep their lines"
        );
    }

    #[test]
    fn mentions_resolve_against_the_article_date() {
        let ix = EventIndex::build(&[
            article(Some("2022-02-09"), "Lavrov will meet Truss on Thursday.\n\nIt was the first visit in more than four years."),
            article(None, "Undated: on Thursday."),
        ]);
        let m = ix.of_doc(0);
        assert_eq!(m.len(), 2);
        assert_eq!(
            (&*m[0].value, m[0].para, m[0].is_event()),
            ("2022-02-10", 0, true)
        );
        assert_eq!(
            (&*m[1].value, m[1].para, m[1].is_event()),
            ("P4Y", 1, false)
        );
        assert!(ix.of_doc(1).is_empty());
        assert_eq!(ix.event_count(), 1);
    }

    #[test]
    fn implausible_years_are_no_events() {
        let ix = EventIndex::build(&[article(
            Some("1987-03-01"),
            "Cocoa futures: May 1350, July 1375. Talks began in 1986.",
        )]);
        let events: Vec<&str> = ix
            .by_date()
            .iter()
            .map(|&i| &*ix.mention(i).unwrap().value)
            .collect();
        assert_eq!(events, ["1986"]);
        assert_eq!(ix.len(), 3, "the misreadings stay as time mentions");
    }

    #[test]
    fn overlap_queries_use_spans() {
        let ix = EventIndex::build(&[
            article(Some("2022-01-20"), "Talks in March. Then on January 21."),
            article(Some("2022-01-20"), "Nothing dated here."),
        ]);
        let d = |s| day_number(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        assert_eq!(ix.docs_mentioning(d("2022-03-15"), d("2022-03-15")), [0]);
        assert_eq!(ix.overlapping(d("2022-01-21"), d("2022-01-21")).count(), 1);
        assert!(ix
            .docs_mentioning(d("2022-04-01"), d("2022-04-30"))
            .is_empty());
        let values: Vec<&str> = ix
            .by_date()
            .iter()
            .map(|&i| &*ix.mention(i).unwrap().value)
            .collect();
        assert_eq!(values, ["2022-01-21", "2022-03"]);
    }
}
