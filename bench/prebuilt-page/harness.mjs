// The page side of bench/prebuilt.mjs: what a page must do to answer from
// Dateline's prebuilt index, and nothing else (no www/js, no DOM work).
//
//   startup({glue, wasm})   import the glue, instantiate the wasm, fetch
//                           corpus/manifest.json and the meta file it names,
//                           PrebuiltReader.open(meta)
//   query(q)                the needs loop: needs_search → fetch those files
//                           (in parallel) → add_index_file, until nothing is
//                           missing; then search({q, limit: 10}), which
//                           builds the top 10 with their snippets
//   warm(queries, w)        every query once (fetching what it needs), then
//                           a timed pass: needs_search (empty by then) + search
//
// Paths are relative to the site root (this page lives in SITE/__bench/).

const ROOT = new URL('../', import.meta.url);
let engine = null;
/** Bytes fetched so far by the index loop, and files. */
const fetched = { files: 0, bytes: 0 };

async function bytesOf(rel) {
  const res = await fetch(new URL(rel, ROOT));
  if (!res.ok) throw new Error(`${rel}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** An index file as the core reads it: inflated when `dateline build` gzipped it (as www/js/engine.js `unpacked`). */
async function unpacked(bytes) {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** @param {{glue: string, wasm: string}} files  paths under the site root */
export async function startup({ glue, wasm }) {
  const t0 = performance.now();
  const mod = await import(new URL(glue, ROOT).href);
  await mod.default({ module_or_path: new URL(wasm, ROOT) });
  const manifest = await (await fetch(new URL('corpus/manifest.json', ROOT))).json();
  const metaPath = manifest.index?.meta;
  if (!metaPath) throw new Error('corpus/manifest.json names no prebuilt index (index.meta)');
  const meta = await bytesOf(`corpus/${metaPath}`);
  engine = mod.PrebuiltReader.open(meta, metaPath);
  const stats = engine.stats();
  return { ms: performance.now() - t0, articles: manifest.articles, indexed: stats.articles, terms: stats.terms };
}

/** Fetch and add whatever `search(req)` still needs; returns the rounds taken. */
async function complete(req) {
  let rounds = 0;
  for (;;) {
    const need = engine.needs_search(req);
    if (!need.length) return rounds;
    if (++rounds > 8) throw new Error(`needs_search still wants ${need.join(', ')} after 8 rounds`);
    const got = await Promise.all(need.map(async (p) => [p, await bytesOf(`corpus/${p}`)]));
    for (const [p, b] of got) {
      engine.add_index_file(p, await unpacked(b));
      fetched.files++;
      fetched.bytes += b.length;
    }
  }
}

const summary = (res) => ({
  ids: res.hits.map((h) => h.id),
  total: res.total,
  snippets: res.hits.filter((h) => h.snippet.length > 0).length,
});

/** A cold (or any) query: the needs loop, then the search. */
export async function query(q) {
  const req = { q, limit: 10 };
  const before = { ...fetched };
  const t0 = performance.now();
  const rounds = await complete(req);
  const res = engine.search(req);
  const ms = performance.now() - t0;
  return { ms, rounds, files: fetched.files - before.files, bytes: fetched.bytes - before.bytes, ...summary(res) };
}

/**
 * Warm latency: every query once through the loop (so every file it needs
 * is in), then, as bench/engines.mjs runQueries does for the other engines,
 * an untimed pass over the first `w` and a timed pass over all. A timed call
 * is what the page does once the files are in: needs_search + search.
 */
export async function warm(queries, w = 50) {
  const t0 = performance.now();
  for (const q of queries) await complete({ q: q.q, limit: 10 });
  const fillMs = performance.now() - t0;
  const call = (q) => {
    const req = { q: q.q, limit: 10 };
    if (engine.needs_search(req).length) throw new Error(`warm: ${q.q} still needs files`);
    return engine.search(req).hits.map((h) => h.id);
  };
  for (const q of queries.slice(0, w)) call(q);
  const ms = [];
  const ids = [];
  for (const q of queries) {
    const t = performance.now();
    const r = call(q);
    ms.push(performance.now() - t);
    ids.push(r);
  }
  return { ms, ids, fillMs, fetched: { ...fetched } };
}
