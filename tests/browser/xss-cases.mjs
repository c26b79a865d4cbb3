// The XSS suite's JavaScript half, shared by tests/browser/xss.test.mjs and
// tests/edge/xss.test.mjs: the corpus (tests/fixtures/xss-vectors.json), the
// articles, catalogs and notes the vectors are put into, and the structural
// check run over Chromium's HTML5 parse of an output (the same rules as
// `problems` in tests/xss.rs, which checks the native front doors with
// html5ever).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The corpus: `[{family, source, vector}]`. */
export const VECTORS = JSON.parse(readFileSync(`${ROOT}tests/fixtures/xss-vectors.json`, 'utf8')).vectors;

/** Arabic words every article holds: the catalog's names and the notes' quotes. */
export const WORDS = { russia: 'روسيا', moscow: 'موسكو', raqqa: 'الرقة', convoy: 'قافلة من 32 سيارة' };

/**
 * One article holding `batch` (a few vectors): every string field gets one,
 * rotated by `turn` so that across the batches every vector meets every
 * field. Links, figures, quotations, lists, related links, tags, the
 * publisher and editorial notes (anchored on Arabic words, so their
 * markers and popovers are rendered) included.
 */
export function articleFor(batch, turn) {
  let k = turn;
  const v = () => batch[k++ % batch.length];
  return {
    id: `xss-${turn}-${v()}`,
    headline: `${v()} ${WORDS.russia}`,
    standfirst: [`${v()} `, { strong: v() }, ` ${WORDS.moscow}`],
    byline: v(),
    section: v(),
    tags: [v(), v()],
    url: v(),
    publisher: { name: v(), url: v(), logo: v() },
    lead: { src: v(), alt: v(), caption: v(), credit: v() },
    body: [
      {
        type: 'paragraph',
        text: [`أعلنت ${WORDS.russia} ${v()} `, { link: [v(), { em: v() }], href: v(), title: v() }, ` في ${WORDS.raqqa} وقالت ${WORDS.moscow}.`],
      },
      { type: 'heading', level: 2, text: `${WORDS.convoy} ${v()}` },
      { type: 'paragraph', text: [{ link: WORDS.raqqa, href: v() }, ` ${v()} `, { strong: [v(), { em: v() }] }] },
      { type: 'blockquote', text: v(), attribution: [v(), { em: v() }], cite: v() },
      { type: 'pull_quote', text: v(), attribution: v() },
      { type: 'list', ordered: true, items: [v(), [v(), { strong: v() }]] },
      { type: 'list', ordered: false, items: [v()] },
      { type: 'figure', src: v(), alt: v(), caption: v(), credit: v() },
      { type: 'related', title: v(), links: [{ title: v(), url: v() }] },
    ],
    related: [{ title: v(), url: v() }, { title: v(), url: 'https://example.com/ok' }],
    notes: [
      {
        id: v(),
        type: 'Annotation',
        motivation: 'assessing',
        creator: { name: v(), id: v() },
        body: [{ type: 'TextualBody', value: v(), language: 'ar' }, v()],
        target: { source: v(), selector: [{ type: 'TextQuoteSelector', exact: WORDS.convoy, prefix: '', suffix: '' }] },
      },
      { motivation: 'describing', bodyValue: v(), creator: v(), target: { selector: { type: 'TextQuoteSelector', exact: WORDS.russia } } },
      { motivation: 'commenting', bodyValue: v(), target: v() },
      { motivation: 'editing', bodyValue: v(), target: { selector: { type: 'TextQuoteSelector', exact: v() } } },
    ],
  };
}

/** A catalog whose entries hold the vectors in every string field that may hold anything (id, names, description). */
export function catalogFor(batch, turn) {
  const v = (i) => batch[(turn + i) % batch.length];
  return [
    { id: v(0), type: 'place', names: [WORDS.russia, v(1)], url: 'https://example.com/topics/russia', description: v(2) },
    { id: `${v(3)}-2`, type: 'place', names: [WORDS.moscow], description: v(4) },
    { id: `${v(5)}-3`, type: 'place', names: [WORDS.raqqa], url: '/topics/raqqa', description: v(6) },
  ];
}

/** Reader notes (what `importAnnotations` and a localStorage entry hold) with the vectors in every string. */
export function readerNotes(batch, turn) {
  const v = (i) => batch[(turn + i) % batch.length];
  return [
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: v(0),
      type: 'Annotation',
      motivation: 'highlighting',
      created: v(1),
      modified: v(2),
      creator: v(3),
      body: [{ type: 'TextualBody', value: v(4), purpose: 'commenting', format: v(5) }],
      target: { source: v(6), selector: [{ type: 'TextQuoteSelector', exact: 'وقالت موسكو', prefix: v(7), suffix: v(0) }] },
    },
    {
      id: `${v(1)}#2`,
      type: 'Annotation',
      motivation: 'commenting',
      creator: { name: v(2), id: v(3) },
      bodyValue: v(4),
      target: { source: v(5), selector: [{ type: 'TextQuoteSelector', exact: 'أعلنت روسيا' }] },
    },
    // An orphan: its quote is a vector, listed in the panel.
    { id: `${v(6)}#3`, type: 'Annotation', bodyValue: v(7), target: { selector: [{ type: 'TextQuoteSelector', exact: v(0) }] } },
  ];
}

/** The vectors in batches of `size`. */
export function batches(size) {
  const out = [];
  const all = VECTORS.map((v) => v.vector);
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

/**
 * In the page (pass to `page.evaluate`): the problems of the DOM under
 * `root` (a node, or an HTML string parsed with DOMParser as a fragment of
 * a document body, or with `page` as a whole document). `strict` applies
 * to the rendered article (no style attribute, no forbidden element); the
 * live layer's own controls (cards, panel, toolbar) may hold buttons, a
 * textarea and CSSOM positions, but never a script, a handler or a script
 * URL.
 */
export function inspectInPage(arg) {
  const FORBIDDEN = new Set([
    'style', 'iframe', 'object', 'embed', 'form', 'base', 'meta', 'svg', 'math', 'link', 'frame',
    'frameset', 'applet', 'template', 'noscript', 'input', 'select', 'video', 'audio', 'source', 'portal',
    'isindex', 'keygen', 'plaintext', 'xmp', 'noembed', 'noframes', 'marquee', 'title', 'textarea', 'button',
  ]);
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'cite', 'background', 'ping', 'codebase', 'longdesc']);
  const dangerous = (value) => {
    // eslint-disable-next-line no-control-regex
    const v = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '').toLowerCase();
    return /^(javascript|vbscript|data):/.test(v);
  };
  const problems = [];
  const check = (root, { page = false, live = false } = {}) => {
    const walk = (node, inArticle, inHead) => {
      for (const el of node.children ?? []) {
        const name = el.localName;
        const article = inArticle || name === 'article';
        const head = inHead || name === 'head';
        if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`foreign <${name}> (${el.namespaceURI})`);
        for (const { name: a, value } of el.attributes) {
          if (a.startsWith('on') || ['srcdoc', 'formaction', 'http-equiv', 'form', 'is'].includes(a)) problems.push(`<${name} ${a}="${value}">`);
          if ((URL_ATTRS.has(a) || a.endsWith(':href')) && dangerous(value)) problems.push(`<${name} ${a}="${value}">: script URL`);
          if (a === 'srcset' && value.split(',').some((c) => dangerous(c.trim().split(' ')[0]))) problems.push(`<${name} srcset="${value}">`);
          // The live layer places popovers through the CSSOM (position, inset,
          // margin): never a URL or a function.
          const placed = live && !/[()\\]|url|expression/i.test(value);
          if (a === 'style' && article && !placed) problems.push(`<${name} style="${value}"> in the article`);
        }
        if (name === 'script') {
          if (el.getAttribute('type') !== 'application/ld+json' || el.attributes.length !== 1) {
            problems.push(`script: ${el.outerHTML.slice(0, 200)}`);
          } else {
            const text = el.textContent;
            if (/<\/script|<!--|<script/i.test(text)) problems.push(`JSON-LD breakout: ${text.slice(0, 200)}`);
            try {
              JSON.parse(text);
            } catch (e) {
              problems.push(`JSON-LD is not JSON: ${e.message}`);
            }
          }
          continue;
        }
        if (page && head) {
          const ok =
            (name === 'meta' && !el.hasAttribute('http-equiv') && (el.hasAttribute('charset') || ['viewport', 'color-scheme', 'description'].includes(el.getAttribute('name')))) ||
            (name === 'link' && el.getAttribute('rel') === 'canonical' && el.attributes.length === 2) ||
            (name === 'style' && el.attributes.length === 0) ||
            name === 'title' || name === 'head';
          if (!ok) problems.push(`in the page head: ${el.outerHTML.slice(0, 200)}`);
          walk(el, article, head);
          continue;
        }
        const marker = name === 'button' && el.getAttribute('type') === 'button' && el.classList.contains('note-marker');
        // The live layer's own controls (toolbar, panel, cards): data-added, rtl- classes.
        const control = live && ['button', 'textarea'].includes(name) && el.hasAttribute('data-added') && /^rtl-/.test(el.className);
        if (control) continue;
        if (article && FORBIDDEN.has(name) && !marker) problems.push(`forbidden in the article: ${el.outerHTML.slice(0, 200)}`);
        if (!article && ['script', 'style', 'iframe', 'object', 'embed', 'form', 'base', 'meta', 'svg', 'math', 'link', 'frame', 'template'].includes(name)) {
          problems.push(`forbidden beside the article: ${el.outerHTML.slice(0, 200)}`);
        }
        walk(el, article, head);
        if (el.shadowRoot) walk(el.shadowRoot, article, head);
      }
    };
    walk(root, false, false);
  };
  const policy = (globalThis.__xssPolicy ??= globalThis.trustedTypes?.createPolicy
    ? trustedTypes.createPolicy('xss-test', { createHTML: (s) => s, createScript: (s) => s })
    : { createHTML: (s) => s, createScript: (s) => s });
  for (const item of arg.html ?? []) {
    const page = item.startsWith('<!doctype');
    const doc = new DOMParser().parseFromString(policy.createHTML(page ? item : `<!doctype html><body>${item}`), 'text/html');
    const before = problems.length;
    check(page ? doc : doc.body, { page });
    if (problems.length > before) problems.push(`--- in: ${item.slice(0, 300)}`);
  }
  if (arg.selector) {
    for (const host of document.querySelectorAll(arg.selector)) check(host.shadowRoot ?? host, { live: true });
  }
  return problems;
}
