// Server-side rendering in Node gives exactly the markup the browser's
// render() produces, so hydrated pages never differ from client renders.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, openHarness, useBrowser } from './helpers.mjs';

const ctx = useBrowser();

test('renderToString(seed) in Node equals render(seed) in Chromium', async () => {
  const { renderToString } = await import('../../www/node.js');
  const seed = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
  const variants = [{}, { quotes: 'guillemets', digits: 'arabic-indic' }];
  const { page, problems, close } = await openHarness(ctx);
  try {
    for (const options of variants) {
      const inNode = await renderToString(seed, options);
      const inBrowser = await page.evaluate(({ seed, options }) => window.rtl.render(seed, options), { seed, options });
      assert.ok(inNode.includes('<h1>روسيا ترفض أي اتفاق'), 'Node rendered the seed headline');
      assert.equal(inBrowser, inNode, `options ${JSON.stringify(options)}`);
    }
    // The options are not ignored: guillemets change the seed's quotes.
    const plain = await renderToString(seed, {});
    const styled = await renderToString(seed, { quotes: 'guillemets' });
    assert.ok(plain.includes('“بيك أب”') && styled.includes('«بيك أب»'));
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
