// The words for the core's notes on a query (notes.js): the relaxed line,
// the also-searched line, the error chips' text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alsoSearchedText, joinWords, limitText, notesOf, problemText, problemToken, relaxedText } from '../../www/js/notes.js';

test('relaxedText: none or some articles have all the words', () => {
  assert.equal(relaxedText({ words: 9, with_all: 0, min_words: 6 }), 'No article has all 9 words; showing those with at least 6 of them');
  assert.equal(relaxedText({ words: 9, with_all: 3, min_words: 6 }), 'Only 3 articles have all 9 words; then those with at least 6');
  assert.equal(relaxedText({ words: 4, with_all: 1, min_words: 2 }), 'Only 1 article has all 4 words; then those with at least 2');
});

test('joinWords: a sentence list', () => {
  assert.equal(joinWords([]), '');
  assert.equal(joinWords(['volcker']), 'volcker');
  assert.equal(joinWords(['zelensky', 'zelenskyy']), 'zelensky and zelenskyy');
  assert.equal(joinWords(['a', 'b', 'c']), 'a, b and c');
});

test('alsoSearchedText: what was searched beside the word, and the undo label', () => {
  const a = { word: 'Volker', also: ['volcker'], start: 0, end: 6, undo: '"Volker"' };
  assert.deepEqual(alsoSearchedText(a), { also: 'volcker', word: 'Volker', undo: 'Search only Volker' });
});

test('problemText: the part as typed (by its UTF-16 span), then the message', () => {
  const q = 'Lavrov after:2022-13-01';
  const p = { text: 'after:2022-13-01', message: '2022-13-01 is not a date', start: 7, end: 23 };
  assert.equal(problemToken(q, p), 'after:2022-13-01');
  assert.equal(problemText(q, p), 'after:2022-13-01 — 2022-13-01 is not a date');
  // Spans count UTF-16 code units: an emoji before the part is two.
  const q2 = '😀 before:2022-02-30';
  assert.equal(problemToken(q2, { text: 'before:2022-02-30', message: 'm', start: 3, end: 20 }), 'before:2022-02-30');
  // A span that does not fit the query falls back to the core's text.
  assert.equal(problemToken('x', p), 'after:2022-13-01');
});

test('notesOf: missing or partial notes read as empty', () => {
  const empty = { relaxed: null, also_searched: [], problems: [], limits: [] };
  assert.deepEqual(notesOf(undefined), empty);
  assert.deepEqual(notesOf(null), empty);
  assert.deepEqual(notesOf({ relaxed: { words: 3, with_all: 0, min_words: 2 } }), { ...empty, relaxed: { words: 3, with_all: 0, min_words: 2 } });
});

test('limitText: each limit of the query budget in words', () => {
  assert.equal(
    limitText({ kind: 'length', limit: 1000, start: 998, end: 100000 }),
    'The query is 100,000 characters long; only its first 1,000 were searched',
  );
  assert.match(limitText({ kind: 'terms', limit: 32, start: 96, end: 99000 }), /^Only the first 32 words and filters/);
  assert.match(limitText({ kind: 'corrections', limit: 8, start: 0, end: 0 }), /first 8 words only/);
  assert.match(limitText({ kind: 'completions', limit: 256, start: 0, end: 0 }), /256 words/);
});

test('notesOf: limits default to none', () => {
  assert.deepEqual(notesOf({}).limits, []);
});
