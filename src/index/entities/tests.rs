//! Unit tests of the entity index (filing, merging, the worker hand-over).
use super::*;

fn article(text: &str) -> Article {
    Article {
        id: "a".into(),
        date: None,
        title: "t".into(),
        source: None,
        paragraphs: crate::parse::split_paragraphs(text),
    }
}

use crate::text::tokenizer::tokenize;

#[test]
fn keys_are_folded_slugs() {
    assert_eq!(entity_key("Sergey Lavrov"), "sergey-lavrov");
    assert_eq!(entity_key("Russia-NATO Council"), "russia-nato-council");
    assert_eq!(entity_key("Zakharová"), "zakharova");
    for name in [
        "Sergey Lavrov",
        "3M Co",
        "  A  b 1987 ",
        "",
        "X",
        "Bank of England",
        "U.S. Steel",
        "AT&T Inc.",
        "Merrill Lynch & Co",
        "Zakharová's  Office",
        "--",
        "O'Neill",
        &"Long".repeat(20),
        &format!("A {}", "b".repeat(65)),
    ] {
        let slow = tokenize(name)
            .into_iter()
            .map(|t| t.term)
            .collect::<Vec<_>>()
            .join("-");
        assert_eq!(entity_key(name), slow, "{name:?}");
    }
}

/// Everything an index tells of its entities, for comparing two.
fn dump(ix: &EntityIndex, n: u32) -> Vec<String> {
    let mut out: Vec<String> = (0..ix.len() as u32)
        .map(|e| format!("{:?}", ix.record(e)))
        .collect();
    for d in 0..n {
        out.push(format!(
            "{d}: {:?} {:?}",
            ix.of_doc(d),
            ix.entities_of_doc(d)
        ));
    }
    out
}

#[test]
fn mentions_recognized_elsewhere_file_the_same_in_any_order() {
    let texts = [
        "Russian Foreign Minister Sergey Lavrov met officials in Geneva.\n\nLater, Lavrov flew to Moscow.",
        "Lavrov spoke again in Geneva with NATO.",
        "No names here at all.",
        "The North Atlantic Treaty Organization (NATO) met in Brussels.",
    ];
    let docs: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| Article {
            id: format!("a{k}"),
            ..article(t)
        })
        .collect();
    let direct = EntityIndex::build(&docs, Recognizer::basic());
    // Recognized apart, in another order (as a worker reading the packs would).
    let mut apart = EntityIndexBuilder::new(Recognizer::basic());
    let order = [2usize, 0, 3, 1];
    for &k in &order {
        assert!(apart.recognize(&docs[k]));
    }
    let r = apart.into_recognized(order.iter().map(|&k| docs[k].id.clone()).collect());
    let doc_of = |id: &str| docs.iter().position(|a| a.id == id).map(|d| d as DocId);
    let filed = EntityIndexBuilder::from_recognized(&r, &docs, doc_of)
        .expect("fits")
        .finish(&docs, &Boilerplate::detect(&docs));
    assert!(direct.len() > 2 && direct.mention_count() > 4);
    assert_eq!(dump(&filed, 4), dump(&direct, 4));

    // Results that do not fit are refused, naming why.
    type Damage = fn(&mut Recognized);
    let cases: [(Damage, &str); 8] = [
        (
            |x| x.ids[1] = "zz".into(),
            "recognized entities: article 1: \"zz\" is not in this collection",
        ),
        (
            |x| x.ids[1] = x.ids[0].clone(),
            "recognized entities: article 1: \"a2\" was recognized twice",
        ),
        (
            |x| {
                x.ids.pop();
            },
            "3 article ids but 4 mention ranges",
        ),
        (|x| x.mentions[1] = 10_000, "outside its"),
        (|x| x.mentions[2] = 99_999, "names string 99999"),
        (|x| x.kinds[0] = 9, "entity type 9"),
        (
            |x| {
                x.mentions.pop();
            },
            "not a multiple of 4",
        ),
        (|x| x.doc_ends[3] = 1_000, "mentions end at 1000"),
    ];
    for (damage, want) in cases {
        let mut x = r.clone();
        damage(&mut x);
        let got = EntityIndexBuilder::from_recognized(&x, &docs, doc_of)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(got.contains(want), "{got:?} should say {want:?}");
    }
}

#[test]
fn mentions_are_filed_by_paragraph_and_merged() {
    let docs = vec![
        article("Russian Foreign Minister Sergey Lavrov met officials in Geneva.\n\nLater, Lavrov flew to Moscow."),
        article("Lavrov spoke again in Geneva."),
    ];
    let ix = EntityIndex::build(&docs, Recognizer::basic());
    let lavrov = ix.by_key("sergey-lavrov").expect("Sergey Lavrov");
    let r = ix.record(lavrov).unwrap();
    assert_eq!(r.kind, EntityType::Person);
    assert!(r.docs.contains(&0));
    let second = ix
        .of_doc(0)
        .iter()
        .find(|m| m.para == 1 && m.entity == lavrov)
        .expect("Lavrov in paragraph 2");
    assert_eq!(
        &docs[0].paragraphs[1][second.start as usize..second.end as usize],
        "Lavrov"
    );
    assert_eq!(ix.lookup(Some(EntityType::Person), "lavrov"), vec![lavrov]);
    assert!(ix.lookup(Some(EntityType::Location), "lavrov").is_empty());
    let mut stepped = EntityIndexBuilder::new(Recognizer::basic());
    assert_eq!(stepped.step(&docs, 1), 1);
    assert_eq!(stepped.step(&docs, 5), 2);
    assert_eq!(
        stepped.finish(&docs, &Boilerplate::detect(&docs)).len(),
        ix.len(),
        "slices give the same index"
    );
    let geneva = ix.by_key("geneva").unwrap();
    assert_eq!(ix.record(geneva).unwrap().docs, [0, 1]);
    let counts = ix.counts([0u32, 1].into_iter(), 10);
    assert!(counts.contains(&(geneva, 2)));
}

#[cfg(feature = "parallel")]
#[test]
fn recognition_on_every_core_equals_one_by_one() {
    let people = ["Sergey Lavrov", "Antony Blinken", "Olaf Scholz", "Lavrov"];
    let places = ["Geneva", "Moscow", "Brussels", "Kyiv", "Paris"];
    let docs: Vec<Article> = (0..300)
        .map(|k| Article {
            id: format!("a{k}"),
            ..article(&format!(
                "{} met NATO in {}, talk {k}.\n\nLater {} flew to {}.",
                people[k % 4],
                places[k % 5],
                people[(k + 1) % 4],
                places[(k + 2) % 5]
            ))
        })
        .collect();
    let bp = Boilerplate::detect(&docs);
    let one = EntityIndexBuilder::new(Recognizer::basic()).finish(&docs, &bp);
    let mut all = EntityIndexBuilder::new(Recognizer::basic());
    all.step(&docs, 5);
    all.recognize_all(&docs);
    assert_eq!(all.done(), docs.len());
    let all = all.finish(&docs, &bp);
    assert!(one.len() > 2);
    assert_eq!(dump(&all, 300), dump(&one, 300));
    // In windows smaller than the collection (and than a batch): the same.
    let mut windows = EntityIndexBuilder::new(Recognizer::basic());
    windows.recognize_all_in(&docs, 70);
    assert_eq!(dump(&windows.finish(&docs, &bp), 300), dump(&one, 300));
}

#[test]
fn interner_gives_one_id_per_type_and_string() {
    let mut s = Interner::default();
    let words: Vec<String> = (0..3000)
        .map(|i| format!("Name {i} of a long-ish entity"))
        .collect();
    let ids: Vec<u32> = words.iter().map(|w| s.id(EntityType::Person, w)).collect();
    assert_eq!(ids, (0..3000).collect::<Vec<u32>>(), "dense ids");
    assert_eq!(s.id(EntityType::Person, "Name 7 of a long-ish entity"), 7);
    let org = s.id(EntityType::Organization, "Name 7 of a long-ish entity");
    assert_eq!(org, 3000, "another type is another string");
    assert_eq!(
        (s.str(org), s.kind(org)),
        ("Name 7 of a long-ish entity", EntityType::Organization)
    );
    assert_eq!(
        s.get(EntityType::Person, "Name 2999 of a long-ish entity"),
        Some(2999)
    );
    assert_eq!(
        s.get(EntityType::Location, "Name 1 of a long-ish entity"),
        None
    );
    let empty = s.id(EntityType::Person, "");
    assert_eq!(
        (s.get(EntityType::Person, ""), s.str(empty)),
        (Some(empty), "")
    );
    assert_eq!(Interner::default().get(EntityType::Person, "x"), None);
}
