// Boundary safety in Node: every export of the Node entry (www/node.js) and
// of both wasm bundles' glue (the full bundle the Node and edge entries
// use, and the reader bundle), called with wrong types, null, undefined,
// huge numbers, lone surrogates, cyclic and throwing objects and 50 MB
// strings, returns or throws a JS Error — never traps — and the module
// renders the next article (tests/boundary/probe.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { probe } from './probe.mjs';

const ROOT = new URL('../../', import.meta.url);
const ARTICLE = { headline: 'روسيا ترفض أي اتفاق', body: [{ type: 'paragraph', text: 'قال مصدر في الرقة إن المعارك توقفت' }] };

test('every export of the Node entry and of both bundles survives bad input, and the module lives on', async () => {
  const node = await import(new URL('www/node.js', ROOT));
  const full = await import(new URL('www/pkg/rtl_article.js', ROOT));
  const reader = await import(new URL('www/pkg/rtl_article_reader.js', ROOT));
  reader.initSync({ module: readFileSync(new URL('www/pkg/rtl_article_reader_bg.wasm', ROOT)) });
  const readerAlive = () => {
    // The reader bundle has no renderer: its liveness is an Anchors round trip.
    const a = new reader.Anchors(['p1'], ['قال مصدر في الرقة']);
    const s = a.describe('p1', 4, 8);
    a.free();
    if (!s) throw new Error('the reader bundle no longer describes');
  };
  const started = performance.now();
  const result = await probe(
    [
      ['node', node, { Catalog: () => new node.Catalog([{ id: 'raqqa', type: 'place', names: ['الرقة'] }]) }],
      [
        'full',
        full,
        {
          Catalog: () => new full.Catalog([{ id: 'raqqa', type: 'place', names: ['الرقة'] }]),
          Anchors: () => new full.Anchors(['p1'], ['قال مصدر في الرقة']),
        },
      ],
      ['reader', reader, { Anchors: () => new reader.Anchors(['p1'], ['قال مصدر في الرقة']) }],
    ],
    {
      valid: () => {
        readerAlive();
        return node.renderToString(ARTICLE);
      },
    },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`# ${result.calls} calls (${result.threw} threw an Error, ${result.returned} returned) in ${seconds} s`);
  if (process.env.BOUNDARY_SLOW) console.log(result.slow?.join('\n'));
  assert.deepEqual(result.failures, []);
  assert.ok(result.calls > 1000, `only ${result.calls} calls`);
});
