// The XSS suite at the edge (issue 12): every vector of
// tests/fixtures/xss-vectors.json, in batches of articles (every string field
// holding one, rotated) and as scraped text, POSTed to the example worker
// under workerd, as a fragment and as a page. Each answer is what Node's
// renderToString gives for the same input, and passes the structural check
// over Chromium's HTML5 parse (DOMParser): no script but JSON-LD, no handler,
// no script URL, no forbidden element (tests/browser/xss-cases.mjs).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startEdge } from '../../scripts/edge.mjs';
import { CHROMIUM_ARGS } from '../browser/helpers.mjs';
import { VECTORS, articleFor, batches, inspectInPage } from '../browser/xss-cases.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const entries = JSON.parse(readFileSync(`${ROOT}www/demo/catalog.json`, 'utf8'));

let edge;
let browser;
before(async () => {
  [edge, browser] = await Promise.all([
    startEdge({ port: 0 }),
    chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS }),
  ]);
});
after(async () => {
  await browser?.close();
  await edge?.close();
});

const post = async (query, body) => {
  const response = await fetch(`${edge.url}render${query}`, { method: 'POST', body });
  return { status: response.status, text: await response.text() };
};

test(`${VECTORS.length} vectors through the edge worker: Node's bytes, and clean under an HTML5 parser`, async () => {
  const { renderToString, renderPage, Catalog } = await import('../../www/node.js');
  const catalog = new Catalog(entries);
  const outputs = [];
  try {
    for (const [turn, batch] of batches(6).entries()) {
      const article = articleFor(batch, turn);
      const body = JSON.stringify(article);
      const fragment = await post('?fragment=1', body);
      assert.equal(fragment.status, 200, `batch ${turn}: ${fragment.text}`);
      assert.equal(fragment.text, renderToString(article, { catalog }), `batch ${turn}: the edge and Node differ`);
      outputs.push(fragment.text);
      if (turn % 4 === 0) {
        const page = await post('', body);
        assert.equal(page.status, 200);
        assert.equal(page.text, renderPage(article, { catalog }));
        outputs.push(page.text);
      }
      const text = `${batch[0]} الرقة\n\n${batch.join('\n\n')}\n\nفقرة ${batch.join(' ')} في الرقة.\n`;
      const scraped = await post('?from=text&fragment=1', text);
      assert.equal(scraped.status, 200, scraped.text);
      assert.equal(scraped.text, renderToString(text, { catalog, from: 'text' }));
      outputs.push(scraped.text);
    }
  } finally {
    catalog.free();
  }
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><title>check</title>');
    const found = await page.evaluate(inspectInPage, { html: outputs });
    assert.deepEqual(found, []);
    // The checker catches what it must.
    const caught = await page.evaluate(inspectInPage, {
      html: ['<img src=x onerror=1>', '<a href=" java\tscript:1">x</a>', '<svg></svg>', '<script>1</script>'],
    });
    assert.equal(caught.filter((p) => p.startsWith('--- in')).length, 4, caught.join('\n'));
  } finally {
    await context.close();
  }
});
