//! The bundled seed articles, searched through the engine as the page does,
//! and any string at all as a query.

use std::path::PathBuf;

use dateline::engine::{Engine, SearchRequest, Sort};
use dateline::parse::load_paths;
use proptest::prelude::*;

const FEB: &str = "000_78606cbfcb4a9448";
const JAN: &str = "002_6f631ddf24768241";

fn engine() -> Engine {
    let parsed = load_paths(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/docs")]);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    Engine::new(parsed.articles)
}

fn ids(e: &Engine, q: &str) -> Vec<String> {
    let req = SearchRequest {
        q: q.into(),
        ..Default::default()
    };
    e.search(&req).hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn seeds_have_their_dates_titles_and_sources() {
    let e = engine();
    let stats = e.stats();
    assert_eq!((stats.articles, stats.undated), (2, 0));
    assert_eq!(stats.first_date.as_deref(), Some("2022-01-20"));
    assert_eq!(stats.last_date.as_deref(), Some("2022-02-09"));
    let jan = e.article(JAN, "", None).unwrap();
    assert_eq!(jan.source.as_deref(), Some("Islam Times"));
    assert!(
        jan.title
            .starts_with("Russian Foreign Minister Sergey Lavrov will meet"),
        "{}",
        jan.title
    );
}

#[test]
fn geneva_finds_january_with_mark() {
    let e = engine();
    let r = e.search(&SearchRequest {
        q: "Geneva".into(),
        ..Default::default()
    });
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].id, JAN);
    assert!(r.hits[0]
        .snippet
        .iter()
        .any(|s| s.hit && s.text == "Geneva"));
}

#[test]
fn phrase_matches_only_as_phrase() {
    let e = engine();
    let r = e.search(&SearchRequest {
        q: "\"security guarantees\"".into(),
        ..Default::default()
    });
    for h in &r.hits {
        let marks: Vec<&str> = h
            .snippet
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert!(
            !marks.is_empty()
                && marks
                    .iter()
                    .all(|m| m.eq_ignore_ascii_case("security guarantees")),
            "{marks:?}"
        );
    }
    assert!(ids(&e, "\"guarantees security\"").is_empty());
    // Reversed words still match as plain words.
    assert_eq!(ids(&e, "guarantees security").len(), 2);
}

#[test]
fn typo_exclusion_or_and_dates() {
    let e = engine();
    assert_eq!(ids(&e, "Zakharva").len(), 2);
    assert_eq!(
        ids(&e, "Zakhraova").len(),
        2,
        "swapped letters are one typo"
    );
    assert_eq!(ids(&e, "Truss -Blinken"), [FEB]);
    assert_eq!(ids(&e, "Truss OR Blinken").len(), 2);
    assert_eq!(ids(&e, "Lavrov after:2022-02-01"), [FEB]);
    assert_eq!(ids(&e, "Lavrov before:2022-02"), [JAN]);
    assert!(ids(&e, "Lavrov after:2022-03").is_empty());
    assert_eq!(
        ids(&e, "Gene"),
        Vec::<String>::new(),
        "no implicit prefix unless typing"
    );
    let typing = SearchRequest {
        q: "Gene".into(),
        prefix_last: true,
        ..Default::default()
    };
    assert_eq!(e.search(&typing).hits[0].id, JAN);
}

#[test]
fn range_sort_paging_and_timeline() {
    let e = engine();
    let base = SearchRequest {
        q: "Lavrov".into(),
        ..Default::default()
    };
    let r = e.search(&SearchRequest {
        from: Some("2022-02-01".into()),
        to: Some("2022-02-28".into()),
        ..base.clone()
    });
    assert_eq!(r.total, 1);
    assert_eq!(
        r.timeline.bins.iter().map(|b| b.hits).sum::<u32>(),
        2,
        "timeline hits ignore the selected range"
    );
    let newest: Vec<String> = e
        .search(&SearchRequest {
            sort: Sort::Newest,
            ..base.clone()
        })
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(newest, [FEB, JAN]);
    let oldest: Vec<String> = e
        .search(&SearchRequest {
            sort: Sort::Oldest,
            ..base.clone()
        })
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(oldest, [JAN, FEB]);
    let page2 = e.search(&SearchRequest {
        sort: Sort::Oldest,
        offset: 1,
        limit: Some(1),
        ..base.clone()
    });
    assert_eq!(
        (page2.total, page2.hits.len(), page2.hits[0].id.as_str()),
        (2, 1, FEB)
    );
    let bins = &e.search(&SearchRequest::default()).timeline.bins;
    let with: Vec<&str> = bins
        .iter()
        .filter(|b| b.total > 0)
        .map(|b| b.start.as_str())
        .collect();
    assert_eq!(with, ["2022-01-20", "2022-02-09"]);
}

#[test]
fn reader_marks_terms_and_links() {
    let e = engine();
    let a = e.article(FEB, "Truss", None).unwrap();
    let marks = a.paragraphs.iter().flatten().filter(|s| s.hit).count();
    assert!(marks >= 3);
    let links: Vec<&str> = a
        .paragraphs
        .iter()
        .flatten()
        .filter_map(|s| s.link.as_deref())
        .collect();
    assert!(links.contains(&"https://t.co/gM18i8tITt"), "{links:?}");
    assert!(e.article("nope", "", None).is_none());
}

proptest! {
    #[test]
    fn any_query_string_is_answered(q in ".{0,60}", typing in any::<bool>(), off in 0usize..5) {
        let e = engine();
        let r = e.search(&SearchRequest { q: q.clone(), prefix_last: typing, offset: off, ..Default::default() });
        prop_assert!(r.hits.len() <= r.total.saturating_sub(off));
        let _ = e.article(JAN, &q, None);
    }

    #[test]
    fn query_syntax_soup_is_answered(parts in prop::collection::vec(prop::sample::select(vec!["\"", "-", "OR", "*", "after:", "before:2022", "Lavrov", "é", " ", "(", ")", "2022-02-30", ":", "--", "\u{0301}"]), 0..12)) {
        let e = engine();
        let q: String = parts.concat();
        let _ = e.search(&SearchRequest { q: q.clone(), prefix_last: true, ..Default::default() });
    }
}
