// How long the page takes to become searchable, and how long queries take,
// for built sites: `node bench/page_load.mjs SITE_DIR...` (see build.sh bench).
// Prints a Markdown table. Timing is reported, never asserted.
import { startServer } from '../tests/browser/server.mjs';
import { launch } from '../tests/browser/harness.mjs';

const QUERIES = ['oil', 'oil prices', '"interest rates"', 'Zakharva', 'lavrov -blinken', 'sanct*', 'bank OR rates'];

const sites = process.argv.slice(2);
if (!sites.length) {
  console.error('usage: node bench/page_load.mjs SITE_DIR...');
  process.exit(2);
}
const browser = await launch();
console.log('| site | articles | searchable after (ms) | entities ready after (ms) | ' + QUERIES.map((q) => `\`${q}\` (ms)`).join(' | ') + ' |');
console.log('|---|---:|---:|---:|' + QUERIES.map(() => '---:').join('|') + '|');
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
    .then(() => page.evaluate(() => `${performance.now().toFixed(0)} (${document.getElementById('facets')?.dataset.source ?? '?'})`))
    .catch(() => 'n/a');
  const times = [];
  for (const q of QUERIES) {
    // Through the page as a person uses it: the time it reports for the query.
    await page.fill('#q', q);
    await page.waitForFunction((want) => document.getElementById('results')?.dataset.q === want, q, { timeout: 60_000 });
    const status = await page.locator('#status').innerText();
    const m = status.match(/([\d.]+)\s*ms/);
    times.push(m ? m[1] : `? (${status})`);
  }
  console.log(`| ${dir} | ${articles} | ${ready.toFixed(0)} | ${entities} | ${times.join(' | ')} |`);
  await page.close();
  await server.close();
}
await browser.close();
