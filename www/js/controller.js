// Wires the store (URL-hash state), the engine and the view: user intents
// become state changes; state changes become searches and renders.

import { toHash } from './store.js';
import { errorText } from './engine.js';
import { eventsCsv, eventsJson, exportName } from './export.js';
import { withFilter, withoutFilter } from './entities-view.js';

/** @typedef {import('./types.js').State} State */
/** @typedef {import('./types.js').SearchRequest} SearchRequest */
/** @typedef {import('./types.js').EventsRequest} EventsRequest */
/** @typedef {import('./types.js').EventDate} EventDate */
/** @typedef {import('./types.js').EventRow} EventRow */
/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./engine.js').Corpus} Corpus */
/** @typedef {import('./view.js').View} View */

/** How long typing pauses before a search runs. */
const DEBOUNCE_MS = 60;

/** `history.state` of an entry made by opening an article from a list. */
const OPENED = 'dateline:opened';

/** Entity recognition waits until typing has paused this long. */
const TYPING_PAUSE_MS = 800;

/** Dates per page of the event list, and rows per date. */
const EVENT_DATES = 50;
const EVENT_ROWS = 3;

export class Controller {
  /**
   * @param {{store: Store, view: View, corpus: Corpus, pageSize?: number}} deps
   */
  constructor({ store, view, corpus, pageSize = 20 }) {
    this.store = store;
    this.view = view;
    this.corpus = corpus;
    this.pageSize = pageSize;
    /** The request behind the list on screen (for "more results"). @type {SearchRequest|null} */
    this.lastReq = null;
    this.lastKey = '';
    /** Results on screen. */
    this.shown = 0;
    /** Total of the last search. */
    this.total = 0;
    /** True while the current history entry belongs to a burst of typing. */
    this.typingEntry = false;
    /** True when the next search comes from typing (prefix-match the last word). */
    this.prefix = false;
    /** @type {ReturnType<typeof setTimeout>|undefined} */
    this.debounce = undefined;
    this.failed = false;
    /** The events request behind the list on screen. @type {EventsRequest|null} */
    this.lastEventsReq = null;
    this.lastEventsKey = '';
    /** Event dates on screen, by value (for "show all articles"). @type {Map<string, EventDate>} */
    this.eventDates = new Map();
    /** The expression (as written) of the event row last opened. @type {{event: number, text: string}|null} */
    this.focusExpr = null;
    /** Entity recognition: not in this build, running, done, failed. @type {'off'|'loading'|'ready'|'failed'} */
    this.entityState = 'off';
    /** The entity view on screen: key and query it was drawn for. */
    this.entityKey = '';
    /** Re-draw the reader on the next render (entities arrived). */
    this.redrawArticle = false;
    /** Move focus to the entity view on the next render. */
    this.focusEntity = false;
    /** The request behind the facets shown beside the event list. */
    this.lastFacetsKey = '';
    /** When the search box last changed (performance.now()). */
    this.lastInput = -Infinity;
  }

  start() {
    const { view, store } = this;
    view.renderCorpus(this.corpus.stats, this.corpus.manifest);
    view.bindSearch(
      (q) => this.onType(q),
      (q) => this.onSubmit(q),
    );
    view.bindSkipLink();
    view.bindSort((sort) => this.navigate({ sort }));
    view.bindMore(() => this.more());
    view.bindOpen((id) => this.open(id));
    view.bindReader({
      close: () => this.close(),
      open: (id, how) => this.open(id, how),
    });
    view.bindTimeline({
      range: (from, to) => this.navigate({ from, to }),
      clear: () => this.navigate({ from: null, to: null }),
      zoom: (dir) => this.zoom(dir),
    });
    view.bindTabs((mode) => this.navigate({ view: mode }));
    view.events.bind({
      range: (efrom, eto) => this.navigate({ efrom, eto }),
      clear: () => this.navigate({ efrom: null, eto: null }),
      clearPublished: () => this.navigate({ from: null, to: null }),
      zoom: (dir) => this.zoomEvents(dir),
      order: (order) => this.navigate({ order }),
      more: () => this.moreEvents(),
      all: (value) => this.allRows(value),
      open: (id, event, text) => this.openEvent(id, event, text),
      exportAs: (format) => this.exportEvents(format),
    });
    view.entities.bind({
      filter: (e) => this.navigate({ q: withFilter(this.store.state.q, e), entity: null }),
      unfilter: (token) => this.navigate({ q: withoutFilter(this.store.state.q, token) }),
      entity: (key) => this.openEntity(key),
      open: (id, event, text) => this.openEvent(id, event, text),
    });
    view.bindReaderEntities((key) => this.openEntity(key));
    view.bindKeys({
      open: (id, how) => this.open(id, how),
      close: () => this.close(),
    });
    store.subscribe((state, previous, cause) => {
      if (cause === 'history') {
        clearTimeout(this.debounce);
        this.typingEntry = false;
        this.prefix = false;
      }
      this.render(state, previous, cause);
    });
    view.setReady();
    this.render(store.state, null, 'load');
    if (this.corpus.hasEntities()) {
      this.entityState = 'loading';
      view.entities.setStatus('loading');
      this.render(store.state, store.state, 'set');
      // Search works first; people and places follow when the page is idle.
      this.whenIdle(() => this.loadEntities());
    }
  }

  /**
   * Run fn when the page is idle and nobody has typed for a moment
   * (recognition blocks the page while it runs: seconds on a large collection).
   * @param {() => void} fn
   */
  whenIdle(fn) {
    const idle = globalThis.requestIdleCallback
      ? (/** @type {() => void} */ f) => globalThis.requestIdleCallback(f, { timeout: 2000 })
      : (/** @type {() => void} */ f) => setTimeout(f, 100);
    const attempt = () => {
      const quiet = performance.now() - this.lastInput;
      if (quiet < TYPING_PAUSE_MS) setTimeout(() => idle(attempt), TYPING_PAUSE_MS - quiet);
      else fn();
    };
    idle(attempt);
  }

  async loadEntities() {
    try {
      const stats = await this.corpus.loadEntities();
      this.entityState = 'ready';
      this.view.entities.setStatus(stats.entities > 0 ? 'ready' : 'none');
    } catch (e) {
      this.entityState = 'failed';
      this.view.entities.setStatus('failed', e instanceof Error ? e.message : '');
    }
    if (this.failed) return;
    const state = this.store.state;
    this.entityKey = '';
    this.redrawArticle = true;
    if (/(^|\s)-?(person|org|place|entity):/i.test(state.q)) {
      // The query filters by name: its results change now.
      this.lastKey = '';
      this.lastEventsKey = '';
    } else {
      // Only the facets change: leave the list (and the focus in it) alone.
      try {
        const { response } = this.corpus.search({ ...this.request(state), limit: 1 });
        this.view.entities.renderFacets(response.facets, state.q);
      } catch (e) {
        this.fail('The search engine stopped working.', errorText(e));
        return;
      }
    }
    this.render(state, state, 'set');
  }

  /**
   * Show an entity's view (null: close it). Opening closes the reader.
   * @param {string|null} key
   */
  openEntity(key) {
    this.focusEntity = Boolean(key);
    if (key === this.store.state.entity) {
      this.entityKey = '';
      this.render(this.store.state, this.store.state, 'set');
      return;
    }
    this.navigate(key ? { entity: key, doc: null } : { entity: null });
  }

  // ------------------------------------------------------------------ intents

  /**
   * A state change that is its own back-able step.
   * @param {Partial<State>} patch
   */
  navigate(patch) {
    clearTimeout(this.debounce);
    this.typingEntry = false;
    this.prefix = false;
    this.store.set(patch, { history: 'push' });
  }

  /** @param {string} q */
  onType(q) {
    this.lastInput = performance.now();
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.prefix = true;
      // The first keystroke of a burst makes one history entry; the rest rewrite it.
      const history = this.typingEntry ? 'replace' : 'push';
      this.typingEntry = true;
      this.store.set({ q }, { history });
    }, DEBOUNCE_MS);
  }

  /** @param {string} q  Enter in the search box: search the whole words. */
  onSubmit(q) {
    clearTimeout(this.debounce);
    const history = this.typingEntry || q === this.store.state.q ? 'replace' : 'push';
    this.typingEntry = false;
    this.prefix = false;
    if (q === this.store.state.q) this.refresh();
    else this.store.set({ q }, { history });
  }

  /**
   * Open an article in the reader.
   * @param {string} id
   * @param {'click'|'keys'} [how]  'keys': j/k with the reader open (rewrites the entry).
   */
  open(id, how = 'click') {
    const state = this.store.state;
    if (state.doc === id && state.focus === null) {
      this.showArticle(state, true);
      return;
    }
    clearTimeout(this.debounce);
    this.typingEntry = false;
    if (how === 'keys' && state.doc) {
      this.store.set({ doc: id, focus: null }, { history: 'replace', mark: this.store.entryMark() });
    } else {
      this.store.set({ doc: id, focus: null }, { history: 'push', mark: state.doc ? null : { [OPENED]: true } });
    }
  }

  /**
   * Open an article at the sentence of an event row.
   * @param {string} id
   * @param {number} event
   * @param {string} text  The expression as written.
   */
  openEvent(id, event, text) {
    const state = this.store.state;
    this.focusExpr = { event, text };
    clearTimeout(this.debounce);
    this.typingEntry = false;
    if (state.doc === id && state.focus === event) {
      this.showArticle(state, true);
      return;
    }
    this.store.set({ doc: id, focus: event }, { history: 'push', mark: state.doc ? null : { [OPENED]: true } });
  }

  close() {
    if (!this.store.state.doc) return;
    const mark = this.store.entryMark();
    this.typingEntry = false;
    if (mark && typeof mark === 'object' && mark[OPENED]) this.store.back();
    else this.store.set({ doc: null }, { history: 'push' });
  }

  /** @param {'in'|'out'} dir */
  zoom(dir) {
    const { from, to } = this.store.state;
    if (dir === 'in' && from && to) this.navigate({ vfrom: from, vto: to });
    else this.navigate({ vfrom: null, vto: null });
  }

  /** @param {'in'|'out'} dir */
  zoomEvents(dir) {
    const { efrom, eto } = this.store.state;
    if (dir === 'in' && efrom && eto) this.navigate({ evfrom: efrom, evto: eto });
    else this.navigate({ evfrom: null, evto: null });
  }

  moreEvents() {
    if (!this.lastEventsReq) return;
    this.runEvents({ ...this.lastEventsReq, offset: this.view.events.shown }, true);
  }

  /**
   * Show every article that mentions one date of the list.
   * @param {string} value
   */
  allRows(value) {
    const d = this.eventDates.get(value);
    if (!d || !this.lastEventsReq) return;
    const req = { ...this.lastEventsReq, event_from: d.start, event_to: d.end, offset: 0, limit: 1000, per_date: 1000 };
    let res;
    try {
      res = this.corpus.events(req).response;
    } catch (e) {
      this.fail('The search engine stopped working.', errorText(e));
      return;
    }
    const full = res.dates.find((x) => x.value === value);
    if (!full) return;
    this.eventDates.set(value, full);
    this.view.events.replaceDate(full, this.eventHref());
  }

  /**
   * Download every event of the list on screen (all pages).
   * @param {'csv'|'json'} format
   */
  exportEvents(format) {
    const state = this.store.state;
    const base = this.eventsRequest(state);
    delete base.view_from;
    delete base.view_to;
    let res;
    try {
      res = this.corpus.allEvents(base);
    } catch (e) {
      this.fail('The search engine stopped working.', errorText(e));
      return;
    }
    if (format === 'csv') {
      this.view.events.download(eventsCsv(res.dates), exportName(state, 'csv'), 'text/csv;charset=utf-8');
    } else {
      const query = { q: state.q, from: state.from, to: state.to, event_from: state.efrom, event_to: state.eto, order: state.order };
      this.view.events.download(eventsJson(res, query), exportName(state, 'json'), 'application/json');
    }
  }

  more() {
    if (!this.lastReq || this.shown >= this.total) return;
    const req = { ...this.lastReq, offset: this.shown };
    this.run(req, true);
  }

  /** Search again with the same state (Enter with an unchanged query). */
  refresh() {
    this.lastKey = '';
    this.lastEventsKey = '';
    this.render(this.store.state, this.store.state, 'set');
  }

  // ------------------------------------------------------------------ renders

  /**
   * @param {State} state
   * @returns {SearchRequest}
   */
  request(state) {
    /** @type {SearchRequest} */
    const req = { q: state.q, sort: state.sort, offset: 0, limit: this.pageSize };
    if (state.from) req.from = state.from;
    if (state.to) req.to = state.to;
    if (state.vfrom && state.vto) {
      req.view_from = state.vfrom;
      req.view_to = state.vto;
    }
    if (this.prefix && state.q.trim()) req.prefix_last = true;
    return req;
  }

  /**
   * @param {SearchRequest} req
   * @param {boolean} append
   * @returns {boolean} false when the engine failed
   */
  run(req, append) {
    const state = this.store.state;
    let out;
    try {
      out = this.corpus.search(req);
    } catch (e) {
      this.fail('The search engine stopped working.', errorText(e));
      return false;
    }
    const { response, ms } = out;
    this.view.renderResults(response, {
      ms,
      append,
      hrefFor: (id) => toHash({ ...state, doc: id }) || '#',
      openId: state.doc,
      q: state.q,
      ranged: Boolean(state.from || state.to),
    });
    if (!append && this.entityState !== 'off') this.view.entities.renderFacets(response.facets, state.q);
    if (!append) {
      this.view.renderTimeline(response.timeline, {
        from: state.from,
        to: state.to,
        hasQuery: state.q.trim() !== '',
        zoomed: Boolean(state.vfrom && state.vto),
      });
      this.shown = 0;
    }
    this.lastReq = req;
    this.shown += response.hits.length;
    this.total = response.total;
    return true;
  }

  /**
   * @param {State} state
   * @returns {EventsRequest}
   */
  eventsRequest(state) {
    /** @type {EventsRequest} */
    const req = { q: state.q, order: state.order, offset: 0, limit: EVENT_DATES, per_date: EVENT_ROWS };
    if (state.from) req.from = state.from;
    if (state.to) req.to = state.to;
    if (state.efrom) req.event_from = state.efrom;
    if (state.eto) req.event_to = state.eto;
    if (state.evfrom && state.evto) {
      req.view_from = state.evfrom;
      req.view_to = state.evto;
    }
    if (this.prefix && state.q.trim()) req.prefix_last = true;
    return req;
  }

  /** The href of an entity's view. */
  entityHref() {
    const state = this.store.state;
    return (/** @type {string} */ key) => toHash({ ...state, entity: key, doc: null }) || '#';
  }

  /** The href of an event row: the reader at its sentence. */
  eventHref() {
    const state = this.store.state;
    return (/** @type {EventRow} */ r) => toHash({ ...state, doc: r.id, focus: r.event }) || '#';
  }

  /**
   * @param {EventsRequest} req
   * @param {boolean} append
   * @returns {boolean} false when the engine failed
   */
  runEvents(req, append) {
    const state = this.store.state;
    let out;
    try {
      out = this.corpus.events(req);
    } catch (e) {
      this.fail('The search engine stopped working.', errorText(e));
      return false;
    }
    const { response, ms } = out;
    if (!append) this.eventDates.clear();
    for (const d of response.dates) this.eventDates.set(d.value, d);
    this.view.events.render(response, { ms, append, hrefFor: this.eventHref(), state });
    this.lastEventsReq = req;
    this.view.events.markOpen(state.doc ? state.focus : null);
    return true;
  }

  /**
   * The facets beside the event list: those of the articles the events come from.
   * @param {State} state
   * @returns {boolean} false when the engine failed
   */
  eventFacets(state) {
    if (this.entityState !== 'ready') return true;
    const req = { ...this.request(state), limit: 1 };
    const key = JSON.stringify(req);
    if (key === this.lastFacetsKey) return true;
    try {
      this.view.entities.renderFacets(this.corpus.search(req).response.facets, state.q);
    } catch (e) {
      this.fail('The search engine stopped working.', errorText(e));
      return false;
    }
    this.lastFacetsKey = key;
    return true;
  }

  /**
   * Show the open article (state.doc) in the reader.
   * @param {State} state
   * @param {boolean} focus  Move focus into the reader.
   * @returns {boolean} false when the engine failed
   */
  showArticle(state, focus) {
    if (!state.doc) return true;
    let article;
    try {
      article = this.corpus.article(state.doc, state.q, state.focus) ?? null;
    } catch (e) {
      this.fail('The search engine stopped working.', errorText(e));
      return false;
    }
    const expr = this.focusExpr && this.focusExpr.event === state.focus ? this.focusExpr.text : null;
    const entityHref = this.entityState === 'ready' ? this.entityHref() : null;
    this.view.showArticle(article, { focus, expr, entityHref });
    this.view.events.markOpen(state.focus);
    return true;
  }

  /**
   * The entity lane: facets (drawn with the results), filter chips, the entity view.
   * @param {State} state
   */
  renderEntities(state) {
    const { entities } = this.view;
    const on = this.entityState !== 'off';
    entities.show(on, Boolean(state.entity));
    entities.renderFilters(state.q, this.entityHref());
    if (!on) return;
    if (!state.entity) {
      if (this.entityKey) entities.renderEntity(null);
      this.entityKey = '';
      return;
    }
    const key = JSON.stringify([state.entity, state.q, this.entityState]);
    if (key === this.entityKey && !this.focusEntity) return;
    this.entityKey = key;
    let entity;
    try {
      entity = this.entityState === 'ready' ? this.corpus.entity(state.entity, state.q) : undefined;
    } catch (e) {
      this.fail('The search engine stopped working.', errorText(e));
      return;
    }
    const focus = this.focusEntity;
    this.focusEntity = false;
    if (this.entityState === 'loading') return; // drawn once the names are known
    entities.renderEntity({ key: state.entity, entity, q: state.q, hrefFor: this.eventHref(), focus });
  }

  /**
   * @param {string} message
   * @param {string} detail
   */
  fail(message, detail) {
    this.failed = true;
    this.view.showError(message, detail);
  }

  /**
   * Bring the page in line with the state.
   * @param {State} state
   * @param {State|null} previous
   * @param {'history'|'set'|'load'} cause
   */
  render(state, previous, cause) {
    if (this.failed) return;
    const { view } = this;
    // Don't overwrite what is being typed when something else re-renders.
    if (!previous || previous.q !== state.q || cause !== 'set') view.setQuery(state.q);
    view.setSort(state.sort);
    view.events.setOrder(state.order);
    view.setMode(state.view);
    let searched = false;
    if (state.view === 'events') {
      const ereq = this.eventsRequest(state);
      const ekey = JSON.stringify(ereq);
      if (ekey !== this.lastEventsKey) {
        if (!this.runEvents(ereq, false)) return;
        this.lastEventsKey = ekey;
      }
      if (!this.eventFacets(state)) return;
    } else {
      const req = this.request(state);
      const key = JSON.stringify({ ...req, offset: 0 });
      searched = key !== this.lastKey;
      if (searched) {
        if (!this.run(req, false)) return;
        this.lastKey = key;
      }
    }

    this.renderEntities(state);

    if (state.doc) {
      const docChanged = !previous || previous.doc !== state.doc;
      const focusChanged = !previous || previous.focus !== state.focus;
      const redraw = this.redrawArticle;
      this.redrawArticle = false;
      if (docChanged || focusChanged || redraw || previous?.q !== state.q || cause === 'history') {
        // Focus moves into the reader when an article is opened, not while typing.
        const focus = (docChanged || focusChanged) && !(cause === 'set' && this.typingEntry);
        if (!this.showArticle(state, focus)) return;
      } else if (searched) {
        view.markOpen(state.doc);
      }
    } else {
      view.closeReader({ restoreFocus: Boolean(previous?.doc) && cause !== 'load' });
    }
    view.setTitle(state);
  }
}
