// Writes BENCHMARKS.md from the JSON the runs left in a results directory
// (node.json, browser.json, pagefind.json, queries.json, optional growth.json).
//
//   node bench/report.mjs --results target/bench --corpus C.jsonl --out BENCHMARKS.md [--load-start "1.2 0.9 0.8"] [--load-end ...] [--caveats bench/CAVEATS.md]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseDocs, ENGINES } from './engines.mjs';
import { CLASSES } from './queries.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MiB = 2 ** 20;

/** @param {string[]} argv */
function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[i + 1] ?? '';
  return o;
}
const read = (dir, f) => (fs.existsSync(path.join(dir, f)) ? JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) : null);
const sh = (cmd) => { try { return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return '?'; } };

const median = (xs) => { const s = xs.slice().sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
/** Nearest-rank percentile. */
const pct = (xs, p) => { const s = xs.slice().sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3));
const mib = (b) => (b / MiB).toFixed(1);
const kib = (b) => (b / 1024).toFixed(0);
const ratio = (x, best) => (best > 0 ? `×${(x / best).toFixed(2)}` : '–');
/** Best (lowest) value among the peers (every engine but Dateline). */
const bestPeer = (rows, f) => Math.min(...rows.filter((r) => r.engine !== 'dateline').map(f));
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** Per engine: median index time and memory over runs, and the last run's queries. */
function summarize(results) {
  return ENGINES.filter((e) => results.some((r) => r.engine === e)).map((engine) => {
    const runs = results.filter((r) => r.engine === engine);
    return {
      engine,
      name: runs[0].name,
      notes: runs[0].notes,
      runs: runs.length,
      indexMs: median(runs.map((r) => r.indexMs)),
      allMs: runs.map((r) => r.indexMs),
      memBytes: median(runs.map((r) => r.memBytes)),
      wasmBytes: runs[0].wasmBytes,
      queries: runs.find((r) => r.queries)?.queries,
    };
  });
}

function indexTable(sum, textBytes) {
  const bt = bestPeer(sum, (r) => r.indexMs);
  const bm = bestPeer(sum, (r) => r.memBytes);
  return table(
    ['engine', 'index time, median (s)', 'runs (s)', 'MB/s', 'time vs best peer', 'memory after (MiB)', 'memory vs best peer'],
    sum.map((r) => [
      r.name, (r.indexMs / 1000).toFixed(2), r.allMs.map((x) => (x / 1000).toFixed(2)).join(', '),
      (textBytes / 1e6 / (r.indexMs / 1000)).toFixed(1), ratio(r.indexMs, bt),
      mib(r.memBytes) + (r.wasmBytes ? ` (wasm ${mib(r.wasmBytes)})` : ''), ratio(r.memBytes, bm),
    ]),
  );
}

/** Latency by class: p50 / p99 (ms) per engine, plus overall and the ratio to the best peer. */
function latencyTable(sum, queries) {
  const rows = sum.map((r) => {
    const by = (cls) => r.queries.ms.filter((_, i) => !cls || queries[i].cls === cls);
    return { engine: r.engine, name: r.name, by, p50: pct(by(), 50), p99: pct(by(), 99) };
  });
  const b50 = bestPeer(rows, (r) => r.p50);
  const b99 = bestPeer(rows, (r) => r.p99);
  return table(
    ['engine', ...CLASSES.map((c) => `${c} p50 / p99`), 'all p50', 'all p99', 'p50 vs best peer', 'p99 vs best peer'],
    rows.map((r) => [r.name, ...CLASSES.map((c) => `${ms(pct(r.by(c), 50))} / ${ms(pct(r.by(c), 99))}`), ms(r.p50), ms(r.p99), ratio(r.p50, b50), ratio(r.p99, b99)]),
  );
}

/** Mean Jaccard of each engine's top-10 ids with Dateline's (both empty = 1), and empty-result counts. */
function overlapTable(named, queries) {
  const dl = named.find((r) => r.engine === 'dateline').ids;
  const jac = (a, b) => { if (!a.length && !b.length) return 1; const s = new Set(a); const n = b.filter((x) => s.has(x)).length; return n / (a.length + b.length - n); };
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return table(
    ['engine', ...CLASSES.map((c) => `${c} (empty)`), 'all'],
    named.map((r) => {
      const cell = (cls) => {
        const idx = queries.map((q, i) => i).filter((i) => !cls || queries[i].cls === cls);
        const j = mean(idx.map((i) => jac(dl[i], r.ids[i])));
        const empty = idx.filter((i) => !r.ids[i].length).length;
        return cls ? `${j.toFixed(2)} (${empty})` : j.toFixed(2);
      };
      return [r.name, ...CLASSES.map(cell), cell(null)];
    }),
  );
}

function versions() {
  const v = (p) => JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', p, 'package.json'), 'utf8')).version;
  return ['minisearch', 'flexsearch', 'lunr', '@orama/orama', 'pagefind', 'playwright-core'].map((p) => `${p} ${v(p)}`).join(', ');
}

function main(o) {
  const dir = o.results;
  const node = read(dir, 'node.json');
  const browser = read(dir, 'browser.json');
  const pf = read(dir, 'pagefind.json');
  const growth = read(dir, 'growth.json');
  const queries = read(dir, 'queries.json');
  const docs = parseDocs(fs.readFileSync(o.corpus, 'utf8'));
  const textBytes = docs.reduce((n, d) => n + Buffer.byteLength(d.title) + Buffer.byteLength(d.text), 0);
  const fileBytes = fs.statSync(o.corpus).size;
  const nodeSum = node && summarize(node.results);
  const brSum = browser && summarize(browser.results);
  const cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").trim();
  const commit = sh('git rev-parse --short HEAD') + (sh('git status --porcelain -- src www Cargo.toml Cargo.lock') ? ' (with uncommitted changes in src/ or www/)' : '');
  const counts = Object.fromEntries(CLASSES.map((c) => [c, queries.filter((q) => q.cls === c).length]));
  const out = [];
  const p = (...s) => out.push(...s);

  p('# Benchmarks', '',
    'Generated by `./build.sh bench` (`bench/bench.sh`); do not edit by hand. Timing is reported, never asserted.', '',
    '## Machine and run', '',
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpu}; \`nproc\`: ${os.cpus().length}`,
    `- memory (\`free -h\`):`, '', '```', sh('free -h'), '```', '',
    `- load average at start: ${o['load-start'] ?? '?'}; at end: ${o['load-end'] ?? os.loadavg().map((x) => x.toFixed(2)).join(' ')} (the machine was shared with other builds: figures are noisy)`,
    `- Node ${process.version}; Chromium ${browser?.chromium ?? '?'} (headless, /usr/bin/chromium via playwright-core)`,
    `- peers: ${versions()}`,
    `- Dateline: commit ${commit}, release wasm built by \`./build.sh build\``,
    `- corpus: \`${path.basename(o.corpus)}\`, ${fileBytes.toLocaleString('en')} bytes of JSONL; ${docs.length.toLocaleString('en')} articles indexed (lines with an empty body dropped, as Dateline's packer does); title + text = ${(textBytes / 1e6).toFixed(1)} MB, the numerator of every MB/s`,
    `- queries: ${queries.length} from \`bench/queries.mjs\` (seeded, deterministic): ${CLASSES.map((c) => `${c} ${counts[c]}`).join(', ')}`,
    '');

  p('## 1. In-page indexing', '',
    'Time: from the input in memory to the index ready, median of the runs, each in a fresh process (Node) or fresh browser context (Chromium). ' +
      'Peers get the JSONL text (JSON.parse included) and index `title` and `text`, storing `id` and `date`; Dateline gets its binary packs (the page\'s download) and runs `add_pack` + `finish()`. ' +
      'Ratios are to the best peer (the lowest value among MiniSearch, FlexSearch, Lunr and Orama); below ×1 is better than every peer.', '');
  if (nodeSum) p(`### Node ${node.node}`, '', 'Memory: `heapUsed + external` after indexing, input released, after `global.gc()`, minus the same before loading the input (`arrayBuffers` is already part of `external`, so adding it would count it twice; Dateline\'s wasm memory is inside `external`).', '', indexTable(nodeSum, textBytes), '');
  if (brSum) p('### Chromium', '', 'Memory: CDP `Performance.getMetrics` `JSHeapUsedSize` after `HeapProfiler.collectGarbage`, input released, minus the same before, plus the growth of the wasm memory (`memory.buffer.byteLength`), which is outside the JS heap. Chromium compresses pointers and Node does not, hence smaller JS heaps than in Node. (`performance.measureUserAgentSpecificMemory` was not used: it can wait up to 20 s for a GC.)', '', indexTable(brSum, textBytes), '');

  p('## 2. Queries', '',
    'Latency of one call (ms) asking for the top 10, after a warm-up pass over the first 50 queries; each engine\'s last indexing run answers every query once. ' +
      `Per class there are ${counts.single} queries, so p99 is about the slowest one. ` +
      'Dateline\'s call is the page\'s `engine.search({q, limit: 10})` as is: besides ranking, it builds highlighted snippets and titles for the 10 hits and the timeline histogram over all matches, and crosses the wasm/JS boundary through serde; the peers return ids and scores only. (Dateline has no switch to skip that work, so its cost is not split out here.)', '');
  if (nodeSum) p('### Node', '', latencyTable(nodeSum, queries), '');
  if (brSum) p('### Chromium', '', 'The page is cross-origin isolated (COOP/COEP), so `performance.now()` has 5 µs resolution.', '', latencyTable(brSum, queries), '');
  const named = (brSum ?? nodeSum).map((r) => ({ engine: r.engine, name: r.name, ids: r.queries.ids }));
  if (pf) named.push({ engine: 'pagefind', name: 'Pagefind (warm, Chromium)', ids: pf.warm.ids });
  p('### Top-10 agreement with Dateline', '', `Mean Jaccard index of each engine's top-10 ids with Dateline's (${brSum ? 'Chromium' : 'Node'} runs; 1 when both are empty), per class; in brackets, how many queries of the class returned nothing. A sanity check of the query translation, not a quality score: the engines rank differently and support different syntax.`, '', overlapTable(named, queries), '');
  p('How each engine was asked:', '', ...(brSum ?? nodeSum).map((r) => `- **${r.name}**: ${r.notes}`));
  if (pf) p('- **Pagefind**: the Dateline query string as is (Pagefind reads `"phrases"`; it has no typo tolerance and no `*` syntax, though it matches the last word as a prefix)');
  p('');

  if (pf) {
    const d = pf.dateline.startup;
    const c = pf.coldMedian;
    const pre = pf.dateline.prebuilt;
    p('## 3. Prebuilt indexes and start-up', '',
      `Pagefind ${pf.version.replace('pagefind ', '')} over ${pf.pages.toLocaleString('en')} HTML pages (one per article: \`<h1>\` title, \`<time>\`, body paragraphs, in \`target/bench/pagefind-site/\`), driven in headless Chromium from a local server. ` +
        `Start-up is \`import('/pagefind/pagefind.js')\` + \`init()\`; a cold query is \`search(q)\` plus \`data()\` of its top 10, in a fresh context, for ${pf.cold.length} queries spread over the set (medians). ` +
        'Requests are counted with playwright\'s request events (they matched the server\'s log: ' + (pf.cold.every((x) => x.serverCount === x.playwrightCount) ? 'yes' : 'NO') + '). Bytes are file sizes as served (no compression by the server), and gzip -9 of each file; Pagefind\'s index files are already gzipped. ' +
        'Dateline\'s current page downloads the glue JS, the wasm, the manifest and every pack before it can answer, and then indexes in the page (section 1); a query then costs no request.', '',
      table(['approach', 'build (s)', 'index on disk', 'requests before 1st result', 'bytes before 1st result (raw / gzip)', 'vs Pagefind (gzip)', 'cold query: requests, bytes, ms', 'wasm (gzip)'], [
        ['Dateline, in-page index (current)', '– (pack step only)', `${mib(d.bytes - d.wasmBytes)} MiB packs`, `${d.requests}`, `${mib(d.bytes)} MiB / ${mib(d.gzipBytes)} MiB`, ratio(d.gzipBytes, c.first.gzipBytes), '0, 0 B (in memory; see section 2)', `${kib(d.wasmGzipBytes)} KiB`],
        pre.status === 'built'
          ? ['Dateline `dateline build` (prebuilt)', (pre.ms / 1000).toFixed(1), `${mib(pre.bytes)} MiB in ${pre.requests} files`, 'not measured yet', '–', '–', '–', '–']
          : ['Dateline `dateline build` (prebuilt)', pre.status, pre.why, '–', '–', '–', '–', '–'],
        ['Pagefind', (pf.buildMs / 1000).toFixed(1), `${mib(pf.index.bytes)} MiB in ${pf.index.requests.toLocaleString('en')} files (fragments ${mib(pf.fragments.bytes)} MiB; UI files add ${mib(pf.indexWithUi.bytes - pf.index.bytes)} MiB)`, `${c.first.requests}`, `${kib(c.first.bytes)} KiB / ${kib(c.first.gzipBytes)} KiB`, '×1.00', `${c.query.requests}, ${kib(c.query.bytes)} KiB, ${c.query.ms} ms`, `${kib(pf.wasm.bytes)} KiB (${pf.wasm.file}, shipped gzipped; ${kib(pf.wasm.unzippedBytes ?? pf.wasm.bytes)} KiB unzipped)`],
      ]), '',
      `Pagefind's build peaked at ${pf.buildMaxRssBytes ? mib(pf.buildMaxRssBytes) + ' MiB' : '? (no /usr/bin/time)'} of RSS. Pagefind start-up alone (median): ${c.startup.requests} requests, ${kib(c.startup.bytes)} KiB (${kib(c.startup.gzipBytes)} KiB gzipped), ${c.startup.ms} ms. Its warm latency (whole set in one page, search + top-10 \`data()\`, local server): p50 ${ms(pct(pf.warm.ms, 50))} ms, p99 ${ms(pct(pf.warm.ms, 99))} ms.`,
      '', 'Pagefind build output:', '', '```', pf.buildLog, '```', '');
  }

  p('## 4. Growth', '');
  if (!growth) p('Not run (optional: `./build.sh bench --growth`).', '');
  else {
    p('Corpora of date-shifted Reuters copies (copy k moved k years later), generated in `target/bench/` at run time. Dateline: `dateline pack` time, start-up bytes (everything the page downloads), and the in-page index build in a fresh Node process (time, wasm memory after `finish()`, peak RSS of the process, which includes Node itself and the pack bytes read from disk). Pagefind: the CLI build over one HTML page per article (its peak RSS from `/usr/bin/time`). A size projected (linearly from the smaller one) past wasm32\'s 4 GiB or the machine\'s memory is skipped, not attempted.', '',
      table(['articles', 'Dateline pack (s)', 'Dateline start-up bytes (raw / gzip)', 'Dateline index build (s)', 'wasm memory (MiB)', 'peak RSS (MiB)', 'Pagefind build (s)', 'Pagefind peak RSS (MiB)', 'Pagefind index (MiB)', 'Dateline build vs Pagefind build'],
        growth.results.map((g) => [
          g.articles.toLocaleString('en'), g.packMs ? (g.packMs / 1000).toFixed(1) : '–',
          g.startup ? `${mib(g.startup.bytes)} MiB / ${mib(g.startup.gzipBytes)} MiB` : g.packError ?? '–',
          g.dateline ? (g.dateline.indexMs / 1000).toFixed(1) : `skipped: ${g.datelineSkipped ?? g.datelineError}`,
          g.dateline ? mib(g.dateline.wasmBytes) : '–', g.dateline ? mib(g.dateline.maxRssBytes) : '–',
          g.pagefind ? (g.pagefind.buildMs / 1000).toFixed(1) : `skipped: ${g.pagefindSkipped ?? g.pagefindError}`,
          g.pagefind?.maxRssBytes ? mib(g.pagefind.maxRssBytes) : '–', g.pagefind ? mib(g.pagefind.indexBytes) : '–',
          g.dateline && g.pagefind ? ratio(g.dateline.indexMs, g.pagefind.buildMs) : '–',
        ])), '');
  }

  const phases = path.join(o.results, 'phases.md');
  if (fs.existsSync(phases)) {
    p('## 5. Dateline\'s in-page indexing phases', '',
      'In Node, from pack bytes in memory: the index without event tagging, with it (the default), and then entity recognition with the trained model (run after search is ready, in slices, by the page). Targets: tagging does not slow indexing noticeably; entities add at most 30%.', '',
      fs.readFileSync(phases, 'utf8').trim(), '');
  }
  p('## What is unfair or missing', '', ...(o.caveats ? fs.readFileSync(o.caveats, 'utf8').trim().split('\n') : []), '');
  fs.writeFileSync(o.out, out.join('\n'));
  console.error(`wrote ${o.out}`);
}

main(args(process.argv.slice(2)));
