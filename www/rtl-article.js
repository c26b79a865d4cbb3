// rtl-article for the browser: the <rtl-article> element and the functions
// behind it. A thin shell over the WebAssembly core — the core imports,
// renders and annotates; this file loads it once, fetches the stylesheet
// once, sets HTML through a Trusted Types policy and re-dispatches events.
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

import initWasm, * as wasm from './pkg/rtl_article.js';

const WASM_URL = new URL('./pkg/rtl_article_bg.wasm', import.meta.url);
const CSS_URL = new URL('./rtl-article.css', import.meta.url);

let ready = null;

/**
 * Load and instantiate the WebAssembly module, once for the whole page
 * (every element and call shares it). Resolves to the wasm exports.
 * `wasmUrl` overrides where the .wasm is fetched from (first call only).
 */
export function init(wasmUrl) {
  if (!ready) {
    ready = initWasm({ module_or_path: wasmUrl ?? WASM_URL }).catch((err) => {
      // Let a later call retry (a flaky network, say).
      ready = null;
      throw err;
    });
  }
  return ready;
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
 * A mounted article. `meta` describes it; `update(article, options?)`
 * re-renders (options kept when omitted); `unmount()` removes the listeners
 * and the rendered article (hydrated markup is left in place).
 */
class ArticleHandle {
  #inner;

  constructor(inner) {
    this.#inner = inner;
  }

  /** `{id, headline, lang, dir, published, …, warnings}`, or null once unmounted. */
  get meta() {
    return this.#inner ? this.#inner.meta : null;
  }

  update(article, options) {
    if (!this.#inner) throw new Error('rtl-article: update() after unmount()');
    this.#inner.update(article, options);
    return this.meta;
  }

  unmount() {
    const inner = this.#inner;
    this.#inner = null;
    // The core frees the handle (and its listeners) even if clearing fails.
    inner?.unmount();
  }
}

/**
 * Render an article to an HTML string: an object in the documented JSON
 * format, its JSON text, or scraped text with `{from: 'text'}`. Rejects with
 * an Error naming the field at fault (`body[3].text: …`).
 */
export async function render(article, options) {
  await init();
  return wasm.render(article, options ?? {});
}

/** Render an article as a complete HTML page (stylesheet inlined). */
export async function renderPage(article, options) {
  await init();
  return wasm.renderPage(article, options ?? {});
}

/** Import an article without rendering: `{article, warnings}`. */
export async function importArticle(article, options) {
  await init();
  return wasm.importArticle(article, options ?? {});
}

/**
 * Annotate an article: W3C Web Annotations (mentions, dates, numbers,
 * quotations) with text-quote and text-position selectors per block.
 */
export async function annotate(article, options) {
  await init();
  return wasm.annotate(article, options ?? {});
}

/**
 * A compiled topic catalog (`new Catalog(entries)`, `find(text)`,
 * `matchCount(text)`, `toBytes()`, `Catalog.fromBytes(bytes)`, `free()`).
 * Usable once `init()` has resolved.
 */
export const Catalog = wasm.Catalog;

/** Render an article into `element` (its shadow root) and return its handle. */
export async function mount(element, article, options) {
  const [, css] = await Promise.all([init(), stylesheet()]);
  renderRoot(element, css);
  return new ArticleHandle(wasm.mount(element, article, options ?? {}, write));
}

/**
 * Read the publisher's article markup inside `element`, render the cleaned
 * article into its shadow root (the original stays in the light DOM,
 * unshown) and return the handle.
 */
export async function enhance(element, options) {
  const [, css] = await Promise.all([init(), stylesheet()]);
  renderRoot(element, css);
  return new ArticleHandle(wasm.enhance(element, options ?? {}, write));
}

/**
 * Attach to server-rendered markup (`renderToString` output) inside
 * `element` without re-rendering it: nothing moves.
 */
export async function hydrate(element, options) {
  await init();
  return new ArticleHandle(wasm.hydrate(element, options ?? {}, write));
}

/** Attributes that map to render options. */
const OPTION_ATTRIBUTES = { quotes: 'quotes', digits: 'digits', 'latin-lang': 'latinLang', lang: 'lang', dir: 'dir' };

const Base = globalThis.HTMLElement ?? class {};

/**
 * `<rtl-article>`: renders the article from `src` (JSON, or scraped text with
 * `format="text"` or a `.txt` URL), from an inline
 * `<script type="application/json">` child, or from the article markup it
 * wraps. Attributes `quotes`, `digits`, `latin-lang`, `lang` and `dir` are
 * render options; changing any attribute re-renders. Fires
 * `rtl-article:ready` (detail: the article's metadata) or
 * `rtl-article:error` (detail: {message}), both bubbling and composed, and
 * `rtl-article:mention` when an entity mention is clicked.
 */
export class RtlArticleElement extends Base {
  static observedAttributes = ['src', 'format', ...Object.keys(OPTION_ATTRIBUTES)];

  #handle = null;
  #generation = 0;
  #scheduled = false;
  #fetched = null;
  #extra = {};

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#drop();
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
    this.#handle = null;
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
      const [, css] = await Promise.all([init(), stylesheet()]);
      if (generation !== this.#generation) return;
      renderRoot(this, css);
      if (input.enhance) {
        this.#drop();
        this.#handle = new ArticleHandle(wasm.enhance(this, options, write));
      } else if (this.#handle) {
        this.#handle.update(input.article, { ...options, from: input.from });
      } else {
        this.#handle = new ArticleHandle(wasm.mount(this, input.article, { ...options, from: input.from }, write));
      }
      this.#emit('rtl-article:ready', this.#handle.meta);
    } catch (err) {
      this.#fail(err, generation);
    }
  }

  /** The article source: `{article, from}`, or `{enhance: true}` for wrapped markup. */
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
