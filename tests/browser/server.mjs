// A tiny static file server for the browser tests (node:http, no
// dependencies), or, with `http2`, over HTTP/2 and TLS (node:http2) as
// static hosts serve sites: every request of a page on one connection,
// not six at a time.
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
//   http2          HTTP/2 over TLS with a certificate made for the run by the
//                  `openssl` command (self-signed: the browser must be told to
//                  accept it, Chromium's --ignore-certificate-errors); the URL
//                  is then https://
//
// Also runs by hand: node tests/browser/server.mjs DIR [--port 8000] [--prefix /sub/dir/] [--wrong-wasm-mime]

import http from 'node:http';
import http2 from 'node:http2';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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
 * A self-signed certificate for 127.0.0.1, made once per process.
 * @type {{key: Buffer, cert: Buffer}|null}
 */
let selfSigned = null;

/** @returns {{key: Buffer, cert: Buffer}} */
function certificate() {
  if (selfSigned) return selfSigned;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-tls-'));
  try {
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
    selfSigned = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
    return selfSigned;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {{root: string, prefix?: string, wrongWasmMime?: boolean, port?: number, http2?: boolean}} opts
 * @returns {Promise<{url: string, origin: string, port: number, requests: string[], close: () => Promise<void>}>}
 */
export function startServer({ root, prefix = '/', wrongWasmMime = false, port = 0, http2: h2 = false }) {
  const base = path.resolve(root);
  if (!fs.statSync(base, { throwIfNoEntry: false })?.isDirectory()) {
    return Promise.reject(new Error(`startServer: ${base} is not a directory`));
  }
  if (!prefix.startsWith('/')) prefix = `/${prefix}`;
  if (!prefix.endsWith('/')) prefix = `${prefix}/`;
  /** Paths requested, for tests that want to check them. */
  const requests = [];

  /** @param {any} req @param {any} res */
  const handle = (req, res) => {
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
  };
  /** Open HTTP/2 sessions, closed with the server (it has no closeAllConnections). @type {Set<import('node:http2').ServerHttp2Session>} */
  const sessions = new Set();
  const server = h2 ? http2.createSecureServer({ ...certificate(), allowHTTP1: true }, handle) : http.createServer(handle);
  if (h2) {
    server.on('session', (/** @type {import('node:http2').ServerHttp2Session} */ s) => {
      sessions.add(s);
      s.on('close', () => sessions.delete(s));
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
      const origin = `${h2 ? 'https' : 'http'}://127.0.0.1:${addr.port}`;
      resolve({
        url: `${origin}${prefix}`,
        origin,
        port: addr.port,
        requests,
        close: () =>
          new Promise((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            for (const s of sessions) s.destroy();
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
