//! Sentence boundaries, for titles (an article's first sentence) and for
//! events (each time expression is shown in its sentence).
//!
//! A full stop, `!` or `?` (with any closing quotes) followed by white space
//! ends a sentence, except after a known abbreviation (`Mr.`, `Jan.`, `U.S.`)
//! or a single initial (`J. Smith`).

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "st", "jr", "sr", "inc",
    "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "gov", "sen", "rep", "u.s", "u.k", "u.n", "e.g", "i.e", "etc",
    "approx", "dept", "mt", "ft", "rev", "adm", "maj", "brig",
];

/// The end (byte offset) of the sentence that starts at `text[0]`, if it
/// ends before the text does.
pub fn first_sentence_end(text: &str) -> Option<usize> {
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence.
        let mut end = i + c.len_utf8();
        while let Some(q) = text[end..]
            .chars()
            .next()
            .filter(|q| matches!(q, '"' | '\u{201D}' | '\u{2019}' | '\'' | ')'))
        {
            end += q.len_utf8();
        }
        if end < text.len() && !text[end..].starts_with(char::is_whitespace) {
            continue; // "3.5", "U.S.A", a word-joined stop
        }
        if c == '.' {
            let word_start = text[..i]
                .rfind(|ch: char| ch.is_whitespace() || ch == '(')
                .map_or(0, |p| p + 1);
            let word = text[word_start..i].to_lowercase();
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
            if ABBREVIATIONS.contains(&word.as_str()) || single_initial {
                continue;
            }
        }
        return (end < text.len()).then_some(end);
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
}
