//! Cold queries over a built prebuilt index, in bytes fetched:
//! `prebuilt_cold SITE/corpus QUERIES.json [--every N]`, the query set made by
//! `node bench/queries.mjs` (every `N`th query, default 32: 20 of its 640).
//! Each query runs from a fresh engine as a page's first search does once
//! its facets are wanted: the entity types (`needs_entities`), then the
//! needs → fetch → add loop of `search({q, limit: 10})`. Prints, per query,
//! its rounds (the types' fetch not counted), files and their gzip -9 bytes
//! (each file's frame compressed on its own, as a host would send it); then
//! the median and largest, and the bytes by kind of file over all queries,
//! and a digest of every answer, so that two builds can be compared for
//! identical results. With `PREBUILT_COLD_FILES` set, each query's files
//! by round, its result count and what else it searched go to stderr.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use dateline::engine::{PrebuiltEngine, SearchRequest};
use dateline::prebuilt::packed::unpack;

type Error = Box<dyn std::error::Error>;

/// An index file's frame (inflated when stored gzipped) and its gzip -9
/// size; `name` as the engine names it, in the index's folder `dir`.
fn read(dir: &Path, name: &str) -> Result<(Vec<u8>, usize), Error> {
    let path = dir.join(name.trim_start_matches("index/"));
    let stored = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let frame = unpack(&stored)?.into_owned();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&frame)?;
    let size = gz.finish()?.len();
    Ok((frame, size))
}

/// What one cold query fetched.
struct Cold {
    rounds: usize,
    /// (file, gzip -9 bytes), in the order fetched.
    files: Vec<(String, usize)>,
    digest: u32,
}

fn cold(dir: &Path, meta: &[u8], q: &str) -> Result<Cold, Error> {
    let mut e = PrebuiltEngine::open(meta)?;
    let mut files = Vec::new();
    let mut fetch = |e: &mut PrebuiltEngine, need: Vec<String>| -> Result<(), Error> {
        for f in need {
            let (frame, size) = read(dir, &f)?;
            e.add_file(&f, &frame)?;
            files.push((f, size));
        }
        Ok(())
    };
    let types = e.needs_entities();
    fetch(&mut e, types)?;
    let req = SearchRequest {
        q: q.to_string(),
        limit: Some(10),
        ..Default::default()
    };
    let mut rounds = 0;
    loop {
        let need = e.needs_search(&req);
        if need.is_empty() {
            break;
        }
        if verbose() {
            eprintln!("{q} round {}: {need:?}", rounds + 1);
        }
        rounds += 1;
        if rounds > 8 {
            return Err(format!("{q}: still needs {need:?} after 8 rounds").into());
        }
        fetch(&mut e, need)?;
    }
    let response = e.search(&req);
    if verbose() {
        let also = &response.notes.also_searched;
        eprintln!("{q}: {} results, also searched {also:?}", response.total);
    }
    let answer = serde_json::to_string(&response)?;
    let digest = dateline::checksum::crc32(answer.as_bytes());
    Ok(Cold {
        rounds,
        files,
        digest,
    })
}

/// `PREBUILT_COLD_FILES` set: each query's files by round and its notes
/// go to stderr.
fn verbose() -> bool {
    std::env::var_os("PREBUILT_COLD_FILES").is_some()
}

fn median(mut v: Vec<usize>) -> f64 {
    v.sort_unstable();
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2] as f64,
        n => (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0,
    }
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: prebuilt_cold SITE/corpus QUERIES.json [--every N]");
        std::process::exit(2);
    };
    let every = (args.iter().position(|a| a == "--every"))
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(32usize)
        .max(1);
    let corpus = PathBuf::from(corpus);
    let manifest = std::fs::read(corpus.join("manifest.json"))?;
    let manifest = dateline::manifest::Manifest::from_deserializer(
        &mut serde_json::Deserializer::from_slice(&manifest),
    )?;
    let folder = manifest
        .index_folder()
        .ok_or("a site without a prebuilt index")?;
    let dir = corpus.join(folder.dir());
    let (meta, _) = read(&dir, "index/meta.bin")?;
    let set: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(queries)?)?;
    let (mut bytes, mut rounds) = (Vec::new(), Vec::new());
    let mut kinds: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    println!("query\tclass\trounds\tfiles\tgzip-9 KB\tanswer");
    for query in set.iter().step_by(every) {
        let (Some(q), class) = (query["q"].as_str(), query["cls"].as_str()) else {
            return Err(format!("a query without `q`: {query}").into());
        };
        let c = cold(&dir, &meta, q)?;
        let total: usize = c.files.iter().map(|(_, n)| n).sum();
        for (f, n) in &c.files {
            let kind = f.trim_start_matches("index/");
            let kind = kind.split(['-', '.']).next().unwrap_or(kind);
            let k = kinds.entry(kind.to_string()).or_default();
            k.0 += n;
            k.1 += 1;
        }
        let (files, kb, digest) = (c.files.len(), total as f64 / 1024.0, c.digest);
        let class = class.unwrap_or("");
        println!("{q}\t{class}\t{}\t{files}\t{kb:.0}\t{digest:08x}", c.rounds);
        bytes.push(total);
        rounds.push(c.rounds);
    }
    let largest = bytes.iter().max().copied().unwrap_or(0);
    println!(
        "{} queries: median {:.0} KB, largest {:.0} KB, all {:.0} KB; rounds median {}, largest {}",
        bytes.len(),
        median(bytes.clone()) / 1024.0,
        largest as f64 / 1024.0,
        bytes.iter().sum::<usize>() as f64 / 1024.0,
        median(rounds.clone()),
        rounds.iter().max().copied().unwrap_or(0),
    );
    let mut by_kind: Vec<_> = kinds.into_iter().collect();
    by_kind.sort_by_key(|(_, (n, _))| std::cmp::Reverse(*n));
    for (kind, (n, files)) in by_kind {
        println!("  {kind}\t{:.2} MB\t{files} files", n as f64 / 1048576.0);
    }
    Ok(())
}
