// The query's entity filters as removable chips (view-only), under the
// timelines. The filters are the core's parse of the query; a chip's ×
// asks the controller to remove that filter (it cuts the query by the
// filter's span).

import { chipFilters, filterText } from '../query.js';
import { ENTITY_CLASS, ENTITY_WORD, closestData, h } from './dom.js';

/** @typedef {import('../query.js').QueryFilter} QueryFilter */

export class FiltersView {
  constructor() {
    this.el = /** @type {HTMLElement} */ (document.getElementById('filters'));
  }

  /**
   * The chips: one per entity filter that is not negated.
   * @param {string} q
   * @param {QueryFilter[]} filters  The core's filters of q.
   * @param {(key: string) => string} entityHref  The href of an entity's view.
   * @param {(key: string) => string} nameOf  A name to show for an entity key.
   */
  render(q, filters, entityHref, nameOf) {
    const chips = chipFilters(filters);
    this.el.hidden = chips.length === 0;
    this.el.replaceChildren(
      ...chips.map((f) => {
        const token = filterText(q, f);
        const word = f.kind ? ENTITY_WORD[f.kind] : 'name';
        const chip = h('span', `filter-chip chip ${f.kind ? ENTITY_CLASS[f.kind] : ''}`);
        chip.dataset.token = token;
        const name = nameOf(f.value);
        const a = /** @type {HTMLAnchorElement} */ (h('a', 'filter-name'));
        a.href = entityHref(f.value);
        a.dataset.entity = f.value;
        a.append(h('span', 'filter-type', `${word}: `), name);
        const x = /** @type {HTMLButtonElement} */ (h('button', 'filter-remove'));
        x.type = 'button';
        x.dataset.token = token;
        x.setAttribute('aria-label', `Remove filter ${word} ${name}`);
        const times = h('span', '', '×');
        times.setAttribute('aria-hidden', 'true');
        x.append(times);
        chip.append(a, x);
        return chip;
      }),
    );
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
