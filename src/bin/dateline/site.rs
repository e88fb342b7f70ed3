//! The page of a site (`index.html`, `css/`, `js/`, `pkg/`): what
//! `dateline build --out SITE` writes beside `SITE/corpus/`, so that the
//! folder alone is a site any static host serves.
//!
//! The page comes from the binary itself: the `dateline-shell` crate embeds
//! `target/shell/` at compile time (the minified page and both wasm cores,
//! made by `./build.sh build`), so an installed `dateline` needs no checkout
//! beside it. `--shell DIR` takes the page from a folder of the same layout
//! instead. Of the two wasm cores only the one the index kind needs is
//! written: the small reader core for a prebuilt index, the full core (it
//! indexes packs in the page) for packs. The page's `single/page.js` (the
//! whole page bundled into one module) is for `--single-file` only
//! ([`single_file_page`], [`crate::single`]).
use std::path::{Path, PathBuf};

use anyhow::Context;

/// How the site's collection is indexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum IndexKind {
    /// An index made now, which the page fetches piece by piece per query
    /// (any size; `corpus/index/*.bin`).
    Prebuilt,
    /// Article packs the page downloads and indexes itself (a few thousand
    /// articles; events and entities found in the page).
    Packs,
}

/// Whether the page file at `path` (relative to the site) belongs in a site
/// of `kind`: every file but the wasm core (and its glue) of the other kind,
/// and the single-file bundle.
fn belongs(path: &str, kind: IndexKind) -> bool {
    if path.starts_with("single/") {
        return false;
    }
    match path.strip_prefix("pkg/") {
        Some(name) => {
            let reader = name.starts_with("dateline_reader");
            reader == (kind == IndexKind::Prebuilt) && !name.ends_with(".d.ts")
        }
        None => true,
    }
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, files)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push((rel.join("/"), path));
        }
    }
    Ok(())
}

/// Files of the page: (path relative to the site, bytes).
type PageFiles = Vec<(String, Vec<u8>)>;

/// The page's files for which `wanted` says yes, as (path relative to the
/// site, bytes), and where they came from: from `shell` when given, else
/// the embedded page. An error says how to get a page when there is none.
fn shell_files(
    shell: Option<&Path>,
    wanted: impl Fn(&str) -> bool,
) -> anyhow::Result<(String, PageFiles)> {
    let mut files: PageFiles = Vec::new();
    let from = match shell {
        Some(dir) => {
            let mut found = Vec::new();
            walk(dir, dir, &mut found)?;
            for (rel, path) in found {
                if wanted(&rel) {
                    let bytes = std::fs::read(&path)
                        .with_context(|| format!("reading {}", path.display()))?;
                    files.push((rel, bytes));
                }
            }
            dir.display().to_string()
        }
        None => {
            anyhow::ensure!(
                dateline_shell::is_embedded(),
                "this dateline binary was built without the page ({} was empty when it was \
                 compiled): run ./build.sh build, which makes the page and rebuilds \
                 target/release/dateline with it (then `cargo install --path . --features cli` \
                 installs a binary that has it), or pass --shell DIR",
                dateline_shell::FROM
            );
            for (rel, bytes) in dateline_shell::FILES {
                if wanted(rel) {
                    files.push((rel.to_string(), bytes.to_vec()));
                }
            }
            format!(
                "the page built into dateline (from {})",
                dateline_shell::FROM
            )
        }
    };
    Ok((from, files))
}

/// The page's files for `kind`, as (path relative to the site, bytes):
/// from `shell` when given, else the embedded page. An error says how to
/// get a page when there is none, or when the kind's wasm core is missing.
fn page_files(shell: Option<&Path>, kind: IndexKind) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let (from, files) = shell_files(shell, |rel| belongs(rel, kind))?;
    let core = match kind {
        IndexKind::Prebuilt => ["pkg/dateline_reader.js", "pkg/dateline_reader_bg.wasm"],
        IndexKind::Packs => ["pkg/dateline.js", "pkg/dateline_bg.wasm"],
    };
    for needed in ["index.html", "js/main.js", core[0], core[1]] {
        anyhow::ensure!(
            files.iter().any(|(rel, _)| rel == needed),
            "{from} has no {needed}: it is not a whole page (./build.sh build makes one)"
        );
    }
    Ok(files)
}

/// What a single-file page is made of (`--single-file`, [`crate::single`]):
/// `index.html` (its layout and the order of its style sheets), `css/`,
/// `single/page.js` (the page and the full core's glue bundled into one
/// module) and the full wasm core, as (path relative to the site, bytes).
/// An error says how to get them when the page has no bundle.
pub fn single_file_page(shell: Option<&Path>) -> anyhow::Result<PageFiles> {
    let (from, files) = shell_files(shell, |rel| {
        rel == "index.html"
            || rel.starts_with("css/")
            || rel == crate::single::BUNDLE
            || rel == crate::single::WASM
    })?;
    for needed in ["index.html", crate::single::BUNDLE, crate::single::WASM] {
        anyhow::ensure!(
            files.iter().any(|(rel, _)| rel == needed),
            "{from} has no {needed}: it cannot make a single-file page (./build.sh build makes one)"
        );
    }
    Ok(files)
}

/// Write the page for a site of `kind` into `dir` (the new site being
/// staged); returns the bytes written.
pub fn write_page(dir: &Path, shell: Option<&Path>, kind: IndexKind) -> anyhow::Result<usize> {
    let mut total = 0;
    for (rel, bytes) in page_files(shell, kind)? {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
        total += bytes.len();
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_gets_its_own_core_and_the_whole_page() {
        for (path, prebuilt, packs) in [
            ("index.html", true, true),
            ("js/view/page.js", true, true),
            ("css/base.css", true, true),
            ("pkg/dateline_reader_bg.wasm", true, false),
            ("pkg/dateline_reader.js", true, false),
            ("pkg/dateline_bg.wasm", false, true),
            ("pkg/dateline.js", false, true),
            ("pkg/dateline.d.ts", false, false),
            ("single/page.js", false, false),
        ] {
            assert_eq!(belongs(path, IndexKind::Prebuilt), prebuilt, "{path}");
            assert_eq!(belongs(path, IndexKind::Packs), packs, "{path}");
        }
    }
}
