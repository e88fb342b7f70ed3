//! Calendar arithmetic for resolving expressions, all overflow-safe (values
//! are written by [`super::value`]).
//!
//! Every function returns `Option` instead of panicking: the article date and
//! the numbers in the text are arbitrary, so a shift can fall outside chrono's
//! range, and then the expression is simply left unresolved by the caller.

use chrono::{Datelike, NaiveDate, TimeDelta};

/// Which way the surrounding text points in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// `d` shifted by `n` days.
pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(n)?)
}

/// Year and month `n` months from (y, m).
pub fn shift_month(y: i32, m: u32, n: i64) -> Option<(i32, u32)> {
    shift_period(y, m, 12, n)
}

/// Year and quarter `n` quarters from (y, q).
pub fn shift_quarter(y: i32, q: u32, n: i64) -> Option<(i32, u32)> {
    shift_period(y, q, 4, n)
}

/// Year and period `n` periods from (y, p), where a year has `per_year`
/// periods numbered from 1; `None` outside years 0..=9999.
fn shift_period(y: i32, p: u32, per_year: i64, n: i64) -> Option<(i32, u32)> {
    let idx = (y as i64) * per_year + (p as i64 - 1) + n;
    let ny = idx.div_euclid(per_year);
    if !(0..=9999).contains(&ny) {
        return None;
    }
    Some((ny as i32, (idx.rem_euclid(per_year) + 1) as u32))
}

/// The quarter (1..=4) holding `d`.
pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// The season holding `d` as (year, season): 1 spring (March..=May), 2
/// summer, 3 fall, 4 winter (December..=February, counted in the year it
/// begins, so January and February belong to the previous year's winter).
pub fn season_of(d: NaiveDate) -> (i32, u32) {
    match d.month() {
        3..=5 => (d.year(), 1),
        6..=8 => (d.year(), 2),
        9..=11 => (d.year(), 3),
        12 => (d.year(), 4),
        _ => (d.year() - 1, 4),
    }
}

/// The year of the occurrence of season `sn` (as [`season_of`] numbers them)
/// whose middle is nearest `d`.
pub fn nearest_season(d: NaiveDate, sn: u32) -> i32 {
    let mid = |y: i32| match sn {
        1 => NaiveDate::from_ymd_opt(y, 4, 15),
        2 => NaiveDate::from_ymd_opt(y, 7, 15),
        3 => NaiveDate::from_ymd_opt(y, 10, 15),
        _ => NaiveDate::from_ymd_opt(y.saturating_add(1), 1, 15),
    };
    let y = d.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|c| Some((mid(c)?, c)))
        .min_by_key(|(m, _)| (*m - d).num_days().abs())
        .map_or(y, |(_, c)| c)
}

/// The date of ISO weekday `wd` (1 = Monday) near `dct`: within the past week
/// (dct−6..=dct) for past or unknown tense, the coming week (dct..=dct+6) for future.
/// The article's own weekday resolves to the article date either way, which is how
/// news uses "said on Thursday" in a Thursday story.
pub fn weekday_near(dct: NaiveDate, wd: u32, tense: Tense) -> Option<NaiveDate> {
    let cur = dct.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let diff = match tense {
        Tense::Future => (wd - cur).rem_euclid(7),
        _ => -((cur - wd).rem_euclid(7)),
    };
    add_days(dct, diff)
}

/// The year for a month/day written without one. Candidates are the previous,
/// same and next year; tense picks the side of the article date when the date on
/// that side is within ~9 months, else the nearest date wins (a tense cue far from
/// the expression is weaker evidence than proximity to the article date).
pub fn infer_year_md(dct: NaiveDate, m: u32, d: u32, tense: Tense) -> Option<NaiveDate> {
    infer_year_within(dct, m, d, tense, 270)
}

/// Month `m`, day `d` as the next step of a story last at `anchor`: the
/// occurrence from a month before the anchor to half a year after it (a retold
/// story moves forward, with a look back at most to the weeks before), or
/// `None` when neither the anchor's year nor the next has one there.
pub fn story_next(anchor: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    [anchor.year(), anchor.year() + 1]
        .into_iter()
        .find_map(|y| {
            let c = NaiveDate::from_ymd_opt(y, m, d)?;
            let diff = (c - anchor).num_days();
            (-31..=183).contains(&diff).then_some(c)
        })
}

/// [`infer_year_md`] with the tense window `max_days`.
pub fn infer_year_within(
    dct: NaiveDate,
    m: u32,
    d: u32,
    tense: Tense,
    max_days: i64,
) -> Option<NaiveDate> {
    let y = dct.year();
    let mut best: Option<(i64, NaiveDate)> = None;
    let mut side: Option<(i64, NaiveDate)> = None;
    for yy in [y - 1, y, y + 1] {
        let Some(c) = NaiveDate::from_ymd_opt(yy, m, d) else {
            continue;
        };
        let diff = (c - dct).num_days();
        if best.is_none_or(|(b, _)| diff.abs() < b.abs()) {
            best = Some((diff, c));
        }
        let ok = match tense {
            Tense::Past => diff <= 0,
            Tense::Future => diff >= 0,
            Tense::Unknown => false,
        };
        if ok && diff.abs() <= max_days && side.is_none_or(|(b, _)| diff.abs() < b.abs()) {
            side = Some((diff, c));
        }
    }
    side.or(best).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::testing::d;

    #[test]
    fn weekdays_forward_back_and_same_day() {
        let wed = d(2022, 2, 9);
        assert_eq!(weekday_near(wed, 4, Tense::Future), Some(d(2022, 2, 10)));
        assert_eq!(weekday_near(wed, 4, Tense::Past), Some(d(2022, 2, 3)));
        assert_eq!(weekday_near(wed, 3, Tense::Past), Some(wed));
        assert_eq!(weekday_near(wed, 3, Tense::Future), Some(wed));
    }

    #[test]
    fn year_inference_month_day_both_directions() {
        let (dct, dec) = (d(2022, 1, 20), d(2021, 12, 20));
        // (dct, month, day, tense, the date inferred)
        let cases = [
            (dct, 12, 17, Tense::Past, Some(d(2021, 12, 17))),
            (dct, 12, 17, Tense::Unknown, Some(d(2021, 12, 17))),
            (dct, 1, 21, Tense::Future, Some(d(2022, 1, 21))),
            // A future cue does not push a date ten days back into next January.
            (dct, 1, 10, Tense::Future, Some(d(2022, 1, 10))),
            (dec, 1, 5, Tense::Future, Some(d(2022, 1, 5))),
            (dec, 1, 5, Tense::Unknown, Some(d(2022, 1, 5))),
            (d(2022, 3, 1), 2, 29, Tense::Past, None),
        ];
        for (dct, m, day, tense, want) in cases {
            assert_eq!(
                infer_year_md(dct, m, day, tense),
                want,
                "{dct} {m}-{day} {tense:?}"
            );
        }
    }

    #[test]
    fn a_story_moves_forward_from_its_anchor() {
        let invasion = d(2022, 2, 24);
        assert_eq!(story_next(invasion, 4, 2), Some(d(2022, 4, 2)));
        assert_eq!(story_next(invasion, 2, 1), Some(d(2022, 2, 1)));
        assert_eq!(story_next(d(2022, 11, 20), 1, 5), Some(d(2023, 1, 5)));
        // June is neither the weeks before October nor half a year after it.
        assert_eq!(story_next(d(2022, 10, 1), 6, 4), None);
    }

    #[test]
    fn the_nearest_season() {
        assert_eq!(nearest_season(d(2023, 2, 9), 1), 2023);
        assert_eq!(nearest_season(d(2023, 3, 22), 4), 2022);
        assert_eq!(nearest_season(d(2022, 8, 18), 4), 2022);
        assert_eq!(nearest_season(d(2022, 8, 18), 2), 2022);
    }

    #[test]
    fn shifts_are_overflow_safe() {
        assert_eq!(shift_month(2022, 1, -1), Some((2021, 12)));
        assert_eq!(shift_quarter(2022, 1, -1), Some((2021, 4)));
        assert_eq!(shift_month(9999, 12, 1), None);
        assert!(add_days(NaiveDate::MAX, 1).is_none());
    }
}
