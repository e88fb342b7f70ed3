// The event list as CSV and JSON (export.js): RFC 4180 quoting, formula
// guards on document text, the date column, the JSON shape, file names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CSV_HEADER,
  RESULTS_CAP,
  RESULTS_CSV_HEADER,
  csvField,
  dateField,
  eventsCsv,
  eventsJson,
  exportName,
  resultsCsv,
  resultsJson,
  sentenceText,
} from '../../www/js/export.js';

/**
 * @param {Partial<import('../../www/js/types.js').EventDate>} [over]
 * @returns {any}
 */
function eventDate(over = {}) {
  return {
    value: '2022-02-10',
    start: '2022-02-10',
    end: '2022-02-10',
    granularity: 'day',
    label: '10 Feb 2022',
    datetime: '2022-02-10',
    articles: 1,
    mentions: 1,
    rows: [
      {
        event: 7,
        id: '000_78606cbfcb4a9448',
        title: 'Truss, "Lavrov" meet, again',
        article_date: '2022-02-09',
        text: 'Thursday',
        sentence: [
          { text: 'They meet\n on ', hit: false, link: null },
          { text: 'Thursday', hit: false, link: null, time: '2022-02-10' },
          { text: '.  ', hit: false, link: null },
        ],
      },
    ],
    ...over,
  };
}

test('csvField quotes only what needs it, doubling quotes', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  assert.equal(csvField(' edge'), '" edge"');
  assert.equal(csvField('edge '), '"edge "');
  assert.equal(csvField(null), '');
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(42), '42');
});

test('csvField guards document text a spreadsheet would run as a formula', () => {
  for (const lead of ['=', '+', '-', '@']) assert.equal(csvField(`${lead}SUM(A1)`, true), `'${lead}SUM(A1)`);
  assert.equal(csvField('\tx', true), "'\tx", 'a tab first is guarded (and then no longer an edge space to quote)');
  assert.equal(csvField('=1+1'), '=1+1', 'values of our own are left alone');
  assert.equal(csvField('=a,b', true), `"'=a,b"`, 'guarded, then quoted');
});

test('sentenceText joins segments and folds whitespace', () => {
  assert.equal(sentenceText(eventDate().rows[0].sentence), 'They meet on Thursday.');
  assert.equal(sentenceText(null), '');
  assert.equal(sentenceText(/** @type {any} */ ([{ text: 'a' }, null, { text: 3 }, { text: ' b' }])), 'a b');
});

test('dateField: a day, or an ISO 8601 interval', () => {
  assert.equal(dateField(eventDate()), '2022-02-10');
  assert.equal(dateField(eventDate({ value: '2022-02', start: '2022-02-01', end: '2022-02-28' })), '2022-02-01/2022-02-28');
});

test('eventsCsv: a header, one row per mention, CRLF ends', () => {
  const csv = eventsCsv([eventDate(), eventDate({ value: '2022', start: '2022-01-01', end: '2022-12-31', granularity: 'year', rows: [] })]);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], CSV_HEADER.join(','));
  assert.equal(lines[1], '2022-02-10,2022-02-10,day,000_78606cbfcb4a9448,2022-02-09,"Truss, ""Lavrov"" meet, again",Thursday,They meet on Thursday.');
  assert.equal(lines.length, 3, 'a date without rows has no line');
  assert.equal(lines[2], '', 'ends with CRLF');
});

test('eventsJson: the query, totals and dates, truncation marked', () => {
  const res = /** @type {any} */ ({
    total_dates: 1,
    total_mentions: 5,
    offset: 0,
    limit: 50,
    lane: { granularity: 'day', bins: [], spans: [] },
    dates: [eventDate({ articles: 5, mentions: 5 })],
  });
  const out = JSON.parse(eventsJson(res, { q: 'truss', order: 'date' }));
  assert.deepEqual(out.query, { q: 'truss', order: 'date' });
  assert.equal(out.total_dates, 1);
  assert.equal(out.total_mentions, 5);
  const [d] = out.dates;
  assert.equal(d.date, '2022-02-10');
  assert.equal(d.rows_truncated, true, 'five articles, one row');
  assert.deepEqual(d.rows[0], {
    event: 7,
    article_id: '000_78606cbfcb4a9448',
    article_date: '2022-02-09',
    title: 'Truss, "Lavrov" meet, again',
    expression: 'Thursday',
    sentence: 'They meet on Thursday.',
  });
  const whole = JSON.parse(eventsJson({ ...res, dates: [eventDate()] }, {}));
  assert.equal('rows_truncated' in whole.dates[0], false);
  assert.ok(eventsJson(res, {}).endsWith('}\n'));
});

test('exportName: the kind, the query as a slug, then the dates', () => {
  assert.equal(exportName('events', { q: '', from: null, to: null }, 'csv'), 'dateline-events.csv');
  assert.equal(exportName('events', { q: 'Truss  & Lavrov!', from: '2022-01-10', to: '2022-01-21' }, 'json'), 'dateline-events-truss-lavrov-2022-01-10-2022-01-21.json');
  assert.equal(exportName('events', { q: 'geneva', from: '2022-01-10', to: '2022-01-10' }, 'csv'), 'dateline-events-geneva-2022-01-10.csv');
  assert.equal(exportName('events', { q: 'x'.repeat(60), from: null, to: null }, 'csv'), `dateline-events-${'x'.repeat(40)}.csv`);
  assert.equal(exportName('results', { q: 'Putin', from: null, to: '2022-03-01' }, 'json'), 'dateline-results-putin-2022-03-01.json');
});

/**
 * @param {Partial<import('../../www/js/types.js').Hit>} [over]
 * @returns {import('../../www/js/types.js').Hit}
 */
function hit(over = {}) {
  return {
    id: '002_6f631ddf24768241',
    date: '2022-01-20',
    title: 'Blinken, Lavrov meet in "Geneva"',
    title_marked: [],
    lead: false,
    source: 'Islam Times',
    score: 7.123456789,
    all_words: true,
    also: [],
    snippet: [
      { text: '… the talks in ', hit: false, link: null },
      { text: 'Geneva', hit: true, link: null },
      { text: '\n went on …', hit: false, link: null },
    ],
    ...over,
  };
}

test('resultsCsv: the header, one row per hit in order, the snippet as text', () => {
  const csv = resultsCsv([hit(), hit({ id: '000_78606cbfcb4a9448', date: null, source: null, title: 'Plain', score: 2, snippet: [] })]);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], RESULTS_CSV_HEADER.join(','));
  assert.equal(lines[0], 'id,date,title,source,score,snippet');
  assert.equal(lines[1], '002_6f631ddf24768241,2022-01-20,"Blinken, Lavrov meet in ""Geneva""",Islam Times,7.12346,… the talks in Geneva went on …');
  assert.equal(lines[2], '000_78606cbfcb4a9448,,Plain,,2,');
  assert.equal(lines[3], '');
  assert.equal(lines.length, 4);
  assert.equal(resultsCsv([]), 'id,date,title,source,score,snippet\r\n');
});

test('resultsCsv: document text that a spreadsheet would run is guarded; ids and dates are not touched', () => {
  const csv = resultsCsv([hit({ title: '=HYPERLINK("x")', source: '+cmd', snippet: [{ text: '@SUM(1)', hit: false, link: null }] })]);
  const row = csv.split('\r\n')[1];
  assert.equal(row, `002_6f631ddf24768241,2022-01-20,"'=HYPERLINK(""x"")",'+cmd,7.12346,'@SUM(1)`);
});

test('resultsJson: query, total, the hits in order; truncated only when capped', () => {
  const query = { q: 'Geneva', from: null, to: null, sort: 'relevance' };
  const whole = JSON.parse(resultsJson({ hits: [hit()], total: 1 }, query));
  assert.deepEqual(whole, {
    query,
    total: 1,
    exported: 1,
    results: [{ id: '002_6f631ddf24768241', date: '2022-01-20', title: 'Blinken, Lavrov meet in "Geneva"', source: 'Islam Times', score: 7.12346, snippet: '… the talks in Geneva went on …' }],
  });
  const capped = JSON.parse(resultsJson({ hits: [hit()], total: 12_345 }, query));
  assert.equal(capped.truncated, true);
  assert.equal(capped.cap, RESULTS_CAP);
  assert.equal(capped.exported, 1);
  assert.equal(capped.total, 12_345);
});
