// Search-tip examples from the loaded collection (tips.js): built from the
// facets' names and tokens and the collection's dates, never from query text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { busiestMonth, collectionTips, middleMonth, plainWords } from '../../www/js/tips.js';

/**
 * @param {string} key
 * @param {string} name
 * @param {'PERSON'|'ORGANIZATION'|'LOCATION'} type
 * @param {number} count
 * @returns {import('../../www/js/types.js').Facet}
 */
function facet(key, name, type, count) {
  const field = { PERSON: 'person', ORGANIZATION: 'org', LOCATION: 'place' }[type];
  return { key, name, type, count, filter: `${field}:${key}` };
}

const FACETS = {
  people: [facet('vladimir-putin', 'Vladimir Putin', 'PERSON', 900), facet('zelensky', 'Zelensky', 'PERSON', 500), facet('x', 'Jean-Yves Le Drian', 'PERSON', 10)],
  organizations: [facet('nato', 'NATO', 'ORGANIZATION', 300)],
  places: [facet('ukraine', 'Ukraine', 'LOCATION', 2000)],
  totals: { people: 3, organizations: 1, places: 1 },
  over: null,
};

const NO_TOTALS = { people: 0, organizations: 0, places: 0 };

test('plainWords: only names made of letters', () => {
  assert.deepEqual(plainWords('Sergey Lavrov'), ['Sergey', 'Lavrov']);
  assert.deepEqual(plainWords('  Зеленський '), ['Зеленський']);
  assert.deepEqual(plainWords('Jean-Yves Le Drian'), []);
  assert.deepEqual(plainWords('"quoted" name'), []);
  assert.deepEqual(plainWords('after:2022'), []);
});

test('middleMonth: the month halfway through, its first day and the next month\'s', () => {
  assert.deepEqual(middleMonth('2022-01-01', '2022-05-31'), { month: '2022-03', start: '2022-03-01', next: '2022-04-01' });
  assert.deepEqual(middleMonth('2021-12-20', '2022-01-20'), { month: '2022-01', start: '2022-01-01', next: '2022-02-01' });
  assert.deepEqual(middleMonth('2022-12-10', '2022-12-20'), { month: '2022-12', start: '2022-12-01', next: '2023-01-01' });
  assert.equal(middleMonth('2022-02-01', '2022-01-01'), null);
  assert.equal(middleMonth('nonsense', '2022-01-01'), null);
});

test('collectionTips: examples from the facets and the dates', () => {
  const tips = collectionTips({ first_date: '2022-01-01', last_date: '2022-05-31' }, FACETS);
  assert.deepEqual(tips, {
    dates: ['after:2022-03-01 before:2022-04-01'],
    mentions: ['mentions:2022-03'],
    entities: ['person:vladimir-putin', 'org:nato', 'place:ukraine'],
    phrase: ['"Vladimir Putin"'],
    or: ['Putin OR Zelensky'],
    not: ['Putin -Zelensky'],
    prefix: ['zelen*'],
  });
});

test('collectionTips: nothing from an empty collection; only dates without names', () => {
  assert.deepEqual(collectionTips(null, null), {});
  assert.deepEqual(collectionTips({ first_date: null, last_date: null }, { people: [], organizations: [], places: [], totals: NO_TOTALS, over: null }), {});
  assert.deepEqual(Object.keys(collectionTips({ first_date: '2022-01-20', last_date: '2022-02-09' }, null)), ['dates', 'mentions']);
  // One person only: no OR / exclusion example (it needs two names).
  const one = collectionTips(null, { people: [facet('vladimir-putin', 'Vladimir Putin', 'PERSON', 9)], organizations: [], places: [], totals: { ...NO_TOTALS, people: 1 }, over: null });
  assert.equal(one.or, undefined);
  assert.equal(one.not, undefined);
  assert.deepEqual(one.phrase, ['"Vladimir Putin"']);
});

/**
 * @param {'day'|'week'|'month'|'year'} granularity
 * @param {[string, number][]} bins  start, total
 * @returns {import('../../www/js/types.js').Timeline}
 */
function timeline(granularity, bins) {
  return { granularity, undated: 0, undated_hits: 0, bins: bins.map(([start, total]) => ({ start, end: start, label: start, total, hits: 0 })) };
}

test('busiestMonth: the month of the fullest bin; none for yearly bins or an empty timeline', () => {
  assert.deepEqual(busiestMonth(timeline('month', [['2022-01-01', 3], ['2022-02-01', 40], ['2023-03-01', 0], ['2024-05-01', 39]])), {
    month: '2022-02',
    start: '2022-02-01',
    next: '2022-03-01',
  });
  assert.deepEqual(busiestMonth(timeline('week', [['2021-12-27', 5]])), { month: '2021-12', start: '2021-12-01', next: '2022-01-01' });
  assert.equal(busiestMonth(timeline('year', [['2022-01-01', 9]])), null);
  assert.equal(busiestMonth(timeline('day', [['2022-01-01', 0]])), null);
  assert.equal(busiestMonth(null), null);
});

test('collectionTips: the busiest month wins over the middle of the collection', () => {
  const tips = collectionTips({ first_date: '2022-01-01', last_date: '2024-05-31' }, null, timeline('month', [['2022-03-01', 90], ['2023-03-01', 0]]));
  assert.deepEqual(tips, { dates: ['after:2022-03-01 before:2022-04-01'], mentions: ['mentions:2022-03'] });
});
