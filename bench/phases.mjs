// In-page indexing phases of Dateline's wasm core, run in Node (same V8 as
// Chromium): pack decoding + index build with and without event tagging, and
// entity recognition. `node bench/phases.mjs SITE_DIR [--json FILE]` (a site
// built by build.sh; --json also writes the medians for bench/report.mjs). Timing is reported, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const site = path.resolve(process.argv[2] ?? 'dist');
const jsonAt = process.argv.indexOf('--json');
const jsonOut = jsonAt > 0 ? process.argv[jsonAt + 1] : undefined;
const { default: init, Engine } = await import(pathToFileURL(path.join(site, 'pkg/dateline.js')).href);
await init({ module_or_path: fs.readFileSync(path.join(site, 'pkg/dateline_bg.wasm')) });
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'corpus/manifest.json'), 'utf8'));
const packs = manifest.packs.map((p) => new Uint8Array(fs.readFileSync(path.join(site, 'corpus', p.file))));
const model = manifest.models?.ner ? new Uint8Array(fs.readFileSync(path.join(site, 'corpus', manifest.models.ner))) : undefined;

/** @param {boolean} events */
function build(events) {
  const engine = new Engine();
  engine.set_events(events);
  const t0 = performance.now();
  for (const p of packs) engine.add_pack(p);
  const stats = engine.finish();
  return { engine, ms: performance.now() - t0, stats };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = Number(process.env.RUNS ?? 3);
const without = [], withEvents = [], entities = [];
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
}
const w = median(without), e = median(withEvents), n = median(entities);
console.log(`| site | articles | index, no events (ms) | index + events (ms) | events cost | entities (ms) | entities vs index+events |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|`);
console.log(`| ${path.basename(site)} | ${last.stats.articles} | ${w.toFixed(0)} | ${e.toFixed(0)} | +${((e / w - 1) * 100).toFixed(0)}% | ${n.toFixed(0)} | +${((n / e) * 100).toFixed(0)}% |`);
console.log(`\n${last.stats.events} events from ${last.stats.time_mentions} time expressions; ${last.es.entities} entities from ${last.es.mentions} mentions (model: ${last.es.model}); median of ${runs} runs, measured ${new Date().toISOString()} at load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}.`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ articles: last.stats.articles, indexMs: w, indexEventsMs: e, entitiesMs: n, runs, mentions: last.es.mentions, entities: last.es.entities, model: last.es.model }));
