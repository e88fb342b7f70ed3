// Editing a query by the core's filter spans (query.js): removing cuts
// exactly the filter's span, adding leaves a query that has the filter alone.
// The filters here are written as the core returns them (UTF-16 spans).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chipFilters, filterText, findFilter, namesEntity, tidy, withFilter, withoutFilter } from '../../www/js/query.js';

/** @typedef {import('../../www/js/query.js').QueryFilter} QueryFilter */

/**
 * A filter as the core would give it for `token` found in q.
 * @param {string} q
 * @param {string} token
 * @param {Partial<QueryFilter>} [over]
 * @returns {QueryFilter}
 */
function found(q, token, over = {}) {
  const start = q.indexOf(token);
  assert.ok(start >= 0, `${token} in ${q}`);
  const negated = token.startsWith('-');
  const body = negated ? token.slice(1) : token;
  const field = /** @type {QueryFilter['field']} */ (body.slice(0, body.indexOf(':')));
  /** @type {Record<string, QueryFilter['kind']>} */
  const kinds = { person: 'PERSON', org: 'ORGANIZATION', place: 'LOCATION' };
  return { field, value: body.slice(field.length + 1).replaceAll('"', ''), negated, kind: kinds[field] ?? null, start, end: start + token.length, ...over };
}

test('removing a quoted filter leaves exactly the rest', () => {
  const q = 'talks person:"Sergey Lavrov"';
  const f = found(q, 'person:"Sergey Lavrov"');
  assert.equal(filterText(q, f), 'person:"Sergey Lavrov"');
  assert.equal(withoutFilter(q, f), 'talks');
});

test('removing a filter in the middle tidies the spaces around it', () => {
  const q = '  Geneva   person:sergey-lavrov    talks ';
  assert.equal(withoutFilter(q, found(q, 'person:sergey-lavrov')), 'Geneva talks');
  const only = 'person:sergey-lavrov';
  assert.equal(withoutFilter(only, found(only, only)), '');
});

test('spans count UTF-16 units, as JS strings do', () => {
  const q = '🇺🇦 Kyiv place:"Kyiv Oblast" naïve';
  assert.equal(withoutFilter(q, found(q, 'place:"Kyiv Oblast"')), '🇺🇦 Kyiv naïve');
});

test('adding a filter appends it once (case-insensitively the same token is there already)', () => {
  const q = 'talks Person:Sergey-Lavrov';
  const filters = [found(q, 'Person:Sergey-Lavrov', { field: 'person', kind: 'PERSON' })];
  assert.equal(withFilter(q, filters, 'person:sergey-lavrov'), q);
  assert.equal(withFilter(q, filters, 'org:nato'), 'talks Person:Sergey-Lavrov org:nato');
  assert.equal(withFilter('', [], 'org:nato'), 'org:nato');
  assert.equal(withFilter('  talks  ', [], 'org:nato'), 'talks org:nato');
  assert.equal(withFilter('talks person:x', [], 'person:x'), 'talks person:x person:x', 'without the core’s filters nothing is known to be there');
});

test('findFilter matches the token as typed, negation included', () => {
  const q = 'a -person:x person:x';
  const neg = found(q, '-person:x');
  /** @type {QueryFilter} */
  const pos = { field: 'person', value: 'x', negated: false, kind: 'PERSON', start: 12, end: 20 };
  assert.equal(filterText(q, pos), 'person:x');
  const filters = [neg, pos];
  assert.equal(findFilter(q, filters, 'person:x'), pos);
  assert.equal(findFilter(q, filters, '-PERSON:X'), neg);
  assert.equal(findFilter(q, filters, 'org:x'), undefined);
});

test('chips: entity filters that are not negated; dates are not names', () => {
  const q = 'a person:x -org:y entity:"Kyiv" mentions:2022-02 after:2022-01-01 place:z';
  const filters = [
    found(q, 'person:x'),
    found(q, '-org:y'),
    found(q, 'entity:"Kyiv"'),
    found(q, 'mentions:2022-02'),
    found(q, 'after:2022-01-01'),
    found(q, 'place:z'),
  ];
  assert.deepEqual(
    chipFilters(filters).map((f) => filterText(q, f)),
    ['person:x', 'entity:"Kyiv"', 'place:z'],
  );
  assert.deepEqual(
    filters.filter(namesEntity).map((f) => f.field),
    ['person', 'org', 'entity', 'place'],
  );
});

test('tidy collapses runs of whitespace and trims', () => {
  assert.equal(tidy(' a \t b\n c  '), 'a b c');
});
