// One timeline panel (view-only), used for the publication timeline and the
// event timeline: the chart (chosen by dragging, clicking or the keyboard,
// see brush.js), its axis, the chosen dates in words, clear and zoom, and a
// form to type dates. The panel writes its own markup into an empty mount
// element, so the two panels share one structure; their element ids are
// `${prefix}-chart`, `${prefix}-axis`, `${prefix}-clear`, `${prefix}-zoom-in`,
// `${prefix}-zoom-out`, `${prefix}-range-text`, `${prefix}-dates`,
// `${prefix}-form`, `${prefix}-from`, `${prefix}-to`, `${prefix}-live`, `${prefix}-help`.

import { formatRange } from '../format.js';
import { axisTicks, binTitle } from './chart.js';
import { attachBrush } from './brush.js';
import { h } from './dom.js';

/** @typedef {import('../types.js').Bin} Bin */
/** @typedef {import('../types.js').Timeline} Timeline */

/**
 * What differs between the two panels.
 * @typedef {object} PanelOptions
 * @property {string} prefix  Element ids start with it ('tl', 'ev').
 * @property {string} label   The chart's accessible name before the counts ('Publication timeline').
 * @property {string} help    How to use the chart, for screen readers.
 * @property {string} rangeLabel  Before the chosen dates ('Dates:').
 * @property {string} clearText   The clear button ('Clear dates').
 * @property {[string, string]} unit  What a bar counts, singular and plural.
 * @property {[string, string]} names  The form fields' names (from, to).
 * @property {string} [chartClass]  An extra class for the chart.
 * @property {(target: Element) => {start: string, end: string}|null} [pick]
 *   A click on something else than a bar (a band): its dates.
 */

/**
 * @typedef {object} PanelRender
 * @property {{granularity: Timeline['granularity'], bins: Bin[]}} timeline  The bars.
 * @property {SVGSVGElement} svg  The chart drawn (chart.js).
 * @property {string|null} from  The chosen dates.
 * @property {string|null} to
 * @property {boolean} hasQuery  Bars show matches.
 * @property {boolean} zoomed    The chart shows a window: offer "zoom out".
 * @property {string} summary    The counts, for the chart's accessible name.
 */

export class TimelinePanel {
  /**
   * @param {HTMLElement} mount  An empty element (the tab panel).
   * @param {PanelOptions} o
   */
  constructor(mount, o) {
    this.o = o;
    const id = (/** @type {string} */ part) => `${o.prefix}-${part}`;
    /** @param {string} tag @param {string} cls @param {string} name @param {string} [text] */
    const part = (tag, cls, name, text) => {
      const el = h(tag, cls, text);
      el.id = id(name);
      return el;
    };
    this.mount = mount;
    this.chart = part('div', `tl-chart${o.chartClass ? ` ${o.chartClass}` : ''}`, 'chart');
    this.chart.setAttribute('role', 'group');
    this.chart.tabIndex = 0;
    this.chart.setAttribute('aria-label', o.label);
    this.chart.setAttribute('aria-describedby', id('help'));
    const help = part('p', 'visually-hidden', 'help', o.help);
    this.live = part('p', 'visually-hidden', 'live');
    this.live.setAttribute('aria-live', 'polite');
    this.axis = part('div', 'tl-axis', 'axis');
    this.axis.setAttribute('aria-hidden', 'true');

    this.rangeText = part('span', 'tl-range-text', 'range-text', 'all dates');
    const range = h('p', 'tl-range');
    range.append(h('span', 'tl-range-label', o.rangeLabel), ' ', this.rangeText);
    this.clear = this.button('chip chip-clear', id('clear'), o.clearText);
    const x = h('span', '', ' ×');
    x.setAttribute('aria-hidden', 'true');
    this.clear.append(x);
    this.zoomIn = this.button('chip', id('zoom-in'), 'Zoom in');
    this.zoomOut = this.button('chip', id('zoom-out'), 'Zoom out');
    /** The buttons beside clear and zoom: a panel's own ones go here too. */
    this.actions = h('div', 'tl-actions');
    this.actions.append(this.clear, this.zoomIn, this.zoomOut);

    this.from = /** @type {HTMLInputElement} */ (part('input', '', 'from'));
    this.from.type = 'date';
    this.from.name = o.names[0];
    this.to = /** @type {HTMLInputElement} */ (part('input', '', 'to'));
    this.to.type = 'date';
    this.to.name = o.names[1];
    this.form = /** @type {HTMLFormElement} */ (part('form', 'range-form', 'form'));
    this.form.action = '#';
    this.form.noValidate = true;
    const fromLabel = h('label', '', 'From ');
    fromLabel.append(this.from);
    const toLabel = h('label', '', 'To ');
    toLabel.append(this.to);
    const apply = h('button', 'button', 'Apply');
    /** @type {HTMLButtonElement} */ (apply).type = 'submit';
    this.form.append(fromLabel, ' ', toLabel, ' ', apply);
    const dates = part('details', 'tl-dates', 'dates');
    dates.append(h('summary', '', 'Choose dates'), this.form);
    /** Below the buttons: a panel's own notes go here (before the form). */
    this.controls = h('div', 'tl-controls');
    this.controls.append(range, this.actions, dates);
    mount.replaceChildren(this.chart, help, this.live, this.axis, this.controls);

    /** The bars on screen. @type {{granularity: Timeline['granularity'], bins: Bin[]}|null} */
    this.timeline = null;
    /** @type {{from: string|null, to: string|null}} */
    this.selected = { from: null, to: null };
    /** @type {{afterRender: () => void}|null} */
    this.brush = null;
  }

  /**
   * @param {string} cls
   * @param {string} id
   * @param {string} text
   */
  button(cls, id, text) {
    const b = /** @type {HTMLButtonElement} */ (h('button', cls, text));
    b.type = 'button';
    b.id = id;
    b.hidden = true;
    return b;
  }

  /**
   * A note among the controls, before the date form.
   * @param {HTMLElement} el
   */
  addNote(el) {
    this.controls.insertBefore(el, this.controls.lastElementChild);
  }

  /** @param {boolean} on */
  show(on) {
    this.mount.hidden = !on;
  }

  /** @param {PanelRender} r */
  render({ timeline, svg, from, to, hasQuery, zoomed, summary }) {
    this.timeline = timeline;
    this.selected = { from, to };
    this.chart.replaceChildren(svg);
    this.brush?.afterRender();
    this.chart.classList.toggle('has-query', hasQuery);
    this.chart.dataset.granularity = timeline.granularity;
    this.axis.replaceChildren(
      ...axisTicks({ ...timeline, undated: 0, undated_hits: 0 }).map((t) => {
        const span = h('span', `tl-tick tl-tick-${t.align}${t.note ? ' tl-tick-note' : ''}`, t.text);
        span.style.left = `${(t.at * 100).toFixed(3)}%`;
        return span;
      }),
    );
    this.chart.setAttribute('aria-label', `${this.o.label}, ${summary}.`);
    this.rangeText.textContent = formatRange(from, to);
    this.clear.hidden = !(from || to);
    const bins = timeline.bins;
    const narrower = bins.length > 0 && !!from && !!to && (from > bins[0].start || to < bins[bins.length - 1].end);
    this.zoomIn.hidden = !narrower;
    this.zoomOut.hidden = !zoomed;
    this.from.value = from ?? '';
    this.to.value = to ?? '';
  }

  /**
   * @param {{range: (from: string|null, to: string|null) => void, clear: () => void, zoom: (dir: 'in'|'out') => void}} fns
   */
  bind({ range, clear, zoom }) {
    const [one, many] = this.o.unit;
    this.brush = attachBrush(this.chart, {
      bins: () => this.timeline?.bins ?? [],
      selected: () => this.selected,
      describe: (b) => binTitle(b, this.timeline?.granularity ?? 'day', this.chart.classList.contains('has-query'), [one, many]),
      live: this.live,
      range: (from, to) => range(from, to),
      clear: () => clear(),
      pick: this.o.pick,
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const from = this.from.value || null;
      const to = this.to.value || null;
      if (from || to) range(from, to);
      else clear();
    });
    this.clear.addEventListener('click', () => clear());
    this.zoomIn.addEventListener('click', () => zoom('in'));
    this.zoomOut.addEventListener('click', () => zoom('out'));
  }
}

