//! Word splitting of web text: glued stops ("Putin.After") against the
//! tokenizer before they were split.
//!
//! The reference is the old tokenizer, plain UAX #29 word boundaries (the
//! `unicode-segmentation` crate, nothing else), with the glue rule written
//! out naively here from its description: a `.` between a lower-case letter
//! (not right after a dot) and a capital followed by a lower-case letter (or the words "I", "A"),
//! unless what follows is a domain name ending in a lower-case top-level
//! domain. On the seeds, Reuters-21578 and ukraine2022 (the corpora skip
//! cleanly when `../shared` is absent) the new word stream must be the old
//! one with exactly the words holding a glued stop cut into their parts;
//! the counts and a few examples are printed
//! (`cargo test --features cli --test integration tokenize:: -- --nocapture`).
//!
//! Then the whole way through: an article with "Putin.After" is found by
//! both words, in the in-page and the prebuilt index, while "U.S." and "3.5"
//! stay whole words.

use std::collections::BTreeMap;
use std::path::Path;

use dateline::article::Article;
use dateline::engine::{Engine, PrebuiltEngine, SearchRequest};
use dateline::parse::load_paths;
use dateline::prebuilt::{write_index, WriteOptions};
use dateline::text::tokenizer::{tokenize, word_ranges, MAX_WORD_BYTES};
use unicode_segmentation::UnicodeSegmentation;

use crate::util::{root, search, seeds};

/// The old tokenizer: UAX #29 segments holding a letter or digit (of any
/// length: the length limit is applied to the parts below).
fn old_words(text: &str) -> Vec<(usize, usize)> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(s, w)| (s, s + w.len()))
        .collect()
}

/// Whether `rest` starts with the rest of a domain name: up to the first
/// character that cannot be in one, dots trimmed off its end, the last
/// label lower-case ASCII and two letters or a generic top-level domain.
fn domain_ahead(rest: &str) -> bool {
    let run_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .unwrap_or(rest.len());
    let run = rest[..run_end].trim_end_matches('.');
    let run = run.split("..").next().unwrap_or("");
    let Some(tld) = run.rsplit('.').next().filter(|_| run.contains('.')) else {
        return false;
    };
    let generic = [
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "app", "dev", "news",
        "online", "site", "media",
    ];
    tld.chars().all(|c| c.is_ascii_lowercase()) && (tld.len() == 2 || generic.contains(&tld))
}

/// The glue rule, naively: is the `.` at byte `i` of `text` glued?
fn glued(text: &str, i: usize) -> bool {
    let before: Vec<char> = text[..i].chars().rev().take(2).collect();
    let after: Vec<char> = text[i + 1..].chars().take(2).collect();
    let lower_before = match before.as_slice() {
        [c] => c.is_lowercase(),
        [c, b] => c.is_lowercase() && *b != '.',
        _ => false,
    };
    let opens = match after.as_slice() {
        [c, n, ..] if c.is_uppercase() && n.is_lowercase() => true,
        [c, n, ..] => (*c == 'I' || *c == 'A') && !n.is_alphanumeric(),
        [c] => *c == 'I' || *c == 'A',
        [] => false,
    };
    text.as_bytes()[i] == b'.'
        && lower_before
        && opens
        && !domain_ahead(&text[i + 1..])
        && !in_brackets(text, i)
}

/// Whether the run of letters, digits and dots around byte `i` is all that
/// stands between an opening and a closing bracket ("<Hein.As>").
fn in_brackets(text: &str, i: usize) -> bool {
    let keep = |c: &char| c.is_alphanumeric() || *c == '.';
    let opener = text[..i].chars().rev().find(|c| !keep(c));
    let closer = text[i..].chars().find(|c| !keep(c));
    matches!(opener, Some('<' | '(' | '[')) && matches!(closer, Some('>' | ')' | ']'))
}

/// Byte ranges of words.
type Ranges = Vec<(usize, usize)>;

/// What one text's words should be, and which old words were split.
fn expected(text: &str) -> (Ranges, Ranges) {
    let (mut words, mut split) = (Vec::new(), Vec::new());
    for (s, e) in old_words(text) {
        let mut at = s;
        for (i, _) in text[s..e].match_indices('.') {
            if glued(text, s + i) {
                words.push((at, s + i));
                at = s + i + 1;
            }
        }
        if at != s {
            split.push((s, e));
        }
        words.push((at, e));
    }
    words.retain(|&(s, e)| e - s <= MAX_WORD_BYTES);
    (words, split)
}

/// Holds the new tokenizer to the old one over `texts`; prints and returns
/// how many old words were split.
fn compare<'a>(name: &str, texts: impl Iterator<Item = &'a str>) -> usize {
    let (mut words, mut splits) = (0usize, 0usize);
    let mut examples: BTreeMap<String, usize> = BTreeMap::new();
    for text in texts {
        let new: Vec<(usize, usize)> = word_ranges(text).collect();
        let (want, split) = expected(text);
        if new != want {
            let diff = new
                .iter()
                .zip(&want)
                .position(|(a, b)| a != b)
                .unwrap_or(new.len().min(want.len()));
            let show = |v: &[(usize, usize)]| {
                v.iter()
                    .skip(diff)
                    .take(4)
                    .map(|&(s, e)| &text[s..e])
                    .collect::<Vec<_>>()
            };
            panic!("{name}: words differ from the old tokenizer's split at glued stops: got {:?}, want {:?}", show(&new), show(&want));
        }
        words += new.len();
        splits += split.len();
        for (s, e) in split {
            *examples.entry(text[s..e].to_string()).or_default() += 1;
        }
    }
    let mut top: Vec<(usize, String)> = examples.into_iter().map(|(w, n)| (n, w)).collect();
    top.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let top: Vec<String> = top
        .iter()
        .take(8)
        .map(|(n, w)| format!("{w} ×{n}"))
        .collect();
    eprintln!(
        "tokenize: {name}: {words} words, {splits} old words split at glued stops; e.g. {}",
        top.join(", ")
    );
    splits
}

fn texts(articles: &[Article]) -> impl Iterator<Item = &str> {
    articles.iter().flat_map(|a| {
        std::iter::once(a.title.as_str()).chain(a.paragraphs.iter().map(String::as_str))
    })
}

/// The articles at `../shared/<path>`, or None (with a note) when absent.
fn shared(path: &str) -> Option<Vec<Article>> {
    let p = root().join("../shared").join(path);
    if !Path::new(&p).exists() {
        eprintln!("tokenize: skipping {}: not found", p.display());
        return None;
    }
    let parsed = load_paths(&[p]);
    assert!(!parsed.articles.is_empty(), "no articles in {path}");
    Some(parsed.articles)
}

#[test]
fn seeds_split_only_at_glued_stops() {
    compare("seeds", texts(seeds()));
}

#[test]
fn reuters_splits_only_at_glued_stops() {
    if let Some(articles) = shared("corpora/reuters21578.jsonl") {
        compare("reuters21578", texts(&articles));
    }
}

#[test]
fn ukraine2022_splits_only_at_glued_stops() {
    if let Some(articles) = shared("corpora/news/ukraine2022") {
        // Web text: glued sentences are common ("Ukraine.The", "Putin.After").
        assert!(compare("ukraine2022", texts(&articles)) > 100);
    }
}

#[test]
fn the_reference_rule_reads_as_described() {
    let text =
        "met Putin.After talks; U.S. e.g. 3.5 www.Reuters.com Ph.D <Hein.As> S.p.A Kiev.As Ukraine.I'm";
    let (words, split) = expected(text);
    let words: Vec<&str> = words.iter().map(|&(s, e)| &text[s..e]).collect();
    assert_eq!(split.len(), 3);
    assert_eq!(
        words,
        [
            "met",
            "Putin",
            "After",
            "talks",
            "U.S",
            "e.g",
            "3.5",
            "www.Reuters.com",
            "Ph.D",
            "Hein.As",
            "S.p.A",
            "Kiev",
            "As",
            "Ukraine",
            "I'm"
        ]
    );
}

const GLUED: &str = "Putin.After the talks, U.S. officials said 3.5 percent of the grain had left.";

fn glued_article() -> Article {
    Article {
        id: "glued".into(),
        date: chrono::NaiveDate::from_ymd_opt(2022, 3, 1),
        title: "Talks in Istanbul".into(),
        source: None,
        paragraphs: vec![GLUED.into(), "Nothing else here.".into()],
    }
}

fn other_article() -> Article {
    Article {
        id: "other".into(),
        date: chrono::NaiveDate::from_ymd_opt(2022, 3, 2),
        title: "Grain".into(),
        source: None,
        paragraphs: vec!["The port of Odesa reopened.".into()],
    }
}

fn ids(r: &dateline::engine::SearchResponse) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn glued_words_are_found_and_abbreviations_stay_whole() {
    let terms: Vec<String> = tokenize(GLUED).into_iter().map(|t| t.term).collect();
    assert_eq!(
        &terms[..8],
        [
            "putin",
            "after",
            "the",
            "talks",
            "u.s",
            "officials",
            "said",
            "3.5"
        ]
    );
    let engine = Engine::with_events(vec![glued_article(), other_article()], false);
    for q in [
        "Putin",
        "After",
        "U.S.",
        "\"U.S. officials\"",
        "3.5",
        "\"Putin After\"",
        "Putin.After",
    ] {
        assert_eq!(ids(&search(&engine, q)), ["glued"], "{q}");
    }
    // The highlight marks the word, not the glued pair.
    let hit = &search(&engine, "Putin").hits[0];
    let marked: Vec<&str> = hit
        .snippet
        .iter()
        .filter(|s| s.hit)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(marked, ["Putin"]);
    // "U.S." is one word: "U" and "S" alone are not in the article.
    assert!(search(&engine, "\"U S\"").hits.is_empty());
}

#[test]
fn the_prebuilt_index_splits_as_the_in_page_one() {
    let engine = Engine::with_events(vec![glued_article(), other_article()], false);
    let mut files = BTreeMap::new();
    write_index(engine.index(), &WriteOptions::default(), |name, bytes| {
        files.insert(name.to_string(), bytes);
        Ok::<(), ()>(())
    })
    .expect("write the index");
    let mut prebuilt = PrebuiltEngine::open(&files["index/meta.bin"]).expect("open meta.bin");
    for q in ["Putin", "After", "U.S.", "3.5"] {
        let req = SearchRequest {
            q: q.into(),
            ..Default::default()
        };
        for _ in 0..4 {
            for name in prebuilt.needs_search(&req) {
                prebuilt.add_file(&name, &files[&name]).expect("add a file");
            }
        }
        assert!(prebuilt.needs_search(&req).is_empty(), "{q}");
        assert_eq!(ids(&prebuilt.search(&req)), ["glued"], "{q}");
    }
}
