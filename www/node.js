// rtl-article for Node (ESM): server-side rendering with the WebAssembly
// core the browser runs — the same source, built for speed instead of size
// (`rtl_article_server_bg.wasm`, opt-level 3: no reader downloads it) — so
// `renderToString(article)` returns byte for byte the markup
// `render(article)` gives in the page and `hydrate()` can attach to it
// without re-rendering (tests/edge/modules.test.mjs compares the two
// builds' outputs).
//
// The module is compiled synchronously on first import (a few milliseconds;
// no top-level await, so `require(esm)` works too). Every function is also
// async-compatible: callers may `await` the string.

import { readFileSync } from 'node:fs';
import { initSync } from './pkg/rtl_article_server.js';

const wasmExports = initSync({
  module: readFileSync(new URL('./pkg/rtl_article_server_bg.wasm', import.meta.url)),
});

/** The initialised wasm exports (`memory` included); resolves at once. */
export function init() {
  return Promise.resolve(wasmExports);
}

export { Catalog, annotate, importArticle, render, renderPage, renderToString } from './server.js';
