//! `dateline build DOCS… --single-file OUT.html`: the whole reader in one
//! HTML file that opens from `file://` (mailed, unzipped, double-clicked),
//! where a page can fetch nothing and import nothing.
//!
//! The file is the site's `index.html` with everything it would load put
//! inside it: the style sheets, in the order it links them, as one
//! `<style>`; the page's JS, bundled with the full core's glue into one
//! module by `build.sh` (`single/page.js`), as one `<script type="module">`;
//! the wasm core and the corpus folder (manifest, article packs, entity
//! model) as base64 in `<script type="application/octet-stream"
//! data-file="corpus/manifest.json">` data blocks, which the page decodes
//! instead of fetching (`engine.js` `siteFile`). Only packs: the page
//! indexes the collection itself, so a prebuilt index (made for
//! collections too large to load whole) has no place here.
//!
//! The Content-Security-Policy stays strict, as a `<meta>`: `default-src
//! 'none'`, the inline script and style allowed by their SHA-256 hashes
//! (computed here, over the exact text written), `'wasm-unsafe-eval'` for
//! the core; no `'unsafe-inline'`, so markup that got into an article still
//! cannot run.
//!
//! Size: base64 adds a third, and the browser holds the text, the decoded
//! bytes and the index at once, so the file is refused above [`HARD_CAP`]
//! bytes of HTML (README: sensible up to about 20 MB, a few thousand
//! articles). Test hook: `DATELINE_TEST_SINGLE_FILE_CAP=BYTES` lowers the
//! cap, so that tests reach the refusal without a 100 MB collection.
use std::fmt::Write as _;

use anyhow::Context;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The page bundled into one module (`build.sh` `build_shell`).
pub const BUNDLE: &str = "single/page.js";
/// The full core, which indexes packs in the page.
pub const WASM: &str = "pkg/dateline_bg.wasm";
/// The most HTML a single file may hold: 100 MB. Browsers open larger
/// pages slowly or not at all (the text, the decoded bytes and the index
/// are in memory together); a site (`--out`) has no such limit.
pub const HARD_CAP: usize = 100_000_000;

/// The cap in force: [`HARD_CAP`], or less when a test asks for it.
pub fn cap() -> usize {
    std::env::var("DATELINE_TEST_SINGLE_FILE_CAP")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(HARD_CAP, |v| v.min(HARD_CAP))
}

/// `sha256-…` of `text`, as CSP writes a hash source.
fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy of a single-file page: nothing loaded from anywhere, only the
/// inline script and style with these hashes run or apply.
fn policy(script: &str, style: &str) -> String {
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; \
         object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'",
        csp_hash(script),
        csp_hash(style)
    )
}

/// The value of attribute `name` in the tag `tag` (double-quoted, as
/// `index.html` writes them).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Whether `text` holds `needle` (ASCII, lower case) in any case.
fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Length of `n` bytes in base64 (padded).
fn base64_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

/// The single-file page: `page` as [`crate::site::single_file_page`] gives
/// it, `corpus` the corpus folder's files (path relative to `corpus/`,
/// bytes). Refuses, naming the size, a page that would be over `cap` bytes,
/// before building it.
pub fn assemble(
    page: &[(String, Vec<u8>)],
    corpus: &[(String, Vec<u8>)],
    cap: usize,
) -> anyhow::Result<String> {
    let file = |path: &str| -> anyhow::Result<&str> {
        let bytes = page
            .iter()
            .find(|(rel, _)| rel == path)
            .map(|(_, b)| b.as_slice())
            .with_context(|| format!("the page has no {path}"))?;
        std::str::from_utf8(bytes).with_context(|| format!("the page's {path} is not UTF-8"))
    };
    let html = file("index.html")?;
    let script = file(BUNDLE)?;
    let wasm = page
        .iter()
        .find(|(rel, _)| rel == WASM)
        .map(|(_, b)| b.as_slice())
        .with_context(|| format!("the page has no {WASM}"))?;
    // Inline text ends at the first `</script` or `</style`: the bundler
    // escapes it in strings, and a page where it did not would break here.
    anyhow::ensure!(
        !contains_ignoring_case(script, "</script"),
        "{BUNDLE} holds `</script`: it cannot be inlined"
    );
    let mut blocks: Vec<(String, &[u8])> = vec![(WASM.to_string(), wasm)];
    blocks.extend(
        corpus
            .iter()
            .map(|(rel, bytes)| (format!("corpus/{rel}"), bytes.as_slice())),
    );

    // The size, known before anything is encoded (a collection far over the
    // cap is refused without holding it twice): every part as written, and
    // a tag and the policy's few hundred bytes.
    let data: usize = blocks.iter().map(|(_, b)| base64_len(b.len())).sum();
    let css: usize = page
        .iter()
        .filter(|(rel, _)| rel.starts_with("css/"))
        .map(|(_, b)| b.len())
        .sum();
    let total = html.len() + script.len() + css + data + 80 * blocks.len() + 400;
    anyhow::ensure!(
        total <= cap,
        "the single file would be {:.1} MB of HTML ({:.1} MB of it the collection and the \
         engine in base64), over the {:.1} MB that --single-file allows: browsers struggle \
         to open a page that large. Build a site instead (--out DIR: --index packs up to a \
         few thousand articles, --index prebuilt beyond)",
        total as f64 / 1e6,
        data as f64 / 1e6,
        cap as f64 / 1e6,
    );

    // Cut index.html into the page: links and module scripts out, their
    // contents in.
    let mut style = String::new();
    let mut out = String::with_capacity(total);
    let mut csp_at = None;
    let (mut head_done, mut body_done) = (false, false);
    for line in html.lines() {
        let tag = line.trim_start();
        if tag.starts_with("<link rel=\"stylesheet\"") {
            let href = attr(tag, "href").context("a style sheet link without href")?;
            let css = file(href.trim_start_matches("./"))?;
            anyhow::ensure!(
                !contains_ignoring_case(css, "</style"),
                "{href} holds `</style`: it cannot be inlined"
            );
            style.push_str(css);
            if !style.ends_with('\n') {
                style.push('\n');
            }
            continue;
        }
        if tag.starts_with("<link rel=\"modulepreload\"")
            || (tag.starts_with("<script") && tag.contains(" src="))
            || tag.starts_with("<!-- The whole module graph")
        {
            continue;
        }
        if tag.starts_with("<meta http-equiv=\"Content-Security-Policy\"") {
            csp_at = Some(out.len());
            continue;
        }
        if tag.starts_with("</head>") {
            // Filled in below, once every style sheet is read.
            out.push_str("\u{0}STYLE-AND-SCRIPT\u{0}\n");
            head_done = true;
        }
        if tag.starts_with("</body>") {
            for (path, bytes) in &blocks {
                let _ = write!(
                    out,
                    "<script type=\"application/octet-stream\" data-file=\"{path}\">"
                );
                base64::engine::general_purpose::STANDARD.encode_string(bytes, &mut out);
                out.push_str("</script>\n");
            }
            body_done = true;
        }
        out.push_str(line);
        out.push('\n');
    }
    let csp_at = csp_at.context("index.html has no Content-Security-Policy meta to replace")?;
    anyhow::ensure!(
        head_done && body_done,
        "index.html has no </head> or </body> line"
    );
    let inline = format!("<style>{style}</style>\n<script type=\"module\">{script}</script>");
    let out = out.replacen("\u{0}STYLE-AND-SCRIPT\u{0}", &inline, 1);
    let meta = format!(
        "  <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
        policy(script, &style)
    );
    let mut page = String::with_capacity(out.len() + meta.len());
    page.push_str(&out[..csp_at]);
    page.push_str(&meta);
    page.push_str(&out[csp_at..]);
    // Nothing may point outside the file: it would not be there.
    for local in [" src=\"./", " href=\"./", " src=\"js/", " href=\"css/"] {
        anyhow::ensure!(
            !page.contains(local),
            "the single-file page still refers to a file ({local}…)"
        );
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Vec<(String, Vec<u8>)> {
        let html = "<!doctype html>\n<html>\n<head>\n  <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n  <link rel=\"stylesheet\" href=\"./css/a.css\">\n  <link rel=\"stylesheet\" href=\"./css/b.css\">\n  <script type=\"module\" src=\"./js/main.js\"></script>\n  <link rel=\"modulepreload\" href=\"./js/app.js\">\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n";
        vec![
            ("index.html".into(), html.into()),
            ("css/a.css".into(), b"a{color:red}".to_vec()),
            ("css/b.css".into(), b"b{color:blue}".to_vec()),
            (BUNDLE.into(), b"console.log(1)".to_vec()),
            (WASM.into(), vec![0, 97, 115, 109]),
        ]
    }

    #[test]
    fn inlines_in_order_with_hashes_and_no_links() {
        let corpus = vec![("manifest.json".to_string(), b"{}".to_vec())];
        let html = assemble(&page(), &corpus, HARD_CAP).expect("assembles");
        assert!(html.contains("<style>a{color:red}\nb{color:blue}\n</style>"));
        assert!(html.contains("<script type=\"module\">console.log(1)</script>"));
        assert!(html.contains(&csp_hash("console.log(1)")));
        assert!(html.contains(&csp_hash("a{color:red}\nb{color:blue}\n")));
        assert!(html.contains("data-file=\"pkg/dateline_bg.wasm\">AGFzbQ==</script>"));
        assert!(html.contains("data-file=\"corpus/manifest.json\">e30=</script>"));
        assert!(!html.contains("'self'") && !html.contains("unsafe-inline"));
        assert!(!html.contains("src=\"./") && !html.contains("modulepreload"));
        assert_eq!(html.matches("Content-Security-Policy").count(), 1);
    }

    #[test]
    fn refuses_over_the_cap_naming_the_size() {
        let corpus = vec![("articles-000.pack".to_string(), vec![7; 3_000_000])];
        let err = assemble(&page(), &corpus, 1_000_000).expect_err("over the cap");
        let msg = err.to_string();
        assert!(msg.contains("4.0 MB of HTML"), "{msg}");
        assert!(msg.contains("1.0 MB"), "{msg}");
    }

    #[test]
    fn refuses_a_bundle_that_would_end_its_script() {
        let mut p = page();
        p[3].1 = b"let s='</SCRIPT>'".to_vec();
        assert!(assemble(&p, &[], HARD_CAP).is_err());
    }
}
