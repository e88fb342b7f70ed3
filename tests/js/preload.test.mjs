// index.html names the page's whole static module graph as `modulepreload`
// hints, so the browser fetches every module in the first round trip after
// the HTML instead of discovering them import by import (a module that is
// not hinted costs a round trip per level of imports before the page can
// answer: measured with bench/network.mjs). And it names nothing else: a
// hint no module needs is a download for nothing and a console warning.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = resolve(dirname(fileURLToPath(import.meta.url)), '../../www');

/**
 * The modules `file` (relative to www/) imports statically, relative to www/:
 * `import … from './x.js'` and `import './x.js'`, not `import()` (loaded on
 * demand) and not the core's glue under pkg/ (`dateline build` hints the one
 * a site ships).
 * @param {string} file
 * @returns {string[]}
 */
function staticImports(file) {
  const text = readFileSync(join(WWW, file), 'utf8');
  const out = [];
  for (const m of text.matchAll(/^\s*import\s+(?:[^'"()]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    const target = posix.normalize(posix.join(posix.dirname(file), m[1]));
    if (!target.startsWith('pkg/')) out.push(target);
  }
  return out;
}

/** @param {string} entry */
function graph(entry) {
  const seen = new Set([entry]);
  const todo = [entry];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    for (const g of staticImports(f)) {
      if (!seen.has(g)) {
        seen.add(g);
        todo.push(g);
      }
    }
  }
  return seen;
}

test('index.html hints exactly the static module graph of its entry script', () => {
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const entry = html.match(/<script type="module" src="\.\/([^"]+)"><\/script>/);
  assert.ok(entry, 'index.html loads one module script');
  const hinted = new Set([...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)">/g)].map((m) => m[1]));
  const needed = graph(entry[1]);
  needed.delete(entry[1]);
  assert.ok(needed.size > 10, `the graph was read (${needed.size} modules)`);
  const missing = [...needed].filter((f) => !hinted.has(f)).sort();
  const extra = [...hinted].filter((f) => !needed.has(f)).sort();
  assert.deepEqual(missing, [], 'every module the page imports is hinted');
  assert.deepEqual(extra, [], 'no hint for a module the page does not import');
});

// The page as sites get it (target/shell, made by ./build.sh build: the JS
// bundled by tools/site/shell.mjs) names, in place of the sources' hints, the
// bundle's own static graph: the chunks js/main.js imports, and nothing else.
test('the built page hints exactly the static chunk graph of its bundled entry', () => {
  const shell = resolve(WWW, '../target/shell');
  const html = readFileSync(join(shell, 'index.html'), 'utf8');
  const entry = html.match(/<script type="module" src="\.\/([^"]+)"><\/script>/);
  assert.ok(entry, 'index.html loads one module script');
  assert.equal(entry[1], 'js/main.js');
  const styles = [...html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(styles, ['css/style.css'], 'one style sheet');
  /** @param {string} file  relative to the shell */
  const imports = (file) =>
    [...readFileSync(join(shell, file), 'utf8').matchAll(/(?:^|[;}\s])import\s*(?:[\w$,{}*\s]*?from\s*)?["'](\.\/[^"']+)["']/g)].map(
      (m) => posix.join(posix.dirname(file), m[1]),
    );
  const needed = new Set();
  const todo = [entry[1]];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    for (const g of imports(f)) {
      if (!needed.has(g)) {
        needed.add(g);
        todo.push(g);
      }
    }
  }
  const hinted = new Set([...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)">/g)].map((m) => m[1]));
  assert.deepEqual([...hinted].sort(), [...needed].sort());
});
