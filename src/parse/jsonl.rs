//! JSON Lines input: one object a line with `date`, `text`, and optional
//! `id`, `title`, `source`. Read line by line, so a large file never needs to
//! fit in memory at once; a malformed line costs only that line. Lines are
//! parsed in batches, on every core with the `parallel` feature (the CLI),
//! their articles and messages kept in line order.

use std::io::BufRead;

use crate::article::Article;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::assemble::{assemble, Parsed, MAX_ARTICLE_BYTES};
use super::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use super::encoding::{sniff_bom, WideReader};
use super::text::{decode, parse_timestamp, strip_controls};

/// A line's fields, each as its JSON source text: the type is checked field
/// by field (so a wrong one is named), and a number id keeps its digits.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    date: Option<&'a RawValue>,
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    title: Option<&'a RawValue>,
    #[serde(borrow, default)]
    source: Option<&'a RawValue>,
}

/// Parse JSON Lines from `reader`. `file` names it in messages; ids default to
/// `<stem>:<line>`. A file that starts with a UTF-16 or UTF-32 byte order mark
/// is decoded as it streams. No line is held beyond [`MAX_ARTICLE_BYTES`]:
/// a longer one is skipped (and named) as it is read.
pub fn parse_jsonl(file: &str, stem: &str, reader: impl BufRead) -> Parsed {
    let mut articles = Vec::new();
    let mut parsed = parse_jsonl_each(file, stem, reader, &mut |a| articles.push(a));
    parsed.articles = articles;
    parsed
}

/// [`parse_jsonl`] handing each article to `each` as it is parsed (in
/// line order), so that a caller that spills them never holds the file's
/// articles; the messages are returned (no articles).
pub(crate) fn parse_jsonl_each(
    file: &str,
    stem: &str,
    mut reader: impl BufRead,
    each: &mut dyn FnMut(Article),
) -> Parsed {
    let mut parsed = Parsed::default();
    let wide = reader.fill_buf().ok().and_then(sniff_bom);
    match wide {
        Some((wide, mark)) => {
            reader.consume(mark);
            parsed.diagnostics.push(Diagnostic::new(
                file,
                None,
                DiagnosticKind::Decoded {
                    encoding: wide.name().to_string(),
                },
            ));
            let mut wide_reader = std::io::BufReader::new(WideReader::new(reader, wide));
            parse_lines(file, stem, &mut wide_reader, &mut parsed, each);
            if let Some(at) = wide_reader.get_ref().first_bad() {
                parsed.diagnostics.push(Diagnostic::new(
                    file,
                    None,
                    DiagnosticKind::InvalidUtf16 { byte: at + mark },
                ));
            }
        }
        None => parse_lines(file, stem, &mut reader, &mut parsed, each),
    }
    parsed
}

/// Read one line (through its `\n`) into `buf`, keeping at most `cap` bytes
/// of it: returns the line's whole length, 0 at the end of the input. The
/// rest of a longer line is read and dropped, so memory stays bounded.
fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        reader.consume(take);
        total += take;
        if done {
            return Ok(total);
        }
    }
}

/// Lines read before they are parsed together: with the `parallel` feature
/// a batch is parsed on every core, so it holds enough lines for each to
/// get many, and few enough bytes that a batch stays small beside the
/// articles it makes.
const BATCH_LINES: usize = 4096;
const BATCH_BYTES: usize = 16 << 20;

/// A line as read: its number and bytes, or what stopped it being read.
enum Read {
    Line(usize, Vec<u8>),
    Problem(Diagnostic),
}

fn parse_lines(
    file: &str,
    stem: &str,
    reader: &mut impl BufRead,
    parsed: &mut Parsed,
    each: &mut dyn FnMut(Article),
) {
    let mut line_no = 0usize;
    let mut batch: Vec<Read> = Vec::new();
    let mut done = false;
    while !done {
        // Read a batch in order (reading is sequential)...
        let mut bytes = 0usize;
        while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
            let mut buf = Vec::new();
            let len = match read_line_capped(reader, &mut buf, MAX_ARTICLE_BYTES) {
                Ok(0) => {
                    done = true;
                    break;
                }
                Ok(n) => n,
                Err(e) => {
                    let kind = DiagnosticKind::ReadFailed {
                        reason: e.to_string(),
                    };
                    batch.push(Read::Problem(diag(file, line_no + 1, kind)));
                    done = true;
                    break;
                }
            };
            line_no += 1;
            if len > MAX_ARTICLE_BYTES {
                let kind = DiagnosticKind::LineTooLarge {
                    bytes: len,
                    limit: MAX_ARTICLE_BYTES,
                };
                batch.push(Read::Problem(diag(file, line_no, kind)));
            } else if !buf.iter().all(u8::is_ascii_whitespace) {
                bytes += buf.len();
                batch.push(Read::Line(line_no, buf));
            }
        }
        // ...then parse its lines (on every core when we may), the
        // articles and messages kept in line order.
        let one = |read: Read| -> (Vec<Diagnostic>, Option<crate::article::Article>) {
            match read {
                Read::Problem(d) => (vec![d], None),
                Read::Line(line_no, buf) => parse_read_line(file, stem, line_no, &buf),
            }
        };
        #[cfg(feature = "parallel")]
        let results: Vec<_> = {
            use rayon::prelude::*;
            batch.par_drain(..).map(one).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let results: Vec<_> = batch.drain(..).map(one).collect();
        for (diags, article) in results {
            parsed.diagnostics.extend(diags);
            article.into_iter().for_each(&mut *each);
        }
    }
}

/// One line's bytes (line `line_no`) decoded and parsed: its messages and
/// its article.
fn parse_read_line(
    file: &str,
    stem: &str,
    line_no: usize,
    buf: &[u8],
) -> (Vec<Diagnostic>, Option<crate::article::Article>) {
    let mut diags = Vec::new();
    let text = decode(file, Some(line_no), buf, &mut diags);
    // Line ends and a first-line BOM are normal here: keep only real problems.
    diags.retain(|d| {
        d.severity() == Severity::Error || (line_no == 1 && d.kind == DiagnosticKind::ByteOrderMark)
    });
    let article = parse_line(file, stem, line_no, &text, &mut diags);
    (diags, article)
}

fn diag(file: &str, line: usize, kind: DiagnosticKind) -> Diagnostic {
    Diagnostic::new(file, Some(line), kind)
}

/// The JSON type of a value's source text, as messages name it.
fn json_type(raw: &str) -> &'static str {
    match raw.trim_start().as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A string field's value, or the JSON type it has instead.
fn string_of(raw: &RawValue) -> Result<String, &'static str> {
    match json_type(raw.get()) {
        "a string" => serde_json::from_str(raw.get()).map_err(|_| "a string"),
        other => Err(other),
    }
}

/// One line's fields, checked; problems go to `diags` with the line's position.
struct Fields<'d> {
    file: &'d str,
    line_no: usize,
    diags: &'d mut Vec<Diagnostic>,
}

impl Fields<'_> {
    fn wrong(
        &mut self,
        article: Option<&str>,
        field: &'static str,
        expected: &'static str,
        found: &'static str,
        outcome: &'static str,
    ) {
        self.diags.push(diag(
            self.file,
            self.line_no,
            DiagnosticKind::WrongType {
                article: article.map(str::to_string),
                field,
                expected,
                found,
                outcome,
            },
        ));
    }

    /// The id: a string as written, a number as its source text (`1e3`, a
    /// 30-digit id: never rounded), else `None` (line skipped, with a message).
    fn id(&mut self, raw: Option<&RawValue>, stem: &str) -> Option<String> {
        let id = match raw {
            None => None,
            Some(raw) => match json_type(raw.get()) {
                "a string" => string_of(raw).ok(),
                "a number" => Some(raw.get().trim().to_string()),
                found => {
                    self.wrong(None, "id", "a string or a number", found, "line skipped");
                    return None;
                }
            },
        };
        let id = id.map(|s| strip_controls(&s, false));
        Some(
            id.filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| format!("{stem}:{}", self.line_no)),
        )
    }

    fn date(&mut self, raw: Option<&RawValue>, id: &str) -> Option<chrono::NaiveDate> {
        let kind = match raw.map(string_of) {
            None => DiagnosticKind::MissingDate {
                article: id.to_string(),
            },
            Some(Err(found)) => {
                self.wrong(
                    Some(id),
                    "date",
                    "a string (YYYY-MM-DD or a timestamp)",
                    found,
                    "kept as undated",
                );
                return None;
            }
            Some(Ok(d)) => match parse_timestamp(d.trim()) {
                Ok(date) => return Some(date),
                Err(why) => DiagnosticKind::BadDate {
                    article: Some(id.to_string()),
                    why: format!("field \"date\": {why}"),
                },
            },
        };
        self.diags.push(diag(self.file, self.line_no, kind));
        None
    }

    /// An optional string field (`title`, `source`): a wrong type is named and ignored.
    fn optional(
        &mut self,
        raw: Option<&RawValue>,
        field: &'static str,
        id: &str,
    ) -> Option<String> {
        match string_of(raw?) {
            Ok(s) => Some(strip_controls(&s, false)),
            Err(found) => {
                self.wrong(Some(id), field, "a string", found, "field ignored");
                None
            }
        }
    }
}

fn parse_line(
    file: &str,
    stem: &str,
    line_no: usize,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::article::Article> {
    let found = json_type(text);
    if found != "an object" && serde_json::from_str::<&RawValue>(text).is_ok() {
        diags.push(diag(file, line_no, DiagnosticKind::NotAnObject { found }));
        return None;
    }
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
    let mut fields = Fields {
        file,
        line_no,
        diags,
    };
    let id = fields.id(line.id, stem)?;
    let date = fields.date(line.date, &id);
    let body = match line.text.map(string_of) {
        Some(Ok(body)) => strip_controls(&body, true),
        Some(Err(found)) => {
            fields.wrong(Some(&id), "text", "a string", found, "line skipped");
            return None;
        }
        None => {
            fields.diags.push(diag(
                file,
                line_no,
                DiagnosticKind::MissingText { article: id },
            ));
            return None;
        }
    };
    let title = fields
        .optional(line.title, "title", &id)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let source = fields
        .optional(line.source, "source", &id)
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

    /// Past several batches, with blank, malformed and wrongly typed lines
    /// among good ones: every article and message in line order, each
    /// message at its own line, as one line at a time would give.
    #[test]
    fn batches_keep_line_order_and_positions() {
        let n = 3 * BATCH_LINES + 17;
        let mut text = String::new();
        for i in 1..=n {
            text += &match i % 7 {
                0 => "{\"date\": oops}".to_string(),
                3 => "   ".to_string(),
                5 => format!("{{\"id\":{i},\"date\":\"2022-01-01\",\"text\":7}}"),
                _ => format!("{{\"id\":\"a{i}\",\"date\":\"2022-01-01\",\"text\":\"Line {i}.\"}}"),
            };
            text.push('\n');
        }
        let p = parse(&text);
        let good: Vec<String> = (1..=n)
            .filter(|i| ![0, 3, 5].contains(&(i % 7)))
            .map(|i| format!("a{i}"))
            .collect();
        let ids: Vec<&str> = p.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, good);
        let bad: Vec<usize> = (1..=n).filter(|i| [0, 5].contains(&(i % 7))).collect();
        let lines: Vec<usize> = p.diagnostics.iter().filter_map(|d| d.line).collect();
        assert_eq!(lines, bad);
        let one = parse_read_line("r.jsonl", "r", 7, b"{\"date\": oops}");
        assert_eq!(one.0, vec![p.diagnostics[1].clone()]);
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

    #[test]
    fn ids_keep_their_json_text_or_are_rejected() {
        let p = parse(concat!(
            "{\"id\":1e3,\"date\":\"2022-01-01\",\"text\":\"a\"}\n",
            "{\"id\":\"1e3x\",\"date\":\"2022-01-01\",\"text\":\"b\"}\n",
            "{\"id\":123456789012345678901234567890,\"date\":\"2022-01-01\",\"text\":\"c\"}\n",
            "{\"id\":1e999,\"date\":\"2022-01-01\",\"text\":\"d\"}\n",
            "{\"id\":[1],\"date\":\"2022-01-01\",\"text\":\"e\"}\n",
            "{\"id\":true,\"date\":\"2022-01-01\",\"text\":\"f\"}\n",
            "[1,2,3]\n",
            "{\"id\":\"\\u001b]0;pwned\\u0007x\\u0000y\",\"date\":\"2022-01-01\",\"text\":\"g\"}\n",
        ));
        let ids: Vec<&str> = p.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "1e3",
                "1e3x",
                "123456789012345678901234567890",
                "1e999",
                "]0;pwnedxy"
            ]
        );
        let msgs: Vec<String> = p.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert_eq!(msgs[0], "r.jsonl:5: error: field \"id\": expected a string or a number, found an array; line skipped");
        assert!(
            msgs[1].starts_with("r.jsonl:6: error: field \"id\""),
            "{}",
            msgs[1]
        );
        assert!(msgs[1].contains("found a boolean"));
        assert_eq!(
            msgs[2],
            "r.jsonl:7: error: expected a JSON object, found an array; line skipped"
        );
    }

    #[test]
    fn wrong_types_are_named_with_field_expected_found() {
        let p = parse(concat!(
            "{\"id\":\"a\",\"date\":20220101,\"text\":\"Kept.\",\"title\":[\"x\"],\"source\":{\"n\":1}}\n",
            "{\"id\":\"b\",\"date\":\"2022-01-01\",\"text\":42}\n",
            "{\"id\":\"c\",\"date\":null,\"text\":\"Null is absent.\",\"title\":null}\n",
        ));
        let msgs: Vec<String> = p.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(p.articles.len(), 2, "{msgs:#?}");
        assert_eq!(
            p.articles[0].title, "",
            "no headline: the index shows the lead"
        );
        assert_eq!(p.articles[0].source, None);
        assert!(msgs[0].starts_with("r.jsonl:1: error: article \"a\": field \"date\": expected a string (YYYY-MM-DD or a timestamp), found a number; kept as undated"), "{}", msgs[0]);
        assert_eq!(msgs[1], "r.jsonl:1: error: article \"a\": field \"title\": expected a string, found an array; field ignored");
        assert!(msgs[2].contains("field \"source\": expected a string, found an object"));
        assert_eq!(msgs[3], "r.jsonl:2: error: article \"b\": field \"text\": expected a string, found a number; line skipped");
        assert!(
            msgs[4].contains("article \"c\": no \"date\" field"),
            "{}",
            msgs[4]
        );
        assert_eq!(msgs.len(), 5);
    }

    #[test]
    fn timestamps_are_validated_fully() {
        let p = parse(concat!(
            "{\"id\":\"a\",\"date\":\"2022-02-24T25:00\",\"text\":\"x\"}\n",
            "{\"id\":\"b\",\"date\":\"2022-01-01T25:99:99Z\",\"text\":\"x\"}\n",
            "{\"id\":\"c\",\"date\":\"2022-02-24T04:00:00+02:00\",\"text\":\"x\"}\n",
        ));
        let msgs: Vec<String> = p.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(msgs[0], "r.jsonl:1: error: article \"a\": field \"date\": impossible timestamp 2022-02-24T25:00: hour 25 is not between 0 and 23; kept as undated");
        assert!(msgs[1].starts_with("r.jsonl:2: error"), "{}", msgs[1]);
        assert_eq!(msgs.len(), 2);
        assert_eq!(p.articles[2].date_string().as_deref(), Some("2022-02-24"));
    }

    #[test]
    fn control_characters_from_escapes_never_survive() {
        let p = parse("{\"id\":\"x\",\"date\":\"2022-01-01\",\"title\":\"\\u001b[2JClear\\u0000ed\",\"source\":\"\\u009bS\",\"text\":\"Body \\u001b]0;title\\u0007 here.\\nNext\\tline.\"}\n");
        let a = &p.articles[0];
        assert_eq!(a.title, "[2JCleared");
        assert_eq!(a.source.as_deref(), Some("S"));
        let all = format!("{}{}{:?}", a.id, a.title, a.paragraphs);
        assert!(!all.chars().any(|c| c.is_control()), "{all:?}");
    }

    #[test]
    fn a_line_over_the_cap_is_skipped_without_holding_it() {
        let mut buf = Vec::new();
        let input = b"aaaaaaaaaa\nbb\nccccccccccccccccccccccccc";
        let mut r = std::io::BufReader::with_capacity(4, &input[..]);
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), 11);
        assert_eq!(buf, b"aaaaa");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), 3);
        assert_eq!(buf, b"bb\n");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), 25);
        assert_eq!(buf.len(), 5);
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), 0);
    }

    #[test]
    fn utf16_file_with_bom_decodes_as_it_streams() {
        let text = "{\"id\":\"k\",\"date\":\"2022-02-24\",\"text\":\"Київ.\"}\n{\"date\":\"2022-02-25\",\"text\":\"Two.\"}\n";
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let p = parse_jsonl("w.jsonl", "w", &bytes[..]);
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[0].paragraphs, ["Київ."]);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(
            p.diagnostics[0].to_string(),
            "w.jsonl: warning: UTF-16BE text (byte order mark) decoded to UTF-8"
        );
    }
}
