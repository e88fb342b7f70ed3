//! Tokenisation of raw article text into CoNLL-like tokens with byte spans.
//!
//! The tagger was trained on CoNLL-2003 tokens, so raw text is cut the same
//! way: punctuation is split off, abbreviations ("U.S.", "Mr.") keep their
//! dots, possessive "'s" is its own token, hyphenated words stay whole, and
//! digit groups ("155,221") stay whole. Sentences glued with no space
//! ("Kiev.As", `said."The`) are cut apart where the sentence splitter
//! ([`glued_end`]) says, so "Kiev" is a word of its own ("Mr.Putin" gives
//! "Mr." and "Putin"). Sentence starts are marked where
//! the one sentence splitter ([`crate::text::sentence`]) ends a sentence
//! (after sentence-final punctuation and its closing quotes, and at
//! paragraph breaks), because the model's sentence-initial features depend
//! on them.

use super::hash::{FNV_INIT, FNV_PRIME, FOLD};
use crate::text::sentence::{
    glued_end, is_abbreviation, is_paragraph_break, sentence_end_at, stop_end,
};

/// No sentence start pending (see `tokenize_into`).
const NO_SENTENCE: usize = usize::MAX;

/// One token: byte span into the text, and whether it opens a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte (always a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte (always a char boundary).
    pub end: usize,
    /// True for the first token of a sentence.
    pub sent_start: bool,
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Whether `word` (a whitespace-free chunk ending in '.', `after` the text
/// after it) keeps its dot: the
/// sentence splitter's abbreviations (which is also why a kept dot never
/// ends a sentence).
#[inline]
fn keeps_dot(word: &str, after: &str) -> bool {
    let Some(body) = word.strip_suffix('.') else {
        return false;
    };
    if body.is_empty() {
        return false;
    }
    is_abbreviation(body, after)
}

/// The char at byte `pos` of `text` (which must be a char boundary), with an
/// ASCII fast path.
#[inline]
fn char_at(text: &str, pos: usize) -> Option<char> {
    match text.as_bytes().get(pos) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text.get(pos..).and_then(|t| t.chars().next()),
        None => None,
    }
}

/// Byte classes for the tokeniser's scanning loops: one table look-up per
/// byte instead of several comparisons (this runs over every byte of every
/// article). The letter and digit bits let a plain chunk's character classes
/// come from OR-ing its bytes' classes (see [`Sink::plain`]).
const SPACE: u8 = 1; // ASCII whitespace as `char::is_whitespace` sees it (tab..carriage return, space)
const ALNUM: u8 = 2; // ASCII letter or digit
const HIGH: u8 = 4; // not ASCII: decode the char
const NEWLINE: u8 = 8;
/// ASCII upper-case letter.
pub(crate) const UPPER: u8 = 16;
/// ASCII lower-case letter.
pub(crate) const LOWER: u8 = 32;
/// ASCII digit.
pub(crate) const DIGIT: u8 = 64;
pub(crate) const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if c == b'\n' {
            SPACE | NEWLINE
        } else if c == b' ' || (c >= b'\t' && c <= b'\r') {
            SPACE
        } else if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if c.is_ascii_digit() {
            ALNUM | DIGIT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Receives each token as it is cut, right after it is appended to the
/// token vector. Why: the tagger's per-token facts can then be computed in
/// the same pass over the bytes (see `DocCtx::fill_fused`), instead of
/// reading every token again.
pub(crate) trait Sink {
    /// Whether [`plain`](Sink::plain) wants the classes and hash; without,
    /// the scanning loop does not compute them.
    const FACTS: bool;
    /// A token that is a whole chunk of ASCII letters and digits, with the
    /// OR of its bytes' [`CLASS`]es and its
    /// [`hash_lower`](super::hash::hash_lower) (both only if
    /// [`FACTS`](Sink::FACTS); 0 and the FNV basis otherwise).
    fn plain(&mut self, text: &str, tok: Tok, classes: u8, hash: u64);
    /// Any other token.
    fn other(&mut self, text: &str, tok: Tok);
}

/// The sink of plain [`tokenize`]: tokens only.
struct NoFacts;

impl Sink for NoFacts {
    const FACTS: bool = false;
    #[inline(always)]
    fn plain(&mut self, _: &str, _: Tok, _: u8, _: u64) {}
    #[inline(always)]
    fn other(&mut self, _: &str, _: Tok) {}
}

/// Cut `text` into tokens (appended to `out`, which is cleared first).
/// Never panics; every span lies on char boundaries.
pub fn tokenize(text: &str, out: &mut Vec<Tok>) {
    tokenize_into(text, out, &mut NoFacts);
}

/// As [`tokenize`], handing each token to `sink` as well.
#[inline(always)]
pub(crate) fn tokenize_into<S: Sink>(text: &str, out: &mut Vec<Tok>, sink: &mut S) {
    out.clear();
    let bytes = text.as_bytes();
    // The next sentence opens at the first token starting at or after this
    // byte (`NO_SENTENCE`: none pending).
    let mut next_sent = 0usize;
    let mut pos = 0usize;
    let len = text.len();
    let class = |pos: usize| bytes.get(pos).map_or(SPACE, |&b| CLASS[b as usize]);
    while pos < len {
        // Skip whitespace, noting paragraph breaks (blank line, or a newline
        // followed by indentation as in Reuters wire text). ASCII bytes are
        // classified directly; anything else is decoded.
        let ws_start = pos;
        let mut newlines = 0;
        while pos < len {
            let c = class(pos);
            if c & SPACE != 0 {
                newlines += (c & NEWLINE != 0) as u32;
                pos += 1;
            } else if c & HIGH != 0 {
                match char_at(text, pos) {
                    Some(ch) if ch.is_whitespace() => pos += ch.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        if pos >= len {
            break;
        }
        if newlines > 0 && is_paragraph_break(&text[ws_start..pos]) {
            next_sent = next_sent.min(pos);
        }
        // The whitespace-free chunk: first the run of ASCII letters and
        // digits (most chunks are only that), then whatever else it holds.
        let chunk_start = pos;
        let (mut classes, mut hash) = (0u8, FNV_INIT);
        if S::FACTS {
            while let Some(&b) = bytes.get(pos) {
                let c = CLASS[b as usize];
                if c & ALNUM == 0 {
                    break;
                }
                classes |= c;
                hash = (hash ^ FOLD[b as usize] as u64).wrapping_mul(FNV_PRIME);
                pos += 1;
            }
        } else {
            while class(pos) & ALNUM != 0 {
                pos += 1;
            }
        }
        let mut plain = true; // only ASCII letters and digits
        while pos < len {
            let c = class(pos);
            if c & SPACE != 0 {
                break;
            }
            if c & HIGH != 0 {
                match char_at(text, pos) {
                    Some(ch) if !ch.is_whitespace() => pos += ch.len_utf8(),
                    _ => break,
                }
            } else {
                pos += 1;
            }
            plain = false;
        }
        if plain {
            // Most chunks are a bare word: nothing to split.
            let tok = Tok {
                start: chunk_start,
                end: pos,
                sent_start: chunk_start >= next_sent,
            };
            if tok.sent_start {
                next_sent = NO_SENTENCE;
            }
            out.push(tok);
            sink.plain(text, tok, classes, hash);
        } else {
            split_chunk(text, chunk_start, pos, out, &mut next_sent, sink);
        }
    }
}

#[inline(always)]
fn push<S: Sink>(
    text: &str,
    out: &mut Vec<Tok>,
    start: usize,
    end: usize,
    next_sent: &mut usize,
    sink: &mut S,
) {
    if start < end {
        let tok = Tok {
            start,
            end,
            sent_start: start >= *next_sent,
        };
        if tok.sent_start {
            *next_sent = NO_SENTENCE;
        }
        out.push(tok);
        sink.other(text, tok);
    }
}

/// The first stop in `text[from..to]` glued to the next sentence
/// ([`glued_end`]), with the byte after its closing quotes.
#[inline]
fn next_glued(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes().get(from..to)?;
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| matches!(b, b'.' | b'!' | b'?'))
        .find_map(|(i, _)| glued_end(text, from + i).map(|end| (from + i, end)))
}

/// The word `text[s..e]` (if not empty), with a possessive or clitic
/// ("London's", "London’s": the suffix and at least one byte before it) as
/// a token of its own.
#[inline(always)]
fn push_word<S: Sink>(
    text: &str,
    out: &mut Vec<Tok>,
    s: usize,
    e: usize,
    next_sent: &mut usize,
    sink: &mut S,
) {
    if s >= e {
        return;
    }
    let split_at = match text.as_bytes().get(s..e) {
        Some([_, .., b'\'', b's' | b'S']) => Some(e - 2),
        Some([_, .., 0xe2, 0x80, 0x99, b's' | b'S']) => Some(e - 4),
        _ => None,
    };
    match split_at {
        Some(k) => {
            push(text, out, s, k, next_sent, sink);
            push(text, out, k, e, next_sent, sink);
        }
        None => push(text, out, s, e, next_sent, sink),
    }
}

/// The length of a possessive `'s` or `’s` opening `text[s..chunk_end]`
/// with no letter or digit after it, if there is one.
#[inline]
fn detached_clitic(text: &str, s: usize, chunk_end: usize) -> Option<usize> {
    let rest = text.get(s..chunk_end)?;
    ["'s", "'S", "’s", "’S"].iter().find_map(|c| {
        let after = rest.strip_prefix(c)?;
        (!after.starts_with(is_word_char)).then_some(c.len())
    })
}

fn split_chunk<S: Sink>(
    text: &str,
    mut s: usize,
    chunk_end: usize,
    out: &mut Vec<Tok>,
    next_sent: &mut usize,
    sink: &mut S,
) {
    // A possessive standing apart ("Queen 's Park", as text spaced
    // token by token has it) is one token, as glued to its word: split into
    // a quote and a word "s", it would cut the name it belongs to.
    if let Some(n) = detached_clitic(text, s, chunk_end) {
        push(text, out, s, s + n, next_sent, sink);
        s += n;
    }
    // Leading punctuation, one token per char.
    while s < chunk_end {
        let Some(c) = char_at(text, s) else { return };
        if is_word_char(c) {
            break;
        }
        push(text, out, s, s + c.len_utf8(), next_sent, sink);
        // A stop standing apart ("wait ...", "why ?") ends a sentence as the
        // splitter says.
        if matches!(c, '.' | '!' | '?') {
            if let Some(end) = sentence_end_at(text, s) {
                *next_sent = (*next_sent).min(end);
            }
        }
        s += c.len_utf8();
    }
    // Sentences glued with no space: the word before each glued stop, then
    // the stop and its quotes (the dot stays on an abbreviation: "Mr.").
    while let Some((stop, after)) = next_glued(text, s, chunk_end) {
        let keep =
            text.as_bytes()[stop] == b'.' && is_abbreviation(&text[s..stop], &text[stop + 1..]);
        let word_end = if keep { stop + 1 } else { stop };
        push_word(text, out, s, word_end, next_sent, sink);
        let mut p = word_end;
        while p < after {
            let Some(c) = char_at(text, p) else { break };
            push(text, out, p, p + c.len_utf8(), next_sent, sink);
            p += c.len_utf8();
        }
        if !keep {
            *next_sent = (*next_sent).min(after);
        }
        s = after;
    }
    // Trailing punctuation: find where it starts, scanning right to left.
    let mut e = chunk_end;
    while s < e {
        let Some(c) = text.get(s..e).and_then(|t| t.chars().next_back()) else {
            break;
        };
        if is_word_char(c) || (c == '.' && keeps_dot(&text[s..e], &text[e..])) {
            break;
        }
        e -= c.len_utf8();
    }
    push_word(text, out, s, e, next_sent, sink);
    // Then each trailing punctuation char, left to right.
    let mut p = e;
    while p < chunk_end {
        let Some(c) = char_at(text, p) else { break };
        push(text, out, p, p + c.len_utf8(), next_sent, sink);
        // The splitter's rule: "said." and "said.\"" end a sentence. (A dot
        // here is no abbreviation's: `keeps_dot` said so, with the same test
        // as `sentence_end_at`, so only the rest of its rule is asked.)
        if matches!(c, '.' | '!' | '?') {
            if let Some(end) = stop_end(text, p) {
                *next_sent = (*next_sent).min(end);
            }
        }
        p += c.len_utf8();
    }
    // A kept abbreviation dot never ends a sentence: "U.S." at a sentence end
    // is ambiguous and left open on purpose (as the splitter does).
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_punctuation_and_possessives() {
        assert_eq!(
            toks("In London’s view, the U.S. (and NATO) said: \"yes.\""),
            vec![
                "In", "London", "’s", "view", ",", "the", "U.S.", "(", "and", "NATO", ")", "said",
                ":", "\"", "yes", ".", "\""
            ]
        );
        assert_eq!(
            toks("Russia-NATO Council 155,221 bags."),
            vec!["Russia-NATO", "Council", "155,221", "bags", "."]
        );
        // A possessive standing apart is still one token; a quote opening
        // a word is not a possessive.
        assert_eq!(
            toks("Queen 's Park, Lord ’s. 'sorry' 's"),
            vec!["Queen", "'s", "Park", ",", "Lord", "’s", ".", "'", "sorry", "'", "'s"]
        );
    }

    #[test]
    fn glued_sentences_are_cut() {
        assert_eq!(
            toks("Kiev.As Mr.Putin said.\"The U.S. (www.Reuters.com) e.g.Bc Putin's.After"),
            vec![
                "Kiev",
                ".",
                "As",
                "Mr.",
                "Putin",
                "said",
                ".",
                "\"",
                "The",
                "U.S.",
                "(",
                "www.Reuters.com",
                ")",
                "e.g.Bc",
                "Putin",
                "'s",
                ".",
                "After"
            ]
        );
        assert_eq!(
            sentence_starts("Kiev.As Mr.Putin said.\"The end"),
            ["Kiev", "As", "The"]
        );
    }

    /// The tokens of `text` that start a sentence.
    fn sentence_starts(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter()
            .filter(|t| t.sent_start)
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn marks_sentence_starts() {
        assert_eq!(
            sentence_starts("He left. She stayed.\n\nIn Moscow it rained"),
            ["He", "She", "In"]
        );
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        for (w, keeps) in [
            ("Mr.", true),
            ("MESSRS.", true),
            ("Inc.", true),
            ("U.S.", true),
            ("J.", true),
            ("É.", true),
            ("p.m.", true),
        ] {
            assert_eq!(keeps_dot(w, " x"), keeps, "{w}");
        }
        for w in ["bags.", "mr\0.", "mrs2.", ".", "1.", "U.S2.", "approxim."] {
            assert!(!keeps_dot(w, " x"), "{w}");
        }
        assert_eq!(
            toks("Messrs. Smith's and O’Neil’s x's"),
            vec!["Messrs.", "Smith", "'s", "and", "O’Neil", "’s", "x", "'s"]
        );
    }

    /// The tokeniser's sentence starts are the splitter's: the first token
    /// of each of [`sentences`](crate::text::sentence::sentences).
    fn assert_same_sentences(text: &str) {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        let from_tokens: Vec<usize> = v.iter().filter(|t| t.sent_start).map(|t| t.start).collect();
        let from_splitter: Vec<usize> = crate::text::sentence::sentences(text)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(from_tokens, from_splitter, "{text:?}");
    }

    #[test]
    fn sentence_starts_are_the_splitters() {
        for text in [
            "He left. She stayed.\n\nIn Moscow it rained",
            "He said \"no.\" Then left. Mr. Smith met Gen. Milley on Jan. 21 in the U.S. capital.",
            "Why ? Because ... I said so! Prices rose 3.5 percent, J. Smith said. No. 5 won",
            "Wire copy\n    indented. (Next.) “Quoted.” ’Single.’ end",
            "met Putin.After.The talks.\"We Mr.Putin e.g.Bc why?Not (Kiev.As). Ukraine.I'm",
            "",
            "  ",
        ] {
            assert_same_sentences(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn sentence_starts_are_the_splitters_on_any_text(text in "(?s)([A-Za-z]{1,5}|No|Mr|U\\.S|[0-9]|[.!?,;'\"()“”’]|[a-z][.!?]\"?(Ab|I|A)|\\.com|\\s){0,40}|\\PC{0,40}") {
            assert_same_sentences(&text);
        }
    }
}
