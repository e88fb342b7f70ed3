// Writes BENCHMARKS.md from the JSON the runs left in a results directory
// (node.json, browser.json, pagefind.json (with Dateline's prebuilt index
// beside Pagefind), queries.json, annotations.json (what events and entities
// cost `dateline build`), network.json (the page over an emulated network),
// import.json (your own files imported in the page), optional growth.json).
//
//   node bench/report.mjs --results target/bench --corpus C.jsonl --out BENCHMARKS.md [--load-start "1.2 0.9 0.8"] [--load-end ...] [--caveats bench/CAVEATS.md]
//   node bench/report.mjs --section annotations|network|import|growth --results target/bench --out BENCHMARKS.md
//     (only that section, from its JSON, rewritten in place in an existing file)

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
const kb = (b) => `${(b / 1000).toFixed(0)} KB`;
const sec = (x) => (x / 1000).toFixed(1);
/** CPU time (user + sys) of a timed build, in ms, from its wall time and CPU share. */
const cpuMs = (b) => (b.cpuPct != null ? (b.ms * b.cpuPct) / 100 : null);
/** Best (lowest) value among the peers (every engine but Dateline's, in-page or prebuilt). */
const bestPeer = (rows, f) => Math.min(...rows.filter((r) => !r.engine.startsWith('dateline')).map(f));
/** A value with its ratio to a reference, as one cell: `12.3 (×0.45)`. */
const vs = (text, x, ref) => `${text} (${ratio(x, ref)})`;
/** A Markdown table; the first `left` columns are left-aligned, the rest right-aligned. */
const table = (head, rows, left = 1) => [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < left ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** Per engine: median index time and memory over runs, and the last run's queries. */
function summarize(results) {
  // Dateline at another commit (`dateline@REV`, bench.sh --compare) right after Dateline.
  const keys = ENGINES.flatMap((e) => [e, ...(e === 'dateline' ? [...new Set(results.map((r) => r.engine).filter((k) => k.startsWith('dateline@')))] : [])]);
  return keys.filter((e) => results.some((r) => r.engine === e)).map((engine) => {
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

/**
 * The summary rows with, after each Dateline row timed through its
 * ranking-only call, a row of its own for that call ("…, ranking only").
 */
function withRanking(sum) {
  return sum.flatMap((r) =>
    r.queries?.rankMs
      ? [r, { ...r, engine: `${r.engine}-rank`, name: `${r.name}, ranking only`, queries: { ...r.queries, ms: r.queries.rankMs } }]
      : [r],
  );
}

/** Latency by class: p50 / p99 (ms) per engine, plus overall and the ratio to the best peer. */
function latencyTable(sum, queries) {
  sum = withRanking(sum);
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

/**
 * Typo tolerance: per typo class, the share of queries whose top 10 hold the
 * intended article (the engine's own top hit for the word spelt right);
 * queries whose right spelling finds nothing are left out (counted in brackets).
 */
function typoTable(named, queries) {
  const rows = named.filter((r) => Array.isArray(r.intended));
  const classes = ['typo', 'swap'];
  const cell = (r, want) => {
    const idx = queries.map((q, i) => i).filter((i) => want.includes(queries[i].cls));
    const judged = idx.filter((i) => r.intended[i] !== null);
    const found = judged.filter((i) => r.ids[i].includes(r.intended[i])).length;
    const share = judged.length ? (100 * found) / judged.length : NaN;
    return `${share.toFixed(1)}% of ${judged.length} (${idx.length - judged.length})`;
  };
  return table(['engine', ...classes, 'typo + swap'], rows.map((r) => [r.name, ...classes.map((c) => cell(r, [c])), cell(r, classes)]));
}

/** Is `x` at most `limit`? The verdict and by how much, for the targets table. */
function atMost(x, limit, fmt) {
  const d = x - limit;
  return x <= limit
    ? `**met**, ${fmt(-d)} under (${((1 - x / limit) * 100).toFixed(0)}% of the budget left)`
    : `**missed**, ${fmt(d)} over (×${(x / limit).toFixed(2)} the target)`;
}
/** Is `x` below `best` (a time: lower is better)? */
function below(x, best) {
  return x < best
    ? `**met**: ×${(x / best).toFixed(2)} of the best peer (${(best / x).toFixed(1)}× faster)`
    : `**missed**: ×${(x / best).toFixed(2)} of the best peer (${(x / best).toFixed(1)}× slower)`;
}

/** How many queries the ranking-only call answered with the very ids of the full search. */
function rankAgreement(sum) {
  const d = sum?.find((r) => r.engine === 'dateline' && r.queries?.rankMs);
  if (!d) return 'this run has no ranking-only figures (a core without `rank`).';
  return `it returned the same 10 ids as the full search for ${d.queries.rankSame} of ${d.queries.rankMs.length} queries.`;
}

/** The issue's targets, each with the measured value, met or missed, and by how much. */
function targetsTable({ nodeSum, brSum, prebuiltWarm, queries, pf, growth, phases, pageload, network }) {
  const rows = [];
  const idx = (sum, env) => {
    if (!sum) return;
    const d = sum.find((r) => r.engine === 'dateline');
    const best = bestPeer(sum, (r) => r.indexMs);
    const who = sum.find((r) => !r.engine.startsWith('dateline') && r.indexMs === best).name;
    rows.push(['in-page indexing faster than every peer', env, `${sec(d.indexMs)} s vs ${sec(best)} s (${who})`, below(d.indexMs, best)]);
  };
  idx(nodeSum, 'Node, Reuters');
  idx(brSum, 'Chromium, Reuters');
  const lat = (sum, env, extra) => {
    if (!sum) return;
    const all = withRanking(extra ? [...sum, extra] : sum);
    for (const p of [50, 99]) {
      const f = (r) => pct(r.queries.ms, p);
      const best = bestPeer(all, f);
      const who = all.find((r) => !r.engine.startsWith('dateline') && f(r) === best).name;
      for (const d of all.filter((r) => r.engine.startsWith('dateline'))) {
        const what = d.engine.endsWith('-rank') ? `ranking-only query p${p} below every JS peer's` : `query p${p} below every peer's`;
        rows.push([what, `${env}, ${d.name}`, `${ms(f(d))} ms vs ${ms(best)} ms (${who})`, below(f(d), best)]);
      }
    }
  };
  lat(nodeSum, 'Node');
  lat(brSum, 'Chromium', prebuiltWarm);
  const pre = pf?.dateline?.prebuilt;
  const speed = (dl, pfMs, env, projected, cpu) => {
    const x = pfMs / dl;
    const c = cpu && cpu[0] != null && cpu[1] != null ? `; CPU time ${sec(cpu[0])} s vs ${sec(cpu[1])} s: ${(cpu[1] / cpu[0]).toFixed(1)}×` : '';
    rows.push(['`dateline build` ≥5× faster than Pagefind', env, `wall ${sec(dl)} s vs ${sec(pfMs)} s${projected ? ' (Pagefind projected)' : ''}: ${x.toFixed(1)}×${c}`,
      x >= 5 ? `**met**: ${x.toFixed(1)}× (${((x / 5 - 1) * 100).toFixed(0)}% beyond 5×)` : `**missed**: ${x.toFixed(1)}× (${((1 - x / 5) * 100).toFixed(0)}% short of 5×)`]);
  };
  if (pre?.build) {
    const pfCpu = median((pf.builds ?? []).map(cpuMs).filter((x) => x != null));
    const dlCpu = median(pre.builds.map(cpuMs).filter((x) => x != null));
    speed(pre.build.ms, pf.buildMs, `Reuters (median of ${pre.builds.length} alternating builds each)`, false, [dlCpu, pfCpu]);
  }
  for (const g of growth?.results ?? []) {
    if (!g.prebuilt) continue;
    if (g.pagefind) speed(g.prebuilt.build.ms, g.pagefind.buildMs, `${g.articles.toLocaleString('en')} articles`, false, [cpuMs(g.prebuilt.build), cpuMs({ ms: g.pagefind.buildMs, cpuPct: g.pagefind.cpuPct })]);
    else if (g.pagefindProjected) speed(g.prebuilt.build.ms, g.pagefindProjected.buildMs, `${g.articles.toLocaleString('en')} articles`, true);
  }
  const coldRows = [];
  if (pre?.coldMedian) coldRows.push([`Reuters (${pf.pages.toLocaleString('en')} articles)`, pre]);
  for (const g of growth?.results ?? []) if (g.prebuilt) coldRows.push([`${g.articles.toLocaleString('en')} articles`, g.prebuilt]);
  const at1M = (growth?.results ?? []).some((g) => g.prebuilt && g.articles >= 1e6);
  for (const [env, m] of coldRows) {
    const su = m.coldMedian.startup;
    rows.push(['start-up bytes (wasm included) ≤150 KB gzipped at 1,000,000 articles', env + (at1M ? '' : ' (no 1,000,000-article run)'),
      `${kb(su.gzipBytes)} gzipped (${kb(su.bytes)} raw) in ${su.requests} requests`, atMost(su.gzipBytes, 150e3, kb)]);
  }
  for (const [env, m] of coldRows) {
    const n = m.cold.length;
    rows.push(['cold query ≤3 requests', `${env}: median / max of ${n}`, `${m.coldMedian.query.requests} / ${m.coldMax.query.requests} requests (${m.coldMedian.query.rounds} / ${m.coldMax.query.rounds} round trips)`,
      `median ${atMost(m.coldMedian.query.requests, 3, (d) => `${d} requests`)}; max ${atMost(m.coldMax.query.requests, 3, (d) => `${d} requests`)}`]);
    rows.push(['cold query ≤250 KB', `${env}: median / max of ${n}`, `${kb(m.coldMedian.query.gzipBytes)} / ${kb(m.coldMax.query.gzipBytes)} gzipped (raw ${kb(m.coldMedian.query.bytes)} / ${kb(m.coldMax.query.bytes)})`,
      `median ${atMost(m.coldMedian.query.gzipBytes, 250e3, kb)}; max ${atMost(m.coldMax.query.gzipBytes, 250e3, kb)}; served uncompressed (raw), the median is ${m.coldMedian.query.bytes <= 250e3 ? 'within' : 'over'} the budget`]);
  }
  if (phases) {
    const where = `Node (wasm), ${phases.articles.toLocaleString('en')} articles, median of ${phases.runs}`;
    const b = phases.beside;
    if (b) {
      const r = b.readyMs / b.indexMs - 1;
      rows.push(['entity recognition adds ≤30% to in-page indexing time (issue 5)', `${where}; as the page runs it: a worker recognizes beside the index build`,
        `entities ready at ${b.readyMs.toFixed(0)} ms, the index at ${b.indexMs.toFixed(0)} ms: +${(r * 100).toFixed(0)}% (filing on the main thread ${b.fileMs.toFixed(0)} ms)`, atMost(r * 100, 30, (d) => `${d.toFixed(0)} points`)]);
    }
    const pl = pageload && pageload.order.length === 2 ? pageload.order.map((d) => pageload.sites[d]) : null;
    if (pl && pl[1].entities.length && pl[1].source.every((x) => x === 'worker')) {
      const base = median(pl[0].searchable), ready = median(pl[1].entities), own = median(pl[1].searchable);
      const r = ready / base - 1;
      rows.push(['entity recognition adds ≤30% to in-page indexing time (issue 5)', `Chromium, through the page, Reuters (median of ${pageload.runs} loads each, from navigation start, downloads included)`,
        `entities ready at ${ready.toFixed(0)} ms (searchable at ${own.toFixed(0)} ms); the same site without an entity model is searchable at ${base.toFixed(0)} ms: +${(r * 100).toFixed(0)}%`, atMost(r * 100, 30, (d) => `${d.toFixed(0)} points`)]);
    }
    const r = phases.entitiesMs / phases.indexEventsMs;
    rows.push(['entity recognition adds ≤30% to in-page indexing time (issue 5)', `${where}; as CPU work on one thread, after the index`,
      `${phases.entitiesMs.toFixed(0)} ms on ${phases.indexEventsMs.toFixed(0)} ms of index + events: +${(r * 100).toFixed(0)}%`, atMost(r * 100, 30, (d) => `${d.toFixed(0)} points`)]);
  }
  rows.push(...networkTargets(network, growth));
  if (pre?.wasm) rows.push(['wasm ≤150 KB gzipped', `\`pkg/${pre.wasm.wasm}\` (${pre.wasm.from})`, `${kb(pre.wasm.gzipBytes)} gzipped (${kb(pre.wasm.bytes)} raw)`, atMost(pre.wasm.gzipBytes, 150e3, kb)]);
  return table(['target', 'where', 'measured', 'verdict'], rows, 4);
}

/** Section 3: Dateline's in-page site, its prebuilt index and Pagefind, side by side. */
function prebuiltSection(pf, p) {
  const d = pf.dateline.startup;
  const c = pf.coldMedian;
  const pre = pf.dateline.prebuilt;
  const m = pre.coldMedian;
  const x = pre.coldMax;
  const nb = pf.builds?.length ?? 1;
  const runs = (bs) => bs.map((b) => `${sec(b.ms)}`).join(', ');
  const cores = (b) => (b.cpuPct != null ? (b.cpuPct / 100).toFixed(2) : '?');
  const pfFiles = pf.index.requests;
  p('## 3. Prebuilt indexes and start-up', '',
    `Reuters, three ways side by side: Dateline's in-page site (\`dateline pack\`; the page downloads every pack and indexes), Dateline's prebuilt index (\`dateline build\`; the page fetches the shards a query needs), and Pagefind ${pf.version.replace('pagefind ', '')} over ${pf.pages.toLocaleString('en')} HTML pages (one per article: \`<h1>\` title, \`<time>\`, body paragraphs, in \`target/bench/pagefind-site/\`). ` +
      'Ratios in brackets are to Pagefind, the one peer here (below ×1 is better).', '',
    '### Build and disk', '',
    `The two builds ran ${nb} times each, alternating (Pagefind, then \`dateline build\`, and again), each under \`/usr/bin/time\`; the median is shown. "cores used" is (user + sys CPU) / wall: 1.00 = one core busy throughout; the machine has 2, shared with other builds, so a build that got little CPU took longer on the wall clock; CPU time (user + sys) is less sensitive to that load and is shown beside it. Pagefind reads ${pf.pages.toLocaleString('en')} HTML files; \`dateline build\` reads the one JSONL file.`, '',
    table(['approach', 'build, median (s)', 'runs (s)', 'cores used (runs)', 'CPU time, median (s)', 'peak RSS (MiB)', 'files on disk', 'bytes on disk'], [
      ['Dateline, in-page (current)', '– (`dateline pack`, not timed here)', '–', '–', '–', '–', `${d.requests - 3} packs`, `${mib(d.bytes - d.wasmBytes)} MiB`],
      ['Dateline `dateline build` (prebuilt)', vs(sec(pre.build.ms), pre.build.ms, pf.buildMs), runs(pre.builds), pre.builds.map(cores).join(', '), vs(sec(median(pre.builds.map(cpuMs))), median(pre.builds.map(cpuMs)), median((pf.builds ?? [{ ms: pf.buildMs, cpuPct: pf.buildCpuPct }]).map(cpuMs))), vs(mib(pre.build.maxRssBytes), pre.build.maxRssBytes, pf.buildMaxRssBytes),
        vs(pre.disk.total.files.toLocaleString('en'), pre.disk.total.files, pfFiles), vs(`${mib(pre.disk.total.bytes)} MiB (gzip -9 per file: ${mib(pre.disk.total.gzipBytes)} MiB)`, pre.disk.total.bytes, pf.index.bytes)],
      ['Pagefind', sec(pf.buildMs), runs(pf.builds ?? [{ ms: pf.buildMs }]), (pf.builds ?? [{ cpuPct: pf.buildCpuPct }]).map(cores).join(', '), sec(median((pf.builds ?? [{ ms: pf.buildMs, cpuPct: pf.buildCpuPct }]).map(cpuMs))), mib(pf.buildMaxRssBytes ?? 0), `${pfFiles.toLocaleString('en')}`, `${mib(pf.index.bytes)} MiB (fragments ${mib(pf.fragments.bytes)} MiB; UI files add ${mib(pf.indexWithUi.bytes - pf.index.bytes)} MiB)`],
    ]), '',
    `Dateline's index by kind of file: ${Object.entries(pre.disk.kinds).map(([k, v]) => `${k} ${v.files} (${mib(v.bytes)} MiB)`).join(', ')}. Its phases (median build): ${Object.entries(pre.build.phases).map(([k, v]) => `${k} ${v} s`).join(', ')}. Load average before each build (Pagefind / Dateline): ${(pf.builds ?? []).map((b, i) => `${b.load} / ${pre.builds[i]?.load}`).join('; ')}.`, '');

  p('### What the page fetches', '',
    'Headless Chromium against a local static server (no latency, no bandwidth limit, no compression by the server: gzip is gzip -9 of each file, as a host would send it; Pagefind\'s index files are already gzipped). ' +
      'Requests are counted with playwright\'s request events (they matched the server\'s log: ' + `Pagefind ${pf.cold.every((q) => q.serverCount === q.playwrightCount) ? 'yes' : 'NO'}, Dateline ${pre.countsMatch ? 'yes' : 'NO'}` + '). ' +
      `A cold query runs in a fresh browser context: first start-up, then one query; ${pre.cold.length} queries spread over the set (the same for both; medians, and the max). Times are wall-clock around the page's call, measured the same way for both. ` +
      'Dateline prebuilt, start-up: import the glue, instantiate the wasm, fetch `corpus/manifest.json` and the meta file it names, `PrebuiltReader.open`; its query: `needs_search` → fetch those files in parallel → `add_index_file`, until nothing is missing (each pass is a round trip), then `search({q, limit: 10})`, which builds the top 10 with snippets. ' +
      'Pagefind, start-up: `import(\'/pagefind/pagefind.js\')` + `init()`; its query: `search(q)` + `data()` of the top 10. ' +
      'Dateline\'s harness is `bench/prebuilt-page/` (not the site\'s own page); the page\'s shell (HTML, CSS, JS) is listed below the table, not counted in it.', '',
    table(['approach', 'start-up: requests', 'start-up bytes (raw / gzip)', 'start-up (ms)', 'cold query: requests (round trips), median / max', 'cold query bytes, median (raw / gzip); max gzip', 'cold query (ms), median / max', 'before the 1st result: requests, gzip (median)', 'wasm (gzip)'], [
      ['Dateline, in-page (current)', vs(`${d.requests}`, d.requests, c.startup.requests), `${mib(d.bytes)} MiB / ${vs(`${mib(d.gzipBytes)} MiB`, d.gzipBytes, c.startup.gzipBytes)}`, '– (then indexes: section 1)', '0 (in memory)', '0', 'see section 2', `${d.requests}, ${vs(`${kib(d.gzipBytes)} KiB`, d.gzipBytes, c.first.gzipBytes)}`, vs(`${kib(d.wasmGzipBytes)} KiB`, d.wasmGzipBytes, pf.wasm.bytes)],
      ['Dateline prebuilt', vs(`${m.startup.requests}`, m.startup.requests, c.startup.requests), `${kib(m.startup.bytes)} KiB / ${vs(`${kib(m.startup.gzipBytes)} KiB`, m.startup.gzipBytes, c.startup.gzipBytes)}`, vs(`${m.startup.ms}`, m.startup.ms, c.startup.ms),
        `${vs(`${m.query.requests} (${m.query.rounds})`, m.query.requests, c.query.requests)} / ${x.query.requests} (${x.query.rounds})`, `${kib(m.query.bytes)} KiB / ${vs(`${kib(m.query.gzipBytes)} KiB`, m.query.gzipBytes, c.query.gzipBytes)}; ${kib(x.query.gzipBytes)} KiB`,
        `${vs(`${m.query.ms}`, m.query.ms, c.query.ms)} / ${x.query.ms}`, `${m.first.requests}, ${vs(`${kib(m.first.gzipBytes)} KiB`, m.first.gzipBytes, c.first.gzipBytes)}`, vs(`${kib(pre.wasm.gzipBytes)} KiB`, pre.wasm.gzipBytes, pf.wasm.bytes)],
      ['Pagefind', `${c.startup.requests}`, `${kib(c.startup.bytes)} KiB / ${kib(c.startup.gzipBytes)} KiB`, `${c.startup.ms}`, `${c.query.requests} / ${pf.coldMax?.query.requests ?? '?'}`, `${kib(c.query.bytes)} KiB / ${kib(c.query.gzipBytes)} KiB; ${pf.coldMax ? kib(pf.coldMax.query.gzipBytes) : '?'} KiB`, `${c.query.ms} / ${pf.coldMax?.query.ms ?? '?'}`, `${c.first.requests}, ${kib(c.first.gzipBytes)} KiB`, `${kib(pf.wasm.bytes)} KiB (${pf.wasm.file}, shipped gzipped; ${kib(pf.wasm.unzippedBytes ?? pf.wasm.bytes)} KiB unzipped)`],
    ]), '',
    `Dateline's wasm here is \`pkg/${pre.wasm.wasm}\` (${kib(pre.wasm.bytes)} KiB raw; chosen by ${pre.wasm.from}; set DATELINE_BENCH_GLUE and DATELINE_BENCH_WASM to measure another build). ` +
      `The site's own page adds its shell (index.html, css/, js/ as built now): ${pf.dateline.shell.requests} files, ${kib(pf.dateline.shell.bytes)} KiB (${kib(pf.dateline.shell.gzipBytes)} KiB gzipped), for either Dateline approach; the harness page itself (${pre.cold[0].harness.requests} files, ${kib(pre.cold[0].harness.bytes)} KiB) is not counted. ` +
      `Pagefind's build peaked at ${pf.buildMaxRssBytes ? mib(pf.buildMaxRssBytes) + ' MiB' : '?'} of RSS; its warm latency (whole set in one page, search + top-10 \`data()\`, local server): p50 ${ms(pct(pf.warm.ms, 50))} ms, p99 ${ms(pct(pf.warm.ms, 99))} ms.` +
      (pre.warm ? ` Dateline prebuilt, warm (every file a query needs already added; \`needs_search\` + \`search\`): p50 ${ms(pct(pre.warm.ms, 50))} ms, p99 ${ms(pct(pre.warm.ms, 99))} ms (by class in section 2); answering all ${pre.warm.ms.length} queries once fetched ${pre.warm.fetched.files} of the index's ${pre.disk.total.files - 2} shard files (${mib(pre.warm.fetched.bytes)} MiB raw).` : ''), '');

  p('Cold queries one by one (Dateline prebuilt beside Pagefind; each in a fresh context, after start-up):', '',
    table(['query', 'class', 'Dateline: requests (round trips)', 'Dateline: gzip KiB', 'Dateline (ms)', 'hits (with snippets)', 'Pagefind: requests', 'Pagefind: gzip KiB', 'Pagefind (ms)'],
      pre.cold.map((q, i) => {
        const f = pf.cold.find((z) => z.q === q.q) ?? pf.cold[i];
        return [`\`${q.q.replace(/\|/g, '\\|')}\``, q.cls, `${q.query.requests} (${q.query.rounds})`, kib(q.query.gzipBytes), `${q.query.ms}`, `${q.hits} (${q.snippets})`, `${f.query.requests}`, kib(f.query.gzipBytes), `${f.query.ms}`];
      })), '',
    'Pagefind build output (median run):', '', '```', pf.buildLog, '```', '');
}

/** The markers around the growth section (`--section growth` rewrites it in place). */
const GROWTH_BEGIN = '<!-- bench:growth (bench/growth.mjs; ./build.sh bench --growth, or node bench/report.mjs --section growth, rewrites it) -->';
const GROWTH_END = '<!-- /bench:growth -->';

/**
 * Section 4, as lines of Markdown between its markers.
 * @param {any} growth  growth.json, or null (not run)
 * @param {any} pf  pagefind.json (its Reuters row), or null
 */
function growthSection(growth, pf) {
  /** @type {string[]} */
  const out = [];
  const p = (/** @type {string[]} */ ...s) => out.push(...s);
  p(GROWTH_BEGIN, '## 4. Growth', '');
  if (!growth) p('Not run (optional: `./build.sh bench --growth`).', '');
  else {
    p('Corpora of date-shifted Reuters copies (copy k moved k years later, one word in five of its title and text swapped for another word of Reuters, drawn as often as Reuters uses it, so that no copy is a reprint of another: `bench/growth.mjs` `perturbed`), generated in `target/bench/` at run time and deleted after.', '',
      '### Dateline prebuilt (`dateline build`) beside Pagefind', '',
      '`dateline build` over the JSONL under `/usr/bin/time` (wall time, cores used = CPU / wall, peak RSS), the files it wrote, and then, as in section 3, start-up and cold queries in headless Chromium against a local server (the same ' +
        `${growth.results.find((g) => g.prebuilt)?.prebuilt.cold.length ?? 20} queries; medians, and the max). Pagefind: the CLI over one HTML page per article. A Pagefind size projected (linearly from the largest it built) past the machine's memory is skipped, not attempted; its build time there is that linear projection, marked *projected*. Ratios in brackets are to Pagefind. The Reuters row repeats section 3.`, '',
      table(['articles', '`dateline build` (s)', 'cores used', 'peak RSS (MiB)', 'files', 'on disk (MiB)', 'start-up: requests, raw / gzip', 'cold query: requests (round trips), median / max', 'cold query gzip, median / max', 'cold query (ms), median / max', 'Pagefind build (s)', 'Pagefind peak RSS (MiB)', 'Pagefind index (MiB)'], [
        ...(pf?.dateline?.prebuilt ? [[pf.pages, { prebuilt: pf.dateline.prebuilt, pagefind: { buildMs: pf.buildMs, maxRssBytes: pf.buildMaxRssBytes, indexBytes: pf.index.bytes } }]] : []),
        ...growth.results.map((g) => [g.articles, g]),
      ].map(([n, g]) => {
        const b = g.prebuilt;
        const pfm = g.pagefind ?? g.pagefindProjected;
        const proj = !g.pagefind && g.pagefindProjected ? ' *projected*' : '';
        if (!b) return [n.toLocaleString('en'), `failed: ${g.prebuiltError ?? '?'}`, '–', '–', '–', '–', '–', '–', '–', '–', g.pagefind ? sec(g.pagefind.buildMs) : `skipped: ${g.pagefindSkipped ?? g.pagefindError}`, '–', '–'];
        const m = b.coldMedian, x = b.coldMax;
        return [
          n.toLocaleString('en'),
          pfm ? vs(sec(b.build.ms), b.build.ms, pfm.buildMs) + proj : sec(b.build.ms),
          (b.build.cpuPct / 100).toFixed(2),
          pfm?.maxRssBytes ? vs(mib(b.build.maxRssBytes), b.build.maxRssBytes, pfm.maxRssBytes) + proj : mib(b.build.maxRssBytes),
          b.disk.total.files.toLocaleString('en'),
          pfm?.indexBytes ? vs(mib(b.disk.total.bytes), b.disk.total.bytes, pfm.indexBytes) + proj : mib(b.disk.total.bytes),
          `${m.startup.requests}, ${kib(m.startup.bytes)} KiB / ${kib(m.startup.gzipBytes)} KiB`,
          `${m.query.requests} (${m.query.rounds}) / ${x.query.requests} (${x.query.rounds})`,
          `${kib(m.query.gzipBytes)} KiB / ${kib(x.query.gzipBytes)} KiB`,
          `${m.query.ms} / ${x.query.ms}`,
          g.pagefind ? `${sec(g.pagefind.buildMs)}${g.pagefind.cpuPct != null ? ` (cores used ${(g.pagefind.cpuPct / 100).toFixed(2)})` : ''}` : g.pagefindProjected ? `skipped: ${g.pagefindSkipped ?? g.pagefindError}; *projected* ${sec(g.pagefindProjected.buildMs)}` : `skipped: ${g.pagefindSkipped ?? g.pagefindError}`,
          g.pagefind?.maxRssBytes ? mib(g.pagefind.maxRssBytes) : g.pagefindProjected ? `*projected* ${mib(g.pagefindProjected.maxRssBytes)}` : '–',
          g.pagefind ? mib(g.pagefind.indexBytes) : g.pagefindProjected ? `*projected* ${mib(g.pagefindProjected.indexBytes)}` : '–',
        ];
      })), '');
    const loads = growth.results.filter((g) => g.prebuilt).map((g) => `${g.articles.toLocaleString('en')}: ${g.prebuilt.build.load}${g.pagefind ? ` (Pagefind: ${g.pagefind.load})` : ''}`);
    if (loads.length) p(`Load average before each build: ${loads.join('; ')}. \`dateline build\` phases: ${growth.results.filter((g) => g.prebuilt).map((g) => `${g.articles.toLocaleString('en')}: ${Object.entries(g.prebuilt.build.phases).map(([k, v]) => `${k} ${v} s`).join(', ')}`).join('; ')}.`, '');
    p('### Dateline in-page (current)', '',
      '`dateline pack` time, start-up bytes (everything the page downloads), and the in-page index build in a fresh Node process (time, wasm memory after `finish()`, peak RSS of the process, which includes Node itself and the pack bytes read from disk). A size projected (linearly from the smaller one) past wasm32\'s 4 GiB is skipped, not attempted.', '',
      table(['articles', 'Dateline pack (s)', 'Dateline start-up bytes (raw / gzip)', 'Dateline index build (s)', 'wasm memory (MiB)', 'peak RSS (MiB)', 'Pagefind build (s)', 'in-page index build vs Pagefind build'],
        growth.results.map((g) => [
          g.articles.toLocaleString('en'), g.packMs ? (g.packMs / 1000).toFixed(1) : '–',
          g.startup ? `${mib(g.startup.bytes)} MiB / ${mib(g.startup.gzipBytes)} MiB` : g.packError ?? '–',
          g.dateline ? (g.dateline.indexMs / 1000).toFixed(1) : `skipped: ${g.datelineSkipped ?? g.datelineError}`,
          g.dateline ? mib(g.dateline.wasmBytes) : '–', g.dateline ? mib(g.dateline.maxRssBytes) : '–',
          g.pagefind ? (g.pagefind.buildMs / 1000).toFixed(1) : `skipped: ${g.pagefindSkipped ?? g.pagefindError}`,
          g.dateline && g.pagefind ? ratio(g.dateline.indexMs, g.pagefind.buildMs) : '–',
        ])), '');
  }

  return [...out, GROWTH_END];
}

/** The markers around the section `--section network` rewrites in place. */
const NETWORK_BEGIN = '<!-- bench:network (bench/network.mjs; ./build.sh bench --only network rewrites it) -->';
const NETWORK_END = '<!-- /bench:network -->';

/**
 * The page over the emulated network: network.json's sites, then each growth
 * size's prebuilt site, as [label, result] pairs.
 * @param {any} net  network.json
 * @param {any} growth  growth.json
 */
function networkSites(net, growth) {
  const out = (net?.results ?? []).map((r) => [r.label, r]);
  for (const g of growth?.results ?? []) if (g.prebuilt?.network) out.push([`${g.articles.toLocaleString('en')} articles (growth)`, { kind: 'prebuilt', articles: g.articles, ...g.prebuilt.network }]);
  return out;
}

/** Issue 18's targets on the page over the network, as rows of the targets table. */
function networkTargets(net, growth) {
  const rows = [];
  const where = (label, r) => `${label}${r.articles ? ` (${r.articles.toLocaleString('en')} articles)` : ''}${r.network ? `, ${r.network.rttMs} ms / ${r.network.mbps} Mbit/s` : ', localhost'}`;
  for (const [label, r] of networkSites(net, growth)) {
    const su = r.startup, c = r.cold;
    if (r.kind === 'prebuilt' && r.network) {
      rows.push(['prebuilt start-up ≤150 KB gzipped, ≤2 round trips after the HTML (issue 18)', where(label, r),
        `${kb(su.gzipBytes)} gzipped in ${su.requests} requests, ${su.roundTrips} round trips; list drawn at ${su.medianMs.toFixed(0)} ms (median)`,
        `bytes ${atMost(su.gzipBytes, 150e3, kb)}; round trips ${atMost(su.roundTrips, 2, (d) => `${d}`)}`]);
      rows.push(['cold query median ≤100 KB, max ≤250 KB gzipped, ≤3 round trips (issue 18)', `${where(label, r)}: median / max of ${r.samples}`,
        `${kb(c.gzipMedian)} / ${kb(c.gzipMax)} gzipped; ${c.requestsMedian} requests (median); ${c.roundTripsMedian} / ${c.roundTripsMax} round trips`,
        `median ${atMost(c.gzipMedian, 100e3, kb)}; max ${atMost(c.gzipMax, 250e3, kb)}; round trips ${atMost(c.roundTripsMax, 3, (d) => `${d}`)}`]);
      rows.push(['typing to results painted ≤0.6 s median (issue 18)', where(label, r), `${c.resultsMedianMs.toFixed(0)} ms`, atMost(c.resultsMedianMs, 600, (d) => `${d.toFixed(0)} ms`)]);
      const later = Math.max(c.facetsMedianMs ?? 0, c.eventsMedianMs ?? 0);
      if (c.facetsMedianMs != null || c.eventsMedianMs != null)
        rows.push(['typing to facets and events painted ≤1.0 s median (issue 18)', where(label, r),
          `facets ${c.facetsMedianMs != null ? `${c.facetsMedianMs.toFixed(0)} ms` : '–'}, events ${c.eventsMedianMs != null ? `${c.eventsMedianMs.toFixed(0)} ms` : '–'}`, atMost(later, 1000, (d) => `${d.toFixed(0)} ms`)]);
    }
    if (r.kind === 'in-page' && r.network)
      rows.push(['in-page seed site: bytes before the first search ≤150 KB gzipped (issue 18)', where(label, r),
        `${kb(su.gzipBytes + (su.html?.gzipBytes ?? 0))} gzipped (HTML ${kb(su.html?.gzipBytes ?? 0)} + ${su.requests} requests after it, ${su.roundTrips} round trips); searchable at ${su.medianMs.toFixed(0)} ms`,
        atMost(su.gzipBytes + (su.html?.gzipBytes ?? 0), 150e3, kb)]);
    if (r.kind === 'in-page' && !r.network)
      rows.push(['Reuters in-page: searchable from navigation ≤1.5 s, localhost (issue 18)', where(label, r),
        `${(su.medianMs / 1000).toFixed(2)} s (median of ${r.samples}); ${mib(su.wireBytes)} MiB on the wire (${mib(su.gzipBytes)} MiB gzipped) in ${su.requests} requests`,
        atMost(su.medianMs, 1500, (d) => `${d.toFixed(0)} ms`)]);
  }
  return rows;
}

/** The network section, as lines of Markdown between its markers. */
function networkSection(net, growth) {
  const out = [NETWORK_BEGIN, ''];
  const sites = networkSites(net, growth);
  out.push('### The page over a slow network', '',
    'The real page (`www/` as `dateline build` ships it, not a harness) in headless Chromium with the DevTools protocol\'s network emulation (100 ms round trip, 10 Mbit/s each way, cache off; "localhost": none), a fresh browser context per sample (`bench/network.mjs`), served over HTTP/2 with TLS (a certificate made for the run), as static hosts (GitHub Pages, Netlify, Cloudflare Pages, S3 behind CloudFront) serve a site: all of a page\'s requests share one connection. (Until session 33 the test server spoke HTTP/1.1, where Chromium sends at most six requests to a host at a time: on the same site and queries, typed → results 1.37 s there against 0.94 s over HTTP/2, the same bytes.) ' +
      '**Start-up**: navigation until the opening list is drawn and the page is ready; requests after the HTML, bytes (gzip -9 of each file; the test server sends them raw), round trips (the HTML is trip 0; a request is one trip after the latest trip among those finished when it was sent). ' +
      '**Cold query**: once the page is idle (its opening list and that list\'s facets drawn, nothing in flight: before session 32 the wait could end before the opening facets were asked for, and a cold query then counted them or, with entities not yet loaded, went without facets), a query typed into the search box; time until the list is drawn for it, and the facets; requests, bytes and round trips of what it fetched. **Events**: the same query typed with the events view open, in another fresh context. Medians, and the max. Queries: the benchmark\'s set, spread evenly.', '');
  if (!sites.length) out.push('Not run.', '');
  else
    out.push(table(['site', 'articles', 'kind', 'start-up: requests, gzip (round trips)', 'start-up: drawn (ms)', 'cold query: requests, gzip median / max', 'cold: round trips median / max', 'typed → results (ms)', '→ facets (ms)', '→ events (ms)', 'events query gzip'],
      sites.map(([label, r]) => {
        const su = r.startup, c = r.cold;
        return [`${label}${r.network ? '' : ' (localhost)'}`, r.articles?.toLocaleString('en') ?? '?', r.kind,
          `${su.requests}, ${kb(su.gzipBytes)} (${su.roundTrips})`, su.medianMs.toFixed(0),
          `${c.requestsMedian}, ${kb(c.gzipMedian)} / ${kb(c.gzipMax)}`, `${c.roundTripsMedian} / ${c.roundTripsMax}`,
          c.resultsMedianMs.toFixed(0), c.facetsMedianMs != null ? c.facetsMedianMs.toFixed(0) : '–', c.eventsMedianMs != null ? c.eventsMedianMs.toFixed(0) : '–',
          c.eventsGzipMedian != null ? kb(c.eventsGzipMedian) : '–'];
      })), '');
  const first = sites.find(([, r]) => r.kind === 'prebuilt' && r.network);
  if (first) out.push(`What ${first[0]}'s start-up fetched after the HTML (its round trip in brackets): ${first[1].startup.files.map((f) => `\`${f}\``).join(', ')}.`, '');
  const problems = sites.flatMap(([label, r]) => (r.problems ?? []).map((x) => `${label}: ${x}`));
  if (problems.length) out.push(`Console errors during the runs: ${problems.slice(0, 10).join('; ')}.`, '');
  out.push(NETWORK_END);
  return out;
}


/** The markers around the section `--section annotations` rewrites in place. */
const ANNOTATIONS_BEGIN = '<!-- bench:annotations (bench/annotations.mjs; ./build.sh bench --only annotations rewrites it) -->';
const ANNOTATIONS_END = '<!-- /bench:annotations -->';

/**
 * What events and entities cost `dateline build` (annotations.json), as
 * lines of Markdown between the markers.
 * @param {any} a
 */
function annotationsSection(a) {
  const out = [ANNOTATIONS_BEGIN, ''];
  const p = (...s) => out.push(...s);
  const w = a.with, wo = a.without;
  const cores = (b) => (b.cpuPct != null ? (b.cpuPct / 100).toFixed(2) : '?');
  const phases = (x) => Object.entries(x.phases).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ');
  const share = (x, total) => `${((100 * x) / total).toFixed(1)}%`;
  const bytes = (d) => `${mib(d.bytes)} MiB / ${mib(d.gzipBytes)} MiB`;
  const row = (name, x) => [name, sec(x.ms), x.runs.map((r) => sec(r.ms)).join(', '), x.runs.map(cores).join(', '), sec(x.cpuMs), mib(x.maxRssBytes),
    x.disk.total.files.toLocaleString('en'), bytes(x.disk.total), `${x.disk.notes.files.toLocaleString('en')} + ${x.disk.ents.files}`, x.disk.annotations.files ? bytes(x.disk.annotations) : '–',
    x.disk.annotations.files ? `${share(x.disk.annotations.bytes, x.disk.total.bytes)} / ${share(x.disk.annotations.gzipBytes, x.disk.total.gzipBytes)}` : '–'];
  p('### Events and entities: what they cost the build', '',
    `\`dateline build\` of \`${a.corpus}\` (${a.articles.toLocaleString('en')} articles) as sites ship it (time expressions tagged while indexing, entities recognized ${a.model ? `with \`${a.model}\`` : 'with rules and gazetteers only'}, their \`notes-*\` and \`ents-0000\` written) and with \`--no-annotations\` (search only: no tagging, no recognition, no such files), ${a.builds} time${a.builds === 1 ? '' : 's'} each, alternating, under \`/usr/bin/time\`; medians. ` +
      'Bytes are the files of `corpus/` (manifest included), raw / gzip -9 file by file; "share" is the event-and-entity files\' part of the whole index, raw / gzipped. ' +
      '"cores used" is (user + sys CPU) / wall on a 2-core machine shared with other builds.', '',
    table(['build', 'wall, median (s)', 'runs (s)', 'cores used (runs)', 'CPU time, median (s)', 'peak RSS (MiB)', 'files', 'index (raw / gzip)', 'notes + ents files', 'notes + ents (raw / gzip)', 'share (raw / gzip)'], [
      row('with events and entities (as shipped)', w),
      row('`--no-annotations`', wo),
      ['difference', `+${sec(w.ms - wo.ms)} (×${(w.ms / wo.ms).toFixed(2)})`, '–', '–', `+${sec(w.cpuMs - wo.cpuMs)} (×${(w.cpuMs / wo.cpuMs).toFixed(2)})`, `+${mib(w.maxRssBytes - wo.maxRssBytes)} (×${(w.maxRssBytes / wo.maxRssBytes).toFixed(2)})`,
        `+${(w.disk.total.files - wo.disk.total.files).toLocaleString('en')}`, `+${mib(w.disk.total.bytes - wo.disk.total.bytes)} MiB / +${mib(w.disk.total.gzipBytes - wo.disk.total.gzipBytes)} MiB`, '–', '–', '–'],
    ]), '',
    `Phases the build reports (medians): with events and entities ${phases(w)}; without ${phases(wo)}. Of the event-and-entity bytes, \`notes-*\` (time and entity mentions and boilerplate flags by document chunk) are ${bytes(w.disk.notes)} and \`ents-0000\` (the entity list) ${bytes(w.disk.ents)}. ` +
      `Load average before each build (with / without): ${w.runs.map((r, i) => `${r.load} / ${wo.runs[i]?.load ?? '?'}`).join('; ')}.`, '', ANNOTATIONS_END);
  return out;
}

/**
 * Your own files in the page (import.json, bench/import.mjs): N Reuters
 * articles as HTML pages imported, beside the same text as plain text.
 * @param {any} x
 */
function importSection(x) {
  return [IMPORT_BEGIN, '', '### Your own files in the page: importing HTML pages beside indexing plain text', '',
    `${x.articles.toLocaleString('en')} Reuters articles written as news pages (meta tags, a nav, a cookie banner, the article, related links, a footer: ${mib(x.htmlBytes)} MiB of HTML) and imported in Chromium through the page's folder input: the import worker reads each \`File\`, the import core parses it (content extraction) into a pack, the packs go to OPFS, and the page indexes the collection anew (events tagged; entities found after). ` +
      `Beside it, the same text as plain text (${mib(x.jsonlBytes)} MiB of JSON Lines): imported as one file the same way, and as the site's own pack indexed when the page loads (time from navigation, so it includes fetching the pack and compiling the core). Best of ${x.runs.length} run${x.runs.length === 1 ? '' : 's'}; "parsed/s" is the import worker's own rate (reading and parsing only).`, '',
    x.markdown, '', IMPORT_END];
}

const IMPORT_BEGIN = '<!-- bench:import (bench/import.mjs; ./build.sh bench --only import rewrites it) -->';
const IMPORT_END = '<!-- /bench:import -->';

/**
 * The sections `--section NAME` rewrites in place: the results file each is
 * made from, its markers, and how it is written.
 */
const SECTIONS = {
  annotations: { file: 'annotations.json', begin: ANNOTATIONS_BEGIN, end: ANNOTATIONS_END, lines: (x) => annotationsSection(x) },
  network: { file: 'network.json', begin: NETWORK_BEGIN, end: NETWORK_END, lines: (x, dir) => networkSection(x, read(dir, 'growth.json')) },
  import: { file: 'import.json', begin: IMPORT_BEGIN, end: IMPORT_END, lines: (x) => importSection(x) },
  // Before its markers existed, the section ran from its heading to section 5's.
  growth: { file: 'growth.json', begin: GROWTH_BEGIN, end: GROWTH_END, lines: (x, dir) => growthSection(x, read(dir, 'pagefind.json')), from: '\n## 4. Growth', to: '\n## 5.' },
};

/**
 * `--section NAME`: rewrite only that section of an existing BENCHMARKS.md
 * (between its markers; before section 4 when it has none yet).
 * @param {Record<string, string>} o
 */
function rewriteSection(o) {
  const section = SECTIONS[o.section];
  if (!section) throw new Error(`unknown --section ${o.section} (${Object.keys(SECTIONS).join(', ')})`);
  const x = read(o.results, section.file);
  if (!x) throw new Error(`no ${section.file} in ${o.results}`);
  const old = fs.readFileSync(o.out, 'utf8');
  const block = section.lines(x, o.results).join('\n');
  const begin = old.indexOf(section.begin);
  const end = old.indexOf(section.end);
  const from = section.from ? old.indexOf(section.from) : -1;
  const to = section.to ? old.indexOf(section.to, from + 1) : -1;
  let next;
  if (begin >= 0 && end > begin) next = old.slice(0, begin) + block + old.slice(end + section.end.length);
  else if (from >= 0 && to > from) next = `${old.slice(0, from + 1)}${block}\n${old.slice(to)}`;
  else {
    const at = old.indexOf('\n## 4. Growth');
    if (at < 0) throw new Error(`${o.out} has no "## 4. Growth" to put the section before`);
    next = `${old.slice(0, at + 1)}${block}\n\n${old.slice(at + 1)}`;
  }
  fs.writeFileSync(o.out, next);
  console.error(`rewrote the ${o.section} section of ${o.out}`);
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
    `- Dateline: commit ${commit}, release wasm built by \`./build.sh build\`` + (node?.compare ? `; in Node also **${node.compare}** (\`bench.sh --compare\`: that commit's site, built in a git worktree under target/bench/compare/), its runs alternating with this commit's` : ''),
    `- corpus: \`${path.basename(o.corpus)}\`, ${fileBytes.toLocaleString('en')} bytes of JSONL; ${docs.length.toLocaleString('en')} articles indexed (lines with an empty body dropped, as Dateline's packer does); title + text = ${(textBytes / 1e6).toFixed(1)} MB, the numerator of every MB/s`,
    `- queries: ${queries.length} from \`bench/queries.mjs\` (seeded, deterministic): ${CLASSES.map((c) => `${c} ${counts[c]}`).join(', ')}`,
    '');

  const pre = pf?.dateline?.prebuilt;
  const prebuiltWarm = pre?.warm && { engine: 'dateline-prebuilt', name: 'Dateline prebuilt (warm)', notes: 'the prebuilt index with every file a query needs already added; a call is `needs_search` (empty) + `search`, as the page makes it', queries: pre.warm };
  p('## Targets', '',
    'The goals of issues 4, 5 and 18, each against this run\'s figures (KB = 1,000 bytes; "gzipped" is gzip -9 per file). Sections 1–5 hold the details.', '',
    targetsTable({ nodeSum, brSum, prebuiltWarm, queries, pf, growth, phases: read(o.results, 'phases.json'), pageload: read(o.results, 'pageload.json'), network: read(o.results, 'network.json') }), '');

  p('## 1. In-page indexing', '',
    'Time: from the input in memory to the index ready, median of the runs, each in a fresh process (Node) or fresh browser context (Chromium). ' +
      'Peers get the JSONL text (JSON.parse included) and index `title` and `text`, storing `id` and `date`; Dateline gets its binary packs (the page\'s download) and runs `add_pack` + `finish()`. ' +
      'Ratios are to the best peer (the lowest value among MiniSearch, FlexSearch, Lunr and Orama); below ×1 is better than every peer.', '');
  if (nodeSum) p(`### Node ${node.node}`, '', 'Memory: `heapUsed + external` after indexing, input released, after `global.gc()`, minus the same before loading the input (`arrayBuffers` is already part of `external`, so adding it would count it twice; Dateline\'s wasm memory is inside `external`).', '', indexTable(nodeSum, textBytes), '');
  if (brSum) p('### Chromium', '', 'Memory: CDP `Performance.getMetrics` `JSHeapUsedSize` after `HeapProfiler.collectGarbage`, input released, minus the same before, plus the growth of the wasm memory (`memory.buffer.byteLength`), which is outside the JS heap. Chromium compresses pointers and Node does not, hence smaller JS heaps than in Node. (`performance.measureUserAgentSpecificMemory` was not used: it can wait up to 20 s for a GC.)', '', indexTable(brSum, textBytes), '');

  p('## 2. Queries', '',
    'Latency of one call (ms) asking for the top 10, after a warm-up pass over the first 50 queries; each engine\'s last indexing run answers every query once. ' +
      `Per class there are ${counts.single} queries, so p99 is about the slowest one. ` +
      'Dateline\'s call is the page\'s `engine.search({q, limit: 10})` as is: besides ranking, it builds highlighted snippets and titles for the 10 hits and the timeline histogram over all matches, and crosses the wasm/JS boundary through serde; the peers return ids and scores only. ' +
      '**Ranking only** is Dateline\'s equivalent of the peers\' call, `rank({q, limit: 10})` (`src/engine/rank.rs`): the same reading, matching (AND, relaxed to most words only when too few hold them all), BM25F scores, order and reprint folding as `search`, returning the 10 ids and scores and the total, with nothing built for display; it is timed in a pass of its own after the search pass, and ' +
      rankAgreement(nodeSum ?? brSum) + ' ' +
      'What each peer\'s figure includes: MiniSearch `search` scores and sorts every match and returns them all (it has no limit; the harness takes 10); FlexSearch `search` with `limit: 10` returns ids of the first 10 by its resolution order; Lunr `search` scores and sorts every match (no limit); Orama `search` with `limit: 10` returns 10 hits with their stored documents.', '');
  if (nodeSum) p('### Node', '', latencyTable(nodeSum, queries), '');
  if (brSum) p('### Chromium', '', 'The page is cross-origin isolated (COOP/COEP), so `performance.now()` has 5 µs resolution.' + (prebuiltWarm ? ' **Dateline prebuilt (warm)** is the prebuilt index (section 3) in its own harness page, after every query of the set has run once through the fetch loop (so nothing is missing), then the same warm-up and timed pass; each call is `needs_search` (a dry run, empty by then) plus `search`, as the page makes it, so it does the ranking twice.' : ''), '', latencyTable(prebuiltWarm ? [...brSum, prebuiltWarm] : brSum, queries), '');
  const named = (brSum ?? nodeSum).map((r) => ({ engine: r.engine, name: r.name, ids: r.queries.ids, intended: r.queries.intended }));
  if (prebuiltWarm) named.push({ engine: 'dateline-prebuilt', name: 'Dateline prebuilt (warm, Chromium)', ids: pre.warm.ids });
  if (pf) named.push({ engine: 'pagefind', name: 'Pagefind (warm, Chromium)', ids: pf.warm.ids });
  p('### Top-10 agreement with Dateline', '', `Mean Jaccard index of each engine's top-10 ids with Dateline's (${brSum ? 'Chromium' : 'Node'} runs; 1 when both are empty), per class; in brackets, how many queries of the class returned nothing. A sanity check of the query translation, not a quality score: the engines rank differently and support different syntax.`, '', overlapTable(named, queries), '');
  // Node runs: they hold the `--compare` commit's row too (before and after).
  const typoRuns = (nodeSum ?? brSum).map((r) => ({ name: r.name, ids: r.queries.ids, intended: r.queries.intended }));
  p('### Typo tolerance', '', `For each query of the typo and swap classes, the intended article is the engine's own top hit for the word spelt right; the cell is the share of those queries whose top 10 hold it (${nodeSum ? 'Node' : 'Chromium'} runs), of how many; in brackets, queries left out because the right spelling found nothing. Target (issue 14): at least 95% for Dateline.`, '', typoTable(typoRuns, queries), '');
  p('How each engine was asked:', '', ...(brSum ?? nodeSum).map((r) => `- **${r.name}**: ${r.notes}`));
  if (prebuiltWarm) p(`- **${prebuiltWarm.name}**: ${prebuiltWarm.notes}`);
  if (pf) p('- **Pagefind**: the Dateline query string as is (Pagefind reads `"phrases"`; it has no typo tolerance and no `*` syntax, though it matches the last word as a prefix)');
  p('');

  if (pf) prebuiltSection(pf, p);
  const annotations = read(dir, 'annotations.json');
  if (annotations) p(...annotationsSection(annotations), '');
  const network = read(dir, 'network.json');
  if (network || growth) p(...networkSection(network, growth), '');

  p(...growthSection(growth, pf), '');

  const phases = path.join(o.results, 'phases.md');
  if (fs.existsSync(phases)) {
    p('## 5. Dateline\'s in-page indexing phases', '',
      'In Node, from pack bytes in memory: the index without event tagging, with it (the default), and entity recognition with the trained model, first as work on one thread after the index (what the page falls back to, in slices, without a worker), then as the page runs it: in a worker beside the index build. Targets: tagging does not slow indexing noticeably; entities add at most 30%.', '',
      fs.readFileSync(phases, 'utf8').trim(), '');
    const pageloadMd = path.join(o.results, 'pageload.md');
    if (fs.existsSync(pageloadMd)) {
      p('In Chromium, through the page (`bench/page_load.mjs`): the Reuters site, and beside it the same site without its entity model (no worker; its rules-only recognition then runs on the page, after search is ready). Times from navigation start, so they include downloading the packs and compiling the core; "entities ready" names where they were found. The query columns are the times the page reports.', '',
        fs.readFileSync(pageloadMd, 'utf8').trim(), '');
    }
  }
  const imported = read(dir, 'import.json');
  if (imported) p(...importSection(imported), '');
  p('## What is unfair or missing', '', ...(o.caveats ? fs.readFileSync(o.caveats, 'utf8').trim().split('\n') : []), '');
  fs.writeFileSync(o.out, out.join('\n'));
  console.error(`wrote ${o.out}`);
}

const options = args(process.argv.slice(2));
if (options.section) rewriteSection(options);
else main(options);
