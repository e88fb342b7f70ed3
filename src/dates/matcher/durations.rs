//! Durations and recurrences: "three months", "a year", "several weeks",
//! "2 1/2 years", "the nine months", "for years"; what is counted back from
//! the article ("two days ago", "a year earlier"); sets ("every Monday",
//! "twice a day", "annually").

use chrono::{Datelike, NaiveDate};

use crate::dates::lexicon::{Keyword, Lex, TokenKind};
use crate::dates::resolve;
use crate::dates::timex::TimexType::{Date, Duration, Set};
use crate::dates::value::{self, Precision, Unit, FUTURE_REF, PAST_REF, PRESENT_REF};

use super::state::{found, Match, Matcher};

impl Matcher<'_> {
    /// Counted spans of time: "three months", "10-day", "a year", "several weeks",
    /// "two days ago" (a date), "a year earlier" (the year-ago period).
    pub(super) fn duration(&mut self, i: usize) -> Option<Match> {
        self.duration_core(i, true)
    }

    /// A duration without "ago" and no leading quantity for modifiers to
    /// join: "the nine months", "the past three years", "first six months".
    pub(super) fn plain_duration(&mut self, i: usize) -> Option<Match> {
        let x = self.duration_core(i, false)?;
        (x.kind == Duration).then_some(Match {
            quantity: false,
            ..x
        })
    }

    /// The quantity a duration starts with: (count, next index, written "a").
    /// `None` counts are unspecified ("a few", "several").
    fn quantity_at(&self, i: usize) -> Option<(Option<u32>, usize, bool)> {
        Some(match self.lex_at(i) {
            Lex::Keyword(Keyword::A) => match self.lex_at(i + 1) {
                Lex::Keyword(Keyword::Few) => (None, i + 2, false),
                Lex::Keyword(Keyword::Couple) if self.is_keyword(i + 2, Keyword::Of) => {
                    (Some(2), i + 3, false)
                }
                _ => (Some(1), i + 1, true),
            },
            Lex::Keyword(Keyword::Few | Keyword::Several | Keyword::Many) => (None, i + 1, false),
            _ => {
                let (v, j) = self.number_at(i)?;
                (Some(v), j, false)
            }
        })
    }

    /// A counted span of time at `i`; `allow_ago` also reads "… ago" and "a
    /// year earlier" (dates). Not after "the", "last", "first": those callers
    /// want the duration alone (see [`Matcher::plain_duration`]).
    pub(super) fn duration_core(&mut self, i: usize, allow_ago: bool) -> Option<Match> {
        let (n, mut j, is_a) = self.quantity_at(i)?;
        // "5 1/2 hours", "2 1/2 years": a half unit more.
        let mut half = false;
        if !is_a
            && n.is_some()
            && self.digits_at(j) == Some((1, 1))
            && self.glued(j + 1, b'/')
            && self.digits_at(j + 2) == Some((2, 1))
        {
            half = true;
            j += 3;
        }
        // "two to three weeks", "two or three days": keep the first number.
        if !is_a
            && n.is_some()
            && (self.is_keyword(j, Keyword::To)
                || self.is_keyword(j, Keyword::Or)
                || self.glued(j, b'-'))
        {
            if let Some((_, k)) = self.number_at(j + 1) {
                if self.unit_at(k).is_some() {
                    j = k;
                }
            }
        }
        let hyph = self.glued(j, b'-');
        if hyph {
            j += 1;
        }
        let (u, plural) = self.unit_at(j)?;
        // A quoted, capitalised "60 Minutes" is a title (CBS's ''60 Minutes'').
        if self.capitalised(j)
            && i > 0
            && (self.punct(i - 1, b'\'') || self.punct(i - 1, b'`') || self.punct(i - 1, b'"'))
        {
            return None;
        }
        if half {
            let v = value::duration_and_a_half(n?, u)?;
            return Some(Match {
                end: j + 1,
                kind: Duration,
                value: v,
                quantity: true,
            });
        }
        if is_a && (plural || u == Unit::Second) {
            return None;
        }
        // "three-quarters of", "a quarter of the shares": fractions.
        if u == Unit::Quarter && (is_a || hyph) && self.is_keyword(j + 1, Keyword::Of) {
            return None;
        }
        let end = j + 1;
        // "a year-earlier period": the adjective is the expression, not "a year".
        if is_a
            && self.glued(end, b'-')
            && matches!(
                self.keyword_at(end + 1),
                Some(Keyword::Earlier | Keyword::Ago)
            )
        {
            return None;
        }
        // Ages ("6-year-old", "45 years old") are not annotated in TE3 news.
        if self.is_keyword(end, Keyword::Old)
            || self.glued(end, b'-') && self.is_keyword(end + 1, Keyword::Old)
        {
            return None;
        }
        // A year-sized number before a singular unit is a year: "the 1988 second quarter".
        if !is_a && n.is_some_and(|v| v >= 1000) && !plural {
            return None;
        }
        // "two days ago", "a year earlier"
        if allow_ago
            && (self.is_keyword(end, Keyword::Ago)
                || u == Unit::Year && n == Some(1) && self.is_keyword(end, Keyword::Earlier))
        {
            return self.ago(n, u, end);
        }
        if allow_ago
            && self.is_keyword(end, Keyword::Later)
            && (i == 0 || self.boundary(i - 1) || self.punct(i - 1, b','))
        {
            if let Some(x) = self.counted_later(i, n.unwrap_or(1), u, end) {
                return Some(x);
            }
        }
        // "$5 million a year", "four flights a week": a rate, which TE3 leaves
        // untagged; "twice a day" is a frequency (SET).
        if is_a && i > 0 && self.is_rate_noun(i - 1) {
            return None;
        }
        if is_a && i > 0 {
            let p = i - 1;
            if self.word_is(p, b"twice") || self.word_is(p, b"times") || self.word_is(p, b"once") {
                return Some(Match {
                    end,
                    kind: Set,
                    value: value::duration(Some(1), u),
                    quantity: true,
                });
            }
        }
        // "will one day be clear", "might one day attempt": some day to come.
        if n == Some(1)
            && u == Unit::Day
            && self.word_is(i, b"one")
            && i > 0
            && self.word_in(
                i - 1,
                &[
                    b"will", b"would", b"might", b"may", b"could", b"can", b"should", b"shall",
                ],
            )
        {
            return found(end, Date, FUTURE_REF.into());
        }
        Some(Match {
            end,
            kind: Duration,
            value: value::duration(n, u),
            quantity: true,
        })
    }

    /// `n` units (`u`) before the article's date, "… ago" ending at `end`, or
    /// "a year earlier": the year-ago period.
    fn ago(&mut self, n: Option<u32>, u: Unit, end: usize) -> Option<Match> {
        // "two days ago"
        if self.is_keyword(end, Keyword::Ago) {
            let Some(n) = n else {
                return found(end + 1, Date, PAST_REF.into());
            };
            if u == Unit::Year && n == 1 {
                let x = self.year_ago(end + 1)?;
                return Some(Match {
                    quantity: true,
                    ..x
                });
            }
            let v = ago_value(self.dct, n, u)?;
            return Some(Match {
                end: end + 1,
                kind: Date,
                value: v,
                quantity: true,
            });
        }
        // "a year earlier", "year-earlier" periods
        let x = self.year_ago(end + 1)?;
        Some(Match {
            quantity: true,
            ..x
        })
    }

    /// "every Monday", "each year", "every three months".
    pub(super) fn recurrence(&mut self, i: usize) -> Option<Match> {
        let j = i + 1;
        match self.lex_at(j) {
            Lex::Weekday(wd, _) => {
                if let Lex::DayPart(p) = self.lex_at(j + 1) {
                    return found(j + 2, Set, value::every_weekday(wd as u32, Some(p)));
                }
                found(j + 1, Set, value::every_weekday(wd as u32, None))
            }
            Lex::Month(mo, _) if self.capitalised(j) => {
                found(j + 1, Set, value::every_month_of_year(mo as u32))
            }
            Lex::Unit(u, false) => found(j + 1, Set, value::duration(Some(1), u)),
            Lex::DayPart(p) => found(j + 1, Set, value::every_day_part(p)),
            _ => {
                let (n, k) = self.number_at(j)?;
                let (u, _) = self.unit_at(k)?;
                found(k + 1, Set, value::duration(Some(n), u))
            }
        }
    }

    /// "annually", "yearly" (a set), but not after a rate: "rise 8.5%
    /// annually", "grow 20 percent annually" are growth rates TE3 leaves out.
    pub(super) fn annually(&self, i: usize) -> Option<Match> {
        if i > 0 && (self.punct(i - 1, b'%') || self.word_is(i - 1, b"percent")) {
            return None;
        }
        found(i + 1, Set, "P1Y".into())
    }

    /// Rules starting with a unit: "year-earlier", "year-ago quarter" without a
    /// determiner; bare plural units after "for": "for years" (PXY); "by year-end".
    pub(super) fn bare_unit(&mut self, i: usize) -> Option<Match> {
        let (u, plural) = self.unit_at(i)?;
        if u == Unit::Day && !plural && self.capitalised(i) {
            return self.named_holiday(i);
        }
        if u == Unit::Year && !plural {
            if let Some(end) = self.year_ago_adjective_end(i) {
                return self.year_ago(end);
            }
        }
        if plural && i > 0 && self.word_is(i - 1, b"for") {
            return found(i + 1, Duration, value::duration(None, u));
        }
        // "decades ago", "centuries ago": an uncounted stretch back, the vague
        // past (TimeBank reads "months ago" as a duration, PXM).
        if plural
            && matches!(u, Unit::Decade | Unit::Century)
            && self.is_keyword(i + 1, Keyword::Ago)
        {
            return found(i + 2, Date, PAST_REF.into());
        }
        // "these days": nowadays.
        if plural && u == Unit::Day && i > 0 && self.word_is(i - 1, b"these") {
            return found(i + 1, Date, PRESENT_REF.into());
        }
        if u == Unit::Year && !plural && i > 0 {
            return self.year_end(i);
        }
        None
    }

    /// "N units later" opening a clause at `i` ("later" at `end`), counted
    /// from the reference time: "Eight years later", "A decade later" give
    /// the year (or decade) that many after it, a date of the story;
    /// "Three days later", "Two weeks later" give the day that many after
    /// the story's last day, but only inside a retold story (see
    /// `Matcher::narrative`) — elsewhere they stay durations, as TimeBank
    /// annotates them.
    fn counted_later(&mut self, i: usize, n: u32, u: Unit, end: usize) -> Option<Match> {
        let (r, p) = self.reference?;
        let value = match u {
            Unit::Year | Unit::Decade => {
                let step = if u == Unit::Decade { 10 } else { 1 };
                let y = r.year() as i64 + step * n as i64;
                if !(0..=9999).contains(&y) {
                    return None;
                }
                if u == Unit::Decade {
                    value::decade(y)
                } else {
                    value::year(y as i32)
                }
            }
            Unit::Day | Unit::Week if p == Precision::Day && self.narrative_anchor(i).is_some() => {
                let days = n as i64 * if u == Unit::Week { 7 } else { 1 };
                self.narrated = true;
                value::day(resolve::add_days(r, days)?)
            }
            _ => return None,
        };
        Some(Match {
            end: end + 1,
            kind: Date,
            value,
            quantity: true,
        })
    }

    /// Token `k` is what a rate counts: a number, an amount word or a plural noun
    /// ("$5 million a year", "700 seats a week", "24 hours a day").
    fn is_rate_noun(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return false;
        };
        if t.kind == TokenKind::Num || self.punct(k, b'%') {
            return true;
        }
        if t.kind != TokenKind::Word || matches!(t.lex, Lex::Keyword(_)) {
            return false;
        }
        const AMOUNT: &[&[u8]] = &[
            b"million",
            b"billion",
            b"thousand",
            b"percent",
            b"cents",
            b"dollars",
        ];
        const NOT_PLURAL: &[&[u8]] = &[
            b"was",
            b"has",
            b"is",
            b"this",
            b"its",
            b"his",
            b"hers",
            b"ours",
            b"theirs",
            b"plus",
            b"thus",
            b"less",
            b"across",
            b"unless",
            b"perhaps",
            b"always",
            b"towards",
            b"afterwards",
            b"as",
            b"us",
            b"does",
            b"goes",
            b"takes",
            b"lasts",
            b"spends",
            b"needs",
            b"gets",
            b"makes",
            b"gives",
        ];
        let w = self.bytes(k);
        if AMOUNT.iter().any(|a| w.eq_ignore_ascii_case(a)) {
            return true;
        }
        w.len() > 3
            && (w.ends_with(b"s") || w.ends_with(b"S"))
            && !w.ends_with(b"ss")
            && !NOT_PLURAL.iter().any(|a| w.eq_ignore_ascii_case(a))
            && !matches!(t.lex, Lex::Unit(..))
    }
}

/// "n units ago" at the unit's granularity.
fn ago_value(dct: NaiveDate, n: u32, u: Unit) -> Option<String> {
    let n = n as i64;
    Some(match u {
        Unit::Day => value::day(resolve::add_days(dct, -n)?),
        Unit::Week => value::iso_week(resolve::add_days(dct, -7 * n)?),
        Unit::Month => {
            let (y, mo) = resolve::shift_month(dct.year(), dct.month(), -n)?;
            value::month(y, mo)
        }
        Unit::Quarter => {
            let (y, q) = resolve::shift_quarter(dct.year(), resolve::quarter_of(dct), -n)?;
            value::quarter(y, q)
        }
        Unit::Year => {
            let y = dct.year() as i64 - n;
            if !(0..=9999).contains(&y) {
                return None;
            }
            value::year(y as i32)
        }
        Unit::Decade => {
            let y = dct.year() as i64 - 10 * n;
            if !(0..=9999).contains(&y) {
                return None;
            }
            value::decade(y)
        }
        // "five centuries ago": the century then, by its first two digits.
        Unit::Century => {
            let y = dct.year() as i64 - 100 * n;
            if !(0..=9999).contains(&y) {
                return None;
            }
            value::century((y / 100) as u32)
        }
        _ => return None,
    })
}
