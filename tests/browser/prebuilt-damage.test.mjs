// A prebuilt index whose event-and-entity files are damaged on disk (a
// copy of the ukraine2022 prebuilt site, DATELINE_PREBUILT_SITE, with one
// file cut in half or with bytes flipped): a document entity chunk
// (`dents-NNNN`: the entities each document of a range names, what facets
// count), the entity list's types (`ekinds-0000`) and its first name shard
// (`enames-0000`, the most mentioned entities' names), and a notes chunk
// (`notes-NNNN`: the time and entity mentions and boilerplate flags of a
// document chunk). Each time the banner names the file, search still
// answers (the same articles as the whole index), the reader opens, and the
// facets of a query that needs the file (a document entity chunk: the
// opening list's, whose top results lie in every chunk; the types and the
// first name shard: any) say they are unavailable instead of showing what
// the other files hold; the events view says so for the types (and lists
// its dates for the other two, which no date needs). A damaged notes chunk
// (fetched for the events view of the opening list, opened first) no longer
// costs the facets (they read document entity chunks): they are shown, and
// the events view says it is unavailable, naming the file. A card chunk (`cards-NNNN`: what the rows of a
// document chunk show without the text) damaged the same ways: the banner
// names it, the opening list (whose newest rows it holds) and the search
// list the same articles, made from the documents, and the reader opens.
// The page reports through the banner: the console stays clean.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { indexDir, optionalSite, resultIds, siteDir, typeQuery, useSite, waitForQuery, waitReady, withChangedCopy } from './harness.mjs';

const QUERY = 'Zelensky';

/**
 * The damage done to a file's bytes.
 * @type {Record<string, (bytes: Buffer) => Buffer>}
 */
const DAMAGE = {
  truncated: (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)),
  // The header (and the checksum it states) intact: the payload no longer matches it.
  'bytes flipped': (bytes) => {
    const out = Buffer.from(bytes);
    for (let i = Math.floor(out.length / 2); i < Math.min(out.length, Math.floor(out.length / 2) + 16); i++) out[i] ^= 0xa5;
    return out;
  },
};

/**
 * The index files of the prebuilt site whose names match `re`, sorted.
 * @param {RegExp} re
 */
function indexFiles(re) {
  return fs
    .readdirSync(path.join(siteDir('prebuilt'), 'corpus', indexDir(siteDir('prebuilt'))))
    .filter((f) => re.test(f))
    .sort();
}

/**
 * The results of QUERY and of the opening list on a site, to compare with.
 * @param {import('playwright-core').Page} page
 */
async function answers(page) {
  // The opening list, once listed (with reprints folded, a prebuilt list
  // waits for its copies' chunks too: under load it comes after `ready`).
  await waitForQuery(page, '');
  await page.locator('#results > li.result').first().waitFor();
  const opening = await resultIds(page);
  await typeQuery(page, QUERY);
  const found = await resultIds(page);
  return { opening, found };
}

describe('a damaged event or entity file of a prebuilt index', () => {
  const skip = optionalSite('prebuilt');
  const site = skip ? null : useSite(null);

  /** @type {{opening: string[], found: string[]}|null} */
  let whole = null;
  /** What the intact site lists (fetched once). */
  async function intact() {
    if (whole) return whole;
    const server = await startServer({ root: siteDir('prebuilt') });
    try {
      whole = await /** @type {NonNullable<typeof site>} */ (site).withPage(({ page }) => answers(page), { url: server.url });
    } finally {
      await server.close();
    }
    assert.ok(whole.opening.length > 0 && whole.found.length > 0, 'the intact site lists articles');
    return whole;
  }

  /**
   * Damage `file` (relative to corpus/) in a copy of the site, open it, and
   * wait for the banner, which must name the file as damaged without a fatal
   * error, once the page asked for it; then `body` checks the rest.
   * @param {string} file
   * @param {(bytes: Buffer) => Buffer} damage
   * @param {(seen: {page: import('playwright-core').Page, banner: import('playwright-core').Locator, said: string, name: string, asked: string[], expected: Awaited<ReturnType<typeof intact>>}) => Promise<void>} body
   * @param {string} [hash]  Opened with this search and hash (`#view=events`: a view that reads the file).
   */
  async function withDamaged(file, damage, body, hash = '') {
    const expected = await intact();
    const change = (/** @type {string} */ dir) => {
      const at = path.join(dir, 'corpus', file);
      fs.writeFileSync(at, damage(fs.readFileSync(at)));
    };
    const name = `corpus/${file}`;
    await withChangedCopy(siteDir('prebuilt'), change, (server) =>
      /** @type {NonNullable<typeof site>} */ (site).withPage(
        async ({ page }) => {
          /** @type {string[]} */
          const asked = [];
          page.on('request', (r) => asked.push(new URL(r.url()).pathname));
          await page.goto(server.url + hash);
          await waitReady(page);
          // The banner names the file, once the page has asked for it (a
          // notes chunk with the list it belongs to, or with the others
          // after the first search, for the facets; the entity list then).
          const banner = page.locator('#banner');
          await banner.waitFor({ state: 'visible' });
          const said = await banner.innerText();
          assert.ok(said.includes(name), `the banner names ${name}: ${said}`);
          assert.match(said, /damaged/i);
          assert.equal(await page.locator('body.has-error').count(), 0, 'not a fatal error');
          assert.ok(asked.some((p) => p.endsWith(`/${name}`)), `${name} was fetched`);
          await body({ page, banner, said, name, asked, expected });
        },
        { open: false },
      ),
    );
  }

  /**
   * Damage `file` (relative to corpus/) in a copy of the site and check the page.
   * The facets (when `facets`) and events (when `events`) of `viewQ` must
   * need it: a document entity chunk is needed only by the queries among
   * whose top results it holds a document, the entity types by all, the
   * first name shard by facets that show its names; a notes chunk by the
   * events of the opening list, which the page is opened on
   * (`#view=events`) so that it is fetched. The opening list's facets are
   * the whole collection's, counted at build time (in `meta.bin`: no file
   * to fetch): the page is opened with a bound (`?top=50`), so that they
   * count the newest articles' entities (their `dents-*` chunk, the names
   * shown) and need the damaged file as a search's facets do.
   * @param {string} file
   * @param {(bytes: Buffer) => Buffer} damage
   * @param {string} viewQ
   * @param {{facets?: boolean, events?: boolean}} [needs]
   */
  async function check(file, damage, viewQ, { facets = true, events = true } = {}) {
    const hash = facets ? '?top=50' : '#view=events';
    await withDamaged(file, damage, async ({ page, banner, name, expected }) => {
      assert.equal(await banner.getAttribute('role'), 'alert');

      // Search still answers, with the articles the whole index finds (in
      // the list: opened on the events view, go to it).
      assert.ok(await page.locator('#q').isEnabled(), 'search stays on');
      if (hash) {
        await page.evaluate(() => {
          location.hash = '#q=';
        });
      }
      const got = await answers(page);
      assert.deepEqual(got, expected, 'the same articles as the whole index');
      assert.ok(Number(await page.locator('#status').getAttribute('data-total')) > 0);
      const still = await banner.innerText();
      assert.ok(still.includes(name), 'the banner stays while the file is damaged');
      assert.match(still, /search still works/i);

      // Facets of a query that needs the file: unavailable, naming it; none shown.
      if (viewQ !== QUERY) {
        await page.evaluate((q) => {
          location.hash = `#q=${encodeURIComponent(q)}`;
        }, viewQ);
        await page.waitForFunction((q) => document.getElementById('results')?.dataset.q === q, viewQ);
      }
      if (facets) {
        await page.waitForFunction(() => /unavailable/i.test(document.getElementById('facets-status')?.textContent ?? ''));
        assert.ok((await page.locator('#facets-status').innerText()).includes(name), 'the facets name the file');
        assert.equal(await page.locator('#facet-groups button.facet').count(), 0, 'no facets from the other files');
      } else {
        // Facets read no notes: they are shown.
        await page.waitForFunction((q) => {
          const groups = document.getElementById('facet-groups');
          return groups?.dataset.q === q && groups.querySelector('button.facet') !== null;
        }, viewQ);
        assert.doesNotMatch(await page.locator('#facets-status').innerText(), /unavailable/i, 'the facets need no notes chunk');
      }

      // The reader opens (without the marks the file would give).
      const first = page.locator('#results > li.result a.result-link').first();
      const id = await page.locator('#results > li.result').first().getAttribute('data-id');
      await first.click();
      await page.waitForFunction((want) => document.getElementById('reader')?.dataset.id === want, id);
      assert.ok(await page.locator('#reader').isVisible());
      await page.locator('#reader-close').click();
      await page.locator('#reader').waitFor({ state: 'hidden' });

      await page.evaluate((q) => {
        location.hash = `#q=${encodeURIComponent(q)}&view=events`;
      }, viewQ);
      if (!events) {
        // The events view reads no names: its dates are listed.
        await page.waitForFunction((q) => {
          const list = document.getElementById('ev-list');
          return list?.dataset.q === q && Number(list.dataset.total) > 0;
        }, viewQ);
        assert.equal(await page.locator('#ev-list[data-unavailable=true]').count(), 0);
        assert.ok((await page.locator('#ev-list li.ev-date').count()) > 0, 'the events are listed');
        const facetsSaid = facets ? 'facets unavailable' : 'facets shown';
        console.log(`${name}: banner, ${got.found.length} results as the whole index, ${facetsSaid}, events listed`);
        return;
      }
      // The events view: unavailable, naming the file; no dates, no downloads.
      await page.waitForFunction((q) => {
        const list = document.getElementById('ev-list');
        return list?.dataset.q === q && list.dataset.unavailable === 'true';
      }, viewQ);
      const empty = page.locator('#ev-empty');
      assert.ok(await empty.isVisible());
      assert.match(await empty.innerText(), /Events are unavailable/);
      assert.ok((await empty.innerText()).includes(name), 'the events view names the file');
      assert.equal(await page.locator('#ev-list li.ev-date').count(), 0, 'no events from the other files');
      assert.ok(await page.locator('#export-csv').isDisabled(), 'nothing to download');
      assert.ok(await page.locator('#export-json').isDisabled());
      assert.ok((await banner.innerText()).includes(name));
      const facetsSaid = facets ? 'events and facets unavailable' : 'facets shown, events unavailable';
      console.log(`${name}: banner, ${got.found.length} results as the whole index, ${facetsSaid}`);
    }, hash);
  }

  /**
   * Damage card chunk `file` (relative to corpus/) in a copy of the site:
   * the banner names it, the lists are the whole index's, the reader opens.
   * @param {string} file
   * @param {(bytes: Buffer) => Buffer} damage
   */
  async function checkCards(file, damage) {
    await withDamaged(file, damage, async ({ page, banner, said, name, asked, expected }) => {
      assert.match(said, /search still works/i);
      // Its rows come from the document chunk it stands for.
      const docs = name.replace('/cards-', '/docs-');
      assert.ok(asked.some((p) => p.endsWith(`/${docs}`)), `${docs} was fetched instead`);
      assert.ok(await page.locator('#q').isEnabled(), 'search stays on');
      const got = await answers(page);
      assert.deepEqual(got, expected, 'the same articles as the whole index');
      assert.ok((await banner.innerText()).includes(name), 'the banner stays while the file is damaged');
      const first = page.locator('#results > li.result a.result-link').first();
      const id = await page.locator('#results > li.result').first().getAttribute('data-id');
      await first.click();
      await page.waitForFunction((want) => document.getElementById('reader')?.dataset.id === want, id);
      assert.ok(await page.locator('#reader').isVisible());
      console.log(`${name}: banner, ${got.opening.length} opening rows and ${got.found.length} results as the whole index`);
    });
  }

  for (const [how, damage] of Object.entries(DAMAGE)) {
    test(`the newest card chunk ${how}: the banner names it, the lists are the whole index's`, { skip }, () => {
      const cards = indexFiles(/^cards-\d+\.bin$/);
      assert.ok(cards.length > 0, 'the prebuilt site has card chunks');
      return checkCards(`${indexDir(siteDir('prebuilt'))}/${cards[cards.length - 1]}`, damage);
    });
    test(`a document entity chunk ${how}: the banner names it, search answers, facets unavailable`, { skip }, () => {
      // The newest documents' chunk: the opening list's facets count its entities.
      const dents = indexFiles(/^dents-\d+\.bin$/);
      assert.ok(dents.length > 0, 'the prebuilt site has document entity chunks (built with entities)');
      return check(`${indexDir(siteDir('prebuilt'))}/${dents[dents.length - 1]}`, damage, '', { events: false });
    });
    test(`a notes chunk ${how}: the banner names it, search answers, facets shown, events listed`, { skip }, () => {
      // The newest documents' chunk: the opening list's events read their
      // time mentions from the document event chunk instead, and their
      // rows go without the boilerplate flags it holds.
      const notes = indexFiles(/^notes-\d+\.bin$/);
      assert.ok(notes.length > 0, 'the prebuilt site has notes chunks (built with events)');
      return check(`${indexDir(siteDir('prebuilt'))}/${notes[notes.length - 1]}`, damage, '', { facets: false, events: false });
    });
    test(`a document event chunk ${how}: the banner names it, search answers, facets shown, events listed`, { skip }, () => {
      // The opening list's events read their notes chunks instead.
      const times = indexFiles(/^dtimes-\d+\.bin$/);
      assert.ok(times.length > 0, 'the prebuilt site has document event chunks (built with events)');
      return check(`${indexDir(siteDir('prebuilt'))}/${times[times.length - 1]}`, damage, '', { facets: false, events: false });
    });
    test(`the entity types ${how}: the banner names it, search answers, events and facets unavailable`, { skip }, () => {
      assert.deepEqual(indexFiles(/^ekinds-\d+\.bin$/), ['ekinds-0000.bin'], 'the prebuilt site has its entity types');
      return check(`${indexDir(siteDir('prebuilt'))}/ekinds-0000.bin`, damage, QUERY);
    });
    test(`the first entity name shard ${how}: the banner names it, search answers, facets unavailable`, { skip }, () => {
      assert.ok(indexFiles(/^enames-\d+\.bin$/).includes('enames-0000.bin'), 'the prebuilt site has entity name shards');
      return check(`${indexDir(siteDir('prebuilt'))}/enames-0000.bin`, damage, QUERY, { events: false });
    });
  }
});
