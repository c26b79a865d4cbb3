// The edge worker's costs against the Workers platform limits: the size of
// what is uploaded (compressed, as the limit counts it), the first request
// of a fresh isolate (wasm instantiated, catalog compiled) and the steady
// per-request time over loopback, which bounds the CPU time a request uses;
// and the same render in Node, the same wasm, for the pure CPU cost.
//
//   npm run build && node benches/edge.mjs [--requests N]

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startEdge } from '../scripts/edge.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const i = process.argv.indexOf('--requests');
const REQUESTS = i > 0 ? Number(process.argv[i + 1]) : 300;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

// What `wrangler deploy` uploads: the worker's modules.
const modules = [
  'examples/edge/worker.js',
  'www/edge.js',
  'www/server.js',
  'www/catalog-option.js',
  'www/pkg/rtl_article_server.js',
  'www/pkg/rtl_article_server_bg.wasm',
  'www/generated/seed.json',
  'www/demo/catalog.json',
];
let raw = 0;
let gzip = 0;
for (const m of modules) {
  const bytes = readFileSync(ROOT + m);
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}

const cold = [];
for (let k = 0; k < 5; k++) {
  const edge = await startEdge({ port: 0 });
  const t0 = performance.now();
  const r = await fetch(`${edge.url}articles/seed`);
  await r.text();
  cold.push(performance.now() - t0);
  await edge.close();
}

const edge = await startEdge({ port: 0 });
const warm = [];
for (let k = 0; k < REQUESTS + 20; k++) {
  const t0 = performance.now();
  const r = await fetch(`${edge.url}articles/seed`);
  await r.text();
  if (k >= 20) warm.push(performance.now() - t0);
}
const empty = [];
for (let k = 0; k < REQUESTS; k++) {
  const t0 = performance.now();
  const r = await fetch(`${edge.url}nothing`);
  await r.text();
  empty.push(performance.now() - t0);
}
await edge.close();

const { renderPage, Catalog } = await import('../www/node.js');
const seed = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
const catalog = new Catalog(readFileSync(`${ROOT}www/demo/catalog.json`, 'utf8'));
const node = [];
for (let k = 0; k < REQUESTS + 20; k++) {
  const t0 = performance.now();
  renderPage(seed, { catalog });
  if (k >= 20) node.push(performance.now() - t0);
}

const ms = (x) => x.toFixed(2);
console.log(`Command: \`node benches/edge.mjs\` (${REQUESTS} requests)\n`);
console.log('| what | median ms | p90 ms |');
console.log('| --- | ---: | ---: |');
console.log(`| first request of a fresh isolate (wasm instantiated, catalog compiled, page rendered) | ${ms(median(cold))} | ${ms(quantile(cold, 0.9))} |`);
console.log(`| /articles/seed, warm isolate (annotated page, over loopback) | ${ms(median(warm))} | ${ms(quantile(warm, 0.9))} |`);
console.log(`| a 404 from the same worker (the HTTP round trip alone) | ${ms(median(empty))} | ${ms(quantile(empty, 0.9))} |`);
console.log(`| \`renderPage(seed, {catalog})\` in Node, same wasm (CPU only) | ${ms(median(node))} | ${ms(quantile(node, 0.9))} |`);
console.log(`\nUploaded modules: ${raw} bytes, ${gzip} bytes gzip (${modules.length} modules).`);
