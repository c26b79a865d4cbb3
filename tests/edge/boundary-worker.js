// The boundary probe inside workerd: GET / runs tests/boundary/probe.mjs
// over the edge entry ('rtl-article'), the server module's glue (the
// instance the entry set up) and the reader's, and answers with its
// results as JSON.

import * as edge from 'rtl-article';
import * as server from 'pkg/rtl_article_server.js';
import * as reader from 'pkg/rtl_article_reader.js';
import readerModule from 'pkg/rtl_article_reader_bg.wasm';
import { probe } from 'probe.mjs';

reader.initSync({ module: readerModule });

const ARTICLE = { headline: 'روسيا ترفض أي اتفاق', body: [{ type: 'paragraph', text: 'قال مصدر في الرقة إن المعارك توقفت' }] };
const entries = [{ id: 'raqqa', type: 'place', names: ['الرقة'] }];

export default {
  async fetch(request) {
    if (new URL(request.url).pathname !== '/probe') return new Response('ok');
    const started = Date.now();
    const result = await probe(
      [
        ['edge', edge, { Catalog: () => new edge.Catalog(entries) }],
        ['server', server, { Catalog: () => new server.Catalog(entries), Anchors: () => new server.Anchors(['p1'], ['قال مصدر في الرقة']) }],
        ['reader', reader, { Anchors: () => new reader.Anchors(['p1'], ['قال مصدر في الرقة']) }],
      ],
      {
        valid: () => {
          const a = new reader.Anchors(['p1'], ['قال مصدر في الرقة']);
          const described = a.describe('p1', 4, 8);
          a.free();
          if (!described) throw new Error('the reader bundle no longer describes');
          return edge.renderToString(ARTICLE);
        },
      },
    );
    // Date.now() advances only across I/O in workerd: the time is the caller's to measure.
    result.started = started;
    return Response.json(result);
  },
};
