// Boundary safety in workerd: every export of the edge entry and of both
// bundles' glue, called with wrong types, null, undefined, huge numbers,
// lone surrogates, cyclic and throwing objects and 50 MB strings, returns or
// throws a JS Error — never traps — and the isolate still renders an
// article afterwards (tests/boundary/probe.mjs, run inside the worker
// tests/edge/boundary-worker.js).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startEdge } from '../../scripts/edge.mjs';

let edge;
before(async () => {
  edge = await startEdge({ port: 0, config: fileURLToPath(new URL('./boundary.capnp', import.meta.url)) });
});
after(async () => {
  await edge?.close();
});

test('every export of the edge entry and of both bundles survives bad input in workerd, and the isolate lives on', async () => {
  const started = performance.now();
  const response = await fetch(`${edge.url}probe`);
  assert.equal(response.status, 200, `${await response.clone().text()}\n${edge.output()}`);
  const result = await response.json();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`# ${result.calls} calls (${result.threw} threw an Error, ${result.returned} returned) in ${seconds} s`);
  assert.deepEqual(result.failures, []);
  assert.ok(result.calls > 1000, `only ${result.calls} calls`);
  // And it still answers.
  assert.equal(await (await fetch(edge.url)).text(), 'ok');
});
