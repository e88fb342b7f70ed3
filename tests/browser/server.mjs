// A tiny static file server for the browser tests (node:http, no dependencies).
//
//   import { startServer } from './server.mjs';
//   const server = await startServer({ root: 'dist', prefix: '/sub/dir/', wrongWasmMime: true });
//   server.url  // 'http://127.0.0.1:PORT/sub/dir/'
//   await server.close();
//
// Options:
//   root           directory to serve
//   prefix         URL path the directory appears under (default '/'); a request
//                  for the prefix without its trailing slash is redirected to it
//   wrongWasmMime  serve .wasm as application/octet-stream instead of application/wasm
//   port           default 0 (any free port); host is always 127.0.0.1
//
// Also runs by hand: node tests/browser/server.mjs DIR [--port 8000] [--prefix /sub/dir/] [--wrong-wasm-mime]

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pack': 'application/octet-stream',
};

/**
 * @param {{root: string, prefix?: string, wrongWasmMime?: boolean, port?: number}} opts
 * @returns {Promise<{url: string, origin: string, port: number, requests: string[], close: () => Promise<void>}>}
 */
export function startServer({ root, prefix = '/', wrongWasmMime = false, port = 0 }) {
  const base = path.resolve(root);
  if (!fs.statSync(base, { throwIfNoEntry: false })?.isDirectory()) {
    return Promise.reject(new Error(`startServer: ${base} is not a directory`));
  }
  if (!prefix.startsWith('/')) prefix = `/${prefix}`;
  if (!prefix.endsWith('/')) prefix = `${prefix}/`;
  /** Paths requested, for tests that want to check them. */
  const requests = [];

  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad request');
    }
    requests.push(pathname);
    if (`${pathname}/` === prefix) return send(301, '', { Location: prefix });
    if (!pathname.startsWith(prefix)) return send(404, 'not found', { 'Content-Type': 'text/plain' });
    let file = path.join(base, pathname.slice(prefix.length));
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, 'forbidden');
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, '', { Location: `${pathname}/` });
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) return send(404, 'not found', { 'Content-Type': 'text/plain' });
    const ext = path.extname(file).toLowerCase();
    let type = TYPES[ext] ?? 'application/octet-stream';
    if (ext === '.wasm' && wrongWasmMime) type = 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': stat.size, 'Cache-Control': 'no-store' });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
      const origin = `http://127.0.0.1:${addr.port}`;
      resolve({
        url: `${origin}${prefix}`,
        origin,
        port: addr.port,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const port = Number(opt('--port') ?? 8000);
  const prefix = opt('--prefix') ?? '/';
  const wrong = args.includes('--wrong-wasm-mime');
  const root = args.filter((a) => !a.startsWith('--'))[0] ?? 'dist';
  const s = await startServer({ root, prefix, port, wrongWasmMime: wrong });
  console.log(`serving ${path.resolve(root)} at ${s.url}${wrong ? ' (.wasm as application/octet-stream)' : ''}`);
}
