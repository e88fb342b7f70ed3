// The reader's own files, added to an in-page collection: read from OPFS at
// start-up (`readStored`), imported in the import worker (`runImport`),
// removed (`runRemove`). The worker (import-worker.js) does the reading,
// parsing (in the import core) and writing; this module starts it and
// relays its messages. The page re-indexes with the packs it returns
// (`Corpus.rebuild`).

import { hasStore, readList, readPack, siteFolder } from './import-store.js';

/** @typedef {import('./import-store.js').StoredEntry} StoredEntry */
/** @typedef {import('./import-worker.js').ImportReply} ImportReply */
/** @typedef {import('./import-worker.js').ImportProgress} ImportProgress */
/** @typedef {import('./import-worker.js').ImportDone} ImportDone */
/** @typedef {import('./import-worker.js').SaveDone} SaveDone */

const WORKER_URL = new URL('./import-worker.js', import.meta.url);
const IMPORT_GLUE_URL = new URL('../pkg/dateline_import.js', import.meta.url);
const IMPORT_WASM_URL = new URL('../pkg/dateline_import_bg.wasm', import.meta.url);

/**
 * An imported file with its pack (null when it gave no articles).
 * @typedef {{entry: StoredEntry, pack: Uint8Array|null}} Imported
 */

/**
 * `entry` with one more error, located at its file.
 * @param {StoredEntry} entry
 * @param {string} message
 * @returns {StoredEntry}
 */
export function withError(entry, message) {
  return { ...entry, articles: 0, diagnostics: [...entry.diagnostics, { file: entry.name, line: null, severity: 'error', message }] };
}

/**
 * The files imported on an earlier visit, with their packs, in import order
 * (none where the browser has no OPFS or nothing was imported). A pack that
 * cannot be read is left out and its entry says so (it can still be removed).
 * @returns {Promise<Imported[]>}
 */
export async function readStored() {
  if (!hasStore()) return [];
  /** @type {FileSystemDirectoryHandle} */
  let dir;
  /** @type {StoredEntry[]} */
  let list;
  try {
    dir = await siteFolder(false);
    list = await readList(dir);
  } catch {
    return []; // nothing imported yet, or a list this page cannot read (the next import writes a new one)
  }
  /** @type {Imported[]} */
  const out = [];
  for (const entry of list) {
    if (!(entry.articles > 0)) {
      out.push({ entry, pack: null });
      continue;
    }
    try {
      out.push({ entry, pack: await readPack(dir, entry.key) });
    } catch (e) {
      out.push({ entry: withError(entry, `its stored articles could not be read (${e instanceof Error ? e.message : String(e)}): add it again`), pack: null });
    }
  }
  return out;
}

/** Can this page import files (a worker, and an http(s) page to load it from)? */
export function canImport() {
  return typeof Worker === 'function' && /^https?:$/.test(location.protocol);
}

/**
 * A running import: `done` settles with what it read (null once cancelled).
 */
export class ImportRun {
  /**
   * @param {{file: File, path: string}[]} files
   * @param {(p: ImportProgress) => void} onProgress
   */
  constructor(files, onProgress) {
    this.worker = new Worker(WORKER_URL, { type: 'module' });
    /** @type {(v: ImportDone|null) => void} */
    let settle = () => {};
    /** @type {(e: Error) => void} */
    let fail = () => {};
    /** @type {Promise<ImportDone|null>} */
    this.done = new Promise((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    this.cancel = () => {
      this.worker.terminate();
      settle(null);
    };
    this.worker.onmessage = (/** @type {MessageEvent<ImportReply>} */ ev) => {
      const m = ev.data;
      if (m.kind === 'progress') onProgress(m);
      else if (m.kind === 'done') settle(m);
      else if (m.kind === 'failed') fail(new Error(m.error));
      if (m.kind !== 'progress') this.worker.terminate();
    };
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      this.worker.terminate();
      fail(new Error(ev.message || 'the import worker failed to start'));
    };
    this.worker.postMessage({ kind: 'import', glue: IMPORT_GLUE_URL.href, wasm: IMPORT_WASM_URL.href, files });
  }
}

/**
 * Remove imported files from OPFS (null: all). Resolves once done; rejects
 * with what went wrong.
 * @param {string[]|null} keys
 * @returns {Promise<void>}
 */
export function runRemove(keys) {
  const worker = new Worker(WORKER_URL, { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (/** @type {MessageEvent<ImportReply>} */ ev) => {
      worker.terminate();
      const m = ev.data;
      if (m.kind === 'removed' && m.persisted) resolve();
      else reject(new Error('error' in m && m.error ? m.error : 'the imported files could not be removed'));
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      worker.terminate();
      reject(new Error(ev.message || 'the import worker failed to start'));
    };
    worker.postMessage({ kind: 'remove', keys });
  });
}

/**
 * "Save as site": the site with the imported files, zipped in the import
 * worker. Resolves with the zip; rejects with what went wrong.
 * @returns {Promise<SaveDone>}
 */
export function runSave() {
  const worker = new Worker(WORKER_URL, { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (/** @type {MessageEvent<ImportReply>} */ ev) => {
      worker.terminate();
      const m = ev.data;
      if (m.kind === 'saved') resolve(m);
      else reject(new Error('error' in m && m.error ? m.error : 'the site could not be saved'));
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      worker.terminate();
      reject(new Error(ev.message || 'the import worker failed to start'));
    };
    const site = new URL('../', import.meta.url).href;
    worker.postMessage({ kind: 'save', glue: IMPORT_GLUE_URL.href, wasm: IMPORT_WASM_URL.href, site });
  });
}
