// `dateline build DOCS --out DIR` alone (no --shell, no build.sh assembly)
// makes a site a static server serves as it is: built here from the seed
// articles into a temporary folder, once per index kind, then served under a
// sub-path and searched as a person would; the console stays empty. Also: a
// rebuild killed midway (the CLI's DATELINE_TEST_ABORT_AT hook) leaves the
// served site working as it was.
//
// The CLI is target/release/dateline (`./build.sh build` makes it with the
// page built in), or DATELINE_CLI.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import { REPO, SEED, openSite, resultIds, typeQuery, useSite, waitReady } from './harness.mjs';

const CLI = process.env.DATELINE_CLI || path.join(REPO, 'target/release/dateline');
const DOCS = path.join(REPO, 'www/docs');

/**
 * Run `dateline build DOCS --out out --index kind` (stopped at `abort`).
 * @param {string} out
 * @param {'prebuilt'|'packs'} kind
 * @param {string} [abort]
 */
function build(out, kind, abort) {
  assert.ok(fs.existsSync(CLI), `no ${CLI}: run ./build.sh build first`);
  const env = { ...process.env };
  delete env.DATELINE_TEST_ABORT_AT;
  if (abort) env.DATELINE_TEST_ABORT_AT = abort;
  return spawnSync(CLI, ['build', DOCS, '--out', out, '--index', kind, '--quiet'], { encoding: 'utf8', env });
}

describe('a site from `dateline build --out` alone', () => {
  const { withPage } = useSite(null);
  /** @type {string} */
  let tmp;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-cli-site-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const kind of /** @type {const} */ (['prebuilt', 'packs'])) {
    test(`${kind}: served under a sub-path, it loads its own core and searches`, async () => {
      const site = path.join(tmp, kind);
      const r = build(site, kind);
      assert.equal(r.status, 0, r.stderr);
      const server = await startServer({ root: site, prefix: '/news/' });
      try {
        await withPage(
          async ({ page }) => {
            await openSite(page, server.url);
            await waitReady(page);
            assert.deepEqual((await resultIds(page)).toSorted(), [SEED.newer.id, SEED.older.id].toSorted());
            await typeQuery(page, 'Geneva');
            assert.deepEqual(await resultIds(page), [SEED.older.id]);
            await page.locator('#results .result-link').first().click();
            await page.locator('#reader').waitFor({ state: 'visible' });
            const core = kind === 'prebuilt' ? '/news/pkg/dateline_reader_bg.wasm' : '/news/pkg/dateline_bg.wasm';
            assert.ok(server.requests.includes(core), `${core} loaded`);
            assert.deepEqual(server.requests.filter((p) => !p.startsWith('/news/')), [], 'requests outside the sub-path');
          },
          { open: false },
        );
      } finally {
        await server.close();
      }
    });
  }

  test('a rebuild killed midway leaves the served site working as it was', async () => {
    const site = path.join(tmp, 'killed');
    assert.equal(build(site, 'packs').status, 0);
    const server = await startServer({ root: site });
    try {
      const r = build(site, 'prebuilt', 'writing');
      assert.notEqual(r.status, 0, 'the build ran past its checkpoint');
      assert.match(r.stderr, /checkpoint writing/);
      await withPage(
        async ({ page }) => {
          await openSite(page, server.url);
          await waitReady(page);
          await typeQuery(page, 'Truss');
          assert.deepEqual(await resultIds(page), [SEED.newer.id]);
          // Still the old, in-page site: its packs, not an index.
          assert.ok(server.requests.some((p) => p.endsWith('.pack')), 'the packs were loaded');
          assert.ok(!server.requests.some((p) => /\/corpus\/index/.test(p)), 'no index file');
        },
        { open: false },
      );
    } finally {
      await server.close();
    }
  });
});
