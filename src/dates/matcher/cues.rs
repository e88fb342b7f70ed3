//! Cue words: the tense cues that decide which way a bare "Thursday" or
//! "December 17" points, and the words that are themselves vague references
//! to a time ("now", "current", "recently", "soon", "in future").

use crate::dates::lexicon::{self, Keyword, Lex, TokenKind};
use crate::dates::resolve::Tense;
use crate::dates::timex::TimexType::{Date, Duration};
use crate::dates::value::{self, Unit, FUTURE_REF, PAST_REF, PRESENT_REF};

use super::state::{found, Match, Matcher};

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

impl Matcher<'_> {
    /// Is token `k` a sentence boundary?
    pub(super) fn boundary(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return true;
        };
        if t.para_before {
            return true;
        }
        if t.kind != TokenKind::Punct {
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
                    && self.tokens[k - 1].kind == TokenKind::Num
                    && self.tokens[k + 1].kind == TokenKind::Num
                {
                    return false;
                }
                let p = &self.tokens[k - 1];
                let len = p.end - p.start;
                !(len <= 3
                    && p.kind == TokenKind::Word
                    && !matches!(self.tokens.get(k + 1), Some(n) if n.cap && len > 1 && !matches!(p.lex, Lex::Month(..))))
            }
            _ => false,
        }
    }

    /// The tense word `k` points to, if any.
    fn cue(&self, k: usize) -> Tense {
        let w = self.bytes(k);
        if w.len() > 14 || self.tokens[k].kind != TokenKind::Word {
            return Tense::Unknown;
        }
        let mut buf = [0u8; 16];
        let Some(l) = lexicon::lower(w, &mut buf) else {
            return Tense::Unknown;
        };
        // "next" points forward only as "next week", "next Monday": "next to" does not.
        if l == b"next" {
            return if matches!(
                self.lex_at(k + 1),
                Lex::Unit(..)
                    | Lex::Weekday(..)
                    | Lex::Month(..)
                    | Lex::Season(_)
                    | Lex::Keyword(Keyword::Weekend)
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
            if self.word_in(k - 1, INTENT) {
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
            // "a renewed battle", "the disputed region": after a determiner an
            // "-ed" word is an adjective, not a past verb.
            const DETERMINERS: &[&[u8]] = &[
                b"a", b"an", b"the", b"his", b"her", b"its", b"their", b"our", b"my", b"your",
                b"this", b"these", b"those",
            ];
            if k > 0 && self.word_in(k - 1, DETERMINERS) {
                return Tense::Unknown;
            }
            // "will be named", "is to be completed": a passive future; "could be
            // located", "must be returned" say nothing either way.
            if k > 0 && self.word_is(k - 1, b"be") {
                if k > 1 && self.word_in(k - 2, &[b"will", b"shall", b"ll", b"would", b"to"]) {
                    return Tense::Future;
                }
                return Tense::Unknown;
            }
            return Tense::Past;
        }
        Tense::Unknown
    }

    /// [`cue`](Self::cue) of a word that is not itself a time expression,
    /// nor the "to" of an intent ("the task facing today … is to ensure"
    /// speaks of the present, not of a plan for the day).
    fn verb_cue(&self, k: usize) -> Tense {
        if self.word_is(k, b"to") {
            return Tense::Unknown;
        }
        match self.lex_at(k) {
            Lex::Keyword(
                Keyword::Tomorrow | Keyword::Yesterday | Keyword::Last | Keyword::Next,
            ) => Tense::Unknown,
            _ => self.cue(k),
        }
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
        self.word_in(k - 1, prev)
    }

    /// The tense around tokens `[s, e)`: the nearest cue before the expression in
    /// the same sentence, else the nearest one after it.
    pub(super) fn tense(&self, s: usize, e: usize) -> Tense {
        let mut k = s;
        let mut n = 0;
        while k > 0 && n < 40 {
            if self.boundary(k) && k != s {
                break;
            }
            if self.tokens[k].para_before {
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
        while k < self.tokens.len() && n < 15 {
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

    /// Token `k` opens or closes a clause: a sentence boundary, a comma,
    /// colon or dash, or a word that starts a subordinate clause.
    pub(super) fn clause_edge(&self, k: usize) -> bool {
        self.boundary(k)
            || self.punct(k, b',')
            || self.punct(k, b':')
            || self.dash(k)
            || self.word_in(
                k,
                &[
                    b"that", b"who", b"which", b"while", b"when", b"because", b"if", b"where",
                    b"whether", b"why", b"but",
                ],
            )
    }

    /// Token `k` is a dash between clauses: an em or en dash, or a hyphen
    /// with space on both sides ("radioactive — more than it is today").
    fn dash(&self, k: usize) -> bool {
        let spaced = |k: usize| {
            self.tokens[k].space_before && self.tokens.get(k + 1).is_some_and(|t| t.space_before)
        };
        self.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Punct)
            && (self.bytes(k) == "\u{2014}".as_bytes()
                || self.bytes(k) == "\u{2013}".as_bytes() && spaced(k)
                || self.punct(k, b'-') && spaced(k))
    }

    /// The tense of the clause holding tokens `[s, e)` only: cues between the
    /// clause's edges (a comma right after a clause-initial expression does
    /// not end it: "Today, the army shelled…"). Time words are not verbs: "tomorrow" in
    /// "Ukraine today may be East Asia tomorrow" says nothing of the tense.
    pub(super) fn clause_tense(&self, s: usize, e: usize) -> Tense {
        let mut k = s;
        while k > 0 && s - k < 40 {
            if self.tokens[k].para_before {
                break;
            }
            k -= 1;
            if self.clause_edge(k) {
                break;
            }
            let c = self.verb_cue(k);
            if c != Tense::Unknown {
                return c;
            }
        }
        // "Today, the army shelled…": a comma after a clause-initial expression
        // does not end its clause; "may swagger today, ordinary people will
        // freeze" ends it.
        let initial = s == 0 || self.clause_edge(s - 1) || self.tokens[s].para_before;
        let mut k = if initial && self.punct(e, b',') {
            e + 1
        } else {
            e
        };
        while k < self.tokens.len() && k - e < 20 {
            if self.clause_edge(k) {
                break;
            }
            let c = self.verb_cue(k);
            if c != Tense::Unknown {
                return c;
            }
            k += 1;
        }
        Tense::Unknown
    }

    // ---- vague references ----

    /// "current": "the current quarter" as "this quarter", the adjective alone
    /// ("current market conditions") as the present.
    pub(super) fn current(&mut self, i: usize) -> Option<Match> {
        if let Some((u, _)) = self.unit_at(i + 1) {
            return self.this_unit(i + 2, u, 0);
        }
        // The adjective alone ("current market conditions", "its current
        // position") is the present in TimeML.
        let next_word = self
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == TokenKind::Word && t.lex == Lex::None);
        let after_the_then = i > 0 && self.is_keyword(i - 1, Keyword::Then);
        (next_word && !after_the_then).then(|| Match {
            end: i + 1,
            kind: Date,
            value: PRESENT_REF.into(),
            quantity: false,
        })
    }

    /// "recent years/weeks": an unspecified stretch up to now.
    pub(super) fn recent(&self, i: usize) -> Option<Match> {
        let (u, pl) = self.unit_at(i + 1)?;
        if !pl {
            return None;
        }
        // "in recent years" is TE3's vague past (PAST_REF) more often than PXY.
        if u == Unit::Year {
            return found(i + 2, Date, PAST_REF.into());
        }
        found(i + 2, Duration, value::duration(None, u))
    }

    /// "will soon", "may soon seek", "to soon grow": the vague future. "As soon
    /// as", "soon after" and "soon became" are not annotated.
    pub(super) fn soon(&self, i: usize) -> Option<Match> {
        if i > 0 && (self.word_is(i - 1, b"as") || self.word_is(i - 1, b"so")) {
            return None;
        }
        if self.word_in(
            i + 1,
            &[
                b"as",
                b"after",
                b"afterward",
                b"afterwards",
                b"thereafter",
                b"enough",
            ],
        ) {
            return None;
        }
        let modal_before = i > 0
            && self.word_in(
                i - 1,
                &[
                    b"will", b"would", b"shall", b"ll", b"may", b"might", b"could", b"should",
                    b"can", b"must", b"to",
                ],
            );
        let modal_after = self.word_in(
            i + 1,
            &[
                b"will", b"would", b"may", b"might", b"could", b"should", b"be",
            ],
        );
        (modal_before || modal_after || self.tense(i, i + 1) == Tense::Future).then(|| Match {
            end: i + 1,
            kind: Date,
            value: FUTURE_REF.into(),
            quantity: false,
        })
    }

    /// "in future" (bare "future" is mostly an adjective: "future growth").
    pub(super) fn in_future(&self, i: usize) -> Option<Match> {
        if self.is_keyword(i.wrapping_sub(1), Keyword::The) {
            return None;
        }
        if i > 0 && self.word_is(i - 1, b"in") {
            return found(i + 1, Date, FUTURE_REF.into());
        }
        None
    }

    /// "the past" as a noun ("in the past,"), not "the past negotiations";
    /// `j` is the token after "the".
    pub(super) fn the_past(&self, j: usize) -> Option<Match> {
        if self.unit_at(j + 1).is_none() && self.number_at(j + 1).is_none() && self.not_noun(j + 1)
        {
            return found(j + 1, Date, PAST_REF.into());
        }
        None
    }

    /// "the near future", "the short term" (`j` is "near" or "short").
    pub(super) fn the_near_future(&self, j: usize) -> Option<Match> {
        if self.is_keyword(j + 1, Keyword::Future) || self.is_keyword(j + 1, Keyword::Term) {
            return found(j + 2, Date, FUTURE_REF.into());
        }
        None
    }
}
