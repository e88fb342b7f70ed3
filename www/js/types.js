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
 * @property {string} [time]  TIMEX3 value when the text is part of a time
 *   expression ('2022-02-10', '2022-W06', 'P4Y', 'XXXX-WXX-1'…).
 * @property {true} [focus]  Part of the sentence the reader was opened at.
 * @property {{key: string, type: EntityType}} [entity]  Part of a named-entity mention.
 */

/**
 * @typedef {'PERSON'|'ORGANIZATION'|'LOCATION'} EntityType
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
 * @property {Facets} [facets]  Entity facets (empty until entities are loaded).
 */

/**
 * One entity with the number of matching articles that name it.
 * @typedef {object} Facet
 * @property {string} key   Slug, e.g. 'sergey-lavrov'.
 * @property {string} name  'Sergey Lavrov'
 * @property {EntityType} type
 * @property {number} count  Matching articles (current query and range).
 */

/**
 * @typedef {object} Facets
 * @property {Facet[]} people
 * @property {Facet[]} organizations
 * @property {Facet[]} places
 */

/**
 * What `Engine.entity` returns.
 * @typedef {object} EntityView
 * @property {string} key
 * @property {string} name
 * @property {EntityType} type
 * @property {string[]} aliases
 * @property {number} articles
 * @property {number} mentions
 * @property {Timeline} timeline  Articles naming it over publication time.
 * @property {Facet[]} related    Entities most often named with it.
 * @property {EventDate[]} events  Events whose sentence names it, in date order.
 */

/**
 * What `Engine.events` takes (every field optional).
 * @typedef {object} EventsRequest
 * @property {string} [q]
 * @property {boolean} [prefix_last]
 * @property {string} [from]  Publication range, inclusive.
 * @property {string} [to]
 * @property {string} [event_from]  Only events naming dates in this range.
 * @property {string} [event_to]
 * @property {'date'|'mentions'} [order]
 * @property {number} [offset]
 * @property {number} [limit]     Dates per page (default 50, at most 1000).
 * @property {number} [per_date]  Rows per date (default 3, at most 1000).
 * @property {string} [view_from]  The lane's window.
 * @property {string} [view_to]
 */

/**
 * One mention of a date, in its sentence (one per article).
 * @typedef {object} EventRow
 * @property {number} event  Mention id: `article(id, q, event)` opens the reader at its sentence.
 * @property {string} id     Article id.
 * @property {string} title
 * @property {string|null} article_date
 * @property {string} text   The expression as written.
 * @property {Segment[]} sentence
 */

/**
 * All mentions of one date value.
 * @typedef {object} EventDate
 * @property {string} value  TIMEX3: '2022-02-10', '2022-02', '2022-W06', '2022', '2022-Q1'…
 * @property {string} start  'YYYY-MM-DD', inclusive.
 * @property {string} end
 * @property {'day'|'week'|'month'|'quarter'|'year'|'span'} granularity
 * @property {number} articles  Distinct articles.
 * @property {number} mentions
 * @property {EventRow[]} rows  Newest article first.
 */

/**
 * A coarse value (month, year…) drawn as a band on the events lane.
 * @typedef {object} LaneSpan
 * @property {string} value
 * @property {string} start
 * @property {string} end
 * @property {number} mentions
 */

/**
 * @typedef {object} EventLane
 * @property {Timeline['granularity']} granularity
 * @property {Bin[]} bins  Day-precise events: total over the collection, hits among the listed events.
 * @property {LaneSpan[]} spans
 */

/**
 * What `Engine.events` returns.
 * @typedef {object} EventsResponse
 * @property {number} total_mentions
 * @property {number} total_dates
 * @property {number} offset
 * @property {number} limit
 * @property {EventDate[]} dates
 * @property {EventLane} lane
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
 * What a corpus offers beyond search and reading. In-page: both; a
 * prebuilt index (v1): neither (no event timeline, no entity facets).
 * @typedef {object} Features
 * @property {boolean} events    The event timeline (`events`, `mentions:`, the exports).
 * @property {boolean} entities  People, organisations and places (facets, `load_entities`, `entity`).
 * @property {boolean} [prebuilt]  The index was built ahead (`open_index`), not in the page.
 */

/**
 * What `Engine.finish` (in-page) and `Engine.open_index` (prebuilt) return.
 * @typedef {object} Stats
 * @property {number} articles
 * @property {number} dated
 * @property {number} undated
 * @property {number} terms
 * @property {string|null} first_date
 * @property {string|null} last_date
 * @property {Features} [features]  Absent from older cores: both features.
 */

/**
 * The wasm-bindgen `Engine` class.
 * @typedef {object} WasmEngine
 * @property {(bytes: Uint8Array, name?: string|null) => {articles: number}} add_pack
 *   Throws for a corrupt/truncated/wrong-version pack; `name` (the pack's path) goes into the error message.
 * @property {() => Stats} finish
 * @property {(bytes: Uint8Array, name: string) => Stats} [open_index]
 *   Prebuilt index: decode the meta file (`manifest.index.meta`). Throws (naming `name`)
 *   for a truncated, corrupted or wrong-version file.
 * @property {(req: SearchRequest) => string[]} [needs_search]
 *   Prebuilt index: the files (relative to corpus/, e.g. 'index/post-0012.bin') this
 *   search still needs. Empty in-page, and once they are all added.
 * @property {(id: string, q: string) => string[]} [needs_article]  The same for `article`.
 * @property {(path: string, bytes: Uint8Array) => void} [add_index_file]
 *   Hand over a file `needs_search`/`needs_article` named. Throws (naming the file) when it is damaged.
 * @property {(req: SearchRequest) => SearchResponse} search
 *   Prebuilt index: only after the files `needs_search` names are added.
 * @property {(id: string, q: string, focus?: number|null) => ArticleView|undefined} article
 *   `focus`: an EventRow's `event`; that sentence's segments get `focus: true`.
 *   Prebuilt index: only after the files `needs_article` names are added.
 * @property {(req: EventsRequest) => EventsResponse} events
 * @property {() => Stats} stats  The built index's stats (after `finish`).
 * @property {(model?: Uint8Array) => {entities: number, mentions: number}} [load_entities]
 * @property {(model?: Uint8Array) => void} [start_entities]
 * @property {(maxDocs: number) => {done: number, total: number, finished: boolean, stats: {entities: number, mentions: number, model: boolean}|null}} [continue_entities]
 *   Later API: named-entity recognition over the collection (feature-detected).
 * @property {(head: {ids: string[], strings: string[], model: boolean}, docEnds: Uint32Array, mentions: Uint32Array, kinds: Uint8Array) => {entities: number, mentions: number, model: boolean}} [add_recognized]
 *   Entities found by the worker (entity-worker.js) over the same packs: merged and filed here; throws when they do not fit.
 * @property {(key: string, q: string) => EntityView|undefined} [entity]  Later API (feature-detected).
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
 * A prebuilt index (`dateline build`): its meta file, and the number and
 * total size of its files, all under the corpus folder.
 * @typedef {object} ManifestIndex
 * @property {string} meta  'index/meta.bin', relative to the manifest.
 * @property {number} [files]
 * @property {number} [bytes]
 */

/**
 * `corpus/manifest.json`.
 * @typedef {object} Manifest
 * @property {number} format  1
 * @property {number} articles
 * @property {{file: string, articles: number, bytes: number}[]} packs  Empty with a prebuilt index.
 * @property {ManifestIndex} [index]  Present: the page reads the prebuilt index, not packs.
 * @property {Diagnostic[]} [diagnostics]
 * @property {{ner?: string}} [models]  Optional model files, relative to the manifest.
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
 * @property {number|null} focus  The event (mention id) the reader was opened at.
 * @property {'articles'|'events'} view  Which list and timeline show.
 * @property {string|null} efrom  Event-date filter (inclusive), 'YYYY-MM-DD'.
 * @property {string|null} eto
 * @property {string|null} evfrom  Events-lane zoom window.
 * @property {string|null} evto
 * @property {'date'|'mentions'} order  Order of the event list.
 * @property {string|null} entity  The entity shown in the entity panel (its key).
 */

export {};
