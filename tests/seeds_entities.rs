//! Entities through the engine, as the page uses them: facets that follow the
//! query, `person:` filters, marks in the reader, and an entity's view with
//! its events. Uses the trained model from `DATELINE_NER_MODEL` (build.sh test
//! sets it) and the rule-based recognizer otherwise.

use std::path::PathBuf;

use dateline::engine::{Engine, SearchRequest};
use dateline::parse::load_paths;

fn engine() -> Engine {
    let mut e = Engine::new(
        load_paths(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/docs")]).articles,
    );
    let model = std::env::var_os("DATELINE_NER_MODEL")
        .map(|p| std::fs::read(p).expect("DATELINE_NER_MODEL readable"));
    if model.is_none() {
        eprintln!("seeds_entities: DATELINE_NER_MODEL unset; using the rule-based recognizer");
    }
    let stats = e.load_entities(model.as_deref()).expect("model loads");
    assert!(stats.entities > 10, "{stats:?}");
    e
}

fn search(e: &Engine, q: &str) -> dateline::engine::SearchResponse {
    e.search(&SearchRequest {
        q: q.into(),
        ..Default::default()
    })
}

#[test]
fn facets_follow_the_query() {
    let e = engine();
    let all = search(&e, "");
    let lavrov = all
        .facets
        .people
        .iter()
        .find(|f| f.key == "sergey-lavrov")
        .expect("Lavrov facet");
    assert_eq!(lavrov.count, 2);
    assert!(all
        .facets
        .places
        .iter()
        .any(|f| f.key == "geneva" && f.count == 1));
    assert!(all.facets.organizations.iter().any(|f| f.name == "NATO"));
    let truss = search(&e, "Truss");
    assert!(
        truss.facets.places.iter().all(|f| f.key != "geneva"),
        "Geneva is only in the article without Truss"
    );
    assert!(truss.facets.people.iter().all(|f| f.count <= 1));
}

#[test]
fn entity_filters_select_articles() {
    let e = engine();
    assert_eq!(search(&e, "person:sergey-lavrov").total, 2);
    assert_eq!(search(&e, "person:lavrov").total, 2);
    let geneva: Vec<String> = search(&e, "place:geneva")
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(geneva, ["002_6f631ddf24768241"]);
    assert_eq!(search(&e, "person:nobody-at-all").total, 0);
    assert_eq!(search(&e, "place:lavrov").total, 0, "a person is no place");
}

#[test]
fn reader_marks_mentions_by_type() {
    let e = engine();
    let a = e.article("000_78606cbfcb4a9448", "", None).unwrap();
    let marks: Vec<(String, String)> = a
        .paragraphs
        .iter()
        .flatten()
        .filter_map(|s| s.entity.as_ref().map(|m| (s.text.clone(), m.key.clone())))
        .collect();
    assert!(
        marks
            .iter()
            .any(|(t, k)| t == "Sergey Lavrov" && k == "sergey-lavrov"),
        "{marks:?}"
    );
    assert!(
        marks.iter().any(|(t, k)| t == "Truss" && k == "liz-truss"),
        "{marks:?}"
    );
}

#[test]
fn lavrov_view_lists_his_meetings_in_date_order() {
    let e = engine();
    let v = e.entity("sergey-lavrov", "").expect("Lavrov");
    assert_eq!(v.name, "Sergey Lavrov");
    assert_eq!(v.articles, 2);
    let values: Vec<&str> = v.events.iter().map(|d| d.value.as_str()).collect();
    let jan21 = values
        .iter()
        .position(|v| *v == "2022-01-21")
        .unwrap_or_else(|| panic!("{values:?}"));
    let feb10 = values
        .iter()
        .position(|v| *v == "2022-02-10")
        .unwrap_or_else(|| panic!("{values:?}"));
    assert!(jan21 < feb10);
    let related: Vec<&str> = v.related.iter().map(|f| f.key.as_str()).collect();
    assert!(related.contains(&"maria-zakharova"), "{related:?}");
    assert_eq!(v.timeline.bins.iter().map(|b| b.hits).sum::<u32>(), 2);
}
