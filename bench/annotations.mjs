// What the events and entities cost `dateline build`: the prebuilt index
// of a corpus built as sites ship it (time expressions tagged, entities
// recognized, `notes-*`, `dents-*` and the entity list's `enames-*`,
// `ents-*`, `ekeys-*` and `ekinds-0000` written) and with
// `--no-annotations` (search only), alternately, each under /usr/bin/time:
// wall time, CPU share, peak RSS, the phases the build reports, and the
// bytes of the event-and-entity files (raw and gzip -9, file by file)
// against the whole index.
//
//   node bench/annotations.mjs --corpus C.jsonl --out OUT.json [--builds 3] [--ner-model target/ner/ner.bin]
//
// Run by bench/bench.sh (also alone: `./build.sh bench --only annotations`);
// bench/report.mjs turns OUT.json into its section of BENCHMARKS.md.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { median, timed } from './timing.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'target/release/dateline');
const WORK = path.join(REPO, 'target/bench/annotations');

/** @param {string[]} argv */
function args(argv) {
  /** @type {Record<string, string>} */
  const o = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[i + 1] ?? '';
  return o;
}

const gz = (/** @type {string} */ file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Is a file of the index one of the events and entities? @param {string} name */
const isAnnotation = (name) => /^(notes|enames|ents|ekeys|ekinds|dents|dtimes|gfacets)-\d+\.bin$/.test(name);

/**
 * The index `dateline build` wrote into `out`: every file of corpus/
 * (manifest included), and the event-and-entity files, raw and gzipped.
 * @param {string} out
 */
function disk(out) {
  const dir = path.join(out, 'corpus');
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const sum = (/** @type {fs.Dirent[]} */ es) => {
    const paths = es.map((e) => path.join(e.parentPath ?? e.path, e.name));
    return {
      files: paths.length,
      bytes: paths.reduce((n, f) => n + fs.statSync(f).size, 0),
      gzipBytes: paths.reduce((n, f) => n + gz(f), 0),
    };
  };
  return {
    total: sum(files),
    notes: sum(files.filter((e) => /^notes-\d+\.bin$/.test(e.name))),
    ents: sum(files.filter((e) => /^ents-\d+\.bin$/.test(e.name))),
    annotations: sum(files.filter((e) => isAnnotation(e.name))),
  };
}

/**
 * One `dateline build` of the corpus into `out`, timed.
 * @param {string} corpus
 * @param {string} out
 * @param {boolean} annotations
 * @param {string} model  An entity model to recognize with ('' for rules and gazetteers only).
 */
function build(corpus, out, annotations, model) {
  fs.rmSync(out, { recursive: true, force: true });
  const argv = ['build', corpus, '--out', out, '--quiet', '--keep-going', '--index', 'prebuilt'];
  if (!annotations) argv.push('--no-annotations');
  else if (model) argv.push('--ner-model', model);
  const r = timed(CLI, argv);
  if (r.status !== 0) throw new Error(`dateline ${argv.join(' ')} failed: ${r.stderr.split('\n').slice(-3).join(' / ')}`);
  const line = r.stderr.split('\n').find((l) => l.startsWith('built ')) ?? '';
  // "… (index + events 1.20 s, entities 3.40 s: … write 0.50 s); parse 0.30 s; …"
  /** @type {Record<string, number>} */
  const phases = {};
  for (const [, name, s] of line.matchAll(/(index \+ events|entities|write|parse) ([\d.]+) s/g)) phases[name] = Number(s);
  return { ms: r.ms, cpuPct: r.cpuPct, maxRssBytes: r.maxRssBytes, load: r.load, phases, log: line };
}

function main() {
  const o = args(process.argv.slice(2));
  if (!o.corpus || !o.out) throw new Error('usage: node bench/annotations.mjs --corpus C.jsonl --out OUT.json [--builds N] [--ner-model FILE]');
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run ./build.sh build first`);
  const builds = Math.max(1, Number(o.builds || 3));
  const model = o['ner-model'] && fs.existsSync(o['ner-model']) ? o['ner-model'] : '';
  /** @type {{with: ReturnType<typeof build>[], without: ReturnType<typeof build>[]}} */
  const runs = { with: [], without: [] };
  for (let i = 0; i < builds; i++) {
    // Alternating, so that a change in the machine's load falls on both.
    for (const kind of /** @type {const} */ (['with', 'without'])) {
      const r = build(o.corpus, path.join(WORK, kind), kind === 'with', model);
      runs[kind].push(r);
      console.error(`build ${i + 1}, ${kind} events and entities: ${(r.ms / 1000).toFixed(1)} s (${r.cpuPct}% CPU), load before ${r.load}`);
    }
  }
  /** @param {ReturnType<typeof build>[]} rs */
  const summary = (rs) => ({
    ms: median(rs.map((r) => r.ms)),
    cpuMs: median(rs.map((r) => (r.cpuPct != null ? (r.ms * r.cpuPct) / 100 : NaN))),
    maxRssBytes: median(rs.map((r) => r.maxRssBytes ?? NaN)),
    phases: Object.fromEntries(Object.keys(rs[0].phases).map((k) => [k, median(rs.map((r) => r.phases[k] ?? NaN))])),
    runs: rs,
  });
  const result = {
    corpus: path.relative(REPO, path.resolve(o.corpus)),
    articles: Number(runs.with[0].log.match(/^built (\d+) articles/)?.[1] ?? NaN),
    builds,
    model: model ? path.relative(REPO, path.resolve(model)) : null,
    with: { ...summary(runs.with), disk: disk(path.join(WORK, 'with')) },
    without: { ...summary(runs.without), disk: disk(path.join(WORK, 'without')) },
  };
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, JSON.stringify(result, null, 2));
  console.error(`wrote ${o.out}`);
}

main();
