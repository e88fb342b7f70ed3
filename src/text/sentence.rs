//! Sentence boundaries: the one splitter of the crate, with the one list of
//! abbreviations. Titles (an article's first sentence), snippets and events
//! (each time expression shown in its sentence) split text with
//! [`sentences`]; the entity recogniser's tokeniser marks its sentence starts
//! by asking [`is_abbreviation`], [`stop_end`] and [`is_paragraph_break`] as
//! it cuts (the parts of [`sentence_end_at`]), so both agree on where a
//! sentence ends.
//!
//! A sentence ends:
//! * at a full stop, `!` or `?` (with any closing quotes or bracket) followed
//!   by white space or the end of the text, except a full stop after an
//!   abbreviation ([`is_abbreviation`]: `Mr.`, `Jan.`, `U.S.`, `J. Smith`);
//! * at such a stop glued to the next sentence with no space, as web text
//!   often is ("met Putin.After the talks", `said."The`): a lower-case
//!   letter before the stop, and a capital and a lower-case letter (or "I",
//!   "A") right after it and its quotes ([`glued_end`]; the word splitter
//!   cuts words at the same full stops). Abbreviations still end nothing
//!   ("Mr.Putin");
//! * at a paragraph break ([`is_paragraph_break`]: a blank line, or a
//!   newline followed by indentation as in wire copy).

use super::tokenizer::glued_at;

/// Abbreviations after which a full stop ends no sentence (lower case,
/// without the dot, at most 7 bytes). Generic English abbreviations, not
/// names. Dotted ones ("U.S.", "e.g.", "p.m.") need no entry: any run of
/// letters and dots is an abbreviation (see [`is_abbreviation`]).
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "st",
    "inc", "corp", "co", "ltd", "jr", "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "rev", "adm", "cmdr", "maj", "brig",
    "messrs", "bros", "plc", "dept", "univ", "assn", "ave", "blvd", "est", "approx", "etc", "fig",
    "pres",
];

/// Up to 7 bytes packed into an integer, with their count in the top byte
/// (so that "mr" and "mr\0" differ).
const fn pack(a: &[u8]) -> u64 {
    let mut k = (a.len() as u64) << 56;
    let mut i = 0;
    while i < a.len() {
        k |= (a[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// [`ABBREVIATIONS`] packed, so that a look-up is a few integer comparisons
/// rather than a string comparison per entry (the entity tokeniser asks for
/// every word ending in a dot).
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        assert!(ABBREVIATIONS[i].len() <= 7);
        keys[i] = pack(ABBREVIATIONS[i].as_bytes());
        i += 1;
    }
    keys
};

/// Whether `word` in [`ABBREVIATIONS`], ignoring ASCII case.
#[inline]
fn is_listed(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() > 7 {
        return false;
    }
    // Non-ASCII bytes are kept as they are and so never match.
    let mut lower = [0u8; 7];
    for (l, c) in lower.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    ABBREVIATION_KEYS.contains(&pack(&lower[..b.len()]))
}

/// Whether a full stop right after `word` (the text before the stop, back
/// to white space; leading punctuation such as `(` or `"` is skipped) is an
/// abbreviation's, which ends no sentence: a listed abbreviation ("Mr",
/// "Jan"), a single letter (an initial: "J"), or letters joined by single
/// dots ("U.S", "p.m", "e.g"; not "forests.." of "forests..."). `after` is the text after the stop: "No" is
/// listed but counts only before a number ("No. 5"), since "no." mostly
/// ends a sentence.
#[inline]
pub fn is_abbreviation(word: &str, after: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.eq_ignore_ascii_case("no") {
        return after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    }
    if word.is_empty() {
        return false;
    }
    // Initials and dotted acronyms (bytes first: the entity tokeniser asks
    // for every chunk ending in a dot).
    let mut chars = word.chars();
    let one_letter = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
    if word.as_bytes().contains(&b'.') || one_letter {
        // Letters joined by single dots: "forests.." (before an ellipsis's
        // last dot) is no abbreviation.
        if word.ends_with('.') || word.contains("..") {
            return false;
        }
        return if word.is_ascii() {
            word.bytes().all(|b| b == b'.' || b.is_ascii_alphabetic())
        } else {
            word.chars().all(|c| c == '.' || c.is_alphabetic())
        };
    }
    is_listed(word)
}

/// Whether the white space `ws` (a whole run of it, between two words) is a
/// paragraph break: a blank line, or one newline followed by indentation of
/// at least two spaces (Reuters wire copy indents its paragraphs).
#[inline]
pub fn is_paragraph_break(ws: &str) -> bool {
    let mut newlines = ws.bytes().filter(|&b| b == b'\n');
    match (newlines.next(), newlines.next()) {
        (Some(_), Some(_)) => true,
        (Some(_), None) => {
            let after = ws.rfind('\n').map_or("", |nl| &ws[nl + 1..]);
            after.len() >= 2 && ws.ends_with("  ")
        }
        _ => false,
    }
}

/// Whether the `.`, `!` or `?` at byte `stop` of `text` ends a sentence,
/// and if so the byte where that sentence ends: after the stop and any
/// closing quotes or bracket. None for any other byte, for a stop followed
/// by more of a word ("3.5", "U.S.A"), or after an abbreviation ("Mr.",
/// "Mr.Putin": the word before the stop runs back to white space or to a
/// glued stop).
#[inline]
pub fn sentence_end_at(text: &str, stop: usize) -> Option<usize> {
    let end = stop_end(text, stop)?;
    if text.as_bytes()[stop] == b'.' {
        let before = text.get(..stop)?;
        let mut word_start = before.rfind(char::is_whitespace).map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
        // After a glued stop ("Putin.After.") the word is what follows it.
        if let Some(glued) = last_glued_end(text, word_start, stop) {
            word_start = glued;
        }
        if is_abbreviation(&before[word_start..], &text[stop + 1..]) {
            return None;
        }
    }
    Some(end)
}

/// The end of the last glued stop's quotes ([`glued_end`]) in
/// `text[from..to]`, if there is one.
fn last_glued_end(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes().get(from..to)?;
    bytes
        .iter()
        .enumerate()
        .rev()
        .filter(|&(_, &b)| matches!(b, b'.' | b'!' | b'?'))
        .find_map(|(i, _)| glued_end(text, from + i))
}

/// The byte after the `.`, `!` or `?` at byte `stop` and its closing quotes
/// and brackets; None for any other byte.
#[inline]
fn closing_end(text: &str, stop: usize) -> Option<usize> {
    if !matches!(text.as_bytes().get(stop)?, b'.' | b'!' | b'?') {
        return None;
    }
    // Closing quotes and brackets belong to the sentence.
    let mut end = stop + 1;
    while let Some(q) = text
        .get(end..)?
        .chars()
        .next()
        .filter(|q| matches!(q, '"' | '\u{201D}' | '\u{2019}' | '\'' | ')'))
    {
        end += q.len_utf8();
    }
    Some(end)
}

/// If the `.`, `!` or `?` at byte `stop` of `text` is glued to the next
/// sentence with no space (`Putin.After`, `said."The`, `why?The`; the test
/// is [`glued_at`], shared with the word splitter), the byte where the next
/// sentence starts, after the stop's closing quotes. Abbreviations are not
/// asked about ("Mr.Putin" is glued too): see [`sentence_end_at`]. The
/// entity tokeniser cuts a chunk at these.
#[inline]
pub fn glued_end(text: &str, stop: usize) -> Option<usize> {
    let end = closing_end(text, stop)?;
    glued_at(text, stop, end).then_some(end)
}

/// [`sentence_end_at`] for a stop known to follow no abbreviation (the
/// entity tokeniser splits a dot off a word only when [`is_abbreviation`]
/// says no): the end after the stop and its closing quotes or bracket, if
/// white space, the end of the text or a glued next sentence
/// ([`glued_end`]) follows them.
#[inline]
pub fn stop_end(text: &str, stop: usize) -> Option<usize> {
    let end = closing_end(text, stop)?;
    // Not "3.5", "U.S.A", a word-joined stop.
    let spaced = text[end..].chars().next().is_none_or(char::is_whitespace);
    (spaced || glued_at(text, stop, end)).then_some(end)
}

/// The end (byte offset) of the sentence that starts at `text[0]`, if it
/// ends before the text does.
pub fn first_sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' | b'!' | b'?' => {
                if let Some(end) = sentence_end_at(text, i) {
                    return (end < text.len()).then_some(end);
                }
                i += 1;
            }
            _ => {
                let rest = &text[i..];
                let ws = rest.len() - rest.trim_start().len();
                // A paragraph break between two words: the text before it.
                if ws > 0 && i > 0 && i + ws < text.len() && is_paragraph_break(&rest[..ws]) {
                    return Some(i);
                }
                i += ws.max(rest.chars().next().map_or(1, char::len_utf8));
            }
        }
    }
    None
}

/// The sentences of `text` as byte ranges, white space between them left out.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = text.len() - text.trim_start().len();
    while at < text.len() {
        let end = first_sentence_end(&text[at..]).map_or(text.len(), |e| at + e);
        let trimmed_end = at + text[at..end].trim_end().len();
        if trimmed_end > at {
            out.push((at, trimmed_end));
        }
        at = end + (text[end..].len() - text[end..].trim_start().len());
    }
    out
}

/// The sentence of `text` holding byte `pos` (the whole text if none does).
pub fn sentence_at(text: &str, pos: usize) -> (usize, usize) {
    sentences(text)
        .into_iter()
        .find(|&(s, e)| s <= pos && pos < e)
        .unwrap_or((0, text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_on_stops_but_not_abbreviations() {
        assert_eq!(
            split("Mr. Lavrov met Gen. Milley on Jan. 21 in the U.S. capital. They talked. \"Good,\" he said! Why?"),
            ["Mr. Lavrov met Gen. Milley on Jan. 21 in the U.S. capital.", "They talked.", "\"Good,\" he said!", "Why?"]
        );
    }

    #[test]
    fn quotes_close_the_sentence() {
        assert_eq!(
            split("He said \"no.\" Then left."),
            ["He said \"no.\"", "Then left."]
        );
    }

    #[test]
    fn numbers_and_initials_do_not_split() {
        assert_eq!(
            split("Prices rose 3.5 percent, J. Smith said. Next"),
            ["Prices rose 3.5 percent, J. Smith said.", "Next"]
        );
    }

    #[test]
    fn sentence_at_finds_the_right_one() {
        let t = "One here. Two there.";
        assert_eq!(&t[sentence_at(t, 12).0..sentence_at(t, 12).1], "Two there.");
        assert_eq!(sentences("   "), vec![]);
    }

    #[test]
    fn one_abbreviation_rule_for_all() {
        for w in [
            "Mr", "MESSRS", "Inc", "U.S", "J", "É", "p.m", "(Gen", "\"Brig", "Plc",
        ] {
            assert!(is_abbreviation(w, " Smith"), "{w}");
        }
        for w in [
            "bags", "mr\0", "mrs2", "", "1", "U.S2", "approxim", "3.5", "no",
        ] {
            assert!(!is_abbreviation(w, " Then"), "{w}");
        }
        assert!(is_abbreviation("No", " 5"));
    }

    #[test]
    fn an_ellipsis_ends_a_sentence() {
        assert_eq!(
            split("Trenches, forests... Half-starved."),
            ["Trenches, forests...", "Half-starved."]
        );
    }

    #[test]
    fn paragraph_breaks_end_sentences() {
        assert_eq!(
            split("Headline\n\nBody text. More"),
            ["Headline", "Body text.", "More"]
        );
        assert_eq!(
            split("Wire copy\n    indented. Next"),
            ["Wire copy", "indented.", "Next"]
        );
        assert_eq!(
            split("One line\nwrapped. Next"),
            ["One line\nwrapped.", "Next"]
        );
        assert!(is_paragraph_break("\n\n") && is_paragraph_break(" \n   "));
        assert!(!is_paragraph_break("\n ") && !is_paragraph_break("   "));
    }

    #[test]
    fn glued_stops_end_sentences() {
        assert_eq!(
            split("He met Putin.After the talks, U.S. officials said 3.5 percent. Kiev.As Mr.Putin said.\"The end? No!It is www.Reuters.com here.I think"),
            [
                "He met Putin.",
                "After the talks, U.S. officials said 3.5 percent.",
                "Kiev.",
                "As Mr.Putin said.\"",
                "The end?",
                "No!",
                "It is www.Reuters.com here.",
                "I think"
            ]
        );
        assert_eq!(
            split("Putin.After.The end."),
            ["Putin.", "After.", "The end."]
        );
        assert_eq!(split("a Ph.D and e.g.Bc"), ["a Ph.D and e.g.Bc"]);
        assert_eq!(glued_end("said.\u{201D}The", 4), Some(8));
        assert_eq!(glued_end("said. The", 4), None);
        assert_eq!(glued_end("said", 1), None);
    }

    #[test]
    fn sentence_end_at_names_the_end_after_closing_quotes() {
        let t = "He said \"no.\" Then left.";
        assert_eq!(sentence_end_at(t, 11), Some(13));
        assert_eq!(sentence_end_at(t, 0), None);
        assert_eq!(sentence_end_at("3.5 percent", 1), None);
        assert_eq!(sentence_end_at("Mr. Smith", 2), None);
        assert_eq!(sentence_end_at("end.", 3), Some(4));
    }
}
