// Server-side rendering in Node gives exactly the markup the browser's
// render() produces, so hydrated pages never differ from client renders; and
// annotation gives the same result in Node, the browser and the native CLI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
      assert.ok(inNode.includes('<h1 data-text="headline">روسيا ترفض أي اتفاق'), 'Node rendered the seed headline');
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

test('annotate(seed) gives the same W3C annotations in Node, in Chromium and from the CLI', async () => {
  const { annotate } = await import('../../www/node.js');
  const seedText = readFileSync(`${ROOT}tests/fixtures/seed-raqqa.txt`, 'utf8');
  const catalogPath = `${ROOT}tests/fixtures/catalog-raqqa.json`;
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
  const options = { from: 'text', catalog, published: '2017-05-27' };
  const inNode = annotate(seedText, options);
  const raqqa = inNode.find((a) => a.target.selector[0].exact === 'الرقة');
  assert.equal(raqqa?.body[0].source, 'https://example.com/topics/raqqa');
  assert.ok(inNode.some((a) => a.body.some((b) => b.value === '2017-05-15')), 'the 2017/5/15 date');

  const { page, problems, close } = await openHarness(ctx);
  try {
    const inBrowser = await page.evaluate(({ seedText, options }) => window.rtl.annotate(seedText, options), {
      seedText,
      options,
    });
    assert.deepEqual(inBrowser, inNode);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }

  // The native CLI (gazetteer off, as in the browser build) agrees byte for value.
  const cli = spawnSync(
    'cargo',
    ['run', '--quiet', '--bin', 'rtl-article', '--', 'annotate', `${ROOT}tests/fixtures/seed-raqqa.txt`,
      '--catalog', catalogPath, '--published', '2017-05-27'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), inNode);
});
