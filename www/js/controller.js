// Wires the store (URL-hash state), the engine and the view: user intents
// become state changes; state changes become searches and renders.
//
// Searches and articles are asynchronous: with a prebuilt index they first
// fetch the index files they need. Every render has a generation number; a
// newer render supersedes an older one still waiting, whose answers are then
// dropped (the URL hash is the state, and the page always ends up showing it).

import { TIMELINE_KEYS, toHash } from './store.js';
import { LoadError, Superseded, errorText } from './engine.js';
import { RESULTS_CAP, eventsCsv, eventsJson, exportName, resultsCsv, resultsJson } from './export.js';
import { noNotes, notesOf, searchedQuery } from './notes.js';
import { clipQuery, findFilter, namesEntity, withFilter, withoutFilter } from './query.js';
import { collectionTips } from './tips.js';

/** @typedef {import('./types.js').State} State */
/** @typedef {import('./types.js').SearchRequest} SearchRequest */
/** @typedef {import('./types.js').EventsRequest} EventsRequest */
/** @typedef {import('./types.js').EventDate} EventDate */
/** @typedef {import('./types.js').EventRow} EventRow */
/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./engine.js').Corpus} Corpus */
/** @typedef {import('./view/page.js').View} View */
/** @typedef {import('./query.js').QueryFilter} QueryFilter */
/** @typedef {import('./types.js').SearchResponse} SearchResponse */
/** @typedef {import('./types.js').SearchNotes} SearchNotes */

/**
 * A query and the core's reading of it: its filters and its notes (the
 * chips, the pressed facets, adding and removing a filter or a problem).
 * @typedef {{q: string, filters: QueryFilter[], notes: SearchNotes}} Parsed
 */

/**
 * @param {string} q
 * @param {SearchResponse} response  A search for q.
 * @returns {Parsed}
 */
function parsedOf(q, response) {
  const notes = notesOf(response.notes);
  // The core was sent at most MAX_QUERY_UNITS of q (clipQuery): what it left out runs to q's end.
  notes.limits = notes.limits.map((l) => (l.end > 0 && l.end < q.length ? { ...l, end: q.length } : l));
  return { q, filters: response.filters ?? [], notes };
}

/**
 * Let the page handle what waits (a key, a click, a paint) before going on:
 * a search and its rendering run as separate tasks, so that none of them
 * holds the page for long (the core's query budget keeps each short).
 * @returns {Promise<void>}
 */
function yieldToPage() {
  const sched = /** @type {{scheduler?: {yield?: () => Promise<void>}}} */ (globalThis).scheduler;
  if (sched?.yield) return sched.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** How long typing pauses before a search runs. */
const DEBOUNCE_MS = 60;

/** `history.state` of an entry made by opening an article from a list. */
const OPENED = 'dateline:opened';

/** What the banner adds when an event-and-entity file of a prebuilt index could not be had. */
const WITHOUT_ANNOTATIONS = 'Search still works; the events, people and places are unavailable.';
/** A card chunk that could not be read: its rows are made from the documents instead. */
const WITHOUT_CARDS = 'Search still works; its rows are read from the full articles.';

/** Entity recognition waits until typing has paused this long. */
const TYPING_PAUSE_MS = 800;

/**
 * Dates per page of the event list ("Show more dates" adds as many), and
 * rows per date. A row's sentence is read from its article: on a prebuilt
 * site, up to a document chunk a row (a date's rows read their own
 * articles only: `event_rows`). 20 dates fill more than a screen.
 */
const EVENT_DATES = 20;
const EVENT_ROWS = 3;

/** "Loading…" shows when fetching index files takes longer than this (ms). */
const BUSY_MS = 150;

/**
 * An article, or why it could not be had.
 * @typedef {{article: import('./types.js').ArticleView|null, error?: undefined} | {article?: undefined, error: unknown}} ArticleResult
 */

/**
 * What identifies the list a search request draws (any page of it): the
 * controller's `lastKey`.
 * @param {SearchRequest} req
 * @returns {string}
 */
function listKey(req) {
  return JSON.stringify({ ...req, offset: 0 });
}

export class Controller {
  /**
   * @param {{store: Store, view: View, corpus: Corpus, pageSize?: number, top?: number|null}} deps
   */
  constructor({ store, view, corpus, pageSize = 20, top = null }) {
    this.store = store;
    this.view = view;
    this.corpus = corpus;
    this.pageSize = pageSize;
    /** Events, facets and entity views over this many top results (`?top=N`); null: the core's default. */
    this.top = top;
    /** The request behind the list on screen (for "more results"). @type {SearchRequest|null} */
    this.lastReq = null;
    this.lastKey = '';
    /** Results on screen. */
    this.shown = 0;
    /** Total of the last search. */
    this.total = 0;
    /** True while the current history entry belongs to a burst of typing. */
    this.typingEntry = false;
    /** @type {ReturnType<typeof setTimeout>|undefined} */
    this.debounce = undefined;
    this.failed = false;
    /** The events request behind the list on screen. @type {EventsRequest|null} */
    this.lastEventsReq = null;
    /** The events lane on screen. @type {import('./types.js').EventLane|null} */
    this.lastLane = null;
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
    /** Generation of the latest render: answers for older ones are stale. */
    this.gen = 0;
    /** The state the last completed render put on screen. @type {State|null} */
    this.rendered = null;
    /** Generation whose "more results" is on its way (one at a time). */
    this.moreGen = -1;
    /** Searches and articles waiting for index files. */
    this.waiting = 0;
    /** @type {ReturnType<typeof setTimeout>|undefined} */
    this.busyTimer = undefined;
    /** The last query searched and the core's reading of it. @type {Parsed} */
    this.parsed = { q: '', filters: [], notes: noNotes() };
  }

  start() {
    const { view, store } = this;
    view.renderCorpus(this.corpus.stats, this.corpus.manifest);
    view.setFeatures(this.corpus.features);
    view.bindSearch(
      (q) => this.onType(q),
      (q) => this.onSubmit(q),
    );
    view.bindSkipLink();
    view.results.bindSort((sort) => this.navigate({ sort }));
    view.results.bindMore(() => this.more());
    view.results.exports.bind((format) => this.exportResults(format));
    view.results.notes.bind((q) => this.navigate({ q }));
    view.tips.render(collectionTips(this.corpus.stats, null));
    view.bindOpen((id) => this.open(id));
    view.bindReader({
      close: () => this.close(),
      open: (id, how) => this.open(id, how),
    });
    view.timelines.bindPublications({
      range: (from, to) => this.navigate({ from, to }),
      clear: () => this.navigate({ from: null, to: null }),
      zoom: (dir) => this.zoom('articles', dir),
    });
    view.timelines.bindEvents({
      range: (efrom, eto) => this.navigate({ efrom, eto }),
      clear: () => this.navigate({ efrom: null, eto: null }),
      clearPublished: () => this.navigate({ from: null, to: null }),
      zoom: (dir) => this.zoom('events', dir),
    });
    view.timelines.bindTabs((mode) => this.navigate({ view: mode }));
    view.events.bind({
      order: (order) => this.navigate({ order }),
      more: () => this.moreEvents(),
      all: (value) => this.allRows(value),
      open: (id, event, text) => this.openEvent(id, event, text),
      exportAs: (format) => this.exportEvents(format),
    });
    view.entities.bind({
      filter: (token) => this.addFilter(token),
      unfilter: (token) => this.removeFilter(token),
      entity: (key) => this.openEntity(key),
      open: (id, event, text) => this.openEvent(id, event, text),
      list: (group) => this.entityList(group),
    });
    view.filters.bind({
      unfilter: (token) => this.removeFilter(token),
      entity: (key) => this.openEntity(key),
    });
    view.reader.bindEntities((key) => this.openEntity(key));
    view.bindKeys({
      open: (id, how) => this.open(id, how),
      close: () => this.close(),
    });
    store.subscribe((state, previous, cause) => {
      if (cause === 'history') {
        clearTimeout(this.debounce);
        this.typingEntry = false;
      }
      this.render(state, previous, cause);
    });
    view.setReady();
    if (this.corpus.hasEntities()) {
      this.entityState = 'loading';
      view.entities.setStatus('loading');
    }
    const first = this.render(store.state, null, 'load');
    this.showCollectionTips();
    // Search works first; people and places follow when the page is idle,
    // after the first view is drawn: a prebuilt site fetches nothing for
    // them before its opening list (start-up stays its files alone).
    if (this.entityState === 'loading') first.then(() => this.whenIdle(() => this.loadEntities()));
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
    // Said once the facets below are drawn, in the same task: "ready" beside
    // the placeholder facets drawn while entities loaded would be read (by a
    // person, or a test) as the facets of the list.
    let said = () => {};
    try {
      const stats = await this.corpus.loadEntities();
      this.entityState = 'ready';
      said = () => this.view.entities.setStatus(stats.entities > 0 ? 'ready' : 'none', '', this.corpus.entitySource);
    } catch (e) {
      if (e instanceof Superseded) return; // the collection's new index recognizes its own

      this.entityState = 'failed';
      this.view.entities.setStatus('failed', e instanceof Error ? e.message : '');
    }
    if (this.failed) {
      said();
      return;
    }
    const state = this.store.state;
    this.entityKey = '';
    this.redrawArticle = true;
    const gen = this.gen;
    try {
      const { response, lacking } = await this.corpus.search({ ...this.request(state), limit: 1 });
      said();
      this.parsed = parsedOf(state.q, response);
      const { filters } = this.parsed;
      if (filters.some(namesEntity)) {
        // The query filters by name: its results change now.
        this.lastKey = '';
        this.lastEventsKey = '';
      } else if (gen === this.gen) {
        // Only the facets change: leave the list (and the focus in it) alone.
        this.showFacets(response, lacking);
      } else this.lastKey = ''; // the state moved on meanwhile: search it again, facets and all
    } catch (e) {
      said();
      if (e instanceof LoadError) {
        this.view.showProblem(e.message, e.detail);
        this.lastKey = '';
      } else {
        this.fail('The search engine stopped working.', errorText(e));
        return;
      }
    }
    this.render(this.store.state, this.store.state, 'set');
    await this.showCollectionTips();
  }

  /**
   * The facets of `req` (a prebuilt index): asked beside its list (`run`),
   * their fetches at low priority so that the list's are not slowed, and
   * drawn once that list is (`facetsAfter`).
   * @param {SearchRequest} req
   * @returns {ReturnType<Corpus['search']>}
   */
  facetsBeside(req) {
    const pending = this.corpus.search({ ...req, limit: 1 }, 'low');
    pending.catch(() => {}); // read by `facetsAfter`, or dropped with a list that failed
    return pending;
  }

  /**
   * Draw the facets `pending` brings once its list is drawn, while that
   * list is still the one on screen (a render that only opens an article
   * keeps it; another query or the events view does not). They were asked
   * with the list (`facetsBeside`): the round trips for a result's
   * entities and their names overlap the list's own instead of following
   * them (a phrase's cold query: 3 round trips, not 4).
   * @param {SearchRequest} req
   * @param {ReturnType<Corpus['search']>} pending
   */
  async facetsAfter(req, pending) {
    const key = listKey(req);
    const current = () =>
      !this.failed && key === this.lastKey && !(this.corpus.features.events && this.store.state.view === 'events');
    try {
      const { response, lacking } = await pending;
      // They may be in before the list is: check in a task of its own, once
      // the render that drew the list has said which list it is (`lastKey`).
      await yieldToPage();
      if (current()) this.showFacets(response, lacking);
    } catch (e) {
      if (!current()) return;
      if (e instanceof LoadError) this.view.showProblem(e.message, e.detail);
      else this.fail('The search engine stopped working.', errorText(e));
    }
  }

  /**
   * The facets of a search, or, when a file they need could not be read
   * (`lacking`), none and a status naming it: not counts from the others.
   * @param {SearchResponse} response
   * @param {LoadError|null} lacking
   */
  showFacets(response, lacking) {
    const ents = this.view.entities;
    if (lacking) {
      ents.renderFacets(undefined, this.parsed);
      ents.setStatus('failed', lacking.message);
      return;
    }
    // Whole again (another query, or the file read after all).
    if (this.entityState === 'ready' && ents.aside.dataset.state === 'failed') ents.setStatus('ready');
    ents.renderFacets(response.facets, this.parsed);
  }

  /**
   * The collection was indexed anew (`Corpus.rebuild`: the reader's own
   * files added or removed): show its counts, search, timelines and events
   * again from the new index, and find its people and places.
   */
  reindexed() {
    this.lastKey = '';
    this.lastEventsKey = '';
    this.lastFacetsKey = '';
    this.entityKey = '';
    this.redrawArticle = true;
    this.view.renderCorpus(this.corpus.stats, this.corpus.manifest);
    if (this.corpus.hasEntities()) {
      this.entityState = 'loading';
      this.view.entities.setStatus('loading');
    }
    this.render(this.store.state, this.store.state, 'set');
    this.showCollectionTips();
    if (this.entityState === 'loading') this.loadEntities();
  }

  /**
   * The search tips with examples from the collection: its busiest month
   * (the empty query's timeline), and the names most articles mention (its
   * facets, once entities are loaded). A prebuilt index is not asked (that
   * would fetch files only for the tips): its tips use the stats' dates.
   */
  async showCollectionTips() {
    const { corpus } = this;
    if (this.failed || corpus.prebuilt) return;
    try {
      const { response } = await corpus.search({ q: '', sort: 'relevance', offset: 0, limit: 1 });
      const facets = this.entityState === 'ready' ? response.facets : null;
      this.view.tips.render(collectionTips(corpus.stats, facets, response.timeline));
    } catch {
      // The tips keep their examples; the search itself reports its own failures.
    }
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
   * Filter by an entity: its token added to the query (unless there).
   * @param {string} token  A facet's or entity's `filter`.
   */
  addFilter(token) {
    const { q } = this.store.state;
    const filters = this.parsed.q === q ? this.parsed.filters : [];
    this.navigate({ q: withFilter(q, filters, token), entity: null });
  }

  /**
   * Remove a filter, or a part the core could not use, from the query (a
   * chip's ×, a pressed facet): cut by the span the core found it at.
   * @param {string} token  The filter or part as typed (or a facet's `filter`).
   */
  removeFilter(token) {
    const { q } = this.store.state;
    if (this.parsed.q !== q) return; // not parsed yet: nothing known to remove
    const f = findFilter(q, this.parsed.filters, token) ?? findFilter(q, this.parsed.notes.problems, token);
    if (f) this.navigate({ q: withoutFilter(q, f) });
  }

  /**
   * A state change that is its own back-able step.
   * @param {Partial<State>} patch
   */
  navigate(patch) {
    clearTimeout(this.debounce);
    this.typingEntry = false;
    this.store.set(patch, { history: 'push' });
  }

  /** @param {string} q */
  onType(q) {
    this.lastInput = performance.now();
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      // The first keystroke of a burst makes one history entry; the rest rewrite it.
      const history = this.typingEntry ? 'replace' : 'push';
      this.typingEntry = true;
      this.store.set({ q }, { history });
    }, DEBOUNCE_MS);
  }

  /** @param {string} q  Enter in the search box: search now. */
  onSubmit(q) {
    clearTimeout(this.debounce);
    const history = this.typingEntry || q === this.store.state.q ? 'replace' : 'push';
    this.typingEntry = false;
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

  /**
   * Zoom a timeline to its chosen dates ('in'), or back to all of them.
   * @param {State['view']} which  The publication timeline or the events lane.
   * @param {'in'|'out'} dir
   */
  zoom(which, dir) {
    const { range, zoom } = TIMELINE_KEYS[which];
    const from = this.store.state[range[0]];
    const to = this.store.state[range[1]];
    const inside = dir === 'in' && from && to;
    // The events lane opens on the period most events lie in: zooming out
    // of it shows every date the events name, far past and future included.
    const lane = this.lastLane;
    const zoomed = this.store.state[zoom[0]] && this.store.state[zoom[1]];
    if (which === 'events' && dir === 'out' && !zoomed && lane?.all_start && lane.all_end) {
      this.navigate({ [zoom[0]]: lane.all_start, [zoom[1]]: lane.all_end });
      return;
    }
    this.navigate({ [zoom[0]]: inside ? from : null, [zoom[1]]: inside ? to : null });
  }

  /**
   * An index file that could not be fetched or read shows a banner naming
   * it (search goes on); anything else stops the engine.
   * @param {unknown} e
   */
  problemOrFail(e) {
    if (e instanceof LoadError) this.view.showProblem(e.message, e.detail);
    else this.fail('The search engine stopped working.', errorText(e));
  }

  /**
   * Open (or refresh) a facet group's long list: every entity of the group
   * the current results name.
   * @param {import('./types.js').FacetGroup} group
   */
  async entityList(group) {
    if (this.entityState !== 'ready') return;
    const state = this.store.state;
    let list;
    try {
      list = await this.corpus.entityList({ search: this.request(state), group });
    } catch (e) {
      this.problemOrFail(e);
      return;
    }
    this.view.entities.renderList(group, list, this.parsed);
  }

  moreEvents() {
    if (!this.lastEventsReq || !this.corpus.features.events) return;
    void this.runEvents({ ...this.lastEventsReq, offset: this.view.events.shown }, true);
  }

  /**
   * Show every article that mentions one date of the list.
   * @param {string} value
   */
  async allRows(value) {
    const d = this.eventDates.get(value);
    if (!d || !this.lastEventsReq || !this.corpus.features.events) return;
    const req = { ...this.lastEventsReq, event_from: d.start, event_to: d.end, offset: 0, limit: 1000, per_date: 1000 };
    let res;
    try {
      res = (await this.corpus.events(req)).response;
    } catch (e) {
      this.problemOrFail(e);
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
  async exportEvents(format) {
    if (!this.corpus.features.events) return;
    const state = this.store.state;
    const base = this.eventsRequest(state);
    delete base.view_from;
    delete base.view_to;
    let res;
    try {
      res = await this.corpus.allEvents(base);
    } catch (e) {
      this.problemOrFail(e);
      return;
    }
    const { exports } = this.view.events;
    const chosen = { q: state.q, from: state.efrom, to: state.eto };
    if (format === 'csv') {
      exports.download(eventsCsv(res.dates), exportName('events', chosen, 'csv'), 'text/csv;charset=utf-8');
    } else {
      const query = { q: state.q, from: state.from, to: state.to, event_from: state.efrom, event_to: state.eto, order: state.order };
      exports.download(eventsJson(res, query), exportName('events', chosen, 'json'), 'application/json');
    }
  }

  /**
   * Download the results of the list on screen: every match of its query
   * and dates in its order (not only the pages shown), up to RESULTS_CAP.
   * @param {'csv'|'json'} format
   */
  async exportResults(format) {
    const state = this.store.state;
    const req = this.request(state);
    delete req.view_from;
    delete req.view_to;
    let res;
    try {
      res = await this.track(this.corpus.allResults(req, RESULTS_CAP));
    } catch (e) {
      if (e instanceof LoadError) this.view.showProblem(e.message, e.detail);
      else this.fail('The search engine stopped working.', errorText(e));
      return;
    }
    const { exports } = this.view.results;
    const chosen = { q: state.q, from: state.from, to: state.to };
    if (format === 'csv') {
      exports.download(resultsCsv(res.hits), exportName('results', chosen, 'csv'), 'text/csv;charset=utf-8');
    } else {
      const query = { ...chosen, sort: state.sort };
      exports.download(resultsJson(res, query), exportName('results', chosen, 'json'), 'application/json');
    }
    const capped = res.hits.length < res.listed;
    exports.say(capped ? `The download holds the first ${res.hits.length.toLocaleString()} of ${res.listed.toLocaleString()} results.` : '');
  }

  async more() {
    if (!this.lastReq || this.shown >= this.total || this.moreGen === this.gen) return;
    const gen = this.gen;
    this.moreGen = gen;
    /** @type {LoadError[]} */
    const problems = [];
    try {
      await this.run(this.store.state, { ...this.lastReq, offset: this.shown }, true, gen, problems);
    } finally {
      if (this.moreGen === gen) this.moreGen = -1;
    }
    if (problems.length && gen === this.gen) this.view.showProblem(problems[0].message, problems[0].detail);
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
    const req = { q: clipQuery(state.q), sort: state.sort, offset: 0, limit: this.pageSize };
    if (this.top !== null) req.top = this.top;
    return this.shared(req, state, state.vfrom, state.vto);
  }

  /**
   * Fills in what a search and an events request share: the publication-date filter, the timeline's zoom window
   * (both ends or none).
   * @template {SearchRequest|EventsRequest} R
   * @param {R} req
   * @param {State} state
   * @param {string|null} viewFrom
   * @param {string|null} viewTo
   * @returns {R}
   */
  shared(req, state, viewFrom, viewTo) {
    if (state.from) req.from = state.from;
    if (state.to) req.to = state.to;
    if (viewFrom && viewTo) {
      req.view_from = viewFrom;
      req.view_to = viewTo;
    }
    return req;
  }

  /**
   * Show "loading…" while a search or an article waits longer than BUSY_MS
   * for index files (never for an in-page corpus, whose answers are immediate).
   * @template T
   * @param {Promise<T>} promise
   * @returns {Promise<T>}
   */
  async track(promise) {
    if (!this.corpus.prebuilt) return promise;
    if (this.waiting++ === 0) {
      clearTimeout(this.busyTimer);
      this.busyTimer = setTimeout(() => this.view.setBusy(true), BUSY_MS);
    }
    try {
      return await promise;
    } finally {
      if (--this.waiting === 0) {
        clearTimeout(this.busyTimer);
        this.view.setBusy(false);
      }
    }
  }

  /**
   * Search and show the results (append: the next page).
   * @param {State} state  The state the request comes from.
   * @param {SearchRequest} req
   * @param {boolean} append
   * @param {number} gen  The render it belongs to.
   * @param {LoadError[]} problems  Index files that could not be had are added here.
   * @returns {Promise<'ok'|'stale'|'failed'|'fatal'>}
   *   'failed': an index file could not be fetched or read (the list says so);
   *   'fatal': the engine broke (the page shows it and stops).
   */
  async run(state, req, append, gen, problems) {
    let out;
    /** The facets asked beside the list (a prebuilt index), drawn after it. @type {ReturnType<Corpus['search']>|null} */
    let facets = null;
    // The search, then its rendering, each in a task of its own; a newer
    // state meanwhile makes this one stale.
    await yieldToPage();
    if (gen !== this.gen || this.failed) return 'stale';
    // A prebuilt index draws the list first and its facets after: they read
    // the entities of the top results (`dents-*`, then the names shown), most
    // of a cold query's requests and a round trip the list need not wait for.
    // Both are asked now, the facets' fetches at low priority (`facetsBeside`).
    const later = !append && this.corpus.prebuilt && this.entityState === 'ready';
    try {
      const list = this.corpus.search(later ? { ...req, top: 0 } : req);
      facets = later ? this.facetsBeside(req) : null;
      out = await this.track(list);
      await yieldToPage();
    } catch (e) {
      if (this.failed) return 'fatal';
      if (gen !== this.gen) return 'stale';
      if (e instanceof LoadError) {
        problems.push(e);
        if (!append) {
          this.view.renderSearchFailed(state.q);
          this.lastReq = null;
          this.shown = this.total = 0;
        }
        return 'failed';
      }
      this.fail('The search engine stopped working.', errorText(e));
      return 'fatal';
    }
    if (this.failed) return 'fatal';
    if (gen !== this.gen) return 'stale';
    const { response, ms } = out;
    if (!append) this.parsed = parsedOf(state.q, response);
    const linked = this.linkState(state);
    this.view.renderResults(response, {
      ms,
      append,
      hrefFor: (id) => toHash({ ...linked, doc: id }) || '#',
      openId: state.doc,
      q: state.q,
      ranged: Boolean(state.from || state.to),
      sort: state.sort,
    });
    if (!append) this.view.results.notes.render(this.parsed.notes, (q) => toHash({ ...state, q, doc: null }) || '#');
    if (facets) void this.facetsAfter(req, facets);
    else if (!append && this.entityState !== 'off') this.showFacets(response, out.lacking);
    if (!append) {
      this.view.timelines.renderPublications(response.timeline, {
        from: state.from,
        to: state.to,
        hasQuery: state.q.trim() !== '',
        zoomed: Boolean(state.vfrom && state.vto),
      });
      this.shown = 0;
    }
    this.lastReq = req;
    this.shown += response.hits.length;
    this.total = response.listed ?? response.total; // rows: a reprinted story is one
    return 'ok';
  }

  /**
   * @param {State} state
   * @returns {EventsRequest}
   */
  eventsRequest(state) {
    /** @type {EventsRequest} */
    // The list's sort: with a bound, the events are of its top articles.
    const req = { q: clipQuery(state.q), sort: state.sort, order: state.order, offset: 0, limit: EVENT_DATES, per_date: EVENT_ROWS };
    if (this.top !== null) req.top = this.top;
    if (state.efrom) req.event_from = state.efrom;
    if (state.eto) req.event_to = state.eto;
    return this.shared(req, state, state.evfrom, state.evto);
  }

  /**
   * `state` as links carry it: its query as the core read it (without a
   * part a length limit left out), once the core has read this query.
   * @param {State} state
   */
  linkState(state) {
    return this.parsed.q === state.q ? { ...state, q: searchedQuery(state.q, this.parsed.notes) } : state;
  }

  /** The href of an entity's view. */
  entityHref() {
    const state = this.linkState(this.store.state);
    return (/** @type {string} */ key) => toHash({ ...state, entity: key, doc: null }) || '#';
  }

  /** The href of an event row: the reader at its sentence. */
  eventHref() {
    const state = this.linkState(this.store.state);
    return (/** @type {EventRow} */ r) => toHash({ ...state, doc: r.id, focus: r.event }) || '#';
  }

  /**
   * @param {EventsRequest} req
   * @param {boolean} append
   * @returns {Promise<boolean>} false when the engine failed or an index
   *   file could not be had (the banner names it; search goes on)
   */
  async runEvents(req, append) {
    const state = this.store.state;
    let out;
    try {
      out = await this.corpus.events(req);
    } catch (e) {
      this.problemOrFail(e);
      // Not the list of the files at hand: it would lack that file's events.
      if (e instanceof LoadError && !append) this.view.events.renderUnavailable(e.message, state);
      return false;
    }
    const { response, ms } = out;
    if (!append) this.eventDates.clear();
    for (const d of response.dates) this.eventDates.set(d.value, d);
    this.view.events.render(response, { ms, append, hrefFor: this.eventHref(), state });
    if (!append) {
      this.view.timelines.renderEvents(response.lane, state);
      this.lastLane = response.lane;
    }
    this.lastEventsReq = req;
    this.view.events.markOpen(state.doc ? state.focus : null);
    return true;
  }

  /**
   * The facets beside the event list: those of the articles the events come
   * from; and the query's filters (the chips), which the events do not give.
   * @param {State} state
   * @param {number} gen  The render it belongs to.
   * @returns {Promise<boolean>} false when the engine failed or the render is stale
   */
  async eventFacets(state, gen) {
    const ready = this.entityState === 'ready';
    if (!ready && this.parsed.q === state.q) return true;
    const req = { ...this.request(state), limit: 1 };
    const key = JSON.stringify([req, ready]);
    if (key === this.lastFacetsKey) return true;
    let out;
    try {
      out = await this.corpus.search(req);
    } catch (e) {
      if (gen === this.gen) this.fail('The search engine stopped working.', errorText(e));
      return false;
    }
    if (gen !== this.gen || this.failed) return false;
    const { response } = out;
    this.parsed = parsedOf(state.q, response);
    if (ready) this.showFacets(response, out.lacking);
    this.lastFacetsKey = key;
    return true;
  }

  /**
   * The open article (state.doc), fetching what it needs; never rejects.
   * @param {State} state
   * @returns {Promise<ArticleResult>}
   */
  async fetchArticle(state) {
    try {
      const article = await this.track(this.corpus.article(/** @type {string} */ (state.doc), clipQuery(state.q), state.focus));
      return { article: article ?? null };
    } catch (error) {
      return { error };
    }
  }

  /**
   * Put a fetched article in the reader.
   * @param {State} state
   * @param {ArticleResult} got
   * @param {boolean} focus  Move focus into the reader.
   * @param {LoadError[]} problems  An index file that could not be had is added here.
   * @returns {boolean} false when the engine failed
   */
  drawArticle(state, got, focus, problems) {
    if (got.error !== undefined) {
      if (!(got.error instanceof LoadError)) {
        this.fail('The search engine stopped working.', errorText(got.error));
        return false;
      }
      problems.push(got.error);
      this.redrawArticle = true; // try again on the next render
      this.view.showArticle(null, { focus, failed: true });
      return true;
    }
    const expr = this.focusExpr && this.focusExpr.event === state.focus ? this.focusExpr.text : null;
    const entityHref = this.entityState === 'ready' ? this.entityHref() : null;
    this.view.showArticle(got.article ?? null, { focus, expr, entityHref });
    this.view.events.markOpen(state.focus);
    return true;
  }

  /**
   * Show the open article (state.doc) in the reader, outside a render (the
   * same article again: focus back into the reader).
   * @param {State} state
   * @param {boolean} focus  Move focus into the reader.
   */
  async showArticle(state, focus) {
    if (!state.doc || this.failed) return;
    const gen = this.gen;
    const got = await this.fetchArticle(state);
    if (gen !== this.gen || this.failed) return; // a render since shows what is current
    /** @type {LoadError[]} */
    const problems = [];
    this.drawArticle(state, got, focus, problems);
    if (problems.length) this.view.showProblem(problems[0].message, problems[0].detail);
  }

  /**
   * The entity lane: facets (drawn with the results), filter chips, the entity view.
   * @param {State} state
   */
  async renderEntities(state) {
    const { entities } = this.view;
    const on = this.entityState !== 'off';
    entities.show(on, Boolean(state.entity));
    const current = this.parsed.q === state.q;
    const filters = current ? this.parsed.filters : [];
    const problems = current ? this.parsed.notes.problems : [];
    this.view.filters.render(state.q, filters, problems, this.entityHref(), (key) => entities.nameOf(key));
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
      entity = this.entityState === 'ready' ? await this.corpus.entity(state.entity, state.q, this.top) : undefined;
    } catch (e) {
      this.problemOrFail(e);
      return;
    }
    if (key !== this.entityKey) return; // another entity or query asked for since
    const focus = this.focusEntity;
    this.focusEntity = false;
    if (this.entityState === 'loading') return; // drawn once the names are known
    entities.renderEntity({ key: state.entity, entity, parsed: { q: state.q, filters }, hrefFor: this.eventHref(), focus });
  }

  /**
   * @param {string} message
   * @param {string} detail
   */
  fail(message, detail) {
    this.failed = true;
    clearTimeout(this.busyTimer);
    this.view.setBusy(false);
    this.view.showError(message, detail);
  }

  /**
   * Bring the page in line with the state. Supersedes any render still
   * waiting for the engine; never rejects.
   * @param {State} state
   * @param {State|null} previous  The state before this change (what the search box may still show).
   * @param {'history'|'set'|'load'} cause
   * @returns {Promise<void>}
   */
  async render(state, previous, cause) {
    if (this.failed) return;
    const gen = ++this.gen;
    try {
      await this.renderNow(state, previous, cause, gen);
    } catch (e) {
      if (!this.failed) this.fail('Dateline stopped working.', errorText(e));
    }
  }

  /**
   * @param {State} state
   * @param {State|null} previous
   * @param {'history'|'set'|'load'} cause
   * @param {number} gen
   */
  async renderNow(state, previous, cause, gen) {
    const { view } = this;
    // Don't overwrite what is being typed when something else re-renders.
    // The box holds what the core is sent of a long query (a 100 KB value
    // would stall every layout of the box).
    if (!previous || previous.q !== state.q || cause !== 'set') view.setQuery(clipQuery(state.q));
    view.results.setSort(state.sort);
    view.events.setOrder(state.order);
    const mode = this.corpus.features.events ? state.view : 'articles';
    view.setMode(mode);
    // Compared with what is on screen: a render superseded before it
    // finished changed nothing there.
    const shown = this.rendered;
    /** Index files that could not be fetched or read, for the banner. @type {LoadError[]} */
    const problems = [];

    // The reader's article is fetched alongside the search.
    /** @type {Promise<ArticleResult>|null} */
    let articleP = null;
    let focusReader = false;
    if (state.doc) {
      const docChanged = !shown || shown.doc !== state.doc;
      const focusChanged = !shown || shown.focus !== state.focus;
      if (docChanged || focusChanged || this.redrawArticle || shown?.q !== state.q || cause === 'history') {
        // Focus moves into the reader when an article is opened, not while typing.
        focusReader = (docChanged || focusChanged) && !(cause === 'set' && this.typingEntry);
        articleP = this.fetchArticle(state);
      }
    }

    let searched = false;
    if (mode === 'events') {
      const ereq = this.eventsRequest(state);
      const ekey = JSON.stringify(ereq);
      if (ekey !== this.lastEventsKey) {
        if (!(await this.runEvents(ereq, false)) || gen !== this.gen) return;
        this.lastEventsKey = ekey;
      }
      if (!(await this.eventFacets(state, gen))) return;
    } else {
      const req = this.request(state);
      const key = listKey(req);
      searched = key !== this.lastKey;
      if (searched) {
        const out = await this.run(state, req, false, gen, problems);
        if (out === 'stale' || out === 'fatal') return;
        // 'failed': the list says so; the same state searches again next time.
        this.lastKey = out === 'ok' ? key : '';
      }
    }
    if (gen !== this.gen || this.failed) return;
    await yieldToPage();
    if (gen !== this.gen || this.failed) return;

    await this.renderEntities(state);
    if (gen !== this.gen || this.failed) return;

    if (state.doc) {
      if (articleP) {
        const got = await articleP;
        if (gen !== this.gen || this.failed) return;
        this.redrawArticle = false;
        if (!this.drawArticle(state, got, focusReader, problems)) return;
      } else if (searched) {
        view.markOpen(state.doc);
      }
    } else {
      view.closeReader({ restoreFocus: Boolean(shown?.doc) && cause !== 'load' });
    }
    view.setTitle(state);
    const [unreadable] = this.corpus.unreadable.values();
    if (problems.length) view.showProblem(problems[0].message, problems[0].detail);
    else if (unreadable) view.showProblem(unreadable.message, `${unreadable.detail} ${/\/cards-\d+\.bin$/.test(unreadable.file ?? '') ? WITHOUT_CARDS : WITHOUT_ANNOTATIONS}`);
    else view.clearProblem();
    this.rendered = state;
    view.markDrawn(toHash(state));
  }
}
