// Keyboard use: `/` focuses search, arrows and j/k move through results,
// Enter opens, Escape closes and gives focus back to the list.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, useSite, waitDrawn, waitForQuery } from './harness.mjs';

describe('keyboard', () => {
  const { withPage } = useSite('main');

  /** @param {import('playwright-core').Page} page */
  const focused = (page) =>
    page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return 'body';
      if (a.id) return `#${a.id}`;
      const li = a.closest('li.result');
      return li instanceof HTMLElement ? `result:${li.dataset.id}` : a.tagName.toLowerCase();
    });

  /** @param {import('playwright-core').Page} page */
  const readerId = async (page) =>
    (await page.locator('#reader').isVisible()) ? page.locator('#reader').getAttribute('data-id') : null;

  test('/ focuses search; arrows and j/k move; Enter opens; Escape closes', () =>
    withPage(
      async ({ page }) => {
        assert.equal(await focused(page), 'body');

        await page.keyboard.press('/');
        assert.equal(await focused(page), '#q');
        await page.keyboard.type('Russia', { delay: 20 });
        await waitForQuery(page, 'Russia');
        assert.equal(await page.locator('#q').inputValue(), 'Russia', '"/" itself was not typed');

        // ↓ from the search box goes into the list.
        await page.keyboard.press('ArrowDown');
        assert.equal(await focused(page), `result:${SEED.newer.id}`);
        await page.keyboard.press('ArrowDown');
        assert.equal(await focused(page), `result:${SEED.older.id}`);
        await page.keyboard.press('ArrowDown'); // stays on the last
        assert.equal(await focused(page), `result:${SEED.older.id}`);
        await page.keyboard.press('k');
        assert.equal(await focused(page), `result:${SEED.newer.id}`);
        await page.keyboard.press('j');
        assert.equal(await focused(page), `result:${SEED.older.id}`);
        await page.keyboard.press('ArrowUp');
        assert.equal(await focused(page), `result:${SEED.newer.id}`);
        assert.equal(await page.locator('#results li.is-selected').getAttribute('data-id'), SEED.newer.id);

        await page.keyboard.press('Enter');
        await page.locator('#reader').waitFor({ state: 'visible' });
        assert.equal(await readerId(page), SEED.newer.id);
        assert.equal(await focused(page), '#reader', 'the reader takes focus');

        // With the reader open, j/k page through the articles.
        await page.keyboard.press('j');
        await page.waitForFunction((id) => document.getElementById('reader')?.dataset.id === id, SEED.older.id);
        await page.keyboard.press('k');
        await page.waitForFunction((id) => document.getElementById('reader')?.dataset.id === id, SEED.newer.id);

        await page.keyboard.press('Escape');
        await page.locator('#reader').waitFor({ state: 'hidden' });
        assert.equal(await focused(page), `result:${SEED.newer.id}`, 'focus returns to the result');
        assert.doesNotMatch(page.url(), /doc=/);

        // `/` from the list goes back to the search box, whose text is selected.
        await page.keyboard.press('/');
        assert.equal(await focused(page), '#q');
        await page.keyboard.type('Geneva');
        await waitForQuery(page, 'Geneva');
        assert.equal(await page.locator('#q').inputValue(), 'Geneva');
        // Escape in the search box is harmless; Enter searches whole words.
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.getElementById('results')?.children.length === 1);
      },
      { path: '#sort=newest' },
    ));

  test('the timeline works from the keyboard', () =>
    withPage(async ({ page }) => {
      await page.keyboard.press('/');
      for (let i = 0; i < 6 && (await focused(page)) !== '#tl-chart'; i++) await page.keyboard.press('Tab');
      assert.equal(await focused(page), '#tl-chart', 'Tab reaches the timeline');
      const count = () => page.$$eval('#results > li', (l) => l.length);

      // The cursor starts on the last bar: Enter picks it.
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash.includes('from='));
      await waitDrawn(page);
      assert.equal(await count(), 1);
      assert.match(await page.locator('#tl-live').innerText(), /\S/, 'the cursor is announced');
      // Home, then shift+End widens to every bar.
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 2);
      // Escape clears the dates.
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !location.hash.includes('from='));
      await waitDrawn(page);
      assert.equal(await count(), 2);
      assert.equal(await focused(page), '#tl-chart');
    }));

  test('focus is visible on results and controls', () =>
    withPage(async ({ page }) => {
      await page.keyboard.press('/');
      await page.keyboard.press('ArrowDown');
      const outline = await page.evaluate(() => getComputedStyle(/** @type {Element} */ (document.activeElement)).outlineStyle);
      assert.notEqual(outline, 'none', 'a focused result shows an outline');
      // The skip link lands on the first result and keeps the view's hash.
      await page.keyboard.press('/');
      await page.keyboard.type('Lavrov');
      await page.waitForFunction(() => document.getElementById('results')?.dataset.q === 'Lavrov');
      await page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('.skip-link')).focus());
      await page.keyboard.press('Enter');
      assert.match(await focused(page), /^result:/);
      assert.match(page.url(), /#q=Lavrov$/);
      assert.equal(await page.locator('#q').inputValue(), 'Lavrov');
      // The search box has a label, the status is a live region.
      assert.equal(await page.locator('label[for="q"]').count(), 1);
      assert.equal(await page.locator('#status').getAttribute('aria-live'), 'polite');
    }));
});
