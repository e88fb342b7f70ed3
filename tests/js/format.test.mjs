// Text formatting (format.js): dates in words (UTC, whatever the machine's
// zone), ranges, counts, durations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, formatDate, formatMs, formatRange, overNote, parseDay, plural, showBidiControls } from '../../www/js/format.js';

const en = (/** @type {Intl.DateTimeFormatOptions} */ o, /** @type {string} */ iso) =>
  new Intl.DateTimeFormat(undefined, { ...o, timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

test('parseDay reads a day at UTC midnight', () => {
  assert.equal(parseDay('2022-01-20').toISOString(), '2022-01-20T00:00:00.000Z');
});

test('formatDate: each style, in the reader’s locale, never shifted by the time zone', () => {
  assert.equal(formatDate('2022-01-01'), en({ day: 'numeric', month: 'short', year: 'numeric' }, '2022-01-01'));
  assert.equal(formatDate('2022-01-01', 'long'), en({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, '2022-01-01'));
  assert.equal(formatDate('2022-12-31', 'month'), en({ month: 'short', year: 'numeric' }, '2022-12-31'));
  assert.equal(formatDate('2022-12-31', 'year'), en({ year: 'numeric' }, '2022-12-31'));
  assert.equal(formatDate('2022-12-31', 'daymonth'), en({ day: 'numeric', month: 'short' }, '2022-12-31'));
  assert.equal(formatDate('2022-12-31', 'short'), en({ day: 'numeric', month: 'short', year: '2-digit' }, '2022-12-31'));
  assert.match(formatDate('2022-12-31', 'year'), /2022/);
});

test('formatDate: nothing for nothing, the input for what is not a date', () => {
  assert.equal(formatDate(null), '');
  assert.equal(formatDate(undefined), '');
  assert.equal(formatDate('soon'), 'soon');
});

test('formatRange: both ends, one end, none', () => {
  assert.equal(formatRange(null, null), 'all dates');
  assert.equal(formatRange('2022-01-20', '2022-01-20'), formatDate('2022-01-20'));
  assert.equal(formatRange('2022-01-20', '2022-02-09'), `${formatDate('2022-01-20', 'daymonth')} – ${formatDate('2022-02-09')}`);
  assert.equal(formatRange('2021-12-20', '2022-02-09'), `${formatDate('2021-12-20')} – ${formatDate('2022-02-09')}`);
  assert.equal(formatRange('2022-01-20', null), `from ${formatDate('2022-01-20')}`);
  assert.equal(formatRange(null, '2022-01-20'), `until ${formatDate('2022-01-20')}`);
});

test('plural and formatMs', () => {
  assert.equal(plural(1, 'article'), '1 article');
  assert.equal(plural(2, 'article'), '2 articles');
  assert.equal(plural(0, 'match', 'matches'), '0 matches');
  assert.equal(plural(1234, 'date'), `${(1234).toLocaleString()} dates`);
  assert.equal(formatMs(0.42), '0.4 ms');
  assert.equal(formatMs(9.96), '10.0 ms');
  assert.equal(formatMs(12.4), '12 ms');
  assert.equal(formatMs(1234.5), `${(1235).toLocaleString()} ms`);
});

test('clip: long text cut to its first characters with an ellipsis', () => {
  assert.equal(clip('Reuters', 80), 'Reuters');
  assert.equal(clip('S'.repeat(50_000), 80), `${'S'.repeat(80)}\u2026`);
  assert.equal(clip('😀'.repeat(3), 2), '😀😀\u2026', 'by characters, never half a pair');
  assert.equal(clip('😀😀', 2), '😀😀');
});

test('showBidiControls: bidi controls in link text shown as markers, in their true order', () => {
  assert.equal(showBidiControls('https://x.org/\u202Egnp.exe'), 'https://x.org/\u27E8RLO\u27E9gnp.exe');
  assert.equal(showBidiControls('a\u200Eb\u2067c\u2069'), 'a\u27E8LRM\u27E9b\u27E8RLI\u27E9c\u27E8PDI\u27E9');
  assert.equal(showBidiControls('plain https://x.org/a'), 'plain https://x.org/a');
});

test('overNote: the bound as the page formats counts, nothing when exact', () => {
  assert.equal(overNote(1000), `in the top ${(1000).toLocaleString()} matches`);
  assert.equal(overNote(50), 'in the top 50 matches');
  assert.equal(overNote(null), '');
  assert.equal(overNote(undefined), '');
});
