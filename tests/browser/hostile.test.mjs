// Hostile documents (tests/fixtures/hostile): markup in article text is shown
// as text and never runs; only http(s) links become links, and those are safe.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, resultIds, typeQuery, useSite, waitReady } from './harness.mjs';

describe('hostile documents', () => {
  const site = useSite('hostile');
  const { withPage } = site;

  /**
   * Nothing ran, nothing was injected.
   * @param {import('playwright-core').Page} page
   * @param {string[]} dialogs
   */
  async function assertInert(page, dialogs) {
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__pwned), undefined, 'a payload ran');
    assert.deepEqual(dialogs, [], 'a payload opened a dialog');
    const injected = await page.$$eval(
      '#results script, #results img, #results iframe, #results svg, #reader script, #reader img, #reader iframe, #reader svg, #results b, #reader b',
      (els) => els.map((e) => e.outerHTML),
    );
    assert.deepEqual(injected, [], 'elements from document text');
    const jsLinks = await page.$$eval('a[href]', (as) =>
      as.map((a) => a.getAttribute('href') ?? '').filter((h) => !/^(https?:|#|$)/i.test(h.trim())),
    );
    assert.deepEqual(jsLinks, [], 'links other than http(s) and in-page');
    for (const a of await page.locator('#results a.ext, #reader a.ext').all()) {
      assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await a.getAttribute('target'), '_blank');
      assert.match((await a.getAttribute('href')) ?? '', /^https?:\/\//);
    }
  }

  test('markup in titles, snippets and the reader is text; nothing runs', () =>
    withPage(async ({ page, dialogs }) => {
      const ids = await resultIds(page);
      assert.equal(ids.length, 2, `both hostile documents are listed: ${ids}`);
      await assertInert(page, dialogs);
      const listText = await page.locator('#results').innerText();
      assert.match(listText, /<script>|<img src=x onerror/, 'markup appears as text in the list');

      for (const id of ids) {
        await page.locator(`#results li[data-id="${id}"] .result-link`).click();
        await page.waitForFunction((want) => document.getElementById('reader')?.dataset.id === want, id);
        await assertInert(page, dialogs);
      }

      await page.locator('#results li[data-id="001_markup"] .result-link').click();
      await page.waitForFunction(() => document.getElementById('reader')?.dataset.id === '001_markup');
      const body = await page.locator('#reader-body').innerText();
      const whole = await page.locator('#reader').innerText();
      assert.ok(whole.includes("<script>window.__pwned = 'script'; alert(1)</script>"), 'the <script> is shown');
      assert.ok(body.includes('<img src=x onerror=alert(1)>'), 'the <img onerror> is shown');
      assert.ok(body.includes('javascript:alert(1)'), 'the javascript: URL is shown');
      assert.ok(body.includes('<a href="javascript:alert(1)">click me</a>'), 'the <a href=javascript:> is shown');

      // The https link is a safe link; the javascript: ones are plain text.
      const safe = page.locator('#reader-body a[href="https://example.org/x"]');
      assert.equal(await safe.count(), 1);
      assert.equal(await safe.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await safe.getAttribute('target'), '_blank');
      assert.equal(await safe.innerText(), 'https://example.org/x');
      const jsText = await page.locator('#reader-body a', { hasText: 'javascript:' }).count();
      assert.equal(jsText, 0, 'no link carries the javascript: text');

      // Searching for the payload words marks them, still as text.
      await typeQuery(page, 'onerror');
      assert.ok((await resultIds(page)).length >= 1);
      await assertInert(page, dialogs);
      const marks = await page.locator('#results mark').allInnerTexts();
      assert.ok(marks.some((m) => /onerror/i.test(m)), `marks: ${JSON.stringify(marks)}`);
      await typeQuery(page, 'script');
      await assertInert(page, dialogs);

      // The page's own markup is intact: exactly our one module script.
      assert.deepEqual(
        await page.$$eval('script', (ss) => ss.map((s) => s.getAttribute('src'))),
        ['./js/main.js'],
      );
    }));

  test('the event view, facets, filter chips and entity view show hostile text as text', () => {
    // The query (and so a chip) comes from the URL: a crafted link must stay text.
    const payload = 'person:"<img src=x onerror=window.__pwned=1>" entity:<b>x</b>';
    return withPage(
      async ({ page, dialogs }) => {
        await page.waitForFunction(() => !document.getElementById('facets')?.hidden && document.getElementById('facets')?.dataset.state !== 'loading');
        const chips = await page.locator('#filters .filter-chip').allInnerTexts();
        assert.ok(chips.some((c) => c.includes('<img src=x')), `the chip shows the text: ${JSON.stringify(chips)}`);
        // The entity view renders after the facets, on its own step: wait for it, not for the facets.
        await page.waitForFunction(() => /<img src=x/.test(document.getElementById('entity-name')?.textContent ?? ''));
        const injected = await page.$$eval('#filters img, #filters b, #facets img, #facets b, #facets script', (els) => els.map((e) => e.outerHTML));
        assert.deepEqual(injected, [], 'no elements from the query');
        await assertInert(page, dialogs);

        await openSite(page, `${site.server.url}#view=events`);
        await waitReady(page);
        await page.waitForFunction(() => document.getElementById('ev-list')?.dataset.total !== undefined);
        const inList = await page.$$eval('#ev-list script, #ev-list img, #ev-list iframe, #ev-list b', (els) => els.map((e) => e.outerHTML));
        assert.deepEqual(inList, []);
        await assertInert(page, dialogs);
      },
      { path: `#q=${encodeURIComponent(payload)}&entity=${encodeURIComponent('<img src=x onerror=window.__pwned=1>')}` },
    );
  });

  test('long unbroken payloads wrap on a phone-width screen', () =>
    withPage(
      async ({ page, dialogs }) => {
        const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok((await overflow()) <= 0, 'the list does not scroll sideways');
        await page.locator('#results li[data-id="002_title"] .result-link').tap();
        await page.waitForFunction(() => document.getElementById('reader')?.dataset.id === '002_title');
        assert.ok((await overflow()) <= 0, 'the reader does not scroll sideways');
        const reader = await page.evaluate(() => {
          const r = /** @type {HTMLElement} */ (document.getElementById('reader'));
          return r.scrollWidth - r.clientWidth;
        });
        assert.ok(reader <= 0, 'nothing in the reader is wider than it');
        await assertInert(page, dialogs);
      },
      { width: 375, height: 740, mobile: true },
    ));
});
