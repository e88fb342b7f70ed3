//! Loading files and folders: which format a path holds, folders read
//! recursively in path order, each file parsed by its format.

use std::path::{Path, PathBuf};

use super::assemble::{Parsed, MAX_ARTICLE_BYTES};
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::jsonl::parse_jsonl;
use super::seed::parse_seed;

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
        diags.push(Diagnostic::new(
            path.display().to_string(),
            None,
            DiagnosticKind::UnknownFileType,
        ));
    }
}

fn io_diag(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        path.display().to_string(),
        None,
        DiagnosticKind::Unreadable {
            reason: e.to_string(),
        },
    )
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
                    diagnostics: vec![Diagnostic::new(
                        name,
                        None,
                        DiagnosticKind::FileTooLarge {
                            bytes: m.len(),
                            limit: MAX_ARTICLE_BYTES,
                        },
                    )],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Severity;

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
        assert_eq!(parsed.diagnostics[0].severity(), Severity::Warning);
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
            parsed.diagnostics[0].message().contains("larger than"),
            "{}",
            parsed.diagnostics[0]
        );
    }
}
