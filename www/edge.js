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
// a workerd config lists the module with `wasm = embed "…"`.

import wasmModule from './pkg/rtl_article_bg.wasm';
import {
  initSync,
  Catalog,
  annotate as wasmAnnotate,
  importArticle as wasmImportArticle,
  render as wasmRender,
  renderPage as wasmRenderPage,
} from './pkg/rtl_article.js';
import { splitCatalog } from './catalog-option.js';

const wasmExports = initSync({ module: wasmModule });

/** The initialised wasm exports; resolves at once. */
export function init() {
  return Promise.resolve(wasmExports);
}

/**
 * Render an article (object, JSON text, or scraped text with
 * `{from: 'text'}`) to an HTML fragment: one `<article class="rtl-article">`.
 * Throws an `Error` naming the field at fault. Pass a `Catalog` compiled
 * once per isolate as the `catalog` option.
 */
export function renderToString(article, options) {
  return wasmRender(article, ...splitCatalog(options, Catalog));
}

/** The browser entry point's name for the same function. */
export const render = renderToString;

/** Render an article as a complete HTML page (doctype, head, the stylesheet inlined). */
export function renderPage(article, options) {
  return wasmRenderPage(article, ...splitCatalog(options, Catalog));
}

/** Import an article without rendering: `{article, warnings}`. */
export function importArticle(input, options) {
  return wasmImportArticle(input, options ?? {});
}

/** Annotate an article: W3C Web Annotations with text-quote and text-position selectors. */
export function annotate(article, options) {
  return wasmAnnotate(article, ...splitCatalog(options, Catalog));
}

/** A compiled topic catalog. */
export { Catalog };
