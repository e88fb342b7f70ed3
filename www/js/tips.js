// Search-tip examples taken from the loaded collection: its most named
// people, organisations and places (the facets of the empty query) and its
// dates (the busiest month of the empty query's timeline, else the month
// halfway through the collection's stats). The examples are built from values, never
// by reading query syntax: an entity filter is the core's own token
// (`Facet.filter`), a word or a name is used only when it is plain letters,
// so that it reads as one word or one phrase. A tip the collection gives
// nothing for keeps its static example (www/index.html). No DOM.

/** @typedef {import('./types.js').Facets} Facets */
/** @typedef {import('./types.js').Facet} Facet */
/** @typedef {import('./types.js').Stats} Stats */
/** @typedef {import('./types.js').Timeline} Timeline */

/**
 * Examples by tip (the `data-tip` of the tips list's items); each is the
 * text of the tip's `<code>` elements, in order. A missing tip keeps its
 * static example.
 * @typedef {Partial<Record<'phrase'|'or'|'not'|'prefix'|'dates'|'mentions'|'entities', string[]>>} Tips
 */

const WORD = /^\p{L}{2,}$/u;

/**
 * The words of a name when every one is plain letters (else none).
 * @param {string} name
 * @returns {string[]}
 */
export function plainWords(name) {
  const words = name.trim().split(/\s+/);
  return words.every((w) => WORD.test(w)) ? words : [];
}

/**
 * The names' last words (surnames, one-word names), distinct, in order.
 * @param {Facet[]} facets
 */
function lastWords(facets) {
  /** @type {string[]} */
  const out = [];
  for (const f of facets) {
    const words = plainWords(f.name);
    const last = words[words.length - 1];
    if (last && !out.some((w) => w.toLowerCase() === last.toLowerCase())) out.push(last);
  }
  return out;
}

/**
 * @typedef {{month: string, start: string, next: string}} Month
 *   'YYYY-MM', its first day and the next month's first day.
 */

/**
 * The month a time (ms since the epoch, UTC) falls in.
 * @param {number} t
 * @returns {Month}
 */
function monthOf(t) {
  const d = new Date(t);
  const first = (/** @type {number} */ m) => new Date(Date.UTC(d.getUTCFullYear(), m, 1)).toISOString().slice(0, 10);
  const start = first(d.getUTCMonth());
  return { month: start.slice(0, 7), start, next: first(d.getUTCMonth() + 1) };
}

/**
 * The month halfway through the collection.
 * @param {string} first  'YYYY-MM-DD'
 * @param {string} last
 * @returns {Month|null}
 */
export function middleMonth(first, last) {
  const a = Date.parse(`${first}T00:00:00Z`);
  const b = Date.parse(`${last}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return null;
  return monthOf(a + (b - a) / 2);
}

/**
 * The month of the timeline's fullest bin, when its bins are no longer than
 * a month (a year's bin does not say which month is full).
 * @param {Timeline|null} timeline
 * @returns {Month|null}
 */
export function busiestMonth(timeline) {
  if (!timeline || timeline.granularity === 'year') return null;
  let best = null;
  for (const b of timeline.bins ?? []) if (b.total > 0 && (!best || b.total > best.total)) best = b;
  const t = best ? Date.parse(`${best.start}T00:00:00Z`) : NaN;
  return Number.isFinite(t) ? monthOf(t) : null;
}

/**
 * The tips this collection gives examples for.
 * @param {Pick<Stats, 'first_date'|'last_date'>|null} stats
 * @param {Facets|null} facets  The facets of the empty query (null: no names in this collection, or not yet).
 * @param {Timeline|null} [timeline]  The empty query's timeline (null: not asked).
 * @returns {Tips}
 */
export function collectionTips(stats, facets, timeline = null) {
  /** @type {Tips} */
  const tips = {};
  const mid = busiestMonth(timeline) ?? (stats?.first_date && stats.last_date ? middleMonth(stats.first_date, stats.last_date) : null);
  if (mid) {
    tips.dates = [`after:${mid.start} before:${mid.next}`];
    tips.mentions = [`mentions:${mid.month}`];
  }
  if (!facets) return tips;
  const people = facets.people ?? [];
  const groups = [people, facets.organizations ?? [], facets.places ?? []];
  const tokens = groups.map((g) => g[0]?.filter).filter((t) => typeof t === 'string' && t !== '');
  if (tokens.length) tips.entities = /** @type {string[]} */ (tokens);
  const phrase = people.find((f) => plainWords(f.name).length >= 2);
  if (phrase) tips.phrase = [`"${plainWords(phrase.name).join(' ')}"`];
  const names = lastWords(people);
  if (names.length >= 2) {
    tips.or = [`${names[0]} OR ${names[1]}`];
    tips.not = [`${names[0]} -${names[1]}`];
  }
  const long = lastWords(groups.flat()).find((w) => w.length >= 7);
  if (long) tips.prefix = [`${long.slice(0, 5).toLowerCase()}*`];
  return tips;
}
