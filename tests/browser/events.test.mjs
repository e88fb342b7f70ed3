// The event timeline: the dates the articles mention, as a lane (bars for
// days, bands for longer periods) and a list grouped by date; opening the
// reader at an event's sentence; narrowing by query and by event dates;
// ordering; CSV and JSON export.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { SEED, optionalSite, parseCsv, typeKeys, useSite, waitReady } from './harness.mjs';

/** The seeds' events that must show, in date order (checked against `engine.events({})`). */
const SEED_EVENTS = [
  '2021-12-15',
  '2021-12-17',
  '2022-01-10',
  '2022-01-12',
  '2022-01-13',
  '2022-01-20',
  '2022-01-21',
  '2022-02-04',
  '2022-02-09',
  '2022-02-10',
  '2022-02-11',
];
/** The events of the Truss article (2022-02-09). */
const TRUSS_EVENTS = ['2022-02-04', '2022-02-09', '2022-02-10', '2022-02-11'];

const HEADER = 'date,value,granularity,article_id,article_date,title,expression,sentence';

/** @param {import('playwright-core').Page} page */
const hashParams = (page) => new URLSearchParams(new URL(page.url()).hash.slice(1));

/**
 * The dates of the event list, in order.
 * @param {import('playwright-core').Page} page
 */
const eventValues = (page) =>
  page.$$eval('#ev-list > li.ev-date', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.value ?? ''));

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

/**
 * The first days of the event list's dates, in list order.
 * @param {import('playwright-core').Page} page
 */
const listStarts = (page) =>
  page.$$eval('#ev-list > li.ev-date', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.start ?? ''));

/**
 * Switch the opened site to the events tab like a person.
 * @param {import('playwright-core').Page} page
 */
async function toEvents(page) {
  await page.getByRole('tab', { name: 'Events' }).click();
  await waitEventsFor(page, '');
}

describe('event timeline', () => {
  const { withPage } = useSite('main');

  test('the events tab lists the seeds’ events in date order, and a reload keeps the view', () =>
    withPage(async ({ page }) => {
      await toEvents(page);
      assert.equal(await page.getByRole('tab', { name: 'Events' }).getAttribute('aria-selected'), 'true');
      assert.ok(await page.locator('#events-pane').isVisible(), 'the event list shows');
      assert.ok(await page.locator('.results-pane').isHidden(), 'the article list makes way');
      assert.equal(hashParams(page).get('view'), 'events');
      const values = await eventValues(page);
      assert.deepEqual(values.filter((v) => SEED_EVENTS.includes(v)), SEED_EVENTS, `event dates on screen: ${values}`);
      assert.deepEqual([...values].sort(), values, 'by date, oldest first');
      // Each row: the sentence with the expression marked, the article's title and date.
      const row = page.locator('#ev-list li.ev-date[data-value="2022-01-12"] li.ev-row').first();
      assert.equal(await row.locator('time.ev-expr').innerText(), 'January 12');
      assert.match(await row.locator('.ev-sentence').innerText(), /Russia-NATO Council in Brussels on January 12/);
      assert.match(await row.locator('a.ev-link').innerText(), /Lavrov/);
      assert.equal(await row.locator('.ev-source time').getAttribute('datetime'), SEED.older.date);
      // The seeds give no headline: the title is the article's lead, set as
      // a lead (as in the results), not in a headline's bold.
      const link = row.locator('a.ev-link');
      assert.ok(await link.evaluate((a) => a.classList.contains('is-lead')), 'the lead is marked as one');
      assert.equal(await link.evaluate((a) => getComputedStyle(a).fontWeight), '400');
      assert.equal(await row.locator('.ev-source > .visually-hidden').textContent(), 'No headline; the article begins: ');
      // The lane draws the day-precise events as bars.
      const bars = await page.$$eval('#ev-chart .tl-bin', (gs) =>
        gs.filter((g) => Number(g.getAttribute('data-total')) > 0).map((g) => g.getAttribute('data-start')),
      );
      for (const day of ['2021-12-15', '2022-01-21', '2022-02-09']) assert.ok(bars.includes(day), `a bar for ${day}: ${bars}`);

      await page.reload();
      await waitReady(page);
      await waitEventsFor(page, '');
      assert.ok(await page.locator('#events-pane').isVisible(), 'still the events after a reload');
      assert.deepEqual(await eventValues(page), values);
      // And back to the publications.
      await page.getByRole('tab', { name: 'Publications' }).click();
      await page.locator('.results-pane').waitFor({ state: 'visible' });
      assert.ok(await page.locator('#events-pane').isHidden());
      assert.equal(hashParams(page).get('view'), null);
    }));

  test('clicking an event row opens its article at that sentence, marked and in view', () =>
    withPage(
      async ({ page }) => {
        await toEvents(page);
        const row = page.locator('#ev-list li.ev-date[data-value="2021-12-15"] li.ev-row').first();
        const event = await row.getAttribute('data-event');
        await row.locator('.ev-sentence').click();
        await page.waitForSelector(`#reader[data-id="${SEED.older.id}"]`);
        assert.equal(hashParams(page).get('doc'), SEED.older.id);
        assert.equal(hashParams(page).get('focus'), event);

        const sentence = page.locator('#reader .reader-focus');
        assert.equal(await sentence.count(), 1, 'one focused sentence');
        assert.match(await sentence.innerText(), /December 15, 2021/);
        assert.equal(await sentence.locator('time.tx.is-expr').innerText(), 'December 15, 2021', 'the expression is marked');
        // The sentence is highlighted, and scrolled into view (it is near the article's end).
        const look = await sentence.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const reader = /** @type {HTMLElement} */ (document.getElementById('reader')).getBoundingClientRect();
          return {
            bg: getComputedStyle(el).backgroundColor,
            paper: getComputedStyle(document.body).backgroundColor,
            top: r.top,
            bottom: r.bottom,
            readerTop: reader.top,
            readerBottom: reader.bottom,
            vh: window.innerHeight,
          };
        });
        assert.notEqual(look.bg, look.paper, 'the sentence stands out');
        assert.ok(
          look.top >= Math.max(0, look.readerTop) && look.bottom <= Math.min(look.vh, look.readerBottom),
          `the sentence is in view: ${JSON.stringify(look)}`,
        );
        assert.ok(await page.locator(`#ev-list li.ev-row[data-event="${event}"][aria-current="true"]`).count(), 'the row is marked open');

        // Time expressions in the reader: <time> with the value in title, focusable, shown on focus.
        const t = page.locator('#reader time.tx', { hasText: 'December 15, 2021' });
        assert.equal(await t.getAttribute('title'), '2021-12-15');
        assert.equal(await t.getAttribute('datetime'), '2021-12-15');
        let tip = '';
        for (let i = 0; i < 40 && !tip; i++) {
          await page.keyboard.press('Tab');
          tip = await page.evaluate(() => {
            const a = document.activeElement;
            return a instanceof HTMLElement && a.matches('time.tx') ? getComputedStyle(a, '::after').content : '';
          });
        }
        assert.match(tip, /^"\d{4}/, `a focused time expression shows its value (${tip})`);

        // Back closes the reader and returns to the list.
        await page.goBack();
        await page.locator('#reader').waitFor({ state: 'hidden' });
        assert.equal(hashParams(page).get('focus'), null);
        assert.ok(await page.locator('#events-pane').isVisible());
      },
      { height: 600 },
    ));

  test('an event link restores the reader at its sentence after a reload', () =>
    withPage(async ({ page }) => {
      await toEvents(page);
      const link = page.locator('#ev-list li.ev-date[data-value="2022-02-10"] a.ev-link').first();
      const href = await link.getAttribute('href');
      assert.ok(href && href.startsWith('#') && /focus=\d+/.test(href), `a relative link to the sentence: ${href}`);
      await link.click();
      await page.waitForSelector(`#reader[data-id="${SEED.newer.id}"]`);
      await page.reload();
      await waitReady(page);
      await page.waitForSelector(`#reader[data-id="${SEED.newer.id}"] .reader-focus`);
      assert.match(await page.locator('#reader .reader-focus').innerText(), /Thursday/);
    }));

  test('a query narrows the events to the matching articles', () =>
    withPage(async ({ page }) => {
      await toEvents(page);
      await typeKeys(page, 'Truss');
      await waitEventsFor(page, 'Truss');
      assert.deepEqual(await eventValues(page), TRUSS_EVENTS);
      const ids = await page.$$eval('#ev-list li.ev-row', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.id));
      assert.ok(ids.length > 0 && ids.every((id) => id === SEED.newer.id), `only the Truss article: ${ids}`);
      assert.equal(hashParams(page).get('q'), 'Truss');
      assert.equal(hashParams(page).get('view'), 'events');
      // The lane shows which bars are among the listed events.
      const hits = await page.$$eval('#ev-chart .tl-bin', (gs) =>
        gs.filter((g) => Number(g.getAttribute('data-hits')) > 0).map((g) => g.getAttribute('data-start')),
      );
      assert.ok(hits.length > 0 && hits.every((d) => d && d >= '2022-02-04'), `hits: ${hits}`);

      // A query that matches nothing says so. (Two words that no article
      // holds together now list the articles holding one: a word in none.)
      await typeKeys(page, 'Qwzxv');
      await waitEventsFor(page, 'Qwzxv');
      assert.deepEqual(await eventValues(page), []);
      assert.match(await page.locator('#ev-empty').innerText(), /No events/);
    }));

  test('clicking a bar on the lane lists only that date; clearing restores the list', () =>
    withPage(async ({ page }) => {
      await toEvents(page);
      const all = await eventValues(page);
      const i = await page.$$eval('#ev-chart .tl-bin', (gs) => gs.findIndex((g) => g.getAttribute('data-start') === '2022-01-21'));
      assert.ok(i >= 0, 'a bar for 2022-01-21');
      const box = await page.locator('#ev-chart .tl-bin').nth(i).locator('.tl-target').boundingBox();
      assert.ok(box);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.8);
      await page.waitForFunction(() => document.querySelectorAll('#ev-list > li.ev-date').length === 1);
      assert.deepEqual(await eventValues(page), ['2022-01-21']);
      assert.equal(hashParams(page).get('efrom'), '2022-01-21');
      assert.equal(hashParams(page).get('eto'), '2022-01-21');
      await page.locator('#ev-clear').click();
      await page.waitForFunction((n) => document.querySelectorAll('#ev-list > li.ev-date').length === n, all.length);
      assert.equal(hashParams(page).get('efrom'), null);

      // The keyboard way: focus the lane, pick bars with the arrows, Enter.
      await page.locator('#ev-chart').focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('eto') !== null);
      const values = await eventValues(page);
      assert.deepEqual(values, ['2021-12-15', '2021-12-17'], `three days from the first: ${values}`);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('efrom') === null);
    }));

  test('by keyboard: ↓ from the search box walks the event rows, Enter opens, Escape comes back', () =>
    withPage(
      async ({ page }) => {
        await waitEventsFor(page, '');
        await page.keyboard.press('/');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        const second = await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement).dataset.event);
        const want = await page.locator('#ev-list a.ev-link').nth(1).getAttribute('data-event');
        assert.equal(second, want, 'the second row has focus');
        await page.keyboard.press('Enter');
        await page.locator('#reader .reader-focus').waitFor();
        assert.equal(hashParams(page).get('focus'), want);
        await page.keyboard.press('Escape');
        await page.locator('#reader').waitFor({ state: 'hidden' });
        assert.equal(
          await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement).dataset.event),
          want,
          'focus returns to the row',
        );
        // The tabs are tabs: arrows move between them.
        await page.getByRole('tab', { name: 'Events' }).focus();
        await page.keyboard.press('ArrowLeft');
        await page.locator('.results-pane').waitFor({ state: 'visible' });
        assert.equal(await page.getByRole('tab', { name: 'Publications' }).getAttribute('aria-selected'), 'true');
      },
      { path: '#view=events' },
    ));

  test('coarse dates (months, years) are drawn as bands over their days, not as points', () =>
    withPage(async ({ page }) => {
      // The seeds name only days: draw a lane with spans through the page's own
      // module. The site's JS is bundled, so the source module (and what it
      // imports) is served from www/ under __www/, same origin as the page.
      await page.route('**/__www/js/**', (route) =>
        route.fulfill({
          path: new URL(`../../www/js/${new URL(route.request().url()).pathname.split('/__www/js/')[1]}`, import.meta.url).pathname,
          contentType: 'text/javascript',
        }),
      );
      const bands = await page.evaluate(async () => {
        const { buildEventLane } = await import(new URL('__www/js/view/chart.js', document.baseURI).href);
        const bins = ['01', '02', '03', '04', '05', '06'].map((m) => ({
          start: `2022-${m}-01`,
          end: new Date(Date.UTC(2022, Number(m), 0)).toISOString().slice(0, 10),
          label: m,
          total: 1,
          hits: 1,
        }));
        const lane = {
          granularity: 'month',
          bins,
          spans: [
            { value: '2022', start: '2022-01-01', end: '2022-12-31', granularity: 'year', label: '2022', datetime: '2022', mentions: 9 },
            { value: '2022-02', start: '2022-02-01', end: '2022-02-28', granularity: 'month', label: 'Feb 2022', datetime: '2022-02', mentions: 4 },
            { value: '2022-Q2', start: '2022-04-01', end: '2022-06-30', granularity: 'quarter', label: 'Q2 2022', datetime: null, mentions: 2 },
          ],
        };
        const svg = buildEventLane(lane, { from: null, to: null, hasQuery: false });
        return [...svg.querySelectorAll('.ev-span')].map((g) => {
          const r = /** @type {SVGRectElement} */ (g.querySelector('rect'));
          return { value: g.getAttribute('data-value'), x: Number(r.getAttribute('x')), w: Number(r.getAttribute('width')), y: Number(r.getAttribute('y')) };
        });
      });
      const by = Object.fromEntries(bands.map((b) => [b.value, b]));
      assert.deepEqual(Object.keys(by).sort(), ['2022', '2022-02', '2022-Q2']);
      assert.ok(Math.abs(by['2022-02'].x - 10) < 0.01 && Math.abs(by['2022-02'].w - 10) < 0.01, `February covers its bar ${JSON.stringify(by['2022-02'])}`);
      assert.ok(Math.abs(by['2022-Q2'].x - 30) < 0.01 && Math.abs(by['2022-Q2'].w - 30) < 0.01, `Q2 covers three bars ${JSON.stringify(by['2022-Q2'])}`);
      assert.ok(by['2022'].w >= 59.9, 'the year spans the whole window');
      assert.notEqual(by['2022'].y, by['2022-02'].y, 'overlapping bands go in different rows');
    }));

  test('order by most mentioned', () =>
    withPage(async ({ page }) => {
      await toEvents(page);
      await page.locator('#ev-order').selectOption('mentions');
      await page.waitForFunction(() => document.getElementById('ev-list')?.dataset.order === 'mentions');
      assert.equal(hashParams(page).get('order'), 'mentions');
      const counts = await page.$$eval('#ev-list > li.ev-date', (lis) =>
        lis.map((li) => [Number(/** @type {HTMLElement} */ (li).dataset.articles), Number(/** @type {HTMLElement} */ (li).dataset.mentions)]),
      );
      assert.equal(counts.length, SEED_EVENTS.length);
      // Dates named by the most articles first (the seeds' dates tie at one article each).
      for (let i = 1; i < counts.length; i++) {
        assert.ok(counts[i - 1][0] >= counts[i][0], `most mentioned first: ${JSON.stringify(counts)}`);
      }
      await page.reload();
      await waitReady(page);
      await page.waitForFunction(() => document.getElementById('ev-list')?.dataset.order === 'mentions');
      assert.equal(await page.locator('#ev-order').inputValue(), 'mentions');
    }));

  test('export downloads the event list as CSV (quoted) and JSON', () =>
    withPage(async ({ page }) => {
      await toEvents(page);
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
      assert.match(csvDownload.suggestedFilename(), /^dateline-events.*\.csv$/);
      const csvPath = await csvDownload.path();
      assert.ok(csvPath);
      const text = fs.readFileSync(csvPath, 'utf8');
      const rows = parseCsv(text);
      assert.equal(text.split('\r\n')[0], HEADER, 'the header row');
      assert.deepEqual(rows[0], HEADER.split(','));
      const body = rows.slice(1);
      for (const r of body) assert.equal(r.length, 8, `eight fields: ${JSON.stringify(r)}`);
      assert.deepEqual([...new Set(body.map((r) => r[1]))].filter((v) => SEED_EVENTS.includes(v)), SEED_EVENTS);
      const jan12 = body.find((r) => r[1] === '2022-01-12');
      assert.ok(jan12);
      assert.deepEqual(jan12.slice(0, 5), ['2022-01-12', '2022-01-12', 'day', SEED.older.id, SEED.older.date]);
      assert.equal(jan12[6], 'January 12');
      // The sentence holds quotes and commas: quoted in the file, intact when read back.
      assert.match(jan12[7], /^"During the meeting.*Brussels on January 12 and .*January 13," the diplomat stressed\.$/);
      assert.ok(text.includes('"""During the meeting'), 'quotes doubled inside a quoted field');

      const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
      assert.match(jsonDownload.suggestedFilename(), /^dateline-events.*\.json$/);
      const jsonPath = await jsonDownload.path();
      assert.ok(jsonPath);
      const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
      assert.equal(json.dates.length, json.total_dates);
      assert.deepEqual(
        json.dates.map((/** @type {{value: string}} */ d) => d.value).filter((/** @type {string} */ v) => SEED_EVENTS.includes(v)),
        SEED_EVENTS,
      );
      assert.equal(json.dates.flatMap((/** @type {{rows: unknown[]}} */ d) => d.rows).length, body.length, 'the same rows as the CSV');

      // With a query, the export is narrowed too.
      await typeKeys(page, 'Truss');
      await waitEventsFor(page, 'Truss');
      const [narrow] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
      const narrowPath = await narrow.path();
      assert.ok(narrowPath);
      const nrows = parseCsv(fs.readFileSync(narrowPath, 'utf8')).slice(1);
      assert.ok(nrows.length > 0 && nrows.every((r) => r[3] === SEED.newer.id), 'only the Truss article');
    }));

  test('at 375px and in dark mode the events fit and read well', async () => {
    for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
      await withPage(
        async ({ page }) => {
          await waitEventsFor(page, '');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
          const chart = await page.locator('#ev-chart').boundingBox();
          assert.ok(chart && chart.width >= 300 && chart.x >= 0 && chart.x + chart.width <= 375, 'the lane fits');
          const c = await page.evaluate(() => {
            const lum = (/** @type {string} */ rgb) => {
              const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const s = document.querySelector('#ev-list .ev-sentence');
            return { bg: lum(getComputedStyle(document.body).backgroundColor), fg: s ? lum(getComputedStyle(s).color) : -1 };
          });
          assert.ok(Math.abs(c.bg - c.fg) > 120, `${colorScheme}: sentences are legible ${JSON.stringify(c)}`);
          await page.locator('#ev-list li.ev-row a.ev-link').first().tap();
          const reader = page.locator('#reader');
          await reader.waitFor({ state: 'visible' });
          const box = await reader.boundingBox();
          assert.ok(box && box.width === 375, 'the reader fills the screen');
          assert.ok(await page.locator('#reader .reader-focus').isVisible());
        },
        { path: '#view=events', width: 375, height: 740, mobile: true, colorScheme },
      );
    }
  });
});

// Issue 16: on a real collection (ukraine2022, 2022–2024, with mentions of
// 1905, 1944 or 2050 in passing) the events view opens on the period the
// articles are about, not on its far ends.
describe('event timeline on ukraine2022 (in-page)', () => {
  const skip = optionalSite('ukraine');
  const site = skip ? null : useSite('ukraine');
  /** @type {ReturnType<typeof useSite>['withPage']} */
  const withPage = (fn, options) => /** @type {ReturnType<typeof useSite>} */ (site).withPage(fn, options);

  test('the Events tab opens on 2022–2024 with bars finer than years, the list in date order from there', { skip }, () =>
    withPage(async ({ page }) => {
      await toEvents(page);
      const bins = await laneBins(page);
      assert.ok(bins.length > 12, `more than three yearly bars: ${bins.length}`);
      const first = bins[0][0];
      const last = bins[bins.length - 1][1];
      assert.ok(first >= '2022-01-01' && first < '2022-04-01', `the lane starts early in 2022: ${first}`);
      assert.ok(last >= '2024-01-01' && last <= '2024-12-31', `and ends in 2024: ${last}`);
      for (const [a, b] of bins) assert.ok(b < `${Number(a.slice(0, 4)) + 1}${a.slice(4)}`, `a bar shorter than a year: ${a}…${b}`);
      // In date order the list starts there: periods holding it (the 2020s)
      // may come first, then the first days reported on.
      const dates = await listStarts(page);
      assert.ok(dates.length > 0 && dates[0] >= '2020-01-01', `the list starts in the period: ${dates.slice(0, 5)}`);
      const days = (await eventValues(page)).filter((v) => /^\d{4}-\d\d-\d\d$/.test(v));
      assert.ok(days[0] >= '2021-10-01' && days[0] < '2022-04-01', `its first day is early in 2022: ${days.slice(0, 5)}`);
    }));

  test('a query opens on its hits’ period: Wagner’s events start in 2022, not at Normandy’s June 6, 1944', { skip }, () =>
    withPage(async ({ page }) => {
      await toEvents(page);
      await typeKeys(page, 'Wagner');
      await waitEventsFor(page, 'Wagner');
      const dates = await listStarts(page);
      assert.ok(dates.length > 0, 'Wagner’s events listed');
      assert.ok(dates[0] >= '2022-01-01', `the list starts in the hits’ period: ${dates.slice(0, 5)}`);
      const bins = await laneBins(page);
      assert.ok(bins.length > 0 && bins[0][0] >= '2022-01-01', `the lane too: ${bins[0]}`);

      // The far past is there, one "zoom out" away.
      await page.locator('#ev-zoom-out').click();
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('evfrom') !== null);
      await page.waitForFunction((n) => document.querySelectorAll('#ev-chart g.tl-bin').length !== n, bins.length);
      const wide = await laneBins(page);
      assert.ok(wide[0][0] <= '1944-06-06', `zoomed out, the lane reaches 1944: ${wide[0][0]}`);
    }));
});
