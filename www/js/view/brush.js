// Choosing dates on a bar chart (view-only): drag across bars or click one;
// with the keyboard, arrows move a cursor over the bars, shift widens it,
// Enter chooses, Escape clears. Used by the publication timeline and the
// events lane.

import { formatRange } from '../format.js';
import { binIndexAt, setBrush } from './chart.js';

/** @typedef {import('../types.js').Bin} Bin */

/**
 * @typedef {object} BrushOptions
 * @property {() => Bin[]} bins  The bars on screen.
 * @property {() => {from: string|null, to: string|null}} selected  The chosen dates.
 * @property {(bin: Bin) => string} describe  One bar in words (for the live region).
 * @property {HTMLElement} live  A polite live region.
 * @property {(from: string, to: string) => void} range
 * @property {() => void} clear
 * @property {(target: Element) => {start: string, end: string}|null} [pick]
 *   A click (no drag) on something else than a bar, e.g. a band: its dates.
 */

/**
 * Make a chart (its <svg> is replaced on each render) choose dates.
 * @param {HTMLElement} chart
 * @param {BrushOptions} o
 * @returns {{afterRender: () => void}}  Call after each render (keeps the keyboard cursor).
 */
export function attachBrush(chart, o) {
  /** @type {{id: number, i0: number, i1: number, svg: SVGSVGElement, picked: {start: string, end: string}|null}|null} */
  let drag = null;
  /** @type {{i0: number, i1: number}|null} */
  let cursor = null;
  const svgOf = () => /** @type {SVGSVGElement|null} */ (chart.querySelector('svg'));

  chart.addEventListener('pointerdown', (e) => {
    const svg = svgOf();
    const n = o.bins().length;
    if (!svg || !n || e.button !== 0) return;
    e.preventDefault();
    const i = binIndexAt(svg, e.clientX, n);
    const picked = o.pick && e.target instanceof Element ? o.pick(e.target) : null;
    drag = { id: e.pointerId, i0: i, i1: i, svg, picked };
    chart.setPointerCapture(e.pointerId);
    chart.classList.add('brushing');
    if (!picked) setBrush(svg, i, i);
  });
  chart.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    drag.i1 = binIndexAt(drag.svg, e.clientX, o.bins().length);
    if (drag.i1 !== drag.i0) drag.picked = null;
    if (!drag.picked) setBrush(drag.svg, drag.i0, drag.i1);
  });
  const end = (/** @type {PointerEvent} */ e, /** @type {boolean} */ commit) => {
    if (!drag || e.pointerId !== drag.id) return;
    const d = drag;
    drag = null;
    chart.classList.remove('brushing');
    if (chart.hasPointerCapture(e.pointerId)) chart.releasePointerCapture(e.pointerId);
    setBrush(d.svg, null);
    const bins = o.bins();
    if (!commit || !bins.length) return;
    const { from, to } = o.selected();
    const lo = d.picked ?? { start: bins[Math.min(d.i0, d.i1)].start, end: bins[Math.max(d.i0, d.i1)].end };
    // Clicking the one chosen bar (or band) again clears the choice.
    if ((d.picked || d.i0 === d.i1) && from === lo.start && to === lo.end) o.clear();
    else o.range(lo.start, lo.end);
  };
  chart.addEventListener('pointerup', (e) => end(e, true));
  chart.addEventListener('pointercancel', (e) => end(e, false));

  const showCursor = () => {
    const svg = svgOf();
    const bins = o.bins();
    if (!svg || !cursor || !bins.length) return;
    const { i0, i1 } = cursor;
    setBrush(svg, i0, i1);
    const lo = bins[Math.min(i0, i1)];
    const hi = bins[Math.max(i0, i1)];
    o.live.textContent = lo === hi ? o.describe(lo) : `${formatRange(lo.start, hi.end)}, ${Math.abs(i1 - i0) + 1} bars`;
  };
  chart.addEventListener('focus', () => {
    const bins = o.bins();
    if (!bins.length) return;
    const { from } = o.selected();
    let i = from ? bins.findIndex((b) => b.end >= from) : -1;
    if (i < 0) i = bins.findLastIndex((b) => b.total > 0);
    if (i < 0) i = bins.length - 1;
    cursor = { i0: i, i1: i };
    if (chart.matches(':focus-visible')) showCursor();
  });
  chart.addEventListener('blur', () => {
    cursor = null;
    const svg = svgOf();
    if (svg && !drag) setBrush(svg, null);
    o.live.textContent = '';
  });
  chart.addEventListener('keydown', (e) => {
    const bins = o.bins();
    if (!bins.length || !cursor || e.ctrlKey || e.metaKey || e.altKey) return;
    const last = bins.length - 1;
    const cur = cursor;
    const moveTo = (/** @type {number} */ i) => {
      cur.i1 = Math.max(0, Math.min(last, i));
      if (!e.shiftKey) cur.i0 = cur.i1;
      showCursor();
    };
    switch (e.key) {
      case 'ArrowLeft':
        moveTo(cur.i1 - 1);
        break;
      case 'ArrowRight':
        moveTo(cur.i1 + 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(last);
        break;
      case 'Enter':
      case ' ':
        o.range(bins[Math.min(cur.i0, cur.i1)].start, bins[Math.max(cur.i0, cur.i1)].end);
        break;
      case 'Escape': {
        const { from, to } = o.selected();
        if (from || to) o.clear();
        else return;
        break;
      }
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  });

  return {
    afterRender() {
      const svg = svgOf();
      if (!cursor || !svg || !chart.matches(':focus-visible')) return;
      const last = o.bins().length - 1;
      if (last < 0) cursor = null;
      else {
        cursor = { i0: Math.min(cursor.i0, last), i1: Math.min(cursor.i1, last) };
        setBrush(svg, cursor.i0, cursor.i1);
      }
    },
  };
}
