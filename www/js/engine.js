// Loads the WebAssembly core and the corpus, and wraps the Engine.
// Every URL is relative to this module, so the site works from any sub-path.
// The wasm is fetched as bytes (not streamed), so a server that sends `.wasm`
// with the wrong MIME type still works and the console stays clean.
//
// The manifest is checked by the core (`parse_manifest`), and what it
// returns is what is used. Two kinds of corpus (see `manifest.index`):
// - in-page: every article pack is fetched at start-up and indexed here
//   (`InPageEngine`: `add_pack`… `finish` gives an `InPageIndex`); searches
//   and articles are then answered at once;
// - prebuilt: start-up fetches only the index's small meta file
//   (`PrebuiltReader.open`); each search or article first asks the core which
//   index files it still needs (`needs_search`, `needs_article`), fetches them
//   (in parallel, each file once) and hands them over (`add_index_file`).
//   Memory is bounded: whenever no request is in progress after an answer,
//   the core drops the least recently read files down to its budget
//   (`PrebuiltReader.evict`, 64 MiB unless `?memory=BYTES` in the page URL
//   sets another); a later request that needs one fetches it again.
// A manifest of format 2 or later lists every pack's checksum: each fetched
// pack is compared with it first (the core decides: `check_pack_file`), and
// a pack of another build (the site was rebuilt while this page was open)
// stops with a banner naming it, never a silently mixed collection. A
// prebuilt index (format 3) is in a folder named by its build
// (`corpus/index-…/`, the core names every path): after a rebuild the old
// folder is gone, and a file asked for is missing, never of the new build.
//
// Where a file's bytes come from is decided in one place, `siteFile`: a
// site's files are fetched relative to the page; a single-file page
// (`dateline build --single-file`, opened from file:// where nothing can be
// fetched) carries them as base64 data blocks (`<script
// type="application/octet-stream" data-file="corpus/manifest.json">`), and
// its bundle hands over the core's glue (`Corpus.load`'s `glue` option)
// instead of importing it. Everything after that is the same code.

/** @typedef {import('./types.js').InPageIndex} InPageIndex */
/** @typedef {import('./types.js').PrebuiltReader} PrebuiltReader */
/** @typedef {import('./types.js').Manifest} Manifest */
/** @typedef {import('./types.js').ManifestIndex} ManifestIndex */
/** @typedef {import('./types.js').Stats} Stats */
/** @typedef {import('./types.js').SearchRequest} SearchRequest */
/** @typedef {import('./types.js').Hit} Hit */
/** @typedef {import('./types.js').SearchResponse} SearchResponse */
/** @typedef {import('./types.js').ArticleView} ArticleView */
/** @typedef {import('./types.js').EventsRequest} EventsRequest */
/** @typedef {import('./types.js').EventsResponse} EventsResponse */
/** @typedef {import('./types.js').EntityView} EntityView */
/** @typedef {import('./types.js').Features} Features */
/** @typedef {import('./types.js').MemoryStats} MemoryStats */
/** @typedef {import('./entity-worker.js').RecognizeReply} RecognizeReply */

// The site's files, by their path in the site (see `siteFile`).
const GLUE = 'pkg/dateline.js';
const WASM = 'pkg/dateline_bg.wasm';
// A prebuilt site (its manifest has an `index` entry) loads the reader core
// instead: it reads prebuilt indexes only, and is a fraction of the size.
const READER_GLUE = 'pkg/dateline_reader.js';
const READER_WASM = 'pkg/dateline_reader_bg.wasm';
const MANIFEST = 'corpus/manifest.json';
const ENTITY_WORKER_URL = new URL('./entity-worker.js', import.meta.url);
/** Longest stretch (ms) entity recognition may hold the main thread at once. */
const SLICE_MS = 25;
/**
 * Most rounds of "what is still needed? fetch it" per search or article. The
 * core asks in at most about 4 (dictionary shards, then postings and
 * positions, then document chunks); more means it keeps asking for files it
 * was given.
 */
const MAX_ROUNDS = 6;

/**
 * Entity recognition stopped because the collection was indexed anew
 * (`Corpus.rebuild`) meanwhile: the new index's recognition takes over.
 */
export class Superseded extends Error {}

/** A load failure with a message meant for the reader and a technical detail. */
export class LoadError extends Error {
  /**
   * @param {string} message  What went wrong, in plain words.
   * @param {string} [detail] The underlying error.
   * @param {string|null} [file]  The corpus file at fault ('corpus/index-…/post-0012.bin'), if one is.
   */
  constructor(message, detail = '', file = null) {
    super(message);
    this.name = 'LoadError';
    this.detail = detail;
    this.file = file;
  }
}

/** @param {unknown} e */
export function errorText(e) {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/**
 * The URL of a site file (`corpus/manifest.json`): this module is `js/engine.js`.
 * @param {string} path  Relative to the site.
 */
function siteUrl(path) {
  return new URL(`../${path}`, import.meta.url);
}

/**
 * A single-file page's data block holding the site file `path`, or null
 * (a site served as files has none).
 * @param {string} path  Relative to the site.
 * @returns {HTMLScriptElement|null}
 */
function inlineBlock(path) {
  if (typeof document === 'undefined') return null;
  return document.querySelector(`script[type="application/octet-stream"][data-file="${CSS.escape(path)}"]`);
}

/** Whether this page carries its files (`dateline build --single-file`). */
function isSingleFile() {
  return inlineBlock(MANIFEST) !== null;
}

/**
 * Base64 (as the CLI writes it; white space is ignored) to bytes.
 * @param {string} text
 */
function decodeBase64(text) {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A site file, as a Response: the one place that decides where bytes come
 * from. From the page's data block when it has one (a single-file page),
 * else fetched. Throws a LoadError saying what could not be had.
 * @param {string} path  Relative to the site (`corpus/articles-000.pack`).
 * @param {string} what  For the error message.
 * @param {RequestPriority} [priority]  The fetch's priority, if fetched.
 * @returns {Promise<Response>}
 */
async function siteFile(path, what, priority) {
  const block = inlineBlock(path);
  if (block) {
    try {
      return new Response(decodeBase64(block.textContent ?? ''));
    } catch (e) {
      throw new LoadError(`Couldn’t load ${what}.`, `${path} (in this page): ${errorText(e)}`);
    }
  }
  if (isSingleFile()) {
    // Nothing is fetched from beside a single file: it was not written.
    throw new LoadError(`Couldn’t load ${what}.`, `${path}: not in this page`);
  }
  return fetchOk(siteUrl(path), what, priority);
}

/**
 * @param {URL} url
 * @param {string} what  For the error message.
 * @param {RequestPriority} [priority]  The fetch's priority (see `Corpus.ensure`); the browser's default when absent.
 * @returns {Promise<Response>}
 */
async function fetchOk(url, what, priority) {
  let res;
  try {
    res = await fetch(url, priority ? { priority } : undefined);
  } catch (e) {
    throw new LoadError(`Couldn’t load ${what}.`, `${url.pathname}: ${errorText(e)}`);
  }
  if (!res.ok) {
    throw new LoadError(`Couldn’t load ${what}.`, `${url.pathname}: HTTP ${res.status} ${res.statusText}`.trim());
  }
  return res;
}

/**
 * The manifest, fetched once more after a 404: `dateline build` and `pack`
 * swap a new collection in with two renames, and a page that asks in the
 * instant between them finds no manifest.
 * @returns {Promise<Response>}
 */
async function fetchManifest() {
  const what = 'the article collection (corpus/manifest.json)';
  try {
    return await siteFile(MANIFEST, what);
  } catch (e) {
    if (!(e instanceof LoadError) || !/HTTP 404/.test(e.detail)) throw e;
    await new Promise((resolve) => setTimeout(resolve, 250));
    return siteFile(MANIFEST, what);
  }
}

/**
 * A file that the core found is not the one the manifest lists.
 * @param {unknown} e  The core's error: "corpus/… is from another build (…)".
 * @param {string} name  The file ('corpus/articles-003.pack').
 */
function otherBuild(e, name) {
  return new LoadError(
    errorText(e),
    'The manifest (corpus/manifest.json) and this file were written by different builds: the site was rebuilt while this page was open, or was copied in part.',
    name,
  );
}

/**
 * A prebuilt index file that is not served (HTTP 404): the site was rebuilt
 * since the page loaded its manifest (the old index folder is gone) or was
 * copied in part.
 * @param {LoadError} e  The fetch's error.
 * @param {string} name  The file, as the page names it (`corpus/index-…/post-0003.bin`).
 */
function indexFileGone(e, name) {
  return new LoadError(
    `${name} is missing: the site was rebuilt since this page was opened, or was copied in part. Reload the page.`,
    e.detail,
    name,
  );
}

/**
 * The index's file names are the core's (`needs_search`): only plain relative
 * paths under the corpus folder are fetched.
 * @param {unknown} p
 * @returns {p is string}
 */
function isIndexPath(p) {
  return typeof p === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(p) && !p.includes('..');
}

/**
 * A notes chunk of a prebuilt index (`index-…/notes-0003.bin`: a document
 * chunk's time and entity mentions and boilerplate flags): the events view
 * and the reader's marks read it, facets do not (format 4: `dents-*`).
 * @param {string} p  Relative to corpus/.
 */
function isNotesPath(p) {
  return /^index[^/]*\/notes-\d+\.bin$/.test(p);
}

/**
 * An event-and-entity file of a prebuilt index (`index-…/notes-0003.bin`,
 * the entity list's `enames-0000.bin`, `ents-0000.bin`, `ekeys-0000.bin`,
 * `ekinds-0000.bin`, `dents-0000.bin`, the events' `dtimes-0000.bin`, in
 * the same folder):
 * a search reads them only for the boilerplate
 * flags of its snippets, the reader's marks and its facets, so one that
 * cannot be had costs those, not the search; the events view, facets and
 * entity views need those they read. A card chunk (`cards-0003.bin`) is optional too:
 * one that cannot be had is forgone (`forgo_index_file`), and the rows it
 * would have made are made from the document chunks.
 * @param {string} p  Relative to corpus/.
 */
export function isAnnotationPath(p) {
  return /^index[^/]*\/(notes|enames|ents|ekeys|ekinds|dents|dtimes|gfacets|cards)-\d+\.bin$/.test(p);
}

/**
 * An index file's bytes as the core reads them: `dateline build` writes most
 * files gzipped whole (RFC 1952: they start 1f 8b, a plain file "DLNIDX"),
 * inflated here by the browser's own DecompressionStream. Rejects when the
 * gzip stream is damaged.
 * @param {Uint8Array} bytes
 * @returns {Promise<Uint8Array>}
 */
export async function unpacked(bytes) {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  // A stream over the bytes in this thread, not a Blob's: each Blob is
  // registered with the browser process, and an events view that reads a
  // thousand small files spent 0.7 s in `Blob` alone (Chromium profile).
  const source = new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Uint8Array(await new Response(source.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

/**
 * Finding people, organisations and places in a Web Worker, beside the
 * index build (see entity-worker.js). Made as soon as loading starts: a
 * worker started while the main thread is busy indexing would not start
 * until it is done.
 */
class EntityWorker {
  /**
   * A worker, or null where there is none to use: a single-file page (from
   * file://, a worker's script can't be loaded) recognizes in the page.
   */
  static spawn() {
    if (typeof Worker !== 'function' || isSingleFile()) return null;
    try {
      return new EntityWorker(new Worker(ENTITY_WORKER_URL, { type: 'module' }));
    } catch {
      return null;
    }
  }

  /** @param {Worker} worker */
  constructor(worker) {
    this.worker = worker;
    /** @type {Promise<RecognizeReply>} */
    this.reply = new Promise((resolve, reject) => {
      worker.onmessage = (/** @type {MessageEvent<RecognizeReply>} */ ev) => resolve(ev.data);
      worker.onerror = (ev) => {
        ev.preventDefault();
        reject(new Error(ev.message || 'the entity worker failed to start'));
      };
      worker.onmessageerror = () => reject(new Error('the entity worker’s reply could not be read'));
    }).finally(() => this.stop());
    this.reply.catch(() => {});
  }

  /**
   * Load the core and fetch the model (while the packs still download).
   * @param {WebAssembly.Module} module
   * @param {string} modelUrl
   */
  prepare(module, modelUrl) {
    this.worker.postMessage({ kind: 'prepare', glue: siteUrl(GLUE).href, module, model: modelUrl });
  }

  /**
   * Recognize over the packs, moved to the worker (the engine has copied
   * them). Resolves to the worker's reply; rejects when it can't run.
   * @param {{bytes: ArrayBuffer, name: string}[]} packs
   * @returns {Promise<RecognizeReply>}
   */
  recognize(packs) {
    this.worker.postMessage({ kind: 'recognize', packs }, packs.map((p) => p.bytes));
    return this.reply;
  }

  stop() {
    this.worker.terminate();
  }
}

/** An article pack and the name its errors give it. @typedef {{bytes: Uint8Array, name: string}} Pack */

/**
 * Add the reader's own packs after the site's: each pack's renamed ids
 * (an id already taken keeps its article, the newcomer is `id~2`…), or
 * null for one that cannot be read, which is left out so that the page
 * still loads and the file can be removed.
 * @param {import('./types.js').InPageEngine} engine
 * @param {Pack[]} extra
 * @returns {(import('./types.js').Diagnostic[]|null)[]}
 */
function addExtra(engine, extra) {
  return extra.map((x) => {
    try {
      return engine.add_pack(x.bytes, x.name).renamed;
    } catch {
      return null;
    }
  });
}

/** What an in-page build can do (a core without `features` in its stats). */
const ALL_FEATURES = Object.freeze({ prebuilt: false, events: true, entities: true });

/**
 * @param {Stats} stats
 * @returns {Features}
 */
function featuresOf(stats) {
  const f = stats && typeof stats === 'object' ? stats.features : undefined;
  if (!f || typeof f !== 'object') return ALL_FEATURES;
  return { events: f.events !== false, entities: f.entities !== false, prebuilt: f.prebuilt === true };
}

/**
 * @callback Progress
 * @param {string} message
 */

/**
 * A core's JS glue (pkg/dateline.js or pkg/dateline_reader.js), as imported.
 * @typedef {object} Glue
 * @property {(init: {module_or_path: WebAssembly.Module}) => Promise<unknown>} default
 * @property {(value: unknown) => Manifest} parse_manifest
 * @property {(bytes: Uint8Array, name: string, len: number, crc32: number) => void} check_pack_file  Throws for a pack of another build.
 * @property {typeof import('../pkg/dateline.js').InPageEngine} [InPageEngine]  The full core only.
 * @property {typeof import('../pkg/dateline.js').Recognition} [Recognition]  The full core only.
 * @property {typeof import('../pkg/dateline_reader.js').PrebuiltReader} [PrebuiltReader]
 */

/**
 * The manifest as the core checked and typed it. Throws a LoadError naming
 * the field that is wrong.
 * @param {Glue} glue
 * @param {unknown} raw  What `JSON.parse` gave.
 * @returns {Manifest}
 */
function checkManifest(glue, raw) {
  try {
    return glue.parse_manifest(raw);
  } catch (e) {
    const detail = errorText(e);
    // The core's message starts with the field's path: `format: format 4; this page reads formats 1 to 3`.
    const format = /^format: (format \d+; this page reads formats? [\d a-z]+)$/.exec(detail);
    if (format) throw new LoadError(`The article collection has ${format[1]}.`);
    throw new LoadError('The article collection’s manifest (corpus/manifest.json) is not in the expected format.', detail);
  }
}

/** The loaded engine with its corpus. */
export class Corpus {
  /**
   * @param {{inpage: InPageIndex}|{reader: PrebuiltReader}} engine  The index built here, or the prebuilt one.
   * @param {Stats} stats
   * @param {Manifest} manifest  As the core returned it (`parse_manifest`).
   * @param {Promise<RecognizeReply>|null} [recognition]  Entities being found in a worker (see `EntityWorker`).
   */
  constructor(engine, stats, manifest, recognition = null) {
    /** The index built in the page (null with a prebuilt index). @type {InPageIndex|null} */
    this.inpage = 'inpage' in engine ? engine.inpage : null;
    /** The prebuilt index (null in-page). @type {PrebuiltReader|null} */
    this.reader = 'reader' in engine ? engine.reader : null;
    this.recognition = recognition;
    /** Where the entities were found: 'worker' (beside indexing), 'page' (after it, in slices) or 'prebuilt' (when the index was built). @type {'worker'|'page'|'prebuilt'|''} */
    this.entitySource = '';
    this.stats = stats;
    this.manifest = manifest;
    /** Prebuilt index: files are fetched per search (see `ensure`). */
    this.prebuilt = this.reader !== null;
    /** What this corpus offers (a prebuilt index from before events and entities: neither). */
    this.features = featuresOf(stats);
    /** Index files being fetched, by path (relative to corpus/): shared by concurrent searches. @type {Map<string, Promise<void>>} */
    this.inflight = new Map();
    /** Prebuilt requests between their first `needs_…` and their answer: eviction waits for none. */
    this.active = 0;
    /** Called with what the prebuilt index holds after each eviction (the page shows it as data attributes). @type {(m: MemoryStats) => void} */
    this.onMemory = () => {};
    /**
     * Event-and-entity files (`isAnnotationPath`) that could not be fetched
     * or read, by path, with the error naming each: searches and the reader
     * go on without them (the banner keeps naming the first); the events,
     * facets and entity views fetch them again, and one read whole leaves.
     * @type {Map<string, LoadError>}
     */
    this.unreadable = new Map();
    /** In-page: the site's packs, as loaded (see `rebuild`). @type {Pack[]} */
    this.sitePacks = [];
    /**
     * What became of each extra pack (the reader's own files') in the index,
     * in their order: its articles renamed because their id was taken
     * (`LoadReport.renamed`), or null when the pack could not be read (left out).
     * @type {(import('./types.js').Diagnostic[]|null)[]}
     */
    this.extraReports = [];
    /** In-page: the core's glue (see `rebuild`). @type {Glue|null} */
    this.glue = null;
  }

  /**
   * Index the site's packs and `extra` (the reader's own files' packs) anew,
   * and answer from the new index from now on: everything (search,
   * timelines, events) is computed over all articles, as at start-up;
   * entities are found again by `loadEntities` (in the page). What became
   * of each extra pack is `extraReports` (see `addExtra`). Throws a
   * LoadError when the site's own packs cannot be indexed, and then changes
   * nothing.
   * @param {Pack[]} extra
   */
  rebuild(extra) {
    const glue = this.glue;
    if (!this.inpage || !glue || typeof glue.InPageEngine !== 'function') {
      throw new LoadError('This collection has a prebuilt index: files can’t be added to it in the page.');
    }
    const engine = new glue.InPageEngine();
    for (const p of this.sitePacks) {
      try {
        engine.add_pack(p.bytes, p.name);
      } catch (e) {
        engine.free();
        throw new LoadError(`${p.name} could not be read.`, errorText(e));
      }
    }
    const reports = addExtra(engine, extra);
    let index, stats;
    try {
      index = engine.finish();
      stats = index.stats();
    } catch (e) {
      throw new LoadError('The articles could not be indexed.', errorText(e));
    }
    this.inpage.free();
    this.inpage = index;
    this.stats = stats;
    this.extraReports = reports;
    this.recognition = null;
    this.entitySource = '';
  }

  /**
   * What the prebuilt index holds in memory against its budget (null in-page).
   * @returns {MemoryStats|null}
   */
  memory() {
    return this.reader ? this.reader.memory() : null;
  }

  /**
   * A prebuilt request: fetch what `needs` names (see `ensure`), then
   * `answer`. Once no request is in progress any more, evict the least
   * recently read index files down to the budget: never between a
   * request's `needs_…` and its answer (its files would be fetched again
   * and again), nor while another request is between them.
   * @template T
   * @param {PrebuiltReader} reader
   * @param {() => ArrayLike<string>|null|undefined} needs
   * @param {() => T} answer
   * @param {{optional?: boolean, lacking?: string[], priority?: RequestPriority}} [options]
   *   `optional`: passed to `ensure` (event and entity files it cannot read are left out);
   *   `lacking`: with `optional`, the files left out are added here;
   *   `priority`: of the fetches this request starts (`ensure`)
   * @returns {Promise<T>}
   */
  async answered(reader, needs, answer, { optional = false, lacking = [], priority } = {}) {
    this.active++;
    try {
      lacking.push(...(await this.ensure(needs, optional, priority)));
      return answer();
    } finally {
      this.active--;
      if (this.active === 0) {
        reader.evict();
        this.onMemory(reader.memory());
      }
    }
  }

  /**
   * Load the wasm core, then every pack listed in the manifest.
   * Throws a LoadError describing the first problem.
   * @param {Progress} [progress]
   * @param {{memory?: number|null, glue?: Glue, extra?: Pack[]}} [options]  `memory`: the prebuilt index's budget in bytes (default: the core's, 64 MiB);
   *   `glue`: the full core's glue, bundled with the page (a single-file page), instead of importing it;
   *   `extra`: packs of the reader's own files, indexed after the site's (in-page only).
   * @returns {Promise<Corpus>}
   */
  static async load(progress = () => {}, options = {}) {
    progress('Loading the search engine…');
    /** The entity worker, once made (stopped should loading fail). @type {EntityWorker|null} */
    let worker = null;
    try {
      // Start the corpus manifest while the engine loads.
      const manifestP = fetchManifest().then(async (res) => {
        try {
          return await res.json();
        } catch (e) {
          throw new LoadError('The article collection’s manifest is not valid JSON.', errorText(e));
        }
      });
      manifestP.catch(() => {}); // reported below, in order

      // Which core to load depends on the manifest (a failed manifest is reported below).
      const prebuilt = await manifestP.then(
        (m) => Boolean(m && typeof m === 'object' && /** @type {{index?: unknown}} */ (m).index),
        () => false,
      );
      // An in-page corpus with an entity model: the worker starts now, while
      // this thread waits on the network (see EntityWorker).
      const hasModel = await manifestP.then(
        (m) => typeof m?.models?.ner === 'string' && m.models.ner !== '',
        () => false,
      );
      if (!prebuilt && hasModel) worker = EntityWorker.spawn();
      const [glueName, wasmName] = prebuilt ? [READER_GLUE, READER_WASM] : [GLUE, WASM];
      let glue;
      try {
        glue = !prebuilt && options.glue ? options.glue : await import(siteUrl(glueName).href);
      } catch (e) {
        throw new LoadError(`Couldn’t load the search engine (${glueName}).`, errorText(e));
      }
      const wasmBytes = await (await siteFile(wasmName, `the search engine (${wasmName})`)).arrayBuffer();
      /** @type {WebAssembly.Module} */
      let module;
      try {
        // Compiled once: the entity worker gets the same module.
        module = await WebAssembly.compile(wasmBytes);
        await glue.default({ module_or_path: module });
      } catch (e) {
        throw new LoadError(`The search engine (${wasmName}) could not be started.`, errorText(e));
      }

      const manifest = checkManifest(glue, await manifestP);
      const ner = manifest.models?.ner;
      const entityWorker = !manifest.index && ner && typeof glue.Recognition === 'function' ? worker : null;
      if (entityWorker && ner) entityWorker.prepare(module, siteUrl(`corpus/${ner}`).href);
      else worker?.stop();
      if (manifest.index) return Corpus.openPrebuilt(glue, manifest.index, manifest, progress, options.memory ?? null);
      if (typeof glue.InPageEngine !== 'function') {
        throw new LoadError('This collection is made of article packs, which this build of the search engine can’t index.');
      }
      /** @type {import('./types.js').InPageEngine} */
      const engine = new glue.InPageEngine();
      const packs = manifest.packs;
      // Fetch all packs at once; add them in manifest order.
      const bytesP = packs.map((p) =>
        siteFile(`corpus/${p.file}`, `the article pack corpus/${p.file}`).then((r) => r.arrayBuffer()),
      );
      bytesP.forEach((b) => b.catch(() => {}));
      /** @type {{bytes: ArrayBuffer, name: string}[]} */
      const added = [];
      for (let i = 0; i < packs.length; i++) {
        progress(`Loading articles (${i + 1} of ${packs.length})…`);
        const buffer = await bytesP[i];
        const name = `corpus/${packs[i].file}`;
        const crc32 = packs[i].crc32;
        if (crc32 != null) {
          try {
            glue.check_pack_file(new Uint8Array(buffer), name, packs[i].bytes, crc32);
          } catch (e) {
            throw otherBuild(e, name);
          }
        }
        try {
          engine.add_pack(new Uint8Array(buffer), name);
        } catch (e) {
          throw new LoadError(`The article pack corpus/${packs[i].file} is damaged and could not be read.`, errorText(e));
        }
        added.push({ bytes: buffer, name });
      }
      // Kept for `rebuild` (the buffers above move to the entity worker).
      const sitePacks = added.map((p) => ({ bytes: new Uint8Array(p.bytes.slice(0)), name: p.name }));
      // The reader's own files (imported on an earlier visit) join the site's.
      const extra = options.extra ?? [];
      const extraReports = addExtra(engine, extra);
      extra.forEach((x, i) => {
        if (extraReports[i]) added.push({ bytes: x.bytes.slice().buffer, name: x.name });
      });
      // People and places are found on another core while this one indexes.
      const recognition = entityWorker ? entityWorker.recognize(added) : null;
      progress('Indexing…');
      let index, stats;
      try {
        index = engine.finish();
        stats = index.stats();
      } catch (e) {
        throw new LoadError('The article collection could not be indexed.', errorText(e));
      }
      const corpus = new Corpus({ inpage: index }, stats, manifest, recognition);
      corpus.sitePacks = sitePacks;
      corpus.extraReports = extraReports;
      corpus.glue = glue;
      return corpus;
    } catch (e) {
      worker?.stop();
      throw e;
    }
  }

  /**
   * A prebuilt index: fetch and open its meta file, nothing else.
   * @param {Glue} glue
   * @param {ManifestIndex} index  The manifest's `index` (its `meta` checked by the core).
   * @param {Manifest} manifest
   * @param {Progress} progress
   * @param {number|null} memory  The budget of decoded index data kept between requests, in bytes (null: the core's default).
   * @returns {Promise<Corpus>}
   */
  static async openPrebuilt(glue, index, manifest, progress, memory) {
    const meta = index.meta;
    if (typeof glue.PrebuiltReader !== 'function') {
      throw new LoadError('This collection comes with a prebuilt index, which this build of the search engine can’t read.');
    }
    progress('Loading the index…');
    const name = `corpus/${meta}`;
    const res = await siteFile(name, `the search index ${name}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let reader, stats;
    try {
      reader = glue.PrebuiltReader.open(bytes, meta);
      if (memory !== null) reader.set_budget(memory);
      stats = reader.stats();
    } catch (e) {
      throw new LoadError(`The search index ${name} is damaged and could not be read.`, errorText(e), name);
    }
    return new Corpus({ reader }, stats, manifest);
  }

  /**
   * Fetch and hand to the core the index files it still needs for one
   * search or article (`needs` asks it), round after round until it needs
   * nothing. Nothing to do for an in-page corpus. Each file is fetched once,
   * however many searches wait for it. Throws a LoadError naming the file
   * that could not be fetched or read; the next search asks for it again.
   * With `optional` (a search, an article), an event-and-entity file that
   * fails (or failed before: `unreadable`) is left out instead, and the
   * answer comes without what it holds.
   * Resolves to the event-and-entity files left out (the answer lacks what they hold).
   * A file already in flight is shared, at the priority it was asked at:
   * `priority` (`'low'`: facets asked beside their list, whose files must
   * not wait behind them) applies to the fetches this call starts.
   * @param {() => ArrayLike<string>|null|undefined} needs
   * @param {boolean} [optional]
   * @param {RequestPriority} [priority]
   * @returns {Promise<string[]>}
   */
  async ensure(needs, optional = false, priority) {
    if (!this.reader) return [];
    /** @type {Set<string>} */
    const asked = new Set();
    for (let round = 0; ; round++) {
      const all = Array.from(needs() ?? []);
      const want = all.filter((p) => !(optional && this.unreadable.has(p)));
      if (!want.length) return all;
      const again = want.filter((p) => asked.has(p) && !this.inflight.has(p));
      if (round >= MAX_ROUNDS || again.length) {
        const still = again.length ? again : want;
        throw new LoadError(
          'The search index is incomplete: a search needs files it was already given.',
          `after ${round} rounds, still needed: ${still.map((p) => `corpus/${p}`).join(', ')}`,
          `corpus/${still[0]}`,
        );
      }
      for (const p of want) asked.add(p);
      await Promise.all(
        want.map((p) => {
          const got = this.fetchIndexFile(p, priority);
          // Recorded in `unreadable` by fetchIndexFile; left out from now on.
          return optional && isAnnotationPath(p) ? got.catch(() => {}) : got;
        }),
      );
    }
  }

  /**
   * One index file, fetched and added once (concurrent callers share the fetch).
   * Rejects with a LoadError naming the file.
   * @param {string} path  Relative to corpus/.
   * @param {RequestPriority} [priority]  The fetch's (a file already in flight keeps its own).
   * @returns {Promise<void>}
   */
  fetchIndexFile(path, priority) {
    const running = this.inflight.get(path);
    if (running) return running;
    const name = `corpus/${path}`;
    const p = (async () => {
      if (!isIndexPath(path)) {
        throw new LoadError('The search engine asked for a file outside the index.', JSON.stringify(path), name);
      }
      let bytes;
      try {
        const res = await siteFile(name, `the search index file ${name}`, priority);
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        if (e instanceof LoadError) {
          // The index's folder is named by its build: a file missing from it
          // is one this page's build had, not yet or no longer served.
          if (/HTTP 404/.test(e.detail)) throw indexFileGone(e, name);
          e.file = name;
          throw e;
        }
        throw new LoadError(`Couldn’t load the search index file ${name}.`, `${name}: ${errorText(e)}`, name);
      }
      const reader = /** @type {PrebuiltReader} */ (this.reader);
      try {
        bytes = await unpacked(bytes);
      } catch (e) {
        throw new LoadError(`The search index file ${name} is damaged and could not be read.`, errorText(e), name);
      }
      try {
        reader.add_index_file(path, bytes);
      } catch (e) {
        throw new LoadError(`The search index file ${name} is damaged and could not be read.`, errorText(e), name);
      }
    })();
    this.inflight.set(path, p);
    // Settled either way, it is no longer in flight: the core is the record
    // of what it has, and a file that failed is fetched again by the next
    // search that needs it (an event-and-entity file: by the next view that
    // needs it; searches go on without it).
    const settled = () => {
      if (this.inflight.get(path) === p) this.inflight.delete(path);
    };
    p.then(
      () => {
        settled();
        this.unreadable.delete(path);
      },
      (e) => {
        settled();
        if (isAnnotationPath(path) && e instanceof LoadError) {
          this.unreadable.set(path, e);
          // A card chunk's rows are made from the documents instead; a
          // notes chunk's documents' entities are read from `dents-*`.
          this.reader?.forgo_index_file(path);
        }
      },
    );
    return p;
  }

  /**
   * The index built in the page; throws for a prebuilt one (its `features`
   * say it has no events or entities, so the page does not ask).
   * @returns {InPageIndex}
   */
  index() {
    if (!this.inpage) throw new LoadError('This prebuilt index has no event timeline or entities.');
    return this.inpage;
  }

  /**
   * Run a search and time it (fetching the index files it needs first: the
   * time includes them).
   * @param {SearchRequest} req
   * `lacking`: an event-and-entity file that could not be read, which the
   * facets need (a prebuilt index: the entities of a top result, `dents-*`,
   * the entity types or the names shown; not a notes chunk: the rows go
   * without its boilerplate flags, and the facets read its documents'
   * entities from `dents-*` instead), or null; the results are whole, the
   * facets not.
   * @param {RequestPriority} [priority]  Of the index files it fetches (a prebuilt index).
   * @returns {Promise<{response: SearchResponse, ms: number, lacking: LoadError|null}>}
   */
  async search(req, priority) {
    const t0 = performance.now();
    const reader = this.reader;
    let response;
    /** @type {string[]} */
    const left = [];
    if (reader) {
      const options = { optional: true, lacking: left, priority };
      response = await this.answered(reader, () => reader.needs_search(req), () => reader.search(req), options);
    } else {
      response = this.index().search(req);
    }
    const ms = performance.now() - t0;
    const lacking = left.filter((p) => !isNotesPath(p)).map((p) => this.unreadable.get(p)).find((e) => e !== undefined) ?? null;
    return { response, ms, lacking };
  }

  /**
   * The results of a request from its first one on, page after page (the
   * core gives at most 1000 per call), until all are had or `cap` are
   * (an export): the hits in the list's order, how many articles match and
   * how many rows they make (`listed`: a reprinted story is one).
   * @param {SearchRequest} req
   * @param {number} cap
   * @returns {Promise<{hits: Hit[], total: number, listed: number}>}
   */
  async allResults(req, cap) {
    const PAGE = 1000;
    /** @type {Hit[]} */
    const hits = [];
    let total = 0;
    let listed = 0; // rows: a reprinted story is one
    do {
      const { response } = await this.search({ ...req, offset: hits.length, limit: Math.min(PAGE, cap - hits.length) });
      total = response.total;
      listed = response.listed;
      if (!response.hits.length) break;
      hits.push(...response.hits);
    } while (hits.length < Math.min(listed, cap));
    return { hits, total, listed };
  }

  /**
   * @param {string} id
   * @param {string} q  The current query, for highlighting.
   * @param {number|null} [focus]  An event row's `event`: flag that sentence.
   * @returns {Promise<ArticleView|undefined>}
   */
  async article(id, q, focus = null) {
    const reader = this.reader;
    if (reader) {
      const at = focus ?? undefined;
      const view = await this.answered(reader, () => reader.needs_article(id, q, at), () => reader.article(id, q, at), {
        optional: true,
      });
      return view ?? undefined;
    }
    if (focus === null || focus === undefined) return this.index().article(id, q) ?? undefined;
    return this.index().article(id, q, focus) ?? undefined;
  }

  /**
   * Events (dates the articles mention), and the events lane; timed.
   * @param {EventsRequest} req
   * @returns {Promise<{response: EventsResponse, ms: number}>}
   */
  async events(req) {
    const t0 = performance.now();
    const reader = this.reader;
    let response;
    if (reader) {
      response = await this.answered(reader, () => reader.needs_events(req), () => reader.events(req));
    } else {
      response = this.index().events(req);
    }
    return { response, ms: performance.now() - t0 };
  }

  /**
   * Every event for a request, for export: pages through all dates (the
   * core gives at most 1000 dates per call and 1000 rows per date).
   * @param {EventsRequest} req
   * @returns {Promise<EventsResponse>}
   */
  async allEvents(req) {
    const PAGE = 1000;
    const { response: first } = await this.events({ ...req, offset: 0, limit: PAGE, per_date: PAGE });
    const dates = [...first.dates];
    while (dates.length < first.total_dates) {
      const { response: next } = await this.events({ ...req, offset: dates.length, limit: PAGE, per_date: PAGE });
      if (!next.dates.length) break;
      dates.push(...next.dates);
    }
    return { ...first, offset: 0, limit: dates.length, dates };
  }

  /** Does the core know about people, organisations and places (and does this corpus offer them)? */
  hasEntities() {
    return this.features.entities;
  }

  /**
   * Recognise people, organisations and places over the collection, with the
   * model named in the manifest (`models.ner`) or the built-in rules.
   * Resolves to the counts; throws a LoadError when the model can't be read.
   * @returns {Promise<{entities: number, mentions: number}>}
   */
  async loadEntities() {
    const reader = this.reader;
    if (reader) {
      // Recognized when the index was built: fetch what facets, filters
      // and entity views read.
      this.entitySource = 'prebuilt';
      return this.answered(reader, () => reader.needs_entities(), () => reader.entity_stats());
    }
    const engine = this.inpage;
    if (!engine) throw new LoadError('This build has no entity recognition.');
    if (this.recognition) {
      // Found by the worker meanwhile: only merging and filing are left here.
      // Should the worker have failed, recognition runs here instead (and a
      // damaged model is then reported as below).
      const found = await this.recognition.catch((e) => /** @type {RecognizeReply} */ ({ ok: false, error: errorText(e) }));
      if (this.inpage !== engine) throw new Superseded();
      this.recognition = null;
      if (found.ok && found.head && found.docEnds && found.mentions && found.kinds) {
        try {
          const stats = engine.add_recognized(found.head, found.docEnds, found.mentions, found.kinds);
          this.entitySource = 'worker';
          return stats;
        } catch {
          // Results that do not fit this collection: recognize here.
        }
      }
    }
    this.entitySource = 'page';
    const file = this.manifest.models?.ner;
    /** @type {Uint8Array|undefined} */
    let model;
    if (typeof file === 'string' && file) {
      const res = await siteFile(`corpus/${file}`, `the entity model corpus/${file}`);
      model = new Uint8Array(await res.arrayBuffer());
    }
    if (this.inpage !== engine) throw new Superseded();
    try {
      // In slices of about SLICE_MS, yielding between them, so typing,
      // scrolling and searching stay smooth while names are found.
      engine.start_entities(model);
      let batch = 50;
      for (;;) {
        const t0 = performance.now();
        const progress = engine.continue_entities(batch);
        if (progress.finished) return progress.stats ?? { entities: 0, mentions: 0, model: false };
        const took = performance.now() - t0;
        batch = Math.max(10, Math.min(5000, Math.round(batch * (SLICE_MS / Math.max(took, 1)))));
        await new Promise((r) => setTimeout(r, 0));
        // Indexed anew meanwhile (the old index is gone): stop here.
        if (this.inpage !== engine) throw new Superseded();
      }
    } catch (e) {
      if (e instanceof Superseded) throw e;
      throw new LoadError('People and places could not be found.', errorText(e));
    }
  }

  /**
   * A facet group's long list: every entity of the group the search's
   * results name (over its top results only when `over` says so).
   * @param {import('./types.js').EntityListRequest} req
   * @returns {Promise<import('./types.js').EntityListResponse>}
   */
  async entityList(req) {
    const reader = this.reader;
    if (reader) {
      return this.answered(reader, () => reader.needs_entity_list(req), () => reader.entity_list(req));
    }
    if (!this.inpage) return { entities: [], over: null };
    return this.inpage.entity_list(req);
  }

  /**
   * @param {string} key
   * @param {string} q
   * @param {number|null} [top]  Names and events over its newest `top` articles (null: the core's default).
   * @returns {Promise<EntityView|undefined>}
   */
  async entity(key, q, top = null) {
    const reader = this.reader;
    const t = top ?? undefined;
    if (reader) {
      const view = await this.answered(reader, () => reader.needs_entity(key, q, t), () => reader.entity(key, q, t));
      return view ?? undefined;
    }
    if (!this.inpage) return undefined;
    return this.inpage.entity(key, q, t) ?? undefined;
  }
}
