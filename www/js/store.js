// The view state, kept in the URL hash so that reload, back/forward and a
// shared link restore the view:
//   #q=geneva&from=2022-01-01&to=2022-01-31&sort=newest&doc=002_6f631ddf24768241
//   #view=events&efrom=2022-01-10&eto=2022-01-21&order=mentions&doc=…&focus=3
//   #q=talks+Lavrov&entity=sergey-lavrov
// Knows nothing about the DOM beyond `location` and `history`.

import { clipQuery } from './query.js';

/** @typedef {import('./types.js').State} State */

/** @type {ReadonlyArray<State['sort']>} */
export const SORTS = ['relevance', 'newest', 'oldest'];
/** @type {ReadonlyArray<State['order']>} */
export const ORDERS = ['date', 'mentions'];
/** @type {ReadonlyArray<State['view']>} */
export const VIEWS = ['articles', 'events'];

/** @returns {State} */
export function defaultState() {
  return {
    q: '',
    from: null,
    to: null,
    sort: 'relevance',
    vfrom: null,
    vto: null,
    doc: null,
    focus: null,
    view: 'articles',
    efrom: null,
    eto: null,
    evfrom: null,
    evto: null,
    order: 'date',
    entity: null,
  };
}

/**
 * The two timelines' state keys (which are also the URL's): the dates chosen
 * on each (a filter; either end may be open) and the window each is zoomed
 * to (both ends, or none).
 * @type {Record<State['view'], {range: ['from', 'to'] | ['efrom', 'eto'], zoom: ['vfrom', 'vto'] | ['evfrom', 'evto']}>}
 */
export const TIMELINE_KEYS = {
  articles: { range: ['from', 'to'], zoom: ['vfrom', 'vto'] },
  events: { range: ['efrom', 'eto'], zoom: ['evfrom', 'evto'] },
};

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
  for (const { range, zoom } of Object.values(TIMELINE_KEYS)) {
    const [from, to] = range;
    state[from] = validDate(params.get(from));
    state[to] = validDate(params.get(to));
    orderRange(state, range);
    const [vfrom, vto] = zoom;
    state[vfrom] = validDate(params.get(vfrom));
    state[vto] = validDate(params.get(vto));
    if (!state[vfrom] || !state[vto] || /** @type {string} */ (state[vfrom]) > /** @type {string} */ (state[vto])) state[vfrom] = state[vto] = null;
  }
  const sort = /** @type {State['sort']} */ (params.get('sort'));
  if (SORTS.includes(sort)) state.sort = sort;
  state.doc = params.get('doc') || null;
  const focus = Number(params.get('focus'));
  state.focus = state.doc && params.get('focus') && Number.isInteger(focus) && focus >= 0 ? focus : null;
  const view = /** @type {State['view']} */ (params.get('view'));
  if (VIEWS.includes(view)) state.view = view;
  const order = /** @type {State['order']} */ (params.get('order'));
  if (ORDERS.includes(order)) state.order = order;
  state.entity = params.get('entity') || null;
  return state;
}

/**
 * Put a chosen range's ends in order (a reversed range is the same dates).
 * @param {State} state
 * @param {['from', 'to'] | ['efrom', 'eto']} keys
 */
function orderRange(state, [from, to]) {
  const a = state[from];
  const b = state[to];
  if (a && b && a > b) {
    state[from] = b;
    state[to] = a;
  }
}

/**
 * Serialise a state to a hash ('' for the default state). Defaults are left out.
 * @param {State} state
 * @returns {string}
 */
export function toHash(state) {
  const params = new URLSearchParams();
  /**
   * Writes these fields under their own names, all of them or (when one is unset) none: a zoom window is kept only
   * with both its ends.
   * @param {...('q'|'from'|'to'|'vfrom'|'vto'|'efrom'|'eto'|'evfrom'|'evto'|'entity'|'doc')} keys
   */
  const put = (...keys) => {
    if (!keys.every((k) => state[k])) return;
    for (const k of keys) params.set(k, /** @type {string} */ (state[k]));
  };
  put('q');
  put('from');
  put('to');
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  put('vfrom', 'vto');
  if (state.view !== 'articles') params.set('view', state.view);
  put('efrom');
  put('eto');
  put('evfrom', 'evto');
  if (state.order !== 'date') params.set('order', state.order);
  put('entity');
  put('doc');
  if (state.doc && state.focus !== null) params.set('focus', String(state.focus));
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
    for (const { range } of Object.values(TIMELINE_KEYS)) orderRange(next, range);
    if (!next.doc) next.focus = null;
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
    // The URL keeps what the core reads of a long query, not all of it: a
    // 100 KB URL takes the browser hundreds of ms to write.
    return `${pathname}${search}${toHash({ ...state, q: clipQuery(state.q) })}`;
  }
}
