//! Expressions relative to the article's date or to the reference time:
//! "today", "this/last/next week", weekdays ("on Thursday" in a Thursday
//! story), "that day", "the following month", and the rules after "the",
//! which hand over to the family of the word that follows.

use chrono::Datelike;

use crate::dates::lexicon::{Keyword, Lex, TokenKind};
use crate::dates::resolve::{self, Tense};
use crate::dates::timex::TimexType::{Date, Duration, Set, Time};
use crate::dates::value::{self, DayPart, Precision, Unit, FUTURE_REF, PRESENT_REF};

use super::state::{found, Match, Matcher};

impl Matcher<'_> {
    /// "today", "yesterday", "tomorrow", perhaps with a part of day
    /// ("yesterday afternoon").
    pub(super) fn named_day(&self, i: usize, k: Keyword) -> Option<Match> {
        // "today's youth", "in today's world": "nowadays", which TE3 gold leaves out
        // (unlike "today's editions", "today's quiz").
        if k == Keyword::Today
            && self.punct(i + 1, b'\'')
            && self.word_is(i + 2, b"s")
            && self.word_in(
                i + 3,
                &[
                    b"world",
                    b"youth",
                    b"society",
                    b"generation",
                    b"young",
                    b"children",
                ],
            )
        {
            return None;
        }
        // "Russia today is no benign democracy", "why Ukraine is at war
        // today": in a text that never ties "today" to a past or future verb
        // (opinion, analysis), "today" in a clause without such a cue speaks of the
        // present in general (TimeML PRESENT_REF); "said today", "will meet
        // today", "yesterday and today" and "today's vote" name the article's day.
        if k == Keyword::Today
            && !self.deictic_today
            && !self.punct(i + 1, b'\'')
            && !matches!(self.lex_at(i + 1), Lex::DayPart(_))
            && !self.near_named_day(i)
            && self.clause_tense(i, i + 1) == Tense::Unknown
            && self.clause_is_general(i)
        {
            return found(i + 1, Date, PRESENT_REF.into());
        }
        // "Russia Today", "VOA Today", "Today's WorldView": a capitalised
        // "Today" after a capitalised word, or owning a capitalised noun, is a
        // name (a broadcaster, a newsletter), not a day.
        if k == Keyword::Today && self.capitalised(i) {
            let after_name = i > 0
                && self.capitalised(i - 1)
                && self.tokens[i - 1].kind == TokenKind::Word
                && !self.tokens[i].para_before;
            let owns_name =
                self.punct(i + 1, b'\'') && self.word_is(i + 2, b"s") && self.capitalised(i + 3);
            if after_name || owns_name {
                return None;
            }
        }
        let off = match k {
            Keyword::Today => 0,
            Keyword::Yesterday => -1,
            _ => 1,
        };
        let d = resolve::add_days(self.dct, off)?;
        if let Lex::DayPart(p) = self.lex_at(i + 1) {
            return found(i + 2, Time, value::day_part(d, p));
        }
        found(i + 1, Date, value::day(d))
    }

    /// The clause around token `i` states something general rather than an
    /// event of the day: it holds a modal of necessity or possibility ("must
    /// occur today", "we should speak today") or a comparison with the
    /// present ("truer today", "more than it is today").
    fn clause_is_general(&self, i: usize) -> bool {
        const GENERAL: &[&[u8]] = &[
            b"must",
            b"should",
            b"shouldn",
            b"can",
            b"cannot",
            b"may",
            b"might",
            b"could",
            b"than",
            b"ever",
            b"truer",
            b"increasingly",
        ];
        let mut k = i;
        while k > 0 && i - k < 25 && !self.clause_edge(k - 1) {
            k -= 1;
            if self.word_in(k, GENERAL) {
                return true;
            }
        }
        let initial = i == 0 || self.clause_edge(i - 1) || self.tokens[i].para_before;
        let mut k = if initial && self.punct(i + 1, b',') {
            i + 2
        } else {
            i + 1
        };
        while k < self.tokens.len() && k - i < 20 && !self.clause_edge(k) {
            if self.word_in(k, GENERAL) {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Some "today" of the text sits in a clause with a past or future cue
    /// ("said today", "will meet today"): the text's "today" is its own day.
    pub(super) fn today_names_the_day(&self) -> bool {
        (0..self.tokens.len()).any(|i| {
            self.is_keyword(i, Keyword::Today) && self.clause_tense(i, i + 1) != Tense::Unknown
        })
    }

    /// Another of "yesterday", "today", "tomorrow" coordinated with `i`:
    /// "yesterday and today" contrasts days, so both are deictic.
    fn near_named_day(&self, i: usize) -> bool {
        let day = |k: usize| {
            matches!(
                self.keyword_at(k),
                Some(Keyword::Yesterday | Keyword::Today | Keyword::Tomorrow)
            )
        };
        let and = |k: usize| self.word_in(k, &[b"and", b"or"]);
        (i >= 2 && and(i - 1) && day(i - 2)) || (and(i + 1) && day(i + 2))
    }

    /// "this/last/next/past/coming/previous …" (and the same after "the" when `the`).
    pub(super) fn relative(&mut self, i: usize, k: Keyword, the: bool) -> Option<Match> {
        let dct = self.dct;
        let j = i + 1;
        // "past/last/next N units" is a duration.
        if matches!(
            k,
            Keyword::Past | Keyword::Last | Keyword::Next | Keyword::Coming | Keyword::Previous
        ) || (the && k == Keyword::Latest)
        {
            if let Some(x) = self.duration_core(j, false) {
                if x.kind == Duration {
                    return Some(Match {
                        quantity: false,
                        ..x
                    });
                }
            }
            if matches!(self.keyword_at(j), Some(Keyword::Few | Keyword::Several)) {
                if let Some((u, _)) = self.unit_at(j + 1) {
                    return found(j + 2, Duration, value::duration(None, u));
                }
            }
        }
        // "last fiscal year", "the current fiscal year"
        let j = if self.is_keyword(j, Keyword::Fiscal)
            && matches!(
                self.unit_at(j + 1),
                Some((Unit::Year | Unit::Quarter, false))
            ) {
            j + 1
        } else {
            j
        };
        match self.lex_at(j) {
            Lex::Unit(u, false) => {
                let off = match k {
                    // "the past year", "the last year": TE3 annotates the previous calendar year.
                    Keyword::Past | Keyword::Last if the && u == Unit::Year => {
                        return self.this_unit(j + 1, u, -1);
                    }
                    Keyword::This if u == Unit::Week && !the && self.week_ahead(i, j) => 1,
                    Keyword::This => 0,
                    Keyword::Last | Keyword::Previous => -1,
                    Keyword::Next | Keyword::Coming => 1,
                    Keyword::Past if the => {
                        return found(j + 1, Duration, value::duration(Some(1), u));
                    }
                    Keyword::Latest if u == Unit::Quarter => return self.this_unit(j + 1, u, -1),
                    _ => return None,
                };
                if the && k != Keyword::Previous {
                    // "the next week", "the last month" are durations in TimeML.
                    if matches!(k, Keyword::Next | Keyword::Last | Keyword::Coming) {
                        return found(j + 1, Duration, value::duration(Some(1), u));
                    }
                }
                self.this_unit(j + 1, u, off)
            }
            Lex::Unit(u, true) if k == Keyword::Coming => {
                found(j + 1, Duration, value::duration(None, u))
            }
            Lex::Month(mo, _) if self.capitalised(j) && !the => {
                let mo = mo as u32;
                let y = dct.year();
                let y = match k {
                    Keyword::Last if mo >= dct.month() => y - 1,
                    Keyword::Next if mo <= dct.month() => y + 1,
                    Keyword::This | Keyword::Last | Keyword::Next => y,
                    _ => return None,
                };
                let end =
                    if self.punct(j + 1, b'.') && matches!(self.lex_at(j), Lex::Month(_, true)) {
                        j + 2
                    } else {
                        j + 1
                    };
                found(end, Date, value::month(y, mo))
            }
            Lex::Weekday(wd, false) if the && k == Keyword::Previous => {
                self.previous_weekday(j, wd as u32)
            }
            Lex::Weekday(wd, false) if !the => {
                let wd = wd as u32;
                let d = match k {
                    Keyword::Last => {
                        resolve::weekday_near(resolve::add_days(dct, -1)?, wd, Tense::Past)?
                    }
                    Keyword::Next => {
                        resolve::weekday_near(resolve::add_days(dct, 1)?, wd, Tense::Future)?
                    }
                    Keyword::This => resolve::weekday_near(dct, wd, self.tense(i, j + 1))?,
                    _ => return None,
                };
                self.with_part(j + 1, d)
            }
            Lex::Season(s) if !the => {
                // Seasons as (year, index); January and February belong to the
                // previous year's winter.
                let s = s as u32;
                let (cy, cs) = resolve::season_of(dct);
                let y = match k {
                    // "this summer" is the current calendar year's, past or coming.
                    Keyword::This if s == 4 => cy,
                    Keyword::This => dct.year(),
                    Keyword::Last | Keyword::Past if s < cs => cy,
                    Keyword::Last | Keyword::Past => cy - 1,
                    Keyword::Next | Keyword::Coming if s > cs => cy,
                    Keyword::Next | Keyword::Coming => cy + 1,
                    _ => return None,
                };
                found(j + 1, Date, value::season(y, s))
            }
            Lex::Keyword(Keyword::Weekend) if !the || k == Keyword::Past => {
                let d = match k {
                    // "shelled Kharkiv this weekend" in a Monday story: the
                    // weekend just gone (ISO weeks end on Sunday).
                    Keyword::This
                        if dct.weekday().number_from_monday() <= 4
                            && self.tense(i, j + 1) == Tense::Past =>
                    {
                        resolve::add_days(dct, -7)?
                    }
                    Keyword::This => dct,
                    Keyword::Last | Keyword::Past => resolve::add_days(dct, -7)?,
                    Keyword::Next | Keyword::Coming => resolve::add_days(dct, 7)?,
                    _ => return None,
                };
                found(j + 1, Date, value::weekend(d))
            }
            Lex::DayPart(p) if !the => {
                let d = match (k, p) {
                    (Keyword::This, _) => dct,
                    (Keyword::Last, DayPart::Night) => resolve::add_days(dct, -1)?,
                    _ => return None,
                };
                found(j + 1, Time, value::day_part(d, p))
            }
            Lex::Keyword(h @ (Keyword::Thanksgiving | Keyword::Christmas))
                if matches!(k, Keyword::Last | Keyword::Next | Keyword::This) =>
            {
                self.keyword_rule(j, h)
            }
            _ => None,
        }
    }

    /// The unit containing dct shifted by `off` units: "last week", "this year", "next month".
    pub(super) fn this_unit(&mut self, end: usize, u: Unit, off: i64) -> Option<Match> {
        let dct = self.dct;
        let v = match u {
            Unit::Day => value::day(resolve::add_days(dct, off)?),
            Unit::Week => value::iso_week(resolve::add_days(dct, off * 7)?),
            Unit::Month => {
                let (y, mo) = resolve::shift_month(dct.year(), dct.month(), off)?;
                value::month(y, mo)
            }
            Unit::Quarter => {
                let (y, q) = resolve::shift_quarter(dct.year(), resolve::quarter_of(dct), off)?;
                self.note_quarter(y, q);
                value::quarter(y, q)
            }
            Unit::Year => {
                let y = dct.year() as i64 + off;
                // "this year's third quarter"
                if self.punct(end, b'\'') && self.word_is(end + 1, b"s") {
                    if let Some(x) = self.ordinal_quarter(end + 2, Some(y as i32)) {
                        return Some(x);
                    }
                }
                value::year(y as i32)
            }
            Unit::Decade => {
                let y = dct.year() + (off as i32) * 10;
                value::decade(y as i64)
            }
            _ => return None,
        };
        found(end, Date, v)
    }

    /// "that day", "that same year", "that quarter": the reference time at the
    /// unit's granularity (the quarter under discussion for "that quarter").
    pub(super) fn that_unit(&mut self, i: usize) -> Option<Match> {
        let j = if self.is_keyword(i + 1, Keyword::Same) {
            i + 2
        } else {
            i + 1
        };
        let (u, false) = self.unit_at(j)? else {
            return None;
        };
        if u == Unit::Quarter {
            let (y, q) = self.last_quarter?;
            return found(j + 1, Date, value::quarter(y, q));
        }
        self.shifted_reference(j + 1, u, 0)
    }

    /// The reference time shifted by `off` units, at the unit's granularity, if the
    /// reference was named at least that finely.
    pub(super) fn shifted_reference(&self, end: usize, u: Unit, off: i64) -> Option<Match> {
        let (d, g) = self.reference?;
        let v = match u {
            Unit::Day if g >= Precision::Day => value::day(resolve::add_days(d, off)?),
            Unit::Month if g >= Precision::Month => {
                let (y, mo) = resolve::shift_month(d.year(), d.month(), off)?;
                value::month(y, mo)
            }
            Unit::Year => value::year(d.year().checked_add(off as i32)?),
            _ => return None,
        };
        found(end, Date, v)
    }

    /// "Friday", "Friday morning", "Thursday, April 6", "Tuesdays".
    pub(super) fn weekday(&mut self, i: usize, wd: u32, plural: bool) -> Option<Match> {
        if !self.capitalised(i) {
            return None;
        }
        let len = self.tokens[i].end - self.tokens[i].start;
        let full = len >= 6;
        if plural {
            if let Lex::DayPart(p) = self.lex_at(i + 1) {
                return found(i + 2, Set, value::every_weekday(wd, Some(p)));
            }
            return found(i + 1, Set, value::every_weekday(wd, None));
        }
        // "Thursday, April 6" / "Thursday, April 6, 2000": the explicit date wins.
        let mut j = i + 1;
        if !full {
            // Abbreviations ("Wed", "Sun") only in a date: "Wed., Feb. 9"
            if self.punct(j, b'.') {
                j += 1;
            }
        }
        let k = if self.punct(j, b',') { j + 1 } else { j };
        if let Lex::Month(mo, abbr) = self.lex_at(k) {
            if let Some(x) = self.month(k, mo as u32, abbr) {
                if x.value.len() == 10 {
                    return Some(x);
                }
            }
        }
        if !full {
            return None;
        }
        // "Wednesday's ruling" reports an event that has happened.
        let t = if self.punct(i + 1, b'\'') && self.word_is(i + 2, b"s") {
            Tense::Past
        } else {
            match self.clause_tense(i, i + 1) {
                Tense::Future => Tense::Future,
                _ => self.tense(i, i + 1),
            }
        };
        let mut d = resolve::weekday_near(self.dct, wd, t)?;
        // "from Friday to Sunday", "between Monday and Wednesday": a range's
        // end comes after its start, within the week.
        if let Some((e, start)) = self.last_day {
            let range = e + 1 == i && self.word_in(e, &[b"to", b"through", b"until", b"till"])
                || e + 1 == i && self.word_is(e, b"and") && self.between_before(e);
            if range && d <= start {
                d = resolve::add_days(d, 7)?;
            }
        }
        self.with_part(i + 1, d)
    }

    /// A named day ("Independence Day", "the Day of the Heroes of the Heavenly
    /// Hundred") takes the date the text gives it, with no list of holidays:
    /// a date right after it in parentheses or between commas ("Independence
    /// Day of Ukraine (August 24)"), or the day named earlier in its clause
    /// with a verb of observing between ("Tomorrow Ukraine marks the Day
    /// of…"), or the date the text gives the same name elsewhere
    /// (`named`). Without such a date it is no time expression. The span is the
    /// word "Day" and the "of …" name after it (the words before it were
    /// passed already).
    pub(super) fn named_holiday(&mut self, i: usize) -> Option<Match> {
        let named = i > 0 && self.capitalised(i - 1) && !self.boundary(i - 1);
        let mut end = i + 1;
        if self.is_keyword(end, Keyword::Of) {
            let mut k = end + 1;
            if self.is_keyword(k, Keyword::The) {
                k += 1;
            }
            while self.capitalised(k) && self.tokens[k].kind == TokenKind::Word
                || self.is_keyword(k, Keyword::Of) && self.capitalised(k + 1)
                || self.is_keyword(k, Keyword::The) && self.capitalised(k + 1)
            {
                k += 1;
                end = k;
            }
        }
        if !named && end == i + 1 {
            return None;
        }
        // A date given beside it: "(August 24)", ", August 24,".
        if self.punct(end, b'(') || self.punct(end, b',') {
            let close = if self.punct(end, b'(') { b')' } else { b',' };
            if let Some(x) = self.rule_at(end + 1) {
                let day = x.value.len() == 10 && value::parse_day(&x.value).is_some();
                if day && (self.punct(x.end, close) || close == b',' && self.boundary(x.end)) {
                    return found(end, Date, x.value);
                }
            }
        }
        if let Some(x) = self.observed_day(i, end) {
            return Some(x);
        }
        // Named with its date elsewhere in the text: "Independence Day" after
        // (or before) "the Independence Day of Ukraine (August 24)".
        let (s, _) = self.day_name(i);
        self.defined_day(i, s, end)
    }

    /// The day named earlier in the clause of the named day at `i` (its
    /// name ends at `end`), with a verb of observing between: "Tomorrow
    /// Ukraine marks the Day of…".
    fn observed_day(&self, i: usize, end: usize) -> Option<Match> {
        let (at, d) = self.last_day?;
        const OBSERVE: &[&[u8]] = &[
            b"marks",
            b"marked",
            b"mark",
            b"celebrates",
            b"celebrated",
            b"celebrate",
            b"commemorates",
            b"commemorated",
            b"observes",
            b"observed",
        ];
        let clause = (at..i).all(|k| !self.boundary(k) && !self.punct(k, b','));
        let verb = (at..i).any(|k| self.word_in(k, OBSERVE));
        (at < i && i - at <= 8 && clause && verb).then(|| Match {
            end,
            kind: Date,
            value: value::day(d),
            quantity: false,
        })
    }

    /// "this week" at `i` (its unit at `j`) means the week ahead: a weekend
    /// article with a future verb ("will gather … this week"), as the ISO
    /// week, which ends on Sunday, is all but over.
    fn week_ahead(&self, i: usize, j: usize) -> bool {
        self.dct.weekday().number_from_monday() >= 6 && self.tense(i, j + 1) == Tense::Future
    }

    /// "the previous Friday" (weekday `wd` at `j`): the one before the day
    /// the text is at (the reference time), else the last before the article.
    fn previous_weekday(&mut self, j: usize, wd: u32) -> Option<Match> {
        let from = match self.reference {
            Some((r, Precision::Day)) if r <= self.dct => r,
            _ => self.dct,
        };
        let d = resolve::weekday_near(resolve::add_days(from, -1)?, wd, Tense::Past)?;
        self.with_part(j + 1, d)
    }

    /// "between" opens the range whose "and" is at `and`: two tokens before
    /// it (a one-word start: "between Monday and Wednesday").
    fn between_before(&self, and: usize) -> bool {
        and >= 2 && self.word_is(and - 2, b"between")
    }

    /// Rules starting with "the": "the day before X", "the past year", "the
    /// summer", "the following day", "the current quarter", "the 1990s"…
    pub(super) fn after_the(&mut self, i: usize) -> Option<Match> {
        let j = i + 1;
        // "the day before last Tuesday('s hearing)", "the day after March 3": one day
        // from the named day.
        if matches!(self.unit_at(j), Some((Unit::Day, false)))
            && (self.word_is(j + 1, b"before") || self.word_is(j + 1, b"after"))
        {
            if let Some(x) = self.rule_at(j + 2) {
                if let (10, Some(d)) = (x.value.len(), value::parse_day(&x.value)) {
                    let off = if self.word_is(j + 1, b"before") {
                        -1
                    } else {
                        1
                    };
                    return found(x.end, Date, value::day(resolve::add_days(d, off)?));
                }
            }
        }
        match self.lex_at(j) {
            Lex::Keyword(
                k @ (Keyword::Past
                | Keyword::Last
                | Keyword::Next
                | Keyword::Coming
                | Keyword::Previous
                | Keyword::Latest),
            ) => self.the_relative(j, k),
            Lex::Keyword(Keyword::Future) => found(j + 1, Date, FUTURE_REF.into()),
            Lex::Season(_) | Lex::Keyword(Keyword::Early | Keyword::Late)
                if matches!(self.lex_at(j), Lex::Season(_))
                    || matches!(self.lex_at(j + 1), Lex::Season(_)) =>
            {
                self.the_season(i, j)
            }
            // "the following year", "the following day": one unit after the reference time.
            _ if self.word_is(j, b"following") => {
                let (u, false) = self.unit_at(j + 1)? else {
                    return None;
                };
                self.shifted_reference(j + 2, u, 1)
            }
            // "the full year": the article's year.
            _ if self.word_is(j, b"full")
                && matches!(self.unit_at(j + 1), Some((Unit::Year, false))) =>
            {
                found(j + 2, Date, value::year(self.dct.year()))
            }
            Lex::Keyword(Keyword::Near | Keyword::Short) => self.the_near_future(j),
            // "the New Year" (not "New Year's Eve"): the year begun by the
            // article's date, or the coming one in a future clause late in the year.
            _ if self.word_is(j, b"new")
                && self.capitalised(j)
                && self.capitalised(j + 1)
                && matches!(self.unit_at(j + 1), Some((Unit::Year, false)))
                && !self.punct(j + 2, b'\'')
                && !self.word_in(j + 2, &[b"eve", b"day", b"holiday", b"holidays"]) =>
            {
                let y = self.dct.year();
                let y = if self.dct.month() >= 11 && self.tense(i, j + 2) == Tense::Future {
                    y + 1
                } else {
                    y
                };
                found(j + 2, Date, value::year(y))
            }
            // "the same year", "the same day": the reference time, as "that year".
            Lex::Keyword(Keyword::Same) => {
                let (u, false) = self.unit_at(j + 1)? else {
                    return None;
                };
                self.shifted_reference(j + 2, u, 0)
            }
            // "the foreseeable future"
            _ if self.word_is(j, b"foreseeable") && self.is_keyword(j + 1, Keyword::Future) => {
                found(j + 2, Date, FUTURE_REF.into())
            }
            Lex::Keyword(Keyword::Current) => {
                let k = if self.is_keyword(j + 1, Keyword::Fiscal) {
                    j + 2
                } else {
                    j + 1
                };
                let (u, _) = self.unit_at(k)?;
                if u == Unit::Quarter || u == Unit::Year || u == Unit::Month || u == Unit::Week {
                    return self.this_unit(k + 1, u, 0);
                }
                None
            }
            Lex::Keyword(Keyword::Fiscal) => {
                // "the fiscal first quarter", "the fiscal year"
                if let Lex::Ordinal(_) = self.lex_at(j + 1) {
                    return self.ordinal_quarter(j + 1, None);
                }
                if let Some((Unit::Year, false)) = self.unit_at(j + 1) {
                    return found(j + 2, Duration, "P1Y".into());
                }
                None
            }
            // "the third-quarter results": a hyphenated adjective leaves "the" out.
            Lex::Ordinal(_) if self.glued(j + 1, b'-') => None,
            Lex::Ordinal(_) => self.day_of_period(j).or_else(|| self.ordinal(j, None)),
            Lex::Unit(Unit::Day, false) => self.the_day_of(i, j),
            Lex::Unit(u, false) => self.the_unit(j, u),
            Lex::Keyword(Keyword::Weekend) => {
                let d = resolve::weekday_near(self.dct, 6, self.tense(i, j + 1))?;
                found(j + 1, Date, value::weekend(d))
            }
            Lex::None if self.digits_at(j).is_some() => self.the_number(j),
            Lex::NumberWord(_) => {
                if self.glued(j + 1, b'-') {
                    return None;
                }
                self.plain_duration(j)
            }
            _ => None,
        }
    }

    /// "the past/last/next/coming/previous/latest …" (`j` is that word).
    fn the_relative(&mut self, j: usize, k: Keyword) -> Option<Match> {
        // "the next day": the day after the reference time, as "the following day".
        if k == Keyword::Next
            && matches!(self.unit_at(j + 1), Some((Unit::Day, false)))
            && self.reference.is_some_and(|(_, p)| p >= Precision::Day)
        {
            return self.shifted_reference(j + 2, Unit::Day, 1);
        }
        if let Some(x) = self.relative(j, k, true) {
            return Some(x);
        }
        if k == Keyword::Latest {
            if matches!(self.unit_at(j + 1), Some((Unit::Quarter, _))) {
                return self.focus_quarter(j + 2);
            }
            if self.is_keyword(j + 1, Keyword::Period) {
                return self.focus_quarter(j + 2);
            }
        }
        if k == Keyword::Past {
            return self.the_past(j);
        }
        None
    }
}
