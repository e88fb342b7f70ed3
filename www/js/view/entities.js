// People, organisations and places (view-only): the facets beside the
// results and the entity view (its timeline, who it is named with, its
// events). Turns DOM events (delegated) into calls of the controller's
// handlers. Which facet is pressed comes from the core's parse of the query
// (its filters), never from reading the query here.

import { overNote, plural } from '../format.js';
import { findFilter } from '../query.js';
import { axisTicks, buildHistogram, spanText } from './chart.js';
import { ENTITY_CLASS, ENTITY_WORD, closestData, h, byId as $ } from './dom.js';
import { eventDateItem } from './events.js';

/** @typedef {import('../types.js').Facet} Facet */
/** @typedef {import('../types.js').Facets} Facets */
/** @typedef {import('../types.js').EntityListResponse} EntityListResponse */
/** @typedef {import('../types.js').EntityView} EntityView */
/** @typedef {import('../types.js').EntityType} EntityType */
/** @typedef {import('../types.js').FacetGroup} FacetGroup */
/** @typedef {import('../types.js').EventRow} EventRow */
/** @typedef {import('../query.js').QueryFilter} QueryFilter */

/**
 * A query and the core's filters of it.
 * @typedef {{q: string, filters: QueryFilter[]}} Parsed
 */

/**
 * A readable name for a key we have no record of ('sergey-lavrov' → 'sergey lavrov').
 * @param {string} key
 */
function keyName(key) {
  return key.replace(/-/g, ' ');
}

/** Names a long list shows at once (typing narrows it). */
const LONG_SHOWN = 200;

/**
 * A name folded for finding as one types: lower case, without accents.
 * @param {string} s
 */
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const GROUPS = /** @type {const} */ ([
  ['people', 'People'],
  ['organizations', 'Organisations'],
  ['places', 'Places'],
]);

export class EntitiesView {
  constructor() {
    this.aside = $('facets');
    this.columns = $('columns');
    this.status = $('facets-status');
    /** Says when the facets count only the top results (`Facets.over`). */
    this.over = $('facets-over');
    this.groups = $('facet-groups');
    this.toggle = $('facets-toggle');
    this.panel = $('entity');
    this.type = $('entity-type');
    this.name = $('entity-name');
    this.meta = $('entity-meta');
    this.aliases = $('entity-aliases');
    this.filterBtn = /** @type {HTMLButtonElement} */ ($('entity-filter'));
    this.close = $('entity-close');
    this.chart = $('entity-chart');
    this.axis = $('entity-axis');
    this.related = $('entity-related');
    this.events = $('entity-events');
    /** Names of the entities seen in facets and views, by key. @type {Map<string, string>} */
    this.names = new Map();
    /** Facet groups the reader expanded. @type {Set<string>} */
    this.expanded = new Set();
    /** @type {EntityView|null} */
    this.shown = null;
    /** @type {Facets|undefined} */
    this.lastFacets = undefined;
    /** The query the facets were drawn for. @type {Parsed} */
    this.parsed = { q: '', filters: [] };
    /** The facet group whose long list is open, and what is typed in its box. @type {{group: FacetGroup, text: string}|null} */
    this.long = null;
    /** Asks the controller for a group's long list (set by bind). @type {(group: FacetGroup) => void} */
    this.askList = () => {};
  }

  /**
   * Show or hide the lane (entities are available, or an entity is asked for).
   * @param {boolean} on
   * @param {boolean} entityOpen
   */
  show(on, entityOpen) {
    this.aside.hidden = !on;
    this.columns.classList.toggle('has-facets', on);
    this.columns.classList.toggle('has-entity', on && entityOpen);
  }

  /**
   * The state of recognition: 'loading' (a subtle note), 'ready', 'none'
   * (nothing recognised), 'failed'.
   * @param {'loading'|'ready'|'none'|'failed'} state
   * @param {string} [detail]
   * @param {string} [source]  Where they were found ('worker', 'page' or 'prebuilt'), kept as data-source.
   */
  setStatus(state, detail = '', source = '') {
    this.aside.dataset.state = state;
    if (source) this.aside.dataset.source = source;
    this.aside.setAttribute('aria-busy', String(state === 'loading'));
    this.status.textContent =
      state === 'loading'
        ? 'Finding people and places…'
        : state === 'none'
          ? 'No people or places found in these articles.'
          : state === 'failed'
            ? `People and places are unavailable${detail ? ` (${detail})` : ''}.`
            : '';
  }

  /**
   * The facets of the results on screen.
   * @param {Facets|undefined} facets
   * @param {Parsed} parsed  The query and its filters (a facet whose filter it has shows pressed).
   */
  renderFacets(facets, parsed) {
    this.lastFacets = facets;
    this.parsed = parsed;
    const { q, filters } = parsed;
    const groups = [];
    for (const [field, label] of GROUPS) {
      const list = Array.isArray(facets?.[field]) ? /** @type {Facet[]} */ (facets?.[field]) : [];
      for (const f of list) this.names.set(f.key, f.name);
      if (!list.length) continue;
      const section = h('section', `facet-group facet-${field}`);
      const id = `facet-title-${field}`;
      const title = h('h3', 'facet-group-title', label);
      title.id = id;
      section.setAttribute('aria-labelledby', id);
      const ul = h('ul', 'facet-list');
      const few = !this.expanded.has(field) && list.length > 6;
      ul.append(
        ...list.slice(0, few ? 5 : list.length).map((f) => {
          const li = h('li');
          li.append(facetButton(f, Boolean(findFilter(q, filters, f.filter))));
          return li;
        }),
      );
      section.append(title, ul);
      if (few) {
        const more = /** @type {HTMLButtonElement} */ (h('button', 'chip facet-more', `${list.length - 5} more`));
        more.type = 'button';
        more.dataset.group = field;
        more.setAttribute('aria-label', `${list.length - 5} more ${label.toLowerCase()}`);
        section.append(more);
      }
      const total = facets?.totals?.[field] ?? list.length;
      if (total > list.length) {
        const all = /** @type {HTMLButtonElement} */ (h('button', 'chip facet-all', `Show all ${total.toLocaleString()}`));
        all.type = 'button';
        all.dataset.group = field;
        all.setAttribute('aria-label', `Show all ${total.toLocaleString()} ${label.toLowerCase()}`);
        all.setAttribute('aria-expanded', 'false');
        section.append(all);
      }
      groups.push(section);
    }
    this.groups.replaceChildren(...groups);
    this.groups.dataset.q = q;
    // Counted over the top results only: said beside them.
    const over = groups.length ? overNote(facets?.over) : '';
    this.over.textContent = over ? `Counted ${over}.` : '';
    this.over.hidden = !over;
    if (over) this.over.dataset.over = String(facets?.over);
    else delete this.over.dataset.over;
    // An open long list follows the results.
    if (this.long && this.groups.querySelector(`.facet-${this.long.group}`)) this.askList(this.long.group);
    else this.long = null;
    if (this.aside.dataset.state === 'ready' || this.aside.dataset.state === 'none') {
      this.setStatus(groups.length ? 'ready' : 'none');
    }
  }

  /**
   * A facet group's long list (every entity of the group the results name)
   * under the group's facets, with a box that narrows it as one types.
   * @param {FacetGroup} group
   * @param {EntityListResponse} answer  The group's entities, most named first,
   *   and the bound they were counted under (said under the box when set).
   * @param {Parsed} parsed  The query and its filters (an entity whose filter it has shows pressed).
   */
  renderList(group, answer, parsed) {
    const list = answer.entities;
    const section = this.groups.querySelector(`.facet-${group}`);
    if (!(section instanceof HTMLElement)) return;
    const label = GROUPS.find(([field]) => field === group)?.[1] ?? group;
    const text = this.long?.group === group ? this.long.text : '';
    this.long = { group, text };
    for (const [field] of GROUPS) {
      if (field !== group) this.groups.querySelector(`.facet-${field} .facet-long`)?.remove();
    }
    const hadFocus = section.querySelector('.facet-long-filter') === document.activeElement;
    section.querySelector('.facet-long')?.remove();
    const box = h('div', 'facet-long');
    box.dataset.group = group;
    const input = /** @type {HTMLInputElement} */ (h('input', 'facet-long-filter'));
    input.type = 'search';
    input.value = text;
    input.placeholder = `Find among ${list.length.toLocaleString()}`;
    input.setAttribute('aria-label', `Find ${label.toLowerCase()}`);
    const count = h('p', 'facet-long-count muted');
    count.setAttribute('aria-live', 'polite');
    const ul = h('ul', 'facet-list facet-long-list');
    const close = /** @type {HTMLButtonElement} */ (h('button', 'chip facet-long-close', 'Close list'));
    close.type = 'button';
    box.append(input, count);
    // The facets above may count every result (exactly) while the list
    // counts only the top ones: the list says so, or its length and counts
    // would seem to contradict the facets' "Show all N".
    const over = overNote(answer.over);
    if (over) {
      const note = h('p', 'facet-long-over muted', `Counted ${over}.`);
      note.dataset.over = String(answer.over);
      box.append(note);
    }
    box.append(ul, close);
    section.append(box);
    const all = /** @type {HTMLElement|null} */ (section.querySelector('button.facet-all'));
    if (all) {
      all.setAttribute('aria-expanded', 'true');
      all.hidden = true;
    }
    const draw = () => {
      const want = fold(input.value.trim());
      const found = want ? list.filter((f) => fold(f.name).includes(want)) : list;
      const shown = found.slice(0, LONG_SHOWN);
      ul.replaceChildren(
        ...shown.map((f) => {
          this.names.set(f.key, f.name);
          const li = h('li');
          li.append(facetButton(f, Boolean(findFilter(parsed.q, parsed.filters, f.filter))));
          return li;
        }),
      );
      box.dataset.found = String(found.length);
      count.textContent =
        found.length > shown.length
          ? `${shown.length.toLocaleString()} of ${found.length.toLocaleString()} shown; type to narrow`
          : found.length
            ? `${plural(found.length, 'name')}`
            : 'No name matches.';
    };
    input.addEventListener('input', () => {
      if (this.long) this.long.text = input.value;
      draw();
    });
    close.addEventListener('click', () => {
      this.long = null;
      box.remove();
      if (all) {
        all.hidden = false;
        all.setAttribute('aria-expanded', 'false');
        all.focus();
      }
    });
    draw();
    if (hadFocus || !text) input.focus({ preventScroll: hadFocus });
  }

  /**
   * The entity view (null: closed; undefined entity: unknown key).
   * @param {{key: string, entity: EntityView|undefined, parsed: Parsed, hrefFor: (row: EventRow) => string, focus: boolean}|null} opts
   */
  renderEntity(opts) {
    const hadFocus = this.panel.contains(document.activeElement);
    this.groups.hidden = Boolean(opts);
    this.panel.hidden = !opts;
    if (!opts) {
      this.shown = null;
      delete this.panel.dataset.key;
      // Focus goes back to the names, not to the page's start.
      if (hadFocus) {
        const first = this.groups.querySelector('button.facet');
        if (first instanceof HTMLElement) first.focus();
      }
      return;
    }
    const { key, entity, parsed, hrefFor, focus } = opts;
    this.shown = entity ?? null;
    this.panel.dataset.key = key;
    if (!entity) {
      this.type.textContent = '';
      this.name.textContent = this.names.get(key) ?? keyName(key);
      this.meta.textContent = 'Not found in this collection.';
      this.aliases.textContent = '';
      this.filterBtn.hidden = true;
      for (const el of [this.chart, this.axis, this.related, this.events]) el.replaceChildren();
      if (focus) this.panel.focus();
      return;
    }
    this.names.set(entity.key, entity.name);
    this.panel.dataset.type = entity.type;
    this.type.textContent = ENTITY_WORD[entity.type] ?? '';
    this.name.replaceChildren(h('span', `ent ${ENTITY_CLASS[entity.type] ?? ''}`, entity.name));
    const over = overNote(entity.over);
    this.meta.textContent =
      `${plural(entity.articles, 'article')} · ${plural(entity.mentions, 'mention')}` +
      (over ? ` · names and events ${over.replace('matches', 'articles')}` : '');
    const others = entity.aliases.filter((a) => a !== entity.name);
    this.aliases.textContent = others.length ? `Also: ${others.join(', ')}` : '';
    const filtered = Boolean(findFilter(parsed.q, parsed.filters, entity.filter));
    this.filterBtn.hidden = false;
    this.filterBtn.dataset.filter = entity.filter;
    this.filterBtn.setAttribute('aria-pressed', String(filtered));
    this.filterBtn.textContent = filtered ? 'Showing only these articles' : 'Show only articles naming it';

    const tl = entity.timeline;
    if (tl && tl.bins.length) {
      this.chart.replaceChildren(buildHistogram(tl, { from: null, to: null, hasQuery: false }));
      this.axis.replaceChildren(
        ...axisTicks(tl).map((t) => {
          const span = h('span', `tl-tick tl-tick-${t.align}${t.note ? ' tl-tick-note' : ''}`, t.text);
          span.style.left = `${(t.at * 100).toFixed(3)}%`;
          return span;
        }),
      );
      this.chart.title = spanText(tl);
    } else {
      this.chart.replaceChildren();
      this.axis.replaceChildren();
    }
    this.related.replaceChildren(
      ...entity.related.slice(0, 12).map((f) => {
        this.names.set(f.key, f.name);
        const li = h('li');
        const b = facetButton(f, false);
        b.classList.add('related');
        b.removeAttribute('aria-pressed');
        li.append(b);
        return li;
      }),
    );
    if (!entity.related.length) this.related.append(h('li', 'muted', 'No one else.'));
    this.events.replaceChildren(...entity.events.map((d) => eventDateItem(d, hrefFor, { heading: 'h4', more: false })));
    if (!entity.events.length) this.events.append(h('li', 'muted', 'No dated events.'));
    if (focus) {
      this.panel.focus({ preventScroll: true });
      this.panel.scrollIntoView({ block: 'nearest' });
    }
  }

  /**
   * A name for an entity key: the one seen in facets and views, or the key in words.
   * @param {string} key
   */
  nameOf(key) {
    return this.names.get(key) ?? keyName(key);
  }

  /** The name of the entity on screen, or null. */
  shownName() {
    return this.panel.hidden ? null : this.name.textContent;
  }

  /**
   * @param {{
   *   filter: (token: string) => void,
   *   unfilter: (token: string) => void,
   *   entity: (key: string|null) => void,
   *   open: (id: string, event: number, text: string) => void,
   *   list: (group: FacetGroup) => void,
   * }} fns
   */
  bind(fns) {
    this.askList = fns.list;
    this.groups.addEventListener('click', (e) => {
      const target = /** @type {Element} */ (e.target);
      const all = closestData(target, 'button.facet-all', 'group');
      if (all) {
        this.long = { group: /** @type {FacetGroup} */ (all), text: '' };
        fns.list(/** @type {FacetGroup} */ (all));
        return;
      }
      const group = closestData(target, 'button.facet-more', 'group');
      if (group) {
        this.expanded.add(group);
        this.renderFacets(this.lastFacets, this.parsed);
        const btn = this.groups.querySelectorAll(`.facet-${group} button.facet`)[5];
        if (btn instanceof HTMLElement) btn.focus();
        return;
      }
      const b = target.closest('button.facet');
      if (!(b instanceof HTMLElement) || !b.dataset.filter) return;
      if (b.getAttribute('aria-pressed') === 'true') fns.unfilter(b.dataset.filter);
      else fns.filter(b.dataset.filter);
    });
    this.close.addEventListener('click', () => fns.entity(null));
    // Phones: the names fold away above the list.
    this.toggle.addEventListener('click', () => {
      const open = this.aside.classList.toggle('is-open');
      this.toggle.setAttribute('aria-expanded', String(open));
      this.toggle.textContent = open ? 'Hide names' : 'Show names';
    });
    this.panel.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      e.stopPropagation();
      fns.entity(null);
    });
    this.filterBtn.addEventListener('click', () => {
      const token = this.filterBtn.dataset.filter;
      if (!token) return;
      if (this.filterBtn.getAttribute('aria-pressed') === 'true') fns.unfilter(token);
      else fns.filter(token);
    });
    this.related.addEventListener('click', (e) => {
      const key = closestData(/** @type {Element} */ (e.target), 'button.facet', 'key');
      if (key) fns.entity(key);
    });
    this.events.addEventListener('click', (e) => {
      const target = /** @type {Element} */ (e.target);
      const link = target.closest('a');
      if (link && !link.classList.contains('ev-link')) return;
      if (link && (/** @type {MouseEvent} */ (e).ctrlKey || /** @type {MouseEvent} */ (e).metaKey || /** @type {MouseEvent} */ (e).shiftKey)) return;
      const row = target.closest('li.ev-row');
      if (!(row instanceof HTMLElement) || !row.dataset.id || !row.dataset.event) return;
      if (!link && String(window.getSelection() ?? '').length > 0) return;
      e.preventDefault();
      // The link holds focus, so closing the reader comes back to it.
      const a = row.querySelector('a.ev-link');
      if (a instanceof HTMLElement && document.activeElement !== a) a.focus({ preventScroll: true });
      fns.open(row.dataset.id, Number(row.dataset.event), row.dataset.text ?? '');
    });
  }
}

/**
 * A facet: the name (styled by type) and its count; pressed when its filter is on.
 * @param {Facet} f
 * @param {boolean} pressed
 */
function facetButton(f, pressed) {
  const b = /** @type {HTMLButtonElement} */ (h('button', 'facet'));
  b.type = 'button';
  b.dataset.key = f.key;
  b.dataset.type = f.type;
  b.dataset.filter = f.filter;
  b.dataset.count = String(f.count);
  b.setAttribute('aria-pressed', String(pressed));
  const count = h('span', 'facet-count', f.count.toLocaleString());
  count.append(h('span', 'visually-hidden', f.count === 1 ? ' article' : ' articles'));
  b.append(h('span', `facet-name ent ${ENTITY_CLASS[f.type] ?? ''}`, f.name), ' ', count);
  return b;
}
