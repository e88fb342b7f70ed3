// The page (view-only): puts the regions together (search box, banner,
// timelines, results, events, reader, names) and owns what spans them: the
// mode (articles or events), moving through the list on screen, the reader's
// previous/next, focus coming back when the reader closes, the keys, and the
// document title. Only the modules in view/ touch the DOM.
//
// Document text is untrusted: it only ever reaches the page through
// textContent / text nodes, never as markup. Links are made only for http(s)
// URLs, and open in a new tab with rel="noopener noreferrer".

import { clip, formatRange, plural } from '../format.js';
import { clipQuery } from '../query.js';
import { h, selectLink, byId as $ } from './dom.js';
import { Timelines } from './timelines.js';
import { ResultsView } from './results.js';
import { ReaderView } from './reader.js';
import { EventsView } from './events.js';
import { EntitiesView } from './entities.js';
import { FiltersView } from './filters.js';
import { TipsView } from './tips.js';

/** Characters of an article title or query in the tab's title. */
const MAX_TAB_TITLE = 80;

/** @typedef {import('../types.js').SearchResponse} SearchResponse */
/** @typedef {import('../types.js').ArticleView} ArticleView */
/** @typedef {import('../types.js').Stats} Stats */
/** @typedef {import('../types.js').Manifest} Manifest */
/** @typedef {import('../types.js').State} State */
/** @typedef {import('../types.js').Features} Features */

/** Is this element a place where keys type text? */
function isTextField(/** @type {EventTarget|null} */ t) {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(t.type);
  return false;
}

/**
 * Is the page laid out for a narrow screen? layout.css, which holds the one
 * breakpoint, says so with `--narrow: 1`.
 */
function isNarrow() {
  return getComputedStyle(document.documentElement).getPropertyValue('--narrow').trim() === '1';
}

export class View {
  constructor() {
    this.q = /** @type {HTMLInputElement} */ ($('q'));
    this.searchForm = /** @type {HTMLFormElement} */ ($('search-form'));
    this.banner = $('banner');
    /** The banner shows a failure that stopped the page (not one file that could not be had). */
    this.fatal = false;
    this.busy = $('busy');
    this.bannerTitle = $('banner-title');
    this.bannerDetail = $('banner-detail');
    this.corpus = $('corpus');
    this.diagnostics = $('diagnostics');
    this.diagnosticsSummary = $('diagnostics-summary');
    this.diagnosticsList = $('diagnostics-list');
    this.timelines = new Timelines();
    this.results = new ResultsView();
    this.reader = new ReaderView();
    this.events = new EventsView();
    this.entities = new EntitiesView();
    this.filters = new FiltersView();
    this.tips = new TipsView();
    /** Which list shows. @type {State['view']} */
    this.mode = 'articles';
    /** What sits behind the reader when it covers the screen (phones): made inert. */
    this.behindReader = /** @type {HTMLElement[]} */ (
      [...document.querySelectorAll('.masthead, .timelines, .filters, .results-pane, .events-pane, .facets, .colophon, .skip-link')]
    );
    this.narrow = isNarrow();
    window.addEventListener('resize', () => {
      if (isNarrow() === this.narrow) return;
      this.narrow = !this.narrow;
      this.updateInert();
    });
    /** What the corpus offers (see setFeatures). @type {Features|null} */
    this.features = null;
  }

  // ---------------------------------------------------------------- status

  /**
   * What a prebuilt index holds in memory, as data attributes of the body
   * (`data-index-bytes`, `-files`, `-budget`, `-pinned`, `-evicted`): for
   * whoever inspects the page; nothing is shown.
   * @param {import('../types.js').MemoryStats} m
   */
  showMemory(m) {
    const d = document.body.dataset;
    d.indexBytes = String(m.held_bytes);
    d.indexFiles = String(m.held_files);
    d.indexBudget = String(m.budget);
    d.indexPinned = String(m.pinned_bytes);
    d.indexEvicted = String(m.evicted_files);
  }

  /** @param {string} message */
  showLoading(message) {
    document.body.classList.add('is-loading');
    this.results.status.textContent = message;
  }

  /**
   * A visible error banner (load failures).
   * @param {string} message
   * @param {string} [detail]
   */
  showError(message, detail = '') {
    this.fatal = true;
    document.body.classList.remove('is-loading');
    document.body.classList.add('has-error');
    this.fillBanner(message, detail);
    this.results.status.textContent = 'Search is unavailable.';
  }

  /**
   * The same banner for a problem that leaves the page working: an index
   * file a search or an article needed could not be fetched or read.
   * @param {string} message
   * @param {string} [detail]
   */
  showProblem(message, detail = '') {
    if (this.fatal) return;
    document.body.classList.add('has-problem');
    this.fillBanner(message, detail);
  }

  /** Take away a problem's banner (the last search worked). */
  clearProblem() {
    if (this.fatal || this.banner.hidden) return;
    document.body.classList.remove('has-problem');
    this.banner.hidden = true;
    this.bannerTitle.textContent = '';
    this.bannerDetail.textContent = '';
  }

  /**
   * @param {string} message
   * @param {string} detail
   */
  fillBanner(message, detail) {
    this.bannerTitle.textContent = message;
    this.bannerDetail.textContent = detail;
    this.bannerDetail.hidden = !detail;
    this.banner.hidden = false;
  }

  /**
   * "Loading…" beside the search box while index files are fetched.
   * @param {boolean} on
   */
  setBusy(on) {
    this.busy.hidden = !on;
    document.body.classList.toggle('is-fetching', on);
    this.results.list.setAttribute('aria-busy', String(on));
    this.reader.el.setAttribute('aria-busy', String(on));
  }

  /**
   * Hide what this corpus does not offer: the event timeline (its tab, the
   * events list and exports) and the tips for it and for names.
   * @param {Features} features
   */
  setFeatures(features) {
    this.features = features;
    this.timelines.setEventsOffered(features.events);
    for (const el of document.querySelectorAll('[data-feature]')) {
      if (!(el instanceof HTMLElement)) continue;
      const need = /** @type {keyof Features} */ (el.dataset.feature);
      el.hidden = features[need] === false;
    }
    document.body.classList.toggle('no-events', !features.events);
    document.body.classList.toggle('no-entities', !features.entities);
  }

  /** Enable the controls once the engine is ready. */
  setReady() {
    document.body.classList.remove('is-loading');
    document.body.classList.add('is-ready');
    this.q.disabled = false;
    this.results.sort.disabled = false;
  }

  /**
   * The footer: corpus size and packing diagnostics.
   * @param {Stats} stats
   * @param {Manifest} manifest
   */
  renderCorpus(stats, manifest) {
    const parts = [plural(stats.articles, 'article')];
    if (stats.first_date && stats.last_date) parts.push(formatRange(stats.first_date, stats.last_date));
    if (stats.undated) parts.push(`${stats.undated.toLocaleString()} undated`);
    this.corpus.textContent = parts.join(' · ');
    const diags = Array.isArray(manifest.diagnostics) ? manifest.diagnostics : [];
    this.diagnostics.hidden = diags.length === 0;
    if (!diags.length) return;
    const errors = diags.filter((d) => d && d.severity === 'error').length;
    const warnings = diags.length - errors;
    const summary = [];
    if (errors) summary.push(plural(errors, 'error'));
    if (warnings) summary.push(plural(warnings, 'warning'));
    this.diagnosticsSummary.textContent = `${summary.join(', ')} while packing the collection`;
    const items = diags.map((d) => {
      const li = h('li', `diag diag-${d.severity === 'error' ? 'error' : 'warning'}`);
      const where = d.line != null ? `${d.file}:${d.line}` : String(d.file ?? '');
      li.append(h('span', 'diag-severity', d.severity === 'error' ? 'error' : 'warning'), ' ');
      li.append(h('code', 'diag-file', where), ' ');
      li.append(h('span', 'diag-message', String(d.message ?? '')));
      return li;
    });
    this.diagnosticsList.replaceChildren(...items);
  }

  // -------------------------------------------------------------- controls

  /** @param {string} q */
  setQuery(q) {
    if (this.q.value !== q) this.q.value = q;
  }

  /**
   * Show the articles (publication timeline and results) or the events
   * (events lane and list).
   * @param {State['view']} mode
   */
  setMode(mode) {
    if (this.features && !this.features.events) mode = 'articles';
    this.mode = mode;
    const events = mode === 'events';
    this.timelines.setMode(mode);
    this.results.show(!events);
    this.events.show(events);
    document.body.dataset.view = mode;
    this.updateReaderNav();
  }

  focusSearch() {
    this.q.focus();
    this.q.select();
  }

  // --------------------------------------------------------------- results

  /**
   * Render a page of results (append: add to the list instead of replacing).
   * @param {SearchResponse} res
   * @param {Parameters<ResultsView['renderResults']>[1]} opts
   */
  renderResults(res, opts) {
    this.results.renderResults(res, opts);
    this.updateReaderNav();
  }

  /**
   * The search for q could not run (an index file could not be had).
   * @param {string} q
   */
  renderSearchFailed(q) {
    this.results.renderSearchFailed(q);
    this.updateReaderNav();
  }

  /** The links of the list on screen (results, or event rows). */
  listLinks() {
    return this.mode === 'events' ? this.events.links() : this.results.links();
  }

  /** @param {string|null} id */
  markOpen(id) {
    this.results.markOpen(id);
    this.updateReaderNav();
  }

  /**
   * The result before/after the open article in the list (null at the ends,
   * or when the open article is not in the list).
   * @param {number} delta
   * @returns {HTMLAnchorElement|null}
   */
  neighbour(delta) {
    if (this.mode === 'events') return null;
    const links = this.results.links();
    const id = this.reader.openId();
    let i = id ? links.findIndex((a) => a.dataset.id === id) : -1;
    if (i < 0) {
      i = this.selectedIndex();
      if (i < 0) return delta > 0 ? links[0] ?? null : null;
      return links[i] ?? null;
    }
    return links[i + delta] ?? null;
  }

  updateReaderNav() {
    this.reader.setNav({ hidden: this.mode === 'events', prev: Boolean(this.neighbour(-1)), next: Boolean(this.neighbour(1)) });
  }

  /**
   * Select the result before/after the open article; returns its id.
   * @param {number} delta
   */
  stepReader(delta) {
    const link = this.neighbour(delta);
    if (!link) return null;
    selectLink(link, false);
    return link.dataset.id ?? null;
  }

  /** The result currently selected (focused, or marked), as an index. */
  selectedIndex() {
    const links = this.listLinks();
    const active = document.activeElement;
    let i = links.findIndex((a) => a === active);
    if (i < 0) i = links.findIndex((a) => a.closest('li')?.classList.contains('is-selected'));
    return i;
  }

  /**
   * Move the selection through the results.
   * @param {number} delta  +1 / -1
   * @param {{focus?: boolean}} [opts]  focus: move keyboard focus too (default).
   * @returns {string|null} The newly selected id.
   */
  moveSelection(delta, { focus = true } = {}) {
    const links = this.listLinks();
    if (!links.length) return null;
    const cur = this.selectedIndex();
    let next = cur < 0 ? (delta > 0 ? 0 : links.length - 1) : cur + delta;
    if (next < 0) {
      if (focus) this.q.focus();
      return null;
    }
    next = Math.min(links.length - 1, next);
    selectLink(links[next], focus);
    return links[next].dataset.id ?? null;
  }

  // ---------------------------------------------------------------- reader

  /**
   * Show an article in the reader (null: the id is not in the collection).
   * @param {ArticleView|null} article
   * @param {import('./reader.js').ShowOptions} opts
   */
  showArticle(article, opts) {
    this.reader.show(article, opts);
    this.updateInert();
    this.markOpen(article?.id ?? null);
  }

  /**
   * @param {{restoreFocus: boolean}} opts
   */
  closeReader({ restoreFocus }) {
    const closed = this.reader.close();
    if (!closed) return;
    this.updateInert();
    this.markOpen(null);
    this.events.markOpen(null);
    if (restoreFocus || closed.hadFocus) {
      const r = this.reader;
      const back = r.returnFocusEl;
      r.returnFocusEl = null;
      if (back && back.isConnected && back.offsetParent !== null) back.focus();
      else if (this.mode === 'events') {
        if (!this.events.focusRow(r.returnFocusEvent)) this.q.focus();
      } else if (!this.results.focusResult(r.returnFocusId ?? closed.id)) this.q.focus();
    }
  }

  /**
   * The document title follows the open article or the query.
   * @param {State} state
   */
  setTitle(state) {
    const title =
      state.doc && this.reader.isOpen() ? this.reader.titleText() : (state.entity && this.entities.shownName()) || state.q.trim();
    // A tab title shows a few words; a 100 KB title or query would only slow every change of it.
    document.title = title ? `${clip(title, MAX_TAB_TITLE)} — Dateline` : 'Dateline';
  }

  /**
   * Record which state the page now shows, as its hash, on the root element
   * (`data-drawn`): tests and scripts wait on it rather than on the URL, which
   * changes before the page is drawn again.
   * @param {string} hash
   */
  markDrawn(hash) {
    document.documentElement.dataset.drawn = hash;
  }

  /** On a narrow screen the reader covers the page: make the page behind it inert. */
  updateInert() {
    const covered = this.reader.isOpen() && this.narrow;
    for (const el of this.behindReader) el.inert = covered;
  }

  readerOpen() {
    return this.reader.isOpen();
  }

  // -------------------------------------------------------------- bindings

  /**
   * Typing in the search box.
   * @param {(q: string) => void} onInput  every keystroke
   * @param {(q: string) => void} onSubmit  Enter
   */
  bindSearch(onInput, onSubmit) {
    this.q.addEventListener('input', () => {
      const q = this.q.value;
      // A pasted 100 KB query is searched whole (the core reads what its
      // budget allows and says so), but the box keeps only what the core is
      // sent: laying out 100 KB in it would stall the page at every frame.
      const shown = clipQuery(q);
      if (shown !== q) this.q.value = shown;
      onInput(q);
    });
    this.searchForm.addEventListener('submit', (e) => {
      e.preventDefault();
      onSubmit(this.q.value);
    });
  }

  /**
   * The skip link moves focus to the results without touching the URL hash
   * (which holds the view's state).
   */
  bindSkipLink() {
    const skip = document.querySelector('.skip-link');
    skip?.addEventListener('click', (e) => {
      e.preventDefault();
      const first = this.results.links()[0];
      if (first) selectLink(first, true);
      else this.q.focus();
    });
  }

  /**
   * Clicking a result opens it.
   * @param {(id: string) => void} fn
   */
  bindOpen(fn) {
    this.results.bindOpen(fn, (id) => {
      this.reader.returnFocusId = id;
    });
  }

  /**
   * The reader's buttons: close, previous, next.
   * @param {{close: () => void, open: (id: string, how: 'keys') => void}} fns
   */
  bindReader({ close, open }) {
    this.reader.bind({
      close,
      step: (delta) => {
        const id = this.stepReader(delta);
        if (id) open(id, 'keys');
      },
    });
  }

  /**
   * Keyboard: `/` focuses search; ↑/↓ and j/k move through results (with the
   * reader open, j/k open the next/previous article); Escape closes the reader.
   * @param {{open: (id: string, how: 'keys') => void, close: () => void}} fns
   */
  bindKeys({ open, close }) {
    document.addEventListener('keydown', (e) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target;
      const typing = isTextField(target);
      const inSearch = target === this.q;
      const inReader = this.reader.contains(/** @type {Node} */ (target));
      switch (e.key) {
        case '/':
          if (typing) return;
          e.preventDefault();
          this.focusSearch();
          return;
        case 'Escape':
          if (this.readerOpen()) {
            e.preventDefault();
            close();
          } else if (inSearch && this.q.value === '') this.q.blur();
          return;
        case 'ArrowDown':
        case 'ArrowUp': {
          if ((typing && !inSearch) || inReader || target instanceof HTMLSelectElement) return;
          if (inSearch && e.key === 'ArrowUp') return;
          if (target instanceof Element && target.closest('.tl-panel, .tl-tabs, details, .colophon, .facets')) return;
          e.preventDefault();
          this.moveSelection(e.key === 'ArrowDown' ? 1 : -1);
          return;
        }
        case 'j':
        case 'k': {
          if (typing) return;
          e.preventDefault();
          const delta = e.key === 'j' ? 1 : -1;
          if (this.readerOpen() && (inReader || target === document.body)) {
            const id = this.stepReader(delta);
            if (id) open(id, 'keys');
          } else this.moveSelection(delta);
          return;
        }
        default:
      }
    });
  }
}
