// A Web Worker that finds people, organisations and places in the article
// packs while the page builds its search index on the main thread (see
// `startRecognition` in engine.js). It runs the same wasm core (its
// `Recognition` handle) and hands back what it found; the page's engine
// merges and files it (`Engine.add_recognized`). Nothing here touches the DOM.

/**
 * @typedef {object} RecognizeRequest
 * @property {string} glue            URL of the core's JS glue (pkg/dateline.js).
 * @property {WebAssembly.Module} module  The core, compiled once by the page.
 * @property {{bytes: ArrayBuffer, name: string}[]} packs  The article packs, in manifest order.
 * @property {string} model           URL of the entity model (corpus/ner.bin).
 */

/**
 * @typedef {object} RecognizeReply
 * @property {boolean} ok
 * @property {{ids: string[], strings: string[], model: boolean}} [head]
 * @property {Uint32Array} [docEnds]
 * @property {Uint32Array} [mentions]
 * @property {Uint8Array} [kinds]
 * @property {string} [error]   What went wrong (ok false), e.g. a damaged model.
 */

self.onmessage = async (/** @type {MessageEvent<RecognizeRequest>} */ ev) => {
  const { glue, module, packs, model } = ev.data;
  /** @param {RecognizeReply} reply @param {Transferable[]} [move] */
  const reply = (reply, move = []) => self.postMessage(reply, { transfer: move });
  try {
    const res = await fetch(model);
    if (!res.ok) throw new Error(`${new URL(model).pathname}: HTTP ${res.status} ${res.statusText}`.trim());
    const modelBytes = new Uint8Array(await res.arrayBuffer());
    const core = await import(glue);
    await core.default({ module_or_path: module });
    const r = new core.Recognition(modelBytes);
    for (const p of packs) r.add_pack(new Uint8Array(p.bytes), p.name);
    const head = r.finish();
    const docEnds = r.doc_ends();
    const mentions = r.mentions();
    const kinds = r.kinds();
    r.free();
    reply({ ok: true, head, docEnds, mentions, kinds }, [docEnds.buffer, mentions.buffer, kinds.buffer]);
  } catch (e) {
    reply({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
