// One pipeline, four front doors: the seed (scraped text, with the demo's
// catalog) rendered by the CLI, by the full bundle in Chromium, by Node's
// renderToString and by the edge worker under workerd is the same HTML,
// byte for byte — and so is the seed as JSON, without a catalog.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { openHarness, useBrowser, ROOT } from '../browser/helpers.mjs';
import { startEdge } from '../../scripts/edge.mjs';

const SEED = `${ROOT}tests/fixtures/seed-raqqa.txt`;
const CATALOG = `${ROOT}www/demo/catalog.json`;
const seedText = readFileSync(SEED, 'utf8');
const seedJson = readFileSync(`${ROOT}www/generated/seed.json`, 'utf8');
const entries = JSON.parse(readFileSync(CATALOG, 'utf8'));

const ctx = useBrowser();
let edge;
before(async () => {
  edge = await startEdge({ port: 0 });
});
after(async () => {
  await edge?.close();
});

function cli(args) {
  const out = spawnSync('cargo', ['run', '--quiet', '--bin', 'rtl-article', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(out.status, 0, out.stderr);
  // The CLI ends its output with a line feed.
  return out.stdout.replace(/\n$/, '');
}

async function inBrowser(article, options) {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const html = await page.evaluate(({ article, options }) => window.rtl.render(article, options), {
      article,
      options,
    });
    assert.deepEqual(problems, []);
    return html;
  } finally {
    await close();
  }
}

async function atTheEdge(body, query) {
  const response = await fetch(`${edge.url}render?fragment=1&${query}`, { method: 'POST', body });
  assert.equal(response.status, 200, await response.clone().text());
  return response.text();
}

test('the seed with a catalog: CLI, browser, Node and edge write the same HTML', async () => {
  const { renderToString } = await import('../../www/node.js');
  const fromCli = cli(['render', SEED, '--catalog', CATALOG]);
  const fromNode = renderToString(seedText, { from: 'text', catalog: entries });
  const fromBrowser = await inBrowser(seedText, { from: 'text', catalog: entries });
  const fromEdge = await atTheEdge(seedText, 'from=text');
  assert.match(fromCli, /^<article dir="rtl" lang="ar" class="rtl-article">/);
  assert.match(fromCli, /class="mention"/, 'annotated: a catalog implies annotation everywhere');
  assert.equal(fromNode, fromCli, 'Node = CLI');
  assert.equal(fromBrowser, fromCli, 'browser = CLI');
  assert.equal(fromEdge, fromCli, 'edge = CLI');
});

test('the seed as JSON with every default: the same HTML through every door, unannotated', async () => {
  const { renderToString } = await import('../../www/node.js');
  const fromCli = cli(['render', `${ROOT}www/generated/seed.json`]);
  assert.doesNotMatch(fromCli, /class="mention"|<data |class="quote/, 'no annotation unless asked');
  assert.equal(renderToString(seedJson), fromCli, 'Node = CLI');
  assert.equal(await inBrowser(seedJson), fromCli, 'browser = CLI');
  const edgeHtml = await (
    await fetch(`${edge.url}render?fragment=1`, { method: 'POST', body: seedJson })
  ).text();
  // The worker always passes its catalog; without one it would match too:
  // compare against the catalog render of the same JSON instead.
  assert.equal(edgeHtml, cli(['render', `${ROOT}www/generated/seed.json`, '--catalog', CATALOG]), 'edge = CLI');
});
