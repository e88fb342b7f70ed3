//! Tokenizing: Unicode word boundaries (UAX #29), case and diacritic folding,
//! and English stemming.
//!
//! The same functions run when indexing and when parsing a query, so a query
//! word and a document word meet on the same folded form. Byte offsets always
//! refer to the original text so highlights can be drawn on it.
//!
//! Web text often drops the space after a full stop ("met Putin.After the
//! talks"), and UAX #29 keeps "Putin.After" as one word, which no search for
//! `Putin` finds. So a word is also split at a *glued stop* ([`is_glued_stop`]):
//! a `.` between a lower-case letter (not one right after a dot, as in
//! "S.p.A") and what opens a sentence (a capital and
//! a lower-case letter, or the words "I" and "A"), unless the word is a domain
//! name ending in a lower-case top-level domain ("www.Reuters.com") or a code
//! in brackets ("<Hein.As>", a stock symbol in a title-cased headline). What has
//! no lower-case letter before the dot stays whole ("U.S.", "3.5", "NATO.The"),
//! and so does a lone capital after it ("Ph.D"). Only `.` needs this: UAX #29
//! already breaks a word at `!`, `?`, `"`, `)` and `”`. The sentence splitter
//! ends a sentence at the same places ([`glued_at`]).
//!
//! Diacritics are removed with a table (`text/fold_table.rs`) of what canonical
//! decomposition (NFD) followed by dropping the combining marks gives for
//! each character, generated from the `unicode-normalization` crate by a
//! test: the same results without the crate's normalization code and tables
//! (which were a quarter of the reader wasm, gzipped).

use super::fold_table;
use std::borrow::Cow;

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

/// Iterate over the words of `text` as `(start, end)` byte ranges, in order
/// and disjoint: UAX #29 word boundaries, where only segments holding a
/// letter or digit count as words, each split further at its glued stops
/// ([`is_glued_stop`]; the dot itself belongs to no word). A word longer than
/// [`MAX_WORD_BYTES`] is left out.
///
/// ASCII text, most news wire, takes a fast path that applies the same rules
/// to ASCII's few word-break classes (a property test holds it to the
/// `unicode-segmentation` crate); segmenting is most of the cost of indexing
/// and of snippets.
pub fn word_ranges(text: &str) -> Box<dyn Iterator<Item = (usize, usize)> + '_> {
    if text.is_ascii() {
        return Box::new(AsciiWords { text, at: 0 });
    }
    Box::new(unicode_words(text))
}

/// [`word_ranges`] by the `unicode-segmentation` crate, for any text.
fn unicode_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    text.split_word_bound_indices()
        .filter(|(_, word)| word.chars().any(char::is_alphanumeric))
        .flat_map(move |(start, word)| GluedParts {
            text,
            at: start,
            end: start + word.len(),
        })
        .filter(|&(start, end)| end - start <= MAX_WORD_BYTES)
}

/// The parts of the UAX #29 word `text[at..end]` between its glued stops.
struct GluedParts<'a> {
    text: &'a str,
    at: usize,
    end: usize,
}

impl Iterator for GluedParts<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.at >= self.end {
            return None;
        }
        let start = self.at;
        let word = self.text.get(start..self.end)?;
        let stop = word
            .match_indices('.')
            .map(|(i, _)| start + i)
            .find(|&i| is_glued_stop(self.text, i));
        let end = stop.unwrap_or(self.end);
        self.at = stop.map_or(self.end, |i| i + 1);
        Some((start, end))
    }
}

/// Generic top-level domains that end a domain name kept whole
/// ("www.Reuters.com"); every two-letter lower-case label counts too (the
/// country codes: "Kremlin.ru", "www.Gov.uk").
const GENERIC_TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "app", "dev", "news", "online",
    "site", "media",
];

/// Whether `rest`, the text right after a sentence-final stop with no space
/// before it, opens the next sentence: a capital followed by a lower-case
/// letter ("After", "As", "The"), or "I" or "A" standing alone ("Ukraine.I
/// think"). A lone other capital is left alone: "Ph.D".
pub fn opens_glued_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) if first.is_uppercase() => match chars.next() {
            Some(c) if c.is_lowercase() => true,
            next => matches!(first, 'A' | 'I') && !next.is_some_and(char::is_alphanumeric),
        },
        _ => false,
    }
}

/// Whether `rest` (right after a dot) is the rest of a domain name: labels
/// of letters, digits and `-` joined by single dots, the last one a
/// lower-case top-level domain ("Reuters.com", "Kremlin.ru").
fn is_domain_tail(rest: &str) -> bool {
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = c.is_alphanumeric()
            || c == '-'
            || (c == '.' && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric()));
        if !joins {
            break;
        }
        end = i + c.len_utf8();
    }
    let run = &rest[..end];
    let Some((_, tld)) = run.rsplit_once('.') else {
        return false;
    };
    tld.bytes().all(|b| b.is_ascii_lowercase()) && (tld.len() == 2 || GENERIC_TLDS.contains(&tld))
}

/// Whether the sentence-final stop (`.`, `!` or `?`) at byte `stop` of
/// `text`, its closing quotes and brackets running to byte `after`, is glued
/// to the next sentence: a lower-case letter right before the stop, not
/// itself right after a dot (not "S.p.A", "e.g.A"), and
/// right at `after` what [`opens_glued_sentence`], not the rest of a domain
/// name, and not a code filling a pair of brackets ("<Hein.As>"). `false` for offsets off a char boundary or out of range. The word
/// splitter ([`is_glued_stop`]), the sentence splitter and the entity
/// tokeniser all ask this, so they cut at the same places.
pub fn glued_at(text: &str, stop: usize, after: usize) -> bool {
    // A lower-case letter, not one standing right after a dot: not the "p"
    // of "S.p.A" or the "g" of "e.g.".
    let mut before = text.get(..stop).unwrap_or("").chars().rev();
    let lower_before = before.next().is_some_and(char::is_lowercase) && before.next() != Some('.');
    lower_before
        && text.get(after..).is_some_and(|rest| {
            opens_glued_sentence(rest)
                && !is_domain_tail(rest)
                && !is_bracketed_code(text, stop, rest)
        })
}

/// Whether the dotted word around the stop at byte `stop` (`rest` the text
/// after its quotes) fills a pair of brackets: a code such as a stock
/// symbol ("<Hein.As>", "(Ry.To)" in title-cased wire headlines), not two
/// sentences.
fn is_bracketed_code(text: &str, stop: usize, rest: &str) -> bool {
    let dotted = |c: char| c.is_alphanumeric() || c == '.';
    let before = text.get(..stop).unwrap_or("").trim_end_matches(dotted);
    before.ends_with(['<', '(', '['])
        && rest.trim_start_matches(dotted).starts_with(['>', ')', ']'])
}

/// Whether the byte `stop` of `text` is a full stop glued between two
/// sentences with no space ("Putin.After", "Kiev.As", "sanctions.The"): a
/// word holding it is split there ([`word_ranges`]). Not "U.S.", "e.g.",
/// "3.5", "example.com", "www.Reuters.com", "Ph.D", "<Hein.As>".
pub fn is_glued_stop(text: &str, stop: usize) -> bool {
    text.as_bytes().get(stop) == Some(&b'.') && glued_at(text, stop, stop + 1)
}

/// UAX #29 word-break classes of the ASCII characters that matter to words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Digit,
    /// `_` (ExtendNumLet)
    Connector,
    /// `:` (MidLetter)
    MidLetter,
    /// `.` and `'` (MidNumLet, Single_Quote)
    MidNumLet,
    /// `,` and `;` (MidNum)
    MidNum,
    Other,
}

fn wb(b: u8) -> Wb {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Digit,
        b'_' => Wb::Connector,
        b':' => Wb::MidLetter,
        b'.' | b'\'' => Wb::MidNumLet,
        b',' | b';' => Wb::MidNum,
        _ => Wb::Other,
    }
}

/// Words of an ASCII text by UAX #29: letters, digits and `_` join (WB5,
/// WB8–WB10, WB13a/b); one `:`, `.` or `'` joins letters (WB6/7), except a
/// glued stop ([`is_glued_stop`]); one `,`, `;`, `.` or `'` joins digits
/// (WB11/12); everything else breaks.
struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for AsciiWords<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let t = self.text.as_bytes();
        loop {
            while self.at < t.len()
                && !matches!(wb(t[self.at]), Wb::Letter | Wb::Digit | Wb::Connector)
            {
                self.at += 1;
            }
            if self.at >= t.len() {
                return None;
            }
            let start = self.at;
            let mut alnum = false;
            let mut i = start;
            loop {
                let c = wb(t[i]);
                alnum |= matches!(c, Wb::Letter | Wb::Digit);
                let Some(&n) = t.get(i + 1) else { break };
                match wb(n) {
                    Wb::Letter | Wb::Digit | Wb::Connector => i += 1,
                    mid @ (Wb::MidLetter | Wb::MidNumLet | Wb::MidNum) => {
                        let after = t.get(i + 2).map(|&b| wb(b));
                        let joins = match (c, after) {
                            (Wb::Letter, Some(Wb::Letter)) => mid != Wb::MidNum,
                            (Wb::Digit, Some(Wb::Digit)) => mid != Wb::MidLetter,
                            _ => false,
                        };
                        // A glued stop ends the word (the cheap byte tests
                        // first: this runs for every joined dot).
                        let glued = n == b'.'
                            && t[i].is_ascii_lowercase()
                            && t.get(i + 2).is_some_and(u8::is_ascii_uppercase)
                            && is_glued_stop(self.text, i + 1);
                        if !joins || glued {
                            break;
                        }
                        i += 2;
                    }
                    Wb::Other => break,
                }
            }
            self.at = i + 1;
            if alnum && self.at - start <= MAX_WORD_BYTES {
                return Some((start, self.at));
            }
        }
    }
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
        for c in word.chars() {
            strip_marks(c, |base| match base {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => out.push('\''),
                _ => out.extend(base.to_lowercase()),
            });
        }
    }
    if out.ends_with("'s") && out.len() > 2 {
        out.truncate(out.len() - 2);
    }
    while out.ends_with('\'') {
        out.pop();
    }
}

/// Hangul syllables decompose by arithmetic (Unicode 3.12), not by table.
const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_COUNT: u32 = 11172;
const JAMO_V_COUNT: u32 = 21;
const JAMO_T_COUNT: u32 = 28;

/// Call `emit` with what is left of `c` after canonical decomposition and
/// removal of combining marks (General Category M): nothing for a mark,
/// `e` for `é`, Jamo for a Hangul syllable, `c` itself for most.
///
/// Per character is enough: only marks have a nonzero combining class, so
/// NFD's reordering moves nothing that survives (the generating test checks
/// this).
fn strip_marks(c: char, mut emit: impl FnMut(char)) {
    let cp = u32::from(c);
    if cp < 0xC0 {
        // Below the first decomposable letter (À) and the first mark (U+0300).
        return emit(c);
    }
    if is_mark(cp) {
        return;
    }
    if let Some(s) = cp.checked_sub(HANGUL_FIRST).filter(|&s| s < HANGUL_COUNT) {
        let n = JAMO_V_COUNT * JAMO_T_COUNT;
        let jamo = [
            0x1100 + s / n,
            0x1161 + (s % n) / JAMO_T_COUNT,
            0x11A7 + s % JAMO_T_COUNT,
        ];
        let len = if s % JAMO_T_COUNT == 0 { 2 } else { 3 };
        jamo[..len]
            .iter()
            .filter_map(|&j| char::from_u32(j))
            .for_each(emit);
        return;
    }
    if let Ok(i) = fold_table::BASE.binary_search_by_key(&cp, |&(k, _)| k) {
        // The table holds only valid characters; a miss would just keep `c`.
        return emit(char::from_u32(fold_table::BASE[i].1).unwrap_or(c));
    }
    if let Ok(i) = fold_table::BASES.binary_search_by_key(&cp, |&(k, _)| k) {
        return fold_table::BASES[i].1.chars().for_each(emit);
    }
    emit(c)
}

/// Is `cp` a combining mark (in one of [`fold_table::MARKS`]' ranges)?
fn is_mark(cp: u32) -> bool {
    let i = fold_table::MARKS.partition_point(|&(first, _)| first <= cp);
    i > 0 && cp <= fold_table::MARKS[i - 1].1
}

/// An English Snowball stemmer. Stemming is applied to folded terms.
pub struct Stemmer(rust_stemmers::Stemmer);

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer(rust_stemmers::Stemmer::create(
            rust_stemmers::Algorithm::English,
        ))
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
    use proptest::prelude::*;

    /// Plain UAX #29 words holding a letter or digit, of any length: the
    /// words before glued stops were split.
    fn uax29(text: &str) -> Vec<(usize, usize)> {
        text.split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(s, w)| (s, s + w.len()))
            .collect()
    }

    #[test]
    fn ascii_fast_path_agrees_on_tricky_text() {
        for text in [
            "U.S. talks: 3.5% of 1,000,000; can't won't e.g. a:b a::b x.5 5.x _a_ __ a_1 1_a 3,a a,3 o'clock ''a' a'' 1.2.3 ...",
            "Lavrov, Blinken & Truss met\r\non 2022-02-10 at 10:30 (GMT) -- said 'no'.",
            "met Putin.After talks; Kiev.As a:b.Cd x_y.Ab Ukraine.I'm www.Reuters.com Ph.D e.g.A",
            "",
            "_",
            &format!("{} {}.{} {}", "a".repeat(70), "b".repeat(40), "c".repeat(40), "d".repeat(64)),
            &format!("{}.Ab {}", "a".repeat(70), "b".repeat(40)),
        ] {
            assert_eq!(
                word_ranges(text).collect::<Vec<_>>(),
                unicode_words(text).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn ascii_fast_path_is_the_unicode_path(text in "([a-cA-CIa0-2_:.',;\" \t\r\n!?()-]|\\.[A-C][a-c]|[a-c]\\.[AI]|\\.com){0,40}") {
            prop_assert_eq!(word_ranges(&text).collect::<Vec<_>>(), unicode_words(&text).collect::<Vec<_>>());
        }

        /// Against plain UAX #29: every new word lies inside an old one, in
        /// order and apart, and an old word is its new parts joined by the
        /// dots between them (at glued stops only).
        #[test]
        fn glued_splits_only_cut_old_words(text in "([a-cA-CIè0-2 .\"'”()]|\\.[A-C][a-c]|[a-c]\\.[AI]|\\.com|\\.uk){0,12}") {
            let new: Vec<(usize, usize)> = word_ranges(&text).collect();
            prop_assert!(new.windows(2).all(|w| w[0].1 < w[1].0), "{:?}", new);
            for (s, e) in uax29(&text) {
                let parts: Vec<&str> = new
                    .iter()
                    .filter(|&&(ps, pe)| s <= ps && pe <= e)
                    .map(|&(ps, pe)| &text[ps..pe])
                    .collect();
                prop_assert_eq!(parts.join("."), &text[s..e]);
                // Each cut is a glued stop, and every glued stop is cut.
                let stops = text[s..e].match_indices('.').filter(|&(i, _)| is_glued_stop(&text, s + i)).count();
                prop_assert_eq!(parts.len(), stops + 1);
            }
            prop_assert!(new.iter().all(|&(ps, pe)| uax29(&text).iter().any(|&(s, e)| s <= ps && pe <= e)));
        }
    }

    fn words(text: &str) -> Vec<&str> {
        word_ranges(text).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn glued_stops_split_words() {
        assert_eq!(
            words("met Putin.After talks, Kiev.As sanctions.The Ukraine.I'm results.A Mr.Putin Zelenskyy.Él"),
            [
                "met", "Putin", "After", "talks", "Kiev", "As", "sanctions", "The", "Ukraine", "I'm",
                "results", "A", "Mr", "Putin", "Zelenskyy", "Él"
            ]
        );
        assert_eq!(
            words("Putin.After.The end"),
            ["Putin", "After", "The", "end"]
        );
        // What stays whole: no lower-case letter before the dot, a lone
        // capital after it, lower case after it, a domain name.
        for whole in [
            "U.S.",
            "U.K.",
            "e.g.",
            "3.5",
            "example.com",
            "www.Reuters.com",
            "Kremlin.ru",
            "www.Gov.uk",
            "Ph.D",
            "NATO.The",
            "iPhone",
            "e.g.B",
            "a.b.Cd.org",
            "S.p.A.",
            "e.g.The",
        ] {
            let text = format!("x {whole} y");
            let whole = whole.trim_end_matches('.');
            assert_eq!(words(&text), ["x", whole, "y"], "{text}");
        }
        assert_eq!(
            words("Heineken <Hein.As> (Ry.To) [eric.St.] (Kiev.As"),
            ["Heineken", "Hein.As", "Ry.To", "eric.St", "Kiev", "As"]
        );
        assert_eq!(
            terms("Putin.After the talks, U.S. officials said 3.5"),
            [
                "putin",
                "after",
                "the",
                "talks",
                "u.s",
                "officials",
                "said",
                "3.5"
            ]
        );
    }

    #[test]
    fn glued_at_reads_closing_quotes_and_edges() {
        let t = "said.\u{201D}The end";
        assert!(glued_at(t, 4, 8));
        assert!(!glued_at(t, 4, 5));
        assert!(!glued_at(t, 0, 1) && !glued_at(t, 99, 100) && !glued_at("é.Ab", 1, 2));
        assert!(!is_glued_stop("said!The", 4) && is_glued_stop("said.The", 4));
        assert!(
            opens_glued_sentence("I") && opens_glued_sentence("A, b") && !opens_glued_sentence("D")
        );
        assert!(
            !opens_glued_sentence("IAEA")
                && !opens_glued_sentence("a")
                && !opens_glued_sentence("")
        );
    }

    fn terms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(
            terms("Zakharová ÉLYSÉE Straße"),
            ["zakharova", "elysee", "straße"]
        );
    }

    #[test]
    fn drops_possessive_and_punctuation() {
        assert_eq!(
            terms("Russia’s “threat” — Lavrov's"),
            ["russia", "threat", "lavrov"]
        );
    }

    #[test]
    fn offsets_point_into_original() {
        let text = "«Él» dijo: Geneva.";
        for t in tokenize(text) {
            assert_eq!(fold(&text[t.start..t.end]), t.term);
        }
        assert_eq!(
            &text[tokenize(text)[2].start..tokenize(text)[2].end],
            "Geneva"
        );
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

    /// The fold as it was written against the `unicode-normalization` crate:
    /// NFD, drop combining marks, lower-case. The table must give the same.
    fn fold_by_nfd(word: &str) -> String {
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            for c in word.nfd().filter(|&c| !is_combining_mark(c)) {
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
        out
    }

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn fold_table_equals_nfd_on_every_character() {
        for c in all_chars() {
            let word = c.to_string();
            assert_eq!(fold(&word), fold_by_nfd(&word), "U+{:04X}", u32::from(c));
            // And inside a word, where the ASCII fast path does not apply.
            let word = format!("é{c}x");
            assert_eq!(
                fold(&word),
                fold_by_nfd(&word),
                "é U+{:04X} x",
                u32::from(c)
            );
        }
    }

    #[test]
    fn fold_table_equals_nfd_on_mixed_words() {
        // Letters, marks (in every order: NFD reorders them), precomposed
        // letters, Hangul, apostrophes and the possessive, at random.
        let marks: Vec<char> = all_chars()
            .filter(|&c| unicode_normalization::char::is_combining_mark(c))
            .collect();
        let composed: Vec<char> = all_chars()
            .filter(|&c| fold(&c.to_string()) != c.to_lowercase().collect::<String>())
            .collect();
        let plain: Vec<char> = "aeiouzAEZß'’ʼ＇sİΣςДдאب1"
            .chars()
            .chain(['\u{AC00}', '\u{D7A3}', '\u{1100}', '\u{11A8}'])
            .collect();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..200_000 {
            let len = 1 + next(6);
            let word: String = (0..len)
                .map(|_| match next(3) {
                    0 => marks[next(marks.len())],
                    1 => composed[next(composed.len())],
                    _ => plain[next(plain.len())],
                })
                .collect();
            assert_eq!(fold(&word), fold_by_nfd(&word), "{word:?}");
        }
    }

    /// The table as generated from `unicode-normalization` now. Set
    /// `DATELINE_WRITE_FOLD_TABLE=1` to rewrite `src/text/fold_table.rs`
    /// (after updating the crate, when this test fails).
    #[test]
    fn fold_table_is_current() {
        use std::fmt::Write;
        use unicode_normalization::char::{
            canonical_combining_class, decompose_canonical, is_combining_mark,
        };
        let (mut marks, mut base, mut bases) = (Vec::<(u32, u32)>::new(), Vec::new(), Vec::new());
        for c in all_chars() {
            let cp = u32::from(c);
            // What makes a per-character table exact: NFD reorders only
            // characters of nonzero combining class, and those are all marks.
            assert!(
                canonical_combining_class(c) == 0 || is_combining_mark(c),
                "U+{cp:04X}"
            );
            if is_combining_mark(c) {
                match marks.last_mut() {
                    Some(last) if last.1 + 1 == cp => last.1 = cp,
                    _ => marks.push((cp, cp)),
                }
                continue;
            }
            if (HANGUL_FIRST..HANGUL_FIRST + HANGUL_COUNT).contains(&cp) {
                continue;
            }
            let mut kept = String::new();
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    kept.push(d)
                }
            });
            let mut chars = kept.chars();
            match (chars.next(), chars.next()) {
                (Some(one), None) if one == c => {}
                (Some(one), None) => base.push((cp, u32::from(one))),
                _ => bases.push((cp, kept)),
            }
        }
        assert!(
            marks.iter().all(|&(first, _)| first >= 0xC0) && base.iter().all(|&(cp, _)| cp >= 0xC0),
            "strip_marks' fast path"
        );
        let mut text = String::new();
        let (major, minor, update) = unicode_normalization::UNICODE_VERSION;
        let _ = writeln!(
            text,
            "//! Generated by `text::tokenizer::tests::fold_table_is_current` from the\n\
             //! `unicode-normalization` crate (Unicode {major}.{minor}.{update}); do not edit.\n\
             //! What canonical decomposition leaves of a character once combining\n\
             //! marks are removed, for the characters it changes (Hangul aside).\n"
        );
        let mut table = |name: &str, doc: &str, ty: &str, rows: Vec<String>| {
            let _ = writeln!(text, "/// {doc}\npub(super) const {name}: &[{ty}] = &[");
            for line in rows.chunks(8) {
                let _ = writeln!(text, "    {}", line.join(" "));
            }
            let _ = writeln!(text, "];\n");
        };
        table(
            "MARKS",
            "Combining marks (General Category M), as inclusive ranges.",
            "(u32, u32)",
            marks
                .iter()
                .map(|(a, b)| format!("(0x{a:X}, 0x{b:X}),"))
                .collect(),
        );
        table(
            "BASE",
            "Characters that decompose to one other character (and marks).",
            "(u32, u32)",
            base.iter()
                .map(|(a, b)| format!("(0x{a:X}, 0x{b:X}),"))
                .collect(),
        );
        table(
            "BASES",
            "Characters that decompose to several characters (and marks).",
            "(u32, &str)",
            bases
                .iter()
                .map(|(a, b)| format!("(0x{a:X}, {b:?}),"))
                .collect(),
        );
        let text = text.trim_end().to_string() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/fold_table.rs");
        if std::env::var_os("DATELINE_WRITE_FOLD_TABLE").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        assert!(
            text == include_str!("fold_table.rs"),
            "{path} is stale: rerun with DATELINE_WRITE_FOLD_TABLE=1"
        );
    }

    #[test]
    fn stems_words_but_not_numbers() {
        let s = Stemmer::default();
        assert_eq!(s.stem("meetings"), "meet");
        assert_eq!(s.stem("guarantees"), "guarante");
        assert_eq!(s.stem("1980s"), "1980s");
    }
}
