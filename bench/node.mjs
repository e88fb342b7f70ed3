// In-Node runs: each engine indexes the corpus in a fresh `node --expose-gc`
// process, RUNS times; the last run of each also answers the query set.
//
//   node bench/node.mjs --corpus C.jsonl --site SITE --queries Q.json --out OUT.json [--runs 3]
//                       [--compare-site SITE2 --compare-rev REV]
//
// SITE is a built Dateline site (pkg/ + corpus/). With --compare-site, the
// Dateline of another commit (REV, its site built by bench.sh --compare) runs
// too, as the engine `dateline@REV`, right after `dateline`, on the same query
// set. Runs alternate between engines (run 1 of each, then run 2 of each…) so
// that a drift in the machine's load touches every engine alike. Indexing time is from the
// input in memory (JSONL text for peers, pack bytes for Dateline) to the index
// ready. Memory is (heapUsed + external) after indexing, with the input
// released and after global.gc(), minus the same before loading it. Node's
// `arrayBuffers` is part of `external`, so it is not added again; for
// Dateline, the wasm memory is reported too (it is inside `external`).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { adapters, ENGINES, runQueries } from './engines.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** @param {string[]} argv */
function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[i + 1] ?? '';
  return o;
}

/** Load every library the adapters need, from bench/node_modules. */
async function libs(site) {
  const require = createRequire(path.join(HERE, 'package.json'));
  const { default: MiniSearch } = await import('minisearch');
  const FlexSearch = await import('flexsearch');
  const orama = await import('@orama/orama');
  const dateline = await import(pathToFileURL(path.join(site, 'pkg/dateline.js')).href);
  const wasm = await dateline.default({ module_or_path: fs.readFileSync(path.join(site, 'pkg/dateline_bg.wasm')) });
  return { MiniSearch, FlexSearch: FlexSearch.default ?? FlexSearch, lunr: require('lunr'), orama, dateline, wasm };
}

const mem = () => {
  global.gc();
  global.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** One fresh-process run of one engine; prints its result as JSON. */
async function child(o) {
  const l = await libs(o.site);
  // `dateline@REV`: the same adapter, on another commit's site (o.site).
  const dateline = o.engine.startsWith('dateline');
  const engine = adapters(l)[dateline ? 'dateline' : o.engine]();
  if (o.engine !== 'dateline' && dateline) engine.name += ` @${o.engine.slice('dateline@'.length)}`;
  const before = mem();
  const wasmBefore = l.wasm.memory.buffer.byteLength;
  let input;
  if (dateline) {
    const manifest = JSON.parse(fs.readFileSync(path.join(o.site, 'corpus/manifest.json'), 'utf8'));
    input = manifest.packs.map((p) => ({
      name: p.file,
      bytes: new Uint8Array(fs.readFileSync(path.join(o.site, 'corpus', p.file))),
    }));
  } else {
    input = fs.readFileSync(o.corpus, 'utf8');
  }
  const t = performance.now();
  await engine.index(input);
  const indexMs = performance.now() - t;
  input = null;
  const memBytes = mem() - before;
  const result = { engine: o.engine, name: engine.name, notes: engine.notes, indexMs, memBytes };
  result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  if (dateline) result.wasmBytes = l.wasm.memory.buffer.byteLength - wasmBefore;
  if (o.queries) {
    const queries = JSON.parse(fs.readFileSync(o.queries, 'utf8'));
    result.queries = runQueries(engine, queries, () => performance.now());
  }
  process.stdout.write(JSON.stringify(result));
}

/** Every engine, `runs` fresh processes each, alternating; writes all results to `out`. */
function main(o) {
  const runs = Number(o.runs ?? 3);
  const results = [];
  const engines = (o.engines ?? ENGINES.join(',')).split(',');
  const compare = o['compare-site'] ? `dateline@${o['compare-rev'] || 'compare'}` : null;
  if (compare) engines.splice(engines.indexOf('dateline') + 1, 0, compare);
  for (let run = 0; run < runs; run++) {
    const last = run === runs - 1;
    for (const engine of engines) {
      const childArgs = ['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', '1'];
      for (const k of ['engine', 'site', 'corpus', 'queries']) {
        const v = k === 'engine' ? engine : k === 'site' && engine === compare ? o['compare-site'] : o[k];
        if (v && (k !== 'queries' || last)) childArgs.push(`--${k}`, v);
      }
      const p = spawnSync(process.execPath, childArgs, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
      if (p.status !== 0) throw new Error(`node run of ${engine} failed (exit ${p.status})`);
      const r = JSON.parse(p.stdout);
      console.error(`node  ${engine.padEnd(compare ? compare.length : 10)} run ${run + 1}/${runs}: index ${r.indexMs.toFixed(0)} ms, memory ${(r.memBytes / 2 ** 20).toFixed(1)} MiB`);
      results.push({ ...r, run });
    }
  }
  fs.writeFileSync(o.out, JSON.stringify({ node: process.version, compare, results }));
}

const o = args(process.argv.slice(2));
if (o.child) await child(o);
else main(o);
