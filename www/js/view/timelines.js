// The timelines region (view-only): the tabs, and one TimelinePanel each for
// the publication dates of the articles and for the dates the articles
// mention (the events lane: bars for days, bands for longer periods).

import { formatRange, plural } from '../format.js';
import { buildEventLane, buildHistogram, spanText } from './chart.js';
import { h, byId as $ } from './dom.js';
import { TimelinePanel } from './timeline-panel.js';

/** @typedef {import('../types.js').Timeline} Timeline */
/** @typedef {import('../types.js').EventLane} EventLane */
/** @typedef {import('../types.js').State} State */

/** @param {string} text */
function ariaHidden(text) {
  const s = h('span', '', text);
  s.setAttribute('aria-hidden', 'true');
  return s;
}

export class Timelines {
  constructor() {
    this.tabs = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('.tl-tab')]);
    this.tabList = /** @type {HTMLElement} */ (document.querySelector('.tl-tabs'));
    this.publications = new TimelinePanel($('panel-publications'), {
      prefix: 'tl',
      label: 'Publication timeline',
      help:
        'Drag across the bars, or click one, to show only articles from those dates. With the keyboard: left and right ' +
        'arrows pick a bar, shift and an arrow widen the choice, Enter shows those dates, Escape clears them.',
      rangeLabel: 'Dates:',
      clearText: 'Clear dates',
      unit: ['article', 'articles'],
      names: ['from', 'to'],
    });
    this.undated = h('p', 'tl-undated');
    this.undated.id = 'tl-undated';
    this.publications.addNote(this.undated);

    this.events = new TimelinePanel($('panel-events'), {
      prefix: 'ev',
      label: 'Event timeline',
      help:
        'The dates the articles mention. Bars are single days; bands above them are weeks, months, years and other ' +
        'longer periods. Drag across the bars, or click a bar or a band, to list only the events on those dates. With ' +
        'the keyboard: left and right arrows pick a bar, shift and an arrow widen the choice, Enter lists those dates, ' +
        'Escape clears them.',
      rangeLabel: 'Events on:',
      clearText: 'Clear event dates',
      unit: ['mention', 'mentions'],
      names: ['efrom', 'eto'],
      chartClass: 'ev-chart',
      pick: (target) => {
        const g = target.closest('.ev-span');
        return g instanceof SVGElement && g.dataset.start && g.dataset.end ? { start: g.dataset.start, end: g.dataset.end } : null;
      },
    });
    /** Clears the publication dates while the events show. */
    this.pubClear = /** @type {HTMLButtonElement} */ (h('button', 'chip chip-clear'));
    this.pubClear.type = 'button';
    this.pubClear.id = 'ev-pub-clear';
    this.pubClear.hidden = true;
    this.events.actions.append(this.pubClear);
    const key = h('p', 'ev-key');
    key.setAttribute('aria-hidden', 'true');
    key.append(h('span', 'ev-key-bar'), ' days ', h('span', 'ev-key-band'), ' longer periods');
    this.events.addNote(key);
  }

  /** @param {boolean} on  Offer the event timeline (its tab). */
  setEventsOffered(on) {
    this.tabList.hidden = !on;
  }

  /**
   * Show one panel and mark its tab.
   * @param {State['view']} mode
   */
  setMode(mode) {
    for (const tab of this.tabs) {
      const on = tab.dataset.view === mode;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
    this.publications.show(mode !== 'events');
    this.events.show(mode === 'events');
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

  /**
   * The publication timeline.
   * @param {Timeline} timeline
   * @param {{from: string|null, to: string|null, hasQuery: boolean, zoomed: boolean}} opts
   */
  renderPublications(timeline, { from, to, hasQuery, zoomed }) {
    const totalDated = timeline.bins.reduce((n, b) => n + b.total, 0);
    const hits = timeline.bins.reduce((n, b) => n + b.hits, 0);
    this.publications.render({
      timeline,
      svg: buildHistogram(timeline, { from, to, hasQuery }),
      from,
      to,
      hasQuery,
      zoomed,
      summary:
        `${spanText(timeline)}: ` + `${plural(totalDated, 'dated article')}${hasQuery ? `, ${plural(hits, 'match', 'matches')}` : ''}`,
    });
    const u = timeline.undated;
    this.undated.hidden = !u;
    this.undated.textContent = u
      ? `${plural(u, 'undated article')}${hasQuery ? ` (${timeline.undated_hits.toLocaleString()} matching)` : ''}`
      : '';
  }

  /**
   * The events lane.
   * @param {EventLane} lane
   * @param {State} state
   */
  renderEvents(lane, state) {
    const from = state.efrom;
    const to = state.eto;
    const hasQuery = Boolean(state.q.trim() || state.from || state.to);
    const days = lane.bins.reduce((n, b) => n + b.hits, 0);
    this.events.render({
      timeline: lane,
      svg: buildEventLane(lane, { from, to, hasQuery }),
      from,
      to,
      hasQuery,
      // Zoomed in, or opened on the period with far dates left out: offer "zoom out".
      zoomed: laneHidesSome(lane) || Boolean(state.evfrom && state.evto && !laneShowsAll(lane, state)),
      summary:
        `${lane.bins.length ? spanText({ ...lane, undated: 0, undated_hits: 0 }) : 'no events'}: ` +
        `${plural(days, 'mention')} of single days, ${plural(lane.spans?.length ?? 0, 'longer period')}`,
    });
    const pub = Boolean(state.from || state.to);
    this.pubClear.hidden = !pub;
    this.pubClear.replaceChildren(`Published ${formatRange(state.from, state.to)}`, ariaHidden(' ×'));
    this.pubClear.setAttribute('aria-label', `Published ${formatRange(state.from, state.to)}: clear`);
  }

  /**
   * @param {{range: (from: string|null, to: string|null) => void, clear: () => void, zoom: (dir: 'in'|'out') => void}} fns
   */
  bindPublications(fns) {
    this.publications.bind(fns);
  }

  /**
   * @param {{range: (from: string|null, to: string|null) => void, clear: () => void, zoom: (dir: 'in'|'out') => void, clearPublished: () => void}} fns
   */
  bindEvents({ clearPublished, ...fns }) {
    this.events.bind(fns);
    this.pubClear.addEventListener('click', () => clearPublished());
  }
}

/**
 * Does the lane, opened on the period most events lie in, leave out some
 * day the collection's events name (far past or future)? Then "zoom out"
 * shows them all.
 * @param {EventLane} lane
 */
function laneHidesSome(lane) {
  const first = lane.bins[0];
  const last = lane.bins[lane.bins.length - 1];
  if (!first || !last || !lane.all_start || !lane.all_end) return false;
  return lane.all_start < first.start || lane.all_end > last.end;
}

/**
 * Is the lane's window (as the state asks for it) the whole extent of the events?
 * @param {EventLane} lane
 * @param {State} state
 */
function laneShowsAll(lane, state) {
  return Boolean(state.evfrom && state.evto && lane.all_start && lane.all_end && state.evfrom <= lane.all_start && state.evto >= lane.all_end);
}
