// The groundwork for anchoring: every text of the seed, rendered on the
// server, is a `data-text` container whose text is the model's text, and
// every DOM position in it maps to the right text and code-point offset
// (`locate`) and back (`position`) — with the typography options too, which
// change characters one for one. Positions outside the containers (labels,
// dates the renderer wrote) map to nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, openPage, useBrowser } from './helpers.mjs';

const ctx = useBrowser();

/** A page with the server-rendered `markup` and the reader bundle loaded. */
async function page(markup) {
  const opened = await openPage(ctx.browser);
  const url = ctx.url('/tests/browser/pages/offsets.html');
  await opened.page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<link rel="stylesheet" href="/www/dist/rtl-article.css">
<script type="module">
import { initReader, locate, position } from '/www/dist/rtl-article.js';
await initReader();
window.offsets = { locate, position };
window.offsetsReady = true;
</script></head><body><main id="host">${markup}</main></body></html>`,
    }),
  );
  await opened.page.goto(url);
  await opened.page.waitForFunction(() => window.offsetsReady === true, null, { timeout: 20_000 });
  return opened;
}

/** In the page: check every container against the model's `texts`. */
function checkAll(texts) {
  const host = document.getElementById('host');
  const { locate, position } = window.offsets;
  const problems = [];
  const containers = [...host.querySelectorAll('[data-text]')];
  const ids = containers.map((c) => c.dataset.text);
  if (JSON.stringify(ids) !== JSON.stringify(texts.map((t) => t.id))) {
    problems.push(`containers ${JSON.stringify(ids)} are not the texts ${JSON.stringify(texts.map((t) => t.id))}`);
  }
  let positions = 0;
  for (const { id, text } of texts) {
    const container = containers.find((c) => c.dataset.text === id);
    if (!container) continue;
    const chars = [...text];
    const shown = [...container.textContent];
    if (shown.length !== chars.length) problems.push(`${id}: ${shown.length} characters shown, ${chars.length} in the model`);
    // Every position inside every text node maps to the running count.
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    let before = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const units = node.data;
      let charsIn = 0;
      for (let unit = 0; unit <= units.length; unit++) {
        const inside = unit > 0 && unit < units.length && units.charCodeAt(unit - 1) >= 0xd800 && units.charCodeAt(unit - 1) <= 0xdbff;
        if (inside) continue; // between the halves of a surrogate pair
        const at = locate(node, unit);
        positions++;
        if (!at || at.text !== id || at.offset !== before + charsIn) {
          problems.push(`${id}: text node @${unit} → ${JSON.stringify(at)}, expected offset ${before + charsIn}`);
        }
        if (unit < units.length) charsIn++;
      }
      before += [...units].length;
    }
    // And back: each code point's DOM position holds that character.
    for (let offset = 0; offset <= chars.length; offset++) {
      const at = position(host, id, offset);
      if (!at) {
        problems.push(`${id}@${offset}: no position`);
        continue;
      }
      const range = document.createRange();
      range.setStart(at.node, at.offset);
      const back = locate(range.startContainer, range.startOffset);
      if (back?.text !== id || back?.offset !== offset) problems.push(`${id}@${offset} → ${JSON.stringify(back)}`);
      if (offset < chars.length) {
        const ch = String.fromCodePoint(at.node.data.codePointAt(at.offset));
        if (ch !== shown[offset]) problems.push(`${id}@${offset}: ${ch} is not ${shown[offset]}`);
      }
    }
    // An element boundary: the container itself, before its first child.
    const start = locate(container, 0);
    if (start?.text !== id || start?.offset !== 0) problems.push(`${id}: (container, 0) → ${JSON.stringify(start)}`);
  }
  // Outside every container: the section line (not a text of the model).
  const section = host.querySelector('.section');
  if (!section) problems.push('no section line to check');
  const outside = section ? locate(section.firstChild, 1) : null;
  if (outside !== null) problems.push(`the section line maps to ${JSON.stringify(outside)}`);
  return { problems: problems.slice(0, 20), count: problems.length, positions, containers: containers.length };
}

for (const [name, options] of [
  ['as published', {}],
  ['with guillemets and Arabic-Indic digits', { quotes: 'guillemets', digits: 'arabic-indic' }],
]) {
  test(`every DOM position of every seed text maps to its text offset and back (${name})`, async () => {
    const { renderToString, importArticle, Catalog } = await import('../../www/node.js');
    const seed = readFileSync(`${ROOT}tests/fixtures/seed-raqqa.txt`, 'utf8');
    const catalog = new Catalog(readFileSync(`${ROOT}www/demo/catalog.json`, 'utf8'));
    const markup = renderToString(seed, { from: 'text', catalog, ...options });
    catalog.free();
    const { texts } = importArticle(seed, { from: 'text' });
    assert.ok(texts.length >= 9, `${texts.length} texts`);
    const { page: p, problems, close } = await page(markup);
    try {
      const result = await p.evaluate(checkAll, texts);
      assert.deepEqual(result.problems, [], `${result.count} problems`);
      assert.equal(result.containers, texts.length);
      assert.ok(result.positions > 2000, `${result.positions} positions checked`);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
}
