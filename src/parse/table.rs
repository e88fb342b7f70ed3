//! CSV and TSV tables with a header row: one article a row, columns found
//! by name (case and punctuation ignored): `date`/`published`,
//! `title`/`headline`, `text`/`body`/`content`, `id`, `source`/`outlet`.
//! RFC 4180 quoting (fields with separators, embedded newlines, doubled
//! quotes) is the `csv` crate's.

use super::assemble::{assemble, Parsed};
use super::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use super::text::{decode, strip_controls};
use super::webdate::parse_web_date;

/// Header names of each column, normalised (lower case, letters and digits).
const DATE_NAMES: &[&str] = &[
    "date",
    "published",
    "publishedat",
    "publishdate",
    "pubdate",
    "datepublished",
];
const TITLE_NAMES: &[&str] = &["title", "headline"];
/// In order of preference when a table has several.
const TEXT_NAMES: &[&str] = &["text", "body", "content", "articletext", "fulltext"];
const ID_NAMES: &[&str] = &["id", "articleid"];
const SOURCE_NAMES: &[&str] = &["source", "outlet", "publisher", "sourcename"];

fn normal(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field separator: `tab` for `.tsv`, else whichever of tab, comma and
/// semicolon is most common in the header line (outside quotes), comma on a tie.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            '\t' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            ';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[0] > counts[1] && counts[0] >= counts[2] {
        b'\t'
    } else if counts[2] > counts[1] {
        b';'
    } else {
        b','
    }
}

/// Which column holds what.
struct Columns {
    date: Option<usize>,
    title: Option<usize>,
    text: usize,
    id: Option<usize>,
    source: Option<usize>,
}

fn columns(header: &csv::StringRecord) -> Option<Columns> {
    let names: Vec<String> = header.iter().map(normal).collect();
    let find = |wanted: &[&str]| {
        wanted
            .iter()
            .find_map(|w| names.iter().position(|n| n == w))
    };
    Some(Columns {
        date: find(DATE_NAMES),
        title: find(TITLE_NAMES),
        text: find(TEXT_NAMES)?,
        id: find(ID_NAMES),
        source: find(SOURCE_NAMES),
    })
}

/// Parse one table. `file` names it in messages; `delimiter` is the field
/// separator when the extension says it (`.tsv`), else it is sniffed. Ids
/// are the `id` column, else `<stem>:<line>` (the line the row starts on).
pub fn parse_table(file: &str, stem: &str, bytes: &[u8], delimiter: Option<u8>) -> Parsed {
    let mut diagnostics = Vec::new();
    let text = decode(file, None, bytes, &mut diagnostics);
    // Spreadsheets write a byte order mark and CRLF: normal here.
    diagnostics.retain(|d| d.severity() == Severity::Error);
    let mut parsed = Parsed {
        articles: Vec::new(),
        diagnostics,
    };
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(&text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            parsed.diagnostics.push(Diagnostic::new(
                file,
                Some(1),
                DiagnosticKind::MalformedTable {
                    reason: e.to_string(),
                },
            ));
            return parsed;
        }
    };
    let Some(cols) = columns(&header) else {
        let shown: Vec<String> = header
            .iter()
            .take(12)
            .map(|h| strip_controls(h, false))
            .collect();
        parsed.diagnostics.push(Diagnostic::new(
            file,
            Some(1),
            DiagnosticKind::NoTextColumn {
                header: shown.join(", "),
            },
        ));
        return parsed;
    };
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => row(file, stem, &cols, &record, &mut parsed),
            Err(e) => {
                let at = e.position().map_or(line, |p| p.line() as usize);
                match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => parsed.diagnostics.push(Diagnostic::new(
                        file,
                        Some(at),
                        DiagnosticKind::FieldCount {
                            expected: *expected_len,
                            found: *len,
                        },
                    )),
                    _ => {
                        parsed.diagnostics.push(Diagnostic::new(
                            file,
                            Some(at),
                            DiagnosticKind::MalformedTable {
                                reason: e.to_string(),
                            },
                        ));
                        break;
                    }
                }
            }
        }
    }
    parsed
}

/// One row read whole: its article, or the messages that say why not.
fn row(file: &str, stem: &str, cols: &Columns, record: &csv::StringRecord, parsed: &mut Parsed) {
    let line = record.position().map_or(0, |p| p.line() as usize);
    let get = |i: Option<usize>| {
        i.and_then(|i| record.get(i))
            .map(|s| strip_controls(s.trim(), false))
            .filter(|s| !s.is_empty())
    };
    let id = get(cols.id).unwrap_or_else(|| format!("{stem}:{line}"));
    let date = match get(cols.date) {
        Some(d) => match parse_web_date(&d) {
            Ok(day) => Some(day),
            Err(why) => {
                parsed.diagnostics.push(Diagnostic::new(
                    file,
                    Some(line),
                    DiagnosticKind::BadDate {
                        article: Some(id.clone()),
                        why,
                    },
                ));
                None
            }
        },
        None => {
            parsed.diagnostics.push(Diagnostic::new(
                file,
                Some(line),
                DiagnosticKind::NoDate {
                    article: id.clone(),
                    looked_for: if cols.date.is_some() {
                        "the date column, empty in this row"
                    } else {
                        "a date or published column"
                    },
                },
            ));
            None
        }
    };
    let body = record
        .get(cols.text)
        .map(|t| strip_controls(t, true))
        .unwrap_or_default();
    if let Some(article) = assemble(
        file,
        Some(line),
        id,
        date,
        get(cols.title),
        get(cols.source),
        &body,
        &mut parsed.diagnostics,
    ) {
        parsed.articles.push(article);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_bad_rows() {
        let csv = "Id,Published,Headline,Body,Outlet\n\
            a1,2022-02-24,\"Bridge, closed\",\"He said \"\"no\"\".\n\nSecond paragraph.\",Courier\n\
            a2,2022-02-25,Short row\n\
            a3,2022-02-26,Fine,Text three.,Herald\n";
        let parsed = parse_table("t.csv", "t", csv.as_bytes(), None);
        let ids: Vec<_> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a3"]);
        let a = &parsed.articles[0];
        assert_eq!(a.title, "Bridge, closed");
        assert_eq!(a.paragraphs, ["He said \"no\".", "Second paragraph."]);
        assert_eq!(a.source.as_deref(), Some("Courier"));
        assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
        assert_eq!(parsed.diagnostics[0].line, Some(5));
    }

    #[test]
    fn tsv_is_sniffed() {
        let tsv = "date\ttext\n2022-01-01\tOne, two, three.\n";
        let parsed = parse_table("t.txt", "t", tsv.as_bytes(), None);
        assert_eq!(parsed.articles[0].paragraphs, ["One, two, three."]);
        assert_eq!(parsed.articles[0].id, "t:2");
    }

    #[test]
    fn no_text_column() {
        let parsed = parse_table("t.csv", "t", b"date,title\n2022-01-01,x\n", None);
        assert!(parsed.articles.is_empty());
        assert!(parsed.diagnostics[0].message().contains("date, title"));
    }
}
