// People, organisations and places: facets with counts that follow the
// query, filtering by a facet (kept in the URL as `person:KEY`), the names
// marked in the reader, and an entity's own view with its events.
// The main site offers entities: when the page cannot find them (a core
// without recognition, a broken worker), these tests fail, they do not skip.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED, resultIds, typeQuery, useSite, waitForQuery, waitReady } from './harness.mjs';

const LAVROV = 'sergey-lavrov';

/** @param {import('playwright-core').Page} page */
const hashParams = (page) => new URLSearchParams(new URL(page.url()).hash.slice(1));

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
 * The count shown on a facet, or null when it is not listed.
 * @param {import('playwright-core').Page} page
 * @param {string} key
 */
async function facetCount(page, key) {
  const b = page.locator(`#facet-groups button.facet[data-key="${key}"]`);
  if (!(await b.count())) return null;
  return Number((await b.locator('.facet-count').innerText()).replace(/\D+/g, ''));
}

describe('entities', () => {
  const { withPage } = useSite('main');

  test('facets list people, organisations and places with counts that follow the query', () =>
    withPage(async ({ page }) => {
      await waitFacets(page, '');
      assert.equal(await facetCount(page, LAVROV), 2, 'Lavrov is named in both articles');
      assert.equal(await facetCount(page, 'antony-blinken'), 1);
      for (const group of ['People', 'Organisations', 'Places']) {
        assert.ok(await page.getByRole('heading', { name: group, exact: true }).isVisible(), `a ${group} group`);
      }
      assert.match(await page.locator('#facets-status').innerText(), /^$/, 'no "finding…" once loaded');
      // Found in the Web Worker, beside indexing (entity-worker.js), not on the page afterwards.
      assert.equal(await page.locator('#facets').getAttribute('data-source'), 'worker');

      await typeQuery(page, 'Truss');
      await waitFacets(page, 'Truss');
      assert.equal(await facetCount(page, LAVROV), 1, 'one Truss article names Lavrov');
      assert.equal(await facetCount(page, 'liz-truss'), 1);
      assert.equal(await facetCount(page, 'antony-blinken'), null, 'Blinken is not in the Truss article');
    }));

  test('clicking a facet filters to its articles, shows a removable chip, and survives a reload', () =>
    withPage(async ({ page }) => {
      await waitFacets(page, '');
      await page.locator('#facet-groups button.facet[data-key="antony-blinken"]').click();
      await waitForQuery(page, 'person:antony-blinken');
      assert.deepEqual(await resultIds(page), [SEED.older.id], 'Blinken: only the Geneva article');

      await page.locator('#filters button.filter-remove').click();
      await waitForQuery(page, '');
      assert.equal(await page.locator('#filters').isHidden(), true, 'no chips without filters');

      await waitFacets(page, '');
      await page.locator(`#facet-groups button.facet[data-key="${LAVROV}"]`).click();
      await waitForQuery(page, `person:${LAVROV}`);
      assert.equal(hashParams(page).get('q'), `person:${LAVROV}`);
      assert.deepEqual((await resultIds(page)).toSorted(), [SEED.newer.id, SEED.older.id].toSorted(), 'his two articles');
      const chip = page.locator('#filters .filter-chip');
      assert.equal(await chip.count(), 1);
      assert.match(await chip.innerText(), /Sergey Lavrov/);
      assert.equal(await page.locator(`#facet-groups button.facet[data-key="${LAVROV}"]`).getAttribute('aria-pressed'), 'true');

      // Narrow further with a word: still filtered.
      await typeQuery(page, `person:${LAVROV} Truss`);
      assert.deepEqual(await resultIds(page), [SEED.newer.id]);

      await page.reload();
      await waitReady(page);
      await waitFacets(page, `person:${LAVROV} Truss`);
      await waitForQuery(page, `person:${LAVROV} Truss`);
      assert.deepEqual(await resultIds(page), [SEED.newer.id], 'the filter is kept after a reload');
      assert.equal(await page.locator('#filters .filter-chip').count(), 1);
      assert.equal(await page.locator('#q').inputValue(), `person:${LAVROV} Truss`);
    }));

  test('a quoted filter’s chip removes exactly that filter from the query', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, 'talks person:"Sergey Lavrov"');
      const chip = page.locator('#filters .filter-chip');
      await chip.waitFor();
      assert.equal(await chip.count(), 1);
      assert.match(await chip.innerText(), /Sergey Lavrov/);

      await chip.locator('button.filter-remove').click();
      await waitForQuery(page, 'talks');
      assert.equal(await page.locator('#q').inputValue(), 'talks', 'the query lost exactly that filter');
      assert.equal(hashParams(page).get('q'), 'talks');
      assert.equal(await page.locator('#filters').isHidden(), true, 'no chips without filters');
    }));

  test('a plain filter’s chip removes it, wherever it stands in the query', () =>
    withPage(async ({ page }) => {
      await typeQuery(page, `person:${LAVROV} Geneva`);
      assert.deepEqual(await resultIds(page), [SEED.older.id], 'Lavrov in Geneva');
      const chip = page.locator('#filters .filter-chip');
      await chip.waitFor();
      assert.equal(await chip.count(), 1);

      await chip.locator('button.filter-remove').click();
      await waitForQuery(page, 'Geneva');
      assert.equal(await page.locator('#q').inputValue(), 'Geneva');
      assert.deepEqual(await resultIds(page), [SEED.older.id], 'Geneva alone: the same article');
      assert.equal(await page.locator('#filters').isHidden(), true);
    }));

  test('the reader marks names by type, and a name opens its entity view with his meetings in date order', () =>
    withPage(async ({ page }) => {
      await waitFacets(page, '');
      await page.locator(`#results li[data-id="${SEED.older.id}"] .result-link`).click();
      const mention = page.locator(`#reader a.ent.ent-person[data-entity="${LAVROV}"]`).first();
      await mention.waitFor();
      assert.ok(await page.locator('#reader a.ent.ent-place[data-entity="geneva"]').count(), 'places are marked');
      assert.ok(await page.locator('#reader-legend').isVisible(), 'a legend explains the marks');
      const styles = await page.evaluate(() =>
        ['ent-person', 'ent-org', 'ent-place'].map((c) => {
          const el = document.querySelector(`#reader-legend .${c}`);
          return el ? `${getComputedStyle(el).textDecorationStyle} ${getComputedStyle(el).textDecorationColor}` : '';
        }),
      );
      assert.equal(new Set(styles).size, 3, `three distinct styles: ${styles}`);

      await mention.click();
      const panel = page.locator('#entity');
      await panel.waitFor({ state: 'visible' });
      assert.equal(hashParams(page).get('entity'), LAVROV);
      assert.match(await page.locator('#entity-name').innerText(), /Sergey Lavrov/);
      assert.match(await page.locator('#entity-meta').innerText(), /2 articles/);
      const values = await page.$$eval('#entity-events > li.ev-date', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.value));
      const i21 = values.indexOf('2022-01-21');
      const i10 = values.indexOf('2022-02-10');
      assert.ok(i21 >= 0 && i10 > i21, `his meetings, 21 Jan before 10 Feb: ${values}`);
      assert.deepEqual([...values].sort(), values, 'in date order');
      assert.ok(await page.locator('#entity-chart .tl-bin').count(), 'his timeline');
      assert.ok(await page.locator('#entity-related button.facet[data-key="antony-blinken"]').count(), 'named with Blinken');

      // A row opens the reader at its sentence.
      await page.locator('#entity-events li.ev-date[data-value="2022-02-10"] a.ev-link').first().click();
      await page.waitForSelector(`#reader[data-id="${SEED.newer.id}"] .reader-focus`);
      assert.match(await page.locator('#reader .reader-focus').innerText(), /Thursday/);

      // A related name opens its own view; the view survives a reload.
      await page.locator('#reader-close').click();
      await page.locator('#reader').waitFor({ state: 'hidden' });
      assert.equal(
        await page.evaluate(() => document.activeElement?.closest('#entity-events li.ev-date')?.getAttribute('data-value') ?? null),
        '2022-02-10',
        'closing the reader returns focus to the row it was opened from',
      );
      await page.locator('#entity-related button.facet[data-key="antony-blinken"]').click();
      await page.waitForFunction(() => document.getElementById('entity')?.dataset.key === 'antony-blinken');
      await page.reload();
      await waitReady(page);
      await page.waitForFunction(() => /Blinken/.test(document.getElementById('entity-name')?.textContent ?? ''));
      assert.match(await page.title(), /Antony Blinken/);
      // Escape closes the view; focus goes to the names.
      await page.locator('#entity-close').focus();
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });
      assert.equal(hashParams(page).get('entity'), null);
      assert.equal(await page.evaluate(() => document.activeElement?.matches('#facet-groups button.facet') ?? false), true);
    }));
});
