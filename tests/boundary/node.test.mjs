// Boundary safety in Node: every export of the Node entry (www/node.js) and
// of every wasm module's glue (the server module the Node and edge entries
// use, the browser's full bundle and the reader bundle), called with wrong
// types, null, undefined, huge numbers, lone surrogates, cyclic and
// throwing objects and 50 MB strings, returns or throws a JS Error — never
// traps — and each module renders the next article
// (tests/boundary/probe.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { probe } from './probe.mjs';

const ROOT = new URL('../../', import.meta.url);
const ARTICLE = { headline: 'روسيا ترفض أي اتفاق', body: [{ type: 'paragraph', text: 'قال مصدر في الرقة إن المعارك توقفت' }] };

test('every export of the Node entry, the server module and both bundles survives bad input, and the module lives on', async () => {
  const node = await import(new URL('www/node.js', ROOT));
  // The glue www/node.js set up: the server module's.
  const server = await import(new URL('www/pkg/rtl_article_server.js', ROOT));
  const full = await import(new URL('www/pkg/rtl_article.js', ROOT));
  full.initSync({ module: readFileSync(new URL('www/pkg/rtl_article_bg.wasm', ROOT)) });
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
        'server',
        server,
        {
          Catalog: () => new server.Catalog([{ id: 'raqqa', type: 'place', names: ['الرقة'] }]),
          Anchors: () => new server.Anchors(['p1'], ['قال مصدر في الرقة']),
        },
      ],
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
        // Two instances now (the server module and the browser's full
        // bundle): each must still render.
        if (!full.render(ARTICLE, {}).includes('<article')) throw new Error('the full bundle no longer renders');
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
