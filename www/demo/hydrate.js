// The hydration view: the article arrived as server-rendered HTML (from
// renderToString at build time); hydrate() attaches the live layer to it —
// entity cards, the editorial notes, highlights and their panel — without
// re-rendering it, so nothing on the page moves.

import { hydrate } from '../dist/rtl-article.js';

const host = document.getElementById('host');
const status = document.getElementById('status');

// The events a publisher would listen to (the card opens by itself).
host.addEventListener('rtl-article:mention', (event) => {
  const bdi = document.createElement('bdi');
  bdi.textContent = event.detail.text;
  status.replaceChildren('Mention: “', bdi, `” → ${event.detail.id}`);
});

// What a publisher's backend would store (the demo keeps them in localStorage).
for (const type of ['create', 'update', 'delete']) {
  host.addEventListener(`rtl-article:annotation-${type}`, (event) => {
    const quote = [event.detail.annotation.target.selector].flat().find((s) => s.type === 'TextQuoteSelector');
    const bdi = document.createElement('bdi');
    bdi.textContent = quote?.exact ?? '';
    status.replaceChildren(`Highlight ${type}d: “`, bdi, '”');
  });
}

try {
  const handle = await hydrate(host);
  const bdi = document.createElement('bdi');
  bdi.textContent = handle.meta.headline;
  status.replaceChildren('Hydrated “', bdi, '” in place: no re-render.');
} catch (err) {
  status.textContent = `Error: ${err.message}`;
}
