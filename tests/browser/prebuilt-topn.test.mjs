// The bounded answer of a prebuilt site (ukraine2022: DATELINE_PREBUILT_SITE,
// served under /news/top/, beside the in-page DATELINE_UKRAINE_SITE): events
// are read from the notes of a query's top N results only, facets from their
// document entity chunks (`dents-*`). With `?top=50`, the opening list
// (every article: a broad query) says "in the top 50 matches" beside the
// facets and in the events view, and its facets are the in-page site's with
// the same bound, as does a group's long list; its facets read document entity chunks and no notes
// chunk, and its events only the notes chunks holding the 50 newest
// articles (the opening list's top 50), not every chunk. Without the
// parameter (a bound of 1,000, more than the collection) `Zelensky` says
// nothing of the kind.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from './server.mjs';
import { indexDir, openEvents, optionalSite, siteDir, useSite, waitReady } from './harness.mjs';

const TOP = 50;
const PREFIX = '/news/top/';

/**
 * A LEB128 varint of `bytes` at `at`: [value, next offset].
 * @param {Buffer} bytes
 * @param {number} at
 * @returns {[number, number]}
 */
function varint(bytes, at) {
  let v = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [v, at];
    shift += 7;
  }
}

/**
 * Every notes chunk of the prebuilt site with the documents it covers
 * (its payload, after the 28-byte header of its frame, starts: chunk, first doc, docs).
 * @returns {{name: string, first: number, end: number}[]}
 */
function notesChunks() {
  const dir = path.join(siteDir('prebuilt'), 'corpus', indexDir(siteDir('prebuilt')));
  return fs
    .readdirSync(dir)
    .filter((f) => /^notes-\d+\.bin$/.test(f))
    .map((f) => {
      // As published: gzipped whole (see src/prebuilt/packed.rs).
      const stored = fs.readFileSync(path.join(dir, f));
      const bytes = stored[0] === 0x1f && stored[1] === 0x8b ? zlib.gunzipSync(stored) : stored;
      const [, a] = varint(bytes, 28);
      const [first, b] = varint(bytes, a);
      const [docs] = varint(bytes, b);
      return { name: f, first, end: first + docs };
    });
}

/**
 * The facets on screen once those of query `q` are in: [group, key, count].
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
async function facetsOf(page, q) {
  await page.waitForFunction((want) => {
    const groups = document.getElementById('facet-groups');
    return groups?.dataset.q === want && groups.querySelector('button.facet') !== null;
  }, q);
  return page.$$eval('#facet-groups button.facet', (bs) =>
    bs.map((b) => [b.closest('section')?.className ?? '', /** @type {HTMLElement} */ (b).dataset.key ?? '', b.querySelector('.facet-count')?.textContent ?? '']),
  );
}

/**
 * The events view of query `q`, answered: the note beside it ('' when hidden).
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
async function eventsNote(page, q) {
  await openEvents(page, q);
  const over = page.locator('#ev-over');
  return (await over.isVisible()) ? await over.innerText() : '';
}

/**
 * The note beside the facets ('' when hidden).
 * @param {import('playwright-core').Page} page
 */
async function facetsNote(page) {
  const over = page.locator('#facets-over');
  return (await over.isVisible()) ? await over.innerText() : '';
}

describe('events and facets over the top N results', () => {
  const skip = optionalSite('prebuilt') || optionalSite('ukraine');
  const prebuilt = skip ? null : useSite(null);
  const inpage = skip ? null : useSite('ukraine');

  test(`?top=${TOP}: the opening list's facets and events say so, equal the in-page ones, and fetch only their chunks`, { skip }, async () => {
    const chunks = notesChunks();
    const docs = Math.max(...chunks.map((c) => c.end));
    // The opening list (no query) by relevance: newest first; documents are numbered by date.
    const top = chunks.filter((c) => c.end > docs - TOP).map((c) => c.name);
    assert.ok(top.length < chunks.length, `the top ${TOP} lie in ${top.length} of ${chunks.length} chunks`);
    const server = await startServer({ root: siteDir('prebuilt'), prefix: PREFIX });
    try {
      const site = /** @type {NonNullable<typeof prebuilt>} */ (prebuilt);
      const fromPrebuilt = await site.withPage(
        async ({ page }) => {
          /** @type {string[]} */
          const notes = [];
          /** @type {string[]} */
          const dents = [];
          page.on('request', (r) => {
            const p = new URL(r.url()).pathname;
            const m = /\/corpus\/index-[0-9a-f]{16}\/(notes-\d+\.bin)$/.exec(p);
            if (m) notes.push(m[1]);
            if (/\/corpus\/index-[0-9a-f]{16}\/dents-\d+\.bin$/.test(p)) dents.push(p);
          });
          await page.goto(`${server.url}?top=${TOP}`);
          await waitReady(page);
          const facets = await facetsOf(page, '');
          const said = await facetsNote(page);
          assert.ok(said.includes(`in the top ${TOP} matches`), `beside the facets: ${said}`);
          assert.equal(await page.locator('#facets-over').getAttribute('data-over'), String(TOP));
          assert.ok(dents.length > 0, 'the facets read document entity chunks');
          assert.deepEqual(notes, [], 'the facets read no notes chunk');
          // A group's long list counts the same top results and says so.
          await page.locator('#facet-groups .facet-people button.facet-all').click();
          const long = page.locator('#facet-groups .facet-people .facet-long-over');
          await long.waitFor();
          assert.equal(await long.getAttribute('data-over'), String(TOP));
          assert.equal(await long.innerText(), `Counted in the top ${TOP} matches.`);
          await page.locator('#facet-groups .facet-people button.facet-long-close').click();
          const events = await eventsNote(page, '');
          assert.ok(events.includes(`in the top ${TOP} matches`), `in the events view: ${events}`);
          const fetched = [...new Set(notes)].sort();
          assert.ok(fetched.length > 0, 'the events read notes chunks');
          assert.ok(fetched.every((n) => top.includes(n)), `only the top ${TOP}'s chunks (${top.join(' ')}): ${fetched.join(' ')}`);
          assert.ok(fetched.length <= top.length && fetched.length < chunks.length);
          console.log(`prebuilt ?top=${TOP}: ${fetched.length} of ${chunks.length} notes chunks fetched; "${said}" / "${events}"`);
          return facets;
        },
        { open: false },
      );
      const fromInpage = await /** @type {NonNullable<typeof inpage>} */ (inpage).withPage(
        async ({ page }) => {
          const facets = await facetsOf(page, '');
          assert.ok((await facetsNote(page)).includes(`in the top ${TOP} matches`));
          assert.ok((await eventsNote(page, '')).includes(`in the top ${TOP} matches`));
          return facets;
        },
        { path: `?top=${TOP}` },
      );
      assert.ok(fromPrebuilt.length > 5, `facets shown: ${fromPrebuilt.length}`);
      assert.deepEqual(fromPrebuilt, fromInpage, 'the same facets, counted over the same top results');
    } finally {
      await server.close();
    }
  });

  test('without ?top, Zelensky (fewer results than the bound) says nothing of a bound', { skip }, async () => {
    const server = await startServer({ root: siteDir('prebuilt'), prefix: PREFIX });
    try {
      await /** @type {NonNullable<typeof prebuilt>} */ (prebuilt).withPage(
        async ({ page }) => {
          await page.goto(`${server.url}#q=Zelensky`);
          await waitReady(page);
          assert.ok((await facetsOf(page, 'Zelensky')).length > 0);
          assert.equal(await facetsNote(page), '');
          assert.equal(await eventsNote(page, 'Zelensky'), '');
        },
        { open: false },
      );
    } finally {
      await server.close();
    }
  });
});
