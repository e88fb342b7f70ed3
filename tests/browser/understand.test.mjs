// Search that understands the question, on the ukraine2022 collection
// in-page (DATELINE_UKRAINE_SITE; skipped, with the reason, when unset):
// a query typed and the same query reloaded give the same results; an
// invalid date bound is an error chip that removes like a filter chip; a
// long question ranks articles with most of its words and says so; a typo
// searched with likelier spellings says so, and one click searches only
// the word as typed; NOT is the exclusion operator, not a word.

import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { optionalSite, shownTotal, typeQuery, useSite, waitForQuery, waitReady } from './harness.mjs';

/** @param {import('playwright-core').Page} page */
const hashQuery = (page) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('q');

/**
 * The titles of the first n results on screen.
 * @param {import('playwright-core').Page} page
 * @param {number} n
 */
const topTitles = (page, n) =>
  page.$$eval('#results > li.result a.result-link', (as, k) => as.slice(0, k).map((a) => a.textContent ?? ''), n);

/**
 * The ids of the first n results on screen.
 * @param {import('playwright-core').Page} page
 * @param {number} n
 */
const topIds = (page, n) =>
  page.$$eval('#results > li.result', (lis, k) => lis.slice(0, k).map((li) => /** @type {HTMLElement} */ (li).dataset.id ?? ''), n);

describe('search that understands the question (ukraine2022, in-page)', () => {
  const skip = optionalSite('ukraine');
  const site = skip ? null : useSite('ukraine');
  /** @type {ReturnType<typeof useSite>['withPage']} */
  const withPage = (fn, options) => /** @type {ReturnType<typeof useSite>} */ (site).withPage(fn, options);

  test('Putin typed, then its permalink reloaded: the same total and the same top 10', { skip }, () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'Putin');
      const total = await shownTotal(page);
      const titles = await topTitles(page, 10);
      const ids = await topIds(page, 10);
      // Every article naming Putin, even glued to the next sentence ("Putin.After").
      const dir = '../shared/corpora/news/ukraine2022';
      const naming = fs
        .readdirSync(dir)
        .filter((f) => /(^|[^\p{L}\p{N}])putin(?!\p{L})/iu.test(fs.readFileSync(path.join(dir, f), 'utf8'))).length;
      assert.equal(total, naming, `Putin finds ${total} of the ${naming} articles naming him`);
      assert.equal(hashQuery(page), 'Putin', 'the URL holds the query');

      await page.reload();
      await waitReady(page);
      await waitForQuery(page, 'Putin');
      assert.equal(await shownTotal(page), total, 'the same total after a reload');
      assert.deepEqual(await topTitles(page, 10), titles, 'the same top 10 titles');
      assert.deepEqual(await topIds(page, 10), ids, 'the same top 10 articles');
    }));

  test('after:2022-13-01 Lavrov shows an error chip naming the bad date; its × restores the search', { skip }, () =>
    withPage(async ({ page }) => {
      const q = 'after:2022-13-01 Lavrov';
      await typeQuery(page, q);
      const chip = page.locator('#filters .filter-chip.is-problem');
      await chip.waitFor({ state: 'visible' });
      assert.equal(await chip.count(), 1, 'one error chip');
      const text = await chip.innerText();
      assert.match(text, /after:2022-13-01/, `the chip names the part: ${text}`);
      assert.match(text, /2022-13-01 is not a date/, `the chip says why: ${text}`);

      await chip.locator('button.filter-remove').click();
      await waitForQuery(page, 'Lavrov');
      assert.equal(hashQuery(page), 'Lavrov', 'the bad bound is cut out of the query');
      assert.equal(await page.locator('#filters .filter-chip.is-problem').count(), 0, 'the chip is gone');
      assert.ok((await shownTotal(page)) > 0, 'Lavrov finds articles again');
    }));

  test('a long natural question finds articles with most of its words, and says so', { skip }, () =>
    withPage(async ({ page }) => {
      const q = 'what did Lavrov say about NATO expansion after meeting Blinken in Geneva';
      await typeQuery(page, q);
      const total = await shownTotal(page);
      assert.ok(total > 0, 'the question finds articles');
      const line = page.locator('#notes .note-relaxed');
      await line.waitFor({ state: 'visible' });
      assert.match(await line.innerText(), /(No article has|Only [\d,]+ articles? ha(s|ve)) all [\d,]+ words; .*at least [\d,]+/);
      console.log(`${q}: ${total} results; ${await line.innerText()}`);
    }));

  test('a typo (Zelenskky) is searched with likelier spellings too; one click searches only the word typed', { skip }, () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'Zelenskky');
      const line = page.locator('#notes .note-also[data-word="Zelenskky"]');
      await line.waitFor({ state: 'visible' });
      assert.match(await line.innerText(), /^Also searched: .+ for Zelenskky · Search only Zelenskky$/);
      const undo = page.locator('#notes .note-also a.note-undo');
      const target = await undo.getAttribute('data-q');
      assert.ok(target && target !== 'Zelenskky' && /Zelenskky/.test(target), `the undo query: ${target}`);
      assert.equal(new URL(/** @type {string} */ (await undo.getAttribute('href')), page.url()).hash.includes('q='), true, 'a permalink');

      await undo.click();
      await waitForQuery(page, target);
      assert.equal(hashQuery(page), target, 'the URL holds the exact query');
      assert.equal(await page.locator('#q').inputValue(), target, 'the search box shows it');
      assert.equal(await page.locator('#notes .note-also').count(), 0, 'the line is gone');
    }));

  test('NOT Putin leaves Putin out (fewer results than the empty query) and marks no "not"', { skip }, () =>
    withPage(async ({ page }) => {
      await waitForQuery(page, '');
      const all = await shownTotal(page);
      await typeQuery(page, 'NOT Putin');
      const without = await shownTotal(page);
      assert.ok(without > 0 && without < all, `NOT Putin: ${without} of ${all}`);
      const marks = await page.locator('#results mark').allInnerTexts();
      assert.deepEqual(marks.filter((m) => /^not$/i.test(m.trim())), [], 'no "not" marked');
      assert.deepEqual(marks.filter((m) => /^putin$/i.test(m.trim())), [], 'no "Putin" marked');
    }));
});
