// The edge entry under workerd (Cloudflare's runtime, npm `workerd`): the
// example worker renders the seed as a page whose article is byte for byte
// what Node's renderToString gives, refuses bad input with the field named,
// and survives it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEdge } from '../../scripts/edge.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const seed = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
const entries = JSON.parse(readFileSync(`${ROOT}www/demo/catalog.json`, 'utf8'));

let edge;
before(async () => {
  edge = await startEdge({ port: 0 });
});
after(async () => {
  await edge?.close();
});

/** The `<article …>…</article>` of a page. */
function articleOf(page) {
  const start = page.indexOf('<article dir=');
  const end = page.lastIndexOf('</article>');
  assert.ok(start >= 0 && end > start, `no article in ${page.slice(0, 200)}`);
  return page.slice(start, end + '</article>'.length);
}

test('the worker renders the seed page; its article equals renderToString', async () => {
  const { renderToString, Catalog } = await import('../../www/node.js');
  const catalog = new Catalog(entries);
  const expected = renderToString(seed, { catalog });
  catalog.free();

  const page = await fetch(`${edge.url}articles/seed`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  const body = await page.text();
  assert.match(body, /^<!doctype html>\n<html dir="rtl" lang="ar">/);
  assert.equal(articleOf(body), expected);
  assert.match(expected, /class="mention"/, 'the catalog was applied');

  const fragment = await (await fetch(`${edge.url}articles/seed?fragment=1`)).text();
  assert.equal(fragment, expected);
});

test('bad input is a 400 naming the field, and the isolate serves on', async () => {
  const bad = await fetch(`${edge.url}render`, { method: 'POST', body: '{"headline": 3}' });
  assert.equal(bad.status, 400);
  assert.equal(await bad.text(), 'headline: expected a string or an array of inline runs, found a number\n');
  const text = await fetch(`${edge.url}render?from=text&fragment=1`, {
    method: 'POST',
    body: 'عنوان من الحافة\n\nفقرة عن الرقة.\n',
  });
  assert.equal(text.status, 200);
  assert.match(await text.text(), /<h1 data-text="headline">عنوان من الحافة<\/h1>/);
  const again = await fetch(`${edge.url}articles/seed`);
  assert.equal(again.status, 200);
  const missing = await fetch(`${edge.url}nothing-here`);
  assert.equal(missing.status, 404);
});
