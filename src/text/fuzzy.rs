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
//!
//! [`WithinEdits::search`] walks a dictionary with it as `fst`'s stream
//! would, and finds the same words in the same order, but reads fewer
//! transitions: once a path has spent every edit (no cell of its row is
//! under the distance), only a character that continues the word without
//! another edit can keep it alive, and those are at most `2 max + 1`, so it
//! looks each up in the node instead of trying every one of the node's
//! transitions (a node near the top of a dictionary has dozens). With one
//! edit, that is every node off the typed word's own path: most of the walk.

use fst::raw::{Fst, Node};
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

/// A node of a [`WithinEdits::search`] walk: where the path is, its row,
/// its output so far, which transitions are left to try (the bytes that can
/// keep a spent path alive, or all of them) and the next to try.
struct Frame<'f> {
    node: Node<'f>,
    row: EditRow,
    out: u64,
    only: Option<([u8; BAND], usize)>,
    next: usize,
}

impl WithinEdits {
    /// The values of the keys of `fst` that start with `start` and are
    /// within the distance, in key order: what streaming `fst` searched by
    /// this automaton intersected with `Str(start).starts_with()` gives,
    /// reading only transitions that can lead to a match (see the module
    /// documentation).
    pub fn search<D: AsRef<[u8]>>(&self, fst: &Fst<D>, start: &str) -> Vec<u64> {
        let mut found = Vec::new();
        let (mut node, mut row, mut out) = (fst.root(), self.start(), 0u64);
        for &b in start.as_bytes() {
            if !self.can_match(&row) {
                return found;
            }
            let Some(i) = node.find_input(b) else {
                return found;
            };
            let t = node.transition(i);
            (row, out) = (self.accept(&row, b), out + t.out.value());
            node = fst.node(t.addr);
        }
        if !self.can_match(&row) {
            return found;
        }
        if node.is_final() && self.is_match(&row) {
            found.push(out + node.final_output().value());
        }
        let mut stack = vec![self.frame(node, row, out)];
        while let Some(top) = stack.last_mut() {
            let k = top.next;
            top.next += 1;
            let i = match top.only {
                Some((bytes, len)) => match bytes.get(..len).and_then(|b| b.get(k)) {
                    Some(&b) => top.node.find_input(b),
                    None => {
                        stack.pop();
                        continue;
                    }
                },
                None if k < top.node.len() => Some(k),
                None => {
                    stack.pop();
                    continue;
                }
            };
            let Some(i) = i else { continue };
            let t = top.node.transition(i);
            let row = self.accept(&top.row, t.inp);
            if !self.can_match(&row) {
                continue;
            }
            let (node, out) = (fst.node(t.addr), top.out + t.out.value());
            if node.is_final() && self.is_match(&row) {
                found.push(out + node.final_output().value());
            }
            stack.push(self.frame(node, row, out));
        }
        found
    }

    /// The indexes of the terms of `terms` (distinct, in byte order) that
    /// start with `start` and are within the distance, ascending: what
    /// [`Self::search`] finds in an FST of the same terms, walked over the
    /// sorted list instead (a prebuilt dictionary shard, `prebuilt/dict.rs`).
    /// A term shares its rows with the one before up to their common
    /// prefix; where a prefix can match nothing, every term that starts
    /// with it is skipped.
    pub fn search_sorted<T: AsRef<str>>(&self, terms: &[T], start: &str) -> Vec<usize> {
        let mut found = Vec::new();
        let from = terms.partition_point(|t| t.as_ref() < start);
        // rows[k]: the row after the first k bytes of the term before.
        let mut rows: Vec<EditRow> = vec![self.start()];
        let mut prev: &[u8] = &[];
        let mut i = from;
        while let Some(term) = terms.get(i) {
            let t = term.as_ref().as_bytes();
            if !t.starts_with(start.as_bytes()) {
                break;
            }
            let shared = prev.iter().zip(t).take_while(|(a, b)| a == b).count();
            rows.truncate(shared.min(rows.len() - 1) + 1);
            let mut dead = None;
            while rows.len() <= t.len() {
                let (k, row) = (rows.len() - 1, rows[rows.len() - 1]);
                if !self.can_match(&row) {
                    dead = Some(k);
                    break;
                }
                rows.push(self.accept(&row, t[k]));
            }
            prev = t;
            i += 1;
            match dead {
                // No term that starts with t[..k] can match.
                Some(k) => {
                    let p = &t[..k];
                    while terms
                        .get(i)
                        .is_some_and(|n| n.as_ref().as_bytes().starts_with(p))
                    {
                        i += 1;
                    }
                }
                None => {
                    if rows.last().is_some_and(|r| self.is_match(r)) {
                        found.push(i - 1);
                    }
                }
            }
        }
        found
    }

    fn frame<'f>(&self, node: Node<'f>, row: EditRow, out: u64) -> Frame<'f> {
        Frame {
            node,
            row,
            out,
            only: self.spent_next(&row),
            next: 0,
        }
    }

    /// For a path that has spent every edit (and is between characters):
    /// the first bytes of the characters that keep it alive, ascending (a
    /// cell of the row at the distance, followed by the word's next
    /// character: any other character raises every cell over the
    /// distance); `None` for a path with edits left, which tries them all.
    fn spent_next(&self, row: &EditRow) -> Option<([u8; BAND], usize)> {
        let cells = &row.band[..self.width()];
        if row.pending_len != 0 || cells.iter().any(|&v| v < self.max) {
            return None;
        }
        // Each character's first byte, kept ascending and distinct (an
        // insertion into at most `BAND` bytes).
        let mut bytes = [0u8; BAND];
        let mut len = 0;
        for (d, &v) in cells.iter().enumerate() {
            let j = self.prefix_of(row.depth, d);
            let next = usize::try_from(j).ok().and_then(|j| self.word.get(j));
            let Some(&c) = next.filter(|_| v == self.max) else {
                continue;
            };
            let mut utf8 = [0u8; 4];
            let Some(&b) = c.encode_utf8(&mut utf8).as_bytes().first() else {
                continue;
            };
            let at = bytes[..len].partition_point(|&x| x < b);
            if bytes[..len].get(at) != Some(&b) && len < BAND {
                bytes.copy_within(at..len, at + 1);
                bytes[at] = b;
                len += 1;
            }
        }
        Some((bytes, len))
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

    proptest! {
        /// The walk finds what fst's stream finds searching the same
        /// automaton within the keys of the same start: the same values in
        /// the same (key) order.
        #[test]
        fn search_equals_the_stream(
            words in proptest::collection::btree_set(word(), 0..80),
            query in word(),
            start_chars in 0usize..3,
            max in 0u8..=MAX_EDITS,
        ) {
            let map = fst::Map::from_iter(words.iter().enumerate().map(|(i, w)| (w, 3 * i as u64 + 1))).unwrap();
            let start: String = query.chars().take(start_chars).collect();
            let automaton = WithinEdits::new(&query, max).unwrap();
            let mut stream = map.search(automaton.clone().intersection(fst::automaton::Str::new(&start).starts_with())).into_stream();
            let mut want = Vec::new();
            while let Some((_, v)) = stream.next() {
                want.push(v);
            }
            prop_assert_eq!(automaton.search(map.as_fst(), &start), want);
        }
    }

    proptest! {
        /// The walk over a sorted list finds the terms the walk over an
        /// FST of them finds (its indexes are the FST's values), and those
        /// are the terms of the start within the distance (naively).
        #[test]
        fn search_sorted_equals_search(
            words in proptest::collection::btree_set(word(), 0..80),
            query in word(),
            start_chars in 0usize..3,
            max in 0u8..=MAX_EDITS,
        ) {
            let words: Vec<String> = words.into_iter().collect();
            let map = fst::Map::from_iter(words.iter().enumerate().map(|(i, w)| (w, i as u64))).unwrap();
            let start: String = query.chars().take(start_chars).collect();
            let automaton = WithinEdits::new(&query, max).unwrap();
            let sorted = automaton.search_sorted(&words, &start);
            let walked: Vec<usize> = automaton.search(map.as_fst(), &start).into_iter().map(|v| v as usize).collect();
            prop_assert_eq!(&sorted, &walked);
            let naive: Vec<usize> = (0..words.len())
                .filter(|&i| words[i].starts_with(&start) && levenshtein(&words[i], &query) <= usize::from(max))
                .collect();
            prop_assert_eq!(sorted, naive);
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
