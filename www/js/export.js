// The event list and the search results as CSV and JSON, for download.
// Both write their CSV through one field writer (csvField: RFC 4180
// quoting, formula guard). Pure text: no DOM.

/** @typedef {import('./types.js').EventsResponse} EventsResponse */
/** @typedef {import('./types.js').Hit} Hit */
/** @typedef {import('./types.js').EventDate} EventDate */
/** @typedef {import('./types.js').Segment} Segment */

/** The event export's CSV columns. */
export const CSV_HEADER = ['date', 'value', 'granularity', 'article_id', 'article_date', 'title', 'expression', 'sentence'];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break
 * or edge spaces, quotes doubled. Text that a spreadsheet would run as a
 * formula (equals, plus, minus, at sign, tab or CR first) gets a leading apostrophe.
 * @param {string|number|null|undefined} value
 * @param {boolean} [text]  Free text from the documents (formula-guarded).
 */
export function csvField(value, text = false) {
  let s = value === null || value === undefined ? '' : String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * A sentence's segments as plain text (whitespace runs, line breaks
 * included, made single spaces).
 * @param {Segment[]|null|undefined} segments
 */
export function sentenceText(segments) {
  if (!Array.isArray(segments)) return '';
  return segments
    .map((s) => (s && typeof s.text === 'string' ? s.text : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The date column: the day, or 'start/end' (ISO 8601 interval) for coarser values.
 * @param {EventDate} d
 */
export function dateField(d) {
  return d.start === d.end ? d.start : `${d.start}/${d.end}`;
}

/**
 * The event list as CSV: a header row, then one row per mention row,
 * CRLF line ends.
 * @param {EventDate[]} dates
 */
export function eventsCsv(dates) {
  const lines = [CSV_HEADER.join(',')];
  for (const d of dates) {
    for (const r of d.rows ?? []) {
      lines.push(
        [
          csvField(dateField(d)),
          csvField(d.value),
          csvField(d.granularity),
          csvField(r.id),
          csvField(r.article_date),
          csvField(r.title, true),
          csvField(r.text, true),
          csvField(sentenceText(r.sentence), true),
        ].join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The event list as JSON, with the request that chose it.
 * @param {EventsResponse} res
 * @param {Record<string, unknown>} query  The view's query (q, ranges, order).
 */
export function eventsJson(res, query) {
  const dates = res.dates.map((d) => ({
    date: dateField(d),
    value: d.value,
    granularity: d.granularity,
    start: d.start,
    end: d.end,
    articles: d.articles,
    mentions: d.mentions,
    // The core gives at most 1000 rows (articles) per date.
    ...(d.rows.length < d.articles ? { rows_truncated: true } : {}),
    rows: d.rows.map((r) => ({
      event: r.event,
      article_id: r.id,
      article_date: r.article_date,
      title: r.title,
      expression: r.text,
      sentence: sentenceText(r.sentence),
    })),
  }));
  const out = {
    query,
    total_dates: res.total_dates,
    total_mentions: res.total_mentions,
    dates,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The results export's CSV columns. */
export const RESULTS_CSV_HEADER = ['id', 'date', 'title', 'source', 'score', 'snippet'];

/**
 * The most results an export holds: the core gives 1000 per call, so an
 * export asks for at most ten pages. A query with more matches exports its
 * first RESULTS_CAP in the list's order, and says so.
 */
export const RESULTS_CAP = 10_000;

/**
 * A score as written out: six significant digits (the core's are f32).
 * @param {number} score
 */
export function scoreField(score) {
  return Number.isFinite(score) ? Number(score.toPrecision(6)) : null;
}

/**
 * Results as CSV: a header row, then one row per hit in list order, CRLF
 * line ends; the snippet as plain text.
 * @param {Hit[]} hits
 */
export function resultsCsv(hits) {
  const lines = [RESULTS_CSV_HEADER.join(',')];
  for (const hit of hits) {
    lines.push(
      [
        csvField(hit.id),
        csvField(hit.date),
        csvField(hit.title, true),
        csvField(hit.source, true),
        csvField(scoreField(hit.score)),
        csvField(sentenceText(hit.snippet), true),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Results as JSON, with the request that chose them; `truncated` when the
 * query matched more than the export holds.
 * @param {{hits: Hit[], total: number, listed?: number}} res  The exported hits, how many articles match and how many rows they make.
 * @param {Record<string, unknown>} query  The list's query (q, dates, sort).
 */
export function resultsJson(res, query) {
  const out = {
    query,
    total: res.total,
    exported: res.hits.length,
    ...(res.hits.length < (res.listed ?? res.total) ? { truncated: true, cap: RESULTS_CAP } : {}),
    results: res.hits.map((hit) => ({
      id: hit.id,
      date: hit.date,
      title: hit.title,
      source: hit.source,
      score: scoreField(hit.score),
      snippet: sentenceText(hit.snippet),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * A file name for an export: 'dateline-events-truss-2022-01-10.csv',
 * 'dateline-results-putin.json'.
 * @param {'events'|'results'} kind
 * @param {{q: string, from: string|null, to: string|null}} chosen  The query and the dates it is limited to.
 * @param {'csv'|'json'} ext
 */
export function exportName(kind, chosen, ext) {
  const parts = [`dateline-${kind}`];
  const q = chosen.q
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (q) parts.push(q);
  if (chosen.from) parts.push(chosen.from);
  if (chosen.to && chosen.to !== chosen.from) parts.push(chosen.to);
  return `${parts.join('-')}.${ext}`;
}
