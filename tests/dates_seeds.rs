//! The two bundled seed articles must yield the dates the product links to their sentences.
use chrono::NaiveDate;
use dateline::dates::{tag, Timex, TimexType};

/// Read a seed (` date YYYY-MM-DD <text>`), returning the text after the header.
fn seed(name: &str) -> String {
    let path = format!("{}/www/docs/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let body = raw.trim_start();
    let body = body.strip_prefix("date ").expect("seed header");
    body[10..].trim_start().to_string()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn dates(text: &str, t: &[Timex]) -> Vec<(String, String)> {
    t.iter()
        .filter(|x| x.kind == TimexType::Date)
        .map(|x| (text[x.start..x.end].to_string(), x.value.clone()))
        .collect()
}

fn count(found: &[(String, String)], text: &str, value: &str) -> usize {
    found
        .iter()
        .filter(|(t, v)| t == text && v == value)
        .count()
}

#[test]
fn seed_000_lavrov_truss() {
    let text = seed("000_78606cbfcb4a9448.txt");
    let t = tag(&text, d("2022-02-09"));
    let found = dates(&text, &t);
    assert_eq!(count(&found, "Thursday", "2022-02-10"), 1, "{found:?}");
    assert_eq!(count(&found, "Friday", "2022-02-11"), 1, "{found:?}");
    assert_eq!(count(&found, "Wednesday", "2022-02-09"), 2, "{found:?}");
    assert_eq!(
        count(&found, "February 4, 2022", "2022-02-04"),
        1,
        "{found:?}"
    );
    let dur: Vec<&Timex> = t
        .iter()
        .filter(|x| &text[x.start..x.end] == "more than four years")
        .collect();
    assert_eq!(dur.len(), 1, "{t:?}");
    assert_eq!(dur[0].kind, TimexType::Duration);
    assert_eq!(dur[0].value, "P4Y");
}

#[test]
fn seed_002_lavrov_blinken() {
    let text = seed("002_6f631ddf24768241.txt");
    let t = tag(&text, d("2022-01-20"));
    let found = dates(&text, &t);
    assert_eq!(count(&found, "January 21", "2022-01-21"), 2, "{found:?}");
    assert_eq!(count(&found, "Thursday", "2022-01-20"), 1, "{found:?}");
    for (txt, v) in [
        ("January 10", "2022-01-10"),
        ("January 12", "2022-01-12"),
        ("January 13", "2022-01-13"),
    ] {
        assert!(
            count(&found, txt, v) >= 1,
            "{txt} → {v} missing in {found:?}"
        );
    }
    assert_eq!(count(&found, "December 17", "2021-12-17"), 1, "{found:?}");
    assert_eq!(
        count(&found, "December 15, 2021", "2021-12-15"),
        1,
        "{found:?}"
    );
    // Every reported span is the text it claims to be, on char boundaries.
    for x in &t {
        assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
    }
}
