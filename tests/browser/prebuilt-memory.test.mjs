// Bounded page memory on a prebuilt site (issue 15, point 3): the
// ukraine2022 prebuilt index served under a sub-path with a small budget
// (`?memory=BYTES`), 200 queries typed as a person would, each followed by
// the core's eviction: after every one the decoded index data held
// (`body[data-index-bytes]`) is within the budget, files were evicted and
// fetched again, and queries repeated at the end answer as they did first.
// Needs DATELINE_PREBUILT_SITE (skipped, with the reason, when unset).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { optionalSite, siteDir, typeQuery, useSite } from './harness.mjs';

/** Small enough that 200 queries must evict (the index decodes to several MB), above the pinned part. */
const BUDGET = 2_500_000;
const QUERIES = 200;
/** Where the first queries come from; later ones take words from the titles found. */
const SEEDS = ['Zelensky', 'Putin', 'sanctions', 'grain', 'Kherson', 'NATO', 'refugees', 'Mariupol', 'Biden', 'nuclear'];

/**
 * What the page says it holds (data attributes written after each eviction).
 * @param {import('playwright-core').Page} page
 */
function memory(page) {
  return page.evaluate(() => {
    const d = document.body.dataset;
    return {
      bytes: Number(d.indexBytes),
      files: Number(d.indexFiles),
      budget: Number(d.indexBudget),
      pinned: Number(d.indexPinned),
      evicted: Number(d.indexEvicted),
    };
  });
}

/**
 * The answer on screen: the total and the first rows' titles.
 * @param {import('playwright-core').Page} page
 */
function answer(page) {
  return page.evaluate(() => ({
    total: document.getElementById('status')?.dataset.total ?? '',
    titles: [...document.querySelectorAll('#results > li.result .result-title')].slice(0, 3).map((t) => t.textContent ?? ''),
  }));
}

describe('prebuilt memory', () => {
  const skip = optionalSite('prebuilt');
  const site = skip ? null : useSite(null);

  test(`the budget holds over ${QUERIES} typed queries; repeated queries answer as before`, { skip, timeout: 600_000 }, async () => {
    const s = /** @type {NonNullable<typeof site>} */ (site);
    const server = await startServer({ root: siteDir('prebuilt'), prefix: '/news/ukraine/' });
    try {
      await s.withPage(
        async ({ page }) => {
          /** @type {string[]} */
          const indexFetches = [];
          /** @type {string[]} */
          const outside = [];
          page.on('request', (r) => {
            const p = new URL(r.url()).pathname;
            if (!p.startsWith('/news/ukraine/')) outside.push(p);
            if (/\/corpus\/index-[0-9a-f]{16}\//.test(p)) indexFetches.push(p);
          });
          const start = await memory(page);
          assert.equal(start.budget, BUDGET, 'the budget of ?memory=');
          assert.ok(start.bytes > 0 && start.files >= 1, JSON.stringify(start));

          const queue = [...SEEDS];
          const seen = new Set(queue.map((w) => w.toLowerCase()));
          /** @type {Map<string, {total: string, titles: string[]}>} */
          const first = new Map();
          /** @type {string[]} */
          const asked = [];
          let peak = 0;
          for (let i = 0; i < QUERIES; i++) {
            const q = queue.shift() ?? `${SEEDS[i % SEEDS.length]} ${asked[i % asked.length]}`;
            asked.push(q);
            await typeQuery(page, q);
            const got = await answer(page);
            if (!first.has(q)) first.set(q, got);
            const m = await memory(page);
            assert.ok(m.bytes <= m.budget, `after ${i + 1} queries ("${q}"): ${m.bytes} bytes held, budget ${m.budget}`);
            peak = Math.max(peak, m.bytes);
            // Words of the titles found become later queries: they reach
            // other dictionary shards, postings and document chunks.
            for (const t of got.titles) {
              for (const w of t.split(/[^\p{L}]+/u)) {
                if (w.length >= 5 && !seen.has(w.toLowerCase())) {
                  seen.add(w.toLowerCase());
                  queue.push(w);
                }
              }
            }
          }
          const m = await memory(page);
          console.log(`${QUERIES} queries: ${indexFetches.length} index fetches, ${m.evicted} files evicted, peak ${peak} of ${m.budget} bytes (pinned ${m.pinned}), ${m.files} files held at the end`);
          assert.ok(m.pinned < BUDGET, `the pinned part (${m.pinned}) fits the budget`);
          assert.ok(m.evicted > 0, 'the budget made the page evict');
          assert.ok(new Set(indexFetches).size < indexFetches.length, 'evicted files were fetched again');

          // The first queries again (their files long evicted): the same answers.
          for (const q of SEEDS.slice(0, 5)) {
            await typeQuery(page, q);
            assert.deepEqual(await answer(page), first.get(q), `"${q}" again`);
            const again = await memory(page);
            assert.ok(again.bytes <= again.budget, JSON.stringify(again));
          }
          assert.deepEqual(outside, [], 'nothing requested outside the sub-path');
          const [one] = SEEDS;
          assert.ok(Number(first.get(one)?.total) > 0, `"${one}" finds articles`);
        },
        { url: `${server.url}?memory=${BUDGET}` },
      );
    } finally {
      await server.close();
    }
  });
});
