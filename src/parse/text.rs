//! Text normalisation shared by the input formats: decoding, dates,
//! paragraphs, titles and sources.

use super::diagnostic::{Diagnostic, DiagnosticKind};

// Lives with the document model: the reader-only build parses date
// parameters too, and has no parsing of inputs.
pub use crate::article::parse_date;

/// Longest title made from a first sentence, in characters.
const TITLE_MAX_CHARS: usize = 110;

/// Decode bytes as UTF-8, repairing what can be repaired and reporting it:
/// a BOM is dropped (warning), invalid sequences become U+FFFD (error naming
/// the line and byte of the first one), CRLF/CR become LF (warning), and
/// control characters other than tab and newline are removed.
pub(crate) fn decode(
    file: &str,
    line_base: Option<usize>,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> String {
    let mut bytes = bytes;
    let mut push =
        |line: Option<usize>, kind: DiagnosticKind| diags.push(Diagnostic::new(file, line, kind));
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        push(line_base, DiagnosticKind::ByteOrderMark);
        bytes = rest;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let col = at
                - bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            let bad = bytes
                .iter()
                .skip(at)
                .take(e.error_len().unwrap_or(1))
                .map(|b| format!("{b:#04x}"))
                .collect::<Vec<_>>();
            let line = line_base.map_or(Some(line), |l| Some(l + line - 1));
            push(
                line,
                DiagnosticKind::InvalidUtf8 {
                    byte: at,
                    column: col,
                    bytes: bad.join(" "),
                },
            );
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut saw_cr = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                saw_cr = true;
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if saw_cr {
        push(line_base, DiagnosticKind::CrLineEnds);
    }
    out
}

/// A line shorter than this (in chars) ends its paragraph: wrapped prose fills
/// its lines (Reuters wraps at about 65), so a short line followed by more text
/// is a unit of its own: a headline, byline, dateline or table row. Why: glued
/// to the next line, "Adrian Warner" + "BERLIN" reads as one name.
const SHORT_LINE: usize = 40;

/// Split a body into paragraphs: blank lines separate paragraphs, and so does
/// an indented line after a non-blank one (the wire-service convention, as in
/// Reuters), and a short line ends one (see [`SHORT_LINE`]). Lines within a
/// paragraph are joined and white space collapsed.
pub fn split_paragraphs(body: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        if !current.is_empty() {
            paragraphs.push(std::mem::take(current));
        }
    };
    for line in body.split('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut current);
            continue;
        }
        let indented = line.starts_with("  ") || line.starts_with('\t');
        if indented && !current.is_empty() {
            flush(&mut current);
        }
        for word in trimmed.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        if trimmed.chars().count() < SHORT_LINE {
            flush(&mut current);
        }
    }
    flush(&mut current);
    paragraphs
}

/// If the first paragraph starts with a publisher's name and a dash
/// ("Islam Times - Russian Foreign Minister…"), split it off: returns the
/// source and the rest of the paragraph.
pub(crate) fn split_source(first: &str) -> Option<(String, String)> {
    for dash in [" - ", " \u{2013} ", " \u{2014} "] {
        if let Some(at) = first.find(dash) {
            let name = first[..at].trim();
            let rest = first[at + dash.len()..].trim();
            let words: Vec<&str> = name.split_whitespace().collect();
            let looks_like_name = !words.is_empty()
                && words.len() <= 5
                && name.chars().count() <= 40
                && !rest.is_empty()
                && words.iter().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                })
                && !name
                    .chars()
                    .any(|c| matches!(c, '.' | ',' | ':' | ';' | '!' | '?' | '"' | '(' | ')'));
            return looks_like_name.then(|| (name.to_string(), rest.to_string()));
        }
    }
    None
}

/// A title made from the start of `text`: its first sentence, trimmed at a
/// word boundary to at most 110 characters (with an ellipsis when cut).
pub fn title_from(text: &str) -> String {
    let sentence = match crate::text::sentence::first_sentence_end(text) {
        Some(end) => text[..end].trim(),
        None => text.trim(),
    };
    if sentence.chars().count() <= TITLE_MAX_CHARS {
        return sentence.trim_end_matches('.').to_string();
    }
    let cut = sentence
        .char_indices()
        .nth(TITLE_MAX_CHARS)
        .map_or(sentence.len(), |(i, _)| i);
    let head = &sentence[..cut];
    let at_word = head
        .rfind(char::is_whitespace)
        .filter(|&p| p > cut / 2)
        .unwrap_or(cut);
    let trimmed = head[..at_word].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '\u{2014}')
    });
    format!("{trimmed}\u{2026}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::diagnostic::Severity;
    use chrono::NaiveDate;

    fn decode_all(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let s = decode("f.txt", None, bytes, &mut d);
        (s, d)
    }

    #[test]
    fn bom_is_removed_with_warning() {
        let (s, d) = decode_all(b"\xEF\xBB\xBFdate");
        assert_eq!(s, "date");
        assert_eq!(d.len(), 1);
        assert!(d[0].message().contains("BOM"));
    }

    #[test]
    fn crlf_becomes_lf() {
        let (s, d) = decode_all(b"a\r\n\r\nb\rc");
        assert_eq!(s, "a\n\nb\nc");
        assert!(d[0].message().contains("CRLF"));
    }

    #[test]
    fn invalid_utf8_is_located_and_replaced() {
        let (s, d) = decode_all(b"line one\nab\xFFcd");
        assert_eq!(s, "line one\nab\u{FFFD}cd");
        assert_eq!(d[0].line, Some(2));
        assert_eq!(d[0].severity(), Severity::Error);
        assert!(
            d[0].message().contains("byte 11 (column 3): 0xff"),
            "{}",
            d[0].message()
        );
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(decode_all(b"Reuter\n\x03").0, "Reuter\n");
    }

    #[test]
    fn dates_are_checked_with_reasons() {
        assert_eq!(
            parse_date("2022-02-09"),
            Ok(NaiveDate::from_ymd_opt(2022, 2, 9).unwrap())
        );
        assert_eq!(
            parse_date("2022-02-30").unwrap_err(),
            "impossible date 2022-02-30: February 2022 has 28 days"
        );
        assert!(parse_date("2022-13-01").unwrap_err().contains("month 13"));
        assert!(parse_date("22-1-1")
            .unwrap_err()
            .contains("expected YYYY-MM-DD"));
        assert!(parse_date("2024-02-29").is_ok());
    }

    #[test]
    fn paragraphs_by_blank_lines_and_indents() {
        let p = split_paragraphs(
            "One line that wraps at the width of a wire story's\ncolumn\n\n\n  Indented\n    next para\n",
        );
        assert_eq!(
            p,
            [
                "One line that wraps at the width of a wire story's column",
                "Indented",
                "next para"
            ]
        );
    }

    #[test]
    fn a_short_line_is_its_own_paragraph() {
        // Byline, dateline and table rows are not glued into one sentence.
        let p =
            split_paragraphs("Adrian Warner\nBERLIN 1996-08-22\nCHICAGO 73 55\nHOUSTON 70 58\n");
        assert_eq!(
            p,
            [
                "Adrian Warner",
                "BERLIN 1996-08-22",
                "CHICAGO 73 55",
                "HOUSTON 70 58"
            ]
        );
    }

    #[test]
    fn source_prefix_is_split_off() {
        let (src, rest) =
            split_source("Islam Times - Russian Foreign Minister Sergey Lavrov will meet").unwrap();
        assert_eq!(src, "Islam Times");
        assert!(rest.starts_with("Russian"));
        assert!(split_source("- If it depends on the Russian Federation").is_none());
        assert!(split_source("MINSK, 28 January (BelTA) - Belarusian President").is_none());
        assert!(split_source("This is a long sentence that merely contains - a dash").is_none());
    }

    #[test]
    fn title_is_first_sentence() {
        assert_eq!(
            title_from("Mr. Putin met Gen. Milley in the U.S. today. Then more."),
            "Mr. Putin met Gen. Milley in the U.S. today"
        );
        assert_eq!(
            title_from("Prices rose 3.5 percent! Next."),
            "Prices rose 3.5 percent!"
        );
    }

    #[test]
    fn long_title_is_cut_at_word_boundary() {
        let t = title_from(&"word ".repeat(60));
        assert!(t.ends_with("word\u{2026}"), "{t}");
        assert!(t.chars().count() <= TITLE_MAX_CHARS + 1);
    }
}
