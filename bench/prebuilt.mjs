// Dateline's prebuilt index (`dateline build`): build it (timed, with peak
// RSS and CPU from /usr/bin/time) and drive it in headless Chromium with the
// small harness page in bench/prebuilt-page/ (not www/js): start-up bytes and
// requests, cold queries (each in a fresh browser context), and a warm pass.
//
//   node bench/prebuilt.mjs --corpus C.jsonl --pkg SITE/pkg --queries Q.json --out OUT.json [--samples 20] [--warm 1]
//
// Used by bench/pagefind.mjs (Reuters, beside Pagefind) and bench/growth.mjs.
//
// The wasm and its glue: DATELINE_BENCH_GLUE and DATELINE_BENCH_WASM (file
// names inside pkg/) when set; else pkg/dateline_reader.js and
// pkg/dateline_reader_bg.wasm when present (a reader-only build); else
// pkg/dateline.js and pkg/dateline_bg.wasm.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/browser/server.mjs';
import { launch } from './browser.mjs';
import { median, timed } from './timing.mjs';

export { median, timed };

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'target/release/dateline');
const HARNESS = path.join(REPO, 'bench/prebuilt-page');

/** @param {string[]} argv */
function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[i + 1] ?? '';
  return o;
}

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

/** Sizes of a set of files: count, raw and gzip -9 bytes (each file on its own). @param {string[]} files */
export function sizes(files) {
  return {
    requests: files.length,
    bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0),
    gzipBytes: files.reduce((n, f) => n + gz(f), 0),
  };
}

/** The glue and wasm file names the harness loads from pkg/. @param {string} pkg */
export function wasmFiles(pkg) {
  const env = [process.env.DATELINE_BENCH_GLUE, process.env.DATELINE_BENCH_WASM];
  if (env[0] || env[1]) {
    if (!env[0] || !env[1]) throw new Error('set both DATELINE_BENCH_GLUE and DATELINE_BENCH_WASM');
    return { glue: env[0], wasm: env[1], from: 'DATELINE_BENCH_GLUE/_WASM' };
  }
  if (fs.existsSync(path.join(pkg, 'dateline_reader.js')) && fs.existsSync(path.join(pkg, 'dateline_reader_bg.wasm')))
    return { glue: 'dateline_reader.js', wasm: 'dateline_reader_bg.wasm', from: 'pkg/dateline_reader*' };
  return { glue: 'dateline.js', wasm: 'dateline_bg.wasm', from: 'pkg/dateline*' };
}

/**
 * The trained entity model sites ship with (`./build.sh build` trains it), or
 * null: with it, `dateline build` tags time expressions and recognises
 * entities, as a site is built for readers, and the build's time includes both.
 */
export const NER_MODEL = ['DATELINE_BENCH_NER_MODEL'].map((k) => process.env[k]).find(Boolean) ?? path.join(REPO, 'target/ner/ner.bin');

/** `dateline build CORPUS --out OUT --quiet` (with the entity model when there): time, RSS, CPU, output files. */
export function buildDateline(corpus, out) {
  // The whole folder: `dateline build --out` writes the page as well and
  // refuses a folder that is no site (one whose corpus/ alone was removed).
  fs.rmSync(out, { recursive: true, force: true });
  const model = fs.existsSync(NER_MODEL) ? ['--ner-model', NER_MODEL] : [];
  const r = timed(CLI, ['build', corpus, '--out', out, '--quiet', '--keep-going', '--index', 'prebuilt', ...model]);
  if (r.status !== 0) throw new Error(`dateline build failed: ${r.stderr.split('\n').slice(-3).join(' / ')}`);
  const line = r.stderr.split('\n').find((l) => l.startsWith('built ')) ?? '';
  const phases = Object.fromEntries([...line.matchAll(/(parse|index|write) ([\d.]+) s/g)].map((m) => [m[1], Number(m[2])]));
  return { ms: r.ms, maxRssBytes: r.maxRssBytes, cpuPct: r.cpuPct, load: r.load, phases, log: line, annotated: model.length > 0 };
}

/** What `dateline build` wrote, by kind of file, and in all. @param {string} out */
export function diskOf(out, withGzip = true) {
  const files = walk(path.join(out, 'corpus'));
  const kinds = {};
  for (const f of files) {
    const k = path.basename(f).replace(/-\d+\.bin$|\.bin$|\.json$/, '');
    const s = fs.statSync(f).size;
    kinds[k] ??= { files: 0, bytes: 0 };
    kinds[k].files++;
    kinds[k].bytes += s;
  }
  const total = { files: files.length, bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0) };
  // gzip of the whole index is slow at 1,000,000 articles: only when asked.
  if (withGzip) total.gzipBytes = files.reduce((n, f) => n + gz(f), 0);
  return { total, kinds };
}

/**
 * Put the harness page into `site` (next to its corpus/), and `pkg` as its
 * pkg/ unless the site has its own (`dateline build --out` writes the page
 * with the reader core).
 */
export function prepareSite(site, pkg) {
  spawnSync('rm', ['-rf', path.join(site, '__bench')]);
  if (!fs.existsSync(path.join(site, 'pkg'))) fs.cpSync(pkg, path.join(site, 'pkg'), { recursive: true });
  fs.cpSync(HARNESS, path.join(site, '__bench'), { recursive: true });
}

/**
 * Drive the prebuilt index in Chromium: `samples` cold queries (each in a
 * fresh context: start-up, then one query), the same queries Pagefind's cold
 * measurement uses; then, with `warm`, the whole set in one page.
 */
export async function measureDateline(site, queries, { samples = 20, warm = false } = {}) {
  const files = wasmFiles(path.join(site, 'pkg'));
  const pkgFiles = { glue: `pkg/${files.glue}`, wasm: `pkg/${files.wasm}` };
  const server = await startServer({ root: site });
  const browser = await launch();
  const harnessUrl = `${server.url}__bench/index.html`;
  const fileOf = (url) => path.join(site, decodeURIComponent(new URL(url).pathname));
  const isHarness = (url) => new URL(url).pathname.startsWith('/__bench/');
  // The harness page is cross-origin isolated (COOP/COEP): 5 µs timers, as in browser.mjs.
  const open = async (context) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`prebuilt page error: ${e.message}`));
    await page.route(harnessUrl, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' },
        body: fs.readFileSync(path.join(HARNESS, 'index.html')),
      }),
    );
    await page.goto(harnessUrl);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
    return page;
  };
  const cold = [];
  let warmResult = null;
  try {
    for (let i = 0; i < samples; i++) {
      const q = queries[Math.floor((i * queries.length) / samples)];
      const context = await browser.newContext();
      const seen = [];
      context.on('request', (r) => seen.push(r.url()));
      const page = await open(context);
      const harness = seen.splice(0).filter(isHarness);
      const logged = server.requests.length;
      const t0 = Date.now();
      const s = await page.evaluate((f) => globalThis.harness.startup(f), pkgFiles);
      const startMs = Date.now() - t0;
      const startup = seen.splice(0).filter((u) => !isHarness(u));
      const t1 = Date.now();
      const r = await page.evaluate((q) => globalThis.harness.query(q), q.q);
      const queryMs = Date.now() - t1;
      const query = seen.splice(0).filter((u) => !isHarness(u));
      const serverPaths = server.requests.slice(logged);
      cold.push({
        q: q.q,
        cls: q.cls,
        harness: sizes(harness.map(fileOf).filter((f) => fs.existsSync(f))),
        startup: { ...sizes(startup.map(fileOf)), ms: startMs, pageMs: s.ms, files: startup.map((u) => new URL(u).pathname) },
        query: { ...sizes(query.map(fileOf)), ms: queryMs, pageMs: r.ms, rounds: r.rounds, files: query.map((u) => new URL(u).pathname) },
        hits: r.ids.length,
        snippets: r.snippets,
        total: r.total,
        ids: r.ids,
        serverCount: serverPaths.length,
        playwrightCount: startup.length + query.length,
      });
      if (r.files !== query.length) console.error(`prebuilt: ${q.q}: the page fetched ${r.files} index files, playwright saw ${query.length} requests`);
      await context.close();
    }
    if (warm) {
      const context = await browser.newContext();
      const page = await open(context);
      await page.evaluate((f) => globalThis.harness.startup(f), pkgFiles);
      const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
      warmResult = { ...(await page.evaluate((qs) => globalThis.harness.warm(qs), queries)), isolated };
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const wasmPath = path.join(site, pkgFiles.wasm);
  const med = (f) => median(cold.map(f));
  const max = (f) => Math.max(...cold.map(f));
  return {
    wasm: { ...files, bytes: fs.statSync(wasmPath).size, gzipBytes: gz(wasmPath) },
    cold,
    coldMedian: {
      startup: { requests: med((c) => c.startup.requests), bytes: med((c) => c.startup.bytes), gzipBytes: med((c) => c.startup.gzipBytes), ms: med((c) => c.startup.ms) },
      query: { requests: med((c) => c.query.requests), rounds: med((c) => c.query.rounds), bytes: med((c) => c.query.bytes), gzipBytes: med((c) => c.query.gzipBytes), ms: med((c) => c.query.ms) },
      first: { requests: med((c) => c.startup.requests + c.query.requests), bytes: med((c) => c.startup.bytes + c.query.bytes), gzipBytes: med((c) => c.startup.gzipBytes + c.query.gzipBytes) },
    },
    coldMax: {
      query: { requests: max((c) => c.query.requests), rounds: max((c) => c.query.rounds), bytes: max((c) => c.query.bytes), gzipBytes: max((c) => c.query.gzipBytes), ms: max((c) => c.query.ms) },
      first: { requests: max((c) => c.startup.requests + c.query.requests), gzipBytes: max((c) => c.startup.gzipBytes + c.query.gzipBytes) },
    },
    countsMatch: cold.every((c) => c.serverCount === c.playwrightCount),
    warm: warmResult,
  };
}

/** The page shell a real site adds (index.html, css/, js/), listed apart: it is not the index. */
export function shellOf(site) {
  const files = ['index.html', 'css', 'js'].flatMap((p) => {
    const f = path.join(site, p);
    if (!fs.existsSync(f)) return [];
    return fs.statSync(f).isDirectory() ? walk(f) : [f];
  });
  return sizes(files);
}

async function main(o) {
  const queries = JSON.parse(fs.readFileSync(o.queries, 'utf8'));
  const out = path.join(REPO, 'target/bench/dateline-prebuilt');
  const build = buildDateline(o.corpus, out);
  console.error(`prebuilt: built in ${(build.ms / 1000).toFixed(1)} s (${build.log})`);
  prepareSite(out, o.pkg);
  const m = await measureDateline(out, queries, { samples: Number(o.samples ?? 20), warm: o.warm === '1' });
  fs.writeFileSync(o.out, JSON.stringify({ build, disk: diskOf(out), ...m }));
  console.error(`prebuilt: ${JSON.stringify({ ...m.coldMedian, coldMax: m.coldMax, countsMatch: m.countsMatch })}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(args(process.argv.slice(2)));
