//! JSON Lines input: one object a line with `date`, `text`, and optional
//! `id`, `title`, `source`. Read line by line, so a large file never needs to
//! fit in memory at once; a malformed line costs only that line.

use std::io::BufRead;

use serde::Deserialize;

use super::assemble::{assemble, Parsed, MAX_ARTICLE_BYTES};
use super::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use super::text::{decode, parse_date};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<serde_json::Value>,
    #[serde(default)]
    source: Option<serde_json::Value>,
}

/// Parse JSON Lines from `reader`. `file` names it in messages; ids default to `<stem>:<line>`.
pub fn parse_jsonl(file: &str, stem: &str, mut reader: impl BufRead) -> Parsed {
    let mut parsed = Parsed::default();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                parsed.diagnostics.push(diag(
                    file,
                    line_no + 1,
                    DiagnosticKind::ReadFailed {
                        reason: e.to_string(),
                    },
                ));
                break;
            }
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if buf.len() > MAX_ARTICLE_BYTES {
            parsed.diagnostics.push(diag(
                file,
                line_no,
                DiagnosticKind::LineTooLarge {
                    bytes: buf.len(),
                    limit: MAX_ARTICLE_BYTES,
                },
            ));
            continue;
        }
        let mut line_diags = Vec::new();
        let text = decode(file, Some(line_no), &buf, &mut line_diags);
        // Line ends and a first-line BOM are normal here: keep only real problems.
        line_diags.retain(|d| {
            d.severity() == Severity::Error
                || (line_no == 1 && d.kind == DiagnosticKind::ByteOrderMark)
        });
        parsed.diagnostics.extend(line_diags);
        if let Some(article) = parse_line(file, stem, line_no, &text, &mut parsed.diagnostics) {
            parsed.articles.push(article);
        }
    }
    parsed
}

fn diag(file: &str, line: usize, kind: DiagnosticKind) -> Diagnostic {
    Diagnostic::new(file, Some(line), kind)
}

fn as_text(v: &Option<serde_json::Value>) -> Option<String> {
    match v {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_line(
    file: &str,
    stem: &str,
    line_no: usize,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::article::Article> {
    let line: Line = match serde_json::from_str(text) {
        Ok(l) => l,
        Err(e) => {
            diags.push(diag(
                file,
                line_no,
                DiagnosticKind::MalformedJson {
                    column: e.column(),
                    reason: strip_position(&e),
                },
            ));
            return None;
        }
    };
    let id = as_text(&line.id)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format!("{stem}:{line_no}"));
    let date = match as_text(&line.date) {
        // Timestamps are accepted; only the calendar day is kept.
        Some(d) => match parse_date(
            d.get(..10)
                .filter(|_| {
                    d.len() == 10
                        || d.as_bytes().get(10) == Some(&b'T')
                        || d.as_bytes().get(10) == Some(&b' ')
                })
                .unwrap_or(&d),
        ) {
            Ok(date) => Some(date),
            Err(why) => {
                diags.push(diag(
                    file,
                    line_no,
                    DiagnosticKind::BadDate {
                        article: Some(id.clone()),
                        why: why.to_string(),
                    },
                ));
                None
            }
        },
        None => {
            diags.push(diag(
                file,
                line_no,
                DiagnosticKind::MissingDate {
                    article: id.clone(),
                },
            ));
            None
        }
    };
    let Some(body) = as_text(&line.text) else {
        diags.push(diag(
            file,
            line_no,
            DiagnosticKind::MissingText { article: id },
        ));
        return None;
    };
    let title = as_text(&line.title)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let source = as_text(&line.source)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    assemble(file, Some(line_no), id, date, title, source, &body, diags)
}

/// serde_json appends " at line L column C"; we report our own position.
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(p) => s[..p].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Parsed {
        parse_jsonl("r.jsonl", "r", s.as_bytes())
    }

    #[test]
    fn parses_fields_and_defaults() {
        let p = parse("{\"id\":\"reuters-1\",\"date\":\"1987-02-26\",\"title\":\"Bahia  Cocoa\",\"text\":\"Showers continued.\\n    Next para.\"}\n{\"date\":\"1987-02-27T10:00:00Z\",\"text\":\"Second.\",\"source\":\"AP\"}\n");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.articles[0].id, "reuters-1");
        assert_eq!(p.articles[0].title, "Bahia Cocoa");
        assert_eq!(
            p.articles[0].paragraphs,
            ["Showers continued.", "Next para."]
        );
        assert_eq!(p.articles[1].id, "r:2");
        assert_eq!(p.articles[1].date_string().as_deref(), Some("1987-02-27"));
        assert_eq!(p.articles[1].source.as_deref(), Some("AP"));
    }

    #[test]
    fn malformed_line_is_reported_and_rest_loads() {
        let p = parse("{\"date\":\"2022-01-01\",\"text\":\"One.\"}\n{\"date\": oops}\n\n{\"date\":\"2022-01-03\",\"text\":\"Three.\"}");
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.diagnostics.len(), 1);
        let d = p.diagnostics[0].to_string();
        assert!(
            d.starts_with("r.jsonl:2: error: malformed JSON at column 10"),
            "{d}"
        );
    }

    #[test]
    fn bad_or_missing_date_is_undated_missing_text_skipped() {
        let p = parse("{\"id\":7,\"date\":\"2022-02-30\",\"text\":\"Kept.\"}\n{\"text\":\"No date.\"}\n{\"date\":\"2022-01-01\"}\n{\"date\":\"2022-01-01\",\"text\":\"  \"}");
        assert_eq!(p.articles.len(), 2);
        assert!(p.articles.iter().all(|a| a.date.is_none()));
        assert_eq!(p.articles[0].id, "7");
        let msgs: Vec<String> = p.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(msgs[0].contains("February 2022 has 28 days"), "{msgs:?}");
        assert!(msgs[1].contains("no \"date\" field"));
        assert!(msgs[2].contains("no \"text\" field"));
        assert!(msgs[3].contains("empty body"));
    }

    #[test]
    fn invalid_utf8_and_crlf_lines() {
        let mut bytes = b"{\"date\":\"2022-01-01\",\"text\":\"ok\"}\r\n".to_vec();
        bytes.extend_from_slice(b"{\"date\":\"2022-01-02\",\"text\":\"bad \xC3 byte\"}\r\n");
        let p = parse_jsonl("u.jsonl", "u", &bytes[..]);
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
        assert_eq!(p.diagnostics[0].line, Some(2));
        assert!(p.articles[1].paragraphs[0].contains('\u{FFFD}'));
    }
}
