// The downloads of a prebuilt site are those of the same collection in-page
// (ukraine2022: DATELINE_PREBUILT_SITE and DATELINE_UKRAINE_SITE): the same
// query's events as CSV and JSON, byte for byte, and its results as CSV and
// JSON, byte for byte (both lists fold a reprinted story's copies into one
// row, "Also in N sources", and both downloads hold that row).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { downloadText, openEvents, optionalSite, parseCsv, useSite, waitForQuery } from './harness.mjs';

/** Queries whose events and results are downloaded on both sites. */
const QUERIES = ['Zelensky', 'grain*'];

/**
 * The events view of `q`, and its two downloads.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
async function eventDownloads(page, q) {
  await openEvents(page, q);
  await page.locator('#export-csv:not([disabled])').waitFor();
  return { csv: await downloadText(page, '#export-csv'), json: await downloadText(page, '#export-json') };
}

/**
 * The result list of `q` (all its rows on screen: `?limit=100`), the other
 * copies its rows name, and its two downloads.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
async function resultDownloads(page, q) {
  await page.evaluate((h) => {
    location.hash = h;
  }, `#q=${encodeURIComponent(q)}`);
  await waitForQuery(page, q);
  await page.locator('#results-csv:not([disabled])').waitFor();
  const rows = await page.locator('#results > li.result').count();
  const copies = await page.$$eval('#results a.result-copy', (as) => as.map((a) => /** @type {HTMLElement} */ (a).dataset.id ?? ''));
  return { rows, copies, csv: await downloadText(page, '#results-csv'), json: await downloadText(page, '#results-json') };
}

describe('prebuilt and in-page downloads are the same', () => {
  const skip = optionalSite('prebuilt') || optionalSite('ukraine');
  const prebuilt = skip ? null : useSite('prebuilt', { path: '?limit=100' });
  const inpage = skip ? null : useSite('ukraine', { path: '?limit=100' });

  /**
   * What each site downloads for every query.
   * @param {NonNullable<typeof prebuilt>} site
   * @param {(page: import('playwright-core').Page, q: string) => Promise<any>} get
   */
  const each = (site, get) =>
    site.withPage(async ({ page }) => {
      /** @type {Record<string, any>} */
      const out = {};
      for (const q of QUERIES) out[q] = await get(page, q);
      return out;
    });

  test('events: the same CSV and JSON files', { skip }, async () => {
    const a = await each(/** @type {NonNullable<typeof prebuilt>} */ (prebuilt), eventDownloads);
    const b = await each(/** @type {NonNullable<typeof inpage>} */ (inpage), eventDownloads);
    for (const q of QUERIES) {
      const rows = parseCsv(a[q].csv.text);
      assert.ok(rows.length > 2, `${q}: events downloaded (${rows.length - 1} rows)`);
      assert.ok(JSON.parse(a[q].json.text).dates.length > 0, `${q}: dates in the JSON`);
      assert.equal(a[q].csv.name, b[q].csv.name, `${q}: CSV file name`);
      assert.equal(a[q].json.name, b[q].json.name, `${q}: JSON file name`);
      assert.equal(a[q].csv.text, b[q].csv.text, `${q}: the CSV files differ`);
      assert.equal(a[q].json.text, b[q].json.text, `${q}: the JSON files differ`);
      console.log(`${q}: events CSV ${a[q].csv.text.length} chars, JSON ${a[q].json.text.length} chars, identical`);
    }
  });

  test('results: the same CSV and JSON files (reprinted copies folded on both)', { skip }, async () => {
    const a = await each(/** @type {NonNullable<typeof prebuilt>} */ (prebuilt), resultDownloads);
    const b = await each(/** @type {NonNullable<typeof inpage>} */ (inpage), resultDownloads);
    let folded = 0;
    for (const q of QUERIES) {
      const inp = JSON.parse(b[q].json.text);
      assert.equal(b[q].rows, inp.exported, `${q}: every row listed (raise ?limit)`);
      assert.ok(inp.exported > 0, `${q}: results downloaded`);
      assert.deepEqual(a[q].copies, b[q].copies, `${q}: the same copies named in the rows`);
      assert.equal(a[q].rows, b[q].rows, `${q}: the same number of rows`);
      assert.equal(a[q].json.name, b[q].json.name);
      assert.equal(a[q].json.text, b[q].json.text, `${q}: the JSON files differ`);
      assert.equal(a[q].csv.name, b[q].csv.name);
      assert.equal(a[q].csv.text, b[q].csv.text, `${q}: the CSV files differ`);
      folded += b[q].copies.length;
      console.log(`${q}: ${inp.exported} rows (${b[q].copies.length} reprints folded), CSV and JSON identical`);
    }
    assert.ok(folded > 0, 'a query lists a reprinted story');
  });
});
