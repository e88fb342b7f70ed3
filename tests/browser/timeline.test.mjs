// The publication timeline: clicking a bar or dragging across bars restricts
// the results to those dates; clearing restores them.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, binPoint, bins, resultIds, typeQuery, useSite, waitDrawn } from './harness.mjs';

const BOTH = [SEED.newer.id, SEED.older.id].toSorted();

describe('timeline', () => {
  const { withPage } = useSite('main');

  /** @param {import('playwright-core').Page} page */
  const hashParams = (page) => new URLSearchParams(new URL(page.url()).hash.slice(1));

  /**
   * @param {import('playwright-core').Page} page
   * @param {number} n
   */
  const waitCount = (page, n) =>
    page.waitForFunction((want) => document.querySelectorAll('#results > li.result').length === want, n);

  test('clicking a bar restricts results to its dates; clearing restores them', () =>
    withPage(async ({ page }) => {
      assert.deepEqual((await resultIds(page)).toSorted(), BOTH);

      const newer = await binPoint(page, SEED.newer.date);
      await page.mouse.click(newer.x, newer.y);
      await waitCount(page, 1);
      assert.deepEqual(await resultIds(page), [SEED.newer.id]);
      const p = hashParams(page);
      assert.equal(p.get('from'), newer.bin.start);
      assert.equal(p.get('to'), newer.bin.end);
      assert.equal(await page.locator(`#tl-chart .tl-bin[data-start="${newer.bin.start}"]`).getAttribute('class'), 'tl-bin in-range');
      assert.ok(await page.locator('#tl-clear').isVisible(), 'a visible way to clear the dates');

      await page.locator('#tl-clear').click();
      await waitCount(page, 2);
      assert.deepEqual((await resultIds(page)).toSorted(), BOTH);
      assert.equal(hashParams(page).get('from'), null);
      assert.ok(await page.locator('#tl-clear').isHidden());

      // Clicking the older bar, then the same bar again, toggles it off.
      const older = await binPoint(page, SEED.older.date);
      await page.mouse.click(older.x, older.y);
      await waitCount(page, 1);
      assert.deepEqual(await resultIds(page), [SEED.older.id]);
      await page.mouse.click(older.x, older.y);
      await waitCount(page, 2);
    }));

  test('dragging across bars selects the range; the query keeps working inside it', () =>
    withPage(async ({ page }) => {
      const all = await bins(page);
      const older = await binPoint(page, SEED.older.date);
      const newer = await binPoint(page, SEED.newer.date);

      // Drag from the newer bar leftwards to the bar after the older one.
      const olderIndex = all.findIndex((b) => b.start === older.bin.start);
      const next = all[olderIndex + 1];
      assert.ok(next, 'a bin after the older article');
      const nextPoint = await binPoint(page, next.start);
      await page.mouse.move(newer.x, newer.y);
      await page.mouse.down();
      await page.mouse.move((newer.x + nextPoint.x) / 2, newer.y, { steps: 4 });
      await page.mouse.move(nextPoint.x, nextPoint.y, { steps: 4 });
      await page.mouse.up();
      await waitCount(page, 1);
      assert.deepEqual(await resultIds(page), [SEED.newer.id]);
      let p = hashParams(page);
      assert.equal(p.get('from'), next.start);
      assert.equal(p.get('to'), newer.bin.end);
      assert.match(await page.locator('#tl-range-text').innerText(), /\S/);

      // A query that only matches outside the range finds nothing in it…
      await typeQuery(page, 'Geneva');
      assert.deepEqual(await resultIds(page), []);
      // …while the timeline still shows where it does match.
      const hitBins = (await bins(page)).filter((b) => b.hits > 0);
      assert.deepEqual(hitBins.map((b) => b.start), [older.bin.start]);

      // Drag across both: both dates.
      await typeQuery(page, '');
      await page.mouse.move(older.x, older.y);
      await page.mouse.down();
      await page.mouse.move(newer.x, newer.y, { steps: 8 });
      await page.mouse.up();
      await waitCount(page, 2);
      p = hashParams(page);
      assert.equal(p.get('from'), older.bin.start);
      assert.equal(p.get('to'), newer.bin.end);

      // The date form is the keyboard way to the same thing.
      await page.locator('#tl-dates > summary').click();
      await page.locator('#tl-from').fill(SEED.older.date);
      await page.locator('#tl-to').fill(SEED.older.date);
      await page.locator('#tl-form button[type=submit]').click();
      await waitCount(page, 1);
      assert.deepEqual(await resultIds(page), [SEED.older.id]);

      await page.locator('#tl-clear').click();
      await waitCount(page, 2);
    }));

  test('zooming into a selected bar re-bins that window; zooming out restores it', () =>
    withPage(async ({ page }) => {
      const before = await bins(page);
      const zoomIn = page.locator('#tl-zoom-in');
      assert.ok(await zoomIn.isHidden(), 'nothing to zoom into without a range');
      const older = await binPoint(page, SEED.older.date);
      await page.mouse.click(older.x, older.y);
      await waitCount(page, 1);
      await zoomIn.click();
      await page.waitForFunction(() => location.hash.includes('vfrom='));
      await waitDrawn(page);
      const zoomed = await bins(page);
      assert.ok(zoomed.length >= 1);
      assert.ok(zoomed.some((b) => b.start <= SEED.older.date && SEED.older.date <= b.end), 'a bin covers the article');
      assert.ok(zoomed.at(-1).end < SEED.newer.date, 'the window ends before the other article');
      assert.equal(zoomed.reduce((n, b) => n + b.total, 0), 1);
      assert.deepEqual(await resultIds(page), [SEED.older.id]);
      await page.locator('#tl-zoom-out').click();
      await page.waitForFunction(() => !location.hash.includes('vfrom='));
      assert.deepEqual(await bins(page), before);
    }));
});
