//! The entry point: which rules can start at a token, and the modifiers
//! ("more than", "early", "the end of") that may come before any of them.
//!
//! A token that is neither a number nor a word of the lexicon costs one
//! comparison; the others are dispatched by a `match` on their class, so no
//! rule is tried where it cannot start.

use chrono::Datelike;

use crate::dates::lexicon::{Keyword, Lex, TokenKind};
use crate::dates::timex::TimexType::{Date, Duration, Set, Time};
use crate::dates::value::{self, Precision, Unit, PAST_REF, PRESENT_REF};

use super::state::{found, Match, Matcher, NAMED_DAYS};

impl Matcher<'_> {
    /// The longest match starting at token `i`, if any.
    pub fn match_at(&mut self, i: usize) -> Option<Match> {
        self.narrated = false;
        let x = self.longest_at(i)?;
        match x.kind {
            Date | Time => {
                if let Some(r) = value::calendar_date(&x.value) {
                    let opening = self.reference.is_none();
                    self.reference = Some(r);
                    self.follow_narrative(i, x.end, r.0, r.1, opening);
                }
                self.last_day = if x.value.len() == 10 {
                    value::parse_day(&x.value).map(|d| (x.end, d))
                } else {
                    None
                };
                if let Some((_, d)) = self.last_day {
                    if self.named_days.len() == NAMED_DAYS {
                        self.named_days.remove(0);
                    }
                    self.named_days.push(d);
                }
            }
            Duration => {
                // "the nine months", "the first six months": a year-to-date period.
                if let Some(n) = x.value.strip_prefix('P').and_then(|v| v.strip_suffix('M')) {
                    if matches!(n.parse::<u32>(), Ok(2..=11))
                        && matches!(self.lex_at(i), Lex::Keyword(Keyword::The) | Lex::Ordinal(_))
                    {
                        self.months_focus = true;
                    }
                }
            }
            Set => {}
        }
        Some(x)
    }

    /// Keep [`Matcher::narrative`] up to date after a date starting at `i`
    /// (ending at `end`, named at precision `p` from `date`): a month or day
    /// written with a year before the article's opens or moves a narrative
    /// ("On February 24, 2022, Russia invades…"); a year alone ("in 2014")
    /// is background and leaves it as it is; a written year of the article or
    /// later closes it; a date resolved from the narrative moves it on; any
    /// other date was counted from the article and closes it.
    fn follow_narrative(
        &mut self,
        i: usize,
        end: usize,
        date: chrono::NaiveDate,
        p: Precision,
        opening: bool,
    ) {
        let written_year = (i..end).any(|k| self.year_at(k).is_some());
        let past = date.year() < self.dct.year();
        // "the August 1988 cease-fire", "the Dec. 21, 1988, bombing": a date
        // used as a modifier names an event as background, it does not tell one.
        let noun = |k: usize| !self.not_noun(k) && !self.capitalised(k);
        let attributive =
            noun(end) || self.punct(end, b',') && noun(end + 1) && self.year_at(end - 1).is_some();
        // The text's first date may set the frame of a retold story ("Less than
        // a week after the start of Russia's February 2022 invasion … talks
        // began"), but not when "since" measures from it to the present
        // ("since Russia's February 2022 invasion"): that is background.
        let frame = opening && !self.since_before(i);
        // A year alone is background, unless the lead says the story began
        // then: "Russia's aggression in Ukraine began as early as 2014. On
        // February 27, unmarked formations…".
        let began = frame && self.began_before(i);
        if written_year && past && (p < Precision::Month && !began || attributive && !frame) {
            return;
        }
        self.narrative = if written_year || !self.narrated {
            // A date counted from the story ("the next day", the end of a range)
            // is before the article's year; one counted from the article is not.
            (past && (written_year || self.narrative.is_some())).then_some((date, i))
        } else {
            Some((date, i))
        };
    }

    /// A verb of beginning governs the date at `i`: within the four tokens
    /// before it and the same clause ("began as early as 2014", "started in 2014").
    fn began_before(&self, i: usize) -> bool {
        (i.saturating_sub(4)..i)
            .rev()
            .take_while(|&k| !self.boundary(k) && !self.punct(k, b','))
            .any(|k| self.word_in(k, &[b"began", b"begun", b"started"]))
    }

    /// "since" heads the phrase of the date at `i`: within the five tokens
    /// before it and the same clause ("since Russia's February 2022
    /// invasion", "Since the February 2022 invasion").
    fn since_before(&self, i: usize) -> bool {
        (i.saturating_sub(5)..i)
            .rev()
            .take_while(|&k| !self.boundary(k) && !self.punct(k, b','))
            .any(|k| self.word_is(k, b"since"))
    }

    /// The longest match at `i`, with or without a leading modifier.
    fn longest_at(&mut self, i: usize) -> Option<Match> {
        let t = self.tokens.get(i)?;
        if t.lex == Lex::None && t.kind != TokenKind::Num {
            return None;
        }
        // Quantity modifiers: "more than four years", "about 3 p.m.", "up to 180 days".
        if let Some(j) = self.after_quantity_modifier(i) {
            if let Some(x) = self.rule_at(j) {
                if x.quantity {
                    return Some(x);
                }
            }
        }
        // Date modifiers: "early next year", "mid-November", "earlier this month", "the end of 1990".
        if let Some(j) = self.after_date_modifier(i) {
            if let Some(x) = self.rule_at(j) {
                // "the end of the year", "earlier in the year": the article's year.
                if x.value == "P1Y" && x.end == j + 2 && self.is_keyword(j, Keyword::The) {
                    return found(x.end, Date, value::year(self.dct.year()));
                }
            }
            // "the end of the month/week/quarter": the article's month, week,
            // quarter; in a retold story told from its past, the story's month.
            if self.is_keyword(j, Keyword::The) {
                if let Some(anchor) = self.narrative_anchor(i) {
                    if self.unit_at(j + 1) == Some((Unit::Month, false))
                        && !self.sentence_is_deictic(i)
                    {
                        return found(j + 2, Date, value::month(anchor.year(), anchor.month()));
                    }
                }
                if let Some((u @ (Unit::Month | Unit::Week | Unit::Quarter), false)) =
                    self.unit_at(j + 1)
                {
                    return self.this_unit(j + 2, u, 0);
                }
            }
            // "earlier that day", "later that year": the reference time, modifier included.
            if matches!(self.keyword_at(i), Some(Keyword::Earlier | Keyword::Later))
                && self.is_keyword(j, Keyword::That)
            {
                if let Some(x) = self.rule_at(j) {
                    return Some(x);
                }
            }
            if let Some(x) = self.rule_at(j) {
                // TE3 spans take "early/late/earlier" with months, years, quarters and
                // decades ("early next year", "mid-November") but not with days or weeks
                // ("earlier Friday", "earlier this week" keep the modifier outside).
                let coarse = x.value.len() <= 7 && !x.value.contains('W') && !x.value.contains('T');
                if matches!(x.kind, Date | Time)
                    && !x.quantity
                    && coarse
                    && !x.value.ends_with("_REF")
                {
                    return Some(x);
                }
            }
        }
        self.rule_at(i)
    }

    /// The token after a quantity modifier at `i` ("more than", "at least",
    /// "up to", "nearly"…).
    fn after_quantity_modifier(&self, i: usize) -> Option<usize> {
        let j = match self.keyword_at(i)? {
            Keyword::More | Keyword::Less if self.is_keyword(i + 1, Keyword::Than) => i + 2,
            Keyword::No
                if self.keyword_at(i + 1) == Some(Keyword::More)
                    && self.is_keyword(i + 2, Keyword::Than) =>
            {
                i + 3
            }
            Keyword::At if self.is_keyword(i + 1, Keyword::Least) => i + 2,
            Keyword::Up if self.is_keyword(i + 1, Keyword::To) => i + 2,
            // "about", "over", "within", "almost" mostly stay outside the gold spans.
            Keyword::Nearly | Keyword::Around | Keyword::Approximately => i + 1,
            _ => return None,
        };
        Some(j)
    }

    /// The token after a date modifier at `i` ("early", "mid-", "later in",
    /// "the end of"…).
    fn after_date_modifier(&self, i: usize) -> Option<usize> {
        match self.keyword_at(i)? {
            // "earlier in the year", "later in the month"
            Keyword::Earlier | Keyword::Later
                if self.word_is(i + 1, b"in")
                    && self.is_keyword(i + 2, Keyword::The)
                    && matches!(
                        self.unit_at(i + 3),
                        Some((Unit::Year | Unit::Month | Unit::Week, false))
                    ) =>
            {
                Some(i + 2)
            }
            Keyword::Early | Keyword::Late | Keyword::Mid | Keyword::Earlier | Keyword::Later => {
                Some(if self.glued(i + 1, b'-') {
                    i + 2
                } else {
                    i + 1
                })
            }
            Keyword::The
                if matches!(
                    self.keyword_at(i + 1),
                    Some(Keyword::End | Keyword::Beginning | Keyword::Start | Keyword::Middle)
                ) && self.is_keyword(i + 2, Keyword::Of) =>
            {
                Some(i + 3)
            }
            _ => None,
        }
    }

    /// Every rule without a leading modifier.
    pub(super) fn rule_at(&mut self, i: usize) -> Option<Match> {
        let t = *self.tokens.get(i)?;
        match t.lex {
            Lex::None if t.kind == TokenKind::Num => self.numeric(i),
            Lex::Month(mo, abbr) => self.month(i, mo as u32, abbr),
            Lex::Weekday(wd, plural) => self.weekday(i, wd as u32, plural),
            Lex::NumberWord(_) => self.spoken_year(i).or_else(|| self.duration(i)),
            Lex::Unit(..) => self.bare_unit(i),
            Lex::Ordinal(_) => self.ordinal(i, None),
            Lex::Keyword(k) => self.keyword_rule(i, k),
            Lex::Season(sn) => self.bare_season(i, sn as u32),
            _ => None,
        }
    }

    /// Rules starting with a keyword.
    pub(super) fn keyword_rule(&mut self, i: usize, k: Keyword) -> Option<Match> {
        match k {
            Keyword::Today | Keyword::Yesterday | Keyword::Tomorrow => self.named_day(i, k),
            Keyword::Tonight => found(
                i + 1,
                Time,
                value::day_part(self.dct, value::DayPart::Night),
            ),
            Keyword::Now | Keyword::Currently | Keyword::Presently | Keyword::Nowadays => {
                // "now" as a discourse marker still reads as the present in TimeML.
                found(i + 1, Date, PRESENT_REF.into())
            }
            Keyword::Current => self.current(i),
            Keyword::That => self.that_unit(i),
            Keyword::Recently | Keyword::Lately => found(i + 1, Date, PAST_REF.into()),
            Keyword::Recent => self.recent(i),
            Keyword::Soon => self.soon(i),
            Keyword::Daily => found(i + 1, Set, "P1D".into()),
            Keyword::Weekly => found(i + 1, Set, "P1W".into()),
            Keyword::Monthly => found(i + 1, Set, "P1M".into()),
            Keyword::Annually => self.annually(i),
            Keyword::Hourly => found(i + 1, Set, "PT1H".into()),
            Keyword::Every | Keyword::Each => self.recurrence(i),
            Keyword::Noon | Keyword::Midnight => self.noon_or_midnight(i, k),
            // A capitalised unit mid-sentence is a title: ABC's "This Week".
            Keyword::This
                if self.capitalised(i + 1)
                    && matches!(self.lex_at(i + 1), Lex::Unit(..))
                    && !(i == 0 || self.boundary(i - 1)) =>
            {
                None
            }
            // "this moment in time", "at the moment": the present ("the
            // moment of", "the moment when" name an instant of a story).
            Keyword::This | Keyword::At
                if self.word_is(i + 1, b"moment")
                    || self.is_keyword(i + 1, Keyword::The) && self.word_is(i + 2, b"moment") =>
            {
                let m = if self.word_is(i + 1, b"moment") {
                    i + 1
                } else {
                    i + 2
                };
                if (k == Keyword::At) != (m == i + 2)
                    || self.word_in(
                        m + 1,
                        &[b"of", b"when", b"that", b"he", b"she", b"they", b"we"],
                    )
                {
                    return None;
                }
                let end = if self.word_is(m + 1, b"in") && self.word_is(m + 2, b"time") {
                    m + 3
                } else {
                    m + 1
                };
                found(end, Date, PRESENT_REF.into())
            }
            Keyword::This
            | Keyword::Last
            | Keyword::Next
            | Keyword::Past
            | Keyword::Coming
            | Keyword::Previous => self.relative(i, k, false),
            Keyword::The => self.after_the(i),
            // "a long time ago": the vague past.
            Keyword::A
                if self.word_is(i + 1, b"long")
                    && self.word_is(i + 2, b"time")
                    && self.is_keyword(i + 3, Keyword::Ago) =>
            {
                found(i + 4, Date, PAST_REF.into())
            }
            Keyword::A | Keyword::Few | Keyword::Several => self.duration(i),
            Keyword::Fiscal => self.fiscal_year(i),
            Keyword::Thanksgiving => self.thanksgiving(i),
            Keyword::Christmas => self.christmas(i),
            Keyword::Future => self.in_future(i),
            _ => None,
        }
    }
}
