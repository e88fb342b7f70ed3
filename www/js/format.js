// Pure text formatting (dates, counts, durations). No DOM.

const UTC = 'UTC';
const fmtCache = new Map();

/**
 * @param {Intl.DateTimeFormatOptions} opts
 * @returns {Intl.DateTimeFormat}
 */
function dateFormat(opts) {
  const key = JSON.stringify(opts);
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...opts, timeZone: UTC });
    fmtCache.set(key, f);
  }
  return f;
}

/**
 * @param {string} iso  'YYYY-MM-DD'
 * @returns {Date}
 */
export function parseDay(iso) {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * '2022-01-20' → '20 Jan 2022' (in the reader's locale).
 * @param {string|null|undefined} iso
 * @param {'long'|'medium'|'short'|'month'|'year'|'daymonth'} [style]
 */
export function formatDate(iso, style = 'medium') {
  if (!iso) return '';
  const d = parseDay(iso);
  if (Number.isNaN(d.getTime())) return iso;
  switch (style) {
    case 'long':
      return dateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
    case 'short':
      return dateFormat({ day: 'numeric', month: 'short', year: '2-digit' }).format(d);
    case 'month':
      return dateFormat({ month: 'short', year: 'numeric' }).format(d);
    case 'year':
      return dateFormat({ year: 'numeric' }).format(d);
    case 'daymonth':
      return dateFormat({ day: 'numeric', month: 'short' }).format(d);
    default:
      return dateFormat({ day: 'numeric', month: 'short', year: 'numeric' }).format(d);
  }
}

/**
 * A date range in words: '20 Jan – 9 Feb 2022', '20 Jan 2022', 'from 20 Jan 2022'.
 * @param {string|null} from
 * @param {string|null} to
 */
export function formatRange(from, to) {
  if (from && to) {
    if (from === to) return formatDate(from);
    const sameYear = from.slice(0, 4) === to.slice(0, 4);
    return `${formatDate(from, sameYear ? 'daymonth' : 'medium')} – ${formatDate(to)}`;
  }
  if (from) return `from ${formatDate(from)}`;
  if (to) return `until ${formatDate(to)}`;
  return 'all dates';
}

/**
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/**
 * What the page says beside facets and events answered over a bounded set
 * (a response's `over`): "in the top 1,000 matches"; empty when exact.
 * @param {number|null|undefined} over
 * @returns {string}
 */
export function overNote(over) {
  return typeof over === 'number' && over > 0 ? `in the top ${over.toLocaleString()} matches` : '';
}

/**
 * A duration for the status line.
 * @param {number} ms
 * @returns {string}
 */
export function formatMs(ms) {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString()} ms`;
}

/**
 * `text` cut to at most `max` characters (code points) and "…" when longer:
 * how the result list shows a long source (the reader shows it whole).
 * @param {string} text
 * @param {number} max
 */
export function clip(text, max) {
  if (text.length <= max) return text;
  const chars = Array.from(text.slice(0, 2 * max + 2));
  return chars.length > max ? `${chars.slice(0, max).join('')}\u2026` : text;
}

/** Characters of a source in the result list. */
export const MAX_LISTED_SOURCE = 80;

/** Characters of an article title in the event list (the core cuts the result list's the same). */
export const MAX_LISTED_TITLE = 300;

/** The bidi control characters and their names (Unicode's abbreviations). */
const BIDI_CONTROLS = /** @type {Record<string, string>} */ ({
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
});

/**
 * Link text with its bidi control characters shown as markers (`⟨RLO⟩`)
 * instead of obeyed: `…/\u202Egnp.exe` reads as `…/⟨RLO⟩gnp.exe`, its true
 * order, not as `…/exe.png`.
 * @param {string} text
 */
export function showBidiControls(text) {
  return text.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => `\u27E8${BIDI_CONTROLS[c]}\u27E9`);
}
