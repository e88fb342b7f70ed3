//! The seed articles in `www/docs/` must yield the people, organisations and
//! places they are about, merged under canonical names across both articles.
//!
//! The model comes from `DATELINE_NER_MODEL` (a file built by
//! `dateline train-ner`, as CI's cached release build step does) or, failing
//! that, is trained here from `../shared/corpora/conll2003/eng.train`. Without
//! either, the model half is skipped with a message and only the rule-based
//! recogniser is checked.
use dateline::entities::{model, EntityType, Recognizer, Resolver};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Seed article bodies (the ` date YYYY-MM-DD ` header skipped).
fn seeds() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("www/docs"))
        .expect("www/docs exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seed articles");
    files
        .iter()
        .map(|p| {
            let t = std::fs::read_to_string(p).expect("utf-8 seed");
            let t = t.trim_start();
            match t.strip_prefix("date ") {
                Some(rest) => rest
                    .split_once(' ')
                    .map_or("", |(_, body)| body)
                    .to_string(),
                None => t.to_string(),
            }
        })
        .collect()
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
            eprintln!("entities_seeds: skipping the trained-model checks: {} not found and DATELINE_NER_MODEL unset", train.display());
            return None;
        }
        let docs = dateline::entities::conll::parse(&std::fs::read_to_string(&train).expect("read eng.train")).expect("parse eng.train");
        let extra = std::fs::read_to_string(root().join("tools/ner/data/extra.tsv")).expect("tools/ner/data/extra.tsv");
        let t0 = std::time::Instant::now();
        let m = model::train(&docs, &extra, model::TrainConfig::default(), |_, _| {});
        eprintln!("entities_seeds: trained the model in {:.1}s", t0.elapsed().as_secs_f64());
        Some(Recognizer::from_model_bytes(&m.to_bytes()).expect("round trip"))
    })
    .as_ref()
}

fn resolve(rec: &Recognizer) -> Vec<dateline::entities::Entity> {
    let mut r = Resolver::new();
    for (i, text) in seeds().iter().enumerate() {
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
    for text in seeds() {
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
    let miss = missing(&es, &all_wanted());
    assert!(
        miss.is_empty(),
        "missing: {miss:?}\nentities: {:#?}",
        es.iter()
            .map(|e| (e.kind, &e.canonical))
            .collect::<Vec<_>>()
    );
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
    let miss = missing(&es, &want);
    assert!(
        miss.is_empty(),
        "basic() missed {miss:?}\nentities: {:#?}",
        es.iter()
            .map(|e| (e.kind, &e.canonical))
            .collect::<Vec<_>>()
    );
    no_sentence_initial_words(&rec);
}
