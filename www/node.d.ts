// Types for the Node entry point (`import { renderToString } from 'rtl-article'`
// under Node, or 'rtl-article/node') and the edge entry (the "workerd" and
// "worker" conditions, or 'rtl-article/edge'). Synchronous: the wasm is
// instantiated when the module is imported.
import type { Article, RenderOptions, TextEntry, WebAnnotation } from './rtl-article.js';

export type {
  Article,
  Block,
  CatalogEntry,
  Figure,
  RelatedLink,
  RenderOptions,
  Run,
  Text,
  TextEntry,
  WebAnnotation,
} from './rtl-article.js';
export { Catalog } from './rtl-article.js';

/** The initialised wasm exports; resolves at once. */
export function init(): Promise<unknown>;

/**
 * Render an article to an HTML fragment (one `<article class="rtl-article">`),
 * byte for byte what the browser renders, so `hydrate()` can attach to it.
 * Throws an Error naming the field at fault (`body[3].text: expected a string`).
 */
export function renderToString(article: Article | string, options?: RenderOptions): string;

/** The same function under the browser entry point's name. */
export const render: typeof renderToString;

/** A complete HTML page: doctype, head with the stylesheet inlined, the article. */
export function renderPage(article: Article | string, options?: RenderOptions): string;

/** Import without rendering: the article in the documented format, and importer warnings. */
export function importArticle(
  article: Article | string,
  options?: RenderOptions,
): { article: Article; warnings: string[]; texts: TextEntry[] };

/** Annotate: mentions, dates, numbers, quotations and suggestions as W3C annotations. */
export function annotate(article: Article | string, options?: RenderOptions): WebAnnotation[];
