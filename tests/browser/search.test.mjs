// Loading the seed corpus and searching it, as a person would.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, bins, downloadText, parseCsv, resultIds, shownTotal, typeQuery, useSite, waitDrawn, waitForQuery } from './harness.mjs';

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
      await waitDrawn(page);
      assert.deepEqual(await resultIds(page), [SEED.older.id, SEED.newer.id]);
      await page.selectOption('#sort', 'newest');
      await page.waitForFunction(() => location.hash.includes('sort=newest'));
      await waitDrawn(page);
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

  test('results export: CSV and JSON hold every match of the query in list order, not only the page shown', () =>
    withPage(
      async ({ page }) => {
        await typeQuery(page, 'Lavrov');
        assert.deepEqual(await resultIds(page), [SEED.older.id], 'one result per page');
        const csv = await downloadText(page, '#results-csv');
        assert.equal(csv.name, 'dateline-results-lavrov.csv');
        const rows = parseCsv(csv.text);
        assert.deepEqual(rows[0], ['id', 'date', 'title', 'source', 'score', 'snippet']);
        const body = rows.slice(1);
        for (const r of body) assert.equal(r.length, 6, `six fields: ${JSON.stringify(r)}`);

        const json = JSON.parse((await downloadText(page, '#results-json')).text);
        assert.equal(json.query.q, 'Lavrov');
        assert.equal(json.total, await shownTotal(page));
        assert.equal(json.truncated, undefined, 'not capped');

        // The list, all pages of it.
        await page.locator('#more').click();
        await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 2);
        const ids = await resultIds(page);
        assert.deepEqual(ids, [SEED.older.id, SEED.newer.id]);
        assert.deepEqual(body.map((r) => r[0]), ids, 'the CSV holds the list, in order');
        assert.deepEqual(json.results.map((/** @type {{id: string}} */ r) => r.id), ids, 'the JSON holds the list, in order');
        assert.equal(body[0][1], SEED.older.date);
        assert.ok(Number(body[0][4]) > 0, 'a score');
        assert.match(body[0][5], /lavrov/i, 'the snippet as text');

        // With a date range, only the articles in it.
        await page.goto(`${page.url().split('#')[0]}#q=Lavrov&from=2022-02-01&sort=oldest`);
        await waitForQuery(page, 'Lavrov');
        await page.waitForFunction(() => document.getElementById('results')?.dataset.total === '1');
        const ranged = parseCsv((await downloadText(page, '#results-csv')).text).slice(1);
        assert.deepEqual(ranged.map((r) => r[0]), [SEED.newer.id]);
      },
      { path: '?limit=1#sort=oldest' },
    ));

  test('nothing found: the export buttons are off', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'zzzqqqxx');
      assert.equal(await shownTotal(page), 0);
      assert.ok(await page.locator('#results-csv').isDisabled());
      assert.ok(await page.locator('#results-json').isDisabled());
    }));

  test('search tips show examples from the collection, and they find articles', () =>
    withPage(async ({ page }) => {
      await page.locator('.search-tips summary').click();
      const tip = (/** @type {string} */ name) => page.locator(`.search-tips li[data-tip="${name}"]`);
      await page.waitForSelector('.search-tips li[data-tip="or"][data-from="collection"]');
      // The seeds' busiest month, and names they mention most.
      assert.equal(await tip('dates').getAttribute('data-from'), 'collection');
      assert.match(await tip('dates').locator('code').first().innerText(), /^after:2022-0[12]-01 before:2022-0[23]-01$/);
      const entities = await tip('entities').locator('code:visible').allInnerTexts();
      assert.ok(entities.some((t) => /^person:/.test(t)), `entity examples: ${JSON.stringify(entities)}`);
      const or = await tip('or').locator('code').first().innerText();
      assert.match(or, /^\p{L}+ OR \p{L}+$/u);
      assert.doesNotMatch(or, /Truss OR Blinken/, 'not the static example');
      for (const name of ['or', 'phrase', 'dates', 'entities']) {
        const example = (await tip(name).locator('code:visible').allInnerTexts()).join(' ');
        await typeQuery(page, example);
        assert.ok((await shownTotal(page)) > 0, `the ${name} example ${example} finds articles`);
      }
    }));
});
