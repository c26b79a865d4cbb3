// `npm run edge`: the example worker (examples/edge/worker.js) under workerd,
// Cloudflare's runtime, from the `workerd` npm package, on 127.0.0.1. Builds
// first when the bundles are missing. Prints the URL and serves until stopped.
//
//   node scripts/edge.mjs [--port N]      (default 8787, or the next free port)
//
//   import { startEdge } from './edge.mjs';
//   const edge = await startEdge({ port: 0 });   // a free port
//   edge.url  // http://127.0.0.1:PORT/
//   await edge.close();

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CONFIG = `${ROOT}examples/edge/config.capnp`;
const WORKERD = `${ROOT}node_modules/.bin/workerd`;
const NEEDS = ['www/pkg/rtl_article_server.js', 'www/pkg/rtl_article_server_bg.wasm', 'www/generated/seed.json'];

/** A free TCP port on 127.0.0.1 (`preferred` when it is free). */
function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err) => (preferred ? resolve(freePort(0)) : reject(err)));
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Wait until `url` answers (workerd takes a moment to compile the wasm). */
async function ready(url, child, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok || response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`workerd did not answer ${url} within ${timeoutMs} ms`);
}

/**
 * Start the example worker (or the one `config` names) under workerd on
 * 127.0.0.1:`port` (0: a free one). Resolves to `{url, port, close(),
 * output()}` once it answers.
 */
export async function startEdge({ port = 0, config = CONFIG } = {}) {
  for (const file of NEEDS) {
    if (!existsSync(ROOT + file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  if (!existsSync(WORKERD)) throw new Error('node_modules/.bin/workerd is missing: run `npm ci`');
  const chosen = await freePort(port);
  const child = spawn(WORKERD, ['serve', config, '--socket-addr', `http=127.0.0.1:${chosen}`], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${chosen}/`;
  try {
    await ready(url, child);
  } catch (err) {
    child.kill();
    throw new Error(`${err.message}\n${log}`);
  }
  return {
    url,
    port: chosen,
    output: () => log,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8787;
  if (NEEDS.some((f) => !existsSync(ROOT + f))) {
    const build = spawnSync('node', [`${ROOT}scripts/build.mjs`], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const edge = await startEdge({ port });
  console.log(`rtl-article at the edge (${spawnSync(WORKERD, ['--version'], { encoding: 'utf8' }).stdout.trim()}): ${edge.url}`);
  console.log(`  ${edge.url}articles/seed            the seed article, a complete page`);
  console.log(`  ${edge.url}articles/seed?fragment=1 its <article> fragment`);
  console.log(`  POST ${edge.url}render           render the JSON (or ?from=text) in the body`);
  const stop = async () => {
    await edge.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
