// The hydration view: the article arrived as server-rendered HTML (from
// renderToString at build time); hydrate() attaches listeners to it without
// writing any HTML, so nothing on the page moves.

import { hydrate } from '../rtl-article.js';

const host = document.getElementById('host');
const status = document.getElementById('status');

host.addEventListener('rtl-article:mention', (event) => {
  event.preventDefault();
  const bdi = document.createElement('bdi');
  bdi.textContent = event.detail.text;
  status.replaceChildren('Mention: “', bdi, `” → ${event.detail.id}`);
});

try {
  const handle = await hydrate(host);
  const bdi = document.createElement('bdi');
  bdi.textContent = handle.meta.headline;
  status.replaceChildren('Hydrated “', bdi, '” in place: no re-render.');
} catch (err) {
  status.textContent = `Error: ${err.message}`;
}
