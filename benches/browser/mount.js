// Mount benchmark: what mount() costs over the floor the browser sets.
//
// The floor is parsing the identical final markup with innerHTML into an
// identical shadow root (same adopted stylesheet) — what any renderer must
// pay to show the article. Both sides are timed to a forced layout
// (offsetHeight), alternately, on fresh elements; render() alone is timed
// too. Exposes `window.benchmark({runs})` for scripts/bench.mjs.
import * as rtl from '/www/dist/rtl-article.js';

import { median } from '/benches/browser/timing.js';
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const stage = document.getElementById('stage');

/** Mount the seed on a fresh element; returns [ms, element, handle]. */
async function timedMount(seed) {
  const el = document.createElement('div');
  stage.append(el);
  const t0 = performance.now();
  const handle = await rtl.mount(el, seed);
  void el.offsetHeight;
  const ms = performance.now() - t0;
  return [ms, el, handle];
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

window.benchmark = async ({ runs = 200, warmup = 20 } = {}) => {
  await rtl.init();
  const seed = await (await fetch('/www/generated/seed.json')).json();

  // The final markup a mount leaves, and the stylesheets it adopted.
  const [, probe, probeHandle] = await timedMount(seed);
  const shadow = Boolean(probe.shadowRoot);
  const root = probe.shadowRoot ?? probe;
  const markup = root.innerHTML;
  const sheets = shadow ? [...probe.shadowRoot.adoptedStyleSheets] : [];
  probeHandle.unmount();
  probe.remove();

  const mountMs = [];
  const innerMs = [];
  const renderMs = [];
  for (let i = 0; i < warmup + runs; i++) {
    const [ms, el, handle] = await timedMount(seed);
    handle.unmount();
    el.remove();
    const floor = timedInnerHTML(markup, sheets, shadow);
    const t0 = performance.now();
    const html = await rtl.render(seed);
    const renderOnly = performance.now() - t0;
    if (typeof html !== 'string') throw new Error('render() did not return a string');
    if (i >= warmup) {
      mountMs.push(ms);
      innerMs.push(floor);
      renderMs.push(renderOnly);
    }
  }
  const row = (what, xs) => ({
    'what': what,
    'median ms': median(xs).toFixed(3),
    'p90 ms': quantile(xs, 0.9).toFixed(3),
    'vs innerHTML': (median(xs) / median(innerMs)).toFixed(2) + '×',
  });
  return {
    title: `Mount the seed article (${runs} runs after ${warmup} warm-up, median)`,
    notes: [
      `markup: ${markup.length} UTF-16 units${shadow ? ', in a shadow root with the adopted stylesheet' : ''}`,
      `timer resolution: ${self.crossOriginIsolated ? 'cross-origin isolated (5 µs)' : 'coarse (100 µs)'}`,
    ],
    rows: [
      row('`mount(el, seed)` to layout', mountMs),
      row('`innerHTML` of the same markup to layout (floor)', innerMs),
      row('`render(seed)` only (string, no DOM)', renderMs),
    ],
  };
};
window.benchmarkReady = true;
