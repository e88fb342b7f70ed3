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

/// Messages of one load, as printed.
fn load_messages(paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
    let parsed = load_paths(paths);
    let mut ids: Vec<String> = parsed.articles.iter().map(|a| a.id.clone()).collect();
    ids.sort();
    (
        ids,
        parsed.diagnostics.iter().map(|d| d.to_string()).collect(),
    )
}

#[cfg(unix)]
mod special_files {
    use std::os::unix::fs::symlink;

    use super::load_messages;

    fn two_files() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("one.txt"), "date 2022-01-01 One.").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/two.txt"), "date 2022-01-02 Two.").unwrap();
        dir
    }

    #[test]
    fn symlink_loops_end_and_each_file_loads_once() {
        // `ln -s . d/a; ln -s . d/b`: two links back to the folder itself.
        let dir = two_files();
        symlink(".", dir.path().join("a")).unwrap();
        symlink(".", dir.path().join("b")).unwrap();
        symlink(".", dir.path().join("sub/self")).unwrap();
        let (ids, msgs) = load_messages(&[dir.path().to_path_buf()]);
        assert_eq!(ids, ["one", "two"]);
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(
            msgs.iter()
                .all(|m| m.contains("warning: link loops back to")),
            "{msgs:#?}"
        );
        assert!(msgs[0].contains("/a: warning"), "{msgs:#?}");
    }

    #[test]
    fn a_file_reached_by_two_links_loads_once() {
        let dir = two_files();
        symlink("sub", dir.path().join("alias")).unwrap();
        symlink("one.txt", dir.path().join("same.txt")).unwrap();
        let (ids, msgs) = load_messages(&[dir.path().to_path_buf(), dir.path().join("one.txt")]);
        assert_eq!(ids, ["one", "two"]);
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(
            msgs.iter().all(|m| m.contains("warning: same file as")),
            "{msgs:#?}"
        );
    }

    #[test]
    fn a_fifo_is_skipped_without_opening_it() {
        let dir = two_files();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Named explicitly and found in the folder: neither blocks.
        let (ids, msgs) = load_messages(&[dir.path().to_path_buf(), fifo]);
        assert_eq!(ids, ["one", "two"]);
        assert_eq!(msgs.len(), 2, "{msgs:#?}");
        assert!(
            msgs[0].ends_with(
                "pipe.txt: error: a FIFO (named pipe), not a regular file; skipped without reading"
            ),
            "{msgs:#?}"
        );
    }

    #[test]
    fn dev_zero_as_jsonl_is_skipped() {
        let dir = two_files();
        symlink("/dev/zero", dir.path().join("zero.jsonl")).unwrap();
        let (ids, msgs) = load_messages(&[dir.path().to_path_buf()]);
        assert_eq!(ids, ["one", "two"]);
        assert_eq!(msgs.len(), 1, "{msgs:#?}");
        assert!(
            msgs[0].contains("zero.jsonl: error: a character device"),
            "{msgs:#?}"
        );
    }
}

#[test]
fn zeros_without_a_newline_are_bounded_and_the_rest_loads() {
    // What `/dev/zero` copied to a file gives: one "line" over the cap.
    let dir = tempfile::tempdir().unwrap();
    let zeros = vec![0u8; dateline::parse::MAX_ARTICLE_BYTES + 4096];
    std::fs::write(dir.path().join("zero.jsonl"), zeros).unwrap();
    std::fs::write(
        dir.path().join("zero.txt"),
        vec![0u8; dateline::parse::MAX_ARTICLE_BYTES + 1],
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ok.jsonl"),
        "{\"date\":\"2022-01-02\",\"text\":\"small\"}\n",
    )
    .unwrap();
    let (ids, msgs) = load_messages(&[dir.path().to_path_buf()]);
    assert_eq!(ids, ["ok:1"]);
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    assert!(
        msgs[0].contains("zero.jsonl:1: error: line is 8392704 bytes, larger than"),
        "{msgs:#?}"
    );
    assert!(
        msgs[1].contains("zero.txt: error: file is 8388609 bytes, larger than"),
        "{msgs:#?}"
    );
}

#[test]
fn utf16_and_utf32_with_a_bom_load_with_their_dates() {
    let dir = tempfile::tempdir().unwrap();
    let seed = "date 2022-02-24 Kyiv wakes to sirens.";
    let mut le16 = vec![0xFF, 0xFE];
    le16.extend(seed.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("le16.txt"), le16).unwrap();
    let mut be32 = vec![0, 0, 0xFE, 0xFF];
    be32.extend(seed.chars().flat_map(|c| (c as u32).to_be_bytes()));
    std::fs::write(dir.path().join("be32.txt"), be32).unwrap();
    let line = "{\"id\":\"j\",\"date\":\"2022-02-25\",\"text\":\"Київ.\"}\n";
    let mut le16j = vec![0xFF, 0xFE];
    le16j.extend(line.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("w.jsonl"), le16j).unwrap();
    let parsed = load_paths(&[dir.path().to_path_buf()]);
    let dates: Vec<_> = parsed
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.date_string()))
        .collect();
    assert_eq!(
        dates,
        [
            ("be32", Some("2022-02-24".to_string())),
            ("le16", Some("2022-02-24".to_string())),
            ("j", Some("2022-02-25".to_string()))
        ]
    );
    let msgs: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        msgs.iter()
            .all(|m| m.contains("warning:") && m.contains("text (byte order mark) decoded")),
        "{msgs:#?}"
    );
    assert_eq!(msgs.len(), 3);
}

#[test]
fn text_in_another_encoding_is_named_with_its_guess() {
    let dir = tempfile::tempdir().unwrap();
    let no_bom: Vec<u8> = "date 2022-02-24 Kyiv."
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(dir.path().join("u16.txt"), no_bom).unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"date 2022-02-24 Caf\xe9 Kyiv.",
    )
    .unwrap();
    let (_, msgs) = load_messages(&[dir.path().to_path_buf()]);
    assert!(
        msgs.iter()
            .any(|m| m.contains("latin1.txt:1: error: invalid UTF-8")
                && m.contains("looks like a single-byte encoding such as Windows-1252")),
        "{msgs:#?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("u16.txt")
            && m.contains("looks like UTF-16LE without a byte order mark")),
        "{msgs:#?}"
    );
}

#[test]
fn malformed_ids_and_dates_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("w.jsonl"),
        concat!(
            "{\"id\":123456789012345678901234567890,\"date\":\"2022-02-24T25:00\",\"text\":\"a\"}\n",
            "{\"id\":1e999,\"date\":\"2022-13-01\",\"text\":\"b\"}\n",
            "{\"id\":[1,2,3],\"date\":\"2022-01-01\",\"text\":\"c\"}\n",
            "[1,2,3]\n",
            "{\"id\":{\"a\":1},\"date\":\"2022-01-01\",\"text\":\"d\"}\n",
            "{\"id\":\"e\",\"date\":\"2022-02-30\",\"text\":\"e\"}\n",
        ),
    )
    .unwrap();
    let (ids, msgs) = load_messages(&[dir.path().to_path_buf()]);
    assert_eq!(ids, ["123456789012345678901234567890", "1e999", "e"]);
    let at = |line: usize| -> &str {
        msgs.iter()
            .find(|m| m.contains(&format!("w.jsonl:{line}: error")))
            .map(|s| s.as_str())
            .unwrap_or("")
    };
    assert!(
        at(1).contains("field \"date\": impossible timestamp 2022-02-24T25:00: hour 25"),
        "{msgs:#?}"
    );
    assert!(
        at(2).contains("field \"date\": impossible date 2022-13-01: month 13"),
        "{msgs:#?}"
    );
    assert!(
        at(3).contains("field \"id\": expected a string or a number, found an array"),
        "{msgs:#?}"
    );
    assert!(
        at(4).contains("expected a JSON object, found an array"),
        "{msgs:#?}"
    );
    assert!(at(5).contains("found an object"), "{msgs:#?}");
    assert!(at(6).contains("February 2022 has 28 days"), "{msgs:#?}");
    assert_eq!(msgs.len(), 6, "{msgs:#?}");
}

#[test]
fn empty_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, msgs) = load_messages(&[dir.path().to_path_buf()]);
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0].ends_with("error: no articles found in this input"),
        "{msgs:#?}"
    );
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

    #[test]
    fn search_header_shows_only_the_part_of_a_long_query_that_was_read() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/docs");
        let query = "Geneva ".repeat(5_000);
        let out = dateline(&[os("search"), seeds.as_os_str(), os(&query)]);
        assert!(out.status.success());
        let stdout = String::from_utf8_lossy(&out.stdout);
        let header = stdout.lines().next().unwrap_or_default();
        assert!(
            header.chars().count() < 1_100
                && header.contains("Geneva Geneva")
                && header.contains("…\""),
            "{header:.200}"
        );
        assert!(stdout.contains("query budget: length limited to 1000"));
    }

    use crate::util::{dateline, os};

    #[test]
    fn search_query_may_start_with_a_hyphen() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/docs");
        for args in [
            vec![
                os("search"),
                seeds.as_os_str(),
                os("-Blinken"),
                os("--json"),
            ],
            vec![
                os("search"),
                os("--json"),
                seeds.as_os_str(),
                os("-Blinken"),
            ],
            vec![
                os("search"),
                seeds.as_os_str(),
                os("--limit=5"),
                os("-Blinken"),
                os("--json"),
            ],
        ] {
            let out = dateline(&args);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["total"], 1);
            assert_eq!(v["hits"][0]["id"], "000_78606cbfcb4a9448");
        }
    }

    #[test]
    fn search_query_of_several_unquoted_words_reads_as_typed() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/docs");
        let quoted = dateline(&[
            os("search"),
            seeds.as_os_str(),
            os("Truss -Blinken"),
            os("--json"),
        ]);
        let unquoted = dateline(&[
            os("search"),
            seeds.as_os_str(),
            os("Truss"),
            os("-Blinken"),
            os("--json"),
        ]);
        assert!(
            unquoted.status.success(),
            "{}",
            String::from_utf8_lossy(&unquoted.stderr)
        );
        assert_eq!(quoted.stdout, unquoted.stdout);
        let v: serde_json::Value = serde_json::from_slice(&unquoted.stdout).unwrap();
        assert_eq!(v["total"], 1);
        // A first argument that names nothing is a missing document, named.
        let missing = dateline(&[os("search"), os("no-such-folder"), os("Truss")]);
        assert!(!missing.status.success());
        assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-folder"));
    }

    #[test]
    fn invalid_cli_dates_are_errors() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/docs");
        for (flag, value) in [
            ("--from", "2022-02-30"),
            ("--to", "2022-13-01"),
            ("--from", "soon"),
        ] {
            let out = dateline(&[
                os("search"),
                seeds.as_os_str(),
                os("Blinken"),
                os(flag),
                os(value),
            ]);
            assert_eq!(out.status.code(), Some(1));
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains(&format!("invalid {flag} \"{value}\"")),
                "{err}"
            );
            assert!(out.stdout.is_empty());
        }
    }

    /// `n` seed articles in a fresh folder, each about Blinken.
    fn corpus(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            std::fs::write(
                dir.path().join(format!("a{i:04}.txt")),
                format!("date 2022-01-01 Blinken met Lavrov in Geneva, meeting number {i}, and the talks went on into the night."),
            )
            .unwrap();
        }
        dir
    }

    #[test]
    fn search_into_a_closed_pipe_exits_quietly() {
        use std::io::Read;
        let dir = corpus(1500);
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .arg("search")
            .arg(dir.path())
            .args(["Blinken", "--limit", "1500"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, then close the pipe (as `| head` does).
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.contains("Broken pipe"), "{err}");
        assert_eq!(out.status.code(), Some(0), "{err}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("evil.jsonl"),
            "{\"id\":\"x\\u0000\\u001b[2J\",\"date\":\"2022-01-01\",\"title\":\"\\u001b]0;owned\\u0007Blinken \\u001b[31mred\",\"text\":\"Blinken \\u001b[2J spoke. \\u009b1m\"}\n",
        )
        .unwrap();
        let out = dateline(&[os("search"), dir.path().as_os_str(), os("Blinken")]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        // The only escapes are the highlighting's own (ESC [1;33m / ESC [0m).
        let stray = text.replace("\x1b[1;33m", "").replace("\x1b[0m", "");
        assert!(
            !stray.chars().any(|c| c.is_control() && c != '\n'),
            "{stray:?}"
        );
        assert!(text.contains("[x[2J]"), "{text}");
    }

    #[test]
    fn pack_and_build_refuse_input_errors_unless_keep_going() {
        let dir = corpus(3);
        std::fs::write(
            dir.path().join("bad.txt"),
            "date 2022-02-30 Impossible day.",
        )
        .unwrap();
        for cmd in ["pack", "build"] {
            let out_dir = tempfile::tempdir().unwrap();
            let site = out_dir.path().join("site");
            let out = dateline(&[
                os(cmd),
                dir.path().as_os_str(),
                os("--out"),
                site.as_os_str(),
            ]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
            assert!(err.contains("bad.txt:1: error: impossible date"), "{err}");
            assert!(
                err.contains("1 input error (above); nothing written"),
                "{err}"
            );
            assert!(!site.exists(), "{cmd} wrote despite errors");
            let out = dateline(&[
                os(cmd),
                dir.path().as_os_str(),
                os("--out"),
                site.as_os_str(),
                os("--keep-going"),
            ]);
            assert!(
                out.status.success(),
                "{cmd}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let manifest = if cmd == "pack" {
                site.join("manifest.json")
            } else {
                site.join("corpus/manifest.json")
            };
            let m: serde_json::Value =
                serde_json::from_slice(&std::fs::read(manifest).unwrap()).unwrap();
            assert_eq!(m["articles"], 4, "{cmd}");
            assert!(m["diagnostics"][0]["message"]
                .as_str()
                .unwrap()
                .contains("impossible date"));
        }
    }

    #[test]
    fn empty_input_is_an_error_everywhere() {
        let empty = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        let out_dir = site.path().join("out");
        for args in [
            vec![os("check"), empty.path().as_os_str()],
            vec![
                os("pack"),
                empty.path().as_os_str(),
                os("--out"),
                out_dir.as_os_str(),
                os("--keep-going"),
            ],
            vec![
                os("build"),
                empty.path().as_os_str(),
                os("--out"),
                out_dir.as_os_str(),
                os("--keep-going"),
            ],
        ] {
            let out = dateline(&args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(all.contains("no articles found in this input"), "{all}");
            assert!(!out_dir.exists());
        }
    }
}
