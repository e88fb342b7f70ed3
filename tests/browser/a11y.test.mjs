// Automated accessibility checks (axe-core, WCAG 2 A/AA rules) on the list,
// the reader, an error, light and dark, desktop and phone width.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { SEED, typeQuery, useSite } from './harness.mjs';

const require = createRequire(import.meta.url);
/** @returns {string} */
function axePath() {
  try {
    return require.resolve('axe-core/axe.min.js');
  } catch {
    throw new Error('axe-core is not installed: run `npm ci` in tests/browser');
  }
}

/**
 * Run axe on the page; returns the violations in a readable form.
 * @param {import('playwright-core').Page} page
 */
async function violations(page) {
  await page.addScriptTag({ path: axePath() });
  const result = await page.evaluate(async () => {
    // @ts-ignore axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((/** @type {any} */ v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((/** @type {any} */ n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  return result;
}

describe('accessibility (axe)', () => {
  const { withPage } = useSite('main');

  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    for (const width of [1280, 375]) {
      test(`list and reader, ${colorScheme}, ${width}px`, () =>
        withPage(
          async ({ page }) => {
            await typeQuery(page, 'Geneva');
            assert.deepEqual(await violations(page), [], 'the list');
            await page.locator(`#results li[data-id="${SEED.older.id}"] .result-link`).click();
            await page.locator('#reader').waitFor({ state: 'visible' });
            assert.deepEqual(await violations(page), [], 'the reader');
          },
          { width, height: 800, colorScheme, mobile: width < 500, bypassCSP: true },
        ));
    }
  }

  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    for (const width of [1280, 375]) {
      test(`event view and reader at a sentence, ${colorScheme}, ${width}px`, () =>
        withPage(
          async ({ page }) => {
            await page.waitForSelector('#ev-list li.ev-row');
            assert.deepEqual(await violations(page), [], 'the event view');
            await page.locator('#ev-list li.ev-row a.ev-link').first().click();
            await page.locator('#reader .reader-focus').waitFor({ state: 'visible' });
            assert.deepEqual(await violations(page), [], 'the reader at a sentence');
          },
          { path: '#view=events', width, height: 800, colorScheme, mobile: width < 500, bypassCSP: true },
        ));
    }
  }
});
