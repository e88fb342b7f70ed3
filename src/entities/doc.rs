//! Document context: the facts about each token (lower-cased word hash,
//! shapes, flags, gazetteer bits, capitalised runs, lower-case use elsewhere)
//! and the sentences, computed once per document into [`DocCtx`] and read by
//! the feature templates, the rules and the post-processing.

use super::gazetteer::{GazKind, GazMatch, Gazetteer};
use super::hash::{fnv_char, mix, FNV_INIT, FNV_PRIME};
use super::lexicon::{self, class};
use super::tokenize::{self, Sink, Tok};

/// Long shape hash of an all-lower-case word of 0..=4+ letters (see [`shapes`]).
const LOWER_SHAPE: [u64; 5] = {
    let x = b'x' as u64;
    let mut out = [0u64; 5];
    let mut k = 1;
    while k < 5 {
        out[k] = mix(out[k - 1], x);
        k += 1;
    }
    out
};
/// Short shape hash of an all-lower-case word.
const LOWER_SSHAPE: u64 = mix(0, b'x' as u64);

fn shape_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'?'
    }
}

/// Word shape hashes built one character class at a time: the long shape
/// caps runs at 4 ("Lavrov" -> "Xxxxx"), the short one collapses them ("Xx").
#[derive(Default)]
struct ShapeAcc {
    long: u64,
    short: u64,
    last: u8,
    run: u32,
}

impl ShapeAcc {
    fn push(&mut self, k: u8) {
        if k == self.last {
            self.run += 1;
        } else {
            self.run = 1;
            self.short = mix(self.short, k as u64);
        }
        if self.run <= 4 {
            self.long = mix(self.long, k as u64);
        }
        self.last = k;
    }
}

/// (long shape, short shape) hashes: "Lavrov" -> "Xxxxx" (runs capped at 4)
/// and "Xx" (runs collapsed).
pub fn shapes(s: &str) -> (u64, u64) {
    let mut acc = ShapeAcc::default();
    for c in s.chars() {
        acc.push(shape_class(c));
    }
    (acc.long, acc.short)
}

/// Token flag bits.
pub mod flag {
    /// Contains an upper-case letter.
    pub const HAS_UPPER: u8 = 1;
    /// First char upper-case.
    pub const INIT_UPPER: u8 = 2;
    /// Every letter upper-case (and at least one letter).
    pub const ALL_UPPER: u8 = 4;
    /// Contains a digit.
    pub const HAS_DIGIT: u8 = 8;
    /// First token of its sentence.
    pub const SENT_START: u8 = 16;
    /// In a sentence that is (mostly) in capitals, like a headline.
    pub const CAPS_SENT: u8 = 32;
    /// Only letters (no digits or punctuation).
    pub const ALPHA: u8 = 64;
    /// Capitalised but plainly no name: a function word opening a sentence
    /// ("The", "It", "But") or a weekday or month name. The tagger skips it.
    pub const NOT_NAME: u8 = 128;
}

/// Precomputed facts about one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    /// [`hash_lower`] of the token text.
    pub lower: u64,
    /// Long shape hash.
    pub shape: u64,
    /// Short shape hash.
    pub sshape: u64,
    /// [`flag`] bits.
    pub flags: u8,
    /// Gazetteer bits: for kind k, bit 2k = phrase begins here, bit 2k+1 = inside.
    pub gaz: u16,
    /// Character length, capped at 255.
    pub len: u8,
    /// Hash of the last word of the capitalised run this token is in (0 if none).
    pub run_last: u64,
    /// Hash of the first word of that run.
    pub run_first: u64,
    /// Position in the run (0-based, capped) and run length (capped), packed.
    pub run_pos: u8,
    /// The same word occurs in all lower case elsewhere in the document.
    pub lower_elsewhere: bool,
    /// 1 + the index of this word among the document's capitalised words
    /// (see [`DocCtx::words`]), for every token whose lower-cased form is
    /// one of them; 0 otherwise. Why: the decoder keeps per-word labels in
    /// an array by this index instead of a hash map keyed by the word.
    pub word: u32,
}

/// Per-document precomputation, reusable across documents.
#[derive(Default)]
pub struct DocCtx {
    /// One entry per token.
    pub info: Vec<TokInfo>,
    /// Gazetteer matches (token ranges).
    pub gaz: Vec<GazMatch>,
    /// Sentence ranges as (start, end) token indices.
    pub sents: Vec<(usize, usize)>,
    upper_tab: Vec<(u64, bool)>,
    /// Indices of the tokens with an upper-case letter, ascending.
    ups: Vec<u32>,
    /// Slots of the table of capitalised words: [`TokInfo::word`] is below this.
    pub words: usize,
}

/// The open sentence of the per-token pass: where it began, and its words
/// and words in capitals so far (for the headline test).
#[derive(Default, Clone, Copy)]
struct Pass {
    sent_a: usize,
    words: u32,
    caps: u32,
}

/// The fused pass's [`Sink`]: each token's facts as the tokeniser cuts it.
struct FactSink<'a> {
    ctx: &'a mut DocCtx,
    pass: Pass,
}

impl Sink for FactSink<'_> {
    const FACTS: bool = true;

    #[inline(always)]
    fn plain(&mut self, text: &str, tok: Tok, classes: u8, hash: u64) {
        let inf =
            if classes & (tokenize::UPPER | tokenize::LOWER | tokenize::DIGIT) == tokenize::LOWER {
                lower_info(hash, tok.end - tok.start, tok.sent_start)
            } else {
                plain_info(
                    text.as_bytes().get(tok.start..tok.end).unwrap_or(&[]),
                    classes,
                    hash,
                    tok.sent_start,
                )
            };
        self.ctx.note(&mut self.pass, inf, tok.sent_start);
    }

    #[inline(always)]
    fn other(&mut self, text: &str, tok: Tok) {
        let inf = match text.as_bytes().get(tok.start..tok.end) {
            // A punctuation mark (about one token in nine): its facts are
            // those of its one byte, as `slow_info` would find them.
            Some(&[b]) if tokenize::CLASS[b as usize] == 0 => {
                let shape = mix(0, b as u64);
                let flags = if tok.sent_start { flag::SENT_START } else { 0 };
                TokInfo {
                    lower: (FNV_INIT ^ b as u64).wrapping_mul(FNV_PRIME),
                    shape,
                    sshape: shape,
                    flags,
                    len: 1,
                    ..TokInfo::default()
                }
            }
            _ => tok_info(text, &tok),
        };
        self.ctx.note(&mut self.pass, inf, tok.sent_start);
    }
}

impl DocCtx {
    /// Indices of the tokens holding an upper-case letter, ascending: what
    /// the tagger visits outside names.
    pub fn upper_tokens(&self) -> &[u32] {
        &self.ups
    }

    /// Fill from a tokenised text.
    ///
    /// Why in so few passes: this runs over every token of every article
    /// (about 85% of them lower-case words the tagger never scores), so one
    /// pass computes each token's facts, its sentence's headline test and
    /// the obvious non-names together; the later steps (capitalised runs,
    /// lower-case use elsewhere, gazetteer) visit only the capitalised tokens
    /// collected on the way, except for one probe per lower-case word.
    pub fn fill(&mut self, text: &str, toks: &[Tok], gaz: &Gazetteer) {
        self.begin();
        self.info.reserve(toks.len());
        let mut pass = Pass::default();
        for t in toks {
            let inf = tok_info(text, t);
            self.note(&mut pass, inf, t.sent_start);
        }
        self.finish(text, toks, gaz, pass);
    }

    /// Cut `text` into `toks` as [`tokenize`](super::tokenize::tokenize)
    /// does and fill from them: the same tokens and facts as the two steps
    /// apart, in one pass over the bytes. Why: re-reading every token's
    /// bytes for its hash and classes cost more than cutting it; the
    /// tokeniser already has them in hand.
    pub fn fill_fused(&mut self, text: &str, toks: &mut Vec<Tok>, gaz: &Gazetteer) {
        self.begin();
        let mut sink = FactSink {
            ctx: self,
            pass: Pass::default(),
        };
        tokenize::tokenize_into(text, toks, &mut sink);
        let pass = sink.pass;
        self.finish(text, toks, gaz, pass);
    }

    fn begin(&mut self) {
        self.info.clear();
        self.sents.clear();
        self.ups.clear();
    }

    /// One token's facts, appended; closes the open sentence first if the
    /// token opens a new one.
    #[inline(always)]
    fn note(&mut self, pass: &mut Pass, inf: TokInfo, sent_start: bool) {
        let i = self.info.len();
        if sent_start && i > pass.sent_a {
            self.close_sentence(pass.sent_a, i, pass.words, pass.caps);
            *pass = Pass {
                sent_a: i,
                words: 0,
                caps: 0,
            };
        }
        if inf.flags & flag::ALPHA != 0 && inf.len > 1 {
            pass.words += 1;
            pass.caps += (inf.flags & flag::ALL_UPPER != 0) as u32;
        }
        if inf.flags & flag::HAS_UPPER != 0 {
            self.ups.push(i as u32);
        }
        self.info.push(inf);
    }

    /// Everything after the per-token pass: the last sentence, capitalised
    /// runs, lower-case use elsewhere, gazetteer matches.
    fn finish(&mut self, text: &str, toks: &[Tok], gaz: &Gazetteer, pass: Pass) {
        if pass.sent_a < toks.len() {
            self.close_sentence(pass.sent_a, toks.len(), pass.words, pass.caps);
        }
        // Capitalised runs (outside headlines): "Boston Red Sox" tells "Boston"
        // what it belongs to through its last word.
        let info = &mut self.info;
        let ups = &self.ups;
        let mut k = 0;
        while k < ups.len() {
            let a = ups[k] as usize;
            let f = info[a].flags;
            k += 1;
            if f & flag::INIT_UPPER == 0 || f & flag::CAPS_SENT != 0 {
                continue;
            }
            let mut b = a + 1;
            while k < ups.len()
                && ups[k] as usize == b
                && info[b].flags & flag::INIT_UPPER != 0
                && !toks[b].sent_start
            {
                b += 1;
                k += 1;
            }
            let (first, last) = (info[a].lower, info[b - 1].lower);
            let n = (b - a).min(4) as u8;
            for (j, inf) in info[a..b].iter_mut().enumerate() {
                inf.run_first = first;
                inf.run_last = last;
                inf.run_pos = (j.min(3) as u8) << 4 | n;
            }
        }
        // Words seen in lower case in this document ("Before" vs "before"):
        // the capitalised words go into a small open-addressing table, then
        // every other word probes it (no insertion per token). The table's
        // slots also number the capitalised words for the decoder.
        self.words = 0;
        if !ups.is_empty() {
            let cap = (ups.len() * 2).next_power_of_two().max(16);
            let m = cap - 1;
            let tab = &mut self.upper_tab;
            tab.clear();
            tab.resize(cap, (0, false));
            #[inline(always)]
            fn slot(tab: &[(u64, bool)], m: usize, h: u64) -> usize {
                let mut j = (h ^ (h >> 29)) as usize & m;
                while tab[j].0 != 0 && tab[j].0 != h {
                    j = (j + 1) & m;
                }
                j
            }
            // A 256-bit filter of the capitalised words' hashes: most other
            // words fail it and skip the table probe (one shift and test
            // instead of a slot computation and a compare per token).
            let mut filter = [0u64; 4];
            let bit = |h: u64| ((h >> 56) as usize >> 6, 1u64 << ((h >> 56) & 63));
            for &i in ups {
                let inf = &mut info[i as usize];
                if inf.lower != 0 {
                    let j = slot(tab, m, inf.lower);
                    tab[j].0 = inf.lower;
                    inf.word = j as u32 + 1;
                    let (w, b) = bit(inf.lower);
                    filter[w] |= b;
                }
            }
            for inf in info.iter_mut() {
                let (w, b) = bit(inf.lower);
                if filter[w] & b != 0 && inf.flags & flag::HAS_UPPER == 0 && inf.lower != 0 {
                    let j = slot(tab, m, inf.lower);
                    if tab[j].0 == inf.lower {
                        inf.word = j as u32 + 1;
                        if inf.flags & flag::ALPHA != 0 {
                            tab[j].1 = true;
                        }
                    }
                }
            }
            for &i in ups {
                let inf = &mut info[i as usize];
                if inf.word != 0 {
                    inf.lower_elsewhere = tab[inf.word as usize - 1].1;
                }
            }
            self.words = cap;
        }
        if self.info.len() == toks.len() {
            let info = &self.info;
            let starts = self.ups.iter().map(|&i| i as usize);
            let starts = starts.filter(|&i| info[i].flags & flag::INIT_UPPER != 0);
            gaz.matches_from(text, toks, starts, |k| info[k].lower, &mut self.gaz);
        } else {
            self.gaz.clear();
        }
        for m in &self.gaz {
            let k = m.kind as u16;
            for (j, inf) in self.info[m.start..m.end].iter_mut().enumerate() {
                inf.gaz |= if j == 0 {
                    1 << (2 * k)
                } else {
                    1 << (2 * k + 1)
                };
            }
        }
    }

    /// End of sentence `[a, b)` with `words` words of which `caps` are in
    /// capitals: note it, and flag a headline.
    fn close_sentence(&mut self, a: usize, b: usize, words: u32, caps: u32) {
        self.sents.push((a, b));
        if words >= 2 && caps * 10 >= words * 6 {
            for inf in &mut self.info[a..b] {
                inf.flags |= flag::CAPS_SENT;
            }
        }
    }
}

/// Facts about token `t` of `text`.
#[inline(always)]
fn tok_info(text: &str, t: &Tok) -> TokInfo {
    let wb = text.as_bytes().get(t.start..t.end).unwrap_or(&[]);
    // Fast path: an all-lower-case ASCII word (most tokens). Its
    // shapes depend only on its length, its hash needs no case folding.
    let mut h = FNV_INIT;
    let mut k = 0;
    while k < wb.len() && wb[k].is_ascii_lowercase() {
        h = (h ^ wb[k] as u64).wrapping_mul(FNV_PRIME);
        k += 1;
    }
    if k == wb.len() && k > 0 {
        lower_info(h, k, t.sent_start)
    } else {
        slow_info(text.get(t.start..t.end).unwrap_or(""), t.sent_start)
    }
}

/// Facts about a non-empty all-lower-case ASCII word of `n` letters with
/// [`hash_lower`] `h`.
#[inline(always)]
fn lower_info(h: u64, n: usize, sent_start: bool) -> TokInfo {
    let flags = flag::ALPHA | if sent_start { flag::SENT_START } else { 0 };
    TokInfo {
        lower: h,
        shape: LOWER_SHAPE[n.min(4)],
        sshape: LOWER_SSHAPE,
        flags,
        len: n.min(255) as u8,
        ..TokInfo::default()
    }
}

/// Facts about a word of ASCII letters and digits `w` (any but a non-empty
/// all-lower-case one), given its [`hash_lower`] `h` and the OR of its
/// bytes' tokeniser classes: what [`slow_info`] computes, without hashing
/// or classifying again.
fn plain_info(w: &[u8], classes: u8, h: u64, sent_start: bool) -> TokInfo {
    let mut shape = ShapeAcc::default();
    for &b in w {
        shape.push(match b {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            _ => b,
        });
    }
    let seen = Seen {
        upper: classes & tokenize::UPPER != 0,
        lower: classes & tokenize::LOWER != 0,
        digit: classes & tokenize::DIGIT != 0,
        other: false,
        first_upper: w.first().is_some_and(u8::is_ascii_uppercase),
        n: w.len(),
    };
    info_from(h, &shape, seen, sent_start)
}

/// What a token's characters are: which classes occur, whether the first
/// is a capital, how many there are.
struct Seen {
    upper: bool,
    lower: bool,
    digit: bool,
    /// Neither a letter nor a digit.
    other: bool,
    first_upper: bool,
    n: usize,
}

/// A token's facts from its [`hash_lower`], its shapes and what its
/// characters are: the one place the [`flag`]s are decided.
fn info_from(h: u64, shape: &ShapeAcc, c: Seen, sent_start: bool) -> TokInfo {
    let mut flags = 0u8;
    if c.upper {
        flags |= flag::HAS_UPPER;
        if !c.lower {
            flags |= flag::ALL_UPPER;
        }
    }
    if c.first_upper {
        flags |= flag::INIT_UPPER;
    }
    if c.digit {
        flags |= flag::HAS_DIGIT;
    } else if !c.other && c.n > 0 {
        flags |= flag::ALPHA;
    }
    if sent_start {
        flags |= flag::SENT_START;
    }
    let len = c.n.min(255) as u8;
    flags |= not_name(c.upper && (c.lower || len == 1), h, len, sent_start);
    TokInfo {
        lower: h,
        shape: shape.long,
        sshape: shape.short,
        flags,
        len,
        ..TokInfo::default()
    }
}

/// [`flag::NOT_NAME`] for a capitalised word (`capitalised`) with
/// [`hash_lower`] `h`, else 0: obvious non-names, one look-up each (a
/// function word opening a sentence, a weekday or month name).
#[inline]
fn not_name(capitalised: bool, h: u64, len: u8, sent_start: bool) -> u8 {
    if capitalised {
        let c = lexicon::classes(h);
        if (sent_start && c & class::NOT_NAME != 0) || (c & class::CALENDAR != 0 && len >= 6) {
            return flag::NOT_NAME;
        }
    }
    0
}

/// Facts about a token that is not a plain lower-case ASCII word: one pass
/// over its characters for the hash, the shapes and the character classes.
fn slow_info(w: &str, sent_start: bool) -> TokInfo {
    let mut h = FNV_INIT;
    let mut shape = ShapeAcc::default();
    let (mut upper, mut lower, mut digit, mut other, mut n) = (0u32, 0u32, 0u32, 0u32, 0usize);
    let mut first_upper = false;
    if w.is_ascii() {
        // ASCII (capitalised words, numbers, punctuation): bytes, no decoding.
        for &b in w.as_bytes() {
            let (k, folded) = match b {
                b'A'..=b'Z' => {
                    upper += 1;
                    (b'X', b | 0x20)
                }
                b'a'..=b'z' => {
                    lower += 1;
                    (b'x', b)
                }
                b'0'..=b'9' => {
                    digit += 1;
                    (b'd', b'0')
                }
                _ => {
                    other += 1;
                    (b, b)
                }
            };
            h = (h ^ folded as u64).wrapping_mul(FNV_PRIME);
            if n == 0 {
                first_upper = k == b'X';
            }
            n += 1;
            shape.push(k);
        }
    } else {
        for c in w.chars() {
            h = fnv_char(h, c);
            let k = shape_class(c);
            match k {
                b'X' => upper += 1,
                b'x' => lower += 1,
                b'd' => digit += 1,
                _ if !c.is_alphabetic() => other += 1,
                _ => {}
            }
            if n == 0 {
                first_upper = k == b'X';
            }
            n += 1;
            shape.push(k);
        }
    }
    let seen = Seen {
        upper: upper > 0,
        lower: lower > 0,
        digit: digit > 0,
        other: other > 0,
        first_upper,
        n,
    };
    info_from(h, &shape, seen, sent_start)
}

/// Which gazetteer kinds a token is in (for rules).
pub fn in_gaz(info: &TokInfo, kind: GazKind) -> bool {
    let k = kind as u16;
    info.gaz & (3 << (2 * k)) != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokenize::tokenize;

    #[test]
    fn shapes_group_words() {
        assert_eq!(shapes("Lavrov").0, shapes("Blinken").0);
        assert_ne!(shapes("Lavrov").0, shapes("NATO").0);
        assert_eq!(shapes("Lavrov").1, shapes("Jo").1);
    }

    /// Everything a fill leaves for its readers, as text.
    fn facts(ctx: &DocCtx) -> String {
        format!("{:?} {:?} {:?} {}", ctx.info, ctx.gaz, ctx.sents, ctx.words)
    }

    /// `fill_fused` against `tokenize` then `fill`, on `text`.
    fn assert_fused_same(text: &str) {
        let gaz = Gazetteer::builtin();
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let mut apart = DocCtx::default();
        apart.fill(text, &toks, &gaz);
        let mut fused_toks = vec![Tok {
            start: 0,
            end: 0,
            sent_start: false,
        }];
        let mut fused = DocCtx::default();
        fused.fill_fused(text, &mut fused_toks, &gaz);
        assert_eq!(fused_toks, toks, "{text:?}");
        assert_eq!(facts(&fused), facts(&apart), "{text:?}");
        // Filling the same context again from the tokens gives the same facts.
        fused.fill(text, &fused_toks, &gaz);
        assert_eq!(facts(&fused), facts(&apart), "{text:?}");
    }

    #[test]
    fn fused_fill_equals_tokenize_then_fill() {
        for text in [
            "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nthe UK said",
            "In London’s view, the U.S. (and NATO) said: \"yes.\" Mr. Smith's 155,221 bags cost $1.5 billion.",
            "Ärzte ohne Grenzen in Zürich; ÉCOLE normale. İstanbul ǅemal ß 42nd e.g. p.m. J. Smith",
            "ROME, Jan 5 (Reuters) - Italy's Fiat SpA said.\r\n\r\nThe company\r\n   Blah BLAH blah\n\n\nNew paragraph",
            "  leading spaces\u{a0}and\u{2003}odd spaces\tTab 3M A-B AT&T U.S.-based 1990s x",
            "The Bank of England and Before before BEFORE the of De Beers O'Neil O’Brien '' ' - . ... ?! ",
            "",
            "   \n\n ",
        ] {
            assert_fused_same(text);
        }
    }

    #[test]
    fn a_context_reused_after_fill_fused_equals_a_fresh_one() {
        let gaz = Gazetteer::builtin();
        let (a, b) = ("Paris and the UN.", "Berlin, the EU and NATO said.");
        let mut toks = Vec::new();
        let mut ctx = DocCtx::default();
        ctx.fill_fused(a, &mut toks, &gaz);
        let mut toks_b = Vec::new();
        tokenize(b, &mut toks_b);
        ctx.fill(b, &toks_b, &gaz);
        let mut fresh = DocCtx::default();
        fresh.fill(b, &toks_b, &gaz);
        assert_eq!(facts(&ctx), facts(&fresh));
    }

    proptest::proptest! {
        #[test]
        fn fused_fill_equals_tokenize_then_fill_on_any_text(text in "(?s)[a-zA-Z0-9 .,'’\"\n\r()$&-]{0,60}|\\PC{0,40}") {
            assert_fused_same(&text);
        }
    }
}
