// Regenerate docs/screenshot.png (the README's picture): the demo with
// «guillemets» and annotation on, in headless Chromium. Run after a build:
//
//   node scripts/build.mjs && node scripts/screenshot.mjs [OUT.png]
//
// The PNG is written as Chromium makes it; the committed one was then
// reduced to a 64-colour palette to keep the repository small.

import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/browser/helpers.mjs';

const out = process.argv[2] ?? fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const server = await startServer({ root: fileURLToPath(new URL('../www/', import.meta.url)), port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 1000 } });
  await page.goto(server.url);
  await page.waitForFunction(() => document.getElementById('seed').article);
  await page.selectOption('select[name=quotes]', 'guillemets');
  await page.check('input[name=annotate]');
  await page.waitForFunction(() => document.getElementById('seed').article?.annotations > 0);
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 960, height: 1000 } });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
