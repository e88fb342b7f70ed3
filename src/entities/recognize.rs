//! The recogniser: tokens, document facts, the tagger (model or rules),
//! post-processing and per-article resolution, from text to mentions.
//!
//! Scratch space is the caller's: a [`Cache`] holds the buffers reused from
//! one text to the next and the tagger's sums of static feature weights (as
//! regex-automata's `Cache`), so recognising needs no global or thread-local
//! state, and one recogniser may serve several callers each with a cache.

use super::agree::agree;
use super::conll;
use super::doc::DocCtx;
use super::gazetteer::Gazetteer;
use super::lexicon::{self, class};
use super::mention::{Found, Mention};
use super::model::{DecodeState, Model, ModelError};
use super::postprocess::{postprocess, Span};
use super::resolve;
use super::rules;
use super::tokenize::Tok;
use crate::entity_type::EntityType;
use std::borrow::Cow;

/// Recognises mentions in article text. Cheap to share; holds no per-call
/// state (that is the caller's [`Cache`]).
pub struct Recognizer {
    gaz: Gazetteer,
    model: Option<Model>,
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
    /// With a fresh [`Cache`]: for one text now and then; over many texts,
    /// keep a cache and call [`recognize_with`](Self::recognize_with).
    pub fn recognize(&self, text: &str) -> Vec<Mention> {
        self.recognize_with(&mut Cache::new(), text)
    }

    /// As [`recognize`](Self::recognize), with the caller's scratch space.
    pub fn recognize_with(&self, cache: &mut Cache, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.recognize_each(cache, text, |m| out.push(m.to_mention()));
        out
    }

    /// As [`recognize`](Self::recognize), each mention handed to `f` borrowed
    /// (its text from `text`, its canonical name mostly too): no `String`s
    /// per mention for a caller that only files them.
    pub(crate) fn recognize_each(
        &self,
        cache: &mut Cache,
        text: &str,
        mut f: impl FnMut(&Found<'_>),
    ) {
        let mut toks = std::mem::take(&mut cache.toks);
        // Tokens and their facts in one pass.
        cache.ctx.fill_fused(text, &mut toks, &self.gaz);
        self.run(text, &toks, true, cache).iter().for_each(&mut f);
        cache.toks = toks;
    }

    /// As [`recognize_with`](Self::recognize_with), over tokens already cut
    /// (spans into `text`, ascending, non-overlapping, on char boundaries;
    /// bad spans are dropped, never trusted).
    pub fn recognize_tokens(&self, cache: &mut Cache, text: &str, toks: &[Tok]) -> Vec<Mention> {
        self.mentions_of_tokens(cache, text, toks, true)
    }

    /// The tagger's output alone, without post-processing or canonical names
    /// (`canonical` = normalised text). For scoring against CoNLL conventions.
    pub fn tag_tokens(&self, cache: &mut Cache, text: &str, toks: &[Tok]) -> Vec<Mention> {
        self.mentions_of_tokens(cache, text, toks, false)
    }

    /// [`run`](Self::run) over `toks` once sanitized, with post-processing
    /// when `post`, as [`Mention`]s.
    fn mentions_of_tokens(
        &self,
        cache: &mut Cache,
        text: &str,
        toks: &[Tok],
        post: bool,
    ) -> Vec<Mention> {
        let toks = sanitize(text, toks);
        cache.ctx.fill(text, &toks, &self.gaz);
        self.run(text, &toks, post, cache)
            .iter()
            .map(Found::to_mention)
            .collect()
    }

    /// `toks` must be sane (see [`sanitize`]), and `cache.ctx` filled from
    /// them and `text` with this recognizer's gazetteer.
    fn run<'a>(
        &'a self,
        text: &'a str,
        toks: &[Tok],
        post: bool,
        cache: &mut Cache,
    ) -> Vec<Found<'a>> {
        let Cache {
            ctx, tags, decode, ..
        } = cache;
        match &self.model {
            Some(m) => m.tag(text, toks, ctx, tags, decode),
            None => rules::tag(text, toks, ctx, tags),
        }
        let mut spans: Vec<Span> = conll::chunks(tags)
            .into_iter()
            .map(|(a, b, ty)| Span { a, b, ty })
            .collect();
        if post {
            postprocess(text, toks, ctx, &mut spans);
            agree(text, toks, ctx, &mut spans);
        }
        let mut out: Vec<Found<'a>> = spans
            .iter()
            .filter_map(|s| {
                let (start, mut end) = (toks.get(s.a)?.start, toks.get(s.b.checked_sub(1)?)?.end);
                let kind = EntityType::from_index(s.ty);
                if post
                    && kind == EntityType::Organization
                    && sentence_takes_dot(text, toks, ctx, s.b)
                {
                    end -= 1;
                }
                let t = text.get(start..end)?;
                // A place's gazetteer name, from the match over exactly its tokens.
                let place = (post && kind == EntityType::Location)
                    .then(|| {
                        ctx.gaz
                            .iter()
                            .find(|g| g.start == s.a && g.end == s.b && Gazetteer::is_place(g.kind))
                    })
                    .flatten()
                    .map(|g| Cow::Borrowed(self.gaz.name(g.canonical)))
                    // Else a place the gazetteer spells another way ("Kiev").
                    .or_else(|| {
                        (post && kind == EntityType::Location)
                            .then(|| self.gaz.place_spelled(t))
                            .flatten()
                            .map(Cow::Borrowed)
                    });
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
}

/// Whether the name ending with token `b - 1` ends with a company suffix's
/// dot ("Lear Corp.") that also ends its sentence (the next token opens
/// one, or there is none): that dot is the sentence's full stop as much as
/// the abbreviation's, and the name is "Lear Corp", as where the sentence
/// goes on ("Lear Corp. said") the dot is the name's.
fn sentence_takes_dot(text: &str, toks: &[Tok], ctx: &DocCtx, b: usize) -> bool {
    let Some(last) = b.checked_sub(1).and_then(|k| toks.get(k)) else {
        return false;
    };
    let word = text.get(last.start..last.end).unwrap_or("");
    word.len() > 1
        && word.ends_with('.')
        && ctx
            .info
            .get(b - 1)
            .is_some_and(|i| lexicon::classes(i.lower) & class::COMPANY != 0)
        && toks
            .iter()
            .skip(b)
            // Closing quotes belong to the sentence the dot ends ("… said
            // Schroder Wertheim & Co.\"").
            .find(|t| !matches!(text.get(t.start..t.end), Some("\"" | "”" | "'" | "’")))
            .is_none_or(|t| t.sent_start)
}

/// Scratch space for [`Recognizer`]: buffers reused from one text to the
/// next, so that recognising an article allocates little beyond its result
/// (indexing runs over thousands of them), and the tagger's cache of static
/// feature sums. The caller owns one per thread of work (the engine's
/// slice-wise recogniser and the page's `Recognition` each hold one) and
/// passes it in. A cache may serve any recogniser: the tagger's sums are
/// keyed by the model's content fingerprint, so another model starts afresh.
#[derive(Default)]
pub struct Cache {
    toks: Vec<Tok>,
    ctx: DocCtx,
    tags: Vec<u8>,
    decode: DecodeState,
}

impl Cache {
    /// An empty cache (nothing is allocated until it is used).
    pub fn new() -> Cache {
        Cache::default()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::model;
    use proptest::prelude::*;

    #[test]
    fn a_company_dot_ending_the_sentence_is_the_sentence_s() {
        // Whether the name ending at each token whose text is given takes
        // its sentence's full stop.
        let takes = |text: &str, last: &str| {
            let mut toks = Vec::new();
            let mut ctx = DocCtx::default();
            ctx.fill_fused(text, &mut toks, &Gazetteer::builtin());
            let b = toks
                .iter()
                .position(|t| &text[t.start..t.end] == last)
                .map_or(0, |k| k + 1);
            sentence_takes_dot(text, &toks, &ctx, b)
        };
        assert!(takes("Shares of Lear Corp.", "Corp."));
        assert!(takes("Shares of Lear Corp.\n\nThe company said.", "Corp."));
        assert!(!takes("Lear Corp. said it would.", "Corp."));
        assert!(takes(
            "\"Buy,\" said Lear Corp.\"\n\nThen it fell.",
            "Corp."
        ));
        assert!(takes("\"Buy,\" said Lear Corp.\"", "Corp."));
        assert!(!takes("\"Lear Corp.\" said it would.", "Corp."));
        assert!(!takes("He went to the U.S.", "U.S."));
    }

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
        assert!(r
            .recognize_tokens(&mut Cache::new(), "abc", &bad)
            .is_empty());
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
