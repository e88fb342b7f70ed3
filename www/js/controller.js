// Wires the store (URL-hash state), the engine and the view: user intents
// become state changes; state changes become searches and renders.

import { toHash } from './store.js';
import { errorText } from './engine.js';

/** @typedef {import('./types.js').State} State */
/** @typedef {import('./types.js').SearchRequest} SearchRequest */
/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./engine.js').Corpus} Corpus */
/** @typedef {import('./view.js').View} View */

/** How long typing pauses before a search runs. */
const DEBOUNCE_MS = 60;

/** `history.state` of an entry made by opening an article from a list. */
const OPENED = 'dateline:opened';

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
    if (state.doc === id) {
      this.view.showArticle(this.corpus.article(id, state.q) ?? null, { focus: true });
      return;
    }
    clearTimeout(this.debounce);
    this.typingEntry = false;
    if (how === 'keys' && state.doc) {
      this.store.set({ doc: id }, { history: 'replace', mark: this.store.entryMark() });
    } else {
      this.store.set({ doc: id }, { history: 'push', mark: state.doc ? null : { [OPENED]: true } });
    }
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

  more() {
    if (!this.lastReq || this.shown >= this.total) return;
    const req = { ...this.lastReq, offset: this.shown };
    this.run(req, true);
  }

  /** Search again with the same state (Enter with an unchanged query). */
  refresh() {
    this.lastKey = '';
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
    view.setQuery(state.q);
    view.setSort(state.sort);
    const req = this.request(state);
    const key = JSON.stringify({ ...req, offset: 0 });
    const searched = key !== this.lastKey;
    if (searched) {
      if (!this.run(req, false)) return;
      this.lastKey = key;
    }

    if (state.doc) {
      const docChanged = !previous || previous.doc !== state.doc;
      if (docChanged || previous?.q !== state.q || cause === 'history') {
        let article;
        try {
          article = this.corpus.article(state.doc, state.q) ?? null;
        } catch (e) {
          this.fail('The search engine stopped working.', errorText(e));
          return;
        }
        // Focus moves into the reader when an article is opened, not while typing.
        const focus = docChanged && !(cause === 'set' && this.typingEntry);
        view.showArticle(article, { focus });
      } else if (searched) {
        view.markOpen(state.doc);
      }
    } else {
      view.closeReader({ restoreFocus: Boolean(previous?.doc) && cause !== 'load' });
    }
    view.setTitle(state);
  }
}
