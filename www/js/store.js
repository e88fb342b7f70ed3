// The view state, kept in the URL hash so that reload, back/forward and a
// shared link restore the view:
//   #q=geneva&from=2022-01-01&to=2022-01-31&sort=newest&doc=002_6f631ddf24768241
// Knows nothing about the DOM beyond `location` and `history`.

/** @typedef {import('./types.js').State} State */

/** @type {ReadonlyArray<State['sort']>} */
export const SORTS = ['relevance', 'newest', 'oldest'];

/** @returns {State} */
export function defaultState() {
  return { q: '', from: null, to: null, sort: 'relevance', vfrom: null, vto: null, doc: null };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A 'YYYY-MM-DD' string that names a real day, or null.
 * @param {string|null|undefined} s
 * @returns {string|null}
 */
export function validDate(s) {
  if (!s || !DATE_RE.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : null;
}

/**
 * Parse a location hash ('#q=…&from=…') into a full, valid state.
 * Unknown keys are ignored; invalid values fall back to defaults.
 * @param {string} hash
 * @returns {State}
 */
export function parseHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = defaultState();
  state.q = params.get('q') ?? '';
  state.from = validDate(params.get('from'));
  state.to = validDate(params.get('to'));
  if (state.from && state.to && state.from > state.to) [state.from, state.to] = [state.to, state.from];
  const sort = /** @type {State['sort']} */ (params.get('sort'));
  if (SORTS.includes(sort)) state.sort = sort;
  state.vfrom = validDate(params.get('vfrom'));
  state.vto = validDate(params.get('vto'));
  if (!state.vfrom || !state.vto || state.vfrom > state.vto) state.vfrom = state.vto = null;
  state.doc = params.get('doc') || null;
  return state;
}

/**
 * Serialise a state to a hash ('' for the default state). Defaults are left out.
 * @param {State} state
 * @returns {string}
 */
export function toHash(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.vfrom && state.vto) {
    params.set('vfrom', state.vfrom);
    params.set('vto', state.vto);
  }
  if (state.doc) params.set('doc', state.doc);
  const s = params.toString();
  return s ? `#${s}` : '';
}

/**
 * @param {State} a
 * @param {State} b
 */
export function sameState(a, b) {
  return toHash(a) === toHash(b);
}

/**
 * @callback Listener
 * @param {State} state
 * @param {State} previous
 * @param {'history'|'set'} cause  'history': back/forward or an edited hash.
 */

/**
 * Owns the state and the browser history entries for it.
 */
export class Store {
  /**
   * @param {Window} win
   */
  constructor(win = window) {
    this.win = win;
    /** @type {State} */
    this.state = parseHash(win.location.hash);
    /** @type {Listener[]} */
    this.listeners = [];
    const onHistory = () => {
      const next = parseHash(this.win.location.hash);
      if (sameState(next, this.state)) return; // popstate and hashchange both fire
      const previous = this.state;
      this.state = next;
      this.emit(previous, 'history');
    };
    win.addEventListener('popstate', onHistory);
    win.addEventListener('hashchange', onHistory);
  }

  /** @param {Listener} fn */
  subscribe(fn) {
    this.listeners.push(fn);
  }

  /**
   * @param {State} previous
   * @param {'history'|'set'} cause
   */
  emit(previous, cause) {
    for (const fn of this.listeners) fn(this.state, previous, cause);
  }

  /**
   * Change the state. `history: 'push'` makes a back-able step; 'replace'
   * (typing) rewrites the current entry.
   * @param {Partial<State>} patch
   * @param {{history?: 'push'|'replace', mark?: object|null}} [opts]
   *   `mark` is stored as the (new or rewritten) entry's `history.state`
   *   (see `entryMark`); it is cleared when not given.
   */
  set(patch, opts = {}) {
    const next = { ...this.state, ...patch };
    if (next.from && next.to && next.from > next.to) [next.from, next.to] = [next.to, next.from];
    if (sameState(next, this.state)) return;
    const previous = this.state;
    this.state = next;
    const url = this.urlFor(next);
    if (opts.history === 'push') this.win.history.pushState(opts.mark ?? null, '', url);
    else this.win.history.replaceState(opts.mark ?? null, '', url);
    this.emit(previous, 'set');
  }

  /** The `history.state` of the current entry (what `set` stored as `mark`). */
  entryMark() {
    return this.win.history.state;
  }

  /** Go back one entry (the listeners hear about it through popstate). */
  back() {
    this.win.history.back();
  }

  /**
   * A URL for a state, relative to the current document (keeps path and query).
   * @param {State} state
   */
  urlFor(state) {
    const { pathname, search } = this.win.location;
    return `${pathname}${search}${toHash(state)}`;
  }
}
