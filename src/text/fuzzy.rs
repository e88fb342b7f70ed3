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

use fst::Automaton;

/// The longest word searched fuzzily, in characters (a state's row is a
/// fixed array, so a state is copied, never allocated).
pub const MAX_FUZZY_CHARS: usize = 40;

/// The words at most `max` edits from `word` (see the module documentation).
#[derive(Debug, Clone)]
pub struct WithinEdits {
    word: Vec<char>,
    max: u8,
}

impl WithinEdits {
    /// `None` when `word` is longer than [`MAX_FUZZY_CHARS`] characters.
    pub fn new(word: &str, max: u8) -> Option<WithinEdits> {
        let word: Vec<char> = word.chars().collect();
        (word.len() <= MAX_FUZZY_CHARS).then_some(WithinEdits { word, max })
    }
}

/// Where a walk is: the edit distances of the path so far to every prefix
/// of the word (capped at `max + 1`), and the bytes of a character not yet
/// complete.
#[derive(Debug, Clone, Copy)]
pub struct EditRow {
    row: [u8; MAX_FUZZY_CHARS + 1],
    /// Bytes of the UTF-8 character under way, and how many.
    pending: [u8; 4],
    pending_len: u8,
}

impl WithinEdits {
    fn cap(&self) -> u8 {
        self.max.saturating_add(1)
    }

    /// The row after the path's next character `c`.
    fn step(&self, from: &EditRow, c: char) -> EditRow {
        let n = self.word.len();
        let cap = self.cap();
        let mut next = *from;
        next.pending_len = 0;
        next.row[0] = from.row[0].saturating_add(1).min(cap);
        for j in 1..=n {
            let substitute = from.row[j - 1].saturating_add(u8::from(self.word[j - 1] != c));
            let delete = from.row[j].saturating_add(1);
            let insert = next.row[j - 1].saturating_add(1);
            next.row[j] = substitute.min(delete).min(insert).min(cap);
        }
        next
    }
}

impl Automaton for WithinEdits {
    type State = EditRow;

    fn start(&self) -> EditRow {
        let mut row = [0u8; MAX_FUZZY_CHARS + 1];
        for (j, cell) in row.iter_mut().enumerate().take(self.word.len() + 1) {
            *cell = u8::try_from(j).unwrap_or(u8::MAX).min(self.cap());
        }
        EditRow {
            row,
            pending: [0; 4],
            pending_len: 0,
        }
    }

    fn is_match(&self, s: &EditRow) -> bool {
        s.pending_len == 0 && s.row[self.word.len()] <= self.max
    }

    fn can_match(&self, s: &EditRow) -> bool {
        s.row[..=self.word.len()].iter().any(|&d| d <= self.max)
    }

    fn accept(&self, s: &EditRow, byte: u8) -> EditRow {
        let mut next = *s;
        let len = usize::from(s.pending_len);
        if len >= next.pending.len() {
            // Not UTF-8 (a dictionary of strings never has it): a dead end.
            next.row = [self.cap(); MAX_FUZZY_CHARS + 1];
            next.pending_len = 0;
            return next;
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
            Err(_) => {
                next.row = [self.cap(); MAX_FUZZY_CHARS + 1];
                next.pending_len = 0;
                next
            }
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
            max in 0u8..3,
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
    }
}
