// How long the page takes to become searchable, when its people and places
// are ready (and where they were found: in the worker beside indexing, or on
// the page after it), and how long queries take, for built sites:
// `node bench/page_load.mjs [--runs N] [--json FILE] SITE_DIR...` (see
// build.sh bench). The sites are loaded in turn, N rounds; prints a Markdown
// table, a row per load. Timing is reported, never asserted.
import fs from 'node:fs';
import { startServer } from '../tests/browser/server.mjs';
import { launch } from '../tests/browser/harness.mjs';

const QUERIES = ['oil', 'oil prices', '"interest rates"', 'Zakharva', 'lavrov -blinken', 'sanct*', 'bank OR rates'];

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const runs = Number(opt('--runs') ?? 1);
const jsonOut = opt('--json');
const sites = args;
if (!sites.length) {
  console.error('usage: node bench/page_load.mjs [--runs N] [--json FILE] SITE_DIR...');
  process.exit(2);
}
const browser = await launch();
console.log('| site | articles | searchable after (ms) | entities ready after (ms) | ' + QUERIES.map((q) => `\`${q}\` (ms)`).join(' | ') + ' |');
console.log('|---|---:|---:|---:|' + QUERIES.map(() => '---:').join('|') + '|');
/** @type {Record<string, {searchable: number[], entities: number[], source: string[]}>} */
const out = Object.fromEntries(sites.map((d) => [d, { searchable: [], entities: [], source: [] }]));
for (let r = 0; r < runs; r++) {
  for (const dir of sites) {
    const server = await startServer({ root: dir });
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body.is-ready, body.has-error', { state: 'attached', timeout: 120_000 });
    const ready = await page.evaluate(() => performance.now());
    const articles = await page.evaluate(() => document.getElementById('status')?.textContent ?? '?');
    // People and places: found in a worker beside indexing (data-source="worker") or on the page after it.
    const entities = await page
      .waitForSelector('#facets:is([data-state="ready"], [data-state="none"], [data-state="failed"])', { state: 'attached', timeout: 120_000 })
      .then(() => page.evaluate(() => ({ at: performance.now(), source: document.getElementById('facets')?.dataset.source ?? '?' })))
      .catch(() => null);
    out[dir].searchable.push(ready);
    if (entities) {
      out[dir].entities.push(entities.at);
      out[dir].source.push(entities.source);
    }
    const times = [];
    for (const q of QUERIES) {
      // Through the page as a person uses it: the time it reports for the query.
      await page.fill('#q', q);
      await page.waitForFunction((want) => document.getElementById('results')?.dataset.q === want, q, { timeout: 60_000 });
      const status = await page.locator('#status').innerText();
      const m = status.match(/([\d.]+)\s*ms/);
      times.push(m ? m[1] : `? (${status})`);
    }
    const ent = entities ? `${entities.at.toFixed(0)} (${entities.source})` : 'n/a';
    console.log(`| ${dir} | ${articles} | ${ready.toFixed(0)} | ${ent} | ${times.join(' | ')} |`);
    await page.close();
    await server.close();
  }
}
await browser.close();
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ runs, order: sites, sites: out }));
