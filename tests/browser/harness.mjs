// Shared helpers for the browser tests: find the built sites, launch the
// system Chromium through playwright-core, open pages that record console
// errors, and act on the page the way a person would. `useSite` is the suite
// scaffolding every test file shares (a server, a browser, a checked page).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before } from 'node:test';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const SEED = {
  older: { id: '002_6f631ddf24768241', date: '2022-01-20' }, // Geneva, Blinken
  newer: { id: '000_78606cbfcb4a9448', date: '2022-02-09' }, // Truss, London
};

const SITES = {
  main: {
    env: 'DATELINE_SITE',
    dir: path.join(REPO, 'dist'),
    build: './build.sh build',
  },
  hostile: {
    env: 'DATELINE_HOSTILE_SITE',
    dir: path.join(REPO, 'target/sites/hostile'),
    build: './build.sh build --docs tests/fixtures/hostile --out target/sites/hostile',
  },
  // Built by `./build.sh test` only when ../shared holds the collection: the
  // tests that use them skip when their variable is unset (see optionalSite).
  prebuilt: {
    env: 'DATELINE_PREBUILT_SITE',
    dir: path.join(REPO, 'target/sites/ukraine-prebuilt'),
    build: './build.sh build --prebuilt --docs ../shared/corpora/news/ukraine2022 --out target/sites/ukraine-prebuilt',
    // Served under a sub-path, as a newsroom's static host would (every
    // file it fetches must be relative to the page).
    prefix: '/news/ukraine/',
  },
  ukraine: {
    env: 'DATELINE_UKRAINE_SITE',
    dir: path.join(REPO, 'target/sites/ukraine-inpage'),
    build: './build.sh build --docs ../shared/corpora/news/ukraine2022 --out target/sites/ukraine-inpage',
  },
};

/** @typedef {keyof typeof SITES} SiteKind */

/**
 * The URL path a site is served under by `useSite` ('/' unless it says).
 * @param {SiteKind} kind
 */
export function sitePrefix(kind) {
  const site = /** @type {{prefix?: string}} */ (SITES[kind]);
  return site.prefix ?? '/';
}

/**
 * For the sites only some machines have: false when its variable is set
 * (use it), else the reason to skip, for `test(name, {skip}, …)`.
 * @param {SiteKind} kind
 * @returns {string|false}
 */
export function optionalSite(kind) {
  const site = SITES[kind];
  return process.env[site.env] ? false : `${site.env} is not set (build the site: ${site.build})`;
}

/**
 * The directory of a built site; throws a clear error naming the build
 * command when it is missing or incomplete.
 * @param {SiteKind} kind
 */
export function siteDir(kind) {
  const site = SITES[kind];
  const dir = path.resolve(process.env[site.env] || site.dir);
  // A site has the one wasm core its index needs: the reader core for a
  // prebuilt index, the full one for packs (`dateline build --index`).
  const core = fs.existsSync(path.join(dir, 'pkg/dateline_reader_bg.wasm')) ? 'pkg/dateline_reader' : 'pkg/dateline';
  const needed = ['index.html', 'js/main.js', `${core}.js`, `${core}_bg.wasm`, 'corpus/manifest.json'];
  const missing = needed.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) {
    throw new Error(
      `The ${kind} site is missing or incomplete at ${dir} (no ${missing.join(', ')}).\n` +
        `Build it first, from the repository root: ${site.build}\n` +
        `(or point ${site.env} at a built site).`,
    );
  }
  return dir;
}

/**
 * The folder of a prebuilt site's index, relative to its `corpus/`, as its
 * manifest names it (`index-` and 16 hex digits: named by the build).
 * @param {string} root  The site's folder.
 * @returns {string}
 */
export function indexDir(root) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'corpus/manifest.json'), 'utf8'));
  const meta = manifest?.index?.meta;
  if (typeof meta !== 'string' || !meta.endsWith('/meta.bin')) throw new Error(`${root}: no prebuilt index in its manifest`);
  return meta.slice(0, -'/meta.bin'.length);
}

/**
 * A scratch copy of a site, to break on purpose. Removed by the returned cleanup.
 * @param {string} dir
 */
export function copySite(dir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-site-'));
  fs.cpSync(dir, tmp, { recursive: true });
  return { dir: tmp, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

/**
 * Serve a copy of the built site at `dir`, changed by `change` (a file broken,
 * swapped or rewritten), for as long as `use` runs; the server and the copy
 * are gone afterwards.
 * @template T
 * @param {string} dir
 * @param {(dir: string) => void} change
 * @param {(server: Awaited<ReturnType<typeof startServer>>) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withChangedCopy(dir, change, use) {
  const copy = copySite(dir);
  change(copy.dir);
  const server = await startServer({ root: copy.dir });
  try {
    return await use(server);
  } finally {
    await server.close();
    copy.cleanup();
  }
}

export const CHROMIUM = process.env.DATELINE_CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install it: apt-get install -y chromium (or set DATELINE_CHROMIUM).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * @typedef {object} Opened
 * @property {import('playwright-core').Page} page
 * @property {import('playwright-core').BrowserContext} context
 * @property {string[]} errors  Console errors and uncaught page errors, as they happen.
 * @property {string[]} dialogs  alert/confirm/prompt messages (none should ever appear).
 * @property {() => Promise<void>} close
 */

/**
 * A fresh context and page that records console errors, page errors and dialogs.
 * @param {import('playwright-core').Browser} browser
 * @param {{width?: number, height?: number, colorScheme?: 'light'|'dark', mobile?: boolean, bypassCSP?: boolean}} [opts]
 *   bypassCSP: let a test inject scripts (the page's CSP forbids inline scripts).
 * @returns {Promise<Opened>}
 */
export async function newPage(browser, { width = 1280, height = 900, colorScheme = 'light', mobile = false, bypassCSP = false } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: 1,
    bypassCSP,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const dialogs = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      errors.push(`console.error: ${msg.text()}${loc?.url ? ` (${loc.url})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { page, context, errors, dialogs, close: () => context.close() };
}

/**
 * Assert nothing went to the console as an error. `allow` lists patterns for
 * errors a test provokes on purpose (each must then actually occur).
 * @param {string[]} errors
 * @param {RegExp[]} [allow]
 */
export function assertCleanConsole(errors, allow = []) {
  const unexpected = errors.filter((e) => !allow.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], `console errors:\n${unexpected.join('\n')}`);
  for (const re of allow) assert.ok(errors.some((e) => re.test(e)), `expected a console error matching ${re}`);
}

/**
 * Go to a URL and wait until the engine is loaded (or has failed visibly).
 * @param {import('playwright-core').Page} page
 * @param {string} url
 */
export async function openSite(page, url) {
  await page.goto(url);
  await waitLoaded(page);
}

/** @param {import('playwright-core').Page} page */
export async function waitLoaded(page) {
  await page.waitForSelector('body.is-ready, body.has-error', { state: 'attached' });
}

/** @param {import('playwright-core').Page} page */
export async function waitReady(page) {
  await waitLoaded(page);
  const failed = await page.locator('body.has-error').count();
  if (failed) {
    const banner = await page.locator('#banner').innerText();
    assert.fail(`the page shows a load error: ${banner}`);
  }
}

/**
 * @typedef {object} PageOptions
 * @property {string} [path]  Appended to the site's URL: a hash or query, e.g. `#view=events`, `?limit=1#sort=oldest`.
 * @property {string} [url]  Open this URL instead (a test's own server); required with `useSite(null)`.
 * @property {boolean} [open]  false: do not navigate at all; `fn` opens the page itself (default true).
 * @property {'ready'|'loaded'} [wait]  After opening, wait until the page is ready and fail on a
 *   load error ('ready', the default), or only until it has loaded or failed visibly ('loaded').
 * @property {RegExp[]} [allow]  Console errors the test provokes on purpose (see assertCleanConsole).
 * @property {number} [width]
 * @property {number} [height]
 * @property {'light'|'dark'} [colorScheme]
 * @property {boolean} [mobile]
 * @property {boolean} [bypassCSP]
 */

/**
 * The scaffolding of a test suite: call it inside `describe`. Registers a
 * `before` hook that serves a built site (`siteDir(kind)`) and launches
 * Chromium, and an `after` hook that closes both.
 * `useSite(null)` launches only the browser, for tests that serve their own
 * copies of a site (pass `url` to `withPage`).
 *
 * `withPage(fn, options)` opens a fresh page (see newPage) at the site's URL
 * plus `options.path`, waits for it (`options.wait`), runs `fn(opened)`, then
 * asserts a clean console (`options.allow`) and that no dialog appeared, and
 * always closes the page. It resolves to what `fn` returned.
 * @param {SiteKind|null} [kind]
 * @param {PageOptions} [defaults]  Options for every `withPage` of the suite.
 */
export function useSite(kind = 'main', defaults = {}) {
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  /** @type {Awaited<ReturnType<typeof startServer>> | undefined} */
  let server;

  before(async () => {
    if (kind) server = await startServer({ root: siteDir(kind), prefix: sitePrefix(kind) });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const site = {
    get browser() {
      if (!browser) throw new Error('useSite: the browser exists only inside the suite\'s tests');
      return browser;
    },
    get server() {
      if (!kind) throw new Error('useSite(null) starts no server: pass withPage a url');
      if (!server) throw new Error('useSite: the server exists only inside the suite\'s tests');
      return server;
    },
    /**
     * @template T
     * @param {(opened: Opened) => Promise<T>} fn
     * @param {PageOptions} [options]
     * @returns {Promise<T>}
     */
    async withPage(fn, options = {}) {
      const { path: at = '', url, open = true, wait = 'ready', allow = [], ...look } = { ...defaults, ...options };
      const opened = await newPage(site.browser, look);
      try {
        if (open) {
          await openSite(opened.page, url ?? `${site.server.url}${at}`);
          if (wait === 'ready') await waitReady(opened.page);
        }
        const result = await fn(opened);
        assertCleanConsole(opened.errors, allow);
        assert.deepEqual(opened.dialogs, []);
        return result;
      } finally {
        await opened.close();
      }
    },
  };
  return site;
}

/**
 * Type a query into the search box like a person, and wait for its results.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
export async function typeQuery(page, q) {
  await typeKeys(page, q);
  await waitForQuery(page, q);
}

/**
 * Type a query into the search box like a person, without waiting for
 * anything (the event view waits for its own list: see events.test.mjs).
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
export async function typeKeys(page, q) {
  const box = page.locator('#q');
  await box.click();
  await box.press('ControlOrMeta+a');
  await box.press('Backspace');
  await box.pressSequentially(q, { delay: 15 });
}

/**
 * Wait until the results on screen are for query q.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
export async function waitForQuery(page, q) {
  await page.waitForFunction((want) => document.getElementById('results')?.dataset.q === want, q);
}

/**
 * Wait until the page has drawn the state its URL names: the hash moves first,
 * the page once searched and drawn (`data-drawn` on the root element).
 * @param {import('playwright-core').Page} page
 */
export async function waitDrawn(page) {
  await page.waitForFunction(() => document.documentElement.dataset.drawn === location.hash);
}

/** A permalink to an article that is in no collection (opens the reader on it). */
export const UNKNOWN_DOC = '#doc=no_such_article';

/**
 * Check that the reader opened and says the article was not found (a permalink to an unknown article).
 * @param {import('playwright-core').Page} page
 */
export async function assertArticleNotFound(page) {
  await page.locator('#reader').waitFor({ state: 'visible' });
  assert.match(await page.locator('#reader-title').innerText(), /not found/i);
}

/**
 * Ids of the results on screen, in order.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export function resultIds(page) {
  return page.$$eval('#results > li.result', (lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.id ?? ''));
}

/**
 * The timeline's bars as data.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{start: string, end: string, total: number, hits: number}[]>}
 */
export function bins(page) {
  return page.$$eval('#tl-chart .tl-bin', (gs) =>
    gs.map((g) => ({
      start: g.getAttribute('data-start') ?? '',
      end: g.getAttribute('data-end') ?? '',
      total: Number(g.getAttribute('data-total')),
      hits: Number(g.getAttribute('data-hits')),
    })),
  );
}

/**
 * The centre of the bar whose bin covers a day, in page coordinates.
 * @param {import('playwright-core').Page} page
 * @param {string} day  'YYYY-MM-DD'
 */
export async function binPoint(page, day) {
  const all = await bins(page);
  const i = all.findIndex((b) => b.start <= day && day <= b.end);
  assert.ok(i >= 0, `no timeline bin covers ${day}: ${JSON.stringify(all.map((b) => [b.start, b.end]))}`);
  const box = await page.locator('#tl-chart .tl-bin').nth(i).locator('.tl-target').boundingBox();
  assert.ok(box, 'bar has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, bin: all[i] };
}

/**
 * A small RFC 4180 parser (quoted fields, doubled quotes, CRLF), to check the exports.
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Click an export button and read the file it downloads.
 * @param {import('playwright-core').Page} page
 * @param {string} selector  The button.
 * @returns {Promise<{name: string, text: string}>}
 */
export async function downloadText(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const file = await download.path();
  assert.ok(file, 'the download was saved');
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/**
 * The total the status line shows for the list on screen.
 * @param {import('playwright-core').Page} page
 */
export async function shownTotal(page) {
  return Number(await page.locator('#status').getAttribute('data-total'));
}

/**
 * Open the events view of query `q` (through the URL hash, as a permalink
 * would) and wait until it lists the events of that query.
 * @param {import('playwright-core').Page} page
 * @param {string} q
 */
export async function openEvents(page, q) {
  await page.evaluate((h) => {
    location.hash = h;
  }, `#q=${encodeURIComponent(q)}&view=events`);
  await page.waitForFunction((want) => {
    const list = document.getElementById('ev-list');
    return list?.dataset.q === want && Number(list.dataset.total) > 0;
  }, q);
}
