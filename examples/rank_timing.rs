//! Native timing of the ranking-only call (`Engine::rank`), per query class:
//! `rank_timing CORPUS.jsonl QUERIES.json [--limit N] [--passes P]
//! [--slowest S]`, the
//! query set made by `node bench/queries.mjs`. Each query runs once to warm
//! up, then `P` timed passes (default 1; a query's time is its fastest, which
//! leaves out the ticks a busy machine takes away); prints p50/p99 per class, where the time goes (parse, execute, the
//! rest), and a digest of every answer (ids and score bits) so that two
//! builds can be compared for identical results; with `--slowest`, the `S`
//! slowest queries (what to profile next).

use std::path::PathBuf;
use std::time::Instant;

use dateline::engine::{Engine, RankRequest, RankScratch};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[i.clamp(1, sorted.len()) - 1]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: rank_timing CORPUS.jsonl QUERIES.json [--limit N]");
        std::process::exit(2);
    };
    let option = |name: &str, default: usize| {
        (args.iter().position(|a| a == name))
            .and_then(|i| args.get(i + 1)?.parse().ok())
            .unwrap_or(default)
    };
    let (limit, passes) = (option("--limit", 10), option("--passes", 1).max(1));
    let slowest = option("--slowest", 0);
    let mut each: Vec<(f64, String, usize)> = Vec::new();
    let parsed = dateline::parse::load_paths(&[PathBuf::from(corpus)]);
    let t = Instant::now();
    let engine = Engine::with_events(parsed.articles, false);
    eprintln!(
        "indexed {} articles in {:.1} s; block maxima of {} terms, {} bytes",
        engine.index().len(),
        t.elapsed().as_secs_f64(),
        engine.block_maxima().len(),
        engine.block_maxima().bytes()
    );
    // What the maxima add to building the index (built again, timed).
    let t = Instant::now();
    let terms = 0..engine.index().term_count() as dateline::index::TermId;
    std::hint::black_box(dateline::query::BlockMaxima::build(engine.index(), terms));
    eprintln!(
        "block maxima built in {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let text = std::fs::read_to_string(queries).expect("the query set");
    let set: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array");
    let queries: Vec<(String, String)> = (set.iter())
        .map(|q| {
            (
                q["cls"].as_str().unwrap_or("").into(),
                q["q"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let request = |q: &str| RankRequest {
        q: q.to_string(),
        limit: Some(limit),
    };
    // One scratch for the whole run, as the page's handle keeps one.
    let mut scratch = RankScratch::default();
    for (_, q) in &queries {
        std::hint::black_box(engine.rank_with(&request(q), &mut scratch));
    }
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            digest = (digest ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    };
    let mut by_class: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    // Per class: blocks read, blocks in range, queries ranked by blocks.
    let mut blocks: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    let (mut parse_ms, mut exec_ms, mut all_ms) = (0.0, 0.0, 0.0);
    for (cls, q) in &queries {
        let req = request(q);
        let mut ms = f64::INFINITY;
        let mut answer = engine.rank_with(&req, &mut scratch);
        for _ in 0..passes {
            let t = Instant::now();
            answer = engine.rank_with(&req, &mut scratch);
            ms = ms.min(t.elapsed().as_secs_f64() * 1e3);
        }
        all_ms += ms;
        each.push((ms, format!("{cls} {q}"), answer.total));
        by_class.entry(cls.clone()).or_default().push(ms);
        let (read, of) = scratch.blocks_read();
        let b = blocks.entry(cls.clone()).or_default();
        b.0 += read;
        b.1 += of;
        b.2 += usize::from(of > 0);
        by_class.entry("all".into()).or_default().push(ms);
        eat(&answer.total.to_le_bytes());
        for (id, score) in answer.ids.iter().zip(&answer.scores) {
            eat(id.as_bytes());
            eat(&score.to_bits().to_le_bytes());
        }
        let t = Instant::now();
        let parsed = dateline::query::parse(q);
        parse_ms += t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        std::hint::black_box(dateline::query::execute(engine.index(), &parsed));
        exec_ms += t.elapsed().as_secs_f64() * 1e3;
    }
    println!("class     n   p50 ms   p99 ms  mean ms  top-k: queries, blocks read / in range");
    for (cls, ms) in &mut by_class {
        ms.sort_by(f64::total_cmp);
        let mean = ms.iter().sum::<f64>() / ms.len() as f64;
        let (read, of, n) = blocks.get(cls).copied().unwrap_or_default();
        println!(
            "{cls:<7} {:>4} {:>8.4} {:>8.4} {:>8.4}  {n:>4}, {read} / {of}",
            ms.len(),
            percentile(ms, 50.0),
            percentile(ms, 99.0),
            mean
        );
    }
    println!(
        "total rank {all_ms:.1} ms; exhaustive parse {parse_ms:.1} ms, parse+execute {:.1} ms",
        parse_ms + exec_ms
    );
    println!("digest {digest:016x}");
    each.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, q, total) in each.iter().take(slowest) {
        println!("{ms:>8.4} ms  {total:>6} matches  {q}");
    }
}
