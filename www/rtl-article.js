// rtl-article for the browser: the <rtl-article> element and the functions
// behind it. A thin shell over the WebAssembly core, which comes as two
// bundles: the small reader bundle (hydrate server-rendered markup,
// anchoring, DOM ↔ text offsets, storage), imported here, and the full
// bundle (render, annotate, import, Catalog: full.js), imported only when
// something must be rendered in the page. Every rendered or hydrated
// article gets the live layer (layer.js: entity cards, editorial notes,
// highlights and their panel). This file loads each bundle once, fetches
// the stylesheet once and sets HTML through a Trusted Types policy.
//
//   import { render, mount, enhance, hydrate, annotate } from 'rtl-article';
//   <rtl-article src="article.json" quotes="guillemets" digits="arabic-indic"></rtl-article>
//
// Importing this module defines the element (a side effect, declared in
// package.json `sideEffects`).
//
// Styling: the rendered article lives in the element's shadow root with
// rtl-article.css adopted (no inline <style>: strict CSP works). Theme it from
// outside with the custom properties --rtl-article-font,
// --rtl-article-heading-font, --rtl-article-latin-font, --rtl-article-size,
// --rtl-article-line-height, --rtl-article-measure, --rtl-article-text,
// --rtl-article-muted, --rtl-article-background, --rtl-article-accent and
// --rtl-article-rule (custom properties inherit into the shadow root; the
// host page's other rules do not, which is what keeps a hostile stylesheet
// out).

import initReaderWasm, * as reader from './pkg/rtl_article_reader.js';
import { compileCatalog, splitCatalog } from './catalog-option.js';
import { attachLayer } from './layer.js';

const READER_URL = new URL('./pkg/rtl_article_reader_bg.wasm', import.meta.url);
const CSS_URL = new URL('./rtl-article.css', import.meta.url);

let readerReady = null;

/**
 * Load the reader bundle (hydrate, mention events, DOM ↔ text offsets),
 * once for the whole page. Resolves to its wasm exports.
 */
export function initReader(wasmUrl) {
  if (!readerReady) {
    readerReady = initReaderWasm({ module_or_path: wasmUrl ?? READER_URL }).catch((err) => {
      readerReady = null;
      throw err;
    });
  }
  return readerReady;
}

let fullModule = null;

/**
 * The full bundle's compiled-catalog class, bound once `init()` (or any
 * function that renders) has loaded the full bundle: `await init(); new
 * Catalog(entries)`. Undefined before — the class lives in the full bundle.
 */
export let Catalog;

/** The full bundle's module (`full.js`), imported and initialised once. */
function loadFull(wasmUrl) {
  if (!fullModule) {
    fullModule = import('./full.js').then(async (module) => {
      await module.init(wasmUrl);
      Catalog = module.Catalog;
      return module;
    });
    fullModule.catch(() => {
      fullModule = null;
    });
  }
  return fullModule;
}

/**
 * Load the full bundle (render, annotate, import, Catalog), once for the
 * whole page; every element and call shares it. Resolves to its wasm
 * exports. `wasmUrl` overrides where the .wasm is fetched from (first call
 * only). Server-rendered pages never need it: `hydrate()` uses the reader
 * bundle.
 */
export async function init(wasmUrl) {
  const module = await loadFull(wasmUrl);
  return module.init();
}

/**
 * Compile a catalog once, to pass as the `catalog` option of many renders:
 * entries (`[{id, type, names, …}]` or `{entities}`), their JSON text, or
 * the bytes of `Catalog.toBytes()` / `rtl-article catalog`.
 */
export async function compile(catalog) {
  const full = await loadFull();
  return typeof catalog === 'string' ? new full.Catalog(catalog) : compileCatalog(catalog, full.Catalog);
}

let sheet = null;

/** The stylesheet as a constructable sheet, fetched once; null if unavailable. */
function stylesheet() {
  if (!sheet) {
    sheet = (async () => {
      if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return null;
      const response = await fetch(CSS_URL);
      if (!response.ok) throw new Error(`${CSS_URL.href}: HTTP ${response.status}`);
      const css = new CSSStyleSheet();
      css.replaceSync(await response.text());
      return css;
    })().catch((err) => {
      console.warn(`rtl-article: the stylesheet could not be loaded; articles render unstyled (${err.message})`);
      return null;
    });
  }
  return sheet;
}

let policy;

/** HTML for `innerHTML`: a TrustedHTML where the page has Trusted Types. */
function trusted(html) {
  if (policy === undefined && globalThis.trustedTypes?.createPolicy) {
    // The core escapes every text and attribute it writes and allowlists
    // URL schemes, so its output passes through unchanged.
    policy = globalThis.trustedTypes.createPolicy('rtl-article', { createHTML: (s) => s });
  }
  return policy ? policy.createHTML(html) : html;
}

/** The one place HTML is set: called by the core with the whole article. */
function write(target, html) {
  target.innerHTML = trusted(html);
}

/**
 * Where an element's article goes: its shadow root (made, with the sheet
 * adopted, when missing). Elements that cannot host a shadow root get the
 * article in their children and the sheet on their document.
 */
function renderRoot(element, css) {
  let root = element.shadowRoot;
  if (!root) {
    try {
      root = element.attachShadow({ mode: 'open' });
    } catch {
      root = null;
    }
  }
  const holder = root ?? element.getRootNode();
  if (css && holder.adoptedStyleSheets && !holder.adoptedStyleSheets.includes(css)) {
    holder.adoptedStyleSheets = [...holder.adoptedStyleSheets, css];
  }
  return root;
}

/**
 * A mounted, enhanced or hydrated article. `meta` describes it;
 * `update(article, options?)` re-renders (options kept when omitted) and
 * resolves to the new meta — a hydrated article loads the full bundle for
 * it; `unmount()` removes the listeners and the rendered article (hydrated
 * markup is left in place until an update replaces it).
 */
class ArticleHandle {
  /** The core's handle: a Mount (full bundle) or a Hydrated (reader bundle). */
  #inner;
  /** The live layer (layer.js). */
  #live;
  #host;
  #hydrated;
  /** The catalog compiled for the current options: `{source, compiled}`. */
  #catalog;

  /** The live layer's options, kept for the layers later renders get. */
  #reader;

  constructor(inner, host, { live = null, hydrated = false, catalog = NO_CATALOG, reader = {} } = {}) {
    this.#inner = inner;
    this.#live = live;
    this.#host = host;
    this.#hydrated = hydrated;
    this.#catalog = catalog;
    this.#reader = reader;
  }

  get #layer() {
    if (!this.#live) throw new Error('rtl-article: the article is unmounted');
    return this.#live;
  }

  /** The reader's highlights as a W3C AnnotationCollection. */
  exportAnnotations() {
    return this.#layer.exportAnnotations();
  }

  /** Add W3C annotations (re-anchored, stored): `{placed, orphans}`. */
  importAnnotations(annotations) {
    return this.#layer.importAnnotations(annotations);
  }

  /** Delete the highlight with `id`. */
  removeAnnotation(id) {
    return this.#layer.removeAnnotation(id);
  }

  /** Open the highlights and notes panel. */
  openPanel() {
    this.#layer.openPanel();
  }

  /** `{id, headline, lang, dir, published, …, warnings}`, or null once unmounted. */
  get meta() {
    return this.#inner ? this.#inner.meta : null;
  }

  async update(article, options) {
    if (!this.#inner) throw new Error('rtl-article: update() after unmount()');
    const { wasm } = await loadFull();
    if (!this.#inner) throw new Error('rtl-article: update() after unmount()');
    let opts;
    let handle;
    if (options !== undefined) {
      this.#reader = readerOptions(options);
      const next = withCatalog(renderOptions(options), wasm.Catalog, this.#catalog);
      [opts, handle] = [next.options, next.handle];
      this.#catalog = next.catalog;
    }
    if (this.#hydrated) {
      // The first render replaces the server-rendered markup.
      const mounted = wasm.mount(this.#host, article, opts ?? {}, write, handle);
      this.#inner.unmount();
      this.#inner = mounted;
      this.#live?.unmount();
      this.#live = await layerFor(this.#host, wasm, this.#reader);
      this.#hydrated = false;
    } else {
      this.#inner.update(article, opts, handle);
      // The text may have changed: the highlights re-anchor.
      this.#live?.refresh(articleIn(this.#host));
    }
    return this.meta;
  }

  unmount() {
    const inner = this.#inner;
    this.#inner = null;
    freeCatalog(this.#catalog);
    this.#catalog = NO_CATALOG;
    this.#live?.unmount();
    this.#live = null;
    // The core frees the handle (and its listeners) even if clearing fails.
    inner?.unmount();
  }
}

const NO_CATALOG = { source: undefined, compiled: null };

/** The rendered article element in `host` (its shadow root, or its children). */
function articleIn(host) {
  return (host.shadowRoot ?? host).querySelector('article.rtl-article') ?? (host.matches?.('article.rtl-article') ? host : null);
}

/** The live layer for the article rendered in `host`, on bundle `wasm` (a promise). */
function layerFor(host, wasm, options) {
  const article = articleIn(host);
  if (!article) throw new Error('rtl-article: no rendered article in the element');
  const root = article.getRootNode() instanceof ShadowRoot ? article.getRootNode() : host;
  return attachLayer(host, root, article, wasm, options);
}

/** The live layer's options (`storage`, `highlights`, `cards`, `user`) of `options`. */
const READER_OPTIONS = ['storage', 'highlights', 'cards', 'user', 'previousIds'];
function readerOptions(options) {
  const out = {};
  if (options && typeof options === 'object') {
    for (const key of READER_OPTIONS) if (key in options) out[key] = options[key];
  }
  return out;
}

/** `options` without the live layer's, for the full bundle's renderer. */
function renderOptions(options) {
  if (!options || typeof options !== 'object') return options;
  const out = { ...options };
  for (const key of READER_OPTIONS) delete out[key];
  return out;
}

/**
 * The core's arguments for `options`, compiling its catalog unless it is the
 * one `previous` compiled: `{options, handle, catalog}` where `catalog` is
 * what to remember for the next call (and `handle` a second handle to it,
 * for this call). A catalog compiled here and replaced is freed.
 */
function withCatalog(options, Catalog, previous = NO_CATALOG) {
  const hasCatalog = options != null && typeof options === 'object' && 'catalog' in options;
  const source = hasCatalog ? options.catalog : undefined;
  if (source === previous.source && previous.compiled) {
    const { catalog: _, ...rest } = options;
    return { options: rest, handle: previous.compiled.share(), catalog: previous };
  }
  freeCatalog(previous);
  if (!hasCatalog) return { options: options ?? {}, handle: undefined, catalog: NO_CATALOG };
  const { catalog: _, ...rest } = options;
  // JSON text too is compiled once here, for the renders that follow.
  const compiled = typeof source === 'string' ? new Catalog(source) : compileCatalog(source, Catalog);
  const catalog = { source, compiled };
  return compiled ? { options: rest, handle: compiled.share(), catalog } : { options, handle: undefined, catalog };
}

/** Free a catalog `withCatalog` compiled (not one the caller passed). */
function freeCatalog({ source, compiled }) {
  if (compiled && compiled !== source) compiled.free();
}

/** The core's arguments for `options`: `[options, catalog handle]`. */
function coreArguments(wasm, options) {
  return splitCatalog(options, wasm.Catalog);
}

/**
 * Render an article to an HTML string: an object in the documented JSON
 * format, its JSON text, or scraped text with `{from: 'text'}`. Rejects with
 * an Error naming the field at fault (`body[3].text: …`).
 */
export async function render(article, options) {
  const { wasm } = await loadFull();
  return wasm.render(article, ...coreArguments(wasm, options));
}

/** Render an article as a complete HTML page (stylesheet inlined). */
export async function renderPage(article, options) {
  const { wasm } = await loadFull();
  return wasm.renderPage(article, ...coreArguments(wasm, options));
}

/** Import an article without rendering: `{article, warnings}`. */
export async function importArticle(article, options) {
  const { wasm } = await loadFull();
  return wasm.importArticle(article, options ?? {});
}

/**
 * Annotate an article: W3C Web Annotations (mentions, dates, numbers,
 * quotations) with text-quote and text-position selectors per text.
 */
export async function annotate(article, options) {
  const { wasm } = await loadFull();
  return wasm.annotate(article, ...coreArguments(wasm, options));
}

/**
 * Render an article into `element` (its shadow root) and return its handle.
 * A catalog in `options` is compiled once for the handle; later updates
 * with the same catalog value reuse it.
 */
export async function mount(element, article, options) {
  const [{ wasm }, css] = await Promise.all([loadFull(), stylesheet()]);
  renderRoot(element, css);
  const reader = readerOptions(options);
  const { options: opts, handle, catalog } = withCatalog(renderOptions(options), wasm.Catalog);
  const inner = wasm.mount(element, article, opts, write, handle);
  return new ArticleHandle(inner, element, { catalog, reader, live: await layerFor(element, wasm, reader) });
}

/**
 * Read the publisher's article markup inside `element`, render the cleaned
 * article into its shadow root (the original stays in the light DOM,
 * unshown) and return the handle.
 */
export async function enhance(element, options) {
  const [{ wasm }, css] = await Promise.all([loadFull(), stylesheet()]);
  renderRoot(element, css);
  const reader = readerOptions(options);
  const { options: opts, handle, catalog } = withCatalog(renderOptions(options), wasm.Catalog);
  const inner = wasm.enhance(element, opts, write, handle);
  return new ArticleHandle(inner, element, { catalog, reader, live: await layerFor(element, wasm, reader) });
}

/**
 * Attach to server-rendered markup (`renderToString` output) inside
 * `element` without re-rendering it: nothing moves, and only the reader
 * bundle is loaded.
 */
export async function hydrate(element, options) {
  await initReader();
  const opts = readerOptions(options);
  const inner = reader.hydrate(element, options ?? {});
  return new ArticleHandle(inner, element, { hydrated: true, reader: opts, live: await layerFor(element, reader, opts) });
}

/**
 * Where a DOM position falls in the article's texts: `{text, offset}` (the
 * text's id and a code-point offset), or null outside the article's texts.
 * Needs `initReader()` (or a `hydrate()`) to have resolved.
 */
export function locate(node, offset) {
  return reader.locate(node, offset);
}

/**
 * The DOM position of code point `offset` of text `text` under `root`:
 * `{node, offset}` (a text node and a UTF-16 offset), or null. Needs
 * `initReader()` to have resolved.
 */
export function position(root, text, offset) {
  return reader.position(root, text, offset);
}

/** Attributes that map to render options. */
const OPTION_ATTRIBUTES = { quotes: 'quotes', digits: 'digits', 'latin-lang': 'latinLang', lang: 'lang', dir: 'dir' };

const Base = globalThis.HTMLElement ?? class {};

/**
 * `<rtl-article>`: renders the article from `src` (JSON, or scraped text with
 * `format="text"` or a `.txt` URL), from an inline
 * `<script type="application/json">` child, or from the article markup it
 * wraps. Server-rendered markup it wraps (`<article class="rtl-article">`,
 * from `renderToString`) is hydrated with the reader bundle alone; the full
 * bundle is fetched only to render. Attributes `quotes`, `digits`,
 * `latin-lang`, `lang` and `dir` are render options; changing any attribute
 * re-renders. Fires `rtl-article:ready` (detail: the article's metadata) or
 * `rtl-article:error` (detail: {message}), both bubbling and composed, and
 * `rtl-article:mention` when an entity mention is clicked.
 */
export class RtlArticleElement extends Base {
  static observedAttributes = ['src', 'format', ...Object.keys(OPTION_ATTRIBUTES)];

  /** The core's handle: a Mount, or a Hydrated for server-rendered markup. */
  #handle = null;
  /** The live layer (layer.js). */
  #live = null;
  #hydrated = false;
  #generation = 0;
  #scheduled = false;
  #fetched = null;
  #extra = {};
  /** The catalog compiled for the options: `{source, compiled}`. */
  #catalog = NO_CATALOG;

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#drop();
    freeCatalog(this.#catalog);
    this.#catalog = NO_CATALOG;
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after && this.isConnected) this.#schedule();
  }

  /** The rendered article's metadata (the ready event's detail), or null. */
  get article() {
    return this.#handle?.meta ?? null;
  }

  /** Options that have no attribute (`catalog`, `annotate`, `published`, …). */
  get options() {
    return { ...this.#extra };
  }

  set options(value) {
    this.#extra = { ...(value ?? {}) };
    if (this.isConnected) this.#schedule();
  }

  #current() {
    if (!this.#live) throw new Error('rtl-article: no article yet (wait for rtl-article:ready)');
    return this.#live;
  }

  /** A live layer for what was just rendered, unless a newer render started. */
  async #layer(generation, wasm, options) {
    const live = await layerFor(this, wasm, options);
    if (generation === this.#generation) return live;
    live.unmount();
    return null;
  }

  /** The reader's highlights as a W3C AnnotationCollection. */
  exportAnnotations() {
    return this.#current().exportAnnotations();
  }

  /** Add W3C annotations, re-anchored and stored: `{placed, orphans}`. */
  importAnnotations(annotations) {
    return this.#current().importAnnotations(annotations);
  }

  /** Delete the highlight with `id`. */
  removeAnnotation(id) {
    return this.#current().removeAnnotation(id);
  }

  /** Open the highlights and notes panel. */
  openPanel() {
    this.#current().openPanel();
  }

  /** Render again (after changing the inline JSON or wrapped markup). */
  refresh() {
    this.#fetched = null;
    this.#schedule();
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Batch attribute changes made in the same task into one render.
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#render().catch((err) => this.#fail(err, this.#generation));
    });
  }

  #drop() {
    const handle = this.#handle;
    const live = this.#live;
    this.#handle = null;
    this.#live = null;
    this.#hydrated = false;
    live?.unmount();
    try {
      handle?.unmount();
    } catch {
      // Already detached: nothing left to clean.
    }
  }

  async #render() {
    const generation = ++this.#generation;
    try {
      const options = { ...this.#extra };
      for (const [attribute, key] of Object.entries(OPTION_ATTRIBUTES)) {
        const value = this.getAttribute(attribute);
        if (value !== null) options[key] = value;
      }
      const input = await this.#input();
      if (input.hydrate && !this.#handle) {
        // Server-rendered: attach with the reader bundle; nothing is rendered.
        await initReader();
        if (generation !== this.#generation) return;
        this.#handle = reader.hydrate(this, readerOptions(options));
        this.#hydrated = true;
        this.#live = await this.#layer(generation, reader, readerOptions(options));
        if (!this.#live) return;
        this.#emit('rtl-article:ready', this.#handle.meta);
        return;
      }
      const [{ wasm }, css] = await Promise.all([loadFull(), stylesheet()]);
      if (generation !== this.#generation) return;
      renderRoot(this, css);
      const live = readerOptions(options);
      const next = withCatalog(renderOptions(options), wasm.Catalog, this.#catalog);
      this.#catalog = next.catalog;
      if (input.enhance || input.hydrate) {
        // Wrapped markup (a hydrated article's own, once options change) is
        // read again and rendered in the shadow root.
        const mounted = wasm.enhance(this, next.options, write, next.handle);
        this.#drop();
        this.#handle = mounted;
        this.#live = await this.#layer(generation, wasm, live);
        if (!this.#live) return;
      } else if (this.#handle && !this.#hydrated) {
        this.#handle.update(input.article, { ...next.options, from: input.from }, next.handle);
        this.#live?.refresh(articleIn(this));
      } else {
        const mounted = wasm.mount(this, input.article, { ...next.options, from: input.from }, write, next.handle);
        this.#drop();
        this.#handle = mounted;
        this.#live = await this.#layer(generation, wasm, live);
        if (!this.#live) return;
      }
      this.#emit('rtl-article:ready', this.#handle.meta);
    } catch (err) {
      this.#fail(err, generation);
    }
  }

  /**
   * The article source: `{article, from}`, `{hydrate: true}` for
   * server-rendered markup, or `{enhance: true}` for other wrapped markup.
   */
  async #input() {
    const src = this.getAttribute('src');
    const format = this.getAttribute('format');
    if (format !== null && format !== 'json' && format !== 'text') {
      throw new Error(`format: expected "json" or "text", found "${format}"`);
    }
    if (src !== null) {
      const url = new URL(src, document.baseURI);
      if (this.#fetched?.url !== url.href) {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`src: ${url.href}: HTTP ${response.status}`);
        this.#fetched = { url: url.href, text: await response.text() };
      }
      const from = format ?? (/\.txt$/i.test(url.pathname) ? 'text' : 'json');
      return { article: this.#fetched.text, from };
    }
    const script = this.querySelector(':scope > script[type="application/json"], :scope > script[type="text/plain"]');
    if (script) {
      return { article: script.textContent, from: format ?? (script.type === 'text/plain' ? 'text' : 'json') };
    }
    if (this.querySelector(':scope > article.rtl-article')) return { hydrate: true };
    if (this.querySelector(':scope > :not(script, template)')) return { enhance: true };
    throw new Error(
      'no article: give a src attribute, a <script type="application/json"> child, or wrap the article markup',
    );
  }

  #fail(err, generation) {
    if (generation !== this.#generation) return;
    if (!this.#handle && this.shadowRoot) {
      // Nothing rendered: let the light-DOM content (the publisher's
      // fallback or original markup) show instead of an empty box.
      this.shadowRoot.replaceChildren(document.createElement('slot'));
    }
    this.#emit('rtl-article:error', { message: err?.message ?? String(err) });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

if (globalThis.customElements && !globalThis.customElements.get('rtl-article')) {
  globalThis.customElements.define('rtl-article', RtlArticleElement);
}
