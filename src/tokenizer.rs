//! Tokenizing: Unicode word boundaries (UAX #29), case and diacritic folding,
//! and English stemming.
//!
//! The same functions run when indexing and when parsing a query, so a query
//! word and a document word meet on the same folded form. Byte offsets always
//! refer to the original text so highlights can be drawn on it.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Words longer than this (in bytes) are not indexed: they are nearly always
/// junk (base64, long URLs) and would bloat the term dictionary.
pub const MAX_WORD_BYTES: usize = 64;

/// One word of a text: its byte range in the original and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub term: String,
}

/// Iterate over the words of `text` as `(start, end)` byte ranges (UAX #29
/// word boundaries; only segments holding a letter or digit count as words).
pub fn word_ranges(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    text.split_word_bound_indices().filter_map(|(start, word)| {
        if word.len() > MAX_WORD_BYTES || !word.chars().any(char::is_alphanumeric) {
            None
        } else {
            Some((start, start + word.len()))
        }
    })
}

/// Tokenize `text`: every word with its folded term. Words that fold to
/// nothing are dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (start, end) in word_ranges(text) {
        let term = fold(&text[start..end]);
        if !term.is_empty() {
            out.push(Token { start, end, term });
        }
    }
    out
}

/// Fold a word for matching: lower case, no diacritics (`Zakharová` →
/// `zakharova`), typographic apostrophes made plain, and a trailing
/// possessive `'s` removed (`Russia’s` → `russia`), so that the common forms of
/// a name meet on one term.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into a reused buffer (cleared first): indexing folds every word
/// of the collection, and an allocation per word would dominate.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        for c in word.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => out.push('\''),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    if out.ends_with("'s") && out.len() > 2 {
        out.truncate(out.len() - 2);
    }
    while out.ends_with('\'') {
        out.pop();
    }
}

/// An English Snowball stemmer. Stemming is applied to folded terms.
pub struct Stemmer(rust_stemmers::Stemmer);

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer(rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
    }
}

impl Stemmer {
    /// The stem of a folded term. Terms holding digits are their own stem:
    /// stemming `1980s` or `g7` only merges unrelated things.
    pub fn stem<'a>(&self, term: &'a str) -> Cow<'a, str> {
        if term.bytes().any(|b| b.is_ascii_digit()) {
            Cow::Borrowed(term)
        } else {
            self.0.stem(term)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(terms("Zakharová ÉLYSÉE Straße"), ["zakharova", "elysee", "straße"]);
    }

    #[test]
    fn drops_possessive_and_punctuation() {
        assert_eq!(terms("Russia’s “threat” — Lavrov's"), ["russia", "threat", "lavrov"]);
    }

    #[test]
    fn offsets_point_into_original() {
        let text = "«Él» dijo: Geneva.";
        for t in tokenize(text) {
            assert_eq!(fold(&text[t.start..t.end]), t.term);
        }
        assert_eq!(&text[tokenize(text)[2].start..tokenize(text)[2].end], "Geneva");
    }

    #[test]
    fn hyphenated_words_split() {
        assert_eq!(terms("Russia-NATO Council"), ["russia", "nato", "council"]);
    }

    #[test]
    fn overlong_words_skipped() {
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(terms(&format!("x {long} y")), ["x", "y"]);
    }

    #[test]
    fn stems_words_but_not_numbers() {
        let s = Stemmer::default();
        assert_eq!(s.stem("meetings"), "meet");
        assert_eq!(s.stem("guarantees"), "guarante");
        assert_eq!(s.stem("1980s"), "1980s");
    }
}
