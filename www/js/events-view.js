// The event timeline (view-only): the events lane (bars for days, bands for
// longer periods), the list of events grouped by the date they name, the
// order control and the exports. Turns DOM events (delegated) into calls of
// the controller's handlers.

import { formatEventDate, formatRange, formatMs, plural } from './format.js';
import { axisTicks, binTitle, buildEventLane, spanText } from './timeline.js';
import { appendSegments, download, h, timeEl } from './dom.js';
import { attachBrush } from './brush.js';

/** @typedef {import('./types.js').EventsResponse} EventsResponse */
/** @typedef {import('./types.js').EventDate} EventDate */
/** @typedef {import('./types.js').EventRow} EventRow */
/** @typedef {import('./types.js').EventLane} EventLane */
/** @typedef {import('./types.js').State} State */

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
  const li = /** @type {HTMLLIElement} */ (h('li', `ev-date ev-${d.granularity}`));
  li.dataset.value = d.value;
  li.dataset.start = d.start;
  li.dataset.end = d.end;
  li.dataset.granularity = d.granularity;
  li.dataset.mentions = String(d.mentions);
  li.dataset.articles = String(d.articles);
  const head = h(heading, 'ev-date-head');
  const when = h('span', 'ev-when', formatEventDate(d));
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
  const a = /** @type {HTMLAnchorElement} */ (h('a', 'ev-link', r.title || r.id));
  a.href = href;
  a.dataset.event = String(r.event);
  a.dataset.id = r.id;
  src.append(a, h('span', 'sep', ' · '), timeEl(r.article_date));
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
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
    this.panel = $('panel-events');
    this.pane = $('events-pane');
    this.chart = $('ev-chart');
    this.axis = $('ev-axis');
    this.live = $('ev-live');
    this.rangeText = $('ev-range-text');
    this.rangeClear = $('ev-range-clear');
    this.zoomIn = $('ev-zoom-in');
    this.zoomOut = $('ev-zoom-out');
    this.pubClear = $('ev-pub-clear');
    this.rangeForm = /** @type {HTMLFormElement} */ ($('ev-range-form'));
    this.rangeFrom = /** @type {HTMLInputElement} */ ($('ev-range-from'));
    this.rangeTo = /** @type {HTMLInputElement} */ ($('ev-range-to'));
    this.status = $('ev-status');
    this.order = /** @type {HTMLSelectElement} */ ($('ev-order'));
    this.csv = /** @type {HTMLButtonElement} */ ($('export-csv'));
    this.json = /** @type {HTMLButtonElement} */ ($('export-json'));
    this.list = $('ev-list');
    this.empty = $('ev-empty');
    this.more = /** @type {HTMLButtonElement} */ ($('ev-more'));
    /** @type {EventLane|null} */
    this.lane = null;
    /** Dates on screen. */
    this.shown = 0;
    /** @type {{from: string|null, to: string|null}} */
    this.selected = { from: null, to: null };
    /** @type {{afterRender: () => void}|null} */
    this.brush = null;
  }

  /** @param {boolean} on  Show the events lane and list (instead of the publications). */
  show(on) {
    this.panel.hidden = !on;
    this.pane.hidden = !on;
  }

  /**
   * Render events: the lane (unless appending) and the list.
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
      this.renderLane(res.lane, state);
    }
    this.shown = this.list.children.length;
    const q = state.q.trim();
    this.list.dataset.q = state.q;
    this.list.dataset.total = String(res.total_dates);
    this.list.dataset.order = state.order;
    const count =
      res.total_dates === 0
        ? 'No events'
        : `${plural(res.total_dates, 'date')} · ${plural(res.total_mentions, 'mention')}`;
    this.status.replaceChildren(h('span', 'status-count', count), h('span', 'status-time', ` · ${formatMs(ms)}`));
    this.status.lastElementChild?.setAttribute('aria-hidden', 'true');
    this.status.dataset.total = String(res.total_dates);
    this.empty.hidden = res.total_dates !== 0;
    if (res.total_dates === 0) {
      const where = state.efrom || state.eto ? ' on these dates' : '';
      this.empty.textContent = q ? `No events in articles matching “${q}”${where}.` : `No events${where}.`;
    }
    const left = res.total_dates - this.shown;
    this.more.hidden = left <= 0;
    this.more.textContent = `Show ${Math.min(left, res.limit || 50).toLocaleString()} more dates (${left.toLocaleString()} left)`;
    this.csv.disabled = this.json.disabled = res.total_dates === 0;
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

  /**
   * @param {EventLane} lane
   * @param {State} state
   */
  renderLane(lane, state) {
    this.lane = lane;
    const from = state.efrom;
    const to = state.eto;
    this.selected = { from, to };
    const hasQuery = Boolean(state.q.trim() || state.from || state.to);
    const svg = buildEventLane(lane, { from, to, hasQuery, dateText: (s) => formatEventDate(spanDate(s)) });
    this.chart.replaceChildren(svg);
    this.brush?.afterRender();
    this.chart.classList.toggle('has-query', hasQuery);
    this.chart.dataset.granularity = lane.granularity;
    this.axis.replaceChildren(
      ...axisTicks({ ...lane, undated: 0, undated_hits: 0 }).map((t) => {
        const span = h('span', `tl-tick tl-tick-${t.align}${t.note ? ' tl-tick-note' : ''}`, t.text);
        span.style.left = `${(t.at * 100).toFixed(3)}%`;
        return span;
      }),
    );
    const days = lane.bins.reduce((n, b) => n + b.hits, 0);
    this.chart.setAttribute(
      'aria-label',
      `Event timeline, ${lane.bins.length ? spanText({ ...lane, undated: 0, undated_hits: 0 }) : 'no events'}: ` +
        `${plural(days, 'mention')} of single days, ${plural(lane.spans?.length ?? 0, 'longer period')}.`,
    );
    this.rangeText.textContent = formatRange(from, to);
    this.rangeClear.hidden = !(from || to);
    const bins = lane.bins;
    const narrower = bins.length > 0 && !!from && !!to && (from > bins[0].start || to < bins[bins.length - 1].end);
    this.zoomIn.hidden = !narrower;
    this.zoomOut.hidden = !(state.evfrom && state.evto);
    this.rangeFrom.value = from ?? '';
    this.rangeTo.value = to ?? '';
    const pub = Boolean(state.from || state.to);
    this.pubClear.hidden = !pub;
    this.pubClear.replaceChildren(`Published ${formatRange(state.from, state.to)}`, ariaHidden(' ×'));
    this.pubClear.setAttribute('aria-label', `Published ${formatRange(state.from, state.to)}: clear`);
  }

  /** @param {State['order']} order */
  setOrder(order) {
    this.order.value = order;
  }

  /**
   * @param {string} text
   * @param {string} name
   * @param {string} type
   */
  download(text, name, type) {
    download(text, name, type);
  }

  /**
   * @param {{
   *   range: (from: string|null, to: string|null) => void,
   *   clear: () => void,
   *   clearPublished: () => void,
   *   zoom: (dir: 'in'|'out') => void,
   *   order: (order: State['order']) => void,
   *   more: () => void,
   *   all: (value: string) => void,
   *   open: (id: string, event: number, text: string) => void,
   *   exportAs: (format: 'csv'|'json') => void,
   * }} fns
   */
  bind(fns) {
    this.brush = attachBrush(this.chart, {
      bins: () => this.lane?.bins ?? [],
      selected: () => this.selected,
      describe: (b) => binTitle(b, this.lane?.granularity ?? 'day', this.chart.classList.contains('has-query'), ['mention', 'mentions']),
      live: this.live,
      range: (from, to) => fns.range(from, to),
      clear: () => fns.clear(),
      pick: (target) => {
        const g = target.closest('.ev-span');
        return g instanceof SVGElement && g.dataset.start && g.dataset.end ? { start: g.dataset.start, end: g.dataset.end } : null;
      },
    });
    this.rangeForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const from = this.rangeFrom.value || null;
      const to = this.rangeTo.value || null;
      if (from || to) fns.range(from, to);
      else fns.clear();
    });
    this.rangeClear.addEventListener('click', () => fns.clear());
    this.pubClear.addEventListener('click', () => fns.clearPublished());
    this.zoomIn.addEventListener('click', () => fns.zoom('in'));
    this.zoomOut.addEventListener('click', () => fns.zoom('out'));
    this.order.addEventListener('change', () => fns.order(/** @type {State['order']} */ (this.order.value)));
    this.more.addEventListener('click', () => fns.more());
    this.csv.addEventListener('click', () => fns.exportAs('csv'));
    this.json.addEventListener('click', () => fns.exportAs('json'));
    this.list.addEventListener('click', (e) => {
      const target = /** @type {Element} */ (e.target);
      const all = target.closest('button.ev-all');
      if (all instanceof HTMLElement && all.dataset.value) {
        fns.all(all.dataset.value);
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

/** @param {string} text */
function ariaHidden(text) {
  const s = h('span', '', text);
  s.setAttribute('aria-hidden', 'true');
  return s;
}

/**
 * A lane span as an EventDate-like value (for formatEventDate).
 * @param {import('./types.js').LaneSpan} s
 */
function spanDate(s) {
  return { value: s.value, start: s.start, end: s.end, granularity: granularityOf(s.value) };
}

/**
 * The granularity of a TIMEX3 value, from its shape.
 * @param {string} value
 */
export function granularityOf(value) {
  if (/^\d{4}$/.test(value)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(value)) return 'quarter';
  if (/^\d{4}-W\d{2}$/.test(value)) return 'week';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'day';
  return 'span';
}

