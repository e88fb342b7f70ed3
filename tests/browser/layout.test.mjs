// The page on a phone-width screen (375px) and in dark mode.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, typeQuery, useSite } from './harness.mjs';

describe('layout', () => {
  const { withPage } = useSite('main');

  /** @param {import('playwright-core').Page} page */
  const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  test('at 375px nothing overflows sideways and the reader fills the screen', () =>
    withPage(
      async ({ page }) => {
        assert.ok(await overflow(page) <= 0, 'no horizontal scrolling on the list');
        const search = await page.locator('#q').boundingBox();
        assert.ok(search && search.width >= 300, `the search box is wide enough (${search?.width})`);
        const chart = await page.locator('#tl-chart').boundingBox();
        assert.ok(chart && chart.width >= 300 && chart.x >= 0 && chart.x + chart.width <= 375, 'the timeline fits');

        await typeQuery(page, 'Geneva');
        await page.locator(`#results li[data-id="${SEED.older.id}"] .result-link`).tap();
        const reader = page.locator('#reader');
        await reader.waitFor({ state: 'visible' });
        const box = await reader.boundingBox();
        assert.ok(box && box.x === 0 && box.y === 0 && box.width === 375 && box.height === 740, `reader box ${JSON.stringify(box)}`);
        assert.ok(await page.locator('#reader-close').isVisible(), 'a visible way back');
        assert.equal(await page.locator('.results-pane').evaluate((e) => /** @type {HTMLElement} */ (e).inert), true, 'the page behind is inert');
        assert.ok(await overflow(page) <= 0, 'no horizontal scrolling in the reader');
        await page.locator('#reader-close').tap();
        await reader.waitFor({ state: 'hidden' });
        assert.equal(await page.locator('.results-pane').evaluate((e) => /** @type {HTMLElement} */ (e).inert), false);
      },
      { width: 375, height: 740, mobile: true },
    ));

  test('dark mode follows prefers-color-scheme', async () => {
    /** @param {'light'|'dark'} colorScheme */
    const colours = (colorScheme) =>
      withPage(
        async ({ page }) => {
          await typeQuery(page, 'Geneva');
          return page.evaluate(() => {
            const lum = (/** @type {string} */ rgb) => {
              const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const mark = document.querySelector('#results mark');
            return {
              bg: lum(getComputedStyle(document.body).backgroundColor),
              fg: lum(getComputedStyle(document.body).color),
              markBg: mark ? lum(getComputedStyle(mark).backgroundColor) : -1,
              markFg: mark ? lum(getComputedStyle(mark).color) : -1,
            };
          });
        },
        { colorScheme },
      );
    const light = await colours('light');
    const dark = await colours('dark');
    assert.ok(light.bg > light.fg + 150, `light: dark text on a light page ${JSON.stringify(light)}`);
    assert.ok(dark.bg + 150 < dark.fg, `dark: light text on a dark page ${JSON.stringify(dark)}`);
    for (const c of [light, dark]) assert.ok(Math.abs(c.markBg - c.markFg) > 100, `marks are legible ${JSON.stringify(c)}`);
  });
});
