// The fixed query set, drawn from the corpus with a seeded RNG: the same
// corpus and seed always give the same queries.
//
//   node bench/queries.mjs CORPUS.jsonl OUT.json [--per-class N] [--seed S]
//
// Classes (N each, shuffled together):
//   single  one word, drawn by occurrence (so mostly frequent words)
//   two     two distinct words from the same article
//   phrase  two adjacent words of an article's text, as "a b"
//   prefix  the first 4 letters of a word of 7+ letters, as abcd*
//   typo    a word of 6+ letters (in 5+ articles) with one edit (substitution,
//           deletion or insertion: Levenshtein distance 1), absent from the collection
//   swap    the same with two neighbouring letters swapped (a distance of 2 for
//           Levenshtein, 1 for Damerau), absent from the collection
//   rare    a word found in 2 to 5 articles
//   common  one of the 100 words in the most articles (stop words left out)
// Words are lowercase ASCII letters, 3+ long, not stop words; tokens (for
// adjacency) are runs of ASCII letters and digits, so "div 10 cts" gives no phrase.
// The `q` of a query is Dateline's syntax; `words` are what the peers get.
// A typo or swap query also has `fixed`: the same query spelt right. The
// engine's top hit for it is the intended article, which the typo query
// should still find in its top 10 (report.mjs, "Typo tolerance").

import fs from 'node:fs';
import { parseDocs } from './engines.mjs';

export const CLASSES = ['single', 'two', 'phrase', 'prefix', 'typo', 'swap', 'rare', 'common'];

const STOP = new Set(
  ('the and for that with was has are from its but not this have had will were been which said would ' +
    'also they their there than other into more about after over year said says some all any can could ' +
    'may one two new who what when where while his her him she our out per pct mln dlrs reuter')
    .split(' '),
);

/** Mulberry32: a small seeded RNG returning [0, 1). @param {number} seed */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} text */
const words = (text) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
const ok = (w) => /^[a-z]{3,}$/.test(w) && !STOP.has(w);

/**
 * @param {import('./engines.mjs').Doc[]} docs
 * @param {{perClass?: number, seed?: number}} [opts]
 * @returns {import('./engines.mjs').Query[]}
 */
export function makeQueries(docs, { perClass = 80, seed = 20240611 } = {}) {
  const rand = rng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const tokens = docs.map((d) => words(`${d.title} ${d.text}`));
  /** @type {Map<string, number>} document frequency */
  const df = new Map();
  for (const t of tokens) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const vocab = [...df.keys()].filter(ok).sort();
  const common = vocab.slice().sort((a, b) => df.get(b) - df.get(a) || (a < b ? -1 : 1)).slice(0, 100);
  const rare = vocab.filter((w) => df.get(w) >= 2 && df.get(w) <= 5);
  const typoBase = vocab.filter((w) => w.length >= 6 && df.get(w) >= 5);
  const prefixBase = vocab.filter((w) => w.length >= 7);
  const docWords = () => tokens[Math.floor(rand() * tokens.length)].filter(ok);

  /** One edit (substitute, delete or insert; or, with `swap`, exchange two letters) giving a word absent from the collection. */
  const typo = (w, swap = false) => {
    for (;;) {
      const i = 1 + Math.floor(rand() * (w.length - 2)); // keep the first and last letters
      const c = String.fromCharCode(97 + Math.floor(rand() * 26));
      const edits = swap
        ? [w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)]
        : [w.slice(0, i) + c + w.slice(i + 1), w.slice(0, i) + w.slice(i + 1), w.slice(0, i) + c + w.slice(i)];
      const t = edits[Math.floor(rand() * edits.length)];
      if (t !== w && !df.has(t)) return t;
    }
  };

  const make = {
    single: () => [pick(docWords())],
    two: () => {
      const ws = [...new Set(docWords())];
      if (ws.length < 2) return null;
      const a = pick(ws);
      const b = pick(ws);
      return a === b ? null : [a, b];
    },
    phrase: () => {
      const t = words(docs[Math.floor(rand() * docs.length)].text); // not across title and text
      const i = Math.floor(rand() * (t.length - 1));
      return t.length > 1 && ok(t[i]) && ok(t[i + 1]) && t[i] !== t[i + 1] ? [t[i], t[i + 1]] : null;
    },
    prefix: () => [pick(prefixBase).slice(0, 4)],
    typo: () => {
      const w = pick(typoBase);
      return Object.assign([typo(w)], { fixed: w });
    },
    swap: () => {
      const w = pick(typoBase);
      return Object.assign([typo(w, true)], { fixed: w });
    },
    rare: () => [pick(rare)],
    common: () => [pick(common)],
  };

  const out = [];
  for (const cls of CLASSES) {
    const seen = new Set();
    while (seen.size < perClass) {
      const ws = make[cls]();
      if (!ws || seen.has(ws.join(' '))) continue;
      seen.add(ws.join(' '));
      const q = cls === 'phrase' ? `"${ws.join(' ')}"` : cls === 'prefix' ? `${ws[0]}*` : ws.join(' ');
      // Typo classes carry the word as meant: its query's top hit is the intended article.
      out.push(ws.fixed ? { cls, q, words: ws, fixed: { cls: 'single', q: ws.fixed, words: [ws.fixed] } } : { cls, q, words: ws });
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [corpus, outFile, ...rest] = process.argv.slice(2);
  const opt = (name, dflt) => (rest.includes(name) ? Number(rest[rest.indexOf(name) + 1]) : dflt);
  const queries = makeQueries(parseDocs(fs.readFileSync(corpus, 'utf8')), {
    perClass: opt('--per-class', 80),
    seed: opt('--seed', 20240611),
  });
  fs.writeFileSync(outFile, JSON.stringify(queries, null, 0));
  console.error(`queries: ${queries.length} -> ${outFile}`);
}
