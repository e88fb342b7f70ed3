//! Named entities: people, organisations and places, and their resolution across a collection.
//!
//! Two ways to recognise, one interface:
//! * [`Recognizer::basic`]: rules over capitalisation, generic title and
//!   organisation words, and the built-in gazetteer (countries, demonyms,
//!   capitals). Needs nothing else, so the page works before the model arrives
//!   and on machines without the training corpus.
//! * [`Recognizer::from_model_bytes`]: a greedy averaged-perceptron tagger
//!   (see [`model`]) trained on CoNLL-2003, loaded lazily from its own file,
//!   which also carries the larger city gazetteer.
//!
//! Both feed the same post-processing (a demonym opening an organisation's
//! name joins it; a surname seen in full elsewhere becomes that person) and
//! the same canonicalisation ([`resolve::canonicalize`]); [`Resolver`] merges
//! entities across articles.

pub mod conll;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod resolve;
pub mod rules;
pub mod tokenize;

use features::{flag, tag_type, DocCtx};
use gazetteer::{GazKind, Gazetteer};
pub use model::{Model, ModelError};
pub use resolve::{Alias, Entity, Resolver};
use rules::class;
use serde::Serialize;
use std::borrow::Cow;
pub use tokenize::Tok;
// Defined outside this module: search and the reader name entity types too,
// also in the reader-only build, which has no recognizer.
pub use crate::entity_type::EntityType;

/// One mention in one text.
///
/// Contract: `start < end` are byte offsets on char boundaries of the text
/// given to [`Recognizer::recognize`], `text` is exactly that slice, and
/// `canonical` is the entity's name within the article (whitespace-normalised).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name of the entity it refers to.
    pub canonical: String,
}

/// A [`Mention`] borrowing its strings (see [`Recognizer::recognize_each`]).
#[derive(Debug, Clone)]
pub(crate) struct Found<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: EntityType,
    pub canonical: Cow<'a, str>,
}

impl Found<'_> {
    fn to_mention(&self) -> Mention {
        Mention {
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
            kind: self.kind,
            canonical: self.canonical.to_string(),
        }
    }
}

impl<'a> resolve::Canon for Found<'a> {
    fn kind(&self) -> EntityType {
        self.kind
    }
    fn text(&self) -> &str {
        self.text
    }
    fn canonical(&self) -> &str {
        &self.canonical
    }
    fn set_canonical(&mut self, c: String) {
        self.canonical = Cow::Owned(c);
    }
    fn reset_canonical(&mut self) {
        self.canonical = resolve::normalized(self.text);
    }
}

/// Recognises mentions in article text. Cheap to share; holds no per-call state.
pub struct Recognizer {
    gaz: Gazetteer,
    model: Option<Model>,
}

/// A mention as a token range, before it becomes a [`Mention`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    a: usize,
    b: usize,
    ty: u8,
}

impl Recognizer {
    /// Rules + built-in data only (no trained model).
    pub fn basic() -> Recognizer {
        Recognizer {
            gaz: Gazetteer::builtin(),
            model: None,
        }
    }

    /// With a trained model file (the lazily loaded one). Truncated, corrupt or
    /// wrong-version bytes give a [`ModelError`] naming what and where.
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Recognizer, ModelError> {
        let model = Model::from_bytes(bytes)?;
        let mut gaz = Gazetteer::builtin();
        gaz.add_tsv(&model.gaz_tsv);
        Ok(Recognizer {
            gaz,
            model: Some(model),
        })
    }

    /// With an already parsed model.
    pub fn with_model(model: Model) -> Recognizer {
        let mut gaz = Gazetteer::builtin();
        gaz.add_tsv(&model.gaz_tsv);
        Recognizer {
            gaz,
            model: Some(model),
        }
    }

    /// Whether a trained model is loaded.
    pub fn has_model(&self) -> bool {
        self.model.is_some()
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Mentions in one article's text, canonicalised within the article:
    /// sorted by position, non-overlapping, on char boundaries. Never panics.
    pub fn recognize(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.recognize_each(text, |m| out.push(m.to_mention()));
        out
    }

    /// As [`recognize`](Self::recognize), each mention handed to `f` borrowed
    /// (its text from `text`, its canonical name mostly too): no `String`s
    /// per mention for a caller that only files them.
    pub(crate) fn recognize_each(&self, text: &str, mut f: impl FnMut(&Found<'_>)) {
        with_scratch(|sc| {
            let mut toks = std::mem::take(&mut sc.toks);
            // Tokens and their facts in one pass.
            sc.ctx.fill_fused(text, &mut toks, &self.gaz);
            let out = self.run(text, &toks, true, sc);
            sc.toks = toks;
            out.iter().for_each(&mut f);
        })
    }

    /// As [`recognize`](Self::recognize), over tokens already cut (spans into
    /// `text`, ascending, non-overlapping, on char boundaries; bad spans are
    /// dropped, never trusted).
    pub fn recognize_tokens(&self, text: &str, toks: &[Tok]) -> Vec<Mention> {
        let toks = sanitize(text, toks);
        with_scratch(|sc| {
            sc.ctx.fill(text, &toks, &self.gaz);
            self.run(text, &toks, true, sc)
                .iter()
                .map(Found::to_mention)
                .collect()
        })
    }

    /// The tagger's output alone, without post-processing or canonical names
    /// (`canonical` = normalised text). For scoring against CoNLL conventions.
    pub fn tag_tokens(&self, text: &str, toks: &[Tok]) -> Vec<Mention> {
        let toks = sanitize(text, toks);
        with_scratch(|sc| {
            sc.ctx.fill(text, &toks, &self.gaz);
            self.run(text, &toks, false, sc)
                .iter()
                .map(Found::to_mention)
                .collect()
        })
    }

    /// `toks` must be sane (see [`sanitize`]), and `sc.ctx` filled from
    /// them and `text` with this recognizer's gazetteer.
    fn run<'a>(
        &'a self,
        text: &'a str,
        toks: &[Tok],
        post: bool,
        sc: &mut Scratch,
    ) -> Vec<Found<'a>> {
        let Scratch {
            ctx, tags, decode, ..
        } = sc;
        match &self.model {
            Some(m) => m.tag(text, toks, ctx, tags, decode),
            None => rules::tag(text, toks, ctx, tags),
        }
        let mut spans: Vec<Span> = conll::chunks(tags)
            .into_iter()
            .map(|(a, b, ty)| Span { a, b, ty })
            .collect();
        if post {
            self.postprocess(text, toks, ctx, &mut spans);
        }
        let mut out: Vec<Found<'a>> = spans
            .iter()
            .filter_map(|s| {
                let (start, end) = (toks.get(s.a)?.start, toks.get(s.b.checked_sub(1)?)?.end);
                let t = text.get(start..end)?;
                let kind = EntityType::from_index(s.ty);
                // A place's gazetteer name, from the match over exactly its tokens.
                let place = (post && kind == EntityType::Location)
                    .then(|| {
                        ctx.gaz
                            .iter()
                            .find(|g| g.start == s.a && g.end == s.b && Gazetteer::is_place(g.kind))
                    })
                    .flatten()
                    .map(|g| Cow::Borrowed(self.gaz.name(g.canonical)));
                Some(Found {
                    start,
                    end,
                    text: t,
                    kind,
                    canonical: place.unwrap_or_else(|| resolve::normalized(t)),
                })
            })
            .collect();
        if post {
            resolve::canonicalize_with(&mut out, None);
        }
        out
    }

    fn postprocess(&self, text: &str, toks: &[Tok], ctx: &DocCtx, spans: &mut Vec<Span>) {
        let word = |i: usize| text.get(toks[i].start..toks[i].end).unwrap_or("");
        let cls = |k: usize| rules::classes(ctx.info[k].lower);
        const MISC: u8 = 3;
        const ORG: u8 = 1;
        const PER: u8 = 0;
        const LOC: u8 = 2;
        let is_role = |k: usize| cls(k) & class::ROLE != 0;
        let is_role_or_mod = |k: usize| cls(k) & (class::ROLE | class::MODIFIER) != 0;
        let is_place = |k: usize| {
            [GazKind::Country, GazKind::City, GazKind::Region]
                .iter()
                .any(|&g| features::in_gaz(&ctx.info[k], g))
        };
        let mut fixed: Vec<Span> = Vec::with_capacity(spans.len());
        for &sp in spans.iter() {
            // Not names: links, handles, lone calendar words, lone role words.
            let first = word(sp.a);
            // (Links and handles hold ':' / "www." / '@': a byte test first,
            // since a substring search per token of every span adds up.)
            let linkish = |k: usize| {
                let w = word(k);
                w.starts_with('@')
                    || (w.len() > 3
                        && (w.as_bytes().contains(&b':') && w.contains("://")
                            || w.starts_with("www.")))
            };
            if (sp.a..sp.b).any(linkish)
                || (sp.a > 0 && word(sp.a - 1) == "@")
                || (sp.b - sp.a == 1 && (cls(sp.a) & class::CALENDAR != 0 || first.is_empty()))
                || (sp.a..sp.b).all(is_role_or_mod)
            {
                continue;
            }
            // A weekday or month is never the end of a name: "Milwaukee Open Thursday".
            let mut sp = sp;
            // An honorific is no part of the name: "Mr Putin" is Putin.
            while sp.ty == PER
                && sp.b - sp.a > 1
                && matches!(
                    word(sp.a).trim_end_matches('.'),
                    "Mr" | "Mrs" | "Ms" | "Dr" | "MR" | "MRS" | "MS" | "DR"
                )
            {
                sp.a += 1;
            }
            while sp.b - sp.a > 1
                && cls(sp.b - 1) & class::CALENDAR != 0
                && ctx.info[sp.b - 1].flags & flag::CAPS_SENT == 0
            {
                sp.b -= 1;
            }
            // Person names do not run over "in", "for", "and"...: "Tyson in Las
            // Vegas" is a person and a place, "Mauro Silva for Saturday" a person.
            if sp.ty == PER {
                if let Some(k) = (sp.a + 1..sp.b).find(|&k| {
                    ctx.info[k].flags & flag::HAS_UPPER == 0 && cls(k) & class::NOT_NAME != 0
                }) {
                    fixed.push(Span {
                        a: sp.a,
                        b: k,
                        ty: PER,
                    });
                    if k + 1 < sp.b && (k + 1..sp.b).all(is_place) {
                        fixed.push(Span {
                            a: k + 1,
                            b: sp.b,
                            ty: LOC,
                        });
                    }
                    continue;
                }
            }
            // A role qualifier opening a name: "Defense Sergey Shoigu", "State Antony"
            // (from "Minister of Defense Sergey Shoigu", "Secretary of State Antony Blinken").
            let mut a = sp.a;
            while a < sp.b && cls(a) & class::MODIFIER != 0 && cls(a) & class::OF == 0 {
                a += 1;
            }
            if a > sp.a && a < sp.b {
                let org_like = (a..sp.b).any(|k| cls(k) & class::ORG_WORD != 0 || is_place(k));
                // The tagger's own person: "Mines and Energy Subroto" is Subroto.
                let after_role = sp.a > 0
                    && (cls(sp.a - 1) & (class::ROLE | class::MODIFIER | class::OF) != 0
                        || word(sp.a - 1) == "and");
                let person_like = sp.b - a >= 2
                    || features::in_gaz(&ctx.info[a], GazKind::FirstName)
                    || (sp.ty == PER && after_role);
                if !org_like && person_like && !(a..sp.b).any(is_role) {
                    fixed.push(Span {
                        a,
                        b: sp.b,
                        ty: PER,
                    });
                    continue;
                }
            }
            // A role inside a span splits it: "Russian Foreign Ministry Spokeswoman
            // Maria Zakharova" = organisation + role + person; "US Secretary" = place + role.
            let role = (sp.a..sp.b).find(|&k| is_role(k));
            if let Some(k) = role {
                let mut left_end = k;
                while left_end > sp.a && is_role_or_mod(left_end - 1) {
                    left_end -= 1;
                }
                let mut right = k;
                while right < sp.b
                    && (is_role_or_mod(right) || ctx.info[right].flags & flag::HAS_UPPER == 0)
                {
                    right += 1;
                }
                if left_end > sp.a {
                    let ty = if cls(left_end - 1) & class::ORG_WORD != 0 {
                        ORG
                    } else if (sp.a..left_end).all(is_place) {
                        LOC
                    } else if (sp.a..left_end)
                        .all(|k| features::in_gaz(&ctx.info[k], GazKind::Demonym))
                    {
                        MISC
                    } else {
                        sp.ty
                    };
                    fixed.push(Span {
                        a: sp.a,
                        b: left_end,
                        ty,
                    });
                }
                if right < sp.b {
                    fixed.push(Span {
                        a: right,
                        b: sp.b,
                        ty: PER,
                    });
                }
                continue;
            }
            // A place name followed by a first name: "United Kingdom Andrei Kelin".
            let country = |k: usize| features::in_gaz(&ctx.info[k], GazKind::Country);
            if let Some(k) = (sp.a + 1..sp.b.saturating_sub(1)).find(|&k| {
                country(k - 1) && !is_place(k) && features::in_gaz(&ctx.info[k], GazKind::FirstName)
            }) {
                if (sp.a..k).all(country) {
                    fixed.push(Span {
                        a: sp.a,
                        b: k,
                        ty: LOC,
                    });
                    fixed.push(Span {
                        a: k,
                        b: sp.b,
                        ty: PER,
                    });
                    continue;
                }
            }
            // A name ending in an organisation word is an organisation: "Russia-NATO Council".
            let ty = if sp.ty != ORG && sp.b - sp.a >= 2 && cls(sp.b - 1) & class::ORG_HEAD != 0 {
                ORG
            } else {
                sp.ty
            };
            fixed.push(Span { ty, ..sp });
        }
        let mut merged = fixed;
        merge_adjacent_persons(&mut merged, toks);
        // A capitalised word just before a person's name, after a role, is the
        // first name the tagger missed: "Minister of Defense Sergey Shoigu".
        for k in 0..merged.len() {
            let prev_end = if k == 0 { 0 } else { merged[k - 1].b };
            let sp = merged[k];
            if sp.ty != PER {
                continue;
            }
            let mut a = sp.a;
            while a > prev_end && sp.a - a < 2 && !toks[a].sent_start {
                let j = a - 1;
                let f = ctx.info[j].flags;
                let plain = f & flag::INIT_UPPER != 0
                    && f & (flag::ALL_UPPER | flag::CAPS_SENT | flag::SENT_START) == 0
                    && f & flag::ALPHA != 0;
                if !plain
                    || is_role_or_mod(j)
                    || cls(j) & class::NOT_NAME != 0
                    || is_place(j)
                    || features::in_gaz(&ctx.info[j], GazKind::Demonym)
                {
                    break;
                }
                a = j;
            }
            if a < sp.a && a > 0 && is_role_or_mod(a - 1) {
                merged[k].a = a;
            }
        }
        *spans = merged;
        // A demonym opening an organisation: "Russian" + "Foreign Ministry".
        let mut i = 0;
        while i + 1 < spans.len() {
            let (x, y) = (spans[i], spans[i + 1]);
            let demonym = x.ty == MISC
                && (x.a..x.b).all(|k| features::in_gaz(&ctx.info[k], GazKind::Demonym));
            // Only a body named by its role ("Foreign Ministry", "State Department"):
            // "Polish SPC" stays a nationality and an organisation.
            let body = y.b - y.a >= 2 && cls(y.a) & class::MODIFIER != 0;
            if demonym
                && body
                && y.ty == ORG
                && y.a == x.b
                && !ctx.info[y.a..y.b]
                    .iter()
                    .any(|t| t.flags & flag::CAPS_SENT != 0)
            {
                spans[i] = Span {
                    a: x.a,
                    b: y.b,
                    ty: ORG,
                };
                spans.remove(i + 1);
            }
            i += 1;
        }
        // The wire's sign-off: one all-capital word closing the text, on its own
        // line or after the last sentence ("... it said.\n REUTER").
        let is_word = |k: usize| word(k).chars().next().is_some_and(char::is_alphanumeric);
        if let Some(last) = (0..toks.len()).rev().find(|&k| is_word(k)) {
            let f = ctx.info[last].flags;
            let alone = last == 0
                || text
                    .get(toks[last - 1].end..toks[last].start)
                    .is_some_and(|gap| gap.contains('\n'))
                || matches!(word(last - 1), "." | "!" | "?" | "\"" | "”");
            if f & (flag::ALL_UPPER | flag::ALPHA) == flag::ALL_UPPER | flag::ALPHA
                && ctx.info[last].len >= 2
                && alone
            {
                spans.retain(|s| !(s.a == last && s.b == last + 1));
            }
        }
        // Company suffixes ("Co", "Inc", "Corp", "Ltd") are never persons: they
        // close the organisation named just before them.
        let company =
            |k: usize| cls(k) & class::COMPANY != 0 && ctx.info[k].flags & flag::INIT_UPPER != 0;
        if spans
            .iter()
            .any(|s| (s.a..s.b.min(toks.len() - 1) + 1).any(company))
        {
            let mut out: Vec<Span> = Vec::with_capacity(spans.len());
            for &sp in spans.iter() {
                if let Some(last) = out.last_mut() {
                    if sp.a < last.b {
                        last.b = last.b.max(sp.b);
                        continue;
                    }
                }
                if (sp.a..sp.b).all(company) {
                    match out.last_mut() {
                        Some(last) if last.b == sp.a && !toks[sp.a].sent_start => {
                            last.b = sp.b;
                            last.ty = ORG;
                        }
                        _ => {}
                    }
                    continue;
                }
                let mut sp = sp;
                while sp.b < toks.len() && company(sp.b) && !toks[sp.b].sent_start {
                    sp.b += 1;
                }
                if company(sp.b - 1) {
                    sp.ty = ORG;
                }
                out.push(sp);
            }
            *spans = out;
        }
        // Surnames: a capitalised word equal to the last word of a full person
        // name in this article is that person (retyping the tagger's guess).
        let mut surnames: Vec<&str> = spans
            .iter()
            .filter(|s| s.ty == PER && s.b - s.a >= 2)
            .map(|s| word(s.b - 1))
            .filter(|w| w.chars().count() > 2)
            .collect();
        surnames.sort_unstable();
        surnames.dedup();
        if surnames.is_empty() {
            return;
        }
        let mut covered = vec![false; toks.len()];
        for s in spans.iter_mut() {
            covered[s.a..s.b].iter_mut().for_each(|c| *c = true);
            // Places keep their type: "Lebed Chechnya" in a headline is not a name to copy.
            if s.b - s.a == 1
                && s.ty != PER
                && s.ty != LOC
                && ctx.info[s.a].flags & flag::INIT_UPPER != 0
                && !is_place(s.a)
                && surnames.binary_search(&word(s.a)).is_ok()
            {
                s.ty = PER;
            }
        }
        let mut added = false;
        for (k, cov) in covered.iter().enumerate() {
            if !cov
                && ctx.info[k].flags & (flag::CAPS_SENT | flag::INIT_UPPER) == flag::INIT_UPPER
                && !is_place(k)
                && surnames.binary_search(&word(k)).is_ok()
            {
                spans.push(Span {
                    a: k,
                    b: k + 1,
                    ty: PER,
                });
                added = true;
            }
        }
        if added {
            spans.sort_by_key(|s| s.a);
            merge_adjacent_persons(spans, toks);
        }
    }
}

/// Adjacent person spans are one person ("Maria" + "Zakharova" after a split).
/// Never across a sentence break ("... Willie" / "Wood ...").
fn merge_adjacent_persons(spans: &mut Vec<Span>, toks: &[Tok]) {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for &sp in spans.iter() {
        let opens_sentence = toks.get(sp.a).is_some_and(|t| t.sent_start);
        match out.last_mut() {
            Some(last) if last.ty == 0 && sp.ty == 0 && last.b == sp.a && !opens_sentence => {
                last.b = sp.b
            }
            _ => out.push(sp),
        }
    }
    *spans = out;
}

/// Buffers reused across calls on one thread: recognising an article then
/// allocates little beyond its result (indexing runs over thousands of them).
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    ctx: DocCtx,
    tags: Vec<u8>,
    decode: model::DecodeState,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|c| match c.try_borrow_mut() {
        Ok(mut sc) => f(&mut sc),
        // Re-entered on this thread (cannot happen today): use fresh buffers.
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Keep only tokens that are in order, non-empty and on char boundaries.
fn sanitize(text: &str, toks: &[Tok]) -> Vec<Tok> {
    let mut out = Vec::with_capacity(toks.len());
    let mut last_end = 0;
    for t in toks {
        if t.start < t.end && t.start >= last_end && text.get(t.start..t.end).is_some() {
            out.push(*t);
            last_end = t.end;
        }
    }
    out
}

/// Tag name for a tagger type index (for tools).
pub fn type_name(tag: u8) -> Option<&'static str> {
    tag_type(tag).map(|t| EntityType::from_index(t).conll())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names(ms: &[Mention], kind: EntityType) -> Vec<String> {
        let mut v: Vec<String> = ms
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| m.canonical.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn basic_rules_on_a_news_paragraph() {
        let r = Recognizer::basic();
        let text = "Russian Foreign Minister Sergey Lavrov will meet US Secretary of State Antony Blinken in Geneva, the Russian Foreign Ministry said. Lavrov spoke to TASS news agency. She stressed that NATO and the Organization for Security and Cooperation in Europe (OSCE) met in Vienna.";
        let ms = r.recognize(text);
        assert_eq!(
            names(&ms, EntityType::Person),
            vec!["Antony Blinken", "Sergey Lavrov"]
        );
        assert_eq!(
            names(&ms, EntityType::Organization),
            vec!["NATO", "OSCE", "Russian Foreign Ministry", "TASS"]
        );
        assert_eq!(
            names(&ms, EntityType::Location),
            vec!["Geneva", "United States", "Vienna"]
        );
        for m in &ms {
            assert_eq!(&text[m.start..m.end], m.text);
        }
        assert!(!ms.iter().any(|m| m.text == "She"));
    }

    #[test]
    fn empty_and_odd_inputs() {
        let r = Recognizer::basic();
        assert!(r.recognize("").is_empty());
        assert!(r.recognize("   \n\n  ").is_empty());
        let _ = r.recognize("Ünïcödé Ärger in Zürich — «Москва» 東京 🎉 U.S.");
        let bad = [
            Tok {
                start: 3,
                end: 1,
                sent_start: true,
            },
            Tok {
                start: 0,
                end: 99,
                sent_start: false,
            },
        ];
        assert!(r.recognize_tokens("abc", &bad).is_empty());
    }

    /// A model with arbitrary weights: exercises the model path end to end.
    fn noisy_model() -> Recognizer {
        let mut x: u32 = 12345;
        let weights = (0..(1usize << 10) * model::ROW)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x % 2001) as i16 - 1000
            })
            .collect();
        let m = Model::new(10, weights, 0.01, "city\tGeneva\t\nfirst\tMaria\t\n".into());
        Recognizer::from_model_bytes(&m.to_bytes()).expect("valid model")
    }

    /// Mentions are ordered, disjoint, non-empty and name their own text.
    fn spans_are_sound(
        r: &Recognizer,
        text: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut last = 0;
        for m in &r.recognize(text) {
            prop_assert!(m.start < m.end && m.start >= last);
            prop_assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
            last = m.end;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn model_path_never_panics(s in "\\PC{0,200}", t in "([A-Z][a-z]{0,6}|[A-Z]{2,5}|[a-z]{1,5}|[.,()'’\"@:/-]|\\s){0,40}") {
            let r = noisy_model();
            for text in [s.as_str(), t.as_str()] {
                spans_are_sound(&r, text)?;
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics_and_spans_are_sound(s in "\\PC{0,200}", t in "([A-Z][a-z]{0,6}|[a-z]{1,5}|[.,()'’\"-]|\\s){0,40}") {
            let r = Recognizer::basic();
            for text in [s.as_str(), t.as_str()] {
                spans_are_sound(&r, text)?;
            }
        }
    }
}
