//! The matcher's state (the tokens, the article's date, what the article
//! said before) and the token accessors every rule reads with. Every
//! accessor reads out of range as nothing, so a rule never checks bounds.

use chrono::NaiveDate;

use crate::dates::lexicon::{Keyword, Lex, Token, TokenKind};
use crate::dates::timex::TimexType;
use crate::dates::value::{Precision, Unit};

/// One match: the tokens up to `end` (exclusive), the TIMEX3 type and value.
#[derive(Debug, Clone)]
pub struct Match {
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    /// The expression starts with a quantity ("three weeks", "3 p.m."), so a
    /// quantity modifier ("more than", "about") may join it.
    pub quantity: bool,
}

/// A match without a leading quantity, the shape most rules return.
pub(super) fn found(end: usize, kind: TimexType, value: String) -> Option<Match> {
    Some(Match {
        end,
        kind,
        value,
        quantity: false,
    })
}

/// The grammar over one text: rules read the tokens and remember what the
/// article said so far (the reference time, the quarter in focus).
pub struct Matcher<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    /// The article's date (TimeML's document creation time).
    pub(super) dct: NaiveDate,
    /// The quarter the article last talked about: "the quarter", "a year earlier"
    /// in earnings reports refer to it.
    pub(super) last_quarter: Option<(i32, u32)>,
    /// The article speaks of quarters somewhere (an earnings report), so "a year
    /// ago" means the year-ago quarter even before the quarter is named.
    pub(super) mentions_quarter: bool,
    /// The report moved from the quarter to "the nine months": "a year earlier"
    /// now means the year before, not the year-ago quarter.
    pub(super) months_focus: bool,
    /// The reference time: the last date the article named, with the precision
    /// it was named at. "That day", "later that year", "the following month" refer to it.
    pub(super) reference: Option<(NaiveDate, Precision)>,
    /// The last full date matched and the token index just after it: "April 24 and
    /// 25" makes the second day a date of the same month.
    pub(super) last_day: Option<(usize, NaiveDate)>,
    /// The text uses "today" for its own day somewhere ("said today", "will
    /// vote today"), as wire copy does; then every "today" in it is that day.
    /// Set by [`Matcher::new`] from the whole text.
    pub(super) deictic_today: bool,
    /// A retold past: the last date of a year before the article's that the
    /// text named with its year ("February 2022", "as early as 2014") or
    /// reached from one, and the token where it was named. Bare month-days
    /// and months that follow it in a non-future clause belong to its
    /// year ("On March 15, Zelensky said…" in a 2024 recap of the 2022 talks)
    /// until a date counted from the article ("on Tuesday", "this week")
    /// brings the text back to its present, or eight paragraphs pass
    /// without a date of the story.
    pub(super) narrative: Option<(NaiveDate, usize)>,
    /// The match being built was resolved from [`narrative`](Self::narrative).
    pub(super) narrated: bool,
    /// The days the text named so far, latest last (at most
    /// [`NAMED_DAYS`]): a month and day named again without a year ("the
    /// April 15 draft" after "between March 29 and April 15") is the same day.
    pub(super) named_days: Vec<NaiveDate>,
    /// The named days and period starts the whole text dates (`named`),
    /// gathered on the first mention of a named day or a day of a period.
    pub(super) defined: Option<Vec<Defined>>,
}

/// A named day or the start of a period, as the text dates it (see the
/// `named` family): "the Independence Day of Ukraine (August 24)", "the
/// invasion began on February 24".
#[derive(Debug, Clone, Copy)]
pub(super) struct Defined {
    /// The tokens of its name: a named day's whole name, a period's head noun.
    pub name: (usize, usize),
    pub month: u32,
    pub day: u32,
    /// A period's first day (with its year); `None` for a named day, which
    /// recurs every year and takes the year the context gives.
    pub start: Option<NaiveDate>,
}

/// How many named days [`Matcher::named_days`] keeps (a bound so a corpus
/// tagged as one text stays linear).
pub(super) const NAMED_DAYS: usize = 64;

impl<'a> Matcher<'a> {
    /// A matcher over `tokens` (of `text`), for an article dated `dct`.
    pub fn new(text: &'a str, tokens: &'a [Token], dct: NaiveDate) -> Self {
        let mentions_quarter = tokens
            .iter()
            .any(|t| matches!(t.lex, Lex::Unit(Unit::Quarter, _)));
        let mut m = Matcher {
            text,
            tokens,
            dct,
            last_quarter: None,
            mentions_quarter,
            months_focus: false,
            reference: None,
            last_day: None,
            deictic_today: false,
            narrative: None,
            narrated: false,
            named_days: Vec::new(),
            defined: None,
        };
        m.deictic_today = m.today_names_the_day();
        m
    }

    /// The narrative's date if it is still in force at token `i`: at most
    /// eight paragraph breaks and 4,000 tokens since it was named (the bound
    /// keeps this check short on a whole corpus tagged as one text).
    pub(super) fn narrative_anchor(&self, i: usize) -> Option<NaiveDate> {
        let (date, at) = self.narrative?;
        if i.saturating_sub(at) > 4000 {
            return None;
        }
        let breaks = self
            .tokens
            .get(at + 1..=i)?
            .iter()
            .filter(|t| t.para_before)
            .take(9)
            .count();
        (breaks <= 8).then_some(date)
    }

    /// The class of token `i`.
    pub(super) fn lex_at(&self, i: usize) -> Lex {
        self.tokens.get(i).map_or(Lex::None, |t| t.lex)
    }

    /// The keyword at `i`, if it is one.
    pub(super) fn keyword_at(&self, i: usize) -> Option<Keyword> {
        match self.lex_at(i) {
            Lex::Keyword(k) => Some(k),
            _ => None,
        }
    }

    pub(super) fn is_keyword(&self, i: usize, k: Keyword) -> bool {
        self.keyword_at(i) == Some(k)
    }

    /// Token `i` is the punctuation character `c`.
    pub(super) fn punct(&self, i: usize, c: u8) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.ch == c)
    }

    /// Punctuation `c` at `i` glued to both neighbours ("third-quarter", "3:30").
    pub(super) fn glued(&self, i: usize, c: u8) -> bool {
        self.punct(i, c)
            && !self.tokens[i].space_before
            && self.tokens.get(i + 1).is_some_and(|t| !t.space_before)
    }

    /// The text of token `i`.
    pub(super) fn bytes(&self, i: usize) -> &'a [u8] {
        self.tokens
            .get(i)
            .map_or(&[][..], |t| &self.text.as_bytes()[t.start..t.end])
    }

    /// Token `i` is the word `w` (ASCII case-insensitive).
    pub(super) fn word_is(&self, i: usize, w: &[u8]) -> bool {
        self.bytes(i).eq_ignore_ascii_case(w)
    }

    /// Token `i` is one of `words` ([`word_is`](Self::word_is) each).
    pub(super) fn word_in(&self, i: usize, words: &[&[u8]]) -> bool {
        words.iter().any(|w| self.word_is(i, w))
    }

    /// A digit token's value and number of digits.
    pub(super) fn digits_at(&self, i: usize) -> Option<(u32, u8)> {
        let t = self.tokens.get(i)?;
        (t.kind == TokenKind::Num).then_some((t.num, t.digits))
    }

    /// Token `i` starts with an ASCII capital.
    pub(super) fn capitalised(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.cap)
    }

    /// A number written in digits (up to 4 without separators) or words
    /// ("twenty-four", "two hundred"). Returns the value and the next index.
    pub(super) fn number_at(&self, i: usize) -> Option<(u32, usize)> {
        if let Some((v, nd)) = self.digits_at(i) {
            if nd > 4 {
                return None;
            }
            // "2.5 years", "1,000 years": not a plain number here.
            if self.glued(i + 1, b'.') || self.glued(i + 1, b',') && self.digits_at(i + 2).is_some()
            {
                return None;
            }
            if i > 0
                && (self.glued(i - 1, b'.') || self.glued(i - 1, b',') || self.glued(i - 1, b'/'))
                && self.digits_at(i - 2).is_some()
            {
                return None;
            }
            return Some((v, i + 1));
        }
        let Lex::NumberWord(n) = self.lex_at(i) else {
            return None;
        };
        if n == 100 {
            return None;
        }
        let mut v = n;
        let mut j = i + 1;
        if (20..=90).contains(&n) && n % 10 == 0 {
            let k = if self.glued(j, b'-') { j + 1 } else { j };
            if let Lex::NumberWord(u) = self.lex_at(k) {
                if (1..=9).contains(&u) {
                    v += u;
                    j = k + 1;
                }
            }
        }
        if v < 10 && self.lex_at(j) == Lex::NumberWord(100) {
            v *= 100;
            j += 1;
        }
        Some((v, j))
    }

    /// A unit of time at `i` and whether it is plural; "second" counts as a
    /// unit unless it is an ordinal ("second half", "second quarter").
    pub(super) fn unit_at(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex_at(i) {
            Lex::Unit(u, pl) => Some((u, pl)),
            Lex::Ordinal(2)
                if self.word_is(i, b"second")
                    && !self.is_keyword(i + 1, Keyword::Half)
                    && !matches!(self.lex_at(i + 1), Lex::Unit(Unit::Quarter, _)) =>
            {
                Some((Unit::Second, false))
            }
            _ => None,
        }
    }

    /// Token `k` cannot be a noun that the previous word modifies.
    pub(super) fn not_noun(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return true;
        };
        if t.kind != TokenKind::Word || t.lex != Lex::None || t.para_before {
            return true;
        }
        const FUNCTION: &[&[u8]] = &[
            b"and", b"or", b"but", b"as", b"when", b"that", b"is", b"was", b"are", b"were", b"has",
            b"have", b"had", b"in", b"on", b"of", b"for", b"with", b"by", b"from", b"i", b"we",
            b"he", b"she", b"they", b"it", b"you", b"there", b"will", b"would", b"can", b"could",
            b"because", b"if", b"so", b"than",
        ];
        self.word_in(k, FUNCTION)
    }
}
