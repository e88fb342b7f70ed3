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
    /// A byte order mark at the start, removed.
    ByteOrderMark,
    /// CR or CRLF line ends, converted to LF.
    CrLineEnds,
    /// Bytes that are not UTF-8, at byte `byte` (column `column`) of the input;
    /// replaced with U+FFFD. `bytes` are the offending ones, as written (`0xff`).
    InvalidUtf8 {
        byte: usize,
        column: usize,
        bytes: String,
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
    /// A JSON Lines line that is not JSON, at `column`: skipped.
    MalformedJson { column: usize, reason: String },
    /// An article whose body has no text: skipped.
    EmptyBody { article: String },
    /// A second article with an id already used: renamed.
    DuplicateId { id: String, renamed: String },
}

impl DiagnosticKind {
    /// Repairs that always succeed are warnings; everything else is an error.
    pub fn severity(&self) -> Severity {
        match self {
            DiagnosticKind::ByteOrderMark
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
            ByteOrderMark => write!(f, "byte order mark (BOM) at start of file removed"),
            CrLineEnds => write!(f, "CRLF line ends converted to LF"),
            InvalidUtf8 {
                byte,
                column,
                bytes,
            } => write!(
                f,
                "invalid UTF-8 at byte {byte} (column {column}): {bytes}; replaced with U+FFFD"
            ),
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity() {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, sev, self.kind),
            None => write!(f, "{}: {}: {}", self.file, sev, self.kind),
        }
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
