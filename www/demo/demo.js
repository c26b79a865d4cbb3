// The demo page: the toolbar sets <rtl-article> attributes (quotes, digits)
// and options (annotate with a small catalog); the status line reports the
// element's events. External module, so the page works under a strict CSP.

import '../dist/rtl-article.js';

const element = document.getElementById('seed');
const controls = document.getElementById('controls');
const status = document.getElementById('status');

let catalog = null;

async function annotateOptions(on) {
  if (!on) return {};
  catalog ??= fetch(new URL('./catalog.json', import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`catalog.json: HTTP ${r.status}`);
    return r.json();
  });
  return { annotate: true, catalog: await catalog };
}

controls.addEventListener('change', async (event) => {
  const { name } = event.target;
  if (name === 'quotes' || name === 'digits') {
    element.setAttribute(name, event.target.value);
  } else if (name === 'annotate') {
    try {
      element.options = await annotateOptions(event.target.checked);
      // The theming surface shows what was found (see rtl-article.css).
      element.classList.toggle('highlight', event.target.checked);
    } catch (err) {
      status.textContent = `Error: ${err.message}`;
    }
  }
});

/** Status text with the Arabic parts isolated (<bdi>), so they cannot reorder the English around them. */
function say(...parts) {
  status.replaceChildren(
    ...parts.map((part) => {
      if (typeof part === 'string') return part;
      const bdi = document.createElement('bdi');
      bdi.textContent = part.rtl;
      return bdi;
    }),
  );
}

element.addEventListener('rtl-article:ready', (event) => {
  const { headline, blocks, annotations, warnings } = event.detail;
  const found = annotations ? `, ${annotations} annotations` : '';
  const warned = warnings.length ? `, ${warnings.length} import warnings` : '';
  say('Rendered “', { rtl: headline }, `”: ${blocks} blocks${found}${warned}.`);
});

element.addEventListener('rtl-article:error', (event) => {
  status.textContent = `Error: ${event.detail.message}`;
});

element.addEventListener('rtl-article:mention', (event) => {
  // A page would open a popover here; the demo names the entity instead of
  // following the link.
  event.preventDefault();
  const { id, type, text } = event.detail;
  say('Mention: “', { rtl: text }, `” → ${id} (${type})`);
});
