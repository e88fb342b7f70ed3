// How the site is served: a wrong .wasm MIME type and a sub-path still work;
// a missing or broken engine or corpus shows a visible error on the page.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { REPO, SEED, openSite, resultIds, siteDir, typeQuery, useSite, waitReady, withChangedCopy } from './harness.mjs';

/** The console line Chromium itself writes for a 404 response. */
const NOT_FOUND = /Failed to load resource: the server responded with a status of 404/;

describe('serving', () => {
  // No shared server: each test serves the site (or a broken copy of it) its own way.
  const { withPage } = useSite(null);

  test('served under /sub/dir/ with .wasm as application/octet-stream, the page works', async () => {
    const server = await startServer({ root: siteDir('main'), prefix: '/sub/dir/', wrongWasmMime: true });
    try {
      await withPage(
        async ({ page }) => {
          /** @type {Record<string, string>} */
          const types = {};
          page.on('response', (r) => {
            types[new URL(r.url()).pathname] = r.headers()['content-type'] ?? '';
          });
          await openSite(page, server.url);
          await waitReady(page);
          assert.equal(types['/sub/dir/pkg/dateline_bg.wasm'], 'application/octet-stream', 'the wasm came with the wrong type');
          assert.deepEqual((await resultIds(page)).toSorted(), [SEED.newer.id, SEED.older.id].toSorted());
          await typeQuery(page, 'Geneva');
          assert.deepEqual(await resultIds(page), [SEED.older.id]);
          await page.locator('#results .result-link').first().click();
          await page.locator('#reader').waitFor({ state: 'visible' });
          assert.ok(new URL(page.url()).pathname.startsWith('/sub/dir/'));
          // Every request stayed under the sub-path.
          const outside = server.requests.filter((p) => !p.startsWith('/sub/dir/'));
          assert.deepEqual(outside, [], 'requests outside the sub-path');
          // And without the trailing slash, the server's redirect lands on the page.
          await openSite(page, server.url.replace(/\/$/, ''));
          await waitReady(page);
        },
        { open: false }, // the response listener goes on before the first request
      );
    } finally {
      await server.close();
    }
  });

  /**
   * Serve a broken copy of the site and check the visible error.
   * @param {(dir: string) => void} breakIt
   * @param {RegExp} message  What the banner says.
   * @param {RegExp[]} [allow]  Console errors the breakage causes by itself (a 404).
   */
  async function expectBanner(breakIt, message, allow = []) {
    await withChangedCopy(siteDir('main'), breakIt, (server) =>
      withPage(
        async ({ page }) => {
          const banner = page.locator('#banner');
          await banner.waitFor({ state: 'visible' });
          assert.ok(await banner.isVisible(), 'the error banner is visible');
          const text = await banner.innerText();
          assert.match(text, message);
          assert.equal(await page.locator('#banner').getAttribute('role'), 'alert');
          assert.ok(await page.locator('#q').isDisabled(), 'search is off');
          assert.match(await page.locator('#status').innerText(), /unavailable/i);
        },
        { url: server.url, wait: 'loaded', allow },
      ),
    );
  }

  test('a missing wasm file shows an error on the page', () =>
    expectBanner((dir) => fs.rmSync(path.join(dir, 'pkg/dateline_bg.wasm')), /search engine[\s\S]*dateline_bg\.wasm[\s\S]*404/i, [NOT_FOUND]));

  test('a corrupt wasm file shows an error on the page', () =>
    expectBanner(
      (dir) => fs.writeFileSync(path.join(dir, 'pkg/dateline_bg.wasm'), 'this is not webassembly'),
      /could not be started/i,
    ));

  test('a truncated pack shows an error on the page', () =>
    expectBanner((dir) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'corpus/manifest.json'), 'utf8'));
      const pack = path.join(dir, 'corpus', manifest.packs[0].file);
      const bytes = fs.readFileSync(pack);
      fs.writeFileSync(pack, bytes.subarray(0, Math.floor(bytes.length / 2)));
    }, /articles-000\.pack[\s\S]*damaged/i));

  test('a pack of garbage shows an error on the page', () =>
    expectBanner((dir) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'corpus/manifest.json'), 'utf8'));
      fs.writeFileSync(path.join(dir, 'corpus', manifest.packs[0].file), Buffer.alloc(64, 0x5a));
    }, /damaged/i));

  test('a missing pack shows an error on the page', () =>
    expectBanner((dir) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'corpus/manifest.json'), 'utf8'));
      fs.rmSync(path.join(dir, 'corpus', manifest.packs[0].file));
    }, /article pack[\s\S]*404/i, [NOT_FOUND]));

  test('a missing manifest shows an error on the page', () =>
    expectBanner((dir) => fs.rmSync(path.join(dir, 'corpus/manifest.json')), /article collection[\s\S]*manifest\.json/i, [NOT_FOUND]));

  test('a manifest of the wrong shape shows an error naming the field', () =>
    expectBanner(
      (dir) => fs.writeFileSync(path.join(dir, 'corpus/manifest.json'), '{"format": 1, "packs": [{"files": "articles-000.pack"}]}'),
      /not in the expected format[\s\S]*packs\[0\]: missing field `file`/i,
    ));

  test('a manifest of another format says so', () =>
    expectBanner((dir) => fs.writeFileSync(path.join(dir, 'corpus/manifest.json'), '{"format": 7, "packs": []}'), /format 7; this page reads formats 1 to 3/i));

  test('a manifest naming files outside the corpus folder is refused, naming the field; nothing is fetched', async () => {
    for (const [manifest, field] of [
      ['{"format": 2, "packs": [{"file": "../../etc/passwd", "crc32": 1}]}', 'packs[0].file'],
      ['{"format": 1, "packs": [{"file": "https://evil.example/a.pack"}]}', 'packs[0].file'],
      ['{"format": 1, "packs": [], "models": {"ner": "/etc/passwd"}}', 'models.ner'],
      ['{"format": 1, "packs": [], "index": {"meta": "data:,x"}}', 'index.meta'],
    ]) {
      const rewrite = (/** @type {string} */ dir) => {
        fs.writeFileSync(path.join(dir, 'corpus/manifest.json'), manifest);
        // A manifest with an index is read by the reader core, which a site
        // of packs does not ship (`dateline build` writes one core): add it.
        if (manifest.includes('"index"')) {
          for (const f of ['dateline_reader.js', 'dateline_reader_bg.wasm']) {
            fs.copyFileSync(path.join(REPO, 'target/shell/pkg', f), path.join(dir, 'pkg', f));
          }
        }
      };
      await withChangedCopy(siteDir('main'), rewrite, (server) =>
        withPage(
          async ({ page }) => {
            const banner = page.locator('#banner');
            await banner.waitFor({ state: 'visible' });
            const text = await banner.innerText();
            assert.ok(text.includes(`${field}:`) && /not a plain relative path/.test(text), `${manifest}: ${text}`);
            const outside = server.requests.filter((p) => /passwd|evil|data:/.test(p));
            assert.deepEqual(outside, [], 'nothing outside the corpus was asked for');
          },
          { url: server.url, wait: 'loaded' },
        ),
      );
    }
  });

  test('a manifest that is not JSON shows an error on the page', () =>
    expectBanner((dir) => fs.writeFileSync(path.join(dir, 'corpus/manifest.json'), '{"format": 1, "packs": ['), /not valid JSON/i));
});
