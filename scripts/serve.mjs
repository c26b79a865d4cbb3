// A static file server for the demo, the tests and the benchmarks. Listens
// on 127.0.0.1 only; every text type is served with `charset=utf-8` (Arabic
// text must never be sniffed as Latin-1); `.wasm` as `application/wasm` so
// `WebAssembly.instantiateStreaming` works; no directory listings; nothing
// outside the root is reachable.
//
//   node scripts/serve.mjs [--root DIR] [--port N]     (default: www/, port 8080 or the next free one)
//
//   import { startServer } from './serve.mjs';
//   const server = await startServer({ root, port: 0, headers: { 'Content-Security-Policy': '…' } });
//   server.url  // http://127.0.0.1:PORT/
//   await server.close();

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

/** The file a request path names under `root`, or null when it escapes it. */
function fileFor(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(root, `.${decoded}`);
  return file === root || file.startsWith(root + sep) ? file : null;
}

/**
 * Serve `root` on 127.0.0.1:`port` (0 picks a free port) with `headers`
 * added to every response. Resolves to `{url, port, close()}`.
 */
export async function startServer({ root, port = 0, headers = {} }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    let file = fileFor(base, pathname);
    if (!file) return send(403, 'forbidden\n');
    try {
      if ((await stat(file)).isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: `${pathname}/`, ...headers });
          return res.end();
        }
        file = resolve(file, 'index.html');
      }
      const body = await readFile(file);
      send(200, body, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    } catch {
      send(404, `not found: ${pathname}\n`);
    }
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

const main = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (main) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
  };
  const root = resolve(option('--root', fileURLToPath(new URL('../www/', import.meta.url))));
  const wanted = Number(option('--port', process.env.PORT ?? 8080));
  let server;
  // Take the next port when the wanted one is busy (another demo running).
  for (let port = wanted; !server && port < wanted + 20; port++) {
    try {
      server = await startServer({ root, port });
    } catch (err) {
      if (err.code !== 'EADDRINUSE') throw err;
    }
  }
  if (!server) {
    console.error(`serve: ports ${wanted}–${wanted + 19} are all busy; pass --port`);
    process.exit(1);
  }
  console.log(`rtl-article demo: ${server.url}`);
  console.log(`  hydrated server-rendered view: ${server.url}generated/hydrate.html`);
  console.log('  (Ctrl-C to stop)');
}
