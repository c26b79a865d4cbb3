// An example Cloudflare Worker: articles rendered to complete pages at the
// edge, close to readers, with the publisher's catalog compiled once per
// isolate (not per request). `npm run edge` serves it under workerd on
// 127.0.0.1; the README says how to deploy it with wrangler.
//
//   GET /                      the seed article as a page
//   GET /articles/seed         the same
//   GET /articles/seed?fragment=1   the <article> fragment only (what a page template embeds)
//   POST /render               render the article in the request body (JSON, or text with
//                              ?from=text) as a page, or its fragment with ?fragment=1

import { Catalog, renderPage, renderToString } from 'rtl-article';
import seed from './seed.json';
import entries from './catalog.json';

/** The catalog, compiled on the isolate's first request and kept. */
let catalog = null;

/** What every response carries: the CSP the rendered article needs (none of its own scripts run). */
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

/** The largest request body /render accepts (the importer's own limit is 4 MiB). */
const MAX_BODY = 4 * 1024 * 1024;

/** The render options: the catalog, compiled on the isolate's first request. */
function options() {
  catalog ??= new Catalog(entries);
  return { catalog };
}

function html(body, status = 200) {
  return new Response(body, { status, headers: HEADERS });
}

function problem(status, message) {
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/articles/seed')) {
        return html(url.searchParams.has('fragment') ? renderToString(seed, options()) : renderPage(seed, options()));
      }
      if (request.method === 'POST' && url.pathname === '/render') {
        const length = Number(request.headers.get('content-length') ?? 0);
        if (length > MAX_BODY) return problem(413, `the body is ${length} bytes; the limit is ${MAX_BODY}`);
        const body = await request.text();
        if (body.length > MAX_BODY) return problem(413, `the body is over ${MAX_BODY} bytes`);
        const from = url.searchParams.get('from') === 'text' ? 'text' : 'json';
        const render = url.searchParams.has('fragment') ? renderToString : renderPage;
        return html(render(body, { ...options(), from }));
      }
      return problem(404, `no such page: ${url.pathname}`);
    } catch (err) {
      // The core's errors name the field at fault: the client's input, 400.
      return problem(400, err?.message ?? String(err));
    }
  },
};
