// The reader's own files, added in the page (seed site, in-page): through the
// file input, by drag and drop, and a generated folder of 2,000 files; the
// articles join search, the publication timeline and the entity facets; a
// damaged file is named with its line and the rest loads; Cancel adds
// nothing; imports survive a reload (OPFS); removing one and all works and
// survives a reload; no request carries the files' text, and the import core
// is fetched only once a file is added; an imported article whose id is
// taken is renamed (`id~2`), named in the list, and shadows nothing; "Save
// as site" downloads a zip that, unzipped and served, is a working site
// holding the imported articles.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, SEED, bins, openEvents, resultIds, shownTotal, typeQuery, useSite, waitReady } from './harness.mjs';
import { startServer } from './server.mjs';

const FORMATS = path.join(REPO, 'tests/fixtures/formats');
/** An HTML page (1 article), an RSS feed (2), an Atom feed (2), a CSV table (2). */
const GOOD = ['good/harbour.html', 'good/wire.rss', 'good/river.atom', 'good/stories.csv'].map((f) => path.join(FORMATS, f));
const GOOD_ARTICLES = 7;
/** A feed naming people and places (2 articles): its names must reach the facets. */
const ENVOYS = path.join(REPO, 'tests/fixtures/import/envoys.rss');
/** A feed with a malformed item, undated items and an empty one: two items read well. */
const BROKEN = path.join(FORMATS, 'damaged/broken.rss');

/** Words found only in the fixtures' text (not in the seed articles): searched after import, and looked for in every request. */
const MARKERS = ['longshoremen', 'lighthouse', 'regatta', 'Traders', 'Huitfeldt', 'weir'];

/** @typedef {import('playwright-core').Page} Page */

/**
 * Record every request the page makes (URL and body).
 * @param {Page} page
 */
function recordRequests(page) {
  /** @type {{url: string, body: string}[]} */
  const seen = [];
  page.on('request', (r) => seen.push({ url: r.url(), body: r.postData() ?? '' }));
  return seen;
}

/**
 * Assert no request carried any marker word, in its URL or its body, and
 * that every request stayed on the site's origin.
 * @param {{url: string, body: string}[]} requests
 * @param {string} origin
 * @param {string[]} [markers]
 */
function assertNothingSent(requests, origin, markers = MARKERS) {
  assert.ok(requests.length > 0, 'requests were recorded');
  for (const r of requests) {
    assert.ok(r.url.startsWith(origin), `request outside the site: ${r.url}`);
    for (const m of markers) {
      const low = m.toLowerCase();
      assert.ok(!decodeURIComponent(r.url).toLowerCase().includes(low), `a request URL carries "${m}": ${r.url}`);
      assert.ok(!r.body.toLowerCase().includes(low), `a request body carries "${m}": ${r.url}`);
    }
  }
}

/**
 * Wait until no import or removal runs and the list shows `files` files.
 * @param {Page} page
 * @param {number} files
 * @param {number} [timeout]
 */
async function waitImports(page, files, timeout = 30_000) {
  await page.waitForFunction(
    (n) =>
      document.getElementById('imports')?.dataset.state === 'idle' &&
      document.getElementById('import-list')?.dataset.files === String(n),
    files,
    { timeout },
  );
}

/**
 * The number of articles the empty query lists (the whole collection).
 * @param {Page} page
 */
async function collectionSize(page) {
  await typeQuery(page, 'x');
  await page.locator('#q').fill('');
  await page.locator('#q').press('Enter');
  await page.waitForFunction(() => document.getElementById('results')?.dataset.q === '');
  return shownTotal(page);
}

/**
 * The total a query finds.
 * @param {Page} page
 * @param {string} q
 */
async function found(page, q) {
  await typeQuery(page, q);
  return shownTotal(page);
}

/** @param {Page} page */
const timelineSum = async (page) => (await bins(page)).reduce((n, b) => n + b.total, 0);

/** @param {Page} page */
const listed = (page) =>
  page.$$eval('#import-list > li.import-file', (lis) =>
    lis.map((li) => ({
      name: /** @type {HTMLElement} */ (li).dataset.name ?? '',
      articles: Number(/** @type {HTMLElement} */ (li).dataset.articles),
      errors: Array.from(li.querySelectorAll('.import-error')).map((e) => e.textContent ?? ''),
      warnings: Array.from(li.querySelectorAll('.import-warning')).map((e) => e.textContent ?? ''),
    })),
  );

describe('your own files', () => {
  const site = useSite('main');
  const { withPage } = site;

  test('the file input imports an HTML page, RSS and Atom feeds and a CSV: searched, on the timeline, with entities; nothing sent', () =>
    withPage(
      async ({ page }) => {
        const requests = recordRequests(page);
        await page.goto(site.server.url);
        await waitReady(page);
        const origin = new URL(page.url()).origin;
        assert.ok(await page.locator('#imports').isVisible(), 'the "Your own files" section is shown');
        assert.ok(!requests.some((r) => r.url.includes('dateline_import')), 'the import core is not loaded with the page');
        const before = await collectionSize(page);
        const beforeTimeline = await timelineSum(page);
        for (const m of MARKERS) assert.equal(await found(page, `"${m}"`), 0, `${m} is not in the seed articles`);

        await page.setInputFiles('#import-files', [...GOOD, ENVOYS]);
        await waitImports(page, 5);
        assert.ok(requests.some((r) => r.url.endsWith('/pkg/dateline_import_bg.wasm')), 'the import core was fetched');
        assert.deepEqual(
          (await listed(page)).map((f) => [f.name, f.articles]),
          [
            ['harbour.html', 1],
            ['wire.rss', 2],
            ['river.atom', 2],
            ['stories.csv', 2],
            ['envoys.rss', 2],
          ],
        );
        assert.match(await page.locator('#import-status').innerText(), /Added 9 articles from 5 files/);

        assert.equal(await collectionSize(page), before + GOOD_ARTICLES + 2, 'the collection grew by the imported articles');
        assert.equal(await timelineSum(page), beforeTimeline + GOOD_ARTICLES + 2, 'the timeline counts them (all dated)');
        assert.ok((await bins(page)).some((b) => b.start <= '2022-07-12' && '2022-07-12' <= b.end && b.total > 0), 'a bar covers the envoys’ day');
        assert.equal(await found(page, '"longshoremen"'), 1, 'the HTML page');
        assert.equal(await found(page, '"lighthouse"'), 1, 'the RSS item');
        assert.equal(await found(page, '"regatta"'), 1, 'the Atom entry');
        assert.equal(await found(page, '"Traders"'), 1, 'the CSV row');
        await page.locator('#results > li.result a.result-link').first().click();
        await page.waitForSelector('#reader[data-id]');
        assert.match(await page.locator('#reader').innerText(), /covered market/);
        await page.locator('#reader-close').click();

        // Its people and places are found: the facets of a search list them.
        await typeQuery(page, 'Reykjavik');
        await page.waitForSelector('#facet-groups button.facet[data-key="anniken-huitfeldt"]', { timeout: 30_000 });
        await page.waitForSelector('#facet-groups button.facet[data-key="reykjavik"]');

        // And their events: the dates they mention (Huitfeldt is in no seed article).
        await openEvents(page, 'Huitfeldt');
        const days = await page.$$eval('#ev-list > li.ev-date', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.value ?? ''));
        assert.ok(days.includes('2022-07-12'), `"on Tuesday" in the envoys' article of Tuesday 12 July is an event: ${JSON.stringify(days)}`);
        assertNothingSent(requests, origin);
      },
      { open: false },
    ));

  test('drag and drop imports a file; the drop zone shows while dragging', () =>
    withPage(async ({ page }) => {
      const requests = recordRequests(page);
      const origin = new URL(page.url()).origin;
      const dt = await page.evaluateHandle(
        ({ name, text }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'application/rss+xml' }));
          return dt;
        },
        { name: 'envoys.rss', text: fs.readFileSync(ENVOYS, 'utf8') },
      );
      assert.ok(await page.locator('#drop-zone').isHidden());
      await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
      await page.waitForSelector('#drop-zone', { state: 'visible' });
      await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
      await page.waitForSelector('#drop-zone', { state: 'hidden' });
      await waitImports(page, 1);
      assert.deepEqual((await listed(page)).map((f) => [f.name, f.articles]), [['envoys.rss', 2]]);
      assert.equal(await found(page, '"Huitfeldt"'), 2);
      assertNothingSent(requests, origin);
    }));

  test('Cancel stops an import: nothing is added, and the next import works', () =>
    withPage(async ({ page, context }) => {
      // The import core's wasm is held back, so the import is surely still running when Cancel is pressed.
      /** @type {() => void} */
      let release = () => {};
      const held = new Promise((r) => (release = () => r(undefined)));
      let asked = 0;
      await context.route('**/pkg/dateline_import_bg.wasm', async (route) => {
        asked++;
        if (asked === 1) await held;
        await route.continue();
      });
      await page.setInputFiles('#import-files', GOOD);
      await page.waitForSelector('#import-progress', { state: 'visible' });
      await page.waitForFunction(() => document.getElementById('imports')?.dataset.state === 'importing');
      await page.locator('#import-cancel').click();
      await waitImports(page, 0);
      assert.match(await page.locator('#import-status').innerText(), /cancelled: nothing was added/);
      assert.ok(await page.locator('#import-progress').isHidden());
      release();
      assert.equal(await found(page, '"longshoremen"'), 0);
      await page.setInputFiles('#import-files', [ENVOYS]);
      await waitImports(page, 1);
      assert.equal(await found(page, '"Huitfeldt"'), 2);
      assert.equal(await found(page, '"longshoremen"'), 0, 'the cancelled files never arrive');
    }));

  test('a damaged file is named with its line and what is wrong; the rest loads', () =>
    withPage(async ({ page }) => {
      await page.setInputFiles('#import-files', [BROKEN, GOOD[0]]);
      await waitImports(page, 2);
      const [broken, harbour] = await listed(page);
      assert.equal(broken.name, 'broken.rss');
      assert.equal(broken.articles, 4, 'the readable items (two undated) are kept');
      assert.ok(broken.errors.some((e) => /^broken\.rss:4 .*malformed XML/.test(e)), `the malformed item is named: ${JSON.stringify(broken.errors)}`);
      assert.ok(broken.errors.some((e) => /^broken\.rss:7 .*empty body/.test(e)), 'the empty item is named');
      assert.equal(harbour.errors.length, 0);
      assert.match(await page.locator('#import-status').innerText(), /1 file with errors/);
      assert.equal(await found(page, '"weir"'), 1, 'the last good item');
      assert.equal(await found(page, '"canal locks"'), 1, 'the first good item');
      assert.equal(await found(page, '"longshoremen"'), 1, 'the other file');
    }));

  test('imports survive a reload; removing one and all works and survives a reload', () =>
    withPage(async ({ page }) => {
      const before = await collectionSize(page);
      await page.setInputFiles('#import-files', GOOD);
      await waitImports(page, 4);

      await page.reload();
      await waitReady(page);
      await waitImports(page, 4);
      assert.equal(await collectionSize(page), before + GOOD_ARTICLES, 'kept after a reload');
      assert.equal(await found(page, '"longshoremen"'), 1);
      assert.equal(await found(page, '"regatta"'), 1);

      await page.locator('#import-list li.import-file[data-name="harbour.html"] button.import-remove').click();
      await waitImports(page, 3);
      assert.equal(await found(page, '"longshoremen"'), 0, 'the removed file’s article is gone');
      assert.equal(await found(page, '"regatta"'), 1, 'the others stay');
      await page.reload();
      await waitReady(page);
      await waitImports(page, 3);
      assert.equal(await found(page, '"longshoremen"'), 0, 'still gone after a reload');
      assert.equal(await found(page, '"lighthouse"'), 1);

      await page.locator('#import-remove-all').click();
      await waitImports(page, 0);
      assert.equal(await found(page, '"lighthouse"'), 0);
      assert.equal(await collectionSize(page), before);
      await page.reload();
      await waitReady(page);
      await waitImports(page, 0);
      assert.equal(await collectionSize(page), before, 'nothing imported after a reload');
      assert.ok(await page.locator('#import-remove-all').isHidden());
    }));

  test('a folder of 2,000 files shows its progress and ends with all articles searchable', () =>
    withPage(async ({ page }) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-import-'));
      try {
        const folder = path.join(dir, 'notes');
        fs.mkdirSync(folder);
        for (let i = 0; i < 2000; i++) {
          const day = String(1 + (i % 28)).padStart(2, '0');
          fs.writeFileSync(path.join(folder, `n${i}.txt`), `date 2022-03-${day} Zorblax bulletin number ${i} about the quarry.\n`);
        }
        const requests = recordRequests(page);
        const origin = new URL(page.url()).origin;
        // Every value the bar and the counter take, as they take them.
        await page.evaluate(() => {
          const w = /** @type {any} */ (window);
          w.__bar = [];
          w.__done = [];
          const bar = /** @type {HTMLProgressElement} */ (document.getElementById('import-bar'));
          const count = /** @type {HTMLElement} */ (document.getElementById('import-count'));
          new MutationObserver(() => w.__bar.push(bar.value)).observe(bar, { attributes: true, attributeFilter: ['value'] });
          new MutationObserver(() => w.__done.push(Number(count.dataset.done))).observe(count, { attributes: true, attributeFilter: ['data-done'] });
        });
        await page.setInputFiles('#import-folder', folder);
        await waitImports(page, 2000, 120_000);
        const { bar, done } = await page.evaluate(() => ({ bar: /** @type {any} */ (window).__bar, done: /** @type {any} */ (window).__done }));
        assert.ok(bar.some((/** @type {number} */ v) => v > 0 && v < 2000), `the bar moved through intermediate values: ${JSON.stringify(bar)}`);
        assert.ok(done.some((/** @type {number} */ v) => v > 0 && v < 2000), `the files counter moved through intermediate values: ${JSON.stringify(done)}`);
        assert.equal(done.at(-1), 2000, 'the files counter reached 2000');
        assert.equal(bar.at(-1), 2000, 'the bar reached its end');
        const names = await page.$$eval('#import-list > li.import-file', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.name));
        assert.ok(names.includes('notes/n1999.txt'), 'files keep their path in the folder');
        assert.equal(await found(page, '"Zorblax"'), 2000, 'every article is searchable');
        assertNothingSent(requests, origin, [...MARKERS, 'Zorblax', 'quarry']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }));

  test('an imported article whose id the site or another import has is renamed, named in the list, and shadows nothing', () =>
    withPage(async ({ page }) => {
      const id = SEED.older.id;
      const file = { name: `${id}.txt`, mimeType: 'text/plain', buffer: Buffer.from('date 2022-03-03 Quokkas were counted on the island of Rottnest.\n') };
      await page.setInputFiles('#import-files', [file]);
      await waitImports(page, 1);
      const [entry] = await listed(page);
      assert.equal(entry.articles, 1);
      assert.ok(entry.warnings.some((w) => w.includes(`"${id}"`) && w.includes(`"${id}~2"`)), `the rename is named: ${JSON.stringify(entry.warnings)}`);
      assert.match(await page.locator('#import-status').innerText(), /1 article renamed/);
      await typeQuery(page, 'Quokkas');
      assert.deepEqual(await resultIds(page), [`${id}~2`]);
      await typeQuery(page, 'Geneva');
      assert.ok((await resultIds(page)).includes(id), 'the site’s article keeps its id');
      await page.evaluate((h) => (location.hash = h), `#doc=${id}`);
      await page.waitForSelector(`#reader[data-id="${id}"]`);
      const text = await page.locator('#reader').innerText();
      assert.match(text, /Geneva/);
      assert.doesNotMatch(text, /Quokkas/, 'the site’s article is not shadowed');

      // The same file once more: another name; both kept, after a reload too.
      await page.evaluate(() => (location.hash = ''));
      await page.setInputFiles('#import-files', [file]);
      await waitImports(page, 2);
      await typeQuery(page, 'Quokkas');
      assert.deepEqual((await resultIds(page)).sort(), [`${id}~2`, `${id}~3`]);
      await page.reload();
      await waitReady(page);
      await waitImports(page, 2);
      await typeQuery(page, 'Quokkas');
      assert.deepEqual((await resultIds(page)).sort(), [`${id}~2`, `${id}~3`]);
      assert.equal((await listed(page))[1].warnings.filter((w) => w.includes(`"${id}~3"`)).length, 1, 'the rename is named after a reload too');
    }));

  test('Save as site downloads a zip of a static site that serves the imported articles', () =>
    withPage(async ({ page }) => {
      const before = await collectionSize(page);
      await page.setInputFiles('#import-files', [ENVOYS]);
      await waitImports(page, 1);
      const requests = recordRequests(page);
      const origin = new URL(page.url()).origin;
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#import-save').click()]);
      assert.equal(download.suggestedFilename(), 'dateline-site.zip');
      const zip = await download.path();
      assert.ok(zip, 'the zip was saved');
      await page.waitForFunction(() => document.getElementById('imports')?.dataset.state === 'idle');
      assert.match(await page.locator('#import-status').innerText(), /Saved the site: \d+ files, with 2 articles of your own/);
      assertNothingSent(requests, origin);
      assert.ok(requests.every((r) => r.body === ''), 'saving only reads the site’s files');

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-saved-'));
      const server = await startServer({ root: dir });
      try {
        execFileSync('unzip', ['-q', zip, '-d', dir]);
        for (const f of ['index.html', 'js/main.js', 'js/vendor/fflate.js', 'pkg/dateline_bg.wasm', 'pkg/dateline_import_bg.wasm', 'corpus/manifest.json', 'corpus/imported-000.pack']) {
          assert.ok(fs.existsSync(path.join(dir, f)), `the zip holds ${f}`);
        }
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'corpus/manifest.json'), 'utf8'));
        assert.equal(manifest.articles, before + 2);
        assert.ok(manifest.shell.includes('index.html'), 'the saved site can be saved again');
        // Another origin: nothing stored there, so what it finds is the saved site's own.
        await page.goto(server.url);
        await waitReady(page);
        await waitImports(page, 0);
        assert.equal(await collectionSize(page), before + 2, 'the saved site has the site’s articles and the imported ones');
        assert.equal(await found(page, '"Huitfeldt"'), 2, 'the imported articles are found');
        assert.ok((await found(page, 'Geneva')) > 0, 'the site’s articles too');
      } finally {
        await server.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }));
});
