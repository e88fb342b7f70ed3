// Loading the seed corpus and searching it, as a person would.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, bins, resultIds, typeQuery, useSite } from './harness.mjs';

describe('search', () => {
  const { withPage } = useSite('main');

  test('both seed articles load and sit on the timeline', () =>
    withPage(async ({ page }) => {
      const ids = await resultIds(page);
      assert.deepEqual(ids.toSorted(), [SEED.newer.id, SEED.older.id].toSorted());
      // An empty query lists everything newest first.
      assert.deepEqual(ids, [SEED.newer.id, SEED.older.id]);
      await page.waitForSelector('#status:has-text("2 results")');
      assert.match(await page.locator('#status').innerText(), /^2 results · \d+(\.\d)? ms$/);

      const all = await bins(page);
      assert.ok(all.length >= 2, `expected several bins, got ${all.length}`);
      const total = all.reduce((n, b) => n + b.total, 0);
      assert.equal(total, 2, 'the bins hold both articles');
      for (const day of [SEED.older.date, SEED.newer.date]) {
        const bin = all.find((b) => b.start <= day && day <= b.end);
        assert.ok(bin, `a bin covers ${day}`);
        assert.equal(bin.total, 1, `the bin covering ${day} holds one article`);
      }
      // Bins are in order and do not overlap.
      for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].end < all[i].start, 'bins ascend');
      // The corpus line in the footer.
      assert.match(await page.locator('#corpus').innerText(), /2 articles/);
    }));

  test('typing Geneva finds the 2022-01-20 article with Geneva marked', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'Geneva');
      assert.deepEqual(await resultIds(page), [SEED.older.id]);
      const marks = await page.locator(`#results li[data-id="${SEED.older.id}"] .snippet mark`).allInnerTexts();
      assert.ok(marks.some((m) => m.toLowerCase() === 'geneva'), `marks: ${JSON.stringify(marks)}`);
      assert.match(await page.locator('#status').innerText(), /^1 result · /);
      // The timeline draws the query's hits over the totals.
      const hitBins = (await bins(page)).filter((b) => b.hits > 0);
      assert.equal(hitBins.length, 1);
      assert.ok(hitBins[0].start <= SEED.older.date && SEED.older.date <= hitBins[0].end);
      assert.equal(await page.locator('#tl-chart .tl-hits').count(), 1);
      // Typing rewrote the hash.
      assert.match(page.url(), /#q=Geneva$/);
    }));

  test('"security guarantees" matches as a phrase only', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, '"security guarantees"');
      const ids = await resultIds(page);
      assert.deepEqual(ids.toSorted(), [SEED.newer.id, SEED.older.id].toSorted());
      const marks = await page.locator('#results .snippet mark').allInnerTexts();
      assert.ok(marks.length > 0, 'the phrase is marked');
      for (const m of marks) assert.match(m.toLowerCase().replace(/\s+/g, ' '), /^security guarantees$/, `mark ${JSON.stringify(m)}`);

      await typeQuery(page, '"guarantees security"');
      const reversed = await resultIds(page);
      assert.ok(reversed.length < ids.length, `reversed phrase found ${reversed.length}`);
      assert.deepEqual(reversed, []);
      await page.waitForSelector('#empty:not([hidden])');
      assert.match(await page.locator('#status').innerText(), /^No results/);
    }));

  test('a typo (Zakharva) still finds both articles', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'Zakharva');
      assert.deepEqual((await resultIds(page)).toSorted(), [SEED.newer.id, SEED.older.id].toSorted());
      const marks = await page.locator('#results .snippet mark').allInnerTexts();
      assert.ok(marks.some((m) => /zakharova/i.test(m)), `marks: ${JSON.stringify(marks)}`);
    }));

  test('Truss -Blinken finds only the 2022-02-09 article', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'Truss -Blinken');
      assert.deepEqual(await resultIds(page), [SEED.newer.id]);
      await typeQuery(page, 'Blinken -Truss');
      assert.deepEqual(await resultIds(page), [SEED.older.id]);
    }));

  test('sort order: oldest first, newest first', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'Lavrov');
      await page.selectOption('#sort', 'oldest');
      await page.waitForFunction(() => location.hash.includes('sort=oldest'));
      assert.deepEqual(await resultIds(page), [SEED.older.id, SEED.newer.id]);
      await page.selectOption('#sort', 'newest');
      await page.waitForFunction(() => location.hash.includes('sort=newest'));
      assert.deepEqual(await resultIds(page), [SEED.newer.id, SEED.older.id]);
    }));

  test('paging: one result per page, "more" adds the next without repeats', () =>
    withPage(
      async ({ page }) => {
        assert.deepEqual(await resultIds(page), [SEED.older.id]);
        const more = page.locator('#more');
        assert.ok(await more.isVisible(), 'a "more results" button');
        await more.click();
        await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 2);
        assert.deepEqual(await resultIds(page), [SEED.older.id, SEED.newer.id]);
        assert.ok(await more.isHidden(), 'no more results after the last page');
        assert.match(await page.locator('#status').innerText(), /^2 results/);
      },
      { path: '?limit=1#sort=oldest' },
    ));

  test('clicking a result opens the reader with the whole article highlighted', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'Geneva');
      await page.locator(`#results li[data-id="${SEED.older.id}"] .result-title a`).click();
      const reader = page.locator('#reader');
      await reader.waitFor({ state: 'visible' });
      assert.equal(await reader.getAttribute('data-id'), SEED.older.id);
      assert.ok(await page.evaluate(() => document.getElementById('reader')?.contains(document.activeElement)), 'focus is in the reader');
      const paras = await page.locator('#reader-body p').count();
      assert.equal(paras, 4, 'all four paragraphs');
      const marks = await page.locator('#reader-body mark').allInnerTexts();
      assert.ok(marks.length >= 4 && marks.every((m) => /geneva/i.test(m)), `marks: ${JSON.stringify(marks)}`);
      assert.match(page.url(), /doc=002_6f631ddf24768241/);
      await page.locator('#reader-close').click();
      await reader.waitFor({ state: 'hidden' });
      assert.doesNotMatch(page.url(), /doc=/);
    }));

  test('the reader steps to the previous and next result', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'Lavrov');
      await page.selectOption('#sort', 'newest');
      await page.waitForFunction(() => location.hash.includes('sort=newest'));
      await page.locator(`#results li[data-id="${SEED.newer.id}"] .result-link`).click();
      await page.locator('#reader').waitFor({ state: 'visible' });
      assert.ok(await page.locator('#reader-prev').isDisabled(), 'nothing before the first');
      await page.locator('#reader-next').click();
      await page.waitForFunction((id) => document.getElementById('reader')?.dataset.id === id, SEED.older.id);
      assert.ok(await page.locator('#reader-next').isDisabled(), 'nothing after the last');
      assert.equal(await page.locator(`#results li[data-id="${SEED.older.id}"]`).getAttribute('aria-current'), 'true');
      await page.locator('#reader-prev').click();
      await page.waitForFunction((id) => document.getElementById('reader')?.dataset.id === id, SEED.newer.id);
      // Stepping rewrote the entry: one Back closes the reader.
      await page.goBack();
      await page.locator('#reader').waitFor({ state: 'hidden' });
      assert.match(page.url(), /#q=Lavrov&sort=newest$/);
    }));
});
