//! Fuzz harnesses: one function per reader of untrusted bytes, each
//! asserting what must hold for *any* input (no panic, errors that name a
//! position inside the input, write → read round trips, bounded output).
//!
//! The same functions run twice: as `cargo fuzz` targets (`fuzz/`, libFuzzer,
//! `./build.sh fuzz`) and as property tests over random bytes in the normal
//! test suite (the tests below), so a harness is compiled and exercised on
//! every test run. A harness reports a failed invariant by panicking: that is
//! what libFuzzer and proptest catch.
//!
//! The readers fuzzed: the seed, JSON Lines, HTML, feed and table parsers (what `load_paths`
//! runs on a file's bytes), article packs, every prebuilt index file through
//! [`Prebuilt::add_file`](crate::prebuilt::Prebuilt::add_file), the entity
//! model, the manifest, and the query grammar executed on a small collection
//! (in memory and prebuilt, whose answers must agree).
//!
//! Formats framed with a CRC (packs, index files, the model) would reject
//! nearly every mutation at the checksum; so each harness reads the first
//! input byte as a mode: odd takes the rest as the whole file, even frames
//! the rest with a valid header and checksum, so the fuzzer reaches the
//! payload decoders.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::article::Article;
use crate::codec::{self, FRAME_LEN};
use crate::engine::{Engine, PrebuiltEngine, SearchRequest, SearchResponse};
use crate::entities::model::{MAGIC as MODEL_MAGIC, MODEL_KIND};
use crate::entities::{Model, Recognizer};
use crate::manifest::{is_plain_path, Manifest};
use crate::parse::{parse_jsonl, parse_seed, Parsed, MAX_ARTICLE_BYTES};
use crate::prebuilt::format::{self as index_format, FileKind};
use crate::prebuilt::{write_index, WriteOptions};
use crate::store::{read_pack, write_pack, PACK_MAGIC, PACK_VERSION};

/// The fuzz targets, by name (the names of `fuzz/fuzz_targets/*.rs`).
pub const TARGETS: [&str; 6] = ["parse", "pack", "prebuilt", "model", "manifest", "query"];

/// Rounds of fetching a prebuilt search may take before it must be complete
/// (the index has three levels: dictionary, postings, positions; then docs).
const FETCH_ROUNDS: usize = 8;

/// A small collection, in memory and written as a prebuilt index with tiny
/// shards (so a query crosses many files), that the index and query
/// harnesses run against. Build it once and pass it in.
pub struct Fixture {
    pub engine: Engine,
    /// Every file of the prebuilt index, by path (`index/meta.bin`, …).
    pub files: BTreeMap<String, Vec<u8>>,
}

const TINY: WriteOptions = WriteOptions::TINY;

const META: &str = "index/meta.bin";

fn article(
    id: &str,
    date: Option<(i32, u32, u32)>,
    source: Option<&str>,
    text: &[&str],
) -> Article {
    let date = date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
    Article {
        id: id.to_string(),
        date,
        title: text
            .first()
            .map_or(String::new(), |t| crate::parse::title_from(t)),
        source: source.map(str::to_string),
        paragraphs: text.iter().map(|p| p.to_string()).collect(),
    }
}

impl Fixture {
    pub fn new() -> Fixture {
        let articles = vec![
            article(
                "a1",
                Some((2022, 2, 24)),
                Some("Wire"),
                &[
                    "Russian forces crossed into Ukraine on Thursday, officials in Kyiv said.",
                    "NATO leaders will meet in Brussels on March 24.",
                ],
            ),
            article(
                "a2",
                Some((2022, 2, 24)),
                None,
                &["The central bank raised interest rates by half a point."],
            ),
            article(
                "a3",
                Some((2023, 11, 5)),
                Some("Daily Courier"),
                &[
                    "Élections à Genève: le taux de participation était de 45 %.",
                    "Sergey Lavrov met Antony Blinken in New York last week.",
                ],
            ),
            article(
                "b-4",
                None,
                None,
                &["Undated note about bank rates and the 2014 Crimea referendum."],
            ),
            article(
                "c:5",
                Some((1999, 12, 31)),
                Some("Archive"),
                &["Y2K: banks said their systems were ready, rates unchanged."],
            ),
        ];
        let mut engine = Engine::new(articles);
        // Rules and gazetteers (no model): entity files to decode too.
        let loaded = engine.load_entities(None);
        debug_assert!(loaded.is_ok());
        let mut files = BTreeMap::new();
        let written = write_index(engine.index(), &TINY, |name, bytes| {
            files.insert(name.to_string(), bytes);
            Ok::<(), ()>(())
        });
        debug_assert!(written.is_ok());
        Fixture { engine, files }
    }

    /// A prebuilt engine over the fixture's files, meta only.
    fn open_prebuilt(&self) -> Option<PrebuiltEngine> {
        PrebuiltEngine::open(self.files.get(META)?).ok()
    }
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

/// The input's first byte as a mode, and the rest: `(framed, rest)`, where
/// `framed` means "wrap the rest in a valid header".
fn mode(data: &[u8]) -> (bool, &[u8]) {
    match data.split_first() {
        Some((m, rest)) => (m % 2 == 0, rest),
        None => (false, data),
    }
}

/// A little-endian u32 from the first four bytes (padded with zeros), and the rest.
fn take_u32(data: &[u8]) -> (u32, &[u8]) {
    let n = data.len().min(4);
    let mut b = [0u8; 4];
    b[..n].copy_from_slice(&data[..n]);
    (u32::from_le_bytes(b), &data[n..])
}

/// What every parse must satisfy, whatever the bytes.
fn check_parsed(parsed: &Parsed, file: &str, input_len: usize, lines: usize) {
    for d in &parsed.diagnostics {
        assert_eq!(d.file, file, "a diagnostic names another file: {d:?}");
        if let Some(line) = d.line {
            assert!(
                (1..=lines.max(1)).contains(&line),
                "diagnostic line {line} outside 1..={lines}: {d:?}"
            );
        }
        assert!(!d.message().is_empty());
    }
    for a in &parsed.articles {
        assert!(!a.id.is_empty(), "an article without an id");
        let text: usize = a.paragraphs.iter().map(String::len).sum();
        // Output is bounded by the input: decoding may widen a byte to a
        // replacement character (3 bytes) or a UTF-16 unit to 3 bytes, no more.
        assert!(
            text <= 3 * input_len,
            "{text} bytes of text from {input_len}"
        );
        assert!(
            text <= 3 * MAX_ARTICLE_BYTES,
            "an article over the size cap"
        );
        assert!(a.title.len() <= 3 * input_len);
    }
    // Every parsed article survives the pack format unchanged.
    let pack = write_pack(&parsed.articles);
    match read_pack(&pack) {
        Ok(back) => assert_eq!(back, parsed.articles, "pack round trip changed articles"),
        Err(e) => panic!("a written pack does not read back: {e}"),
    }
}

/// The input parsers as the loader runs them on a file's bytes: the first
/// byte picks the format (even: seed `.txt`, odd: JSON Lines; 250 and up:
/// an HTML page, a feed, a CSV table, two values each).
pub fn parse(data: &[u8]) {
    let (seed, rest) = mode(data);
    // A lone CR ends a line too (old Mac files): count it as one.
    let lines = 1 + rest.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    let web = match data.first() {
        Some(250 | 251) => Some("fuzz.html"),
        Some(252 | 253) => Some("fuzz.xml"),
        Some(254 | 255) => Some("fuzz.csv"),
        _ => None,
    };
    if let Some(name) = web {
        let parsed = crate::parse::parse_document(name, rest);
        let Some(parsed) = parsed else {
            panic!("{name}: a known extension not parsed");
        };
        if name == "fuzz.html" {
            assert!(parsed.articles.len() <= 1, "one page, several articles");
        }
        check_parsed(&parsed, name, rest.len(), lines);
    } else if seed {
        let parsed = parse_seed("fuzz.txt", "fuzz", rest);
        assert!(
            parsed.articles.len() <= 1,
            "one seed file, several articles"
        );
        check_parsed(&parsed, "fuzz.txt", rest.len(), lines);
    } else {
        let parsed = parse_jsonl("fuzz.jsonl", "fuzz", rest);
        assert!(parsed.articles.len() <= lines, "more articles than lines");
        check_parsed(&parsed, "fuzz.jsonl", rest.len(), lines);
    }
}

/// Article packs: a damaged pack is an error at a byte inside it; a pack
/// that reads is canonical (written again, it is the same bytes).
pub fn pack(data: &[u8]) {
    let (framed, rest) = mode(data);
    let bytes = if framed {
        let (count, payload) = take_u32(rest);
        // Counts far above what the payload can hold only test the first check.
        let count = count % (payload.len() as u32 / 8 + 2);
        codec::frame(&PACK_MAGIC, PACK_VERSION, count, payload)
    } else {
        rest.to_vec()
    };
    match read_pack(&bytes) {
        Ok(articles) => assert_eq!(write_pack(&articles), bytes, "a pack is not canonical"),
        Err(e) => {
            assert!(
                e.offset <= bytes.len(),
                "error at {} of {}: {e}",
                e.offset,
                bytes.len()
            );
            assert!(!e.message().is_empty());
        }
    }
}

/// Fetch what `search` needs from `files`, and the entity files the page
/// fetches after its first search (facets come with them), until nothing
/// is missing (or a file is refused, or the rounds run out); whether it
/// completed.
fn fetch_search(
    p: &mut PrebuiltEngine,
    files: &BTreeMap<String, Vec<u8>>,
    req: &SearchRequest,
) -> bool {
    for _ in 0..FETCH_ROUNDS {
        let mut missing = p.needs_search(req);
        missing.extend(p.needs_entities());
        missing.sort();
        missing.dedup();
        if missing.is_empty() {
            return true;
        }
        for name in missing {
            let Some(bytes) = files.get(&name) else {
                return false;
            };
            if p.add_file(&name, bytes).is_err() {
                return false;
            }
        }
    }
    false
}

/// Queries that reach every kind of index file (dictionary, postings,
/// positions, documents) and the id shards.
const PROBES: [&str; 4] = [
    "bank rates",
    "\"interest rates\"",
    "ukr* kyiv",
    "lavorv OR nato",
];

/// Every prebuilt index file, through the path the page uses
/// (`Prebuilt::add_file`). The second input byte picks the file of the
/// fixture's index to replace; the rest is its new content. A refused file
/// names itself; an accepted one must leave every query and article look-up
/// panic-free; the file as written must be accepted.
pub fn prebuilt(fx: &Fixture, data: &[u8]) {
    let (framed, rest) = mode(data);
    let Some((&pick, payload)) = rest.split_first() else {
        return;
    };
    let names: Vec<&String> = fx.files.keys().collect();
    let name = names[usize::from(pick) % names.len()].as_str();
    let Some((kind, _)) = FileKind::parse_name(name) else {
        panic!("the writer named a file the reader does not know: {name}");
    };
    let bytes = if framed {
        index_format::frame(kind, payload)
    } else {
        payload.to_vec()
    };
    let original = fx.files.get(name).is_some_and(|f| *f == bytes);
    let mut files = fx.files.clone();
    files.insert(name.to_string(), bytes.clone());
    let mut p = if kind == FileKind::Meta {
        match PrebuiltEngine::open(&bytes) {
            Ok(p) => p,
            Err(e) => {
                assert!(!original, "the written meta.bin is refused: {e}");
                assert_eq!(e.file, META);
                return;
            }
        }
    } else {
        let Some(mut p) = fx.open_prebuilt() else {
            panic!("the fixture's meta.bin does not open");
        };
        if let Err(e) = p.add_file(name, &bytes) {
            assert!(!original, "the written {name} is refused: {e}");
            assert_eq!(e.file, name, "an error names another file: {e}");
            return;
        }
        p
    };
    // The probes without a typo: typo candidates cost the most and read no
    // file the others do not (the `query` target runs them all).
    for q in &PROBES[..3] {
        let req = SearchRequest::for_query(q);
        let complete = fetch_search(&mut p, &files, &req);
        let response = p.search(&req);
        check_response(&response, &req);
        if original {
            assert!(complete, "{q:?}: the unchanged index could not answer");
        }
        for hit in response.hits.iter().take(3) {
            for name in p.needs_article(&hit.id, q, Some(0)) {
                if let Some(b) = files.get(&name) {
                    let _ = p.add_file(&name, b);
                }
            }
            let _ = p.article(&hit.id, q, Some(0));
        }
    }
    // Events, facets and entity views read the notes chunks and the entity
    // list (and articles): panic-free whatever those hold.
    let add = |p: &mut PrebuiltEngine, missing: Vec<String>| {
        for name in missing {
            if let Some(b) = files.get(&name) {
                let _ = p.add_file(&name, b);
            }
        }
    };
    let ev = crate::engine::EventsRequest::default();
    for _ in 0..FETCH_ROUNDS {
        let missing = p.needs_events(&ev);
        add(&mut p, missing);
    }
    let _ = p.events(&ev);
    for key in ["sergey-lavrov", "kyiv", "nato"] {
        for _ in 0..FETCH_ROUNDS {
            let missing = p.needs_entity(key, "", None);
            add(&mut p, missing);
        }
        let _ = p.entity(key, "", None);
    }
}

/// What any search response must satisfy.
fn check_response(r: &SearchResponse, req: &SearchRequest) {
    assert!(
        r.hits.len() <= r.limit,
        "{} hits over the limit {}",
        r.hits.len(),
        r.limit
    );
    assert!(
        r.hits.len()
            <= r.total
                .saturating_sub(r.offset)
                .max(r.hits.len().min(r.total))
    );
    let q_units = req.q.encode_utf16().count();
    for f in &r.filters {
        assert!(
            f.start <= f.end && f.end <= q_units,
            "filter span {}..{} outside the query",
            f.start,
            f.end
        );
    }
}

/// The entity model: a refused model is an error at a byte inside it; an
/// accepted one round-trips and recognises text without panicking, every
/// mention inside the text.
pub fn model(data: &[u8]) {
    let (framed, rest) = mode(data);
    let bytes = if framed {
        codec::frame(
            &MODEL_MAGIC,
            crate::entities::model::FORMAT_VERSION,
            MODEL_KIND,
            rest,
        )
    } else {
        rest.to_vec()
    };
    let model = match Model::from_bytes(&bytes) {
        Ok(m) => m,
        Err(e) => {
            assert!(
                e.offset() <= bytes.len().max(FRAME_LEN),
                "error at {} of {}",
                e.offset(),
                bytes.len()
            );
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let again = model.to_bytes();
    match Model::from_bytes(&again) {
        Ok(back) => assert_eq!(back.to_bytes(), again, "model round trip changed it"),
        Err(e) => panic!("a written model does not read back: {e}"),
    }
    let text = "Sergey Lavrov met Antony Blinken in Geneva on Friday, NATO said. \
                The European Central Bank (ECB) raised rates; Kyiv's mayor Vitali Klitschko agreed.";
    let recognizer = Recognizer::with_model(model);
    for m in recognizer.recognize(text) {
        assert!(
            m.start < m.end && m.end <= text.len(),
            "mention {}..{} outside the text",
            m.start,
            m.end
        );
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
}

/// The manifest as the CLI and tests read it (JSON → [`Manifest`], checked):
/// an accepted manifest names only plain paths and round-trips through JSON;
/// a refused one names its field.
pub fn manifest(data: &[u8]) {
    let mut de = serde_json::Deserializer::from_slice(data);
    match Manifest::from_deserializer(&mut de) {
        Ok(m) => {
            for p in &m.packs {
                assert!(is_plain_path(&p.file), "pack path {:?} accepted", p.file);
            }
            if let Some(ix) = &m.index {
                assert!(is_plain_path(&ix.meta), "index path {:?} accepted", ix.meta);
            }
            if let Some(ner) = m.ner_model() {
                assert!(is_plain_path(ner), "model path {ner:?} accepted");
            }
            let json = match serde_json::to_vec(&m) {
                Ok(j) => j,
                Err(e) => panic!("an accepted manifest does not serialise: {e}"),
            };
            let mut de = serde_json::Deserializer::from_slice(&json);
            match Manifest::from_deserializer(&mut de) {
                Ok(back) => assert_eq!(back, m, "manifest round trip changed it"),
                Err(e) => panic!("a written manifest does not read back: {e}"),
            }
        }
        Err(e) => {
            assert!(!e.field.is_empty());
            assert!(e.to_string().starts_with(&format!("{}:", e.field)));
        }
    }
}

/// Any string is a query: parsed and run on the fixture in memory and
/// prebuilt, it must answer without panicking, within the fetch rounds, and
/// the two must give the same response.
pub fn query(fx: &Fixture, data: &[u8]) {
    let q = String::from_utf8_lossy(data);
    let parsed = crate::query::parse(&q);
    let q_units = q.encode_utf16().count();
    for f in &parsed.filters {
        assert!(
            f.start <= f.end && f.end <= q_units,
            "filter span {}..{} outside {q:?}",
            f.start,
            f.end
        );
    }
    let req = SearchRequest::for_query(&q);
    let inpage = fx.engine.search(&req);
    check_response(&inpage, &req);
    let Some(mut p) = fx.open_prebuilt() else {
        panic!("the fixture's meta.bin does not open");
    };
    assert!(
        fetch_search(&mut p, &fx.files, &req),
        "{q:?}: prebuilt search never complete"
    );
    let prebuilt = p.search(&req);
    let (a, b) = (
        serde_json::to_value(&inpage).ok(),
        serde_json::to_value(&prebuilt).ok(),
    );
    assert_eq!(a, b, "{q:?}: in-memory and prebuilt answers differ");
    if let Some(hit) = inpage.hits.first() {
        assert!(
            fx.engine.article(&hit.id, &q, None).is_some(),
            "a hit that does not open"
        );
    }
}

/// Starting inputs for every target, named `(target, name, bytes)`, in the
/// harnesses' input layout: `inputs` are input files (`.txt` seed format,
/// `.jsonl`) by name; packs, the model and the manifest are written from
/// them and the fixture, and every file of the fixture's prebuilt index.
pub fn seeds(fx: &Fixture, inputs: &[(String, Vec<u8>)]) -> Vec<(&'static str, String, Vec<u8>)> {
    let with = |m: u8, bytes: &[u8]| [&[m][..], bytes].concat();
    let mut out = Vec::new();
    let mut articles = Vec::new();
    for (name, bytes) in inputs {
        let jsonl = name.ends_with(".jsonl");
        out.push(("parse", name.clone(), with(u8::from(jsonl), bytes)));
        let parsed = if jsonl {
            parse_jsonl(name, "seed", &bytes[..])
        } else {
            parse_seed(name, "seed", bytes)
        };
        articles.extend(parsed.articles);
    }
    let doc = |d: usize| fx.engine.index().doc(d as u32).clone();
    articles.extend((0..fx.engine.index().len()).map(doc));
    for (i, chunk) in articles.chunks(3).enumerate().take(8) {
        let file = write_pack(chunk);
        let count = (chunk.len() as u32).to_le_bytes();
        out.push(("pack", format!("pack-{i}"), with(1, &file)));
        let framed = [&[0][..], &count, &file[FRAME_LEN..]].concat();
        out.push(("pack", format!("payload-{i}"), framed));
    }
    for (i, (name, file)) in fx.files.iter().enumerate() {
        let seed = name.replace('/', "-");
        out.push(("prebuilt", seed.clone(), [&[1, i as u8][..], file].concat()));
        let payload = [&[0, i as u8][..], &file[FRAME_LEN..]].concat();
        out.push(("prebuilt", format!("payload-{seed}"), payload));
    }
    let weights: Vec<i16> = (0..256).map(|i| (i * 37 % 200) as i16 - 100).collect();
    let model = Model::new(4, weights, 0.25, "Kyiv\tplace\nNATO\torganisation\n".into());
    let file = model.to_bytes();
    out.push(("model", "model".into(), with(1, &file)));
    out.push(("model", "payload".into(), with(0, &file[FRAME_LEN..])));
    let manifests = [
        r#"{"format":1,"articles":2,"packs":[{"file":"articles-000.pack","articles":2,"bytes":90}],"models":{"ner":"ner.bin"}}"#,
        r#"{"format":1,"articles":5,"packs":[],"index":{"meta":"index/meta.bin","files":30,"bytes":4000},"diagnostics":[{"file":"a.txt","line":1,"severity":"error","message":"bad date"}]}"#,
    ];
    for (i, m) in manifests.iter().enumerate() {
        out.push(("manifest", format!("manifest-{i}"), m.as_bytes().to_vec()));
    }
    let queries = PROBES.iter().chain(&[
        "title:kyiv -source:wire after:2022-01-01 before:2023-12-31",
        "person:\"Sergey Lavrov\" OR org:nato -place:geneva",
        "mentions:2022-03 \"rates unchanged\" ban*",
        "-bank intrest elections genève 45 %",
    ]);
    for (i, q) in queries.enumerate() {
        out.push(("query", format!("query-{i}"), q.as_bytes().to_vec()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The files a fuzzer should start from, as the harness reads them.
    #[test]
    fn unchanged_inputs_pass_every_harness() {
        let fx = Fixture::new();
        for (i, name) in fx.files.keys().enumerate() {
            let mut data = vec![1, i as u8];
            data.extend_from_slice(&fx.files[name]);
            prebuilt(&fx, &data);
        }
        let mut data = vec![0];
        data.extend_from_slice(b"date 2022-02-24 Kyiv said.\n\nMore.");
        parse(&data);
        let mut data = vec![1];
        data.extend_from_slice(&write_pack(&[fx.engine.index().doc(0).clone()]));
        pack(&data);
        for q in PROBES {
            query(&fx, q.as_bytes());
        }
        manifest(br#"{"format":1,"packs":[{"file":"articles-000.pack"}]}"#);
        let mut data = vec![1];
        data.extend(Model::new(2, vec![3; 64], 0.5, "Kyiv\tplace\n".into()).to_bytes());
        model(&data);
    }

    fn fuzz_bytes() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(any::<u8>(), 0..300)
    }

    /// Markup- and table-ish text: tags, entities, quotes, separators.
    fn markup_text() -> impl Strategy<Value = String> {
        "(<(rss|feed|item|entry|title|pubDate|description|content|p|div|a|script|nav|[a-z]{1,5})( [a-z]{1,5}=\"[a-z0-9:/ -]{0,12}\")?/?>|</[a-z]{1,7}>|&[a-z#0-9]{1,6};|<!\\[CDATA\\[|\\]\\]>|[a-z0-9 ,;\t\"\n-]{1,12}){0,40}"
    }

    /// JSON-ish and query-ish text, where random bytes rarely go.
    fn fuzz_text() -> impl Strategy<Value = String> {
        "[ a-z0-9\"*:()\\-{}\\[\\],]{0,60}"
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn parse_any_bytes(data in fuzz_bytes()) { parse(&data) }

        #[test]
        fn parse_markup_and_tables(kind in 250u8..=255, text in markup_text()) {
            let mut data = vec![kind];
            data.extend_from_slice(text.as_bytes());
            parse(&data);
        }

        #[test]
        fn pack_any_bytes(data in fuzz_bytes()) { pack(&data) }

        #[test]
        fn model_any_bytes(data in fuzz_bytes()) { model(&data) }

        #[test]
        fn manifest_any_bytes(data in fuzz_bytes(), text in fuzz_text()) {
            manifest(&data);
            manifest(text.as_bytes());
        }
    }

    /// Runs `harness` on `cases` random inputs against one fixture (building
    /// it is most of a case's cost).
    fn with_fixture(cases: u32, harness: fn(&Fixture, &[u8])) {
        use proptest::test_runner::{Config, TestRunner};
        let fx = Fixture::new();
        let mut runner = TestRunner::new(Config {
            cases,
            ..Config::default()
        });
        let inputs = prop_oneof![fuzz_bytes(), fuzz_text().prop_map(String::into_bytes)];
        let result = runner.run(&inputs, |data| {
            harness(&fx, &data);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }

    #[test]
    fn prebuilt_any_file() {
        with_fixture(64, prebuilt);
    }

    #[test]
    fn query_any_string() {
        with_fixture(64, query);
    }

    /// Inputs the fuzzer found, kept as regressions.
    #[test]
    fn fuzz_regressions() {
        // A lone CR ends the first line: the missing header is on line 2.
        parse(b"\n\r\0 ");
        // A dictionary shard whose frame CRC holds but whose FST nodes are
        // damaged: refused by the FST's own checksum, not a panic in `fst`.
        let fx = Fixture::new();
        prebuilt(
            &fx,
            include_bytes!("../tests/fixtures/fuzz/prebuilt-fst-node-panic.bin"),
        );
    }
}
