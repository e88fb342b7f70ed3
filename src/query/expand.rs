//! What a query word stands for in the index: the word itself, its stem
//! group, completions for `word*`, and typo corrections, each with its
//! weight ([`super::scoring`]).

use rustc_hash::FxHashMap;

use super::parser::Prefix;
use super::scoring::*;
use super::source::Source;
use crate::index::TermId;

/// The index terms a query term stands for, with their weights.
pub(crate) fn expand<S: Source + ?Sized>(
    index: &S,
    term: &str,
    prefix: Prefix,
    exact: bool,
    for_exclusion: bool,
) -> Vec<(TermId, f32)> {
    let mut out: FxHashMap<TermId, f32> = FxHashMap::default();
    fn add(out: &mut FxHashMap<TermId, f32>, t: TermId, w: f32) {
        let e = out.entry(t).or_insert(0.0);
        *e = e.max(w);
    }
    if let Some(t) = index.term_id(term) {
        add(&mut out, t, W_EXACT);
    }
    if !exact {
        for t in index.stem_group(term) {
            add(&mut out, t, W_STEM);
        }
    }
    let known = !out.is_empty();
    match prefix {
        Prefix::Explicit => index
            .prefix_terms(term, MAX_COMPLETIONS)
            .into_iter()
            .for_each(|t| add(&mut out, t, W_PREFIX)),
        _ => {}
    }
    let chars = term.chars().count();
    if !exact && !known && !for_exclusion && prefix != Prefix::Explicit && chars >= TYPO1_MIN_CHARS
    {
        for t in index.fuzzy_terms(term, 1) {
            add(&mut out, t, W_TYPO1);
        }
        // Swapped neighbours ("Zakhraova") are one slip of the fingers but
        // two Levenshtein edits: look each swap up as a word.
        for swapped in transpositions(term) {
            if let Some(t) = index.term_id(&swapped) {
                add(&mut out, t, W_TYPO1);
            }
        }
        if chars >= TYPO2_MIN_CHARS {
            for t in index.fuzzy_terms(term, 2) {
                add(&mut out, t, W_TYPO2);
            }
        }
    }
    let mut v: Vec<(TermId, f32)> = out.into_iter().collect();
    v.sort_unstable_by_key(|&(t, _)| t);
    v
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
