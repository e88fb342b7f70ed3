// A Web Worker that finds people, organisations and places in the article
// packs while the page builds its search index on the main thread (see
// `EntityWorker` in engine.js). It runs the same wasm core (its `Recognition`
// handle) and hands back what it found; the page's engine merges and files
// it (`InPageIndex.add_recognized`). Nothing here touches the DOM.
//
// Two messages, because the page's main thread is busy (indexing) by the
// time the packs arrive, and a worker it has not started by then would not
// start until it is done: first `prepare` (as soon as the core is compiled:
// load the core, fetch the model), then `recognize` (the packs).

/**
 * @typedef {object} PrepareRequest
 * @property {'prepare'} kind
 * @property {string} glue            URL of the core's JS glue (pkg/dateline.js).
 * @property {WebAssembly.Module} module  The core, compiled once by the page.
 * @property {string} model           URL of the entity model (corpus/ner.bin).
 */

/**
 * @typedef {object} RecognizeRequest
 * @property {'recognize'} kind
 * @property {{bytes: ArrayBuffer, name: string}[]} packs  The article packs, in manifest order.
 */

/**
 * @typedef {object} RecognizeReply
 * @property {boolean} ok
 * @property {import('./types.js').RecognizedHead} [head]
 * @property {Uint32Array} [docEnds]
 * @property {Uint32Array} [mentions]
 * @property {Uint8Array} [kinds]
 * @property {string} [error]   What went wrong (ok false), e.g. a damaged model.
 */

/** The core's `Recognition`, once prepared. @type {Promise<import('./types.js').Recognition>|null} */
let prepared = null;

/**
 * @param {PrepareRequest} req
 */
async function prepare({ glue, module, model }) {
  const res = await fetch(model);
  if (!res.ok) throw new Error(`${new URL(model).pathname}: HTTP ${res.status} ${res.statusText}`.trim());
  const modelBytes = new Uint8Array(await res.arrayBuffer());
  const core = await import(glue);
  await core.default({ module_or_path: module });
  // Made now: a damaged model is found before any pack is read.
  return new core.Recognition(modelBytes);
}

/** @param {RecognizeReply} reply @param {Transferable[]} [move] */
const reply = (reply, move = []) => self.postMessage(reply, { transfer: move });

self.onmessage = async (/** @type {MessageEvent<PrepareRequest|RecognizeRequest>} */ ev) => {
  const req = ev.data;
  if (req.kind === 'prepare') {
    prepared = prepare(req);
    prepared.catch(() => {}); // reported when the packs come
    return;
  }
  try {
    if (!prepared) throw new Error('the entity worker got packs before being prepared');
    const r = await prepared;
    for (const p of req.packs) r.add_pack(new Uint8Array(p.bytes), p.name);
    const done = r.finish(); // consumes r
    const head = done.head();
    const docEnds = done.doc_ends();
    const mentions = done.mentions();
    const kinds = done.kinds();
    done.free();
    reply({ ok: true, head, docEnds, mentions, kinds }, [docEnds.buffer, mentions.buffer, kinds.buffer]);
  } catch (e) {
    reply({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};

// A module (engine.js imports its types).
export {};
