// The catalog option, shared by every entry point (browser, Node, edge): a
// compiled Catalog (or its bytes, or its entries as an object) is passed to
// the core as its own argument — a handle to the same automaton, never a
// copy — and only JSON text goes through the options object.

/**
 * Split `options` into the options the core reads and a Catalog handle for
 * one call. `Catalog` is the full bundle's class. A Catalog is passed as a
 * second handle (`share()`: the caller keeps theirs); entries or bytes are
 * compiled here and the compiled catalog itself is handed over, so the call
 * frees it. Callers that render repeatedly pass a Catalog (the element and
 * mount handles compile once and keep it). Returns `[options, handle]`;
 * `handle` is undefined without a catalog.
 */
export function splitCatalog(options, Catalog) {
  if (options == null || typeof options !== 'object' || !('catalog' in options)) return [options ?? {}, undefined];
  const { catalog, ...rest } = options;
  if (catalog instanceof Catalog) return [rest, catalog.share()];
  const compiled = compileCatalog(catalog, Catalog);
  if (compiled === null) return [options, undefined];
  return [rest, compiled];
}

/**
 * A Catalog for the `catalog` option's value: the Catalog itself, one
 * compiled from bytes or from an entries object, or null for what the core
 * reads itself (JSON text, absent, or a wrong type it reports).
 */
export function compileCatalog(catalog, Catalog) {
  if (catalog instanceof Catalog) return catalog;
  if (catalog instanceof Uint8Array) return Catalog.fromBytes(catalog);
  if (catalog instanceof ArrayBuffer) return Catalog.fromBytes(new Uint8Array(catalog));
  if (catalog !== null && typeof catalog === 'object') return new Catalog(catalog);
  return null;
}
