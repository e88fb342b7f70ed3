//! Rule-based tagging for [`Recognizer::basic`](super::Recognizer::basic):
//! capitalised runs, generic title and organisation words, gazetteers.
//!
//! The generic word lists live in the [`lexicon`](super::lexicon); here
//! only the connectors and prepositions the rules need.

use super::doc::{flag, in_gaz, DocCtx};
use super::gazetteer::GazKind;
use super::lexicon::{MONTHS, NOT_NAMES, ORG_HEADS, ORG_WORDS, TITLES, WEEKDAYS};
use super::tags::{b_tag, i_tag};
use super::tokenize::Tok;

/// Lower-case words allowed inside organisation names.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "in", "on", "the", "de", "du", "des", "la", "le", "&",
];
/// Prepositions after which a lone capitalised word is a place.
const PLACE_PREPS: &[&str] = &["in", "at", "from", "to", "near", "outside", "into"];

fn lower(text: &str, t: &Tok) -> String {
    text.get(t.start..t.end).unwrap_or("").to_lowercase()
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// An organisation word: in [`ORG_WORDS`] or [`ORG_HEADS`].
fn org_word(w: &str) -> bool {
    in_list(ORG_WORDS, w) || in_list(ORG_HEADS, w)
}

/// Not a name on its own: in [`NOT_NAMES`], [`WEEKDAYS`] or [`MONTHS`].
fn not_name(w: &str) -> bool {
    in_list(NOT_NAMES, w) || in_list(WEEKDAYS, w) || in_list(MONTHS, w)
}

/// Tag one document with rules; `tags` gets one IOB2 tag per token.
pub fn tag(text: &str, toks: &[Tok], ctx: &DocCtx, tags: &mut Vec<u8>) {
    tags.clear();
    tags.resize(toks.len(), 0);
    let words: Vec<String> = toks.iter().map(|t| lower(text, t)).collect();
    let set = |tags: &mut Vec<u8>, a: usize, b: usize, ty: u8| {
        for (k, tg) in tags[a..b].iter_mut().enumerate() {
            *tg = if k == 0 { b_tag(ty) } else { i_tag(ty) };
        }
    };
    for &(s, e) in &ctx.sents {
        let caps_sent = ctx.info[s].flags & flag::CAPS_SENT != 0;
        if caps_sent {
            continue; // headlines: capitalisation says nothing
        }
        // "US" is a name even though "us" is a function word.
        let acronym = |i: usize| ctx.info[i].flags & flag::ALL_UPPER != 0 && ctx.info[i].len > 1;
        let is_cap = |i: usize| {
            ctx.info[i].flags & flag::INIT_UPPER != 0 && (acronym(i) || !not_name(&words[i]))
        };
        // Raw capitalised runs.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = s;
        while i < e {
            if is_cap(i) {
                let a = i;
                while i < e && is_cap(i) {
                    i += 1;
                }
                runs.push((a, i));
            } else {
                i += 1;
            }
        }
        // Join runs over connectors when either side names an organisation.
        let has_org = |a: usize, b: usize| words[a..b].iter().any(|w| org_word(w));
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for r in runs {
            if let Some(last) = merged.last_mut() {
                let gap = &words[last.1..r.0];
                let joins =
                    !gap.is_empty() && gap.len() <= 2 && gap.iter().all(|w| in_list(CONNECTORS, w));
                // "Cooperation in Europe" continues a name; "Council in Brussels" does not.
                let left_last = &words[last.1 - 1];
                let complete =
                    org_word(left_last) || ctx.info[last.1 - 1].flags & flag::ALL_UPPER != 0;
                let locative = gap.iter().any(|w| w == "in" || w == "on" || w == "and") && complete;
                let article = gap.iter().any(|w| w == "the") && gap[0] != "of";
                if joins && !locative && !article && (has_org(last.0, last.1) || has_org(r.0, r.1))
                {
                    last.1 = r.1;
                    continue;
                }
            }
            merged.push(r);
        }
        for (a, b) in merged {
            tag_run(&words, ctx, a, b, s, tags, &set);
        }
    }
}

/// Writes one typed span into the tag vector.
type SetSpan<'a> = &'a dyn Fn(&mut Vec<u8>, usize, usize, u8);

fn tag_run(
    words: &[String],
    ctx: &DocCtx,
    mut a: usize,
    b: usize,
    s: usize,
    tags: &mut Vec<u8>,
    set: SetSpan<'_>,
) {
    let has_org = |a: usize, b: usize| words[a..b].iter().any(|w| org_word(w));
    let mut titled = false;
    while a < b {
        let info = &ctx.info[a];
        let is_loc = in_gaz(info, GazKind::Country)
            || in_gaz(info, GazKind::City)
            || in_gaz(info, GazKind::Region);
        let is_dem = in_gaz(info, GazKind::Demonym);
        if is_loc || is_dem {
            // The whole gazetteer phrase starting here.
            let mut end = a + 1;
            while end < b && (ctx.info[end].gaz & 0xaaaa) != 0 {
                end += 1;
            }
            // A place or demonym that opens an organisation's name: "Russian Foreign Ministry".
            let mut org_end = end;
            while org_end < b && !in_gaz(&ctx.info[org_end], GazKind::Country) {
                org_end += 1;
                if org_word(&words[org_end - 1]) {
                    break;
                }
            }
            if org_end > end && has_org(end, org_end) && !in_list(TITLES, &words[org_end - 1]) {
                set(tags, a, org_end, 1);
                a = org_end;
                continue;
            }
            set(tags, a, end, if is_loc { 2 } else { 3 });
            a = end;
            titled = false;
            continue;
        }
        // "Foreign Ministry", "State Department": a title word opening an organisation.
        if in_list(TITLES, &words[a]) && !(a + 1 < b && org_word(&words[a + 1])) {
            titled = true;
            a += 1;
            continue;
        }
        // The rest up to the next gazetteer phrase or title word.
        let mut end = a + 1;
        while end < b
            && ctx.info[end].gaz == 0
            && (!in_list(TITLES, &words[end]) || org_word(&words[end]))
        {
            end += 1;
        }
        // Organisation words end a name: extend over them.
        if has_org(a, end) {
            // An organisation's name runs to the end of the (connector-joined) run.
            while end < b && !in_list(TITLES, &words[end]) {
                end += 1;
            }
            set(tags, a, end, 1);
        } else if end - a == 1 {
            let f = ctx.info[a].flags;
            let len = ctx.info[a].len;
            let prev = if a > s { words[a - 1].as_str() } else { "" };
            if f & flag::ALL_UPPER != 0 && f & flag::ALPHA != 0 && (2..=6).contains(&len) {
                set(tags, a, end, 1);
            } else if titled {
                set(tags, a, end, 0);
            } else if a > s && in_list(PLACE_PREPS, prev) && f & flag::ALPHA != 0 {
                set(tags, a, end, 2);
            }
            // Otherwise a lone capitalised word is left alone; a surname seen
            // in full elsewhere in the article is linked later.
        } else if end - a <= 4
            && words[a..end]
                .iter()
                .all(|w| !w.chars().any(|c| c.is_ascii_digit()))
        {
            set(tags, a, end, 0);
        }
        a = end;
        titled = false;
    }
}
