// The words for what the core says about how it read a query (its
// `SearchNotes`): the results were widened to "most words", a rare word was
// searched with likelier spellings too, a part of the query could not be
// used, a limit of the query budget applied. The core decides all of it;
// this module only phrases it. No DOM.

import { plural } from './format.js';

/** @typedef {import('./types.js').SearchNotes} SearchNotes */
/** @typedef {import('./types.js').Relaxed} Relaxed */
/** @typedef {import('./types.js').AlsoSearched} AlsoSearched */
/** @typedef {import('./types.js').QueryProblem} QueryProblem */
/** @typedef {import('./types.js').QueryLimit} QueryLimit */

/**
 * The line for results widened from "all words" to "most words":
 * "No article has all 9 words; showing those with at least 6 of them", or
 * "Only 3 articles have all 9 words; then those with at least 6".
 * @param {Relaxed} r
 */
export function relaxedText(r) {
  const words = plural(r.words, 'word');
  const least = `at least ${r.min_words.toLocaleString()}`;
  if (r.with_all === 0) return `No article has all ${words}; showing those with ${least} of them`;
  const have = r.with_all === 1 ? 'article has' : 'articles have';
  return `Only ${r.with_all.toLocaleString()} ${have} all ${words}; then those with ${least}`;
}

/**
 * Words joined for a sentence: "a", "a and b", "a, b and c".
 * @param {string[]} words
 */
export function joinWords(words) {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The parts of an "also searched" line: what was searched beside the word
 * ("volcker"), the word as typed ("Volker"), and the undo button's label
 * ("Search only Volker").
 * @param {AlsoSearched} a
 */
export function alsoSearchedText(a) {
  return {
    also: joinWords(a.also),
    word: a.word,
    undo: `Search only ${a.word}`,
  };
}

/**
 * An error chip's text: "after:2022-13-01 — 2022-13-01 is not a date".
 * @param {string} q  The query the problem was found in.
 * @param {QueryProblem} p
 */
export function problemText(q, p) {
  return `${problemToken(q, p)} — ${p.message}`;
}

/**
 * The part of the query a problem is about, as typed in q (its span), or
 * the core's `text` when the span does not fit q.
 * @param {string} q
 * @param {QueryProblem} p
 */
export function problemToken(q, p) {
  const cut = p.end <= q.length && p.start < p.end ? q.slice(p.start, p.end) : '';
  return cut || p.text;
}

/**
 * The line for a limit of the query budget that applied (the core's
 * `QueryLimit`): what was left out of the search, and why.
 * @param {QueryLimit} l
 */
export function limitText(l) {
  const n = l.limit.toLocaleString();
  switch (l.kind) {
    case 'length':
      return `The query is ${l.end.toLocaleString()} characters long; only its first ${n} were searched`;
    case 'terms':
      return `Only the first ${n} words and filters of the query were searched; the rest was left out`;
    case 'corrections':
      return `Spellings were corrected for the first ${n} words only; later words were searched as typed`;
    case 'completions':
      return `Completions of word* stopped at ${n} words in all`;
    default:
      return 'A limit of the search applied';
  }
}

/**
 * The query as the core read it: `q` without the part a length limit left
 * out (the core's span), else `q` itself. What links to the same results
 * carry, so that a 100 KB query does not make every link 100 KB long.
 * @param {string} q
 * @param {SearchNotes} notes  The core's notes on a search for q.
 */
export function searchedQuery(q, notes) {
  const cut = notes.limits.find((l) => l.kind === 'length');
  return cut && cut.start < q.length ? q.slice(0, cut.start).trimEnd() : q;
}

/**
 * Empty notes: what a response without them reads as (an older core, a
 * failed search).
 * @returns {SearchNotes}
 */
export function noNotes() {
  return { relaxed: null, also_searched: [], problems: [], limits: [] };
}

/**
 * A response's notes, always whole (missing parts empty).
 * @param {Partial<SearchNotes>|null|undefined} notes
 * @returns {SearchNotes}
 */
export function notesOf(notes) {
  if (!notes || typeof notes !== 'object') return noNotes();
  return {
    relaxed: notes.relaxed ?? null,
    also_searched: Array.isArray(notes.also_searched) ? notes.also_searched : [],
    problems: Array.isArray(notes.problems) ? notes.problems : [],
    limits: Array.isArray(notes.limits) ? notes.limits : [],
  };
}
