// The page as sites get it (build.sh build_shell runs this): www/ bundled by
// the pinned esbuild into OUT/ (index.html, css/style.css, js/, single/).
//
//   node tools/site/shell.mjs OUT
//
// Why bundled: each module and style sheet was a request of its own (52
// before the page could answer on a prebuilt site), and gzip compresses one
// large file better than many small ones. What it writes:
// - js/main.js, js/entity-worker.js, js/import-worker.js: the three entry
//   points (the page, its two Web Workers), each with what it imports, code
//   they share split into js/chunk-HASH.js files (esbuild --splitting), all
//   in js/ so that every `new URL(…, import.meta.url)` of the sources
//   (engine.js `siteUrl`, the workers' URLs, import-store.js's site folder)
//   resolves as it did among the sources. What is imported with `import()`
//   is only fetched when it runs (the import worker's zip writer
//   js/vendor/fflate.js, copied minified beside it; the core's glue under
//   pkg/, which build.sh writes).
// - css/style.css: www/css/style.css with its `@import`s inlined, in order.
// - index.html: www/index.html with its `modulepreload` hints replaced by the
//   bundle's own static graph of js/main.js (the chunks it imports, read
//   from esbuild's metafile), so the browser asks for every one with the
//   HTML's first round trip (`dateline build` adds the core's and the data's).
// - single/page.js: the page bundled into one module with the full core's glue
//   (`dateline build --single-file`; single-file.js is not a module of the
//   served page).
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = join(ROOT, 'www');
const PKG = join(ROOT, 'target/pkg');

const out = process.argv[2];
if (!out) {
  console.error('usage: node tools/site/shell.mjs OUT');
  process.exit(2);
}

/** The zip writer stays a file of its own, loaded by the import worker on a save. */
const fflateExternal = {
  name: 'fflate-external',
  /** @param {esbuild.PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^\.\/vendor\/fflate\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** The core's glue, which the single-file page bundles, is built into target/pkg. */
const glueInPkg = {
  name: 'glue-in-target-pkg',
  /** @param {esbuild.PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^\.\.\/pkg\/[\w.-]+\.js$/ }, (args) => ({ path: join(PKG, posix.basename(args.path)) }));
  },
};

const common = { bundle: true, format: /** @type {const} */ ('esm'), minify: true, logLevel: /** @type {const} */ ('warning') };

const js = await esbuild.build({
  ...common,
  entryPoints: ['main.js', 'entity-worker.js', 'import-worker.js'].map((f) => join(WWW, 'js', f)),
  outbase: join(WWW, 'js'),
  outdir: join(out, 'js'),
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  plugins: [fflateExternal],
});

await esbuild.build({
  ...common,
  entryPoints: [join(WWW, 'css/style.css')],
  outfile: join(out, 'css/style.css'),
});

await esbuild.build({
  ...common,
  entryPoints: [join(WWW, 'js/single-file.js')],
  outfile: join(out, 'single/page.js'),
  plugins: [glueInPkg],
});

mkdirSync(join(out, 'js/vendor'), { recursive: true });
await esbuild.build({
  ...common,
  bundle: false,
  entryPoints: [join(ROOT, 'tools/site/node_modules/fflate/esm/browser.js')],
  outfile: join(out, 'js/vendor/fflate.js'),
});

// The static graph of js/main.js in the bundle: what the browser needs before
// the page runs (dynamic imports are left to be fetched when they run).
const outputs = js.metafile.outputs;
/** @param {string} file  relative to the working directory, as the metafile names it */
const key = (file) => relative(process.cwd(), file).split('\\').join('/');
const main = key(join(out, 'js/main.js'));
if (!outputs[main]) throw new Error(`esbuild wrote no ${main}`);
const graph = new Set();
const todo = [main];
for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
  for (const imp of outputs[f]?.imports ?? []) {
    if (imp.kind === 'import-statement' && !imp.external && !graph.has(imp.path)) {
      graph.add(imp.path);
      todo.push(imp.path);
    }
  }
}
const hints = [...graph]
  .map((f) => posix.relative(key(out), f))
  .sort()
  .map((f) => `  <link rel="modulepreload" href="./${f}">\n`)
  .join('');

const html = readFileSync(join(WWW, 'index.html'), 'utf8');
const at = html.indexOf('  <link rel="modulepreload"');
if (at < 0) throw new Error('www/index.html has no modulepreload hints to replace');
const page = html.slice(0, at) + hints + html.slice(at).replace(/^ {2}<link rel="modulepreload" href="[^"]*">\n/gm, '');
writeFileSync(join(out, 'index.html'), page);

