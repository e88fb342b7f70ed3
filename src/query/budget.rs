//! The query budget: limits on what one query may ask of the index, so that
//! no string, however long (a pasted text, a shared 100 KB `#q=` link, ten
//! thousand words), makes a search slow. The page runs searches on its main
//! thread, so a search must stay short (see README "Query budget" for the
//! measured times).
//!
//! - [`MAX_QUERY_CHARS`]: only the query's first characters are read (cut at
//!   a space when there is one); the rest is left out.
//! - [`MAX_TERMS`]: words, phrase words and filters beyond this many are
//!   left out (every later part of the query with them).
//! - [`MAX_CORRECTED_WORDS`]: typo and likelier-spelling look-ups (the
//!   costly automaton searches) for this many words; later words are
//!   searched as typed; of those, [`MAX_TWO_EDIT_WORDS`] may be looked up
//!   with two edits (the costliest automata). Words longer than [`MAX_FUZZY_CHARS`] are never
//!   corrected (their automata grow with their length).
//! - [`MAX_SPELLED_WORDS`]: words found as typed that are looked up under
//!   their other spellings (a name's transliterations); past it a word is
//!   searched as typed, unsaid.
//! - [`MAX_COMPLETIONS_TOTAL`]: `word*` completions over the whole query;
//!   each `word*` takes at most [`super::scoring::MAX_COMPLETIONS`] of what
//!   is left.
//!
//! Each limit that applied is a [`QueryLimit`] in the search's notes, with
//! the span of the part left out when there is one. Nothing here reads the
//! index: the parser cuts, the executor counts.

use serde::Serialize;
use tsify::Tsify;

use super::filter::utf16_len;

/// Characters of a query that are read.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Words (a phrase counts its words) and filters a query may hold.
pub const MAX_TERMS: usize = 32;
/// Words that get typo corrections or likelier spellings.
pub const MAX_CORRECTED_WORDS: usize = 8;
/// Words that may be looked up with two edits (see [`super::scoring::TYPO2_MIN_CHARS`]).
pub const MAX_TWO_EDIT_WORDS: usize = 2;
/// Words found as typed that are looked up under their other spellings
/// (one-edit look-ups, like corrections, but from a pool of their own: a
/// long question must not spend the corrections of its misspelt words).
pub const MAX_SPELLED_WORDS: usize = 16;
/// Words longer than this (in characters) get no corrections.
pub const MAX_FUZZY_CHARS: usize = 30;
/// Prefix completions over the whole query.
pub const MAX_COMPLETIONS_TOTAL: usize = 256;

/// Which limit of the budget applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// The query was longer than [`MAX_QUERY_CHARS`]: the rest was not read.
    Length,
    /// More than [`MAX_TERMS`] words and filters: the rest was left out.
    Terms,
    /// More than [`MAX_CORRECTED_WORDS`] words could have been corrected:
    /// later ones were searched as typed.
    Corrections,
    /// `word*` completions reached [`MAX_COMPLETIONS_TOTAL`].
    Completions,
}

/// A limit of the query budget that changed what was searched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct QueryLimit {
    pub kind: LimitKind,
    /// The limit (characters, terms, words or completions).
    pub limit: usize,
    /// First UTF-16 code unit of the part left out (`Length`, `Terms`); 0
    /// with `end` 0 when the limit has no one place (`Corrections`,
    /// `Completions`).
    pub start: usize,
    /// One past the last UTF-16 code unit of the part left out.
    pub end: usize,
}

/// The part of `q` that is read: all of it up to [`MAX_QUERY_CHARS`]
/// characters, otherwise its first characters up to the last whitespace
/// among them (or all of them, when there is none). Linear in the kept part.
pub fn searched_part(q: &str) -> &str {
    let Some((cut, _)) = q.char_indices().nth(MAX_QUERY_CHARS) else {
        return q;
    };
    let head = &q[..cut];
    match head.rfind(char::is_whitespace) {
        Some(ws) if ws > 0 => &q[..ws],
        _ => head,
    }
}

/// The [`LimitKind::Length`] note for `q` cut to `kept` bytes, if it was cut.
pub(crate) fn length_limit(q: &str, kept: usize) -> Option<QueryLimit> {
    if kept >= q.len() {
        return None;
    }
    let start = utf16_len(&q[..kept]);
    Some(QueryLimit {
        kind: LimitKind::Length,
        limit: MAX_QUERY_CHARS,
        start,
        end: start + utf16_len(&q[kept..]),
    })
}

/// What is left of the expansion budget while one query executes (the
/// caller's scratch: one per execution).
#[derive(Debug, Clone)]
pub(crate) struct Allowance {
    /// Words that may still be corrected.
    pub corrections: usize,
    /// Words that may still be looked up under their other spellings.
    pub spellings: usize,
    /// Words that may still be looked up with two edits.
    pub two_edits: usize,
    /// Completions that may still be added.
    pub completions: usize,
    /// A word went uncorrected, or a completion list was cut, for want of budget.
    pub corrections_cut: bool,
    pub completions_cut: bool,
}

impl Default for Allowance {
    fn default() -> Self {
        Allowance {
            corrections: MAX_CORRECTED_WORDS,
            spellings: MAX_SPELLED_WORDS,
            two_edits: MAX_TWO_EDIT_WORDS,
            completions: MAX_COMPLETIONS_TOTAL,
            corrections_cut: false,
            completions_cut: false,
        }
    }
}

impl Allowance {
    /// May the word `term` be corrected? Spends one word when it may.
    pub fn correct(&mut self, term: &str) -> bool {
        if term.chars().nth(MAX_FUZZY_CHARS).is_some() {
            return false;
        }
        if self.corrections == 0 {
            self.corrections_cut = true;
            return false;
        }
        self.corrections -= 1;
        true
    }

    /// May the word `term`, found as typed, be looked up under its other
    /// spellings ([`super::expand`]'s `spellings`)? Spends one of
    /// [`MAX_SPELLED_WORDS`] when it may; when none is left the word is
    /// searched as typed without a note: its spellings are a courtesy, not
    /// a reading of the query that was cut.
    pub fn spell(&mut self, term: &str) -> bool {
        if term.chars().nth(MAX_FUZZY_CHARS).is_some() || self.spellings == 0 {
            return false;
        }
        self.spellings -= 1;
        true
    }

    /// May a word be looked up with two edits? Spends one when it may.
    pub fn two_edits(&mut self) -> bool {
        if self.two_edits == 0 {
            self.corrections_cut = true;
            return false;
        }
        self.two_edits -= 1;
        true
    }

    /// How many completions a `word*` may have; noted when fewer than it asks.
    pub fn completions(&mut self, want: usize) -> usize {
        let n = want.min(self.completions);
        if n < want {
            self.completions_cut = true;
        }
        n
    }

    /// Spend `n` completions.
    pub fn spend_completions(&mut self, n: usize) {
        self.completions = self.completions.saturating_sub(n);
    }

    /// The limits that applied, in [`LimitKind`] order.
    pub fn limits(&self) -> Vec<QueryLimit> {
        let note = |kind, limit| QueryLimit {
            kind,
            limit,
            start: 0,
            end: 0,
        };
        let mut out = Vec::new();
        if self.corrections_cut {
            out.push(note(LimitKind::Corrections, MAX_CORRECTED_WORDS));
        }
        if self.completions_cut {
            out.push(note(LimitKind::Completions, MAX_COMPLETIONS_TOTAL));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_queries_are_read_whole() {
        assert_eq!(searched_part("putin talks"), "putin talks");
        assert_eq!(length_limit("putin", 5), None);
    }

    #[test]
    fn long_queries_are_cut_at_a_space_within_the_limit() {
        let q = "ab ".repeat(1_000);
        let kept = searched_part(&q);
        assert!(kept.chars().count() <= MAX_QUERY_CHARS);
        assert!(kept.ends_with("ab"), "cut between words: {kept:?}");
        let l = length_limit(&q, kept.len()).expect("a length limit");
        assert_eq!(
            (l.kind, l.start, l.end),
            (LimitKind::Length, kept.len(), q.len())
        );
    }

    #[test]
    fn one_long_word_is_cut_at_a_character() {
        let q = "é".repeat(5_000);
        let kept = searched_part(&q);
        assert_eq!(kept.chars().count(), MAX_QUERY_CHARS);
        let l = length_limit(&q, kept.len()).expect("a length limit");
        assert_eq!((l.start, l.end), (MAX_QUERY_CHARS, 5_000));
    }

    #[test]
    fn allowance_counts_words_and_completions() {
        let mut a = Allowance::default();
        for _ in 0..MAX_CORRECTED_WORDS {
            assert!(a.correct("zelensky"));
        }
        assert!(!a.correct("zelensky"));
        assert!(!a.correct(&"z".repeat(MAX_FUZZY_CHARS + 1)));
        assert!(a.limits().iter().any(|l| l.kind == LimitKind::Corrections));
        let mut b = Allowance::default();
        assert!((0..MAX_TWO_EDIT_WORDS).all(|_| b.two_edits()));
        assert!(!b.two_edits() && b.corrections_cut);
        assert_eq!(a.completions(64), 64);
        a.spend_completions(MAX_COMPLETIONS_TOTAL - 10);
        assert_eq!(a.completions(64), 10);
        let kinds: Vec<LimitKind> = a.limits().iter().map(|l| l.kind).collect();
        assert_eq!(kinds, [LimitKind::Corrections, LimitKind::Completions]);
    }
}
