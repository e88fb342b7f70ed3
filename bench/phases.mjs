// In-page indexing phases of Dateline's wasm core, run in Node (same V8 as
// Chromium): pack decoding + index build with and without event tagging, and
// entity recognition, both as CPU work on one thread and as the page runs it
// (in a worker, beside the index build). `node bench/phases.mjs SITE_DIR
// [--json FILE]` (a site built by build.sh; --json also writes the medians
// for bench/report.mjs). Timing is reported, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

if (!isMainThread) {
  // The worker: what www/js/entity-worker.js does in the page.
  parentPort.once('message', async ({ glue, module, packs, model }) => {
    const t0 = performance.now();
    const core = await import(glue);
    await core.default({ module_or_path: module });
    const r = new core.Recognition(model);
    for (const p of packs) r.add_pack(p, 'pack');
    const done = r.finish(); // consumes r
    const head = done.head();
    const docEnds = done.doc_ends();
    const mentions = done.mentions();
    const kinds = done.kinds();
    done.free();
    parentPort.postMessage({ head, docEnds, mentions, kinds, ms: performance.now() - t0 }, [docEnds.buffer, mentions.buffer, kinds.buffer]);
  });
} else {
  await main();
}

async function main() {
  const site = path.resolve(process.argv[2] ?? 'dist');
  const jsonAt = process.argv.indexOf('--json');
  const jsonOut = jsonAt > 0 ? process.argv[jsonAt + 1] : undefined;
  const glueUrl = pathToFileURL(path.join(site, 'pkg/dateline.js')).href;
  const { default: init, InPageEngine } = await import(glueUrl);
  const module = await WebAssembly.compile(fs.readFileSync(path.join(site, 'pkg/dateline_bg.wasm')));
  await init({ module_or_path: module });
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'corpus/manifest.json'), 'utf8'));
  const packs = manifest.packs.map((p) => new Uint8Array(fs.readFileSync(path.join(site, 'corpus', p.file))));
  const model = manifest.models?.ner ? new Uint8Array(fs.readFileSync(path.join(site, 'corpus', manifest.models.ner))) : undefined;

  /** @param {boolean} events */
  function build(events) {
    const loader = new InPageEngine();
    loader.set_events(events);
    const t0 = performance.now();
    for (const p of packs) loader.add_pack(p);
    const engine = loader.finish();
    const stats = engine.stats();
    return { engine, ms: performance.now() - t0, stats };
  }

  /**
   * As the page: packs added, then handed (copies) to a worker that
   * recognizes while this thread builds the index; then the worker's
   * mentions are filed here. Times from the first add_pack.
   */
  async function beside() {
    const worker = new Worker(new URL(import.meta.url));
    const ready = new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    // Let the worker thread start before the clock does (the page's worker
    // also starts while packs download).
    await new Promise((r) => setTimeout(r, 50));
    const loader = new InPageEngine();
    const t0 = performance.now();
    for (const p of packs) loader.add_pack(p);
    const copies = packs.map((p) => p.slice());
    worker.postMessage({ glue: glueUrl, module, packs: copies, model }, copies.map((c) => c.buffer));
    const engine = loader.finish();
    const indexMs = performance.now() - t0;
    const found = await ready;
    const waited = performance.now() - t0 - indexMs;
    const t1 = performance.now();
    const es = engine.add_recognized(found.head, found.docEnds, found.mentions, found.kinds);
    const fileMs = performance.now() - t1;
    const readyMs = performance.now() - t0;
    await worker.terminate();
    engine.free();
    return { indexMs, readyMs, waited, fileMs, workerMs: found.ms, es };
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const runs = Number(process.env.RUNS ?? 3);
  const without = [], withEvents = [], entities = [], side = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const a = build(false);
    without.push(a.ms);
    a.engine.free();
    const b = build(true);
    withEvents.push(b.ms);
    const t = performance.now();
    const es = b.engine.load_entities(model);
    entities.push(performance.now() - t);
    last = { stats: b.stats, es };
    b.engine.free();
    if (model) side.push(await beside());
  }
  const w = median(without), e = median(withEvents), n = median(entities);
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log('One thread, one after the other (CPU work):\n');
  console.log(`| site | articles | index, no events (ms) | index + events (ms) | events cost | entities (ms) | entities vs index+events |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|`);
  console.log(`| ${path.basename(site)} | ${last.stats.articles} | ${w.toFixed(0)} | ${e.toFixed(0)} | +${((e / w - 1) * 100).toFixed(0)}% | ${n.toFixed(0)} | +${((n / e) * 100).toFixed(0)}% |`);
  console.log(`\n${last.stats.events} events from ${last.stats.time_mentions} time expressions; ${last.es.entities} entities from ${last.es.mentions} mentions (model: ${last.es.model}); median of ${runs} runs, measured ${new Date().toISOString()} at load average ${load}.`);
  let besideMed;
  if (side.length) {
    const m = (k) => median(side.map((s) => s[k]));
    besideMed = { indexMs: m('indexMs'), readyMs: m('readyMs'), waited: m('waited'), fileMs: m('fileMs'), workerMs: m('workerMs') };
    const b = besideMed;
    console.log('\nAs the page runs it: the packs go to a worker that recognizes while the main thread builds the index, then the main thread files what it found (`InPageIndex.add_recognized`); times from the first `add_pack`:\n');
    console.log(`| index + events ready (ms) | entities ready (ms) | entities add | waiting for the worker (ms) | filing on the main thread (ms) | the worker's own time (ms) |`);
    console.log(`|---:|---:|---:|---:|---:|---:|`);
    console.log(`| ${b.indexMs.toFixed(0)} | ${b.readyMs.toFixed(0)} | +${((b.readyMs / b.indexMs - 1) * 100).toFixed(0)}% | ${b.waited.toFixed(0)} | ${b.fileMs.toFixed(0)} | ${b.workerMs.toFixed(0)} |`);
    console.log(`\nSame entities: ${side.every((s) => s.es.entities === last.es.entities && s.es.mentions === last.es.mentions) ? 'yes' : 'NO'} (${side[0].es.entities} entities, ${side[0].es.mentions} mentions); median of ${side.length} runs on ${os.cpus().length} cores.`);
  }
  if (jsonOut) {
    fs.writeFileSync(jsonOut, JSON.stringify({ articles: last.stats.articles, indexMs: w, indexEventsMs: e, entitiesMs: n, runs, mentions: last.es.mentions, entities: last.es.entities, model: last.es.model, beside: besideMed }));
  }
}
