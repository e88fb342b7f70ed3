//! Named days and periods the text itself dates, wherever it names them.
//!
//! There is no list of holidays or events: a named day ("Independence Day",
//! "the day of independence of Ukraine") or a day of a period ("the first day
//! of the invasion") is a date only when the same text says which. A text
//! dates them once ("the Independence Day of Ukraine (August 24)", "the
//! invasion began on February 24", "since the start of the war on February
//! 24", "since February 24, i.e. the first day of Russia's invasion"), and that holds for the whole text, before and after
//! the definition, as a glossary does. The first mention that needs them
//! gathers the definitions in one pass over the tokens
//! ([`Matcher::defined_days`]); the rules then look them up ([`Matcher::defined_day`], [`Matcher::day_of_period`]).

use chrono::NaiveDate;

use crate::dates::lexicon::{Keyword, Lex, TokenKind};
use crate::dates::resolve::{self, Tense};
use crate::dates::timex::TimexType::Date;
use crate::dates::value::{self, Unit};

use super::state::{found, Defined, Match, Matcher};

/// Verbs saying a period began: "the invasion began on February 24".
const BEGAN: &[&[u8]] = &[b"began", b"begun", b"started", b"start", b"begin"];

/// Words between a date and the period it starts: "February 24, i.e. the
/// first day of…", "February 24, that is, the first day of…".
const APPOSITION: &[&[u8]] = &[b"i", b"e", b"ie", b"that", b"is", b"namely"];

impl Matcher<'_> {
    /// The text's definitions ([`defined_days`](Self::defined_days)),
    /// gathered on the first mention that needs them: most texts name no
    /// day or period, and then pay nothing.
    fn definitions(&mut self) -> Vec<Defined> {
        if self.defined.is_none() {
            self.defined = Some(self.defined_days());
        }
        self.defined.clone().unwrap_or_default()
    }

    /// The named days and period starts the whole text dates (see the module
    /// docs). One pass; only a capitalised "Day", a verb of beginning or a
    /// date followed by a comma are looked at closer.
    pub(super) fn defined_days(&self) -> Vec<Defined> {
        let mut out = Vec::new();
        // Every definition writes a month's name; most texts have none to look at.
        if !self.tokens.iter().any(|t| matches!(t.lex, Lex::Month(..))) {
            return out;
        }
        for (k, t) in self.tokens.iter().enumerate() {
            // The cheap test first: which of the forms below can start here.
            let began_word = t.kind == TokenKind::Word
                && t.lex == Lex::None
                && (5..=7).contains(&(t.end - t.start))
                && matches!(self.text.as_bytes()[t.start], b'b' | b's');
            let opens = t.cap && t.lex == Lex::Unit(Unit::Day, false)
                || began_word
                || t.lex == Lex::Keyword(Keyword::The)
                || matches!(t.lex, Lex::Month(..))
                || t.kind == TokenKind::Num;
            if !opens {
                continue;
            }
            // "the Independence Day of Ukraine (August 24)", "Independence Day, August 24,".
            if t.cap && t.lex == Lex::Unit(Unit::Day, false) {
                let (start, end) = self.day_name(k);
                if start < k || end > k + 1 {
                    if let Some((mo, d, None, e)) = self.date_words(end + 1) {
                        let close = if self.punct(end, b'(') { b')' } else { b',' };
                        let beside = self.punct(end, b'(') || self.punct(end, b',');
                        if beside && (self.punct(e, close) || close == b',' && self.boundary(e)) {
                            out.push(Defined {
                                name: (start, end),
                                month: mo,
                                day: d,
                                start: None,
                            });
                        }
                    }
                }
            }
            // "the invasion began on February 24": the period named by the noun
            // before the verb starts that day.
            if began_word && k > 0 && self.word_in(k, BEGAN) && self.head_noun(k - 1) {
                let at = if self.word_is(k + 1, b"on") {
                    k + 2
                } else {
                    k + 1
                };
                if let Some((mo, d, y, _)) = self.date_words(at) {
                    if let Some(start) = self.period_start(mo, d, y) {
                        out.push(Defined {
                            name: (k - 1, k),
                            month: mo,
                            day: d,
                            start: Some(start),
                        });
                    }
                }
            }
            // "since the start of the war on February 24", "the beginning of
            // Russia's invasion on 24 February 2022".
            if t.lex == Lex::Keyword(Keyword::The)
                && (matches!(
                    self.keyword_at(k + 1),
                    Some(Keyword::Start | Keyword::Beginning)
                ) || self.word_is(k + 1, b"outbreak"))
                && self.is_keyword(k + 2, Keyword::Of)
            {
                if let Some(def) = self.start_of(k + 2) {
                    out.push(def);
                }
            }
            // "since February 24, i.e. the first day of Russia's invasion of Ukraine".
            if matches!(t.lex, Lex::Month(..)) || t.kind == TokenKind::Num {
                if let Some((mo, d, y, e)) = self.date_words(k) {
                    let mut j = e;
                    while self.punct(j, b',') || self.punct(j, b'.') || self.word_in(j, APPOSITION)
                    {
                        j += 1;
                    }
                    if j > e
                        && self.is_keyword(j, Keyword::The)
                        && self.lex_at(j + 1) == Lex::Ordinal(1)
                        && self.unit_at(j + 2) == Some((Unit::Day, false))
                        && self.is_keyword(j + 3, Keyword::Of)
                    {
                        if let (Some(h), Some(start)) =
                            (self.period_heads(j + 3).next(), self.period_start(mo, d, y))
                        {
                            out.push(Defined {
                                name: (h, h + 1),
                                month: mo,
                                day: d,
                                start: Some(start),
                            });
                        }
                    }
                }
            }
        }
        out
    }

    /// "the start of X on DATE" (`of` is the "of"): the period headed by X
    /// starts that day; "on" must follow X within the clause.
    fn start_of(&self, of: usize) -> Option<Defined> {
        let head = self.period_heads(of).next()?;
        let on = (head + 1..head + 6)
            .take_while(|&k| !self.boundary(k) && !self.punct(k, b','))
            .find(|&k| self.word_is(k, b"on"))?;
        let (mo, d, y, _) = self.date_words(on + 1)?;
        Some(Defined {
            name: (head, head + 1),
            month: mo,
            day: d,
            start: Some(self.period_start(mo, d, y)?),
        })
    }

    /// The day a period started, from its month and day: the written year,
    /// else the last such day up to the article (a period that began is past).
    fn period_start(&self, mo: u32, d: u32, y: Option<i32>) -> Option<NaiveDate> {
        match y {
            Some(y) => NaiveDate::from_ymd_opt(y, mo, d),
            None => resolve::infer_year_within(self.dct, mo, d, Tense::Past, 366),
        }
    }

    /// A month and day written out at `k` ("August 24", "Aug. 24", "24
    /// August", with an optional ", 2022"): month, day, year and the token
    /// after it.
    fn date_words(&self, k: usize) -> Option<(u32, u32, Option<i32>, usize)> {
        let day = |j: usize| {
            self.digits_at(j)
                .filter(|&(d, nd)| nd <= 2 && (1..=31).contains(&d))
                .map(|(d, _)| d)
        };
        let (mo, d, mut e) = match (self.lex_at(k), self.lex_at(k + 1)) {
            (Lex::Month(mo, _), _) if self.capitalised(k) => {
                let j = if self.glued(k + 1, b'.') || self.punct(k + 1, b'.') {
                    k + 2
                } else {
                    k + 1
                };
                (mo as u32, day(j)?, j + 1)
            }
            (_, Lex::Month(mo, _)) if self.capitalised(k + 1) => (mo as u32, day(k)?, k + 2),
            _ => return None,
        };
        let mut y = None;
        let at = if self.punct(e, b',') { e + 1 } else { e };
        if let Some((year, ye)) = self.year_at(at) {
            y = Some(year);
            e = ye;
        }
        Some((mo, d, y, e))
    }

    /// The name of the capitalised "Day" at `k`: the capitalised words right
    /// before it ("Independence Day") and an "of …" of capitalised words after
    /// it ("the Day of the Heroes of the Heavenly Hundred"), as a token range.
    pub(super) fn day_name(&self, k: usize) -> (usize, usize) {
        let mut start = k;
        while start > 0
            && !self.boundary(start - 1)
            && (self.capitalised(start - 1) && self.tokens[start - 1].kind == TokenKind::Word
                || self.punct(start - 1, b'\'') && self.capitalised(start - 2))
        {
            start -= 1;
        }
        // Not the sentence's first word unless it is part of the name's caps run.
        let mut end = k + 1;
        if self.is_keyword(end, Keyword::Of) {
            let mut j = end + 1;
            if self.is_keyword(j, Keyword::The) {
                j += 1;
            }
            while self.capitalised(j) && self.tokens[j].kind == TokenKind::Word
                || self.is_keyword(j, Keyword::Of) && self.capitalised(j + 1)
                || self.is_keyword(j, Keyword::The) && self.capitalised(j + 1)
            {
                j += 1;
                end = j;
            }
        }
        (start, end)
    }

    /// Token `k` is a word of a name that tells names apart (not "the",
    /// "of", "day" or a possessive "s").
    fn name_word(&self, k: usize) -> bool {
        self.tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.end - t.start >= 2
                && !self.word_in(k, &[b"the", b"of", b"day", b"and"])
        })
    }

    /// Every name word of `[s, e)` is among the name words of `def`'s name.
    fn words_within(&self, s: usize, e: usize, def: &Defined) -> bool {
        let (ds, de) = def.name;
        (s..e).filter(|&k| self.name_word(k)).all(|k| {
            (ds..de).any(|m| self.name_word(m) && self.bytes(m).eq_ignore_ascii_case(self.bytes(k)))
        })
    }

    /// The named day `[s, e)` (span from `i`) is one the text dates: its date,
    /// the year as for a bare month-day there.
    pub(super) fn defined_day(&mut self, i: usize, s: usize, e: usize) -> Option<Match> {
        if !(s..e).any(|k| self.name_word(k)) {
            return None;
        }
        let defs = self.definitions();
        let def = *defs
            .iter()
            .find(|d| d.start.is_none() && self.words_within(s, e, d))?;
        let date = self.infer_month_day(i, e, def.month, def.day)?;
        found(e, Date, value::day(date))
    }

    /// "the day of independence of Ukraine" (`j` is "day", lowercase, `i` is
    /// "the"): a named day the text dates, read as far as its words are the
    /// defined name's.
    pub(super) fn the_day_of(&mut self, i: usize, j: usize) -> Option<Match> {
        if self.capitalised(j) || !self.is_keyword(j + 1, Keyword::Of) {
            return None;
        }
        let defs: Vec<Defined> = self
            .definitions()
            .into_iter()
            .filter(|d| d.start.is_none())
            .collect();
        for def in defs {
            let mut end = None;
            let mut k = j + 2;
            while k < j + 10 && !self.boundary(k) {
                if self.name_word(k) {
                    if !self.words_within(k, k + 1, &def) {
                        break;
                    }
                    end = Some(k + 1);
                } else if !self.word_in(k, &[b"of", b"the"]) {
                    break;
                }
                k += 1;
            }
            if let Some(e) = end {
                if let Some(x) = self.defined_day(i, j + 2, e) {
                    return Some(x);
                }
            }
        }
        None
    }

    /// "the first day of the war", "the third day of the invasion" (`j` is
    /// the ordinal after "the"): a day counted from the start of a period
    /// the text dates, matched by the period's head noun.
    pub(super) fn day_of_period(&mut self, j: usize) -> Option<Match> {
        let Lex::Ordinal(n @ 1..=366) = self.lex_at(j) else {
            return None;
        };
        if self.unit_at(j + 1) != Some((Unit::Day, false)) || !self.is_keyword(j + 2, Keyword::Of) {
            return None;
        }
        let defs = self.definitions();
        let start = self.period_heads(j + 2).find_map(|h| {
            defs.iter().find_map(|d| {
                let (s, _) = d.name;
                d.start
                    .filter(|_| self.bytes(s).eq_ignore_ascii_case(self.bytes(h)))
            })
        })?;
        let day = resolve::add_days(start, i64::from(n) - 1)?;
        found(j + 2, Date, value::day(day))
    }

    /// The lowercase nouns that may head the period named after "of" at
    /// `of`: up to eight tokens, to the next "of", punctuation or sentence end
    /// ("the Russian invasion of Ukraine" → "invasion", "the war" → "war").
    fn period_heads(&self, of: usize) -> impl Iterator<Item = usize> + '_ {
        (of + 1..of + 9)
            .take_while(move |&k| {
                !self.boundary(k)
                    && (self.tokens[k].kind == TokenKind::Word
                        || self.punct(k, b'\'')
                        || self.punct(k, b'-'))
                    && !(k > of + 1 && self.is_keyword(k, Keyword::Of))
            })
            .filter(move |&k| self.head_noun(k))
    }

    /// Token `k` could be a period's head noun: a lowercase word of three or
    /// more letters that is no function word and no time word.
    fn head_noun(&self, k: usize) -> bool {
        self.tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word
                && !t.cap
                && t.lex == Lex::None
                && t.end - t.start >= 3
                && !self.not_noun(k)
                && !self.word_in(
                    k,
                    &[b"the", b"its", b"his", b"her", b"their", b"full", b"scale"],
                )
        })
    }
}
