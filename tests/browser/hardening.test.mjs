// Hardening (issue 17): no query freezes the page, no text breaks the layout.
//
// Query budget: a 100 KB `#q=` link followed and a 10,000-term query pasted into the
// box leave the page responsive (a key pressed while the search runs is
// handled within 100 ms, measured from the event's timestamp to its handler;
// key round trips and long tasks are printed, for the record; best of 3
// attempts, as the machine is shared) and are answered,
// with the note naming the limit that applied, within 2 s. On the seed site
// always, and on ukraine2022 in-page when `DATELINE_UKRAINE_SITE` is set.
//
// Layout: a site built here from generated documents (a 100 KB unbroken
// title, a 50 KB source, a 1,000,032-character word, a link with a
// right-to-left override) keeps the page within the viewport, relayouts in
// under 100 ms, and shows the link's text in its true order.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, optionalSite, resultIds, siteDir, useSite, waitForQuery } from './harness.mjs';
import { startServer } from './server.mjs';

/** A key pressed while the page works must be handled within this (ms). */
const INPUT_MS = 100;
/** A search must be answered (results or a limit note) within this (ms). */
const ANSWER_MS = 2_000;

/**
 * Watch the page's main thread: every keydown's delay (from the key's
 * timestamp to its handler) and every long task (Long Tasks API).
 * @param {import('playwright-core').Page} page
 */
async function watchMainThread(page) {
  // People and places are recognised once, when the page is idle after it
  // loads (a long task of its own, whatever is searched): measure after it.
  await page.waitForFunction(() => ['ready', 'none', 'failed'].includes(document.getElementById('facets')?.dataset.state ?? ''), null, {
    timeout: 60_000,
  });
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__keyDelays = [];
    w.__longTasks = [];
    document.addEventListener('keydown', (e) => w.__keyDelays.push(performance.now() - e.timeStamp), true);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

/**
 * Follow a same-page link to `#q=…` as the browser does (a new history
 * entry, then popstate); the clock starts once the browser has taken the
 * URL (writing a 140 KB URL is the browser's own cost, 0.2–0.3 s here,
 * before any page code runs). Returns performance.now() at the start.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
function follow(page, q) {
  return page.evaluate((q) => {
    history.pushState(null, '', `#q=${encodeURIComponent(q)}`);
    const t = performance.now();
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    return t;
  }, q);
}

/** Attempts at a measure: the machine is shared, and its load can stall any task. */
const ATTEMPTS = 3;

/**
 * Ask for the search of `q` (`ask` returns performance.now() when it did)
 * and press keys until it is answered, up to ATTEMPTS times (back to the
 * empty query between them): the first attempt whose keys were all handled
 * within INPUT_MS and that was answered within ANSWER_MS, else the last.
 * A query that freezes the page fails every attempt.
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<number>} ask
 * @param {string} q
 */
async function measure(page, ask, q) {
  let m = { ms: 0, keyDelays: /** @type {number[]} */ ([]), longTasks: /** @type {number[]} */ ([]), trips: /** @type {number[]} */ ([]), attempt: 0 };
  for (let i = 1; i <= ATTEMPTS; i++) {
    if (i > 1) {
      await follow(page, '');
      await waitForQuery(page, '');
    }
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__keyDelays = [];
      w.__longTasks = [];
      w.__answeredAfter = undefined;
    });
    m = { ...(await pressUntilAnswered(page, q, await ask())), attempt: i };
    if (m.ms < ANSWER_MS && m.keyDelays.every((d) => d < INPUT_MS)) break;
  }
  return m;
}

/**
 * Press a key that changes nothing (Shift) until the list shows `q`, and
 * return how long the answer took from `t0` and the delays seen.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 * @param {number} t0  performance.now() when the search was asked for.
 */
async function pressUntilAnswered(page, q, t0) {
  const answered = page.waitForFunction(
    ({ want, t0 }) => {
      const w = /** @type {any} */ (window);
      if (document.getElementById('results')?.dataset.q !== want) return false;
      w.__answeredAfter ??= performance.now() - t0;
      return true;
    },
    { want: q, t0 },
    { polling: 'raf', timeout: 10_000 },
  );
  let done = false;
  answered.then(
    () => (done = true),
    () => (done = true),
  );
  // Each press waits for the page to acknowledge the key, which it does
  // once its keydown listeners ran: the round trip is how long a person's
  // key waits.
  /** @type {number[]} */
  const trips = [];
  while (!done && trips.length < 200) {
    const t = performance.now();
    await page.keyboard.press('Shift');
    trips.push(performance.now() - t);
  }
  await answered;
  return page.evaluate(() => {
    const w = /** @type {any} */ (window);
    return {
      ms: /** @type {number} */ (w.__answeredAfter),
      keyDelays: /** @type {number[]} */ (w.__keyDelays),
      longTasks: /** @type {number[]} */ (w.__longTasks),
    };
  }).then((m) => ({ ...m, trips }));
}

/**
 * The budget's notes shown under the result count.
 * @param {import('playwright-core').Page} page
 */
function limitKinds(page) {
  return page.$$eval('#notes .note-limit', (ps) => ps.map((p) => /** @type {HTMLElement} */ (p).dataset.kind ?? ''));
}

/**
 * @param {string} label
 * @param {{ms: number, keyDelays: number[], longTasks: number[], trips: number[], attempt: number}} m
 */
function assertResponsive(label, m) {
  const list = (/** @type {number[]} */ xs) => xs.map((d) => d.toFixed(0)).join(', ') || 'none';
  console.log(`${label} (attempt ${m.attempt}): answered in ${m.ms.toFixed(0)} ms; key delays ${list(m.keyDelays)} ms; key round trips ${list(m.trips)} ms; long tasks ${list(m.longTasks)} ms`);
  assert.ok(m.ms < ANSWER_MS, `${label}: answered after ${m.ms} ms`);
  assert.ok(m.keyDelays.length > 0, `${label}: no key was handled`);
  assert.ok(Math.max(...m.keyDelays) < INPUT_MS, `${label}: a key waited ${Math.max(...m.keyDelays)} ms`);
}

/** 100 KB of `a* a* …`, of misspelt words, and 10,000 words. */
function hostileQueries() {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const misspelt = [];
  let len = 0;
  while (len < 100_000) {
    let w = '';
    for (let i = 6 + (next() % 6); i > 0; i--) w += letters[next() % 26];
    misspelt.push(w);
    len += w.length + 1;
  }
  const words = ['war', 'peace', 'talks', 'putin', 'kyiv', 'sanctions', 'gas', 'nato', 'army', 'geneva'];
  return {
    prefixes: 'a* '.repeat(33_334).slice(0, 100_000),
    misspelt: misspelt.join(' ').slice(0, 100_000),
    terms: Array.from({ length: 10_000 }, (_, i) => words[i % words.length]).join(' '),
  };
}

for (const kind of /** @type {const} */ (['main', 'ukraine'])) {
  const skip = kind === 'ukraine' ? optionalSite('ukraine') : false;
  describe(`query budget (${kind === 'main' ? 'seed site' : 'ukraine2022 in-page'})`, { skip }, () => {
    const { withPage } = useSite(kind);
    const queries = hostileQueries();

    for (const [name, q] of [
      ['100 KB of a*', queries.prefixes],
      ['100 KB of misspelt words', queries.misspelt],
    ]) {
      test(`a #q= link of ${name}: responsive, answered with the length limit named`, () =>
        withPage(async ({ page }) => {
          await watchMainThread(page);
          const m = await measure(page, () => follow(page, q), q);
          assertResponsive(`${kind}: ${name} link`, m);
          const kinds = await limitKinds(page);
          assert.ok(kinds.includes('length') && kinds.includes('terms'), `limit notes: ${kinds}`);
          assert.match(await page.locator('#notes .note-limit[data-kind=length]').innerText(), /first 1,000 were searched/);
          const box = await page.locator('#q').inputValue();
          assert.ok(box.length >= 2_000 && box.length <= 4_096 && q.startsWith(box), `the box holds the start of the query: ${box.length}`);
          assert.ok(
            (await page.evaluate(() => document.documentElement.scrollWidth)) <= (await page.evaluate(() => innerWidth)),
            'the long query does not widen the page',
          );
        }));
    }

    test('10,000 terms pasted into the box: responsive, answered with the term limit named', () =>
      withPage(async ({ page }) => {
        await watchMainThread(page);
        const q = queries.terms;
        const paste = () =>
          page.evaluate((q) => {
            const box = /** @type {HTMLInputElement} */ (document.getElementById('q'));
            box.focus();
            const t = performance.now();
            box.value = q;
            box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
            return t;
          }, q);
        const m = await measure(page, paste, q);
        assertResponsive(`${kind}: 10,000 terms`, m);
        const kinds = await limitKinds(page);
        assert.ok(kinds.includes('terms'), `limit notes: ${kinds}`);
        assert.match(await page.locator('#notes .note-limit[data-kind=terms]').innerText(), /first 32 words and filters/);
        assert.ok((await resultIds(page)).length > 0, 'the words that were searched find articles');
      }));

    test('an ordinary query has no limit note', () =>
      withPage(async ({ page }) => {
        const q = 'geneva talks';
        await follow(page, q);
        await waitForQuery(page, q);
        assert.deepEqual(await limitKinds(page), []);
      }));
  });
}

describe('layout that survives any text', () => {
  const { withPage } = useSite(null);
  /** @type {{url: string, close: () => Promise<void>}} */
  let server;
  let dir = '';
  const RLO_LINK = 'https://example.org/files/\u202Egnp.exe';

  before(async () => {
    // A site of generated documents: the page and wasm of the seed site, a corpus packed here.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-hardening-'));
    const main = siteDir('main');
    for (const f of ['index.html', 'css', 'js', 'pkg']) fs.cpSync(path.join(main, f), path.join(dir, f), { recursive: true });
    const docs = path.join(dir, 'docs.jsonl');
    const lines = [
      { id: 'wide-title', date: '2022-03-01', title: `Geneva ${'W'.repeat(100_000)}`, text: 'A normal body about the Geneva talks.' },
      { id: 'wide-source', date: '2022-03-02', source: 'S'.repeat(50_000), text: `Geneva talks resumed. ${'x'.repeat(1_000_032)} was all it said.` },
      { id: 'rlo-link', date: '2022-03-03', title: 'A file link', text: `Geneva delegates shared ${RLO_LINK} with the press.` },
    ];
    fs.writeFileSync(docs, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    execFileSync(path.join(REPO, 'target/release/dateline'), ['pack', docs, '--out', path.join(dir, 'corpus')], { stdio: 'pipe' });
    server = await startServer({ root: dir });
  });
  after(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A checked page of this suite's own site.
   * @param {Parameters<typeof withPage>[0]} fn
   * @param {Parameters<typeof withPage>[1]} [options]
   */
  const open = (fn, options = {}) => withPage(fn, { url: server.url, ...options });

  /**
   * The page is no wider than the viewport, and a forced relayout after a
   * width change (what a resize does: every line broken again) takes under
   * 100 ms.
   * @param {import('playwright-core').Page} page
   * @param {string} label
   */
  async function assertLayout(page, label) {
    const m = await page.evaluate(() => {
      const root = document.documentElement;
      const wide = root.scrollWidth;
      void document.body.offsetHeight; // nothing pending before the measure
      const t = performance.now();
      root.style.width = `${innerWidth - 37}px`;
      void document.body.offsetHeight; // forces the relayout
      const ms = performance.now() - t;
      root.style.width = '';
      void document.body.offsetHeight;
      return { wide, view: innerWidth, ms };
    });
    console.log(`${label}: scrollWidth ${m.wide} px in a ${m.view} px viewport; relayout ${m.ms.toFixed(1)} ms`);
    assert.ok(m.wide <= m.view, `${label}: the page is ${m.wide} px wide in a ${m.view} px viewport`);
    assert.ok(m.ms < 100, `${label}: a relayout took ${m.ms} ms`);
  }

  for (const width of [1280, 375]) {
    test(`a 100 KB title, a 50 KB source and a 1 MB word stay within ${width} px and relayout fast`, () =>
      open(
        async ({ page }) => {
          const ids = await resultIds(page);
          assert.deepEqual([...ids].sort(), ['rlo-link', 'wide-source', 'wide-title']);
          await assertLayout(page, `list at ${width}px`);
          // The list shows the long texts cut, with an ellipsis.
          const title = await page.locator('#results li[data-id="wide-title"] .result-title').innerText();
          assert.ok(title.length < 400 && title.endsWith('\u2026'), `listed title: ${title.length} chars`);
          const source = await page.locator('#results li[data-id="wide-source"] .source').innerText();
          assert.ok(source.length < 100 && source.endsWith('\u2026'), `listed source: ${source.length} chars`);
          const snippet = await page.locator('#results li[data-id="wide-source"] .snippet').innerText();
          assert.ok(snippet.length < 700, `snippet: ${snippet.length} chars`);
          // A resize relayouts fast too.
          await page.setViewportSize({ width: width === 375 ? 800 : 600, height: 800 });
          await assertLayout(page, `list after a resize from ${width}px`);

          // The reader shows the whole title, wrapped.
          await page.locator('#results li[data-id="wide-title"] .result-link').click();
          await page.waitForFunction(() => document.getElementById('reader')?.dataset.id === 'wide-title');
          const shown = await page.locator('#reader-title').evaluate((e) => e.textContent?.length ?? 0);
          assert.ok(shown < 2_200, `the reader shows the title's start (${shown} chars)`);
          await assertLayout(page, `reader at ${width}px`);
          // … and the whole title on request.
          await page.locator('#reader-title button.reader-title-more').click();
          const full = await page.locator('#reader-title').evaluate((e) => e.textContent?.length ?? 0);
          assert.ok(full > 100_000, `the reader shows the whole title (${full} chars)`);
          assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the whole title wraps');
        },
        { width, mobile: width === 375 },
      ));
  }

  test('a link with a right-to-left override shows its true text, isolated', () =>
    open(async ({ page }) => {
      await page.locator('#results li[data-id="rlo-link"] .result-link').click();
      await page.waitForFunction(() => document.getElementById('reader')?.dataset.id === 'rlo-link');
      const link = page.locator('#reader-body a.ext');
      assert.equal(await link.count(), 1);
      const text = await link.innerText();
      assert.equal(text, 'https://example.org/files/\u27E8RLO\u27E9gnp.exe', 'the override is shown, not obeyed');
      assert.ok(!text.includes('\u202E'));
      assert.equal(await link.evaluate((a) => getComputedStyle(a).unicodeBidi), 'plaintext');
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      for (const sel of ['#reader-title', '#results .result-title', '#results .snippet', '#results .source']) {
        assert.equal(await page.locator(sel).first().evaluate((e) => getComputedStyle(e).unicodeBidi), 'plaintext', sel);
      }
    }));
});
