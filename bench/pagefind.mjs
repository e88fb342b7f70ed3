// Prebuilt indexes and start-up bytes, side by side: Pagefind over the
// articles rendered as HTML pages, Dateline's `dateline build` (measured by
// bench/prebuilt.mjs with the same queries), and what Dateline's in-page
// site downloads before it can answer.
//
//   node bench/pagefind.mjs --corpus C.jsonl --site SITE --queries Q.json --out OUT.json [--samples 20] [--builds 3]
//
// The two builds run --builds times each, alternating (Pagefind, Dateline,
// Pagefind, ...), so a burst of load from elsewhere hits both; medians are
// reported, with every run's time, CPU share and the load average before it.
//
// Pagefind: one page per article in target/bench/pagefind-site/a/ID.html
// (<h1> title, <time>, body paragraphs), built with the npm `pagefind` CLI,
// then driven in headless Chromium against the local server. "Start-up" is
// importing pagefind.js and init(); a "cold query" is then search(q) plus
// data() of its top 10 (the fragments a result list shows), each in a fresh
// browser context, for --samples queries of the set (medians reported). A
// warm pass over the whole query set in one page gives latency and top-10
// ids. Requests are counted with playwright's request events (checked against
// the server's log); bytes are the served files' sizes, raw and gzip -9.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/browser/server.mjs';
import { launch } from './browser.mjs';
import { parseDocs } from './engines.mjs';
import { timed, buildDateline, diskOf, prepareSite, measureDateline, shellOf } from './prebuilt.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGEFIND = path.join(REPO, 'bench/node_modules/.bin/pagefind');

/** @param {string[]} argv */
function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[i + 1] ?? '';
  return o;
}

const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** All files under dir, recursively. @param {string} dir @returns {string[]} */
const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

/** `rm -rf`: far faster than Node 20's fs.rmSync on 100,000s of files. @param {string} dir */
export const rmrf = (dir) => spawnSync('rm', ['-rf', dir]);

/** Write one HTML page per article, and an empty page to drive Pagefind from. */
export function writeSite(docs, dir) {
  rmrf(dir);
  fs.mkdirSync(path.join(dir, 'a'), { recursive: true });
  for (const d of docs) {
    const paras = d.text.split(/\n\s*\n|\n(?= {2,}|\t)/).map((p) => p.trim()).filter(Boolean);
    const html =
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(d.title)}</title></head><body><main data-pagefind-body>` +
      `<h1>${esc(d.title)}</h1><time datetime="${esc(d.date)}" data-pagefind-meta="date">${esc(d.date)}</time>` +
      paras.map((p) => `<p>${esc(p)}</p>`).join('') +
      `</main></body></html>\n`;
    fs.writeFileSync(path.join(dir, 'a', `${d.id}.html`), html);
  }
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>pagefind bench</title>\n');
}

/**
 * Run the Pagefind CLI over `dir`: wall time (ms), the end of its log, and
 * its peak RSS and CPU share when /usr/bin/time is there to tell them.
 */
export function buildPagefind(dir) {
  const p = timed(PAGEFIND, ['--site', dir]);
  if (p.status !== 0) throw new Error(`pagefind failed: ${p.stderr || p.stdout}`);
  return { ms: p.ms, log: p.stdout.trim().split('\n').slice(-9).join('\n'), maxRssBytes: p.maxRssBytes, cpuPct: p.cpuPct, load: p.load };
}

/** Sizes of a set of files: count, raw and gzip -9 bytes. @param {string[]} files */
function sizes(files) {
  return {
    requests: files.length,
    bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0),
    gzipBytes: files.reduce((n, f) => n + gz(f), 0),
  };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

/** Drive Pagefind in Chromium: cold start-ups and queries, then a warm pass. */
async function measureBrowser(dir, queries, samples) {
  const server = await startServer({ root: dir });
  const browser = await launch();
  const fileOf = (url) => path.join(dir, decodeURIComponent(new URL(url).pathname));
  const cold = [];
  try {
    for (let i = 0; i < samples; i++) {
      const q = queries[Math.floor((i * queries.length) / samples)];
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      const seen = [];
      context.on('request', (r) => seen.push(r.url()));
      const logged = server.requests.length;
      const t0 = Date.now();
      await page.evaluate(async () => {
        globalThis.pf = await import('/pagefind/pagefind.js');
        await globalThis.pf.init();
      });
      const startMs = Date.now() - t0;
      const startup = seen.splice(0);
      const t1 = Date.now();
      await page.evaluate(async (q) => {
        const s = await globalThis.pf.search(q);
        await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
      }, q.q);
      const queryMs = Date.now() - t1;
      const query = seen.splice(0);
      const serverPaths = server.requests.slice(logged);
      const serverCount = serverPaths.length;
      const unseen = serverPaths.filter((p) => ![...startup, ...query].some((u) => new URL(u).pathname === p));
      cold.push({
        q: q.q,
        startup: { ...sizes(startup.map(fileOf)), ms: startMs },
        query: { ...sizes(query.map(fileOf)), ms: queryMs },
        serverCount,
        unseen,
        playwrightCount: startup.length + query.length,
      });
      await context.close();
    }
    // Warm pass: every query in one page, top 10 with their data (as a result list needs).
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    const warm = await page.evaluate(async (queries) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      const ms = [];
      const ids = [];
      for (const q of queries) {
        const t = performance.now();
        const s = await pf.search(q.q);
        const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
        ms.push(performance.now() - t);
        ids.push(data.map((d) => d.url.replace(/^.*\/a\/|\.html$/g, '')));
      }
      return { ms, ids };
    }, queries);
    return { cold, warm };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** What Dateline's page downloads before it can answer: glue, wasm, manifest and every pack. */
function datelineStartup(site) {
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'corpus/manifest.json'), 'utf8'));
  const files = ['pkg/dateline.js', 'pkg/dateline_bg.wasm', 'corpus/manifest.json', ...manifest.packs.map((p) => `corpus/${p.file}`)];
  const wasm = path.join(site, 'pkg/dateline_bg.wasm');
  return { ...sizes(files.map((f) => path.join(site, f))), wasmBytes: fs.statSync(wasm).size, wasmGzipBytes: gz(wasm), articles: manifest.articles };
}

async function main(o) {
  const docs = parseDocs(fs.readFileSync(o.corpus, 'utf8'));
  const queries = JSON.parse(fs.readFileSync(o.queries, 'utf8'));
  const samples = Number(o.samples ?? 20);
  const dir = path.join(REPO, 'target/bench/pagefind-site');
  const dlOut = path.join(REPO, 'target/bench/dateline-prebuilt');
  console.error(`pagefind: writing ${docs.length} pages to ${path.relative(REPO, dir)}`);
  writeSite(docs, dir);
  const builds = { pagefind: [], dateline: [] };
  for (let i = 0; i < Number(o.builds ?? 3); i++) {
    const p = buildPagefind(dir);
    builds.pagefind.push(p);
    const d = buildDateline(o.corpus, dlOut);
    builds.dateline.push(d);
    console.error(`build ${i + 1}: pagefind ${(p.ms / 1000).toFixed(1)} s (${p.cpuPct}% CPU), dateline build ${(d.ms / 1000).toFixed(1)} s (${d.cpuPct}% CPU); load before: ${p.load} / ${d.load}`);
  }
  const mid = (xs) => xs.slice().sort((a, b) => a.ms - b.ms)[xs.length >> 1];
  const build = mid(builds.pagefind);
  prepareSite(dlOut, path.join(o.site, 'pkg'));
  console.error('dateline prebuilt: cold queries and a warm pass in Chromium');
  const dl = await measureDateline(dlOut, queries, { samples, warm: true });
  console.error(`dateline prebuilt: ${JSON.stringify(dl.coldMedian)}`);
  const pf = path.join(dir, 'pagefind');
  const all = walk(pf);
  const ui = all.filter((f) => /pagefind-(component-|modular-)?ui|pagefind-highlight/.test(path.basename(f)));
  const wasm = all.find((f) => /^wasm\..*\.pagefind$/.test(path.basename(f)));
  const wasmRaw = fs.readFileSync(wasm);
  const browser = await measureBrowser(dir, queries, samples);
  const result = {
    version: spawnSync(PAGEFIND, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    pages: docs.length,
    buildMs: build.ms,
    buildMaxRssBytes: build.maxRssBytes,
    buildCpuPct: build.cpuPct,
    builds: builds.pagefind.map(({ log, ...b }) => b),
    buildLog: build.log,
    index: sizes(all.filter((f) => !ui.includes(f))),
    indexWithUi: sizes(all),
    fragments: sizes(all.filter((f) => f.includes(`${path.sep}fragment${path.sep}`))),
    wasm: {
      file: path.basename(wasm),
      bytes: wasmRaw.length,
      alreadyGzip: wasmRaw[0] === 0x1f && wasmRaw[1] === 0x8b,
      gzipBytes: gz(wasm),
    },
    cold: browser.cold,
    coldMedian: {
      startup: { requests: median(browser.cold.map((c) => c.startup.requests)), bytes: median(browser.cold.map((c) => c.startup.bytes)), gzipBytes: median(browser.cold.map((c) => c.startup.gzipBytes)), ms: median(browser.cold.map((c) => c.startup.ms)) },
      query: { requests: median(browser.cold.map((c) => c.query.requests)), bytes: median(browser.cold.map((c) => c.query.bytes)), gzipBytes: median(browser.cold.map((c) => c.query.gzipBytes)), ms: median(browser.cold.map((c) => c.query.ms)) },
      first: { requests: median(browser.cold.map((c) => c.startup.requests + c.query.requests)), bytes: median(browser.cold.map((c) => c.startup.bytes + c.query.bytes)), gzipBytes: median(browser.cold.map((c) => c.startup.gzipBytes + c.query.gzipBytes)) },
    },
    coldMax: {
      query: { requests: Math.max(...browser.cold.map((c) => c.query.requests)), bytes: Math.max(...browser.cold.map((c) => c.query.bytes)), gzipBytes: Math.max(...browser.cold.map((c) => c.query.gzipBytes)), ms: Math.max(...browser.cold.map((c) => c.query.ms)) },
    },
    warm: browser.warm,
    dateline: {
      startup: datelineStartup(o.site),
      shell: shellOf(o.site),
      prebuilt: { status: 'built', build: mid(builds.dateline), builds: builds.dateline, disk: diskOf(dlOut), ...dl },
    },
  };
  if (wasmRaw[0] === 0x1f && wasmRaw[1] === 0x8b) result.wasm.unzippedBytes = zlib.gunzipSync(wasmRaw).length;
  fs.writeFileSync(o.out, JSON.stringify(result));
}

if (import.meta.url === `file://${process.argv[1]}`) await main(args(process.argv.slice(2)));
