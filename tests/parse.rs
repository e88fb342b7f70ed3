//! Parsing inputs. Bad input never stops the rest: every broken fixture gives one clear
//! message naming its file (and line), and the readable articles all load.

use std::path::PathBuf;

use dateline::parse::{load_paths, Severity};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messy")
}

fn messages() -> Vec<String> {
    load_paths(&[fixtures()])
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect()
}

fn one_message(file: &str, needle: &str) -> String {
    let found: Vec<String> = messages()
        .into_iter()
        .filter(|m| m.contains(file) && m.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one message for {file} containing {needle:?}, got {:#?}",
        messages()
    );
    found[0].clone()
}

#[test]
fn every_readable_article_loads() {
    let parsed = load_paths(&[fixtures()]);
    let mut ids: Vec<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "5",
            "bad_date",
            "bom",
            "crlf",
            "good",
            "invalid_utf8",
            "no_header",
            "w1",
            "w3"
        ]
    );
    let undated: Vec<&str> = parsed
        .articles
        .iter()
        .filter(|a| a.date.is_none())
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(undated, ["bad_date", "no_header", "w3"]);
}

#[test]
fn impossible_date() {
    let m = one_message("bad_date.txt", "impossible date");
    assert!(m.ends_with("bad_date.txt:1: error: impossible date 2022-02-30: February 2022 has 28 days; article kept as undated"), "{m}");
}

#[test]
fn missing_date_header() {
    one_message("no_header.txt", "missing `date YYYY-MM-DD` header");
}

#[test]
fn empty_body() {
    one_message("empty.txt", "empty body; skipped");
}

#[test]
fn crlf_and_bom_are_warnings() {
    let parsed = load_paths(&[fixtures()]);
    for (file, needle) in [("crlf.txt", "CRLF"), ("bom.txt", "BOM")] {
        let d = parsed
            .diagnostics
            .iter()
            .find(|d| d.file.ends_with(file))
            .unwrap();
        assert!(d.message().contains(needle));
        assert_eq!(d.severity(), Severity::Warning);
    }
    let crlf = parsed.articles.iter().find(|a| a.id == "crlf").unwrap();
    assert_eq!(
        crlf.paragraphs,
        ["Windows line ends here.", "Second paragraph about Vienna."]
    );
    let bom = parsed.articles.iter().find(|a| a.id == "bom").unwrap();
    assert_eq!(bom.date_string().as_deref(), Some("2022-03-04"));
}

#[test]
fn invalid_utf8_located() {
    let m = one_message("invalid_utf8.txt", "invalid UTF-8");
    assert!(
        m.contains("invalid_utf8.txt:1: error: invalid UTF-8 at byte 34 (column 35): 0xe9"),
        "{m}"
    );
}

#[test]
fn json_lines_problems_name_their_lines() {
    assert!(one_message("wire.jsonl", "malformed JSON").contains("wire.jsonl:2: error"));
    assert!(one_message("wire.jsonl", "2022-02-29").contains("wire.jsonl:4: error"));
    assert!(one_message("wire.jsonl", "no \"text\" field").contains("wire.jsonl:5: error"));
}

#[test]
fn huge_json_line_is_skipped_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        "{{\"date\":\"2022-01-01\",\"text\":\"{}\"}}\n",
        "x".repeat(dateline::parse::MAX_ARTICLE_BYTES)
    );
    std::fs::write(
        dir.path().join("big.jsonl"),
        big + "{\"date\":\"2022-01-02\",\"text\":\"small\"}\n",
    )
    .unwrap();
    let parsed = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(parsed.articles.len(), 1);
    assert!(parsed.diagnostics[0]
        .to_string()
        .contains("big.jsonl:1: error: line is"));
}

#[cfg(feature = "cli")]
mod cli {
    use std::process::Command;

    #[test]
    fn check_prints_messages_and_fails_on_errors() {
        let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .arg("check")
            .arg(super::fixtures())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(stdout.lines().count(), super::messages().len(), "{stdout}");
        assert!(stdout.contains("February 2022 has 28 days"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("9 articles (3 undated), 7 errors, 2 warnings"),
            "{stderr}"
        );
    }

    #[test]
    fn check_passes_clean_docs() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/docs");
        let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .arg("check")
            .arg(seeds)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    #[test]
    fn search_json_output() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/docs");
        let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(["search"])
            .arg(seeds)
            .args(["Truss -Blinken", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["total"], 1);
        assert_eq!(v["hits"][0]["id"], "000_78606cbfcb4a9448");
    }
}
