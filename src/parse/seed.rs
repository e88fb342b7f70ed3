//! The seed format: optional leading whitespace, `date YYYY-MM-DD`, a space,
//! then the text; paragraphs separated by blank lines.

use super::assemble::{assemble, Parsed};
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::text::{decode, parse_date};

/// Parse one seed-format file. `file` names it in messages; `stem` is the article id.
pub fn parse_seed(file: &str, stem: &str, bytes: &[u8]) -> Parsed {
    let mut diagnostics = Vec::new();
    let text = decode(file, None, bytes, &mut diagnostics);
    let body_start = text.len() - text.trim_start().len();
    let header_line = text[..body_start].matches('\n').count() + 1;
    let rest = &text[body_start..];
    let mut error =
        |kind: DiagnosticKind| diagnostics.push(Diagnostic::new(file, Some(header_line), kind));
    let (date, body) = match rest
        .strip_prefix("date")
        .filter(|r| r.starts_with([' ', '\t']))
    {
        Some(after) => {
            let after = after.trim_start_matches([' ', '\t']);
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            match parse_date(&after[..end]) {
                Ok(d) => (Some(d), &after[end..]),
                Err(why) => {
                    error(DiagnosticKind::BadDate {
                        article: None,
                        why: why.to_string(),
                    });
                    (None, &after[end..])
                }
            }
        }
        None => {
            let shown: String = rest.chars().take(24).collect();
            error(DiagnosticKind::MissingHeader { starts: shown });
            (None, rest)
        }
    };
    let article = assemble(
        file,
        Some(header_line),
        stem.to_string(),
        date,
        None,
        None,
        body,
        &mut diagnostics,
    );
    Parsed {
        articles: article.into_iter().collect(),
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::diagnostic::Severity;
    use chrono::NaiveDate;

    #[test]
    fn parses_seed_with_leading_space_and_paragraphs() {
        let p = parse_seed(
            "a.txt",
            "a",
            b" date 2022-02-09 First sentence here. More.\n\nSecond para.\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let a = &p.articles[0];
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2022, 2, 9));
        assert_eq!(a.paragraphs, ["First sentence here. More.", "Second para."]);
        // The seed format has no headline: the index shows the lead instead.
        assert_eq!(a.title, "");
    }

    #[test]
    fn impossible_date_keeps_article_undated() {
        let p = parse_seed("bad.txt", "bad", b"date 2022-02-30 Text survives.");
        assert_eq!(p.articles[0].date, None);
        assert_eq!(p.articles[0].paragraphs, ["Text survives."]);
        assert_eq!(p.diagnostics[0].to_string(), "bad.txt:1: error: impossible date 2022-02-30: February 2022 has 28 days; article kept as undated");
    }

    #[test]
    fn missing_header_keeps_article_undated() {
        let p = parse_seed("m.txt", "m", b"\n\nJust text, no header.");
        assert_eq!(p.articles[0].date, None);
        assert_eq!(p.diagnostics[0].line, Some(3));
        assert!(p.diagnostics[0]
            .message()
            .contains("missing `date YYYY-MM-DD` header"));
    }

    #[test]
    fn empty_body_is_an_error_and_no_article() {
        let p = parse_seed("e.txt", "e", b"date 2022-01-01   \n\n");
        assert!(p.articles.is_empty());
        assert!(p.diagnostics[0].message().contains("empty body"));
    }

    #[test]
    fn bom_crlf_and_source() {
        let p = parse_seed(
            "s.txt",
            "s",
            b"\xEF\xBB\xBF date 2022-01-20 Islam Times - Lavrov will meet Blinken.\r\n\r\nNext.",
        );
        let a = &p.articles[0];
        assert_eq!(a.source.as_deref(), Some("Islam Times"));
        assert_eq!(a.paragraphs, ["Lavrov will meet Blinken.", "Next."]);
        assert_eq!(p.diagnostics.len(), 2);
        assert!(p
            .diagnostics
            .iter()
            .all(|d| d.severity() == Severity::Warning));
    }
}
