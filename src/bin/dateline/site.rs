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
//! indexes packs in the page) for packs, with the import core
//! (`pkg/dateline_import*`: the reader's own files parsed in a Web Worker,
//! fetched only when they add one). The page's `single/page.js` (the
//! whole page bundled into one module) is for `--single-file` only
//! ([`single_file_page`], [`crate::single`]).
use std::path::{Path, PathBuf};

use anyhow::Context;

/// How the site's collection is indexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum IndexKind {
    /// An index made now, which the page fetches piece by piece per query
    /// (any size; `corpus/index-…/*.bin`, a folder named by the build).
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
pub type PageFiles = Vec<(String, Vec<u8>)>;

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
pub fn site_page(shell: Option<&Path>, kind: IndexKind) -> anyhow::Result<PageFiles> {
    let (from, files) = shell_files(shell, |rel| belongs(rel, kind))?;
    let core = core_of(kind);
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

/// The core's glue and wasm of a site of `kind`, relative to the site.
fn core_of(kind: IndexKind) -> [&'static str; 2] {
    match kind {
        IndexKind::Prebuilt => ["pkg/dateline_reader.js", "pkg/dateline_reader_bg.wasm"],
        IndexKind::Packs => ["pkg/dateline.js", "pkg/dateline_bg.wasm"],
    }
}

/// `index.html` with a hint per file the page fetches before it can answer,
/// put before `</head>`: the core's glue (`modulepreload`) and wasm, and the
/// collection's `data` files (`preload` as fetch). Without them the page
/// finds each only after the one before it (its script, then the manifest,
/// then the core and the index's first file), a round trip each; with them
/// the browser asks for all at once while it reads the HTML. The page's own
/// `fetch` is a same-origin CORS request, which `crossorigin` (anonymous)
/// matches, so each file is downloaded once.
fn with_hints(html: &[u8], kind: IndexKind, data: &[String]) -> anyhow::Result<Vec<u8>> {
    let html = std::str::from_utf8(html).context("index.html is not UTF-8")?;
    let at = html
        .find("</head>")
        .context("index.html has no </head> to put the preload hints before")?;
    let [glue, wasm] = core_of(kind);
    let mut hints = format!("  <link rel=\"modulepreload\" href=\"./{glue}\">\n");
    for file in std::iter::once(wasm).chain(data.iter().map(String::as_str)) {
        hints.push_str(&format!(
            "  <link rel=\"preload\" href=\"./{}\" as=\"fetch\" crossorigin>\n",
            attribute(file)
        ));
    }
    Ok([&html[..at], &hints, &html[at..]].concat().into_bytes())
}

/// `text` escaped for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The paths of a page's files, relative to the site, sorted (the manifest
/// lists them, `Manifest::shell`, for the page's "Save as site").
pub fn page_paths(page: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut paths: Vec<String> = page.iter().map(|(rel, _)| rel.clone()).collect();
    paths.sort();
    paths
}

/// Write `page` (from [`site_page`]) for a site of `kind` into `dir` (the
/// new site being staged), its `index.html` hinting at the core and at
/// `data` (files of the site, relative to it, that the page fetches before
/// it can answer: see [`with_hints`]); returns the bytes written.
pub fn write_page(
    dir: &Path,
    page: PageFiles,
    kind: IndexKind,
    data: &[String],
) -> anyhow::Result<usize> {
    let mut total = 0;
    for (rel, mut bytes) in page {
        if rel == "index.html" {
            bytes = with_hints(&bytes, kind, data)?;
        }
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
            ("pkg/dateline_import_bg.wasm", false, true),
            ("pkg/dateline_import.js", false, true),
            ("pkg/dateline.d.ts", false, false),
            ("single/page.js", false, false),
        ] {
            assert_eq!(belongs(path, IndexKind::Prebuilt), prebuilt, "{path}");
            assert_eq!(belongs(path, IndexKind::Packs), packs, "{path}");
        }
    }

    #[test]
    fn hints_name_the_core_and_the_data_before_the_head_ends() {
        let html = b"<html><head>\n<title>x</title>\n</head><body></body></html>";
        let data = [
            "corpus/manifest.json".to_string(),
            "corpus/a\"b.pack".to_string(),
        ];
        let out = String::from_utf8(with_hints(html, IndexKind::Packs, &data).unwrap()).unwrap();
        let head = &out[..out.find("</head>").unwrap()];
        assert!(head.contains("<link rel=\"modulepreload\" href=\"./pkg/dateline.js\">"));
        for file in [
            "pkg/dateline_bg.wasm",
            "corpus/manifest.json",
            "corpus/a&quot;b.pack",
        ] {
            assert!(
                head.contains(&format!(
                    "<link rel=\"preload\" href=\"./{file}\" as=\"fetch\" crossorigin>"
                )),
                "{file} in {head}"
            );
        }
        assert!(out.ends_with("</head><body></body></html>"));
        let reader =
            String::from_utf8(with_hints(html, IndexKind::Prebuilt, &[]).unwrap()).unwrap();
        assert!(
            reader.contains("./pkg/dateline_reader.js")
                && reader.contains("./pkg/dateline_reader_bg.wasm")
        );
        assert!(with_hints(b"<html><body></body></html>", IndexKind::Packs, &[]).is_err());
    }
}
