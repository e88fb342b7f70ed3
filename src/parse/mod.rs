//! Parsing input documents into [`Article`]s, with diagnostics.
//!
//! Two input formats:
//! - the seed format (`.txt`): optional leading whitespace, `date YYYY-MM-DD`,
//!   a space, then the text; paragraphs separated by blank lines;
//! - JSON Lines (`.jsonl`, `.ndjson`): one object a line with `date`, `text`,
//!   and optional `id`, `title`, `source`.
//!
//! Bad input never stops the rest: every problem becomes one [`Diagnostic`]
//! naming the file (and line) and what is wrong, and whatever is readable is
//! still returned (an article with a bad date is kept as undated).

mod jsonl;
mod seed;
mod text;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tsify::Tsify;

use crate::article::Article;

pub use jsonl::parse_jsonl;
pub use seed::parse_seed;
pub use text::{parse_date, split_paragraphs, title_from};

/// Files larger than this are not read: no news article is this long, and a
/// multi-gigabyte file would exhaust the page's memory. JSON Lines files are
/// exempt (they are read line by line); their lines obey the same limit.
pub const MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;

/// How bad a problem is: an error means the input is wrong (the article may
/// still be kept, e.g. undated); a warning means it was repaired as expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one input, located by file and (where known) line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, sev, self.message),
            None => write!(f, "{}: {}: {}", self.file, sev, self.message),
        }
    }
}

/// What parsing a set of inputs produced.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// Number of error-severity diagnostics.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    fn extend(&mut self, other: Parsed) {
        self.articles.extend(other.articles);
        self.diagnostics.extend(other.diagnostics);
    }

    /// Make ids unique: a later duplicate gets a `~2`, `~3`… suffix and a warning,
    /// because the reader and permalinks address articles by id.
    fn dedupe_ids(&mut self) {
        let mut seen = std::collections::HashMap::<String, usize>::new();
        for a in &mut self.articles {
            let n = seen.entry(a.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let new_id = format!("{}~{}", a.id, n);
                self.diagnostics.push(Diagnostic {
                    file: a.id.clone(),
                    line: None,
                    severity: Severity::Warning,
                    message: format!("duplicate article id {:?}, renamed to {:?}", a.id, new_id),
                });
                a.id = new_id;
            }
        }
    }
}

/// Which format a path holds, by its extension.
fn format_of(path: &Path) -> Option<Format> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("txt") => Some(Format::Seed),
        Some("jsonl") | Some("ndjson") => Some(Format::Jsonl),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Format {
    Seed,
    Jsonl,
}

/// Parse files and folders (recursively: `.txt` in the seed format, `.jsonl`
/// / `.ndjson` as JSON Lines; other files are ignored), in path order.
/// A path that cannot be read becomes a diagnostic.
pub fn load_paths(paths: &[PathBuf]) -> Parsed {
    let mut files = Vec::new();
    let mut parsed = Parsed::default();
    for p in paths {
        collect_files(p, &mut files, &mut parsed.diagnostics, true);
    }
    for (path, format) in files {
        parsed.extend(load_file(&path, format));
    }
    parsed.dedupe_ids();
    parsed
}

fn collect_files(
    path: &Path,
    out: &mut Vec<(PathBuf, Format)>,
    diags: &mut Vec<Diagnostic>,
    explicit: bool,
) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(io_diag(path, &e));
            return;
        }
    };
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                diags.push(io_diag(path, &e));
                return;
            }
        };
        entries.sort();
        for e in entries {
            collect_files(&e, out, diags, false);
        }
    } else if let Some(f) = format_of(path) {
        out.push((path.to_path_buf(), f));
    } else if explicit {
        diags.push(Diagnostic {
            file: path.display().to_string(),
            line: None,
            severity: Severity::Error,
            message:
                "unknown file type: expected .txt (seed format) or .jsonl/.ndjson (JSON Lines)"
                    .into(),
        });
    }
}

fn io_diag(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic {
        file: path.display().to_string(),
        line: None,
        severity: Severity::Error,
        message: format!("cannot read: {e}"),
    }
}

fn load_file(path: &Path, format: Format) -> Parsed {
    let name = path.display().to_string();
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string();
    if let Format::Seed = format {
        match std::fs::metadata(path) {
            Ok(m) if m.len() as usize > MAX_ARTICLE_BYTES => {
                return Parsed {
                    articles: vec![],
                    diagnostics: vec![Diagnostic {
                        file: name,
                        line: None,
                        severity: Severity::Error,
                        message: format!(
                        "file is {} bytes, larger than the {} byte limit for one article; skipped",
                        m.len(),
                        MAX_ARTICLE_BYTES
                    ),
                    }],
                }
            }
            _ => {}
        }
    }
    let failed = |e: std::io::Error| Parsed {
        articles: vec![],
        diagnostics: vec![io_diag(path, &e)],
    };
    match format {
        Format::Seed => match std::fs::read(path) {
            Ok(bytes) => parse_seed(&name, &stem, &bytes),
            Err(e) => failed(e),
        },
        Format::Jsonl => match std::fs::File::open(path) {
            Ok(f) => parse_jsonl(&name, &stem, std::io::BufReader::new(f)),
            Err(e) => failed(e),
        },
    }
}

/// Build an article from its parts, reporting an empty body (no article then).
#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble(
    file: &str,
    line: Option<usize>,
    id: String,
    date: Option<chrono::NaiveDate>,
    title: Option<String>,
    source: Option<String>,
    body: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let mut paragraphs = split_paragraphs(body);
    let mut source = source;
    if source.is_none() {
        if let Some((name, rest)) = paragraphs.first().and_then(|p| text::split_source(p)) {
            source = Some(name);
            paragraphs[0] = rest;
        }
    }
    if paragraphs.is_empty() {
        diags.push(Diagnostic {
            file: file.to_string(),
            line,
            severity: Severity::Error,
            message: format!("article {id:?}: empty body; skipped"),
        });
        return None;
    }
    let title = title.unwrap_or_else(|| title_from(&paragraphs[0]));
    Some(Article {
        id,
        date,
        title,
        source,
        paragraphs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_folder_in_path_order_and_reports_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), " date 2022-01-02 Second one.").unwrap();
        std::fs::write(dir.path().join("a.txt"), "date 2022-01-01 First one.").unwrap();
        std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        let parsed = load_paths(&[dir.path().to_path_buf(), dir.path().join("missing.txt")]);
        let ids: Vec<_> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(parsed.errors(), 1);
        assert!(parsed.diagnostics[0].file.ends_with("missing.txt"));
    }

    #[test]
    fn duplicate_ids_are_renamed_with_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("x")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "date 2022-01-01 One.").unwrap();
        std::fs::write(dir.path().join("x/a.txt"), "date 2022-01-01 Two.").unwrap();
        let parsed = load_paths(&[dir.path().to_path_buf()]);
        let ids: Vec<_> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "a~2"]);
        assert_eq!(parsed.diagnostics[0].severity, Severity::Warning);
    }

    #[test]
    fn huge_file_is_skipped_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let big = format!(
            "date 2022-01-01 {}",
            "word ".repeat(MAX_ARTICLE_BYTES / 5 + 10)
        );
        std::fs::write(dir.path().join("big.txt"), big).unwrap();
        std::fs::write(dir.path().join("ok.txt"), "date 2022-01-01 Fine.").unwrap();
        let parsed = load_paths(&[dir.path().to_path_buf()]);
        assert_eq!(parsed.articles.len(), 1);
        assert!(
            parsed.diagnostics[0].message.contains("larger than"),
            "{}",
            parsed.diagnostics[0]
        );
    }
}
