//! Loading files and folders: which format a path holds, folders read
//! recursively in path order (each file once, loops cut, special files never
//! opened), each file parsed by its format with every read bounded.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::assemble::{Parsed, UniqueIds, MAX_ARTICLE_BYTES};
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::jsonl::parse_jsonl_each;
use super::seed::parse_seed;
use super::text::strip_controls;
use crate::article::Article;

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
        #[cfg(feature = "formats")]
        Some(other) => super::formats::web_format(other).map(Format::Web),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Format {
    Seed,
    Jsonl,
    /// HTML, feeds, tables (read whole, sniffed, then parsed).
    #[cfg(feature = "formats")]
    Web(super::formats::Web),
}

/// Parse files and folders (recursively, following links: `.txt` in the
/// seed format, `.jsonl` / `.ndjson` as JSON Lines, and with the `formats`
/// feature `.html`/`.htm` pages, `.xml`/`.rss`/`.atom` feeds, `.csv`/`.tsv`
/// tables; other files are ignored), in path order. Each file is read once, however many links lead
/// to it; a link back to a folder being walked (a loop) is not followed;
/// FIFOs, devices and sockets are never opened. A path that cannot be read
/// becomes a diagnostic, and so do inputs that hold no article at all.
pub fn load_paths(paths: &[PathBuf]) -> Parsed {
    let mut articles = Vec::new();
    let mut parsed = load_paths_each(paths, &mut |a| articles.push(a));
    parsed.articles = articles;
    parsed
}

/// [`load_paths`] handing each article to `each` as it is parsed (in
/// path order, then file order), its id made unique first, rather than
/// collecting them: `dateline build` spills them to disk so, and never
/// holds the collection. Returns the messages (no articles).
pub fn load_paths_each(paths: &[PathBuf], each: &mut dyn FnMut(Article)) -> Parsed {
    let mut files = Walk::default();
    let mut parsed = Parsed::default();
    for p in paths {
        files.collect(p, &mut parsed.diagnostics);
    }
    // Ids are made unique in article order (see `UniqueIds`); the
    // warnings follow every file's own messages.
    let mut ids = UniqueIds::default();
    let mut renamed = Vec::new();
    let mut count = 0usize;
    for (path, format) in files.files {
        let file = load_file_each(&path, format, &mut |mut a| {
            let at = a.id.clone();
            renamed.extend(ids.claim(&at, &mut a.id));
            count += 1;
            each(a);
        });
        parsed.diagnostics.extend(file.diagnostics);
    }
    parsed.diagnostics.extend(renamed);
    if count == 0 {
        let inputs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        parsed.diagnostics.push(Diagnostic::new(
            inputs.join(", "),
            None,
            DiagnosticKind::EmptyInput {
                inputs: if inputs.len() == 1 {
                    "this input".to_string()
                } else {
                    "these inputs".to_string()
                },
            },
        ));
    }
    parsed
}

/// A file's identity: the same file reached by two paths (links) has one.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_path: &Path, meta: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path, _meta: &std::fs::Metadata) -> Option<FileId> {
    std::fs::canonicalize(path).ok()
}

/// What a file that is not a regular file is, in words.
fn special_kind(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        let what = if t.is_fifo() {
            "a FIFO (named pipe)"
        } else if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "a special file"
        };
        what.to_string()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        "a special file".to_string()
    }
}

/// The files found so far, in walk order, each once.
#[derive(Default)]
struct Walk {
    files: Vec<(PathBuf, Format)>,
    seen: std::collections::HashMap<FileId, PathBuf>,
}

impl Walk {
    /// Add `path`: a file, or every file under a folder (sorted by name,
    /// following links, loops reported and cut).
    fn collect(&mut self, path: &Path, diags: &mut Vec<Diagnostic>) {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                diags.push(io_diag(path, &e));
                return;
            }
        };
        if !meta.is_dir() {
            self.consider(path, &meta, true, diags);
            return;
        }
        let walk = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => match e.metadata() {
                    Ok(meta) => self.consider(e.path(), &meta, false, diags),
                    Err(err) => diags.push(walk_diag(path, &err)),
                },
                Err(err) => diags.push(walk_diag(path, &err)),
            }
        }
    }

    /// A file found at `path`: kept if it is a regular file of a known
    /// format not seen before (by identity). Only its metadata is read here:
    /// opening a FIFO would block.
    fn consider(
        &mut self,
        path: &Path,
        meta: &std::fs::Metadata,
        explicit: bool,
        diags: &mut Vec<Diagnostic>,
    ) {
        let name = path.display().to_string();
        let Some(format) = format_of(path) else {
            if explicit {
                diags.push(Diagnostic::new(name, None, DiagnosticKind::UnknownFileType));
            }
            return;
        };
        if !meta.is_file() {
            let what = special_kind(meta);
            diags.push(Diagnostic::new(
                name,
                None,
                DiagnosticKind::NotAFile { what },
            ));
            return;
        }
        if let Some(id) = file_id(path, meta) {
            if let Some(first) = self.seen.get(&id) {
                let first = first.display().to_string();
                diags.push(Diagnostic::new(
                    name,
                    None,
                    DiagnosticKind::DuplicateFile { first },
                ));
                return;
            }
            self.seen.insert(id, path.to_path_buf());
        }
        self.files.push((path.to_path_buf(), format));
    }
}

/// A walk error: a link loop (named with the folder it leads back to), or
/// what the operating system said.
fn walk_diag(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let at = err.path().unwrap_or(root).display().to_string();
    match err.loop_ancestor() {
        Some(ancestor) => Diagnostic::new(
            at,
            None,
            DiagnosticKind::FileLoop {
                ancestor: ancestor.display().to_string(),
            },
        ),
        None => Diagnostic::new(
            at,
            None,
            DiagnosticKind::Unreadable {
                reason: err
                    .io_error()
                    .map_or_else(|| err.to_string(), |e| e.to_string()),
            },
        ),
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

/// Why a file was not opened for reading.
enum Opened {
    Failed(std::io::Error),
    NotAFile(String),
}

/// Open `path` for reading only if it is a regular file, judged on the open
/// handle: the walk checked it already, but it may have been replaced since.
/// On Unix the open does not block (a FIFO would wait for a writer).
fn open_regular(path: &Path) -> Result<std::fs::File, Opened> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(Opened::Failed)?;
    let meta = file.metadata().map_err(Opened::Failed)?;
    if !meta.is_file() {
        return Err(Opened::NotAFile(special_kind(&meta)));
    }
    Ok(file)
}

#[cfg(test)]
fn load_file(path: &Path, format: Format) -> Parsed {
    let mut articles = Vec::new();
    let mut parsed = load_file_each(path, format, &mut |a| articles.push(a));
    parsed.articles = articles;
    parsed
}

/// One file's articles handed to `each` (JSON Lines as they are parsed);
/// returns its messages (no articles).
fn load_file_each(path: &Path, format: Format, each: &mut dyn FnMut(Article)) -> Parsed {
    let mut parsed = read_file(path, format, each);
    parsed.articles.drain(..).for_each(each);
    parsed
}

/// [`load_file_each`]: JSON Lines handed to `each`, other formats
/// returned whole (a file of them is bounded).
fn read_file(path: &Path, format: Format, each: &mut dyn FnMut(Article)) -> Parsed {
    let name = path.display().to_string();
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .map(|s| strip_controls(s, false))
        .unwrap_or_else(|| "article".to_string());
    let failed = |e: std::io::Error| Parsed {
        articles: vec![],
        diagnostics: vec![io_diag(path, &e)],
    };
    let file = match open_regular(path) {
        Ok(f) => f,
        Err(Opened::Failed(e)) => return failed(e),
        Err(Opened::NotAFile(what)) => {
            return Parsed {
                articles: vec![],
                diagnostics: vec![Diagnostic::new(
                    name,
                    None,
                    DiagnosticKind::NotAFile { what },
                )],
            }
        }
    };
    match format {
        Format::Seed => match read_bounded(file, MAX_ARTICLE_BYTES) {
            Err(e) => failed(e),
            Ok(Err(n)) => too_large(
                path,
                DiagnosticKind::FileTooLarge {
                    bytes: n,
                    limit: MAX_ARTICLE_BYTES,
                },
            ),
            Ok(Ok(bytes)) => parse_seed(&name, &stem, &bytes),
        },
        #[cfg(feature = "formats")]
        Format::Web(web) => match read_bounded(file, super::formats::MAX_FILE_BYTES) {
            Err(e) => failed(e),
            Ok(Err(n)) => too_large(
                path,
                DiagnosticKind::CollectionTooLarge {
                    bytes: n,
                    limit: super::formats::MAX_FILE_BYTES,
                },
            ),
            Ok(Ok(bytes)) => super::formats::parse_web(&name, &stem, web, &bytes),
        },
        Format::Jsonl => parse_jsonl_each(&name, &stem, std::io::BufReader::new(file), each),
    }
}

/// A whole file, read only up to `limit`: its bytes, or (over the limit)
/// its size (from its metadata, else what was read: one byte past the limit).
fn read_bounded(file: std::fs::File, limit: usize) -> std::io::Result<Result<Vec<u8>, u64>> {
    let size = file.metadata().map(|m| m.len()).ok();
    let mut bytes = Vec::new();
    let n = file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if n > limit {
        return Ok(Err(size.unwrap_or(n as u64)));
    }
    Ok(Ok(bytes))
}

fn too_large(path: &Path, kind: DiagnosticKind) -> Parsed {
    Parsed {
        articles: vec![],
        diagnostics: vec![Diagnostic::new(path.display().to_string(), None, kind)],
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

    #[cfg(unix)]
    #[test]
    fn a_fifo_swapped_in_after_the_walk_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("late.jsonl");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // As if the walk had seen a regular file here: the open itself must not block.
        let parsed = load_file(&fifo, Format::Jsonl);
        assert!(parsed.articles.is_empty());
        assert!(
            parsed.diagnostics[0]
                .message()
                .starts_with("a FIFO (named pipe)"),
            "{}",
            parsed.diagnostics[0]
        );
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
