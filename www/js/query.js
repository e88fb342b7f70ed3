// Editing a query by the filters the core found in it. The core's parser is
// the only place that understands query syntax: it returns every filter with
// its span (UTF-16 indices into the query, the whole token), and each facet
// and entity carries the exact token that filters by it. This module only
// cuts and joins strings by those spans. No DOM.

/** @typedef {import('./types.js').QueryFilter} QueryFilter  One filter of a query, as the core's parser found it. */

/**
 * A part of the query the core gave a span for: a filter, or a problem
 * (`QueryProblem`: a part it could not use).
 * @typedef {{start: number, end: number}} Span
 */

/**
 * The filter (or any part with a span) as typed in q (leading `-` and quotes included).
 * @param {string} q
 * @param {Span} f
 */
export function filterText(q, f) {
  return q.slice(f.start, f.end);
}

/**
 * Runs of whitespace made single spaces, ends trimmed.
 * @param {string} q
 */
export function tidy(q) {
  return q.replace(/\s+/g, ' ').trim();
}

/**
 * Does this filter name a person, organisation, place or entity (rather than
 * dates)? Negated ones included.
 * @param {QueryFilter} f
 */
export function namesEntity(f) {
  return f.kind !== null || f.field.toLowerCase() === 'entity';
}

/**
 * The filters shown as removable chips: the entity filters that are not negated.
 * @param {QueryFilter[]} filters
 */
export function chipFilters(filters) {
  return filters.filter((f) => namesEntity(f) && !f.negated);
}

/**
 * The filter among `filters` (or the part among any spans of q) typed as
 * `token` in q (case-insensitive), if any.
 * @template {Span} S
 * @param {string} q
 * @param {S[]} filters  The core's filters of q (or its problems).
 * @param {string} token
 * @returns {S|undefined}
 */
export function findFilter(q, filters, token) {
  const want = token.toLowerCase();
  return filters.find((f) => filterText(q, f).toLowerCase() === want);
}

/**
 * The query without one filter, or one part the core gave a span for (whitespace tidied).
 * @param {string} q
 * @param {Span} f  One of the core's filters of q (or its problems).
 */
export function withoutFilter(q, f) {
  return tidy(q.slice(0, f.start) + q.slice(f.end));
}

/**
 * The query with a filter token added (unless q has it already).
 * @param {string} q
 * @param {QueryFilter[]} filters  The core's filters of q.
 * @param {string} token  A facet's or entity's `filter`.
 */
export function withFilter(q, filters, token) {
  if (findFilter(q, filters, token)) return q;
  return q.trim() ? `${q.trim()} ${token}` : token;
}

/**
 * UTF-16 code units of a query passed to the core and written into the URL:
 * more than the core ever reads (its query budget reads at most 1,000
 * characters, at most 2,000 code units), few enough that a 100 KB query
 * costs nothing to pass or to keep in the history. The core still sees that
 * the query is longer than it reads, and says so.
 */
export const MAX_QUERY_UNITS = 4_096;

/**
 * `q`, or its first MAX_QUERY_UNITS code units (never half a surrogate pair).
 * @param {string} q
 */
export function clipQuery(q) {
  if (q.length <= MAX_QUERY_UNITS) return q;
  const high = /[\uD800-\uDBFF]/.test(q[MAX_QUERY_UNITS - 1]);
  return q.slice(0, high ? MAX_QUERY_UNITS - 1 : MAX_QUERY_UNITS);
}
