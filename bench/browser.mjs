// In-Chromium runs: each engine indexes the corpus in a fresh browser
// context, RUNS times; the last run of each also answers the query set.
//
//   node bench/browser.mjs --corpus C.jsonl --site SITE --queries Q.json --out OUT.json [--runs 3]
//
// The repository is served by tests/browser/server.mjs; libraries load from
// bench/node_modules (ESM builds; Lunr's UMD build as a script). The page is
// cross-origin isolated (COOP/COEP), which gives performance.now() 5 µs
// resolution instead of 100 µs. Indexing time is measured in the page, from
// the input in memory (JSONL text for peers, pack bytes for Dateline) to the
// index ready. Memory is the CDP metric JSHeapUsedSize after
// HeapProfiler.collectGarbage, input released, minus the same before loading
// it, plus (Dateline) the growth of the wasm memory, which lives outside the JS heap.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/browser/server.mjs';
import { ENGINES } from './engines.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Launch the system Chromium, headless. `tls`: accept the test server's
 * self-signed certificate (its HTTP/2 mode, tests/browser/server.mjs).
 * @param {{tls?: boolean}} [o]
 */
export const launch = ({ tls = false } = {}) =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: tls ? [...CHROMIUM_ARGS, '--ignore-certificate-errors'] : CHROMIUM_ARGS });

/** @param {string[]} argv */
function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[i + 1] ?? '';
  return o;
}

/** URL path (under the served repo) of a file, linking it into target/bench/ when it lies outside. */
function served(file) {
  const abs = path.resolve(file);
  if (abs.startsWith(REPO + path.sep)) return '/' + path.relative(REPO, abs);
  const link = path.join(REPO, 'target/bench/links', path.basename(abs));
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync(abs, link);
  return '/' + path.relative(REPO, link);
}

/** Runs in the page: load the libraries and the engine's input, keeping both on globalThis. */
async function setup({ engine, corpus, site }) {
  const { adapters } = await import('/bench/engines.mjs');
  const { default: MiniSearch } = await import('/bench/node_modules/minisearch/dist/es/index.js');
  const FlexSearch = await import('/bench/node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs');
  const orama = await import('/bench/node_modules/@orama/orama/dist/browser/index.js');
  const dateline = await import(`${site}/pkg/dateline.js`);
  const wasm = await dateline.default({ module_or_path: `${site}/pkg/dateline_bg.wasm` });
  const libs = { MiniSearch, FlexSearch: FlexSearch.default ?? FlexSearch, lunr: globalThis.lunr, orama, dateline };
  const b = (globalThis.__bench = { engine: adapters(libs)[engine](), wasm });
  b.wasmBefore = wasm.memory.buffer.byteLength;
  return { isolated: globalThis.crossOriginIsolated };
}

async function load({ engine, corpus, site }) {
  const b = globalThis.__bench;
  if (engine === 'dateline') {
    const manifest = await (await fetch(`${site}/corpus/manifest.json`)).json();
    b.input = await Promise.all(
      manifest.packs.map(async (p) => ({
        name: p.file,
        bytes: new Uint8Array(await (await fetch(`${site}/corpus/${p.file}`)).arrayBuffer()),
      })),
    );
  } else {
    b.input = await (await fetch(corpus)).text();
  }
}

async function index() {
  const b = globalThis.__bench;
  const t = performance.now();
  await b.engine.index(b.input);
  const ms = performance.now() - t;
  b.input = null;
  return { ms, name: b.engine.name, notes: b.engine.notes, wasmBytes: b.wasm.memory.buffer.byteLength - b.wasmBefore };
}

async function query(queriesUrl) {
  const { runQueries } = await import('/bench/engines.mjs');
  const queries = await (await fetch(queriesUrl)).json();
  return runQueries(globalThis.__bench.engine, queries, () => performance.now());
}

/** JS heap in use after a full GC, from CDP. @param {import('playwright-core').CDPSession} cdp */
async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
}

async function main(o) {
  const runs = Number(o.runs ?? 3);
  const server = await startServer({ root: REPO });
  const browser = await launch();
  const page0 = `${server.url}bench/__bench.html`;
  const params = { corpus: served(o.corpus), site: served(o.site) };
  const queriesUrl = served(o.queries);
  const results = [];
  const version = browser.version();
  try {
    for (const engine of (o.engines ?? ENGINES.join(',')).split(',')) {
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        page.on('pageerror', (e) => console.error(`page error (${engine}): ${e.message}`));
        await page.route(page0, (route) =>
          route.fulfill({
            contentType: 'text/html',
            headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
            body: '<!doctype html><meta charset="utf-8"><title>bench</title>',
          }),
        );
        await page.goto(page0);
        await page.addScriptTag({ url: '/bench/node_modules/lunr/lunr.js' });
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const { isolated } = await page.evaluate(setup, { engine, ...params });
        const before = await heap(cdp);
        await page.evaluate(load, { engine, ...params });
        const r = await page.evaluate(index);
        const memBytes = (await heap(cdp)) - before + r.wasmBytes;
        const result = { engine, name: r.name, notes: r.notes, run, indexMs: r.ms, memBytes, wasmBytes: r.wasmBytes, isolated };
        if (run === runs - 1) result.queries = await page.evaluate(query, queriesUrl);
        console.error(`chromium ${engine.padEnd(10)} run ${run + 1}/${runs}: index ${r.ms.toFixed(0)} ms, memory ${(memBytes / 2 ** 20).toFixed(1)} MiB`);
        results.push(result);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  fs.writeFileSync(o.out, JSON.stringify({ chromium: version, results }));
}

if (import.meta.url === `file://${process.argv[1]}`) await main(args(process.argv.slice(2)));
