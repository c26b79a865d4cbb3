// The server-side API, shared by the Node entry (node.js) and the edge entry
// (edge.js): synchronous functions over the server module — the full
// bundle built for speed, with the `server` feature's exports — which each
// entry instantiates its own way before this module's functions are called
// (the wasm-bindgen glue module is one instance, so both see the same wasm).

import {
  Catalog,
  annotate as wasmAnnotate,
  importArticle as wasmImportArticle,
  renderPageUtf16 as wasmRenderPage,
  renderUtf16 as wasmRender,
} from './pkg/rtl_article_server.js';
import { splitCatalog } from './catalog-option.js';

// The HTML comes out of wasm as UTF-16 (`renderUtf16`): Node decodes UTF-8
// that is not ASCII ~20x slower (BENCHMARKS.md, "Server rendering").
const utf16 = new TextDecoder('utf-16le');
const html = (units) => utf16.decode(units);

/**
 * Render an article (object, JSON text, or scraped text with
 * `{from: 'text'}`) to an HTML fragment: one `<article class="rtl-article">`.
 * Throws an `Error` naming the field at fault (`body[3].text: …`). Pass a
 * `Catalog` (compiled once, at start-up or once per isolate) as the
 * `catalog` option to render many articles without compiling it again.
 */
export function renderToString(article, options) {
  return html(wasmRender(article, ...splitCatalog(options, Catalog)));
}

/** The browser entry point's name for the same function. */
export const render = renderToString;

/**
 * Render an article as a complete HTML page (doctype, head, the stylesheet
 * inlined), for serving an article as its own page.
 */
export function renderPage(article, options) {
  return html(wasmRenderPage(article, ...splitCatalog(options, Catalog)));
}

/**
 * Import an article without rendering: `{article, warnings, texts}` with the
 * article in the documented JSON format and its texts with their ids.
 */
export function importArticle(input, options) {
  return wasmImportArticle(input, options ?? {});
}

/**
 * Annotate an article: W3C Web Annotations (mentions, dates, numbers,
 * quotations) with text-quote and text-position selectors per text.
 */
export function annotate(article, options) {
  return wasmAnnotate(article, ...splitCatalog(options, Catalog));
}

/** A compiled topic catalog (see rtl-article.d.ts). */
export { Catalog };
