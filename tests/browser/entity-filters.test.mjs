// Entity filters that combine, entity views that are right, and views that
// open where the news is, on the ukraine2022 collection in-page
// (DATELINE_UKRAINE_SITE; skipped, with the reason, when unset):
// `org:nato OR org:eu` lists the union and `org:nato -org:eu` the
// difference (expected counts from the page's own single-filter searches);
// an entity's "Articles over time" adds up to its own article count; a
// facet group's long list opens and narrows as one types, and an entry
// filters like a facet; the events view opens on 2022–2024, the far past
// one "zoom out" away; `Zelensky` shows one Zelensky among the people (every
// spelling merged), whose count is the page's own filter total.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { optionalSite, shownTotal, typeQuery, useSite, waitForQuery } from './harness.mjs';

/**
 * Wait until the facets on screen are for query q (entities loaded).
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
const waitFacets = (page, q) =>
  page.waitForFunction(
    (want) => document.getElementById('facet-groups')?.dataset.q === want && document.querySelector('#facet-groups button.facet'),
    q,
  );

/**
 * The total the page shows for query q, typed like a person.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
async function totalOf(page, q) {
  await typeQuery(page, q);
  return shownTotal(page);
}

/**
 * Wait until the event list shows query q.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
const waitEventsFor = (page, q) =>
  page.waitForFunction((want) => {
    const list = document.getElementById('ev-list');
    return list?.dataset.q === want && list.dataset.total !== undefined;
  }, q);

/**
 * The events lane's bars as [start, end] days.
 * @param {import('playwright-core').Page} page
 */
const laneBins = (page) =>
  page.$$eval('#ev-chart g.tl-bin', (gs) => gs.map((g) => [g.getAttribute('data-start') ?? '', g.getAttribute('data-end') ?? '']));

describe('entity filters and views (ukraine2022, in-page)', () => {
  const skip = optionalSite('ukraine');
  const site = skip ? null : useSite('ukraine');
  /** @type {ReturnType<typeof useSite>['withPage']} */
  const withPage = (fn, options) => /** @type {ReturnType<typeof useSite>} */ (site).withPage(fn, options);

  test('org:nato OR org:eu is the union, org:nato -org:eu the difference, -org:eu all but those', { skip }, () =>
    withPage(async ({ page }) => {
      await waitFacets(page, '');
      const all = await shownTotal(page);
      const nato = await totalOf(page, 'org:nato');
      const eu = await totalOf(page, 'org:eu');
      const both = await totalOf(page, 'org:nato org:eu');
      assert.ok(nato > 0 && eu > 0, `both filters select articles (NATO ${nato}, EU ${eu})`);
      assert.ok(both < nato && both < eu, `neither contains the other (${both} name both)`);
      console.log(`entity filters: all ${all}, org:nato ${nato}, org:eu ${eu}, both ${both}`);

      assert.equal(await totalOf(page, 'org:nato OR org:eu'), nato + eu - both, 'the union');
      assert.equal(await totalOf(page, 'org:nato -org:eu'), nato - both, 'the difference');
      assert.equal(await totalOf(page, '-org:eu'), all - eu, 'all but those naming the EU');
      // The chips of OR'ed filters remove like any other, the OR with them.
      await typeQuery(page, 'org:nato OR org:eu');
      const chips = page.locator('#filters .filter-chip');
      assert.equal(await chips.count(), 2, 'one chip per filter');
      await chips.nth(1).locator('button.filter-remove').click();
      await waitForQuery(page, 'org:nato');
      assert.equal(await shownTotal(page), nato, 'without the EU filter: NATO alone');
    }));

  test('Zelensky: one Zelensky facet among people, with the merged count', { skip }, () =>
    withPage(async ({ page }) => {
      await waitFacets(page, '');
      /** The people facets shown for query q: [name, key, count, filter]. */
      const peopleFor = async (/** @type {string} */ q) => {
        await typeQuery(page, q);
        await waitFacets(page, q);
        return page.$$eval('#facet-groups .facet-people button.facet', (bs) =>
          bs.map((b) => [
            b.querySelector('.facet-name')?.textContent ?? '',
            /** @type {HTMLElement} */ (b).dataset.key ?? '',
            Number(/** @type {HTMLElement} */ (b).dataset.count),
            /** @type {HTMLElement} */ (b).dataset.filter ?? '',
          ]),
        );
      };
      const people = await peopleFor('Zelensky');
      const his = people.filter(([name]) => /zelensk/i.test(String(name)));
      assert.equal(his.length, 1, `one Zelensky among the people: ${people.map((p) => p[0]).join(', ')}`);
      const [name, key, count, filter] = his[0];
      console.log(`Zelensky: facet ${name} (${key}) ${count} articles`);
      // The count is what the filter selects among the query's articles …
      assert.equal(await totalOf(page, `Zelensky ${filter}`), count, 'the facet count is its filter total');
      // … and the other spellings name the same record.
      for (const spelling of ['Zelenskyy', 'Zelenskiy']) {
        const keys = (await peopleFor(spelling)).filter(([n]) => /zelensk/i.test(String(n))).map((p) => p[1]);
        assert.deepEqual(keys, [key], `${spelling}: the same one record`);
      }
      // Over the whole collection, the filter selects more articles than
      // any one spelling does: the spellings were merged.
      const all = await totalOf(page, String(filter));
      assert.ok(all >= Number(count), `person filter ${all} ≥ ${count}`);
      for (const spelling of ['Zelenskyy', 'Zelenskiy']) {
        const alone = await totalOf(page, `${spelling} ${filter}`);
        assert.ok(alone > 0 && alone < all, `${spelling} is one of its spellings (${alone} of ${all})`);
      }
    }));

  test("an entity's chart counts its own articles: the bars add up to its article count", { skip }, () =>
    withPage(async ({ page }) => {
      await waitFacets(page, '');
      // The least named of the top people: few articles, over a short span.
      const facets = page.locator('#facet-groups .facet-people button.facet');
      const last = facets.nth((await facets.count()) - 1);
      const key = await last.getAttribute('data-key');
      await page.goto(`${new URL(page.url()).origin}${new URL(page.url()).pathname}#entity=${key}`);
      await page.waitForFunction((k) => document.getElementById('entity')?.dataset.key === k && document.querySelector('#entity-chart svg'), key);
      const meta = await page.locator('#entity-meta').innerText();
      const articles = Number((/([\d,]+) articles?/.exec(meta)?.[1] ?? '').replace(/,/g, ''));
      assert.ok(articles > 0, `the view says how many articles: ${meta}`);
      const bars = await page.$$eval('#entity-chart g.tl-bin', (gs) => gs.map((g) => Number(g.getAttribute('data-total'))));
      assert.equal(bars.reduce((a, b) => a + b, 0), articles, `the bars add up to its ${articles} articles`);
      const collection = await shownTotal(page);
      assert.ok(articles < collection, 'not the whole collection');
    }));

  test("a facet group's long list opens, narrows as one types, and an entry filters like a facet", { skip }, () =>
    withPage(async ({ page }) => {
      await waitFacets(page, '');
      const group = page.locator('#facet-groups .facet-organizations');
      const all = group.locator('button.facet-all');
      const label = await all.innerText();
      const total = Number((/([\d,]+)/.exec(label)?.[1] ?? '').replace(/,/g, ''));
      assert.ok(total > 10, `more organisations than facets: ${label}`);
      await all.click();
      const box = group.locator('.facet-long');
      await box.waitFor({ state: 'visible' });
      const entries = box.locator('button.facet');
      assert.equal(await entries.count(), Math.min(total, 200), 'the list holds them all (the first 200 drawn)');
      assert.equal(await box.getAttribute('data-found'), String(total));
      assert.equal(await box.locator('.facet-long-over').count(), 0, 'every result counted: no bound said');

      const input = box.getByRole('searchbox');
      await input.pressSequentially('ukr', { delay: 15 });
      // Narrowed: fewer than all (how many organisations hold "ukr" is the
      // collection's business; that each shown does is checked below).
      await page.waitForFunction((all) => {
        const b = /** @type {HTMLElement|null} */ (document.querySelector('#facet-groups .facet-long'));
        return b && Number(b.dataset.found) < all;
      }, total);
      const names = await box.locator('.facet-name').allInnerTexts();
      assert.ok(names.length > 0, 'some organisation is Ukrainian');
      for (const n of names) assert.match(n, /ukr/i, `${n} holds what was typed`);

      const first = entries.first();
      const filter = /** @type {string} */ (await first.getAttribute('data-filter'));
      const count = Number(await first.getAttribute('data-count'));
      await first.click();
      await waitForQuery(page, filter);
      assert.equal(await shownTotal(page), count, 'the entry filters to its articles');
      await waitFacets(page, filter);
      const pressed = page.locator(`#facet-groups .facet-long button.facet[data-filter="${filter.replace(/"/g, '\\"')}"]`);
      await pressed.waitFor();
      assert.equal(await pressed.getAttribute('aria-pressed'), 'true', 'the list stays open, its entry pressed');
    }));

  test('the events view opens on 2022–2024; the far past is one zoom out away', { skip }, () =>
    withPage(
      async ({ page }) => {
        await waitEventsFor(page, '');
        const bins = await laneBins(page);
        assert.ok(bins.length > 0, 'a lane');
        const first = bins[0][0];
        const last = bins[bins.length - 1][1];
        assert.ok(first >= '2022-01-01' && first < '2022-04-01', `the lane starts early in 2022: ${first}`);
        assert.ok(last >= '2024-01-01' && last <= '2024-12-31', `and ends in 2024: ${last}`);
        const dates = await page.$$eval('#ev-list > li.ev-date', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.start ?? ''));
        assert.ok(dates[0] >= '2020' && dates[0] < '2022-04', `the list in date order starts there: ${dates[0]}`);

        await page.locator('#ev-zoom-out').click();
        await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('evfrom') !== null);
        await page.waitForFunction((n) => document.querySelectorAll('#ev-chart g.tl-bin').length !== n, bins.length);
        const wide = await laneBins(page);
        assert.ok(wide[0][0] < '2000-01-01', `zoomed out, the lane reaches the far past: ${wide[0][0]}`);
      },
      { path: '#view=events' },
    ));
});
