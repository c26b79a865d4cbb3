// rtl-article for Node (ESM): server-side rendering with the very same
// WebAssembly core the browser runs, so `renderToString(article)` returns
// byte for byte the markup `render(article)` gives in the page and
// `hydrate()` can attach to it without re-rendering.
//
// The module is compiled synchronously on first import (a few milliseconds;
// no top-level await, so `require(esm)` works too). Every function is also
// async-compatible: callers may `await` the string.

import { readFileSync } from 'node:fs';
import {
  initSync,
  Catalog,
  annotate as wasmAnnotate,
  importArticle as wasmImportArticle,
  render as wasmRender,
  renderPage as wasmRenderPage,
} from './pkg/rtl_article.js';
import { splitCatalog } from './catalog-option.js';

const wasmExports = initSync({
  module: readFileSync(new URL('./pkg/rtl_article_bg.wasm', import.meta.url)),
});

/** The initialised wasm exports (`memory` included); resolves at once. */
export function init() {
  return Promise.resolve(wasmExports);
}

/**
 * Render an article (object, JSON text, or scraped text with
 * `{from: 'text'}`) to an HTML fragment: one `<article class="rtl-article">`.
 * Throws an `Error` naming the field at fault (`body[3].text: …`). Pass a
 * `Catalog` (compiled once, at start-up) as the `catalog` option to render
 * many articles without compiling it again.
 */
export function renderToString(article, options) {
  return wasmRender(article, ...splitCatalog(options, Catalog));
}

/** The browser entry point's name for the same function. */
export const render = renderToString;

/**
 * Render an article as a complete HTML page (doctype, head, the stylesheet
 * inlined), for serving an article as its own page.
 */
export function renderPage(article, options) {
  return wasmRenderPage(article, ...splitCatalog(options, Catalog));
}

/**
 * Import an article without rendering: `{article, warnings}` with the
 * article in the documented JSON format.
 */
export function importArticle(input, options) {
  return wasmImportArticle(input, options ?? {});
}

/**
 * Annotate an article: W3C Web Annotations (mentions, dates, numbers,
 * quotations) with text-quote and text-position selectors per block.
 */
export function annotate(article, options) {
  return wasmAnnotate(article, ...splitCatalog(options, Catalog));
}

/** A compiled topic catalog (see rtl-article.d.ts). */
export { Catalog };
