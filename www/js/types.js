// JSDoc typedefs for what the Dateline WebAssembly core takes and returns,
// and for the shell's own state. No runtime code: import it for types only,
// e.g. `/** @typedef {import('./types.js').Hit} Hit */`.

/**
 * A run of text inside a title, snippet or paragraph. Consecutive segments
 * are rendered in order as text nodes; `hit` ones inside `<mark>`, ones with
 * a `link` inside `<a>` (the core only ever gives http(s) links).
 * @typedef {object} Segment
 * @property {string} text
 * @property {boolean} hit
 * @property {string|null} link
 */

/**
 * What `Engine.search` takes.
 * @typedef {object} SearchRequest
 * @property {string} q  Query; any string is valid (the core parses it and never throws).
 * @property {'relevance'|'newest'|'oldest'} [sort]
 * @property {number} [offset]
 * @property {number} [limit]  Default 20.
 * @property {string} [from]  'YYYY-MM-DD', inclusive: restricts results to that publication-date range.
 * @property {string} [to]    'YYYY-MM-DD', inclusive.
 * @property {boolean} [prefix_last]  True while typing: the last word also matches as a prefix.
 * @property {string} [view_from]  The timeline window to bin (default: the whole corpus).
 * @property {string} [view_to]
 */

/**
 * One search result.
 * @typedef {object} Hit
 * @property {string} id
 * @property {string|null} date  'YYYY-MM-DD' or null when undated.
 * @property {string} title
 * @property {Segment[]} title_marked
 * @property {string|null} source
 * @property {number} score
 * @property {Segment[]} snippet
 */

/**
 * One bar of the publication timeline.
 * @typedef {object} Bin
 * @property {string} start  'YYYY-MM-DD', first day.
 * @property {string} end    'YYYY-MM-DD', inclusive last day.
 * @property {string} label
 * @property {number} total  Articles in the bin.
 * @property {number} hits   Articles in the bin matching q (ignoring from/to).
 */

/**
 * @typedef {object} Timeline
 * @property {'day'|'week'|'month'|'year'} granularity
 * @property {Bin[]} bins
 * @property {number} undated       Undated articles in the corpus.
 * @property {number} undated_hits  Undated articles matching q.
 */

/**
 * What `Engine.search` returns.
 * @typedef {object} SearchResponse
 * @property {number} total
 * @property {number} offset
 * @property {number} limit
 * @property {Hit[]} hits
 * @property {Timeline} timeline
 */

/**
 * What `Engine.article` returns (or undefined for an unknown id).
 * @typedef {object} ArticleView
 * @property {string} id
 * @property {string|null} date
 * @property {string} title
 * @property {Segment[]} title_marked
 * @property {string|null} source
 * @property {Segment[][]} paragraphs
 */

/**
 * What `Engine.finish` returns.
 * @typedef {object} Stats
 * @property {number} articles
 * @property {number} dated
 * @property {number} undated
 * @property {number} terms
 * @property {string|null} first_date
 * @property {string|null} last_date
 */

/**
 * The wasm-bindgen `Engine` class.
 * @typedef {object} WasmEngine
 * @property {(bytes: Uint8Array, name?: string|null) => {articles: number}} add_pack
 *   Throws for a corrupt/truncated/wrong-version pack; `name` (the pack's path) goes into the error message.
 * @property {() => Stats} finish
 * @property {(req: SearchRequest) => SearchResponse} search
 * @property {(id: string, q: string) => ArticleView|undefined} article
 * @property {() => Stats} stats  The built index's stats (after `finish`).
 */

/**
 * A problem found when the corpus was packed.
 * @typedef {object} Diagnostic
 * @property {string} file
 * @property {number|null} line
 * @property {'error'|'warning'} severity
 * @property {string} message
 */

/**
 * `corpus/manifest.json`.
 * @typedef {object} Manifest
 * @property {number} format  1
 * @property {number} articles
 * @property {{file: string, articles: number, bytes: number}[]} packs
 * @property {Diagnostic[]} [diagnostics]
 */

/**
 * The view state kept in the URL hash.
 * @typedef {object} State
 * @property {string} q
 * @property {string|null} from   Date-range filter (inclusive), 'YYYY-MM-DD'.
 * @property {string|null} to
 * @property {'relevance'|'newest'|'oldest'} sort
 * @property {string|null} vfrom  Timeline zoom window, 'YYYY-MM-DD'.
 * @property {string|null} vto
 * @property {string|null} doc    The article open in the reader.
 */

export {};
