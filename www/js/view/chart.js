// Drawing the timelines (view-only): the publication histogram and the
// events lane, as SVG.
// Builds SVG with createElementNS; the bars carry their bin as data attributes
// (data-start, data-end, data-total, data-hits) for the view and for tests.

import { formatDate, plural } from '../format.js';

/** @typedef {import('../types.js').Timeline} Timeline */
/** @typedef {import('../types.js').Bin} Bin */
/** @typedef {import('../types.js').EventLane} EventLane */
/** @typedef {import('../types.js').LaneSpan} LaneSpan */

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Width of one bin in viewBox units (the SVG is stretched to its box). */
export const BIN_W = 10;
const GAP = 1.5;
export const HEIGHT = 100;
const TOP = 6;

/**
 * @param {string} name
 * @param {Record<string, string|number>} [attrs]
 * @returns {SVGElement}
 */
function el(name, attrs = {}) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * Does bin overlap [from, to] (either end may be open)?
 * @param {Bin} bin
 * @param {string|null} from
 * @param {string|null} to
 */
export function binInRange(bin, from, to) {
  return (!from || bin.end >= from) && (!to || bin.start <= to);
}

/**
 * The bin's dates in words, for tooltips and labels.
 * @param {Bin} bin
 * @param {Timeline['granularity']} granularity
 */
export function binDates(bin, granularity) {
  switch (granularity) {
    case 'day':
      return formatDate(bin.start);
    case 'month':
      return formatDate(bin.start, 'month');
    case 'year':
      return formatDate(bin.start, 'year');
    default:
      return bin.start === bin.end ? formatDate(bin.start) : `${formatDate(bin.start, 'daymonth')} – ${formatDate(bin.end)}`;
  }
}

/**
 * @param {Bin} bin
 * @param {Timeline['granularity']} granularity
 * @param {boolean} hasQuery
 * @param {[string, string]} [unit]  What the bar counts, singular and plural.
 */
export function binTitle(bin, granularity, hasQuery, unit = ['article', 'articles']) {
  const parts = [binDates(bin, granularity), plural(bin.total, unit[0], unit[1])];
  if (hasQuery) parts.push(plural(bin.hits, 'match', 'matches'));
  return parts.join(' · ');
}

/**
 * Build the histogram: one <g class="tl-bin"> per bin with a full-height
 * transparent target, the total bar and the hits bar over it.
 * `band` leaves that much room (viewBox units) above the bars, for the
 * events lane's spans.
 * @param {{granularity: Timeline['granularity'], bins: Bin[]}} timeline
 * @param {{from: string|null, to: string|null, hasQuery: boolean, band?: number, unit?: [string, string]}} opts
 *   unit: what a bar counts, singular and plural (default article/articles).
 * @returns {SVGSVGElement}
 */
export function buildHistogram(timeline, { from, to, hasQuery, band = 0, unit }) {
  const bins = timeline.bins;
  const width = Math.max(bins.length, 1) * BIN_W;
  const full = HEIGHT + band;
  const svg = /** @type {SVGSVGElement} */ (
    el('svg', {
      class: 'tl-svg',
      viewBox: `0 0 ${width} ${full}`,
      preserveAspectRatio: 'none',
      'aria-hidden': 'true',
      focusable: 'false',
    })
  );
  const max = bins.reduce((m, b) => Math.max(m, b.total), 0) || 1;
  const ranged = Boolean(from || to);
  const barH = (/** @type {number} */ n) => (n > 0 ? Math.max(3, (n / max) * (HEIGHT - TOP)) : 0);
  // Few bins make wide bins: draw their bars narrower, centred.
  const barW = bins.length < 8 ? BIN_W * Math.min(0.45, 0.09 * bins.length) : BIN_W - GAP;
  const inset = (BIN_W - barW) / 2;

  bins.forEach((bin, i) => {
    const x = i * BIN_W;
    const inRange = binInRange(bin, from, to);
    const g = el('g', {
      class: `tl-bin${ranged ? (inRange ? ' in-range' : ' out-of-range') : ''}${bin.total === 0 ? ' empty' : ''}`,
      'data-index': i,
      'data-start': bin.start,
      'data-end': bin.end,
      'data-total': bin.total,
      'data-hits': bin.hits,
    });
    const title = el('title');
    title.textContent = binTitle(bin, timeline.granularity, hasQuery, unit);
    g.append(title);
    g.append(el('rect', { class: 'tl-target', x, y: 0, width: BIN_W, height: full }));
    const th = barH(bin.total);
    if (th > 0) {
      g.append(el('rect', { class: 'tl-total', x: x + inset, y: full - th, width: barW, height: th }));
    }
    if (hasQuery) {
      const hh = barH(bin.hits);
      if (hh > 0) {
        g.append(el('rect', { class: 'tl-hits', x: x + inset, y: full - hh, width: barW, height: hh }));
      }
    }
    svg.append(g);
  });
  svg.append(el('line', { class: 'tl-base', x1: 0, x2: width, y1: full - 0.5, y2: full - 0.5 }));
  svg.append(el('rect', { class: 'tl-brush', x: 0, y: 0, width: 0, height: full, visibility: 'hidden' }));
  return svg;
}

/**
 * Which bin is under a client x coordinate (clamped to the ends).
 * @param {SVGSVGElement} svg
 * @param {number} clientX
 * @param {number} count  Number of bins.
 */
export function binIndexAt(svg, clientX, count) {
  const box = svg.getBoundingClientRect();
  if (box.width <= 0 || count <= 0) return 0;
  const i = Math.floor(((clientX - box.left) / box.width) * count);
  return Math.min(count - 1, Math.max(0, i));
}

/**
 * Show (or hide, with null) the brush over bins i..j.
 * @param {SVGSVGElement} svg
 * @param {number|null} i
 * @param {number} [j]
 */
export function setBrush(svg, i, j = i ?? 0) {
  const brush = svg.querySelector('.tl-brush');
  if (!brush) return;
  if (i === null) {
    brush.setAttribute('visibility', 'hidden');
    return;
  }
  const lo = Math.min(i, j);
  const hi = Math.max(i, j);
  brush.setAttribute('x', String(lo * BIN_W));
  brush.setAttribute('width', String((hi - lo + 1) * BIN_W));
  brush.setAttribute('visibility', 'visible');
}

/**
 * A short label for one bin on the axis: '20 Jan', 'Jan 2022', '2022'.
 * @param {Bin} bin
 * @param {Timeline['granularity']} granularity
 */
function tickLabel(bin, granularity) {
  if (granularity === 'month') return formatDate(bin.start, 'month');
  if (granularity === 'year') return formatDate(bin.start, 'year');
  return formatDate(bin.start, 'daymonth');
}

/** Up to this many bins get a label each; more get the first and last day. */
const LABEL_EACH = 6;

/**
 * Labels for the axis under the histogram, with their position (0–1 across
 * the chart) and how each aligns there.
 * @param {Timeline} timeline
 * @returns {{text: string, at: number, align: 'start'|'center'|'end', note?: boolean}[]}
 */
export function axisTicks(timeline) {
  const bins = timeline.bins;
  const n = bins.length;
  if (!n) return [];
  if (n <= LABEL_EACH) {
    return bins.map((b, i) => ({ text: tickLabel(b, timeline.granularity), at: (i + 0.5) / n, align: 'center' }));
  }
  return [
    { text: formatDate(bins[0].start), at: 0, align: 'start' },
    { text: `by ${timeline.granularity}`, at: 0.5, align: 'center', note: true },
    { text: formatDate(bins[n - 1].end), at: 1, align: 'end' },
  ];
}

/**
 * The whole span in words, for the chart's accessible name.
 * @param {Timeline} timeline
 */
export function spanText(timeline) {
  const bins = timeline.bins;
  if (!bins.length) return 'no dated articles';
  return `${formatDate(bins[0].start)} to ${formatDate(bins[bins.length - 1].end)}, by ${timeline.granularity}`;
}

// ------------------------------------------------------------ events lane

/** Rows of bands above the events lane's bars, at most. */
const SPAN_ROWS = 3;
const SPAN_H = 9;
const SPAN_GAP = 2;

const DAY_MS = 86_400_000;
/** @param {string} iso */
const dayNum = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/**
 * The x (viewBox units) where a day starts on a lane of bins; `after`: where
 * it ends. Days outside the bins clamp to the ends.
 * @param {Bin[]} bins
 * @param {string} day
 * @param {boolean} [after]
 */
export function dayX(bins, day, after = false) {
  if (!bins.length) return 0;
  if (day < bins[0].start) return 0;
  if (day > bins[bins.length - 1].end) return bins.length * BIN_W;
  let lo = 0;
  let hi = bins.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bins[mid].end < day) lo = mid + 1;
    else hi = mid;
  }
  const b = bins[lo];
  const len = dayNum(b.end) - dayNum(b.start) + 1;
  const into = dayNum(day) - dayNum(b.start) + (after ? 1 : 0);
  return (lo + Math.min(1, Math.max(0, into / len))) * BIN_W;
}

/**
 * The spans a lane can show, placed in rows (the most-mentioned first, each
 * in the first row where it does not overlap another).
 * @param {EventLane} lane
 * @returns {{span: LaneSpan, row: number, x: number, w: number}[]}
 */
export function placeSpans(lane) {
  const bins = lane.bins;
  if (!bins.length) return [];
  const first = bins[0].start;
  const last = bins[bins.length - 1].end;
  /** @type {{x0: number, x1: number}[][]} */
  const rows = Array.from({ length: SPAN_ROWS }, () => []);
  /** @type {{span: LaneSpan, row: number, x: number, w: number}[]} */
  const placed = [];
  const spans = [...(lane.spans ?? [])]
    .filter((s) => s && s.end >= first && s.start <= last)
    .sort((a, b) => b.mentions - a.mentions);
  for (const span of spans) {
    const x0 = dayX(bins, span.start);
    const x1 = Math.max(dayX(bins, span.end, true), x0 + 1.5);
    let row = rows.findIndex((r) => r.every((o) => x1 <= o.x0 || x0 >= o.x1));
    if (row < 0) row = SPAN_ROWS - 1; // overlaps in the last row, drawn translucent
    rows[row].push({ x0, x1 });
    placed.push({ span, row, x: x0, w: x1 - x0 });
  }
  return placed;
}

/** Height (viewBox units) the bands need above the bars. */
export function spanBand(/** @type {ReturnType<typeof placeSpans>} */ placed) {
  if (!placed.length) return 0;
  const rows = Math.max(...placed.map((p) => p.row)) + 1;
  return rows * (SPAN_H + SPAN_GAP) + SPAN_GAP;
}

/**
 * A coarse value in words (the core's label), for a band's tooltip.
 * @param {LaneSpan} span
 */
export function spanTitle(span) {
  return `${span.label} · ${plural(span.mentions, 'mention')}`;
}

/**
 * The events lane: day-precise events as bars (as the publication
 * histogram), coarse values (months, years…) as bands above them.
 * Bands carry data-value/-start/-end/-mentions.
 * @param {EventLane} lane
 * @param {{from: string|null, to: string|null, hasQuery: boolean}} opts
 * @returns {SVGSVGElement}
 */
export function buildEventLane(lane, { from, to, hasQuery }) {
  const placed = placeSpans(lane);
  const band = spanBand(placed);
  const svg = buildHistogram(lane, { from, to, hasQuery, band, unit: ['mention', 'mentions'] });
  if (!placed.length) return svg;
  const max = placed.reduce((m, p) => Math.max(m, p.span.mentions), 0) || 1;
  const g = el('g', { class: 'ev-spans' });
  // Least mentioned first, so the most mentioned draw on top.
  for (const p of [...placed].reverse()) {
    const inRange = binInRange({ start: p.span.start, end: p.span.end, label: '', total: 0, hits: 0 }, from, to);
    const sg = el('g', {
      class: `ev-span${from || to ? (inRange ? ' in-range' : ' out-of-range') : ''}`,
      'data-value': p.span.value,
      'data-start': p.span.start,
      'data-end': p.span.end,
      'data-mentions': p.span.mentions,
    });
    const title = el('title');
    title.textContent = spanTitle(p.span);
    sg.append(title);
    sg.append(
      el('rect', {
        class: 'ev-span-bar',
        x: p.x,
        y: SPAN_GAP + p.row * (SPAN_H + SPAN_GAP),
        width: p.w,
        height: SPAN_H,
        rx: 1.5,
        'fill-opacity': (0.35 + 0.65 * (p.span.mentions / max)).toFixed(2),
      }),
    );
    g.append(sg);
  }
  // Bands sit under the brush.
  svg.insertBefore(g, svg.querySelector('.tl-brush'));
  return svg;
}
