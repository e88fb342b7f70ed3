//! Entities: the people, organisations and places the seed articles in
//! `www/docs/` are about, first from the recognizer and resolver (merged
//! under canonical names across both articles), then through the engine as
//! the page uses them: facets that follow the query, `person:` filters,
//! marks in the reader, and an entity's view with its events.
//!
//! The model comes from `DATELINE_NER_MODEL` (a file built by
//! `dateline train-ner`; build.sh test sets it) or, for the recognizer
//! checks, is trained here from `../shared/corpora/conll2003/eng.train`.
//! Without either, the model half of the recognizer checks is skipped with a
//! message, and the engine checks use the rule-based recognizer.

use std::path::Path;
use std::sync::OnceLock;

use dateline::engine::Engine;
use dateline::entities::{model, EntityType, Recognizer, Resolver};

use crate::util::{body, root, search, seed_engine, seeds};

/// Seed article bodies, as the entity index reads them.
fn seed_texts() -> Vec<String> {
    seeds().iter().map(body).collect()
}

fn trained() -> Option<&'static Recognizer> {
    static REC: OnceLock<Option<Recognizer>> = OnceLock::new();
    REC.get_or_init(|| {
        if let Some(p) = std::env::var_os("DATELINE_NER_MODEL") {
            let bytes = std::fs::read(&p).expect("DATELINE_NER_MODEL readable");
            return Some(Recognizer::from_model_bytes(&bytes).expect("DATELINE_NER_MODEL is a valid model"));
        }
        let train = root().join("../shared/corpora/conll2003/eng.train");
        if !Path::new(&train).exists() {
            eprintln!("entities: skipping the trained-model checks: {} not found and DATELINE_NER_MODEL unset", train.display());
            return None;
        }
        let docs = dateline::entities::conll::parse(&std::fs::read_to_string(&train).expect("read eng.train")).expect("parse eng.train");
        let extra = std::fs::read_to_string(root().join("tools/ner/data/extra.tsv")).expect("tools/ner/data/extra.tsv");
        let t0 = std::time::Instant::now();
        let m = model::train(&docs, &extra, model::TrainConfig::default(), |_, _| {});
        eprintln!("entities: trained the model in {:.1}s", t0.elapsed().as_secs_f64());
        Some(Recognizer::from_model_bytes(&m.to_bytes()).expect("round trip"))
    })
    .as_ref()
}

fn resolve(rec: &Recognizer) -> Vec<dateline::entities::Entity> {
    let mut r = Resolver::new();
    for (i, text) in seed_texts().iter().enumerate() {
        let ms = rec.recognize(text);
        for m in &ms {
            assert_eq!(&text[m.start..m.end], m.text, "span matches text");
        }
        r.add(i as u32, &ms);
    }
    r.finish()
}

fn has(es: &[dateline::entities::Entity], kind: EntityType, name: &str) -> bool {
    es.iter().any(|e| e.kind == kind && e.canonical == name)
}

fn missing(es: &[dateline::entities::Entity], want: &[(EntityType, &str)]) -> Vec<String> {
    want.iter()
        .filter(|(k, n)| !has(es, *k, n))
        .map(|(k, n)| format!("{k:?} {n}"))
        .collect()
}

/// Fails, saying `what` and every entity found, unless `es` has all of `want`.
fn assert_none_missing(es: &[dateline::entities::Entity], want: &[(EntityType, &str)], what: &str) {
    let miss = missing(es, want);
    assert!(
        miss.is_empty(),
        "{what} {miss:?}\nentities: {:#?}",
        es.iter()
            .map(|e| (e.kind, &e.canonical))
            .collect::<Vec<_>>()
    );
}

const PEOPLE: &[&str] = &[
    "Sergey Lavrov",
    "Maria Zakharova",
    "Liz Truss",
    "Antony Blinken",
    "Ben Wallace",
    "Sergey Shoigu",
    "Andrei Kelin",
];
const ORGS: &[&str] = &[
    "NATO",
    "OSCE",
    "TASS",
    "Russian Foreign Ministry",
    "Russia-NATO Council",
];
const PLACES: &[&str] = &[
    "Geneva",
    "Brussels",
    "Vienna",
    "London",
    "Moscow",
    "Ukraine",
    "Russia",
    "United States",
];

fn all_wanted() -> Vec<(EntityType, &'static str)> {
    PEOPLE
        .iter()
        .map(|n| (EntityType::Person, *n))
        .chain(ORGS.iter().map(|n| (EntityType::Organization, *n)))
        .chain(PLACES.iter().map(|n| (EntityType::Location, *n)))
        .collect()
}

fn no_sentence_initial_words(rec: &Recognizer) {
    for text in seed_texts() {
        for m in rec.recognize(&text) {
            assert!(
                ![
                    "She",
                    "Before",
                    "In",
                    "The",
                    "On",
                    "During",
                    "Plans",
                    "Consultations",
                    "It"
                ]
                .contains(&m.text.as_str()),
                "common word became an entity: {m:?}"
            );
        }
    }
}

#[test]
fn trained_model_finds_and_merges_the_seed_entities() {
    let Some(rec) = trained() else { return };
    let es = resolve(rec);
    assert_none_missing(&es, &all_wanted(), "missing:");
    // Merges: surnames, acronyms, country aliases.
    let get = |k, n: &str| {
        es.iter()
            .find(|e| e.kind == k && e.canonical == n)
            .cloned()
            .expect("present")
    };
    let lavrov = get(EntityType::Person, "Sergey Lavrov");
    assert!(
        lavrov.aliases.iter().any(|a| a.text == "Lavrov") && lavrov.docs == vec![0, 1],
        "{lavrov:?}"
    );
    let truss = get(EntityType::Person, "Liz Truss");
    assert!(truss.aliases.iter().any(|a| a.text == "Truss"), "{truss:?}");
    let nato = get(EntityType::Organization, "NATO");
    assert!(
        nato.aliases
            .iter()
            .any(|a| a.text == "North Atlantic Treaty Organization")
            && nato.docs == vec![0, 1],
        "{nato:?}"
    );
    let osce = get(EntityType::Organization, "OSCE");
    assert!(
        osce.aliases
            .iter()
            .any(|a| a.text == "Organization for Security and Cooperation in Europe"),
        "{osce:?}"
    );
    let uk = get(EntityType::Location, "United Kingdom");
    assert!(uk.aliases.iter().any(|a| a.text == "UK"), "{uk:?}");
    let russia = get(EntityType::Location, "Russia");
    assert!(
        russia
            .aliases
            .iter()
            .any(|a| a.text == "Russian Federation"),
        "{russia:?}"
    );
    // A demonym in a role is not a person, and the ministry is an organisation.
    assert!(!es.iter().any(|e| e.kind == EntityType::Person
        && (e.canonical.contains("Russian") || e.canonical.contains("Ministry"))));
    // Nothing merged under a wrong type.
    for (k, n) in all_wanted() {
        assert!(
            !es.iter()
                .any(|e| e.canonical == n && e.kind != k && e.kind != EntityType::Misc),
            "{n} also under another type"
        );
    }
    no_sentence_initial_words(rec);
}

#[test]
fn basic_recognizer_on_the_seeds() {
    let rec = Recognizer::basic();
    let es = resolve(&rec);
    // The rules reach all of these without a model.
    let want: Vec<(EntityType, &str)> = all_wanted();
    assert_none_missing(&es, &want, "basic() missed");
    no_sentence_initial_words(&rec);
}

// Entities through the engine.

/// The seed engine with its entities loaded.
fn engine() -> Engine {
    let mut e = seed_engine();
    let model = std::env::var_os("DATELINE_NER_MODEL")
        .map(|p| std::fs::read(p).expect("DATELINE_NER_MODEL readable"));
    if model.is_none() {
        eprintln!("entities: DATELINE_NER_MODEL unset; using the rule-based recognizer");
    }
    let stats = e.load_entities(model.as_deref()).expect("model loads");
    assert!(stats.entities > 10, "{stats:?}");
    e
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
    let v = e.entity("sergey-lavrov", "", None).expect("Lavrov");
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
