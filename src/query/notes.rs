//! What a search tells the reader about how it read the query: that it fell
//! back from "all words" to "most words" ([`Relaxed`]), which corrections it
//! searched beside a word ([`AlsoSearched`]), and which parts of the query it
//! could not use and why ([`QueryProblem`]), and which limits of the query
//! budget applied ([`QueryLimit`], see [`super::budget`]). The page shows these as lines
//! and chips; it never works them out itself.
//!
//! Spans are in UTF-16 code units of the query (JavaScript string indices),
//! as [`super::QueryFilter`]'s are.

use serde::Serialize;
use tsify::Tsify;

use super::budget::{searched_part, QueryLimit};
use super::filter::utf16_len;
use crate::text::tokenizer::tokenize;

/// Notes on one search; empty when the query was read exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct SearchNotes {
    /// Set when too few articles hold every plain word and the results go on
    /// with articles holding most of them.
    pub relaxed: Option<Relaxed>,
    /// Words searched together with likelier spellings, in query order.
    pub also_searched: Vec<AlsoSearched>,
    /// Parts of the query that were not used as typed, in query order.
    pub problems: Vec<QueryProblem>,
    /// Limits of the query budget that applied: parts of the query left
    /// out (with their spans), corrections or completions cut short.
    pub limits: Vec<QueryLimit>,
}

impl SearchNotes {
    /// True when there is nothing to tell.
    pub fn is_empty(&self) -> bool {
        self.relaxed.is_none()
            && self.also_searched.is_empty()
            && self.problems.is_empty()
            && self.limits.is_empty()
    }

    /// Tie each also-searched word (a folded term, as execution leaves it)
    /// to where it was typed in `q`: the word as typed, its span, and the
    /// undo (the part of the query that was read, [`searched_part`], with
    /// that word quoted, so it is taken exactly). A word not found as a
    /// plain word of that part is dropped.
    pub fn locate(&mut self, q: &str) {
        let read = searched_part(q);
        self.also_searched.retain_mut(|a| {
            let Some((s, e)) = plain_word(read, &a.word) else {
                return false;
            };
            a.word = read[s..e].to_string();
            a.start = utf16_len(&read[..s]);
            a.end = utf16_len(&read[..e]);
            a.undo = format!("{}\"{}\"{}", &read[..s], &read[s..e], &read[e..]);
            true
        });
    }
}

/// Byte range of the first plain word of `q` (a whitespace-separated chunk
/// outside quotes, not negated, not a `field:value`) that is exactly one
/// token folding to `term`.
fn plain_word(q: &str, term: &str) -> Option<(usize, usize)> {
    let mut quoted = false;
    let mut at = 0;
    for chunk in q.split_inclusive(char::is_whitespace) {
        let start = at;
        at += chunk.len();
        let was_quoted = quoted;
        quoted ^= chunk.matches('"').count() % 2 == 1;
        let body = chunk.trim_end();
        if was_quoted || body.contains(['"', ':']) || body.starts_with('-') {
            continue;
        }
        if let [t] = tokenize(body).as_slice() {
            if t.term == term {
                return Some((start + t.start, start + t.end));
            }
        }
    }
    None
}

/// The results were widened from "all words" to "most words".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Relaxed {
    /// Plain words (and phrases, and `OR` groups, each counted once) of the
    /// query that decide matching: stopwords are not counted.
    pub words: usize,
    /// Articles holding all of them (listed first).
    pub with_all: usize,
    /// The fewest of them a listed article holds.
    pub min_words: usize,
}

/// A word searched with other spellings too (`Volker` → `volcker`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct AlsoSearched {
    /// The word as typed.
    pub word: String,
    /// The spellings searched beside it (folded index terms), most frequent first.
    pub also: Vec<String>,
    /// First UTF-16 code unit of the word in the query.
    pub start: usize,
    /// One past its last UTF-16 code unit.
    pub end: usize,
    /// The whole query with this word taken exactly as typed (quoted): the
    /// one-click undo.
    pub undo: String,
}

/// A part of the query that could not be used as typed (`after:2022-13-01`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct QueryProblem {
    /// The part as typed.
    pub text: String,
    /// What is wrong, for a reader ("2022-13-01 is not a date").
    pub message: String,
    /// First UTF-16 code unit of the part in the query.
    pub start: usize,
    /// One past its last UTF-16 code unit.
    pub end: usize,
}
