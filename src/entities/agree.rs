//! Document-level agreement, the last step of post-processing: evidence
//! about a name anywhere in an article decides its type everywhere in it.
//!
//! * An institution named by its seat ("the Kremlin said", "White House
//!   spokeswoman Jen Psaki", "the Pentagon's") speaks, has spokespeople and
//!   officials: a name the tagger typed as a place, that no gazetteer knows
//!   as a place, is an organisation when the text makes it one of those.
//!   Why: a CoNLL-trained tagger types buildings and seats as places, the
//!   guidelines (and readers) want the institution.
//! * One name, one type per article: when the same text is tagged with
//!   different types in one article, every occurrence takes the type most of
//!   them have (ties keep the tagger's choice). Why: the tagger decides from
//!   a few words around each occurrence, and a name that is clearly a club
//!   or a company in one sentence is that everywhere in the story.

use super::doc::{flag, in_gaz, DocCtx};
use super::gazetteer::GazKind;
use super::hash::hash_lower;
use super::lexicon::{self, class};
use super::postprocess::Span;
use super::tokenize::Tok;

const PER: u8 = 0;
const ORG: u8 = 1;
const LOC: u8 = 2;
const MISC: u8 = 3;

/// Both agreement steps over one document's spans (in token order).
pub(crate) fn agree(text: &str, toks: &[Tok], ctx: &DocCtx, spans: &mut [Span]) {
    types_by_words(text, toks, ctx, spans);
    let institution = institutions_by_context(text, toks, ctx, spans);
    short_names_of_organisations(text, toks, ctx, spans);
    one_type_per_name(text, toks, ctx, spans, &institution);
}

fn word<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    toks.get(i)
        .and_then(|t| text.get(t.start..t.end))
        .unwrap_or("")
}

/// The words in and around a name that say what it is: a last word that
/// names an event ("Munich Security Conference": MISC); a lower-case noun
/// after it that names an organisation ("the BelTA news agency"); an
/// ordinal before an organisation is part of it ("82nd Airborne
/// Division"); a leading "The" is not part of a name the gazetteers do
/// not know with it, unless a place's ("The Economist" is "Economist";
/// "The Oval" stays).
fn types_by_words(text: &str, toks: &[Tok], ctx: &DocCtx, spans: &mut [Span]) {
    let cls = |k: usize| lexicon::classes(ctx.info[k].lower);
    for i in 0..spans.len() {
        let prev_end = if i == 0 { 0 } else { spans[i - 1].b };
        let sp = &mut spans[i];
        if sp.b - sp.a >= 2
            && sp.ty != LOC
            && matches!(word(text, toks, sp.a), "The" | "THE")
            && ctx.info[sp.a].gaz == 0
        {
            sp.a += 1;
        }
        if sp.b - sp.a >= 2 && sp.ty != ORG && cls(sp.b - 1) & class::EVENT != 0 {
            sp.ty = MISC;
            continue;
        }
        let known = (sp.a..sp.b).any(|k| place(ctx, k) || in_gaz(&ctx.info[k], GazKind::Demonym));
        if !known && (sp.ty == PER || sp.ty == LOC) && sp.b < toks.len() {
            let mut n = sp.b;
            if word(text, toks, n) == "news" && n + 1 < toks.len() {
                n += 1;
            }
            if ctx.info[n].flags & flag::HAS_UPPER == 0 && cls(n) & class::ORG_NOUN != 0 {
                sp.ty = ORG;
            }
        }
        if sp.ty == ORG && sp.a > prev_end && sp.a > 0 {
            let w = word(text, toks, sp.a - 1).as_bytes();
            let ordinal = w.len() >= 3
                && w[0].is_ascii_digit()
                && matches!(&w[w.len() - 2..], b"st" | b"nd" | b"rd" | b"th")
                && w[..w.len() - 2].iter().all(u8::is_ascii_digit);
            if ordinal {
                sp.a -= 1;
            }
        }
    }
}

/// Token `k` is (part of) a place the gazetteers know.
fn place(ctx: &DocCtx, k: usize) -> bool {
    [GazKind::Country, GazKind::City, GazKind::Region]
        .iter()
        .any(|&g| in_gaz(&ctx.info[k], g))
}

/// Whether the words around a name make it an institution that speaks
/// (see the module doc): `next` (the word after the name) a role or
/// official word ("Kremlin spokesman", "White House officials"), or, after
/// `prev` "the", a reporting verb ("the Kremlin said") or a possessive
/// before a role (`next` "'s", `then` "spokesman"). The one definition of
/// the cue, for one article ([`agree`]) and for the collection
/// (`index::entities` counts it per name when merging).
pub(crate) fn institution_cue(prev: &str, next: &str, then: &str) -> bool {
    let cls = |w: &str| lexicon::classes(hash_lower(w));
    let speaker = |w: &str| cls(w) & (class::ROLE | class::OFFICIAL) != 0;
    if speaker(next) {
        return true;
    }
    prev.eq_ignore_ascii_case("the")
        && (cls(next) & class::REPORTING != 0 || matches!(next, "'s" | "’s") && speaker(then))
}

/// [`institution_cue`] for the name at bytes `start..end` of `text`, with
/// the words around it read from the text as the tokeniser cuts them
/// (letters and digits; a possessive `'s` is a word of its own).
pub(crate) fn institution_cue_at(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    let is_word = |c: char| c.is_alphanumeric();
    // A name ends where a word does.
    if after.starts_with(is_word) {
        return false;
    }
    let before = before.trim_end();
    let prev = &before[before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8())..];
    let first_word = |s: &str| -> (usize, usize) {
        let from = s.len() - s.trim_start().len();
        let len = s[from..]
            .find(|c: char| !is_word(c))
            .unwrap_or(s.len() - from);
        (from, from + len)
    };
    for apostrophe in ["'s", "’s"] {
        if let Some(rest) = after.strip_prefix(apostrophe) {
            if !rest.starts_with(is_word) {
                let (a, b) = first_word(rest);
                return institution_cue(prev, apostrophe, &rest[a..b]);
            }
        }
    }
    let (a, b) = first_word(after);
    let rest = &after[b..];
    let (c, d) = first_word(rest);
    institution_cue(prev, &after[a..b], &rest[c..d])
}

/// Places the tagger found that act as institutions (see the module doc):
/// not a gazetteer place, and [`institution_cue`] around it. Returns which
/// spans it retyped: that evidence outweighs the tagger's other guesses in
/// the article ([`one_type_per_name`]).
fn institutions_by_context(
    text: &str,
    toks: &[Tok],
    ctx: &DocCtx,
    spans: &mut [Span],
) -> Vec<bool> {
    let place = |k: usize| place(ctx, k);
    let mut retyped = vec![false; spans.len()];
    for (sp, r) in spans.iter_mut().zip(retyped.iter_mut()) {
        if sp.ty != LOC || (sp.a..sp.b).any(place) || sp.b >= toks.len() {
            continue;
        }
        let prev = if sp.a > 0 {
            word(text, toks, sp.a - 1)
        } else {
            ""
        };
        if institution_cue(prev, word(text, toks, sp.b), word(text, toks, sp.b + 1)) {
            sp.ty = ORG;
            *r = true;
        }
    }
    retyped
}

/// An organisation's short name: a lone word the tagger typed as a person
/// is the organisation when a longer organisation
/// name in the article opens with it ("Magna" after "Magna International
/// Inc"), unless it is also the last word of a person's full name there.
fn short_names_of_organisations(text: &str, toks: &[Tok], ctx: &DocCtx, spans: &mut [Span]) {
    let mut heads: Vec<&str> = Vec::new();
    let mut surnames: Vec<&str> = Vec::new();
    for s in spans.iter().filter(|s| s.b - s.a >= 2) {
        if s.ty == ORG {
            let k = s.a;
            let c = lexicon::classes(ctx.info[k].lower);
            if ctx.info[k].flags & (flag::INIT_UPPER | flag::CAPS_SENT) == flag::INIT_UPPER
                && !place(ctx, k)
                && !in_gaz(&ctx.info[k], GazKind::Demonym)
                && c & (class::ROLE | class::MODIFIER | class::ORG_WORD | class::NOT_NAME) == 0
            {
                heads.push(word(text, toks, k));
            }
        } else if s.ty == PER {
            surnames.push(word(text, toks, s.b - 1));
        }
    }
    if heads.is_empty() {
        return;
    }
    for s in spans.iter_mut() {
        if s.b - s.a == 1 && s.ty == PER {
            let w = word(text, toks, s.a);
            if heads.contains(&w) && !surnames.contains(&w) {
                s.ty = ORG;
            }
        }
    }
}

/// Every span whose text occurs with several types in the document takes
/// the most frequent one (see the module doc), or ORG when one of them is an
/// `institution` (retyped by [`institutions_by_context`]).
fn one_type_per_name(
    text: &str,
    toks: &[Tok],
    ctx: &DocCtx,
    spans: &mut [Span],
    institution: &[bool],
) {
    if spans.len() < 2 {
        return;
    }
    let key = |s: &Span| -> &str {
        match (toks.get(s.a), toks.get(s.b.wrapping_sub(1))) {
            (Some(x), Some(y)) => text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    };
    let mut order: Vec<usize> = (0..spans.len()).collect();
    crate::sort::sort_by(&mut order[..], |&i, &j| {
        key(&spans[i]).cmp(key(&spans[j])).then(i.cmp(&j))
    });
    let mut g = 0;
    while g < order.len() {
        let name = key(&spans[order[g]]);
        let mut h = g + 1;
        while h < order.len() && key(&spans[order[h]]) == name {
            h += 1;
        }
        // A known place keeps each occurrence's type: a city is also its
        // club ("NEW YORK" in a dateline, and the team in the table below).
        let sp = spans[order[g]];
        if h - g >= 2 && !name.is_empty() && !(sp.a..sp.b).any(|k| place(ctx, k)) {
            let mut counts = [0usize; 4];
            for &i in &order[g..h] {
                counts[(spans[i].ty as usize).min(3)] += 1;
            }
            let best = counts.iter().copied().max().unwrap_or(0);
            let winners = counts.iter().filter(|&&c| c == best).count();
            // An institution that speaks once is one all through the story
            // ("the Kremlin said" … "in the Kremlin").
            if order[g..h]
                .iter()
                .any(|&i| institution.get(i) == Some(&true))
            {
                for &i in &order[g..h] {
                    spans[i].ty = ORG;
                }
            } else if winners == 1 {
                let ty = counts.iter().position(|&c| c == best).unwrap_or(0) as u8;
                for &i in &order[g..h] {
                    spans[i].ty = ty;
                }
            }
        }
        g = h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::Gazetteer;

    /// (text, type) of each span after [`agree`], spans given as token
    /// ranges of `text` with their types.
    fn agreed(text: &str, spans: &[(usize, usize, u8)]) -> Vec<(String, u8)> {
        let mut toks = Vec::new();
        let mut ctx = DocCtx::default();
        ctx.fill_fused(text, &mut toks, &Gazetteer::builtin());
        let mut v: Vec<Span> = spans.iter().map(|&(a, b, ty)| Span { a, b, ty }).collect();
        agree(text, &toks, &ctx, &mut v);
        v.iter()
            .map(|s| (text[toks[s.a].start..toks[s.b - 1].end].to_string(), s.ty))
            .collect()
    }

    #[test]
    fn a_seat_that_speaks_is_an_institution() {
        // Tokens: The Kremlin said on Monday that Moscow said no .
        let t = "The Kremlin said on Monday that Moscow said no.";
        assert_eq!(
            agreed(t, &[(1, 2, LOC), (6, 7, LOC)]),
            [("Kremlin".to_string(), ORG), ("Moscow".to_string(), LOC)]
        );
        // Tokens: White House spokeswoman Jen Psaki
        let t = "White House spokeswoman Jen Psaki spoke.";
        assert_eq!(
            agreed(t, &[(0, 2, LOC)]),
            [("White House".to_string(), ORG)]
        );
        // Once it speaks, it is the institution all through the article.
        let t = "In the Kremlin walls. The Kremlin said no. Near the Kremlin.";
        let out = agreed(t, &[(2, 3, LOC), (6, 7, LOC), (12, 13, LOC)]);
        assert!(out.iter().all(|&(_, ty)| ty == ORG), "{out:?}");
        // A place that is only a place stays one.
        let t = "They sailed the Black Sea in May.";
        assert_eq!(agreed(t, &[(3, 5, LOC)])[0].1, LOC);
    }

    #[test]
    fn the_cue_reads_raw_text_as_tokens() {
        let t = "As the Kremlin’s spokesman put it, the Kremlin said. Kremlin officials";
        let at = |i: usize| {
            let s = t.match_indices("Kremlin").nth(i).map_or(0, |m| m.0);
            institution_cue_at(t, s, s + "Kremlin".len())
        };
        assert!(at(0) && at(1) && at(2));
        let t = "A Kremlin wall; the Kremlin, said nobody. the Kremlinsaid";
        for (s, _) in t.match_indices("Kremlin") {
            assert!(!institution_cue_at(t, s, s + 7), "{}", &t[s..]);
        }
        // Byte offsets off a char boundary read as no cue.
        assert!(!institution_cue_at("é said", 1, 2));
    }

    #[test]
    fn one_name_takes_one_type_per_article() {
        // Tokens: Rotor beat Alania . Rotor lead . Rotor won .
        let t = "Rotor beat Alania. Rotor lead. Rotor won.";
        let out = agreed(t, &[(0, 1, 0), (2, 3, 1), (4, 5, 1), (7, 8, 1)]);
        assert!(out
            .iter()
            .filter(|(w, _)| w == "Rotor")
            .all(|&(_, ty)| ty == 1));
        // A tie keeps each occurrence's own type.
        let out = agreed("Rotor beat Rotor.", &[(0, 1, 0), (2, 3, 1)]);
        assert_eq!(out[0].1, 0);
        assert_eq!(out[1].1, 1);
    }
}
