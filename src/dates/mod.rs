//! Time expressions: find TIMEX3 expressions in text and resolve them against the article's date.
//!
//! The tagger follows the TimeML TIMEX3 conventions used by TempEval-3: spans
//! include determiners and modifiers ("the third quarter", "more than four
//! years", "early next year"), values are normalised at the granularity the
//! text gives ("2022-02", "2022-W06", "P4Y", "PRESENT_REF").
//!
//! Layout, each layer using only the ones before it:
//! - [`value`] owns the TIMEX3 value format both ways (writing values, their
//!   calendar span, and the granularity, label and HTML `datetime` the page
//!   shows); [`Timex`] is one tagged expression.
//! - `resolve` does overflow-safe calendar arithmetic (and which way a tense
//!   moves a bare "Thursday" or "December 17").
//! - `lexicon` tokenizes once and classifies words by static tables.
//! - `matcher` holds the rules, one file per family (calendar dates, relative
//!   expressions, durations and sets, clock times, tense cues and keywords),
//!   and the context-dependent resolution (tense cues, the quarter an
//!   earnings report is about).
//! - [`tag`] runs the matcher over a text; [`timeml`] reads TimeML gold files
//!   for scoring.
//!
//! No regexes and no per-token allocation: the whole 16 MB Reuters corpus is
//! tagged in the browser while it is indexed. Without the `inpage` feature
//! only [`value`] and [`Timex`] are compiled (the reader of prebuilt sites
//! shows events but does not tag text).

#[cfg(feature = "inpage")]
mod lexicon;
#[cfg(feature = "inpage")]
mod matcher;
#[cfg(feature = "inpage")]
mod resolve;
#[cfg(feature = "inpage")]
pub mod timeml;
mod timex;
pub mod value;

#[cfg(test)]
mod testing;
#[cfg(all(test, feature = "inpage"))]
mod tests;

pub use timex::{Timex, TimexType};

/// Find and resolve every time expression in `text`, relative to `dct` (the article's date).
/// Never panics on any input; offsets are on char boundaries; results sorted by start, non-overlapping.
#[cfg(feature = "inpage")]
pub fn tag(text: &str, dct: chrono::NaiveDate) -> Vec<Timex> {
    let tokens = lexicon::tokenize(text);
    let mut matcher = matcher::Matcher::new(text, &tokens, dct);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(found) = matcher.match_at(i) {
            if found.end > i && found.end <= tokens.len() {
                out.push(Timex {
                    start: tokens[i].start,
                    end: tokens[found.end - 1].end,
                    kind: found.kind,
                    value: found.value,
                });
                i = found.end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// [`tag`] over an article's paragraphs as one text, so that a paragraph is
/// resolved with what the ones before it said (the year a retold story is in,
/// the date "three days later" counts from, whether the article uses "today"
/// for its own day). Returns each paragraph's expressions with offsets into
/// that paragraph; paragraphs are joined by a blank line, which the tokenizer
/// reads as a paragraph break, so no expression spans two of them.
#[cfg(feature = "inpage")]
pub fn tag_paragraphs<S: AsRef<str>>(paragraphs: &[S], dct: chrono::NaiveDate) -> Vec<Vec<Timex>> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(paragraphs.len());
    for (k, p) in paragraphs.iter().enumerate() {
        if k > 0 {
            text.push_str("\n\n");
        }
        starts.push(text.len());
        text.push_str(p.as_ref());
    }
    let mut out: Vec<Vec<Timex>> = paragraphs.iter().map(|_| Vec::new()).collect();
    for t in tag(&text, dct) {
        // The paragraph holding the expression's start; the last whose start is at or before it.
        let para = starts.partition_point(|&s| s <= t.start).saturating_sub(1);
        let (Some(&base), Some(p)) = (starts.get(para), paragraphs.get(para)) else {
            continue;
        };
        let len = p.as_ref().len();
        if t.end - base > len {
            continue;
        }
        out[para].push(Timex {
            start: t.start - base,
            end: t.end - base,
            ..t
        });
    }
    out
}
