// The demo page: the toolbar sets <rtl-article> attributes (quotes, digits)
// and options (annotation with a small catalog and the seed's editorial
// notes, on by default); the status line reports the element's events —
// mentions (whose cards open by themselves), highlights made, changed and
// deleted. External module, so the page works under a strict CSP.

import '../dist/rtl-article.js';

const element = document.getElementById('seed');
const controls = document.getElementById('controls');
const status = document.getElementById('status');

const json = (name) =>
  fetch(new URL(`./${name}`, import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
    return r.json();
  });
let data = null;

async function annotateOptions(on) {
  if (!on) return {};
  data ??= Promise.all([json('catalog.json'), json('notes.json')]);
  const [catalog, notes] = await data;
  return { annotate: true, catalog, notes };
}

// Annotated from the start: the source is set once the options are, so
// the element renders once, with them.
const initial = annotateOptions(controls.elements.annotate.checked).then((options) => {
  element.options = options;
  element.classList.toggle('highlight', controls.elements.annotate.checked);
  element.setAttribute('src', element.dataset.src);
});
initial.catch((err) => {
  status.textContent = `Error: ${err.message}`;
});

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
  // The card opens by itself; a publisher with cards of its own would call
  // event.preventDefault() here.
  const { id, type, text } = event.detail;
  say('Mention: “', { rtl: text }, `” → ${id} (${type})`);
});

// What a publisher's backend would store (the demo keeps them in localStorage).
for (const [type, verb] of [
  ['create', 'Highlighted'],
  ['update', 'Note saved on'],
  ['delete', 'Deleted the highlight of'],
]) {
  element.addEventListener(`rtl-article:annotation-${type}`, (event) => {
    const quote = [event.detail.annotation.target.selector].flat().find((s) => s.type === 'TextQuoteSelector');
    say(`${verb} “`, { rtl: quote?.exact ?? '' }, '”.');
  });
}
