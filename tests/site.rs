//! `dateline build DOCS --out DIR` alone makes a whole site: the page built
//! into the binary (no `--shell`), the wasm core its index kind needs, and
//! the collection. Each site is served over HTTP by a small static server
//! here and walked as a browser would load it: `index.html`, every file it
//! links, every file the page's modules name (imports, the wasm core), the
//! manifest and every file it lists; all must be there. (The browser test
//! `tests/browser/cli-site.test.mjs` searches such a site in Chromium.)
//! A build killed midway leaves the old site byte for byte.
//!
//! The binary has the page only when `target/shell/` was built before it
//! was compiled (`./build.sh build` or `./build.sh test` do that first): a
//! binary without it fails these tests, saying so.
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn seed_docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www/docs")
}

fn build(docs: &Path, out: &Path, extra: &[&str], abort: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dateline"));
    c.arg("build")
        .arg(docs)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .args(extra);
    c.env_remove("DATELINE_TEST_ABORT_AT");
    if let Some(at) = abort {
        c.env("DATELINE_TEST_ABORT_AT", at);
    }
    c.output().expect("runs dateline")
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "dateline build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A static file server over `root` on a free local port, one thread, for
/// as long as the test runs: GET PATH answers the file's bytes (200) or 404.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = listener.local_addr().expect("its address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = answer(&root, stream);
        }
    });
    format!("{addr}")
}

fn answer(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    let mut line = String::new();
    let mut reader = BufReader::new(&stream);
    reader.read_line(&mut line)?;
    // The whole request read (a socket closed with unread bytes resets).
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let file = root.join(rel);
    let safe = !rel.split('/').any(|c| c == ".." || c.starts_with('.'));
    match std::fs::read(&file) {
        Ok(body) if safe && file.is_file() => {
            write!(
                stream,
                "HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )?;
            stream.write_all(&body)
        }
        _ => stream.write_all(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
    }
}

/// GET `path` from the server at `addr`: the status and the body.
fn get(addr: &str, path: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connects to the test server");
    write!(s, "GET /{path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("sends");
    let mut all = Vec::new();
    s.read_to_end(&mut all).expect("reads the answer");
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header");
    let head = String::from_utf8_lossy(&all[..split]);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("a status");
    (status, all[split + 4..].to_vec())
}

/// The relative file names a text mentions as string literals (`"./x.js"`,
/// `'../pkg/y.wasm'`, `href="./css/z.css"`): what the page will request.
fn mentioned(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for quote in ['"', '\''] {
        for piece in text.split(quote).skip(1).step_by(2) {
            let file = piece.starts_with("./") || piece.starts_with("../");
            let kind = [".js", ".css", ".wasm", ".json"]
                .iter()
                .any(|e| piece.ends_with(e));
            if file && kind && !piece.contains(char::is_whitespace) {
                found.push(piece.to_string());
            }
        }
    }
    found
}

/// `rel` (relative to the file at `from`) as a path from the site's root.
fn resolve(from: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for c in rel.split('/') {
        match c {
            "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    parts.join("/")
}

/// Load the site at `addr` as the page would: every file reached from
/// `index.html` through links and module texts, then the manifest's files.
/// Returns the paths fetched; panics naming any file the server lacks.
fn walk_site(addr: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec!["index.html".to_string()];
    while let Some(path) = todo.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let (status, body) = get(addr, &path);
        assert_eq!(status, 200, "{path}: the site has no such file");
        if path.ends_with(".html") || path.ends_with(".js") {
            for rel in mentioned(&String::from_utf8_lossy(&body)) {
                let to = resolve(&path, &rel);
                // The page names both cores; it loads the one its index needs.
                if !to.starts_with("pkg/") {
                    todo.push(to);
                }
            }
        }
    }
    let (status, body) = get(addr, "corpus/manifest.json");
    assert_eq!(status, 200, "corpus/manifest.json");
    seen.insert("corpus/manifest.json".into());
    let m: serde_json::Value = serde_json::from_slice(&body).expect("the manifest is JSON");
    let mut listed: Vec<String> = Vec::new();
    for p in m["packs"].as_array().into_iter().flatten() {
        listed.push(format!(
            "corpus/{}",
            p["file"].as_str().expect("a pack file")
        ));
    }
    if let Some(meta) = m["index"]["meta"].as_str() {
        listed.push(format!("corpus/{meta}"));
    }
    if let Some(ner) = m["models"]["ner"].as_str() {
        listed.push(format!("corpus/{ner}"));
    }
    for path in listed {
        assert_eq!(get(addr, &path).0, 200, "{path}: listed but not served");
        seen.insert(path);
    }
    seen
}

#[test]
fn build_alone_writes_a_whole_site_for_each_index_kind() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    for (kind, core, other) in [
        ("prebuilt", "pkg/dateline_reader", "pkg/dateline_bg.wasm"),
        ("packs", "pkg/dateline", "pkg/dateline_reader_bg.wasm"),
    ] {
        let site = tmp.path().join(kind);
        ok(&build(&seed_docs(), &site, &["--index", kind], None));
        let addr = serve(site.clone());
        let fetched = walk_site(&addr);
        for needed in [
            "index.html",
            "js/main.js",
            "js/entity-worker.js",
            "js/import-worker.js",
            "css/style.css",
            "corpus/manifest.json",
        ] {
            assert!(fetched.contains(needed), "{kind}: {needed} not reached");
        }
        // The core the index kind loads, and not the other one.
        for file in [format!("{core}.js"), format!("{core}_bg.wasm")] {
            let (status, body) = get(&addr, &file);
            assert_eq!(status, 200, "{kind}: {file}");
            if file.ends_with(".wasm") {
                assert_eq!(&body[..4], b"\0asm", "{kind}: {file} is wasm");
            }
        }
        assert!(!site.join(other).exists(), "{kind}: {other} is not needed");
        // What the page fetches before it can answer is hinted in its HTML,
        // and every hint is a file that is served.
        let html = String::from_utf8(get(&addr, "index.html").1).expect("UTF-8");
        let hinted: Vec<&str> = html
            .split("<link rel=\"")
            .skip(1)
            .filter(|l| l.starts_with("preload\"") || l.starts_with("modulepreload\""))
            .filter_map(|l| l.split("href=\"./").nth(1)?.split('"').next())
            .collect();
        let mut start = vec!["corpus/manifest.json".to_string()];
        if kind == "prebuilt" {
            // The seeds name people and places: the types are asked for at once.
            let dir = index_dir(&site);
            start.extend([
                format!("corpus/{dir}/meta.bin"),
                format!("corpus/{dir}/ekinds-0000.bin"),
            ]);
        }
        for file in &start {
            assert!(
                hinted.contains(&file.as_str()),
                "{kind}: {file} not hinted in {hinted:?}"
            );
        }
        for file in &hinted {
            assert_eq!(
                get(&addr, file).0,
                200,
                "{kind}: hinted {file} is not served"
            );
        }
        // Nothing of the build's own is left beside the site.
        let beside: Vec<String> = std::fs::read_dir(tmp.path())
            .expect("reads")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(beside, Vec::<String>::new());
    }
}

/// Every file under `dir`, by path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("reads the site") {
            let p = e.expect("an entry").path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let bytes = std::fs::read(&p).expect("reads a file");
                all.insert(p.strip_prefix(dir).expect("inside").to_path_buf(), bytes);
            }
        }
    }
    all
}

#[test]
fn a_build_killed_midway_leaves_the_old_site_byte_for_byte() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let site = tmp.path().join("site");
    // The old site: packs, with its page changed (as an older release's page).
    ok(&build(&seed_docs(), &site, &["--index", "packs"], None));
    let mut html = std::fs::read_to_string(site.join("index.html")).expect("the page");
    html.push_str("<!-- the old page -->\n");
    std::fs::write(site.join("index.html"), html).expect("writes");
    let before = snapshot(&site);
    // A rebuild as a prebuilt site, killed while it writes the new one,
    // then once everything is written but before the swap.
    for at in ["writing", "written"] {
        let out = build(&seed_docs(), &site, &["--index", "prebuilt"], Some(at));
        assert!(!out.status.success(), "ran past {at}");
        assert!(
            snapshot(&site) == before,
            "killed at {at}: the old site changed"
        );
    }
    // The next run finishes, replaces the page and the corpus, and clears
    // what the killed runs left.
    ok(&build(&seed_docs(), &site, &["--index", "prebuilt"], None));
    let after = snapshot(&site);
    let page = String::from_utf8_lossy(&after[Path::new("index.html")]).into_owned();
    assert!(!page.contains("the old page"));
    assert!(after.contains_key(Path::new("pkg/dateline_reader_bg.wasm")));
    assert!(!after.contains_key(Path::new("pkg/dateline_bg.wasm")));
    assert!(!after.contains_key(Path::new("corpus/articles-000.pack")));
    let beside = std::fs::read_dir(tmp.path()).expect("reads").count();
    assert_eq!(beside, 1, "only the site is left");
}

/// The index files of a built site's corpus, by name.
/// The folder of the site's prebuilt index, as its manifest names it
/// (`index-…`, relative to `corpus/`).
fn index_dir(site: &Path) -> String {
    let json = std::fs::read(site.join("corpus/manifest.json")).expect("a manifest");
    let m = dateline::manifest::Manifest::from_deserializer(
        &mut serde_json::Deserializer::from_slice(&json),
    )
    .expect("a manifest");
    m.index_folder().expect("an index").dir().to_string()
}

fn index_files(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.join("corpus").join(index_dir(site)))
        .expect("the index folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// `--no-annotations` (what the benchmark compares with): the same search
/// files, no `notes-*` or `ents-*`, and the manifest lists only what was
/// written; refused for packs, which the page annotates itself.
#[test]
fn no_annotations_writes_no_event_or_entity_files() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (with, without) = (tmp.path().join("with"), tmp.path().join("without"));
    ok(&build(&seed_docs(), &with, &[], None));
    ok(&build(&seed_docs(), &without, &["--no-annotations"], None));
    let annotation = |n: &String| {
        [
            "notes-", "enames-", "ents-", "ekeys-", "ekinds-", "dents-", "dtimes-", "gfacets-",
        ]
        .iter()
        .any(|p| n.starts_with(p))
    };
    let (all, some) = (index_files(&with), index_files(&without));
    assert!(
        all.iter().any(annotation),
        "a default build annotates: {all:?}"
    );
    assert!(!some.iter().any(annotation), "{some:?}");
    let search: Vec<&String> = all.iter().filter(|n| !annotation(n)).collect();
    assert_eq!(search, some.iter().collect::<Vec<_>>());
    let manifest = std::fs::read_to_string(without.join("corpus/manifest.json")).expect("manifest");
    let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("JSON");
    assert_eq!(manifest["index"]["files"], some.len());
    let packs = build(
        &seed_docs(),
        &tmp.path().join("packs"),
        &["--index", "packs", "--no-annotations"],
        None,
    );
    assert!(!packs.status.success());
    assert!(
        String::from_utf8_lossy(&packs.stderr).contains("--no-annotations is for --index prebuilt")
    );
}

#[test]
fn a_folder_that_is_no_site_is_not_replaced() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let site = tmp.path().join("mine");
    std::fs::create_dir_all(&site).expect("makes a folder");
    std::fs::write(site.join("notes.txt"), "mine").expect("writes a file");
    let out = build(&seed_docs(), &site, &[], None);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a Dateline site"), "{stderr}");
    assert_eq!(snapshot(&site).len(), 1);
}

#[test]
fn a_shell_folder_without_the_core_is_named() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let shell = tmp.path().join("shell");
    std::fs::create_dir_all(shell.join("js")).expect("makes a folder");
    std::fs::write(shell.join("index.html"), "<!doctype html>").expect("writes");
    std::fs::write(shell.join("js/main.js"), "").expect("writes");
    let site = tmp.path().join("site");
    let out = build(
        &seed_docs(),
        &site,
        &["--shell", &shell.to_string_lossy()],
        None,
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("has no pkg/dateline_reader.js"), "{stderr}");
    assert!(!site.exists(), "nothing published");
}

/// `dateline search` given a built site (or its corpus folder) reads it as
/// its page does, a prebuilt index file by file or the packs indexed, and
/// lists what a search of the documents themselves lists: the same rows
/// (ids, titles, snippets, scores, reprints folded), the same total.
#[test]
fn search_reads_a_built_site_as_its_page_does() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let reprints = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reprints");
    let docs = [seed_docs(), reprints];
    let run = |cmd: &str, inputs: &[&Path], rest: &[&str]| -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .arg(cmd)
            .args(inputs)
            .args(rest)
            .output()
            .expect("runs dateline");
        assert!(
            out.status.success(),
            "dateline {cmd} {inputs:?} {rest:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let search = |inputs: &[&Path], q: &str| -> serde_json::Value {
        let out = run("search", inputs, &[q, "--json", "--limit", "20"]);
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let documents: Vec<&Path> = docs.iter().map(PathBuf::as_path).collect();
    for kind in ["prebuilt", "packs"] {
        let site = tmp.path().join(kind);
        let out = site.to_string_lossy().into_owned();
        run(
            "build",
            &documents,
            &["--out", &out, "--quiet", "--index", kind],
        );
        for q in [
            "Lavrov",
            "grain corridor",
            "\"Black Sea\"",
            "sirens -Kyiv",
            "",
        ] {
            let want = search(&documents, q);
            assert!(want["total"].as_u64().is_some(), "{q:?}: {want}");
            for at in [site.clone(), site.join("corpus")] {
                let got = search(&[&at], q);
                assert_eq!(got["total"], want["total"], "{kind} {q:?}: total");
                assert_eq!(got["hits"], want["hits"], "{kind} {q:?}: rows");
            }
        }
    }
    // As text, the header says what was read.
    let out = run("search", &[&tmp.path().join("prebuilt")], &["Lavrov"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("a prebuilt index:"), "{text}");
}
