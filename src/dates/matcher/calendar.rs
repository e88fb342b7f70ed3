//! Calendar expressions: explicit dates ("January 21", "21 January 2022",
//! "2022-01-21", "1/21/2022"), months, years and decades, quarters and
//! halves (with the quarter an earnings report is about), seasons, holidays,
//! "year-end" and "fiscal 1989".

use chrono::{Datelike, NaiveDate};

use crate::dates::lexicon::{self, Keyword, Lex, TokenKind};
use crate::dates::resolve::{self, Tense};
use crate::dates::timex::TimexType::{Date, Duration};
use crate::dates::value::{self, Precision, Unit};

use super::state::{found, Match, Matcher};

/// Words after a four-digit number that show it counts things, not years.
const NOT_YEAR_AFTER: &[&[u8]] = &[
    b"pct",
    b"percent",
    b"dlrs",
    b"dollars",
    b"mln",
    b"million",
    b"billion",
    b"tonnes",
    b"tons",
    b"shares",
    b"barrels",
    b"bags",
    b"acres",
    b"feet",
    b"miles",
    b"people",
    b"cars",
    b"units",
    b"cts",
    b"stg",
    b"yen",
    b"marks",
    b"francs",
    b"points",
    b"troops",
    b"workers",
    b"jobs",
    b"employees",
    b"metres",
    b"meters",
    b"kilometers",
    b"km",
    b"kg",
    b"lbs",
    b"pounds",
    b"ounces",
    b"bales",
    b"head",
    b"hectares",
    b"vehicles",
    b"members",
    b"votes",
    b"soldiers",
    b"refugees",
    b"students",
    b"copies",
    b"aircraft",
    b"planes",
    b"ships",
    b"prisoners",
];

/// Words before a number that show it is not a year.
const NOT_YEAR_BEFORE: &[&[u8]] = &[
    b"no",
    b"number",
    b"flight",
    b"route",
    b"room",
    b"page",
    b"rule",
    b"resolution",
    b"article",
    b"section",
    b"model",
];

impl Matcher<'_> {
    /// Month names: "January 21", "Jan. 21, 2022", "March 2021", "in March".
    pub(super) fn month(&mut self, i: usize, mo: u32, abbr: bool) -> Option<Match> {
        if !self.capitalised(i) {
            return None;
        }
        let mut j = i + 1;
        let dotted = self.punct(j, b'.') && !self.tokens[j].space_before;
        if dotted && (abbr || self.word_is(i, b"sept")) {
            j += 1;
        }
        // Day of month, written right after the month (not a column of a table).
        let near = self
            .tokens
            .get(j)
            .is_some_and(|t| t.start - self.tokens[j - 1].end <= 2);
        let day = match (self.lex_at(j), self.digits_at(j)) {
            _ if !near => None,
            (_, Some((d, nd))) if nd <= 2 && (1..=31).contains(&d) => Some(d),
            (Lex::Ordinal(d), _) if (1..=31).contains(&d) => Some(d),
            _ => None,
        };
        if let Some(d) = day {
            // "Jan. 21, 2022" / "January 21 2022"
            let mut k = if self.punct(j + 1, b',') {
                j + 2
            } else {
                j + 1
            };
            // "August 6-8, 2016": the range's year is the first day's.
            if self.glued(j + 1, b'-') && self.digits_at(j + 2).is_some_and(|(_, n)| n <= 2) {
                k = if self.punct(j + 3, b',') {
                    j + 4
                } else {
                    j + 3
                };
            }
            if let Some((y, e)) = self.year_at(k) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, mo, d) {
                    return found(e, Date, value::day(date));
                }
            }
            // Range "March 3-5": keep the first day only.
            let date = self.infer_month_day(i, j + 1, mo, d)?;
            return found(j + 1, Date, value::day(date));
        }
        // "March 2021", "March, 2021", "March of 2021", "January nineteen ninety-seven"
        let k = if self.punct(j, b',') || self.is_keyword(j, Keyword::Of) {
            j + 1
        } else {
            j
        };
        if let Some((y, e)) = self.year_at(k) {
            return found(e, Date, value::month(y, mo));
        }
        if let Some((y, e)) = self.spoken_year_at(k) {
            return found(e, Date, value::month(y, mo));
        }
        // "January this year", "June last year"
        if let (
            Some(k @ (Keyword::This | Keyword::Last | Keyword::Next)),
            Some((Unit::Year, false)),
        ) = (self.keyword_at(j), self.unit_at(j + 1))
        {
            let y = self.dct.year()
                + match k {
                    Keyword::This => 0,
                    Keyword::Last => -1,
                    _ => 1,
                };
            return found(j + 2, Date, value::month(y, mo));
        }
        // A bare month name. "May" and "March" double as words, and bare
        // abbreviations ("Mar", "Jan" as a name) are too risky.
        if abbr && !dotted {
            return None;
        }
        // "these May days": the month the text is in.
        if i > 0 && self.word_is(i - 1, b"these") && self.unit_at(j) == Some((Unit::Day, true)) {
            let y = self
                .infer_month_day(i, j + 1, mo, 15)
                .map_or(self.dct.year(), |d| d.year());
            return found(j + 1, Date, value::month(y, mo));
        }
        if mo == 5 || mo == 3 {
            let ok_prev = i > 0
                && (matches!(
                    self.lex_at(i - 1),
                    Lex::Keyword(
                        Keyword::Early
                            | Keyword::Late
                            | Keyword::Mid
                            | Keyword::Last
                            | Keyword::Next
                            | Keyword::This
                    )
                ) || self.word_in(
                    i - 1,
                    &[
                        b"in", b"since", b"until", b"by", b"of", b"through", b"during", b"before",
                        b"after", b"from", b"till", b"between", b"and", b"to", b"late", b"early",
                        b"mid",
                    ],
                ) || self.punct(i - 1, b'-'));
            if !ok_prev {
                return None;
            }
        }
        // "In September, Medvedev said…": a month heading a past clause (first
        // in it, set off by a comma) is
        // the last such month before the article, however far in the year.
        let heads = i > 0
            && self.word_is(i - 1, b"in")
            && (i == 1
                || self.clause_edge(i - 2)
                || self.tokens[i - 1].para_before
                || self.word_is(i - 2, b"and"))
            && self.punct(j, b',');
        if heads && self.clause_tense(i, j) == Tense::Past {
            if let Some(d) = resolve::infer_year_within(self.dct, mo, 1, Tense::Past, 366) {
                return found(j, Date, value::month(d.year(), mo));
            }
        }
        // The year whose month is nearest the article, unless the tense points to
        // a side and the month there is within ~10 months.
        let y = self
            .infer_month_day(i, j, mo, 15)
            .map_or(self.dct.year(), |d| d.year());
        // "Last year, Shoigu came under pressure … His brief uprising in June
        // represented…": a past clause cannot name a month still to come; when
        // the text last named last year, the month is that year's.
        let last_year = self.dct.year() - 1;
        let ahead = (y, mo) > (self.dct.year(), self.dct.month());
        if ahead
            && matches!(self.reference, Some((r, Precision::Year)) if r.year() == last_year)
            && self.clause_tense(i, j) == Tense::Past
        {
            return found(j, Date, value::month(last_year, mo));
        }
        found(j, Date, value::month(y, mo))
    }

    /// The date of month `mo`, day `d` named by tokens `[i, e)` without a
    /// year. Inside a retold past (see [`Matcher::narrative`]) and outside a
    /// future clause, the next step of the story ([`resolve::story_next`]),
    /// when that is not after the article; else "pre-February 24" looks back by its
    /// prefix, and otherwise the sentence's tense cue decides
    /// ([`resolve::infer_year_md`]).
    pub(super) fn infer_month_day(
        &mut self,
        i: usize,
        e: usize,
        mo: u32,
        d: u32,
    ) -> Option<NaiveDate> {
        let pre = i >= 2 && self.glued(i - 1, b'-') && self.word_is(i - 2, b"pre");
        let t = if pre { Tense::Past } else { self.tense(i, e) };
        // The same month and day named before: the same day.
        if let Some(&seen) = self
            .named_days
            .iter()
            .rev()
            .find(|x| x.month() == mo && x.day() == d)
        {
            return Some(seen);
        }
        if let Some(anchor) = self.narrative_anchor(i) {
            if t != Tense::Future && !self.sentence_is_deictic(i) {
                if let Some(date) = resolve::story_next(anchor, mo, d).filter(|&x| x <= self.dct) {
                    self.narrated = true;
                    return Some(date);
                }
            }
        }
        if self.past_passive_before(i) {
            return resolve::infer_year_within(self.dct, mo, d, Tense::Past, 366);
        }
        resolve::infer_year_md(self.dct, mo, d, t)
    }

    /// A past passive governs the date at `i` directly ("were held on May
    /// 11", "was killed in June"): the event is over, so the date is the
    /// last one before the article however far back; a plan seen from the
    /// past ("was scheduled for", "were expected in") says nothing.
    fn past_passive_before(&self, i: usize) -> bool {
        const PLAN: &[&[u8]] = &[
            b"scheduled",
            b"expected",
            b"planned",
            b"due",
            b"set",
            b"slated",
            b"supposed",
        ];
        i >= 3
            && self.word_in(i - 1, &[b"on", b"in"])
            && self.tokens[i - 2].kind == TokenKind::Word
            && !self.word_in(i - 2, PLAN)
            && self.word_in(i - 3, &[b"was", b"were"])
    }

    /// The sentence holding token `i` also names a day counted from the
    /// article ("sanctioned on March 24 … made the comments Tuesday"): it is
    /// told from the article's present, not from a retold story.
    pub(super) fn sentence_is_deictic(&self, i: usize) -> bool {
        let deictic = |k: usize| {
            matches!(
                self.lex_at(k),
                Lex::Weekday(..)
                    | Lex::Keyword(
                        Keyword::Today | Keyword::Yesterday | Keyword::Tomorrow | Keyword::Ago
                    )
            )
        };
        let mut k = i;
        while k > 0 && i - k < 60 && !self.boundary(k - 1) {
            k -= 1;
            if deictic(k) {
                return true;
            }
        }
        let mut k = i + 1;
        while k < self.tokens.len() && k - i < 60 && !self.boundary(k) {
            if deictic(k) {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Rules starting with a digit token.
    pub(super) fn numeric(&mut self, i: usize) -> Option<Match> {
        let (v, nd) = self.digits_at(i)?;
        // "@JESweet2022", "G20", "Su-57": a number glued to letters is part of
        // a name, a handle or a product code.
        if i > 0
            && !self.tokens[i].space_before
            && (self.tokens[i - 1].kind == TokenKind::Word
                || self.glued(i - 1, b'-')
                    && i > 1
                    && self.tokens[i - 2].kind == TokenKind::Word
                    && self.tokens[i - 2].end - self.tokens[i - 2].start <= 2
                    && self.capitalised(i - 2))
        {
            return None;
        }
        // A number glued after a decimal point or thousands separator is part of another number.
        if i > 0
            && (self.glued(i - 1, b'.') || self.glued(i - 1, b','))
            && self.digits_at(i - 2).is_some()
        {
            return None;
        }
        // "April 24 and 25": the second day of a range in the same month.
        if let Some((e, d)) = self.last_day {
            if e + 1 == i
                && self.word_is(e, b"and")
                && nd <= 2
                && v > d.day()
                && self.range_day_ends(i + 1)
            {
                if let Some(d2) = NaiveDate::from_ymd_opt(d.year(), d.month(), v) {
                    return found(i + 1, Date, value::day(d2));
                }
            }
        }
        // ISO date 2022-01-21
        if nd == 4 && self.glued(i + 1, b'-') && self.glued(i + 3, b'-') {
            if let (Some((mo, 2)), Some((d, 2))) = (self.digits_at(i + 2), self.digits_at(i + 4)) {
                if let Some(date) = NaiveDate::from_ymd_opt(v as i32, mo, d) {
                    return found(i + 5, Date, value::day(date));
                }
            }
        }
        // US date 1/21/2022
        if nd <= 2 && self.glued(i + 1, b'/') && self.glued(i + 3, b'/') {
            if let (Some((d, _)), Some((y, 4))) = (self.digits_at(i + 2), self.digits_at(i + 4)) {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, v, d) {
                    return found(i + 5, Date, value::day(date));
                }
            }
            return None;
        }
        // "scheduled for 9/11", "by 3/15": a US month/day after a preposition
        // of scheduling ("on 9/11", "of 9/11", "since 9/11" mostly name the
        // 2001 attacks; "1/2" alone is a fraction).
        if nd <= 2
            && self.glued(i + 1, b'/')
            && i > 0
            && self.word_in(i - 1, &[b"for", b"by", b"until"])
        {
            if let Some((d, 1..=2)) = self.digits_at(i + 2) {
                if !self.punct(i + 3, b'/') && (1..=12).contains(&v) && (1..=31).contains(&d) {
                    let date = self.infer_month_day(i, i + 3, v, d)?;
                    return found(i + 3, Date, value::day(date));
                }
            }
        }
        // "21 January 2022"
        if nd <= 2 && (1..=31).contains(&v) {
            if let Lex::Month(mo, abbr) = self.lex_at(i + 1) {
                if self.capitalised(i + 1) {
                    let mut j = i + 2;
                    if abbr && self.punct(j, b'.') {
                        j += 1;
                    }
                    let k = if self.punct(j, b',') { j + 1 } else { j };
                    if let Some((y, e)) = self.year_at(k) {
                        if let Some(date) = NaiveDate::from_ymd_opt(y, mo as u32, v) {
                            return found(e, Date, value::day(date));
                        }
                    }
                    let date = self.infer_month_day(i, j, mo as u32, v)?;
                    return found(j, Date, value::day(date));
                }
            }
        }
        // Times: "3 p.m.", "3:30 pm", "10:35 a.m. EST".
        if let Some(x) = self.clock(i) {
            return Some(x);
        }
        // Durations and "two days ago".
        if let Some(x) = self.duration(i) {
            return Some(x);
        }
        // Decades and years.
        if let Some(x) = self.decade(i) {
            return Some(x);
        }
        if nd == 4 && (1800..=2099).contains(&v) && self.plausible_year(i) {
            return found(i + 1, Date, value::year(v as i32));
        }
        None
    }

    /// Token `k` can follow the bare second day of "April 24 and 25": punctuation,
    /// the end, or a word that is not a unit or a counted noun ("25 percent").
    fn range_day_ends(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return true;
        };
        match t.kind {
            TokenKind::Punct => {
                !matches!(t.ch, b'%' | b'-' | b':' | b'/' | b'$') && !self.glued(k, b'.')
            }
            TokenKind::Num => false,
            _ => {
                if t.lex != Lex::None && !matches!(t.lex, Lex::Keyword(_)) {
                    return false;
                }
                let mut buf = [0u8; 16];
                !lexicon::lower(self.bytes(k), &mut buf)
                    .is_some_and(|l| NOT_YEAR_AFTER.contains(&l))
            }
        }
    }

    /// The four-digit number at `i` reads as a year, not a count or an amount.
    fn plausible_year(&self, i: usize) -> bool {
        if i > 0 && (self.punct(i - 1, b'$') || self.word_in(i - 1, NOT_YEAR_BEFORE)) {
            return false;
        }
        if i > 0 && self.tokens[i - 1].kind == TokenKind::Num {
            return false;
        }
        // "2082.1" (an index level), "1,990": a year is not followed by decimals.
        if self.punct(i + 1, b'%')
            || ((self.glued(i + 1, b',') || self.glued(i + 1, b'.'))
                && self.digits_at(i + 2).is_some())
        {
            return false;
        }
        if self.glued(i + 1, b'-') && self.digits_at(i + 2).is_some() {
            // "1989-90" is fine, "1990-2000" too, but "2000-3000" ranges of counts are rare; allow.
            return true;
        }
        let Some(t) = self.tokens.get(i + 1) else {
            return true;
        };
        if t.kind == TokenKind::Word && t.space_before {
            let w = self.bytes(i + 1);
            let mut buf = [0u8; 16];
            if let Some(l) = lexicon::lower(w, &mut buf) {
                if NOT_YEAR_AFTER.contains(&l) {
                    return false;
                }
            }
        }
        true
    }

    /// A four-digit year at `i`: (year, next index).
    pub(super) fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let (v, nd) = self.digits_at(i)?;
        (nd == 4 && (1000..=2999).contains(&v)).then_some((v as i32, i + 1))
    }

    /// Years read aloud in broadcast transcripts: "nineteen ninety-six", as
    /// (year, next index).
    pub(super) fn spoken_year_at(&self, i: usize) -> Option<(i32, usize)> {
        let Lex::NumberWord(c) = self.lex_at(i) else {
            return None;
        };
        if !(c == 19 || c == 20) {
            return None;
        }
        let (rest, end) = self.number_at(i + 1)?;
        if !(10..=99).contains(&rest) {
            return None;
        }
        Some(((c * 100 + rest) as i32, end))
    }

    /// A spoken year as an expression.
    pub(super) fn spoken_year(&self, i: usize) -> Option<Match> {
        let (y, end) = self.spoken_year_at(i)?;
        found(end, Date, value::year(y))
    }

    /// "1990s", "the 1990s", "1970's"; "the 90s", "the early 90s": the
    /// latest decade with those digits begun by the article's date ("in his
    /// 30s", an age, has no "the" and is left out; "the '80s" is not handled).
    pub(super) fn decade(&self, i: usize) -> Option<Match> {
        let (v, nd) = self.digits_at(i)?;
        if nd == 2 && v % 10 == 0 && self.word_is(i + 1, b"s") && !self.tokens[i + 1].space_before {
            let the = |k: usize| self.is_keyword(k, Keyword::The);
            let after_the = i > 0
                && (the(i - 1)
                    || i > 1
                        && the(i - 2)
                        && matches!(
                            self.keyword_at(i - 1),
                            Some(Keyword::Early | Keyword::Late | Keyword::Mid)
                        ));
            if !after_the {
                return None;
            }
            let cent = self.dct.year().div_euclid(100) * 100;
            let y = if cent + v as i32 <= self.dct.year() {
                cent + v as i32
            } else {
                cent - 100 + v as i32
            };
            return found(i + 2, Date, value::decade(y as i64));
        }
        // "1990s", and "1970's" as some outlets write it.
        let s_at = if self.glued(i + 1, b'\'') {
            i + 2
        } else {
            i + 1
        };
        if nd == 4
            && v % 10 == 0
            && (1000..=2999).contains(&v)
            && self.word_is(s_at, b"s")
            && !self.tokens[s_at].space_before
        {
            return Some(Match {
                end: s_at + 1,
                kind: Date,
                value: value::decade(v as i64),
                quantity: false,
            });
        }
        None
    }

    /// "fiscal 1989": that fiscal year ("fiscal year" is handled after "the").
    pub(super) fn fiscal_year(&self, i: usize) -> Option<Match> {
        let (y, _) = self.year_at(i + 1)?;
        found(i + 2, Date, value::year(y))
    }

    /// Ordinals: "third-quarter", "first half"; `year` fixes the year.
    pub(super) fn ordinal(&mut self, i: usize, year: Option<i32>) -> Option<Match> {
        // "the 20th century" is "19" in TIMEX3, "the 11th century" "10".
        if let (Lex::Ordinal(n @ 1..=30), Some((Unit::Century, false))) =
            (self.lex_at(i), self.unit_at(i + 1))
        {
            let k = if self.glued(i + 1, b'-') {
                i + 2
            } else {
                i + 1
            };
            if self.unit_at(k).is_some() {
                return found(k + 1, Date, value::century(n - 1));
            }
        }
        if let Some(x) = self.ordinal_of_month(i) {
            return Some(x);
        }
        self.ordinal_quarter(i, year)
    }

    /// "the ninth of May" (a day) and "the first Thursday of February" (the
    /// n-th such weekday of the month), with the month's year written after
    /// it, else set by "next year"/"this year" earlier in the sentence ("next
    /// year – on the first Thursday of February"), else inferred as for
    /// "May 9".
    fn ordinal_of_month(&mut self, i: usize) -> Option<Match> {
        let Lex::Ordinal(n) = self.lex_at(i) else {
            return None;
        };
        let (wd, k) = match self.lex_at(i + 1) {
            Lex::Weekday(wd, false) if (1..=5).contains(&n) => (Some(wd as u32), i + 2),
            _ if (1..=31).contains(&n) => (None, i + 1),
            _ => return None,
        };
        let Lex::Month(mo, _) = self.lex_at(k + 1) else {
            return None;
        };
        if !self.is_keyword(k, Keyword::Of) || !self.capitalised(k + 1) {
            return None;
        }
        let mo = mo as u32;
        let (year, end) = match self.year_at(k + 2) {
            Some((y, e)) => (Some(y), e),
            None => (self.year_named_before(i), k + 2),
        };
        let date = match (wd, year) {
            (None, Some(y)) => NaiveDate::from_ymd_opt(y, mo, n)?,
            (None, None) => self.infer_month_day(i, end, mo, n)?,
            (Some(wd), y) => {
                let y = match y {
                    Some(y) => y,
                    None => self.infer_month_day(i, end, mo, 15)?.year(),
                };
                let first = NaiveDate::from_ymd_opt(y, mo, 1)?;
                let lead = (wd as i64 - first.weekday().number_from_monday() as i64).rem_euclid(7);
                let d = resolve::add_days(first, lead + 7 * (n as i64 - 1))?;
                if d.month() != mo {
                    return None;
                }
                d
            }
        };
        found(end, Date, value::day(date))
    }

    /// The year "next year" or "this year" sets within the sentence before
    /// token `i`.
    fn year_named_before(&self, i: usize) -> Option<i32> {
        let mut k = i;
        while k > 0 && i - k < 12 && !self.boundary(k - 1) {
            k -= 1;
            if matches!(self.unit_at(k + 1), Some((Unit::Year, false))) {
                match self.keyword_at(k) {
                    Some(Keyword::Next) => return Some(self.dct.year() + 1),
                    Some(Keyword::This) => return Some(self.dct.year()),
                    _ => {}
                }
            }
        }
        None
    }

    /// "third-quarter", "first half", "the third quarter of 1989": a quarter or
    /// half of the year `year`, else of the year the tense points to.
    pub(super) fn ordinal_quarter(&mut self, i: usize, year: Option<i32>) -> Option<Match> {
        let Lex::Ordinal(n) = self.lex_at(i) else {
            return None;
        };
        let mut j = i + 1;
        if self.glued(j, b'-') {
            j += 1;
        }
        // "first nine months" is a duration.
        if n == 1 {
            if let Some(x) = self.plain_duration(j) {
                return Some(x);
            }
        }
        let is_half = self.is_keyword(j, Keyword::Half);
        let is_q = matches!(self.unit_at(j), Some((Unit::Quarter, false)));
        if !(is_q && (1..=4).contains(&n) || is_half && (1..=2).contains(&n)) {
            return None;
        }
        let mut end = j + 1;
        let mut y = year;
        // "the third quarter of 1989", "… of this year", "… of next year"
        if y.is_none() && self.is_keyword(end, Keyword::Of) {
            if let Some((yy, e)) = self.year_at(end + 1) {
                y = Some(yy);
                end = e;
            } else if let (Some(k), Some((Unit::Year, false))) =
                (self.keyword_at(end + 1), self.unit_at(end + 2))
            {
                let off = match k {
                    Keyword::This => Some(0),
                    Keyword::Last => Some(-1),
                    Keyword::Next => Some(1),
                    _ => None,
                };
                if let Some(off) = off {
                    y = Some(self.dct.year() + off);
                    end += 3;
                }
            }
        }
        let y = match y {
            Some(y) => y,
            None => {
                let cur = if is_q {
                    resolve::quarter_of(self.dct)
                } else {
                    (self.dct.month() - 1) / 6 + 1
                };
                let t = self.tense(i, end);
                if n > cur && t != Tense::Future {
                    self.dct.year() - 1
                } else {
                    self.dct.year()
                }
            }
        };
        if is_q {
            // "after a flat second quarter": an indefinite mention is background,
            // not the quarter the report is about.
            let indefinite = (1..=2).any(|d| i >= d && self.is_keyword(i - d, Keyword::A));
            if !indefinite {
                self.note_quarter(y, n);
            }
            found(end, Date, value::quarter(y, n))
        } else {
            found(end, Date, value::half(y, n))
        }
    }

    /// Remember a quarter as the one under discussion, unless it lies after the
    /// article's own quarter (a forecast is not what "a year ago" compares with).
    pub(super) fn note_quarter(&mut self, y: i32, q: u32) {
        self.months_focus = false;
        if (y, q) <= (self.dct.year(), resolve::quarter_of(self.dct)) {
            self.last_quarter = Some((y, q));
        }
    }

    /// "the quarter", "the latest quarter": the quarter the article is about —
    /// the last one it named, else the last completed quarter before dct.
    pub(super) fn focus_quarter(&mut self, end: usize) -> Option<Match> {
        let (y, q) = match self.last_quarter {
            Some(x) => x,
            None => resolve::shift_quarter(self.dct.year(), resolve::quarter_of(self.dct), -1)?,
        };
        self.last_quarter = Some((y, q));
        found(end, Date, value::quarter(y, q))
    }

    /// "a year ago", "a year earlier", "year-earlier": a year before the period
    /// under discussion — the quarter in an earnings report, else dct's year.
    pub(super) fn year_ago(&mut self, end: usize) -> Option<Match> {
        if self.months_focus {
            return found(end, Date, value::year(self.dct.year() - 1));
        }
        let focus = self.last_quarter.or_else(|| {
            self.mentions_quarter
                .then(|| resolve::shift_quarter(self.dct.year(), resolve::quarter_of(self.dct), -1))
                .flatten()
        });
        let v = match focus {
            Some((y, q)) => value::quarter(y - 1, q),
            None => value::year(self.dct.year() - 1),
        };
        found(end, Date, v)
    }

    /// The end of "year-earlier", "year-ago quarter", "year-earlier period"
    /// when the singular "year" at `i` starts one.
    pub(super) fn year_ago_adjective_end(&self, i: usize) -> Option<usize> {
        if !(self.glued(i + 1, b'-')
            && matches!(
                self.keyword_at(i + 2),
                Some(Keyword::Earlier | Keyword::Ago)
            ))
        {
            return None;
        }
        let end = if self.is_keyword(i + 3, Keyword::Period)
            || matches!(self.unit_at(i + 3), Some((Unit::Quarter, false)))
        {
            i + 4
        } else {
            i + 3
        };
        Some(end)
    }

    /// "by year-end", "since year end", "by year's end" (the singular "year" at
    /// `i > 0`): the last day of the article's year, or of the previous one
    /// when the sentence looks back.
    pub(super) fn year_end(&self, i: usize) -> Option<Match> {
        const PREP: &[&[u8]] = &[
            b"by", b"since", b"at", b"around", b"until", b"till", b"before", b"after", b"through",
            b"from", b"to", b"near", b"toward", b"towards",
        ];
        let end = if self.glued(i + 1, b'-') && self.is_keyword(i + 2, Keyword::End) {
            i + 3
        } else if self.is_keyword(i + 1, Keyword::End) && !self.glued(i + 1, b'-') {
            i + 2
        } else if self.punct(i + 1, b'\'')
            && self.word_is(i + 2, b"s")
            && self.is_keyword(i + 3, Keyword::End)
        {
            i + 4
        } else {
            return None;
        };
        if !self.word_in(i - 1, PREP) {
            return None;
        }
        // "by year-end results": an adjective, not the date.
        if !self.not_noun(end) {
            return None;
        }
        let y = self.dct.year();
        // "since year-end" looks back; "by/until year-end" is a deadline ahead.
        let past = self.word_in(i - 1, &[b"since", b"after", b"from"])
            || self.word_in(i - 1, &[b"at", b"around", b"near"])
                && self.tense(i, end) == Tense::Past;
        let y = if past && !(self.dct.month() == 12 && self.dct.day() == 31) {
            y - 1
        } else {
            y
        };
        found(end, Date, value::year_end(y))
    }

    /// "the summer", "the early summer", "the winter of 1994" (`j` is the token
    /// after "the"): the season named, in the given year, else the latest one
    /// that has begun by the article date (or the next, in a future sentence).
    pub(super) fn the_season(&self, i: usize, j: usize) -> Option<Match> {
        let k = if matches!(self.lex_at(j), Lex::Season(_)) {
            j
        } else {
            j + 1
        };
        let Lex::Season(sn) = self.lex_at(k) else {
            return None;
        };
        let sn = sn as u32;
        if self.is_keyword(k + 1, Keyword::Of) {
            if let Some((y, e)) = self.year_at(k + 2) {
                return found(e, Date, value::season(y, sn));
            }
            if let Some((y, e)) = self.spoken_year_at(k + 2) {
                return found(e, Date, value::season(y, sn));
            }
            return None;
        }
        let y = self.season_year(i, k + 1, sn);
        found(k + 1, Date, value::season(y, sn))
    }

    /// The year of season `sn` named by tokens `[i, e)`: the latest one
    /// begun by the article's date in a past clause, the next one in a future
    /// clause (a modal counts: "he can shut it down for the winter"), and
    /// otherwise the one nearest the article ("the spring" in February is
    /// the coming one, "It is still winter" in March the one ending).
    pub(super) fn season_year(&self, i: usize, e: usize, sn: u32) -> i32 {
        let (cy, cs) = resolve::season_of(self.dct);
        let modal = |k: usize| self.word_in(k, &[b"can", b"could", b"may", b"might", b"must"]);
        let mut t = self.tense(i, e);
        let mut k = i;
        while k > 0 && i - k < 8 && !self.clause_edge(k - 1) {
            k -= 1;
            if modal(k) {
                t = Tense::Future;
                break;
            }
        }
        match t {
            Tense::Future if sn > cs => cy,
            Tense::Future => cy + 1,
            Tense::Past if sn <= cs => cy,
            Tense::Past => cy - 1,
            _ => resolve::nearest_season(self.dct, sn),
        }
    }

    /// A season named alone: "In autumn, Ivanov was sanctioned", "Winter is
    /// coming", "It is still winter", "a spring offensive". "fall" alone is
    /// the verb far more often and is left out.
    pub(super) fn bare_season(&self, i: usize, sn: u32) -> Option<Match> {
        if self.word_is(i, b"fall") {
            return None;
        }
        let before = i > 0
            && self.word_in(
                i - 1,
                &[b"in", b"until", b"since", b"during", b"still", b"a"],
            );
        let opens = (i == 0 || self.boundary(i - 1))
            && self.capitalised(i)
            && self.word_in(i + 1, &[b"is", b"was", b"will", b"has", b"had", b"came"]);
        // "a spring offensive" but not "a spring of water" or "a summer of".
        if before && self.word_is(i - 1, b"a") && self.not_noun(i + 1) {
            return None;
        }
        if !(before || opens) || self.is_keyword(i + 1, Keyword::Of) {
            return None;
        }
        found(
            i + 1,
            Date,
            value::season(self.season_year(i, i + 1, sn), sn),
        )
    }

    /// "the year", "the quarter", "the week of March 6", "the year-ago
    /// quarter", "the year two thousand" (`j` is the singular unit `u`).
    pub(super) fn the_unit(&mut self, j: usize, u: Unit) -> Option<Match> {
        // "the year-earlier period", "the year-ago quarter"
        if u == Unit::Year {
            if let Some(end) = self.year_ago_adjective_end(j) {
                return self.year_ago(end);
            }
        }
        // "the year two thousand"
        if u == Unit::Year {
            if let Some((a, e)) = self.number_at(j + 1) {
                if matches!(a, 1..=2) && self.word_is(e, b"thousand") {
                    return found(e + 1, Date, value::year(a as i32 * 1000));
                }
            }
        }
        match u {
            // "the week of March 6": the week holding that day.
            Unit::Week if self.is_keyword(j + 1, Keyword::Of) => {
                let Lex::Month(mo, abbr) = self.lex_at(j + 2) else {
                    return None;
                };
                let x = self.month(j + 2, mo as u32, abbr)?;
                let d = value::parse_day(&x.value).filter(|_| x.value.len() == 10)?;
                found(x.end, Date, value::iso_week(d))
            }
            // "the quarter-to-quarter comparison" is not a date.
            Unit::Quarter if self.glued(j + 1, b'-') => None,
            Unit::Quarter => self.focus_quarter(j + 1),
            // "the year ended Sept. 30" is a fiscal year's length; "for the
            // year", "a high for the year", "of the year" are the article's year.
            Unit::Year if self.digits_at(j + 1).is_none() => {
                if self.word_in(
                    j + 1,
                    &[b"ended", b"ending", b"ends", b"to", b"through", b"before"],
                ) {
                    found(j + 1, Duration, "P1Y".into())
                } else {
                    found(j + 1, Date, value::year(self.dct.year()))
                }
            }
            _ => None,
        }
    }

    /// "the 1990s", "the 1988 second quarter", "the 1989 period", "the nine
    /// months" (`j` is the number after "the").
    pub(super) fn the_number(&mut self, j: usize) -> Option<Match> {
        // "the 1990s"
        if let Some(x) = self.decade(j) {
            return Some(x);
        }
        // "the 1988 second quarter", "the 1989 period"
        if let Some((y, e)) = self.year_at(j) {
            if let Some(x) = self.ordinal_quarter(e, Some(y)) {
                return Some(x);
            }
            // "the 1989 period": in an earnings report, that year's quarter
            // under discussion.
            if self.is_keyword(e, Keyword::Period) {
                if let Some((_, q)) = self.last_quarter {
                    return found(e + 1, Date, value::quarter(y, q));
                }
                return found(e + 1, Date, value::year(y));
            }
            // "the 1988 quarter": the quarter under discussion, in that year.
            if matches!(self.unit_at(e), Some((Unit::Quarter, false))) {
                let q = self
                    .last_quarter
                    .map_or_else(|| resolve::quarter_of(self.dct), |(_, q)| q);
                return found(e + 1, Date, value::quarter(y, q));
            }
        }
        // "the nine months", "the 12 months"; "the 14-day" leaves "the" out.
        if self.glued(j + 1, b'-') {
            return None;
        }
        self.plain_duration(j)
    }

    /// "Thanksgiving (Day)": the fourth Thursday of November nearest the
    /// article in the tense's direction.
    pub(super) fn thanksgiving(&self, i: usize) -> Option<Match> {
        let dct = self.dct;
        let end = if self.word_is(i + 1, b"day") {
            i + 2
        } else {
            i + 1
        };
        // The fourth Thursday of November nearest the article in the tense's direction.
        let t = self.tense(i, end);
        let mut best: Option<NaiveDate> = None;
        for y in [dct.year() - 1, dct.year()] {
            let nov1 = NaiveDate::from_ymd_opt(y, 11, 1)?;
            let d = resolve::add_days(resolve::weekday_near(nov1, 4, Tense::Future)?, 21)?;
            let ok = match t {
                Tense::Future => d >= dct,
                _ => d <= dct,
            };
            if ok || best.is_none() {
                best = Some(d);
            }
        }
        found(end, Date, value::day(best?))
    }

    /// "Christmas (Day)", "Christmas Eve", in the year the tense points to.
    pub(super) fn christmas(&self, i: usize) -> Option<Match> {
        let dct = self.dct;
        if !self.capitalised(i) {
            return None;
        }
        let (day, end) = if self.word_is(i + 1, b"eve") {
            (24, i + 2)
        } else if self.word_is(i + 1, b"day") {
            (25, i + 2)
        } else {
            (25, i + 1)
        };
        let d = resolve::infer_year_md(dct, 12, day, self.tense(i, end))?;
        found(end, Date, value::day(d))
    }
}
