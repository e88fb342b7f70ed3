//! The input formats of the `formats` feature (issue 19): HTML article pages,
//! RSS and Atom feeds, CSV/TSV tables, over fixtures in
//! `tests/fixtures/formats/` (`good/`: each format as publishers write it,
//! with page furniture to leave out; `damaged/`: each kind of broken item).
//! Right dates, titles, sources and text; no boilerplate word indexed; each
//! damaged item named in one message; the rest loads; the command line
//! reads them all.

use std::path::PathBuf;

use dateline::article::Article;
use dateline::engine::Engine;
use dateline::parse::{load_paths, Parsed, Severity};

use crate::util::search;

fn fixtures(which: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(which)
}

fn load(which: &str) -> Parsed {
    load_paths(&[fixtures(which)])
}

fn article<'a>(parsed: &'a Parsed, id: &str) -> &'a Article {
    parsed
        .articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no article {id}: {:#?}", parsed.articles))
}

fn fields(a: &Article) -> (Option<String>, &str, Option<&str>) {
    (a.date_string(), a.title.as_str(), a.source.as_deref())
}

#[test]
fn good_fixtures_load_without_a_message() {
    let parsed = load("good");
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    assert_eq!(parsed.articles.len(), 7);
}

#[test]
fn html_page_metadata_and_main_text() {
    let parsed = load("good");
    let a = article(&parsed, "harbour");
    // og:title without the site suffix; article:published_time before JSON-LD.
    assert_eq!(
        fields(a),
        (
            Some("2022-03-14".into()),
            "Harbour cranes return after strike",
            Some("Coastline Post")
        )
    );
    assert_eq!(a.paragraphs.len(), 4, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[0].starts_with("The cranes at the eastern harbour moved again"));
    // Entities decoded.
    assert!(a.paragraphs[1].contains("high winds & heavy rain"));
    assert!(a.paragraphs[2].starts_with("\u{201c}We are glad to be back,\u{201d}"));
    assert!(a.paragraphs[3].starts_with("The authority expects"));
}

#[test]
fn feed_items_are_articles() {
    let parsed = load("good");
    let rss = article(&parsed, "vg-101");
    assert_eq!(
        fields(rss),
        (
            Some("2022-04-02".into()),
            "Lighthouse keeper retires after forty years",
            Some("Valley Gazette")
        )
    );
    // content:encoded is preferred to the description.
    assert_eq!(rss.paragraphs.len(), 2);
    assert!(rss.paragraphs[1].contains("storms she has seen & the ships"));
    let escaped = article(&parsed, "vg-102");
    assert_eq!(fields(escaped).0.as_deref(), Some("2022-04-05"));
    assert_eq!(escaped.title, "Flood barrier & pumps tested");
    assert_eq!(
        escaped.paragraphs,
        [
            "Engineers tested the new flood barrier and its pumps on Tuesday.",
            "The test took four hours."
        ]
    );

    let atom = article(&parsed, "rt-1");
    assert_eq!(
        fields(atom),
        (
            Some("2022-05-09".into()),
            "Ferry timetable changes",
            Some("River Times")
        )
    );
    assert_eq!(
        atom.paragraphs,
        [
            "The ferry will run every twenty minutes from June, the operator said on Monday.",
            "Fares stay the same & season tickets remain valid."
        ]
    );
    // `updated` when there is no `published`; a summary when there is no content.
    let summary = article(&parsed, "rt-2");
    assert_eq!(fields(summary).0.as_deref(), Some("2022-05-08"));
    assert_eq!(
        summary.paragraphs,
        ["Thousands lined the riverbank for the annual regatta on Sunday."]
    );
}

#[test]
fn csv_quoting_doubled_quotes_and_embedded_newlines() {
    let parsed = load("good");
    let a = article(&parsed, "tb-1");
    assert_eq!(
        fields(a),
        (
            Some("2022-06-01".into()),
            "Council approves \"green\" budget",
            Some("Hill Herald")
        )
    );
    assert_eq!(
        a.paragraphs,
        [
            "The council approved the budget on Wednesday, with 12 votes to 3.",
            "The mayor called it \"a budget for the next decade\"."
        ]
    );
    assert_eq!(article(&parsed, "tb-2").title, "Market reopens");
}

#[test]
fn no_boilerplate_word_is_indexed() {
    let engine = Engine::new(load("good").articles);
    for word in ["longshoremen", "lighthouse", "ferry", "council"] {
        assert!(search(&engine, word).total > 0, "{word} not found");
    }
    // Each of these appears only in page furniture: navigation, a cookie
    // banner, share and subscribe boxes, related links, the footer, scripts,
    // styles, noscript; in a feed item, a script and a see-also list.
    for word in [
        "zephyrnav",
        "quokkacookie",
        "pangolinshare",
        "marzipanrelated",
        "walrusletter",
        "gondolafoot",
        "trackerscript",
        "quokkastyle",
        "narwhalscript",
        "trackerfeed",
        "platypusrelated",
        "subscribe",
        "facebook",
        "privacy",
    ] {
        let r = search(&engine, word);
        assert_eq!(
            r.total,
            0,
            "{word} found in {:?}",
            r.hits.first().map(|h| &h.id)
        );
    }
}

/// The one message naming `file` that contains `needle`.
fn one_message(parsed: &Parsed, file: &str, needle: &str) -> String {
    let found: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .filter(|m| m.contains(file) && m.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{file} / {needle}: {:#?}",
        parsed.diagnostics
    );
    found.into_iter().next().unwrap_or_default()
}

#[test]
fn each_damaged_item_is_named_and_the_rest_loads() {
    let parsed = load("damaged");
    let m = |file: &str, needle: &str| one_message(&parsed, file, needle);
    // HTML: no date, an impossible date, no text.
    m("undated.html", "no date");
    m("baddate.html", "February 2022 has 28 days");
    m("empty.html", "empty body");
    // RSS: broken markup in item 2 (line 4), no date, impossible date, empty text.
    assert!(m("broken.rss:4:", "malformed XML").contains("item 2"));
    m("broken.rss:5:", "no date");
    m("broken.rss:6:", "April 2022 has 30 days");
    m("broken.rss:7:", "empty body");
    // Atom cut off inside its second entry.
    assert!(m("truncated.atom:4:", "ends inside").contains("item 2"));
    // Tables: a short row, a bad date, an empty text; a TSV row too long.
    m("rows.csv:3:", "row has 4 fields, the header has 5");
    m("rows.csv:4:", "month 13");
    m("rows.csv:5:", "empty body");
    m("rows.tsv:3:", "row has 4 fields, the header has 3");
    assert_eq!(parsed.errors(), 12, "{:#?}", parsed.diagnostics);
    assert!(parsed
        .diagnostics
        .iter()
        .all(|d| d.severity() == Severity::Error));

    let mut ids: Vec<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "baddate", "broken:1", "broken:3", "broken:4", "broken:6", "bt-1", "bt-3", "bt-5",
            "cs-1", "rows:2", "undated"
        ]
    );
    // Undated articles are kept; dated ones keep their dates.
    assert_eq!(
        article(&parsed, "broken:6").date_string().as_deref(),
        Some("2022-04-07")
    );
    assert_eq!(article(&parsed, "undated").date, None);
    assert_eq!(article(&parsed, "undated").title, "Quarry plan withdrawn");
}

#[cfg(feature = "cli")]
mod cli {

    use super::fixtures;

    use crate::util::{dateline, os};

    #[test]
    fn check_reads_every_format() {
        let good = fixtures("good");
        let out = dateline(&[os("check"), good.as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(
            stderr.contains("7 articles (0 undated), 0 errors"),
            "{stderr}"
        );

        let damaged = fixtures("damaged");
        let out = dateline(&[os("check"), damaged.as_os_str()]);
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(stdout.lines().count(), 12, "{stdout}");
        assert!(
            stdout.contains("broken.rss:4: error: malformed XML"),
            "{stdout}"
        );
    }

    #[test]
    fn search_finds_each_format_and_no_furniture() {
        let good = fixtures("good");
        for (query, id) in [
            ("longshoremen", "harbour"),
            ("lighthouse", "vg-101"),
            ("ferry", "rt-1"),
            ("\"green\" budget", "tb-1"),
        ] {
            let out = dateline(&[os("search"), good.as_os_str(), os(query), os("--json")]);
            assert!(out.status.success());
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["hits"][0]["id"], id, "{query}: {v}");
        }
        let out = dateline(&[
            os("search"),
            good.as_os_str(),
            os("quokkacookie"),
            os("--json"),
        ]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["total"], 0);
    }

    #[test]
    fn build_reads_every_format() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("site");
        let good = fixtures("good");
        let out = dateline(&[
            os("build"),
            good.as_os_str(),
            os("--out"),
            out_dir.as_os_str(),
            os("--quiet"),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let manifest = std::fs::read_to_string(out_dir.join("corpus/manifest.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&manifest).unwrap();
        assert_eq!(v["articles"], 7, "{v}");

        // Damaged inputs stop a build unless it is told to go on.
        let damaged = fixtures("damaged");
        let refused = dir.path().join("refused");
        let out = dateline(&[
            os("build"),
            damaged.as_os_str(),
            os("--out"),
            refused.as_os_str(),
            os("--quiet"),
        ]);
        assert!(!out.status.success());
        assert!(!refused.join("corpus/manifest.json").exists());
        let kept = dir.path().join("kept");
        let out = dateline(&[
            os("build"),
            damaged.as_os_str(),
            os("--out"),
            kept.as_os_str(),
            os("--quiet"),
            os("--keep-going"),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let manifest = std::fs::read_to_string(kept.join("corpus/manifest.json")).unwrap();
        assert!(manifest.contains("malformed XML"), "{manifest}");
    }
}
