//! What can be wrong with an input, and where: [`Diagnostic`] is the parse
//! layer's error type (as rust-csv's `Error`: a kind with its position), and
//! [`DiagnosticKind`] says what went wrong with the values that show it.

use std::fmt;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// How bad a problem is: an error means the input is wrong (the article may
/// still be kept, e.g. undated); a warning means it was repaired as expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// What is wrong with one input. The `Display` text is the message shown to
/// people; [`DiagnosticKind::severity`] how bad it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// A path named on the command line is neither a folder nor a known format.
    UnknownFileType,
    /// The operating system refused to read it (its own words).
    Unreadable { reason: String },
    /// Reading a JSON Lines file failed part way (its own words); the rest is skipped.
    ReadFailed { reason: String },
    /// A seed file over `limit` bytes: skipped whole.
    FileTooLarge { bytes: u64, limit: usize },
    /// A JSON Lines line over `limit` bytes: that line is skipped.
    LineTooLarge { bytes: usize, limit: usize },
    /// A folder link that leads back to `ancestor` (a loop): not followed.
    FileLoop { ancestor: String },
    /// The same file (by identity) reached again, through a link: read once, as `first`.
    DuplicateFile { first: String },
    /// A FIFO, device or socket with an input's name (`what` it is): never
    /// opened, since reading one may block forever or never end.
    NotAFile { what: String },
    /// No article at all in the inputs named (`inputs`).
    EmptyInput { inputs: String },
    /// A byte order mark at the start, removed.
    ByteOrderMark,
    /// Text in `encoding` (named by its byte order mark), decoded to UTF-8.
    Decoded { encoding: String },
    /// Valid UTF-8 full of NUL bytes, which look like `guess` (UTF-16
    /// without its mark): the NULs are removed, the rest kept.
    NulBytes { guess: String },
    /// A UTF-16 unit at byte `byte` of the file that is half a pair; replaced with U+FFFD.
    InvalidUtf16 { byte: usize },
    /// CR or CRLF line ends, converted to LF.
    CrLineEnds,
    /// Bytes that are not UTF-8, at byte `byte` (column `column`) of the input;
    /// replaced with U+FFFD. `bytes` are the offending ones, as written (`0xff`);
    /// `guess` is the encoding the bytes look like, when one stands out.
    InvalidUtf8 {
        byte: usize,
        column: usize,
        bytes: String,
        guess: Option<String>,
    },
    /// A seed file without its `date YYYY-MM-DD` header; `starts` is how its text begins.
    MissingHeader { starts: String },
    /// A date that is not a calendar day (`why` says how); the article is kept
    /// undated. `article` names it in formats with several articles a file.
    BadDate {
        article: Option<String>,
        why: String,
    },
    /// A JSON Lines article without a `date` field: kept undated.
    MissingDate { article: String },
    /// A JSON Lines article without a `text` string: skipped.
    MissingText { article: String },
    /// A JSON Lines field of the wrong JSON type: `expected`, `found`, and
    /// what was done (`outcome`: the field ignored, the line skipped).
    WrongType {
        article: Option<String>,
        field: &'static str,
        expected: &'static str,
        found: &'static str,
        outcome: &'static str,
    },
    /// A JSON Lines line that is JSON but not an object (`found`): skipped.
    NotAnObject { found: &'static str },
    /// A JSON Lines line that is not JSON, at `column`: skipped.
    MalformedJson { column: usize, reason: String },
    /// An article whose body has no text: skipped.
    EmptyBody { article: String },
    /// A second article with an id already used: renamed.
    DuplicateId { id: String, renamed: String },
    /// An article (an HTML page, a feed item, a table row) with no date in
    /// any of the places its format keeps one (`looked_for`): kept undated.
    NoDate {
        article: String,
        looked_for: &'static str,
    },
    /// A feed or HTML file over `limit` bytes: skipped whole.
    CollectionTooLarge { bytes: u64, limit: usize },
    /// A feed that is not well-formed XML at byte `byte` (`reason`); the item
    /// it is in (`item`, numbered from 1) is skipped, reading resumes at the
    /// next item.
    MalformedXml {
        byte: u64,
        item: Option<usize>,
        reason: String,
    },
    /// An XML file whose root (`root`) is neither RSS nor Atom: not read.
    NotAFeed { root: String },
    /// A CSV/TSV row with `found` fields where the header has `expected`: skipped.
    FieldCount { expected: u64, found: u64 },
    /// A CSV/TSV file the reader cannot read on (`reason`); the rest is skipped.
    MalformedTable { reason: String },
    /// HTML nested so deep that building its tree would take unbounded
    /// time (`article` names a feed item): skipped.
    NestedTooDeep { article: Option<String> },
    /// A CSV/TSV header without a text column (`header` is what it has): nothing read.
    NoTextColumn { header: String },
}

impl DiagnosticKind {
    /// Repairs that always succeed are warnings; everything else is an error.
    pub fn severity(&self) -> Severity {
        match self {
            DiagnosticKind::ByteOrderMark
            | DiagnosticKind::Decoded { .. }
            | DiagnosticKind::NulBytes { .. }
            | DiagnosticKind::FileLoop { .. }
            | DiagnosticKind::DuplicateFile { .. }
            | DiagnosticKind::CrLineEnds
            | DiagnosticKind::DuplicateId { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DiagnosticKind::*;
        match self {
            UnknownFileType if cfg!(feature = "formats") => write!(
                f,
                "unknown file type: expected .txt (seed format), .jsonl/.ndjson (JSON Lines), \
                 .html/.htm (a web page), .xml/.rss/.atom (a feed) or .csv/.tsv (a table)"
            ),
            UnknownFileType => write!(
                f,
                "unknown file type: expected .txt (seed format) or .jsonl/.ndjson (JSON Lines)"
            ),
            Unreadable { reason } => write!(f, "cannot read: {reason}"),
            ReadFailed { reason } => write!(f, "read failed: {reason}; rest of file skipped"),
            FileTooLarge { bytes, limit } => write!(
                f,
                "file is {bytes} bytes, larger than the {limit} byte limit for one article; skipped"
            ),
            LineTooLarge { bytes, limit } => write!(
                f,
                "line is {bytes} bytes, larger than the {limit} byte limit for one article; skipped"
            ),
            FileLoop { ancestor } => write!(
                f,
                "link loops back to {ancestor}; not followed (its files are read once, there)"
            ),
            DuplicateFile { first } => {
                write!(f, "same file as {first} (through a link); read once")
            }
            NotAFile { what } => write!(f, "{what}, not a regular file; skipped without reading"),
            EmptyInput { inputs } => write!(f, "no articles found in {inputs}"),
            ByteOrderMark => write!(f, "byte order mark (BOM) at start of file removed"),
            Decoded { encoding } => write!(f, "{encoding} text (byte order mark) decoded to UTF-8"),
            NulBytes { guess } => write!(f, "NUL bytes removed: the text looks like {guess}"),
            InvalidUtf16 { byte } => write!(
                f,
                "invalid UTF-16 at byte {byte}: half a surrogate pair; replaced with U+FFFD"
            ),
            CrLineEnds => write!(f, "CRLF line ends converted to LF"),
            InvalidUtf8 {
                byte,
                column,
                bytes,
                guess,
            } => {
                write!(f, "invalid UTF-8 at byte {byte} (column {column}): {bytes}")?;
                if let Some(g) = guess {
                    write!(f, " (looks like {g})")?;
                }
                write!(f, "; replaced with U+FFFD")
            }
            MissingHeader { starts } => write!(
                f,
                "missing `date YYYY-MM-DD` header (text starts {starts:?}); article kept as undated"
            ),
            BadDate {
                article: Some(id),
                why,
            } => write!(f, "article {id:?}: {why}; kept as undated"),
            BadDate { article: None, why } => write!(f, "{why}; article kept as undated"),
            MissingDate { article } => {
                write!(f, "article {article:?}: no \"date\" field; kept as undated")
            }
            MissingText { article } => {
                write!(
                    f,
                    "article {article:?}: no \"text\" field (a string); skipped"
                )
            }
            WrongType {
                article,
                field,
                expected,
                found,
                outcome,
            } => {
                if let Some(id) = article {
                    write!(f, "article {id:?}: ")?;
                }
                write!(
                    f,
                    "field {field:?}: expected {expected}, found {found}; {outcome}"
                )
            }
            NotAnObject { found } => {
                write!(f, "expected a JSON object, found {found}; line skipped")
            }
            MalformedJson { column, reason } => {
                write!(
                    f,
                    "malformed JSON at column {column}: {reason}; line skipped"
                )
            }
            EmptyBody { article } => write!(f, "article {article:?}: empty body; skipped"),
            DuplicateId { id, renamed } => {
                write!(f, "duplicate article id {id:?}, renamed to {renamed:?}")
            }
            NoDate {
                article,
                looked_for,
            } => write!(
                f,
                "article {article:?}: no date (looked for {looked_for}); kept as undated"
            ),
            CollectionTooLarge { bytes, limit } => write!(
                f,
                "file is {bytes} bytes, larger than the {limit} byte limit for one file; skipped"
            ),
            MalformedXml {
                byte,
                item: Some(n),
                reason,
            } => write!(
                f,
                "malformed XML at byte {byte} (in item {n}): {reason}; item {n} skipped, reading resumes at the next item"
            ),
            MalformedXml {
                byte,
                item: None,
                reason,
            } => write!(
                f,
                "malformed XML at byte {byte}: {reason}; reading resumes at the next item"
            ),
            NotAFeed { root } => write!(
                f,
                "XML whose root element is <{root}>, not an RSS or Atom feed; skipped"
            ),
            FieldCount { expected, found } => write!(
                f,
                "row has {found} field{}, the header has {expected}; row skipped",
                if *found == 1 { "" } else { "s" }
            ),
            MalformedTable { reason } => write!(f, "unreadable table: {reason}; rest of file skipped"),
            NestedTooDeep { article } => {
                if let Some(id) = article {
                    write!(f, "article {id:?}: ")?;
                }
                write!(f, "HTML nested too deeply to read in bounded time; skipped")
            }
            NoTextColumn { header } => write!(
                f,
                "no text column (text, body or content) in the header ({header}); nothing read"
            ),
        }
    }
}

/// One problem in one input, located by file and (where known) line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "DiagnosticRecord")]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// A problem in `file`, at `line` when known.
    pub fn new(file: impl Into<String>, line: Option<usize>, kind: DiagnosticKind) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line,
            kind,
        }
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// What is wrong, in words (without the file and line).
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

/// The printed form: `file:line: severity: message`. A control character
/// (from a file name, say) is written escaped (`\u{1b}`), so a message can
/// never drive the terminal it is printed on.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity() {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let text = match self.line {
            Some(line) => format!("{}:{}: {}: {}", self.file, line, sev, self.kind),
            None => format!("{}: {}: {}", self.file, sev, self.kind),
        };
        for c in text.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// A [`Diagnostic`] as written out (the manifest, `dateline check --json`)
/// and read back (the page lists the manifest's): the kind becomes its
/// severity and message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct DiagnosticRecord {
    pub file: String,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl From<Diagnostic> for DiagnosticRecord {
    fn from(d: Diagnostic) -> DiagnosticRecord {
        DiagnosticRecord {
            severity: d.severity(),
            message: d.message(),
            file: d.file,
            line: d.line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_messages_escape_control_characters() {
        let d = Diagnostic::new(
            "evil\u{1b}[2J.txt",
            Some(3),
            DiagnosticKind::Unreadable {
                reason: "bad\u{0}".into(),
            },
        );
        assert_eq!(
            d.to_string(),
            "evil\\u{1b}[2J.txt:3: error: cannot read: bad\\u{0}"
        );
    }
}
