// The size budgets: every reader downloads one of the two bundles, so
// neither may grow past size-budget.json unnoticed. The reader bundle is
// what a server-rendered page loads; the full bundle what a page that
// renders in the browser loads (it includes the reader's live layer).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const budget = JSON.parse(readFileSync(`${ROOT}size-budget.json`, 'utf8'));

// The shipped files of each bundle, as the dist build lists them.
const listed = existsSync(`${ROOT}www/dist/bundles.json`)
  ? JSON.parse(readFileSync(`${ROOT}www/dist/bundles.json`, 'utf8'))
  : {};

for (const [name, bundle] of Object.entries(budget.bundles ?? {})) {
  test(`the ${name} bundle stays within its gzip budget`, () => {
    assert.ok(Number.isInteger(bundle.gzipBytes) && bundle.gzipBytes > 0, `${name}: gzipBytes must be a positive integer`);
    const files = listed[name];
    assert.ok(Array.isArray(files) && files.length > 0, `www/dist/bundles.json lists no ${name} files: run \`npm run build\` first`);
    // Every bundle is the minified shell, its wasm and the stylesheet.
    assert.ok(files.some((f) => f.endsWith('.wasm')) && files.includes('www/dist/rtl-article.css'), `${name}: ${files}`);
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      assert.ok(existsSync(ROOT + file), `${file} is missing: run \`npm run build\` first`);
      const bytes = readFileSync(ROOT + file);
      const zipped = gzipSync(bytes, { level: 9 }).length;
      console.log(`# ${name}: ${file}: ${bytes.length} bytes raw, ${zipped} bytes gzip`);
      raw += bytes.length;
      gzip += zipped;
    }
    console.log(`# ${name}: total ${raw} bytes raw, ${gzip} bytes gzip; budget ${bundle.gzipBytes} bytes gzip`);
    assert.ok(gzip <= bundle.gzipBytes, `${name}: gzip total ${gzip} bytes exceeds the budget of ${bundle.gzipBytes} bytes`);
  });
}

test('the reader bundle does not load the full bundle', () => {
  const reader = listed.reader ?? [];
  assert.ok(!reader.some((f) => f.includes('rtl_article_bg.wasm') || f.endsWith('/full.js')), `${reader}`);
});

test('both bundles are budgeted', () => {
  assert.deepEqual(Object.keys(budget.bundles ?? {}).sort(), ['full', 'reader']);
});

test('the reader bundle carries no importer, renderer or recognizer', () => {
  // Its exports are the live layer's; the full bundle's own names are absent.
  const glue = readFileSync(`${ROOT}www/pkg/rtl_article_reader.js`, 'utf8');
  for (const name of ['hydrate', 'locate', 'position', 'localLoad', 'localSave']) {
    assert.match(glue, new RegExp(`export function ${name}\\b`), `reader exports ${name}`);
  }
  for (const name of ['render', 'renderPage', 'annotate', 'importArticle', 'mount', 'enhance', 'Catalog']) {
    assert.doesNotMatch(glue, new RegExp(`export (function|class) ${name}\\b`), `reader must not export ${name}`);
  }
  // And no recognizer data: month names, the stylesheet, the lexicon.
  const wasm = readFileSync(`${ROOT}www/pkg/rtl_article_reader_bg.wasm`).toString('latin1');
  for (const marker of ['ca-gregorian', '--rtl-article-font', 'unknown block type']) {
    assert.ok(!wasm.includes(marker), `the reader wasm contains ${JSON.stringify(marker)}`);
  }
  const full = readFileSync(`${ROOT}www/pkg/rtl_article_bg.wasm`).toString('latin1');
  assert.ok(full.includes('--rtl-article-font'), 'the marker check reads the bytes it should');
});
