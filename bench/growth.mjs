// Growth: larger corpora made from Reuters by date-shifted copies (copy k is
// moved k years later, ids suffixed `~k`, and one word in five of its title
// and text swapped for another word of the corpus: see `perturbed`),
// generated into target/bench/.
// Sizes are article counts (`all`: the corpus itself). For each size: Dateline's pack time and start-up bytes, its in-page index
// build in a fresh Node process (time, wasm memory, peak RSS); Dateline's
// prebuilt index (`dateline build`: time, peak RSS, files and bytes on disk,
// then start-up and cold queries in Chromium, as in bench/prebuilt.mjs, and the
// real page over an emulated slow network, bench/network.mjs); and
// the Pagefind build over one HTML page per article.
//
//   node bench/growth.mjs --corpus C.jsonl --site SITE --queries Q.json --out OUT.json [--sizes all,200000,1000000] [--pagefind-max N] [--samples 20]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseDocs } from './engines.mjs';
import { writeSite, buildPagefind, rmrf } from './pagefind.mjs';
import { buildDateline, diskOf, prepareSite, measureDateline } from './prebuilt.mjs';
import { measurePage } from './network.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO, 'target/bench');
const GiB = 2 ** 30;

/** @param {string[]} argv */
function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[i + 1] ?? '';
  return o;
}

/** Share of words (in percent) a copy swaps for another word of the corpus. */
const SWAP_PERCENT = 20;
/** A word, as `perturbed` swaps it. */
const WORD = /[A-Za-z]{3,}/g;

/**
 * `text` with about SWAP_PERCENT of its words swapped for words of `vocab`,
 * the same for the same `seed` (xorshift32). Exact copies would be one
 * story reprinted: the engines fold them into one row that names every
 * copy (46 at a million articles, whose cards the opening list then
 * fetches), which is no collection's shape. One word in five swapped
 * leaves about a third of a copy's five-word runs intact, far below the
 * 0.8 similarity of a reprint (src/index/dedup.rs), while the vocabulary,
 * the lengths and the words' frequencies stay Reuters'.
 * @param {string} text
 * @param {string[]} vocab
 * @param {number} seed
 */
function perturbed(text, vocab, seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return text.replace(WORD, (w) => (next() % 100 < SWAP_PERCENT ? vocab[next() % vocab.length] : w));
}

/**
 * The first n articles of the endless sequence of date-shifted copies: copy
 * 0 is the corpus itself, copy k > 0 is k years later and `perturbed`.
 */
export function* copies(docs, n) {
  /** @type {string[]} */
  let vocab = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(i / docs.length);
    const d = docs[i % docs.length];
    if (!k) {
      yield d;
      continue;
    }
    // Words as the corpus uses them (a word as often as it occurs), so
    // that the words' frequencies stay Reuters'.
    if (!vocab.length) vocab = docs.slice(0, 4000).flatMap((x) => x.text.match(WORD) ?? []);
    const date = d.date ? `${Number(d.date.slice(0, 4)) + k}${d.date.slice(4)}` : d.date;
    yield { ...d, id: `${d.id}~${k}`, date, title: perturbed(d.title, vocab, i * 2 + 1), text: perturbed(d.text, vocab, i * 2 + 2) };
  }
}

/** gzip -9 size of a file, streamed. */
async function gzSize(file) {
  let n = 0;
  await pipeline(fs.createReadStream(file), zlib.createGzip({ level: 9 }), async function* (src) {
    for await (const chunk of src) n += chunk.length;
  });
  return n;
}

/**
 * @param {object[]} docs
 * @param {number} n
 * @param {object} o  options; o.wasmPerArticle (bytes, from a smaller size) skips
 *   Dateline's index build when it would not fit wasm32's 4 GiB memory
 */
async function one(docs, n, o) {
  const r = { articles: n };
  const jsonl = path.join(WORK, `growth-${n}.jsonl`);
  const fd = fs.openSync(jsonl, 'w');
  for (const d of copies(docs, n)) fs.writeSync(fd, JSON.stringify(d) + '\n');
  fs.closeSync(fd);
  r.jsonlBytes = fs.statSync(jsonl).size;

  // Dateline: pack, then start-up bytes and the in-page index build in Node.
  const site = path.join(WORK, `growth-${n}-site`);
  rmrf(site);
  fs.cpSync(path.join(o.site, 'pkg'), path.join(site, 'pkg'), { recursive: true });
  let t = performance.now();
  const pack = spawnSync(path.join(REPO, 'target/release/dateline'), ['pack', jsonl, '--out', path.join(site, 'corpus'), '--keep-going'], { encoding: 'utf8' });
  r.packMs = performance.now() - t;
  if (pack.status !== 0) r.packError = (pack.stderr || pack.stdout).trim().split('\n').pop();
  else {
    const manifest = JSON.parse(fs.readFileSync(path.join(site, 'corpus/manifest.json'), 'utf8'));
    const files = ['pkg/dateline.js', 'pkg/dateline_bg.wasm', 'corpus/manifest.json', ...manifest.packs.map((p) => `corpus/${p.file}`)].map((f) => path.join(site, f));
    r.startup = { requests: files.length, bytes: 0, gzipBytes: 0 };
    for (const f of files) {
      r.startup.bytes += fs.statSync(f).size;
      r.startup.gzipBytes += await gzSize(f);
    }
    const projected = (o.wasmPerArticle ?? 0) * n;
    console.error(`growth ${n}: packed in ${(r.packMs / 1000).toFixed(1)} s; Dateline index build in Node...`);
    if (projected > 3.8 * GiB) r.datelineSkipped = `projected wasm memory ${(projected / GiB).toFixed(1)} GiB (linear from the smaller size) exceeds wasm32's 4 GiB`;
    const child = r.datelineSkipped ? null : spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=16384', path.join(REPO, 'bench/node.mjs'), '--child', '1', '--engine', 'dateline', '--site', site],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    if (!child) {
      // skipped: see r.datelineSkipped
    } else if (child.status === 0) r.dateline = JSON.parse(child.stdout);
    else r.datelineError = (child.stderr || `exit ${child.status}`).trim().split('\n').slice(-3).join(' / ');
  }

  // Dateline's prebuilt index: `dateline build`, then the page's fetches in Chromium.
  const pre = path.join(WORK, `growth-${n}-prebuilt`);
  rmrf(pre);
  try {
    console.error(`growth ${n}: dateline build...`);
    const build = buildDateline(jsonl, pre);
    const disk = diskOf(pre, false);
    console.error(`growth ${n}: built in ${(build.ms / 1000).toFixed(1)} s (${build.cpuPct}% CPU, ${(build.maxRssBytes / 2 ** 20).toFixed(0)} MiB); cold queries in Chromium...`);
    prepareSite(pre, path.join(o.site, 'pkg'));
    const queries = JSON.parse(fs.readFileSync(o.queries, 'utf8'));
    const m = await measureDateline(pre, queries, { samples: Number(o.samples ?? 20) });
    r.prebuilt = { build, disk, ...m };
    console.error(`growth ${n}: the page over an emulated network (HTTP/2, 100 ms, 10 Mbit/s)...`);
    const { samplesDetail, ...net } = await measurePage(pre, queries, { samples: Number(o.samples ?? 20), http2: true });
    r.prebuilt.network = net;
  } catch (e) {
    r.prebuiltError = String(e.message).split('\n').slice(-2).join(' / ');
  }
  rmrf(pre);

  // Pagefind: one HTML page per article, then the CLI.
  const free = fs.statfsSync(WORK);
  const needBytes = r.jsonlBytes * 3;
  const projectedRss = (o.pagefindRssPerArticle ?? 0) * n;
  if (projectedRss > 0.9 * os.totalmem())
    r.pagefindSkipped = `projected peak RSS ${(projectedRss / GiB).toFixed(0)} GiB (linear from the smaller size) exceeds the machine's ${(os.totalmem() / GiB).toFixed(0)} GiB`;
  else if (n > Number(o['pagefind-max'] ?? Infinity)) r.pagefindSkipped = `above --pagefind-max ${o['pagefind-max']} (time budget)`;
  else if (free.bavail * free.bsize < needBytes) r.pagefindSkipped = `needs about ${(needBytes / GiB).toFixed(1)} GiB of disk`;
  else {
    const dir = path.join(WORK, 'growth-pagefind-site');
    const many = [...copies(docs, n)];
    console.error(`growth ${n}: writing ${n} pages, then pagefind...`);
    writeSite(many, dir);
    try {
      const b = buildPagefind(dir);
      r.pagefind = { buildMs: b.ms, log: b.log, maxRssBytes: b.maxRssBytes, cpuPct: b.cpuPct, load: b.load };
      let bytes = 0;
      for (const f of fs.readdirSync(path.join(dir, 'pagefind'), { recursive: true })) {
        const s = fs.statSync(path.join(dir, 'pagefind', f));
        if (s.isFile()) bytes += s.size;
      }
      r.pagefind.indexBytes = bytes;
    } catch (e) {
      r.pagefindError = String(e.message).split('\n').slice(-2).join(' / ');
    }
    rmrf(dir);
  }
  fs.rmSync(jsonl, { force: true });
  rmrf(site);
  return r;
}

async function main(o) {
  const docs = parseDocs(fs.readFileSync(o.corpus, 'utf8'));
  // `all`: the corpus itself (Reuters: 21,577 articles), as the smallest size.
  const sizes = (o.sizes ?? '200000,1000000').split(',').map((x) => (x === 'all' ? docs.length : Number(x)));
  const results = [];
  for (const n of sizes) {
    const r = await one(docs, n, o);
    if (r.dateline) o.wasmPerArticle = r.dateline.wasmBytes / n;
    if (r.pagefind?.maxRssBytes) o.pagefindRssPerArticle = r.pagefind.maxRssBytes / n;
    // Linear projections from the largest size Pagefind built, for the sizes it skips (the report says so).
    if (r.pagefind) o.pagefindPerArticle = { ms: r.pagefind.buildMs / n, rss: r.pagefind.maxRssBytes / n, bytes: r.pagefind.indexBytes / n, from: n };
    else if (o.pagefindPerArticle) {
      const p = o.pagefindPerArticle;
      r.pagefindProjected = { buildMs: p.ms * n, maxRssBytes: p.rss * n, indexBytes: p.bytes * n, from: p.from };
    }
    console.error(`growth ${n}: ${JSON.stringify({ ...r, dateline: r.dateline && { indexMs: r.dateline.indexMs, wasmBytes: r.dateline.wasmBytes, maxRssBytes: r.dateline.maxRssBytes }, prebuilt: r.prebuilt && { build: r.prebuilt.build, disk: r.prebuilt.disk.total, coldMedian: r.prebuilt.coldMedian, coldMax: r.prebuilt.coldMax } })}`);
    results.push(r);
    fs.writeFileSync(o.out, JSON.stringify({ results }));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(args(process.argv.slice(2)));
