// The engines under test, one adapter each, shared by the Node and Chromium
// runs (no Node or DOM APIs here: the caller passes the libraries in).
//
//   const engines = adapters({ MiniSearch, FlexSearch, lunr, orama, dateline });
//   const e = engines.minisearch();
//   e.index(jsonlText);                     // peers: JSONL text -> index (JSON.parse included)
//   e.search(query)                         // -> top-10 ids, query from queries.mjs
//   e.rank?.(query)                         // Dateline: the ranking-only call, also timed
//
// Dateline's `index` takes the packs ([{bytes, name}]) instead, since that is
// what the page downloads; its `search` is the page's call, as is: ranking,
// highlighted snippets and the timeline histogram for the returned page.

/** @typedef {{cls: string, q: string, words: string[], fixed?: Query}} Query  see queries.mjs */
/** @typedef {{id: string, date: string, title: string, text: string}} Doc */
/**
 * @typedef {object} Adapter
 * @property {string} name
 * @property {string} notes  what differs from the query language under test
 * @property {(input: any) => Promise<void>|void} index
 * @property {(query: Query) => string[]} search  top-10 ids, best first
 * @property {(query: Query) => string[]} [rank]  Dateline only: the ranking-only call (top-10 ids and scores, nothing for display)
 */

export const LIMIT = 10;

/** Queries for which peers turn on their typo tolerance. @param {Query} q */
const isTypo = (q) => q.cls === 'typo' || q.cls === 'swap';

/**
 * The documents peers index: every JSONL line with a non-empty body (the
 * line Dateline's packer skips is dropped here too), keeping id, date,
 * title and text.
 * @param {string} jsonl
 * @returns {Doc[]}
 */
export function parseDocs(jsonl) {
  const docs = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line);
    if (!d.text || !d.text.trim()) continue;
    docs.push({ id: d.id, date: d.date ?? '', title: d.title ?? '', text: d.text });
  }
  return docs;
}

/**
 * @param {{MiniSearch: any, FlexSearch: any, lunr: any, orama: any, dateline: {InPageEngine: any}}} libs
 * @returns {Record<string, () => Adapter>}
 */
export function adapters(libs) {
  return {
    dateline() {
      let engine;
      return {
        name: 'Dateline (wasm)',
        notes: 'full query language; each search also builds snippets, highlighted titles and the timeline',
        /** @param {{bytes: Uint8Array, name: string}[]} packs */
        index(packs) {
          if (libs.dateline.InPageEngine) {
            const loader = new libs.dateline.InPageEngine();
            for (const p of packs) loader.add_pack(p.bytes, p.name);
            engine = loader.finish();
          } else {
            // Before issue 12 one `Engine` handle did both (bench.sh --compare runs old commits).
            engine = new libs.dateline.Engine();
            for (const p of packs) engine.add_pack(p.bytes, p.name);
            engine.finish();
          }
        },
        search: (query) => engine.search({ q: query.q, limit: LIMIT }).hits.map((h) => h.id),
        // The peers' equivalent: the same reading, matching, scores, order
        // and reprint folding as `search`, ids and scores only (commits
        // before `rank` existed have none: bench.sh --compare).
        // (`ids`, a column; cores before it had `hits`, an object per row.)
        rank: (query) => {
          const r = engine.rank({ q: query.q, limit: LIMIT });
          return r.ids ?? r.hits.map((/** @type {{id: string}} */ h) => h.id);
        },
      };
    },

    minisearch() {
      let ms;
      return {
        name: 'MiniSearch',
        notes: 'AND of words; phrases sent as words; `prefix: true` for prefixes, `fuzzy: 0.2` for typos and swaps; title boost 2',
        index(jsonl) {
          ms = new libs.MiniSearch({ idField: 'id', fields: ['title', 'text'], storeFields: ['date'] });
          ms.addAll(parseDocs(jsonl));
        },
        search(query) {
          const opts = {
            combineWith: 'AND',
            boost: { title: 2 },
            prefix: query.cls === 'prefix',
            fuzzy: isTypo(query) ? 0.2 : false,
          };
          return ms.search(query.words.join(' '), opts).slice(0, LIMIT).map((r) => r.id);
        },
      };
    },

    flexsearch() {
      let fx;
      return {
        name: 'FlexSearch (Document)',
        notes:
          "tokenize: 'forward' (needed for prefixes; every word then matches as a prefix); words AND-ed per field, fields OR-ed (merge: true); phrases sent as words; no typo tolerance, no field boost",
        index(jsonl) {
          fx = new libs.FlexSearch.Document({
            tokenize: 'forward',
            document: { id: 'id', index: ['title', 'text'], store: ['date'] },
          });
          for (const d of parseDocs(jsonl)) fx.add(d);
        },
        search(query) {
          const res = fx.search(query.words.join(' '), { limit: LIMIT, merge: true });
          return res.slice(0, LIMIT).map((r) => String(r.id));
        },
      };
    },

    lunr() {
      let idx;
      return {
        name: 'Lunr',
        notes: 'every word required (`+word`); phrases sent as words; `word*` for prefixes, `word~1` for typos and swaps; title boost 10',
        index(jsonl) {
          const docs = parseDocs(jsonl);
          idx = libs.lunr(function () {
            this.ref('id');
            this.field('title', { boost: 10 });
            this.field('text');
            for (const d of docs) this.add(d);
          });
        },
        search(query) {
          const suffix = query.cls === 'prefix' ? '*' : isTypo(query) ? '~1' : '';
          const q = query.words.map((w) => `+${w}${suffix}`).join(' ');
          return idx.search(q).slice(0, LIMIT).map((r) => r.ref);
        },
      };
    },

    orama() {
      let db;
      return {
        name: 'Orama',
        notes:
          'threshold: 0 (all words must match); every word also matches as a prefix (Orama\'s default); phrases sent as words; `tolerance: 1` for typos and swaps; title boost 2; stores whole documents',
        async index(jsonl) {
          db = libs.orama.create({ schema: { title: 'string', text: 'string' } });
          await libs.orama.insertMultiple(db, parseDocs(jsonl));
        },
        search(query) {
          const res = libs.orama.search(db, {
            term: query.words.join(' '),
            properties: ['title', 'text'],
            boost: { title: 2 },
            threshold: 0,
            tolerance: isTypo(query) ? 1 : 0,
            limit: LIMIT,
          });
          if (typeof res?.then === 'function') throw new Error('orama.search returned a promise');
          return res.hits.map((h) => String(h.id));
        },
      };
    },
  };
}

/** Engine keys, Dateline first. */
export const ENGINES = ['dateline', 'minisearch', 'flexsearch', 'lunr', 'orama'];

/**
 * Run every query once, timing each call (ms) with `now`.
 * A warm-up pass over the first `warm` queries comes first, untimed.
 * After the timed pass, untimed, each query with a `fixed` spelling is run
 * spelt right: `intended[i]` is that query's top hit (null when it has none
 * or no `fixed`).
 * @param {Adapter} engine
 * @param {Query[]} queries
 * @param {() => number} now
 * An engine with a ranking-only call (`rank`) has it timed the same way,
 * after the search pass: `rankMs`, and `rankSame`, how many queries it
 * answered with the very ids of `search` (all, or the call is not the same
 * ranking).
 * @returns {{ms: number[], ids: string[][], intended: (string|null)[], rankMs?: number[], rankSame?: number}}
 */
export function runQueries(engine, queries, now, warm = 50) {
  /** @param {(q: Query) => string[]} call */
  const timed = (call) => {
    for (const q of queries.slice(0, warm)) call(q);
    const ms = [];
    const ids = [];
    for (const q of queries) {
      const t = now();
      const r = call(q);
      ms.push(now() - t);
      ids.push(r);
    }
    return { ms, ids };
  };
  const { ms, ids } = timed((q) => engine.search(q));
  const intended = queries.map((q) => (q.fixed ? (engine.search(q.fixed)[0] ?? null) : null));
  const rank = engine.rank;
  if (!rank || !probe(() => rank(queries[0]))) return { ms, ids, intended };
  const ranked = timed(rank);
  const rankSame = ranked.ids.filter((r, i) => r.join() === ids[i].join()).length;
  return { ms, ids, intended, rankMs: ranked.ms, rankSame };
}

/** Whether `call` runs (a `--compare` commit's core may lack the method). @param {() => unknown} call */
function probe(call) {
  try {
    call();
    return true;
  } catch {
    return false;
  }
}
