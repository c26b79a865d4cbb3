// The size budget: every reader downloads the wasm and the JS shell, so
// their gzip size may not grow past size-budget.json unnoticed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('wasm + JS stay within the gzip size budget', () => {
  const budget = JSON.parse(readFileSync(`${ROOT}size-budget.json`, 'utf8'));
  assert.ok(Number.isInteger(budget.gzipBytes) && budget.gzipBytes > 0, 'size-budget.json: gzipBytes must be a positive integer');
  assert.ok(Array.isArray(budget.files) && budget.files.length > 0, 'size-budget.json: files must list the shipped files');
  let raw = 0;
  let gzip = 0;
  for (const file of budget.files) {
    assert.ok(existsSync(ROOT + file), `${file} is missing: run \`npm run build\` first`);
    const bytes = readFileSync(ROOT + file);
    const zipped = gzipSync(bytes, { level: 9 }).length;
    console.log(`# ${file}: ${bytes.length} bytes raw, ${zipped} bytes gzip`);
    raw += bytes.length;
    gzip += zipped;
  }
  console.log(`# total: ${raw} bytes raw, ${gzip} bytes gzip; budget ${budget.gzipBytes} bytes gzip`);
  assert.ok(gzip <= budget.gzipBytes, `gzip total ${gzip} bytes exceeds the budget of ${budget.gzipBytes} bytes`);
});
