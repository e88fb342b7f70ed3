// The command line and the page find the same people, organisations and
// places: the `dateline` binary (`entities --top`, `search --json`) and the
// compiled wasm core (target/pkg, as the page loads it) run on the same
// collection, and their facets, names, aliases and counts must be equal.
// Both page paths are checked: the Web Worker's (`Recognition` over the
// packs, then `InPageIndex.add_recognized`) and the fallback on the page
// (`InPageIndex.load_entities`).
//
// Needs target/pkg (build.sh builds it before the JS tests) and the
// `dateline` binary (cargo test --features cli builds target/debug/dateline;
// DATELINE_BIN overrides). A missing one fails the test. The collection is a
// fixture, and also ../shared/corpora/news/ukraine2022 when present.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The newest `dateline` binary of the two profiles (or DATELINE_BIN). */
function binary() {
  if (process.env.DATELINE_BIN) return process.env.DATELINE_BIN;
  const found = ['debug', 'release']
    .map((p) => join(root, 'target', p, 'dateline'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.ok(found.length, 'no target/{debug,release}/dateline: run cargo test --features cli (or cargo build --features cli) first');
  return found[0];
}

/** The entity model the page would ship, if one was trained. */
function model() {
  for (const p of [process.env.DATELINE_NER_MODEL, join(root, 'target/ner/ner.bin'), join(root, 'dist/models/ner.bin')]) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

/** @param {string[]} args */
const cli = (args) => execFileSync(binary(), args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });

async function core() {
  const glue = join(root, 'target/pkg/dateline.js');
  assert.ok(existsSync(glue), 'no target/pkg/dateline.js: build the wasm core first (./build.sh build)');
  const mod = await import(glue);
  await mod.default({ module_or_path: readFileSync(join(root, 'target/pkg/dateline_bg.wasm')) });
  return mod;
}

/**
 * The collection as the page gets it: `dateline pack` into a temporary
 * folder, then each pack's bytes in manifest order.
 * @param {string} docs
 */
function packed(docs) {
  const out = mkdtempSync(join(tmpdir(), 'dateline-cli-page-'));
  try {
    // --keep-going: the messy fixtures hold bad items on purpose; the rest is published.
    cli(['pack', docs, '--keep-going', '--out', out]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    return manifest.packs.map((/** @type {{file: string}} */ p) => ({ name: p.file, bytes: readFileSync(join(out, p.file)) }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * An in-page index of the packs with its entities found as the page finds
 * them: by a worker's `Recognition`, or on the page itself.
 * @param {any} mod @param {{name: string, bytes: Uint8Array}[]} packs
 * @param {Uint8Array|undefined} modelBytes @param {'worker'|'page'} path
 */
function pageIndex(mod, packs, modelBytes, path) {
  const engine = new mod.InPageEngine();
  engine.set_events(false);
  for (const p of packs) engine.add_pack(p.bytes, p.name);
  const index = engine.finish();
  if (path === 'page') {
    index.load_entities(modelBytes);
    return index;
  }
  const r = new mod.Recognition(modelBytes);
  for (const p of packs) r.add_pack(p.bytes, p.name);
  const done = r.finish();
  index.add_recognized(done.head(), done.doc_ends(), done.mentions(), done.kinds());
  done.free();
  return index;
}

const TYPES = /** @type {const} */ (['people', 'organizations', 'places']);

/** @param {string} docs */
async function sameOnBothSides(docs) {
  const mod = await core();
  const m = model();
  const modelArgs = m ? ['--model', m] : [];
  const modelBytes = m ? new Uint8Array(readFileSync(m)) : undefined;
  const packs = packed(docs);
  // The CLI's own list: the ten of each type named in most articles.
  const top = JSON.parse(cli(['entities', '--top', '10', '--json', ...modelArgs, docs]));
  const queries = ['', 'Zelensky', 'nato OR putin', 'said -russia'];
  const cliFacets = queries.map((q) =>
    JSON.parse(cli(['search', '--json', '--no-events', ...(m ? ['--ner-model', m] : []), docs, q])).facets);
  for (const path of /** @type {const} */ (['worker', 'page'])) {
    const index = pageIndex(mod, packs, modelBytes, path);
    try {
      queries.forEach((q, i) => {
        const page = index.search({ q, sort: 'relevance', offset: 0, limit: 10 }).facets;
        assert.deepEqual(page, cliFacets[i], `${path}: facets for ${JSON.stringify(q)}`);
      });
      const all = index.search({ q: '', sort: 'relevance', offset: 0, limit: 1 }).facets;
      for (const type of TYPES) {
        const shown = all[type].map((/** @type {any} */ f) => {
          const view = index.entity(f.key, '');
          // A key names one entity: its view is the facet's.
          assert.equal(view.type, f.type, `${path}: the view of ${f.key} is the ${f.type}'s`);
          return { key: f.key, name: f.name, articles: f.count, mentions: view.mentions, aliases: view.aliases };
        });
        assert.deepEqual(shown, top[type], `${path}: ${type}`);
      }
      assert.ok(TYPES.some((t) => top[t].length > 0), 'the collection names someone or something');
    } finally {
      index.free();
    }
  }
}

test('CLI and page: the same entities on a fixture collection', async () => {
  await sameOnBothSides(join(root, 'tests/fixtures/messy'));
});

const ukraine = join(root, '../shared/corpora/news/ukraine2022');
test('CLI and page: the same entities on ukraine2022', { skip: !existsSync(ukraine) && 'no ../shared' }, async () => {
  await sameOnBothSides(ukraine);
});
