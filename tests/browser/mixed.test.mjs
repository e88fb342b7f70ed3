// A collection is served whole or not at all: a pack of another build (the
// site rebuilt while the page was open, or copied in part) is refused with a
// banner naming it, compared by the core with the manifest's length and
// checksum; a prebuilt index is in a folder named by its build, so after a
// rebuild its files are missing (named, with "reload"), never mixed; a
// manifest asked for in the instant `dateline build`/`pack` swap the corpus
// folder (no manifest for a moment) is asked for again.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { SEED, indexDir, optionalSite, resultIds, siteDir, useSite, waitForQuery, waitReady, withChangedCopy } from './harness.mjs';

/** The console line Chromium itself writes for a 404 response. */
const NOT_FOUND = /Failed to load resource: the server responded with a status of 404/;

describe('a pack of another build', () => {
  const { withPage } = useSite(null);

  test('stops the page with a banner naming the pack', async () => {
    // The hostile site's pack: an intact pack, of another build.
    const manifest = JSON.parse(fs.readFileSync(path.join(siteDir('main'), 'corpus/manifest.json'), 'utf8'));
    const file = manifest.packs[0].file;
    const swap = (/** @type {string} */ dir) =>
      fs.copyFileSync(path.join(siteDir('hostile'), 'corpus', file), path.join(dir, 'corpus', file));
    await withChangedCopy(siteDir('main'), swap, (server) =>
      withPage(
        async ({ page }) => {
          const banner = page.locator('#banner');
          await banner.waitFor({ state: 'visible' });
          const text = await banner.innerText();
          assert.match(text, new RegExp(`corpus/${file.replace('.', '\\.')} is from another build \\(length \\d+`));
          assert.match(text, /reload in a minute, or rebuild the site/);
          assert.equal(await banner.getAttribute('role'), 'alert');
          assert.ok(await page.locator('#q').isDisabled(), 'search is off');
          assert.equal(await page.locator('#results > li.result').count(), 0, 'nothing of the mix is shown');
        },
        { url: server.url, wait: 'loaded' },
      ),
    );
  });

  test('a manifest missing for an instant (a swap) is asked for again', async () => {
    const server = await startServer({ root: siteDir('main') });
    try {
      await withPage(
        async ({ page }) => {
          let asked = 0;
          await page.route(/\/corpus\/manifest\.json$/, (route) => {
            asked += 1;
            return asked === 1 ? route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }) : route.continue();
          });
          await page.goto(server.url);
          await waitReady(page);
          assert.equal(asked, 2);
          assert.deepEqual((await resultIds(page)).toSorted(), [SEED.newer.id, SEED.older.id].toSorted());
          assert.ok(await page.locator('#banner').isHidden());
        },
        { open: false, allow: [NOT_FOUND] },
      );
    } finally {
      await server.close();
    }
  });
});

describe('a prebuilt site rebuilt while the page is open', () => {
  const skip = optionalSite('prebuilt');
  const site = skip ? null : useSite('prebuilt');

  test('a file of the old index folder is named as missing, with "reload"; search stays on; reloaded, the page answers', { skip }, () => {
    // The index is in a folder named by its build: a rebuild puts its files
    // in another one and removes the old, so the page, still holding the
    // old manifest, finds its files gone, never the new build's in their place.
    const dir = indexDir(siteDir('prebuilt'));
    assert.match(dir, /^index-[0-9a-f]{16}$/);
    /** @type {string} */
    let root = '';
    return withChangedCopy(
      siteDir('prebuilt'),
      (copy) => {
        root = copy;
      },
      (server) =>
        /** @type {ReturnType<typeof useSite>} */ (site).withPage(
          async ({ page }) => {
            await page.goto(server.url);
            await waitReady(page);
            const [here, gone] = [path.join(root, 'corpus', dir), path.join(root, 'corpus', `${dir}-old`)];
            fs.renameSync(here, gone);
            await page.evaluate(() => {
              location.hash = '#q=Zelensky';
            });
            await waitForQuery(page, 'Zelensky');
            const banner = page.locator('#banner');
            await banner.waitFor({ state: 'visible' });
            const text = await banner.innerText();
            assert.match(text, new RegExp(`corpus/${dir}/[a-z]+-\\d{4}\\.bin is missing: the site was rebuilt since this page was opened`));
            assert.match(text, /Reload the page/);
            assert.ok(await page.locator('#q').isEnabled(), 'search stays on');
            // Reloaded as it says, over a whole site (the folder back as a
            // rebuild's would be), the same query answers and the banner is gone.
            fs.renameSync(gone, here);
            await page.reload();
            await waitReady(page);
            await waitForQuery(page, 'Zelensky');
            await page.waitForFunction(() => Number(document.getElementById('status')?.dataset.total) > 0);
            assert.ok(await banner.isHidden(), 'no banner after the reload');
          },
          { open: false, allow: [NOT_FOUND] },
        ),
    );
  });
});
