// Your own files in the page, timed (issue 19's benchmark row): N Reuters
// articles written as realistic HTML pages (a head with meta tags, a nav, a
// cookie banner, the article, related links, a footer) imported through
// the page's folder input (the import worker parses them with the import
// core, stores the packs in OPFS, and the page indexes the collection
// anew), beside the same articles as plain text: one JSON Lines file
// imported the same way, and the same JSON Lines as the site's own pack,
// indexed in the page at load (`dateline build --index packs`). Articles
// per second for each, side by side. Timing is reported, never asserted.
//
//   node bench/import.mjs --corpus ../shared/corpora/reuters21578.jsonl \
//     --site dist --work target/bench/import [--articles 5000] [--runs 1] [--out FILE.json]
//
// `--site`: a built packs site (its page imports; its own articles, a few,
// are indexed with the imported ones). Writes the pages, the JSON Lines and
// the plain-text site under `--work` (generated, never committed).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../tests/browser/server.mjs';
import { launch } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const corpus = opt('--corpus');
const site = opt('--site', 'dist');
const work = opt('--work', 'target/bench/import');
const count = Number(opt('--articles', '5000'));
const runs = Number(opt('--runs', '1'));
const out = opt('--out');
if (!corpus) {
  console.error('usage: node bench/import.mjs --corpus FILE.jsonl [--site DIR] [--work DIR] [--articles N] [--runs N] [--out FILE]');
  process.exit(2);
}

/** Text as HTML text (the generated pages are ours, the articles are data). */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The first `count` dated articles with text. */
function articles() {
  const got = [];
  for (const line of fs.readFileSync(corpus, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line);
    if (typeof a.text !== 'string' || !a.text.trim() || !/^\d{4}-\d\d-\d\d$/.test(a.date ?? '')) continue;
    got.push({ id: String(a.id), date: a.date, title: String(a.title ?? ''), text: a.text });
    if (got.length === count) break;
  }
  return got;
}

/** A news page as publishers serve them, around one article. */
function page(a, i, all) {
  const paras = a.text.split(/\n\s*\n|\n {3,}/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const related = [1, 2, 3, 4].map((k) => all[(i + k * 37) % all.length]);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>${esc(a.title)} | Reuters Archive</title>
<meta property="og:title" content="${esc(a.title)}">
<meta property="og:site_name" content="Reuters Archive">
<meta property="article:published_time" content="${a.date}T09:00:00Z">
<meta name="description" content="${esc(paras[0]?.slice(0, 150) ?? '')}">
<link rel="canonical" href="https://archive.example/${a.date.replace(/-/g, '/')}/${esc(a.id)}">
<link rel="stylesheet" href="/static/site.css"><script src="/static/analytics.js"></script>
</head><body>
<header class="site-header"><a class="logo" href="/">Reuters Archive</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/markets">Markets</a></li><li><a href="/tech">Technology</a></li><li><a href="/about">About</a></li></ul></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. By continuing you agree to our cookie policy.</p><button>Accept</button><button>Settings</button></div>
<main><article class="story">
<h1>${esc(a.title)}</h1>
<p class="byline">By Reuters Staff · <time datetime="${a.date}">${a.date}</time></p>
${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
<aside class="related"><h2>Related stories</h2><ul>
${related.map((r) => `<li><a href="/${esc(r.id)}">${esc(r.title || r.id)}</a></li>`).join('\n')}
</ul></aside></main>
<div class="share"><button>Share</button><button>Tweet</button><button>Email</button></div>
<footer class="site-footer"><p>© Reuters Archive. All rights reserved.</p><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer>
</body></html>
`;
}

const list = articles();
const pagesDir = path.join(work, 'pages');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(pagesDir, { recursive: true });
list.forEach((a, i) => fs.writeFileSync(path.join(pagesDir, `${a.id}.html`), page(a, i, list)));
const jsonl = path.join(work, 'plain.jsonl');
fs.writeFileSync(jsonl, list.map((a) => JSON.stringify(a)).join('\n') + '\n');
const htmlBytes = list.reduce((n, a, i) => n + Buffer.byteLength(page(a, i, list)), 0);
// The same text as the site's own pack, indexed in the page at load.
const plainSite = path.join(work, 'plain-site');
execFileSync('target/release/dateline', ['build', jsonl, '--out', plainSite, '--index', 'packs', '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
console.error(`bench/import: ${list.length} articles; ${(htmlBytes / 1e6).toFixed(1)} MB of HTML, ${(fs.statSync(jsonl).size / 1e6).toFixed(1)} MB of JSON Lines`);

const browser = await launch();
/**
 * `fn` on a fresh page of `root` (its own server and browser context),
 * once the page is ready.
 * @template T
 * @param {string} root
 * @param {(page: import('playwright-core').Page) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function onPage(root, fn) {
  const server = await startServer({ root });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await page.waitForSelector('body.is-ready', { state: 'attached', timeout: 600_000 });
    return await fn(page);
  } finally {
    await context.close();
    await server.close();
  }
}

/**
 * Import `files` (a folder, or one file) into a fresh page of `root`:
 * seconds from the pick to the list showing them, indexed (checked every
 * animation frame, so the wait adds at most a frame).
 */
const imported = (root, input, files, entries) =>
  onPage(root, async (page) => {
    const t0 = Date.now();
    await page.setInputFiles(input, files);
    await page.waitForFunction(
      (n) => document.getElementById('imports')?.dataset.state === 'idle' && document.getElementById('import-list')?.dataset.files === String(n),
      entries,
      { timeout: 1_800_000 },
    );
    const secs = (Date.now() - t0) / 1000;
    const status = await page.locator('#import-status').innerText();
    const parse = Number(await page.locator('#import-count').getAttribute('data-rate'));
    return { secs, parseRate: parse, status };
  });

/** Seconds from navigation to searchable, from the page's own clock. */
const loaded = (root) => onPage(root, async (page) => ({ secs: (await page.evaluate(() => performance.now())) / 1000 }));

const results = { articles: list.length, htmlBytes, jsonlBytes: fs.statSync(jsonl).size, runs: [] };
for (let r = 0; r < runs; r++) {
  const html = await imported(site, '#import-folder', pagesDir, list.length);
  const plain = await imported(site, '#import-files', [jsonl], 1);
  const pack = await loaded(plainSite);
  results.runs.push({ html, plain, pack });
  console.error(`run ${r + 1}: HTML ${html.secs.toFixed(1)} s (parse ${html.parseRate.toFixed(0)}/s), JSONL ${plain.secs.toFixed(1)} s, pack at load ${pack.secs.toFixed(1)} s`);
}
await browser.close();

const best = (f) => Math.min(...results.runs.map(f));
const most = (f) => Math.round(Math.max(...results.runs.map(f))).toLocaleString('en');
const row = (what, secs, parse = '') =>
  `| ${what} | ${list.length.toLocaleString('en')} | ${secs.toFixed(1)} | ${Math.round(list.length / secs).toLocaleString('en')} | ${parse} |`;
const md = [
  '| in the page (Chromium) | articles | seconds (best of runs) | articles/s | import worker: parsed/s |',
  '|---|---:|---:|---:|---:|',
  row(`${list.length.toLocaleString('en')} HTML pages imported (folder input → import worker → OPFS → index)`, best((x) => x.html.secs), most((x) => x.html.parseRate)),
  row('the same text as one JSON Lines file imported (file input, same path)', best((x) => x.plain.secs), most((x) => x.plain.parseRate)),
  row('the same text as the site’s own pack, indexed at page load (navigation → searchable)', best((x) => x.pack.secs)),
].join('\n');
console.log(md);
if (out) fs.writeFileSync(out, JSON.stringify({ ...results, markdown: md }, null, 2));
