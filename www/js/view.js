// The only module that touches the DOM. Renders what the controller hands it
// and turns DOM events (delegated) into calls of the controller's handlers.
//
// Document text is untrusted: it only ever reaches the page through
// textContent / text nodes, never as markup. Links are made only for http(s)
// URLs, and open in a new tab with rel="noopener noreferrer".

import { formatMs, formatRange, plural } from './format.js';
import { axisTicks, binTitle, buildHistogram, spanText } from './timeline.js';
import { attachBrush } from './brush.js';
import { appendSegments, fillMeta, h } from './dom.js';
import { EventsView } from './events-view.js';
import { EntitiesView } from './entities-view.js';

export { appendSegments, safeHref } from './dom.js';

/** @typedef {import('./types.js').Segment} Segment */
/** @typedef {import('./types.js').SearchResponse} SearchResponse */
/** @typedef {import('./types.js').Hit} Hit */
/** @typedef {import('./types.js').Timeline} Timeline */
/** @typedef {import('./types.js').ArticleView} ArticleView */
/** @typedef {import('./types.js').Stats} Stats */
/** @typedef {import('./types.js').Manifest} Manifest */
/** @typedef {import('./types.js').State} State */
/** @typedef {import('./types.js').Features} Features */

/** Is this element a place where keys type text? */
function isTextField(/** @type {EventTarget|null} */ t) {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(t.type);
  return false;
}

export class View {
  constructor() {
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
    this.q = /** @type {HTMLInputElement} */ ($('q'));
    this.searchForm = /** @type {HTMLFormElement} */ ($('search-form'));
    this.sort = /** @type {HTMLSelectElement} */ ($('sort'));
    this.banner = $('banner');
    /** The banner shows a failure that stopped the page (not one file that could not be had). */
    this.fatal = false;
    this.busy = $('busy');
    this.bannerTitle = $('banner-title');
    this.bannerDetail = $('banner-detail');
    this.status = $('status');
    this.results = $('results');
    this.empty = $('empty');
    this.more = /** @type {HTMLButtonElement} */ ($('more'));
    this.chart = $('tl-chart');
    this.axis = $('tl-axis');
    this.tlLive = $('tl-live');
    /** Choosing dates on the publication timeline (see bindTimeline). @type {{afterRender: () => void}|null} */
    this.pubBrush = null;
    this.rangeText = $('tl-range-text');
    this.rangeClear = $('range-clear');
    this.zoomIn = $('zoom-in');
    this.zoomOut = $('zoom-out');
    this.undated = $('tl-undated');
    this.rangeForm = /** @type {HTMLFormElement} */ ($('range-form'));
    this.rangeFrom = /** @type {HTMLInputElement} */ ($('range-from'));
    this.rangeTo = /** @type {HTMLInputElement} */ ($('range-to'));
    this.columns = $('columns');
    this.reader = $('reader');
    this.readerMeta = $('reader-meta');
    this.readerTitle = $('reader-title');
    this.readerBody = $('reader-body');
    this.readerClose = $('reader-close');
    this.readerPrev = /** @type {HTMLButtonElement} */ ($('reader-prev'));
    this.readerNext = /** @type {HTMLButtonElement} */ ($('reader-next'));
    this.corpus = $('corpus');
    this.diagnostics = $('diagnostics');
    this.diagnosticsSummary = $('diagnostics-summary');
    this.diagnosticsList = $('diagnostics-list');
    this.readerLegend = $('reader-legend');
    this.resultsPane = /** @type {HTMLElement} */ (document.querySelector('.results-pane'));
    this.pubPanel = $('panel-publications');
    this.tabs = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('.tl-tab')]);
    this.tabList = /** @type {HTMLElement} */ (document.querySelector('.tl-tabs'));
    /** Which list shows. @type {State['view']} */
    this.mode = 'articles';
    this.events = new EventsView();
    this.entities = new EntitiesView();
    /** The event row the reader was opened from (focus returns to it). @type {number|null} */
    this.returnFocusEvent = null;
    /** The event link (in the event list or the entity view) the reader was opened from. @type {HTMLElement|null} */
    this.returnFocusEl = null;
    /** @type {Timeline|null} */
    this.timeline = null;
    /** What sits behind the reader when it covers the screen (phones): made inert. */
    this.behindReader = /** @type {HTMLElement[]} */ (
      [...document.querySelectorAll('.masthead, .timelines, .filters, .results-pane, .events-pane, .facets, .colophon, .skip-link')]
    );
    this.narrow = window.matchMedia('(max-width: 760px)');
    this.narrow.addEventListener('change', () => this.updateInert());
    /** The id of the result that had focus before the reader opened. */
    this.returnFocusId = /** @type {string|null} */ (null);
    /** What the corpus offers (see setFeatures). @type {Features|null} */
    this.features = null;
  }

  // ---------------------------------------------------------------- status

  /** @param {string} message */
  showLoading(message) {
    document.body.classList.add('is-loading');
    this.status.textContent = message;
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
    this.status.textContent = 'Search is unavailable.';
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
    this.results.setAttribute('aria-busy', String(on));
    this.reader.setAttribute('aria-busy', String(on));
  }

  /**
   * Hide what this corpus does not offer: the event timeline (its tab, the
   * events list and exports) and the tips for it and for names.
   * @param {Features} features
   */
  setFeatures(features) {
    this.features = features;
    this.tabList.hidden = !features.events;
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
    this.sort.disabled = false;
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

  /** @param {State['sort']} sort */
  setSort(sort) {
    this.sort.value = sort;
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
    for (const tab of this.tabs) {
      const on = tab.dataset.view === mode;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
    this.pubPanel.hidden = events;
    this.resultsPane.hidden = events;
    this.events.show(events);
    document.body.dataset.view = mode;
    this.updateReaderNav();
  }

  /**
   * The timeline tabs (arrow keys move between them, as tabs do).
   * @param {(mode: State['view']) => void} fn
   */
  bindTabs(fn) {
    this.tabList.addEventListener('click', (e) => {
      const tab = /** @type {Element} */ (e.target).closest('.tl-tab');
      if (tab instanceof HTMLElement && tab.dataset.view) fn(/** @type {State['view']} */ (tab.dataset.view));
    });
    this.tabList.addEventListener('keydown', (e) => {
      const i = this.tabs.findIndex((t) => t === document.activeElement);
      if (i < 0) return;
      let j = -1;
      if (e.key === 'ArrowRight') j = (i + 1) % this.tabs.length;
      else if (e.key === 'ArrowLeft') j = (i - 1 + this.tabs.length) % this.tabs.length;
      else if (e.key === 'Home') j = 0;
      else if (e.key === 'End') j = this.tabs.length - 1;
      if (j < 0) return;
      e.preventDefault();
      e.stopPropagation();
      this.tabs[j].focus();
      const view = this.tabs[j].dataset.view;
      if (view) fn(/** @type {State['view']} */ (view));
    });
  }

  focusSearch() {
    this.q.focus();
    this.q.select();
  }

  // --------------------------------------------------------------- results

  /**
   * Render a page of results (append: add to the list instead of replacing).
   * @param {SearchResponse} res
   * @param {{ms: number, append: boolean, hrefFor: (id: string) => string, openId: string|null, q: string, ranged: boolean, sort?: State['sort']}} opts
   */
  renderResults(res, { ms, append, hrefFor, openId, q, ranged, sort = 'relevance' }) {
    const items = res.hits.map((hit, i) => this.resultItem(hit, res.offset + i, hrefFor(hit.id), hit.id === openId));
    if (append) {
      const fromMore = document.activeElement === this.more;
      this.results.append(...items);
      // Keyboard users who asked for more land on the first new result.
      const first = items[0]?.querySelector('a.result-link');
      if (fromMore && first instanceof HTMLAnchorElement) this.select(first, true);
    } else {
      this.results.replaceChildren(...items);
      this.results.scrollTop = 0;
    }
    const shown = this.results.children.length;
    const count = res.total === 0 ? 'No results' : plural(res.total, 'result');
    // The time is for the eye; screen readers hear only the count.
    this.status.replaceChildren(h('span', 'status-count', count), h('span', 'status-time', ` · ${formatMs(ms)}`));
    this.status.lastElementChild?.setAttribute('aria-hidden', 'true');
    this.status.dataset.total = String(res.total);
    this.results.dataset.q = q;
    this.results.dataset.sort = sort;
    this.results.dataset.total = String(res.total);

    this.empty.hidden = res.total !== 0;
    if (res.total === 0) {
      this.empty.textContent = q.trim()
        ? `Nothing matches “${q.trim()}”${ranged ? ' in these dates' : ''}.`
        : `No articles${ranged ? ' in these dates' : ''}.`;
    }
    const left = res.total - shown;
    this.more.hidden = left <= 0;
    this.more.textContent = `Show ${Math.min(left, res.limit || 20).toLocaleString()} more (${left.toLocaleString()} left)`;
    this.more.dataset.offset = String(shown);
    this.updateReaderNav();
  }

  /**
   * The search for q could not run (an index file could not be had; the
   * banner says which): an empty list that says so.
   * @param {string} q
   */
  renderSearchFailed(q) {
    this.results.replaceChildren();
    this.results.dataset.q = q;
    this.results.dataset.total = '0';
    this.status.textContent = 'Search failed';
    this.status.dataset.total = '0';
    this.empty.hidden = false;
    this.empty.textContent = q.trim()
      ? `Couldn’t search for “${q.trim()}”: part of the index could not be loaded.`
      : 'Couldn’t list the articles: part of the index could not be loaded.';
    this.more.hidden = true;
    this.updateReaderNav();
  }

  /**
   * @param {Hit} hit
   * @param {number} index  Position in the whole result list.
   * @param {string} href
   * @param {boolean} open
   */
  resultItem(hit, index, href, open) {
    const li = h('li', 'result');
    li.dataset.id = hit.id;
    li.dataset.index = String(index);
    if (open) li.setAttribute('aria-current', 'true');
    const meta = h('p', 'result-meta');
    fillMeta(meta, hit.date, hit.source);
    const title = h('h2', 'result-title');
    const a = /** @type {HTMLAnchorElement} */ (h('a', 'result-link'));
    a.href = href;
    a.dataset.id = hit.id;
    if (Array.isArray(hit.title_marked) && hit.title_marked.length) appendSegments(a, hit.title_marked);
    else a.textContent = hit.title;
    title.append(a);
    const snippet = h('p', 'snippet');
    appendSegments(snippet, hit.snippet);
    li.append(meta, title, snippet);
    return li;
  }

  /** @returns {HTMLAnchorElement[]} */
  resultLinks() {
    return /** @type {HTMLAnchorElement[]} */ ([...this.results.querySelectorAll('a.result-link')]);
  }

  /** The links of the list on screen (results, or event rows). */
  listLinks() {
    return this.mode === 'events' ? this.events.links() : this.resultLinks();
  }

  /** @param {string|null} id */
  markOpen(id) {
    for (const li of this.results.querySelectorAll('li.result')) {
      if (li instanceof HTMLElement && li.dataset.id === id) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
    }
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
    const links = this.resultLinks();
    const id = this.reader.dataset.id;
    let i = id ? links.findIndex((a) => a.dataset.id === id) : -1;
    if (i < 0) {
      i = this.selectedIndex();
      if (i < 0) return delta > 0 ? links[0] ?? null : null;
      return links[i] ?? null;
    }
    return links[i + delta] ?? null;
  }

  updateReaderNav() {
    const nav = /** @type {HTMLElement} */ (this.readerPrev.parentElement);
    nav.hidden = this.mode === 'events';
    if (this.reader.hidden) return;
    this.readerPrev.disabled = !this.neighbour(-1);
    this.readerNext.disabled = !this.neighbour(1);
  }

  /**
   * Select the result before/after the open article; returns its id.
   * @param {number} delta
   */
  stepReader(delta) {
    const link = this.neighbour(delta);
    if (!link) return null;
    this.select(link, false);
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
    this.select(links[next], focus);
    return links[next].dataset.id ?? null;
  }

  /**
   * @param {HTMLAnchorElement} link
   * @param {boolean} focus
   */
  select(link, focus) {
    for (const li of document.querySelectorAll('li.is-selected')) li.classList.remove('is-selected');
    const li = link.closest('li');
    li?.classList.add('is-selected');
    if (focus) link.focus({ preventScroll: true });
    li?.scrollIntoView({ block: 'nearest' });
  }

  /**
   * Focus a result by id (after the reader closes), if it is in the list.
   * @param {string|null} id
   */
  focusResult(id) {
    const link = this.resultLinks().find((a) => a.dataset.id === id);
    if (link) this.select(link, true);
    return Boolean(link);
  }

  // -------------------------------------------------------------- timeline

  /**
   * @param {Timeline} timeline
   * @param {{from: string|null, to: string|null, hasQuery: boolean, zoomed: boolean}} opts
   */
  renderTimeline(timeline, { from, to, hasQuery, zoomed }) {
    this.timeline = timeline;
    const svg = buildHistogram(timeline, { from, to, hasQuery });
    this.chart.replaceChildren(svg);
    this.pubBrush?.afterRender();
    this.chart.classList.toggle('has-query', hasQuery);
    this.chart.dataset.granularity = timeline.granularity;
    this.axis.replaceChildren(
      ...axisTicks(timeline).map((t) => {
        const span = h('span', `tl-tick tl-tick-${t.align}${t.note ? ' tl-tick-note' : ''}`, t.text);
        span.style.left = `${(t.at * 100).toFixed(3)}%`;
        return span;
      }),
    );
    const totalDated = timeline.bins.reduce((n, b) => n + b.total, 0);
    const hits = timeline.bins.reduce((n, b) => n + b.hits, 0);
    this.chart.setAttribute(
      'aria-label',
      `Publication timeline, ${spanText(timeline)}: ` +
        `${plural(totalDated, 'dated article')}${hasQuery ? `, ${plural(hits, 'match', 'matches')}` : ''}.`,
    );

    const ranged = Boolean(from || to);
    this.rangeText.textContent = formatRange(from, to);
    this.rangeClear.hidden = !ranged;
    const bins = timeline.bins;
    const narrower = bins.length > 0 && !!from && !!to && (from > bins[0].start || to < bins[bins.length - 1].end);
    this.zoomIn.hidden = !narrower;
    this.zoomOut.hidden = !zoomed;
    this.rangeFrom.value = from ?? '';
    this.rangeTo.value = to ?? '';

    const u = timeline.undated;
    this.undated.hidden = !u;
    this.undated.textContent = u
      ? `${plural(u, 'undated article')}${hasQuery ? ` (${timeline.undated_hits.toLocaleString()} matching)` : ''}`
      : '';
  }

  // ---------------------------------------------------------------- reader

  /**
   * Show an article in the reader (null: the id is not in the collection).
   * @param {ArticleView|null} article
   * @param {{focus: boolean, entityHref?: ((key: string) => string)|null, expr?: string|null, failed?: boolean}} opts
   *   focus: move focus into the reader. entityHref: link entity mentions.
   *   expr: the expression (as written) the reader was opened at, marked in
   *   the focused sentence. failed (with a null article): it could not be
   *   loaded (the banner says why), rather than not being in the collection.
   */
  showArticle(article, { focus, entityHref = null, expr = null, failed = false }) {
    const wasOpen = !this.reader.hidden;
    if (!wasOpen) {
      const active = document.activeElement;
      this.returnFocusId =
        active instanceof HTMLElement && active.classList.contains('result-link') ? active.dataset.id ?? null : null;
      const evLink = active instanceof HTMLElement && active.classList.contains('ev-link');
      this.returnFocusEvent = evLink ? Number(active.dataset.event) : this.returnFocusEvent;
      this.returnFocusEl = evLink ? active : null;
    }
    this.readerMeta.replaceChildren();
    this.readerTitle.replaceChildren();
    this.readerBody.replaceChildren();
    if (article) {
      fillMeta(this.readerMeta, article.date, article.source, 'long');
      if (Array.isArray(article.title_marked) && article.title_marked.length) {
        appendSegments(this.readerTitle, article.title_marked);
      } else this.readerTitle.textContent = article.title;
      for (const para of article.paragraphs ?? []) {
        const p = h('p');
        appendSegments(p, para, { times: 'focusable', focus: true, entityHref });
        this.readerBody.append(p);
      }
      this.reader.dataset.id = article.id;
    } else if (failed) {
      this.readerTitle.textContent = 'Article unavailable';
      this.readerBody.append(h('p', 'muted', 'This article could not be loaded: part of the index could not be read.'));
      delete this.reader.dataset.id;
    } else {
      this.readerTitle.textContent = 'Article not found';
      this.readerBody.append(h('p', 'muted', 'This article is not in the collection.'));
      delete this.reader.dataset.id;
    }
    this.readerLegend.hidden = !this.readerBody.querySelector('.ent');
    this.reader.hidden = false;
    this.updateInert();
    this.columns.classList.add('reading');
    document.body.classList.add('reading');
    this.markOpen(article?.id ?? null);
    const sentence = /** @type {HTMLElement|null} */ (this.readerBody.querySelector('.reader-focus'));
    if (sentence) {
      // The sentence an event row opened: mark its expression, bring it into view.
      const times = /** @type {HTMLElement[]} */ ([...sentence.querySelectorAll('time.tx')]);
      const hit = (expr && times.find((t) => t.textContent === expr)) || (times.length === 1 ? times[0] : null);
      hit?.classList.add('is-expr');
      sentence.id = 'reader-focus';
      if (focus) this.reader.focus({ preventScroll: true });
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches && wasOpen;
      sentence.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    } else if (focus || !wasOpen) {
      this.reader.scrollTop = 0;
      this.readerBody.scrollTop = 0;
      if (focus) this.reader.focus({ preventScroll: true });
    }
  }

  /**
   * @param {{restoreFocus: boolean}} opts
   */
  closeReader({ restoreFocus }) {
    if (this.reader.hidden) return;
    const readerHadFocus = this.reader.contains(document.activeElement);
    this.reader.hidden = true;
    this.updateInert();
    this.columns.classList.remove('reading');
    document.body.classList.remove('reading');
    const id = this.reader.dataset.id ?? null;
    delete this.reader.dataset.id;
    this.markOpen(null);
    this.events.markOpen(null);
    if (restoreFocus || readerHadFocus) {
      const back = this.returnFocusEl;
      this.returnFocusEl = null;
      if (back && back.isConnected && back.offsetParent !== null) back.focus();
      else if (this.mode === 'events') {
        if (!this.events.focusRow(this.returnFocusEvent)) this.q.focus();
      } else if (!this.focusResult(this.returnFocusId ?? id)) this.q.focus();
    }
  }

  /**
   * The document title follows the open article or the query.
   * @param {State} state
   */
  setTitle(state) {
    const title =
      state.doc && !this.reader.hidden
        ? this.readerTitle.textContent
        : (state.entity && this.entities.shownName()) || state.q.trim();
    document.title = title ? `${title} — Dateline` : 'Dateline';
  }

  /** On a narrow screen the reader covers the page: make the page behind it inert. */
  updateInert() {
    const covered = !this.reader.hidden && this.narrow.matches;
    for (const el of this.behindReader) el.inert = covered;
  }

  readerOpen() {
    return !this.reader.hidden;
  }

  // -------------------------------------------------------------- bindings

  /**
   * Typing in the search box.
   * @param {(q: string) => void} onInput  every keystroke
   * @param {(q: string) => void} onSubmit  Enter
   */
  bindSearch(onInput, onSubmit) {
    this.q.addEventListener('input', () => onInput(this.q.value));
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
      const first = this.resultLinks()[0];
      if (first) this.select(first, true);
      else this.q.focus();
    });
  }

  /** @param {(sort: State['sort']) => void} fn */
  bindSort(fn) {
    this.sort.addEventListener('change', () => fn(/** @type {State['sort']} */ (this.sort.value)));
  }

  /** @param {() => void} fn */
  bindMore(fn) {
    this.more.addEventListener('click', () => fn());
  }

  /**
   * Clicking a result (its title link, or anywhere on it but a link).
   * @param {(id: string) => void} fn
   */
  bindOpen(fn) {
    this.results.addEventListener('click', (e) => {
      const target = /** @type {Element} */ (e.target);
      const link = target.closest('a');
      if (link && !link.classList.contains('result-link')) return; // a link in a snippet
      if (link && (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0)) return; // new tab
      const li = target.closest('li.result');
      if (!(li instanceof HTMLElement) || !li.dataset.id) return;
      if (!link && String(window.getSelection() ?? '').length > 0) return; // selecting text
      e.preventDefault();
      const a = li.querySelector('a.result-link');
      if (a instanceof HTMLAnchorElement) this.select(a, false);
      this.returnFocusId = li.dataset.id;
      fn(li.dataset.id);
    });
  }

  /**
   * A click on a person, organisation or place named in the reader.
   * @param {(key: string) => void} fn
   */
  bindReaderEntities(fn) {
    this.readerBody.addEventListener('click', (e) => {
      const a = /** @type {Element} */ (e.target).closest('a.ent');
      if (!(a instanceof HTMLElement) || !a.dataset.entity) return;
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return; // new tab
      e.preventDefault();
      fn(a.dataset.entity);
    });
  }

  /**
   * The reader's buttons: close, previous, next.
   * @param {{close: () => void, open: (id: string, how: 'keys') => void}} fns
   */
  bindReader({ close, open }) {
    this.readerClose.addEventListener('click', () => close());
    const step = (/** @type {number} */ delta) => {
      const id = this.stepReader(delta);
      if (id) open(id, 'keys');
    };
    this.readerPrev.addEventListener('click', () => step(-1));
    this.readerNext.addEventListener('click', () => step(1));
  }

  /**
   * The timeline: drag across bars (brush) or click one; the range form;
   * clear and zoom.
   * @param {{range: (from: string|null, to: string|null) => void, clear: () => void, zoom: (dir: 'in'|'out') => void}} fns
   */
  bindTimeline({ range, clear, zoom }) {
    this.pubBrush = attachBrush(this.chart, {
      bins: () => this.timeline?.bins ?? [],
      selected: () => ({ from: this.rangeFrom.value || null, to: this.rangeTo.value || null }),
      describe: (b) => binTitle(b, this.timeline?.granularity ?? 'day', this.chart.classList.contains('has-query')),
      live: this.tlLive,
      range: (from, to) => range(from, to),
      clear: () => clear(),
    });

    this.rangeForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const from = this.rangeFrom.value || null;
      const to = this.rangeTo.value || null;
      if (from || to) range(from, to);
      else clear();
    });
    this.rangeClear.addEventListener('click', () => clear());
    this.zoomIn.addEventListener('click', () => zoom('in'));
    this.zoomOut.addEventListener('click', () => zoom('out'));
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
