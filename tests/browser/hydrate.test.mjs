// Server-rendered markup hydrated in place: hydrate() attaches to the
// existing nodes (no re-render) and causes no layout shift.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, openPage, useBrowser } from './helpers.mjs';

const ctx = useBrowser();

async function ssrMarkup() {
  const { renderToString } = await import('../../www/node.js');
  const seed = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
  return renderToString(seed);
}

test('hydrate() keeps the server-rendered nodes and shifts nothing', async () => {
  const markup = await ssrMarkup();
  assert.match(markup, /^<article dir="rtl" lang="ar" class="rtl-article"/);
  const { page, problems, close } = await openPage(ctx.browser);
  try {
    const pageUrl = ctx.url('/tests/browser/pages/hydrate-seed.html');
    // The page is the SSR output in a plain document with the stylesheet,
    // as a publisher's server would send it.
    await page.route(pageUrl, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hydrate</title>
<link rel="stylesheet" href="/www/dist/rtl-article.css">
<script type="module" src="/tests/browser/pages/harness.js"></script>
</head>
<body><main id="stage"><div id="host">${markup}</div></main></body>
</html>`,
      }),
    );
    await page.goto(pageUrl);
    await page.waitForFunction(() => window.rtlReady === true || window.rtlFailed, null, { timeout: 20_000 });
    const result = await page.evaluate(async () => {
      const shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) shifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
      const host = document.getElementById('host');
      const h1 = host.querySelector('h1');
      const paragraphs = [...host.querySelectorAll('p')];
      const handle = await window.rtl.hydrate(host);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      // Observer callbacks are queued: give them a task to run.
      await new Promise((r) => setTimeout(r, 50));
      return {
        failed: window.rtlFailed ?? null,
        shift: shifts.reduce((a, b) => a + b, 0),
        entries: shifts.length,
        sameHeadline: host.querySelector('h1') === h1 && h1.isConnected,
        sameParagraphs: paragraphs.every((p) => p.isConnected),
        handle: handle != null,
        unmount: typeof handle?.unmount,
      };
    });
    assert.equal(result.failed, null);
    assert.equal(result.shift, 0, `layout shift after hydrate: ${result.shift} over ${result.entries} entries`);
    assert.ok(result.sameHeadline, 'hydrate replaced the <h1>');
    assert.ok(result.sameParagraphs, 'hydrate replaced body paragraphs');
    assert.ok(result.handle, 'hydrate returns a handle');
    assert.equal(result.unmount, 'function');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the demo’s hydrated view loads only the reader bundle, and mentions still fire', async () => {
  const { page, problems, close } = await openPage(ctx.browser);
  try {
    const requested = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
    await page.goto(ctx.url('/www/generated/hydrate.html'));
    await page.waitForFunction(() => /Hydrated/.test(document.getElementById('status').textContent), null, {
      timeout: 20_000,
    });
    const wasm = requested.filter((p) => p.endsWith('.wasm'));
    assert.deepEqual(wasm, ['/www/pkg/rtl_article_reader_bg.wasm'], `wasm fetched: ${wasm}`);
    assert.ok(!requested.some((p) => p.endsWith('/full.js') || p.endsWith('/pkg/rtl_article.js')), requested.join('\n'));
    // The server-rendered article still answers clicks on its mentions.
    const mention = await page.$('#host .mention[data-entity-id]');
    assert.ok(mention, 'the served article is annotated');
    await mention.click();
    await page.waitForFunction(() => /Mention/.test(document.getElementById('status').textContent));
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
