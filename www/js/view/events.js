// The events list (view-only): events grouped by the date they name, the
// order control and the exports. (The events lane is a timeline panel, see
// timelines.js.) Turns DOM events (delegated) into calls of the controller's
// handlers.

import { clip, formatDate, formatMs, MAX_LISTED_TITLE, overNote, plural } from '../format.js';
import { appendSegments, closestData, h, markLead, timeEl, byId as $ } from './dom.js';
import { ExportButtons } from './export-buttons.js';

/** @typedef {import('../types.js').EventsResponse} EventsResponse */
/** @typedef {import('../types.js').EventDate} EventDate */
/** @typedef {import('../types.js').EventRow} EventRow */
/** @typedef {import('../types.js').State} State */

/** The core gives at most this many rows (articles) per date. */
export const MAX_ROWS = 1000;

/**
 * One date of the event list: its heading and up to `rows` rows.
 * Shared with the entity view.
 * @param {EventDate} d
 * @param {(row: EventRow) => string} hrefFor  The reader at the row's sentence.
 * @param {{heading?: 'h3'|'h4', more?: boolean}} [opts]  more: offer "all N articles".
 * @returns {HTMLLIElement}
 */
export function eventDateItem(d, hrefFor, { heading = 'h3', more = true } = {}) {
  const li = /** @type {HTMLLIElement} */ (h('li', `ev-date ev-${d.granularity}${d.earlier ? ' ev-earlier' : ''}`));
  li.dataset.value = d.value;
  if (d.earlier) li.dataset.earlier = 'true';
  li.dataset.start = d.start;
  li.dataset.end = d.end;
  li.dataset.granularity = d.granularity;
  li.dataset.mentions = String(d.mentions);
  li.dataset.articles = String(d.articles);
  const head = h(heading, 'ev-date-head');
  const when = h('span', 'ev-when', d.label);
  head.append(when);
  if (d.granularity !== 'day') head.append(h('span', 'ev-gran', d.granularity));
  head.append(
    h(
      'span',
      'ev-count',
      `${plural(d.mentions, 'mention')}${d.articles !== d.mentions ? ` in ${plural(d.articles, 'article')}` : ''}`,
    ),
  );
  li.append(head);
  const rows = h('ul', 'ev-rows');
  rows.append(...d.rows.map((r) => eventRowItem(r, hrefFor(r))));
  li.append(rows);
  const left = d.articles - d.rows.length;
  if (more && left > 0 && d.rows.length < MAX_ROWS) {
    const n = Math.min(left, MAX_ROWS - d.rows.length);
    const btn = /** @type {HTMLButtonElement} */ (
      h('button', 'chip ev-all', n === left ? `Show ${plural(left, 'more article')}` : `Show ${n.toLocaleString()} more of ${left.toLocaleString()} articles`)
    );
    btn.type = 'button';
    btn.dataset.value = d.value;
    li.append(btn);
  } else if (more && left > 0) {
    li.append(h('p', 'ev-capped muted', `The first ${MAX_ROWS.toLocaleString()} articles are shown; ${left.toLocaleString()} more mention this date.`));
  }
  return li;
}

/**
 * One row: the sentence with the expression marked, then the article's
 * title (a link to the reader at that sentence) and date.
 * @param {EventRow} r
 * @param {string} href
 * @returns {HTMLLIElement}
 */
function eventRowItem(r, href) {
  const li = /** @type {HTMLLIElement} */ (h('li', 'ev-row'));
  li.dataset.event = String(r.event);
  li.dataset.id = r.id;
  li.dataset.text = r.text;
  const sentence = h('p', 'ev-sentence');
  appendSegments(sentence, r.sentence, { times: 'expr' });
  const src = h('p', 'ev-source');
  const a = /** @type {HTMLAnchorElement} */ (h('a', 'ev-link', clip(r.title || r.id, MAX_LISTED_TITLE)));
  a.href = href;
  a.dataset.event = String(r.event);
  a.dataset.id = r.id;
  src.append(a, h('span', 'sep', ' · '), timeEl(r.article_date));
  if (r.lead && r.title) markLead(a, src);
  li.append(sentence, src);
  return li;
}

/**
 * @typedef {object} EventsRenderOptions
 * @property {number} ms
 * @property {boolean} append  Add the dates to the list (another page).
 * @property {(row: EventRow) => string} hrefFor
 * @property {State} state
 */

export class EventsView {
  constructor() {
    this.pane = $('events-pane');
    this.status = $('ev-status');
    /** Says when the events are of the top results only (`EventsResponse.over`). */
    this.over = $('ev-over');
    this.order = /** @type {HTMLSelectElement} */ ($('ev-order'));
    this.exports = new ExportButtons({ csv: 'export-csv', json: 'export-json' });
    this.list = $('ev-list');
    this.empty = $('ev-empty');
    this.more = /** @type {HTMLButtonElement} */ ($('ev-more'));
    /** Dates on screen. */
    this.shown = 0;
  }

  /** @param {boolean} on  Show the events list (instead of the results). */
  show(on) {
    this.pane.hidden = !on;
  }

  /**
   * Render the list of events (append: another page of dates).
   * @param {EventsResponse} res
   * @param {EventsRenderOptions} opts
   */
  render(res, { ms, append, hrefFor, state }) {
    const items = res.dates.map((d) => eventDateItem(d, hrefFor));
    if (append) {
      const fromMore = document.activeElement === this.more;
      this.list.append(...items);
      const first = items[0]?.querySelector('a.ev-link');
      if (fromMore && first instanceof HTMLAnchorElement) first.focus();
    } else {
      this.list.replaceChildren(...items);
    }
    // In date order the list opens on the period most events lie in; the
    // dates before it come last, under a heading of their own.
    const firstEarlier = this.list.querySelector('li.ev-date.ev-earlier');
    if (firstEarlier && !this.list.querySelector('li.ev-earlier-head')) {
      const head = h('li', 'ev-earlier-head');
      head.append(h('h3', 'ev-earlier-title', res.period_start ? `Before ${formatDate(res.period_start)}` : 'Earlier'));
      firstEarlier.before(head);
    }
    this.shown = this.list.querySelectorAll('li.ev-date').length;
    const q = state.q.trim();
    this.list.dataset.q = state.q;
    this.list.dataset.total = String(res.total_dates);
    delete this.list.dataset.unavailable;
    this.list.dataset.order = state.order;
    const count =
      res.total_dates === 0
        ? 'No events'
        : `${plural(res.total_dates, 'date')} · ${plural(res.total_mentions, 'mention')}`;
    this.status.replaceChildren(h('span', 'status-count', count), h('span', 'status-time', ` · ${formatMs(ms)}`));
    this.status.lastElementChild?.setAttribute('aria-hidden', 'true');
    this.status.dataset.total = String(res.total_dates);
    const over = overNote(res.over);
    this.over.textContent = over ? `Events of the articles ${over}.` : '';
    this.over.hidden = !over;
    if (over) this.over.dataset.over = String(res.over);
    else delete this.over.dataset.over;
    this.empty.hidden = res.total_dates !== 0;
    if (res.total_dates === 0) {
      const where = state.efrom || state.eto ? ' on these dates' : '';
      this.empty.textContent = q ? `No events in articles matching “${q}”${where}.` : `No events${where}.`;
    }
    const left = res.total_dates - this.shown;
    this.more.hidden = left <= 0;
    this.more.textContent = `Show ${Math.min(left, res.limit || 50).toLocaleString()} more dates (${left.toLocaleString()} left)`;
    this.exports.enable(res.total_dates !== 0);
  }

  /**
   * Say the events cannot be shown (an event file of the index could not be
   * had): no list, rather than one missing that file's events.
   * @param {string} why  What went wrong (the banner has the details).
   * @param {State} state
   */
  renderUnavailable(why, state) {
    this.list.replaceChildren();
    this.list.dataset.q = state.q;
    this.list.dataset.total = '';
    this.list.dataset.unavailable = 'true';
    this.shown = 0;
    this.status.replaceChildren(h('span', 'status-count', 'Events unavailable'));
    this.status.dataset.total = '';
    this.empty.hidden = false;
    this.empty.textContent = `Events are unavailable: ${why}`;
    this.more.hidden = true;
    this.exports.enable(false);
  }

  /**
   * Replace one date's rows (after "show all articles").
   * @param {EventDate} d
   * @param {(row: EventRow) => string} hrefFor
   */
  replaceDate(d, hrefFor) {
    const old = [...this.list.children].find((li) => li instanceof HTMLElement && li.dataset.value === d.value);
    if (!old) return;
    const item = eventDateItem(d, hrefFor);
    old.replaceWith(item);
    const first = item.querySelectorAll('a.ev-link')[old.querySelectorAll('a.ev-link').length];
    if (first instanceof HTMLAnchorElement) first.focus();
  }

  /** @param {State['order']} order */
  setOrder(order) {
    this.order.value = order;
  }

  /**
   * @param {{
   *   order: (order: State['order']) => void,
   *   more: () => void,
   *   all: (value: string) => void,
   *   open: (id: string, event: number, text: string) => void,
   *   exportAs: (format: 'csv'|'json') => void,
   * }} fns
   */
  bind(fns) {
    this.order.addEventListener('change', () => fns.order(/** @type {State['order']} */ (this.order.value)));
    this.more.addEventListener('click', () => fns.more());
    this.exports.bind(fns.exportAs);
    this.list.addEventListener('click', (e) => {
      const target = /** @type {Element} */ (e.target);
      const all = closestData(target, 'button.ev-all', 'value');
      if (all) {
        fns.all(all);
        return;
      }
      const link = target.closest('a');
      if (link && !link.classList.contains('ev-link')) return; // a link in a sentence
      if (link && (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || /** @type {MouseEvent} */ (e).button !== 0)) return;
      const row = target.closest('li.ev-row');
      if (!(row instanceof HTMLElement) || !row.dataset.id || !row.dataset.event) return;
      if (!link && String(window.getSelection() ?? '').length > 0) return; // selecting text
      e.preventDefault();
      // The link holds focus, so closing the reader comes back to it.
      const a = row.querySelector('a.ev-link');
      if (a instanceof HTMLElement && document.activeElement !== a) a.focus({ preventScroll: true });
      this.select(row);
      fns.open(row.dataset.id, Number(row.dataset.event), row.dataset.text ?? '');
    });
  }

  /**
   * Mark the row whose article is open (null: none).
   * @param {number|null} event
   */
  markOpen(event) {
    for (const li of this.list.querySelectorAll('li.ev-row')) {
      if (li instanceof HTMLElement && event !== null && li.dataset.event === String(event)) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
    }
  }

  /** @param {HTMLElement} row */
  select(row) {
    for (const li of this.list.querySelectorAll('li.ev-row.is-selected')) li.classList.remove('is-selected');
    row.classList.add('is-selected');
  }

  /**
   * Focus the link of an event row (after the reader closes).
   * @param {number|null} event
   */
  focusRow(event) {
    if (event === null) return false;
    const a = this.list.querySelector(`a.ev-link[data-event="${event}"]`);
    if (a instanceof HTMLAnchorElement) {
      a.focus({ preventScroll: true });
      a.scrollIntoView({ block: 'nearest' });
      return true;
    }
    return false;
  }

  /** The event links on screen, in order. */
  links() {
    return /** @type {HTMLAnchorElement[]} */ ([...this.list.querySelectorAll('a.ev-link')]);
  }
}
