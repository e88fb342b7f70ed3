// The real page over a slow network: a site `dateline build` wrote (shell
// included), opened in headless Chromium with the DevTools protocol's network
// emulation (default 100 ms round trip, 10 Mbit/s each way, cache off), as a
// reader on a modest connection meets it. Unlike bench/prebuilt.mjs (a
// harness page calling the core), this drives www/ as shipped: what the page
// fetches before it can answer, then a query typed into the search box.
//
//   node bench/network.mjs [--queries Q.json] [--samples 20] [--rtt 100] [--mbps 10] [--http2] [--out OUT.json] LABEL=SITE... [--local LABEL=SITE]...
//
// Per sample, a fresh browser context (nothing cached):
// - start-up: navigation until the opening list is drawn (`#results[data-total]`
//   with `body.is-ready`): requests after the HTML, bytes (gzip -9 of each file
//   on disk, and as sent: the test server does not compress), round trips,
//   time from navigation start;
// - a cold query typed into `#q` once the page is idle (the opening list and its facets drawn,
//   nothing in flight): time until the list
//   is drawn for it, and until the facets are (`#facet-groups[data-q]`, when
//   the site has entities); requests, bytes and round trips of everything the
//   query fetched;
// - the same query typed with the events view open (`#view=events`), in
//   another fresh context: time until the events list is drawn for it.
//
// Round trips: the HTML is trip 0; a request is one trip after the latest
// trip among the requests that had finished when it was sent (requests sent
// together share a trip). For a query, trip 1 is whatever it sent first.
// "Drawn" is the first animation frame after the DOM says so (a
// MutationObserver in the page, so no polling delay is measured).
//
// Timing is reported, never asserted. Used by bench/growth.mjs.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from '../tests/browser/server.mjs';
import { launch } from './browser.mjs';
import { median } from './timing.mjs';

/** Progress on stderr with NETWORK_DEBUG=1. */
const say = process.env.NETWORK_DEBUG ? (/** @type {string} */ m) => console.error(`network: ${m}`) : () => {};

/** Installed in every page before its scripts: stamps when the watched parts are drawn. */
function watch() {
  /** @type {Record<string, number>} */
  const drawn = {};
  /** @type {{sel: string, attr: string, want: string|null, key: string}[]} */
  let wanted = [];
  const check = () => {
    for (const w of wanted) {
      if (drawn[w.key] !== undefined) continue;
      const el = document.querySelector(w.sel);
      const v = el?.getAttribute(w.attr);
      if (v === null || v === undefined || (w.want !== null && v !== w.want)) continue;
      drawn[w.key] = -1;
      requestAnimationFrame(() => (drawn[w.key] = performance.now()));
    }
  };
  globalThis.__net = {
    drawn,
    /** @param {{sel: string, attr: string, want: string|null, key: string}[]} list */
    want(list) {
      wanted = wanted.concat(list);
      check();
    },
    /** Type `q` into the search box as a person does (an input event), stamping the moment. */
    type(q) {
      const input = /** @type {HTMLInputElement} */ (document.getElementById('q'));
      drawn.typed = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
  };
  new MutationObserver(check).observe(document, { subtree: true, attributes: true, childList: true });
}

/**
 * Requests of a browser context with their timing, through Playwright's
 * request events (the DevTools protocol's page session does not see what a
 * worker fetches: the entity worker's model, the import worker's core).
 */
class Recorder {
  /** @param {import('playwright-core').BrowserContext} context */
  constructor(context) {
    /** @type {Map<import('playwright-core').Request, {url: string, sent: number, done: number|null, wire: number, failed: boolean, document: boolean}>} */
    this.all = new Map();
    /** @type {(() => void)[]} */
    this.idleWaiters = [];
    /** Size look-ups under way: taken into account before `idle` resolves. @type {Set<Promise<void>>} */
    this.sizing = new Set();
    context.on('request', (r) => {
      if (r.url().startsWith('data:')) return;
      this.all.set(r, { url: r.url(), sent: Date.now(), done: null, wire: 0, failed: false, document: r.resourceType() === 'document' });
    });
    /** @param {import('playwright-core').Request} req @param {boolean} failed */
    const end = (req, failed) => {
      const r = this.all.get(req);
      if (!r) return;
      // Playwright's timing: startTime in ms since the epoch, the rest relative to it (-1: unknown).
      const t = req.timing();
      if (t.startTime > 0) r.sent = t.startTime;
      r.done = t.startTime > 0 && t.responseEnd >= 0 ? t.startTime + t.responseEnd : Date.now();
      r.failed = failed;
      if (!failed) {
        const p = req.sizes().then(
          (z) => void (r.wire = z.responseBodySize + z.responseHeadersSize),
          () => {},
        );
        this.sizing.add(p);
        void p.finally(() => this.sizing.delete(p));
      }
      if (this.inFlight() === 0) for (const f of this.idleWaiters.splice(0)) f();
    };
    context.on('requestfinished', (r) => end(r, false));
    context.on('requestfailed', (r) => end(r, true));
  }

  inFlight() {
    let n = 0;
    for (const r of this.all.values()) if (r.done === null) n++;
    return n;
  }

  /** Resolves when nothing is in flight; rejects, naming what still is, after `ms`. */
  async idle(ms = 120_000) {
    await this.quiet(ms);
    await Promise.all([...this.sizing]);
  }

  /** @param {number} ms */
  quiet(ms) {
    if (this.inFlight() === 0) return Promise.resolve();
    return new Promise((res, rej) => {
      const t = setTimeout(() => {
        const open = [...this.all.values()].filter((r) => r.done === null).map((r) => r.url);
        rej(new Error(`requests still in flight after ${ms} ms: ${open.join(', ')}`));
      }, ms);
      this.idleWaiters.push(() => {
        clearTimeout(t);
        res();
      });
    });
  }

  /** The requests so far, taken out of the recorder. */
  take() {
    const out = [...this.all.values()];
    this.all.clear();
    return out;
  }
}

/**
 * Round trips of a set of requests: the greatest trip number, where a request
 * is one trip after the latest trip among `before` and the requests of the
 * set that had finished when it was sent. Each request's `trip` is set.
 * @param {{sent: number, done: number|null, document?: boolean, trip?: number}[]} reqs
 * @param {{sent: number, done: number|null}[]} [base]  requests of trip 0 (the HTML)
 */
export function roundTrips(reqs, base = []) {
  const order = reqs.slice().sort((a, b) => a.sent - b.sent);
  let most = 0;
  /** @type {{done: number, trip: number}[]} */
  const finished = base.filter((r) => r.done !== null).map((r) => ({ done: /** @type {number} */ (r.done), trip: 0 }));
  for (const r of order) {
    let after = 0;
    for (const f of finished) if (f.done <= r.sent && f.trip > after) after = f.trip;
    const trip = after + 1;
    r.trip = trip;
    most = Math.max(most, trip);
    if (r.done !== null) finished.push({ done: r.done, trip });
  }
  return most;
}

/**
 * Drive a built site over an emulated network.
 * @param {string} site  a folder `dateline build --out` wrote
 * @param {{q: string}[]} queries
 * @param {{samples?: number, rttMs?: number, mbps?: number, throttle?: boolean, http2?: boolean}} [o]
 *   http2: served over HTTP/2 and TLS, as static hosts serve (all of a page's
 *   requests on one connection); else HTTP/1.1 (at most six at a time).
 */
export async function measurePage(site, queries, { samples = 20, rttMs = 100, mbps = 10, throttle = true, http2 = false } = {}) {
  const server = await startServer({ root: site, http2 });
  const browser = await launch({ tls: http2 });
  const root = path.resolve(site);
  /** gzip -9 bytes of the file behind a URL (0 for what is not a file of the site). */
  const gzCache = new Map();
  const gzOf = (url) => {
    const file = path.join(root, decodeURIComponent(new URL(url).pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return 0;
    if (!gzCache.has(file)) gzCache.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length);
    return gzCache.get(file);
  };
  const fileName = (url) => new URL(url).pathname.replace(/^\//, '') || 'index.html';
  const sum = (reqs) => ({
    requests: reqs.length,
    gzipBytes: reqs.reduce((n, r) => n + gzOf(r.url), 0),
    wireBytes: reqs.reduce((n, r) => n + r.wire, 0),
    failed: reqs.filter((r) => r.failed).length,
  });
  /**
   * Requests by kind of index file (`notes`, `docs`…; anything else by its
   * name) and round trip (after `roundTrips`): `{"notes@2": {requests,
   * gzipBytes}}`. An events view reads hundreds of files: which kind they are.
   * @param {{url: string, trip?: number}[]} reqs
   */
  const byKind = (reqs) => {
    /** @type {Record<string, {requests: number, gzipBytes: number}>} */
    const out = {};
    for (const r of reqs) {
      const name = fileName(r.url);
      const kind = name.match(/([a-z]+)-\d+\.bin$/)?.[1] ?? name;
      const k = (out[`${kind}@${r.trip}`] ??= { requests: 0, gzipBytes: 0 });
      k.requests++;
      k.gzipBytes += gzOf(r.url);
    }
    return out;
  };

  /** A fresh context and page at `hash`, emulating the network. */
  const open = async (hash) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript(watch);
    const rec = new Recorder(context);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttle) {
      const bytesPerSec = (mbps * 1e6) / 8;
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: rttMs,
        downloadThroughput: bytesPerSec,
        uploadThroughput: bytesPerSec,
      });
    }
    await page.goto(server.url + hash, { waitUntil: 'commit' });
    return { context, page, rec, errors };
  };

  const startups = [];
  const colds = [];
  const events = [];
  /** @type {string[]} */
  const problems = [];
  try {
    for (let i = 0; i < samples; i++) {
      const q = queries[Math.floor((i * queries.length) / samples)].q;

      // Start-up, then a cold query in the list view.
      {
        say(`sample ${i}: start-up`);
        const { context, page, rec, errors } = await open('');
        await page.evaluate(() => globalThis.__net.want([{ sel: '#results', attr: 'data-total', want: null, key: 'list' }]));
        await page.waitForFunction(() => globalThis.__net.drawn.list > 0 && document.body.classList.contains('is-ready'), null, { timeout: 300_000 });
        const at = await page.evaluate(() => globalThis.__net.drawn.list);
        const upTo = rec.take();
        const html = upTo.filter((r) => r.document);
        const rest = upTo.filter((r) => !r.document);
        const features = await page.evaluate(() => ({
          facets: !document.getElementById('facets')?.hidden,
          events: !document.getElementById('tab-events')?.hidden,
        }));
        const trips = roundTrips(rest, html);
        startups.push({ ms: at, ...sum(rest), html: sum(html), roundTrips: trips, files: rest.map((r) => `${fileName(r.url)} (${r.trip})`) });
        // What the page fetched after its list (facets of the opening list, the entity worker's model...), then quiet.
        // The network can be quiet for a moment before the opening facets are asked for (nothing else
        // in flight once the start-up files are in): idle means they are drawn too.
        say(`sample ${i}: list drawn; waiting for its facets and the network to be idle`);
        if (features.facets) {
          await page.waitForFunction(
            () => {
              const state = document.getElementById('facets')?.dataset.state;
              const q = document.getElementById('facet-groups')?.dataset.q;
              return state === 'none' || state === 'failed' || (state === 'ready' && q === '');
            },
            null,
            { timeout: 300_000 },
          );
        }
        await rec.idle();
        rec.take();
        say(`sample ${i}: typing ${q}`);

        const wants = [{ sel: '#results', attr: 'data-q', want: q, key: 'results' }];
        if (features.facets) wants.push({ sel: '#facet-groups', attr: 'data-q', want: q, key: 'facets' });
        await page.evaluate((w) => globalThis.__net.want(w), wants);
        await page.evaluate((q) => globalThis.__net.type(q), q);
        await page.waitForFunction((keys) => keys.every((k) => globalThis.__net.drawn[k] > 0), wants.map((w) => w.key), { timeout: 300_000 });
        await rec.idle();
        const drawn = await page.evaluate(() => globalThis.__net.drawn);
        const reqs = rec.take();
        const coldTrips = roundTrips(reqs);
        colds.push({
          q,
          resultsMs: drawn.results - drawn.typed,
          facetsMs: features.facets ? drawn.facets - drawn.typed : null,
          ...sum(reqs),
          roundTrips: coldTrips,
          // Each file with its round trip, as for start-up.
          files: reqs.map((r) => `${fileName(r.url)} (${r.trip})`),
        });
        if (errors.length) problems.push(...errors.map((e) => `${q}: ${e}`));
        await context.close();
        if (!features.events) continue;
      }

      // The same query, typed with the events view open.
      {
        say(`sample ${i}: events view`);
        const { context, page, rec, errors } = await open('#view=events');
        await page.evaluate(() => globalThis.__net.want([{ sel: '#ev-list', attr: 'data-total', want: null, key: 'opening' }]));
        await page.waitForFunction(() => globalThis.__net.drawn.opening > 0 && document.body.classList.contains('is-ready'), null, { timeout: 300_000 });
        await rec.idle();
        rec.take();
        await page.evaluate((q) => globalThis.__net.want([{ sel: '#ev-list', attr: 'data-q', want: q, key: 'events' }]), q);
        await page.evaluate((q) => globalThis.__net.type(q), q);
        await page.waitForFunction(() => globalThis.__net.drawn.events > 0, null, { timeout: 300_000 });
        await rec.idle();
        const drawn = await page.evaluate(() => globalThis.__net.drawn);
        const reqs = rec.take();
        const trips = roundTrips(reqs);
        events.push({ q, eventsMs: drawn.events - drawn.typed, ...sum(reqs), roundTrips: trips, kinds: byKind(reqs) });
        if (errors.length) problems.push(...errors.map((e) => `events ${q}: ${e}`));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const med = (xs, f) => (xs.length ? median(xs.map(f)) : null);
  const max = (xs, f) => (xs.length ? Math.max(...xs.map(f)) : null);
  return {
    network: throttle ? { rttMs, mbps, http: http2 ? 2 : 1 } : null,
    samples,
    startup: {
      medianMs: med(startups, (s) => s.ms),
      gzipBytes: max(startups, (s) => s.gzipBytes),
      wireBytes: max(startups, (s) => s.wireBytes),
      requests: max(startups, (s) => s.requests),
      roundTrips: max(startups, (s) => s.roundTrips),
      html: startups[0]?.html ?? null,
      files: startups[0]?.files ?? [],
    },
    cold: {
      resultsMedianMs: med(colds, (c) => c.resultsMs),
      facetsMedianMs: colds.some((c) => c.facetsMs !== null) ? med(colds, (c) => c.facetsMs ?? 0) : null,
      eventsMedianMs: med(events, (e) => e.eventsMs),
      gzipMedian: med(colds, (c) => c.gzipBytes),
      gzipMax: max(colds, (c) => c.gzipBytes),
      requestsMedian: med(colds, (c) => c.requests),
      roundTripsMedian: med(colds, (c) => c.roundTrips),
      roundTripsMax: max(colds, (c) => c.roundTrips),
      eventsGzipMedian: med(events, (e) => e.gzipBytes),
      eventsRoundTripsMax: max(events, (e) => e.roundTrips),
    },
    samplesDetail: { startups, colds, events },
    problems,
  };
}

/**
 * `node bench/network.mjs [--queries Q.json] [--samples N] [--rtt MS] [--mbps N] [--out OUT.json] LABEL=SITE... [--local LABEL=SITE]...`:
 * each LABEL=SITE over the emulated network, each `--local` one without
 * emulation (localhost speed: how soon a big in-page site is searchable).
 */
async function main(argv) {
  const o = {};
  /** @type {{label: string, site: string, throttle: boolean}[]} */
  const sites = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const site = (spec, throttle) => {
      const at = spec.indexOf('=');
      if (at < 1) throw new Error(`${spec}: expected LABEL=SITE_DIR`);
      sites.push({ label: spec.slice(0, at), site: spec.slice(at + 1), throttle });
    };
    if (a === '--local') site(argv[++i] ?? '', false);
    else if (a === '--http2') o.http2 = '';
    else if (a.startsWith('--')) o[a.slice(2)] = argv[++i] ?? '';
    else site(a, true);
  }
  if (!sites.length) {
    console.error('usage: node bench/network.mjs [--queries Q.json] [--samples 20] [--rtt 100] [--mbps 10] [--out OUT.json] LABEL=SITE... [--local LABEL=SITE]...');
    process.exit(2);
  }
  const queries = o.queries ? JSON.parse(fs.readFileSync(o.queries, 'utf8')) : [{ q: 'oil' }, { q: 'interest rates' }, { q: 'grain' }];
  const results = [];
  for (const { label, site, throttle } of sites) {
    console.error(`network: ${label} (${site})${throttle ? '' : ', not throttled'}...`);
    const r = await measurePage(site, queries, {
      samples: Number(o.samples ?? 20),
      rttMs: Number(o.rtt ?? 100),
      mbps: Number(o.mbps ?? 10),
      throttle,
      http2: 'http2' in o,
    });
    const { samplesDetail, ...brief } = r;
    console.error(JSON.stringify({ label, startup: { ...brief.startup, files: undefined }, cold: brief.cold, problems: brief.problems }));
    results.push({ label, site, ...siteOf(site), ...r });
  }
  if (o.out) fs.writeFileSync(o.out, JSON.stringify({ results }));
}

/** A built site's article count and kind, from its manifest. @param {string} site */
export function siteOf(site) {
  const m = JSON.parse(fs.readFileSync(path.join(site, 'corpus/manifest.json'), 'utf8'));
  return { articles: m.articles ?? null, kind: m.index ? 'prebuilt' : 'in-page' };
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
