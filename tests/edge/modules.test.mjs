// One source, two builds: the browser's full module (opt-level z, wasm-opt
// -Oz) and the server module Node and the edge load (opt-level 3, wasm-opt
// -O3; scripts/build.mjs step 3b). Both run here in one Node process, each
// with its own instance of the same glue, over every article fixture and
// every evaluation paragraph — plain, annotated with a catalog, with
// editorial notes, as a page — and must write the same bytes, the same
// annotations and the same errors. A difference would be a compiler or
// wasm-opt bug, or code whose result depends on optimisation (an
// uninitialised read, a float's last bit): either way, the server would no
// longer render what the browser renders.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = `${ROOT}www/pkg/`;

/** The glue module, instantiated afresh (a query makes it a second module). */
async function instance(tag, wasm) {
  const glue = await import(`${PKG}rtl_article.js?${tag}`);
  glue.initSync({ module: readFileSync(PKG + wasm) });
  return glue;
}

const browser = await instance('browser', 'rtl_article_bg.wasm');
const server = await instance('server', 'rtl_article_server_bg.wasm');

/** What a call gives, or the error it throws, as comparable text. */
function outcome(call) {
  try {
    const value = call();
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch (err) {
    return `error: ${err?.message ?? err}`;
  }
}

const fixtures = readdirSync(`${ROOT}tests/fixtures`)
  .filter((f) => /^(article-|seed-|scraped-|annotate-).*\.(json|txt)$/.test(f))
  .map((f) => ({
    name: f,
    input: readFileSync(`${ROOT}tests/fixtures/${f}`, 'utf8'),
    from: f.endsWith('.txt') ? 'text' : 'json',
  }));
const paragraphs = JSON.parse(readFileSync(`${ROOT}tests/eval/paragraphs.json`, 'utf8'));
const evalCatalog = readFileSync(`${ROOT}tests/eval/catalog.json`, 'utf8');
const demoCatalog = readFileSync(`${ROOT}www/demo/catalog.json`, 'utf8');
const notes = JSON.parse(readFileSync(`${ROOT}www/demo/notes.json`, 'utf8'));

test('the server module is a different build of the same module', () => {
  const [a, b] = ['rtl_article_bg.wasm', 'rtl_article_server_bg.wasm'].map((f) => readFileSync(PKG + f));
  assert.notDeepEqual(a, b, 'the server module should be built for speed, not copied');
  const exportsOf = (bytes) =>
    WebAssembly.Module.exports(new WebAssembly.Module(bytes))
      .map((e) => `${e.kind} ${e.name}`)
      .sort();
  assert.deepEqual(exportsOf(b), exportsOf(a));
});

test('every article fixture renders the same through both modules', () => {
  assert.ok(fixtures.length >= 8, `fixtures: ${fixtures.map((f) => f.name)}`);
  const catalogs = [browser, server].map((m) => new m.Catalog(demoCatalog));
  try {
    for (const { name, input, from } of fixtures) {
      const runs = [
        ['render', (m) => m.render(input, { from })],
        ['render annotated', (m, c) => m.render(input, { from, published: '2024-03-14' }, c.share())],
        ['render with notes', (m, c) => m.render(input, { from, notes, quotes: 'guillemets', digits: 'arabic-indic' }, c.share())],
        ['renderPage', (m, c) => m.renderPage(input, { from }, c.share())],
        ['annotate', (m, c) => m.annotate(input, { from }, c.share())],
        ['importArticle', (m) => m.importArticle(input, { from })],
      ];
      for (const [what, run] of runs) {
        const [a, b] = [browser, server].map((m, i) => outcome(() => run(m, catalogs[i])));
        assert.doesNotMatch(a, /^error/, `${name}, ${what}`);
        assert.equal(b, a, `${name}, ${what}`);
      }
    }
  } finally {
    for (const c of catalogs) c.free();
  }
});

test('every evaluation paragraph annotates the same through both modules', () => {
  assert.ok(paragraphs.length >= 200);
  const catalogs = [browser, server].map((m) => new m.Catalog(evalCatalog));
  try {
    for (const p of paragraphs) {
      const article = { headline: p.id, lang: 'ar', body: [{ type: 'paragraph', text: p.text }] };
      for (const [what, run] of [
        ['render', (m, c) => m.render(article, { published: p.published }, c.share())],
        ['annotate', (m, c) => m.annotate(article, { published: p.published }, c.share())],
        ['matchCount', (m, c) => c.matchCount(p.text)],
      ]) {
        const [a, b] = [browser, server].map((m, i) => outcome(() => run(m, catalogs[i])));
        assert.doesNotMatch(a, /^error/, `${p.id}, ${what}`);
        assert.equal(b, a, `${p.id}, ${what}`);
      }
    }
    // Compiled catalogs are interchangeable: the binary form one writes,
    // the other reads to the same matches.
    const bytes = catalogs[1].toBytes();
    assert.deepEqual(bytes, catalogs[0].toBytes());
    const loaded = browser.Catalog.fromBytes(bytes);
    try {
      assert.equal(loaded.matchCount(paragraphs[0].text), catalogs[1].matchCount(paragraphs[0].text));
    } finally {
      loaded.free();
    }
  } finally {
    for (const c of catalogs) c.free();
  }
});

test('bad input gets the same error from both modules', () => {
  for (const [input, options] of [
    ['{"headline": 5}', {}],
    ['{"headline": "x", "body": [{"type": "paragraph"}]}', {}],
    ['not json', {}],
    ['{"headline": "x", "body": []}', { quotes: 'sideways' }],
    ['', { from: 'text' }],
  ]) {
    const [a, b] = [browser, server].map((m) => outcome(() => m.render(input, options)));
    assert.match(a, /^error: /, input);
    assert.equal(b, a, input);
  }
});
