//! Events: the time expressions of the seed articles, first as the tagger
//! finds them (the dates the product links to their sentences), then through
//! the engine as the event view gets them: each resolved date with its
//! sentence.

use chrono::NaiveDate;
use dateline::dates::{tag, Timex, TimexType};
use dateline::engine::{EventOrder, EventsRequest};

use crate::util::{body, events, seed, seed_engine as engine, FEB, JAN};

// The tagger on the seed texts.

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn dates(text: &str, t: &[Timex]) -> Vec<(String, String)> {
    t.iter()
        .filter(|x| x.kind == TimexType::Date)
        .map(|x| (text[x.start..x.end].to_string(), x.value.clone()))
        .collect()
}

/// A seed's body, its time expressions tagged as if read on `today`, and
/// the dates among them as (text, value).
fn tagged(id: &str, today: &str) -> (String, Vec<Timex>, Vec<(String, String)>) {
    let text = body(seed(id));
    let t = tag(&text, d(today));
    let found = dates(&text, &t);
    (text, t, found)
}

fn count(found: &[(String, String)], text: &str, value: &str) -> usize {
    found
        .iter()
        .filter(|(t, v)| t == text && v == value)
        .count()
}

#[test]
fn seed_000_lavrov_truss() {
    let (text, t, found) = tagged(FEB, "2022-02-09");
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
    let (text, t, found) = tagged(JAN, "2022-01-20");
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

// The engine's events.

/// (value, words the sentence must contain)
const EXPECTED: &[(&str, &[&str])] = &[
    ("2021-12-15", &[]),
    ("2021-12-17", &["draft agreement"]),
    ("2022-01-10", &["Geneva"]),
    ("2022-01-12", &["Russia-NATO Council"]),
    ("2022-01-13", &["Vienna"]),
    ("2022-01-20", &["briefing"]),
    ("2022-01-21", &["Lavrov", "Blinken", "Geneva"]),
    ("2022-02-04", &["Zakharova"]),
    ("2022-02-09", &[]),
    ("2022-02-10", &["Lavrov", "Truss"]),
    ("2022-02-11", &["Wallace", "Shoigu"]),
];

fn text(segs: &[dateline::engine::snippet::Segment]) -> String {
    segs.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn seeds_yield_their_events_with_sentences() {
    let e = engine();
    let r = e.events(&EventsRequest {
        per_date: Some(10),
        limit: Some(500),
        ..Default::default()
    });
    let values: Vec<&str> = r.dates.iter().map(|d| d.value.as_str()).collect();
    let mut last = "";
    for (value, words) in EXPECTED {
        let d = r
            .dates
            .iter()
            .find(|d| d.value == *value)
            .unwrap_or_else(|| panic!("no event {value} in {values:?}"));
        assert!(
            d.value.as_str() > last,
            "{value} out of date order in {values:?}"
        );
        last = value;
        assert!(
            d.rows.iter().all(|row| row
                .sentence
                .iter()
                .any(|s| s.time.as_deref() == Some(value))),
            "{value}: expression not marked"
        );
        for w in *words {
            assert!(
                d.rows.iter().any(|row| text(&row.sentence).contains(w)),
                "{value}: no sentence with {w:?}: {:?}",
                d.rows.iter().map(|r| text(&r.sentence)).collect::<Vec<_>>()
            );
        }
    }
    // "on Wednesday" twice (both 2022-02-09), Lavrov–Blinken in Geneva twice.
    let count = |v: &str| {
        r.dates
            .iter()
            .find(|d| d.value == v)
            .map_or(0, |d| d.mentions)
    };
    assert!(count("2022-02-09") >= 2);
    assert!(count("2022-01-21") >= 2);
    // "more than four years" is a duration: no event of that kind.
    assert!(r.dates.iter().all(|d| !d.value.starts_with('P')));
}

#[test]
fn query_and_mentions_narrow_events() {
    let e = engine();
    let truss = events(&e, "Truss");
    assert!(truss
        .dates
        .iter()
        .all(|d| d.rows.iter().all(|r| r.id == "000_78606cbfcb4a9448")));
    assert!(truss.dates.iter().any(|d| d.value == "2022-02-10"));
    let jan = events(&e, "mentions:2022-01");
    assert!(jan
        .dates
        .iter()
        .all(|d| d.start.starts_with("2022-01") || d.end.as_str() >= "2022-01-01"));
    assert!(jan.dates.iter().any(|d| d.value == "2022-01-21"));
    assert!(!jan.dates.iter().any(|d| d.value == "2022-02-10"));
    let by_mentions = e.events(&EventsRequest {
        order: EventOrder::Mentions,
        ..Default::default()
    });
    assert!(by_mentions
        .dates
        .windows(2)
        .all(|w| w[0].articles >= w[1].articles));
}

#[test]
fn reader_opens_at_the_event_sentence() {
    let e = engine();
    let r = events(&e, "mentions:2022-02-10");
    let row = &r.dates[0].rows[0];
    let a = e.article(&row.id, "", Some(row.event)).unwrap();
    let focused: String = a
        .paragraphs
        .iter()
        .flatten()
        .filter(|s| s.focus)
        .map(|s| s.text.as_str())
        .collect();
    assert!(
        focused.contains("Lavrov") && focused.contains("Thursday"),
        "{focused}"
    );
    assert!(
        a.paragraphs
            .iter()
            .flatten()
            .any(|s| s.time.as_deref() == Some("P4Y")),
        "durations are marked in the reader"
    );
    // A focus id from another article is ignored.
    let other = e
        .article("002_6f631ddf24768241", "", Some(row.event))
        .unwrap();
    assert!(other.paragraphs.iter().flatten().all(|s| !s.focus));
}

#[test]
fn lane_bins_day_events_and_spans_coarse_ones() {
    let e = engine();
    let r = e.events(&EventsRequest::default());
    let total: u32 = r.lane.bins.iter().map(|b| b.hits).sum();
    assert!(total >= 10, "{:?}", r.lane.bins);
    assert!(r.lane.spans.iter().all(|s| s.start < s.end));
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn date() -> impl Strategy<Value = Option<String>> {
        prop::option::of(prop_oneof![
            (1990i32..2030, 1u32..13, 1u32..32)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            ".{0,12}",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_events_request_is_answered(
            q in ".{0,30}", from in date(), to in date(), ef in date(), et in date(), vf in date(), vt in date(),
            offset in 0usize..100, limit in prop::option::of(0usize..5000), per in prop::option::of(0usize..5000), focus in any::<u32>(),
        ) {
            let e = engine();
            let req = EventsRequest { q: q.clone(), from, to, event_from: ef, event_to: et, view_from: vf, view_to: vt, offset, limit, per_date: per, ..Default::default() };
            let r = e.events(&req);
            prop_assert!(r.dates.len() <= r.total_dates);
            let _ = e.article("000_78606cbfcb4a9448", &q, Some(focus));
            let _ = e.entity(&q, &q, limit);
        }
    }
}
