// The query's entity filters, and the parts of it the core could not use
// (an invalid date bound), as removable chips (view-only), under the
// timelines. Both are the core's reading of the query; a chip's × asks the
// controller to remove that part (it cuts the query by the span the core
// gave). One chip widget (`chip`) draws both kinds.

import { problemText, problemToken } from '../notes.js';
import { chipFilters, filterText } from '../query.js';
import { ENTITY_CLASS, ENTITY_WORD, closestData, h } from './dom.js';

/** @typedef {import('../query.js').QueryFilter} QueryFilter */
/** @typedef {import('../types.js').QueryProblem} QueryProblem */

/**
 * A removable chip: its content, then a × button that names what it removes.
 * `token` is the part of the query it stands for, as typed (the controller
 * finds it among the core's spans).
 * @param {{className: string, token: string, content: (Node|string)[], removeLabel: string}} opts
 */
export function chip({ className, token, content, removeLabel }) {
  const el = h('span', `filter-chip chip ${className}`.trim());
  el.dataset.token = token;
  const x = /** @type {HTMLButtonElement} */ (h('button', 'filter-remove'));
  x.type = 'button';
  x.dataset.token = token;
  x.setAttribute('aria-label', removeLabel);
  const times = h('span', '', '×');
  times.setAttribute('aria-hidden', 'true');
  x.append(times);
  el.append(...content, x);
  return el;
}

export class FiltersView {
  constructor() {
    this.el = /** @type {HTMLElement} */ (document.getElementById('filters'));
  }

  /**
   * The chips: one per entity filter that is not negated, then one per
   * part of the query the core could not use.
   * @param {string} q
   * @param {QueryFilter[]} filters  The core's filters of q.
   * @param {QueryProblem[]} problems  The core's problems with q.
   * @param {(key: string) => string} entityHref  The href of an entity's view.
   * @param {(key: string) => string} nameOf  A name to show for an entity key.
   */
  render(q, filters, problems, entityHref, nameOf) {
    const entityChips = chipFilters(filters).map((f) => {
      const word = f.kind ? ENTITY_WORD[f.kind] : 'name';
      const name = nameOf(f.value);
      const a = /** @type {HTMLAnchorElement} */ (h('a', 'filter-name'));
      a.href = entityHref(f.value);
      a.dataset.entity = f.value;
      a.append(h('span', 'filter-type', `${word}: `), name);
      return chip({
        className: f.kind ? ENTITY_CLASS[f.kind] : '',
        token: filterText(q, f),
        content: [a],
        removeLabel: `Remove filter ${word} ${name}`,
      });
    });
    const problemChips = problems.map((p) => {
      const token = problemToken(q, p);
      const text = h('span', 'filter-problem', problemText(q, p));
      return chip({ className: 'is-problem', token, content: [text], removeLabel: `Remove ${token} from the search` });
    });
    const chips = [...problemChips, ...entityChips];
    this.el.hidden = chips.length === 0;
    this.el.replaceChildren(...chips);
  }

  /**
   * @param {{unfilter: (token: string) => void, entity: (key: string) => void}} fns
   */
  bind(fns) {
    this.el.addEventListener('click', (e) => {
      const target = /** @type {Element} */ (e.target);
      const token = closestData(target, 'button.filter-remove', 'token');
      if (token) {
        fns.unfilter(token);
        return;
      }
      const a = target.closest('a.filter-name');
      if (a instanceof HTMLElement && a.dataset.entity && !(e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        fns.entity(a.dataset.entity);
      }
    });
  }
}
