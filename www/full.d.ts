// Types for `rtl-article/full`: the full bundle's class and loader.
export { Catalog } from './rtl-article.js';

/** Load the full bundle's WebAssembly once for the page. Resolves to its exports. */
export function init(wasmUrl?: string | URL): Promise<unknown>;

/** The core's functions, usable once `init()` has resolved (the shell's `render`, `mount`… wrap them). */
export const wasm: Record<string, unknown>;
