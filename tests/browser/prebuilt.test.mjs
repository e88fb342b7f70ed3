// A prebuilt index (`./build.sh build --prebuilt`): start-up fetches the
// index's meta file and no article pack; each query fetches only the index
// files it needs (each once), and a damaged or missing one shows a banner
// naming it while the page keeps working. Runs on the ukraine2022
// collection (../shared), so it skips when DATELINE_PREBUILT_SITE is unset;
// with DATELINE_UKRAINE_SITE (the same collection in-page) it also checks
// that both give the same answers. The in-page seed site must still load
// its packs and offer the event timeline.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UNKNOWN_DOC, assertArticleNotFound, bins, indexDir, optionalSite, siteDir, resultIds, sitePrefix, typeQuery, useSite, waitForQuery, waitReady } from './harness.mjs';

/** The console line Chromium itself writes for a 404 response. */
const NOT_FOUND = /Failed to load resource: the server responded with a status of 404/;

const PHRASE = '"security guarantees"';

/**
 * Every request the page makes, with the size of its response.
 * @param {import('playwright-core').Page} page
 */
function recordRequests(page) {
  // Paths as the site lays its files out, whatever path it is served under.
  const prefix = sitePrefix('prebuilt').slice(0, -1);
  const sitePath = (/** @type {string} */ p) => (p.startsWith(`${prefix}/`) ? p.slice(prefix.length) : p);
  /** @type {{path: string, bytes: number|null, status: number|null}[]} */
  const log = [];
  page.on('request', (req) => {
    const entry = { path: sitePath(new URL(req.url()).pathname), bytes: /** @type {number|null} */ (null), status: /** @type {number|null} */ (null) };
    log.push(entry);
    req
      .response()
      .then((res) => {
        if (!res) return;
        entry.status = res.status();
        const len = Number(res.headers()['content-length']);
        entry.bytes = Number.isFinite(len) ? len : null;
      })
      .catch(() => {});
  });
  return {
    log,
    /** Paths requested since entry n. */
    since: (/** @type {number} */ n) => log.slice(n).map((r) => r.path),
    mark: () => log.length,
  };
}

/** @param {string} p  A request path: is it an index file? */
const isIndex = (p) => /\/corpus\/index-[0-9a-f]{16}\//.test(p);
/**
 * A document chunk (titles and text, for result lists and the reader)
 * rather than a file of the look-up (dictionary, postings, positions, ids)?
 * @param {string} p
 */
const isDocs = (p) => /\/corpus\/index-[0-9a-f]{16}\/docs-[^/]*\.bin$/.test(p);
/**
 * A card chunk (what a row shows without the text: the opening list, and
 * the copies a reprinted story's row names).
 * @param {string} p
 */
const isCards = (p) => /\/corpus\/index-[0-9a-f]{16}\/cards-\d+\.bin$/.test(p);
/** Most look-up files one cold query may fetch (dictionary shards, postings, positions). */
const MAX_LOOKUP_FILES = 12;
/** @param {string} p */
const isPack = (p) => /\.pack$/.test(p);
/**
 * An event-and-entity file (`notes-*`, the entity list's `enames-*`, `ents-*`, `ekinds-0000`, and
 * each document's entities, `dents-*`): a document chunk's
 * notes come with it, and all of them once per session for the events,
 * facets and entity views.
 * @param {string} p
 */
const isNotes = (p) => /\/corpus\/index-[0-9a-f]{16}\/(notes|enames|ents|ekinds|dents)-\d+\.bin$/.test(p);

/**
 * Set the URL hash (as a shared link or back/forward would) and wait for the list of q.
 * @param {import('playwright-core').Page} page
 * @param {string} hash
 * @param {string} q
 */
async function go(page, hash, q) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await waitForQuery(page, q);
}

/**
 * The index files of one step, logged for the record: `files, bytes`.
 * @param {string} what
 * @param {{path: string, bytes: number|null}[]} entries
 */
function report(what, entries) {
  const total = entries.reduce((n, r) => n + (r.bytes ?? 0), 0);
  const lines = entries.map((r) => `    ${r.path.replace(/^.*\/corpus\//, 'corpus/')} ${r.bytes ?? '?'} B`);
  console.log(`${what}: ${entries.length} index files, ${total.toLocaleString('en')} bytes\n${lines.join('\n')}`);
  return total;
}

/**
 * What one cold query may fetch: each file once; at most MAX_LOOKUP_FILES
 * look-up files, at most one document chunk per row (its snippet) and one
 * card chunk per copy a reprinted story's row names (its outlet and date).
 * @param {string[]} paths
 * @param {string[]} listed  The ids on screen, rows and copies.
 */
/**
 * The articles a result list shows: its rows and the copies they name.
 * @param {import('playwright-core').Page} page
 */
async function listedIds(page) {
  const copies = await page.$$eval('#results a.result-copy', (as) => as.map((a) => /** @type {HTMLElement} */ (a).dataset.id ?? ''));
  return [...(await resultIds(page)), ...copies];
}

function assertColdBound(paths, listed) {
  assert.equal(new Set(paths).size, paths.length, `each file once: ${paths.join(', ')}`);
  const lookup = paths.filter((p) => !isDocs(p) && !isNotes(p) && !isCards(p));
  const docs = paths.filter(isDocs);
  const cards = paths.filter(isCards);
  assert.ok(lookup.length <= MAX_LOOKUP_FILES, `at most ${MAX_LOOKUP_FILES} look-up files for one cold query, got ${lookup.length}: ${lookup.join(', ')}`);
  assert.ok(docs.length <= listed.length, `at most one document chunk per listed result (${listed.length}), got ${docs.length}`);
  assert.ok(cards.length <= listed.length, `at most one card chunk per listed result (${listed.length}), got ${cards.length}`);
}

describe('prebuilt index', () => {
  const skip = optionalSite('prebuilt');
  const site = skip ? null : useSite('prebuilt');
  /** A test, skipped (with the reason) when there is no prebuilt site. */
  const it = (/** @type {string} */ name, /** @type {() => Promise<void>} */ fn) => test(name, { skip }, fn);
  /** @type {ReturnType<typeof useSite>['withPage']} */
  const withPage = (fn, opts) => /** @type {ReturnType<typeof useSite>} */ (site).withPage(fn, opts);
  const url = () => /** @type {ReturnType<typeof useSite>} */ (site).server.url;

  it('start-up fetches the manifest, the meta file and the newest articles’ cards: no pack, no document, no look-up file', () =>
    withPage(
      async ({ page }) => {
        const req = recordRequests(page);
        await page.goto(url());
        await waitReady(page);
        await waitForQuery(page, '');
        const paths = req.since(0);
        assert.deepEqual(paths.filter(isPack), [], 'no article pack');
        const corpus = paths.filter((p) => p.includes('/corpus/'));
        assert.deepEqual(corpus.slice(0, 2), ['/corpus/manifest.json', `/corpus/${indexDir(siteDir('prebuilt'))}/meta.bin`], `start-up: ${corpus.join(', ')}`);
        // The empty query lists the newest articles: only their card
        // chunks, no document, dictionary or postings. Cards are stored in
        // date order, so the newest sit in the last chunks, one after another.
        const listed = (await resultIds(page)).length;
        assert.ok(listed > 0, 'the newest articles are listed');
        const rest = corpus.slice(2);
        assert.deepEqual(rest.filter((p) => !isCards(p) && !isNotes(p)), [], `only card chunks (and the facets' notes) after the meta file: ${rest.join(', ')}`);
        const cards = rest.filter(isCards);
        assert.ok(cards.length > 0 && cards.length <= (await listedIds(page)).length, `at most one chunk per listed article, got ${cards.length}`);
        const chunks = cards.map((p) => Number(/cards-(\d+)\.bin$/.exec(p)?.[1])).sort((x, y) => x - y);
        chunks.forEach((c, i) => assert.equal(c, chunks[0] + i, `consecutive chunks: ${rest.join(', ')}`));
        report('start-up (empty query, newest first)', req.log.filter((r) => isIndex(r.path)));
        // The collection is all there: 447 articles, listed and on the timeline.
        assert.match(await page.locator('#corpus').innerText(), /447 articles/);
        // Reprints are listed once, their other copies named in the row.
        const status = /^(\d+) results \((\d+) reprints? folded in\)/.exec(await page.locator('#status').innerText());
        assert.ok(status, `the status names the rows and the reprints folded in: ${await page.locator('#status').innerText()}`);
        assert.equal(Number(status[1]) + Number(status[2]), 447, 'rows and folded copies make the collection');
        assert.equal((await bins(page)).reduce((n, b) => n + b.total, 0), 447 - (await undated(page)));
        // Events and entities were found when the index was built: the Events
        // tab shows, and the facets once their files are in.
        assert.ok(await page.locator('#tab-events').isVisible(), 'the Events tab');
        await page.waitForFunction(() => document.querySelector('#facet-groups button.facet'));
        assert.ok(await page.locator('#banner').isHidden(), 'no banner');
        // Those facets are the whole collection's, counted when the index
        // was built and kept in meta.bin: exact (not "in the top N"), and
        // no document entity chunk or name shard is fetched for them.
        const entityFiles = req.since(0).filter((p) => /\/(dents|enames)-\d+\.bin$/.test(p));
        assert.deepEqual(entityFiles, [], 'the opening facets read no entity file');
        assert.ok(await page.locator('#facets-over').isHidden(), 'the opening facets count every article');
        // No entity model is fetched: nothing is recognized in the page.
        assert.deepEqual(req.since(0).filter((p) => /ner\.bin$/.test(p)), []);
        const notes = req.since(0).filter(isNotes);
        assert.equal(new Set(notes).size, notes.length, `each event and entity file once: ${notes.join(', ')}`);
      },
      { open: false },
    ));

  it('a cold query fetches only the index files it needs; the same query again fetches nothing', () =>
    withPage(async ({ page }) => {
      const req = recordRequests(page);

      let n = req.mark();
      await go(page, '#q=Zelensky', 'Zelensky');
      const cold = req.log.slice(n);
      assert.ok(cold.length > 0, 'the query fetched index files');
      assert.deepEqual(cold.map((r) => r.path).filter((p) => !isIndex(p)), [], 'only index files');
      report('cold query Zelensky', cold);
      assertColdBound(cold.map((r) => r.path), await listedIds(page));
      const total = Number(await page.locator('#status').getAttribute('data-total'));
      assert.ok(total > 10, `Zelensky finds many articles (${total})`);
      const marks = await page.locator('#results .result mark').allInnerTexts();
      assert.ok(marks.some((m) => /^zelensk/i.test(m)), `marks: ${JSON.stringify(marks.slice(0, 10))}`);
      const tl = await bins(page);
      assert.equal(tl.reduce((s, b) => s + b.hits, 0) + (await undatedHits(page)), total, 'the timeline draws every hit');
      assert.ok(await page.locator('#tl-chart .tl-hits').count() > 0, 'hit bars drawn');

      // A phrase: postings and positions.
      n = req.mark();
      await go(page, `#q=${encodeURIComponent(PHRASE)}`, PHRASE);
      const phrase = req.log.slice(n);
      report(`cold query ${PHRASE}`, phrase);
      assert.deepEqual(phrase.map((r) => r.path).filter((p) => !isIndex(p)), []);
      assert.ok(phrase.some((r) => /\/pos-/.test(r.path)), 'a phrase reads positions');
      assertColdBound(phrase.map((r) => r.path), await listedIds(page));
      const pmarks = await page.locator('#results .snippet mark').allInnerTexts();
      assert.ok(pmarks.length > 0, 'the phrase is marked');
      for (const m of pmarks) assert.match(m.toLowerCase().replace(/\s+/g, ' '), /^security guarantees$/);

      // Back to the first query: everything it needs is here.
      n = req.mark();
      await go(page, '#q=Zelensky', 'Zelensky');
      assert.deepEqual(req.since(n), [], 'the same query again fetches nothing');
      assert.equal(Number(await page.locator('#status').getAttribute('data-total')), total);
      assert.deepEqual(req.log.map((r) => r.path).filter(isPack), [], 'never an article pack');
    }));

  it('a permalink to a query fetches only what that query needs', () =>
    withPage(
      async ({ page }) => {
        const req = recordRequests(page);
        await page.goto(`${url()}#q=Zelensky`);
        await waitReady(page);
        await waitForQuery(page, 'Zelensky');
        const index = req.log.filter((r) => isIndex(r.path));
        report('page load with #q=Zelensky (meta file included)', index);
        assert.equal(index[0]?.path, `/corpus/${indexDir(siteDir('prebuilt'))}/meta.bin`);
        assertColdBound(index.slice(1).map((r) => r.path), await listedIds(page));
        assert.deepEqual(req.log.map((r) => r.path).filter(isPack), []);
      },
      { open: false },
    ));

  it('typing a query: searches overtaken by later keystrokes are dropped, the last one shows', () =>
    withPage(async ({ page }) => {
      const req = recordRequests(page);
      await typeQuery(page, 'Zelensky');
      assert.ok((await resultIds(page)).length > 0);
      assert.match(page.url(), /#q=Zelensky$/);
      const paths = req.since(0);
      assert.equal(new Set(paths).size, paths.length, `each file fetched once: ${paths.join(', ')}`);
      assert.deepEqual(paths.filter((p) => !isIndex(p)), []);
    }));

  it('a newer query supersedes one still waiting for its files', () =>
    withPage(async ({ page }) => {
      const req = recordRequests(page);
      // Hold every index file until both queries are asked.
      /** @type {(() => void)[]} */
      const held = [];
      let holding = true;
      /** @type {() => void} */
      let firstHeld = () => {};
      const oneHeld = new Promise((r) => {
        firstHeld = () => r(undefined);
      });
      await page.route('**/corpus/index-*/**', async (route) => {
        if (holding) {
          await new Promise((r) => {
            held.push(() => r(undefined));
            firstHeld();
          });
        }
        await route.continue();
      });
      await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        const seen = /** @type {string[]} */ ((w.__listed = []));
        const busy = /** @type {string[]} */ ((w.__busy = []));
        const list = /** @type {HTMLElement} */ (document.getElementById('results'));
        new MutationObserver((records) => {
          for (const r of records) {
            if (r.attributeName === 'data-q') seen.push(list.dataset.q ?? '');
            // Set to "false" when no search waits for files any more (both settled).
            else busy.push(list.getAttribute('aria-busy') ?? '');
          }
        }).observe(list, { attributes: true, attributeFilter: ['data-q', 'aria-busy'] });
      });
      await page.evaluate(() => {
        location.hash = '#q=Zelensky';
      });
      // The first search waits for its files…
      await oneHeld;
      await page.evaluate(() => {
        location.hash = '#q=Macron';
      });
      // …and the second has started (the search box shows its query) before they come.
      await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.getElementById('q')).value === 'Macron');
      holding = false;
      for (const release of held.splice(0)) release();
      await waitForQuery(page, 'Macron');
      // Both searches have settled (the older one was dropped, not shown late).
      await page.waitForFunction(() => /** @type {any} */ (window).__busy.includes('false'));
      assert.equal(await page.locator('#results').getAttribute('data-q'), 'Macron', 'the newer query stays');
      const listed = await page.evaluate(() => /** @type {any} */ (window).__listed);
      assert.ok(!listed.includes('Zelensky'), `the older query never showed: ${JSON.stringify(listed)}`);
      const marks = await page.locator('#results .snippet mark').allInnerTexts();
      assert.ok(marks.length && marks.every((m) => /macron/i.test(m)), `marks: ${JSON.stringify(marks.slice(0, 5))}`);
      const paths = req.since(0);
      assert.equal(new Set(paths).size, paths.length, `both searches shared their files: ${paths.join(', ')}`);
      await page.unroute('**/corpus/index-*/**');
    }));

  it('slow index files show “loading…” until the results arrive', () =>
    withPage(async ({ page }) => {
      // Index files come only once "loading…" shows (however long that takes).
      /** @type {(() => void)[]} */
      const held = [];
      let holding = true;
      await page.route('**/corpus/index-*/**', async (route) => {
        if (holding) await new Promise((r) => held.push(() => r(undefined)));
        await route.continue();
      });
      const busy = page.locator('#busy');
      assert.ok(await busy.isHidden());
      await page.evaluate(() => {
        location.hash = '#q=Putin';
      });
      await busy.waitFor({ state: 'visible' });
      holding = false;
      for (const release of held.splice(0)) release();
      assert.equal(await page.locator('#results').getAttribute('aria-busy'), 'true');
      await waitForQuery(page, 'Putin');
      await busy.waitFor({ state: 'hidden' });
      assert.equal(await page.locator('#results').getAttribute('aria-busy'), 'false');
      await page.unroute('**/corpus/index-*/**');
    }));

  it('opening a result shows the article; a permalink reload restores it', () =>
    withPage(async ({ page }) => {
      const req = recordRequests(page);
      await go(page, '#q=Zelensky', 'Zelensky');
      const first = (await resultIds(page))[0];
      const n = req.mark();
      await page.locator('#results .result-link').first().click();
      const reader = page.locator('#reader');
      await reader.waitFor({ state: 'visible' });
      await page.waitForFunction((id) => document.getElementById('reader')?.dataset.id === id, first);
      assert.ok((await page.locator('#reader-body p').count()) > 0, 'paragraphs');
      const marks = await page.locator('#reader-body mark').allInnerTexts();
      // A marked word may be cut by a name's mark: "Zelensky" (the name) + "'s".
      const word = (/** @type {string} */ m) => /zelensk/i.test(m) || /^['’]s$/.test(m);
      assert.ok(marks.length > 0 && marks.every(word), `reader marks: ${JSON.stringify(marks)}`);
      assert.deepEqual(req.since(n).filter((p) => !isIndex(p)), [], 'opening fetched only index files');
      report('opening the first result', req.log.slice(n));
      assert.match(page.url(), new RegExp(`doc=${first}`));
      const title = await page.locator('#reader-title').innerText();

      await page.reload();
      await waitReady(page);
      await waitForQuery(page, 'Zelensky');
      await reader.waitFor({ state: 'visible' });
      await page.waitForFunction((id) => document.getElementById('reader')?.dataset.id === id, first);
      assert.equal(await page.locator('#reader-title').innerText(), title);
      assert.equal(await page.locator(`#results li[data-id="${first}"]`).getAttribute('aria-current'), 'true');
      assert.ok((await page.locator('#reader-body mark').count()) > 0);
      assert.deepEqual(req.log.map((r) => r.path).filter(isPack), []);
    }));

  it('a permalink to an unknown article says so', () =>
    withPage(({ page }) => assertArticleNotFound(page), { path: UNKNOWN_DOC }));

  it('a permalink to the events view shows the events of the query', () =>
    withPage(
      async ({ page }) => {
        await page.waitForFunction(() => {
          const list = document.getElementById('ev-list');
          return list?.dataset.q === 'Zelensky' && list.dataset.total !== undefined;
        });
        assert.ok(await page.locator('#events-pane').isVisible());
        const values = await eventValues(page);
        assert.ok(values.length > 0, 'dates listed');
        assert.ok(await page.locator('#banner').isHidden(), 'no banner');
      },
      { path: '#q=Zelensky&view=events' },
    ));

  it('an entity view opens from a facet and lists its events in date order; its permalink survives a reload', () =>
    withPage(async ({ page }) => {
      await go(page, '#q=Zelensky', 'Zelensky');
      const facet = page.locator('#facet-groups .facet-people button.facet').first();
      await facet.waitFor();
      const key = await facet.getAttribute('data-key');
      assert.ok(key, 'a person facet');
      // The facet filters by the person; its chip's name opens the entity view.
      await facet.click();
      const chip = page.locator(`#filters a.filter-name[data-entity="${key}"]`);
      await chip.waitFor();
      await chip.click();
      await page.waitForFunction((k) => new URLSearchParams(location.hash.slice(1)).get('entity') === k, key);
      const view = page.locator('#entity');
      await view.waitFor({ state: 'visible' });
      const listed = () => page.$$eval('#entity-events > li.ev-date', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.value ?? ''));
      await page.waitForFunction(() => document.querySelectorAll('#entity-events > li.ev-date').length > 0);
      const dates = await listed();
      assert.ok(dates.length > 0, 'the entity has events');
      const days = dates.filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v));
      assert.deepEqual([...days].sort(), days, `in date order: ${dates.join(', ')}`);
      await page.reload();
      await waitReady(page);
      await view.waitFor({ state: 'visible' });
      await page.waitForFunction(() => document.querySelectorAll('#entity-events > li.ev-date').length > 0);
      assert.deepEqual(await listed(), dates, 'the same view after a reload');
    }));

  /**
   * Break the index files matching `pattern` (the first one asked for
   * only), search, and check the banner; then let them through and search again.
   * @param {import('playwright-core').Page} page
   * @param {RegExp} pattern
   * @param {(route: import('playwright-core').Route) => Promise<void>} breakIt
   * @param {RegExp} message
   */
  async function brokenFile(page, pattern, breakIt, message) {
    /** @type {string[]} */
    const broken = [];
    await page.route(pattern, async (route) => {
      if (broken.length === 0 || broken.includes(new URL(route.request().url()).pathname)) {
        broken.push(new URL(route.request().url()).pathname);
        await breakIt(route);
      } else await route.continue();
    });
    await go(page, '#q=Zelensky', 'Zelensky');
    const banner = page.locator('#banner');
    await banner.waitFor({ state: 'visible' });
    assert.ok(broken.length > 0, 'a file was broken');
    const file = broken[0].replace(/^.*\/corpus\//, 'corpus/');
    const text = await banner.innerText();
    assert.match(text, message);
    assert.ok(text.includes(file), `the banner names ${file}: ${text}`);
    assert.equal(await banner.getAttribute('role'), 'alert');
    // The page still works: the box takes queries, the list says what happened.
    assert.ok(await page.locator('#q').isEnabled(), 'search stays on');
    assert.ok(await page.locator('body.has-error').count() === 0, 'not a fatal error');
    assert.match(await page.locator('#status').innerText(), /failed/i);
    assert.match(await page.locator('#empty').innerText(), /Zelensky/);
    assert.ok(await page.locator('#busy').isHidden(), 'no "loading…" left behind');
    // With the file whole again, the same query works and the banner goes.
    await page.unroute(pattern);
    await page.locator('#q').click();
    await page.locator('#q').press('Enter');
    await page.waitForFunction(() => Number(document.getElementById('status')?.dataset.total) > 0);
    await banner.waitFor({ state: 'hidden' });
    assert.ok((await resultIds(page)).length > 0);
    return file;
  }

  it('a damaged (truncated) index file shows a banner naming it; the page keeps working', () =>
    withPage(async ({ page }) => {
      const file = await brokenFile(
        page,
        /\/corpus\/index-[0-9a-f]{16}\/post-[^/]*\.bin$/,
        async (route) => {
          const res = await route.fetch();
          const body = await res.body();
          await route.fulfill({ response: res, body: body.subarray(0, Math.floor(body.length / 2)) });
        },
        /search index file corpus\/index-[0-9a-f]{16}\/post-[^ ]*\.bin is damaged/i,
      );
      console.log(`truncated ${file}: banner shown, page kept working`);
    }));

  it('an index file of garbage shows a banner naming it', () =>
    withPage(async ({ page }) => {
      await brokenFile(
        page,
        /\/corpus\/index-[0-9a-f]{16}\/dict-[^/]*\.bin$/,
        (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(256, 0x5a) }),
        /damaged/i,
      );
    }));

  it('a missing index file shows a banner naming it', () =>
    withPage(
      async ({ page }) => {
        await brokenFile(
          page,
          /\/corpus\/index-[0-9a-f]{16}\/(post|docs)-[^/]*\.bin$/,
          (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
          /corpus\/index-[0-9a-f]{16}\/(post|docs)-\d+\.bin is missing: the site was rebuilt[\s\S]*Reload the page[\s\S]*404/i,
        );
      },
      { allow: [NOT_FOUND] },
    ));

  it('a damaged meta file stops the page with a banner naming it', () =>
    withPage(
      async ({ page }) => {
        await page.route(/\/corpus\/index-[0-9a-f]{16}\/meta\.bin$/, (route) =>
          route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('DLX not a meta file') }),
        );
        await page.goto(url());
        const banner = page.locator('#banner');
        await banner.waitFor({ state: 'visible' });
        assert.match(await banner.innerText(), /corpus\/index-[0-9a-f]{16}\/meta\.bin[\s\S]*damaged/i);
        assert.ok(await page.locator('#q').isDisabled(), 'search is off');
        assert.match(await page.locator('#status').innerText(), /unavailable/i);
      },
      { open: false },
    ));
});

describe('prebuilt and in-page give the same answers', () => {
  const skip = optionalSite('prebuilt') || optionalSite('ukraine');
  const prebuilt = skip ? null : useSite('prebuilt');
  const inpage = skip ? null : useSite('ukraine');

  const QUERIES = ['Zelensky', PHRASE, 'Macron Putin', 'sanctions -Biden', 'Zelenskyy', 'gas OR oil', 'grain* after:2022-03'];

  /**
   * The other copies the listed rows name ("Also in N sources").
   * @param {import('playwright-core').Page} page
   */
  const copies = (page) => page.$$eval('#results a.result-copy', (as) => as.map((a) => /** @type {HTMLElement} */ (a).dataset.id ?? ''));

  /**
   * Results (all ids, newest first, and the first page by relevance) and timeline per query.
   * @param {import('playwright-core').Page} page
   */
  async function answers(page) {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const q of QUERIES) {
      await go(page, `#q=${encodeURIComponent(q)}`, q);
      const total = Number(await page.locator('#status').getAttribute('data-total'));
      const relevance = await resultIds(page);
      // Copies of a reprinted story named in a row ("Also in N sources").
      const folded = await copies(page);
      const timeline = await bins(page);
      await page.evaluate(() => {
        location.hash += '&sort=newest';
      });
      await page.waitForFunction(() => document.getElementById('results')?.dataset.sort === 'newest');
      const newest = await resultIds(page);
      folded.push(...(await copies(page)));
      out[q] = { total, relevance, newest, timeline, folded };
    }
    // The events view: its first ten dates; the people facet for Zelensky: its top five.
    await go(page, '#q=Zelensky', 'Zelensky');
    await page.waitForFunction(() => document.getElementById('facet-groups')?.dataset.q === 'Zelensky' && document.querySelector('#facet-groups .facet-people button.facet'));
    out.people = await page.$$eval('#facet-groups .facet-people button.facet', (bs) => bs.slice(0, 5).map((b) => /** @type {HTMLElement} */ (b).dataset.key ?? ''));
    await page.evaluate(() => {
      location.hash = '#view=events';
    });
    await page.waitForFunction(() => {
      const list = document.getElementById('ev-list');
      return list?.dataset.q === '' && list.dataset.total !== undefined;
    });
    out.events = (await eventValues(page)).slice(0, 10);
    return out;
  }

  test('the same queries give the same results and timelines', { skip }, async () => {
    const a = await /** @type {ReturnType<typeof useSite>} */ (prebuilt).withPage(({ page }) => answers(page));
    const b = await /** @type {ReturnType<typeof useSite>} */ (inpage).withPage(({ page }) => answers(page));
    let folded = 0;
    for (const q of QUERIES) {
      console.log(`${q}: ${a[q].total} results prebuilt, ${b[q].total} in-page (${b[q].folded.length} reprints folded on both)`);
      assert.ok(a[q].relevance.length >= Math.min(10, a[q].total), `${q}: results to compare`);
      // The lists as shown, reprints folded into their rows alike.
      assert.deepEqual(a[q], b[q], `answers for ${q}`);
      folded += b[q].folded.length;
    }
    assert.ok(folded > 0, 'some query lists a reprinted story (its copies named in its row)');
    assert.deepEqual(a.people, b.people, 'the people facet for Zelensky');
    assert.deepEqual(a.events, b.events, 'the first ten dates of the events view');
  });
});

describe('in-page site (packs)', () => {
  const main = useSite('main');

  test('loads its packs, fetches no index file, offers the event timeline', () =>
    main.withPage(
      async ({ page }) => {
        const req = recordRequests(page);
        await page.goto(main.server.url);
        await waitReady(page);
        await typeQuery(page, 'Geneva');
        const paths = req.since(0);
        assert.ok(paths.some(isPack), 'an article pack');
        assert.deepEqual(paths.filter(isIndex), [], 'no index file');
        assert.ok(await page.locator('#tab-events').isVisible(), 'the Events tab');
        assert.ok(await page.locator('#busy').isHidden());
      },
      { open: false },
    ));
});

/**
 * The dates of the event list, in order.
 * @param {import('playwright-core').Page} page
 */
function eventValues(page) {
  return page.$$eval('#ev-list > li.ev-date', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.value ?? ''));
}

/**
 * Undated articles in the corpus (the timeline's "N undated" line), 0 when none.
 * @param {import('playwright-core').Page} page
 */
async function undated(page) {
  const text = await page.locator('#tl-undated').innerText().catch(() => '');
  const m = /^([\d,]+) undated/.exec(text.trim());
  return m ? Number(m[1].replace(/,/g, '')) : 0;
}

/**
 * Undated articles matching the query.
 * @param {import('playwright-core').Page} page
 */
async function undatedHits(page) {
  const text = await page.locator('#tl-undated').innerText().catch(() => '');
  const m = /\(([\d,]+) matching\)/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : 0;
}
