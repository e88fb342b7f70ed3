// `dateline build DOCS --single-file OUT.html`: one HTML file that opens
// from file:// (a mailed or unzipped page, double-clicked), where nothing
// can be fetched or imported. Built here from the seed articles with the
// CLI, opened through file://, and used as a person would: the list, a
// search with its timeline, the reader, the facets (names found in the page:
// no worker from file://) and the events view. Nothing is requested but the
// file itself, and the console stays empty (its CSP, made of hashes, lets
// the inline script and style run; a violation would be a console error).
//
// The CLI is target/release/dateline (`./build.sh build` makes it with the
// page built in), or DATELINE_CLI; the entity model target/ner/ner.bin goes
// in when build.sh has trained it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, SEED, bins, resultIds, typeQuery, useSite, waitReady } from './harness.mjs';

const CLI = process.env.DATELINE_CLI || path.join(REPO, 'target/release/dateline');
const DOCS = path.join(REPO, 'www/docs');
const MODEL = path.join(REPO, 'target/ner/ner.bin');

describe('a single-file page from `dateline build --single-file`', () => {
  const { withPage } = useSite(null);
  /** @type {string} */
  let tmp;
  /** @type {string} */
  let file;
  before(() => {
    assert.ok(fs.existsSync(CLI), `no ${CLI}: run ./build.sh build first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-single-'));
    file = path.join(tmp, 'seeds.html');
    const model = fs.existsSync(MODEL) ? ['--ner-model', MODEL] : [];
    const r = spawnSync(CLI, ['build', DOCS, '--single-file', file, '--quiet', ...model], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // One file and nothing beside it (the work folder is gone).
    assert.deepEqual(fs.readdirSync(tmp), ['seeds.html']);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('opened through file://, it searches, draws the timeline, reads, and finds names and events', () =>
    withPage(
      async ({ page }) => {
        /** @type {string[]} */
        const requests = [];
        page.on('request', (req) => requests.push(req.url()));
        const url = pathToFileURL(file).href;
        await page.goto(url);
        await waitReady(page);
        assert.deepEqual((await resultIds(page)).toSorted(), [SEED.newer.id, SEED.older.id].toSorted());

        await typeQuery(page, 'Geneva');
        assert.deepEqual(await resultIds(page), [SEED.older.id]);
        const hit = (await bins(page)).filter((b) => b.hits > 0);
        assert.ok(hit.length > 0, 'the timeline marks the match');
        assert.ok(
          hit.every((b) => b.start <= SEED.older.date && SEED.older.date <= b.end),
          `the matched bars hold ${SEED.older.date}: ${JSON.stringify(hit)}`,
        );

        await page.locator('#results .result-link').first().click();
        await page.locator('#reader').waitFor({ state: 'visible' });
        assert.equal(await page.locator('#reader').getAttribute('data-id'), SEED.older.id);
        assert.match(await page.locator('#reader mark').first().innerText(), /Geneva/i);
        await page.locator('#reader-close').click();

        // Names: recognized in the page (a worker's script can't come from file://).
        await page.waitForFunction(
          () => document.getElementById('facet-groups')?.dataset.q === 'Geneva' && document.querySelector('#facet-groups button.facet'),
        );
        assert.equal(await page.locator('#facets').getAttribute('data-source'), 'page');
        assert.equal(await page.locator('#facet-groups button.facet[data-key="sergey-lavrov"]').count(), 1, 'Lavrov is a facet');

        await page.getByRole('tab', { name: 'Events' }).click();
        await page.waitForFunction(() => {
          const list = document.getElementById('ev-list');
          return list?.dataset.q === 'Geneva' && list.dataset.total !== undefined;
        });
        assert.ok((await page.locator('#ev-list > li.ev-date').count()) > 0, 'the events view lists dates');

        const elsewhere = requests.filter((r) => r !== url && !r.startsWith(`${url}#`) && !r.startsWith('data:'));
        assert.deepEqual(elsewhere, [], 'nothing requested beside the file');
      },
      { open: false },
    ));
});
