// JSDoc typedefs for what the Dateline WebAssembly core takes and returns,
// and for the shell's own state. No runtime code: import it for types only,
// e.g. `/** @typedef {import('./types.js').Hit} Hit */`.
//
// The core's types are not written here: wasm-bindgen generates them from
// the Rust structs (their `Tsify` derives) into pkg/dateline.d.ts (built as
// target/pkg/dateline.d.ts by `./build.sh build`); this file only gives them
// the names the page uses. To change one, change the Rust struct.

// Text leaves the core as segments: consecutive runs rendered in order as
// text nodes; `hit` ones inside <mark>, ones with a `link` inside <a> (only
// ever http(s)); `time` is a TIMEX3 value, `focus` the sentence the reader
// was opened at, `entity` a named-entity mention.
/** @typedef {import('../pkg/dateline.js').Segment} Segment */
/** @typedef {import('../pkg/dateline.js').EntityMark} EntityMark */
/** @typedef {import('../pkg/dateline.js').EntityType} EntityType */

// Search (`search`, both handles).
/** @typedef {import('../pkg/dateline.js').SearchRequest} SearchRequest */
/** @typedef {import('../pkg/dateline.js').SearchResponse} SearchResponse */
/** @typedef {import('../pkg/dateline.js').Hit} Hit */
/** @typedef {import('../pkg/dateline.js').Reprint} Reprint */
/** @typedef {import('../pkg/dateline.js').Timeline} Timeline */
/** @typedef {import('../pkg/dateline.js').Bin} Bin */
/** @typedef {import('../pkg/dateline.js').Granularity} Granularity */
/** @typedef {import('../pkg/dateline.js').Facet} Facet */
/** @typedef {import('../pkg/dateline.js').Facets} Facets */
/** @typedef {import('../pkg/dateline.js').FacetGroup} FacetGroup */
/** @typedef {import('../pkg/dateline.js').EntityListRequest} EntityListRequest */
/** @typedef {import('../pkg/dateline.js').EntityListResponse} EntityListResponse */
// A filter of the query as typed, with its span in JS string indices:
// remove it with `q.slice(0, f.start) + q.slice(f.end)`; `facet.filter` and
// `entityView.filter` are the tokens to add.
/** @typedef {import('../pkg/dateline.js').QueryFilter} QueryFilter */
/** @typedef {import('../pkg/dateline.js').FilterField} FilterField */
// How the core read the query: relaxed to most words, spellings searched
// beside a rare word (`undo`: the whole query with that word taken exactly),
// parts it could not use (spans as a filter's), limits of the query budget
// that applied (`QueryLimit`: kind, limit, the span of the part left out).
/** @typedef {import('../pkg/dateline.js').SearchNotes} SearchNotes */
/** @typedef {import('../pkg/dateline.js').Relaxed} Relaxed */
/** @typedef {import('../pkg/dateline.js').AlsoSearched} AlsoSearched */
/** @typedef {import('../pkg/dateline.js').QueryProblem} QueryProblem */
/** @typedef {import('../pkg/dateline.js').QueryLimit} QueryLimit */
/** @typedef {import('../pkg/dateline.js').ArticleView} ArticleView */
/** @typedef {import('../pkg/dateline.js').Stats} Stats */
/** @typedef {import('../pkg/dateline.js').MemoryStats} MemoryStats */
/** @typedef {import('../pkg/dateline.js').Features} Features */

// Events (in-page only).
/** @typedef {import('../pkg/dateline.js').EventsRequest} EventsRequest */
/** @typedef {import('../pkg/dateline.js').EventsResponse} EventsResponse */
/** @typedef {import('../pkg/dateline.js').EventDate} EventDate */
/** @typedef {import('../pkg/dateline.js').EventRow} EventRow */
/** @typedef {import('../pkg/dateline.js').EventLane} EventLane */
/** @typedef {import('../pkg/dateline.js').LaneSpan} LaneSpan */

// Entities (in-page only).
/** @typedef {import('../pkg/dateline.js').EntityView} EntityView */
/** @typedef {import('../pkg/dateline.js').EntityStats} EntityStats */
/** @typedef {import('../pkg/dateline.js').EntityProgress} EntityProgress */
/** @typedef {import('../pkg/dateline.js').RecognizedHead} RecognizedHead */

// `corpus/manifest.json`, as the core's `parse_manifest` checked it.
/** @typedef {import('../pkg/dateline.js').Manifest} Manifest */
/** @typedef {import('../pkg/dateline.js').IndexEntry} ManifestIndex */
/** @typedef {import('../pkg/dateline.js').DiagnosticRecord} Diagnostic */

// The handles (wasm-bindgen classes): `InPageEngine` takes packs and its
// `finish()` gives the `InPageIndex` that answers; `PrebuiltReader.open`
// reads a prebuilt index; `Recognition` (in the entity worker) finds
// entities and its `finish()` gives a `RecognitionResult`.
/** @typedef {import('../pkg/dateline.js').InPageEngine} InPageEngine */
/** @typedef {import('../pkg/dateline.js').InPageIndex} InPageIndex */
/** @typedef {import('../pkg/dateline.js').PrebuiltReader} PrebuiltReader */
/** @typedef {import('../pkg/dateline.js').Recognition} Recognition */
/** @typedef {import('../pkg/dateline.js').RecognitionResult} RecognitionResult */

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
