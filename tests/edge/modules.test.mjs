// One source, two builds: the browser's full module (opt-level z, wasm-opt
// -Oz) and the server module Node and the edge load (feature `server`,
// opt-level 3, wasm-opt -O3; scripts/build.mjs step 3b). Both run here in
// one Node process — the browser's through its glue, the server's through
// www/node.js, as a Node user calls it — over every article fixture and
// every evaluation paragraph: plain, annotated with a catalog, with
// editorial notes, as a page; they must write the same bytes, the same
// annotations and the same errors. A difference would be a compiler or
// wasm-opt bug, code whose result depends on optimisation, or the server's
// UTF-16 path (`renderUtf16`) dropping a character: either way, the server
// would no longer render what the browser renders.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = `${ROOT}www/pkg/`;

const browser = await import(`${PKG}rtl_article.js`);
browser.initSync({ module: readFileSync(`${PKG}rtl_article_bg.wasm`) });
const node = await import(`${ROOT}www/node.js`);

// The same calls through each: the browser glue takes the catalog as its
// own argument (a shared handle), the Node entry as the `catalog` option.
const withCatalog = (options, catalog) => (catalog ? { ...options, catalog } : options);
const browserDoor = {
  Catalog: browser.Catalog,
  render: (a, o, c) => browser.render(a, o, c?.share()),
  renderPage: (a, o, c) => browser.renderPage(a, o, c?.share()),
  annotate: (a, o, c) => browser.annotate(a, o, c?.share()),
  importArticle: (a, o) => browser.importArticle(a, o),
};
const serverDoor = {
  Catalog: node.Catalog,
  render: (a, o, c) => node.renderToString(a, withCatalog(o, c)),
  renderPage: (a, o, c) => node.renderPage(a, withCatalog(o, c)),
  annotate: (a, o, c) => node.annotate(a, withCatalog(o, c)),
  importArticle: (a, o) => node.importArticle(a, o),
};
const doors = [browserDoor, serverDoor];

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

test('the server module is a speed build of the same module, with its own exports', () => {
  const [a, b] = ['rtl_article_bg.wasm', 'rtl_article_server_bg.wasm'].map((f) => readFileSync(PKG + f));
  assert.ok(b.length > a.length, 'the server module should be built for speed, not size');
  const exportsOf = (bytes) =>
    WebAssembly.Module.exports(new WebAssembly.Module(bytes))
      .map((e) => `${e.kind} ${e.name}`)
      .sort();
  const own = ['function renderPageUtf16', 'function renderUtf16'];
  assert.deepEqual(
    exportsOf(b).filter((e) => !own.includes(e)),
    exportsOf(a),
  );
  for (const e of own) assert.ok(exportsOf(b).includes(e), e);
  assert.ok(!exportsOf(a).some((e) => own.includes(e)), 'the browser bundle should not carry the server exports');
});

test('every article fixture renders the same through both modules', () => {
  assert.ok(fixtures.length >= 8, `fixtures: ${fixtures.map((f) => f.name)}`);
  const catalogs = doors.map((m) => new m.Catalog(demoCatalog));
  try {
    for (const { name, input, from } of fixtures) {
      const runs = [
        ['render', (m) => m.render(input, { from })],
        ['render annotated', (m, c) => m.render(input, { from, published: '2024-03-14' }, c)],
        ['render with notes', (m, c) => m.render(input, { from, notes, quotes: 'guillemets', digits: 'arabic-indic' }, c)],
        ['renderPage', (m, c) => m.renderPage(input, { from }, c)],
        ['annotate', (m, c) => m.annotate(input, { from }, c)],
        ['importArticle', (m) => m.importArticle(input, { from })],
      ];
      for (const [what, run] of runs) {
        const [a, b] = doors.map((m, i) => outcome(() => run(m, catalogs[i])));
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
  const catalogs = doors.map((m) => new m.Catalog(evalCatalog));
  try {
    for (const p of paragraphs) {
      const article = { headline: p.id, lang: 'ar', body: [{ type: 'paragraph', text: p.text }] };
      for (const [what, run] of [
        ['render', (m, c) => m.render(article, { published: p.published }, c)],
        ['annotate', (m, c) => m.annotate(article, { published: p.published }, c)],
        ['matchCount', (m, c) => c.matchCount(p.text)],
      ]) {
        const [a, b] = doors.map((m, i) => outcome(() => run(m, catalogs[i])));
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
    const [a, b] = doors.map((m) => outcome(() => m.render(input, options)));
    assert.match(a, /^error: /, input);
    assert.equal(b, a, input);
  }
});
