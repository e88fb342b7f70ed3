// The URL hash holds the view: a permalink restores query, date range, sort
// and the open article; reload and back/forward work.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, UNKNOWN_DOC, assertArticleNotFound, binPoint, resultIds, typeQuery, useSite, waitForQuery, waitReady } from './harness.mjs';

describe('permalinks and history', () => {
  const { withPage } = useSite('main');

  /** @param {import('playwright-core').Page} page */
  async function readerId(page) {
    const reader = page.locator('#reader');
    return (await reader.isVisible()) ? reader.getAttribute('data-id') : null;
  }

  /**
   * The view a permalink should restore.
   * @param {import('playwright-core').Page} page
   */
  async function assertPermalinkView(page) {
    await waitForQuery(page, 'geneva');
    assert.equal(await page.locator('#q').inputValue(), 'geneva');
    assert.deepEqual(await resultIds(page), [SEED.older.id]);
    assert.equal(await page.locator('#sort').inputValue(), 'newest');
    assert.equal(await page.locator('#tl-from').inputValue(), '2022-01-01');
    assert.equal(await page.locator('#tl-to').inputValue(), '2022-01-31');
    assert.ok(await page.locator('#tl-clear').isVisible());
    await page.locator('#reader').waitFor({ state: 'visible' });
    assert.equal(await readerId(page), SEED.older.id);
    const marks = await page.locator('#reader-body mark').allInnerTexts();
    assert.ok(marks.length > 0 && marks.every((m) => /geneva/i.test(m)), `reader marks: ${JSON.stringify(marks)}`);
    assert.equal(await page.locator(`#results li[data-id="${SEED.older.id}"]`).getAttribute('aria-current'), 'true');
  }

  test('a permalink restores query, range, sort and the open article, also after reload', () =>
    withPage(
      async ({ page }) => {
        await assertPermalinkView(page);
        await page.reload();
        await waitReady(page);
        await assertPermalinkView(page);
        // The same range without the query leaves out the February article.
        await typeQuery(page, '');
        assert.deepEqual(await resultIds(page), [SEED.older.id]);
      },
      { path: `#q=geneva&from=2022-01-01&to=2022-01-31&sort=newest&doc=${SEED.older.id}` },
    ));

  test('a permalink to an unknown article says so in the reader', () =>
    withPage(({ page }) => assertArticleNotFound(page), { path: UNKNOWN_DOC }));

  /**
   * Wait until the result list shows `n` results (a range changes the hash
   * before the search it starts has answered).
   * @param {import('playwright-core').Page} page
   * @param {number} n
   */
  const waitForTotal = (page, n) =>
    page.waitForFunction((want) => document.getElementById('results')?.dataset.total === String(want), n);

  test('back and forward step through query, article and date range', () =>
    withPage(async ({ page }) => {
      const hash = () => new URL(page.url()).hash;

      await typeQuery(page, 'Lavrov'); // one history entry for the whole word
      assert.equal(hash(), '#q=Lavrov');
      await page.locator(`#results li[data-id="${SEED.newer.id}"] .result-link`).click();
      await page.locator('#reader').waitFor({ state: 'visible' });
      assert.equal(await readerId(page), SEED.newer.id);

      const older = await binPoint(page, SEED.older.date);
      await page.mouse.click(older.x, older.y);
      await page.waitForFunction(() => location.hash.includes('from='));
      await waitForTotal(page, 1); // the hash moves first, the list once searched
      assert.deepEqual(await resultIds(page), [SEED.older.id]);
      assert.equal(await readerId(page), SEED.newer.id, 'the reader stays open');

      await page.goBack(); // range off
      await page.waitForFunction(() => !location.hash.includes('from='));
      await waitForTotal(page, 2);
      assert.equal((await resultIds(page)).length, 2);
      assert.equal(await readerId(page), SEED.newer.id);

      await page.goBack(); // reader closed
      await page.locator('#reader').waitFor({ state: 'hidden' });
      assert.equal(hash(), '#q=Lavrov');
      assert.equal(await page.locator('#q').inputValue(), 'Lavrov');

      await page.goBack(); // before typing
      await waitForQuery(page, '');
      assert.equal(await page.locator('#q').inputValue(), '');

      await page.goForward();
      await waitForQuery(page, 'Lavrov');
      assert.equal(await page.locator('#q').inputValue(), 'Lavrov');

      await page.goForward(); // reader open again
      await page.locator('#reader').waitFor({ state: 'visible' });
      assert.equal(await readerId(page), SEED.newer.id);

      await page.goForward(); // range again
      await page.waitForFunction(() => location.hash.includes('from='));
      await waitForTotal(page, 1); // the hash moves first, the list once searched
      assert.deepEqual(await resultIds(page), [SEED.older.id]);

      // Closing the reader opened from the list is itself a step back.
      await page.locator('#tl-clear').click();
      await page.waitForFunction(() => !location.hash.includes('from='));
      await page.locator('#reader-close').click();
      await page.locator('#reader').waitFor({ state: 'hidden' });
      assert.doesNotMatch(hash(), /doc=/);
    }));
});
