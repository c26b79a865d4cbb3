// `npm run bench`: browser benchmarks in headless Chromium and Node
// benchmarks, printed as Markdown for BENCHMARKS.md. Each page in PAGES is
// served from the repo root on 127.0.0.1 (cross-origin isolated, so
// performance.now() is fine-grained), and exposes `window.benchmark({runs})`
// resolving to `{title, notes: [string], rows: [{column: value}]}`. Each
// script in NODE runs in its own Node process (after the pages), is given
// `--runs N` when set, and prints its own Markdown.
//
//   node scripts/bench.mjs                 every page and Node bench
//   node scripts/bench.mjs mount --runs 500
//   node scripts/bench.mjs ssr batch       Node benches only (no Chromium)

import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { ensureData } from './bench-data.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Benchmark pages; add one line per page (annotation matching goes here too). */
const PAGES = [
  { name: 'mount', path: '/benches/browser/mount.html' },
  { name: 'annotate', path: '/benches/browser/annotate.html' },
  { name: 'anchor', path: '/benches/browser/anchor.html' },
];

/** Node benchmarks: a script each, run with `node` from the repo root. */
const NODE = [
  { name: 'ssr', script: 'benches/ssr.mjs' },
  { name: 'batch', script: 'benches/batch.mjs' },
];

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

function parseArgs(argv) {
  const options = { runs: undefined, pages: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') {
      options.runs = Number(argv[++i]);
      if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs: expected a positive integer');
    } else {
      options.pages.push(argv[i]);
    }
  }
  const known = [...PAGES, ...NODE].map((p) => p.name);
  const unknown = options.pages.filter((p) => !known.includes(p));
  if (unknown.length) throw new Error(`unknown bench(es) ${unknown.join(', ')}; they are: ${known.join(', ')}`);
  return options;
}

function markdownTable(rows) {
  const columns = Object.keys(rows[0] ?? {});
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(columns),
    line(columns.map((c, i) => (i === 0 ? '---' : '---:'))),
    ...rows.map((r) => line(columns.map((c) => String(r[c] ?? '')))),
  ].join('\n');
}

const options = parseArgs(process.argv.slice(2));
const pages = options.pages.length ? PAGES.filter((p) => options.pages.includes(p.name)) : PAGES;
const nodeBenches = options.pages.length ? NODE.filter((b) => options.pages.includes(b.name)) : NODE;
for (const file of ['www/pkg/rtl_article_bg.wasm', 'www/generated/seed.json']) {
  if (!existsSync(ROOT + file)) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

// Realistic catalogs and articles (target/bench-data/), made once.
ensureData();

// The anchoring page compares `approximateMatches`, an export the shipped
// bundles leave out: it loads a full bundle built with it
// (target/bench-pkg/, `node scripts/build.mjs --bench-pkg`), rebuilt on
// every run so it is the code under test.
if (pages.some((p) => p.name === 'anchor')) {
  const built = spawnSync(process.execPath, [`${ROOT}scripts/build.mjs`, '--bench-pkg'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

/** The Node benches, each in its own process; false when one failed. */
function runNodeBenches() {
  let ok = true;
  for (const { name, script } of nodeBenches) {
    const argv = [ROOT + script, ...(options.runs ? ['--runs', String(options.runs)] : [])];
    const result = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`${name}: ${script} failed (exit ${result.status ?? result.signal})`);
      ok = false;
    }
    console.log('');
  }
  return ok;
}

if (!pages.length) {
  console.log(`Command: \`npm run bench -- ${process.argv.slice(2).join(' ')}\`\n`);
  process.exit(runNodeBenches() ? 0 : 1);
}

const server = await startServer({
  root: ROOT,
  port: 0,
  headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
let failed = false;
try {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\``);
  console.log(`Chromium ${browser.version()} headless, ${cpu} × ${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
  for (const { name, path } of pages) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location()?.url ?? '')) errors.push(m.text());
    });
    await page.goto(new URL(path, server.url).href);
    await page.waitForFunction(() => window.benchmarkReady === true, null, { timeout: 30_000 });
    try {
      const result = await page.evaluate((opts) => window.benchmark(opts), { runs: options.runs });
      console.log(`### ${result.title}\n`);
      console.log(markdownTable(result.rows));
      if (result.notes?.length) console.log(`\n${result.notes.map((n) => `- ${n}`).join('\n')}`);
      console.log('');
    } catch (err) {
      failed = true;
      console.error(`${name}: ${err.message}`);
    }
    if (errors.length) {
      failed = true;
      console.error(`${name}: page errors:\n  ${errors.join('\n  ')}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (!runNodeBenches()) failed = true;
process.exit(failed ? 1 : 0);
