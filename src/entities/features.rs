//! Feature templates for the tagger, hashed straight into weight-table buckets.
//!
//! Why hashing: the model ships to the browser, so there is no feature
//! dictionary to store — each feature is a 64-bit hash of (template, value)
//! folded into `2^log2` buckets. Per-token facts (lower-cased word hash, word
//! shape, gazetteer flags) are computed once per document into [`TokInfo`];
//! extraction then only mixes integers into a fixed-size array, with no
//! allocation per token.

use super::doc::{flag, DocCtx, TokInfo};
use super::hash::{fnv_char, mix, FNV_INIT, FNV_PRIME, FOLD};
use super::tokenize::Tok;

/// Upper bound on features per token (at most 32 are pushed: 13 static, 19
/// in context).
pub const MAX_FEATS: usize = 36;

/// The affixes the tagger uses, hashed as [`hash_lower`]: the first four
/// characters (None for shorter words), the last one, and the last four
/// (None for shorter words). Why only these three: the one-to-three
/// character prefixes and two-to-three character suffixes added nothing
/// measurable on CoNLL testa (2026-11-21) and cost a bucket look-up each.
pub fn affixes(w: &str) -> (Option<u64>, u64, Option<u64>) {
    let b = w.as_bytes();
    if b.is_ascii() {
        let fnv = |bytes: &[u8]| {
            bytes.iter().fold(FNV_INIT, |h, &c| {
                (h ^ FOLD[c as usize] as u64).wrapping_mul(FNV_PRIME)
            })
        };
        let n = b.len();
        if n == 0 {
            return (None, FNV_INIT, None);
        }
        let long = n >= 4;
        return (
            long.then(|| fnv(&b[..4])),
            fnv(&b[n - 1..]),
            long.then(|| fnv(&b[n - 4..])),
        );
    }
    let mut pre = FNV_INIT;
    let mut n = 0;
    for c in w.chars().take(4) {
        pre = fnv_char(pre, c);
        n += 1;
    }
    let mut tail = ['\0'; 4];
    let mut m = 0;
    for c in w.chars().rev().take(4) {
        tail[m] = c;
        m += 1;
    }
    let suf1 = if m > 0 {
        fnv_char(FNV_INIT, tail[0])
    } else {
        FNV_INIT
    };
    let suf4 = (m == 4).then(|| tail.iter().rev().fold(FNV_INIT, |h, &c| fnv_char(h, c)));
    ((n == 4).then_some(pre), suf1, suf4)
}

/// Whether the model runs on token `i` at all. Why: entities are capitalised
/// tokens plus the odd lower-case connector inside one ("Bank of England");
/// skipping everything else keeps tagging fast. Training applies the same gate.
#[inline]
pub fn is_candidate(info: &[TokInfo], i: usize, sent_end: usize, prev_tag: u8) -> bool {
    let f = info[i].flags;
    if f & flag::HAS_UPPER != 0 {
        return f & flag::NOT_NAME == 0;
    }
    // Lower-case connectors ("of", "de") and "&" inside names.
    prev_tag != 0
        && f & flag::HAS_DIGIT == 0
        && info[i].len <= 4
        && i + 1 < sent_end
        && info[i + 1].flags & flag::HAS_UPPER != 0
}

/// Template ids (mixed into every feature so templates never collide by value).
///
/// Gaps are templates dropped on 2026-11-21 (bias; every feature of the
/// previous tags; the word, shape and gazetteer bits two to the left and the
/// shapes one to the left and of the token itself; five shape/word bigrams;
/// five of the eight affixes): over three training seeds each group was
/// neutral or better on CoNLL testa (fewer features, fewer hash collisions),
/// and each cost a weight-row look-up per candidate token. Without the
/// previous tag, a token's features no longer depend on the tagger's last
/// decision (only the IOB2 constraint and the document memory do).
mod t {
    pub const W: [u64; 5] = [2, 3, 4, 5, 6]; // offsets -2..=2; -2 unused
    pub const W_SHAPE: u64 = 7;
    pub const PRE4: u64 = 11;
    pub const SUF1: u64 = 12;
    pub const SUF4: u64 = 15;
    pub const S: [u64; 5] = [16, 17, 18, 19, 20]; // only +1, +2 used
    pub const SS_TRI: u64 = 23;
    pub const G: [u64; 5] = [28, 29, 30, 31, 32]; // -2 unused
    pub const START_W: u64 = 33;
    pub const CAPS_S: u64 = 34;
    pub const MEM: u64 = 35;
    pub const MEM_S: u64 = 36;
    pub const W_BI_L: u64 = 37;
    pub const W_BI_R: u64 = 38;
    pub const MEM_CAPS: u64 = 41;
    pub const G_W: u64 = 42;
    pub const LEN: u64 = 43;
    pub const RUN_LAST: u64 = 45;
    pub const RUN_FIRST: u64 = 46;
    pub const RUN_POS: u64 = 47;
    pub const LOWER_ELSE: u64 = 48;
    pub const SEEN: u64 = 49;
    pub const MAJOR: u64 = 50;
    pub const MAJOR_S: u64 = 51;
    pub const MAJOR_RUN: u64 = 52;
}

const PAD: u64 = 0xdead_beef;

/// What the rest of the document says about a word.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocHint {
    /// Last label given to this word earlier in the document
    /// (0 = unseen, 1 = O, 2 + type).
    pub mem: u8,
    /// Second pass only: labels the first pass gave this word anywhere in the
    /// document, as a bit set over (O, PER, ORG, LOC, MISC); 0 in the first pass.
    pub seen: u8,
    /// Second pass only: the most frequent of those labels (0 = O, 1 + type).
    pub major: u8,
}

/// Bucket of a feature hash.
#[inline]
fn bucket(h: u64, mask: u64) -> u32 {
    ((h ^ (h >> 31)) & mask) as u32
}

/// Features of token `i` that depend on nothing but the token and what the
/// document says about its word (its text, shape, gazetteer bits, flags,
/// capitalised run, lower-case use elsewhere): the same for every occurrence
/// with the same [`TokInfo`], so the tagger may cache their summed weights
/// (see [`static_key`]). Writes from `out[0]`; returns how many.
pub fn extract_static(
    text: &str,
    toks: &[Tok],
    ctx: &DocCtx,
    i: usize,
    mask: u64,
    out: &mut [u32; MAX_FEATS],
) -> usize {
    let cur = ctx.info[i];
    let mut n = 0;
    let mut push = |h: u64| {
        if let Some(slot) = out.get_mut(n) {
            *slot = bucket(h, mask);
            n += 1;
        }
    };
    push(mix(t::W[2], cur.lower));
    if cur.gaz != 0 {
        push(mix(t::G[2], cur.gaz as u64));
        push(mix(mix(t::G_W, cur.gaz as u64), cur.lower));
    }
    push(mix(mix(t::W_SHAPE, cur.lower), cur.shape));
    let w = toks
        .get(i)
        .and_then(|t| text.get(t.start..t.end))
        .unwrap_or("");
    let (pre4, suf1, suf4) = affixes(w);
    if let Some(h) = pre4 {
        push(mix(t::PRE4, h));
    }
    push(mix(t::SUF1, suf1));
    if let Some(h) = suf4 {
        push(mix(t::SUF4, h));
    }
    if cur.flags & flag::SENT_START != 0 {
        push(mix(t::START_W, cur.lower));
    }
    push(mix(
        mix(t::CAPS_S, (cur.flags & flag::CAPS_SENT) as u64),
        cur.shape,
    ));
    push(mix(t::LEN, cur.len.min(12) as u64));
    if cur.run_pos != 0 {
        push(mix(mix(t::RUN_LAST, cur.run_last), cur.run_pos as u64 >> 4));
        push(mix(
            mix(t::RUN_FIRST, cur.run_first),
            cur.run_pos as u64 >> 4,
        ));
        push(mix(t::RUN_POS, cur.run_pos as u64));
    }
    push(mix(
        mix(t::LOWER_ELSE, cur.lower_elsewhere as u64),
        (cur.flags & flag::SENT_START) as u64,
    ));
    n
}

/// A key for everything [`extract_static`] reads: tokens with equal keys
/// (in any document) have the same static features. 64 bits of mixed hashes:
/// a collision between two different words is as unlikely as one between
/// their word hashes, which the model already treats as the same word.
#[inline]
pub fn static_key(info: &TokInfo) -> u64 {
    let small = info.gaz as u64
        | (info.flags as u64) << 16
        | (info.len as u64) << 24
        | (info.run_pos as u64) << 32
        | (info.lower_elsewhere as u64) << 40;
    mix(
        mix(
            mix(mix(mix(0x5eed, info.lower), info.shape), info.run_first),
            info.run_last,
        ),
        small,
    )
}

/// Where a feature is extracted: token `i` of the sentence `[s, e)`
/// (indices into the document's tokens, `s <= i < e`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokAt {
    /// The token.
    pub i: usize,
    /// First token of its sentence.
    pub s: usize,
    /// One past the last token of its sentence.
    pub e: usize,
}

/// Features of the token `at` that depend on its neighbours in its sentence
/// and on the document's `hint`: written after the first `n` entries of
/// `out`; returns the new count.
pub fn extract_context(
    ctx: &DocCtx,
    at: TokAt,
    hint: DocHint,
    mask: u64,
    out: &mut [u32; MAX_FEATS],
    mut n: usize,
) -> usize {
    let mut push = |h: u64| {
        if let Some(slot) = out.get_mut(n) {
            *slot = bucket(h, mask);
            n += 1;
        }
    };
    let TokAt { i, s, e } = at;
    let info = &ctx.info;
    let cur = info[i];
    let at = |j: Option<usize>| j.filter(|&j| j >= s && j < e).and_then(|j| info.get(j));
    let (l1, r1, r2) = (at(i.checked_sub(1)), at(Some(i + 1)), at(Some(i + 2)));
    let lower = |x: Option<&TokInfo>| x.map_or(PAD, |x| x.lower);
    let (wl, wr, wr2) = (lower(l1), lower(r1), lower(r2));
    push(mix(t::W[1], wl));
    push(mix(t::W[3], wr));
    push(mix(t::W[4], wr2));
    push(mix(t::S[3], r1.map_or(PAD, |x| x.shape)));
    push(mix(t::S[4], r2.map_or(PAD, |x| x.shape)));
    // Gazetteer bits of the neighbours; outside the sentence counts as "none known".
    for (slot, x) in [(1, l1), (3, r1), (4, r2)] {
        let g = x.map_or(0xffff, |x| x.gaz);
        if g != 0 {
            push(mix(t::G[slot], g as u64));
        }
    }
    let ssl = l1.map_or(PAD, |x| x.sshape);
    let ssr = r1.map_or(PAD, |x| x.sshape);
    push(mix(mix(mix(t::SS_TRI, ssl), cur.sshape), ssr));
    push(mix(mix(t::W_BI_L, wl), cur.lower));
    push(mix(mix(t::W_BI_R, cur.lower), wr));
    let mem = hint.mem as u64;
    push(mix(t::MEM, mem));
    push(mix(mix(t::MEM_S, mem), cur.shape));
    push(mix(
        mix(t::MEM_CAPS, mem),
        (cur.flags & (flag::CAPS_SENT | flag::SENT_START)) as u64,
    ));
    if hint.seen != 0 {
        push(mix(t::SEEN, hint.seen as u64));
        push(mix(t::MAJOR, hint.major as u64));
        push(mix(mix(t::MAJOR_S, hint.major as u64), cur.shape));
        push(mix(
            mix(t::MAJOR_RUN, hint.major as u64),
            cur.run_pos as u64,
        ));
    }
    n
}

/// All features of the token `at` ([`extract_static`], then
/// [`extract_context`]); returns how many (for tools and tests).
pub fn extract(
    text: &str,
    toks: &[Tok],
    ctx: &DocCtx,
    at: TokAt,
    hint: DocHint,
    mask: u64,
    out: &mut [u32; MAX_FEATS],
) -> usize {
    let n = extract_static(text, toks, ctx, at.i, mask, out);
    extract_context(ctx, at, hint, mask, out, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::doc::in_gaz;
    use crate::entities::gazetteer::{GazKind, Gazetteer};
    use crate::entities::tokenize::tokenize;

    #[test]
    fn context_flags_and_features() {
        let text = "SOCCER - JAPAN GET LUCKY WIN\nthe UK said";
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        toks[6].sent_start = true;
        let mut ctx = DocCtx::default();
        ctx.fill(text, &toks, &Gazetteer::builtin());
        assert!(ctx.info[0].flags & flag::CAPS_SENT != 0);
        assert!(ctx.info[7].flags & flag::CAPS_SENT == 0);
        assert!(in_gaz(&ctx.info[7], GazKind::Country));
        let mut out = [0u32; MAX_FEATS];
        let n = extract(
            text,
            &toks,
            &ctx,
            TokAt { i: 7, s: 6, e: 9 },
            DocHint::default(),
            (1 << 18) - 1,
            &mut out,
        );
        assert!(n > 20 && n <= MAX_FEATS);
        assert!(out[..n].iter().all(|&b| b < 1 << 18));
        assert!(!is_candidate(&ctx.info, 6, 9, 0));
        assert!(is_candidate(&ctx.info, 7, 9, 0));
    }
}
