//! `dateline build DOCS --single-file OUT.html`: one HTML file that holds
//! the page, the wasm core and the collection, for opening from `file://`.
//! Built from the seeds and read back: one file and nothing else; nothing
//! in its markup points at another file; its CSP (a `<meta>`) allows the
//! inline script and style by SHA-256 hashes that match them, the core by
//! `'wasm-unsafe-eval'`, and nothing `'unsafe-inline'`; its data blocks
//! decode to the core and to the manifest and every pack it lists. A
//! prebuilt index or a page over the size cap is refused with a message,
//! leaving the old file as it was; so does a run stopped before its rename.
//! (`tests/browser/single-file.test.mjs` opens such a file in Chromium.)
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use base64::Engine as _;
use sha2::{Digest, Sha256};

fn seed_docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www/docs")
}

/// `dateline build SEEDS --single-file out EXTRA…` with `env` set.
fn build(out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dateline"));
    c.arg("build")
        .arg(seed_docs())
        .arg("--single-file")
        .arg(out)
        .arg("--quiet")
        .args(extra);
    c.env_remove("DATELINE_TEST_ABORT_AT");
    c.env_remove("DATELINE_TEST_SINGLE_FILE_CAP");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("runs dateline")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The text between `open`'s end (the first `>` after it) and `close`, for
/// each element starting with `open`.
fn contents<'a>(html: &'a str, open: &str, close: &str) -> Vec<(&'a str, &'a str)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        let tag_end = at + rest[at..].find('>').expect("a whole tag");
        let body_end = tag_end + rest[tag_end..].find(close).expect("a closed element");
        found.push((&rest[at..=tag_end], &rest[tag_end + 1..body_end]));
        rest = &rest[body_end..];
    }
    found
}

/// The markup alone: every script's and style's text taken out.
fn markup(html: &str) -> String {
    let mut out = html.to_string();
    for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
        for (_, body) in contents(html, open, close) {
            if !body.is_empty() {
                out = out.replacen(body, "", 1);
            }
        }
    }
    out
}

fn sha256(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-single-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp folder");
    dir
}

/// The names of the files in `dir`.
fn entries(dir: &Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .expect("reads")
        .map(|e| e.expect("an entry").file_name())
        .collect()
}

#[test]
fn one_file_with_everything_inline_and_a_csp_of_matching_hashes() {
    let dir = temp("whole");
    let out = dir.join("seeds.html");
    let run = build(&out, &[], &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let names = entries(&dir);
    assert_eq!(names, ["seeds.html"], "one file, nothing beside it");
    let html = std::fs::read_to_string(&out).expect("UTF-8 HTML");

    // Nothing points at another file.
    let tags = markup(&html);
    for attr in [" src=\"", " href=\""] {
        for (i, _) in tags.match_indices(attr) {
            let value = &tags[i + attr.len()..];
            assert!(
                value.starts_with('#') || value.starts_with("data:"),
                "a reference to a file: {}",
                &tags[i..(i + 60).min(tags.len())]
            );
        }
    }
    assert!(!tags.contains("<link rel=\"stylesheet\""));
    assert!(!tags.contains("modulepreload"));

    // The policy: hashes for the one script and the one style, nothing inline by default.
    let metas = contents(&html, "<meta http-equiv=\"Content-Security-Policy\"", "\n");
    assert_eq!(metas.len(), 1, "one CSP");
    let csp = metas[0].0;
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'self'"),
        "{csp}"
    );
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let directive = |name: &str| -> Vec<String> {
        let start = csp.find(&format!("{name} ")).expect(name) + name.len() + 1;
        let end = csp[start..].find(';').map_or(csp.len(), |e| start + e);
        csp[start..end]
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let scripts = contents(&html, "<script type=\"module\">", "</script>");
    assert_eq!(scripts.len(), 1, "one module script");
    assert_eq!(
        directive("script-src"),
        [
            format!("'sha256-{}'", sha256(scripts[0].1)),
            "'wasm-unsafe-eval'".to_string()
        ]
    );
    let styles = contents(&html, "<style>", "</style>");
    assert_eq!(styles.len(), 1, "one style");
    assert!(styles[0].1.len() > 1000, "the style sheets are in it");
    assert_eq!(
        directive("style-src"),
        [format!("'sha256-{}'", sha256(styles[0].1))]
    );
    assert_eq!(
        html.matches("<script").count(),
        html.matches("</script>").count()
    );

    // The data blocks: the core, the manifest and every pack it lists.
    let blocks: Vec<(String, Vec<u8>)> = contents(
        &html,
        "<script type=\"application/octet-stream\"",
        "</script>",
    )
    .into_iter()
    .map(|(tag, body)| {
        let name = tag
            .split("data-file=\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .expect("a data-file");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("base64");
        (name.to_string(), bytes)
    })
    .collect();
    let block = |name: &str| {
        blocks
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
            .unwrap_or_else(|| panic!("no block {name}"))
    };
    assert!(block("pkg/dateline_bg.wasm").starts_with(b"\0asm"));
    let manifest: serde_json::Value =
        serde_json::from_slice(block("corpus/manifest.json")).expect("the manifest is JSON");
    let packs = manifest["packs"].as_array().expect("packs");
    assert!(!packs.is_empty());
    for p in packs {
        let file = p["file"].as_str().expect("a pack file");
        let bytes = block(&format!("corpus/{file}"));
        assert_eq!(bytes.len() as u64, p["bytes"].as_u64().expect("its size"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_prebuilt_index_or_a_page_over_the_cap_is_refused_and_the_old_file_stays() {
    let dir = temp("refused");
    let out = dir.join("page.html");
    std::fs::write(&out, b"the old page").expect("writes");

    let run = build(&out, &["--index", "prebuilt"], &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("--single-file cannot hold a prebuilt index"),
        "{}",
        stderr(&run)
    );

    // The seeds make about 1.7 MB of HTML (mostly the core): over a 1 MB cap.
    let run = build(&out, &[], &[("DATELINE_TEST_SINGLE_FILE_CAP", "1000000")]);
    assert!(!run.status.success());
    let msg = stderr(&run);
    assert!(
        msg.contains("MB of HTML") && msg.contains("over the 1.0 MB that --single-file allows"),
        "{msg}"
    );

    // Stopped after writing the new page, before renaming it over the old.
    let run = build(&out, &[], &[("DATELINE_TEST_ABORT_AT", "written")]);
    assert!(!run.status.success());
    assert_eq!(std::fs::read(&out).expect("reads"), b"the old page");

    // The next run clears what that one left and replaces the page.
    let run = build(&out, &[], &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let names = entries(&dir);
    assert_eq!(names, ["page.html"], "no leftovers");
    assert!(std::fs::read(&out)
        .expect("reads")
        .starts_with(b"<!doctype html>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn out_and_single_file_are_one_or_the_other() {
    let dir = temp("both");
    let run = build(
        &dir.join("page.html"),
        &["--out", dir.join("site").to_str().expect("UTF-8 path")],
        &[],
    );
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("cannot be used with"),
        "{}",
        stderr(&run)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
