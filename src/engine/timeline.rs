//! Publication timeline: article counts over time, binned at a granularity
//! (day, week, month, year) chosen so that a window shows a readable number
//! of bars, with the current query's matches counted per bin.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use tsify::Tsify;

use crate::article::{ymd, MONTHS};
use crate::index::{date_of_day, day_number, DocId, UNDATED};

/// Windows up to this many days are shown by day, then by week, then by month.
const MAX_DAYS_BY_DAY: i64 = 92;
const MAX_DAYS_BY_WEEK: i64 = 2 * 366;
const MAX_DAYS_BY_MONTH: i64 = 12 * 366;
/// No window is drawn with more bars than this: a longer view is binned
/// coarser (day, week, month, year, then 10, 100, 1,000… years a bar), so the
/// whole window is always shown.
pub(crate) const MAX_BINS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Year,
}

/// One bar: the days `start..=end`, articles published then, and how many of them match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Bin {
    pub start: String,
    pub end: String,
    pub label: String,
    pub total: u32,
    pub hits: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Timeline {
    pub granularity: Granularity,
    pub bins: Vec<Bin>,
    pub undated: u32,
    pub undated_hits: u32,
}

/// The granularity for a window of `first..=last`.
pub fn granularity_for(first: NaiveDate, last: NaiveDate) -> Granularity {
    let span = (last - first).num_days();
    if span <= MAX_DAYS_BY_DAY {
        Granularity::Day
    } else if span <= MAX_DAYS_BY_WEEK {
        Granularity::Week
    } else if span <= MAX_DAYS_BY_MONTH {
        Granularity::Month
    } else {
        Granularity::Year
    }
}

/// How a window is cut into bars: a granularity and, for years, how many
/// years a bar covers (1, 10, 100…: enough that no window has more than
/// [`MAX_BINS`] bars).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Binning {
    pub(crate) granularity: Granularity,
    years: i32,
}

impl Binning {
    /// The binning for a window of `first..=last`.
    pub(crate) fn for_window(first: NaiveDate, last: NaiveDate) -> Binning {
        let granularity = granularity_for(first, last);
        let mut years = 1;
        if granularity == Granularity::Year {
            let bars = |step: i32| {
                (last.year().div_euclid(step) - first.year().div_euclid(step) + 1) as usize
            };
            while bars(years) > MAX_BINS {
                years *= 10;
            }
        }
        Binning { granularity, years }
    }

    /// The first day of the bin holding `d`.
    pub(crate) fn start(&self, d: NaiveDate) -> NaiveDate {
        match self.granularity {
            Granularity::Day => d,
            Granularity::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
            Granularity::Month => d.with_day(1).unwrap_or(d),
            Granularity::Year => {
                let year = d.year().div_euclid(self.years) * self.years;
                NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(d)
            }
        }
    }

    /// The first day of the bin after the one starting at `start`.
    pub(crate) fn next(&self, start: NaiveDate) -> Option<NaiveDate> {
        match self.granularity {
            Granularity::Day => start.succ_opt(),
            Granularity::Week => start.checked_add_signed(Duration::days(7)),
            Granularity::Month => start.checked_add_months(chrono::Months::new(1)),
            Granularity::Year => NaiveDate::from_ymd_opt(start.year() + self.years, 1, 1),
        }
    }

    /// The bar's label: "9 Feb 2022", "week of 7 Feb 2022", "Feb 2022",
    /// "2022", or a span of years "1900–1999".
    pub(crate) fn label(&self, start: NaiveDate) -> String {
        let month = &MONTHS[start.month0() as usize][..3];
        match self.granularity {
            Granularity::Day => format!("{} {} {}", start.day(), month, start.year()),
            Granularity::Week => format!("week of {} {} {}", start.day(), month, start.year()),
            Granularity::Month => format!("{} {}", month, start.year()),
            Granularity::Year if self.years == 1 => start.year().to_string(),
            Granularity::Year => {
                format!("{}\u{2013}{}", start.year(), start.year() + self.years - 1)
            }
        }
    }
}

/// Bin the dated articles inside `view` (default: first to last article
/// date), counting `hits` (matching documents, sorted by id). `days` holds
/// every document's day, in id order: ascending, [`UNDATED`] last (as
/// [`Index`](crate::index::Index) numbers documents).
pub fn build(days: &[i32], hits: &[DocId], view: Option<(NaiveDate, NaiveDate)>) -> Timeline {
    let day = |d: DocId| days.get(d as usize).copied().unwrap_or(UNDATED);
    let dated = days.partition_point(|&d| d != UNDATED);
    let undated = (days.len() - dated) as u32;
    let undated_hits = hits.iter().filter(|&&d| day(d) == UNDATED).count() as u32;
    let corpus = match (dated, days.first(), days.get(dated.wrapping_sub(1))) {
        (n, Some(&a), Some(&b)) if n > 0 => date_of_day(a).zip(date_of_day(b)),
        _ => None,
    };
    let Some((first, last)) = view.or(corpus).filter(|(a, b)| a <= b) else {
        return Timeline {
            granularity: Granularity::Day,
            bins: Vec::new(),
            undated,
            undated_hits,
        };
    };
    let binning = Binning::for_window(first, last);
    let mut bins = Vec::new();
    let mut start = binning.start(first);
    let mut hit_at = hits.partition_point(|&d| day(d) < day_number(start));
    while start <= last && bins.len() < MAX_BINS {
        let Some(next) = binning.next(start) else {
            break;
        };
        let (lo, hi) = (day_number(start), day_number(next));
        let total = days.partition_point(|&x| x < hi) - days.partition_point(|&x| x < lo);
        let mut n = 0;
        while hit_at < hits.len() && day(hits[hit_at]) < hi {
            n += 1;
            hit_at += 1;
        }
        let end = next.pred_opt().unwrap_or(next);
        bins.push(Bin {
            start: ymd(start),
            end: ymd(end),
            label: binning.label(start),
            total: total as u32,
            hits: n,
        });
        start = next;
    }
    Timeline {
        granularity: binning.granularity,
        bins,
        undated,
        undated_hits,
    }
}

// Without `inpage` there is nothing to test against: the tests build an in-memory index (`inpage`).
#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::{Index, IndexBuilder};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn index(dates: &[Option<&str>]) -> Index {
        let mut b = IndexBuilder::new();
        for (i, date) in dates.iter().enumerate() {
            b.add(Article {
                id: format!("a{i}"),
                date: date.map(d),
                title: "t".into(),
                source: None,
                paragraphs: vec!["x".into()],
            });
        }
        b.finish()
    }

    #[test]
    fn granularity_follows_span() {
        let cases = [
            ("2022-01-20", "2022-02-09", Granularity::Day),
            ("2022-01-01", "2022-12-31", Granularity::Week),
            ("2022-01-25", "2024-05-13", Granularity::Month),
            ("1987-01-01", "2024-01-01", Granularity::Year),
        ];
        for (first, last, expected) in cases {
            assert_eq!(
                granularity_for(d(first), d(last)),
                expected,
                "{first}..{last}"
            );
        }
    }

    #[test]
    fn seeds_fall_in_their_days() {
        let ix = index(&[Some("2022-02-09"), Some("2022-01-20"), None]);
        let t = build(&ix.days, &[0, 2], None);
        assert_eq!(t.bins.len(), 21);
        assert_eq!(
            (t.bins[0].start.as_str(), t.bins[0].total, t.bins[0].hits),
            ("2022-01-20", 1, 1)
        );
        assert_eq!(
            (t.bins[20].start.as_str(), t.bins[20].total, t.bins[20].hits),
            ("2022-02-09", 1, 0)
        );
        assert_eq!((t.undated, t.undated_hits), (1, 1));
        assert_eq!(t.bins.iter().map(|b| b.total).sum::<u32>(), 2);
    }

    #[test]
    fn weeks_start_on_monday_and_views_clip() {
        let ix = index(&[Some("2022-01-05"), Some("2022-06-30")]);
        let t = build(&ix.days, &[1], None);
        assert_eq!(t.granularity, Granularity::Week);
        assert_eq!(t.bins[0].start, "2022-01-03");
        assert_eq!(t.bins[0].end, "2022-01-09");
        assert_eq!(t.bins.iter().map(|b| b.hits).sum::<u32>(), 1);
        let zoom = build(&ix.days, &[1], Some((d("2022-06-01"), d("2022-06-30"))));
        assert_eq!(zoom.granularity, Granularity::Day);
        assert_eq!(zoom.bins.len(), 30);
        assert_eq!(zoom.bins.iter().map(|b| b.total).sum::<u32>(), 1);
    }

    #[test]
    fn long_views_coarsen_instead_of_stopping() {
        // Ten millennia: every article counted, in bars of ten years or more.
        let ix = index(&[Some("0005-03-01"), Some("2022-01-01"), Some("9999-12-31")]);
        let t = build(&ix.days, &[2], None);
        assert_eq!(t.granularity, Granularity::Year);
        assert!(t.bins.len() <= MAX_BINS, "{}", t.bins.len());
        assert_eq!(t.bins.iter().map(|b| b.total).sum::<u32>(), 3);
        assert_eq!(t.bins.iter().map(|b| b.hits).sum::<u32>(), 1);
        assert_eq!(t.bins[0].label, "0\u{2013}9");
        let last = t.bins.last().unwrap();
        assert_eq!(
            (last.start.as_str(), last.end.as_str()),
            ("9990-01-01", "9999-12-31")
        );
        // Up to a thousand years stay one a bar.
        let ix = index(&[Some("1100-01-01"), Some("2022-01-01")]);
        let t = build(&ix.days, &[], None);
        assert_eq!(t.bins.len(), 923);
        assert_eq!(t.bins[0].label, "1100");
    }

    #[test]
    fn empty_or_undated_corpus_has_no_bins() {
        let t = build(&index(&[None]).days, &[], None);
        assert!(t.bins.is_empty());
        assert_eq!(t.undated, 1);
    }
}
