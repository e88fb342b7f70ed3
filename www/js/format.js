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
 * Milliseconds for the status line: '0.4 ms', '12 ms'.
 * @param {number} ms
 */
export function formatMs(ms) {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString()} ms`;
}
