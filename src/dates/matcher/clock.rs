//! Times of day: clock times ("3 p.m.", "10:35 a.m. EST", "at 15:30"),
//! noon and midnight, a part of a named day ("Friday evening"), and the day
//! a time is on ("5 p.m. Thursday", "10 a.m. today").

use chrono::NaiveDate;

use crate::dates::lexicon::{Keyword, Lex};
use crate::dates::resolve;
use crate::dates::timex::TimexType::{Date, Time};
use crate::dates::value::{self, DayPart};

use super::state::{found, Match, Matcher};

impl Matcher<'_> {
    /// Clock times with a.m./p.m. or hh:mm after "at".
    pub(super) fn clock(&mut self, i: usize) -> Option<Match> {
        let (h, nd) = self.digits_at(i)?;
        if nd > 2 || h > 24 {
            return None;
        }
        let mut j = i + 1;
        let mut min = 0;
        let mut has_min = false;
        if self.glued(j, b':') {
            let (mm, d2) = self.digits_at(j + 1)?;
            if d2 != 2 || mm > 59 {
                return None;
            }
            min = mm;
            has_min = true;
            j += 2;
        }
        // a.m. / p.m. / am / pm
        let mut ampm = None;
        if let Lex::Keyword(k @ (Keyword::Am | Keyword::Pm)) = self.lex_at(j) {
            ampm = Some(k == Keyword::Pm);
            j += 1;
        } else if (self.word_is(j, b"a") || self.word_is(j, b"p"))
            && self.glued(j + 1, b'.')
            && self.word_is(j + 2, b"m")
        {
            ampm = Some(self.word_is(j, b"p"));
            j += 3;
            if self.punct(j, b'.') && !self.tokens[j].space_before {
                j += 1;
            }
        }
        let mut h = h;
        match ampm {
            Some(pm) => {
                if h == 0 || h > 12 {
                    return None;
                }
                if pm && h != 12 {
                    h += 12;
                } else if !pm && h == 12 {
                    h = 0;
                }
            }
            None => {
                // Bare "15:30" only after "at"/"by"/"until" or before a time zone.
                let prev_ok = i > 0
                    && self.word_in(
                        i - 1,
                        &[b"at", b"by", b"until", b"from", b"before", b"after"],
                    );
                if !has_min || !(prev_ok || self.is_keyword(j, Keyword::Zone)) || h > 23 {
                    return None;
                }
            }
        }
        if self.is_keyword(j, Keyword::Zone) {
            j += 1;
        }
        let (d, end) = self.trailing_day(j).unwrap_or((self.dct, j));
        Some(Match {
            end,
            kind: Time,
            value: value::clock(d, h, min),
            quantity: true,
        })
    }

    /// "noon", "midnight", perhaps with a day ("noon Thursday"); "High Noon"
    /// is a film, "high noon" a figure of speech.
    pub(super) fn noon_or_midnight(&mut self, i: usize, k: Keyword) -> Option<Match> {
        if i > 0 && self.word_is(i - 1, b"high") {
            return None;
        }
        let hour = if k == Keyword::Noon { 12 } else { 24 };
        let (d, end) = self.trailing_day(i + 1).unwrap_or((self.dct, i + 1));
        found(end, Time, value::clock(d, hour, 0))
    }

    /// A resolved day, followed perhaps by a part of day ("Friday morning").
    pub(super) fn with_part(&self, j: usize, d: NaiveDate) -> Option<Match> {
        // TE3 gold types "Friday morning" as DATE more often than TIME.
        if let Lex::DayPart(p) = self.lex_at(j) {
            // "Friday night", "Tuesday morning": TE3 gold mostly gives the plain day
            // (often leaving "night" outside the span); evening and afternoon keep
            // their part ("Friday evening" = …TEV).
            if matches!(p, DayPart::Night | DayPart::Morning) {
                return found(j + 1, Date, value::day(d));
            }
            return found(j + 1, Date, value::day_part(d, p));
        }
        found(j, Date, value::day(d))
    }

    /// A day named right after a time: "noon Thursday", "5 p.m. EST, Nov. 6", "10 a.m. today".
    fn trailing_day(&mut self, mut j: usize) -> Option<(NaiveDate, usize)> {
        if self.punct(j, b',') {
            j += 1;
        }
        match self.lex_at(j) {
            Lex::Weekday(wd, false) if self.capitalised(j) => {
                let t = self.tense(j, j + 1);
                Some((resolve::weekday_near(self.dct, wd as u32, t)?, j + 1))
            }
            Lex::Keyword(k @ (Keyword::Today | Keyword::Yesterday | Keyword::Tomorrow)) => {
                let off = match k {
                    Keyword::Today => 0,
                    Keyword::Yesterday => -1,
                    _ => 1,
                };
                Some((resolve::add_days(self.dct, off)?, j + 1))
            }
            Lex::Month(mo, abbr) => {
                let x = self.month(j, mo as u32, abbr)?;
                if x.value.len() != 10 {
                    return None;
                }
                // chrono's format parser is large in wasm; the value is our own "YYYY-MM-DD".
                let d = value::parse_day(&x.value)?;
                Some((d, x.end))
            }
            _ => None,
        }
    }
}
