// rtl-article at the edge: Cloudflare Workers and workerd. The full bundle,
// instantiated synchronously from the WebAssembly module the platform
// compiled at deploy time (a Worker cannot compile wasm from bytes at run
// time, and has no file system), with the same API as the Node entry, so
// `renderToString(article)` returns byte for byte what the browser and the
// CLI render and `hydrate()` attaches to it.
//
//   import { renderPage, Catalog } from 'rtl-article';   // the "workerd"/"worker" export condition
//   const catalog = new Catalog(entries);                 // once per isolate, at module scope
//   export default { fetch: () => new Response(renderPage(article, { catalog }), { headers }) };
//
// Wrangler's default module rules import `.wasm` files as compiled modules;
// a workerd config lists the module with `wasm = embed "…"`. The module is
// the server build (opt-level 3, as www/node.js loads): CPU time is what a
// Worker is billed and limited by, and it is about half the size-built
// module's per annotated page.

import wasmModule from './pkg/rtl_article_server_bg.wasm';
import { initSync } from './pkg/rtl_article_server.js';

const wasmExports = initSync({ module: wasmModule });

/** The initialised wasm exports; resolves at once. */
export function init() {
  return Promise.resolve(wasmExports);
}

export { Catalog, annotate, importArticle, render, renderPage, renderToString } from './server.js';
