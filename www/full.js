// The full bundle for the browser: render, annotate, import and the Catalog
// class, for pages that render in the page. `rtl-article.js` loads this
// module only when it must render (a server-rendered page never does);
// import it directly (`rtl-article/full`) to have `Catalog` at hand.
//
//   import { init, Catalog } from 'rtl-article/full';
//   await init();
//   const catalog = new Catalog(entries);

import initWasm, * as wasm from './pkg/rtl_article.js';

const WASM_URL = new URL('./pkg/rtl_article_bg.wasm', import.meta.url);

let ready = null;

/**
 * Load and instantiate the full bundle's WebAssembly, once for the whole
 * page. Resolves to the wasm exports. `wasmUrl` overrides where the .wasm is
 * fetched from (first call only).
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

/** A compiled topic catalog (usable once `init()` has resolved). */
export const Catalog = wasm.Catalog;

/** The core's functions (usable once `init()` has resolved). */
export { wasm };
