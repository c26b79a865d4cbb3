// `npm run bench`: browser benchmarks in headless Chromium, printed as
// Markdown for BENCHMARKS.md. Each page in PAGES is served from the repo
// root on 127.0.0.1 (cross-origin isolated, so performance.now() is fine-
// grained), and exposes `window.benchmark({runs})` resolving to
// `{title, notes: [string], rows: [{column: value}]}`.
//
//   node scripts/bench.mjs                 every page
//   node scripts/bench.mjs mount --runs 500

import os from 'node:os';
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
  const unknown = options.pages.filter((p) => !PAGES.some((x) => x.name === p));
  if (unknown.length) throw new Error(`unknown page(s) ${unknown.join(', ')}; pages are: ${PAGES.map((p) => p.name).join(', ')}`);
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
for (const file of ['www/pkg/rtl_article_bg.wasm', 'www/generated/seed.json']) {
  if (!existsSync(ROOT + file)) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

// Realistic catalogs and articles (target/bench-data/), made once.
ensureData();

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
process.exit(failed ? 1 : 0);
