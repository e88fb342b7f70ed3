// The results (view-only): the status line, the sort control, the exports,
// the notes on how the query was read, the list of articles and "more
// results". Turns DOM events into calls of the controller's handlers.

import { clip, formatMs, MAX_LISTED_SOURCE, plural } from '../format.js';
import { appendSegments, fillMeta, h, markLead, selectLink, byId as $ } from './dom.js';
import { ExportButtons } from './export-buttons.js';
import { NotesView } from './notes.js';

/** Characters of the query quoted in the list's empty message. */
const MAX_QUOTED_QUERY = 200;

/** The title of an article with neither a headline nor any text but page furniture. */
const NO_TEXT = 'No headline (only page furniture)';

/** @typedef {import('../types.js').SearchResponse} SearchResponse */
/** @typedef {import('../types.js').Hit} Hit */
/** @typedef {import('../types.js').Reprint} Reprint */
/** @typedef {import('../types.js').State} State */

export class ResultsView {
  constructor() {
    this.pane = /** @type {HTMLElement} */ (document.querySelector('.results-pane'));
    this.status = $('status');
    this.sort = /** @type {HTMLSelectElement} */ ($('sort'));
    this.list = $('results');
    this.empty = $('empty');
    this.more = /** @type {HTMLButtonElement} */ ($('more'));
    this.exports = new ExportButtons({ csv: 'results-csv', json: 'results-json', note: 'results-export-note' });
    this.notes = new NotesView();
  }

  /** @param {boolean} on */
  show(on) {
    this.pane.hidden = !on;
  }

  /** @param {State['sort']} sort */
  setSort(sort) {
    this.sort.value = sort;
  }

  /**
   * Render a page of results (append: add to the list instead of replacing).
   * @param {SearchResponse} res
   * @param {{ms: number, append: boolean, hrefFor: (id: string) => string, openId: string|null, q: string, ranged: boolean, sort?: State['sort']}} opts
   */
  renderResults(res, { ms, append, hrefFor, openId, q, ranged, sort = 'relevance' }) {
    const items = res.hits.map((hit, i) => this.resultItem(hit, res.offset + i, hrefFor, hit.id === openId));
    if (append) {
      const fromMore = document.activeElement === this.more;
      this.list.append(...items);
      // Keyboard users who asked for more land on the first new result.
      const first = items[0]?.querySelector('a.result-link');
      if (fromMore && first instanceof HTMLAnchorElement) selectLink(first, true);
    } else {
      this.list.replaceChildren(...items);
      this.list.scrollTop = 0;
      this.exports.enable(res.total !== 0);
    }
    const shown = this.list.children.length;
    // Rows: a reprinted story is one row (its copies named in it).
    const listed = res.listed ?? res.total;
    const folded = res.total - listed;
    const count =
      res.total === 0
        ? 'No results'
        : `${plural(listed, 'result')}${folded > 0 ? ` (${plural(folded, 'reprint')} folded in)` : ''}`;
    // The time is for the eye; screen readers hear only the count.
    this.status.replaceChildren(h('span', 'status-count', count), h('span', 'status-time', ` · ${formatMs(ms)}`));
    this.status.lastElementChild?.setAttribute('aria-hidden', 'true');
    this.status.dataset.total = String(res.total);
    this.list.dataset.q = q;
    this.list.dataset.sort = sort;
    this.list.dataset.total = String(res.total);

    this.empty.hidden = res.total !== 0;
    if (res.total === 0) {
      this.empty.textContent = q.trim()
        ? `Nothing matches “${clip(q.trim(), MAX_QUOTED_QUERY)}”${ranged ? ' in these dates' : ''}.`
        : `No articles${ranged ? ' in these dates' : ''}.`;
    }
    const left = listed - shown;
    this.more.hidden = left <= 0;
    this.more.textContent = `Show ${Math.min(left, res.limit || 20).toLocaleString()} more (${left.toLocaleString()} left)`;
    this.more.dataset.offset = String(shown);
  }

  /**
   * The search for q could not run (an index file could not be had; the
   * banner says which): an empty list that says so.
   * @param {string} q
   */
  renderSearchFailed(q) {
    this.list.replaceChildren();
    this.list.dataset.q = q;
    this.list.dataset.total = '0';
    this.status.textContent = 'Search failed';
    this.notes.clear();
    this.exports.enable(false);
    this.status.dataset.total = '0';
    this.empty.hidden = false;
    this.empty.textContent = q.trim()
      ? `Couldn’t search for “${clip(q.trim(), MAX_QUOTED_QUERY)}”: part of the index could not be loaded.`
      : 'Couldn’t list the articles: part of the index could not be loaded.';
    this.more.hidden = true;
  }

  /**
   * @param {Hit} hit
   * @param {number} index  Position in the whole result list.
   * @param {(id: string) => string} hrefFor  The permalink of an article.
   * @param {boolean} open
   */
  resultItem(hit, index, hrefFor, open) {
    const li = h('li', 'result');
    li.dataset.id = hit.id;
    li.dataset.index = String(index);
    if (open) li.setAttribute('aria-current', 'true');
    const meta = h('p', 'result-meta');
    fillMeta(meta, hit.date, hit.source && clip(hit.source, MAX_LISTED_SOURCE));
    const title = h('h2', 'result-title');
    const a = /** @type {HTMLAnchorElement} */ (h('a', 'result-link'));
    a.href = hrefFor(hit.id);
    a.dataset.id = hit.id;
    if (Array.isArray(hit.title_marked) && hit.title_marked.length) appendSegments(a, hit.title_marked);
    else a.textContent = hit.title || NO_TEXT;
    title.append(a);
    // No headline in the source: its lead stands in, and looks like a lead.
    if (hit.lead) markLead(title, hit.title ? title : null);
    const snippet = h('p', 'snippet');
    appendSegments(snippet, hit.snippet);
    li.append(meta, title, snippet);
    if (hit.also?.length) li.append(this.alsoIn(hit.also, hrefFor));
    return li;
  }

  /**
   * "Also in N sources": every other copy of a reprinted story, each a link
   * that opens it.
   * @param {Reprint[]} also
   * @param {(id: string) => string} hrefFor
   */
  alsoIn(also, hrefFor) {
    const p = h('p', 'result-also');
    p.dataset.count = String(also.length);
    p.append(h('span', 'result-also-label', `Also in ${plural(also.length, 'source')}: `));
    also.forEach((copy, i) => {
      if (i > 0) p.append(', ');
      const link = /** @type {HTMLAnchorElement} */ (h('a', 'result-copy'));
      link.href = hrefFor(copy.id);
      link.dataset.id = copy.id;
      const name = copy.source ? clip(copy.source, MAX_LISTED_SOURCE) : null;
      link.textContent = [name, copy.date ?? 'undated'].filter(Boolean).join(', ');
      p.append(link);
    });
    return p;
  }

  /** @returns {HTMLAnchorElement[]} */
  links() {
    return /** @type {HTMLAnchorElement[]} */ ([...this.list.querySelectorAll('a.result-link')]);
  }

  /**
   * Mark the result whose article is open (null: none).
   * @param {string|null} id
   */
  markOpen(id) {
    for (const li of this.list.querySelectorAll('li.result')) {
      if (li instanceof HTMLElement && li.dataset.id === id) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
    }
  }

  /**
   * Focus a result by id (after the reader closes), if it is in the list.
   * @param {string|null} id
   */
  focusResult(id) {
    const link = this.links().find((a) => a.dataset.id === id);
    if (link) selectLink(link, true);
    return Boolean(link);
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
   * @param {(id: string) => void} onOpened  Before fn: where focus returns when the reader closes.
   */
  bindOpen(fn, onOpened) {
    this.list.addEventListener('click', (e) => {
      const target = /** @type {Element} */ (e.target);
      const link = target.closest('a');
      if (link?.classList.contains('result-copy') && link instanceof HTMLElement && link.dataset.id) {
        // Another copy of the story: open it like a result.
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return; // new tab
        e.preventDefault();
        onOpened(link.dataset.id);
        fn(link.dataset.id);
        return;
      }
      if (link && !link.classList.contains('result-link')) return; // a link in a snippet
      if (link && (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0)) return; // new tab
      const li = target.closest('li.result');
      if (!(li instanceof HTMLElement) || !li.dataset.id) return;
      if (!link && String(window.getSelection() ?? '').length > 0) return; // selecting text
      e.preventDefault();
      const a = li.querySelector('a.result-link');
      if (a instanceof HTMLAnchorElement) selectLink(a, false);
      onOpened(li.dataset.id);
      fn(li.dataset.id);
    });
  }
}
