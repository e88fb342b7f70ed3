//! Text normalisation shared by the input formats: decoding, dates,
//! paragraphs, titles and sources.

use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::encoding::{decode_wide, guess, sniff_bom};

// Lives with the document model: the reader-only build parses date
// parameters too, and has no parsing of inputs.
pub use crate::article::parse_date;

/// Decode bytes as UTF-8, repairing what can be repaired and reporting it:
/// a BOM is dropped (warning), UTF-16/UTF-32 with a BOM are decoded (warning), invalid sequences become U+FFFD (error naming
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
    let text = if let Some((wide, mark)) = sniff_bom(bytes) {
        push(
            line_base,
            DiagnosticKind::Decoded {
                encoding: wide.name().to_string(),
            },
        );
        let (text, bad) = decode_wide(&bytes[mark..], wide);
        if let Some(at) = bad {
            push(line_base, DiagnosticKind::InvalidUtf16 { byte: at + mark });
        }
        text
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                // Valid UTF-8 full of NULs is wide text without its mark: its
                // NULs are dropped below; say what it looked like.
                if let Some(guess) = s.contains('\0').then(|| guess(bytes)).flatten() {
                    push(line_base, DiagnosticKind::NulBytes { guess });
                }
                s.to_string()
            }
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
                        guess: guess(bytes),
                    },
                );
                String::from_utf8_lossy(bytes).into_owned()
            }
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

/// `s` without control characters (escape sequences, NUL, DEL, C1), which
/// JSON escapes (`\u001b`) can carry past [`decode`]: they would reach a
/// terminal or an id raw. With `keep_lines`, tab and newline stay (a body's
/// layout); otherwise white-space controls become a space.
pub(crate) fn strip_controls(s: &str, keep_lines: bool) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\t' if keep_lines => Some(c),
            c if c.is_control() && c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The calendar day of a JSON Lines `date`: `YYYY-MM-DD`, or a timestamp
/// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]` (`T` or a space) whose every part
/// is checked (hour 0–23, minute 0–59, second 0–60 for a leap second, offset
/// within ±23:59); only the day is kept, as written (the offset is not applied:
/// the day the source dated it). The error says what is wrong.
pub fn parse_timestamp(s: &str) -> Result<chrono::NaiveDate, String> {
    let Some(day) = s.get(..10) else {
        return parse_date(s);
    };
    let date = parse_date(day)?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Ok(date);
    }
    let shape = || {
        format!("malformed timestamp {s:?}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][.fff][Z|+HH:MM]")
    };
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return Err(shape());
    };
    // The clock: HH:MM, then optional :SS and fraction.
    let two = |t: &str| -> Option<u32> {
        let d = t.get(..2)?;
        d.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| d.parse().ok())?
    };
    let field = |what: &str, v: u32, max: u32| -> Result<(), String> {
        if v > max {
            Err(format!(
                "impossible timestamp {s}: {what} {v} is not between 0 and {max}"
            ))
        } else {
            Ok(())
        }
    };
    let (Some(h), Some(b':'), Some(m)) = (
        two(time),
        time.as_bytes().get(2),
        time.get(3..).and_then(two),
    ) else {
        return Err(shape());
    };
    field("hour", h, 23)?;
    field("minute", m, 59)?;
    let mut tail = &time[5..];
    if let Some(after) = tail.strip_prefix(':') {
        let sec = two(after).ok_or_else(shape)?;
        field("second", sec, 60)?;
        tail = &after[2..];
        if let Some(frac) = tail.strip_prefix(['.', ',']) {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(shape());
            }
            tail = &frac[digits..];
        }
    }
    match tail {
        "" | "Z" | "z" => Ok(date),
        _ => {
            let Some(off) = tail.strip_prefix(['+', '-']) else {
                return Err(shape());
            };
            let (oh, om) = match off.len() {
                2 => (two(off), Some(0)),
                4 => (two(off), off.get(2..).and_then(two)),
                5 if off.as_bytes().get(2) == Some(&b':') => (two(off), off.get(3..).and_then(two)),
                _ => (None, None),
            };
            let (Some(oh), Some(om)) = (oh, om) else {
                return Err(shape());
            };
            field("offset hour", oh, 23)?;
            field("offset minute", om, 59)?;
            Ok(date)
        }
    }
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

/// A leading dateline: where the story was filed and by whom ("CNN —",
/// "Moscow CNN —", "LONDON (Reuters) -", "WASHINGTON, March 3 (Reuters) -",
/// "MINSK, 28 January (BelTA) –", "(CNN)-"). It is not part of the story's
/// first sentence, so neither a title nor a lead shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// Where the text after the dateline (and its dash) begins, in bytes.
    pub rest: usize,
    /// The outlet it names: a parenthesised name ("Reuters", "BelTA") or a
    /// capitals word after a place ("Moscow CNN"); `None` when it names
    /// only a place ("LONDON —") or cannot be told from one ("CNN —").
    pub outlet: Option<&'a str>,
}

/// Most words a dateline has before its dash ("Melbourne, Australia CNN").
const DATELINE_WORDS: usize = 7;

/// The dateline `text` starts with, if any. A dateline is a short run of
/// capitalised words, numbers and commas (places, a day, a month) ending in
/// a dash, that either names a parenthesised outlet or ends (or, filed from
/// a capital city, starts) in a word in capitals; text that opens with a
/// parenthesised outlet ("(CNN)US President…") has one too. A publisher
/// and a dash ("Islam Times - …", see [`split_source`]) or a subject and a
/// dash ("Britain - like other western powers - is…") are not datelines.
pub fn dateline(text: &str) -> Option<Dateline<'_>> {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    // "(CNN)" or "(CNN)-" opening the text.
    if let Some(inner) = t
        .strip_prefix('(')
        .and_then(|r| r.find(')').map(|e| &r[..e]))
    {
        if outlet_like(inner) {
            let after = lead + inner.len() + 2;
            return Some(Dateline {
                rest: after + dash_after(&text[after..]),
                outlet: Some(inner.trim()),
            });
        }
    }
    let (at, dash_len) = t.char_indices().take(80).find_map(|(i, c)| {
        let dash = matches!(c, '-' | '\u{2013}' | '\u{2014}');
        let before = t[..i].chars().next_back();
        let spaced = before.is_some_and(|b| b.is_whitespace() || b == ')');
        (dash && (spaced || c != '-')).then_some((i, c.len_utf8()))
    })?;
    let prefix = t[..at].trim();
    let words: Vec<&str> = prefix.split_whitespace().collect();
    if words.is_empty()
        || words.len() > DATELINE_WORDS
        || prefix.contains(['.', '!', '?', ':', ';', '"', '\u{201c}', '\u{201d}'])
    {
        return None;
    }
    let capitalised = words.iter().all(|w| {
        let w = w.trim_start_matches('(');
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    if !capitalised {
        return None;
    }
    let caps = |w: &str| {
        let letters = w.trim_end_matches(',');
        letters.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && letters.chars().all(|c| !c.is_lowercase())
    };
    let parenthesised = prefix
        .rfind('(')
        .and_then(|o| prefix[o + 1..].strip_suffix(')'))
        .filter(|inner| outlet_like(inner));
    let last = words[words.len() - 1];
    // "Moscow CNN —", "New York CNN Business —": a place, then the outlet,
    // from its word in capitals on.
    let named = (!caps(words[0]))
        .then(|| words.iter().position(|w| caps(w)))
        .flatten()
        .and_then(|k| prefix.find(words[k]).map(|at| &prefix[at..]));
    let outlet = match (parenthesised, named) {
        (Some(inner), _) => Some(inner.trim()),
        (None, Some(name)) => Some(name),
        // "CNN —", "LONDON —", "WASHINGTON, March 3 —".
        (None, None)
            if caps(last) || (caps(words[0]) && (words.len() == 1 || words[0].ends_with(','))) =>
        {
            None
        }
        (None, None) => return None,
    };
    let after = lead + at + dash_len;
    Some(Dateline {
        rest: after + dash_after(&text[after..]),
        outlet,
    })
}

/// A parenthesised outlet's name: one to three capitalised words ("CNN",
/// "Reuters", "Thomson Reuters").
fn outlet_like(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '\''))
        })
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}')
}

/// White space and one dash at the start of `s`, in bytes.
fn dash_after(s: &str) -> usize {
    let t = s.trim_start();
    let t = t.strip_prefix(['-', '\u{2013}', '\u{2014}']).unwrap_or(t);
    s.len() - t.trim_start().len()
}

/// What of `text` to show in place of a headline when the source has none:
/// its first sentence after any [`dateline`], whole up to
/// [`LEAD_MAX_CHARS`] (a lead is shown as a lead, over two or three lines,
/// not as a headline), else cut at a word boundary with an ellipsis.
/// Returns the byte range of the sentence in `text` and the text to show;
/// `None` when nothing but a dateline is there.
pub fn lead(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let start = dateline(text).map_or(0, |d| d.rest);
    let rest = &text[start..];
    let skip = rest.len() - rest.trim_start().len();
    let body = &rest[skip..];
    let end = crate::text::sentence::first_sentence_end(body).unwrap_or(body.len());
    let sentence = body[..end].trim_end();
    // A subheading's dashes ("– UN chief to visit Ukraine –") frame it.
    let framed = sentence.trim_matches(|c: char| is_dash(c) || c.is_whitespace());
    if framed.is_empty() {
        return None;
    }
    let shown = cut_at_word(framed, LEAD_MAX_CHARS);
    let begin = start + skip;
    Some((begin..begin + sentence.len(), shown))
}

/// Longest lead shown in place of a title, in characters.
pub const LEAD_MAX_CHARS: usize = 280;

/// `s` without a final full stop, or, when longer than `max` characters,
/// cut at a word boundary with an ellipsis.
fn cut_at_word(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.strip_suffix('.').unwrap_or(s).to_string();
    }
    let cut = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    let at_word = head
        .rfind(char::is_whitespace)
        .filter(|&p| p > cut / 2)
        .unwrap_or(cut);
    let trimmed = head[..at_word].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '\u{2014}')
    });
    format!("{trimmed}\u{2026}")
}

/// A headline as a source gives it (a JSON Lines `title`, a page's
/// `og:title`): white space collapsed; `None` when nothing is left or it is
/// only a dateline ("CNN —"), which is no headline.
pub fn headline(given: &str) -> Option<String> {
    let text = given.split_whitespace().collect::<Vec<_>>().join(" ");
    let only_dateline = dateline(&text).is_some_and(|d| d.rest >= text.len());
    (!text.is_empty() && !only_dateline).then_some(text)
}

/// A title made from the start of `text` when a caller needs one string:
/// the [`lead`] (its first sentence after any dateline, capped at
/// [`LEAD_MAX_CHARS`]), or the text trimmed when it holds nothing else.
/// Parsing does not invent titles (an article without a headline has an
/// empty one; the index shows its lead, see `crate::index::titles`).
pub fn title_from(text: &str) -> String {
    lead(text).map_or_else(|| text.trim().to_string(), |(_, shown)| shown)
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
    fn timestamps_are_checked_part_by_part() {
        let day = NaiveDate::from_ymd_opt(2022, 2, 24);
        for ok in [
            "2022-02-24",
            "2022-02-24T04:05",
            "2022-02-24 04:05:06",
            "2022-02-24T23:59:60.123Z",
            "2022-02-24T04:05:06+02:00",
            "2022-02-24T04:05-0530",
            "2022-02-24t04:05:06,5+02",
        ] {
            assert_eq!(parse_timestamp(ok).ok(), day, "{ok}");
        }
        for (bad, why) in [
            ("2022-02-24T25:00", "hour 25 is not between 0 and 23"),
            ("2022-01-01T25:99:99Z", "hour 25"),
            ("2022-02-24T04:60", "minute 60"),
            ("2022-02-24T04:05:61", "second 61"),
            ("2022-02-24T04:05+24:00", "offset hour 24"),
            ("2022-02-24T4:05", "malformed timestamp"),
            ("2022-02-24T04:05:06.", "malformed timestamp"),
            ("2022-02-24T04:05 extra", "malformed timestamp"),
            ("2022-02-24garbage", "malformed timestamp"),
            ("2022-02-30T00:00", "February 2022 has 28 days"),
            ("2022-13-01", "month 13"),
            ("2022-02-2\u{e9}", "malformed date"),
            ("2022-02-24T0\u{e9}", "malformed timestamp"),
            ("2022-02-24T04:05+a\u{e9}1", "malformed timestamp"),
        ] {
            let err = parse_timestamp(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
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
        assert!(t.chars().count() <= LEAD_MAX_CHARS + 1);
    }

    #[test]
    fn datelines_are_not_the_lead() {
        for (text, want, outlet) in [
            ("CNN \u{2014}", None, None),
            ("Moscow CNN \u{2014}", None, Some("CNN")),
            (
                "Hong Kong CNN \u{2014} Stocks fell.",
                Some("Stocks fell"),
                Some("CNN"),
            ),
            (
                "LONDON (Reuters) - Oil rose. More.",
                Some("Oil rose"),
                Some("Reuters"),
            ),
            (
                "WASHINGTON, March 3 (Reuters) - Talks ended.",
                Some("Talks ended"),
                Some("Reuters"),
            ),
            (
                "MINSK, 28 January (BelTA) \u{2013}Belarus said no.",
                Some("Belarus said no"),
                Some("BelTA"),
            ),
            (
                "(CNN)- US President Joe Biden spoke.",
                Some("US President Joe Biden spoke"),
                Some("CNN"),
            ),
            ("(CNN)Talks ended.", Some("Talks ended"), Some("CNN")),
            (
                "Atlanta, United States (CNN)- Talks.",
                Some("Talks"),
                Some("CNN"),
            ),
            ("LONDON \u{2014} Talks ended.", Some("Talks ended"), None),
            ("New York CNN Business \u{2014}", None, Some("CNN Business")),
        ] {
            let d = dateline(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(d.outlet, outlet, "{text}");
            assert_eq!(lead(text).map(|(_, t)| t).as_deref(), want, "{text}");
        }
        for not in [
            "Islam Times - Russian Foreign Minister Sergey Lavrov will meet",
            "Britain - like other western powers - is coming to Ukraine's aid.",
            "US President Joe Biden \u{2014} speaking on Friday \u{2014} said no.",
            "Russia-Ukraine talks - held in Minsk - ended.",
            "The talks \u{2014} the first since 2014 \u{2014} ended.",
            "2022\u{2013}2023 was a long winter.",
            "- If it depends on the Russian Federation, there will be no war.",
        ] {
            assert_eq!(dateline(not), None, "{not}");
        }
    }

    #[test]
    fn a_lead_reports_where_its_sentence_lies() {
        let text = "LONDON (Reuters) - Oil rose on Monday. Then more.";
        let (range, shown) = lead(text).unwrap();
        assert_eq!(&text[range], "Oil rose on Monday.");
        assert_eq!(shown, "Oil rose on Monday");
        assert_eq!(headline("  CNN \u{2014} "), None);
        assert_eq!(headline(" Bahia \n cocoa "), Some("Bahia cocoa".into()));
    }
}
