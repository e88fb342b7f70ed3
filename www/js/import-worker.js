// A Web Worker that reads the reader's own files (picked, or dropped on the
// page) into article packs, and keeps them in the origin's private file
// system (OPFS) so they are there after a reload. The page (imports.js)
// starts it only when a file is added or removed: the import core it loads
// (pkg/dateline_import*, the full core plus the HTML, feed and table parsers)
// is fetched then and never on a plain visit.
//
// JS here only moves bytes: each `File` is read and handed to the core's
// `import_file` (which parses it, with located diagnostics, into one pack),
// and the packs are written to and removed from OPFS. Nothing leaves the
// machine: the only request is the import core's own fetch.
//
// The stored layout (OPFS) is import-store.js's.

import { readList, readPack, siteFolder, writeStore } from './import-store.js';

/** @typedef {import('./import-store.js').StoredEntry} StoredEntry */

/**
 * @typedef {object} ImportRequest
 * @property {'import'} kind
 * @property {string} glue   URL of the import core's JS glue.
 * @property {string} wasm   URL of its wasm.
 * @property {{file: File, path: string}[]} files
 */

/**
 * @typedef {object} RemoveRequest
 * @property {'remove'} kind
 * @property {string[]|null} keys  null: every imported file.
 */

/**
 * @typedef {object} ImportProgress
 * @property {'progress'} kind
 * @property {number} done      Files read.
 * @property {number} total     Files to read.
 * @property {number} articles  Articles found so far.
 * @property {number} rate      Articles per second so far.
 */

/**
 * @typedef {object} ImportDone
 * @property {'done'} kind
 * @property {StoredEntry[]} added  The files of this import, in order.
 * @property {Uint8Array[]} packs   Their packs (one per entry with articles, in the same order).
 * @property {boolean} persisted    Kept in OPFS (false: for this visit only, with `error` saying why).
 * @property {string} [error]
 */

/**
 * @typedef {object} RemoveDone
 * @property {'removed'} kind
 * @property {boolean} persisted
 * @property {string} [error]
 */

/**
 * @typedef {object} ImportFailed
 * @property {'failed'} kind
 * @property {string} error
 */

/**
 * "Save as site": the site's files, its corpus and the imported articles
 * as one zip (see `runSave`).
 * @typedef {object} SaveRequest
 * @property {'save'} kind
 * @property {string} glue   URL of the import core's JS glue.
 * @property {string} wasm   URL of its wasm.
 * @property {string} site   URL of the site's folder (ends with `/`).
 */

/**
 * @typedef {object} SaveDone
 * @property {'saved'} kind
 * @property {Uint8Array<ArrayBuffer>} zip
 * @property {number} files     Files in the zip.
 * @property {number} articles  Imported articles in it.
 */

/** @typedef {ImportProgress|ImportDone|RemoveDone|SaveDone|ImportFailed} ImportReply */

/** Progress is posted at most this often (ms), and after the last file. */
const PROGRESS_MS = 100;

/** @param {ImportReply} msg @param {Transferable[]} [move] */
const post = (msg, move = []) => self.postMessage(msg, { transfer: move });

/** @param {unknown} e */
const message = (e) => (e instanceof Error ? e.message : String(e));

/**
 * The import core, started.
 * @param {{glue: string, wasm: string}} req
 * @returns {Promise<typeof import('../pkg/dateline_import.js')>}
 */
async function loadCore(req) {
  const core = await import(req.glue);
  await core.default({ module_or_path: req.wasm });
  return core;
}

/** @param {ImportRequest} req */
async function runImport(req) {
  const core = await loadCore(req);
  const started = performance.now();
  const stamp = Date.now().toString(36);
  /** @type {StoredEntry[]} */
  const added = [];
  /** @type {Uint8Array[]} */
  const packs = [];
  let articles = 0;
  let last = 0;
  const total = req.files.length;
  for (let i = 0; i < total; i++) {
    const { file, path } = req.files[i];
    const bytes = new Uint8Array(await file.arrayBuffer());
    /** @type {import('../pkg/dateline_import.js').ImportedFile} */
    const file1 = core.import_file(path, bytes);
    /** @type {import('../pkg/dateline_import.js').ImportReport} */
    const got = file1.report();
    const pack = file1.pack();
    file1.free();
    const entry = { key: `${stamp}-${i}`, name: path, articles: got.articles, diagnostics: got.diagnostics, unsupported: got.unsupported };
    added.push(entry);
    if (got.articles > 0) packs.push(pack);
    articles += got.articles;
    const now = performance.now();
    if (now - last >= PROGRESS_MS || i + 1 === total) {
      last = now;
      const secs = Math.max((now - started) / 1000, 1e-3);
      post({ kind: 'progress', done: i + 1, total, articles, rate: articles / secs });
    }
  }
  let persisted = true;
  let error;
  try {
    const dir = await siteFolder(true);
    const list = await readList(dir);
    const withArticles = added.filter((e) => e.articles > 0);
    await writeStore(dir, withArticles.map((e, i) => ({ key: e.key, pack: packs[i] })), [...list, ...added]);
  } catch (e) {
    persisted = false;
    error = message(e);
  }
  post({ kind: 'done', added, packs, persisted, error }, packs.map((p) => p.buffer));
}

/** @param {RemoveRequest} req */
async function runRemove(req) {
  try {
    const dir = await siteFolder(true);
    const list = await readList(dir);
    const gone = req.keys ? new Set(req.keys) : null;
    await writeStore(dir, [], gone ? list.filter((e) => !gone.has(e.key)) : []);
    post({ kind: 'removed', persisted: true });
  } catch (e) {
    post({ kind: 'removed', persisted: false, error: message(e) });
  }
}

/**
 * Zip the site as a static site with the reader's files in it: the page's
 * files and the corpus's (the list is the core's, from the manifest that
 * `dateline build` wrote), the imported articles as one more pack, and the
 * manifest that lists it (written by the core). Only the site's own files
 * are requested, and only read (GET).
 * @param {SaveRequest} req
 */
async function runSave(req) {
  const core = await loadCore(req);
  // fflate (npm, pinned in tools/site; build.sh puts it in js/vendor/): only a save loads it.
  const { zipSync } = await import('./vendor/fflate.js');
  /** @param {string} path */
  const get = async (path) => {
    const res = await fetch(new URL(path, req.site));
    if (!res.ok) throw new Error(`${path} could not be fetched (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const saved = new core.SavedCorpus(JSON.parse(new TextDecoder().decode(await get('corpus/manifest.json'))));
  try {
    const dir = await siteFolder(true);
    for (const e of await readList(dir)) if (e.articles > 0) saved.add_pack(await readPack(dir, e.key), e.name);
    /** @type {Record<string, Uint8Array>} */
    const files = {};
    for (const path of saved.site_files()) files[path] = await get(path);
    const articles = saved.articles();
    if (articles > 0) files[saved.pack_path()] = saved.pack();
    files['corpus/manifest.json'] = new TextEncoder().encode(saved.manifest());
    const zip = /** @type {Uint8Array<ArrayBuffer>} */ (zipSync(files));
    post({ kind: 'saved', zip, files: Object.keys(files).length, articles }, [zip.buffer]);
  } finally {
    saved.free();
  }
}

self.onmessage = async (/** @type {MessageEvent<ImportRequest|RemoveRequest|SaveRequest>} */ ev) => {
  try {
    if (ev.data.kind === 'import') await runImport(ev.data);
    else if (ev.data.kind === 'save') await runSave(ev.data);
    else await runRemove(ev.data);
  } catch (e) {
    post({ kind: 'failed', error: message(e) });
  }
};
