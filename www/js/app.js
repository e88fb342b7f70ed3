// Starting the page: load the engine and corpus, then hand over to the
// controller. Load failures end up in the page's error banner, not only the
// console. Two entry points call `start`: main.js (a site served as files,
// which passes the reader's own files along) and single-file.js (the bundle
// of a `dateline build --single-file` page, which passes the core's glue).

import { Store } from './store.js';
import { Corpus, LoadError, errorText } from './engine.js';
import { View } from './view/page.js';
import { Controller } from './controller.js';

/** Results per page; `?limit=N` in the page URL overrides it (1–100). */
function pageSize() {
  const n = Number(new URLSearchParams(window.location.search).get('limit'));
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 20;
}

/**
 * The prebuilt index's memory budget in bytes: `?memory=BYTES` in the page
 * URL (1 to 4 GiB − 1; e.g. to watch eviction at work), else null (the core's
 * default, 64 MiB). Only the number differs: the same eviction runs.
 * @returns {number|null}
 */
function memoryBudget() {
  const n = Number(new URLSearchParams(window.location.search).get('memory') ?? '');
  // The core counts in a wasm32 usize: at most 4 GiB − 1.
  return Number.isSafeInteger(n) && n >= 1 && n <= 0xffffffff ? n : null;
}

/**
 * How many of a query's top results the events, facets and entity views
 * read: `?top=N` in the page URL (1 to 1,000,000; e.g. to see the bounded
 * answer on a small collection), else null (the core's default: every
 * result in-page, the top 1,000 on a prebuilt site).
 * @returns {number|null}
 */
function topBound() {
  const n = Number(new URLSearchParams(window.location.search).get('top') ?? '');
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : null;
}

/**
 * The reader's own files, as the page's start needs them (import-controller.js
 * `ownFiles`): their stored packs, indexed with the site's, and the section
 * that adds and removes them, attached once the page runs.
 * @typedef {object} OwnFiles
 * @property {() => Promise<{bytes: Uint8Array, name: string}[]>} packs  Stored on an earlier visit (none where they cannot be).
 * @property {(corpus: Corpus, controller: Controller) => void} attach
 */

/**
 * Load and start the page.
 * @param {{glue?: import('./engine.js').Glue, own?: OwnFiles}} [options]  `glue`: the full core's glue, bundled with the page (see `Corpus.load`);
 *   `own`: the reader's own files (a served site).
 */
export async function start(options = {}) {
  const view = new View();
  let corpus;
  try {
    const extra = options.own ? await options.own.packs() : [];
    corpus = await Corpus.load((message) => view.showLoading(message), { memory: memoryBudget(), glue: options.glue, extra });
  } catch (e) {
    if (e instanceof LoadError) view.showError(e.message, e.detail);
    else view.showError('Dateline could not start.', errorText(e));
    return;
  }
  corpus.onMemory = (m) => view.showMemory(m);
  const memory = corpus.memory();
  if (memory) view.showMemory(memory);
  const controller = new Controller({ store: new Store(window), view, corpus, pageSize: pageSize(), top: topBound() });
  try {
    controller.start();
    options.own?.attach(corpus, controller);
  } catch (e) {
    view.showError('Dateline could not start.', errorText(e));
  }
}
