// A compiled catalog is built once and reused: the element compiles the
// catalog of its options once (an attribute change re-renders without
// compiling it again), mount handles keep theirs across updates, and a
// Catalog the page compiled itself is shared, never consumed or freed by
// the element.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openHarness, useBrowser } from './helpers.mjs';

const ctx = useBrowser();

/** In the page: a catalog of `n` distinct Arabic names (compiling it takes a while). */
function bigCatalog(n) {
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  const name = (i) => {
    let s = '';
    for (let k = 0; k < 3; k++) {
      s += letters[(i + k * 7) % letters.length] + letters[Math.floor(i / (k + 1)) % letters.length];
      i = Math.floor(i / letters.length) + k * 13;
    }
    return s;
  };
  const entries = [{ id: 'raqqa', type: 'place', names: ['الرقة'], url: 'https://example.com/raqqa' }];
  for (let i = 0; i < n; i++) entries.push({ id: `e${i}`, type: 'topic', names: [`${name(i)} ${name(i + n)}`] });
  return entries;
}

const ARTICLE = { headline: 'خبر من الرقة', body: [{ type: 'paragraph', text: 'وصلت القوات إلى الرقة صباح اليوم.' }] };

test('the element compiles its catalog once; attribute changes reuse it', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const result = await page.evaluate(
      async ({ article, n, make }) => {
        const entries = new Function(`return (${make})`)()(n);
        const el = document.createElement('rtl-article');
        const script = document.createElement('script');
        script.type = 'application/json';
        script.textContent = JSON.stringify(article);
        el.append(script);
        const ready = () => new Promise((r) => el.addEventListener('rtl-article:ready', r, { once: true }));
        let t0 = performance.now();
        let done = ready();
        el.options = { catalog: entries };
        document.getElementById('stage').append(el);
        await done;
        const first = performance.now() - t0;
        const times = [];
        for (const quotes of ['guillemets', 'keep', 'guillemets']) {
          t0 = performance.now();
          done = ready();
          el.setAttribute('quotes', quotes);
          await done;
          times.push(performance.now() - t0);
        }
        const linked = !!el.shadowRoot.querySelector('a.mention[href="https://example.com/raqqa"]');
        // The catalog is a plain object compiled by the element: a new
        // options object with another catalog recompiles.
        return { first, times, linked };
      },
      { article: ARTICLE, n: 20_000, make: bigCatalog.toString() },
    );
    assert.ok(result.linked, 'the catalog links the mention');
    const slowest = Math.max(...result.times);
    assert.ok(
      slowest * 5 < result.first,
      `a re-render took ${slowest.toFixed(1)} ms against ${result.first.toFixed(1)} ms for the first render with compilation`,
    );
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a Catalog compiled by the page is shared by elements, mounts and renders, and stays usable', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const result = await page.evaluate(async (article) => {
      const rtl = window.rtl;
      const catalog = await rtl.compile([{ id: 'raqqa', type: 'place', names: ['الرقة'], url: '/raqqa' }]);
      const host = document.createElement('div');
      document.getElementById('stage').append(host);
      const handle = await rtl.mount(host, article, { catalog });
      await handle.update(article, { catalog, quotes: 'guillemets' });
      const html = await rtl.render(article, { catalog });
      const el = document.createElement('rtl-article');
      el.innerHTML = `<script type="application/json">${JSON.stringify(article)}</script>`;
      const ready = new Promise((r) => el.addEventListener('rtl-article:ready', r, { once: true }));
      el.options = { catalog };
      document.getElementById('stage').append(el);
      await ready;
      el.remove();
      handle.unmount();
      const bytes = await rtl.compile(catalog.toBytes());
      const fromBytes = await rtl.render(article, { catalog: catalog.toBytes() });
      return {
        size: catalog.size,
        sizeFromBytes: bytes.size,
        linkedRender: html.includes('href="/raqqa"'),
        linkedBytes: fromBytes.includes('href="/raqqa"'),
        boundClass: rtl.Catalog !== undefined && catalog instanceof rtl.Catalog,
      };
    }, ARTICLE);
    assert.equal(result.size, 1, 'the caller’s catalog still works after mounts, renders and an element');
    assert.equal(result.sizeFromBytes, 1);
    assert.ok(result.linkedRender && result.linkedBytes);
    assert.ok(result.boundClass, 'Catalog is bound once the full bundle is loaded');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
