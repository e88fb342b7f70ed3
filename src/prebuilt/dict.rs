//! Dictionary shards (`dict-*`): each one a first character's terms (or
//! several characters'), front-coded, with their document frequencies.
//!
//! ```text
//! dict   v shard, v first term, v n,
//!        n × (v bytes shared with the term before, vstr the rest),
//!        n × v df,
//!        v records, records × v docs
//! ```
//!
//! `records` is how many of the shard's stem groups have a facets record
//! (`gfacets-*`, as the metadata says), and each one's `docs` how many
//! documents hold a term of the group: a one-word search whose results
//! number otherwise (another spelling, a correction's group beside the
//! typed word's) does not fetch a record it cannot use.
//!
//! Terms are in byte order, each after the one before. A shard's stem
//! groups (the terms that stem alike, which a word's search reads) are not
//! stored: the reader stems the terms itself ([`StemGroups`], the same
//! stemmer and the same order the writer numbers the groups' facets
//! records by, `super::group_facets`), and looks terms up in the sorted
//! list (exactly, by prefix, and within edits: [`WithinEdits::search_sorted`]).
//!
//! Until format 8 a shard held the terms as an FST map (term → ordinal),
//! the stems as a second FST and each group's members: at Reuters-21578,
//! 633 KB gzipped over 24 shards (terms 278, stems 235, groups 145, df 36),
//! where front-coded terms are 156 KB. Every cold search reads the shard of
//! each word's first character, 28 KB on average then, 8 KB now. Stemming
//! a shard's terms costs about 0.2 µs a term natively (71,035 terms of
//! Reuters-21578 in 14 ms).
//!
//! [`WithinEdits::search_sorted`]: crate::text::fuzzy::WithinEdits::search_sorted

use std::ops::Range;

#[cfg(feature = "inpage")]
use super::format::shared_prefix;
use super::format::{expect_end, expect_var};
use crate::codec::{err, FormatError, FormatErrorKind, Reader};
#[cfg(feature = "inpage")]
use crate::codec::{put_varint, put_vstr};
use crate::index::TermId;
use crate::text::tokenizer::Stemmer;

/// A dictionary shard as the reader holds it: terms `first..first +
/// texts.len()`.
pub(super) struct DictShard {
    pub(super) first: TermId,
    /// The terms, in byte order.
    pub(super) texts: Vec<Box<str>>,
    pub(super) df: Vec<u32>,
    pub(super) groups: StemGroups,
    /// How many documents each facets record of the shard counts, in
    /// group order.
    pub(super) record_docs: Vec<u32>,
}

impl DictShard {
    /// The ordinal of `term` in the shard.
    pub(super) fn ordinal(&self, term: &str) -> Option<u32> {
        let i = self.texts.binary_search_by(|t| (**t).cmp(term)).ok()?;
        u32::try_from(i).ok()
    }

    /// The ordinals of the terms that start with `prefix`.
    pub(super) fn prefixed(&self, prefix: &str) -> Range<usize> {
        let start = self.texts.partition_point(|t| &**t < prefix);
        let len = self.texts[start..].partition_point(|t| t.starts_with(prefix));
        start..start + len
    }

    /// Decoded heap bytes (as `super::evict` counts a file).
    pub(super) fn heap_bytes(&self) -> usize {
        let strs = |v: &[Box<str>]| v.iter().map(|s| s.len()).sum::<usize>() + size_of_val(v);
        strs(&self.texts)
            + size_of_val(self.df.as_slice())
            + size_of_val(self.record_docs.as_slice())
            + strs(&self.groups.stems)
            + size_of_val(self.groups.start.as_slice())
            + size_of_val(self.groups.terms.as_slice())
    }
}

/// A shard's stem groups: the terms that stem alike, in stem order (the
/// order `gfacets-*` numbers their records in).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct StemGroups {
    /// Each group's stem, ascending.
    stems: Vec<Box<str>>,
    /// Group `g`'s terms (ordinals, ascending) are `terms[start[g]..start[g + 1]]`.
    start: Vec<u32>,
    terms: Vec<u32>,
}

impl StemGroups {
    /// The groups of `texts` (ordinals in that order).
    pub(crate) fn of<'t>(stemmer: &Stemmer, texts: impl Iterator<Item = &'t str>) -> StemGroups {
        let mut pairs: Vec<(String, u32)> = texts
            .enumerate()
            .map(|(ord, text)| (stemmer.stem(text).into_owned(), ord as u32))
            .collect();
        crate::sort::sort(&mut pairs[..]);
        let mut groups = StemGroups {
            start: vec![0],
            ..StemGroups::default()
        };
        for (stem, ord) in pairs {
            if groups.stems.last().is_some_and(|s| **s != *stem) {
                groups.start.push(groups.terms.len() as u32);
            }
            if groups.stems.last().is_none_or(|s| **s != *stem) {
                groups.stems.push(stem.into_boxed_str());
            }
            groups.terms.push(ord);
        }
        if !groups.terms.is_empty() {
            groups.start.push(groups.terms.len() as u32);
        }
        groups
    }

    /// How many groups.
    #[cfg(feature = "inpage")]
    pub(crate) fn len(&self) -> usize {
        self.stems.len()
    }

    /// The number of the group of `stem`.
    pub(crate) fn find(&self, stem: &str) -> Option<usize> {
        self.stems.binary_search_by(|s| (**s).cmp(stem)).ok()
    }

    /// Group `g`'s terms (ordinals, ascending).
    pub(crate) fn terms(&self, g: usize) -> &[u32] {
        match (self.start.get(g), self.start.get(g + 1)) {
            (Some(&a), Some(&b)) => self.terms.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// A shard's payload after its header: `texts` front-coded (in byte order),
/// then `df`, each term's document frequency.
#[cfg(feature = "inpage")]
pub(crate) fn encode_terms<'t>(
    out: &mut Vec<u8>,
    texts: impl Iterator<Item = &'t str>,
    df: impl Iterator<Item = usize>,
) {
    let mut prev: &str = "";
    for text in texts {
        let shared = shared_prefix(prev.as_bytes(), text.as_bytes());
        // Whole characters only, so that each rest is a string of its own.
        let shared = (0..=shared)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        put_varint(out, shared as u64);
        put_vstr(out, &text[shared..]);
        prev = text;
    }
    df.for_each(|d| put_varint(out, d as u64));
}

/// Shard terms `range` from `r`, after the header (`Prebuilt` checks it),
/// with its stem groups found by `stemmer`; `want_records` is how many
/// facets records the metadata gives the shard.
pub(super) fn decode(
    mut r: Reader<'_>,
    range: Range<usize>,
    stemmer: &Stemmer,
    want_records: usize,
) -> Result<DictShard, FormatError> {
    let texts = decode_terms(&mut r, range.len())?;
    let mut df = Vec::with_capacity(texts.len());
    for _ in 0..texts.len() {
        df.push(r.var32("document frequency")?);
    }
    expect_var(&mut r, "stem group records", want_records as u64)?;
    let mut record_docs = Vec::with_capacity(want_records);
    for _ in 0..want_records {
        record_docs.push(r.var32("documents of a stem group record")?);
    }
    expect_end(&r, "term dictionary shard")?;
    let groups = StemGroups::of(stemmer, texts.iter().map(|t| &**t));
    Ok(DictShard {
        first: range.start as TermId,
        texts,
        df,
        groups,
        record_docs,
    })
}

/// `n` front-coded terms, each after the one before in byte order.
fn decode_terms(r: &mut Reader<'_>, n: usize) -> Result<Vec<Box<str>>, FormatError> {
    let mut texts: Vec<Box<str>> = Vec::with_capacity(n.min(4096));
    let mut text = String::new();
    for index in 0..n {
        let at = r.offset();
        let shared = r.varint("bytes shared with the term before")?;
        let rest = r.vstr("term")?;
        let shared = usize::try_from(shared)
            .ok()
            .filter(|&s| text.is_char_boundary(s) && s <= text.len());
        let Some(shared) = shared else {
            return err(at, FormatErrorKind::BadTerm { index });
        };
        text.truncate(shared);
        text.push_str(rest);
        if texts.last().is_some_and(|last| **last >= *text) {
            return err(at, FormatErrorKind::BadTerm { index });
        }
        texts.push(text.as_str().into());
    }
    Ok(texts)
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;

    #[test]
    fn terms_round_trip_front_coded() {
        let texts = ["kyiv", "kyïv", "lavrov", "lavrova", "zelensky", "zelenskyy"];
        let mut out = Vec::new();
        encode_terms(
            &mut out,
            texts.iter().copied(),
            [3, 1, 40, 2, 9, 5].into_iter(),
        );
        let mut r = Reader::new(&out, 0);
        let back = decode_terms(&mut r, texts.len()).unwrap();
        assert_eq!(back.iter().map(|t| &**t).collect::<Vec<_>>(), texts);
        for d in [3, 1, 40, 2, 9, 5] {
            assert_eq!(r.varint("df").unwrap(), d);
        }
        assert!(r.is_done());
    }

    #[test]
    fn terms_out_of_order_or_split_are_refused() {
        // "b" then "a": not after the one before.
        let mut out = Vec::new();
        encode_terms(&mut out, ["b", "a"].into_iter(), std::iter::empty());
        let e = decode_terms(&mut Reader::new(&out, 0), 2).unwrap_err();
        assert!(e.to_string().contains("term dictionary entry 1"), "{e}");
        // Sharing one byte of "ï" (two bytes): not a whole character.
        let mut out = Vec::new();
        put_varint(&mut out, 0);
        put_vstr(&mut out, "ï");
        put_varint(&mut out, 1);
        put_vstr(&mut out, "x");
        let e = decode_terms(&mut Reader::new(&out, 0), 2).unwrap_err();
        assert!(e.to_string().contains("term dictionary entry 1"), "{e}");
    }

    #[test]
    fn stem_groups_gather_terms_that_stem_alike_in_stem_order() {
        let texts = [
            "quarter",
            "quarterly",
            "quarters",
            "talk",
            "talked",
            "talks",
            "tall",
        ];
        let g = StemGroups::of(&Stemmer::default(), texts.iter().copied());
        let stems: Vec<&str> = g.stems.iter().map(|s| &**s).collect();
        assert_eq!(stems, ["quarter", "talk", "tall"]);
        assert_eq!(g.terms(g.find("quarter").unwrap()), [0, 1, 2]);
        assert_eq!(g.terms(g.find("talk").unwrap()), [3, 4, 5]);
        assert_eq!(g.terms(g.find("tall").unwrap()), [6]);
        assert_eq!(g.find("tal"), None);
        assert_eq!(g.len(), 3);
        assert_eq!(g.terms(g.len()), [0u32; 0]);
    }
}
