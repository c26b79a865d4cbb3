// The npm package as users get it: `npm pack`, install the tarball into
// empty folders and use it from a plain page with an import map, from Node
// ESM, and through a Vite build — each rendering the article for real.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];
const ARTICLE = {
  headline: 'روسيا ترفض أي اتفاق',
  body: [{ type: 'paragraph', text: 'نقلت وكالة Interfax عن المصدر بتاريخ 2017/5/15' }],
};

let work;
let tarball;
let packed;
let browser;

function npm(args, cwd) {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** An empty project folder with the tarball (and `extra` packages) installed. */
function project(name, extra = []) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  npm(['install', tarball, ...extra], dir);
  return dir;
}

/** Serve `dir`, open `path` in Chromium, return what the first <rtl-article> shows. */
async function renderedIn(dir, path) {
  const server = await startServer({ root: dir, port: 0 });
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => {
    // Chromium's own favicon probe 404s on these bare folders; not our doing.
    if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location()?.url ?? '')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(new URL(path, server.url).href);
    await page.waitForFunction(
      () => document.querySelector('rtl-article')?.shadowRoot?.querySelector('article h1'),
      null,
      { timeout: 20_000 },
    );
    const seen = await page.evaluate(() => {
      const article = document.querySelector('rtl-article').shadowRoot.querySelector('article');
      return {
        dir: article.getAttribute('dir'),
        headline: article.querySelector('h1').textContent,
        isolated: article.querySelector('bdi[dir="ltr"]')?.textContent ?? null,
      };
    });
    return { ...seen, problems };
  } finally {
    await page.close();
    await server.close();
  }
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'rtl-article-pack-'));
  assert.ok(existsSync(`${ROOT}www/pkg/rtl_article_bg.wasm`), 'run `npm run build` before the packaging test');
  // --ignore-scripts: the build already ran; packing must not rebuild.
  const out = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
  packed = JSON.parse(out)[0];
  tarball = join(work, packed.filename);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball ships the wasm, types and stylesheet, and no sources', () => {
  const files = packed.files.map((f) => f.path);
  const report = `tarball: ${files.join(', ')}`;
  assert.ok(files.includes('www/pkg/rtl_article_bg.wasm'), report);
  // The speed-built module Node and the edge load.
  assert.ok(files.includes('www/pkg/rtl_article_server.js') && files.includes('www/pkg/rtl_article_server_bg.wasm'), report);
  assert.ok(files.includes('www/pkg/rtl_article.js'), report);
  assert.ok(files.includes('www/dist/rtl-article.js'), report);
  assert.ok(files.includes('www/dist/full.js'), report);
  assert.ok(files.includes('www/node.js'), report);
  assert.ok(files.includes('www/dist/rtl-article.css'), report);
  // The browser ships minified: the unminified shell is not packed twice.
  assert.ok(!files.includes('www/rtl-article.js') && !files.includes('www/layer.js'), report);
  assert.ok(files.some((f) => f.endsWith('.d.ts')), report);
  assert.ok(files.includes('package.json'), report);
  for (const f of files) {
    assert.ok(!/^(src|target|tests|node_modules|benches|scripts|artifacts)\//.test(f), `${f} should not be packed`);
    assert.ok(!f.endsWith('.tgz') && !f.endsWith('.rs'), `${f} should not be packed`);
  }
  console.log(`# ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${files.length} files`);
});

test('a plain page with an import map renders the element', async () => {
  const dir = project('plain-page');
  writeFileSync(join(dir, 'article.json'), JSON.stringify(ARTICLE));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>plain</title>
<script type="importmap">{"imports": {"rtl-article": "./node_modules/rtl-article/www/dist/rtl-article.js"}}</script>
<script type="module">import 'rtl-article';</script>
</head><body><rtl-article src="article.json"></rtl-article></body></html>`,
  );
  const seen = await renderedIn(dir, '/index.html');
  assert.equal(seen.dir, 'rtl');
  assert.equal(seen.headline, ARTICLE.headline);
  assert.equal(seen.isolated, 'Interfax');
  assert.deepEqual(seen.problems, []);
});

test('Node ESM renders through rtl-article/node and the "." node condition', () => {
  const dir = project('node-app');
  writeFileSync(
    join(dir, 'check.mjs'),
    `import { renderToString } from 'rtl-article/node';
import * as main from 'rtl-article';
const article = ${JSON.stringify(ARTICLE)};
const viaNode = await renderToString(article);
const viaMain = await main.renderToString(article);
console.log(JSON.stringify({ viaNode, same: viaNode === viaMain }));`,
  );
  const out = JSON.parse(execFileSync('node', ['check.mjs'], { cwd: dir, encoding: 'utf8' }));
  assert.match(out.viaNode, /^<article dir="rtl" lang="ar" class="rtl-article">/);
  assert.ok(out.viaNode.includes(`<h1 data-text="headline">${ARTICLE.headline}</h1>`));
  assert.ok(out.viaNode.includes('<bdi dir="ltr" lang="en">Interfax</bdi>'));
  assert.ok(out.same, 'rtl-article (node condition) and rtl-article/node differ');
});

test('the "workerd" and "worker" conditions resolve to the edge entry, "./full" to the full bundle', () => {
  const dir = project('edge-app');
  const resolve = (conditions, specifier) =>
    execFileSync(
      'node',
      [...conditions.map((c) => `--conditions=${c}`), '--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(specifier)}))`],
      { cwd: dir, encoding: 'utf8' },
    ).trim();
  assert.match(resolve(['workerd'], 'rtl-article'), /node_modules\/rtl-article\/www\/edge\.js$/);
  assert.match(resolve(['worker'], 'rtl-article'), /\/www\/edge\.js$/);
  assert.match(resolve([], 'rtl-article/edge'), /\/www\/edge\.js$/);
  assert.match(resolve([], 'rtl-article/full'), /\/www\/dist\/full\.js$/);
  assert.match(resolve(['browser'], 'rtl-article'), /\/www\/dist\/rtl-article\.js$/);
  // Everything the edge entry imports is in the tarball.
  for (const file of ['www/edge.js', 'www/server.js', 'www/catalog-option.js', 'www/pkg/rtl_article_server.js', 'www/pkg/rtl_article_server_bg.wasm']) {
    assert.ok(existsSync(join(dir, 'node_modules/rtl-article', file)), file);
  }
});

test('a Vite 7 build bundles the package, emits the .wasm and renders', { timeout: 300_000 }, async () => {
  const dir = project('vite-app', ['vite@7']);
  writeFileSync(join(dir, 'index.html'), `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>vite</title>
<script type="module" src="/main.js"></script></head>
<body><main id="app"></main></body></html>`);
  writeFileSync(join(dir, 'main.js'), `import 'rtl-article';
const el = document.createElement('rtl-article');
const data = document.createElement('script');
data.type = 'application/json';
data.textContent = ${JSON.stringify(JSON.stringify(ARTICLE))};
el.append(data);
document.getElementById('app').append(el);`);
  execFileSync(join(dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const assets = readdirSync(join(dir, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `no .wasm emitted: ${assets.join(', ')}`);
  const seen = await renderedIn(join(dir, 'dist'), '/index.html');
  assert.equal(seen.dir, 'rtl');
  assert.equal(seen.headline, ARTICLE.headline);
  assert.equal(seen.isolated, 'Interfax');
  assert.deepEqual(seen.problems, []);
});
