//! The grammar: hand-written rules over the token stream.
//!
//! `Matcher::match_at(i)` tries every rule that can start at token `i` and
//! returns the longest resolved match. Rules are plain functions keyed on the
//! first token's class, so a non-temporal token costs one `match` on an enum.
//! Resolution happens here too, because the right value depends on the words
//! around the expression (tense cues) and on what the article said before
//! (the quarter it is talking about).

use chrono::{Datelike, NaiveDate};

use super::lexicon::{Kw, Lex, Part, Tok, TokKind, Unit};
use super::resolve::{self as r, Tense};
use super::TimexType;

/// One match: tokens `[start, end)`, its type and value.
#[derive(Debug, Clone)]
pub struct M {
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    /// The expression starts with a quantity ("three weeks", "3 p.m."), so a
    /// quantity modifier ("more than", "about") may join it.
    pub quant: bool,
}

fn m(end: usize, kind: TimexType, value: String) -> Option<M> {
    Some(M {
        end,
        kind,
        value,
        quant: false,
    })
}

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

/// Past-tense cue words not ending in "-ed".
const PAST_WORDS: &[&[u8]] = &[
    b"said",
    b"told",
    b"was",
    b"were",
    b"had",
    b"did",
    b"met",
    b"held",
    b"took",
    b"made",
    b"came",
    b"went",
    b"gave",
    b"began",
    b"got",
    b"saw",
    b"left",
    b"fell",
    b"rose",
    b"won",
    b"lost",
    b"paid",
    b"sold",
    b"bought",
    b"brought",
    b"thought",
    b"found",
    b"kept",
    b"led",
    b"ran",
    b"sent",
    b"spent",
    b"struck",
    b"stood",
    b"wrote",
    b"spoke",
    b"became",
    b"knew",
    b"broke",
    b"chose",
    b"drove",
    b"flew",
    b"fled",
    b"shot",
    b"sank",
    b"sought",
    b"taught",
    b"caught",
    b"felt",
    b"heard",
    b"meant",
    b"ago",
    b"last",
    b"earlier",
    b"dealt",
    b"grew",
    b"slid",
    b"won",
    b"swore",
    b"hit",
    b"quit",
    b"withdrew",
    b"underwent",
    b"arose",
    b"since",
];

/// Future-tense cue words.
const FUTURE_WORDS: &[&[u8]] = &[
    b"will",
    b"shall",
    b"ll",
    b"would",
    b"going",
    b"scheduled",
    b"expects",
    b"expected",
    b"planning",
    b"intends",
    b"until",
    b"due",
    b"upcoming",
    b"tomorrow",
    b"wants",
    b"hopes",
    b"proposed",
    b"slated",
    b"soon",
    b"effective",
];

/// Words ending in "-ed" that are not past-tense verbs (or point forward).
const ED_NOT_PAST: &[&[u8]] = &[
    b"need",
    b"united",
    b"limited",
    b"based",
    b"related",
    b"red",
    b"speed",
    b"indeed",
    b"hundred",
    b"proceed",
    b"exceed",
    b"succeed",
    b"feed",
    b"seed",
    b"bed",
    b"shed",
    b"wed",
    b"ted",
    b"fred",
    b"ahmed",
    b"mohammed",
    b"muhammed",
    b"concerned",
    b"interested",
    b"supposed",
];

pub struct Matcher<'a> {
    text: &'a str,
    toks: &'a [Tok],
    dct: NaiveDate,
    /// The quarter the article last talked about: "the quarter", "a year earlier"
    /// in earnings reports refer to it.
    pub last_quarter: Option<(i32, u32)>,
    /// The article speaks of quarters somewhere (an earnings report), so "a year
    /// ago" means the year-ago quarter even before the quarter is named.
    mentions_quarter: bool,
    /// The report moved from the quarter to "the nine months": "a year earlier"
    /// now means the year before, not the year-ago quarter.
    months_focus: bool,
    /// The reference time: the last date the article named, with the granularity
    /// it was named at. "That day", "later that year", "the following month" refer to it.
    reference: Option<(NaiveDate, Gran)>,
    /// The last full date matched and the token index just after it: "April 24 and
    /// 25" makes the second day a date of the same month.
    last_day: Option<(usize, NaiveDate)>,
}

/// Granularity of the reference time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gran {
    Year,
    Month,
    Day,
}

/// The date and granularity of a calendar value "YYYY", "YYYY-MM" or "YYYY-MM-DD…".
fn reference_of(v: &str) -> Option<(NaiveDate, Gran)> {
    let b = v.as_bytes();
    let dig = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if !dig(0..4) {
        return None;
    }
    let y: i32 = v[0..4].parse().ok()?;
    match b.len() {
        4 => Some((NaiveDate::from_ymd_opt(y, 1, 1)?, Gran::Year)),
        7 if b[4] == b'-' && dig(5..7) => Some((
            NaiveDate::from_ymd_opt(y, v[5..7].parse().ok()?, 1)?,
            Gran::Month,
        )),
        _ if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && dig(5..7) && dig(8..10) => {
            if b.len() > 10 && b[10] != b'T' {
                return None;
            }
            Some((parse_ymd(v)?, Gran::Day))
        }
        _ => None,
    }
}

impl<'a> Matcher<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok], dct: NaiveDate) -> Self {
        let mentions_quarter = toks
            .iter()
            .any(|t| matches!(t.lex, Lex::Unit(Unit::Quarter, _)));
        Matcher {
            text,
            toks,
            dct,
            last_quarter: None,
            mentions_quarter,
            months_focus: false,
            reference: None,
            last_day: None,
        }
    }

    // ---- token accessors (out of range reads as nothing) ----

    fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::None, |t| t.lex)
    }

    fn kw(&self, i: usize) -> Option<Kw> {
        match self.lex(i) {
            Lex::Kw(k) => Some(k),
            _ => None,
        }
    }

    fn is_kw(&self, i: usize, k: Kw) -> bool {
        self.kw(i) == Some(k)
    }

    fn punct(&self, i: usize, c: u8) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.ch == c)
    }

    /// Punctuation `c` at `i` glued to both neighbours ("third-quarter", "3:30").
    fn glued(&self, i: usize, c: u8) -> bool {
        self.punct(i, c)
            && !self.toks[i].space_before
            && self.toks.get(i + 1).is_some_and(|t| !t.space_before)
    }

    fn bytes(&self, i: usize) -> &'a [u8] {
        self.toks
            .get(i)
            .map_or(&[][..], |t| &self.text.as_bytes()[t.start..t.end])
    }

    fn word_is(&self, i: usize, w: &[u8]) -> bool {
        self.bytes(i).eq_ignore_ascii_case(w)
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        let t = self.toks.get(i)?;
        (t.kind == TokKind::Num).then_some((t.num, t.digits))
    }

    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// A number written in digits (up to 4 without separators) or words
    /// ("twenty-four", "two hundred"). Returns the value and the next index.
    fn number(&self, i: usize) -> Option<(u32, usize)> {
        if let Some((v, nd)) = self.num(i) {
            if nd > 4 {
                return None;
            }
            // "2.5 years", "1,000 years": not a plain number here.
            if self.glued(i + 1, b'.') || self.glued(i + 1, b',') && self.num(i + 2).is_some() {
                return None;
            }
            if i > 0
                && (self.glued(i - 1, b'.') || self.glued(i - 1, b',') || self.glued(i - 1, b'/'))
                && self.num(i - 2).is_some()
            {
                return None;
            }
            return Some((v, i + 1));
        }
        let Lex::NumW(n) = self.lex(i) else {
            return None;
        };
        if n == 100 {
            return None;
        }
        let mut v = n;
        let mut j = i + 1;
        if (20..=90).contains(&n) && n % 10 == 0 {
            let k = if self.glued(j, b'-') { j + 1 } else { j };
            if let Lex::NumW(u) = self.lex(k) {
                if (1..=9).contains(&u) {
                    v += u;
                    j = k + 1;
                }
            }
        }
        if v < 10 && self.lex(j) == Lex::NumW(100) {
            v *= 100;
            j += 1;
        }
        Some((v, j))
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex(i) {
            Lex::Unit(u, pl) => Some((u, pl)),
            Lex::Ord(2)
                if self.word_is(i, b"second")
                    && !self.is_kw(i + 1, Kw::Half)
                    && !matches!(self.lex(i + 1), Lex::Unit(Unit::Quarter, _)) =>
            {
                Some((Unit::Second, false))
            }
            _ => None,
        }
    }

    // ---- tense ----

    /// Is token `k` a sentence boundary?
    fn boundary(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return true;
        };
        if t.para_before {
            return true;
        }
        if t.kind != TokKind::Punct {
            return false;
        }
        match t.ch {
            b'!' | b'?' | b';' => true,
            b'.' => {
                // An abbreviation's dot ("Jan.", "p.m.", "Mr.") does not end a sentence.
                if k == 0 {
                    return true;
                }
                // Nor does a decimal point ("$42.875").
                if self.glued(k, b'.')
                    && self.toks[k - 1].kind == TokKind::Num
                    && self.toks[k + 1].kind == TokKind::Num
                {
                    return false;
                }
                let p = &self.toks[k - 1];
                let len = p.end - p.start;
                !(len <= 3
                    && p.kind == TokKind::Word
                    && !matches!(self.toks.get(k + 1), Some(n) if n.cap && len > 1 && !matches!(p.lex, Lex::Month(..))))
            }
            _ => false,
        }
    }

    fn cue(&self, k: usize) -> Tense {
        let w = self.bytes(k);
        if w.len() > 14 || self.toks[k].kind != TokKind::Word {
            return Tense::Unknown;
        }
        let mut buf = [0u8; 16];
        let Some(l) = super::lexicon::lower(w, &mut buf) else {
            return Tense::Unknown;
        };
        // "next" points forward only as "next week", "next Monday": "next to" does not.
        if l == b"next" {
            return if matches!(
                self.lex(k + 1),
                Lex::Unit(..)
                    | Lex::Wd(..)
                    | Lex::Month(..)
                    | Lex::Season(_)
                    | Lex::Kw(Kw::Weekend)
            ) {
                Tense::Future
            } else {
                Tense::Unknown
            };
        }
        if FUTURE_WORDS.contains(&l) {
            let modal = matches!(l, b"will" | b"shall" | b"ll" | b"would" | b"until");
            if !modal && self.plan_seen_from_past(k) {
                return Tense::Past;
            }
            return Tense::Future;
        }
        // "is to resume", "set to meet", "ready to leave": an infinitive of intent.
        if l == b"to" && k > 0 {
            const INTENT: &[&[u8]] = &[
                b"is",
                b"are",
                b"set",
                b"due",
                b"scheduled",
                b"expected",
                b"plans",
                b"planning",
                b"going",
                b"ready",
                b"intends",
                b"wants",
                b"hopes",
                b"likely",
                b"agreed",
                b"decided",
                b"plan",
                b"planned",
            ];
            if INTENT.iter().any(|w| self.word_is(k - 1, w)) {
                // "had been scheduled to expire", "was due to": a plan seen from the past.
                if self.plan_seen_from_past(k - 1) {
                    return Tense::Past;
                }
                return Tense::Future;
            }
        }
        if PAST_WORDS.contains(&l) {
            return Tense::Past;
        }
        if l.len() >= 4 && l.ends_with(b"ed") && !ED_NOT_PAST.contains(&l) {
            // "will be named", "is to be completed": a passive future; "could be
            // located", "must be returned" say nothing either way.
            if k > 0 && self.word_is(k - 1, b"be") {
                if k > 1
                    && [&b"will"[..], b"shall", b"ll", b"would", b"to"]
                        .iter()
                        .any(|w| self.word_is(k - 2, w))
                {
                    return Tense::Future;
                }
                return Tense::Unknown;
            }
            return Tense::Past;
        }
        Tense::Unknown
    }

    /// The plan word at `k` is reported from the past: "had been scheduled",
    /// "was expected", "was due", "as (previously) planned" — but not "were
    /// planning", a past progressive that still looks forward.
    fn plan_seen_from_past(&self, k: usize) -> bool {
        if k == 0 || self.word_is(k, b"planning") || self.word_is(k, b"going") {
            return false;
        }
        let prev: &[&[u8]] = if self.word_is(k, b"planned") {
            &[b"had", b"been", b"was", b"were", b"as", b"previously"]
        } else {
            &[b"had", b"been", b"was", b"were"]
        };
        prev.iter().any(|w| self.word_is(k - 1, w))
    }

    /// The tense around tokens `[s, e)`: the nearest cue before the expression in
    /// the same sentence, else the nearest one after it.
    pub fn tense(&self, s: usize, e: usize) -> Tense {
        let mut k = s;
        let mut n = 0;
        while k > 0 && n < 40 {
            if self.boundary(k) && k != s {
                break;
            }
            if self.toks[k].para_before {
                break;
            }
            k -= 1;
            n += 1;
            if self.boundary(k) {
                break;
            }
            let c = self.cue(k);
            if c != Tense::Unknown {
                return c;
            }
        }
        let mut k = e;
        let mut n = 0;
        while k < self.toks.len() && n < 15 {
            if self.boundary(k) {
                break;
            }
            let c = self.cue(k);
            if c != Tense::Unknown {
                return c;
            }
            k += 1;
            n += 1;
        }
        Tense::Unknown
    }

    // ---- entry point ----

    /// The longest match starting at token `i`, if any.
    pub fn match_at(&mut self, i: usize) -> Option<M> {
        let x = self.match_inner(i)?;
        match x.kind {
            TimexType::Date | TimexType::Time => {
                if let Some(r) = reference_of(&x.value) {
                    self.reference = Some(r);
                }
                self.last_day = if x.value.len() == 10 {
                    parse_ymd(&x.value).map(|d| (x.end, d))
                } else {
                    None
                };
            }
            TimexType::Duration => {
                // "the nine months", "the first six months": a year-to-date period.
                if let Some(n) = x.value.strip_prefix('P').and_then(|v| v.strip_suffix('M')) {
                    if matches!(n.parse::<u32>(), Ok(2..=11))
                        && matches!(self.lex(i), Lex::Kw(Kw::The) | Lex::Ord(_))
                    {
                        self.months_focus = true;
                    }
                }
            }
            TimexType::Set => {}
        }
        Some(x)
    }

    fn match_inner(&mut self, i: usize) -> Option<M> {
        let t = self.toks.get(i)?;
        if t.lex == Lex::None && t.kind != TokKind::Num {
            return None;
        }
        // Quantity modifiers: "more than four years", "about 3 p.m.", "up to 180 days".
        if let Some(j) = self.quant_modifier(i) {
            if let Some(x) = self.core(j) {
                if x.quant {
                    return Some(x);
                }
            }
        }
        // Date modifiers: "early next year", "mid-November", "earlier this month", "the end of 1990".
        if let Some(j) = self.date_modifier(i) {
            if let Some(x) = self.core(j) {
                // "the end of the year", "earlier in the year": the article's year.
                if x.value == "P1Y" && x.end == j + 2 && self.is_kw(j, Kw::The) {
                    return m(x.end, TimexType::Date, r::year(self.dct.year()));
                }
            }
            // "the end of the month/week/quarter": the article's month, week, quarter.
            if self.is_kw(j, Kw::The) {
                if let Some((u @ (Unit::Month | Unit::Week | Unit::Quarter), false)) =
                    self.unit(j + 1)
                {
                    return self.this_unit(j + 2, u, 0);
                }
            }
            // "earlier that day", "later that year": the reference time, modifier included.
            if matches!(self.kw(i), Some(Kw::Earlier | Kw::Later)) && self.is_kw(j, Kw::That) {
                if let Some(x) = self.core(j) {
                    return Some(x);
                }
            }
            if let Some(x) = self.core(j) {
                // TE3 spans take "early/late/earlier" with months, years, quarters and
                // decades ("early next year", "mid-November") but not with days or weeks
                // ("earlier Friday", "earlier this week" keep the modifier outside).
                let coarse = x.value.len() <= 7 && !x.value.contains('W') && !x.value.contains('T');
                if matches!(x.kind, TimexType::Date | TimexType::Time)
                    && !x.quant
                    && coarse
                    && !x.value.ends_with("_REF")
                {
                    return Some(x);
                }
            }
        }
        self.core(i)
    }

    fn quant_modifier(&self, i: usize) -> Option<usize> {
        let j = match self.kw(i)? {
            Kw::More | Kw::Less if self.is_kw(i + 1, Kw::Than) => i + 2,
            Kw::No if self.kw(i + 1) == Some(Kw::More) && self.is_kw(i + 2, Kw::Than) => i + 3,
            Kw::At if self.is_kw(i + 1, Kw::Least) => i + 2,
            Kw::Up if self.is_kw(i + 1, Kw::To) => i + 2,
            // "about", "over", "within", "almost" mostly stay outside the gold spans.
            Kw::Nearly | Kw::Around | Kw::Approximately => i + 1,
            _ => return None,
        };
        Some(j)
    }

    fn date_modifier(&self, i: usize) -> Option<usize> {
        match self.kw(i)? {
            // "earlier in the year", "later in the month"
            Kw::Earlier | Kw::Later
                if self.word_is(i + 1, b"in")
                    && self.is_kw(i + 2, Kw::The)
                    && matches!(self.unit(i + 3), Some((Unit::Year | Unit::Month, false))) =>
            {
                Some(i + 2)
            }
            Kw::Early | Kw::Late | Kw::Mid | Kw::Earlier | Kw::Later => {
                Some(if self.glued(i + 1, b'-') {
                    i + 2
                } else {
                    i + 1
                })
            }
            Kw::The
                if matches!(
                    self.kw(i + 1),
                    Some(Kw::End | Kw::Beginning | Kw::Start | Kw::Middle)
                ) && self.is_kw(i + 2, Kw::Of) =>
            {
                Some(i + 3)
            }
            _ => None,
        }
    }

    /// Every rule without a leading modifier.
    fn core(&mut self, i: usize) -> Option<M> {
        let t = *self.toks.get(i)?;
        match t.lex {
            Lex::None if t.kind == TokKind::Num => self.numeric(i),
            Lex::Month(mo, abbr) => self.month(i, mo as u32, abbr),
            Lex::Wd(wd, plural) => self.weekday(i, wd as u32, plural),
            Lex::NumW(_) => self.spoken_year(i).or_else(|| self.duration(i)),
            Lex::Unit(..) => self.bare_unit(i),
            Lex::Ord(_) => self.ordinal(i, None),
            Lex::Kw(k) => self.keyword(i, k),
            _ => None,
        }
    }

    // ---- rules ----

    fn keyword(&mut self, i: usize, k: Kw) -> Option<M> {
        use TimexType::*;
        let dct = self.dct;
        match k {
            // "today's youth", "in today's world": "nowadays", which TE3 gold leaves out
            // (unlike "today's editions", "today's quiz").
            Kw::Today
                if self.punct(i + 1, b'\'')
                    && self.word_is(i + 2, b"s")
                    && [
                        &b"world"[..],
                        b"youth",
                        b"society",
                        b"generation",
                        b"young",
                        b"children",
                    ]
                    .iter()
                    .any(|w| self.word_is(i + 3, w)) =>
            {
                None
            }
            Kw::Today | Kw::Yesterday | Kw::Tomorrow => {
                let off = match k {
                    Kw::Today => 0,
                    Kw::Yesterday => -1,
                    _ => 1,
                };
                let d = r::add_days(dct, off)?;
                // "yesterday afternoon"
                if let Lex::Part(p) = self.lex(i + 1) {
                    return m(i + 2, Time, format!("{}T{}", r::ymd(d), p.code()));
                }
                m(i + 1, Date, r::ymd(d))
            }
            Kw::Tonight => m(i + 1, Time, format!("{}TNI", r::ymd(dct))),
            Kw::Now | Kw::Currently | Kw::Presently | Kw::Nowadays => {
                // "now" as a discourse marker still reads as the present in TimeML.
                m(i + 1, Date, "PRESENT_REF".into())
            }
            Kw::Current => {
                if let Some((u, _)) = self.unit(i + 1) {
                    return self.this_unit(i + 2, u, 0);
                }
                // The adjective alone ("current market conditions", "its current
                // position") is the present in TimeML.
                let next_word = self
                    .toks
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokKind::Word && t.lex == Lex::None);
                let after_the_then = i > 0 && self.is_kw(i - 1, Kw::Then);
                (next_word && !after_the_then).then(|| M {
                    end: i + 1,
                    kind: Date,
                    value: "PRESENT_REF".into(),
                    quant: false,
                })
            }
            Kw::That => self.that(i),
            Kw::Recently | Kw::Lately => m(i + 1, Date, "PAST_REF".into()),
            Kw::Recent => {
                // "recent years/weeks": an unspecified stretch up to now.
                let (u, pl) = self.unit(i + 1)?;
                if !pl {
                    return None;
                }
                // "in recent years" is TE3's vague past (PAST_REF) more often than PXY.
                if u == Unit::Year {
                    return m(i + 2, Date, "PAST_REF".into());
                }
                m(i + 2, Duration, dur_value(None, u))
            }
            Kw::Soon => {
                // "will soon", "may soon seek", "to soon grow": the vague future. "As soon
                // as", "soon after" and "soon became" are not annotated.
                if i > 0 && (self.word_is(i - 1, b"as") || self.word_is(i - 1, b"so")) {
                    return None;
                }
                if [
                    &b"as"[..],
                    b"after",
                    b"afterward",
                    b"afterwards",
                    b"thereafter",
                    b"enough",
                ]
                .iter()
                .any(|w| self.word_is(i + 1, w))
                {
                    return None;
                }
                let modal_before = i > 0
                    && [
                        &b"will"[..],
                        b"would",
                        b"shall",
                        b"ll",
                        b"may",
                        b"might",
                        b"could",
                        b"should",
                        b"can",
                        b"must",
                        b"to",
                    ]
                    .iter()
                    .any(|w| self.word_is(i - 1, w));
                let modal_after = [
                    &b"will"[..],
                    b"would",
                    b"may",
                    b"might",
                    b"could",
                    b"should",
                    b"be",
                ]
                .iter()
                .any(|w| self.word_is(i + 1, w));
                (modal_before || modal_after || self.tense(i, i + 1) == Tense::Future).then(|| M {
                    end: i + 1,
                    kind: Date,
                    value: "FUTURE_REF".into(),
                    quant: false,
                })
            }
            Kw::Daily => m(i + 1, Set, "P1D".into()),
            Kw::Weekly => m(i + 1, Set, "P1W".into()),
            Kw::Monthly => m(i + 1, Set, "P1M".into()),
            // "rise 8.5% annually", "grow 20 percent annually": a growth rate, not a
            // recurrence TE3 annotates.
            Kw::Annually
                if i > 0 && (self.punct(i - 1, b'%') || self.word_is(i - 1, b"percent")) =>
            {
                None
            }
            Kw::Annually => m(i + 1, Set, "P1Y".into()),
            Kw::Hourly => m(i + 1, Set, "PT1H".into()),
            Kw::Every | Kw::Each => self.set(i),
            // "High Noon" is a film, "high noon" a figure of speech.
            Kw::Noon | Kw::Midnight if !(i > 0 && self.word_is(i - 1, b"high")) => {
                let hh = if k == Kw::Noon { "12:00" } else { "24:00" };
                let (d, end) = self.trailing_day(i + 1).unwrap_or((dct, i + 1));
                m(end, Time, format!("{}T{}", r::ymd(d), hh))
            }
            // A capitalised unit mid-sentence is a title: ABC's "This Week".
            Kw::This
                if self.cap(i + 1)
                    && matches!(self.lex(i + 1), Lex::Unit(..))
                    && !(i == 0 || self.boundary(i - 1)) =>
            {
                None
            }
            Kw::This | Kw::Last | Kw::Next | Kw::Past | Kw::Coming | Kw::Previous => {
                self.relative(i, k, false)
            }
            Kw::The => self.the(i),
            Kw::A => self.duration(i),
            Kw::Few | Kw::Several => self.duration(i),
            Kw::Fiscal => {
                // "fiscal 1989" is that fiscal year; "fiscal year" is handled by "the".
                let (y, _) = self.year_at(i + 1)?;
                self.after_year(i + 2, y)
            }
            Kw::Thanksgiving => {
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
                    let d = r::add_days(r::weekday_near(nov1, 4, Tense::Future)?, 21)?;
                    let ok = match t {
                        Tense::Future => d >= dct,
                        _ => d <= dct,
                    };
                    if ok || best.is_none() {
                        best = Some(d);
                    }
                }
                m(end, Date, r::ymd(best?))
            }
            Kw::Christmas => {
                if !self.cap(i) {
                    return None;
                }
                let (day, end) = if self.word_is(i + 1, b"eve") {
                    (24, i + 2)
                } else if self.word_is(i + 1, b"day") {
                    (25, i + 2)
                } else {
                    (25, i + 1)
                };
                let d = r::infer_year_md(dct, 12, day, self.tense(i, end))?;
                m(end, Date, r::ymd(d))
            }
            Kw::Future if !self.is_kw(i.wrapping_sub(1), Kw::The) => {
                // Bare "future" is mostly an adjective ("future growth"); only "in future".
                if i > 0 && self.word_is(i - 1, b"in") {
                    return m(i + 1, Date, "FUTURE_REF".into());
                }
                None
            }
            _ => None,
        }
    }

    /// "this/last/next/past/coming/previous …" (and the same after "the" when `the`).
    fn relative(&mut self, i: usize, k: Kw, the: bool) -> Option<M> {
        use TimexType::*;
        let dct = self.dct;
        let j = i + 1;
        // "past/last/next N units" is a duration.
        if matches!(
            k,
            Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Previous
        ) || (the && k == Kw::Latest)
        {
            if let Some(x) = self.duration_core(j, false) {
                if x.kind == Duration {
                    return Some(M { quant: false, ..x });
                }
            }
            if matches!(self.kw(j), Some(Kw::Few | Kw::Several)) {
                if let Some((u, _)) = self.unit(j + 1) {
                    return m(j + 2, Duration, dur_value(None, u));
                }
            }
        }
        // "last fiscal year", "the current fiscal year"
        let j = if self.is_kw(j, Kw::Fiscal)
            && matches!(self.unit(j + 1), Some((Unit::Year | Unit::Quarter, false)))
        {
            j + 1
        } else {
            j
        };
        match self.lex(j) {
            Lex::Unit(u, false) => {
                let off = match k {
                    // "the past year", "the last year": TE3 annotates the previous calendar year.
                    Kw::Past | Kw::Last if the && u == Unit::Year => {
                        return self.this_unit(j + 1, u, -1);
                    }
                    Kw::This => 0,
                    Kw::Last | Kw::Previous => -1,
                    Kw::Next | Kw::Coming => 1,
                    Kw::Past if the => {
                        return m(j + 1, Duration, dur_value(Some(1), u));
                    }
                    Kw::Latest if u == Unit::Quarter => return self.this_unit(j + 1, u, -1),
                    _ => return None,
                };
                if the && k != Kw::Previous {
                    // "the next week", "the last month" are durations in TimeML.
                    if matches!(k, Kw::Next | Kw::Last | Kw::Coming) {
                        return m(j + 1, Duration, dur_value(Some(1), u));
                    }
                }
                self.this_unit(j + 1, u, off)
            }
            Lex::Unit(u, true) if k == Kw::Coming => m(j + 1, Duration, dur_value(None, u)),
            Lex::Month(mo, _) if self.cap(j) && !the => {
                let mo = mo as u32;
                let y = dct.year();
                let y = match k {
                    Kw::Last if mo >= dct.month() => y - 1,
                    Kw::Next if mo <= dct.month() => y + 1,
                    Kw::This | Kw::Last | Kw::Next => y,
                    _ => return None,
                };
                let end = if self.punct(j + 1, b'.') && matches!(self.lex(j), Lex::Month(_, true)) {
                    j + 2
                } else {
                    j + 1
                };
                m(end, Date, r::ym(y, mo))
            }
            Lex::Wd(wd, false) if !the => {
                let wd = wd as u32;
                let d = match k {
                    Kw::Last => r::weekday_near(r::add_days(dct, -1)?, wd, Tense::Past)?,
                    Kw::Next => r::weekday_near(r::add_days(dct, 1)?, wd, Tense::Future)?,
                    Kw::This => r::weekday_near(dct, wd, self.tense(i, j + 1))?,
                    _ => return None,
                };
                self.with_part(j + 1, d)
            }
            Lex::Season(s) if !the => {
                // Seasons as (year, index); January and February belong to the
                // previous year's winter.
                let s = s as u32;
                let (cy, cs) = season_of(dct);
                let y = match k {
                    // "this summer" is the current calendar year's, past or coming.
                    Kw::This if s == 4 => cy,
                    Kw::This => dct.year(),
                    Kw::Last | Kw::Past if s < cs => cy,
                    Kw::Last | Kw::Past => cy - 1,
                    Kw::Next | Kw::Coming if s > cs => cy,
                    Kw::Next | Kw::Coming => cy + 1,
                    _ => return None,
                };
                m(j + 1, Date, format!("{:04}-{}", y, season_code(s)))
            }
            Lex::Kw(Kw::Weekend) if !the || k == Kw::Past => {
                let d = match k {
                    Kw::This => dct,
                    Kw::Last | Kw::Past => r::add_days(dct, -7)?,
                    Kw::Next | Kw::Coming => r::add_days(dct, 7)?,
                    _ => return None,
                };
                m(j + 1, Date, format!("{}-WE", r::week(d)))
            }
            Lex::Part(p) if !the => {
                let d = match (k, p) {
                    (Kw::This, _) => dct,
                    (Kw::Last, Part::Night) => r::add_days(dct, -1)?,
                    _ => return None,
                };
                m(j + 1, Time, format!("{}T{}", r::ymd(d), p.code()))
            }
            Lex::Kw(h @ (Kw::Thanksgiving | Kw::Christmas))
                if matches!(k, Kw::Last | Kw::Next | Kw::This) =>
            {
                self.keyword(j, h)
            }
            _ => None,
        }
    }

    /// The unit containing dct shifted by `off` units: "last week", "this year", "next month".
    fn this_unit(&mut self, end: usize, u: Unit, off: i64) -> Option<M> {
        use TimexType::*;
        let dct = self.dct;
        let v = match u {
            Unit::Day => r::ymd(r::add_days(dct, off)?),
            Unit::Week => r::week(r::add_days(dct, off * 7)?),
            Unit::Month => {
                let (y, mo) = r::shift_month(dct.year(), dct.month(), off)?;
                r::ym(y, mo)
            }
            Unit::Quarter => {
                let (y, q) = r::shift_quarter(dct.year(), r::quarter_of(dct), off)?;
                self.note_quarter(y, q);
                r::quarter(y, q)
            }
            Unit::Year => {
                let y = dct.year() as i64 + off;
                // "this year's third quarter"
                if self.punct(end, b'\'') && self.word_is(end + 1, b"s") {
                    if let Some(x) = self.ordinal_quarter(end + 2, Some(y as i32)) {
                        return Some(x);
                    }
                }
                r::year(y as i32)
            }
            Unit::Decade => {
                let y = dct.year() + (off as i32) * 10;
                format!("{:03}", y / 10)
            }
            _ => return None,
        };
        m(end, Date, v)
    }

    /// Rules starting with "the".
    fn the(&mut self, i: usize) -> Option<M> {
        use TimexType::*;
        let j = i + 1;
        // "the day before last Tuesday('s hearing)", "the day after March 3": one day
        // from the named day.
        if matches!(self.unit(j), Some((Unit::Day, false)))
            && (self.word_is(j + 1, b"before") || self.word_is(j + 1, b"after"))
        {
            if let Some(x) = self.core(j + 2) {
                if let (10, Some(d)) = (x.value.len(), parse_ymd(&x.value)) {
                    let off = if self.word_is(j + 1, b"before") {
                        -1
                    } else {
                        1
                    };
                    return m(x.end, Date, r::ymd(r::add_days(d, off)?));
                }
            }
        }
        match self.lex(j) {
            Lex::Kw(
                k @ (Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Previous | Kw::Latest),
            ) => {
                if let Some(x) = self.relative(j, k, true) {
                    return Some(x);
                }
                if k == Kw::Latest {
                    if let Some((_, p)) = self
                        .unit(j + 1)
                        .filter(|(u, _)| *u == Unit::Quarter)
                        .map(|x| (x, 0))
                    {
                        let _ = p;
                        return self.focus_quarter(j + 2);
                    }
                    if self.is_kw(j + 1, Kw::Period) {
                        return self.focus_quarter(j + 2);
                    }
                }
                // "the past" as a noun ("in the past,"), not "the past negotiations".
                if k == Kw::Past
                    && self.unit(j + 1).is_none()
                    && self.number(j + 1).is_none()
                    && self.not_noun(j + 1)
                {
                    return m(j + 1, Date, "PAST_REF".into());
                }
                None
            }
            Lex::Kw(Kw::Future) => m(j + 1, Date, "FUTURE_REF".into()),
            // "the summer", "the early summer", "the winter of 1994": the season named,
            // in the given year, else the latest one that has begun by the article date.
            Lex::Season(_) | Lex::Kw(Kw::Early | Kw::Late)
                if matches!(self.lex(j), Lex::Season(_))
                    || matches!(self.lex(j + 1), Lex::Season(_)) =>
            {
                let k = if matches!(self.lex(j), Lex::Season(_)) {
                    j
                } else {
                    j + 1
                };
                let Lex::Season(sn) = self.lex(k) else {
                    return None;
                };
                let sn = sn as u32;
                if self.is_kw(k + 1, Kw::Of) {
                    if let Some((y, e)) = self.year_at(k + 2) {
                        return m(e, Date, format!("{:04}-{}", y, season_code(sn)));
                    }
                    if let Some(x) = self.spoken_year(k + 2) {
                        return m(x.end, Date, format!("{}-{}", x.value, season_code(sn)));
                    }
                    return None;
                }
                let (cy, cs) = season_of(self.dct);
                let y = match self.tense(i, k + 1) {
                    Tense::Future if sn > cs => cy,
                    Tense::Future => cy + 1,
                    _ if sn <= cs => cy,
                    _ => cy - 1,
                };
                m(k + 1, Date, format!("{:04}-{}", y, season_code(sn)))
            }
            // "the following year", "the following day": one unit after the reference time.
            _ if self.word_is(j, b"following") => {
                let (u, false) = self.unit(j + 1)? else {
                    return None;
                };
                self.shifted_reference(j + 2, u, 1)
            }
            // "the full year": the article's year.
            _ if self.word_is(j, b"full")
                && matches!(self.unit(j + 1), Some((Unit::Year, false))) =>
            {
                m(j + 2, Date, r::year(self.dct.year()))
            }
            Lex::Kw(Kw::Near | Kw::Short) => {
                if self.is_kw(j + 1, Kw::Future) || self.is_kw(j + 1, Kw::Term) {
                    return m(j + 2, Date, "FUTURE_REF".into());
                }
                None
            }
            Lex::Kw(Kw::Current) => {
                let k = if self.is_kw(j + 1, Kw::Fiscal) {
                    j + 2
                } else {
                    j + 1
                };
                let (u, _) = self.unit(k)?;
                if u == Unit::Quarter || u == Unit::Year || u == Unit::Month || u == Unit::Week {
                    return self.this_unit(k + 1, u, 0);
                }
                None
            }
            Lex::Kw(Kw::Fiscal) => {
                // "the fiscal first quarter", "the fiscal year"
                if let Lex::Ord(_) = self.lex(j + 1) {
                    return self.ordinal_quarter(j + 1, None);
                }
                if let Some((Unit::Year, false)) = self.unit(j + 1) {
                    return m(j + 2, Duration, "P1Y".into());
                }
                None
            }
            // "the third-quarter results": a hyphenated adjective leaves "the" out.
            Lex::Ord(_) if self.glued(j + 1, b'-') => None,
            Lex::Ord(_) => self.ordinal(j, None),
            Lex::Unit(u, false) => {
                // "the year-earlier period", "the year-ago quarter"
                if u == Unit::Year
                    && self.glued(j + 1, b'-')
                    && matches!(self.kw(j + 2), Some(Kw::Earlier | Kw::Ago))
                {
                    let end = if self.is_kw(j + 3, Kw::Period)
                        || matches!(self.unit(j + 3), Some((Unit::Quarter, false)))
                    {
                        j + 4
                    } else {
                        j + 3
                    };
                    return self.year_ago(end);
                }
                // "the year two thousand"
                if u == Unit::Year {
                    if let Some((a, e)) = self.number(j + 1) {
                        if matches!(a, 1..=2) && self.word_is(e, b"thousand") {
                            return m(e + 1, Date, r::year(a as i32 * 1000));
                        }
                    }
                }
                match u {
                    // "the week of March 6": the week holding that day.
                    Unit::Week if self.is_kw(j + 1, Kw::Of) => {
                        let Lex::Month(mo, abbr) = self.lex(j + 2) else {
                            return None;
                        };
                        let x = self.month(j + 2, mo as u32, abbr)?;
                        let d = parse_ymd(&x.value).filter(|_| x.value.len() == 10)?;
                        m(x.end, Date, r::week(d))
                    }
                    // "the quarter-to-quarter comparison" is not a date.
                    Unit::Quarter if self.glued(j + 1, b'-') => None,
                    Unit::Quarter => self.focus_quarter(j + 1),
                    Unit::Year if self.is_kw(j - 1, Kw::Latest) => None,
                    // "the year ended Sept. 30" is a fiscal year's length; "for the
                    // year", "a high for the year", "of the year" are the article's year.
                    Unit::Year if self.num(j + 1).is_none() => {
                        if [
                            &b"ended"[..],
                            b"ending",
                            b"ends",
                            b"to",
                            b"through",
                            b"before",
                        ]
                        .iter()
                        .any(|w| self.word_is(j + 1, w))
                        {
                            m(j + 1, Duration, "P1Y".into())
                        } else {
                            m(j + 1, Date, r::year(self.dct.year()))
                        }
                    }
                    _ => None,
                }
            }
            Lex::Kw(Kw::Weekend) => {
                let d = r::weekday_near(self.dct, 6, self.tense(i, j + 1))?;
                m(j + 1, Date, format!("{}-WE", r::week(d)))
            }
            Lex::None if self.num(j).is_some() => {
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
                    if self.is_kw(e, Kw::Period) {
                        if let Some((_, q)) = self.last_quarter {
                            return m(e + 1, Date, r::quarter(y, q));
                        }
                        return m(e + 1, Date, r::year(y));
                    }
                    // "the 1988 quarter": the quarter under discussion, in that year.
                    if matches!(self.unit(e), Some((Unit::Quarter, false))) {
                        let q = self
                            .last_quarter
                            .map_or_else(|| r::quarter_of(self.dct), |(_, q)| q);
                        return m(e + 1, Date, r::quarter(y, q));
                    }
                }
                // "the nine months", "the 12 months"; "the 14-day" leaves "the" out.
                if self.glued(j + 1, b'-') {
                    return None;
                }
                let x = self.duration_core(j, false)?;
                (x.kind == Duration).then_some(M { quant: false, ..x })
            }
            Lex::NumW(_) => {
                if self.glued(j + 1, b'-') {
                    return None;
                }
                let x = self.duration_core(j, false)?;
                (x.kind == Duration).then_some(M { quant: false, ..x })
            }
            _ => None,
        }
    }

    /// "that day", "that same year", "that quarter": the reference time at the
    /// unit's granularity (the quarter under discussion for "that quarter").
    fn that(&mut self, i: usize) -> Option<M> {
        let j = if self.is_kw(i + 1, Kw::Same) {
            i + 2
        } else {
            i + 1
        };
        let (u, false) = self.unit(j)? else {
            return None;
        };
        if u == Unit::Quarter {
            let (y, q) = self.last_quarter?;
            return m(j + 1, TimexType::Date, r::quarter(y, q));
        }
        self.shifted_reference(j + 1, u, 0)
    }

    /// The reference time shifted by `off` units, at the unit's granularity, if the
    /// reference was named at least that finely.
    fn shifted_reference(&self, end: usize, u: Unit, off: i64) -> Option<M> {
        let (d, g) = self.reference?;
        let v = match u {
            Unit::Day if g >= Gran::Day => r::ymd(r::add_days(d, off)?),
            Unit::Month if g >= Gran::Month => {
                let (y, mo) = r::shift_month(d.year(), d.month(), off)?;
                r::ym(y, mo)
            }
            Unit::Year => r::year(d.year().checked_add(off as i32)?),
            _ => return None,
        };
        m(end, TimexType::Date, v)
    }

    /// Remember a quarter as the one under discussion, unless it lies after the
    /// article's own quarter (a forecast is not what "a year ago" compares with).
    fn note_quarter(&mut self, y: i32, q: u32) {
        self.months_focus = false;
        if (y, q) <= (self.dct.year(), r::quarter_of(self.dct)) {
            self.last_quarter = Some((y, q));
        }
    }

    /// "the quarter", "the latest quarter": the quarter the article is about —
    /// the last one it named, else the last completed quarter before dct.
    fn focus_quarter(&mut self, end: usize) -> Option<M> {
        let (y, q) = match self.last_quarter {
            Some(x) => x,
            None => r::shift_quarter(self.dct.year(), r::quarter_of(self.dct), -1)?,
        };
        self.last_quarter = Some((y, q));
        m(end, TimexType::Date, r::quarter(y, q))
    }

    /// "a year ago", "a year earlier", "year-earlier": a year before the period
    /// under discussion — the quarter in an earnings report, else dct's year.
    fn year_ago(&mut self, end: usize) -> Option<M> {
        if self.months_focus {
            return m(end, TimexType::Date, r::year(self.dct.year() - 1));
        }
        let focus = self.last_quarter.or_else(|| {
            self.mentions_quarter
                .then(|| r::shift_quarter(self.dct.year(), r::quarter_of(self.dct), -1))
                .flatten()
        });
        let v = match focus {
            Some((y, q)) => r::quarter(y - 1, q),
            None => r::year(self.dct.year() - 1),
        };
        m(end, TimexType::Date, v)
    }

    /// Ordinals: "third-quarter", "first half"; `year` fixes the year.
    fn ordinal(&mut self, i: usize, year: Option<i32>) -> Option<M> {
        // "the 20th century" is "19" in TIMEX3, "the 11th century" "10".
        if let (Lex::Ord(n @ 1..=30), Some((Unit::Century, false))) =
            (self.lex(i), self.unit(i + 1))
        {
            let k = if self.glued(i + 1, b'-') {
                i + 2
            } else {
                i + 1
            };
            if self.unit(k).is_some() {
                return m(k + 1, TimexType::Date, format!("{:02}", n - 1));
            }
        }
        self.ordinal_quarter(i, year)
    }

    fn ordinal_quarter(&mut self, i: usize, year: Option<i32>) -> Option<M> {
        let Lex::Ord(n) = self.lex(i) else {
            return None;
        };
        let mut j = i + 1;
        if self.glued(j, b'-') {
            j += 1;
        }
        // "first nine months" is a duration.
        if n == 1 {
            if let Some(x) = self.duration_core(j, false) {
                if x.kind == TimexType::Duration {
                    return Some(M { quant: false, ..x });
                }
            }
        }
        let is_half = self.is_kw(j, Kw::Half);
        let is_q = matches!(self.unit(j), Some((Unit::Quarter, false)));
        if !(is_q && (1..=4).contains(&n) || is_half && (1..=2).contains(&n)) {
            return None;
        }
        let mut end = j + 1;
        let mut y = year;
        // "the third quarter of 1989", "… of this year", "… of next year"
        if y.is_none() && self.is_kw(end, Kw::Of) {
            if let Some((yy, e)) = self.year_at(end + 1) {
                y = Some(yy);
                end = e;
            } else if let (Some(k), Some((Unit::Year, false))) =
                (self.kw(end + 1), self.unit(end + 2))
            {
                let off = match k {
                    Kw::This => Some(0),
                    Kw::Last => Some(-1),
                    Kw::Next => Some(1),
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
                    r::quarter_of(self.dct)
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
            let indefinite = (1..=2).any(|d| i >= d && self.is_kw(i - d, Kw::A));
            if !indefinite {
                self.note_quarter(y, n);
            }
            m(end, TimexType::Date, r::quarter(y, n))
        } else {
            m(end, TimexType::Date, format!("{:04}-H{}", y, n))
        }
    }

    /// A four-digit year at `i`: (year, next index).
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let (v, nd) = self.num(i)?;
        (nd == 4 && (1000..=2999).contains(&v)).then_some((v as i32, i + 1))
    }

    /// After "fiscal 1989" or a year: "fiscal 1989 first quarter" etc. stay simple.
    fn after_year(&mut self, end: usize, y: i32) -> Option<M> {
        m(end, TimexType::Date, r::year(y))
    }

    /// "1990s", "the 1990s", "the '80s" is not handled.
    fn decade(&self, i: usize) -> Option<M> {
        let (v, nd) = self.num(i)?;
        if nd == 4
            && v % 10 == 0
            && (1000..=2999).contains(&v)
            && self.word_is(i + 1, b"s")
            && !self.toks[i + 1].space_before
        {
            return Some(M {
                end: i + 2,
                kind: TimexType::Date,
                value: format!("{:03}", v / 10),
                quant: false,
            });
        }
        None
    }

    /// "every Monday", "each year", "every three months".
    fn set(&mut self, i: usize) -> Option<M> {
        use TimexType::*;
        let j = i + 1;
        match self.lex(j) {
            Lex::Wd(wd, _) => {
                if let Lex::Part(p) = self.lex(j + 1) {
                    return m(j + 2, Set, format!("XXXX-WXX-{}T{}", wd, p.code()));
                }
                m(j + 1, Set, format!("XXXX-WXX-{}", wd))
            }
            Lex::Month(mo, _) if self.cap(j) => m(j + 1, Set, format!("XXXX-{:02}", mo)),
            Lex::Unit(u, false) => m(j + 1, Set, dur_value(Some(1), u)),
            Lex::Part(p) => m(j + 1, Set, format!("XXXX-XX-XXT{}", p.code())),
            _ => {
                let (n, k) = self.number(j)?;
                let (u, _) = self.unit(k)?;
                m(k + 1, Set, dur_value(Some(n), u))
            }
        }
    }

    /// "Friday", "Friday morning", "Thursday, April 6", "Tuesdays".
    fn weekday(&mut self, i: usize, wd: u32, plural: bool) -> Option<M> {
        if !self.cap(i) {
            return None;
        }
        let len = self.toks[i].end - self.toks[i].start;
        let full = len >= 6;
        if plural {
            if let Lex::Part(p) = self.lex(i + 1) {
                return m(
                    i + 2,
                    TimexType::Set,
                    format!("XXXX-WXX-{}T{}", wd, p.code()),
                );
            }
            return m(i + 1, TimexType::Set, format!("XXXX-WXX-{}", wd));
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
        if let Lex::Month(mo, abbr) = self.lex(k) {
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
            self.tense(i, i + 1)
        };
        let d = r::weekday_near(self.dct, wd, t)?;
        self.with_part(i + 1, d)
    }

    /// "year-earlier", "year-ago quarter" without a determiner; bare plural units
    /// after "for": "for years" (PXY).
    fn bare_unit(&mut self, i: usize) -> Option<M> {
        let (u, plural) = self.unit(i)?;
        if u == Unit::Year
            && !plural
            && self.glued(i + 1, b'-')
            && matches!(self.kw(i + 2), Some(Kw::Earlier | Kw::Ago))
        {
            let end = if self.is_kw(i + 3, Kw::Period)
                || matches!(self.unit(i + 3), Some((Unit::Quarter, false)))
            {
                i + 4
            } else {
                i + 3
            };
            return self.year_ago(end);
        }
        if plural && i > 0 && self.word_is(i - 1, b"for") {
            return m(i + 1, TimexType::Duration, dur_value(None, u));
        }
        // "by year-end", "since year end", "by year's end": the last day of the year,
        // the article's year, or the previous one when the sentence looks back.
        if u == Unit::Year && !plural && i > 0 {
            const PREP: &[&[u8]] = &[
                b"by", b"since", b"at", b"around", b"until", b"till", b"before", b"after",
                b"through", b"from", b"to", b"near", b"toward", b"towards",
            ];
            let end = if self.glued(i + 1, b'-') && self.is_kw(i + 2, Kw::End) {
                i + 3
            } else if self.is_kw(i + 1, Kw::End) && !self.glued(i + 1, b'-') {
                i + 2
            } else if self.punct(i + 1, b'\'')
                && self.word_is(i + 2, b"s")
                && self.is_kw(i + 3, Kw::End)
            {
                i + 4
            } else {
                return None;
            };
            if !PREP.iter().any(|w| self.word_is(i - 1, w)) {
                return None;
            }
            // "by year-end results": an adjective, not the date.
            if !self.not_noun(end) {
                return None;
            }
            let y = self.dct.year();
            // "since year-end" looks back; "by/until year-end" is a deadline ahead.
            let past = [&b"since"[..], b"after", b"from"]
                .iter()
                .any(|w| self.word_is(i - 1, w))
                || [&b"at"[..], b"around", b"near"]
                    .iter()
                    .any(|w| self.word_is(i - 1, w))
                    && self.tense(i, end) == Tense::Past;
            let y = if past && !(self.dct.month() == 12 && self.dct.day() == 31) {
                y - 1
            } else {
                y
            };
            return m(end, TimexType::Date, format!("{y:04}-12-31"));
        }
        None
    }

    /// Years read aloud in broadcast transcripts: "nineteen ninety-six".
    fn spoken_year(&self, i: usize) -> Option<M> {
        let Lex::NumW(c) = self.lex(i) else {
            return None;
        };
        if !(c == 19 || c == 20) {
            return None;
        }
        let (rest, end) = self.number(i + 1)?;
        if !(10..=99).contains(&rest) {
            return None;
        }
        m(end, TimexType::Date, r::year((c * 100 + rest) as i32))
    }

    /// Token `k` is what a rate counts: a number, an amount word or a plural noun
    /// ("$5 million a year", "700 seats a week", "24 hours a day").
    fn is_rate_noun(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return false;
        };
        if t.kind == TokKind::Num || self.punct(k, b'%') {
            return true;
        }
        if t.kind != TokKind::Word || matches!(t.lex, Lex::Kw(_)) {
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

    /// Token `k` cannot be a noun that the previous word modifies.
    fn not_noun(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return true;
        };
        if t.kind != TokKind::Word || t.lex != Lex::None || t.para_before {
            return true;
        }
        const FUNCTION: &[&[u8]] = &[
            b"and", b"or", b"but", b"as", b"when", b"that", b"is", b"was", b"are", b"were", b"has",
            b"have", b"had", b"in", b"on", b"of", b"for", b"with", b"by", b"from", b"i", b"we",
            b"he", b"she", b"they", b"it", b"you", b"there", b"will", b"would", b"can", b"could",
            b"because", b"if", b"so", b"than",
        ];
        FUNCTION.iter().any(|w| self.word_is(k, w))
    }

    /// A resolved day, followed perhaps by a part of day ("Friday morning").
    fn with_part(&self, j: usize, d: NaiveDate) -> Option<M> {
        // TE3 gold types "Friday morning" as DATE more often than TIME.
        if let Lex::Part(p) = self.lex(j) {
            // "Friday night", "Tuesday morning": TE3 gold mostly gives the plain day
            // (often leaving "night" outside the span); evening and afternoon keep
            // their part ("Friday evening" = …TEV).
            if matches!(p, Part::Night | Part::Morning) {
                return m(j + 1, TimexType::Date, r::ymd(d));
            }
            return m(
                j + 1,
                TimexType::Date,
                format!("{}T{}", r::ymd(d), p.code()),
            );
        }
        m(j, TimexType::Date, r::ymd(d))
    }

    /// A day named right after a time: "noon Thursday", "5 p.m. EST, Nov. 6", "10 a.m. today".
    fn trailing_day(&mut self, mut j: usize) -> Option<(NaiveDate, usize)> {
        if self.punct(j, b',') {
            j += 1;
        }
        match self.lex(j) {
            Lex::Wd(wd, false) if self.cap(j) => {
                let t = self.tense(j, j + 1);
                Some((r::weekday_near(self.dct, wd as u32, t)?, j + 1))
            }
            Lex::Kw(k @ (Kw::Today | Kw::Yesterday | Kw::Tomorrow)) => {
                let off = match k {
                    Kw::Today => 0,
                    Kw::Yesterday => -1,
                    _ => 1,
                };
                Some((r::add_days(self.dct, off)?, j + 1))
            }
            Lex::Month(mo, abbr) => {
                let x = self.month(j, mo as u32, abbr)?;
                if x.value.len() != 10 {
                    return None;
                }
                // chrono's format parser is large in wasm; the value is our own "YYYY-MM-DD".
                let d = parse_ymd(&x.value)?;
                Some((d, x.end))
            }
            _ => None,
        }
    }

    /// Month names: "January 21", "Jan. 21, 2022", "March 2021", "in March".
    fn month(&mut self, i: usize, mo: u32, abbr: bool) -> Option<M> {
        use TimexType::*;
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        let dotted = self.punct(j, b'.') && !self.toks[j].space_before;
        if dotted && (abbr || self.word_is(i, b"sept")) {
            j += 1;
        }
        // Day of month, written right after the month (not a column of a table).
        let near = self
            .toks
            .get(j)
            .is_some_and(|t| t.start - self.toks[j - 1].end <= 2);
        let day = match (self.lex(j), self.num(j)) {
            _ if !near => None,
            (_, Some((d, nd))) if nd <= 2 && (1..=31).contains(&d) => Some(d),
            (Lex::Ord(d), _) if (1..=31).contains(&d) => Some(d),
            _ => None,
        };
        if let Some(d) = day {
            // "Jan. 21, 2022" / "January 21 2022"
            let (k, has_comma) = if self.punct(j + 1, b',') {
                (j + 2, true)
            } else {
                (j + 1, false)
            };
            if let Some((y, e)) = self.year_at(k) {
                let _ = has_comma;
                if let Some(date) = NaiveDate::from_ymd_opt(y, mo, d) {
                    return m(e, Date, r::ymd(date));
                }
            }
            // Range "March 3-5": keep the first day only.
            let t = self.tense(i, j + 1);
            let date = r::infer_year_md(self.dct, mo, d, t)?;
            return m(j + 1, Date, r::ymd(date));
        }
        // "March 2021", "March, 2021", "March of 2021", "January nineteen ninety-seven"
        let k = if self.punct(j, b',') || self.is_kw(j, Kw::Of) {
            j + 1
        } else {
            j
        };
        if let Some((y, e)) = self.year_at(k) {
            return m(e, Date, r::ym(y, mo));
        }
        if let Some(x) = self.spoken_year(k) {
            return m(x.end, Date, format!("{}-{:02}", x.value, mo));
        }
        // "January this year", "June last year"
        if let (Some(k @ (Kw::This | Kw::Last | Kw::Next)), Some((Unit::Year, false))) =
            (self.kw(j), self.unit(j + 1))
        {
            let y = self.dct.year()
                + match k {
                    Kw::This => 0,
                    Kw::Last => -1,
                    _ => 1,
                };
            return m(j + 2, Date, r::ym(y, mo));
        }
        // A bare month name. "May" and "March" double as words, and bare
        // abbreviations ("Mar", "Jan" as a name) are too risky.
        if abbr && !dotted {
            return None;
        }
        if mo == 5 || mo == 3 {
            let ok_prev = i > 0
                && (matches!(
                    self.lex(i - 1),
                    Lex::Kw(Kw::Early | Kw::Late | Kw::Mid | Kw::Last | Kw::Next | Kw::This)
                ) || [
                    &b"in"[..],
                    b"since",
                    b"until",
                    b"by",
                    b"of",
                    b"through",
                    b"during",
                    b"before",
                    b"after",
                    b"from",
                    b"till",
                    b"between",
                    b"and",
                    b"to",
                    b"late",
                    b"early",
                    b"mid",
                ]
                .iter()
                .any(|w| self.word_is(i - 1, w))
                    || self.punct(i - 1, b'-'));
            if !ok_prev {
                return None;
            }
        }
        // The year whose month is nearest the article, unless the tense points to
        // a side and the month there is within ~10 months.
        let t = self.tense(i, j);
        let y = r::infer_year_md(self.dct, mo, 15, t).map_or(self.dct.year(), |d| d.year());
        m(j, Date, r::ym(y, mo))
    }

    /// Rules starting with a digit token.
    fn numeric(&mut self, i: usize) -> Option<M> {
        use TimexType::*;
        let (v, nd) = self.num(i)?;
        // A number glued after a decimal point or thousands separator is part of another number.
        if i > 0
            && (self.glued(i - 1, b'.') || self.glued(i - 1, b','))
            && self.num(i - 2).is_some()
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
                    return m(i + 1, Date, r::ymd(d2));
                }
            }
        }
        // ISO date 2022-01-21
        if nd == 4 && self.glued(i + 1, b'-') && self.glued(i + 3, b'-') {
            if let (Some((mo, 2)), Some((d, 2))) = (self.num(i + 2), self.num(i + 4)) {
                if let Some(date) = NaiveDate::from_ymd_opt(v as i32, mo, d) {
                    return m(i + 5, Date, r::ymd(date));
                }
            }
        }
        // US date 1/21/2022
        if nd <= 2 && self.glued(i + 1, b'/') && self.glued(i + 3, b'/') {
            if let (Some((d, _)), Some((y, 4))) = (self.num(i + 2), self.num(i + 4)) {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, v, d) {
                    return m(i + 5, Date, r::ymd(date));
                }
            }
            return None;
        }
        // "21 January 2022"
        if nd <= 2 && (1..=31).contains(&v) {
            if let Lex::Month(mo, abbr) = self.lex(i + 1) {
                if self.cap(i + 1) {
                    let mut j = i + 2;
                    if abbr && self.punct(j, b'.') {
                        j += 1;
                    }
                    let k = if self.punct(j, b',') { j + 1 } else { j };
                    if let Some((y, e)) = self.year_at(k) {
                        if let Some(date) = NaiveDate::from_ymd_opt(y, mo as u32, v) {
                            return m(e, Date, r::ymd(date));
                        }
                    }
                    let t = self.tense(i, j);
                    let date = r::infer_year_md(self.dct, mo as u32, v, t)?;
                    return m(j, Date, r::ymd(date));
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
            return m(i + 1, Date, r::year(v as i32));
        }
        None
    }

    /// Token `k` can follow the bare second day of "April 24 and 25": punctuation,
    /// the end, or a word that is not a unit or a counted noun ("25 percent").
    fn range_day_ends(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return true;
        };
        match t.kind {
            TokKind::Punct => {
                !matches!(t.ch, b'%' | b'-' | b':' | b'/' | b'$') && !self.glued(k, b'.')
            }
            TokKind::Num => false,
            _ => {
                if t.lex != Lex::None && !matches!(t.lex, Lex::Kw(_)) {
                    return false;
                }
                let mut buf = [0u8; 16];
                !super::lexicon::lower(self.bytes(k), &mut buf)
                    .is_some_and(|l| NOT_YEAR_AFTER.contains(&l))
            }
        }
    }

    fn plausible_year(&self, i: usize) -> bool {
        if i > 0
            && (self.punct(i - 1, b'$') || NOT_YEAR_BEFORE.iter().any(|w| self.word_is(i - 1, w)))
        {
            return false;
        }
        if i > 0 && self.toks[i - 1].kind == TokKind::Num {
            return false;
        }
        // "2082.1" (an index level), "1,990": a year is not followed by decimals.
        if self.punct(i + 1, b'%')
            || ((self.glued(i + 1, b',') || self.glued(i + 1, b'.')) && self.num(i + 2).is_some())
        {
            return false;
        }
        if self.glued(i + 1, b'-') && self.num(i + 2).is_some() {
            // "1989-90" is fine, "1990-2000" too, but "2000-3000" ranges of counts are rare; allow.
            return true;
        }
        let Some(t) = self.toks.get(i + 1) else {
            return true;
        };
        if t.kind == TokKind::Word && t.space_before {
            let w = self.bytes(i + 1);
            let mut buf = [0u8; 16];
            if let Some(l) = super::lexicon::lower(w, &mut buf) {
                if NOT_YEAR_AFTER.contains(&l) {
                    return false;
                }
            }
        }
        true
    }

    /// Clock times with a.m./p.m. or hh:mm after "at".
    fn clock(&mut self, i: usize) -> Option<M> {
        let (h, nd) = self.num(i)?;
        if nd > 2 || h > 24 {
            return None;
        }
        let mut j = i + 1;
        let mut min = 0;
        let mut has_min = false;
        if self.glued(j, b':') {
            let (mm, d2) = self.num(j + 1)?;
            if d2 != 2 || mm > 59 {
                return None;
            }
            min = mm;
            has_min = true;
            j += 2;
        }
        // a.m. / p.m. / am / pm
        let mut ampm = None;
        if let Lex::Kw(k @ (Kw::Am | Kw::Pm)) = self.lex(j) {
            ampm = Some(k == Kw::Pm);
            j += 1;
        } else if (self.word_is(j, b"a") || self.word_is(j, b"p"))
            && self.glued(j + 1, b'.')
            && self.word_is(j + 2, b"m")
        {
            ampm = Some(self.word_is(j, b"p"));
            j += 3;
            if self.punct(j, b'.') && !self.toks[j].space_before {
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
                    && [&b"at"[..], b"by", b"until", b"from", b"before", b"after"]
                        .iter()
                        .any(|w| self.word_is(i - 1, w));
                if !has_min || !(prev_ok || self.is_kw(j, Kw::Zone)) || h > 23 {
                    return None;
                }
            }
        }
        if self.is_kw(j, Kw::Zone) {
            j += 1;
        }
        let (d, end) = self.trailing_day(j).unwrap_or((self.dct, j));
        Some(M {
            end,
            kind: TimexType::Time,
            value: format!("{}T{:02}:{:02}", r::ymd(d), h, min),
            quant: true,
        })
    }

    /// Counted spans of time: "three months", "10-day", "a year", "several weeks",
    /// "two days ago" (a date), "a year earlier" (the year-ago period).
    fn duration(&mut self, i: usize) -> Option<M> {
        self.duration_core(i, true)
    }

    fn duration_core(&mut self, i: usize, allow_ago: bool) -> Option<M> {
        use TimexType::*;
        // Quantity.
        let (n, mut j, is_a): (Option<u32>, usize, bool) = match self.lex(i) {
            Lex::Kw(Kw::A) => match self.lex(i + 1) {
                Lex::Kw(Kw::Few) => (None, i + 2, false),
                Lex::Kw(Kw::Couple) if self.is_kw(i + 2, Kw::Of) => (Some(2), i + 3, false),
                _ => (Some(1), i + 1, true),
            },
            Lex::Kw(Kw::Few | Kw::Several | Kw::Many) => (None, i + 1, false),
            _ => {
                let (v, j) = self.number(i)?;
                (Some(v), j, false)
            }
        };
        // "5 1/2 hours", "2 1/2 years": a half unit more.
        let mut half = false;
        if !is_a
            && n.is_some()
            && self.num(j) == Some((1, 1))
            && self.glued(j + 1, b'/')
            && self.num(j + 2) == Some((2, 1))
        {
            half = true;
            j += 3;
        }
        // "two to three weeks", "two or three days": keep the first number.
        if !is_a
            && n.is_some()
            && (self.is_kw(j, Kw::To) || self.is_kw(j, Kw::Or) || self.glued(j, b'-'))
        {
            if let Some((_, k)) = self.number(j + 1) {
                if self.unit(k).is_some() {
                    j = k;
                }
            }
        }
        let hyph = self.glued(j, b'-');
        if hyph {
            j += 1;
        }
        let (u, plural) = self.unit(j)?;
        // A quoted, capitalised "60 Minutes" is a title (CBS's ''60 Minutes'').
        if self.cap(j)
            && i > 0
            && (self.punct(i - 1, b'\'') || self.punct(i - 1, b'`') || self.punct(i - 1, b'"'))
        {
            return None;
        }
        if half {
            let n = n?;
            let v = match u {
                Unit::Year => format!("P{n}Y6M"),
                Unit::Day => format!("P{n}DT12H"),
                Unit::Hour => format!("PT{n}H30M"),
                Unit::Minute => format!("PT{n}M30S"),
                _ => return None,
            };
            return Some(M {
                end: j + 1,
                kind: Duration,
                value: v,
                quant: true,
            });
        }
        if is_a && (plural || u == Unit::Second) {
            return None;
        }
        // "three-quarters of", "a quarter of the shares": fractions.
        if u == Unit::Quarter && (is_a || hyph) && self.is_kw(j + 1, Kw::Of) {
            return None;
        }
        let end = j + 1;
        // "a year-earlier period": the adjective is the expression, not "a year".
        if is_a && self.glued(end, b'-') && matches!(self.kw(end + 1), Some(Kw::Earlier | Kw::Ago))
        {
            return None;
        }
        // Ages ("6-year-old", "45 years old") are not annotated in TE3 news.
        if self.is_kw(end, Kw::Old) || self.glued(end, b'-') && self.is_kw(end + 1, Kw::Old) {
            return None;
        }
        // A year-sized number before a singular unit is a year: "the 1988 second quarter".
        if !is_a && n.is_some_and(|v| v >= 1000) && !plural {
            return None;
        }
        if allow_ago {
            // "two days ago"
            if self.is_kw(end, Kw::Ago) {
                let Some(n) = n else {
                    return m(end + 1, Date, "PAST_REF".into());
                };
                if u == Unit::Year && n == 1 {
                    let x = self.year_ago(end + 1)?;
                    return Some(M { quant: true, ..x });
                }
                let v = ago_value(self.dct, n, u)?;
                return Some(M {
                    end: end + 1,
                    kind: Date,
                    value: v,
                    quant: true,
                });
            }
            // "a year earlier", "year-earlier" periods
            if u == Unit::Year && n == Some(1) && self.is_kw(end, Kw::Earlier) {
                let x = self.year_ago(end + 1)?;
                return Some(M { quant: true, ..x });
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
                return Some(M {
                    end,
                    kind: Set,
                    value: dur_value(Some(1), u),
                    quant: true,
                });
            }
        }
        Some(M {
            end,
            kind: Duration,
            value: dur_value(n, u),
            quant: true,
        })
    }
}

/// Parse a "YYYY-MM-DD" value this module produced.
fn parse_ymd(v: &str) -> Option<NaiveDate> {
    let y = v.get(0..4)?.parse().ok()?;
    let m = v.get(5..7)?.parse().ok()?;
    let d = v.get(8..10)?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// TIMEX3 duration value for `n` units (`None` = unspecified, "X").
pub fn dur_value(n: Option<u32>, u: Unit) -> String {
    let ns = |k: u32| n.map_or_else(|| "X".to_string(), |v| (v as u64 * k as u64).to_string());
    match u {
        Unit::Second => format!("PT{}S", ns(1)),
        Unit::Minute => format!("PT{}M", ns(1)),
        Unit::Hour => format!("PT{}H", ns(1)),
        Unit::Day => format!("P{}D", ns(1)),
        Unit::Week => format!("P{}W", ns(1)),
        Unit::Month => format!("P{}M", ns(1)),
        Unit::Quarter => format!("P{}Q", ns(1)),
        Unit::Year => format!("P{}Y", ns(1)),
        Unit::Decade => match n {
            Some(_) => format!("P{}Y", ns(10)),
            None => "PXE".into(),
        },
        Unit::Century => match n {
            Some(_) => format!("P{}Y", ns(100)),
            None => "PXC".into(),
        },
    }
}

/// "n units ago" at the unit's granularity.
fn ago_value(dct: NaiveDate, n: u32, u: Unit) -> Option<String> {
    let n = n as i64;
    Some(match u {
        Unit::Day => r::ymd(r::add_days(dct, -n)?),
        Unit::Week => r::week(r::add_days(dct, -7 * n)?),
        Unit::Month => {
            let (y, mo) = r::shift_month(dct.year(), dct.month(), -n)?;
            r::ym(y, mo)
        }
        Unit::Quarter => {
            let (y, q) = r::shift_quarter(dct.year(), r::quarter_of(dct), -n)?;
            r::quarter(y, q)
        }
        Unit::Year => {
            let y = dct.year() as i64 - n;
            if !(0..=9999).contains(&y) {
                return None;
            }
            r::year(y as i32)
        }
        Unit::Decade => {
            let y = dct.year() as i64 - 10 * n;
            if !(0..=9999).contains(&y) {
                return None;
            }
            format!("{:03}", y / 10)
        }
        _ => return None,
    })
}

fn season_of(d: NaiveDate) -> (i32, u32) {
    match d.month() {
        3..=5 => (d.year(), 1),
        6..=8 => (d.year(), 2),
        9..=11 => (d.year(), 3),
        12 => (d.year(), 4),
        _ => (d.year() - 1, 4),
    }
}

fn season_code(s: u32) -> &'static str {
    match s {
        1 => "SP",
        2 => "SU",
        3 => "FA",
        _ => "WI",
    }
}
