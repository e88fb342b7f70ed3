//! Words within a few edits of a word, as an [`fst::Automaton`] that costs
//! nothing to build.
//!
//! `fst`'s own `Levenshtein` automaton builds its whole DFA before the first
//! look-up: 70–170 µs for a word of 5–12 letters at one edit, and it gives
//! up (too many states) on long words at two. A query corrects every rare
//! or unknown word it holds, so that construction was most of a typical
//! query's time. [`WithinEdits`] instead runs the edit-distance row of the
//! classic dynamic programme as its state, one step per character of the
//! dictionary path being walked: the work is proportional to the part of
//! the dictionary the walk visits, which the row prunes as soon as every
//! cell exceeds the distance.
//!
//! Distance is Levenshtein over Unicode scalar values (insertions,
//! deletions, substitutions; a swap of two letters is two edits), exactly as
//! `fst::automaton::Levenshtein` counts it.
//!
//! Only a band of the row is kept: after `i` characters of the path, the
//! cells of the word's prefixes of `i - max ..= i + max` characters. Every
//! other cell is over the distance (an edit distance is at least the
//! difference of the lengths), so it would be capped at `max + 1` anyway:
//! the band is the whole information, and a step costs `2 max + 1` cells
//! instead of the word's length (the walk visits hundreds of dictionary
//! nodes per look-up, so the step is the look-up's inner loop).

use fst::Automaton;

/// The longest word searched fuzzily, in characters.
pub const MAX_FUZZY_CHARS: usize = 40;

/// The most edits searched for (a state's band is a fixed array of
/// `2 × MAX_EDITS + 1` cells, so a state is copied, never allocated).
pub const MAX_EDITS: u8 = 3;

const BAND: usize = 2 * MAX_EDITS as usize + 1;

/// The words at most `max` edits from `word` (see the module documentation).
#[derive(Debug, Clone)]
pub struct WithinEdits {
    word: Vec<char>,
    max: u8,
}

impl WithinEdits {
    /// `None` when `word` is longer than [`MAX_FUZZY_CHARS`] characters or
    /// `max` is over [`MAX_EDITS`].
    pub fn new(word: &str, max: u8) -> Option<WithinEdits> {
        let word: Vec<char> = word.chars().collect();
        (word.len() <= MAX_FUZZY_CHARS && max <= MAX_EDITS).then_some(WithinEdits { word, max })
    }
}

/// Where a walk is: after `depth` characters of the path, the edit
/// distances of the path to the word's prefixes of `depth - max ..= depth +
/// max` characters (capped at `max + 1`; cell `d` is the prefix of `depth -
/// max + d`), and the bytes of a character not yet complete.
#[derive(Debug, Clone, Copy)]
pub struct EditRow {
    band: [u8; BAND],
    depth: u8,
    /// Bytes of the UTF-8 character under way, and how many.
    pending: [u8; 4],
    pending_len: u8,
}

impl WithinEdits {
    fn cap(&self) -> u8 {
        self.max.saturating_add(1)
    }

    /// Cells of the band in use: `2 max + 1`.
    fn width(&self) -> usize {
        2 * usize::from(self.max) + 1
    }

    /// The prefix length of band cell `d` at `depth` (negative: none).
    fn prefix_of(&self, depth: u8, d: usize) -> isize {
        depth as isize - isize::from(self.max) + d as isize
    }

    /// A state no path from which matches.
    fn dead(&self) -> EditRow {
        EditRow {
            band: [self.cap(); BAND],
            depth: u8::MAX,
            pending: [0; 4],
            pending_len: 0,
        }
    }

    /// The row after the path's next character `c`.
    fn step(&self, from: &EditRow, c: char) -> EditRow {
        let n = self.word.len() as isize;
        let cap = self.cap();
        let depth = from.depth.saturating_add(1);
        let mut next = EditRow {
            band: [cap; BAND],
            depth,
            pending: [0; 4],
            pending_len: 0,
        };
        for d in 0..self.width() {
            let j = self.prefix_of(depth, d);
            if j < 0 || j > n {
                continue;
            }
            next.band[d] = if j == 0 {
                depth.min(cap)
            } else {
                // The cell of prefix j - 1 before this character is the
                // old band's cell d; of prefix j, cell d + 1.
                let differs = self.word.get((j - 1) as usize) != Some(&c);
                let substitute = from.band[d].saturating_add(u8::from(differs));
                let delete = from.band.get(d + 1).map_or(cap, |&v| v.saturating_add(1));
                let insert = d
                    .checked_sub(1)
                    .map_or(cap, |p| next.band[p].saturating_add(1));
                substitute.min(delete).min(insert).min(cap)
            };
        }
        next
    }
}

impl Automaton for WithinEdits {
    type State = EditRow;

    fn start(&self) -> EditRow {
        let mut band = [self.cap(); BAND];
        for (d, cell) in band.iter_mut().enumerate().take(self.width()) {
            let j = self.prefix_of(0, d);
            if (0..=self.word.len() as isize).contains(&j) {
                *cell = u8::try_from(j).unwrap_or(u8::MAX).min(self.cap());
            }
        }
        EditRow {
            band,
            depth: 0,
            pending: [0; 4],
            pending_len: 0,
        }
    }

    fn is_match(&self, s: &EditRow) -> bool {
        // The whole word's cell: prefix n is band cell n - depth + max.
        let d = self.word.len() as isize - s.depth as isize + isize::from(self.max);
        s.pending_len == 0
            && usize::try_from(d)
                .ok()
                .and_then(|d| s.band[..self.width()].get(d))
                .is_some_and(|&v| v <= self.max)
    }

    fn can_match(&self, s: &EditRow) -> bool {
        s.band[..self.width()].iter().any(|&d| d <= self.max)
    }

    fn accept(&self, s: &EditRow, byte: u8) -> EditRow {
        // ASCII, the dictionary's common case: a whole character.
        if s.pending_len == 0 && byte.is_ascii() {
            return self.step(s, char::from(byte));
        }
        let mut next = *s;
        let len = usize::from(s.pending_len);
        if len >= next.pending.len() {
            // Not UTF-8 (a dictionary of strings never has it): a dead end.
            return self.dead();
        }
        next.pending[len] = byte;
        next.pending_len += 1;
        match std::str::from_utf8(&next.pending[..=len]) {
            Ok(text) => match text.chars().next() {
                Some(c) => self.step(s, c),
                None => next,
            },
            // Incomplete: wait for the character's next byte.
            Err(e) if e.error_len().is_none() => next,
            Err(_) => self.dead(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};
    use proptest::prelude::*;

    fn levenshtein(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for ca in a.chars() {
            let mut prev = row[0];
            row[0] += 1;
            for j in 1..=b.len() {
                let cur = row[j];
                row[j] = (prev + usize::from(ca != b[j - 1]))
                    .min(row[j] + 1)
                    .min(row[j - 1] + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }

    fn found<A: Automaton>(set: &Set<Vec<u8>>, a: A) -> Vec<String> {
        let mut stream = set.search(a).into_stream();
        let mut out = Vec::new();
        while let Some(k) = stream.next() {
            out.push(String::from_utf8(k.to_vec()).unwrap());
        }
        out
    }

    fn word() -> impl Strategy<Value = String> {
        // A small alphabet (many near neighbours) with multi-byte letters.
        proptest::collection::vec(
            prop::sample::select(vec!['a', 'b', 'e', 'r', 'é', 'ж', '中']),
            0..9,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        /// The words found are exactly those within the distance (a naive
        /// edit distance over every word), and exactly those fst's own
        /// Levenshtein automaton finds.
        #[test]
        fn finds_what_the_naive_distance_and_fst_find(
            words in proptest::collection::btree_set(word(), 0..60),
            query in word(),
            max in 0u8..=MAX_EDITS,
        ) {
            let set = Set::from_iter(words.iter()).unwrap();
            let ours = found(&set, WithinEdits::new(&query, max).unwrap());
            let naive: Vec<String> = words
                .iter()
                .filter(|w| levenshtein(w, &query) <= usize::from(max))
                .cloned()
                .collect();
            prop_assert_eq!(&ours, &naive);
            if let Ok(theirs) = fst::automaton::Levenshtein::new(&query, u32::from(max)) {
                prop_assert_eq!(ours, found(&set, theirs));
            }
        }
    }

    #[test]
    fn a_long_word_is_refused() {
        assert!(WithinEdits::new(&"a".repeat(MAX_FUZZY_CHARS), 1).is_some());
        assert!(WithinEdits::new(&"a".repeat(MAX_FUZZY_CHARS + 1), 1).is_none());
        assert!(WithinEdits::new("word", MAX_EDITS).is_some());
        assert!(WithinEdits::new("word", MAX_EDITS + 1).is_none());
    }
}
