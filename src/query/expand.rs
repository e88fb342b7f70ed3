//! What a query word stands for in the index: the word itself, its stem
//! group, completions for `word*`, typo corrections, and other spellings
//! of a name ("Zelensky": Zelenskyy, Zelenskiy), each with its weight
//! ([`super::scoring`]).

use rustc_hash::FxHashMap;

use super::budget::Allowance;
use super::notes::AlsoSearched;
use super::parser::Prefix;
use super::scoring::*;
use super::source::Source;
use crate::index::TermId;
use crate::text::spelling::spelling_key;

/// The index terms a query term stands for, with their weights, and the
/// corrections among them: terms searched
/// because they are likelier spellings of `term` (typos of an unknown word,
/// or a much more frequent neighbour of a rare one), most frequent first.
///
/// Corrections are scored with one blended document frequency, the most
/// frequent of the corrections' and the typed word's (as Lucene's fuzzy
/// rewrite blends them): otherwise the rarest near-miss, with the highest
/// IDF, would outrank the spelling the reader meant. A correction therefore
/// never outscores the typed word itself when that word is in the
/// collection: its IDF is at most the word's, and it is weighted
/// [`W_EXACT`] against at most [`W_STEM`] (another spelling of a name) or
/// [`W_TYPO1`].
///
/// Completions and correction look-ups are drawn from `allow`, the query's
/// budget ([`super::budget`]): a word whose look-up would exceed it is
/// searched as typed (with its stems).
pub(crate) fn expand<S: Source + ?Sized>(
    index: &S,
    term: &str,
    (prefix, exact, for_exclusion): (Prefix, bool, bool),
    allow: &mut Allowance,
) -> (Vec<(TermId, f32)>, Vec<TermId>) {
    let mut out: FxHashMap<TermId, f32> = FxHashMap::default();
    fn add(out: &mut FxHashMap<TermId, f32>, t: TermId, w: f32) {
        let e = out.entry(t).or_insert(0.0);
        *e = e.max(w);
    }
    let typed = index.term_id(term);
    if let Some(t) = typed {
        add(&mut out, t, W_EXACT);
    }
    if !exact {
        for t in index.stem_group(term) {
            add(&mut out, t, W_STEM);
        }
    }
    if prefix == Prefix::Explicit {
        let limit = allow.completions(MAX_COMPLETIONS);
        if limit > 0 {
            let completions = index.prefix_terms(term, limit);
            allow.spend_completions(completions.len());
            for t in completions {
                add(&mut out, t, W_PREFIX);
            }
        }
    }
    let mut corrections: Vec<(TermId, f32)> = Vec::new();
    if !exact
        && !for_exclusion
        && prefix == Prefix::No
        && looks_up_corrections(index, term, typed)
        && allow.correct(term)
    {
        // A word absent as typed gets corrections even when other forms of
        // its stem are present: "unusued" stems like "unusual", but the
        // reader meant "unused" (the stem forms keep their higher weight).
        corrections = match typed {
            Some(t) => likelier_spellings(index, term, t),
            None => typos(index, term, allow),
        };
        corrections.retain(|(t, _)| !out.contains_key(t));
    }
    // Other spellings of a name the collection holds: "Zelensky" also
    // searches "Zelenskyy" and "Zelenskiy", said in the notes like a
    // correction (with its undo), and scored as one.
    if let Some(t) = typed {
        if !exact
            && !for_exclusion
            && prefix == Prefix::No
            && term.chars().count() >= SPELLING_MIN_CHARS
            && allow.spell(term)
        {
            for s in spellings(index, term, t) {
                if !out.contains_key(&s) && corrections.iter().all(|c| c.0 != s) {
                    corrections.push((s, W_STEM));
                }
            }
        }
    }
    // Corrections are scored with one blended IDF, the most frequent
    // correction's; and each stands for its word as if typed right, with its
    // stem group ("declne" → decline, and declines, declined…) scaled alike,
    // so that one correction ranks as its word would.
    // The typed word's own frequency counts too: its other spellings may be
    // rarer than it, and must not outrank it for that.
    let blended = (corrections.iter().map(|&(t, _)| t).chain(typed))
        .map(|t| index.doc_freq(t))
        .max()
        .unwrap_or(0);
    let n = index.doc_count();
    let mut fixed: FxHashMap<TermId, f32> = FxHashMap::default();
    for &(t, w) in &corrections {
        let scale = idf(n, blended) / idf(n, index.doc_freq(t));
        let stems = index.stem_group(index.term_text(t));
        let forms = std::iter::once((t, W_EXACT)).chain(stems.into_iter().map(|s| (s, W_STEM)));
        for (s, ws) in forms {
            add(&mut fixed, s, w * ws * scale);
        }
    }
    // The typed word's own forms keep their own weights.
    for (t, w) in fixed {
        if !out.contains_key(&t) {
            add(&mut out, t, w);
        }
    }
    let mut v: Vec<(TermId, f32)> = out.into_iter().collect();
    crate::sort::sort_unstable_by_key(&mut v[..], |&(t, _)| t);
    let mut fixes: Vec<TermId> = corrections.into_iter().map(|(t, _)| t).collect();
    crate::sort::sort_unstable_by_key(&mut fixes[..], |&t| {
        (std::cmp::Reverse(index.doc_freq(t)), t)
    });
    fixes.dedup();
    (v, fixes)
}

/// Would [`typos`] (for a word absent from the collection) or
/// [`likelier_spellings`] (for a rare one) search the index's neighbours of
/// `term`? Only those words spend the correction budget.
fn looks_up_corrections<S: Source + ?Sized>(index: &S, term: &str, typed: Option<TermId>) -> bool {
    let chars = term.chars().count();
    match typed {
        None => chars >= DROPPED_LETTER_CHARS,
        Some(t) => chars >= TYPO1_MIN_CHARS && index.doc_freq(t) <= RARE_MAX_DF,
    }
}

/// Note that the plain word `term` was searched with `fixes` (corrections
/// from [`expand`], most frequent first), once per word, in
/// the order words are evaluated: the query's. At most [`MAX_SHOWN`] are
/// named. Spans and the undo are filled in by
/// [`super::SearchNotes::locate`], which has the query text.
pub(crate) fn note_corrections<S: Source + ?Sized>(
    index: &S,
    term: &str,
    fixes: &[TermId],
    notes: &mut Vec<AlsoSearched>,
) {
    if fixes.is_empty() || notes.iter().any(|a| a.word == term) {
        return;
    }
    notes.push(AlsoSearched {
        word: term.to_string(),
        also: fixes
            .iter()
            .take(MAX_SHOWN)
            .map(|&t| index.term_text(t).to_string())
            .collect(),
        start: 0,
        end: 0,
        undo: String::new(),
    });
}

/// Corrections named per word in the notes.
pub const MAX_SHOWN: usize = 3;

/// Corrections of a word absent from the collection, with their weights:
/// one edit or one swap of neighbours for words of [`TYPO1_MIN_CHARS`] and
/// more, two edits from [`TYPO2_MIN_CHARS`], and for shorter words of
/// [`DROPPED_LETTER_CHARS`] only a letter put back (`Putn` → putin). Two
/// edits only while `allow` has two-edit look-ups left.
fn typos<S: Source + ?Sized>(index: &S, term: &str, allow: &mut Allowance) -> Vec<(TermId, f32)> {
    let chars = term.chars().count();
    let mut out = Vec::new();
    if chars >= TYPO1_MIN_CHARS {
        out.extend(index.fuzzy_terms(term, 1).into_iter().map(|t| (t, W_TYPO1)));
        // Swapped neighbours ("Zakhraova") are one slip of the fingers but
        // two Levenshtein edits: look each swap up as a word.
        for swapped in transpositions(term) {
            if let Some(t) = index.term_id(&swapped) {
                out.push((t, W_TYPO1));
            }
        }
        // Two edits only when one finds nothing: the closest spellings are
        // the likeliest, and farther ones would crowd them out.
        if out.is_empty() && chars >= TYPO2_MIN_CHARS && allow.two_edits() {
            out.extend(index.fuzzy_terms(term, 2).into_iter().map(|t| (t, W_TYPO2)));
        }
    } else if chars == DROPPED_LETTER_CHARS {
        out.extend(
            index
                .fuzzy_terms(term, 1)
                .into_iter()
                .filter(|&t| {
                    let text = index.term_text(t);
                    text.chars().count() == chars + 1 && is_subsequence(term, text)
                })
                .map(|t| (t, W_TYPO1)),
        );
    }
    // One entry per term, its best weight.
    crate::sort::sort_unstable_by(&mut out[..], |a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    out.dedup_by_key(|e| e.0);
    out
}

/// Neighbours (one edit or one swap) of a rare word `term` (id `typed`)
/// found in at least [`LIKELIER_RATIO`] times as many articles: `Volker`,
/// in one article, gets Volcker, in 124.
fn likelier_spellings<S: Source + ?Sized>(
    index: &S,
    term: &str,
    typed: TermId,
) -> Vec<(TermId, f32)> {
    let df = index.doc_freq(typed);
    if df > RARE_MAX_DF || term.chars().count() < TYPO1_MIN_CHARS {
        return Vec::new();
    }
    let mut out: Vec<(TermId, f32)> = index
        .fuzzy_terms(term, 1)
        .into_iter()
        .chain(transpositions(term).iter().filter_map(|s| index.term_id(s)))
        .filter(|&t| t != typed && index.doc_freq(t) >= LIKELIER_RATIO * df.max(1))
        .map(|t| (t, W_TYPO1))
        .collect();
    crate::sort::sort_unstable_by_key(&mut out[..], |e| e.0);
    out.dedup_by_key(|e| e.0);
    out
}

/// Words from this many characters up are looked up under their other
/// spellings ([`spellings`]).
pub const SPELLING_MIN_CHARS: usize = 6;

/// Other spellings of `term` (id `typed`) in the collection: words one edit
/// away with the same spelling key (`crate::text::spelling`: y/i/j, w/v,
/// doubled letters…) that differ from it only in their last three
/// characters, after a shared beginning of at least five. That is how
/// transliterations of a name differ ("Zelensky", "Zelenskyy",
/// "Zelenskiy"; "Sergei", "Sergey"; "Yanukovych", "Yanukovich"), while
/// English words with the same key differ earlier ("filing", "filling";
/// "hoping", "hopping") or are too short ("good", "god").
fn spellings<S: Source + ?Sized>(index: &S, term: &str, typed: TermId) -> Vec<TermId> {
    let key = spelling_key(term);
    let chars: Vec<char> = term.chars().collect();
    let mut out: Vec<TermId> = (index.fuzzy_terms(term, 1).into_iter())
        .filter(|&t| t != typed)
        .filter(|&t| {
            let other = index.term_text(t);
            let shared = chars
                .iter()
                .zip(other.chars())
                .take_while(|(a, b)| **a == *b)
                .count();
            let longer = chars.len().max(other.chars().count());
            shared >= 5 && shared + 3 >= longer && spelling_key(other) == key
        })
        .collect();
    crate::sort::sort(&mut out[..]);
    out.dedup();
    out
}

/// Whether the characters of `short` appear in `long` in order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|l| l == c))
}

/// `term` with each pair of neighbouring characters swapped, except the
/// first pair (typo look-ups keep the first character, see
/// `source`); distinct results only.
pub fn transpositions(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    let mut out: Vec<String> = Vec::new();
    for i in 2..chars.len() {
        if chars[i - 1] != chars[i] {
            let mut c = chars.clone();
            c.swap(i - 1, i);
            let s: String = c.into_iter().collect();
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}
