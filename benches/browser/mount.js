// Mount benchmark: what mount() costs over the floor the browser sets.
//
// Two configurations, as the demo has them: the seed article without
// annotation, and annotated (the demo's small catalog, compiled once
// before the timed runs as a page would, with the seed's editorial notes).
// Each has its own floor: parsing the identical final markup that
// configuration leaves with innerHTML into an identical shadow root (same
// adopted stylesheet) — what any renderer must pay to show the article.
// Mount and floor are timed to a forced layout (offsetHeight), alternately,
// on fresh elements, and the configurations interleave, so one run's ratios
// compare like with like; render() alone is timed too. Exposes
// `window.benchmark({runs})` for scripts/bench.mjs.
import { median } from '/benches/browser/timing.js';
// `?source`: the unminified modules (www/), for profiles with readable names.
const rtl = await import(new URLSearchParams(location.search).has('source') ? '/www/rtl-article.js' : '/www/dist/rtl-article.js');
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const stage = document.getElementById('stage');

/**
 * Mount the seed on a fresh element; returns [ms, element, handle, ready
 * ms]: to layout (what a reader first sees), and to the live layer ready —
 * the part of its setup that waits for the page to be idle (JSON-LD,
 * editorial notes, stored highlights), forced at once here by a handle
 * call, as a reader's first click or selection would, and laid out again.
 */
async function timedMount(seed, options) {
  const el = document.createElement('div');
  stage.append(el);
  const t0 = performance.now();
  const handle = await rtl.mount(el, seed, options);
  void el.offsetHeight;
  const ms = performance.now() - t0;
  handle.exportAnnotations();
  void el.offsetHeight;
  const ready = performance.now() - t0;
  return [ms, el, handle, ready];
}

/** Set `markup` into a fresh element shaped like a mounted one. */
function timedInnerHTML(markup, sheets, shadow) {
  const el = document.createElement('div');
  stage.append(el);
  const t0 = performance.now();
  const target = shadow ? el.attachShadow({ mode: 'open' }) : el;
  if (shadow) target.adoptedStyleSheets = sheets;
  target.innerHTML = markup;
  void el.offsetHeight;
  const ms = performance.now() - t0;
  el.remove();
  return ms;
}

/** The final markup a mount with `options` leaves, and the sheets it adopted. */
async function probe(seed, options) {
  const [, el, handle] = await timedMount(seed, options);
  const shadow = Boolean(el.shadowRoot);
  const markup = (el.shadowRoot ?? el).innerHTML;
  const sheets = shadow ? [...el.shadowRoot.adoptedStyleSheets] : [];
  handle.unmount();
  el.remove();
  return { markup, sheets, shadow };
}

const json = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
};

// `only`: one configuration's name (for profiles).
window.benchmark = async ({ runs = 200, warmup = 20, only } = {}) => {
  await rtl.init();
  const [seed, entries, notes] = await Promise.all([
    json('/www/generated/seed.json'),
    json('/www/demo/catalog.json'),
    json('/www/demo/notes.json'),
  ]);
  // Compiled once, as a page that mounts many articles would.
  const catalog = await rtl.compile(entries);
  const configs = [
    { name: 'plain', label: 'no annotation', options: undefined },
    { name: 'annotated', label: `annotated (catalog of ${catalog.size}, notes)`, options: { annotate: true, catalog, notes } },
  ].filter((c) => !only || c.name === only);
  for (const c of configs) {
    Object.assign(c, await probe(seed, c.options), { mountMs: [], readyMs: [], innerMs: [], renderMs: [] });
  }

  for (let i = 0; i < warmup + runs; i++) {
    for (const c of configs) {
      const [ms, el, handle, ready] = await timedMount(seed, c.options);
      handle.unmount();
      el.remove();
      const floor = timedInnerHTML(c.markup, c.sheets, c.shadow);
      const t0 = performance.now();
      const html = await rtl.render(seed, c.options);
      const renderOnly = performance.now() - t0;
      if (typeof html !== 'string') throw new Error('render() did not return a string');
      if (i >= warmup) {
        c.mountMs.push(ms);
        c.readyMs.push(ready);
        c.innerMs.push(floor);
        c.renderMs.push(renderOnly);
      }
    }
  }
  const rows = [];
  for (const c of configs) {
    const row = (what, xs) => ({
      'what': what,
      'median ms': median(xs).toFixed(3),
      'p90 ms': quantile(xs, 0.9).toFixed(3),
      'vs innerHTML': (median(xs) / median(c.innerMs)).toFixed(2) + '×',
    });
    const opts = c.options ? ', options' : '';
    rows.push(
      row(`${c.label}: \`mount(el, seed${opts})\` to layout`, c.mountMs),
      row(`${c.label}: \`mount(el, seed${opts})\` to layout, then the layer's deferred setup (forced) and layout again`, c.readyMs),
      row(`${c.label}: \`innerHTML\` of the same markup to layout (floor)`, c.innerMs),
      row(`${c.label}: \`render(seed${opts})\` only (string, no DOM)`, c.renderMs),
    );
  }
  return {
    title: `Mount the seed article (${runs} runs after ${warmup} warm-up, median)`,
    notes: [
      ...configs.map((c) => `${c.label}: markup ${c.markup.length} UTF-16 units${c.shadow ? ', in a shadow root with the adopted stylesheet' : ''}`),
      'annotated: `{annotate: true, catalog, notes}` — the demo’s catalog (www/demo/catalog.json, compiled once before the runs) and notes (www/demo/notes.json)',
      `timer resolution: ${self.crossOriginIsolated ? 'cross-origin isolated (5 µs)' : 'coarse (100 µs)'}`,
    ],
    rows,
  };
};
window.benchmarkReady = true;
